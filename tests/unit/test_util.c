/*
 * test_util.c - src/util.c, the private helpers of src/internal.h: UTF-8
 * checks, edit distance and name suggestions, the string map, the arena,
 * growable arrays and diagnostics.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "input.h"
#include "internal.h"
#include "harness.h"

/* ------------------------------------------------------------------ UTF-8 */

static size_t check(const char *s, size_t len)
{
	return gp__utf8_check((const unsigned char *)s, len);
}

#define CHECK_STR(s) check((s), sizeof(s) - 1)

static void test_utf8_check_valid(void)
{
	CU_ASSERT_EQUAL(check("", 0), 0);
	CU_ASSERT_EQUAL(CHECK_STR("hello, world"), 12);
	CU_ASSERT_EQUAL(CHECK_STR("a\0b"), 3); /* NUL is ASCII */
	CU_ASSERT_EQUAL(CHECK_STR("\x7f"), 1);
	CU_ASSERT_EQUAL(CHECK_STR("h\xc3\xa9llo"), 6);     /* é, 2 bytes */
	CU_ASSERT_EQUAL(CHECK_STR("\xc2\x80"), 2);         /* U+0080, smallest 2-byte */
	CU_ASSERT_EQUAL(CHECK_STR("\xdf\xbf"), 2);         /* U+07FF */
	CU_ASSERT_EQUAL(CHECK_STR("\xe2\x82\xac"), 3);     /* €, 3 bytes */
	CU_ASSERT_EQUAL(CHECK_STR("\xe0\xa0\x80"), 3);     /* U+0800, smallest 3-byte */
	CU_ASSERT_EQUAL(CHECK_STR("\xed\x9f\xbf"), 3);     /* U+D7FF, just below surrogates */
	CU_ASSERT_EQUAL(CHECK_STR("\xee\x80\x80"), 3);     /* U+E000, just above */
	CU_ASSERT_EQUAL(CHECK_STR("\xef\xbf\xbf"), 3);     /* U+FFFF */
	CU_ASSERT_EQUAL(CHECK_STR("\xf0\x9f\x98\x80"), 4); /* 😀, 4 bytes */
	CU_ASSERT_EQUAL(CHECK_STR("\xf0\x90\x80\x80"), 4); /* U+10000 */
	CU_ASSERT_EQUAL(CHECK_STR("\xf4\x8f\xbf\xbf"), 4); /* U+10FFFF, the last */
	CU_ASSERT_EQUAL(CHECK_STR("2024 \xe2\x86\x92 ongoing \xe2\x80\xa6"), 20);
}

static void test_utf8_check_invalid(void)
{
	/* The offset of the first bad sequence's first byte. */
	CU_ASSERT_EQUAL(CHECK_STR("ab\x80"
				  "cd"),
			2); /* lone continuation */
	CU_ASSERT_EQUAL(CHECK_STR("\xbf"), 0);
	CU_ASSERT_EQUAL(CHECK_STR("a\xc0\x80"), 1);           /* overlong NUL */
	CU_ASSERT_EQUAL(CHECK_STR("\xc1\xbf"), 0);            /* overlong U+007F */
	CU_ASSERT_EQUAL(CHECK_STR("\xe0\x80\xaf"), 0);        /* overlong 3-byte */
	CU_ASSERT_EQUAL(CHECK_STR("\xf0\x8f\xbf\xbf"), 0);    /* overlong 4-byte */
	CU_ASSERT_EQUAL(CHECK_STR("xy\xed\xa0\x80"), 2);      /* surrogate U+D800 */
	CU_ASSERT_EQUAL(CHECK_STR("\xed\xbf\xbf"), 0);        /* surrogate U+DFFF */
	CU_ASSERT_EQUAL(CHECK_STR("abc\xf5\x80\x80\x80"), 3); /* F5 never appears */
	CU_ASSERT_EQUAL(CHECK_STR("\xf4\x90\x80\x80"), 0);    /* beyond U+10FFFF */
	CU_ASSERT_EQUAL(CHECK_STR("\xff"), 0);
	CU_ASSERT_EQUAL(CHECK_STR("\xfe"), 0);
	CU_ASSERT_EQUAL(CHECK_STR("\xc3("), 0); /* missing continuation */
	CU_ASSERT_EQUAL(CHECK_STR("\xe2\x28\xa1"), 0);
	CU_ASSERT_EQUAL(CHECK_STR("\xf0\x9f\x98("), 0);
	/* Truncated at the end of the text. */
	CU_ASSERT_EQUAL(CHECK_STR("ok\xc3"), 2);
	CU_ASSERT_EQUAL(CHECK_STR("ok\xe2\x82"), 2);
	CU_ASSERT_EQUAL(CHECK_STR("ok\xf0\x9f\x98"), 2);
	/* Only len bytes are looked at: a sequence cut by len is truncated. */
	CU_ASSERT_EQUAL(check("\xe2\x82\xac", 2), 0);
	/* The first of several problems. */
	CU_ASSERT_EQUAL(CHECK_STR("\xc3\xa9\xc3\xa9\x80\xff"), 4);
	/* Past long ASCII runs (read eight bytes at a time), at every offset. */
	char buf[64];
	for (size_t at = 0; at + 2 < sizeof(buf); at++) {
		memset(buf, 'a', sizeof(buf));
		buf[at] = '\xc3', buf[at + 1] = '\xa9'; /* valid */
		CU_ASSERT_EQUAL(check(buf, sizeof(buf)), sizeof(buf));
		buf[at + 1] = '('; /* missing continuation */
		CU_ASSERT_EQUAL(check(buf, sizeof(buf)), at);
		buf[at] = 'a', buf[at + 1] = '\x80'; /* lone continuation */
		CU_ASSERT_EQUAL(check(buf, sizeof(buf)), at + 1);
	}
}

