#!/bin/sh
# gen-man.sh GEOPOL [README] > geopol.1 - the manual page, written from the
# real --help texts of the geopol binary given and from README's opening
# paragraph, so that it never drifts from what the program says.
set -eu
G=$1
README=${2:-README.md}
version=$("$G" --version | sed 's/^geopol //')

# roff: a backslash is \e; a line starting with . or ' would be a request.
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

# The commands, in the order `geopol --help` lists them.
cmds=$("$G" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')

echo ".TH GEOPOL 1 \"\" \"geopol $version\" \"User Commands\""
echo ".nh"
echo ".ad l"
echo ".SH NAME"
echo "geopol \\- geopolitical events into a timeline and an actor relationship graph"
echo ".SH SYNOPSIS"
for c in $cmds; do
	# The usage lines, joined: "usage: geopol graph [FILTERS] ..." and its continuation.
	line=$("$G" "$c" --help | sed -n '1,/^$/p' | sed -e '/^$/d' -e 's/^usage: //' -e 's/^ *//' |
		tr '\n' ' ' | sed 's/ *$//' | esc)
	printf '.B %s\n.br\n' "$line"
done
echo ".SH DESCRIPTION"
# README's first paragraph of prose, without Markdown emphasis and code marks.
awk 'started && /^$/ { exit } /^geopol turns/ { started = 1 } started' "$README" |
	sed -e 's/\*\*//g' -e 's/`//g' | esc
echo ".PP"
"$G" --help | sed -n '/^commands:/,/^$/p' | sed '1d;/^$/d' | while read -r name summary; do
	printf '.TP\n.B %s\n%s\n' "$name" "$summary"
done
echo ".SH COMMANDS"
for c in $cmds; do
	echo ".SS geopol $c"
	echo ".nf"
	"$G" "$c" --help | sed '1,/^$/d' | esc
	echo ".fi"
done
echo ".SH EXIT STATUS"
"$G" --help | sed -n '/^Exit codes:/,$p' | tr '\n' ' ' | sed 's/^Exit codes: //; s/ *$//' | esc
echo
echo ".SH ENVIRONMENT"
echo ".TP"
echo ".B NO_COLOR"
echo "When set, the text timeline is never coloured (it is coloured only on a terminal)."
echo ".SH SEE ALSO"
echo ".BR dot (1),"
echo "README.md and docs/ in the geopol sources: the input format, EDTF dates, the graph, JSON keys."
