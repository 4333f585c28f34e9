#!/usr/bin/python3
"""Check that a Graphviz SVG picture stays legible (docs/pictures.md).

Measured in the SVG as drawn:
  - label over label: edge labels, cluster labels and the title;
  - label over node: a label over a node's drawn shape;
  - label over edge: a label that another edge's curve runs through;
  - edge through node: an edge's curve through a node it does not join.
Labels are the text of edges (types and dates, or a key number), of
clusters (country names) and the graph's title; nodes are their drawn
shapes (polygons, ellipses), or their text's box when they draw none
(plaintext). SVG keeps no text widths, so a line is taken as 0.5 em a
character, a little under Helvetica's average, and boxes are shrunk by a
point or two: only clear faults are reported. Curves are Graphviz's cubic
Beziers, sampled every point or so.

Exit 1 on any fault, with one line for each and a count per kind.
Usage: check_svg_labels.py [--only KIND,...] PICTURE.svg...
KINDs: label-label, label-node, label-edge, edge-node.
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ("label-label", "label-node", "label-edge", "edge-node")


def text_box(t):
    size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
    w = len(t.text or "") * size * 0.5
    x0 = {"middle": x - w / 2, "start": x, "end": x - w}[t.get("text-anchor", "start")]
    return (x0, y - size * 0.7, x0 + w, y + size * 0.15)


def union(a, b):
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def path_points(d, step=1.0):
    """Points along an SVG path of M and C commands (Graphviz writes no others)."""
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]
    cmds = re.findall(r"[A-Za-z]", d)
    if not nums or cmds[:1] != ["M"] or any(c not in "MC" for c in cmds):
        return []
    pts = list(zip(nums[0::2], nums[1::2]))
    out, cur = [pts[0]], pts[0]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = cur, pts[i], pts[i + 1], pts[i + 2]
        length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1])
                     for a, b in ((p0, p1), (p1, p2), (p2, p3)))
        n = max(1, int(length / step))
        for k in range(1, n + 1):
            u = k / n
            v = 1 - u
            out.append((v**3 * p0[0] + 3 * v * v * u * p1[0] + 3 * v * u * u * p2[0] + u**3 * p3[0],
                        v**3 * p0[1] + 3 * v * v * u * p1[1] + 3 * v * u * u * p2[1] + u**3 * p3[1]))
        cur = p3
    return out


class Node:
    def __init__(self, name, kind, data, box):
        self.name, self.kind, self.data, self.box = name, kind, data, box

    def contains(self, p, margin):
        """Is p inside the shape, at least margin points from its border?"""
        x, y = p
        if self.kind == "ellipse":
            cx, cy, rx, ry = self.data
            rx, ry = rx - margin, ry - margin
            return rx > 0 and ry > 0 and ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1
        if self.kind == "polygon":
            b = self.box
            if not (b[0] + margin < x < b[2] - margin and b[1] + margin < y < b[3] - margin):
                return False
            inside, pts = False, self.data
            for i in range(len(pts)):
                (x0, y0), (x1, y1) = pts[i], pts[i - 1]
                if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
            if not inside:
                return False
            # margin points from every side
            for i in range(len(pts)):
                (x0, y0), (x1, y1) = pts[i], pts[i - 1]
                dx, dy = x1 - x0, y1 - y0
                ll = dx * dx + dy * dy
                t = 0 if ll == 0 else max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / ll))
                if (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 < margin * margin:
                    return False
            return True
        b = self.box
        return b[0] + margin < x < b[2] - margin and b[1] + margin < y < b[3] - margin


def parse(path):
    labels, nodes, edges = [], {}, []
    root = ET.parse(path).getroot()
    for g in root.iter(SVG + "g"):
        kind = g.get("class")
        title = g.find(SVG + "title")
        tname = title.text if title is not None else "?"
        # inside links (<a>) too; the graph's own: its title
        texts = list(g.findall(SVG + "text") if kind == "graph" else g.iter(SVG + "text"))
        if kind == "node":
            node = None
            for shape in g.iter():
                if shape.tag == SVG + "polygon" and shape.get("stroke") != "transparent":
                    pts = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
                    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                    node = Node(tname, "polygon", pts, (min(xs), min(ys), max(xs), max(ys)))
                    break
                if shape.tag == SVG + "ellipse":
                    cx, cy, rx, ry = (float(shape.get(k)) for k in ("cx", "cy", "rx", "ry"))
                    node = Node(tname, "ellipse", (cx, cy, rx, ry),
                                (cx - rx, cy - ry, cx + rx, cy + ry))
                    break
            if node is None:
                box = None
                for t in texts:
                    box = union(box, text_box(t))
                if box is None:
                    continue
                node = Node(tname, "box", None, box)
            nodes[tname] = node
        elif kind in ("edge", "cluster", "graph"):
            box = None
            for t in texts:
                box = union(box, text_box(t))
            if box:
                labels.append(("%s %s" % (kind, tname),) + box)
            if kind == "edge":
                curve = []
                for p in g.iter(SVG + "path"):
                    curve += path_points(p.get("d"))
                ends = tname.split("->") if "->" in tname else tname.split("--")
                edges.append((tname, ends, curve))
    return labels, nodes, edges


def overlap(a, b, slack=1.0):
    return (a[1] < b[3] - slack and b[1] < a[3] - slack and
            a[2] < b[4] - slack and b[2] < a[4] - slack)


def inner_box(n):
    """The part of a node's shape a label must keep off: an ellipse's inner box."""
    if n.kind == "ellipse":
        cx, cy, rx, ry = n.data
        return (n.name, cx - rx * 0.7, cy - ry * 0.7, cx + rx * 0.7, cy + ry * 0.7)
    return (n.name,) + n.box


def check(path, kinds):
    labels, nodes, edges = parse(path)
    faults = []
    if "label-label" in kinds or "label-node" in kinds:
        for i, a in enumerate(labels):
            others = (labels[i + 1:] if "label-label" in kinds else [])
            others += [inner_box(n) for n in nodes.values()] if "label-node" in kinds else []
            for b in others:
                if overlap(a, b):
                    k = "label-label" if b in labels else "label-node"
                    faults.append((k, "%s overlaps %s" % (a[0], b[0])))
    if "label-edge" in kinds:
        for lab in labels:
            x0, y0, x1, y1 = lab[1] + 1.5, lab[2] + 1.5, lab[3] - 1.5, lab[4] - 1.5
            for name, _, curve in edges:
                if lab[0] == "edge " + name:
                    continue
                if any(x0 < x < x1 and y0 < y < y1 for x, y in curve):
                    faults.append(("label-edge", "edge %s runs through %s" % (name, lab[0])))
    if "edge-node" in kinds:
        for name, ends, curve in edges:
            for n in nodes.values():
                if n.name in ends:
                    continue
                b = n.box
                near = [p for p in curve if b[0] < p[0] < b[2] and b[1] < p[1] < b[3]]
                if any(n.contains(p, 1.5) for p in near):
                    faults.append(("edge-node", "edge %s passes through node %s" % (name, n.name)))
    return faults


def main(argv):
    kinds = KINDS
    if len(argv) > 1 and argv[1].startswith("--only"):
        kinds = tuple(argv[1].split("=", 1)[1].split(",")) if "=" in argv[1] else tuple(argv[2].split(","))
        argv = argv[:1] + argv[(2 if "=" in argv[1] else 3):]
    total = 0
    for path in argv[1:]:
        faults = check(path, kinds)
        for k, what in faults:
            print("%s: %s: %s" % (path, k, what))
        if faults:
            counts = {}
            for k, _ in faults:
                counts[k] = counts.get(k, 0) + 1
            print("%s: %d faults (%s)" % (path, len(faults),
                                          ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
        total += len(faults)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
