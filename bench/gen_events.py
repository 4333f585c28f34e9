#!/usr/bin/python3
"""Write one geopol event file twice: pretty-printed and minified on one line.

    gen_events.py EVENTS PRETTY.json MINIFIED.json

Deterministic (no randomness: every value is a function of the index). The
events look like hand-annotated ones at scale: 2,000 actors (200 countries,
the rest people and agencies part_of them), ids, types, dates at day, month
and year precision, titles with non-ASCII text (columns count characters),
sources, attributes, and a relative date every tenth event. The two files hold
the same document byte for byte once white space is removed.
"""
import json
import sys

TYPES = ["meeting", "tariff", "statement", "accusation", "talks", "sanction", "visit", "threat"]


def document(n):
    actors = []
    for i in range(2000):
        a = {"id": "A%04d" % i, "name": "Actor %d — Ärger über Zölle" % i}
        if i < 200:
            a["kind"] = "country"
        else:
            a["kind"] = "person" if i % 2 else "agency"
            a["part_of"] = "A%04d" % (i % 200)
        actors.append(a)
    events = []
    for i in range(n):
        y, m, d = 2000 + i % 25, 1 + i % 12, 1 + i % 28
        date = ("%04d-%02d-%02d" % (y, m, d) if i % 3 == 0 else
                "%04d-%02d" % (y, m) if i % 3 == 1 else "%04d" % y)
        e = {"id": "e%d" % i, "type": TYPES[i % len(TYPES)], "date": date,
             "title": "Event %d: délégation « %d » 🌍" % (i, i % 97),
             "source": ["A%04d" % ((i * 7) % 2000)], "target": ["A%04d" % ((i * 13) % 2000)],
             "sources": ["https://example.org/news/%d" % i],
             "attributes": {"rank": i % 10, "note": "n%d" % i}}
        if i % 10 == 9:
            e["date"] = {"after": "e%d" % (i - 1), "offset": "P%dD" % (1 + i % 30)}
        events.append(e)
    return {"geopol": 1, "title": "Generated events", "actors": actors, "events": events}


def main():
    n, pretty, minified = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    doc = document(n)
    with open(pretty, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(minified, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
