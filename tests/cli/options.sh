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

# on_tty WANT_RC ARGS...: runs geopol with a terminal as standard output
# (util-linux script, else Python's pty); what it printed in $T/out.
on_tty() {
	want=$1; shift
	if command -v script >/dev/null 2>&1; then
		# shellcheck disable=SC2086
		script -qec "$V $G $*" /dev/null > "$T/out" 2>&1 < /dev/null
	else
		# shellcheck disable=SC2086
		/usr/bin/python3 -c 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))' \
			$V "$G" "$@" > "$T/out" 2>&1 < /dev/null
	fi
	got=$?
	[ "$got" = "$want" ] && ok || { bad "exit $got, want $want on a terminal: geopol $*"; head -c 300 "$T/out" | cat -v | sed 's/^/    /'; }
}

# --- 1. usage errors exit 2 -------------------------------------------------
# An unknown layout engine is refused before anything is read or written, by
# name, with the engines that exist; DOT never names an unchecked engine.
run 2 graph --layout bogus --format svg -o "$T/bogus.svg" $DATA &&
	has "$T/err" "unknown layout engine 'bogus' (dot, neato, fdp, sfdp, circo or twopi)"
[ ! -e "$T/bogus.svg" ] && ok || bad "a refused --layout left a file"
run 2 graph --layout bogus --format dot $DATA && { [ -s "$T/out" ] && bad "DOT written for a bogus layout" || ok; }
run 2 graph --layout bogus $T/no-such-file && lacks "$T/err" "no-such-file"
run 2 export --layout bogus --out-dir "$T/exp" $DATA && { [ ! -e "$T/exp" ] && ok || bad "export made its folder"; }
run 2 merge --layout bogus - && has "$T/err" "layout engine"
for layout in dot neato fdp sfdp circo twopi; do
	run 0 graph --layout $layout --format dot $DATA && has "$T/out" "layout=$layout"
done
# The default engine is chosen by size, and --help says so: dot up to 30 drawn
# edges (and 60 nodes), neato up to 60 nodes, sfdp beyond.
for cmd in graph export merge; do
	run 0 $cmd --help && has "$T/out" "default by size: dot (country clusters) up to 30 drawn edges" &&
		has "$T/out" "and 60 nodes, neato up to 60 nodes, sfdp beyond" && lacks "$T/out" "dot (default), neato"
done
run 0 graph $DATA && has "$T/out" "layout=dot"
run 0 graph $R/icews.tab && has "$T/out" "layout=neato"
run 0 graph --format json $R/icews.tab &&
	{ [ "$(grep -c '"source":' "$T/out")" -gt 30 ] && [ "$(grep -c '"pagerank":' "$T/out")" -le 60 ] && ok ||
		bad "icews.tab should have 31 to 60 drawn edges and at most 60 nodes"; }
run 0 graph $R/gdelt1.tsv $R/gdelt2.csv $R/icews.tab && has "$T/out" "layout=sfdp"
# Unknown names: exit 2, listing the valid ones.
run 2 timeline --format yaml $DATA && has "$T/err" "unknown timeline format 'yaml' (text, markdown, csv, json, vis, timelinejs, ics, dot, svg, png or pdf)"
run 2 graph --format yaml $DATA && has "$T/err" "unknown graph format 'yaml' (dot, json, svg, png, pdf, partial, gexf, graphml, cytoscape, graphology or d3)"
run 2 actors --format yaml $DATA && has "$T/err" "unknown actors format 'yaml' (text, csv or json)"
run 2 merge --format yaml - && has "$T/err" "unknown graph format 'yaml' (dot, json, svg, png, pdf, partial, gexf, graphml, cytoscape, graphology or d3)"
run 2 import yaml $DATA && has "$T/err" "unknown import format 'yaml' (gdelt, icews, auto, json or jsonl)"
run 2 validate --input-format yaml $DATA && has "$T/err" "unknown input format 'yaml' (auto, json, jsonl, gdelt or icews)"
run 2 graph --level yaml $DATA && has "$T/err" "unknown level 'yaml' (actor or country)"
# view: bad options are usage errors before anything is read or written.
run 2 view --level yaml -o "$T/v.html" $DATA && has "$T/err" "unknown level 'yaml' (actor or country)"
run 2 view --layout dot -o "$T/v.html" $DATA && has "$T/err" "does not apply to 'geopol view'"
run 2 view --bogus -o "$T/v.html" $DATA
run 2 view --from 2025-13 -o "$T/v.html" "$T/no-such-file" && has "$T/err" "--from"
run 2 view --as-of 2025-02-30 -o "$T/v.html" $DATA && has "$T/err" "--as-of"
run 2 view -o "$T/v.html" && has "$T/err" "no input files"
[ ! -e "$T/v.html" ] && ok || bad "a refused view left a file"
for cmd in validate path export import types view; do
	run 2 $cmd --format csv $DATA && has "$T/err" "option '--format' does not apply to 'geopol $cmd'"
