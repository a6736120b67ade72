# git-bpf: build, install, test.  `make V=1` shows the commands.

prefix ?= /usr/local
bindir ?= $(prefix)/bin
mandir ?= $(prefix)/share/man
docdir ?= $(prefix)/share/doc/git-bpf
DESTDIR ?=

BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libgit2 libcurl inih jansson libpcre2-8 zlib
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifeq ($(SANITIZE),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
endif

ALL_CFLAGS := -std=gnu11 $(WARN) $(CFLAGS) $(SAN_FLAGS) \
	-D_GNU_SOURCE -DGIT_BPF_VERSION='"$(VERSION)"' -Icommon \
	$(shell $(PKG_CONFIG) --cflags $(PKGS))
ALL_LDFLAGS := $(LDFLAGS) $(SAN_FLAGS)
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm

ifneq ($(V),1)
Q := @
QUIET_CC = @echo '   CC' $@;
QUIET_LINK = @echo ' LINK' $@;
QUIET_AR = @echo '   AR' $@;
endif

COMMANDS := git-bpf git-bpf-send git-bpf-check git-bpf-stable \
	git-bpf-maintainers git-bpf-report git-bpf-doctor
COMMON_SRC := $(sort $(wildcard common/*.c))
COMMON_OBJ := $(COMMON_SRC:%.c=$(BUILD)/%.o)
LIBCOMMON := $(BUILD)/libgitbpf.a
PROGRAMS := $(COMMANDS:%=$(BUILD)/bin/%)
UNIT_SRC := $(sort $(wildcard t/unit/*.c))
UNIT_PROGS := $(UNIT_SRC:t/unit/%.c=$(BUILD)/t/unit/%)
HELPER_SRC := $(sort $(wildcard t/helper/*.c))
HELPER_PROGS := $(HELPER_SRC:t/helper/%.c=$(BUILD)/t/helper/%)
MANPAGES := $(sort $(wildcard man/*.1))
SHELL_TESTS := $(sort $(wildcard t/t[0-9]*.sh))

PROVE ?= prove
PROVE_OPTS ?= -j2

# Debian packages to build, test, fuzz and benchmark.
DEPS := build-essential pkg-config git libgit2-dev libcurl4-openssl-dev \
	libinih-dev libjansson-dev libcmocka-dev zlib1g-dev sharness python3 \
	python3-aiosmtpd openssl perl man-db clang libclang-rt-14-dev \
	linux-source-6.1 xz-utils valgrind libpcre2-dev time

all: $(PROGRAMS)

$(BUILD)/%.o: %.c $(wildcard common/*.h)
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCOMMON): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(QUIET_AR)$(AR) rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/%.o $(LIBCOMMON)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/t/unit/%: t/unit/%.c $(LIBCOMMON) t/unit/tap.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -It/unit -o $@ $< \
		$(LIBCOMMON) $(LIBS) -lcmocka

$(BUILD)/t/helper/%: t/helper/%.c $(LIBCOMMON)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(LIBCOMMON) $(LIBS)

units: $(UNIT_PROGS) $(HELPER_PROGS)

# The whole suite: C unit tests and shell tests, under prove (TAP).
# The shell tests source ./lib.sh, so they run from t/.
test: all units
	$(Q)cd t && GIT_BPF_BUILD=$(abspath $(BUILD)) \
		LSAN_OPTIONS=suppressions=$(abspath fuzz/lsan.supp):print_suppressions=0 \
		$(PROVE) $(PROVE_OPTS) \
		$(abspath $(UNIT_PROGS)) $(notdir $(SHELL_TESTS))

# The same suite built with AddressSanitizer and UBSan.
test-sanitize:
	$(Q)$(MAKE) --no-print-directory BUILD=build-san SANITIZE=1 test

# Everything CI runs: fuzzing, the sanitizer suite, then the normal suite
# (last, so the run ends with its summary).
check:
	$(Q)if [ -x fuzz/run ]; then fuzz/run; fi
	$(Q)$(MAKE) --no-print-directory test-sanitize
	$(Q)$(MAKE) --no-print-directory test

demo: all
	$(Q)GIT_BPF_BUILD=$(abspath $(BUILD)) ./demo/run

bench: all
	$(Q)GIT_BPF_BUILD=$(abspath $(BUILD)) ./bench/run

fuzz:
	$(Q)fuzz/run

deps:
	$(Q)if command -v apt-get >/dev/null 2>&1; then \
		missing=$$(for p in $(DEPS); do \
			dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			grep -q '^install ok installed' || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq $$missing; \
		fi; \
	else echo 'make deps: needs apt-get (Debian)'; exit 1; fi

install: all
	install -d "$(DESTDIR)$(bindir)" "$(DESTDIR)$(mandir)/man1" \
		"$(DESTDIR)$(docdir)"
	install -m 755 $(PROGRAMS) "$(DESTDIR)$(bindir)"
	install -m 644 $(MANPAGES) "$(DESTDIR)$(mandir)/man1"
	install -m 644 config.sample "$(DESTDIR)$(docdir)"

clean:
	rm -rf build build-san build-fuzz

.PHONY: all units test test-sanitize check demo bench fuzz deps install clean
.SECONDARY:
