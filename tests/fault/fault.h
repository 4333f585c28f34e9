/*
 * fault.h - allocation-failure injection, the sqlite way. Force-included
 * (-include) into every source of the fault build only (make faults, FAULT=1):
 * the normal build never sees it, so production code is unchanged.
 *
 * Every allocation geopol's own code makes goes through a counter in
 * fault.c, which fails the Nth call (GEOPOL_FAIL_ALLOC=N) or every call from
 * the Nth on (GEOPOL_FAIL_ALLOC=N+). cJSON's allocations are counted too,
 * through cJSON_InitHooks, libxml2's through xmlMemSetup, and fdopen()'s FILE. Allocations inside igraph,
 * Graphviz, zlib and the rest of libc (fopen, qsort, realpath, ...) are not:
 * they do not come through these names.
 *
 * No system header is included here: a feature-test macro a source defines
 * first (_XOPEN_SOURCE) must still reach <features.h>. The macros are
 * function-like, so the system headers' prototypes of malloc() and the rest
 * become prototypes of the wrappers, with the same attributes.
 */
#ifndef GEOPOL_FAULT_H
#define GEOPOL_FAULT_H

#include <stddef.h>

void *gp_fault_malloc(size_t size);
void *gp_fault_calloc(size_t n, size_t size);
void *gp_fault_realloc(void *p, size_t size);
char *gp_fault_strdup(const char *s);
char *gp_fault_strndup(const char *s, size_t n);
/* fdopen() allocates the FILE: cli_output_open() must report its failure. */
struct _IO_FILE *gp_fault_fdopen(int fd, const char *mode);

#define malloc(size) gp_fault_malloc(size)
#define calloc(n, size) gp_fault_calloc(n, size)
#define realloc(p, size) gp_fault_realloc(p, size)
#define strdup(s) gp_fault_strdup(s)
#define strndup(s, n) gp_fault_strndup(s, n)
#define fdopen(fd, mode) gp_fault_fdopen(fd, mode)

#endif
