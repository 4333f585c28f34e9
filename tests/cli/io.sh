#!/bin/sh
# End-to-end tests of outputs and I/O faults (DESIGN §5): a full disk, a
# failed fsync, chmod or rename, an unwritable folder, inputs cut short or
# unreadable, and readers that leave early. Each gives the right exit code
# and a message naming the file, and leaves every earlier output as it was
# and no temporary file; a reader leaving ends the run quietly.
#
#   GEOPOL=./geopol sh tests/cli/io.sh        (from the top of the tree)
#   VALGRIND='valgrind ...' prefixes every run; valgrind's errors exit 99.
#
# Faults of single system calls come from tests/tools/faults.c (LD_PRELOAD).
# Tests and CI run as root, whom file modes do not stop: the unwritable
# folder is tried as user nobody then (setpriv), as the user otherwise.
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

# quiet: nothing on stderr.
quiet() {
	[ -s "$T/err" ] && { bad "stderr should be empty:"; sed 's/^/    /' "$T/err" | head -5; } || ok
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

# --- -o on a full disk names the file ------------------------------------
# A partial graph, for merge.
gp graph --format partial -o "$T/small.partial" $SMALL 2>"$T/err"
exits $? 0 "graph --format partial"
for args in "timeline $SMALL" "graph $SMALL" "graph --format svg $SMALL" "actors $SMALL" \
	"import auto $R/gdelt1.tsv" "merge $T/small.partial"; do
	# shellcheck disable=SC2086
	gp $args -o /dev/full >"$T/out" 2>"$T/err"
	exits $? 3 "geopol $args -o /dev/full" && says "geopol: cannot write '/dev/full': No space left on device"
done

# --- faults of single system calls (tests/tools/faults.c) ------------------
# The preloaded library comes before ASan's runtime, which ASan must be told.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
if ${CC:-cc} -O2 -std=c17 -Wall -Wextra -Werror -shared -fPIC -o "$T/faults.so" tests/tools/faults.c -ldl; then
	FAULTS=$(pwd)/$T/faults.so
else
	bad "cannot build tests/tools/faults.c"
	FAULTS=/nonexistent
fi
# faulty FAULT ARGS...: geopol ARGS with the system call FAULT failing.
faulty() {
	f=$1; shift
	GEOPOL_FAULT=$f LD_PRELOAD=$FAULTS gp "$@"
}

# -o FILE: a failed fsync, chmod or rename leaves FILE as it was.
mkdir "$T/one"
gp timeline -o "$T/one/out.txt" $SMALL 2>"$T/err"
exits $? 0 "timeline -o"
cp -r "$T/one" "$T/one.before"
for f in fsync:out.txt fchmod:out.txt rename:out.txt; do
	# shellcheck disable=SC2086
	faulty $f timeline -o "$T/one/out.txt" $MORE >"$T/out" 2>"$T/err"
	exits $? 3 "timeline -o with $f failing" && says "'$T/one/out.txt': Input/output error"
	same "$T/one" "$T/one.before"
done
# The fault library works: the same run without it replaces the file.
# shellcheck disable=SC2086
gp timeline -o "$T/one/out.txt" $MORE 2>"$T/err"
exits $? 0 "timeline -o (more)" && { cmp -s "$T/one/out.txt" "$T/one.before/out.txt" && bad "the file did not change" || ok; }
# A replaced file keeps its permissions: a private file stays private.
chmod 600 "$T/one/out.txt"
gp timeline -o "$T/one/out.txt" $SMALL 2>"$T/err"
exits $? 0 "timeline -o (mode 600)"
[ "$(stat -c %a "$T/one/out.txt")" = 600 ] && ok || bad "mode $(stat -c %a "$T/one/out.txt"), want 600"
cmp -s "$T/one/out.txt" "$T/one.before/out.txt" && ok || bad "-o wrote another timeline"

# --- export: all nine files or none -------------------------------------
gp export --out-dir "$T/exp" $SMALL >"$T/out" 2>"$T/err"
exits $? 0 "export"
cp -r "$T/exp" "$T/exp.before"
# Each step failing, at each place: the third of nine renames failing puts
# the first two back; a failed link (file systems without hard links) moves
# the earlier file aside instead, and it is put back as well.
# FAULT=FILE: the call that fails, and the file the message names.
for c in rename:timeline.txt=timeline.txt rename:timeline.svg=timeline.svg rename:graph.svg=graph.svg rename:graph.json=graph.json \
	rename:graph.graphml=graph.graphml rename:view.html=view.html fsync:view.html=view.html fsync:timeline.txt=timeline.txt fsync:graph.dot=graph.dot fchmod:graph.json=graph.json \
	link:graph,rename:graph.json=graph.json; do
	# shellcheck disable=SC2086
	faulty ${c%=*} export --out-dir "$T/exp" $MORE >"$T/out" 2>"$T/err"
	exits $? 3 "export with ${c%=*} failing" && says "'$T/exp/${c#*=}': Input/output error"
	same "$T/exp" "$T/exp.before"
	[ -s "$T/out" ] && bad "export with ${c%=*} failing said it wrote files" || ok
done
# Interrupted (kill; Ctrl-C alike) while the files are written: they are
# removed, the earlier ones stay, and the run ends by the signal (143).
for f in sigterm:timeline.txt sigterm:graph.json; do
	# shellcheck disable=SC2086
	faulty $f export --out-dir "$T/exp" $MORE >"$T/out" 2>"$T/err"
	exits $? 143 "export interrupted ($f)"
	same "$T/exp" "$T/exp.before"
done
faulty sigterm:out.txt timeline -o "$T/one/out.txt" $MORE >"$T/out" 2>"$T/err"
exits $? 143 "timeline -o interrupted"
same "$T/one" "$T/one.before"
# A write failing (a file size limit, as a full disk or a quota would) on a
# later, bigger file than the first.
(trap '' XFSZ; ulimit -f 4; gp export --out-dir "$T/exp" $MORE >"$T/out" 2>"$T/err")
exits $? 3 "export over the file size limit" && says "File too large"
same "$T/exp" "$T/exp.before"
# A later file that cannot be written at all: graph.svg is a folder.
cp -r "$T/exp.before" "$T/exp-dir" && rm "$T/exp-dir/graph.svg" && mkdir -p "$T/exp-dir/graph.svg/x"
cp -r "$T/exp-dir" "$T/exp-dir.before"
gp export --out-dir "$T/exp-dir" $MORE >"$T/out" 2>"$T/err"
exits $? 3 "export with graph.svg a folder" && says "'$T/exp-dir/graph.svg'"
same "$T/exp-dir" "$T/exp-dir.before"
# A folder export created is removed again when it fails.
faulty rename:graph.svg export --out-dir "$T/new/sub" $MORE >"$T/out" 2>"$T/err"
exits $? 3 "export into a new folder, a rename failing"
[ -e "$T/new" ] && bad "a failed export left the folder it created: $(find "$T/new" | tr '\n' ' ')" || ok
# Without a fault, all nine are replaced and nothing else is left.
gp export --out-dir "$T/exp" $MORE >"$T/out" 2>"$T/err"
exits $? 0 "export (more)"
for name in timeline.txt timeline.json timeline.svg graph.dot graph.svg graph.json graph.gexf graph.graphml view.html; do
	cmp -s "$T/exp/$name" "$T/exp.before/$name" && bad "export did not replace $name" || ok
done
[ "$(ls "$T/exp" | tr '\n' ' ')" = "graph.dot graph.gexf graph.graphml graph.json graph.svg timeline.json timeline.svg timeline.txt view.html " ] && ok ||
	bad "export left other files: $(ls "$T/exp" | tr '\n' ' ')"

# --- an unwritable folder -----------------------------------------------------
# As root, mode bits do not stop writes: run as nobody, who does not own it.
if [ "$(id -u)" = 0 ]; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	AS=
fi
# Whatever the umask and the checkout's modes, that user may run a copy of
# geopol and read copies of the inputs.
mkdir "$T/pub"
cp "$G" "$T/pub/geopol" && cp $MORE "$T/pub/" && chmod 755 tests/tmp "$T" "$T/pub" "$T/pub/geopol" &&
	chmod 644 "$T"/pub/*.json* && ok || bad "cannot copy geopol and its inputs for another user"
PUB="$T/pub/small.json $T/pub/more.jsonl"
cp -r "$T/exp.before" "$T/ro"
chmod 555 "$T/ro"
cp -r "$T/ro" "$T/ro.before"
for args in "timeline -o $T/ro/timeline.txt" "graph --format json -o $T/ro/graph.json"; do
	# shellcheck disable=SC2086
	$AS $V "$T/pub/geopol" $args $PUB >"$T/out" 2>"$T/err"
	exits $? 3 "$args (read-only folder)" && says "geopol: cannot write '$T/ro/${args##*/}': Permission denied"
