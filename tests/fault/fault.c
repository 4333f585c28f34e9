/*
 * fault.c - the counter behind fault.h, linked into the fault build only.
 *
 *   GEOPOL_FAIL_ALLOC=N    the Nth counted allocation fails (returns NULL,
 *                          errno ENOMEM); N+ fails the Nth and every later one;
 *                          unset or 0: nothing fails, calls are only counted
 *   GEOPOL_FAIL_REPORT=F   at exit, write "calls K\nfailed M\n" to F: how many
 *                          allocations were counted and how many failed. No
 *                          file means the run did not exit (a crash).
 *
 * A run with M = 0 never reached the failure point: it is the last N worth
 * trying (tests/fault/run.sh).
 */
/* The wrappers call the real functions. */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup
#undef fdopen

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

static unsigned long fail_at; /* 0: never */
static int fail_after;        /* N+: every call from fail_at on */
static atomic_ulong calls, failed;

/* Count one allocation; 1 if it must fail. Atomic: readers run on threads (-j). */
static int fail_now(void)
{
	unsigned long k = atomic_fetch_add(&calls, 1) + 1;
	if (fail_at && (k == fail_at || (fail_after && k > fail_at))) {
		atomic_fetch_add(&failed, 1);
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *gp_fault_malloc(size_t size)
{
	return fail_now() ? NULL : malloc(size);
}

void *gp_fault_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : calloc(n, size);
}

void *gp_fault_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : realloc(p, size);
}

char *gp_fault_strdup(const char *s)
{
	return fail_now() ? NULL : strdup(s);
}

char *gp_fault_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : strndup(s, n);
}

FILE *gp_fault_fdopen(int fd, const char *mode)
{
	return fail_now() ? NULL : fdopen(fd, mode);
}

/* cJSON's hooks take the same counter (cJSON then reallocates by malloc + copy). */
static void *hook_malloc(size_t size)
{
	return gp_fault_malloc(size);
}

__attribute__((constructor)) static void fault_start(void)
{
	const char *v = getenv("GEOPOL_FAIL_ALLOC");
	if (v && *v) {
		char *end;
		fail_at = strtoul(v, &end, 10);
		fail_after = *end == '+';
	}
	cJSON_Hooks hooks = { hook_malloc, free };
	cJSON_InitHooks(&hooks);
}

/* Written with write(2): stdio would allocate, and this runs at exit. */
__attribute__((destructor)) static void fault_report(void)
{
	const char *path = getenv("GEOPOL_FAIL_REPORT");
	if (!path || !*path) {
		return;
	}
	char text[64];
	int n = snprintf(text, sizeof(text), "calls %lu\nfailed %lu\n", (unsigned long)atomic_load(&calls),
			 (unsigned long)atomic_load(&failed));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd >= 0) {
		if (write(fd, text, (size_t)n) != n) {
			unlink(path); /* a partial report would read as a complete run */
		}
		close(fd);
	}
}