static void test_utf8_count(void)
{
	CU_ASSERT_EQUAL(gp__utf8_count("", 0), 0);
	CU_ASSERT_EQUAL(gp__utf8_count("hello", 5), 5);
	CU_ASSERT_EQUAL(gp__utf8_count("h\xc3\xa9llo", 6), 5);
	CU_ASSERT_EQUAL(gp__utf8_count("\xe2\x82\xac", 3), 1);
	CU_ASSERT_EQUAL(gp__utf8_count("\xf0\x9f\x98\x80", 4), 1);
	CU_ASSERT_EQUAL(gp__utf8_count("a\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xa9", 10), 4);
	const char *s = "2024 \xe2\x86\x92 ongoing";
	CU_ASSERT_EQUAL(gp__utf8_count(s, strlen(s)), 14);
	/* Only len bytes. */
	CU_ASSERT_EQUAL(gp__utf8_count("hello", 3), 3);
	/* Eight bytes at a time: every length and alignment agrees with a byte-by-byte count. */
	const char *mixed = "Zelenskyy â Ãtats-Unis, ð ÐÐ¾ÑÐºÐ²Ð° end";
	size_t ml = strlen(mixed);
	for (size_t from = 0; from < 9; from++) {
		for (size_t len = 0; from + len <= ml; len++) {
			size_t want = 0;
			for (size_t i = from; i < from + len; i++) {
				want += ((unsigned char)mixed[i] & 0xc0) != 0x80;
			}
			CU_ASSERT_EQUAL_FATAL(gp__utf8_count(mixed + from, len), want);
		}
	}
}

/* ------------------------------------------------------- case and distance */

/* Blank: only white space, as an editor shows it (no-break and ideographic spaces too). */
static void test_is_blank(void)
{
	static const char *const blank[] = { " ",
					     "\t\n\r",
					     "\xc2\xa0",
					     "\xe3\x80\x80",
					     " \xe2\x80\x83 ",
					     "\xe2\x80\x8b",
					     "\xef\xbb\xbf\t" };
	static const char *const not_blank[] = {
		"a", " a ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", " .", "\xc2\xa0x"
	};
	for (size_t i = 0; i < sizeof(blank) / sizeof(blank[0]); i++) {
		EXPECT_TRUE(gp__is_blank(blank[i]));
	}
	for (size_t i = 0; i < sizeof(not_blank) / sizeof(not_blank[0]); i++) {
		EXPECT_TRUE(!gp__is_blank(not_blank[i]));
	}
}

static void test_strcasecmp_ascii(void)
{
	CU_ASSERT_EQUAL(gp__strcasecmp_ascii("", ""), 0);
	CU_ASSERT_EQUAL(gp__strcasecmp_ascii("abc", "abc"), 0);
	CU_ASSERT_EQUAL(gp__strcasecmp_ascii("abc", "ABC"), 0);
	CU_ASSERT_EQUAL(gp__strcasecmp_ascii("Diplomatic", "dIPLOMATIC"), 0);
	CU_ASSERT(gp__strcasecmp_ascii("abc", "abd") < 0);
	CU_ASSERT(gp__strcasecmp_ascii("ABD", "abc") > 0);
	CU_ASSERT(gp__strcasecmp_ascii("ab", "abc") < 0);
	CU_ASSERT(gp__strcasecmp_ascii("abc", "ab") > 0);
	CU_ASSERT(gp__strcasecmp_ascii("", "a") < 0);
	/* Folded before comparing: 'Z' > 'a' once both are lower case. */
	CU_ASSERT(gp__strcasecmp_ascii("Zeta", "alpha") > 0);
	CU_ASSERT(gp__strcasecmp_ascii("alpha", "Zeta") < 0);
	/* Bytes above 0x7f are compared as they are. */
	CU_ASSERT_EQUAL(gp__strcasecmp_ascii("caf\xc3\xa9", "CAF\xc3\xa9"), 0);
	CU_ASSERT_NOT_EQUAL(gp__strcasecmp_ascii("\xc3\xa9", "\xc3\x89"), 0);
}

