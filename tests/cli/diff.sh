#!/bin/sh
# `geopol diff` end to end (docs/diff.md): text and JSON against golden
# files, --at on the bundled data, usage errors and exit codes, and the
# independent computation of tests/tools/check_diff.py (from the timeline
# and graph JSON of each side) on edited files, on --at 2025-08-01, on two
# overlapping halves of a GDELT slice and on two generated files.
#
#   GEOPOL=./geopol sh tests/cli/diff.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites tests/expected/diff-*.
set -u
T=tests/tmp/diff
. tests/cli/lib.sh

OLD=tests/data/diff-old.json
NEW=tests/data/diff-new.json
DATA=data/seed-article.json

# check NAME TOP [FILTERS] -- OLD_FILTERS -- NEW_FILTERS -- DIFF_ARGS: the
# timeline and graph JSON of each side, the diff, and check_diff.py on them;
# $LEVEL (--level country) goes to the graphs and the diff.
check() {
	name=$1 top=$2
	shift 2
	common="" olds="" news="" dargs=""
	while [ "$1" != -- ]; do common="$common $1"; shift; done
	shift
	while [ "$1" != -- ]; do olds="$olds $1"; shift; done
	shift
	while [ "$1" != -- ]; do news="$news $1"; shift; done
	shift
	dargs="$*"
	# shellcheck disable=SC2086
	"$G" timeline --format json $common $olds >"$T/$name-ot.json" &&
		"$G" graph --format json ${LEVEL:-} $common $olds >"$T/$name-og.json" &&
		"$G" timeline --format json $common $news >"$T/$name-nt.json" &&
		"$G" graph --format json ${LEVEL:-} $common $news >"$T/$name-ng.json" &&
		$V "$G" diff --format json --top "$top" ${LEVEL:-} $common $dargs >"$T/$name-d.json" ||
		{ bad "check $name: a run failed"; return; }
	if python3 tests/tools/check_diff.py "$T/$name-ot.json" "$T/$name-og.json" \
		"$T/$name-nt.json" "$T/$name-ng.json" "$T/$name-d.json" "$top" >"$T/$name.check"; then
		ok
	else
		bad "check_diff.py $name:"; sed 's/^/    /' "$T/$name.check" | head -10
	fi
}

# --- golden files: two versions of a file, and the bundled data at a date ---
run 0 diff $OLD -- $NEW && golden diff.txt
has "$T/out" "Events: 1 added, 1 removed, 7 changed, 27 unchanged"
has "$T/out" "USA → RUS      count 1  weight -5 → 3 (conflict → cooperation)"
has "$T/out" "      date         2025-07-30~ → 2025-07-30"
# Lists compare as sets, attributes as JSON: a reordered target or object is no change.
lacks "$T/out" "us-india-trade-talks"
run 0 diff --format json $OLD -- $NEW && golden diff.json
python3 - "$T/out" <<'PY' && ok || bad "diff JSON: the keys of docs/diff.md"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["geopol"], d["kind"], d["mode"], d["at"], d["level"], d["top"]) == (1, "diff", "files", None, "actor", 10)
assert d["old"] == {"label": "tests/data/diff-old.json", "events": 35, "nodes": 21, "edges": 28}
ch = {c["id"]: {x["field"]: (x["old"], x["new"]) for x in c["changes"]} for c in d["events"]["changed"]}
assert ch["witkoff-meets-putin"]["status"] == ("confirmed", "reported")
assert ch["witkoff-meets-putin"]["confidence"] == ("A1", "B2")
assert ch["witkoff-meets-putin"]["summary"][1] is None
assert ch["witkoff-meets-putin"]["links"] == ([{"rel": "follows_from", "event": "witkoff-meets-dmitriev"}], [])
assert ch["tariff-order-2"]["attributes"] == ({"rate_pct": 25, "total_rate_pct": 50}, {"rate_pct": 26, "total_rate_pct": 50})
assert ch["us-ceasefire-pressure"] == {"type": ("demand", "appeal"), "weight": (-5, 3)}
assert ch["trump-secondary-tariffs-threat"] == {"about": (["RUS"], ["RUS", "UKR"])}
assert ch["brazil-50pct-tariff"] == {"weight": (-8, -9)}
e = d["edges"]["changed"]
assert e == [{"source": "USA", "target": "RUS", "directed": True, "old": {"count": 1, "weight": -5}, "new": {"count": 1, "weight": 3}}], e
assert [x["id"] for x in d["events"]["added"]] == ["modi-putin-call"]
assert d["events"]["removed"][0]["summary"].startswith("The findings come")
assert len(d["pagerank"]) == 10 and d["pagerank"][0]["id"] == "UKR"
PY
run 0 diff --at 2025-08-01 $DATA && golden diff-at.txt
has "$T/out" "Events: 13 began on or after 2025-08-01, 15 ended before it, 7 span it"
has "$T/out" "  Ended before 2025-08-01"
run 0 diff --format json --at 2025-08-01 --level country $DATA && golden diff-at-country.json
python3 - "$T/out" <<'PY' && ok || bad "--at: an event spanning the date is on both sides"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["mode"] == "at" and d["at"] == "2025-08-01" and d["level"] == "country"
ids = [e["id"] for e in d["events"]["added"] + d["events"]["removed"]]
# 2025-07-28/2025-08-03 spans the date: neither only before nor only after.
assert "zelenskyy-regime-change-appeal" not in ids
assert "putin-peace-statement" in [e["id"] for e in d["events"]["added"]]
assert "msft-accuses-fsb" in [e["id"] for e in d["events"]["removed"]]
assert d["summary"]["events_unchanged"] == 7 and d["events"]["changed"] == []
PY

