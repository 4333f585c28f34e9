# lib.sh - what the end-to-end scripts (run.sh, options.sh) share. Sourced
# from the top of the tree with T set to the script's scratch folder:
#   G the command (GEOPOL), V a prefix for every run (VALGRIND; valgrind's
#   errors exit 99), the pass/fail counters and the checks below.
#   VALGRIND_EVERY=N (CI's time): run() puts only every Nth run under V.
G=${GEOPOL:-./geopol}
V=${VALGRIND:-}
runs=0
rm -rf "$T" && mkdir -p "$T"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run WANT_RC ARGS...: runs geopol, stdout in $T/out, stderr in $T/err.
run() {
	want=$1; shift
	runs=$((runs + 1))
	v=$V
	[ $((runs % ${VALGRIND_EVERY:-1})) = 0 ] || v=""
	# shellcheck disable=SC2086
	$v "$G" "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" = 99 ]; then
		bad "valgrind reported errors: geopol $*"; sed 's/^/    /' "$T/err" | head -30; return 1
	fi
	if [ "$got" != "$want" ]; then
		bad "exit $got, want $want: geopol $*"; sed 's/^/    /' "$T/err" | head -5; return 1
	fi
	ok
}

# has FILE TEXT: FILE contains TEXT (fixed string).
has() {
	if grep -qF -- "$2" "$1"; then ok; else bad "'$2' not in $1:"; sed 's/^/    /' "$1" | head -5; fi
}

# lacks FILE TEXT: FILE does not contain TEXT (fixed string).
lacks() {
	if grep -qF -- "$2" "$1"; then bad "'$2' in $1:"; grep -F -- "$2" "$1" | head -3 | sed 's/^/    /'; else ok; fi
}

# golden NAME: compare $T/out with tests/expected/NAME.
golden() {
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$T/out" "tests/expected/$1"; ok; return; fi
	if cmp -s "$T/out" "tests/expected/$1"; then ok; else
		bad "output differs from tests/expected/$1:"; diff "tests/expected/$1" "$T/out" | head -20
	fi
}
