/*
 * cli.c - what every command shares: messages and exit codes, names picked
 * from lists. The rest of the shared work is in cli_options.c (parsing),
 * cli_diags.c, cli_data.c (loading, filters, the graph) and cli_output.c.
 */

#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("geopol: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_exit_for(int status)
{
	switch (status) {
	case GP_OK: return CLI_EXIT_OK;
	case GP_EINVALID: return CLI_EXIT_INVALID;
	case GP_EIO: return CLI_EXIT_IO;
	case GP_ENOTFOUND:
	case GP_EAMBIGUOUS: return CLI_EXIT_USAGE;
	default: return CLI_EXIT_INTERNAL;
	}
}

/* The index of name in the NULL-terminated names, or -1. */
int cli_name_index(const char *name, const char *const *names)
{
	for (int k = 0; names[k]; k++) {
		if (strcmp(names[k], name) == 0) {
			return k;
		}
	}
	return -1;
}

int cli_pick(const char *what, const char *name, const char *const *names, int *index)
{
	if ((*index = cli_name_index(name, names)) >= 0) {
		return -1;
	}
	/* "unknown timeline format 'yaml' (text, markdown, csv or json)" */
	fprintf(stderr, "geopol: unknown %s '%s' (", what, name);
	for (int k = 0; names[k]; k++) {
		fprintf(stderr, "%s%s", k == 0 ? "" : names[k + 1] ? ", " : " or ", names[k]);
	}
	fputs(")\n", stderr);
	return CLI_EXIT_USAGE;
}

/* The order of gp_input_format. */
const char *const cli_input_formats[] = { "auto", "json", "jsonl", "gdelt", "icews", NULL };

int cli_input_format(const char *name)
{
	return cli_name_index(name, cli_input_formats);
}

void cli_no_events(const cli_opts *o)
{
	const char *const names[] = { "--from",   "--to",        "--type", "--actor",
				      "--status", "--min-grade", "--sign" };
	const char *const values[] = { o->from,     o->to,        o->types, o->actors,
				       o->statuses, o->min_grade, o->sign };
	enum { N = sizeof(values) / sizeof(values[0]) };
	size_t given = 0;
	for (size_t i = 0; i < N; i++) {
		given += values[i] != NULL;
	}
	/* Exit 0 all the same: nothing went wrong, but an empty output should not look like a bug. */
	if (!given) {
		fputs("geopol: no events in the input\n", stderr);
		return;
	}
	fputs("geopol: no events match", stderr);
	for (size_t i = 0; i < N; i++) {
		if (values[i]) {
			fprintf(stderr, " %s %s", names[i], values[i]);
		}
	}
	fputc('\n', stderr);
}

void cli_view_note(const gp_view_shown *s, int level, const char *page)
{
	if (s->edges == s->all_edges && s->events == s->all_events) {
		return;
	}
	const char *who = level == GP_LEVEL_COUNTRY ? "countries" : "actors";
	fprintf(stderr, "geopol: note: %s shows ", page);
	if (s->edges < s->all_edges) {
		fprintf(stderr, "the %zu strongest of %zu relations (%zu of %zu %s) and ", s->edges,
			s->all_edges, s->nodes, s->all_nodes, who);
	}
	fprintf(stderr,
		"%zu of %zu events; --top-edges N and --max-events N show more, "
		"--from, --to, --actor or --type narrow the input\n",
		s->events, s->all_events);
}
