#!/bin/sh
# gen_file.sh ROWS [DATASET] - make sure the GDELT-shaped file of ROWS rows and
# DATASET exists in ${BENCH_DIR:-/tmp/geopol-bench} and was written by the
# current bench/gen_gdelt.c; print its path.
#
# DATASET says how many distinct actor codes (columns 5 and 15, 0-based) the
# file gets (gen_gdelt's CODES):
#   default   none given: gen_gdelt's realistic default, 2.22 * ROWS^(2/3),
#             fitted on real GDELT files (bench/README.md)  -> gdelt-ROWS.tsv
#   low       3700, what the old generator saturated at     -> gdelt-ROWS-low.tsv
#   high      66000 * (ROWS / 10^6)^0.564, the curve of an independent
#             generator (~18,000 at 100k rows, 66,000 at 1M, ~164,000 at 5M)
#                                                            -> gdelt-ROWS-high.tsv
#   a number  that many                                      -> gdelt-ROWS-cN.tsv
#
# A stamp file beside the data (FILE.stamp) records the rows, the CODES asked
# for, the byte size and the generator source's checksum: a file whose stamp
# matches (and whose size is the recorded one) is reused, anything else is
# regenerated (to a temporary name, then moved).  FILE.distinct caches the
# number of distinct actor codes really in the file (counted once with mawk,
# keyed on the same stamp).
#
#   gen_file.sh --codes ROWS DATASET   prints the CODES DATASET asks for
#                                      ("" for the default) and generates nothing
set -eu
cd "$(dirname "$0")/.."

# codes_for ROWS DATASET: gen_gdelt's CODES argument for DATASET ("" = none).
codes_for() {
    case $2 in
        default | "") echo "" ;;
        low) echo 3700 ;;
        high) awk -v n="$1" 'BEGIN { printf "%d\n", 66000 * exp(0.564 * log(n / 1e6)) + 0.5 }' ;;
        *[!0-9]*)
            echo "gen_file.sh: DATASET must be default, low, high or a number, not '$2'" >&2
            exit 2
            ;;
        *) echo "$2" ;;
    esac
}

if [ "${1:-}" = --codes ]; then
    codes_for "$2" "${3:-default}"
    exit 0
fi
ROWS=$1
DATASET=${2:-default}
CODES=$(codes_for "$ROWS" "$DATASET")
BENCH_DIR=${BENCH_DIR:-/tmp/geopol-bench}
case $DATASET in
    default | "") FILE=$BENCH_DIR/gdelt-$ROWS.tsv ;;
    low | high) FILE=$BENCH_DIR/gdelt-$ROWS-$DATASET.tsv ;;
    *) FILE=$BENCH_DIR/gdelt-$ROWS-c$CODES.tsv ;;
esac
mkdir -p "$BENCH_DIR" bench/build
CC=${CC:-cc}
$CC -O2 -std=c17 -Wall -Wextra -Werror -o bench/build/gen_gdelt bench/gen_gdelt.c
GENSUM=$(cksum < bench/gen_gdelt.c | cut -d' ' -f1)
KEY="rows=$ROWS codes=${CODES:-default}"

count_distinct() { # FILE: distinct non-empty Actor1Code and Actor2Code values
    mawk -F'\t' '$6 != "" && !($6 in s) { s[$6]; n++ }
        $16 != "" && !($16 in s) { s[$16]; n++ }
        END { print n + 0 }' "$1"
}

reuse=no
if [ -f "$FILE" ] && [ -f "$FILE.stamp" ]; then
    size=$(wc -c < "$FILE")
    [ "$(cat "$FILE.stamp")" = "$KEY bytes=$size gen=$GENSUM" ] && reuse=yes
fi
if [ "$reuse" = no ]; then
    echo "generating $ROWS rows (${CODES:-default} actor codes) into $FILE" >&2
    rm -f "$FILE.stamp" "$FILE.distinct"
    # shellcheck disable=SC2086 # $CODES is empty (no argument) or one number
    bench/build/gen_gdelt "$ROWS" $CODES > "$FILE.tmp"
    mv "$FILE.tmp" "$FILE"
    echo "$KEY bytes=$(wc -c < "$FILE") gen=$GENSUM" > "$FILE.stamp"
fi
stamp=$(cat "$FILE.stamp")
if [ ! -f "$FILE.distinct" ] || [ "$(sed 's/ distinct=.*//' "$FILE.distinct")" != "$stamp" ]; then
    echo "counting the distinct actor codes of $FILE" >&2
    echo "$stamp distinct=$(count_distinct "$FILE")" > "$FILE.distinct"
fi
echo "$FILE"
