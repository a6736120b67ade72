#!/bin/sh
test_description='git bpf check: patch and mbox files, and bad input'
. ./lib.sh

# The patch files here are bare git format-patch output, addressed to
# nobody; t3500 checks recipients-missing on them.
printf '[check]\n\tignore = recipients-missing\n' >"$HOME/no-recipients.ini"
GIT_BPF_CONFIG="$HOME/no-recipients.ini"
export GIT_BPF_CONFIG

sob='Signed-off-by: A U Thor <author@example.com>'

# fill_cover DIR: give format-patch's cover letter in DIR a subject and a blurb
fill_cover () {
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/A series/" \
		-e "s/\*\*\* BLURB HERE \*\*\*/What the series does, and why./" \
		"$1"/*0000-cover-letter.patch
}

test_expect_success 'setup: a three-patch bpf-next series' '
	make_kernel_repo repo &&
	(
	cd repo &&
	git checkout -q -b topic --track bpf-next/master &&
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
	commit_msg tools/lib/bpf/libbpf.c "/* c */" <<-EOF &&
	libbpf: Log skipped programs

	Say which programs were left out.

	$sob
	EOF
	for r in HEAD~2 HEAD~1 HEAD; do git rev-parse --short=12 $r; done >../ids
	) &&
	{ read c1 && read c2 && read c3; } <ids
'

