#!/bin/sh
test_description='git bpf check on hostile files: huge, many, binary, special, crafted'
. ./lib.sh

# peak_kb FILE: the peak resident set GNU time wrote (its last line; a
# failing command adds a line before it).
peak_kb () {
	tail -n 1 "$1"
}

# test_line_count OP N FILE, as git's test-lib has it
test_line_count () {
	test "$(wc -l <"$3" | tr -d " ")" "$1" "$2" || {
		echo "test_line_count: $3 has $(wc -l <"$3") lines"; cat "$3"
		return 1
	}
}

# no_crash CODE: a clean exit (0, 1 or 2), never a signal or a sanitizer
no_crash () {
	case "$1" in
	0|1|2) ;;
	*) echo "exit $1"; return 1 ;;
	esac
	! grep -E "Sanitizer|runtime error|fatal:" err
}

test_expect_success 'setup' '
	git init -q &&
	test -x /usr/bin/time
'

test_expect_success 'a 1 GB file is refused before it is read' '
	truncate -s 1G big.patch &&
	test_expect_code 2 /usr/bin/time -f %M -o rss \
		git bpf check big.patch 2>err &&
	echo "error: '\''big.patch'\'' is too large (1073741824 bytes; a series file may hold at most 64 MiB)" >expect &&
	test_cmp expect err &&
	test "$(peak_kb rss)" -lt 131072
'

test_expect_success 'an mbox of 100,000 messages is refused in bounded memory' '
	awk "BEGIN { for (i = 1; i <= 100000; i++) printf \
		\"From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.com>\nSubject: [PATCH bpf-next %d/100000] bpf: Patch %d\n\nBody.\n\nSigned-off-by: A <a@example.com>\n---\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n\n\", i, i }" \
		>many.mbox &&
	test_expect_code 2 /usr/bin/time -f %M -o rss \
		git bpf check many.mbox 2>err &&
	test_line_count = 1 err &&
	grep "^error: .*'\''many.mbox'\''" err &&
	test "$(peak_kb rss)" -lt 262144
'

test_expect_success 'the largest file taken (60 MB, one line) is read in bounded memory' '
	{
		printf "From: A <a@example.com>\nSubject: [PATCH bpf-next] bpf: Big\n\n" &&
		head -c 60000000 /dev/zero | tr "\0" a
	} >oneline.patch &&
	/usr/bin/time -f %M -o rss git bpf check oneline.patch >out 2>err
	no_crash $? &&
	test "$(peak_kb rss)" -lt 786432
'

test_expect_success 'NUL bytes are refused with one error' '
	printf "From: A <a@example.com>\nSubject: [PATCH] x\n\nbody\0more\n" \
		>nul.patch &&
	test_expect_code 2 git bpf check nul.patch 2>err &&
	test_line_count = 1 err &&
	grep "^error: .*'\''nul.patch'\''" err
'

test_expect_success 'binary noise is refused with one error' '
	awk "BEGIN { srand(9); for (i = 0; i < 65536; i++) printf \"%c\", 1 + int(rand() * 255) }" \
		>noise.patch &&
	test_expect_code 2 git bpf check noise.patch 2>err &&
	test_line_count = 1 err &&
	grep "^error: " err
'

test_expect_success 'an empty file is refused' '
	: >empty.patch &&
	test_expect_code 2 git bpf check empty.patch 2>err &&
	echo "error: '\''empty.patch'\'' is empty" >expect &&
	test_cmp expect err
'

test_expect_success 'a FIFO is refused, not waited on' '
	mkfifo fifo.patch &&
	test_expect_code 2 timeout 10 git bpf check fifo.patch 2>err &&
	echo "error: '\''fifo.patch'\'' is not a regular file" >expect &&
	test_cmp expect err
'

test_expect_success 'a device is refused' '
	test_expect_code 2 git bpf check /dev/zero 2>err &&
	echo "error: '\''/dev/zero'\'' is not a regular file" >expect &&
	test_cmp expect err
'

test_expect_success 'control characters in a patch never reach the terminal' '
	printf "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: Evil \033[2J <e@example.com>\nSubject: [PATCH bpf-next] bpf: pwn \033]0;owned\007 title\r\nDate: Mon, 20 Nov 2023 12:00:00 +0000\n\nbody \033[31m red\n\n---\ndiff --git a/kernel/bpf/core.c b/kernel/bpf/core.c\n--- a/kernel/bpf/core.c\n+++ b/kernel/bpf/core.c\n@@ -1 +1,2 @@\n x\n+y\n" \
		>esc.patch &&
	test_expect_code 1 git bpf check esc.patch >out 2>err &&
	grep "signoff-missing" out &&
	! grep -q "$(printf "[\001-\010\013-\037\177]")" out err &&
	git bpf check --json esc.patch >out.json 2>err
	test $? = 1 &&
	! grep -q "$(printf "[\001-\010\013-\037\177]")" out.json
