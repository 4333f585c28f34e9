#!/usr/bin/python3
"""Check a graph picture's links and tooltips against its graph.json
(docs/sources.md): every drawn edge has its <title>, and an <a> around the
edge and another around its label, each with the tooltip that starts with
the edge's ends and count and lists its events with their dates; the link
of an edge is its first source that has a web address (the citation's URL,
or an inline URL), opened in a new tab, and an edge without one has none.

Usage: check_svg_sources.py GRAPH.json PICTURE.svg (the picture of all the
edges, as `geopol graph --format svg` draws them up to 250). Exit 1 on a
problem.
"""
import json
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL: " + msg)


def first_url(d, e):
    for s in e["sources"]:
        c = d["citations"].get(s)
        url = c.get("url") if c else s
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None


def main(json_path, svg_path):
    d = json.load(open(json_path, encoding="utf-8"))
    names = {n["id"]: n["label"] for n in d["nodes"]}
    want = {}
    for e in d["edges"]:
        # Every listed source names a citation entry or is an inline URL.
        for s in e["sources"]:
            if s not in d["citations"] and "://" not in s and not s.startswith("icews:"):
                fail(f"edge {e['source']} - {e['target']}: source {s!r} is no citation in 'citations'")
        head = "%s %s %s: %d event%s" % (names[e["source"]], "→" if e["directed"] else "↔",
                                         names[e["target"]], e["count"], "" if e["count"] == 1 else "s")
        want[head] = e
    seen = 0
    for g in ET.parse(svg_path).getroot().iter(SVG + "g"):
        if g.get("class") != "edge" or g.find(SVG + "title") is None:
            continue
        anchors = [a for a in g.iter(SVG + "a")]
        if not anchors and g.find(SVG + "title").text.startswith("legend"):
            continue  # the legend's sample edges
        if len(anchors) < 2:
            fail(f"edge {g.find(SVG + 'title').text}: {len(anchors)} links, want the edge's and its label's")
            continue
        tip = anchors[0].get(XLINK + "title", "")
        e = want.get(tip.split("\n")[0])
        if e is None:
            fail(f"an edge's tooltip starts {tip.splitlines()[0]!r}: no such edge in graph.json")
            continue
        seen += 1
        url = first_url(d, e)
        for a in anchors:
            if a.get(XLINK + "title") != tip:
                fail(f"{tip.splitlines()[0]}: the label's tooltip differs from the edge's")
            if a.get(XLINK + "href") != url:
                fail(f"{tip.splitlines()[0]}: links to {a.get(XLINK + 'href')!r}, want {url!r}")
            if url and a.get("target") != "_blank":
                fail(f"{tip.splitlines()[0]}: the link opens in the same tab")
        listed = min(len(e["events"]), 12)
        if len(tip.split("\n")) < 1 + listed:
            fail(f"{tip.splitlines()[0]}: {len(tip.splitlines()) - 1} lines for {listed} events")
    if seen != len(d["edges"]):
        fail(f"{seen} edges with a tooltip in the picture, graph.json has {len(d['edges'])}")
    print(f"check_svg_sources: {seen} edges: {'ok' if not problems else 'FAILED'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
