/*
 * load.c - the loaders' entry points: gp_dataset_load_file and _buffer, telling
 * formats apart, JSON Lines a line at a time (json_load.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_load.h"
#include "tabular.h"

/* Parse c->text (NUL-terminated at c->len) and hand the tree to `use`. */
/*
 * What a JSON Lines object is, from its keys in one pass (an event line has
 * a dozen): 'a' an actor ("actor"), 'h' a header ("geopol" and no "id"),
 * 'e' an event.
 */
static int jsonl_kind(const cJSON *root)
{
	int geopol = 0, id = 0;
	for (const cJSON *m = root->child; m; m = m->next) {
		const char *k = m->string;
		if (k[0] == 'a' && strcmp(k, "actor") == 0) {
			return 'a';
		}
		geopol |= k[0] == 'g' && strcmp(k, "geopol") == 0;
		id |= k[0] == 'i' && k[1] == 'd' && k[2] == '\0';
	}
	return geopol && !id ? 'h' : 'e';
}

static void parse_and_load(lctx *c, int jsonl_line)
{
	int line_kind;
	size_t skip = 0;
	if (c->len >= 3 && memcmp(c->text, "\xef\xbb\xbf", 3) == 0) {
		skip = 3; /* a UTF-8 byte-order mark is accepted */
	}
	if (gp__json_ws(c->text, skip) >= c->len) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_at(c, c->len),
				"syntax error: the file is empty; expected a JSON object");
		return;
	}
	/*
	 * The strict scan reports an error where it is, and what cJSON lets
	 * through. It checks every document (whose offsets are needed anyway),
	 * and a line only when cJSON refused it or line_surely_valid cannot
	 * vouch for it: a big file's valid lines cost one quick pass, not a scan.
	 */
	cJSON *root = cJSON_ParseWithLengthOpts(c->text + skip, c->len - skip + 1, NULL, 1);
	c->scanned = !root || !jsonl_line || !gp__json_surely_valid(c, skip);
	int r = c->scanned ? gp__json_scan(c, skip) : 0;
	if (r) {
		c->oom |= r < 0;
		cJSON_Delete(root);
		return;
	}
	if (!root) {
		/* Valid JSON that cJSON refused (the scan checks its limits too): out of memory. */
		c->oom = 1;
		return;
	}

	c->root = root, c->skip = skip, c->offsets_done = 0;
	if (!jsonl_line) {
		gp__json_load_document(c, root);
	} else if (!cJSON_IsObject(root)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, root),
				"expected an object on each line, got %s",
				gp__json_type_name(root));
	} else if (c->load_line) {
		c->load_line(c, root);
	} else if ((line_kind = jsonl_kind(root)) == 'a') {
		static const char *const wrap[] = { "actor", NULL };
		gp__json_check_members(c, root, wrap, "an actor line", NULL);
		gp__json_load_actor(c, cJSON_GetObjectItemCaseSensitive(root, "actor"));
	} else if (line_kind == 'h') {
		/* A header line: version, title, types and sources for what follows. */
		static const char *const head[] = { "geopol", "title", "sources", "types", NULL };
		gp__json_check_members(c, root, head, "a header line", NULL);
		gp__json_load_head(c, root);
	} else {
		gp__json_load_event(c, root);
	}
	c->root = NULL;
	cJSON_Delete(root);
}

/* The work space kept in c across lines. */
static void release_work(lctx *c)
{
	free(c->cps);
	c->cps = NULL;
	GP_VEC_FREE(c->offs);
	GP_VEC_FREE(c->open);
	GP_VEC_FREE(c->stack);
	GP_VEC_FREE(c->acts);
	GP_VEC_FREE(c->cites);
}

static int finish_load(lctx *c, size_t errors_before)
{
	release_work(c);
	if (c->oom) {
		return GP_ENOMEM;
	}
	return c->sink && c->sink->errors > errors_before ? GP_EINVALID : GP_OK;
}

static int is_jsonl(const char *path, gp_input_format fmt)
{
	if (fmt != GP_INPUT_AUTO) {
		return fmt == GP_INPUT_JSONL;
	}
	size_t n = strlen(path);
	/* x.jsonl.gz is gzipped JSON Lines: the input layer unzips it. */
	if (n > 3 && strcmp(path + n - 3, ".gz") == 0) {
		n -= 3;
	}
	return (n > 6 && strncmp(path + n - 6, ".jsonl", 6) == 0) ||
	       (n > 7 && strncmp(path + n - 7, ".ndjson", 7) == 0);
}