done
# chain: its formats, EVENT and a FILE needed, --sources only for timeline.
run 2 chain --format csv tariff-order-2 $DATA && has "$T/err" "unknown chain format 'csv' (text or json)"
run 2 chain $DATA && has "$T/err" "chain needs EVENT and at least one FILE"
run 2 chain --sources tariff-order-2 $DATA && has "$T/err" "option '--sources' does not apply to 'geopol chain'"
run 2 graph --sources $DATA && has "$T/err" "option '--sources' does not apply to 'geopol graph'"

# --- 2. repeated options, --from after --to, empty selections --------------
# Repeated --type and --actor add up, as with commas.
run 0 timeline --format csv --type meeting,visit $SMALL && cp "$T/out" "$T/commas.csv"
run 0 timeline --format csv --type meeting --type visit $SMALL &&
	{ cmp -s "$T/out" "$T/commas.csv" && ok || bad "--type a --type b differs from --type a,b"; }
run 0 timeline --format csv --type visit $SMALL &&
	{ cmp -s "$T/out" "$T/commas.csv" && bad "--type a,b selects what --type b does: the test cannot tell" || ok; }
run 0 graph --format json --actor IND,CHN $SMALL && cp "$T/out" "$T/commas.json"
run 0 graph --format json --actor IND --actor CHN $SMALL &&
	{ cmp -s "$T/out" "$T/commas.json" && ok || bad "--actor a --actor b differs from --actor a,b"; }
run 0 graph --format json --actor CHN $SMALL &&
	{ cmp -s "$T/out" "$T/commas.json" && bad "--actor a,b selects what --actor b does: the test cannot tell" || ok; }
run 0 timeline --format csv --type meeting --type visit,talks --type tariff $SMALL &&
	{ [ "$(($(wc -l < "$T/out") - 1))" = 4 ] && ok || bad "three --type options should select 4 events"; }
# --from after --to: a usage error quoting both, before the input is read.
run 2 timeline --from 2025-09 --to 2025-08 $DATA && has "$T/err" "--from 2025-09" && has "$T/err" "--to 2025-08"
run 2 graph --from 2025-08-07 --to 2025-08-06T12:00:00Z "$T/no-such-file" && has "$T/err" "2025-08-07"
run 0 timeline --from 2025-08 --to 2025-08 $DATA
run 0 timeline --from 2025-08-06 --to 2025-08 $DATA
# Invalid dates are usage errors before any input is read.
run 2 timeline --from 2025-13 "$T/no-such-file" && has "$T/err" "--from"
run 2 export --as-of 2025-02-30 "$T/no-such-file" && has "$T/err" "--as-of"
# No event matches: said on standard error, naming the filters; exit 0.
for cmd in timeline "graph --format json" actors "export --out-dir $T/empty" "view -o $T/empty.html"; do
	# shellcheck disable=SC2086
	run 0 $cmd --type mass_violence --actor russia $SMALL &&
		has "$T/err" "geopol: no events match --type mass_violence --actor russia"
done
[ -s "$T/empty/graph.json" ] && ok || bad "export with no events should still write its files"
run 0 graph --format json --to 1900 $R/gdelt2.csv && has "$T/err" "no events match --to 1900"
printf '{"events": []}\n' > "$T/none.json"
run 0 timeline "$T/none.json" && has "$T/err" "geopol: no events in the input"
# path with nothing selected: no path (exit 1), saying why.
run 1 path --type mass_violence USA IND $SMALL && has "$T/err" "no events match --type mass_violence"
# Events match: no such message.
run 0 timeline --type visit $SMALL && lacks "$T/err" "no events"
run 0 graph --format json --min-count 99 $SMALL && lacks "$T/err" "no events"

# --- 3. messages -----------------------------------------------------------
# An ambiguous abbreviation names the options it could be.
run 2 timeline --a x $DATA && has "$T/err" "option '--a' is ambiguous; it could be --actor or --as-of"
run 2 graph --t x $DATA && has "$T/err" "it could be --to, --type or --top-edges"
run 0 timeline --act russia --format csv $DATA
run 0 graph --to 2025 --format json $DATA
run 2 timeline --strict=yes $DATA && has "$T/err" "option '--strict' takes no argument"
run 2 validate --from 2025 $DATA && has "$T/err" "option '--from' does not apply to 'geopol validate'"
run 2 validate -o x $DATA && has "$T/err" "option '-o' does not apply to 'geopol validate'"
run 2 timeline --bogus $DATA && has "$T/err" "unknown option '--bogus'"
# Numbers: negative, too large, not a number.
run 2 actors --top -1 $DATA && has "$T/err" "--top must not be negative"
run 2 actors --top 99999999999 $DATA && has "$T/err" "--top is too large (at most 1000000000"
run 2 actors --top 999999999999999999999999 $DATA && has "$T/err" "--top is too large"
run 2 graph --min-count -5 $DATA && has "$T/err" "--min-count must not be negative"
run 2 graph -j 0 $DATA && has "$T/err" "-j must be at least 1"
run 2 graph -j 1000 $DATA && has "$T/err" "-j is too large (at most 256"
run 2 graph --top-edges ten $DATA && has "$T/err" "--top-edges needs a whole number, not 'ten'"
run 0 actors --top 1000000000 $DATA
# A file of the wrong kind: one message, exit 1.
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
# JSON or JSON Lines asked for on rows: one message too.
run 1 graph --input-format jsonl $R/gdelt2.csv && one_line "$T/err" &&
	has "$T/err" "this is a GDELT 2.0 export, not JSON Lines; read it as 'gdelt'"
