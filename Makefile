# geopol: a C library (libgeopol.a) and the `geopol` command built on it.
#
#   make demo     install missing packages, build, run the main job on data/
#   make test     install missing packages, build, run every test
#   make asan     the whole test suite under AddressSanitizer + UBSan (build-asan/),
#                 and a bounded allocation-failure sweep (build-fault/)
#   make faults   every allocation failing in turn: exit 4, no crash, no leak (build-fault/)
#   make valgrind the end-to-end CLI tests under valgrind
#   make test-big inputs past 32-bit limits (a 2 GiB file; slow, run by CI)
#   make bench    the benchmark against the tools analysts use (docs/performance.md)
#   make install  geopol, libgeopol.a and .so, headers, geopol.pc, geopol(1) into
#                 $(DESTDIR)$(PREFIX) (PREFIX=/usr/local); make uninstall
#   make fuzz     libFuzzer on every reader, FUZZ_SECONDS each (fuzz/README.md);
#                 make fuzz-smoke: a few seconds each
#   make format   clang-format (.clang-format) on the C sources
#
# B is the build folder: objects, libgeopol.a and geopol go there. The default
# build lives in the source tree so that ./geopol is where a user looks for it.

B        ?= .
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wvla
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -MMD -MP -pthread
PKGS      = igraph libcjson libgvc libcgraph zlib libxml-2.0
DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread $(OMPFLAGS)
# Debian's igraph runs PRPACK (PageRank) on OpenMP threads, whose sums land in
# a varying order; analytics.c pins them to one thread for byte-identical output.
# analytics.c alone is compiled with OpenMP; programs link its runtime.
OMPFLAGS   = -fopenmp
$(B)/src/analytics.o $(B)/pic/src/analytics.o: OMP_CFLAGS = $(OMPFLAGS)
CUNIT_LIBS = $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)

