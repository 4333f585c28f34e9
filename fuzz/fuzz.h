/*
 * fuzz.h - what the fuzz harnesses share (fuzz/README.md).
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput for one reader of geopol.
 * Linked with libFuzzer (clang, `make fuzz`) it is fuzzed; linked with
 * replay.c (any compiler, `make test`) it replays stored inputs. Harnesses
 * use the public API only, as a program would, and stay silent: the library
 * never prints, and a harness prints only when a property fails, then
 * aborts so that libFuzzer keeps the input.
 */
#ifndef GEOPOL_FUZZ_H
#define GEOPOL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "geopol/geopol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property failed: say which, and abort (libFuzzer records the input). */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/*
 * A sink whose callback only reads the diagnostic (so a dangling or
 * unterminated message still shows under ASan) and prints nothing.
 */
void fuzz_sink_init(gp_diag_sink *sink);

/* A stream that discards what is written, for the writers; opened once. */
FILE *fuzz_null(void);

/*
 * The bytes as a file that a path names (a memfd, /proc/self/fd/N), for
 * the readers that take paths. Returns the descriptor (close it), or -1.
 */
int fuzz_file(const void *data, size_t size, char *path, size_t path_size);

/* The graph as gp_graph_write_json writes it, in memory (free()); NULL on failure. */
char *fuzz_graph_json(const gp_graph *g, size_t *len);

/*
 * Graph b (made another way) must write the same JSON as a, byte for byte;
 * prints both when it does not. Then frees b and its dataset.
 */
void fuzz_check_same_graph(const gp_graph *a, gp_graph *b, gp_dataset *b_ds, const char *what);

/*
 * Load the bytes (data NULL: the file `name`) as one input into a new
 * dataset and finish it.
 * Returns the dataset when the input was valid (warnings allowed), else
 * NULL: what the command-line tool would use, and only that.
 */
gp_dataset *fuzz_load(const char *name, const uint8_t *data, size_t size, gp_input_format fmt,
		      int skip_bad);

/*
 * The graph of a file as `geopol graph` streams it (brief events, the
 * default event lists); NULL when the file is invalid. *ds is then NULL,
 * else the graph's dataset (free it after the graph). lean: as `graph`
 * makes a picture, codes read as their countries and sources left in the
 * file until written (gp_graph_options collapse_codes and sources_later).
 */
gp_graph *fuzz_stream(gp_dataset **ds, const char *path, gp_input_format fmt, int level,
		      int skip_bad, int lean);

/* Every writer on a graph: JSON, DOT, partial, the actor table, one path. */
void fuzz_use_graph(const gp_graph *g);

/*
 * Bits that vary with the input (a hash of it), to choose what is done with
 * it: a harness that did everything with every input would be several
 * times slower, and each choice is still made for many inputs.
 */
unsigned fuzz_bits(const uint8_t *data, size_t size);

/*
 * The timeline in every format, and the graph at `level` (at country level
 * with `--actor` on the first actor and `--min-count 2`) through every
 * writer (fuzz_use_graph).
 */
void fuzz_use_dataset(const gp_dataset *ds, int level);

/*
 * A GDELT or ICEWS harness. By fuzz_bits, one of: the round trip through
 * `geopol import` (the graph of the rows must equal, byte for byte, the
 * graph of the JSON Lines that gp_dataset_write_jsonl makes of them); the
 * rows kept (fuzz_use_dataset); kept compactly (a timeline); read without
 * --skip-bad, kept and streamed. The level comes from fuzz_bits too.
 */
int fuzz_tabular(const uint8_t *data, size_t size, gp_input_format fmt);

#endif