run 1 validate --input-format json $R/icews.tab && has "$T/err" "this is an ICEWS file, not JSON; read it as 'icews'"
# Gzipped JSON Lines keeps its kind: x.jsonl.gz.
gzip -c tests/data/more.jsonl > "$T/more.jsonl.gz"
run 0 timeline --format csv tests/data/small.json tests/data/more.jsonl && cp "$T/out" "$T/plain.csv"
run 0 timeline --format csv tests/data/small.json "$T/more.jsonl.gz"
cmp -s "$T/out" "$T/plain.csv" && ok || bad "x.jsonl.gz is not read as JSON Lines"
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
# PNG and PDF are not written to a terminal.
on_tty 2 graph --format png $DATA && has "$T/out" "refusing to write PNG to a terminal; use -o FILE or redirect"
on_tty 2 graph --format pdf -o - $DATA && has "$T/out" "refusing to write PDF to a terminal"
on_tty 2 merge --format png "$T/seed.partial" && has "$T/out" "refusing to write PNG to a terminal"
on_tty 0 graph --format png -o "$T/tty.png" $DATA && { [ "$(head -c 4 "$T/tty.png" | tail -c 3)" = PNG ] && ok || bad "not a PNG"; }
on_tty 0 graph --format svg $DATA && has "$T/out" "<svg"
on_tty 2 timeline --format png $DATA && has "$T/out" "refusing to write PNG to a terminal"
on_tty 2 timeline --format pdf $DATA && has "$T/out" "refusing to write PDF to a terminal"
run 0 graph --format png $DATA && { [ "$(head -c 4 "$T/out" | tail -c 3)" = PNG ] && ok || bad "PNG to a pipe"; }

# --help lists exactly the options each command takes: every option of
# cli_parse's table that a command accepts is in its --help, and every
# option its --help names is accepted.
sed -n 's/^[[:space:]]*{ { "\([a-z-]*\)", [a-z_]*_argument, .*/--\1/p' src/cli/cli_options.c > "$T/table"
[ "$(wc -l < "$T/table")" -ge 19 ] && ok || bad "cannot read the option table of src/cli/cli_options.c"
# accepts CMD OPT: the parser takes OPT (it does not call it unknown or another command's).
accepts() {
	$V "$G" "$1" "$2" > /dev/null 2> "$T/probe" < /dev/null
	[ $? = 99 ] && bad "valgrind reported errors: geopol $1 $2"
	! grep -qE "unknown option|does not apply" "$T/probe"
}
# in_help OPT: the help in $T/help names OPT as a whole word.
in_help() {
	grep -qE -- "(^|[^a-z-])$1([^a-z-]|$)" "$T/help"
}
for cmd in validate timeline graph actors path chain diff export merge import types view; do
	"$G" "$cmd" --help > "$T/help"
	for opt in $(cat "$T/table") -o -j -h; do
		if accepts "$cmd" "$opt"; then
			in_help "$opt" && ok || bad "geopol $cmd takes $opt, but its --help does not say so"
		else
			in_help "$opt" && bad "geopol $cmd --help names $opt, which it does not take" || ok
		fi
	done
done
run 0 export --help && has "$T/out" "--out-dir DIR" && has "$T/out" "--layout E" && has "$T/out" "--from DATE"
run 2 import auto --input-format json $DATA && has "$T/err" "does not apply to 'geopol import'"
run 2 merge -j 2 "$T/seed.partial" && has "$T/err" "does not apply to 'geopol merge'"

# --- 4. Markdown renders user text literally ----------------------------------
cat > "$T/md.json" <<'EOF'
{"title": "Notes <i>draft</i>",
 "actors": [{"id": "a_1", "name": "Trade_war *bloc*", "kind": "group"}],
 "events": [{"id": "e", "type": "statement", "date": "2025-08~", "source": ["a_1"],
             "title": "Trade_war *update* [draft] <b> `x` back\\slash a|b"}]}
EOF
run 0 timeline --format markdown "$T/md.json" &&
	has "$T/out" '  Trade\_war \*update\* \[draft] \<b> \`x\` back\\slash a\|b' &&
	has "$T/out" '## Notes \<i>draft\</i>' && has "$T/out" ' · Statement · Trade\_war \*bloc\*\' && has "$T/out" '- **\~2025-08** · '
run 0 timeline "$T/md.json" && has "$T/out" 'Trade_war *update* [draft] <b> `x` back\slash a|b'

echo
echo "options: $pass passed, $fail failed"
[ "$fail" = 0 ]
