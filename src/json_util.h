/*
 * json_util.h - adding to cJSON trees without leaking on failure. Private.
 */
#ifndef GEOPOL_JSON_UTIL_H
#define GEOPOL_JSON_UTIL_H

#include <cjson/cJSON.h>

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

static inline void gp__json_stream_end_list(FILE *fp)
{
	fputs("\n]", fp);
}

static inline void gp__json_stream_end(FILE *fp)
{
	fputs("}\n", fp);
}

#endif
