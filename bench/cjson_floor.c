/*
 * cjson_floor.c - the floor for reading geopol JSON Lines: bare cJSON parsing.
 *
 *   cjson_floor FILE
 *
 * Reads FILE line by line with getline(), parses each non-empty line with
 * cJSON_ParseWithLength() and deletes the tree at once, counting the lines
 * whose value is a JSON object.  It prints "objects N lines M".  Nothing is
 * looked up, converted or kept: any reader of JSON Lines that builds on cJSON
 * does at least this much, so geopol reading the same file within 1.5x of it
 * spends little beyond the parser.  A line that does not parse is reported
 * (line number) and makes the exit status 1.
 *
 * Build: cc -O2 -std=c17 -Wall -Wextra -Werror -o cjson_floor cjson_floor.c \
 *            $(pkg-config --cflags --libs libcjson)
 */
#define _POSIX_C_SOURCE 200809L
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cjson_floor FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 3;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long long lines = 0, objects = 0, bad = 0;
	while ((len = getline(&line, &cap, f)) != -1) {
		lines++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		cJSON *v = cJSON_ParseWithLength(line, (size_t)len);
		if (!v) {
			if (!bad)
				fprintf(stderr, "%s:%llu: cJSON cannot parse this line\n", argv[1],
					lines);
			bad++;
			continue;
		}
		if (cJSON_IsObject(v))
			objects++;
		cJSON_Delete(v);
	}
	if (ferror(f)) {
		perror(argv[1]);
		return 3;
	}
	fclose(f);
	free(line);
	printf("objects %llu lines %llu\n", objects, lines);
	if (bad) {
		fprintf(stderr, "%llu lines did not parse\n", bad);
		return 1;
	}
	return 0;
}
