# fuzz/fuzz.mk - the fuzz harnesses (fuzz/README.md), included by the Makefile.
#
#   make fuzz-replay             replay seeds and stored crashing inputs (any compiler;
#                                part of `make check`, so of `make test` and `make asan`)
#   make fuzz FUZZ_SECONDS=N     libFuzzer (clang) on every harness for N seconds each
#   make fuzz-smoke              every harness for a few seconds, for CI (under a minute)
#
# A harness fuzz/fuzz_NAME.c is linked twice: with fuzz/replay.c into
# $(B)/fuzz/replay-NAME, and with libFuzzer into build-fuzz/fuzz/fuzz-NAME.

FUZZ_NAMES   = date duration json jsonl gdelt icews merge actor
FUZZ_OBJS    = $(FUZZ_NAMES:%=$(B)/fuzz/fuzz_%.o) $(B)/fuzz/fuzz_util.o $(B)/fuzz/replay.o
FUZZ_REPLAYS = $(FUZZ_NAMES:%=$(B)/fuzz/replay-%)

$(B)/fuzz/replay-%: $(B)/fuzz/fuzz_%.o $(B)/fuzz/fuzz_util.o $(B)/fuzz/replay.o $(B)/libgeopol.a
	$(CC) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

# Each harness on its seeds (fuzz/corpus/NAME) and the inputs that once
# crashed it (fuzz/regress/NAME): found bugs stay fixed without clang.
fuzz-replay: $(FUZZ_REPLAYS)
	@for h in $(FUZZ_NAMES); do \
	  r=fuzz/regress/$$h; [ -d $$r ] || r=; \
	  $(B)/fuzz/replay-$$h fuzz/corpus/$$h $$r || exit 1; done

# ------------------------------------------------------------------ libFuzzer

FUZZ_SECONDS ?= 60
# Per harness in fuzz-smoke: 8 harnesses, under a minute with the build.
FUZZ_SMOKE_SECONDS ?= 4
FUZZ_B    = build-fuzz
# Debian names it clang, or only clang-14.
FUZZ_CC   = $(shell command -v clang 2>/dev/null || command -v clang-14 2>/dev/null || echo clang)
FUZZ_SAN  = address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# analytics.c pins igraph's OpenMP (libgomp, which Debian's igraph uses) to one
# thread: clang compiles it against omp.h but links libgomp, not its libomp,
# so that the pin reaches igraph's runtime.
FUZZ_MAKE = $(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) \
	    CFLAGS='-O1 -g -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -DGP_INPUT_BLOCK=4096 -DGP_CODE_BITS=6'
FUZZ_BINS = $(FUZZ_NAMES:%=$(FUZZ_B)/fuzz/fuzz-%)

$(FUZZ_B)/fuzz/fuzz-%: $(FUZZ_B)/fuzz/fuzz_%.o $(FUZZ_B)/fuzz/fuzz_util.o $(FUZZ_B)/libgeopol.a
	$(CC) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ $(filter-out -fopenmp,$(DEP_LIBS)) -lgomp

fuzz-build:
	@GEOPOL_WITH_FUZZ=1 sh scripts/install-deps.sh
	+@$(FUZZ_MAKE) $(FUZZ_BINS)

# Each harness in turn (one core) on a copy of its seeds under build-fuzz/work,
# which grows from run to run; a crash stops with the input in build-fuzz/crashes.
fuzz: fuzz-build
	@FUZZ_B=$(FUZZ_B) sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-smoke: fuzz-build
	@FUZZ_B=$(FUZZ_B) sh fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_NAMES)

clean: fuzz-clean
fuzz-clean:
	rm -rf $(FUZZ_B) $(FUZZ_OBJS) $(FUZZ_OBJS:.o=.d) $(FUZZ_REPLAYS)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-replay fuzz-clean
# Objects made only on the way to a harness are kept (not intermediate).
.SECONDARY: $(FUZZ_OBJS)
-include $(FUZZ_OBJS:.o=.d)
