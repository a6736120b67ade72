# git-bpf: build, install, test.  `make V=1` shows the commands.

prefix ?= /usr/local
bindir ?= $(prefix)/bin
mandir ?= $(prefix)/share/man
docdir ?= $(prefix)/share/doc/git-bpf
completiondir ?= $(prefix)/share/bash-completion/completions
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

ifeq ($(DEVELOPER),1)
# git's DEVELOPER habits: warnings are errors, and a few more of them.
WARN += -Werror -Wformat-security -Wold-style-definition \
	-Wstrict-prototypes -Wvla -Wpointer-arith -Wshadow=local
endif

# pkg-config is asked when the first recipe needs the flags, never while
# this file is parsed: `make deps all` on a bare machine installs the
# packages before anything reads their flags.  Each is asked once a run.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)))$(PKG_LIBS)

ALL_CFLAGS = -std=gnu11 $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) \
	-D_GNU_SOURCE -DGIT_BPF_VERSION='"$(VERSION)"' -Icommon \
	$(PKG_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)
LIBS = $(PKG_LIBS) -lm

ifneq ($(V),1)
Q := @
QUIET_CC = @echo '   CC' $@;
QUIET_LINK = @echo ' LINK' $@;
QUIET_AR = @echo '   AR' $@;
endif

COMMANDS := git-bpf git-bpf-send git-bpf-check git-bpf-stable \
	git-bpf-maintainers git-bpf-report git-bpf-doctor git-bpf-status \
	git-bpf-trailers
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

# Debian packages: what the build and the demo need (make deps), and what
# the tests, the fuzzers, the benchmark and the Debian package add; each
# target below installs what it needs.
DEPS := build-essential pkg-config git libgit2-dev libcurl4-openssl-dev \
	libinih-dev libjansson-dev libpcre2-dev zlib1g-dev python3 \
	python3-aiosmtpd openssl ca-certificates
DEPS_TEST := $(DEPS) libcmocka-dev sharness perl man-db msmtp codespell \
	linux-source-6.1 xz-utils valgrind time
DEPS_FUZZ := $(DEPS) clang libclang-rt-14-dev
DEPS_BENCH := $(DEPS_TEST) python3
DEPS_DEB := $(DEPS) debhelper dpkg-dev fakeroot lintian

# apt-get install what is missing of a list (one apt-get update first).
define install_missing
	$(Q)if command -v dpkg-query >/dev/null 2>&1 && \
	    command -v apt-get >/dev/null 2>&1; then \
		missing=$$(for p in $(1); do \
			dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			grep -q '^install ok installed' || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "installing:" $$missing; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && \
			apt-get install -y -qq --no-install-recommends $$missing; \
		fi; \
	else echo 'error: make $@ needs apt-get (Debian)' >&2; exit 1; fi
endef

all: $(PROGRAMS)

# The flags a build was made with: a change of CFLAGS, SANITIZE, DEVELOPER
# or the libraries' flags rebuilds everything (as git's GIT-CFLAGS does).
# Its recipe also says plainly when pkg-config cannot find a library.
$(BUILD)/FLAGS: FORCE
	@mkdir -p $(dir $@)
	$(Q)$(PKG_CONFIG) --exists $(PKGS) 2>/dev/null || { \
		echo "error: pkg-config cannot find: $$(for p in $(PKGS); do \
			$(PKG_CONFIG) --exists $$p 2>/dev/null || printf '%s ' $$p; \
			done)(run 'make deps')" >&2; exit 1; }
	$(Q)flags='$(CC) $(subst ','\'',$(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS))'; \
	if [ "$$flags" != "$$(cat $@ 2>/dev/null)" ]; then \
		printf '%s\n' "$$flags" >$@; fi

$(BUILD)/%.o: %.c $(BUILD)/FLAGS
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(BUILD)/*.d $(BUILD)/common/*.d)

$(LIBCOMMON): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(QUIET_AR)$(AR) rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/%.o $(LIBCOMMON)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/t/unit/%: t/unit/%.c $(LIBCOMMON) $(BUILD)/FLAGS
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -MMD -MP \
		-MF $@.d -It/unit -o $@ $< $(LIBCOMMON) $(LIBS) -lcmocka

$(BUILD)/t/helper/%: t/helper/%.c $(LIBCOMMON) $(BUILD)/FLAGS
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -MMD -MP \
		-MF $@.d -o $@ $< $(LIBCOMMON) $(LIBS)

-include $(wildcard $(BUILD)/t/unit/*.d $(BUILD)/t/helper/*.d)

units: $(UNIT_PROGS) $(HELPER_PROGS)

# The whole suite: C unit tests and shell tests, under prove (TAP).
# The shell tests source ./lib.sh, so they run from t/.
test: deps-test
	$(Q)$(MAKE) --no-print-directory all units
	$(Q)cd t && GIT_BPF_BUILD=$(abspath $(BUILD)) \
		LSAN_OPTIONS=suppressions=$(abspath fuzz/lsan.supp):print_suppressions=0 \
		$(PROVE) $(PROVE_OPTS) \
		$(abspath $(UNIT_PROGS)) $(notdir $(SHELL_TESTS))

# The same suite built with AddressSanitizer and UBSan.
test-sanitize:
	$(Q)$(MAKE) --no-print-directory BUILD=build-san SANITIZE=1 test

# Everything CI runs: fuzzing, the sanitizer suite, then the normal suite
# (last, so the run ends with its summary), all built as DEVELOPER=1.
check: deps-test deps-fuzz
	$(Q)if [ -x fuzz/run ]; then fuzz/run; fi
	$(Q)$(MAKE) --no-print-directory DEVELOPER=1 test-sanitize
	$(Q)$(MAKE) --no-print-directory DEVELOPER=1 test

demo: all
	$(Q)GIT_BPF_BUILD=$(abspath $(BUILD)) ./demo/run

bench: deps-bench all
	$(Q)GIT_BPF_BUILD=$(abspath $(BUILD)) ./bench/run

fuzz: deps-fuzz
	$(Q)fuzz/run

# The README's commands on a fresh Debian 12 root (debootstrap, chroot),
# then the Debian package built, checked and installed there.
fresh-check:
	$(Q).ci/fresh-root --commands=1 --deb

deb: deps-deb
	$(Q)dpkg-buildpackage -us -uc -b

deps:
	$(call install_missing,$(DEPS))
deps-test:
	$(call install_missing,$(DEPS_TEST))
deps-fuzz:
	$(call install_missing,$(DEPS_FUZZ))
deps-bench:
	$(call install_missing,$(DEPS_BENCH))
deps-deb:
	$(call install_missing,$(DEPS_DEB))

install: all
	install -d "$(DESTDIR)$(bindir)" "$(DESTDIR)$(mandir)/man1" \
		"$(DESTDIR)$(docdir)" "$(DESTDIR)$(completiondir)"
	install -m 755 $(PROGRAMS) "$(DESTDIR)$(bindir)"
	install -m 644 $(MANPAGES) "$(DESTDIR)$(mandir)/man1"
	install -m 644 config.sample "$(DESTDIR)$(docdir)"
	install -m 644 contrib/completion/git-bpf.bash \
		"$(DESTDIR)$(completiondir)/git-bpf"

clean:
	rm -rf build build-san build-fuzz

.PHONY: all units test test-sanitize check demo bench fuzz fresh-check deb \
	deps deps-test deps-fuzz deps-bench deps-deb install clean FORCE
.SECONDARY:
