/*
 * input.h - reading input files in big blocks through zlib, so that gzip
 * files (and standard input, gzipped or not) read like plain ones, and lines
 * come out without a copy. Private.
 */
#ifndef GEOPOL_INPUT_H
#define GEOPOL_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <zlib.h>

typedef struct {
	gzFile gz;              /* gzip input; NULL for a plain file, read from fd */
	int fd;
	char *buf;
	size_t cap, start, end; /* unread bytes are buf[start..end) */
	int eof, err;
	const char *why;        /* what err means when it is no errno (gzip data), or NULL */
	unsigned long line_no;  /* of the last line returned */
	uint64_t pos;           /* stream offset of buf[start] */
	uint64_t limit;         /* no line starting at or past this offset is returned */
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

/* Everything that is left, in one malloc()ed, NUL-terminated buffer. */
int gp__input_read_all(gp_input *in, char **out, size_t *len);

/* Why reading failed (in->err set): a static text, valid after gp__input_close(). */
const char *gp__input_strerror(const gp_input *in);

#endif