done
# shellcheck disable=SC2086
$AS $V "$T/pub/geopol" export --out-dir "$T/ro" $PUB >"$T/out" 2>"$T/err"
exits $? 3 "export into a read-only folder" && says "geopol: cannot write '$T/ro/timeline.txt': Permission denied"
# shellcheck disable=SC2086
$AS $V "$T/pub/geopol" export --out-dir "$T/ro/new" $PUB >"$T/out" 2>"$T/err"
exits $? 3 "export into a new folder in a read-only one" && says "geopol: cannot create '$T/ro/new': Permission denied"
chmod 755 "$T/ro"
same "$T/ro" "$T/ro.before"
# An input nobody (or the user) may not read.
cp $SMALL "$T/private.json" && chmod 000 "$T/private.json"
$AS $V "$T/pub/geopol" timeline "$T/private.json" >"$T/out" 2>"$T/err"
exits $? 3 "an unreadable input" && says "$T/private.json: error: cannot open: Permission denied"

# --- standard input that is a file: read once, like a pipe ----------------------
# A graph streamed from a plain file reads its rows' URLs back from the file
# by name; standard input has none, so its URLs are kept as they are read.
for fmt in json svg; do
	gp graph --format $fmt $R/gdelt2.csv >"$T/by-name.$fmt" 2>"$T/err"
	exits $? 0 "graph --format $fmt FILE"
	gp graph --format $fmt - <$R/gdelt2.csv >"$T/by-stdin.$fmt" 2>"$T/err"
	exits $? 0 "graph --format $fmt - <FILE" && quiet
	cmp -s "$T/by-name.$fmt" "$T/by-stdin.$fmt" && ok || bad "graph --format $fmt - <FILE differs from FILE"
