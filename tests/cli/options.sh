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