static void test_edit_distance(void)
{
	CU_ASSERT_EQUAL(gp__edit_distance("kitten", "sitting", 10), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("sitting", "kitten", 10), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("USA", "usa", 5), 0);
	CU_ASSERT_EQUAL(gp__edit_distance("same", "same", 0), 0);
	CU_ASSERT_EQUAL(gp__edit_distance("sorce", "source", 5), 1);
	CU_ASSERT_EQUAL(gp__edit_distance("tarif", "tariff", 5), 1);
	/* A transposition of neighbours counts as one edit. */
	CU_ASSERT_EQUAL(gp__edit_distance("tagret", "target", 5), 1);
	CU_ASSERT_EQUAL(gp__edit_distance("ACOTR", "actor", 5), 1);
	CU_ASSERT_EQUAL(gp__edit_distance("", "abc", 5), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("abc", "", 5), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("", "", 0), 0);
	CU_ASSERT_EQUAL(gp__edit_distance("flaw", "lawn", 5), 2);
}

static void test_edit_distance_cap(void)
{
	/* "capped at cap+1": never more than cap + 1. */
	CU_ASSERT_EQUAL(gp__edit_distance("a", "abcdef", 2), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("abcdef", "a", 2), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("kitten", "sitting", 3), 3);
	CU_ASSERT_EQUAL(gp__edit_distance("kitten", "sitting", 1), 2);
	CU_ASSERT_EQUAL(gp__edit_distance("abc", "xyz", 1), 2);
	CU_ASSERT_EQUAL(gp__edit_distance("abcd", "wxyz", 0), 1);
}

static void test_is_close(void)
{
	size_t score = 12345;
	CU_ASSERT_TRUE(gp__is_close("BRAZIL", "BRA", &score));
	CU_ASSERT_TRUE(gp__is_close("BRA", "BRAZIL", &score));
	CU_ASSERT_TRUE(gp__is_close("brazil", "BRA", &score));
	size_t prefix_score = score;
	CU_ASSERT_TRUE(gp__is_close("sorce", "source", &score));
	size_t typo_score = score;
	/* A one-letter typo is closer than a prefix three letters short. */
	CU_ASSERT(typo_score < prefix_score);
	CU_ASSERT_TRUE(gp__is_close("tarif", "tariff", &score));
	CU_ASSERT_TRUE(gp__is_close("Source", "source", &score));
	CU_ASSERT_TRUE(gp__is_close("tagret", "target", &score));

	CU_ASSERT_FALSE(gp__is_close("xyz", "tariff", &score));
	CU_ASSERT_FALSE(gp__is_close("tariff", "xyz", &score));
	CU_ASSERT_FALSE(gp__is_close("zzzzzz", "source", &score));
	CU_ASSERT_FALSE(gp__is_close("sorce", "target", &score));
	CU_ASSERT_FALSE(gp__is_close("sorce", "id", &score));
	/* Single letters are never close to each other. */
	CU_ASSERT_FALSE(gp__is_close("a", "b", &score));
}