done
grep -q '"sources":\["http' "$T/by-stdin.json" && ok || bad "graph - <FILE lists no source URL"
# The URLs read back from a file that cannot be read again: exit 3 naming
# it, no output (read as written: a picture's as it is drawn, the other
# formats' a window of edges at a time).
mkdir "$T/back"
for fmt in json svg partial gexf; do
	# shellcheck disable=SC2086
	faulty pread:gdelt2 graph --format $fmt -o "$T/back/out.$fmt" $R/gdelt2.csv >"$T/out" 2>"$T/err"
	exits $? 3 "graph --format $fmt with the read-back failing" &&
		says "geopol: $R/gdelt2.csv: cannot read its rows' source URLs back: Input/output error"
	empty "$T/back"
done
# Read as the graph is made (a path's edges are looked up): a diagnostic of the input.
faulty pread:gdelt2 path USA CAN $R/gdelt2.csv >"$T/out" 2>"$T/err"
exits $? 3 "path with the read-back failing" &&
	says "$R/gdelt2.csv: error: cannot read its rows' source URLs back: Input/output error"
[ ! -s "$T/out" ] && ok || bad "path with the read-back failing wrote: $(head -c 200 "$T/out")"

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

# --- standard output on a full disk: exit 3, one message ----------------
mkdir "$T/full"
for args in "types" "--help" "--version" "help timeline" "validate $SMALL" "timeline $SMALL" \
	"timeline --format json $SMALL" "graph $SMALL" "graph --format svg $SMALL" "actors $SMALL" \
	"path RUS IND $SMALL" "import auto $R/gdelt1.tsv" "merge $T/small.partial" \
	"export --out-dir $T/full $SMALL"; do
	# shellcheck disable=SC2086
	gp $args >/dev/full 2>"$T/err"
	exits $? 3 "geopol $args >/dev/full" && says "geopol: cannot write to standard output: No space left on device"
done
for cmd in validate timeline graph actors path export import merge types; do
	gp "$cmd" --help >/dev/full 2>"$T/err"
	exits $? 3 "geopol $cmd --help >/dev/full" && says "cannot write to standard output"
done
# Standard output closed: the same, with the reason.
gp types >&- 2>"$T/err"
exits $? 3 "geopol types >&-" && says "geopol: cannot write to standard output: Bad file descriptor"