# The same bytes run to run; -o writes the file.
run 0 diff --format json -o "$T/a.json" $OLD -- $NEW && run 0 diff --format json -o "$T/b.json" $OLD -- $NEW &&
	cmp -s "$T/a.json" "$T/b.json" && ok || bad "diff JSON differs run to run"
# Options anywhere, even after NEW; --top; no changes.
run 0 diff $OLD -- $NEW --top 2 --format json && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["top"] == 2 and len(d["pagerank"]) == 2 and len(d["betweenness"]) == 2' "$T/out" && ok || bad "--top 2"
run 0 diff $OLD -- $OLD && has "$T/out" "no changes" && lacks "$T/out" "Events:"
run 0 diff --format json $DATA -- $DATA && has "$T/out" '"events_unchanged":35'
# Filters apply to both sides.
run 0 diff --type tariff,tariff_effective $OLD -- $NEW && has "$T/out" "Events: 0 added, 0 removed, 3 changed, 1 unchanged"
run 0 diff --to 2021 $OLD -- $NEW && has "$T/out" "no changes"
run 0 diff --type deadline --from 2030 $OLD -- $NEW && has "$T/out" "no changes" && has "$T/err" "no events match"

# An actor or a type only one side knows selects nothing on the other.
cat >"$T/v1.json" <<'EOF'
{"actors": [{"id": "A", "name": "Alpha", "kind": "country"}, {"id": "B", "name": "Beta", "kind": "country"}],
 "events": [{"id": "e1", "type": "talks", "date": "2025-01-02", "title": "A and B talk", "participants": ["A", "B"]}]}
EOF
cat >"$T/v2.json" <<'EOF'
{"types": {"raid": {"label": "Raid", "weight": -6, "quad": 4}},
 "actors": [{"id": "A", "name": "Alpha", "kind": "country"}, {"id": "B", "name": "Beta", "kind": "country"},
            {"id": "C", "name": "Gamma", "kind": "country"}],
 "events": [{"id": "e1", "type": "talks", "date": "2025-01-02", "title": "A and B talk", "participants": ["A", "B"]},
            {"id": "e2", "type": "raid", "date": "2025-02-03", "title": "Gamma raids Alpha", "source": ["C"], "target": ["A"]}]}
EOF
run 0 diff --actor Gamma "$T/v1.json" -- "$T/v2.json" && has "$T/out" "Events: 1 added, 0 removed, 0 changed, 0 unchanged" && has "$T/out" "appeared     C → A"
run 0 diff --type raid "$T/v1.json" -- "$T/v2.json" && has "$T/out" "1 added"
run 0 diff --type raid "$T/v2.json" -- "$T/v1.json" && has "$T/out" "1 removed"
run 2 diff --actor Delta "$T/v1.json" -- "$T/v2.json" && has "$T/err" "unknown actor 'Delta'"
run 2 diff --type rayd "$T/v1.json" -- "$T/v2.json" && has "$T/err" "unknown event type 'rayd'"

