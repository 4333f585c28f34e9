/*
 * fault.c - the counter behind fault.h, linked into the fault build only.
 *
 *   GEOPOL_FAIL_ALLOC=N    the Nth counted allocation fails (returns NULL,
 *                          errno ENOMEM); N+ fails the Nth and every later one;
 *                          unset or 0: nothing fails, calls are only counted
 *   GEOPOL_FAIL_REPORT=F   at exit, write "calls K\nfailed M\n" to F: how many
 *                          allocations were counted and how many failed. No
 *                          file means the run did not exit (a crash).
 *   GEOPOL_FAIL_SITES=F    write to F one line per allocation: a hash of the
 *                          calls that led to it (its call path), so that a
 *                          bounded sweep can try each distinct path once.
 *   GEOPOL_FAIL_TRACE=1    print the stack of the first failed allocation on
 *                          stderr (symbolized by ASan when there is ASan).
 *
 * A run with M = 0 never reached the failure point: it is the last N worth
 * trying (tests/fault/run.sh).
 */
#define _GNU_SOURCE /* dladdr() */

/* The wrappers call the real functions. */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup
#undef fdopen

#include <cjson/cJSON.h>
#include <libxml/xmlmemory.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

static unsigned long fail_at; /* 0: never */
static int fail_after;        /* N+: every call from fail_at on */
static atomic_ulong calls, failed;

static int sites_fd = -1;
static int trace;

/* ASan's symbolizing stack printer, when the build has ASan. */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static void print_trace(void)
{
	fputs("fault: this allocation failed:\n", stderr);
	if (__sanitizer_print_stack_trace) {
		__sanitizer_print_stack_trace();
	} else {
		void *frames[32];
		backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
	}
}

/*
 * The call path of this allocation, above the fault layer: PATH_DEPTH return
 * addresses, each as its library's name and offset in it, so that paths
 * compare across runs and commands (addresses move with ASLR), hashed.
 * backtrace() reads unwind tables: frames in libraries built without frame
 * pointers (cJSON) are safe.
 */
enum { LAYER_FRAMES = 3, PATH_DEPTH = 4 }; /* note_site, fail_now, a wrapper or hook */
static unsigned long fnv(unsigned long h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211UL;
	}
	return h;
}

__attribute__((noinline)) static void note_site(void)
{
	void *frames[LAYER_FRAMES + PATH_DEPTH];
	int n = backtrace(frames, LAYER_FRAMES + PATH_DEPTH);
	unsigned long h = 14695981039346656037UL;
	for (int i = LAYER_FRAMES; i < n; i++) {
		Dl_info info;
		uintptr_t off = (uintptr_t)frames[i];
		if (dladdr(frames[i], &info) && info.dli_fname) {
			off -= (uintptr_t)info.dli_fbase;
			h = fnv(h, info.dli_fname, strlen(info.dli_fname));
		}
		h = fnv(h, &off, sizeof(off));
	}
	char line[24];
	int len = snprintf(line, sizeof(line), "%lx\n", h);
	if (write(sites_fd, line, (size_t)len) != len) {
		close(sites_fd);
		sites_fd = -1;
	}
}

/*
 * Count one allocation; 1 if it must fail. Atomic: readers run on threads
 * (-j). Not inlined: note_site() counts the frames of the fault layer.
 */
__attribute__((noinline)) static int fail_now(void)
{
	unsigned long k = atomic_fetch_add(&calls, 1) + 1;
	if (sites_fd >= 0) {
		note_site();
	}
	if (fail_at && (k == fail_at || (fail_after && k > fail_at))) {
		if (atomic_fetch_add(&failed, 1) == 0 && trace) {
			print_trace();
		}
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
	return fail_now() ? NULL : malloc(size);
}

/* libxml2's too (the GEXF and GraphML writers' xmlTextWriter). */
static void *hook_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : realloc(p, size);
}

static char *hook_strdup(const char *s)
{
	return fail_now() ? NULL : strdup(s);
}

__attribute__((constructor)) static void fault_start(void)
{
	const char *v = getenv("GEOPOL_FAIL_ALLOC");
	if (v && *v) {
		char *end;
		fail_at = strtoul(v, &end, 10);
		fail_after = *end == '+';
	}
	trace = getenv("GEOPOL_FAIL_TRACE") != NULL;
	const char *sites = getenv("GEOPOL_FAIL_SITES");
	if (sites && *sites) {
		sites_fd = open(sites, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	}
	cJSON_Hooks hooks = { hook_malloc, free };
	cJSON_InitHooks(&hooks);
	xmlMemSetup(free, hook_malloc, hook_realloc, hook_strdup);
}

/* Written with write(2): stdio would allocate, and this runs at exit. */
__attribute__((destructor)) static void fault_report(void)
{
	const char *path = getenv("GEOPOL_FAIL_REPORT");
	if (!path || !*path) {
		return;
	}
	char text[64];
	int n = snprintf(text, sizeof(text), "calls %lu\nfailed %lu\n",
			 (unsigned long)atomic_load(&calls), (unsigned long)atomic_load(&failed));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd >= 0) {
		if (write(fd, text, (size_t)n) != n) {
			unlink(path); /* a partial report would read as a complete run */
		}
		close(fd);
	}
}