# --- errors writing to stderr: no message possible, no crash -------------
gp validate tests/invalid/35-date-feb-30.json >"$T/out" 2>/dev/full
exits $? 1 "validate (invalid) 2>/dev/full"
# (Not under valgrind, which needs a standard error of its own.)
"$G" validate tests/invalid/35-date-feb-30.json >"$T/out" 2>&-
exits $? 1 "validate (invalid) 2>&-"

# --- readers that leave early: quiet, and no partial file ---------------------
# Conventionally (cat, grep, jq, git log) a program whose reader has gone ends
# by SIGPIPE: no message, status 141 in the shell. Also when SIGPIPE comes
# ignored from the parent (trap '' PIPE here; some CI runners and daemons).
awk 'BEGIN {
	printf "{\"actor\": {\"id\": \"A\", \"name\": \"Alpha\", \"kind\": \"country\"}}\n"
	for (i = 1; i <= 5000; i++)
		printf "{\"id\": \"e%d\", \"type\": \"statement\", \"date\": \"2025-01-%02d\", \"title\": \"Event %d, with a title long enough that five thousand of them fill many pipe buffers\", \"source\": [\"A\"]}\n", i, i % 28 + 1, i
}' > "$T/big.jsonl"
for args in "timeline $T/big.jsonl" "timeline --format json $T/big.jsonl" "import auto $T/big.jsonl"; do
	for sigpipe in default ignored; do
		# shellcheck disable=SC2086
		if [ $sigpipe = default ]; then
			{ gp $args; echo $? > "$T/rc"; } 2>"$T/err" | head -n 1 > "$T/first"
		else
			(trap '' PIPE; { gp $args; echo $? > "$T/rc"; } 2>"$T/err" | head -n 1 > "$T/first")
		fi
		exits "$(cat "$T/rc")" 141 "geopol $args | head -n 1 (SIGPIPE $sigpipe)" && quiet
		[ -s "$T/first" ] && ok || bad "head got nothing from geopol $args"
	done
done
# -o into a FIFO whose reader leaves.
mkfifo "$T/res/fifo"
(trap '' PIPE; timeout 20 head -n 1 "$T/res/fifo" > "$T/first" & gp timeline -o "$T/res/fifo" "$T/big.jsonl" 2>"$T/err"; echo $? > "$T/rc"; wait)
exits "$(cat "$T/rc")" 141 "timeline -o FIFO, reader leaves" && quiet
rm "$T/res/fifo"
empty "$T/res"
# closed_pipe FD SIGPIPE ARGS...: geopol ARGS with FD (1 or 2) a pipe whose
# reader is gone before it starts; SIGPIPE default or ignored.
closed_pipe() {
	/usr/bin/python3 -c '
import os, subprocess, sys
fd, sigpipe, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
r, w = os.pipe()
os.close(r)
# Python ignores SIGPIPE; restore_signals gives the child the default.
p = subprocess.run(args, restore_signals=sigpipe == "default", **({"stdout": w} if fd == 1 else {"stderr": w}))
sys.exit(128 - p.returncode if p.returncode < 0 else p.returncode)' "$@"
}
for sigpipe in default ignored; do
	# shellcheck disable=SC2086
	closed_pipe 1 $sigpipe $V "$G" timeline $SMALL 2>"$T/err"
	exits $? 141 "timeline into a closed pipe (SIGPIPE $sigpipe)" && quiet
	# A closed stderr does not stop the work: the warnings are lost, the output is written.
	printf '{"events": [{"id": "e", "type": "statment", "date": "2025", "title": "t", "source": ["X"]}]}' > "$T/warn.json"
	# shellcheck disable=SC2086
	closed_pipe 2 $sigpipe $V "$G" timeline -o "$T/res/out.txt" "$T/warn.json" >"$T/out"
	exits $? 0 "timeline with stderr a closed pipe (SIGPIPE $sigpipe)"
	gp timeline "$T/warn.json" >"$T/out" 2>"$T/err"
	cmp -s "$T/res/out.txt" "$T/out" && ok || bad "timeline with stderr a closed pipe wrote another file"
	rm -f "$T/res/out.txt"
	empty "$T/res"
done

echo
echo "io: $pass passed, $fail failed"
[ "$fail" = 0 ]
