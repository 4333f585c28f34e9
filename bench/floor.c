/*
 * floor.c - the floor for reading a GDELT file: the least work any tool that
 * computes the country graph must do.
 *
 *   floor FILE
 *
 * Reads FILE with read() in 4 MiB blocks, splits it into lines and each line
 * into fields with memchr, and touches the fields the country aggregation
 * needs (7 Actor1CountryCode, 17 Actor2CountryCode, 30 GoldsteinScale) by
 * summing their lengths and first bytes, so the compiler cannot drop the work.
 * It prints the number of lines and that checksum.  No hashing, no number
 * parsing, no output beyond one line: a tool within 2x of this is near the
 * memory/IO bound.
 *
 * Build: cc -O2 -std=c17 -Wall -Wextra -Werror -o floor floor.c
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (4u << 20)

static uint64_t lines, checksum;

/* One line [p, end) without its LF. */
static void line(const char *p, const char *end)
{
	lines++;
	int col = 0;
	while (col <= 30) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (col == 7 || col == 17 || col == 30) {
			size_t n = (size_t)(fe - p);
			checksum += n + (n ? (unsigned char)p[0] : 0);
		}
		if (!tab)
			break;
		p = tab + 1;
		col++;
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 3;
	}
	/* Room for a block plus the unfinished line carried over from the last. */
	size_t cap = 2 * (size_t)BLOCK;
	char *buf = malloc(cap);
	if (!buf)
		return 4;
	size_t have = 0;
	for (;;) {
		if (cap - have < BLOCK) { /* a line longer than a block: grow */
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb)
				return 4;
			buf = nb;
		}
		ssize_t got = read(fd, buf + have, BLOCK);
		if (got < 0) {
			perror(argv[1]);
			return 3;
		}
		if (got == 0)
			break;
		have += (size_t)got;
		const char *p = buf, *end = buf + have;
		for (;;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				break;
			line(p, nl);
			p = nl + 1;
		}
		have = (size_t)(end - p);
		memmove(buf, p, have);
	}
	if (have) /* last line without LF */
		line(buf, buf + have);
	close(fd);
	free(buf);
	printf("lines %llu checksum %llu\n", (unsigned long long)lines,
	       (unsigned long long)checksum);
	return 0;
}