static void test_suggest_names(void)
{
	static const char *const fields[] = { "id", "source", "target" };
	char buf[128] = "";
	gp__suggest_names(buf, sizeof(buf), "sorce", fields, 3);
	CU_ASSERT_STRING_EQUAL(buf, " (did you mean 'source'?)");

	buf[0] = '\0';
	gp__suggest_names(buf, sizeof(buf), "zzzzzz", fields, 3);
	CU_ASSERT_STRING_EQUAL(buf, "");

	/* Appends to what is there. */
	strcpy(buf, "unknown field 'sorce'");
	gp__suggest_names(buf, sizeof(buf), "sorce", fields, 3);
	CU_ASSERT_STRING_EQUAL(buf, "unknown field 'sorce' (did you mean 'source'?)");

	strcpy(buf, "unknown field 'zzzzzz'");
	gp__suggest_names(buf, sizeof(buf), "zzzzzz", fields, 3);
	CU_ASSERT_STRING_EQUAL(buf, "unknown field 'zzzzzz'");

	/* No names at all. */
	buf[0] = '\0';
	gp__suggest_names(buf, sizeof(buf), "sorce", fields, 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static void test_suggest_names_several(void)
{
	char buf[128] = "";
	/* Two: closest first. */
	static const char *const two[] = { "target", "sources", "source" };
	gp__suggest_names(buf, sizeof(buf), "sorce", two, 3);
	CU_ASSERT_STRING_EQUAL(buf, " (did you mean 'source' or 'sources'?)");

	/* At most three, the closest; ties in the order given. */
	static const char *const four[] = { "sauce", "source", "force", "sorcery" };
	buf[0] = '\0';
	gp__suggest_names(buf, sizeof(buf), "sorce", four, 4);
	CU_ASSERT_STRING_EQUAL(buf, " (did you mean 'source', 'force' or 'sauce'?)");

	/* Duplicates and NULL entries are skipped. */
	static const char *const dup[] = { "source", NULL, "source" };
	buf[0] = '\0';
	gp__suggest_names(buf, sizeof(buf), "sorce", dup, 3);
	CU_ASSERT_STRING_EQUAL(buf, " (did you mean 'source'?)");

	/* A small buffer is cut, never overrun. */
	char small[12] = "";
	gp__suggest_names(small, sizeof(small), "sorce", four, 4);
	CU_ASSERT_STRING_EQUAL(small, " (did you m");
	char tiny[1] = "";
	gp__suggest_names(tiny, sizeof(tiny), "sorce", four, 4);
	CU_ASSERT_EQUAL(tiny[0], '\0');
	char nearly_full[30] = "unknown field 'sorce'";
	gp__suggest_names(nearly_full, sizeof(nearly_full), "sorce", four, 4);
	CU_ASSERT_STRING_EQUAL(nearly_full, "unknown field 'sorce' (did yo");
}

/* ----------------------------------------------------------------- strmap */

static void test_strmap_basic(void)
{
	gp_arena a;
	gp__arena_init(&a);
	gp_strmap m = { NULL, 0, 0 };

	CU_ASSERT_EQUAL(gp__strmap_get(&m, "x", 1), GP_NONE);

	char *usa = gp__arena_strndup(&a, "USA", 3);
	char *rus = gp__arena_strndup(&a, "RUS", 3);
	char *empty = gp__arena_strndup(&a, "", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(usa);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rus);
	CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
	CU_ASSERT_EQUAL(gp__strmap_put(&m, usa, 3, 0), 0);
	CU_ASSERT_EQUAL(gp__strmap_put(&m, rus, 3, 1), 0);
	CU_ASSERT_EQUAL(gp__strmap_put(&m, empty, 0, 2), 0);
	CU_ASSERT_EQUAL(m.count, 3);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "USA", 3), 0);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "RUS", 3), 1);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "", 0), 2);
	/* Exact and case-sensitive. */
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "usa", 3), GP_NONE);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "US", 2), GP_NONE);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "USAF", 4), GP_NONE);
	/* The key is s[0..len): no NUL needed after it. */
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "USAF", 3), 0);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "RUSSIA", 3), 1);

	/* Overwrite: same key (another copy), new value, same count. */
	char *usa2 = gp__arena_strndup(&a, "USA!", 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(usa2);
	CU_ASSERT_STRING_EQUAL(usa2, "USA");
	CU_ASSERT_EQUAL(gp__strmap_put(&m, usa2, 3, 42), 0);
	CU_ASSERT_EQUAL(m.count, 3);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "USA", 3), 42);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "RUS", 3), 1);

	/* Same hash for the same bytes, whatever follows them. */
	CU_ASSERT_EQUAL(gp__strhash("abc", 3), gp__strhash("abcdef", 3));

	gp__strmap_release(&m);
	CU_ASSERT_PTR_NULL(m.slots);
	CU_ASSERT_EQUAL(m.count, 0);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "USA", 3), GP_NONE);
	gp__arena_release(&a);
}

/* Put "PREFIX0".."PREFIX(n-1)" -> 0..n-1 (keys in a); 0, or -1 on a failure. */
static int strmap_fill(gp_strmap *m, gp_arena *a, uint32_t n, const char *prefix)
{
	char key[64];
	for (uint32_t i = 0; i < n; i++) {
		int len = snprintf(key, sizeof(key), "%s%u", prefix, (unsigned)i);
		char *k = gp__arena_strndup(a, key, (size_t)len);
		if (!k || gp__strmap_put(m, k, (size_t)len, i) != 0) {
			return -1;
		}
	}
	return 0;
}

