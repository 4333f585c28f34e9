#!/bin/sh
# Install the Debian packages geopol needs, but only those whose check fails.
# Runs apt-get as root, or through sudo otherwise. Safe to run again: when
# everything is present it does nothing and prints nothing.
set -eu

need=""
check() { # check PKG-CONFIG-MODULE DEBIAN-PACKAGE
	if ! pkg-config --exists "$1" 2>/dev/null; then need="$need $2"; fi
}
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
check igraph libigraph-dev
check libcjson libcjson-dev
check libgvc libgraphviz-dev
check libcgraph libgraphviz-dev
check cunit libcunit1-dev
check zlib zlib1g-dev
# GEXF and GraphML are written with libxml2's xmlTextWriter.
check libxml-2.0 libxml2-dev
# Tests: `dot` checks that our DOT is accepted; networkx recomputes the
# analytics independently (tests/tools/check_analytics.py).
command -v dot >/dev/null 2>&1 || need="$need graphviz"
# Debian's own python3, whatever else PATH finds: networkx comes from Debian.
# networkx's pagerank() imports numpy and scipy, which python3-networkx only
# recommends (and we install without recommends): check each module the
# tests import, and install its package.
pymod() { # pymod MODULE DEBIAN-PACKAGE
	/usr/bin/python3 -c "import $1" >/dev/null 2>&1 || need="$need python3 $2"
}
# The locale unit test compiles de_DE.UTF-8 from the locales package's sources.
[ -f /usr/share/i18n/locales/de_DE ] || need="$need locales"
pymod networkx python3-networkx
pymod numpy python3-numpy
pymod scipy python3-scipy
# The interchange formats are loaded by the real clients (DESIGN §8): python-igraph
# and icalendar from Debian; graphology, Cytoscape.js, vis-timeline and
# TimelineJS from npm (web/package-lock.json, `npm ci`) in node and in
# Debian's Chromium, driven by playwright-core (which downloads no browser).
pymod igraph python3-igraph
pymod icalendar python3-icalendar
# The scale-out test (tests/cli/dask.sh) runs the map and reduce steps on a
# Dask distributed LocalCluster: python3-distributed depends on python3-dask,
# whose bag needs only what python3-dask depends on (not its recommends).
pymod 'distributed, dask.bag' python3-distributed
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
if [ "${GEOPOL_WITH_VALGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
fi
# `make fuzz`: clang (Debian names it clang or clang-14), libFuzzer and the
# sanitizers' runtimes (libclang-rt-14-dev), omp.h for clang (libomp-14-dev).
if [ "${GEOPOL_WITH_FUZZ:-0}" = 1 ]; then
	clang=$(command -v clang || command -v clang-14 || true)
	if [ -z "$clang" ]; then
		need="$need clang-14 libclang-rt-14-dev libomp-14-dev"
	else
		echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }' |
			"$clang" -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1 ||
			need="$need libclang-rt-14-dev"
		echo '#include <omp.h>' | "$clang" -x c -fopenmp -E -o /dev/null - >/dev/null 2>&1 ||
			need="$need libomp-14-dev"
	fi
fi

[ -z "$need" ] && exit 0
# Drop duplicates (libgraphviz-dev can be named twice).
need=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
echo "install-deps: installing:$need" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "install-deps: need root or sudo to install:$need" >&2; exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
