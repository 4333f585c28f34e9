#!/bin/sh
# Generate the two huge inputs of the invalid-input corpus (kept out of git):
#   deep.json      {"events":  followed by 100000 '[' (nested 100,000 deep, never closed)
#                  -> must be rejected cleanly (syntax error / nesting too deep), no crash.
#   bigstring.json a well-formed event file whose event title is 10 MiB of 'a'
#                  -> not necessarily an error; must not crash or hang.
# Usage: make-huge.sh OUTDIR
set -eu
if [ "$#" -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
mkdir -p "$out"

printf '{"events": ' > "$out/deep.json"
head -c 100000 /dev/zero | tr '\000' '[' >> "$out/deep.json"

{
    printf '{\n  "geopol": 1,\n  "actors": [\n'
    printf '    { "id": "USA", "name": "United States", "kind": "country" }\n  ],\n'
    printf '  "events": [\n    { "id": "e1", "type": "statement", "date": "2025-08-06",\n'
    printf '      "source": ["USA"], "title": "'
    head -c 10485760 /dev/zero | tr '\000' 'a'
    printf '" }\n  ]\n}\n'
} > "$out/bigstring.json"
