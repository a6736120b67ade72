#!/bin/sh
test_description='git bpf check: the message and series rules on a range'
. ./lib.sh

# The patch files here are bare git format-patch output, addressed to
# nobody; t3500 checks recipients-missing on them.
printf '[check]\n\tignore = recipients-missing\n' >"$HOME/no-recipients.ini"
GIT_BPF_CONFIG="$HOME/no-recipients.ini"
export GIT_BPF_CONFIG

# new_topic NAME: a branch tracking bpf-next/master in repo
new_topic () {
	git -C repo checkout -q -b "$1" --track bpf-next/master
}

sob='Signed-off-by: A U Thor <author@example.com>'

# fill_cover DIR: give format-patch's cover letter in DIR a subject and a blurb
fill_cover () {
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/A series/" \
		-e "s/\*\*\* BLURB HERE \*\*\*/What the series does, and why./" \
		"$1"/*0000-cover-letter.patch
}

test_expect_success 'setup: a kernel-like repository' '
	make_kernel_repo repo
'

test_expect_success 'a clean series: the tree line alone, exit 0' '
	new_topic clean &&
	(
	cd repo &&
	commit_msg kernel/bpf/verifier.c "/* a */" <<-EOF &&
	bpf: Track spilled constants

	The verifier forgets spilled constants; keep them.

	$sob
	EOF
	commit_msg tools/testing/selftests/bpf/progs/verifier_basic.c "/* b */" <<-EOF &&
	selftests/bpf: Test spilled constants

	A loop bounded by a spilled constant must load.

	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'empty-message fires on a subject and trailers only' '
	new_topic empty &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* e */" <<-EOF &&
	libbpf: Change something

	$sob
	EOF
	test_expect_code 1 git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) libbpf: Change something: error: no description: the message has only a subject and trailers [empty-message]
	hint: say what the patch changes and why, above the trailers
	EOF
	test_cmp expect actual
'

test_expect_success 'empty-message fires on an empty message' '
	new_topic nomsg &&
	(
	cd repo &&
	echo x >>tools/lib/bpf/libbpf.c &&
	test_tick &&
	git commit -q -a --allow-empty-message -m "" &&
	test_expect_code 1 git bpf check >../actual
	) &&
	grep "^1/1 [0-9a-f]* (no subject): error: no description: the message has only a subject \[empty-message\]$" actual &&
	grep "^1/1 .*: error: no Signed-off-by: line (the author is A U Thor <author@example.com>) \[signoff-missing\]$" actual
'

test_expect_success 'signoff-missing and signoff-mismatch fire; the author sign-off is quiet' '
	new_topic signoff &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* 1 */" <<-\EOF &&
	libbpf: Sign off by someone else

	Someone else signed this off.

	Signed-off-by: Somebody Else <else@example.org>
	EOF
	commit_msg tools/lib/bpf/libbpf.c "/* 2 */" <<-\EOF &&
	libbpf: Sign off with another name

	Same address, another name.

	Signed-off-by: Author Person <author@example.com>
	EOF
	commit_msg tools/lib/bpf/libbpf.c "/* 3 */" <<-\EOF &&
	libbpf: Sign off with another address

	Same name, another address.

	Signed-off-by: A U Thor <thor@example.net>
	EOF
	commit_msg tools/lib/bpf/libbpf.c "/* 4 */" <<-EOF &&
	libbpf: Sign off properly

	The author signs off, a reviewer too.

	Signed-off-by: Somebody Else <else@example.org>
	$sob
	EOF
	test_expect_code 1 git bpf check >../actual &&
	for r in HEAD~3 HEAD~2 HEAD~1; do git rev-parse --short=12 $r; done >../ids
	) &&
	{ read c1 && read c2 && read c3; } <ids &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/4 $c1 libbpf: Sign off by someone else: error: no Signed-off-by: by the author A U Thor <author@example.com> [signoff-missing]
	2/4 $c2 libbpf: Sign off with another name: warning: the author is '"'"'A U Thor <author@example.com>'"'"' but signs off as '"'"'Author Person <author@example.com>'"'"' [signoff-mismatch]
	3/4 $c3 libbpf: Sign off with another address: warning: the author is '"'"'A U Thor <author@example.com>'"'"' but signs off as '"'"'A U Thor <thor@example.net>'"'"' [signoff-mismatch]
	hint: sign off with '"'"'git commit --amend -s'"'"' ('"'"'git rebase --signoff'"'"' for a series)
	hint: sign off with the author'"'"'s name and address exactly, or fix the author with '"'"'git commit --amend --reset-author'"'"'
	EOF
	test_cmp expect actual
'

test_expect_success 'cc-stable fires on "Cc: stable@vger.kernel.org # 6.1+"' '
	new_topic stable &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* s */" <<-EOF &&
	libbpf: Fix a leak

	The object leaked its name.

	Cc: stable@vger.kernel.org # 6.1+
	$sob
	EOF
	test_expect_code 1 git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) libbpf: Fix a leak: error: '"'"'Cc: stable@vger.kernel.org # 6.1+'"'"': BPF patches do not Cc stable@vger.kernel.org [cc-stable]
	hint: BPF fixes reach stable through the BPF maintainers: drop the Cc: stable line and, once the fix is in mainline, run '"'"'git bpf stable-request'"'"'
	EOF
	test_cmp expect actual
'

test_expect_success 'cc-stable fires on <stable@kernel.org> in any case; other Cc: lines are quiet' '
	new_topic stable2 &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* s2 */" <<-EOF &&
	libbpf: Fix another leak

	The object leaked its path.

	Cc: Some One <one@example.org>
	CC: <Stable@Kernel.org>
	$sob
	EOF
	test_expect_code 1 git bpf check >../actual
	) &&
	new_topic stable3 &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* s3 */" <<-EOF &&
	libbpf: Fix a third leak

	The object leaked its size.

	Cc: Some One <one@example.org>
	$sob
	EOF
	git bpf check >../quiet
	) &&
	grep "error: '"'"'CC: <Stable@Kernel.org>'"'"': BPF patches do not Cc stable@vger.kernel.org \[cc-stable\]$" actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'log-line-long fires over 75 columns; tags and URLs are quiet' '
	new_topic long &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* l1 */" <<-EOF &&
	libbpf: Explain at length

	This line is exactly seventy-six columns wide, which is one more than right.
	This one is short.

	Link: https://lore.kernel.org/bpf/20231101000000.1234567-1-a.very.long.message.id@example.com/
	$sob
	EOF
	commit_msg tools/lib/bpf/libbpf.c "/* l2 */" <<-EOF &&
	libbpf: Explain with a link

	See https://lore.kernel.org/bpf/20231101000000.1234567-1-a.very.long.message.id@example.com/
	for the report; this line is seventy-five columns wide, so it is allowed!!

	Reported-by: Somebody With A Very Long Name Indeed <somebody.with.a.very.long.name@example.org>
	$sob
	EOF
	test_expect_code 0 git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/2 $(git -C repo rev-parse --short=12 HEAD~1) libbpf: Explain at length: warning: line 3 of the message is 76 columns (wrap at 75) [log-line-long]
	hint: wrap the description at 75 columns
	EOF
	test_cmp expect actual
'

test_expect_success 'subject-component: none, and one that does not fit the files' '
	new_topic component &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* c1 */" <<-EOF &&
	Fix the library

	Something.

	$sob
	EOF
	commit_msg tools/lib/bpf/libbpf.c "/* c2 */" <<-EOF &&
	bpf: Fix the library again

	Something else.

	$sob
	EOF
	commit_msg kernel/bpf/syscall.c "/* c3 */" <<-EOF &&
	libbpf: Fix the syscall

	Something more.

	$sob
	EOF
	commit_msg arch/x86/net/bpf_jit_comp.c "/* c4 */" <<-EOF &&
	bpf, x86: Fix the JIT

	Quiet: a component with a comma.

	$sob
	EOF
	test_expect_code 0 git bpf check >../actual &&
	for r in HEAD~3 HEAD~2 HEAD~1; do git rev-parse --short=12 $r; done >../ids
	) &&
	{ read c1 && read c2 && read c3; } <ids &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/4 $c1 Fix the library: warning: the subject names no component ('"'"'bpf: '"'"', '"'"'libbpf: '"'"', ...) [subject-component]
	2/4 $c2 bpf: Fix the library again: warning: '"'"'bpf:'"'"' does not fit a patch that only touches tools/lib/bpf/: use '"'"'libbpf:'"'"' [subject-component]
	3/4 $c3 libbpf: Fix the syscall: warning: '"'"'libbpf:'"'"' but the patch touches nothing under tools/lib/bpf/ [subject-component]
	hint: start the subject with the area it changes: '"'"'bpf: '"'"', '"'"'libbpf: '"'"', '"'"'selftests/bpf: '"'"', '"'"'bpftool: '"'"'
	EOF
	test_cmp expect actual
