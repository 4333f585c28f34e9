/*
 * cli_diags.c - diagnostics as a compiler prints them, held and printed in file order
 * (DESIGN §5).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Diagnostics as a compiler prints them, so editors can jump to them. */
static void put_diag(gp_severity severity, const char *file, unsigned long line,
		     unsigned long column, const char *message)
{
	const char *sev = severity == GP_SEV_ERROR ? "error" : "warning";
	if (line) {
		fprintf(stderr, "%s:%lu:%lu: %s: %s\n", file, line, column, sev, message);
	} else {
		fprintf(stderr, "%s: %s: %s\n", file, sev, message);
	}
}

static void print_diag(const gp_diag *d, void *userdata)
{
	(void)userdata;
	put_diag(d->severity, d->file, d->line, d->column, d->message);
}

/*
 * Held diagnostics are bounded: past 100,000 of them, or 8 MB of text, the
 * ones held are printed sorted and the rest as found. Only a machine-written
 * or wholesale broken input has that many, and its first 100,000 problems
 * in order say enough; memory stays small whatever the input.
 */
enum { HELD_MAX = 100000, HELD_TEXT_MAX = 8 << 20 };

struct cli_held {
	size_t seq;         /* finding order, for ties */
	size_t message;     /* offset in text */
	size_t name;        /* offset in text of the file name, when file == n_files */
	unsigned long line; /* 0 (file-level) sorts first in its file */
	unsigned long column;
	int file; /* index in files; n_files when not one of them */
	gp_severity severity;
};

/* A file's place: its first occurrence among the inputs (a file given twice
 * is one place), or after them all for a name that is none of them. */
static int file_index(cli_diags *d, const char *name)
{
	/* Diagnostics come in runs from one file: try the last one first. */
	if (d->last_file < d->n_files && strcmp(d->files[d->last_file], name) == 0) {
		return d->last_file;
	}
	int k = 0;
	while (k < d->n_files && strcmp(d->files[k], name) != 0) {
		k++;
	}
	d->last_file = k < d->n_files ? k : d->last_file;
	return k;
}

/* Append s and its NUL to d->text; the offset, or (size_t)-1 when full. */
static size_t hold_text(cli_diags *d, const char *s)
{
	size_t len = strlen(s) + 1, at = d->text_n;
	if (at + len > HELD_TEXT_MAX) {
		return (size_t)-1;
	}
	if (at + len > d->text_cap) {
		size_t cap = d->text_cap ? d->text_cap : 4096;
		while (cap < at + len) {
			cap *= 2;
		}
		char *t = realloc(d->text, cap);
		if (!t) {
			return (size_t)-1;
		}
		d->text = t;
		d->text_cap = cap;
	}
	memcpy(d->text + at, s, len);
	d->text_n += len;
	return at;
}

static int held_cmp(const void *pa, const void *pb)
{
	const struct cli_held *a = pa, *b = pb;
	if (a->file != b->file) {
		return a->file < b->file ? -1 : 1;
	}
	if (a->line != b->line) {
		return a->line < b->line ? -1 : 1;
	}
	if (a->column != b->column) {
		return a->column < b->column ? -1 : 1;
	}
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void hold_diag(const gp_diag *g, void *userdata)
{
	cli_diags *d = userdata;
	struct cli_held h = { .seq = d->n,
			      .line = g->line,
			      .column = g->column,
			      .file = file_index(d, g->file),
			      .severity = g->severity };
	size_t text_n = d->text_n;
	int ok = d->n < HELD_MAX;
	if (ok && d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct cli_held *v = realloc(d->v, cap * sizeof(*v));
		ok = v != NULL;
		if (ok) {
			d->v = v;
			d->cap = cap;
		}
	}
	ok = ok && (h.message = hold_text(d, g->message)) != (size_t)-1;
	ok = ok && (h.file < d->n_files || (h.name = hold_text(d, g->file)) != (size_t)-1);
	if (!ok) {
		/* Full (or out of memory): print what is held; the sink then prints as found. */
		d->text_n = text_n;
		cli_diags_print(d);
		print_diag(g, NULL);
		return;
	}
	d->v[d->n++] = h;
}

void cli_diags_start(cli_diags *d, gp_diag_sink *sink, int strict, char *const *files, int n_files)
{
	memset(d, 0, sizeof(*d));
	d->sink = sink;
	d->files = files;
	d->n_files = n_files;
	sink->fn = hold_diag;
	sink->userdata = d;
	sink->strict = strict;
}

void cli_diags_print(cli_diags *d)
{
	if (d->n) {
		qsort(d->v, d->n, sizeof(*d->v), held_cmp);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct cli_held *h = &d->v[i];
		const char *file = h->file < d->n_files ? d->files[h->file] : d->text + h->name;
		put_diag(h->severity, file, h->line, h->column, d->text + h->message);
	}
	free(d->v);
	free(d->text);
	d->v = NULL;
	d->text = NULL;
	d->n = d->cap = d->text_n = d->text_cap = 0;
	d->sink->fn = print_diag;
	d->sink->userdata = NULL;
}
