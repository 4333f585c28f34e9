#!/bin/sh
# gen_file.sh ROWS - make sure ${BENCH_DIR:-/tmp/geopol-bench}/gdelt-ROWS.tsv
# exists and was written by the current bench/gen_gdelt.c; print its path.
#
# A stamp file beside it records the row count, byte size and the generator
# source's checksum: a file whose stamp matches (and whose size is the recorded
# one) is reused, anything else is regenerated (to a temporary name, then moved).
set -eu
cd "$(dirname "$0")/.."
ROWS=$1
BENCH_DIR=${BENCH_DIR:-/tmp/geopol-bench}
mkdir -p "$BENCH_DIR" bench/build
CC=${CC:-cc}
$CC -O2 -std=c17 -Wall -Wextra -Werror -o bench/build/gen_gdelt bench/gen_gdelt.c
FILE=$BENCH_DIR/gdelt-$ROWS.tsv
GENSUM=$(cksum < bench/gen_gdelt.c | cut -d' ' -f1)
if [ -f "$FILE" ] && [ -f "$FILE.stamp" ]; then
    size=$(wc -c < "$FILE")
    if [ "$(cat "$FILE.stamp")" = "rows=$ROWS bytes=$size gen=$GENSUM" ]; then
        echo "$FILE"
        exit 0
    fi
fi
echo "generating $ROWS rows into $FILE" >&2
rm -f "$FILE.stamp"
bench/build/gen_gdelt "$ROWS" > "$FILE.tmp"
mv "$FILE.tmp" "$FILE"
echo "rows=$ROWS bytes=$(wc -c < "$FILE") gen=$GENSUM" > "$FILE.stamp"
echo "$FILE"