test_expect_success 'format-patch files with a cover letter are quiet' '
	(
	cd repo &&
	git format-patch -q --cover-letter --subject-prefix="PATCH bpf-next" \
		-o ../good bpf-next/master &&
	fill_cover ../good &&
	git bpf check ../good/*.patch >../actual
	) &&
	echo "tree: bpf-next (from the subject prefix)" >expect &&
	test_cmp expect actual
'

test_expect_success 'a file outside any repository is checked too' '
	mkdir norepo &&
	(
	cd norepo &&
	GIT_CEILING_DIRECTORIES="$(pwd)" &&
	export GIT_CEILING_DIRECTORIES &&
	git bpf check ../good/*.patch >../actual
	) &&
	echo "tree: bpf-next (from the subject prefix)" >expect &&
	test_cmp expect actual
'

test_expect_success 'cover-letter-missing fires on a 3-patch mbox without cover' '
	(
	cd repo &&
	git format-patch -q --stdout --subject-prefix="PATCH bpf-next" \
		bpf-next/master >../nocover.mbox &&
	test_expect_code 1 git bpf check ../nocover.mbox >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (from the subject prefix)
	0/3 series: error: 3 patches and no cover letter [cover-letter-missing]
	hint: write a cover letter with its subject and blurb filled in ('"'"'git format-patch --cover-letter'"'"'), or let '"'"'git bpf send'"'"' compose it
	EOF
	test_cmp expect actual
'

test_expect_success 'cover-letter-missing fires on the unfilled template' '
	(
	cd repo &&
	git format-patch -q --cover-letter --subject-prefix="PATCH bpf-next" \
		-o ../template bpf-next/master &&
	test_expect_code 1 git bpf check ../template/*.patch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (from the subject prefix)
	0/3 *** SUBJECT HERE ***: error: the cover letter is still git format-patch'"'"'s template (*** SUBJECT HERE ***, *** BLURB HERE ***) [cover-letter-missing]
	hint: write a cover letter with its subject and blurb filled in ('"'"'git format-patch --cover-letter'"'"'), or let '"'"'git bpf send'"'"' compose it
	EOF
	test_cmp expect actual
'

test_expect_success 'subject-prefix fires on [PATCH n/m] without a tree' '
	(
	cd repo &&
	git format-patch -q --cover-letter -o ../notree bpf-next/master &&
	fill_cover ../notree &&
	test_expect_code 1 git bpf check ../notree/*.patch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	0/3 A series: error: [PATCH 0/3] names no tree: use [PATCH bpf-next] [subject-prefix]
	1/3 $c1 bpf: Track spilled constants: error: [PATCH 1/3] names no tree: use [PATCH bpf-next] [subject-prefix]
	2/3 $c2 selftests/bpf: Test spilled constants: error: [PATCH 2/3] names no tree: use [PATCH bpf-next] [subject-prefix]
	3/3 $c3 libbpf: Log skipped programs: error: [PATCH 3/3] names no tree: use [PATCH bpf-next] [subject-prefix]
	hint: fixes go as [PATCH bpf], new work as [PATCH bpf-next] (git format-patch --subject-prefix='"'"'PATCH bpf-next'"'"'); '"'"'git bpf send'"'"' writes it
	EOF
	test_cmp expect actual
'

test_expect_success 'subject-prefix fires on versions not alike and the wrong tree' '
	(
	cd repo &&
	git format-patch -q --cover-letter -v2 --subject-prefix="PATCH bpf-next" \
		-o ../v2 bpf-next/master &&
	fill_cover ../v2
	) &&
	sed -i "s/^Subject: \[PATCH bpf-next v2 2\/3\]/Subject: [PATCH bpf-next v3 2\/3]/" \
		v2/v2-0002-*.patch &&
	sed -i "s/^Subject: \[PATCH bpf-next v2 3\/3\]/Subject: [PATCH bpf v2 3\/3]/" \
		v2/v2-0003-*.patch &&
	(
	cd repo &&
	test_expect_code 1 git bpf check ../v2/*.patch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (from the subject prefix)
	2/3 $c2 selftests/bpf: Test spilled constants: error: [PATCH bpf-next v3 2/3] is version 3, the series is v2 [subject-prefix]
	3/3 $c3 libbpf: Log skipped programs: error: [PATCH bpf v2 3/3] is not for bpf-next: use [PATCH bpf-next] [subject-prefix]
	hint: fixes go as [PATCH bpf], new work as [PATCH bpf-next] (git format-patch --subject-prefix='"'"'PATCH bpf-next'"'"'); '"'"'git bpf send'"'"' writes it
	EOF
	test_cmp expect actual
'

test_expect_success 'subject-prefix fires on numbers that do not fit the files' '
	mkdir numbers &&
	cp good/*.patch numbers/ &&
	sed -i "s/^Subject: \[PATCH bpf-next 2\/3\]/Subject: [PATCH bpf-next 2\/4]/" \
		numbers/0002-*.patch &&
	(
	cd repo &&
	test_expect_code 1 git bpf check ../numbers/*.patch >../actual &&
	git format-patch -q --no-numbered --subject-prefix="PATCH bpf-next" \
		--cover-letter -o ../unnumbered bpf-next/master &&
	test_expect_code 1 git bpf check ../unnumbered/*.patch >../unnumbered.out
	) &&
	grep "^2/3 $c2 selftests/bpf: Test spilled constants: error: \[PATCH bpf-next 2/4\] is numbered 2/4, but it is 2/3 of the files \[subject-prefix\]$" actual &&
	test $(grep -c "\[subject-prefix\]$" actual) = 1 &&
	grep "^1/3 $c1 bpf: Track spilled constants: error: \[PATCH bpf-next\] has no number (N/3) \[subject-prefix\]$" unnumbered.out
'

test_expect_success '--tree overrides the prefix and says what is wrong' '
	(
	cd repo &&
	test_expect_code 1 git bpf check --tree=bpf ../good/*.patch >../actual
	) &&
	grep "^1/3 $c1 bpf: Track spilled constants: error: \[PATCH bpf-next 1/3\] is not for bpf: use \[PATCH bpf\] \[subject-prefix\]$" actual &&
	grep "^0/3 series: error: the series is for bpf (fixes) and no patch has a Fixes: tag \[fixes-missing\]$" actual
'

test_expect_success 'a single patch without any prefix' '
	(
	cd repo &&
	git format-patch -q --stdout -1 --no-numbered HEAD |
		sed "s/^Subject: \[PATCH\] /Subject: /" >../bare.eml &&
	test_expect_code 1 git bpf check ../bare.eml >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $c3 libbpf: Log skipped programs: error: no [PATCH bpf-next] subject prefix [subject-prefix]
	hint: fixes go as [PATCH bpf], new work as [PATCH bpf-next] (git format-patch --subject-prefix='"'"'PATCH bpf-next'"'"'); '"'"'git bpf send'"'"' writes it
	EOF
	test_cmp expect actual
'

test_expect_success 'file mode runs the message rules too' '
	(
	cd repo &&
	git checkout -q -b cc bpf-next/master &&
	commit_msg tools/lib/bpf/libbpf.c "/* cc */" <<-EOF &&
	libbpf: Fix a leak

	Leaked.

	Cc: stable@vger.kernel.org
	EOF
	git format-patch -q --stdout --subject-prefix="PATCH bpf-next" -1 >../cc.eml &&
	test_expect_code 1 git bpf check --json ../cc.eml >../actual
	) &&
	cat >expect <<-EOF &&
	{
	  "tree": "bpf-next",
	  "patches": 1,
	  "findings": [
	    {
	      "patch": 1,
	      "commit": "$(git -C repo rev-parse cc)",
	      "rule": "signoff-missing",
	      "nipa": "verify_signedoff",
	      "severity": "error",
	      "message": "no Signed-off-by: line (the author is A U Thor <author@example.com>)"
	    },
	    {
	      "patch": 1,
	      "commit": "$(git -C repo rev-parse cc)",
	      "rule": "cc-stable",
	      "severity": "error",
	      "message": "'"'"'Cc: stable@vger.kernel.org'"'"': BPF patches do not Cc stable@vger.kernel.org"
	    }
	  ]
	}
	EOF
	test_cmp expect actual
