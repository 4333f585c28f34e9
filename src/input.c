/*
 * input.c - block reader over zlib (gzread reads plain files as they are).
 */
#include "input.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h> /* here alone: input.h keeps gzFile as void * */

/* Bytes read at a time. The fuzz build makes it small: a mebibyte to allocate
 * per file is slow under ASan, and small blocks put lines across them. */
#ifdef GP_INPUT_BLOCK
#define BLOCK GP_INPUT_BLOCK
#else
#define BLOCK (1 << 20)
#endif

static int open_fd(gp_input *in, int fd);

int gp__input_open(gp_input *in, const char *path)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	if (fd < 0) {
		return -1;
	}
	return open_fd(in, fd);
}

int gp__input_open_range(gp_input *in, const char *path, uint64_t start, uint64_t end)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		return -1;
	}
	if (lseek(fd, (off_t)start, SEEK_SET) < 0) {
		close(fd);
		return -1;
	}
	if (open_fd(in, fd)) {
		return -1;
	}
	in->pos = start;
	in->limit = end;
	return 0;
}

int gp__input_open_memory(gp_input *in, const char *text, size_t len)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->buf = malloc(len + 1);
	if (!in->buf) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(in->buf, text, len);
	in->cap = in->end = len;
	in->eof = 1; /* all there is is in the buffer */
	in->limit = UINT64_MAX;
	return 0;
}

static int open_fd(gp_input *in, int fd)
{
	/*
	 * A plain file is read with read(): zlib's transparent mode would copy
	 * every byte once more. gzip (1f 8b) goes through zlib.
	 */
	unsigned char magic[2];
	off_t at = lseek(fd, 0, SEEK_CUR);
	if (at >= 0 && pread(fd, magic, 2, at) == 2 && !(magic[0] == 0x1f && magic[1] == 0x8b)) {
		in->fd = fd;
	} else {
		in->fd = -1;
	}
	in->gz = in->fd >= 0 ? NULL : gzdopen(fd, "rb");
	in->buf = malloc(BLOCK + 1);
	if ((in->fd < 0 && !in->gz) || !in->buf) {
		if (in->gz) {
			gzclose(in->gz);
		} else {
			close(fd);
		}
		free(in->buf);
		memset(in, 0, sizeof(*in));
		in->fd = -1;
		errno = ENOMEM;
		return -1;
	}
	in->cap = BLOCK;
	in->limit = UINT64_MAX;
	if (in->gz) {
		gzbuffer(in->gz, BLOCK);
	}
	return 0;
}

void gp__input_close(gp_input *in)
{
	if (in->gz) {
		gzclose(in->gz);
	} else if (in->fd >= 0) {
		close(in->fd);
	}
	free(in->buf);
	memset(in, 0, sizeof(*in));
	in->fd = -1; /* closing twice does nothing */
}

/* Read more after the unread bytes, growing the buffer when it is full. */
static int fill(gp_input *in)
{
	if (in->eof) {
		return 0;
	}
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end == in->cap) {
		char *nb = in->cap > ((size_t)1 << 40) ? NULL : realloc(in->buf, in->cap * 2 + 1);
		if (!nb) {
			in->err = ENOMEM;
			return -1;
		}
		in->buf = nb;
		in->cap *= 2;
	}
	size_t want = in->cap - in->end;
	ssize_t got;
	if (!in->gz) {
		do {
			got = read(in->fd, in->buf + in->end,
				   want > (1u << 30) ? (1u << 30) : want);
		} while (got < 0 && errno == EINTR);
		if (got < 0) {
			in->err = errno;
			return -1;
		}
	} else {
		got = gzread(in->gz, in->buf + in->end,
			     (unsigned)(want > (1u << 30) ? (1u << 30) : want));
		int zerr = Z_OK;
		if (got <= 0) {
			gzerror(in->gz, &zerr);
		}
		/*
		 * zlib gives what it could decompress of a file cut short and then
		 * reports the end as a plain one; only gzerror() tells. Without this,
		 * a partial download would read as a shorter data set.
		 */
		if (got < 0 || zerr == Z_BUF_ERROR) {
			in->err = zerr == Z_ERRNO ? errno : EIO;
			in->why = zerr == Z_ERRNO ? NULL
				  : zerr == Z_BUF_ERROR
					  ? "the gzip data ends early (the file is cut short)"
					  : "the gzip data is corrupt";
			return -1;
		}
	}
	if (got == 0) {
		in->eof = 1;
		return 0;
	}
	in->end += (size_t)got;
	return 1;
}