/*
 * JSON or JSON Lines asked for (--input-format) on GDELT or ICEWS rows: one
 * message, not an error per line. 1 when reported.
 */
static int rows_not_json(const char *name, const char *p, size_t len, int fmt, gp_diag_sink *sink)
{
	int kind;
	const char *what = fmt == GP_INPUT_JSON || fmt == GP_INPUT_JSONL
				   ? gp__input_describe(p, len, &kind)
				   : NULL;
	if (!what || kind == GP_INPUT_JSON) {
		return 0;
	}
	const char *as = kind == GP_INPUT_ICEWS ? "icews" : "gdelt";
	gp__diag(
		sink, GP_SEV_ERROR, name, 0, 0,
		"this is %s, not %s; read it as '%s' (--input-format %s, or none: it is recognised)",
		what, fmt == GP_INPUT_JSON ? "JSON" : "JSON Lines", as, as);
	return 1;
}

static int detect(const char *path, const char *p, size_t len, gp_input_format fmt);

/*
 * Positions are 32-bit (gp_loc) and a value's offset is found from its
 * index among the document's values, kept in cJSON's int `valueint`: both
 * hold for any document below 4 GiB. Bigger ones are JSON Lines' job.
 */
#define MAX_JSON_DOCUMENT ((size_t)UINT32_MAX)

static int refuse_big_document(gp_diag_sink *sink, const char *name)
{
	gp__diag(
		sink, GP_SEV_ERROR, name, 0, 0,
		"a JSON document of 4 GiB or more is not supported; write its events as JSON Lines "
		"(one per line, e.g. jq -c '.events[]')");
	return GP_EINVALID;
}

/*
 * Load text[0..len) as `kind`. buf is NULL, or text itself when it is the
 * caller's malloc()ed, NUL-terminated and writable copy: it is then used in
 * place (one copy less of a big file) and freed here.
 */
static int load_text(gp_dataset *ds, const char *name, const char *text, size_t len, char *buf,
		     int kind, gp_diag_sink *sink)
{
	lctx c;
	size_t errors_before = sink ? sink->errors : 0;
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink;
	if (ds->finished || gp__dataset_add_file(ds, name, &c.file)) {
		free(buf);
		return ds->finished ? GP_ERROR : GP_ENOMEM;
	}
	c.fname = gp_dataset_file_name(ds, c.file);
	if (kind == GP_INPUT_GDELT || kind == GP_INPUT_ICEWS) {
		gp_input in;
		free(buf);
		if (gp__input_open_memory(&in, text, len)) {
			return GP_ENOMEM;
		}
		int rc = gp__load_tabular(ds, &in, c.fname, c.file, kind, sink);
		gp__input_close(&in);
		return rc != GP_OK                            ? rc
		       : sink && sink->errors > errors_before ? GP_EINVALID
							      : GP_OK;
	}
	if (kind == GP_INPUT_JSON && len >= MAX_JSON_DOCUMENT) {
		free(buf);
		return refuse_big_document(sink, c.fname);
	}
	/* cJSON needs a NUL after the text. */
	if (!buf) {
		if (!(buf = malloc(len + 1))) {
			return GP_ENOMEM;
		}
		memcpy(buf, text, len);
		buf[len] = '\0';
	}
	gp__json_set_text(&c, buf, len, 0);
	if (kind == GP_INPUT_JSON) {
		if (gp__json_line_table(&c)) {
			c.oom = 1;
		} else if (gp__json_check_utf8(&c) == 0) {
			parse_and_load(&c, 0);
		}
	} else {
		unsigned long line = 1;
		for (size_t i = 0; i < len && !c.oom; line++) {
			size_t j = i;
			while (j < len && buf[j] != '\n') {
				j++;
			}
			size_t k = j > i && buf[j - 1] == '\r' ? j - 1 : j;
			buf[k] = '\0';
			gp__json_set_text(&c, buf + i, k - i, line);
			if (gp__json_check_utf8(&c) == 0 && gp__json_ws(c.text, 0) < c.len) {
				parse_and_load(&c, 1);
			}
			i = j + 1;
		}
	}
	free(buf);
	free(c.lines);
	return finish_load(&c, errors_before);
}

int gp_dataset_load_buffer(gp_dataset *ds, const char *name, const char *text, size_t len,
			   gp_input_format fmt, gp_diag_sink *sink)
{
	if (rows_not_json(name, text, len, fmt, sink)) {
		return GP_EINVALID;
	}
	int kind = detect(name, text, len, fmt);
	return load_text(ds, name, text, len, NULL, kind, sink);
}