/* How many of "PREFIX0".."PREFIX(n-1)" do not map to their number. */
static unsigned long strmap_wrong(const gp_strmap *m, uint32_t n, const char *prefix)
{
	char key[64];
	unsigned long wrong = 0;
	for (uint32_t i = 0; i < n; i++) {
		int len = snprintf(key, sizeof(key), "%s%u", prefix, (unsigned)i);
		wrong += gp__strmap_get(m, key, (size_t)len) != i;
	}
	return wrong;
}

/*
 * A map big enough for huge pages (util.c: huge_alloc), with keys that differ
 * only past their first eight bytes (the hash's step) or in their last ones.
 */
static void test_strmap_big(void)
{
	enum { N = 300000 };
	gp_arena a;
	gp__arena_init(&a);
	gp_strmap m = { NULL, 0, 0 };
	CU_ASSERT_FATAL(strmap_fill(&m, &a, N, "https://example.org/") == 0);
	CU_ASSERT_EQUAL(m.count, N);
	CU_ASSERT_EQUAL(strmap_wrong(&m, N, "https://example.org/"), 0);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "https://example.org/", 20), GP_NONE);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "https://example.org/3000000", 27), GP_NONE);
	gp__strmap_release(&m);
	gp__arena_release(&a);

	/* A vector grown past the huge-page size keeps what it held. */
	int failed = 0;
	GP_VEC(uint32_t) v = { 0 };
	for (uint32_t i = 0; i < 3 * 1024 * 1024 && !failed; i++) {
		failed = GP_VEC_PUSH(v, i * 7u) != 0;
	}
	for (uint32_t i = 0; i < v.n && !failed; i++) {
		failed = v.v[i] != i * 7u;
	}
	CU_ASSERT_FALSE(failed);
	CU_ASSERT_EQUAL(v.n, 3 * 1024 * 1024);
	GP_VEC_FREE(v);
}

static void test_strmap_growth(void)
{
	enum { N = 12000 };
	gp_arena a;
	gp__arena_init(&a);
	gp_strmap m = { NULL, 0, 0 };
	char key[32];
	int failed = 0;
	CU_ASSERT_FATAL(strmap_fill(&m, &a, N, "actor-") == 0);
	CU_ASSERT_EQUAL(m.count, N);
	/* cap is a power of two with room to spare. */
	CU_ASSERT(m.cap >= N);
	CU_ASSERT_EQUAL(m.cap & (m.cap - 1), 0);
	CU_ASSERT_EQUAL(strmap_wrong(&m, N, "actor-"), 0);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "actor-12000", 11), GP_NONE);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "actor-", 6), GP_NONE);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "actor-1", 7), 1);
	CU_ASSERT_EQUAL(gp__strmap_get(&m, "actor-10", 8), 10);

	/* Overwrite every even key; count does not move. */
	for (uint32_t i = 0; i < N && !failed; i += 2) {
		int n = snprintf(key, sizeof(key), "actor-%u", (unsigned)i);
		char *k = gp__arena_strndup(&a, key, (size_t)n);
		if (!k || gp__strmap_put(&m, k, (size_t)n, i + 1000000) != 0) {
			failed = 1;
		}
	}
	CU_ASSERT_FALSE(failed);
	CU_ASSERT_EQUAL(m.count, N);
	unsigned long wrong = 0;
	for (uint32_t i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "actor-%u", (unsigned)i);
		uint32_t want = i % 2 == 0 ? i + 1000000 : i;
		if (gp__strmap_get(&m, key, (size_t)n) != want) {
			wrong++;
		}
	}
	CU_ASSERT_EQUAL(wrong, 0);

	gp__strmap_release(&m);
	gp__arena_release(&a);
}

/* ------------------------------------------------------------------ arena */

