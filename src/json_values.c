/*
 * json_values.c - values checked against the schema: JSON types, strings (empty, blank,
 * too long), members (unknown, duplicate), arrays of strings (json_load.h).
 */
#include <stdlib.h>
#include <string.h>

#include "json_load.h"

const char *gp__json_type_name(const cJSON *v)
{
	if (cJSON_IsString(v)) {
		return "a string";
	}
	if (cJSON_IsNumber(v)) {
		return "a number";
	}
	if (cJSON_IsArray(v)) {
		return "an array";
	}
	if (cJSON_IsObject(v)) {
		return "an object";
	}
	if (cJSON_IsBool(v)) {
		return cJSON_IsTrue(v) ? "true" : "false";
	}
	return "null";
}

char *gp__json_keep(lctx *c, const char *s)
{
	char *p = gp__dataset_strdup(c->ds, s, strlen(s));
	if (!p) {
		c->oom = 1;
	}
	return p;
}

/*
 * A string field: wrong type, empty or too long is an error at the value.
 * Returns 1 when present and valid (*out set), 0 when absent, -1 invalid.
 */
int gp__json_string_v(lctx *c, const cJSON *v, const char *field, const char *what, size_t maxlen,
		      const char **out)
{
	*out = NULL;
	if (!v) {
		return 0;
	}
	if (!cJSON_IsString(v)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"expected a string for '%s' of %s, got %s", field, what,
				gp__json_type_name(v));
		return -1;
	}
	size_t n = strlen(v->valuestring);
	if (n == 0) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"'%s' of %s must not be empty", field, what);
		return -1;
	}
	if (gp__is_blank(v->valuestring)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"'%s' of %s must not be blank (it is only white space)", field,
				what);
		return -1;
	}
	if (maxlen && n > maxlen) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"'%s' of %s is too long (%zu bytes; at most %zu)", field, what, n,
				maxlen);
		return -1;
	}
	*out = v->valuestring;
	return 1;
}

/* The same for obj's member `field`. */
int gp__json_string(lctx *c, const cJSON *obj, const char *field, const char *what, size_t maxlen,
		    const char **out)
{
	return gp__json_string_v(c, cJSON_GetObjectItemCaseSensitive(obj, field), field, what,
				 maxlen, out);
}

void gp__json_missing(lctx *c, const cJSON *obj, const char *what, const char *field)
{
	gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, obj),
			"%s is missing required field '%s'", what, field);
}

/* Where the key of a member starts: just before its value, past the ':'. */
gp_loc gp__json_key_loc(lctx *c, const cJSON *member)
{
	gp__json_need_offsets(c);
	size_t i = gp__json_offset_of(c, member);
	while (i > 0 && (unsigned char)c->text[i - 1] <= ' ') {
		i--;
	}
	if (i > 0 && c->text[i - 1] == ':') {
		i--;
	}
	while (i > 0 && (unsigned char)c->text[i - 1] <= ' ') {
		i--;
	}
	if (i > 0 && c->text[i - 1] == '"') {
		/* Back to the opening quote: one not preceded by an odd run of '\'. */
		for (i -= 2; i > 0; i--) {
			if (c->text[i] == '"') {
				size_t bs = 0;
				while (i - bs > 0 && c->text[i - bs - 1] == '\\') {
					bs++;
				}
				if (bs % 2 == 0) {
					break;
				}
			}
		}
	}
	return gp__json_loc_at(c, i);
}

/* Index of key in known[] (NULL-terminated), or -1; two bytes are compared before strcmp. */
static int known_index(const char *const *known, const char *key)
{
	for (int k = 0; known[k]; k++) {
		/* known[k][0] is never NUL, so known[k][1] exists; key[1] too when key[0] matched. */
		if (known[k][0] == key[0] && known[k][1] == key[1] && strcmp(known[k], key) == 0) {
			return k;
		}
	}
	return -1;
}

#define MAX_KNOWN 32 /* fields of any one kind of object */

/*
 * Duplicate keys are errors (cJSON keeps the first silently); unknown ones
 * warnings. found[k], when given, is set to the member named known[k]
 * (its first occurrence) or NULL: one pass over the members instead of a
 * lookup per field.
 */
