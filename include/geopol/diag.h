/*
 * geopol/diag.h - status codes and located diagnostics.
 *
 * The library never prints. Every problem found in the input is handed to a
 * caller-supplied sink as a gp_diag (FILE:LINE:COLUMN, severity, message);
 * the command-line tool prints them, tests collect them. A gp_diag and the
 * strings in it are borrowed: valid only during the callback.
 */
#ifndef GEOPOL_DIAG_H
#define GEOPOL_DIAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of fallible library functions: 0 or a negative code. */
typedef enum {
	GP_OK = 0,
	GP_ERROR = -1,     /**< internal failure */
	GP_ENOMEM = -2,    /**< out of memory */
	GP_EIO = -3,       /**< a file could not be read or written */
	GP_EINVALID = -4,  /**< the input is invalid; details went to the sink */
	GP_ENOTFOUND = -5, /**< a name matches nothing */
	GP_EAMBIGUOUS = -6 /**< a name matches several things */
} gp_status;

typedef enum { GP_SEV_WARNING = 0, GP_SEV_ERROR = 1 } gp_severity;

typedef struct {
	gp_severity severity;
	const char *file;     /**< input name as given ("-" for stdin) */
	unsigned long line;   /**< 1-based; 0 when unknown */
	unsigned long column; /**< 1-based, in characters; 0 when unknown */
	const char *message;  /**< lowercase, no full stop */
} gp_diag;

typedef void (*gp_diag_fn)(const gp_diag *d, void *userdata);

/**
 * Where diagnostics go. Initialise with GP_DIAG_SINK_INIT, set fn (may be
 * NULL: diagnostics are then only counted) and strict (every warning becomes
 * an error, as `--strict`). The counters are the sink's running totals.
 */
typedef struct {
	gp_diag_fn fn;
	void *userdata;
	int strict;
	size_t errors;
	size_t warnings;
} gp_diag_sink;

#define GP_DIAG_SINK_INIT                                                                          \
	{                                                                                          \
		NULL, NULL, 0, 0, 0                                                                \
	}

/** Text for a status code ("out of memory", ...). Static storage. */
const char *gp_strerror(int status);

#ifdef __cplusplus
}
#endif
#endif
