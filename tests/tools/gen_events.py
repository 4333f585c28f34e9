#!/usr/bin/python3
"""gen_events.py - a seeded generator of valid geopol event files (DESIGN
§1-§3) that stress the interchange formats of DESIGN §8.

    gen_events.py SEED N OUT.json

Writes about N events (N, and the twins of the pairs made both ways) with
the actors, types and citations they use to OUT.json.
The same SEED and N give the same bytes. What the files hold, on purpose:

- actors of every kind, with aliases, roles, plain `part_of` chains and lists
  of time-bounded memberships (an actor that moves between countries), ids
  with the characters XML, JSON, HTML and Graphviz treat specially (`& < > "
  ' \\ ; , : { } #`, spaces, a tab, a line break), non-ASCII and emoji
  ids, a number (`123`). Not JavaScript's property names (`constructor`,
  `__proto__`, `toString`): graphology 0.26 keeps neighbours in plain
  objects and refuses an edge to such a node as "already exists";
  names with line breaks, tabs and a control character;
- every built-in event type and a few of the file's own (one whose name
  needs escaping), a weight overridden now and then (fractions too);
- EDTF dates of every precision: days, months, years, decades `201X`,
  centuries `19XX`, `2025-XX`, `2025-XX-XX`, `2025-08-XX`, instants with a
  time zone and minute instants, intervals (also of instants), open ends
  `../2025-03` and `2024/..`, unknown ends `2024/`, `ongoing`, qualifiers
  `~ ? %`, and relative dates (chains too);
- a directed and a symmetric event on the same pair, both directions, and
  self-loops (an actor acting on itself, or on its own country);
- citations with and without URLs, inline URLs, a `javascript:` one;
- titles with `& < > " '` and backquotes, `</script>`, `]]>`, `<!--`,
  non-ASCII, emoji and long text; summaries with line breaks.

Every file passes `geopol validate --strict` (tests/cli/formats_generated.sh
checks it before anything else).
"""
import json
import random
import sys

