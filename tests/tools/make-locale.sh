#!/bin/sh
# make-locale.sh DIR: compile de_DE.UTF-8 into DIR (for LOCPATH), once.
# The locale unit test (tests/unit/test_locale.c) runs geopol under it, a
# locale that writes 2.5 as "2,5". localedef comes with libc; the locale's
# sources with Debian's `locales` package (scripts/install-deps.sh).
set -eu
dir=$1
[ -f "$dir/de_DE.UTF-8/LC_NUMERIC" ] && exit 0
mkdir -p "$dir"
# localedef exits 1 on mere warnings: the files it wrote are checked instead.
localedef -i de_DE -f UTF-8 "$dir/de_DE.UTF-8" 2>/dev/null || true
if [ ! -f "$dir/de_DE.UTF-8/LC_NUMERIC" ]; then
	echo "make-locale: cannot compile de_DE.UTF-8 (install Debian's locales package)" >&2
	exit 1
fi
