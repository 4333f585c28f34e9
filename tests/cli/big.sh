#!/bin/sh
# Inputs past 32-bit limits, too slow for `make test` (a 2 GiB file is
# written and read): `make test-big`, which CI runs.
#
#   GEOPOL=./geopol sh tests/cli/big.sh
set -u
G=${GEOPOL:-./geopol}
T=tests/tmp/big
rm -rf "$T" && mkdir -p "$T"
fail=0

# A value past 2 GiB into a JSON document is located where it is: its
# offset once went through an int and came out as 1:1.
head -c 2147483700 /dev/zero | tr '\000' ' ' > "$T/far.json"
printf '{"events": [{"id": "e", "type": "statement", "date": "2025-02-30", "title": "t", "source": ["USA"]}]}\n' >> "$T/far.json"
"$G" validate "$T/far.json" > /dev/null 2> "$T/err"
rc=$?
if [ "$rc" != 1 ]; then echo "FAIL: exit $rc, want 1"; fail=1; fi
# 2147483700 spaces, then the date's value 54 characters into the object.
want="$T/far.json:1:2147483754: error: invalid date '2025-02-30'"
if ! grep -qF -- "$want" "$T/err"; then echo "FAIL: want '$want' in:"; cat "$T/err"; fail=1; fi
rm -rf "$T"
echo "big: $([ "$fail" = 0 ] && echo passed || echo failed)"
[ "$fail" = 0 ]
