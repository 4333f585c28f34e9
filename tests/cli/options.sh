#!/bin/sh
# End-to-end tests of the command-line conventions (issue 8): usage errors
# exit 2 before any input is read, repeated options add up, an empty
# selection is said, messages name what went wrong, --help lists exactly
# the options a command takes, Markdown renders titles literally.
#
#   GEOPOL=./geopol sh tests/cli/options.sh   (from the top of the tree)
#   VALGRIND='valgrind ...' prefixes every run; valgrind's errors exit 99.
set -u
T=tests/tmp/options
. tests/cli/lib.sh

DATA=data/seed-article.json
SMALL="tests/data/small.json tests/data/more.jsonl"
R=tests/data/real

# one_line FILE: FILE holds exactly one line (one message, not one per row).
one_line() {
	n=$(wc -l < "$1")
	[ "$n" = 1 ] && ok || { bad "$n lines in $1, want 1:"; head -3 "$1" | sed 's/^/    /'; }
}

# --- 3. inputs of the wrong kind: one message, not one per row -------------
run 1 import icews $R/gdelt2.csv && one_line "$T/err" &&
	has "$T/err" "$R/gdelt2.csv: error: this is a GDELT 2.0 export, not an ICEWS file; read it as 'gdelt' (geopol import gdelt"
run 1 import icews $R/gdelt1.tsv && one_line "$T/err" && has "$T/err" "this is a GDELT 1.0 export, not an ICEWS file"
run 1 import gdelt $R/icews.tab && one_line "$T/err" &&
	has "$T/err" "this is an ICEWS file, not a GDELT export; read it as 'icews' (geopol import icews"
run 1 import gdelt tests/data/small.json && one_line "$T/err" && has "$T/err" "this is JSON, not a GDELT export; read it as 'auto'"
run 1 import gdelt tests/data/more.jsonl && one_line "$T/err" && has "$T/err" "this is JSON, not a GDELT export"
gzip -c $R/gdelt2.csv > "$T/g2.csv.gz"
$V "$G" import icews - < "$T/g2.csv.gz" > "$T/out" 2> "$T/err"
[ $? = 1 ] && ok || bad "import icews of gzipped GDELT on standard input should exit 1"
one_line "$T/err" && has "$T/err" "-: error: this is a GDELT 2.0 export"
run 1 validate --input-format gdelt $R/icews.tab && has "$T/err" "this is an ICEWS file"
run 1 graph --input-format icews $R/gdelt2.csv && one_line "$T/err"
# -j 2 cuts a big file in two: still one message.
for i in $(seq 1 60); do cat $R/gdelt2.csv; done > "$T/big.csv"
run 1 graph -j 2 --input-format icews "$T/big.csv" && one_line "$T/err"
run 0 import gdelt $R/gdelt2.csv
# merge of files that are no partial graphs: one message each, exit 1.
run 0 import auto $R/icews.tab -o "$T/icews.jsonl"
for f in $R/gdelt2.csv $R/icews.tab tests/data/small.json tests/data/more.jsonl "$T/icews.jsonl"; do
	run 1 merge "$f" && one_line "$T/err" && has "$T/err" "not a partial graph (write one with 'geopol graph --format partial')"
done
run 1 merge tests/data/small.json && has "$T/err" "tests/data/small.json: error: this is a JSON document, not a partial graph"
run 1 merge "$T/icews.jsonl" && has "$T/err" "this is a file of events, not a partial graph"
run 1 merge $R/gdelt2.csv && has "$T/err" "this is a GDELT 2.0 export, not a partial graph"
run 0 graph --format partial $DATA -o "$T/seed.partial"
run 0 merge "$T/seed.partial" && has "$T/out" '"kind":"graph"'

# --- 4. Markdown renders user text literally ----------------------------------
cat > "$T/md.json" <<'EOF'
{"title": "Notes <i>draft</i>",
 "actors": [{"id": "a_1", "name": "Trade_war *bloc*", "kind": "group"}],
 "events": [{"id": "e", "type": "statement", "date": "2025-08~", "source": ["a_1"],
             "title": "Trade_war *update* [draft] <b> `x` back\\slash a|b"}]}
EOF
run 0 timeline --format markdown "$T/md.json" &&
	has "$T/out" '| Trade\_war \*update\* \[draft] \<b> \`x\` back\\slash a\|b |' &&
	has "$T/out" '## Notes \<i>draft\</i>' && has "$T/out" '| Trade\_war \*bloc\* |' && has "$T/out" '| ~2025-08 |'
run 0 timeline "$T/md.json" && has "$T/out" 'Trade_war *update* [draft] <b> `x` back\slash a|b'

echo
echo "options: $pass passed, $fail failed"
[ "$fail" = 0 ]
