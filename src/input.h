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
	unsigned long line_no;  /* of the last line returned */
	uint64_t pos;           /* stream offset of buf[start] */
	uint64_t limit;         /* no line starting at or past this offset is returned */
	uint64_t origin;        /* file offset of stream offset 0 (where the fd was when opened) */
	/* gp__input_map: the rest of a plain file, mapped; lines come from mp..mend. */
	void *map_base;
	size_t map_size;
	const char *mp, *mend;
	const char *map_live;   /* pages before it were read and unmapped */
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
 * Read the rest of a plain regular file through a read-only mapping instead
 * of read(): no copy from the page cache, which at GDELT sizes is a tenth of
 * the time (more with -j, where the copies share the memory bus). Lines then
 * come only from gp__input_row. 0, or -1 (not a plain file, or mmap failed:
 * reading goes on with read()). A file truncated while mapped faults
 * (SIGBUS), as with any mmap reader: the CLI turns that into exit 3.
 */
int gp__input_map(gp_input *in);

/*
 * The next line, like gp__input_line but read-only and NOT NUL-terminated
 * (only len bytes at *line are the line's); works mapped or not.
 */
ssize_t gp__input_row(gp_input *in, const char **line);

/* Everything that is left, in one malloc()ed, NUL-terminated buffer. */
int gp__input_read_all(gp_input *in, char **out, size_t *len);

#endif
