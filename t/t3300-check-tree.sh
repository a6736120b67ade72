#!/bin/sh
test_description='git bpf check: the target tree, its branch, the merge window, ignores, JSON'
. ./lib.sh

sob='Signed-off-by: A U Thor <author@example.com>'

# fill_cover DIR: give format-patch's cover letter in DIR a subject and a blurb
fill_cover () {
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/A series/" \
		-e "s/\*\*\* BLURB HERE \*\*\*/What the series does, and why./" \
		"$1"/*0000-cover-letter.patch
}

# make_iproute2_repo DIR: a tiny repository with iproute2's files and
# remotes for iproute2 (main) and iproute2-next (main)
make_iproute2_repo () {
	git init -q "$1" &&
	(
	cd "$1" &&
	mkdir -p ip tc lib include/uapi/linux &&
	printf "int main(void) { return 0; }\n" >ip/ip.c &&
	printf "int main(void) { return 0; }\n" >tc/tc.c &&
	printf "int bpf_load(void);\n" >lib/bpf_legacy.c &&
	printf "/* uapi */\nstruct bpf_prog_info {\n\t__u32 id;\n};\n" >include/uapi/linux/bpf.h &&
	echo "iproute2" >README &&
	git add . &&
	test_tick &&
	git commit -q -m "iproute2 6.1.0" &&
	git update-ref refs/remotes/iproute2/main HEAD &&
	git update-ref refs/remotes/iproute2-next/main HEAD &&
	for r in iproute2 iproute2-next
	do
		git config remote.$r.url https://git.kernel.org/pub/scm/network/iproute2/$r.git &&
		git config remote.$r.fetch "+refs/heads/*:refs/remotes/$r/*" || return 1
	done
	)
}

test_expect_success 'setup: a kernel-like repository' '
	make_kernel_repo repo
'

