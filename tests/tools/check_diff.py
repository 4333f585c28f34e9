#!/usr/bin/env python3
"""check_diff.py - an independent computation of `geopol diff` (docs/diff.md).

    check_diff.py OLD_TIMELINE OLD_GRAPH NEW_TIMELINE NEW_GRAPH DIFF [TOP]

OLD_TIMELINE and NEW_TIMELINE are `geopol timeline --format json` of each
side, OLD_GRAPH and NEW_GRAPH `geopol graph --format json` of each side
(the same filters and level), DIFF is `geopol diff --format json`. The
expected diff is computed here from those outputs alone (events matched by
id and compared field by field, edges by (source, target, directed), PageRank
and betweenness moves with a node absent on a side counted as 0) and
compared with DIFF key by key. TOP is --top (default 10; 0: all). Standard
library only. Exit 0 when they agree, 1 with the differences listed.
"""
import json
import sys

FIELDS = ["type", "title", "date", "source", "target", "participants", "about",
          "status", "confidence", "weight", "summary", "sources", "links", "attributes"]
SETS = {"source", "target", "participants", "about", "sources"}


def value(ev, field):
    """A field's value as the diff reports it: the timeline JSON's."""
    if field == "date":
        return ev["date"]["edtf"]
    if field == "summary":
        return ev.get("summary")
    if field == "links":
        return ev.get("links", [])
    return ev[field]


def same(field, a, b):
    """Lists compare as sets (the order written does not matter); attributes as JSON values."""
    if field in SETS:
        return set(a) == set(b)
    if field == "links":
        return {(x["rel"], x["event"]) for x in a} == {(x["rel"], x["event"]) for x in b}
    return a == b


def expected_events(old, new):
    po = {e["id"]: e for e in old}
    pn = {e["id"]: e for e in new}
    removed = [e for e in old if e["id"] not in pn]
    added = [e for e in new if e["id"] not in po]
    changed, unchanged = [], 0
    for e in new:
        o = po.get(e["id"])
        if o is None:
            continue
        changes = [{"field": f, "old": value(o, f), "new": value(e, f)}
                   for f in FIELDS if not same(f, value(o, f), value(e, f))]
        if changes:
            changed.append({"id": e["id"], "title": e["title"], "changes": changes})
        else:
            unchanged += 1
    return added, removed, changed, unchanged


def sign(w):
    return (w > 0) - (w < 0)


def expected_edges(og, ng):
    key = lambda e: (e["source"], e["target"], e["directed"])
    eo = {key(e): e for e in og["edges"]}
    en = {key(e): e for e in ng["edges"]}
    lists = {"appeared": [], "disappeared": [], "changed": []}
    for k in set(eo) | set(en):
        a, b = eo.get(k), en.get(k)
        item = {"source": k[0], "target": k[1], "directed": k[2],
                "old": a and {"count": a["count"], "weight": a["weight"]},
                "new": b and {"count": b["count"], "weight": b["weight"]}}
        if a is None:
            lists["appeared"].append(item)
        elif b is None:
            lists["disappeared"].append(item)
        elif a["count"] != b["count"] or sign(a["weight"]) != sign(b["weight"]):
            lists["changed"].append(item)

    def order(e):
        o = e["old"] or {"count": 0, "weight": 0}
        n = e["new"] or {"count": 0, "weight": 0}
        # Ids compared as UTF-8 bytes, as the C side does.
        return (-abs(n["count"] - o["count"]), -abs(n["weight"] - o["weight"]),
                e["source"].encode(), e["target"].encode(), e["directed"])
    for k in lists:
        lists[k].sort(key=order)
    return lists


def expected_moves(og, ng, measure, top):
    no = {n["id"]: n for n in og["nodes"]}
    nn = {n["id"]: n for n in ng["nodes"]}
    moves = []
    for i in set(no) | set(nn):
        a = no[i][measure] if i in no else 0
        b = nn[i][measure] if i in nn else 0
        if a != b:
            label = (nn.get(i) or no[i])["label"]
            moves.append({"id": i, "label": label, "old": a, "new": b, "change": b - a})
    moves.sort(key=lambda m: (-abs(m["change"]), m["id"].encode()))
    return moves[:top] if top else moves


def close(a, b):
    """cJSON writes a double with 15 digits when they read back within an ulp or so."""
    return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))


def check_moves(what, got, og, ng, measure, top, problems):
    """Moves: each value as the graphs have it; the largest first; none larger left out."""
    want = {m["id"]: m for m in expected_moves(og, ng, measure, 0)}
    for m in got:
        w = want.get(m["id"])
        if w is None or m["label"] != w["label"] or not all(
                close(m[k], w[k]) for k in ("old", "new", "change")):
            problems.append("%s: %s, want %s" % (what, json.dumps(m), json.dumps(w)))
    size = lambda m: abs(m["change"])
    for a, b in zip(got, got[1:]):
        if size(a) < size(b) and not close(size(a), size(b)):
            problems.append("%s: %s before the larger %s" % (what, a["id"], b["id"]))
        elif size(a) == size(b) and a["id"].encode() > b["id"].encode():
            problems.append("%s: tie not in id order: %s, %s" % (what, a["id"], b["id"]))
    n = min(top, len(want)) if top else len(want)
    if len(got) != n:
        problems.append("%s: %d listed, want %d" % (what, len(got), n))
    ids = {m["id"] for m in got}
    floor = min((size(m) for m in got), default=0)
    for m in want.values():
        if m["id"] not in ids and size(m) > floor and not close(size(m), floor):
            problems.append("%s: %s (change %r) left out" % (what, m["id"], m["change"]))


def compare(what, got, want, problems):
    if got != want:
        problems.append("%s: got %s, want %s" % (what, json.dumps(got)[:400], json.dumps(want)[:400]))


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    old_t, old_g, new_t, new_g, diff = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:6])
    top = int(sys.argv[6]) if len(sys.argv) == 7 else 10
    problems = []
    compare("kind", (diff["geopol"], diff["kind"]), (1, "diff"), problems)
    compare("level", diff["level"], old_g["level"], problems)
    for side, t, g in (("old", old_t, old_g), ("new", new_t, new_g)):
        compare(side + " sizes", [diff[side][k] for k in ("events", "nodes", "edges")],
                [len(t["events"]), len(g["nodes"]), len(g["edges"])], problems)
    added, removed, changed, unchanged = expected_events(old_t["events"], new_t["events"])
    ev = diff["events"]
    compare("events added", ev["added"], added, problems)
    compare("events removed", ev["removed"], removed, problems)
    compare("events changed", ev["changed"], changed, problems)
    edges = expected_edges(old_g, new_g)
    for k in ("appeared", "disappeared", "changed"):
        compare("edges " + k, diff["edges"][k], edges[k], problems)
    s = diff["summary"]
    compare("summary", s, {"events_added": len(added), "events_removed": len(removed),
                           "events_changed": len(changed), "events_unchanged": unchanged,
                           "edges_appeared": len(edges["appeared"]),
                           "edges_disappeared": len(edges["disappeared"]),
                           "edges_changed": len(edges["changed"])}, problems)
    for m in ("pagerank", "betweenness"):
        check_moves(m + " moves", diff[m], old_g, new_g, m, top, problems)
    for p in problems:
        print("check_diff: " + p)
    n = len(added) + len(removed) + len(changed)
    print("check_diff: %s (%d events differ, %d edges, %d + %d moves)" % (
        "differs" if problems else "agrees", n, sum(len(v) for v in edges.values()),
        len(diff["pagerank"]), len(diff["betweenness"])))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
