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

#endif