'

test_expect_success 'a revert keeps its subject' '
	new_topic revert &&
	(
	cd repo &&
	commit_msg tools/lib/bpf/libbpf.c "/* r */" <<-EOF &&
	Revert "libbpf: Something"

	This reverts commit 0123456789ab, it broke the build.

	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'verifier-without-selftests fires, and is quiet with a selftest' '
	new_topic verifier &&
	(
	cd repo &&
	commit_msg kernel/bpf/verifier.c "/* v */" <<-EOF &&
	bpf: Relax a check

	Allow more programs.

	$sob
	EOF
	test_expect_code 1 git bpf check >../actual &&
	commit_msg tools/testing/selftests/bpf/progs/verifier_basic.c "/* t */" <<-EOF &&
	selftests/bpf: Test the relaxed check

	Load a program the old check refused.

	$sob
	EOF
	git bpf check >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Relax a check: error: changes kernel/bpf/verifier.c and the series adds no test under tools/testing/selftests/bpf/ [verifier-without-selftests]
	hint: add a test for the new behaviour under tools/testing/selftests/bpf/ (progs/verifier_*.c) to the series
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'samples-not-selftests fires on a new sample, not on a fix to one' '
	new_topic samples &&
	(
	cd repo &&
	commit_msg samples/bpf/sockex1_kern.c "/* fix */" <<-EOF &&
	samples/bpf: Fix a typo

	A typo.

	$sob
	EOF
	commit_msg samples/bpf/xdp_new_kern.c "int x;" <<-EOF &&
	samples/bpf: Add a new XDP sample

	Show off XDP.

	$sob
	EOF
	git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	2/2 $(git -C repo rev-parse --short=12 HEAD) samples/bpf: Add a new XDP sample: warning: adds samples/bpf/xdp_new_kern.c: new BPF code belongs in selftests, not samples/bpf/ [samples-not-selftests]
	hint: new BPF tests belong in tools/testing/selftests/bpf/, where CI runs them
	EOF
	test_cmp expect actual
'

test_expect_success 'merge-commit fires on a merge in the range' '
	new_topic merge &&
	(
	cd repo &&
	git checkout -q -b side &&
	commit_msg net/core/dev.c "/* side */" <<-EOF &&
	net: Side change

	On the side.

	$sob
	EOF
	git checkout -q merge &&
	commit_msg net/core/filter.c "/* main */" <<-EOF &&
	net: Main change

	On the main line.

	$sob
	EOF
	test_tick &&
	git merge -q --no-ff -m "Merge branch side" side &&
	test_expect_code 1 git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	3/3 $(git -C repo rev-parse --short=12 HEAD) Merge branch side: error: merge commit in the range (2 parents) [merge-commit]
	hint: a mailed series is linear: rebase it onto its base
	EOF
	test_cmp expect actual
'

test_expect_success 'series-too-long fires at 16 patches, not at 15' '
	new_topic long-series &&
	(
	cd repo &&
	for i in $(test_seq 1 16)
	do
		commit_msg tools/lib/bpf/libbpf.c "/* $i */" <<-EOF || exit 1
		libbpf: Step $i

		Step $i of many.

		$sob
		EOF
	done &&
	test_expect_code 1 git bpf check >../actual16 &&
	git bpf check --ignore=base-not-in-tree,does-not-apply HEAD~15..HEAD >../actual15
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	0/16 series: error: 16 patches, more than 15 [series-too-long]
	hint: split the series into parts of at most 15 patches
	EOF
	test_cmp expect actual16 &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual15
'

test_expect_success 'uapi-not-synced fires on one side only; both sides are quiet' '
	new_topic uapi &&
	(
	cd repo &&
	sed -i "s/__u32 id;/__u32 id;\n\t__u32 flags;/" include/uapi/linux/bpf.h &&
	git add include/uapi/linux/bpf.h &&
	commit_msg tools/bpf/bpftool/prog.c "/* flags */" <<-EOF &&
	bpf: Report program flags

	Tell user space the flags a program was loaded with.

	$sob
	EOF
	test_expect_code 0 git bpf check >../actual &&
	cp include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h &&
	git add tools/include/uapi/linux/bpf.h &&
	test_tick &&
	git commit -q -m "tools: Sync uapi bpf.h" -m "Keep the copy in step." -m "$sob" &&
	git bpf check >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Report program flags: warning: changes include/uapi/linux/bpf.h but tools/include/uapi/linux/bpf.h differs from it at the tip [uapi-not-synced]
	hint: make the same change to the copy under tools/include/uapi/linux/ in the series
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'uapi-not-synced in patch files: one side touched, then both' '
	(
	cd repo &&
	git format-patch -q --stdout --subject-prefix="PATCH bpf-next" -1 HEAD~1 >../one-side.eml &&
	git format-patch -q --cover-letter --subject-prefix="PATCH bpf-next" \
		-o ../both-sides HEAD~2 &&
	fill_cover ../both-sides &&
	git bpf check ../one-side.eml >../actual &&
	git bpf check ../both-sides/*.patch >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (from the subject prefix)
	1/1 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Report program flags: warning: changes include/uapi/linux/bpf.h but not tools/include/uapi/linux/bpf.h [uapi-not-synced]
	hint: make the same change to the copy under tools/include/uapi/linux/ in the series
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (from the subject prefix)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'uapi-bpftool fires when an info struct grows without bpftool' '
	new_topic bpftool &&
	(
	cd repo &&
	for f in include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h
	do
		sed -i "s/__u32 id;/__u32 id;\n\t__u32 run_cnt;/" $f || exit 1
	done &&
	git add include tools &&
	test_tick &&
	git commit -q -m "bpf: Count program runs" -m "Count them." -m "$sob" &&
	git bpf check >../actual &&
	commit_msg tools/bpf/bpftool/prog.c "/* run_cnt */" <<-EOF &&
	bpftool: Show run counts

	Print the new run_cnt.

	$sob
	EOF
	git bpf check >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Count program runs: warning: struct bpf_prog_info grows and the series does not touch tools/bpf/bpftool/ [uapi-bpftool]
	hint: teach bpftool (tools/bpf/bpftool/) to show the new field
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'insn-without-tests fires on a new opcode and names the JITs' '
	new_topic insn &&
	(
	cd repo &&
	for f in include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h
	do
		sed -i "s/^#endif/#define BPF_ZEXT\t0xe0\t\/* zero extend *\/\n\n#endif/" $f || exit 1
	done &&
	git add include tools &&
	test_tick &&
	git commit -q -m "bpf: Add BPF_ZEXT" -m "A new ALU instruction." -m "$sob" &&
	git bpf check >../actual &&
	commit_msg lib/test_bpf.c "/* zext */" <<-EOF &&
	bpf: Test BPF_ZEXT in test_bpf

	Run it through the interpreter and JITs.

	$sob
	EOF
	git bpf check >../half &&
	commit_msg tools/testing/selftests/bpf/test_verifier.c "/* zext */" <<-EOF &&
	selftests/bpf: Test BPF_ZEXT in the verifier

	The verifier must accept it.

	$sob
	EOF
	git bpf check >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD~2) bpf: Add BPF_ZEXT: warning: new BPF instruction (opcode BPF_ZEXT) without lib/test_bpf.c and test_verifier changes; JITs to check: x86 [insn-without-tests]
	hint: add cases to lib/test_bpf.c and the verifier selftests, and Cc the JIT maintainers
	hint: JIT people for x86: Alexei Starovoitov <ast@kernel.org>, Daniel Borkmann <daniel@iogearbox.net>
	hint: git bpf send --cc-jit adds them to Cc (it does not by default)
	EOF
	test_cmp expect actual &&
	grep "^1/2 .*without test_verifier changes; JITs to check: x86 \[insn-without-tests\]$" half &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'a flag define in bpf.h is no instruction' '
	new_topic flag &&
	(
	cd repo &&
	for f in include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h
	do
		sed -i "s/^#endif/#define BPF_F_NEW_FLAG\t0x10\n\n#endif/" $f || exit 1
	done &&
	git add include tools &&
	test_tick &&
	git commit -q -m "bpf: Add a flag" -m "A new flag." -m "$sob" &&
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_done