'

test_expect_success 'an unknown revision is exit 2 naming it' '
	(
	cd repo &&
	test_expect_code 2 git bpf check nosuch..HEAD >../out 2>../err
	) &&
	test_must_be_empty out &&
	echo "error: unknown revision '"'"'nosuch'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'no upstream and no range is exit 2 with advice' '
	(
	cd repo &&
	git checkout -q --no-track -b lonely bpf-next/master &&
	test_expect_code 2 git bpf check 2>../err
	) &&
	echo "error: branch '"'"'lonely'"'"' has no upstream: give a range, e.g. '"'"'git bpf check bpf-next/master..HEAD'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'a file that is no patch is exit 2 naming it' '
	echo "just some text" >notes.txt &&
	test_expect_code 2 git -C repo bpf check ../notes.txt 2>err &&
	echo "error: '"'"'../notes.txt'"'"' is not a patch: no mail headers (From:, Subject:)" >expect &&
	test_cmp expect err
'

test_expect_success 'a missing file is exit 2 naming it' '
	(
	cd repo &&
	test_expect_code 2 git bpf check ../good/0001-*.patch ../missing.patch 2>../err
	) &&
	grep "^error: unable to read '"'"'../missing.patch'"'"': No such file or directory$" err
'

test_expect_success 'a truncated mbox is exit 2 or findings, never a crash' '
	head -c 1500 nocover.mbox >truncated.mbox &&
	git -C repo bpf check ../truncated.mbox >out 2>err
	test $? -le 2 &&
	if test -s err
	then
		test_expect_code 2 git -C repo bpf check ../truncated.mbox &&
		grep "^error: .*truncated.mbox" err
	fi &&
	lines=$(wc -l <nocover.mbox) &&
	head -n $((lines - 5)) nocover.mbox >cut.mbox &&
	git -C repo bpf check ../cut.mbox >out 2>err
	test $? -le 2
'

test_expect_success 'a patch file that is not UTF-8 is exit 2 naming it' '
	sed "s/Leaked\./Leaked \xe9t\xe9./" cc.eml >latin1.eml &&
	test_expect_code 2 git -C repo bpf check ../latin1.eml 2>err &&
	grep "^error: '"'"'../latin1.eml'"'"' is not valid UTF-8" err
'

test_expect_success 'a commit message that is not UTF-8 gives findings and valid JSON' '
	(
	cd repo &&
	git checkout -q -b latin1 --track bpf-next/master &&
	echo x >>tools/lib/bpf/libbpf.c &&
	git add tools/lib/bpf/libbpf.c &&
	printf "libbpf: Caf\351 fix\n\nD\351j\340 vu.\n\nCc: stable@vger.kernel.org\n$sob\n" >msg &&
	test_tick &&
	git -c i18n.commitEncoding=ISO-8859-1 commit -q -F msg &&
	test_expect_code 1 git bpf check >../actual &&
	test_expect_code 1 git bpf check --json >../actual.json
	) &&
	grep "^1/1 [0-9a-f]* libbpf: Caf.* fix: error: .* \[cc-stable\]$" actual &&
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"findings\"][0][\"rule\"] == \"cc-stable\"" actual.json
'

test_expect_success '-h prints the usage and exits 0; a bad option is exit 2' '
	git bpf check -h >out &&
	grep "^usage: git bpf check " out &&
	test_expect_code 2 git bpf check --frob 2>err &&
	grep "^error: unknown option '"'"'--frob'"'"'$" err
'

test_done