COUNTRIES = [
    ("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "United States"), ("CHN", "China"),
    ("IND", "India"), ("DEU", "Germany"), ("FRA", "France"), ("TUR", "Türkiye"),
    ("BRA", "Brasil"), ("ZAF", "South Africa"), ("JPN", "日本"), ("ISR", "Israel"),
    ("IRN", "Iran"), ("GBR", "United Kingdom"), ("POL", "Polska"), ("BLR", "Беларусь"),
    # ids other programs may take for something else
    ("123", "A numeric id"), ("A&B", "A & B <united>"),
]

# Ids with characters that XML, JSON, HTML, CSV and DOT treat specially.
ODD_IDS = [
    "<script>", "a&amp;b", 'q"uote', "it's", "back\\slash", "sp ace", "colon:id", "semi;colon",
    "comma,id", "{brace}", "#hash", "tab\there", "ünïcødé", "emoji🌍",
    "-dash", "a--b", "x]]>y", "per%cent", "new\nline",
]

BUILTIN_TYPES = [
    "statement", "appeal", "intent_to_cooperate", "consult", "visit", "meeting", "talks",
    "diplomatic_cooperation", "agreement", "cooperation", "aid", "yield", "ceasefire", "investigate",
    "demand", "disapprove", "accusation", "denial", "rejection", "threat", "deadline", "protest",
    "force_posture", "reduce_relations", "sanction", "tariff", "tariff_effective", "coerce",
    "cyber_espionage", "cyber_attack", "assault", "military_action", "mass_violence",
]
OWN_TYPES = {
    "summit": {"label": "Summit", "weight": 3.5, "quad": 1},
    "leak & <dump>": {"label": "Leak & \"dump\"", "weight": -2.25, "quad": 3},
    "ultimatum": {"label": "Ultimatum", "weight": -9.5, "quad": 3},
}

TITLE_BITS = [
    "Tariffs & quotas", "<b>not bold</b>", "\"quoted\" talks", "it's 'single'", "`backquoted`",
    "</script><script>alert(1)</script>", "]]> and <!-- a comment -->", "Zölle über Äpfel",
    "Переговоры в Москве", "会谈", "🌍🔥 talks", "a\u00a0non-breaking space", "tab\tinside",
    "semicolon; comma, backslash\\", "R&D <a href=\"x\">link</a>", "&amp; already escaped",
    "\u2028line separator", "NEL\u0085inside",
]


class Gen:
    def __init__(self, seed, n):
        self.r = random.Random(seed)
        self.n = n

    # ------------------------------------------------------------- dates
    def day(self, y0=1990, y1=2026):
        r = self.r
        y = r.randint(y0, y1)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        return y, m, d

    def single(self):
        """One EDTF date (no interval), of any precision."""
        r = self.r
        y, m, d = self.day()
        k = r.randrange(16)
        if k < 4:
            t = "%04d-%02d-%02d" % (y, m, d)
        elif k < 7:
            t = "%04d-%02d" % (y, m)
        elif k < 9:
            t = "%04d" % y
        elif k == 9:
            t = "%03dX" % (y // 10)
        elif k == 10:
            t = "%02dXX" % r.choice([18, 19, 20])
        elif k == 11:
            t = r.choice(["%04d-XX", "%04d-XX-XX"]) % y
        elif k == 12:
            t = "%04d-%02d-XX" % (y, m)
        elif k == 13:
            zone = r.choice(["Z", "+02:00", "-05:30", "+00:00"])
            t = "%04d-%02d-%02dT%02d:%02d:%02d%s" % (y, m, d, r.randrange(24), r.randrange(60),
                                                     r.randrange(60), zone)
        elif k == 14:
            t = "%04d-%02d-%02dT%02d:%02dZ" % (y, m, d, r.randrange(24), r.randrange(60))
        else:
            t = "%04d-%02d-%02d" % (y, m, d)
        # Qualifiers on dates without a time.
        if "T" not in t and r.random() < 0.2:
            t += r.choice("~?%")
        return t

    def interval(self):
        r = self.r
        y, m, d = self.day(1995, 2024)
        y2 = y + r.randint(0, 3)
        m2 = r.randint(m if y2 == y else 1, 12)
        d2 = r.randint(d if (y2, m2) == (y, m) else 1, 28)
        k = r.randrange(10)
        if k == 0:
            return "%04d-%02d-%02d/%04d-%02d-%02d" % (y, m, d, y2, m2, d2)
        if k == 1:
            return "%04d-%02d/%04d-%02d-%02d" % (y, m, y2, m2, d2)
        if k == 2:
            return "%04d/%04d-%02d" % (y, y2, m2)
        if k == 3:
            return "../%04d-%02d" % (y2, m2)
        if k == 4:
            return "%04d/.." % y
        if k == 5:
            return r.choice(["%04d-%02d/", "%04d-%02d/ongoing"]) % (y, m)
        if k == 6:
            return "/%04d-%02d-%02d" % (y2, m2, d2)
        if k == 7:
            h = r.randrange(20)
            return "%04d-%02d-%02dT%02d:00:00Z/%04d-%02d-%02dT%02d:30:00Z" % (y, m, d, h, y, m, d, h + 2)
        if k == 8:
            return "%04d-%02d-%02d~/%04d-%02d?" % (y, m, d, y2, m2)
        return "%03dX/%04d" % (y // 10, y2 if y2 // 10 > y // 10 else y // 10 * 10 + 9)

    def date(self, i, events):
        r = self.r
        k = r.random()
        if k < 0.08 and events:
            other = r.choice(events[-50:])
            return {r.choice(["after", "before"]): other["id"],
                    "offset": r.choice(["P21D", "P1M", "P2W", "P1Y2M", "P1M1D", "P10Y", "PT5H"])}
        if k < 0.4:
            return self.interval()
        return self.single()

    # ------------------------------------------------------------ actors
    def actors(self):
        r = self.r
        actors = []
        countries = [c for c, _ in COUNTRIES]
        for cid, name in COUNTRIES:
            a = {"id": cid, "name": name, "kind": "country"}
            if r.random() < 0.5:
                a["aliases"] = [name.upper(), cid.lower() + "-alias"]
            actors.append(a)
        n_more = max(12, min(400, self.n // 3))
        kinds = ["person", "agency", "organization", "group", "international"]
        orgs = []
        for i in range(n_more):
            kind = kinds[i % len(kinds)]
            aid = ODD_IDS[i] if i < len(ODD_IDS) else "%s-%d" % (kind[:3], i)
            name = "%s %d %s" % (kind.title(), i, r.choice(["", "Ärger", "“curly”", "<Ltd>", "&Co"]))
            if i % 17 == 3:
                name += "\r\nsecond line\tand a tab"
            if i % 23 == 5:
                name += "\u0001bell"
            a = {"id": aid, "name": name.strip(), "kind": kind}
            if i % 4 == 0:
                a["aliases"] = ["alias %d" % i]
            if kind == "person" and i % 2:
                a["role"] = r.choice(["President", "special envoy, \"acting\"", "Minister <of> Trade"])
            k = r.random()
            if k < 0.45:
                a["part_of"] = r.choice(countries)
            elif k < 0.65 and orgs:
                a["part_of"] = r.choice(orgs)  # a chain through an earlier actor
            elif k < 0.85:
                # Time-bounded memberships: one country, then another.
                c1, c2 = r.sample(countries, 2)
                y = r.randint(1998, 2020)
                ms = [{"id": c1, "from": str(y - r.randint(1, 10)), "to": "%04d-%02d" % (y, r.randint(1, 12))},
                      {"id": c2, "from": "%04d" % (y + 1), "to": r.choice(["..", "ongoing", str(y + 5)])}]
                if r.random() < 0.3:
                    del ms[0]["from"]
                if r.random() < 0.3:
                    del ms[1]["to"]
                a["part_of"] = ms
            actors.append(a)
            if kind in ("agency", "organization"):
                orgs.append(aid)
        return actors

    # ------------------------------------------------------------ events
    def title(self, i):
        r = self.r
        bits = r.sample(TITLE_BITS, r.randint(0, 2))
        t = "Event %d: %s" % (i, " · ".join(bits) if bits else "plain")
        if r.random() < 0.03:
            t += " " + "long text " * r.randint(50, 300)
        return t.strip()

    def document(self):
        r = self.r
        actors = self.actors()
        ids = [a["id"] for a in actors]
        countries = [a["id"] for a in actors if a["kind"] == "country"]
        types = BUILTIN_TYPES + list(OWN_TYPES)
        sources = {
            "cite-url": {"title": "Report & <analysis>", "publisher": "Example \"Press\"",
                         "published": "2025-07-31", "url": "https://example.org/a?b=1&c=<2>"},
            "cite-nourl": {"title": "Printed only", "publisher": "Gazette"},
            "cite-js": {"title": "Bad link", "url": "javascript:alert(1)"},
            "cite-bare": {},
        }
        events = []
        for i in range(self.n):
            t = types[i % len(types)] if i < len(types) else r.choice(types)
            e = {"id": "ev-%d" % i if i % 11 else "ev %d, \"q\" | [x] & <%d>" % (i, i), "type": t,
                 "date": self.date(i, events), "title": self.title(i)}
            shape = r.random()
            pick = lambda k: r.sample(ids, k)  # noqa: E731
            if shape < 0.35:
                e["source"], e["target"] = pick(1), pick(r.randint(1, 2))
            elif shape < 0.55:
                e["participants"] = pick(r.randint(2, 4))
            elif shape < 0.65:
                # the same pair both ways: directed one way, symmetric, directed back
                a, b = pick(2)
                e["source"], e["target"] = [a], [b]
                events.append(e)
                i2 = {"id": e["id"] + "-sym", "type": "talks", "date": self.single(),
                      "title": "Symmetric twin of " + e["title"][:80], "participants": [b, a]}
                events.append(i2)
                e = {"id": e["id"] + "-back", "type": r.choice(types), "date": self.single(),
                     "title": "Back", "source": [b], "target": [a]}
            elif shape < 0.7:
                a = r.choice(ids)
                e["source"], e["target"] = [a], [a]  # a self-loop
            elif shape < 0.75:
                e["source"] = pick(1)  # one actor, no edge
            elif shape < 0.8:
                e["target"] = pick(2)
            elif shape < 0.85:
                e["source"], e["target"] = pick(1), [r.choice(countries)]
            else:
                e["source"], e["target"] = pick(r.randint(1, 3)), pick(r.randint(1, 3))
                e["target"] = [x for x in e["target"] if x not in e["source"]] or [r.choice(countries)]
                if e["target"][0] in e["source"]:
                    e["target"] = [x for x in ids if x not in e["source"]][:1]
            if r.random() < 0.2:
                e["about"] = pick(1)
            if r.random() < 0.3:
                e["summary"] = "Summary of %d:\nline two & <three>\r\nline \"four\"; it's `fine` 🌍" % i
            k = r.random()
            if k < 0.2:
                e["sources"] = [r.choice(list(sources))]
            elif k < 0.3:
                e["sources"] = ["https://news.example.com/%d?x=1&y=<2>" % i, "cite-nourl"]
            if r.random() < 0.15:
                e["weight"] = r.choice([-10, 10, 0, 0.1, -3.3, 2.5, 1e-6])
            if r.random() < 0.1:
                e["attributes"] = {"rate_pct": r.randint(0, 100), "note": "n & <%d>" % i, "nested": {"a": [1, 2.5]}}
            events.append(e)
        return {"geopol": 1, "title": "Generated <seed> & \"stress\" 🌍", "sources": sources,
                "types": OWN_TYPES, "actors": actors, "events": events}


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    seed, n, out = int(argv[1]), int(argv[2]), argv[3]
    doc = Gen(seed, n).document()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
