#!/usr/bin/python3
"""Check a theme-line chart (geopol timeline --format svg) for overlaps.

Event boxes are the nodes named e<N> (their drawn outline); line names are
the right-aligned texts at the left. Fails when two event boxes overlap,
when an event box overlaps a line name, or when a box's text is clearly
wider than its box (taken at 0.5 em a character, a little under
Helvetica's average, so only a clear overflow is reported).
Exit 1 on any problem. Usage: check_chart_svg.py CHART.svg...
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
NUM = re.compile(r"-?\d+(?:\.\d+)?")


def text_box(t):
    size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
    w = len(t.text or "") * size * 0.5
    x0 = {"middle": x - w / 2, "start": x, "end": x - w}[t.get("text-anchor", "start")]
    return (x0, y - size * 0.7, x0 + w, y + size * 0.15)


def shapes(path):
    boxes, names = [], []
    for g in ET.parse(path).getroot().iter(SVG + "g"):
        title = g.find(SVG + "title")
        if g.get("class") != "node" or title is None:
            continue
        if re.fullmatch(r"e\d+", title.text or ""):
            outline = next(g.iter(SVG + "path"), None)
            if outline is None:
                outline = next(g.iter(SVG + "polygon"))
            pts = [float(v) for v in NUM.findall(outline.get("d") or outline.get("points"))]
            xs, ys = pts[0::2], pts[1::2]
            box = (min(xs), min(ys), max(xs), max(ys))
            texts = list(g.iter(SVG + "text"))
            boxes.append((" / ".join(t.text or "" for t in texts), box, [text_box(t) for t in texts]))
        for t in g.iter(SVG + "text"):
            if t.get("text-anchor") == "end":
                names.append((t.text, text_box(t)))
    return boxes, names


def overlap(a, b, eps=0.5):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def main(paths):
    bad = 0
    for path in paths:
        boxes, names = shapes(path)
        if not boxes:
            print("%s: no event boxes" % path)
            bad += 1
        for i, (label, box, texts) in enumerate(boxes):
            for other, obox, _ in boxes[i + 1:]:
                if overlap(box, obox):
                    print("%s: boxes overlap: %r and %r" % (path, label, other))
                    bad += 1
            for name, nbox in names:
                if overlap(box, nbox):
                    print("%s: box %r overlaps line name %r" % (path, label, name))
                    bad += 1
            for t in texts:
                if t[2] - t[0] > box[2] - box[0] + 1:
                    print("%s: text wider than its box: %r" % (path, label))
                    bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
