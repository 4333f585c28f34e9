#!/bin/sh
# End-to-end tests of outputs and I/O faults (DESIGN §5): inputs cut short
# or unreadable give the right exit code and a message naming the file, and
# leave no output file.
#
#   GEOPOL=./geopol sh tests/cli/io.sh        (from the top of the tree)
#   VALGRIND='valgrind ...' prefixes every run; valgrind's errors exit 99.
set -u
G=${GEOPOL:-./geopol}
V=${VALGRIND:-}
T=tests/tmp/io
# A run that stopped half-way may have left a folder read-only.
[ -d "$T" ] && chmod -R u+w "$T"
rm -rf "$T" && mkdir -p "$T"
pass=0
fail=0
SMALL=tests/data/small.json
MORE="tests/data/small.json tests/data/more.jsonl"
R=tests/data/real

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# gp ARGS...: geopol, under valgrind when asked. Callers redirect; stderr
# goes to $T/err for the checks below.
gp() {
	# shellcheck disable=SC2086
	$V "$G" "$@"
}

# exits GOT WANT WHAT: the status of WHAT was WANT (valgrind found nothing).
exits() {
	if [ "$1" = 99 ]; then
		bad "valgrind reported errors: $3"; sed 's/^/    /' "$T/err" | head -30; return 1
	fi
	if [ "$1" != "$2" ]; then
		bad "exit $1, want $2: $3"; sed 's/^/    /' "$T/err" | head -5; return 1
	fi
	ok
}

# says TEXT: stderr has TEXT on exactly one line (one message, not two).
says() {
	n=$(grep -cF -- "$1" "$T/err")
	[ "$n" = 1 ] && ok || { bad "'$1' on $n lines of stderr, want 1:"; sed 's/^/    /' "$T/err" | head -5; }
}

# same DIR COPY: DIR holds what COPY holds, byte for byte, and nothing else
# (else it is made so again, for the next test).
same() {
	diff -r "$2" "$1" >/dev/null && ok || {
		bad "$1 changed:"; diff -r "$2" "$1" | head -5; rm -rf "$1"; cp -r "$2" "$1"
	}
}

# empty DIR: nothing in DIR: no output, no temporary file (else emptied).
empty() {
	[ -z "$(ls -A "$1")" ] && ok || { bad "$1 should be empty: $(ls -A "$1" | tr '\n' ' ')"; rm -rf "${1:?}"/*; }
}

# --- inputs cut short or unreadable: the right code, no output file ------------
mkdir "$T/in" "$T/res"
gzip -c $R/gdelt2.csv > "$T/in/whole.csv.gz"
size=$(wc -c < "$T/in/whole.csv.gz")
# Without the gzip trailer (size and checksum) every row is still there;
# only the missing end says the copy is incomplete.
head -c $((size - 4)) "$T/in/whole.csv.gz" > "$T/in/no-trailer.csv.gz"
head -c $((size / 2)) "$T/in/whole.csv.gz" > "$T/in/half.csv.gz"
head -c 1500 $SMALL > "$T/in/cut.json"
gzip -c $SMALL | head -c 500 > "$T/in/half.json.gz"
head -c 5000 $R/gdelt2.csv > "$T/in/cut.csv"
mkdir "$T/in/folder.json"
# input FILE WANT MESSAGE: timeline and graph of FILE exit WANT, say MESSAGE,
# and leave no file in $T/res.
input() {
	for cmd in "timeline -o $T/res/out.txt" "graph --format json -o $T/res/out.json" "validate"; do
		# shellcheck disable=SC2086
		gp $cmd "$1" >"$T/out" 2>"$T/err"
		exits $? "$2" "$cmd $1" && says "$3"
		empty "$T/res"
	done
}
input "$T/in/no-trailer.csv.gz" 3 "$T/in/no-trailer.csv.gz: error: read error: the gzip data ends early"
input "$T/in/half.csv.gz" 3 "$T/in/half.csv.gz: error: read error: the gzip data ends early"
input "$T/in/half.json.gz" 3 "$T/in/half.json.gz: error: cannot read: the gzip data ends early"
input "$T/in/cut.json" 1 "$T/in/cut.json:"
input "$T/in/cut.csv" 1 "$T/in/cut.csv:14:1: error: expected 58 or 57 tab-separated columns"
input "$T/in/folder.json" 3 "$T/in/folder.json: error: cannot read: Is a directory"
gp validate "$T/in/whole.csv.gz" >"$T/out" 2>"$T/err"
exits $? 0 "validate (whole gzip)"
# Threads read a plain file in ranges: a row cut short is still found.
gp graph -j 2 --format json -o "$T/res/out.json" "$T/in/cut.csv" >"$T/out" 2>"$T/err"
exits $? 1 "graph -j 2 (cut rows)" && says "$T/in/cut.csv:14:1: error:"
empty "$T/res"
# A pipe or a FIFO whose writer stops half-way.
head -c 1500 $SMALL | gp timeline -o "$T/res/out.txt" - >"$T/out" 2>"$T/err"
exits $? 1 "timeline of a pipe cut short" && says "-:"
empty "$T/res"
gzip -c $R/gdelt2.csv | head -c 2000 | gp graph -o "$T/res/out.dot" - >"$T/out" 2>"$T/err"
exits $? 3 "graph of a gzip pipe cut short" && says "-: error: read error: the gzip data ends early"
empty "$T/res"
mkfifo "$T/in/fifo"
# (timeout: a geopol that never opened the FIFO would leave the writer waiting.)
timeout 20 sh -c 'head -c 1500 "$1" > "$2"' sh $SMALL "$T/in/fifo" &
gp timeline -o "$T/res/out.txt" "$T/in/fifo" >"$T/out" 2>"$T/err"
exits $? 1 "timeline of a FIFO cut short" && says "$T/in/fifo:"
wait
empty "$T/res"


echo
echo "io: $pass passed, $fail failed"
[ "$fail" = 0 ]