test_expect_success 'an iproute2 series goes to iproute2-next' '
	make_iproute2_repo ip2 &&
	(
	cd ip2 &&
	git checkout -q -b topic --track iproute2-next/main &&
	commit_msg include/uapi/linux/bpf.h "/* synced */" <<-EOF &&
	uapi: Update bpf.h

	From the kernel.

	$sob
	EOF
	commit_msg ip/ip.c "/* xdp */" <<-EOF &&
	ip: Show the XDP program id

	Print it.

	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: iproute2-next (iproute2, no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'an iproute2 fix with a Fixes: tag goes to iproute2' '
	(
	cd ip2 &&
	git checkout -q -b fix --track iproute2/main &&
	commit_msg tc/tc.c "/* fix */" <<-EOF &&
	tc: Fix the exit code

	It was wrong.

	Fixes: $(git rev-parse --short=12 HEAD~0) ("iproute2 6.1.0")
	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: iproute2 (iproute2, all patches carry Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success '[PATCH iproute2 net-next] files are quiet' '
	(
	cd ip2 &&
	git format-patch -q --cover-letter --subject-prefix="PATCH iproute2 net-next" \
		-o ../ip2-patches iproute2-next/main..topic &&
	fill_cover ../ip2-patches &&
	git bpf check ../ip2-patches/*.patch >../actual
	) &&
	echo "tree: iproute2-next (from the subject prefix)" >expect &&
	test_cmp expect actual
'

test_expect_success '[PATCH bpf-next] files for iproute2 --tree are wrong' '
	(
	cd ip2 &&
	git format-patch -q --subject-prefix="PATCH bpf-next" -1 -o ../ip2-bad topic &&
	test_expect_code 1 git bpf check --tree=iproute2-next ../ip2-bad/*.patch >../actual
	) &&
	grep "^1/1 [0-9a-f]* ip: Show the XDP program id: error: \[PATCH bpf-next\] is not for iproute2-next: use \[PATCH iproute2 net-next\] \[subject-prefix\]$" actual
'

test_expect_success 'an unknown --tree is exit 2' '
	(
	cd repo &&
	git checkout -q -b topic --track bpf-next/master &&
	commit_msg tools/lib/bpf/libbpf.c "/* t */" <<-EOF &&
	libbpf: Something

	Something.

	$sob
	EOF
	test_expect_code 2 git bpf check --tree=net-next 2>../err
	) &&
	echo "error: unknown tree '"'"'net-next'"'"' (bpf, bpf-next, iproute2, iproute2-next)" >expect &&
	test_cmp expect err
'

test_expect_success 'base-not-in-tree fires when bpf-next lacks the base' '
	(
	cd repo &&
	git checkout -q -b local bpf-next/master &&
	commit_msg net/core/dev.c "/* local */" <<-EOF &&
	net: Local work

	Not upstream.

	$sob
	EOF
	git checkout -q -b ontop &&
	commit_msg tools/lib/bpf/libbpf.c "/* ontop */" <<-EOF &&
	libbpf: On top of local work

	Based on something bpf-next lacks.

	$sob
	EOF
	git bpf check local.. >../actual &&
	git bpf check --tree=bpf-next bpf-next/master.. >../quiet
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	0/1 series: warning: the base $(git -C repo rev-parse --short=12 local) is not in bpf-next/master: rebase onto it [base-not-in-tree]
	hint: fetch the tree and rebase the series onto its branch
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (--tree)" >expect &&
	test_cmp expect quiet
'

test_expect_success 'no kernel tree: a note says once which branch is missing and why' '
	git init -q nokernel &&
	(
	cd nokernel &&
	commit_msg lib/a.c "/* a */" <<-EOF &&
	lib: First

	The base.
	EOF
	commit_msg src/libbpf.c "/* b */" <<-EOF &&
	libbpf: Second

	On the base, in the layout of the libbpf mirror (src/, not
	tools/lib/bpf/): "libbpf:" is no misfit there.

	$sob
	EOF
	git bpf check HEAD~1..HEAD >../out 2>../err &&
	test_expect_code 1 git bpf check --json --tree=bpf HEAD~1..HEAD >../json.out 2>../json.err &&
	git bpf check --ignore=base-not-in-tree HEAD~1..HEAD >/dev/null 2>../ignored
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect out &&
	echo "note: the base is not checked against bpf-next [base-not-in-tree]: no bpf-next branch: no [trees] bpf-next, no remote whose URL ends in bpf-next.git; this is no kernel tree (no kernel/bpf/ at HEAD)" >expect &&
	test_cmp expect err &&
	echo "note: the base is not checked against bpf [base-not-in-tree]: no bpf branch: no [trees] bpf, no remote whose URL ends in bpf.git; this is no kernel tree (no kernel/bpf/ at HEAD)" >expect &&
	test_cmp expect json.err &&
	test_must_be_empty ignored &&
	(cd repo && git bpf check --tree=bpf-next bpf-next/master.. 2>../kernel.err >/dev/null) &&
	test_must_be_empty kernel.err
'

test_expect_success '[trees] bpf-next names the branch' '
	cat >bpf.ini <<-\EOF &&
	[trees]
	bpf-next = local
	EOF
	(
	cd repo &&
	GIT_BPF_CONFIG=../bpf.ini git bpf check local.. >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success '[trees] naming nothing is exit 2' '
	cat >bad.ini <<-\EOF &&
	[trees]
	bpf-next = nosuch/branch
	EOF
	(
	cd repo &&
	test_expect_code 2 env GIT_BPF_CONFIG=../bad.ini git bpf check local.. 2>../err
	) &&
	echo "error: unknown revision '"'"'nosuch/branch'"'"' for [trees] bpf-next in '"'"'../bad.ini'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'merge-window fires on bpf-next after a fresh release' '
	(
	cd repo &&
	git checkout -q topic &&
	now=$(date +%s) &&
	GIT_COMMITTER_DATE="$((now - 3 * 86400)) +0000" \
		git tag -a -m "Linux 6.2" v6.2 bpf-next/master &&
	git bpf check >../actual &&
	git bpf check --tree=bpf --ignore=fixes-missing >../bpf &&
	date -u -d @$((now - 3 * 86400)) +%Y-%m-%d >../day
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	0/1 series: warning: v6.2 was tagged on $(cat day) and v6.3-rc1 is not yet: the merge window is open and bpf-next is closed [merge-window]
	hint: bpf-next is closed during the merge window: wait for -rc1, or send it as RFC
	EOF
	test_cmp expect actual &&
	echo "tree: bpf (--tree)" >expect &&
	test_cmp expect bpf
'

test_expect_success 'merge-window is quiet for an RFC series' '
	(
	cd repo &&
	git format-patch -q --stdout --subject-prefix="RFC PATCH bpf-next" -1 >../rfc.eml &&
	git format-patch -q --stdout --subject-prefix="PATCH bpf-next" -1 >../norfc.eml &&
	git bpf check --ignore=recipients-missing ../rfc.eml >../actual &&
	git bpf check --ignore=recipients-missing ../norfc.eml >../norfc
	) &&
	echo "tree: bpf-next (from the subject prefix)" >expect &&
	test_cmp expect actual &&
	grep "\[merge-window\]$" norfc
'

test_expect_success 'merge-window is quiet once -rc1 is tagged' '
	(
	cd repo &&
	git tag v6.3-rc1 bpf-next/master &&
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'merge-window is quiet for a release older than 3 weeks' '
	(
	cd repo &&
	git tag -d v6.3-rc1 >/dev/null &&
	git tag -d v6.2 >/dev/null &&
	now=$(date +%s) &&
	GIT_COMMITTER_DATE="$((now - 22 * 86400)) +0000" \
		git tag -a -m "Linux 6.2" v6.2 bpf-next/master &&
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'setup: a series with several findings' '
	(
	cd repo &&
	git checkout -q -b many --track bpf-next/master &&
	commit_msg kernel/bpf/verifier.c "/* m1 */" <<-\EOF &&
	bpf: Change the verifier

	Cc: stable@vger.kernel.org
	EOF
	commit_msg samples/bpf/new_kern.c "int y;" <<-EOF &&
	Add a sample

	A sample line that is much longer than the seventy-five columns allowed here.

	$sob
	EOF
	for r in HEAD~1 HEAD; do git rev-parse $r; done >../full
	) &&
	{ read f1 && read f2; } <full
'

test_expect_success 'the JSON output of several findings, exactly' '
	(
	cd repo &&
	test_expect_code 1 git bpf check --json >../actual
	) &&
	cat >expect <<-EOF &&
	{
	  "tree": "bpf-next",
	  "patches": 2,
	  "findings": [
	    {
	      "patch": 1,
	      "commit": "$f1",
	      "rule": "empty-message",
	      "severity": "error",
	      "message": "no description: the message has only a subject and trailers"
	    },
	    {
	      "patch": 1,
	      "commit": "$f1",
	      "rule": "signoff-missing",
	      "nipa": "verify_signedoff",
	      "severity": "error",
	      "message": "no Signed-off-by: line (the author is A U Thor <author@example.com>)"
	    },
	    {
	      "patch": 1,
	      "commit": "$f1",
	      "rule": "cc-stable",
	      "severity": "error",
	      "message": "'"'"'Cc: stable@vger.kernel.org'"'"': BPF patches do not Cc stable@vger.kernel.org"
	    },
	    {
	      "patch": 1,
	      "commit": "$f1",
	      "rule": "verifier-without-selftests",
	      "severity": "error",
	      "message": "changes kernel/bpf/verifier.c and the series adds no test under tools/testing/selftests/bpf/"
	    },
	    {
	      "patch": 2,
	      "commit": "$f2",
	      "rule": "log-line-long",
	      "severity": "warning",
	      "message": "line 3 of the message is 77 columns (wrap at 75)"
	    },
	    {
	      "patch": 2,
	      "commit": "$f2",
	      "rule": "subject-component",
	      "severity": "warning",
	      "message": "the subject names no component ('"'"'bpf: '"'"', '"'"'libbpf: '"'"', ...)"
	    },
	    {
	      "patch": 2,
	      "commit": "$f2",
	      "rule": "samples-not-selftests",
	      "severity": "warning",
	      "message": "adds samples/bpf/new_kern.c: new BPF code belongs in selftests, not samples/bpf/"
	    }
	  ]
	}
	EOF
	test_cmp expect actual
'

test_expect_success '--ignore drops rules; warnings alone exit 0' '
	(
	cd repo &&
	git bpf check --ignore=empty-message,signoff-missing \
		--ignore=cc-stable,verifier-without-selftests >../actual
	) &&
	s1=$(echo $f1 | cut -c1-12) && s2=$(echo $f2 | cut -c1-12) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	2/2 $s2 Add a sample: warning: line 3 of the message is 77 columns (wrap at 75) [log-line-long]
	2/2 $s2 Add a sample: warning: the subject names no component ('"'"'bpf: '"'"', '"'"'libbpf: '"'"', ...) [subject-component]
	2/2 $s2 Add a sample: warning: adds samples/bpf/new_kern.c: new BPF code belongs in selftests, not samples/bpf/ [samples-not-selftests]
	hint: wrap the description at 75 columns
	hint: start the subject with the area it changes: '"'"'bpf: '"'"', '"'"'libbpf: '"'"', '"'"'selftests/bpf: '"'"', '"'"'bpftool: '"'"'
	hint: new BPF tests belong in tools/testing/selftests/bpf/, where CI runs them
	EOF
	test_cmp expect actual
'

test_expect_success '[check] ignore drops rules too' '
	cat >ignore.ini <<-\EOF &&
	[check]
	ignore = empty-message, signoff-missing, cc-stable
	ignore = verifier-without-selftests,log-line-long
	ignore = subject-component
	ignore = samples-not-selftests
	EOF
	(
	cd repo &&
	GIT_BPF_CONFIG=../ignore.ini git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'an unknown rule in --ignore or [check] ignore is exit 2' '
	(
	cd repo &&
	test_expect_code 2 git bpf check --ignore=no-such-rule 2>../err1 &&
	printf "[check]\nignore = bogus\n" >../bogus.ini &&
	test_expect_code 2 env GIT_BPF_CONFIG=../bogus.ini git bpf check 2>../err2
	) &&
	echo "error: unknown rule '"'"'no-such-rule'"'"' in --ignore" >expect &&
	test_cmp expect err1 &&
	echo "error: unknown rule '"'"'bogus'"'"' in [check] ignore" >expect &&
	test_cmp expect err2
'

test_expect_success '--list-rules lists every rule of the design' '
	git bpf check --list-rules >rules &&
	cut -d" " -f1 rules >ids &&
	cat >expect <<-\EOF &&
	empty-message
	signoff-missing
	signoff-mismatch
	fixes-missing
	fixes-format
	fixes-unknown-commit
	fixes-subject-mismatch
	fixes-not-in-base
	cc-stable
	cover-letter-missing
	subject-prefix
	subject-component
	verifier-without-selftests
	insn-without-tests
	uapi-not-synced
	uapi-bpftool
	samples-not-selftests
	merge-commit
	series-too-long
	log-line-long
	base-not-in-tree
	merge-window
	repost-too-soon
	checkpatch
	does-not-apply
	recipients-missing
	new-file-unmaintained
	bare-cr
	hook
	EOF
	test_cmp expect ids
'

test_expect_success 'the man page documents every rule' '
	for id in $(cat ids)
	do
		roff=$(echo "$id" | sed "s/-/\\\\-/g") &&
		grep -qxF ".B $roff" "$GIT_BPF_SRC/man/git-bpf-check.1" ||
		{ echo "$id missing from the man page"; return 1; }
	done
'

test_expect_success '--help opens the man page, which man can format' '
	mkdir -p fakebin &&
	printf "#!/bin/sh\necho \"man \$*\"\n" >fakebin/man &&
	chmod +x fakebin/man &&
	PATH="$PWD/fakebin:$PATH" git-bpf-check --help >actual &&
	echo "man git-bpf-check" >expect &&
	test_cmp expect actual &&
	if command -v man >/dev/null
	then
		MANWIDTH=80 man -l "$GIT_BPF_SRC/man/git-bpf-check.1" >page 2>err &&
		grep "^NAME" page &&
		grep "merge-window" page &&
		! grep -i "warning" err
	fi
'

test_expect_success 'colour only on a terminal' '
	(
	cd repo &&
	test_expect_code 1 git bpf check >../plain
	) &&
	! grep "$(printf "\033")" plain
'

if command -v script >/dev/null
then
	test_set_prereq SCRIPT
fi

test_expect_success SCRIPT 'colour on a terminal, none with NO_COLOR' '
	(
	cd repo &&
	TERM=xterm test_expect_code 1 script -qec "git bpf check" /dev/null >../tty &&
	TERM=xterm NO_COLOR=1 test_expect_code 1 script -qec "git bpf check" /dev/null >../nocolor
	) &&
	grep "$(printf "\033")\[1;31merror$(printf "\033")\[m: no description" tty &&
	grep "$(printf "\033")\[1;33mwarning$(printf "\033")\[m: adds samples/bpf/new_kern.c" tty &&
	! grep "$(printf "\033")" nocolor
'

test_done
