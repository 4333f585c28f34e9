/*
 * input.h - reading input files in big blocks through zlib, so that gzip
 * files (and standard input, gzipped or not) read like plain ones, and lines
 * come out without a copy. Private; zlib stays inside input.c.
 */
#ifndef GEOPOL_INPUT_H
#define GEOPOL_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "geopol/diag.h"

typedef struct {
	void *gz; /* gzip input (zlib's gzFile, only input.c sees it); NULL: plain */
	int fd;
	char *buf;
	size_t cap, start, end; /* unread bytes are buf[start..end) */
	int eof, err;
	const char *why;       /* what err means when it is no errno (gzip data), or NULL */
	unsigned long line_no; /* of the last line returned */
	uint64_t pos;          /* stream offset of buf[start] */
	uint64_t line_pos; /* stream offset of the last line returned (a plain file's: its byte) */
	uint64_t limit;    /* no line starting at or past this offset is returned */
} gp_input;

/* Open a file ("-": standard input). 0, or -1 with errno set. */
int gp__input_open(gp_input *in, const char *path);
/* Open the bytes [start, end) of a plain file; start must begin a line. */
int gp__input_open_range(gp_input *in, const char *path, uint64_t start, uint64_t end);
/* Read a copy of text in memory (lines are cut in place). */
int gp__input_open_memory(gp_input *in, const char *text, size_t len);
void gp__input_close(gp_input *in);

/*
 * The first bytes of the input (up to one block), without consuming them:
 * for telling formats apart. *len may be 0 for an empty input.
 */
const char *gp__input_peek(gp_input *in, size_t *len);

/*
 * The next line, NUL-terminated in place, without its "\n" or "\r\n".
 * Returns its length, or -1 at the end (or on error: see in->err). The
 * line stays valid until the next call.
 */
ssize_t gp__input_line(gp_input *in, char **line);

/*
 * The size of a plain regular file (0, -1 otherwise: gzip, a pipe): what
 * is left to read of it is known without reading.
 */
int64_t gp__input_plain_size(const gp_input *in);

/* Everything that is left, in one malloc()ed, NUL-terminated buffer. */
int gp__input_read_all(gp_input *in, char **out, size_t *len);

/* Why reading failed (in->err set): a static text, valid after gp__input_close(). */
const char *gp__input_strerror(const gp_input *in);
/*
 * A file that cannot be opened or read (err: an errno value; why: what to
 * say, NULL for strerror(err)): an error on
 * the file and GP_EIO, unless memory ran out, which is no fault of the file:
 * GP_ENOMEM then, for the caller to report.
 */
int gp__input_failed(gp_diag_sink *sink, const char *path, const char *what, int err,
		     const char *why);

#endif
