/*
 * json_util.h - adding to cJSON trees without leaking on failure. Private.
 */
#ifndef GEOPOL_JSON_UTIL_H
#define GEOPOL_JSON_UTIL_H

#include <cjson/cJSON.h>

#include "internal.h"

/*
 * Add `item` to an object (or array). A NULL item (a failed create) or a
 * failed add returns -1; the item is deleted then, so callers can OR the
 * results and check once.
 */
static inline int gp__json_add(cJSON *obj, const char *key, cJSON *item)
{
	return item && cJSON_AddItemToObject(obj, key, item) ? 0 : (cJSON_Delete(item), -1);
}

static inline int gp__json_push(cJSON *arr, cJSON *item)
{
	return item && cJSON_AddItemToArray(arr, item) ? 0 : (cJSON_Delete(item), -1);
}

/*
 * Big documents are written a list element at a time, so that memory does
 * not hold the whole tree: the head object (the keys before the lists) is
 * printed by cJSON without its closing brace, then each list's elements,
 * each printed by cJSON on a line of its own. Only the punctuation between
 * them is written here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print `head` (consumed) as the opening of the document. GP_OK or GP_ENOMEM. */
static inline int gp__json_stream_head(FILE *fp, cJSON *head)
{
	char *text = head ? cJSON_PrintUnformatted(head) : NULL;
	cJSON_Delete(head);
	if (!text) {
		return -2; /* GP_ENOMEM */
	}
	text[strlen(text) - 1] = '\0'; /* the closing brace comes last */
	fputs(text, fp);
	cJSON_free(text);
	return 0;
}

/* Open a list named `key` (a plain identifier) after the head or another list. */
static inline void gp__json_stream_list(FILE *fp, const char *key)
{
	fprintf(fp, ",\n\"%s\": [", key);
}

/* Open an object named `key` after the head; its first list opens with gp__json_stream_first_list. */
static inline void gp__json_stream_object(FILE *fp, const char *key)
{
	fprintf(fp, ",\n\"%s\": {", key);
}

static inline void gp__json_stream_first_list(FILE *fp, const char *key)
{
	fprintf(fp, "\n\"%s\": [", key);
}

/* One element (consumed) of the open list; `first` for the first. */
static inline int gp__json_stream_item(FILE *fp, cJSON *item, int first)
{
	char *text = item ? cJSON_PrintUnformatted(item) : NULL;
	cJSON_Delete(item);
	if (!text) {
		return -2;
	}
	fputs(first ? "\n" : ",\n", fp);
	fputs(text, fp);
	cJSON_free(text);
	return 0;
}

/*
 * The same with a print buffer kept across elements (free `pb->s` at the
 * end): cJSON_PrintPreallocated saves the allocations of a fresh print.
 */
typedef struct {
	char *s;
	size_t cap;
} gp__json_pbuf;

/* Print `item` (kept) unformatted into pb->s: pb->s, or NULL out of memory. */
static inline const char *gp__json_print_buf(const cJSON *item, gp__json_pbuf *pb)
{
	/* cJSON asks for room for its worst case: grow until it is satisfied. */
	while (pb->cap == 0 || !cJSON_PrintPreallocated((cJSON *)item, pb->s, (int)pb->cap, 0)) {
		size_t cap = pb->cap ? pb->cap * 2 : 4096;
		char *s = cap <= 0x40000000 ? realloc(pb->s, cap) : NULL;
		if (!s) {
			return NULL;
		}
		pb->s = s, pb->cap = cap;
	}
	return pb->s;
}

static inline int gp__json_stream_item_buf(FILE *fp, cJSON *item, int first, gp__json_pbuf *pb)
{
	if (item && !gp__json_print_buf(item, pb)) {
		return gp__json_stream_item(fp, item, first); /* the allocating printer */
	}
	cJSON_Delete(item);
	if (!item) {
		return -2;
	}
	fputs(first ? "\n" : ",\n", fp);
	fputs(pb->s, fp);
	return 0;
}

