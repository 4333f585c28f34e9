#!/bin/sh
# End-to-end tests of the story in the text outputs (docs/story.md): sources
# as footnotes (timeline --sources, Markdown), sources and summary in CSV,
# links under their event, `geopol chain` in text and JSON (parsed by
# Python), and links surviving `geopol import` (JSON Lines).
#
#   GEOPOL=./geopol sh tests/cli/story.sh   (from the top of the tree)
set -u
T=tests/tmp/story
. tests/cli/lib.sh

DATA=data/seed-article.json
STORY=tests/data/story.json

# --- sources in the text outputs --------------------------------------------
run 0 timeline --sources $DATA && golden data-timeline-sources.txt
run 0 timeline --sources $STORY && golden story-timeline-sources.txt
# The warnings of the story file (an unknown citation, an unknown relation) are located.
has "$T/err" "story.json:26:60: warning: unknown source 'unfiled-memo'"
has "$T/err" "story.json:34:85: warning: unknown link relation 'rebuts' (the relations are in_response_to,"
run 1 timeline --strict $STORY && has "$T/err" "story.json:34:85: error: unknown link relation 'rebuts'"
run 0 timeline --format markdown $DATA && golden data-timeline.md
run 0 timeline --format markdown --as-of 2025-03-10 $STORY && golden story-timeline-asof.md
run 0 timeline --format csv $STORY && golden story-timeline.csv
# Footnotes are numbered by first use in the timeline's order, filters included.
run 0 timeline --sources --from 2024-04 $STORY &&
	has "$T/out" "Southland answers with tariffs on grain[1][2]" &&
	has "$T/out" "[1] Partner retaliates with tariffs on grain. Daily Paper, 2024-04-11."
# CSV: the columns that were there keep their places; sources and summary come last.
run 0 timeline --format csv --as-of 2025-08 $DATA &&
	has "$T/out" "title,derived_from,status,confidence,timing,days_left,sources,summary" &&
	has "$T/out" ",past,-23,aj-witkoff-putin,"

# --- geopol chain -------------------------------------------------------------
run 0 chain tariff-order-2 $DATA && golden data-chain-tariff-order-2.txt
run 0 chain --format json tariff-order-2 $DATA && golden data-chain-tariff-order-2.json
run 0 chain kyiv-ceasefire-appeal $DATA && golden data-chain-kyiv.txt
run 0 chain talks $STORY && golden story-chain-talks.txt
run 0 chain --format json -o "$T/chain.json" steel-duties $STORY && cp "$T/chain.json" "$T/out" &&
	golden story-chain-steel-duties.json
run 0 chain steel-duties $STORY && cp "$T/out" "$T/chain.txt"
# The JSON is what other programs read: parsed by Python, it agrees with the text.
if /usr/bin/python3 - "$T/chain.json" "$T/chain.txt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["geopol"] == 1 and doc["kind"] == "chain" and doc["event"] == "steel-duties", doc
ids = [e["id"] for e in doc["events"]]
assert ids == ["steel-duties", "grain-tariffs", "wto-complaint", "talks", "truce"], ids
for e in doc["events"]:
    assert set(("id", "type", "title", "date", "source", "target", "sources")) <= set(e), e
text = [l for l in open(sys.argv[2]).read().splitlines()[2:] if not l.lstrip().startswith("↳")]
assert [l.split()[0] for l in text] == ["event", "effect", "effect", "effect", "effect"], text
links = {(l["from"], l["rel"], l["to"]) for l in doc["links"]}
assert links == {("grain-tariffs", "in_response_to", "steel-duties"),
                 ("wto-complaint", "in_response_to", "grain-tariffs"),
                 ("talks", "follows_from", "wto-complaint"),
                 ("talks", "follows_from", "grain-tariffs"),
                 ("truce", "follows_from", "talks")}, links
for l in doc["links"]:
    assert l["from"] in ids and l["to"] in ids, l
PY
then ok; else bad "the chain JSON does not parse or disagrees with the text"; fi
# Filters choose what is listed; the links are followed through the rest.
run 0 chain --to 2024-04-30 talks $STORY &&
	has "$T/out" "Causal chain through talks: 2 causes, 0 effects" && has "$T/out" "event  2024-09 → 2025-02"
# An unknown EVENT: exit 2, with the closest ids. No links: the event alone, and a note.
run 2 chain tariff-order2 $DATA && has "$T/err" "geopol: unknown event 'tariff-order2' (did you mean 'tariff-order-2' or 'tariff-order-1'?)"
run 2 chain zzzzzzzz $DATA && has "$T/err" "unknown event 'zzzzzzzz' (no event has that id)"
run 0 chain unrelated $STORY && has "$T/out" "Causal chain through unrelated: 0 causes, 0 effects" &&
	has "$T/err" "note: 'unrelated' is linked to no other selected event by in_response_to or follows_from"
run 0 chain --format json unrelated $STORY && has "$T/out" '"links": [
]}'
run 3 chain -o "$T/no/such/dir/x.txt" talks $STORY
# Same bytes run to run.
run 0 chain --format json tariff-order-2 $DATA && cp "$T/out" "$T/first" &&
	run 0 chain --format json tariff-order-2 $DATA && { cmp -s "$T/out" "$T/first" && ok || bad "chain JSON differs run to run"; }

# --- links and sources through JSON Lines (geopol import) ---------------------
for f in $DATA $STORY; do
	run 0 import auto -o "$T/round.jsonl" "$f" &&
		run 0 timeline --format json "$f" && cp "$T/out" "$T/direct.json" &&
		run 0 timeline --format json "$T/round.jsonl" &&
		{ cmp -s "$T/out" "$T/direct.json" && ok || bad "$f: the timeline JSON differs after import"; }
	run 0 timeline --sources --format text "$T/round.jsonl" && cp "$T/out" "$T/round.txt" &&
		run 0 timeline --sources "$f" && { cmp -s "$T/out" "$T/round.txt" && ok || bad "$f: footnotes differ after import"; }
done
# The relation outside the vocabulary is kept, with its warning again on reading.
has "$T/round.jsonl" '{"rel":"rebuts","event":"truce"}'
run 0 chain --format json talks "$T/round.jsonl" && has "$T/out" '{"from":"truce","rel":"follows_from","to":"talks"}'

echo
echo "story: $pass passed, $fail failed"
[ "$fail" = 0 ]