LIB_SRCS  = $(sort $(wildcard src/*.c))
CLI_SRCS  = $(sort $(wildcard src/cli/*.c))
TEST_SRCS = $(sort $(wildcard tests/unit/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(B)/%.o)
CLI_OBJS  = $(CLI_SRCS:%.c=$(B)/%.o)
TEST_OBJS = $(TEST_SRCS:%.c=$(B)/%.o)
# The viewer's page and the npm libraries it inlines, compiled into the
# library as C strings (src/view_assets.h): scripts/embed.c, built first,
# writes them into $(B)/gen/view_assets.c. NAME=FILE each.
VIEW_ASSETS = template=web/viewer.html viewer_css=web/viewer.css viewer_js=web/viewer.js \
              vis_js=web/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js \
              cytoscape_js=web/node_modules/cytoscape/dist/cytoscape.min.js
VIEW_FILES  = $(foreach a,$(VIEW_ASSETS),$(word 2,$(subst =, ,$(a))))
VIEW_OBJ    = $(B)/gen/view_assets.o
LIB_OBJS   += $(VIEW_OBJ)
# FAULT=1: the allocation-failure build (make faults). tests/fault/fault.h,
# forced into every source, sends allocations through the counter in
# tests/fault/fault.c; other builds never see either file.
ifneq ($(FAULT),)
CPPFLAGS += -include tests/fault/fault.h
LIB_SRCS += tests/fault/fault.c
endif
DEPS      = $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TEST_OBJS:.o=.d)

# The npm packages of web/package-lock.json: the viewer's libraries and the
# real clients the tests load outputs in. npm ci again when the lock changes.
# Defined early: prerequisites expand when a rule is read.
WEB_MODULES = web/node_modules/.package-lock.json

GEOPOL    = $(B)/geopol
UNIT      = $(B)/tests/unit/run_tests
DATA      = $(sort $(wildcard data/*.json data/*.jsonl))

all: $(GEOPOL)

# ---- the shared library: position-independent objects of their own, and
# only the public API (gp_ and a letter) exported (src/libgeopol.map).
VERSION   = $(shell sed -n 's/^\#define GEOPOL_VERSION "\(.*\)"/\1/p' include/geopol/geopol.h)
SOVERSION = 0
SONAME    = libgeopol.so.$(SOVERSION)
PIC_OBJS  = $(LIB_SRCS:%.c=$(B)/pic/%.o) $(B)/pic/gen/view_assets.o
SHLIB     = $(B)/libgeopol.so.$(VERSION)

$(SHLIB): $(PIC_OBJS) src/libgeopol.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=src/libgeopol.map $(LDFLAGS) \
	      -o $@ $(PIC_OBJS) $(DEP_LIBS)

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEP_CFLAGS) $(WARN) $(OMP_CFLAGS) $(CFLAGS) -fPIC -c -o $@ $<

# ---- the viewer's files as C (VIEW_ASSETS above). The generator is a
# build tool: no CFLAGS (no sanitizer, no fuzzer), no libraries. The npm
# files come from npm ci ($(WEB_MODULES)).
$(B)/gen/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ scripts/embed.c

$(filter web/node_modules/%,$(VIEW_FILES)): $(WEB_MODULES) ;

$(B)/gen/view_assets.c: $(B)/gen/embed $(VIEW_FILES) Makefile
	$(B)/gen/embed $@.tmp $(VIEW_ASSETS) && mv $@.tmp $@

$(VIEW_OBJ): $(B)/gen/view_assets.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(B)/pic/gen/view_assets.o: $(B)/gen/view_assets.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -c -o $@ $<

# ---- examples/: programs that see only the public headers (no -Isrc)
EXAMPLES = $(B)/examples/timeline $(B)/examples/top_actors

$(B)/examples/%: examples/%.c $(B)/libgeopol.a
	@mkdir -p $(dir $@)
	$(CC) -Iinclude $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libgeopol.a $(DEP_LIBS)

# ---- the manual page, from the real --help texts (scripts/gen-man.sh)
$(B)/geopol.1: $(GEOPOL) scripts/gen-man.sh README.md
	sh scripts/gen-man.sh $(GEOPOL) README.md > $@.tmp && mv $@.tmp $@

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
	$(CC) $(CPPFLAGS) $(DEP_CFLAGS) $(WARN) $(OMP_CFLAGS) $(CFLAGS) -c -o $@ $<

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
	@$(MAKE) --no-print-directory test-install

# The unit tests' comma locale (de_DE), compiled into the tree: no system locale needed.
LOCALE_DIR = tests/tmp/locale

# The end-to-end scripts (tests/cli/NAME.sh), in order; each stops make when it fails.
CLI_SCRIPTS = run io options story timeline_formats formats formats_generated view claims sign \
	      series diff dask

check: $(GEOPOL) $(UNIT) $(EXAMPLES) fuzz-replay $(WEB_MODULES)
	@sh tests/tools/make-locale.sh $(LOCALE_DIR)
	$(UNIT)
	node tests/web/smoke.mjs
	B=$(B) sh tests/cli/examples.sh
	@for s in $(CLI_SCRIPTS); do \
	    echo "GEOPOL=$(GEOPOL) sh tests/cli/$$s.sh"; \
	    GEOPOL=$(GEOPOL) sh tests/cli/$$s.sh || exit 1; \
	done

# (WEB_MODULES is defined at the top.)
$(WEB_MODULES): web/package.json web/package-lock.json
	sh scripts/npm-ci.sh
	@touch $@
web-deps: $(WEB_MODULES)

# Install into a fresh prefix, build examples/ against it with pkg-config
# alone (shared and static), run them, uninstall (tests/cli/install.sh).
test-install: $(GEOPOL) $(B)/libgeopol.a $(SHLIB) $(B)/geopol.1
	sh tests/cli/install.sh

# ---- install: DESTDIR for packagers, PREFIX for the layout
PREFIX     ?= /usr/local
BINDIR      = $(PREFIX)/bin
LIBDIR      = $(PREFIX)/lib
INCLUDEDIR  = $(PREFIX)/include
MANDIR      = $(PREFIX)/share/man
HEADERS     = $(sort $(wildcard include/geopol/*.h))

install: $(GEOPOL) $(B)/libgeopol.a $(SHLIB) $(B)/geopol.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	           $(DESTDIR)$(INCLUDEDIR)/geopol $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(GEOPOL) $(DESTDIR)$(BINDIR)/geopol
	install -m 644 $(B)/libgeopol.a $(DESTDIR)$(LIBDIR)/libgeopol.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libgeopol.so.$(VERSION)
	ln -sf libgeopol.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libgeopol.so
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/geopol/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    geopol.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/geopol.pc
	install -m 644 $(B)/geopol.1 $(DESTDIR)$(MANDIR)/man1/geopol.1
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/geopol $(DESTDIR)$(LIBDIR)/libgeopol.a \
	      $(DESTDIR)$(LIBDIR)/libgeopol.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/libgeopol.so $(DESTDIR)$(LIBDIR)/pkgconfig/geopol.pc \
	      $(DESTDIR)$(MANDIR)/man1/geopol.1 \
	      $(HEADERS:include/geopol/%=$(DESTDIR)$(INCLUDEDIR)/geopol/%)
	-rmdir $(DESTDIR)$(INCLUDEDIR)/geopol

# Inputs past 32-bit limits (a 2 GiB file is written and read): slow, so apart.
test-big: $(GEOPOL)
	GEOPOL=$(GEOPOL) sh tests/cli/big.sh

# Leaks inside Graphviz and font libraries are theirs, not ours: tests/lsan.supp.
# Full unwinding, so that a leak is attributed to the library that made it.
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_BUILD  = CFLAGS='$(SAN_CFLAGS)' LDFLAGS='-fsanitize=address,undefined'
# Then allocations failing, on a bounded sample: each place that allocates fails once.
# view.sh, dask.sh, timeline_formats.sh and formats_generated.sh spend their
# time in Chromium, Dask, node and Python, not in geopol, and the commands
# they run (view, merge, the timeline and graph formats) are run under ASan by
# the other scripts and by the sweep's clean runs; options.sh checks the
# parser's messages, which every other run goes through: left out here for
# CI's 20 minutes. The sweep tries the first N of every new call path only
# (no stride sample: STRIDE past any count).
ASAN_CLI_SCRIPTS = $(filter-out view dask timeline_formats formats_generated options,$(CLI_SCRIPTS))
asan: deps
	@ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0 \
	 $(MAKE) --no-print-directory check B=build-asan $(SAN_BUILD) CLI_SCRIPTS='$(ASAN_CLI_SCRIPTS)'
	@$(MAKE) --no-print-directory $(FAULT_BUILD)
	GEOPOL=build-fault/geopol STRIDE=100000000 sh tests/fault/run.sh paths

# Every allocation failing in turn, on the bundled data (tests/fault/run.sh):
# each run must exit 4 with a message, write nothing and leak nothing, or
# recover with the same output. 41 commands, tens of thousands of runs: hours.
FAULT_BUILD = build-fault/geopol B=build-fault FAULT=1 $(SAN_BUILD)
faults: deps
	@$(MAKE) --no-print-directory $(FAULT_BUILD)
	GEOPOL=build-fault/geopol sh tests/fault/run.sh all

# The pictures in README, docs/theme-lines.md and the graph pictures, made again.
docs-pictures: $(GEOPOL)
	$(GEOPOL) graph --level country --format png -o docs/graph-country.png data/seed-article.json
	$(GEOPOL) graph --format png -o docs/graph-actor.png data/seed-article.json
	$(GEOPOL) timeline --format png -o docs/theme-lines.png data/seed-article.json
	$(GEOPOL) timeline --format png -o docs/theme-lines-negotiation.png \
	    tests/data/iran-nuclear-2013-2025.json

# The house style (.clang-format, clang-format 14) on every C file of the
# project but src/tables.c, which scripts/gen-tables.py writes.
FORMAT_FILES = $(filter-out src/tables.c,$(shell git ls-files '*.c' '*.h' 2>/dev/null))
format:
	clang-format -i $(FORMAT_FILES)

valgrind: deps
	@GEOPOL_WITH_VALGRIND=1 sh scripts/install-deps.sh
	@$(MAKE) --no-print-directory $(GEOPOL)
	CLI_TMP=tests/tmp/cli-valgrind GEOPOL=$(GEOPOL) VALGRIND='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp' sh tests/cli/run.sh

# The benchmark against pandas, networkx, python-igraph, mawk, DuckDB, GNU sort
# and the floors, 5 interleaved rounds on a low- and a high-cardinality data set
# at 100k, 1M and 5M rows (bench/README.md); rewrites docs/performance.md. About
# 33 minutes on an idle 2-core machine (estimated), ~9 GB in /tmp; BENCH_SIZES,
# BENCH_ROUNDS and BENCH_DATASETS narrow it.
bench: deps
	@$(MAKE) --no-print-directory $(GEOPOL)
	GEOPOL=$(GEOPOL) sh bench/run.sh

# Peak memory of the actor graph per node and per edge (docs/memory.md).
bench-memory: deps
	@$(MAKE) --no-print-directory $(GEOPOL)
	GEOPOL=$(GEOPOL) sh bench/memory.sh

clean:
	rm -rf build-asan build-fault $(B)/gen $(LIB_OBJS) $(CLI_OBJS) $(TEST_OBJS) $(DEPS) $(B)/pic $(B)/examples \
	       $(B)/libgeopol.a $(SHLIB) $(B)/geopol.1 $(GEOPOL) $(UNIT) tests/tmp

include fuzz/fuzz.mk
.PHONY: all deps demo docs-pictures test check web-deps test-install test-big install uninstall asan faults valgrind bench bench-memory clean format
-include $(DEPS) $(PIC_OBJS:.o=.d)
