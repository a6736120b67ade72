#!/bin/sh
test_description='git bpf check: what the netdev/BPF CI (NIPA) fails beyond the QA rules'
. ./lib.sh

sob='Signed-off-by: A U Thor <author@example.com>'

new_topic () {
	git -C repo checkout -q -b "$1" --track bpf-next/master
}

test_expect_success 'setup: a kernel-like repository' '
	make_kernel_repo repo
'

test_expect_success 'new-file-unmaintained: a new file only THE REST covers' '
	new_topic newfile &&
	(
	cd repo &&
	commit_msg drivers/foo/bar.c "int bar;" <<-EOF &&
	foo: Add the bar driver

	It drives bar.

	$sob
	EOF
	git bpf check --no-checkpatch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) foo: Add the bar driver: warning: adds drivers/foo/bar.c, which no MAINTAINERS section covers but THE REST [new-file-unmaintained]
	hint: add the new file to its MAINTAINERS section (F:) in the series, or give it a section
	EOF
	test_cmp expect actual
'

test_expect_success 'new-file-unmaintained: quiet for covered files, tests, docs, Makefiles' '
	new_topic newfile-ok &&
	(
	cd repo &&
	commit_msg kernel/bpf/new.c "int x;" <<-EOF &&
	bpf: Add new.c

	Somewhere to put things.

	$sob
	EOF
	commit_msg tools/testing/selftests/foo/t.c "int t;" <<-EOF &&
	selftests/bpf: Add a test elsewhere

	Tests need no section.

	$sob
	EOF
	commit_msg drivers/foo/Makefile "obj-y += bar.o" <<-EOF &&
	foo: Add a Makefile

	Build files live under their parent.

	$sob
	EOF
	git bpf check --no-checkpatch --ignore=subject-component,cover-letter-missing >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'bare-cr: a carriage return alone in the diff' '
	new_topic cr &&
	(
	cd repo &&
	printf "int a;\r int b;\n" >>kernel/bpf/core.c &&
	git add kernel/bpf/core.c &&
	test_tick &&
	git commit -q -m "bpf: Add b" -m "Another int." -m "$sob" &&
	test_expect_code 1 git bpf check --no-checkpatch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Add b: error: a carriage return without a line feed on line 9 of the diff [bare-cr]
	hint: SMTP servers refuse a carriage return without a line feed: remove it, or mark the file binary in .gitattributes
	EOF
	test_cmp expect actual
'

test_expect_success 'bare-cr: in the message; CRLF lines are no finding' '
	new_topic cr-msg &&
	(
	cd repo &&
	printf "int a;\r\n" >>kernel/bpf/core.c &&
	git add kernel/bpf/core.c &&
	test_tick &&
	printf "bpf: Add a\n\nOne more\rint.\n\n%s\n" "$sob" >msg &&
	git commit -q --cleanup=verbatim -F msg &&
	test_expect_code 1 git bpf check --no-checkpatch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Add a: error: a carriage return without a line feed on line 3 of the message [bare-cr]
	hint: SMTP servers refuse a carriage return without a line feed: remove it, or mark the file binary in .gitattributes
	EOF
	test_cmp expect actual
'

# change_line FILE TO SUBJECT: "return 0;" in FILE becomes "return TO;"
change_line () {
	sed -i "s/return 0;/return $2;/" "$1" &&
	git add "$1" &&
	test_tick &&
	git commit -q -m "$3" -m "Change it." -m "$sob"
}

test_expect_success 'does-not-apply: bpf-next moved on under the series' '
	new_topic stale &&
	(
	cd repo &&
	change_line kernel/bpf/syscall.c 3 "bpf: Return 3" &&
	change_line kernel/bpf/helpers.c 1 "bpf: Return 1" &&
	git checkout -q -b newer bpf-next/master &&
	change_line kernel/bpf/helpers.c 2 "bpf: Return 2" &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	git checkout -q stale &&
	test_expect_code 1 git bpf check --no-checkpatch >../actual &&
	git format-patch -q -o ../stale --cover-letter --subject-prefix="PATCH bpf-next" newer~1..stale &&
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/Two/" -e "s/\*\*\* BLURB HERE \*\*\*/Both./" ../stale/0000-cover-letter.patch &&
	test_expect_code 1 git bpf check --no-checkpatch --ignore=recipients-missing ../stale/*.patch >../actual-files
	) &&
	tip=$(git -C repo rev-parse --short=12 bpf-next/master) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	2/2 $(git -C repo rev-parse --short=12 stale) bpf: Return 1: error: does not apply to bpf-next/master ($tip) at kernel/bpf/helpers.c: hunk at line 3 did not apply [does-not-apply]
	hint: fetch the tree and rebase the series onto the tip of its branch
	EOF
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	tree: bpf-next (from the subject prefix)
	2/2 $(git -C repo rev-parse --short=12 stale) bpf: Return 1: error: does not apply to bpf-next/master ($tip) at kernel/bpf/helpers.c: hunk at line 3 did not apply [does-not-apply]
	hint: fetch the tree and rebase the series onto the tip of its branch
	EOF
	test_cmp expect actual-files
'

# git am holds an append at the end of a file to the end, and a change at
# line 1 to the start; libgit2 alone would apply both where their lines fit.
test_expect_success 'does-not-apply: an append to a file that grew, and a change at line 1 of one that did too' '
	(
	cd repo &&
	git checkout -q -b anchors bpf-next/master &&
	printf "%s\n" one two three four five >kernel/bpf/anchors.c &&
	git add kernel/bpf/anchors.c &&
	git commit -q -m "bpf: Add anchors.c" -m "Five lines." -m "$sob" &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	git checkout -q -b tail &&
	echo six >>kernel/bpf/anchors.c &&
	git commit -q -a -m "bpf: Append six" -m "At the end." -m "$sob" &&
	git checkout -q -b head anchors &&
	sed -i "s/^one$/ONE/" kernel/bpf/anchors.c &&
	git commit -q -a -m "bpf: Shout one" -m "At the start." -m "$sob" &&
	git checkout -q -b grown anchors &&
	sed -i -e "1i zero" -e "\$a seven" kernel/bpf/anchors.c &&
	git commit -q -a -m "bpf: Grow at both ends" -m "Both." -m "$sob" &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	for b in tail head
	do
		git format-patch -q -1 --stdout $b >../$b.mbox &&
		test_must_fail git am -q ../$b.mbox 2>/dev/null &&
		git am --abort &&
		{ test_expect_code 1 git bpf check --no-checkpatch anchors..$b >../$b.actual; } || return 1
	done &&
	git checkout -q anchors
	) &&
	tip=$(git -C repo rev-parse --short=12 bpf-next/master) &&
	for b in "tail Append six 3" "head Shout one 1"
	do
		set -- $b &&
		cat >expect <<-EOF &&
		tree: bpf-next (no Fixes: tags)
		1/1 $(git -C repo rev-parse --short=12 $1) bpf: $2 $3: error: does not apply to bpf-next/master ($tip) at kernel/bpf/anchors.c: hunk at line $4 did not apply [does-not-apply]
		hint: fetch the tree and rebase the series onto the tip of its branch
		EOF
		test_cmp expect $1.actual || return 1
	done &&
	git -C repo update-ref refs/remotes/bpf-next/master anchors
'

test_expect_success 'a series on a branch that moved lines above its hunks applies, as git am applies it' '
	(
	cd repo &&
	git checkout -q -b offset anchors &&
	seq 1 40 >kernel/bpf/offset.c &&
	git add kernel/bpf/offset.c &&
	git commit -q -m "bpf: Add offset.c" -m "Forty lines." -m "$sob" &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	sed -i -e "s/^10$/TEN/" -e "s/^30$/THIRTY/" kernel/bpf/offset.c &&
	git commit -q -a -m "bpf: Shout ten and thirty" -m "Two hunks." -m "$sob" &&
	echo forty-one >>kernel/bpf/offset.c &&
	git commit -q -a -m "bpf: Add forty-one" -m "At the end." -m "$sob" &&
	git checkout -q -b moved bpf-next/master &&
	sed -i -e "1i zero" -e "1i zero again" -e "/^20$/d" kernel/bpf/offset.c &&
	git commit -q -a -m "bpf: Move lines" -m "Above both." -m "$sob" &&
	git format-patch -q --stdout bpf-next/master..offset >../offset.mbox &&
	git checkout -q --detach moved &&
	git am -q ../offset.mbox &&
	git show HEAD:kernel/bpf/offset.c >../by-am &&
	git update-ref refs/remotes/bpf-next/master moved &&
	git bpf check --no-checkpatch --ignore=base-not-in-tree moved~1..offset >../actual &&
	git checkout -q anchors
	) &&
	printf "%s\n" zero "zero again" 1 2 3 4 5 6 7 8 9 TEN >expect &&
	test_seq 11 19 >>expect &&
	test_seq 21 29 >>expect &&
	echo THIRTY >>expect &&
	test_seq 31 40 >>expect &&
	echo forty-one >>expect &&
	test_cmp expect by-am &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual &&
	git -C repo update-ref refs/remotes/bpf-next/master anchors
'

test_expect_success 'a series on the tip applies: quiet, and no object is left behind' '
	(
	cd repo &&
	git checkout -q -b fresh bpf-next/master &&
	change_line kernel/bpf/syscall.c 3 "bpf: Return 3" &&
	change_line kernel/bpf/btf.c 4 "bpf: Return 4" &&
	git count-objects -v >../before &&
	git bpf check --no-checkpatch bpf-next/master.. >../actual &&
	git count-objects -v >../after
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual &&
	test_cmp before after
'

test_expect_success 'does-not-apply: silent, with one hint, when the branch is unknown' '
	(
	cd repo &&
	git update-ref -d refs/remotes/bpf-next/master &&
	git remote remove bpf-next &&
	git bpf check --no-checkpatch --ignore=base-not-in-tree stale~2..stale >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	hint: the series was not applied to bpf-next: no branch of it is known (fetch the tree, or name its branch in [trees] bpf-next)
	EOF
	test_cmp expect actual
'

test_expect_success 'recipients-missing: bare format-patch files, and send -o files' '
	git -C repo checkout -q -b addressed bpf/master &&
	(
	cd repo &&
	git remote add bpf-next https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git &&
	git update-ref refs/remotes/bpf-next/master bpf/master &&
	git config user.name "A U Thor" &&
	git config user.email author@example.com &&
	bug=$(git rev-parse --short=12 HEAD~0) &&
	test_tick &&
	git commit -q --allow-empty -m "bpf: Add a bug" -m "It is wrong." -m "Signed-off-by: B Uggy <buggy@example.org>" --author="B Uggy <buggy@example.org>" &&
	bug=$(git rev-parse --short=12 HEAD) &&
	git update-ref refs/remotes/bpf/master HEAD &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	git branch -q --set-upstream-to=bpf/master &&
	commit_msg kernel/bpf/syscall.c "/* fixed */" <<-EOF &&
	bpf: Fix the bug

	It was wrong.

	Fixes: $bug ("bpf: Add a bug")
	$sob
	EOF
	git format-patch -q -o ../bare --subject-prefix="PATCH bpf" -1 &&
	test_expect_code 1 git bpf check --no-checkpatch ../bare/*.patch >../actual-bare &&
	git bpf send --tree=bpf -o ../sent >/dev/null 2>&1 &&
	git bpf check --no-checkpatch ../sent/*.patch >../actual-sent
	) &&
	cat >expect <<-EOF &&
	tree: bpf (from the subject prefix)
	1/1 $(git -C repo rev-parse --short=12 addressed) bpf: Fix the bug: error: To/Cc lack 13 of the expected addresses, the author of a fixed commit among them: bpf@vger.kernel.org, ast@kernel.org, daniel@iogearbox.net, john.fastabend@gmail.com, andrii@kernel.org, martin.lau@linux.dev, song@kernel.org, yhs@fb.com, kpsingh@kernel.org, sdf@google.com, haoluo@google.com, jolsa@kernel.org, buggy@example.org [recipients-missing]
	hint: let '"'"'git bpf send'"'"' address the series, or add the missing addresses (git bpf maintainers FILE.patch)
	EOF
	test_cmp expect actual-bare &&
	echo "tree: bpf (from the subject prefix)" >expect &&
	test_cmp expect actual-sent
'

test_expect_success 'recipients-missing: a maintainer short is a warning, the fixed author an error' '
	(
	cd repo &&
	grep -v "^	Jiri Olsa <jolsa@kernel.org>,$" ../sent/*.patch >../one-short.patch &&
	git bpf check --no-checkpatch ../one-short.patch >../actual &&
	sed -e "/^	B Uggy <buggy@example.org>$/d" \
		-e "s/^\(	Jiri Olsa <jolsa@kernel.org>\),$/\1/" \
		../sent/*.patch >../no-author.patch &&
	test_expect_code 1 git bpf check --no-checkpatch ../no-author.patch >../actual-author
	) &&
	grep "warning: To/Cc lack 1 of the 12 maintainers and lists: jolsa@kernel.org \[recipients-missing\]$" actual &&
	grep "error: To/Cc lack 1 of the expected addresses, the author of a fixed commit among them: buggy@example.org \[recipients-missing\]$" actual-author
'

test_expect_success 'recipients-missing: an address [send] exclude names, with its name, is not expected' '
	(
	cd repo &&
	printf "[send]\n\texclude = \"Olsa, Jiri\" <JOLSA@kernel.org>\n" >../exclude.ini &&
	GIT_BPF_CONFIG=../exclude.ini git bpf check --no-checkpatch ../one-short.patch >../actual &&
	printf "[send]\n\texclude = not an address\n" >../bad-exclude.ini &&
	test_expect_code 2 env GIT_BPF_CONFIG=../bad-exclude.ini \
		git bpf check --no-checkpatch ../one-short.patch 2>../err
	) &&
	echo "tree: bpf (from the subject prefix)" >expect &&
	test_cmp expect actual &&
	grep "^hint: it is in \[send\] exclude of git-bpf.s config$" err
'

test_expect_success 'hook: exit 0 with output makes warnings' '
	mkdir -p bin &&
	cat >bin/warn-hook <<-\EOF &&
	#!/bin/sh
	subject=$(sed -n "s/^Subject: //p" | head -n 1)
	echo "looked at: $subject"
	echo
	echo "second line"
	EOF
	chmod +x bin/warn-hook &&
	(
	cd repo &&
	git checkout -q fresh &&
	git update-ref refs/remotes/bpf-next/master fresh~2 &&
	git bpf check --no-checkpatch --hook="$PWD/../bin/warn-hook" bpf-next/master.. >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/2 $(git -C repo rev-parse --short=12 fresh~1) bpf: Return 3: warning: looked at: [PATCH] bpf: Return 3 [hook]
	1/2 $(git -C repo rev-parse --short=12 fresh~1) bpf: Return 3: warning: second line [hook]
	2/2 $(git -C repo rev-parse --short=12 fresh) bpf: Return 4: warning: looked at: [PATCH] bpf: Return 4 [hook]
	2/2 $(git -C repo rev-parse --short=12 fresh) bpf: Return 4: warning: second line [hook]
	EOF
	test_cmp expect actual
'

test_expect_success 'hook: a non-zero exit makes errors, from [check] hook' '
	cat >bin/fail-hook <<-\EOF &&
	#!/bin/sh
	if grep -q "return 4" ; then echo "no fours" >&2; exit 1; fi
	EOF
	chmod +x bin/fail-hook &&
	printf "[check]\n\thook = %s\n" "$PWD/bin/fail-hook" >fail.ini &&
	printf "#!/bin/sh\nexit 3\n" >bin/silent-hook &&
	chmod +x bin/silent-hook &&
	(
	cd repo &&
	test_expect_code 1 env GIT_BPF_CONFIG=../fail.ini git bpf check --no-checkpatch bpf-next/master.. >../actual &&
	test_expect_code 1 git bpf check --no-checkpatch --hook=../bin/silent-hook bpf-next/master..fresh~1 >../actual-silent
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	2/2 $(git -C repo rev-parse --short=12 fresh) bpf: Return 4: error: no fours [hook]
	EOF
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 fresh~1) bpf: Return 3: error: '"'"'../bin/silent-hook'"'"' failed (exit status 3) [hook]
	EOF
	test_cmp expect actual-silent
'

test_expect_success 'hook: one that hangs is killed after [check] hook-timeout' '
	printf "#!/bin/sh\nsleep 30\n" >bin/hang-hook &&
	chmod +x bin/hang-hook &&
	printf "[check]\n\thook-timeout = 1\n" >hang.ini &&
	(
	cd repo &&
	start=$(date +%s) &&
	test_expect_code 1 env GIT_BPF_CONFIG=../hang.ini git bpf check --no-checkpatch --hook=../bin/hang-hook bpf-next/master..fresh~1 >../actual &&
	test $(($(date +%s) - start)) -lt 10
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 fresh~1) bpf: Return 3: error: '"'"'../bin/hang-hook'"'"' did not finish in 1 s and was killed [hook]
	EOF
	test_cmp expect actual
'

test_expect_success 'hook: a program that is not there, a bad timeout: exit 2' '
	(
	cd repo &&
	test_expect_code 2 git bpf check --no-checkpatch --hook=../bin/nope bpf-next/master.. 2>../err &&
	printf "[check]\n\thook-timeout = soon\n" >../bad.ini &&
	test_expect_code 2 env GIT_BPF_CONFIG=../bad.ini git bpf check --no-checkpatch --hook=../bin/warn-hook bpf-next/master.. 2>../err2
	) &&
	echo "error: cannot run the hook '"'"'../bin/nope'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	echo "error: bad [check] hook-timeout '"'"'soon'"'"': give seconds, from 1" >expect &&
	test_cmp expect err2
'

test_expect_success 'send runs the same checks: a hook of [check] stops it' '
	(
	cd repo &&
	git checkout -q fresh &&
	test_expect_code 1 env GIT_BPF_CONFIG=../fail.ini git bpf send --tree=bpf-next -o ../not-sent bpf-next/master.. 2>../err
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (--tree)
	2/2 $(git -C repo rev-parse --short=12 fresh) bpf: Return 4: error: no fours [hook]
	error: the series fails its checks
	hint: fix the errors above, or send anyway with --no-check
	EOF
	test_cmp expect err &&
	! test -e not-sent
'

test_done