void gp__json_check_members(lctx *c, const cJSON *obj, const char *const *known, const char *what,
			    const cJSON **found)
{
	const cJSON *seen_known[MAX_KNOWN] = { NULL };
	size_t n = 0;
	for (size_t k = 0; found && known && known[k]; k++) {
		found[k] = NULL; /* also when out of memory below */
	}
	for (const cJSON *m = obj->child; m; m = m->next) {
		n++;
	}
	/* Other keys: pairwise for ordinary objects; a key map for big ones (a long 'sources'). */
	gp_strmap seen = { 0 };
	const cJSON **first_of = NULL;
	if (n > 32) {
		first_of = malloc(n * sizeof(*first_of));
		if (!first_of) {
			c->oom = 1;
			return;
		}
	}
	size_t i = 0;
	for (const cJSON *m = obj->child; m; m = m->next, i++) {
		const cJSON *first = m;
		int k = known ? known_index(known, m->string) : -1;
		if (first_of) {
			first_of[i] = m;
		}
		if (k >= 0) {
			if (seen_known[k]) {
				first = seen_known[k];
			} else {
				seen_known[k] = m;
			}
		} else if (first_of) {
			uint32_t prev = gp__strmap_get(&seen, m->string, strlen(m->string));
			if (prev != GP_NONE) {
				first = first_of[prev];
			} else if (gp__strmap_put(&seen, m->string, strlen(m->string),
						  (uint32_t)i)) {
				c->oom = 1;
				break;
			}
		} else {
			for (first = obj->child;
			     first != m && strcmp(first->string, m->string) != 0;) {
				first = first->next;
			}
		}
		if (first != m) {
			gp_loc earlier = gp__json_key_loc(c, first);
			gp__json_report(c, GP_SEV_ERROR, gp__json_key_loc(c, m),
					"duplicate key '%s' in %s (first at line %lu)", m->string,
					what, (unsigned long)earlier.line);
			continue;
		}
		if (known && k < 0) {
			size_t nk = 0;
			while (known[nk]) {
				nk++;
			}
			char sugg[160] = "";
			gp__suggest_names(sugg, sizeof(sugg), m->string, known, nk);
			gp__json_report(c, GP_SEV_WARNING, gp__json_key_loc(c, m),
					"unknown field '%s' in %s%s", m->string, what, sugg);
		}
	}
	for (size_t k = 0; found && known && known[k]; k++) {
		found[k] = seen_known[k];
	}
	free(first_of);
	gp__strmap_release(&seen);
}

/* The text of a value as written, without white space outside strings, in the arena. */
const char *gp__json_minified(lctx *c, const cJSON *v)
{
	gp__json_need_offsets(c);
	size_t start = gp__json_offset_of(c, v), i = start, depth = 0;
	/* Find its end: brackets balance, strings skipped. */
	do {
		char ch = c->text[i];
		if (ch == '"') {
			i = gp__json_skip_string(c->text, c->len, i);
			continue;
		}
		depth += ch == '{' || ch == '[';
		depth -= ch == '}' || ch == ']';
		i++;
	} while (i < c->len && depth > 0);
	char *out = gp__dataset_alloc(c->ds, i - start + 1);
	if (!out) {
		c->oom = 1;
		return NULL;
	}
	size_t n = 0;
	for (size_t k = start; k < i;) {
		if (c->text[k] == '"') {
			size_t e = gp__json_skip_string(c->text, c->len, k);
			memcpy(out + n, c->text + k, e - k);
			n += e - k;
			k = e;
		} else if ((unsigned char)c->text[k] <= ' ') {
			k++;
		} else {
			out[n++] = c->text[k++];
		}
	}
	out[n] = '\0';
	return out;
}

/* Read an array of non-empty strings; reports and returns -1 when invalid. */
int gp__json_string_array(lctx *c, const cJSON *v, const char *field, const char *what)
{
	if (!cJSON_IsArray(v)) {
		gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, v),
				"expected an array of strings for '%s' of %s, got %s", field, what,
				gp__json_type_name(v));
		return -1;
	}
	int rc = 0;
	for (const cJSON *e = v->child; e; e = e->next) {
		if (!cJSON_IsString(e)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"expected a string in '%s' of %s, got %s", field, what,
					gp__json_type_name(e));
			rc = -1;
		} else if (!e->valuestring[0]) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"empty string in '%s' of %s", field, what);
			rc = -1;
		} else if (gp__is_blank(e->valuestring)) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"blank string (only white space) in '%s' of %s", field,
					what);
			rc = -1;
		} else if (strlen(e->valuestring) > MAX_LINE_TEXT) {
			gp__json_report(c, GP_SEV_ERROR, gp__json_loc_of(c, e),
					"string in '%s' of %s is too long", field, what);
			rc = -1;
		}
	}
	return rc;
}
