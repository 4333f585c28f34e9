#!/usr/bin/python3
"""Check that no label in a Graphviz SVG overlaps another label or a node.

Labels are the text of edges (types and dates) and of clusters (country
names); nodes are their drawn shapes' bounding boxes (an ellipse's inner
box). SVG keeps no text widths, so a line is taken as 0.5 em a character,
a little under Helvetica's average: only a clear overlap is reported.
Exit 1 on any overlap. Usage: check_svg_labels.py PICTURE.svg...
"""
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def boxes(path):
    labels, nodes = [], []
    for g in ET.parse(path).getroot().iter(SVG + "g"):
        kind = g.get("class")
        title = g.find(SVG + "title")
        name = "%s %s" % (kind, title.text if title is not None else "?")
        if kind == "node":
            for shape in g:
                if shape.tag == SVG + "polygon":
                    pts = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
                    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                    nodes.append((name, min(xs), min(ys), max(xs), max(ys)))
                    break
                if shape.tag == SVG + "ellipse":
                    cx, cy, rx, ry = (float(shape.get(k)) for k in ("cx", "cy", "rx", "ry"))
                    nodes.append((name, cx - rx * 0.7, cy - ry * 0.7, cx + rx * 0.7, cy + ry * 0.7))
                    break
        elif kind in ("edge", "cluster"):
            box = None
            for t in g.findall(SVG + "text"):
                size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
                w = len(t.text or "") * size * 0.5
                x0 = {"middle": x - w / 2, "start": x, "end": x - w}[t.get("text-anchor", "start")]
                b = (x0, y - size * 0.7, x0 + w, y + size * 0.15)
                box = b if box is None else (min(box[0], b[0]), min(box[1], b[1]),
                                             max(box[2], b[2]), max(box[3], b[3]))
            if box:
                labels.append((name,) + box)
    return labels, nodes


def overlap(a, b, slack=1.0):
    return (a[1] < b[3] - slack and b[1] < a[3] - slack and
            a[2] < b[4] - slack and b[2] < a[4] - slack)


def main():
    bad = 0
    for path in sys.argv[1:]:
        labels, nodes = boxes(path)
        for i, a in enumerate(labels):
            for b in labels[i + 1:] + nodes:
                if overlap(a, b):
                    print("%s: %s overlaps %s" % (path, a[0], b[0]))
                    bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
