#!/bin/sh
# `make install` into a fresh prefix, then build examples/ against it as a
# user would, with pkg-config alone: the shared library, and libgeopol.a
# with `pkg-config --static`. Both programs must print what the in-tree
# examples print (tests/expected/example-*.txt); then `make uninstall`
# must leave no file behind.
#
#   sh tests/cli/install.sh      (from the top of the tree, after `make`)
set -u
T=tests/tmp/install
. tests/cli/lib.sh
P=$(pwd)/$T/prefix
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
CC=${CC:-cc}

if make --no-print-directory -s install PREFIX="$P" > "$T/make.log" 2>&1; then ok; else bad "make install failed:"; tail -5 "$T/make.log"; fi
for f in bin/geopol lib/libgeopol.a lib/libgeopol.so lib/libgeopol.so.0 lib/pkgconfig/geopol.pc \
	include/geopol/geopol.h include/geopol/dataset.h share/man/man1/geopol.1; do
	[ -e "$P/$f" ] && ok || bad "make install did not install $f"
done
# The soname, and only the public API exported (no gp__ helper).
soname=$(objdump -p "$P/lib/libgeopol.so" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = libgeopol.so.0 ] && ok || bad "soname is '$soname', want libgeopol.so.0"
# (symbols of the version node GEOPOL_0, as name@@GEOPOL_0; the node itself is no function)
nm -D --defined-only "$P/lib/libgeopol.so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' > "$T/symbols"
grep -q '^gp_dataset_new$' "$T/symbols" && ok || bad "gp_dataset_new not exported"
grep -q '^gp__' "$T/symbols" && bad "internal gp__ symbols exported: $(grep -c '^gp__' "$T/symbols")" || ok
grep -v '^gp_' "$T/symbols" | grep -q . && bad "exported beyond gp_: $(grep -v '^gp_' "$T/symbols" | head -3 | tr '\n' ' ')" || ok
# The installed binary runs, and its manual page has every command.
"$P/bin/geopol" --version > "$T/out" 2>&1 && has "$T/out" "geopol " || bad "installed geopol does not run"
for c in validate timeline graph actors path export merge import types; do
	grep -q "^\.SS geopol $c\$" "$P/share/man/man1/geopol.1" && ok || bad "geopol.1 has no section for $c"
done
if command -v man > /dev/null 2>&1; then
	MANWIDTH=100 man -l "$P/share/man/man1/geopol.1" > "$T/man.txt" 2> "$T/man.err" && has "$T/man.txt" "geopol timeline" ||
		bad "man cannot format geopol.1"
fi

# A user's build: pkg-config and nothing else.
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
for ex in timeline top_actors; do
	# shellcheck disable=SC2046 # pkg-config prints a list of flags
	if $CC -std=c17 -Wall -Wextra -Werror -o "$T/$ex" examples/$ex.c $(pkg-config --cflags --libs geopol) 2> "$T/cc.err"; then ok; else
		bad "examples/$ex.c does not build with pkg-config geopol:"; head -5 "$T/cc.err"
	fi
	# libgeopol.a with its dependencies as shared libraries: the packages
	# geopol.pc requires privately, and its private flags (-fopenmp).
	# (`pkg-config --static` would also ask for igraph's own static
	# dependencies, glpk, arpack and plfit, which Debian does not install.)
	# shellcheck disable=SC2046
	if $CC -std=c17 -Wall -Wextra -Werror -o "$T/$ex-static" examples/$ex.c $(pkg-config --cflags geopol) \
		"$P/lib/libgeopol.a" $(pkg-config --libs $(pkg-config --print-requires-private geopol)) \
		$(sed -n 's/^Libs.private: //p' "$P/lib/pkgconfig/geopol.pc") 2> "$T/cc.err"; then ok; else
		bad "examples/$ex.c does not link libgeopol.a:"; head -5 "$T/cc.err"
	fi
done
# The shared one loads the installed library (and no other).
LD_LIBRARY_PATH="$P/lib" ldd "$T/timeline" | grep -q "$P/lib/libgeopol.so.0" && ok || bad "examples do not load the installed libgeopol.so"
for bin in "$T/timeline" "$T/timeline-static"; do
	# shellcheck disable=SC2086
	LD_LIBRARY_PATH="$P/lib" "$bin" $DATA > "$T/out" 2> "$T/err" && ok || bad "$bin failed: $(head -1 "$T/err")"
	cmp -s "$T/out" tests/expected/example-timeline.txt && ok || bad "$bin printed another timeline"
done
for bin in "$T/top_actors" "$T/top_actors-static"; do
	# shellcheck disable=SC2086
	LD_LIBRARY_PATH="$P/lib" "$bin" 5 $DATA > "$T/out" 2> "$T/err" && ok || bad "$bin failed: $(head -1 "$T/err")"
	cmp -s "$T/out" tests/expected/example-top_actors.txt && ok || bad "$bin printed other actors"
done

if make --no-print-directory -s uninstall PREFIX="$P" > "$T/make.log" 2>&1; then ok; else bad "make uninstall failed"; fi
left=$(find "$P" -type f -o -type l)
[ -z "$left" ] && ok || bad "make uninstall left: $left"
echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