const char *gp__input_peek(gp_input *in, size_t *len)
{
	while (in->end - in->start < 4096 && fill(in) > 0) {
	}
	*len = in->end - in->start;
	return in->buf + in->start;
}

ssize_t gp__input_line(gp_input *in, char **line)
{
	size_t scanned = in->start;
	if (in->pos >= in->limit) {
		return -1;
	}
	for (;;) {
		char *nl = memchr(in->buf + scanned, '\n', in->end - scanned);
		if (nl) {
			size_t s = in->start, n = (size_t)(nl - (in->buf + s));
			in->start = (size_t)(nl - in->buf) + 1;
			in->line_pos = in->pos;
			in->pos += n + 1;
			if (n > 0 && in->buf[s + n - 1] == '\r') {
				n--;
			}
			in->buf[s + n] = '\0';
			*line = in->buf + s;
			in->line_no++;
			return (ssize_t)n;
		}
		size_t have = in->end - in->start;
		int r = fill(in); /* moves the unread bytes to the front */
		if (r < 0) {
			return -1;
		}
		scanned = have;
		if (r == 0) {
			if (in->end == in->start) {
				return -1;
			}
			/* A last line without "\n". */
			size_t s = in->start, n = in->end - s;
			if (n > 0 && in->buf[s + n - 1] == '\r') {
				n--;
			}
			in->buf[s + n] = '\0'; /* buf has one spare byte past cap */
			in->line_pos = in->pos;
			in->pos += in->end - s;
			in->start = in->end;
			*line = in->buf + s;
			in->line_no++;
			return (ssize_t)n;
		}
	}
}

const char *gp__input_strerror(const gp_input *in)
{
	return in->why ? in->why : strerror(in->err);
}

int64_t gp__input_plain_size(const gp_input *in)
{
	struct stat st;
	if (in->gz || in->fd < 0 || fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		return -1;
	}
	return (int64_t)st.st_size;
}

int gp__input_read_all(gp_input *in, char **out, size_t *len)
{
	/* A plain file's size is known: one buffer of that size, not doublings. */
	struct stat st;
	if (!in->gz && in->fd >= 0 && fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size > in->pos &&
	    (uint64_t)st.st_size - in->pos < ((uint64_t)1 << 40)) {
		size_t want =
			(size_t)((uint64_t)st.st_size - in->pos) + 1; /* +1: see EOF at once */
		if (want > in->cap) {
			memmove(in->buf, in->buf + in->start, in->end - in->start);
			in->end -= in->start;
			in->start = 0;
			char *nb = realloc(in->buf, want + 1);
			if (!nb) {
				in->err = ENOMEM;
				return -1;
			}
			in->buf = nb;
			in->cap = want;
		}
	}
	while (fill(in) > 0) {
	}
	if (in->err) {
		return -1;
	}
	/* The buffer itself is handed over: a copy would double the memory of a big file. */
	size_t n = in->end - in->start;
	memmove(in->buf, in->buf + in->start, n);
	in->buf[n] = '\0'; /* buf has one spare byte past cap */
	char *p = realloc(in->buf, n + 1);
	*out = p ? p : in->buf;
	*len = n;
	in->buf = NULL;
	in->cap = in->start = in->end = 0;
	return 0;
}

int gp__input_failed(gp_diag_sink *sink, const char *path, const char *what, int err,
		     const char *why)
{
	if (err == ENOMEM) {
		return GP_ENOMEM;
	}
	gp__diag(sink, GP_SEV_ERROR, path, 0, 0, "%s: %s", what, why ? why : strerror(err));
	return GP_EIO;
}
