#!/bin/sh
# Claims and confidence end to end (docs/claims.md): `status` and
# `confidence` in every output, --status and --min-grade on every command
# that filters, `timing` for the --as-of mark, dashed and dotted edges, and
# the fields through `geopol import` and back.
#
#   GEOPOL=./geopol sh tests/cli/claims.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites tests/expected/claims-*.
set -u
T=tests/tmp/claims
. tests/cli/lib.sh

CL=tests/data/claims.json

# Text marks what is not established fact; CSV and JSON carry both fields.
run 0 timeline $CL && golden claims-timeline.txt
has "$T/out" "[claimed] Beta hacks Alpha's ministries"
has "$T/out" "[denied] Beta hacks Alpha's grid"
has "$T/out" "[planned] Alpha's leader to visit Gamma"
lacks "$T/out" "[confirmed]"
run 0 timeline --format csv $CL && golden claims-timeline.csv
has "$T/out" ",title,derived_from,status,confidence"
has "$T/out" ",claimed,C3"
run 0 timeline --format json --as-of 2025-02-01 $CL && golden claims-timeline-asof.json

python3 - "$T/out" <<'PY' && ok || bad "timeline JSON: status, confidence, timing"
import json, sys
d = json.load(open(sys.argv[1]))
ev = {e["id"]: e for e in d["events"]}
assert ev["hacking"]["status"] == "claimed" and ev["hacking"]["confidence"] == "C3"
assert ev["meeting"]["status"] == "reported" and ev["meeting"]["confidence"] is None
# The --as-of mark is `timing` now; `status` means the claim.
assert ev["meeting"]["timing"] == "ongoing" and ev["visit"]["timing"] == "upcoming"
assert ev["hacking"]["timing"] == "past"
PY

# --status and --min-grade, repeated --status adding up, on every command.
run 0 timeline --status claimed --status planned --format csv $CL
[ "$(cut -d, -f1 "$T/out" | tail -n +2 | tr '\n' ' ')" = "hacking visit " ] && ok || bad "--status claimed --status planned: $(cat "$T/out")"
run 0 timeline --min-grade B2 --format csv $CL
[ "$(cut -d, -f1 "$T/out" | tail -n +2 | tr '\n' ' ')" = "second-hack accusation " ] && ok || bad "--min-grade B2: $(cat "$T/out")"
run 0 graph --format json --status reported,confirmed $CL
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sorted(e["statuses"].popitem()[0] for e in d["edges"]) == ["confirmed", "reported"], d["edges"]' "$T/out" && ok || bad "graph --status"
run 0 actors --min-grade A1 --format csv $CL && has "$T/out" "Beta"
run 0 path --status claimed B A $CL && has "$T/out" "Beta hacks"
run 0 export --min-grade C3 --out-dir "$T/exp" $CL && has "$T/exp/timeline.txt" "[claimed]" && lacks "$T/exp/timeline.txt" "[planned]"
run 0 view --status planned -o "$T/v.html" $CL && has "$T/v.html" "visit"
run 0 timeline --status denied --type visit $CL && has "$T/err" "no events match --type visit --status denied"
run 0 timeline --min-grade A1 --actor Gamma $CL && has "$T/err" "no events match --actor Gamma --min-grade A1"
run 2 timeline --status claim $CL && has "$T/err" "unknown status 'claim' (reported, confirmed, claimed, denied or planned)"
run 2 graph --min-grade b2 $CL && has "$T/err" "--min-grade: 'b2' is not a grade"
run 2 timeline --min-grade A $CL && has "$T/err" "--min-grade: 'A' is not a grade"

# Rows of GDELT are reported and ungraded: --min-grade keeps none of them.
run 0 graph --format json --min-grade F6 tests/data/real/gdelt1.tsv && has "$T/err" "no events match --min-grade F6"
run 0 graph --format json --status reported tests/data/real/gdelt1.tsv && has "$T/out" '"statuses":{"reported":'

# Pictures: dashed for claims only, dotted for plans only, said in the legend.
run 0 graph $CL && golden claims-graph.dot
has "$T/out" "style=dashed"
has "$T/out" "style=dotted"
# DOT says it in the title (agwrite folds long strings with a backslash-newline).
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$T/out" >"$T/joined.dot"
has "$T/joined.dot" "dashed: only claimed, denied or planned · dotted: only planned"
# Pictures in the legend under the drawing.
run 0 graph --layout neato --format svg $CL && has "$T/out" ">only claimed, denied or planned<" && has "$T/out" ">only planned<"
run 0 graph --status reported $CL && lacks "$T/out" "dashed"

# Through JSON Lines and back, and through a partial graph and merge.
run 0 import json $CL -o "$T/claims.jsonl" && has "$T/claims.jsonl" '"status":"denied","confidence":"A1"'
run 0 timeline --format json $CL && cp "$T/out" "$T/a.json"
run 0 timeline --format json "$T/claims.jsonl" && sed 1d "$T/out" >"$T/b.json" && sed 1d "$T/a.json" | cmp -s - "$T/b.json" && ok || bad "JSON Lines lost a status or grade"
run 0 graph --format partial -o "$T/p.partial" $CL && has "$T/p.partial" '"statuses":{"confirmed":1}'
run 0 merge --format json "$T/p.partial" && has "$T/out" '"statuses":{"claimed":1,"denied":1}'

echo
echo "claims: $pass passed, $fail failed"
[ "$fail" = 0 ]
