# geopol: a C library (libgeopol.a) and the `geopol` command built on it.
#
#   make demo     install missing packages, build, run the main job on data/
#   make test     install missing packages, build, run every test
#   make asan     the whole test suite under AddressSanitizer + UBSan (build-asan/),
#                 and a bounded allocation-failure sweep (build-fault/)
#   make faults   every allocation failing in turn: exit 4, no crash, no leak (build-fault/)
#   make valgrind the end-to-end CLI tests under valgrind
#   make bench    the benchmark against the tools analysts use (docs/performance.md)
#
# B is the build folder: objects, libgeopol.a and geopol go there. The default
# build lives in the source tree so that ./geopol is where a user looks for it.

B        ?= .
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wvla
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -MMD -MP -pthread
PKGS      = igraph libcjson libgvc libcgraph zlib
DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread $(OMPFLAGS)
# Debian's igraph runs PRPACK (PageRank) on OpenMP threads, whose sums land in
# a varying order; graph.c pins them to one thread for byte-identical output.
OMPFLAGS   = -fopenmp
CUNIT_LIBS = $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)

LIB_SRCS  = $(sort $(wildcard src/*.c))
CLI_SRCS  = $(sort $(wildcard src/cli/*.c))
TEST_SRCS = $(sort $(wildcard tests/unit/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(B)/%.o)
CLI_OBJS  = $(CLI_SRCS:%.c=$(B)/%.o)
TEST_OBJS = $(TEST_SRCS:%.c=$(B)/%.o)
# FAULT=1: the allocation-failure build (make faults). tests/fault/fault.h,
# forced into every source, sends allocations through the counter in
# tests/fault/fault.c; other builds never see either file.
ifneq ($(FAULT),)
CPPFLAGS += -include tests/fault/fault.h
LIB_SRCS += tests/fault/fault.c
endif
DEPS      = $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)

GEOPOL    = $(B)/geopol
UNIT      = $(B)/tests/unit/run_tests
DATA      = $(sort $(wildcard data/*.json data/*.jsonl))

all: $(GEOPOL)

# Built afresh: `ar r` alone would keep members of deleted or renamed sources.
$(B)/libgeopol.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(GEOPOL): $(CLI_OBJS) $(B)/libgeopol.a
	$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(UNIT): $(TEST_OBJS) $(B)/libgeopol.a
	$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(CUNIT_LIBS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEP_CFLAGS) $(WARN) $(OMPFLAGS) $(CFLAGS) -c -o $@ $<

# Packages first, then the real work in a second make, so that pkg-config
# answers for libraries that were only just installed.
deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory $(GEOPOL)
	$(GEOPOL) timeline $(DATA)
	@echo
	$(GEOPOL) export --out-dir output $(DATA)

test: deps
	@$(MAKE) --no-print-directory check

check: $(GEOPOL) $(UNIT)
	$(UNIT)
	GEOPOL=$(GEOPOL) sh tests/cli/run.sh

# Leaks inside Graphviz and font libraries are theirs, not ours: tests/lsan.supp.
# Full unwinding, so that a leak is attributed to the library that made it.
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_BUILD  = CFLAGS='$(SAN_CFLAGS)' LDFLAGS='-fsanitize=address,undefined'
# Then allocations failing, on a bounded sample: each place that allocates fails once.
asan: deps
	@ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0 \
	 $(MAKE) --no-print-directory check B=build-asan $(SAN_BUILD)
	@$(MAKE) --no-print-directory $(FAULT_BUILD)
	GEOPOL=build-fault/geopol sh tests/fault/run.sh paths

# Every allocation failing in turn, on the bundled data (tests/fault/run.sh):
# each run must exit 4 with a message, write nothing and leak nothing, or
# recover with the same output. 22,600 runs, 68 CPU-minutes (~35 min on 2 cores).
FAULT_BUILD = build-fault/geopol B=build-fault FAULT=1 $(SAN_BUILD)
faults: deps
	@$(MAKE) --no-print-directory $(FAULT_BUILD)
	GEOPOL=build-fault/geopol sh tests/fault/run.sh all

valgrind: deps
	@GEOPOL_WITH_VALGRIND=1 sh scripts/install-deps.sh
	@$(MAKE) --no-print-directory $(GEOPOL)
	GEOPOL=$(GEOPOL) VALGRIND='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp' sh tests/cli/run.sh

# The benchmark against pandas, networkx, python-igraph, mawk and the floor
# (bench/README.md); rewrites docs/performance.md. A few minutes, ~2.3 GB in /tmp.
bench: deps
	@$(MAKE) --no-print-directory $(GEOPOL)
	GEOPOL=$(GEOPOL) sh bench/run.sh

clean:
	rm -rf build-asan build-fault $(LIB_OBJS) $(CLI_OBJS) $(TEST_OBJS) $(DEPS) \
	       $(B)/libgeopol.a $(GEOPOL) $(UNIT) tests/tmp

.PHONY: all deps demo test check asan faults valgrind bench clean
-include $(DEPS)