/*
 * The same streaming in cJSON's compact form (no line breaks: the bytes
 * cJSON_PrintUnformatted gives for the whole tree), every byte through
 * `put`, which may rewrite them (the viewer escapes what goes inside its
 * <script> blocks).
 */
typedef void (*gp__json_put_fn)(FILE *fp, const char *s, size_t n);

/* Print `head` (consumed; an object with keys) without its closing brace, then open the list `key`. */
static inline int gp__json_put_head(FILE *fp, cJSON *head, const char *key, gp__json_put_fn put)
{
	char *text = head ? cJSON_PrintUnformatted(head) : NULL;
	cJSON_Delete(head);
	if (!text) {
		return -2; /* GP_ENOMEM */
	}
	put(fp, text, strlen(text) - 1);
	cJSON_free(text);
	put(fp, ",\"", 2);
	put(fp, key, strlen(key));
	put(fp, "\":[", 3);
	return 0;
}

/* Close the open list and open the list `key` after it. */
static inline void gp__json_put_next_list(FILE *fp, const char *key, gp__json_put_fn put)
{
	put(fp, "],\"", 3);
	put(fp, key, strlen(key));
	put(fp, "\":[", 3);
}

/* One element (consumed) of the open list; `first` for the first. */
static inline int gp__json_put_item(FILE *fp, cJSON *item, int first, gp__json_pbuf *pb,
				    gp__json_put_fn put)
{
	const char *text = item ? gp__json_print_buf(item, pb) : NULL;
	cJSON_Delete(item);
	if (!text) {
		return -2;
	}
	if (!first) {
		put(fp, ",", 1);
	}
	put(fp, text, strlen(text));
	return 0;
}

/* Close the open list and the document. */
static inline void gp__json_put_end(FILE *fp, gp__json_put_fn put)
{
	put(fp, "]}", 2);
}

/*
 * Borrowed keys and strings (cJSON_AddItemToObjectCS, string references):
 * no copies, for elements that are printed and deleted while `key` and
 * `str` live.
 */
static inline int gp__json_add_cs(cJSON *obj, const char *key, cJSON *item)
{
	return item && cJSON_AddItemToObjectCS(obj, key, item) ? 0 : (cJSON_Delete(item), -1);
}

/*
 * A number as cJSON prints it, formatted here when gp__json_number_text
 * can (counts, weights) and handed over as cJSON's raw number text.
 */
static inline cJSON *gp__json_num(double x)
{
	char text[32];
	return gp__json_number_text(x, text) ? cJSON_CreateRaw(text) : cJSON_CreateNumber(x);
}

static inline int gp__json_add_ref(cJSON *obj, const char *key, const char *str)
{
	return gp__json_add_cs(obj, key, cJSON_CreateStringReference(str));
}

static inline void gp__json_stream_end_list(FILE *fp)
{
	fputs("\n]", fp);
}

static inline void gp__json_stream_end(FILE *fp)
{
	fputs("}\n", fp);
}

/*
 * The bytes that end a <script> element or open a comment or an entity in
 * it, and the line separators older JavaScript refused in strings: they
 * only occur inside JSON strings, where their \u escapes mean the same.
 * The escape of the bytes at s (6 bytes and a NUL into out) and how many
 * bytes it replaces; 0: none needed.
 */
static inline size_t gp__json_html_escape(const char *s, char out[8])
{
	switch (s[0]) {
	case '<': memcpy(out, "\\u003c", 7); return 1;
	case '>': memcpy(out, "\\u003e", 7); return 1;
	case '&': memcpy(out, "\\u0026", 7); return 1;
	default: break;
	}
	if (s[0] == '\xE2' && s[1] == '\x80' && (s[2] == '\xA8' || s[2] == '\xA9')) {
		memcpy(out, s[2] == '\xA8' ? "\\u2028" : "\\u2029", 7);
		return 3;
	}
	return 0;
}

#endif
