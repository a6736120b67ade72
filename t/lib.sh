# Test library for git-bpf: sharness (git's test function names) plus the
# environment and repository builders every test shares.
# Source it from a test after setting test_description.

SHARNESS_TEST_EXTENSION=sh
export SHARNESS_TEST_EXTENSION
: "${GIT_BPF_SRC:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${GIT_BPF_BUILD:=$GIT_BPF_SRC/build}"
export GIT_BPF_SRC GIT_BPF_BUILD
PATH="$GIT_BPF_BUILD/bin:$PATH"
export PATH

# A reproducible git: no system or user config but the one each test
# writes, fixed identities and dates (test_tick moves the clock).
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME='A U Thor'
GIT_AUTHOR_EMAIL='author@example.com'
GIT_COMMITTER_NAME='C O Mitter'
GIT_COMMITTER_EMAIL='committer@example.com'
GIT_MERGE_AUTOEDIT=no
TZ=UTC
LC_ALL=C.UTF-8
EDITOR=false
GIT_EDITOR=false
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_MERGE_AUTOEDIT TZ LC_ALL \
	EDITOR GIT_EDITOR
unset GIT_BPF_CONFIG XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE VISUAL \
	GIT_AUTHOR_DATE GIT_COMMITTER_DATE NO_COLOR
# Sanitizer builds: any report ends the process by a signal, so
# test_must_fail and test_expect_code see it as a crash.
ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:allocator_may_return_null=1
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
# libgit2 1.5's own PCRE2 leak is suppressed (see fuzz/lsan.supp), here
# too so that a test run by hand sees what make test sees.
LSAN_OPTIONS=suppressions=$GIT_BPF_SRC/fuzz/lsan.supp:print_suppressions=0
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

# Each build has its own trash directories, so that the plain and the
# sanitizer suites can run at once in one checkout (--root= still wins).
: "${root:=$GIT_BPF_BUILD/trash}"

. /usr/share/sharness/sharness.sh

FIXTURES="$GIT_BPF_SRC/t/fixtures"
# The trash directory lies inside our own repository: never find that one.
GIT_CEILING_DIRECTORIES="$SHARNESS_TRASH_DIRECTORY/.."
export GIT_CEILING_DIRECTORIES

git config --global user.name "$GIT_AUTHOR_NAME"
git config --global user.email "$GIT_AUTHOR_EMAIL"
git config --global init.defaultBranch main
git config --global core.abbrev 12
git config --global advice.detachedHead false

test_tick () {
	if test -z "${test_tick+set}"
	then
		test_tick=1700000000
	else
		test_tick=$((test_tick + 60))
	fi
	GIT_COMMITTER_DATE="$test_tick +0000"
	GIT_AUTHOR_DATE="$test_tick +0000"
	export GIT_COMMITTER_DATE GIT_AUTHOR_DATE
}

# test_commit_file FILE CONTENT SUBJECT [BODY]: append CONTENT to FILE
# and commit it.
test_commit_file () {
	mkdir -p "$(dirname "$1")" &&
	printf '%s\n' "$2" >>"$1" &&
	git add "$1" &&
	test_tick &&
	if test $# -ge 4
	then
		git commit -q -m "$3" -m "$4"
	else
		git commit -q -m "$3"
	fi
}

# commit_msg FILE CONTENT <<EOF message EOF: commit with the message read
# from standard input, exactly.
commit_msg () {
	mkdir -p "$(dirname "$1")" &&
	printf '%s\n' "$2" >>"$1" &&
	git add "$1" &&
	test_tick &&
	git commit -q -F -
}

# make_kernel_repo DIR: a small kernel-like repository (MAINTAINERS from
# the real kernel's BPF sections, the files BPF patches touch) with a
# release tag v6.1 and a branch bpf-next/master as the base of series.
make_kernel_repo () {
	"$GIT_BPF_SRC/demo/kernel-repo.sh" "$1" >/dev/null
}

# sha of a revision, full and at core.abbrev
oid () { git rev-parse "$1"; }
short () { git rev-parse --short=12 "$1"; }