# --- usage errors (exit 2), bad input (1), unreadable files (3) ---
run 2 diff $OLD $NEW && has "$T/err" "diff needs OLD... -- NEW..., or --at DATE FILE..."
run 2 diff --at 2025-08-01 $OLD -- $NEW && has "$T/err" "not both"
run 2 diff $OLD -- && has "$T/err" "no NEW file after '--'"
run 2 diff -- $NEW && has "$T/err" "no OLD file before '--'"
run 2 diff $OLD -- $NEW -- $NEW && has "$T/err" "'--' may be given once"
run 2 diff --at && has "$T/err" "option '--at' needs an argument"
run 2 diff --at 2025-08-01 && has "$T/err" "no input files for --at"
run 2 diff --at 2025-02-30 $DATA && has "$T/err" "--at:"
run 2 diff --at 2025/2026 $DATA && has "$T/err" "--at: '2025/2026' is an interval"
run 2 diff --format csv $OLD -- $NEW && has "$T/err" "unknown diff format 'csv' (text or json)"
run 2 diff - -- - && has "$T/err" "standard input (-) can be one side only"
run 2 diff --as-of 2025 $OLD -- $NEW && has "$T/err" "does not apply to 'geopol diff'"
run 2 diff --top -1 $OLD -- $NEW && has "$T/err" "--top must not be negative"
run 1 diff $OLD -- tests/invalid/35-date-feb-30.json && has "$T/err" "35-date-feb-30.json:"
run 3 diff $OLD -- "$T/no-such-file.json" && has "$T/err" "no-such-file.json"
run 0 diff --help && has "$T/out" "usage: geopol diff" && has "$T/out" "--at DATE"
# Standard input as one side.
$V "$G" diff $OLD -- - <$NEW >"$T/out" 2>"$T/err" && has "$T/out" "Events: 1 added, 1 removed, 7 changed" || bad "diff OLD -- - (standard input)"

# --- the independent computation ---
check files 10 -- $OLD -- $NEW -- $OLD -- $NEW
LEVEL="--level country"
check files-country 5 --type tariff,threat,talks,meeting -- $OLD -- $NEW -- $OLD -- $NEW
LEVEL=""
check at 10 -- --to 2025-07-31 $DATA -- --from 2025-08-01 $DATA -- --at 2025-08-01 $DATA
check at-all 0 --actor RUS -- --to 2025-07-31 $DATA -- --from 2025-08-01 $DATA -- --at 2025-08-01 $DATA
# GDELT: two overlapping halves of a slice (ids from GLOBALEVENTID).
head -n 30 tests/data/real/gdelt1.tsv >"$T/gdelt-a.tsv"
sed -n '21,$p' tests/data/real/gdelt1.tsv >"$T/gdelt-b.tsv"
check gdelt 10 -- "$T/gdelt-a.tsv" -- "$T/gdelt-b.tsv" -- "$T/gdelt-a.tsv" -- "$T/gdelt-b.tsv"
LEVEL="--level country"
check gdelt-country 0 -- "$T/gdelt-a.tsv" -- "$T/gdelt-b.tsv" -- "$T/gdelt-a.tsv" -- "$T/gdelt-b.tsv"
LEVEL=""
has "$T/gdelt.check" "check_diff: agrees (40 events differ"
# Generated files (tests/tools/gen_events.py): odd ids, every kind of date,
# the same ids with other fields; the text keeps its columns (no tab, no line break in a cell).
python3 tests/tools/gen_events.py 1 300 "$T/gen-a.json" && python3 tests/tools/gen_events.py 2 300 "$T/gen-b.json" && ok || bad "gen_events.py"
check generated 0 -- "$T/gen-a.json" -- "$T/gen-b.json" -- "$T/gen-a.json" -- "$T/gen-b.json"
run 0 diff "$T/gen-a.json" -- "$T/gen-b.json" && has "$T/out" "310 changed"
if grep -q "$(printf '\t')" "$T/out"; then bad "a tab in the text diff"; else ok; fi

echo
echo "diff: $pass passed, $fail failed"
[ "$fail" = 0 ]
