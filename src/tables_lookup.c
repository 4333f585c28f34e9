/* tables_lookup.c - look-ups in the generated tables of tables.c. */
#include <string.h>
#include <strings.h>

#include "tables.h"

const gp_country *gp__country_by_code(const char *alpha3, size_t len)
{
	size_t lo = 0, hi = gp_country_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(gp_countries[mid].alpha3, alpha3, len);
		if (c == 0 && gp_countries[mid].alpha3[len] != '\0') {
			c = 1;
		}
		if (c == 0) {
			return &gp_countries[mid];
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

const gp_country *gp__country_by_name(const char *name, size_t len)
{
	/* Called once per distinct name by the readers (they cache the answer). */
	for (size_t i = 0; i < gp_country_count; i++) {
		for (int k = 0; k < 6 && gp_countries[i].names[k]; k++) {
			const char *n = gp_countries[i].names[k];
			if (strlen(n) == len && strncasecmp(n, name, len) == 0) {
				return &gp_countries[i];
			}
		}
	}
	return NULL;
}

const char *gp__cameo_label(const char *code, size_t len)
{
	size_t lo = 0, hi = gp_cameo_code_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(gp_cameo_codes[mid].code, code, len);
		if (c == 0 && gp_cameo_codes[mid].code[len] != '\0') {
			c = 1;
		}
		if (c == 0) {
			return gp_cameo_codes[mid].label;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

const char *gp__cameo_label_text(const char *code, const char *fallback)
{
	const char *l = gp__cameo_label(code, strlen(code));
	return l ? l : fallback;
}