'

test_expect_success 'a 10,000-character subject and trailer are checked, not crashed on' '
	long=$(awk "BEGIN { while (n++ < 10000) printf \"a\" }") &&
	printf "From: A <a@example.com>\nSubject: [PATCH bpf-next] bpf: %s\n\n%s\n\nSigned-off-by: A <a@example.com>\nCc: %s <x@example.com>\n---\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n" \
		"$long" "$long" "$long" >long.patch &&
	git bpf check long.patch >out 2>err
	no_crash $? &&
	grep "log-line-long" out
'

# Every seed and saved crash input of the mbox fuzzer, as a file given
# to the command: a finding or an error, never a crash.  Under
# make test-sanitize this is the fuzzer's replay through the real path.
test_expect_success 'fuzz inputs through git bpf check: no crash' '
	for f in "$GIT_BPF_SRC"/fuzz/corpus/mbox/* "$GIT_BPF_SRC"/fuzz/crashes/mbox/*
	do
		test -f "$f" || continue
		git bpf check "$f" >out 2>err
		no_crash $? || { echo "on $f"; cat err; return 1; }
	done
'

test_expect_success 'fuzz inputs as MAINTAINERS: no crash' '
	mkdir -p kernel/bpf &&
	echo x >kernel/bpf/verifier.c &&
	for f in "$GIT_BPF_SRC"/fuzz/corpus/maint/* "$GIT_BPF_SRC"/fuzz/crashes/maint/*
	do
		test -f "$f" || continue
		git bpf maintainers --maintainers="$f" -f kernel/bpf/verifier.c \
			>out 2>err
		no_crash $? || { echo "on $f"; cat err; return 1; }
	done
'

test_expect_success 'fuzz inputs as the INI file: no crash' '
	for f in "$GIT_BPF_SRC"/fuzz/corpus/config/* "$GIT_BPF_SRC"/fuzz/crashes/config/*
	do
		test -f "$f" || continue
		GIT_BPF_CONFIG="$f" git bpf check esc.patch >out 2>err
		no_crash $? || { echo "on $f"; cat err; return 1; }
	done
'

test_expect_success 'a malformed INI file is bad input naming file and line' '
	printf "[smtp]\nserver = a\n[smtp\npass = x\n" >bad.ini &&
	(
		GIT_BPF_CONFIG="$PWD/bad.ini" &&
		export GIT_BPF_CONFIG &&
		test_expect_code 2 git bpf check esc.patch >out 2>err
	) &&
	echo "error: malformed line 3 in '\''$PWD/bad.ini'\''" >expect &&
	grep "^error: " err >actual &&
	test_cmp expect actual || { cat err; false; }
'

test_expect_success 'an INI line longer than the parser takes is an error, never split' '
	# a comment whose tail, split off by a 200-byte buffer, reads as
	# "cc = evil@example.net"
	pad=$(awk "BEGIN { while (n++ < 190) printf \"x\" }") &&
	printf "[send]\n; %s cc = evil@example.net\n" "$pad" >long.ini &&
	(
		GIT_BPF_CONFIG="$PWD/long.ini" &&
		export GIT_BPF_CONFIG &&
		test_expect_code 2 git bpf check esc.patch >out 2>err
	) &&
	echo "error: '"'"'$PWD/long.ini:2'"'"' is longer than 198 bytes, the most a config line may be" >expect &&
	grep "^error: " err >actual &&
	test_cmp expect actual &&
	# 198 bytes are read as one line
	pad=$(awk "BEGIN { while (n++ < 196) printf \"x\" }") &&
	printf "[send]\n; %s\n" "$pad" >fits.ini &&
	test $(sed -n 2p fits.ini | wc -c) = 199 &&
	(
		GIT_BPF_CONFIG="$PWD/fits.ini" &&
		export GIT_BPF_CONFIG &&
		test_expect_code 1 git bpf check esc.patch >out 2>err
	) &&
	! grep "^error: " err
'

test_expect_success 'a NUL byte in the INI file is an error naming file and line' '
	printf "[send]\nto = a@example.org\0\ncc = evil@example.net\n" >nul.ini &&
	(
		GIT_BPF_CONFIG="$PWD/nul.ini" &&
		export GIT_BPF_CONFIG &&
		test_expect_code 2 git bpf check esc.patch >out 2>err
	) &&
	echo "error: '"'"'$PWD/nul.ini:2'"'"' holds a NUL byte" >expect &&
	grep "^error: " err >actual &&
	test_cmp expect actual
'

test_done