static void test_arena_small_strings(void)
{
	enum { N = 50000 };
	gp_arena a;
	gp__arena_init(&a);
	char **ptrs = calloc(N, sizeof(*ptrs));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ptrs);
	char text[64];
	int failed = 0;
	for (int i = 0; i < N; i++) {
		int n = snprintf(text, sizeof(text), "string %d %.*s", i, i % 40,
				 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP");
		ptrs[i] = gp__arena_strndup(&a, text, (size_t)n);
		if (!ptrs[i] || ((uintptr_t)ptrs[i] & 7) != 0) {
			failed = 1;
			break;
		}
	}
	CU_ASSERT_FALSE(failed);
	unsigned long wrong = 0;
	for (int i = 0; i < N && !failed; i++) {
		snprintf(text, sizeof(text), "string %d %.*s", i, i % 40,
			 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP");
		if (strcmp(ptrs[i], text) != 0) {
			wrong++;
		}
	}
	CU_ASSERT_EQUAL(wrong, 0);

	/* strndup copies exactly len bytes and terminates them. */
	char *p = gp__arena_strndup(&a, "geopolitics", 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p, "geo");
	p = gp__arena_strndup(&a, "", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p, "");

	free(ptrs);
	gp__arena_release(&a);
	CU_ASSERT_PTR_NULL(a.head);
	/* Usable again after release. */
	p = gp__arena_strndup(&a, "again", 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p, "again");
	gp__arena_release(&a);
}

static void test_arena_big_block(void)
{
	enum { MB = 1024 * 1024 };
	gp_arena a;
	gp__arena_init(&a);
	char *before = gp__arena_strndup(&a, "before", 6);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);

	unsigned char *big = gp__arena_alloc(&a, MB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	CU_ASSERT_EQUAL((uintptr_t)big & 7, 0);
	for (size_t i = 0; i < MB; i++) {
		big[i] = (unsigned char)(i * 31 + 7);
	}

	/* Small allocations go on around it without touching it. */
	char *after[100];
	for (int i = 0; i < 100; i++) {
		char t[16];
		int n = snprintf(t, sizeof(t), "after%d", i);
		after[i] = gp__arena_strndup(&a, t, (size_t)n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(after[i]);
		uintptr_t lo = (uintptr_t)after[i], hi = lo + (uintptr_t)n, b = (uintptr_t)big;
		CU_ASSERT(hi < b || lo >= b + MB);
	}
	unsigned long wrong = 0;
	for (size_t i = 0; i < MB; i++) {
		if (big[i] != (unsigned char)(i * 31 + 7)) {
			wrong++;
		}
	}
	CU_ASSERT_EQUAL(wrong, 0);
	CU_ASSERT_STRING_EQUAL(before, "before");
	CU_ASSERT_STRING_EQUAL(after[0], "after0");
	CU_ASSERT_STRING_EQUAL(after[99], "after99");

	/* A second big block, and a block as the very first allocation. */
	void *big2 = gp__arena_alloc(&a, MB + 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big2);
	memset(big2, 0xab, MB + 3);
	gp__arena_release(&a);

	gp__arena_init(&a);
	big2 = gp__arena_alloc(&a, MB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big2);
	memset(big2, 0, MB);
	char *s = gp__arena_strndup(&a, "x", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, "x");
	gp__arena_release(&a);
}

/* ----------------------------------------------------------------- vector */

static void test_vec(void)
{
	GP_VEC(int) v = { NULL, 0, 0 };
	int failed = 0;
	for (int i = 0; i < 100000 && !failed; i++) {
		failed = GP_VEC_PUSH(v, i) != 0;
	}
	CU_ASSERT_FALSE_FATAL(failed);
	CU_ASSERT_EQUAL(v.n, 100000);
	CU_ASSERT(v.cap >= v.n);
	unsigned long wrong = 0;
	for (int i = 0; i < 100000; i++) {
		wrong += v.v[i] != i;
	}
	CU_ASSERT_EQUAL(wrong, 0);
	CU_ASSERT_EQUAL(GP_VEC_RESERVE(v, 500000), 0);
	CU_ASSERT(v.cap >= 600000);
	GP_VEC_FREE(v);
	CU_ASSERT_PTR_NULL(v.v);
	CU_ASSERT_EQUAL(v.n, 0);
	CU_ASSERT_EQUAL(v.cap, 0);
}

/* ------------------------------------------------------------ diagnostics */

static void test_diag(void)
{
	test_diags td;
	test_diags_init(&td);
	gp__diag(&td.sink, GP_SEV_WARNING, "f.json", 3, 7, "unknown field '%s'", "sorce");
	gp__diag(&td.sink, GP_SEV_ERROR, "f.json", 10, 1, "invalid date '%s'", "2025-13");
	CU_ASSERT_EQUAL(td.sink.warnings, 1);
	CU_ASSERT_EQUAL(td.sink.errors, 1);
	CU_ASSERT_EQUAL_FATAL(td.n, 2);
	CU_ASSERT_STRING_EQUAL(td.lines[0], "3:7: warning: unknown field 'sorce'");
	CU_ASSERT_STRING_EQUAL(td.lines[1], "10:1: error: invalid date '2025-13'");

	/* strict: warnings become errors. */
	td.sink.strict = 1;
	gp__diag(&td.sink, GP_SEV_WARNING, NULL, 1, 2, "odd");
	CU_ASSERT_EQUAL(td.sink.warnings, 1);
	CU_ASSERT_EQUAL(td.sink.errors, 2);
	CU_ASSERT_EQUAL_FATAL(td.n, 3);
	CU_ASSERT_STRING_EQUAL(td.lines[2], "1:2: error: odd");
	test_diags_release(&td);

	/* No callback: only counted. No sink: ignored. */
	gp_diag_sink counting = GP_DIAG_SINK_INIT;
	gp__diag(&counting, GP_SEV_ERROR, "x", 1, 1, "e");
	gp__diag(&counting, GP_SEV_WARNING, "x", 1, 1, "w");
	CU_ASSERT_EQUAL(counting.errors, 1);
	CU_ASSERT_EQUAL(counting.warnings, 1);
	gp__diag(NULL, GP_SEV_ERROR, "x", 1, 1, "nobody hears this");
}

/* ---------------------------------------------------------------- numbers */

/* What cJSON itself prints for x. */
static void cjson_text(double x, char *out, size_t size)
{
	cJSON *n = cJSON_CreateNumber(x);
	char *t = n ? cJSON_PrintUnformatted(n) : NULL;
	snprintf(out, size, "%s", t ? t : "?");
	cJSON_free(t);
	cJSON_Delete(n);
}

/* Whenever the fast formatter answers, its text is cJSON's, byte for byte. */
static void test_json_number_text(void)
{
	static const double fixed[] = { 0,
					-0.0,
					1,
					-1,
					7,
					2147483647.0,
					-2147483648.0,
					2147483648.0,
					-12.1,
					0.1,
					2.5,
					-4.4,
					0.0001,
					0.000123,
					-0.000999,
					0.00001,
					1e-6,
					123456789.123456,
					999999999.999999,
					1e9,
					999999999999999.0,
					1e15,
					1e16,
					0.1 + 0.2,
					3.14159265358979,
					1.0 / 3,
					16641.6,
					262110.000001 };
	char mine[32], theirs[64];
	size_t fast = 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		cjson_text(fixed[i], theirs, sizeof(theirs));
		if (gp__json_number_text(fixed[i], mine)) {
			fast++;
			CU_ASSERT_STRING_EQUAL(mine, theirs);
		}
	}
	CU_ASSERT(fast >= 19); /* the integers and the millionths above */
	CU_ASSERT_EQUAL(gp__json_number_text(1e15, mine), 0); /* cJSON writes 1e+15 */
	CU_ASSERT_EQUAL(gp__json_number_text(0.1 + 0.2, mine), 0);
	CU_ASSERT_EQUAL(gp__json_number_text(1.0 / 3, mine), 0);
	CU_ASSERT_EQUAL(gp__json_number_text(1e-6, mine), 0); /* cJSON writes 1e-06 */
	/* Sums of weights in millionths, as the graph writes them, over the whole range. */
	uint64_t r = 88172645463325252ULL;
	for (int i = 0; i < 200000; i++) {
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		int64_t m = (int64_t)(r % 2000000000000000ULL) - 1000000000000000LL;
		m /= (int64_t)1 << (r >> 60); /* small values as often as large ones */
		double x = (double)m / 1e6;
		cjson_text(x, theirs, sizeof(theirs));
		if (gp__json_number_text(x, mine)) {
			fast++;
			if (strcmp(mine, theirs) != 0) {
				CU_FAIL("fast number text differs from cJSON's");
				printf("\n%.17g: '%s' vs cJSON '%s'\n", x, mine, theirs);
				break;
			}
		}
	}
	CU_ASSERT(fast > 150000);
}

/* ------------------------------------------------------------------ input */

/* A file of `n` numbered CRLF lines and a last line "end" with no newline. */
static char *write_lines(size_t n)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/geopol-input-test-XXXXXX");
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "row\t%07zu\r\n", i);
	}
	fputs("end", fp);
	fclose(fp);
	return path;
}