/* Tell the format from the first bytes (after a BOM and white space). */
static int detect(const char *path, const char *p, size_t len, gp_input_format fmt)
{
	if (fmt != GP_INPUT_AUTO) {
		return fmt;
	}
	size_t i = len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && (unsigned char)p[i] <= ' ') {
		i++;
	}
	if (i < len && p[i] != '{' && p[i] != '[') {
		int t = gp__tabular_detect(p, len);
		if (t != GP_INPUT_AUTO) {
			return t;
		}
	}
	return is_jsonl(path, GP_INPUT_AUTO) ? GP_INPUT_JSONL : GP_INPUT_JSON;
}

gp_input_format gp_input_format_detect(const char *path)
{
	gp_input in;
	size_t len;
	if (strcmp(path, "-") == 0 || gp__input_open(&in, path)) {
		return GP_INPUT_AUTO; /* standard input cannot be looked at twice */
	}
	const char *p = gp__input_peek(&in, &len);
	int kind = detect(path, p, len, GP_INPUT_AUTO);
	gp__input_close(&in);
	return (gp_input_format)kind;
}

/* Load a JSON Lines input a line at a time into c, then close it. */
int gp__json_load_lines(lctx *c, gp_input *in, const char *path, size_t errors_before)
{
	char *line;
	ssize_t got;
	while (!c->oom && !c->stop && (got = gp__input_line(in, &line)) >= 0) {
		gp__json_set_text(c, line, (size_t)got, in->line_no);
		if (gp__json_check_utf8(c) == 0 && gp__json_ws(line, 0) < (size_t)got) {
			parse_and_load(c, 1);
		}
	}
	int io = in->err;
	const char *why = io ? gp__input_strerror(in) : NULL;
	gp__input_close(in);
	if (io) {
		release_work(c);
		return gp__input_failed(c->sink, path, "read error", io, why);
	}
	return finish_load(c, errors_before);
}

int gp_dataset_load_file(gp_dataset *ds, const char *path, gp_input_format fmt, gp_diag_sink *sink)
{
	gp_input in;
	if (gp__input_open(&in, path)) {
		return gp__input_failed(sink, path, "cannot open", errno, NULL);
	}
	size_t plen;
	const char *p = gp__input_peek(&in, &plen);
	if (in.err) {
		int err = in.err;
		const char *why = gp__input_strerror(&in);
		gp__input_close(&in);
		return gp__input_failed(sink, path, "cannot read", err, why);
	}
	if (rows_not_json(path, p, plen, fmt, sink)) {
		gp__input_close(&in);
		return GP_EINVALID;
	}
	int kind = detect(path, p, plen, fmt);
	if (kind == GP_INPUT_JSON) {
		char *buf = NULL;
		size_t len = 0;
		if (gp__input_plain_size(&in) >= (int64_t)MAX_JSON_DOCUMENT) {
			gp__input_close(&in); /* refused before reading gigabytes */
			return refuse_big_document(sink, path);
		}
		int rc = gp__input_read_all(&in, &buf, &len);
		int err = in.err;
		const char *why = rc ? gp__input_strerror(&in) : NULL;
		gp__input_close(&in);
		if (rc) {
			return gp__input_failed(sink, path, "cannot read", err, why);
		}
		return load_text(ds, path, buf, len, buf, GP_INPUT_JSON, sink);
	}
	size_t errors_before = sink ? sink->errors : 0;
	uint32_t file;
	if (ds->finished || gp__dataset_add_file(ds, path, &file)) {
		gp__input_close(&in);
		return ds->finished ? GP_ERROR : GP_ENOMEM;
	}
	if (kind != GP_INPUT_JSONL) {
		int rc =
			gp__load_tabular(ds, &in, gp_dataset_file_name(ds, file), file, kind, sink);
		gp__input_close(&in);
		return rc != GP_OK                            ? rc
		       : sink && sink->errors > errors_before ? GP_EINVALID
							      : GP_OK;
	}
	/* JSON Lines: streamed, one line in memory at a time. */
	lctx c;
	memset(&c, 0, sizeof(c));
	c.ds = ds, c.sink = sink, c.file = file, c.fname = gp_dataset_file_name(ds, file);
	return gp__json_load_lines(&c, &in, path, errors_before);
}