/* CSV fields (RFC 4180), by hand: quoted when they hold , " CR or LF, " doubled. */
static void test_csv_field(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "|" },
		{ "plain text", "plain text|" },
		{ "a,b", "\"a,b\"|" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"|" },
		{ "\"", "\"\"\"\"|" },
		{ "x\ny", "\"x\ny\"|" },
		{ "\r", "\"\r\"|" },
		{ "a\"\"b,", "\"a\"\"\"\"b,\"|" },
		{ "ends in a quote\"", "\"ends in a quote\"\"\"|" },
		{ "http://x/a;b", "http://x/a;b|" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gp_sbuf b = { 0 };
		gp__sb_add(&b, "", 0);
		gp__sb_csv_field(&b, cases[i].in, '|');
		EXPECT_STR(gp__sb_str(&b), cases[i].out);
		/* The stdio writer writes the same bytes. */
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		gp__csv_field(fp, cases[i].in, '|');
		fclose(fp);
		EXPECT_STR(text, cases[i].out);
		free(text);
		free(b.s);
	}
}

/* Lines of a big file: every one, in order, without CR, the last one unterminated; and a range. */
static void test_input_lines(void)
{
	size_t n = 1500000; /* 21 MB: the reader's 1 MB block is refilled many times */
	char *path = write_lines(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	gp_input in;
	CU_ASSERT_EQUAL_FATAL(gp__input_open(&in, path), 0);
	size_t len;
	CU_ASSERT_PTR_NOT_NULL(
		gp__input_peek(&in, &len)); /* buffered first, as format detection does */
	char *line;
	ssize_t got;
	size_t k = 0, bad = 0;
	char want[32];
	while ((got = gp__input_line(&in, &line)) >= 0) {
		if (k < n) {
			snprintf(want, sizeof(want), "row\t%07zu", k);
		} else {
			snprintf(want, sizeof(want), "end");
		}
		bad += (size_t)got != strlen(want) || strcmp(line, want) != 0;
		k++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(k, n + 1);
	CU_ASSERT_EQUAL(in.line_no, n + 1);
	gp__input_close(&in);

	/* A range that starts and ends on line boundaries (as -j cuts a file). */
	size_t line_len = strlen("row\t0000000\r\n");
	CU_ASSERT_EQUAL_FATAL(gp__input_open_range(&in, path, 10 * line_len, 25 * line_len), 0);
	k = 0;
	while ((got = gp__input_line(&in, &line)) >= 0) {
		snprintf(want, sizeof(want), "row\t%07zu", 10 + k);
		CU_ASSERT(got == (ssize_t)strlen(want) && strcmp(line, want) == 0);
		k++;
	}
	CU_ASSERT_EQUAL(k, 15);
	gp__input_close(&in);
	remove(path);
}

/* ------------------------------------------------------------- the suite */

static int cmp_u64(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return (a > b) - (a < b);
}

/*
 * gp__radix_sort_u64 sorts as qsort does, for values of few and of all 64
 * bits, with repeats, a byte the same throughout (skipped), and none or one
 * value; gp__bit_width is what the sort's callers size keys with.
 */
static void test_radix_sort(void)
{
	static const unsigned bits[] = { 1, 8, 9, 37, 57, 64 };
	enum { N = 5000 };
	static uint64_t v[N], w[N], tmp[N];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (size_t b = 0; b < sizeof(bits) / sizeof(bits[0]); b++) {
		uint64_t mask = bits[b] == 64 ? UINT64_MAX : ((uint64_t)1 << bits[b]) - 1;
		for (size_t i = 0; i < N; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
			/* A byte (the second) the same in every value, and repeats. */
			v[i] = w[i] = (i % 7 == 3 ? v[i / 2] : x & ~(uint64_t)0xff00) & mask;
		}
		gp__radix_sort_u64(v, tmp, N, bits[b]);
		qsort(w, N, sizeof(*w), cmp_u64);
		EXPECT_TRUE(memcmp(v, w, sizeof(v)) == 0);
	}
	uint64_t one = 42;
	gp__radix_sort_u64(&one, tmp, 1, 64);
	EXPECT_I64(one, 42);
	gp__radix_sort_u64(NULL, NULL, 0, 64);
	EXPECT_I64(gp__bit_width(0), 0);
	EXPECT_I64(gp__bit_width(1), 1);
	EXPECT_I64(gp__bit_width(255), 8);
	EXPECT_I64(gp__bit_width(256), 9);
	EXPECT_I64(gp__bit_width(UINT64_MAX), 64);
}

static CU_TestInfo util_tests[] = {
	{ "utf8_check valid", test_utf8_check_valid },
	{ "utf8_check invalid", test_utf8_check_invalid },
	{ "utf8_count", test_utf8_count },
	{ "blank: only white space", test_is_blank },
	{ "strcasecmp_ascii", test_strcasecmp_ascii },
	{ "edit_distance", test_edit_distance },
	{ "edit_distance cap", test_edit_distance_cap },
	{ "is_close", test_is_close },
	{ "suggest_names", test_suggest_names },
	{ "suggest_names several", test_suggest_names_several },
	{ "strmap basic", test_strmap_basic },
	{ "strmap growth past 10000 keys", test_strmap_growth },
	{ "strmap and vectors past the size of huge pages", test_strmap_big },
	{ "arena small strings", test_arena_small_strings },
	{ "arena 1 MB block", test_arena_big_block },
	{ "GP_VEC", test_vec },
	{ "diagnostics", test_diag },
	{ "JSON number text is cJSON's", test_json_number_text },
	{ "CSV fields", test_csv_field },
	{ "input: lines of a big file, and a range", test_input_lines },
	{ "radix sort of 64-bit values", test_radix_sort },
	CU_TEST_INFO_NULL,
};

int gp_test_add_util(void)
{
	return gp_test_register("util", util_tests);
}
