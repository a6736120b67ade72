#!/bin/sh
test_description='git bpf check: Fixes: tags and the bpf tree'
. ./lib.sh

# The patch files here are bare git format-patch output, addressed to
# nobody; t3500 checks recipients-missing on them.
printf '[check]\n\tignore = recipients-missing\n' >"$HOME/no-recipients.ini"
GIT_BPF_CONFIG="$HOME/no-recipients.ini"
export GIT_BPF_CONFIG

sob='Signed-off-by: A U Thor <author@example.com>'

# fix_with TAG-VALUE: the branch "fix" as one fix on bpf/master whose
# Fixes: tag value is the argument (several lines allowed)
fix_with () {
	git -C repo checkout -q -B fix bpf/master &&
	git -C repo branch -q --set-upstream-to=bpf/master fix &&
	(
	cd repo &&
	commit_msg kernel/bpf/helpers.c "/* fixed */" <<-EOF
	bpf: Fix the buggy helper

	The helper read past the end of the map value.

	Fixes: $1
	$sob
	EOF
	)
}

check_fix () {
	(cd repo && git bpf check "$@") >actual
}

# expect_finding RULE SEVERITY MESSAGE: the expected output for the fix
expect_finding () {
	cat >expect <<-EOF
	tree: bpf (all patches carry Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 fix) bpf: Fix the buggy helper: $2: $3 [$1]
	EOF
}

test_expect_success 'setup: a buggy commit in bpf and bpf-next' '
	make_kernel_repo repo &&
	(
	cd repo &&
	commit_msg kernel/bpf/helpers.c "/* buggy */" <<-EOF &&
	bpf: Add a helper to read map values

	Programs want it.

	$sob
	EOF
	git update-ref refs/remotes/bpf/master HEAD &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	git rev-parse --short=12 HEAD >../bug &&
	git checkout -q -b side HEAD~1 &&
	commit_msg net/core/dev.c "/* side */" <<-EOF &&
	net: A commit bpf does not have

	On a side branch.

	$sob
	EOF
	git rev-parse --short=12 HEAD >../side
	) &&
	bug=$(cat bug) && side=$(cat side)
'

test_expect_success 'a correct Fixes: tag is quiet and chooses bpf' '
	fix_with "$bug (\"bpf: Add a helper to read map values\")" &&
	check_fix &&
	echo "tree: bpf (all patches carry Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'a quoted subject cut with ... is quiet' '
	fix_with "$bug (\"bpf: Add a helper to read...\")" &&
	check_fix &&
	echo "tree: bpf (all patches carry Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-format: a short sha' '
	short=$(echo $bug | cut -c1-7) &&
	fix_with "$short (\"bpf: Add a helper to read map values\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-format error "Fixes: tag '"'"'$short (\"bpf: Add a helper to read map values\")'"'"': the commit id has fewer than 12 digits" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-format: upper-case hex' '
	upper=$(echo $bug | tr a-f A-F) &&
	fix_with "$upper (\"bpf: Add a helper to read map values\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-format error "Fixes: tag '"'"'$upper (\"bpf: Add a helper to read map values\")'"'"': the commit id is not lower case" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-format: a tag wrapped over two lines' '
	fix_with "$bug (\"bpf: Add a helper
to read map values\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-format error "Fixes: tag '"'"'$bug (\"bpf: Add a helper to read map values\")'"'"' is wrapped over several lines" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-format: no quoted subject' '
	fix_with "$bug" &&
	test_expect_code 1 check_fix &&
	grep "^1/1 .*: error: Fixes: tag '"'"'$bug'"'"': not followed by exactly one space and (\"subject\") \[fixes-format\]$" actual
'

test_expect_success 'fixes-format: a lower-case token' '
	fix_with "$bug (\"bpf: Add a helper to read map values\")" &&
	(
	cd repo &&
	git log -1 --format=%B | sed "s/^Fixes: /fixes: /" >msg &&
	git commit -q --amend -F msg
	) &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-format error "'"'"'fixes:'"'"' tag '"'"'$bug (\"bpf: Add a helper to read map values\")'"'"': write '"'"'Fixes: '"'"' (capital F, one space)" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-unknown-commit: a sha the repository lacks' '
	fix_with "0123456789ab (\"bpf: Something\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-unknown-commit error "Fixes: tag names unknown commit 0123456789ab" &&
	echo "hint: check the sha, or fetch the tree that has the fixed commit" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-subject-mismatch: the wrong subject' '
	fix_with "$bug (\"bpf: Add a helper\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-subject-mismatch error "Fixes: tag quotes \"bpf: Add a helper\" but $bug is \"bpf: Add a helper to read map values\"" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'Fixes: tags in patch files are checked against the repository' '
	(
	cd repo &&
	git format-patch -q --stdout --subject-prefix="PATCH bpf" -1 fix >../fix.eml &&
	test_expect_code 1 git bpf check ../fix.eml >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf (from the subject prefix)
	1/1 $(git -C repo rev-parse --short=12 fix) bpf: Fix the buggy helper: error: Fixes: tag quotes "bpf: Add a helper" but $bug is "bpf: Add a helper to read map values" [fixes-subject-mismatch]
	EOF
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-not-in-base: the fixed commit is elsewhere' '
	fix_with "$side (\"net: A commit bpf does not have\")" &&
	check_fix &&
	expect_finding fixes-not-in-base warning "the fixed commit $side is not in the base $bug" &&
	echo "hint: rebase onto the tree that has the fixed commit, or check the sha" >>expect &&
	test_cmp expect actual
'

test_expect_success 'fixes-missing: --tree=bpf and no Fixes: tag' '
	git -C repo checkout -q -B nofix bpf/master &&
	(
	cd repo &&
	commit_msg kernel/bpf/helpers.c "/* nofix */" <<-EOF &&
	bpf: Fix without saying what

	No tag.

	$sob
	EOF
	test_expect_code 1 git bpf check --tree=bpf bpf/master.. >../actual &&
	git bpf check bpf/master.. >../auto
	) &&
	cat >expect <<-EOF &&
	tree: bpf (--tree)
	0/1 series: error: the series is for bpf (fixes) and no patch has a Fixes: tag [fixes-missing]
	hint: name the commit that brought the bug: git log -1 --abbrev=12 --format='"'"'Fixes: %h ("%s")'"'"' SHA; new work goes to bpf-next
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect auto
'

test_expect_success 'a fix and its selftest still go to bpf' '
	fix_with "$bug (\"bpf: Add a helper to read map values\")" &&
	(
	cd repo &&
	commit_msg tools/testing/selftests/bpf/progs/verifier_basic.c "/* t */" <<-EOF &&
	selftests/bpf: Test reading past a map value

	The helper must not read past the end.

	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: bpf (all patches carry Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success 'a fix series where one patch has no tag goes to bpf-next' '
	(
	cd repo &&
	commit_msg kernel/bpf/core.c "/* more */" <<-EOF &&
	bpf: Tidy up while at it

	Untagged.

	$sob
	EOF
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (patch 3 has no Fixes: tag)" >expect &&
	test_cmp expect actual
'

test_expect_success 'a Fixes: line of 10,000 characters is a finding, not a crash' '
	long=$(printf "%010000d" 0 | tr 0 a) &&
	fix_with "$long (\"x\")" &&
	test_expect_code 1 check_fix &&
	expect_finding fixes-format error "Fixes: tag '"'"'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'"'"': the commit id has more than 40 digits" &&
	echo "hint: write the tag with: git log -1 --abbrev=12 --format='"'"'Fixes: %h (\"%s\")'"'"' SHA" >>expect &&
	test_cmp expect actual &&
	long=$(printf "%010000d" 0 | tr 0 x) &&
	fix_with "$bug (\"$long\")" &&
	test_expect_code 1 check_fix &&
	grep "fixes-subject-mismatch" actual &&
	test $(wc -c <actual) -lt 2000
'

test_expect_success 'the base not in bpf makes a tagged fix bpf-next' '
	git -C repo checkout -q -B elsewhere side &&
	(
	cd repo &&
	commit_msg net/core/dev.c "/* fix side */" <<-EOF &&
	net: Fix the side commit

	It was wrong.

	Fixes: $side ("net: A commit bpf does not have")
	$sob
	EOF
	test_expect_code 1 git bpf check side.. >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (Fixes: tags, but the base is not in bpf/master)
	0/1 series: warning: the base $side is not in bpf-next/master: rebase onto it [base-not-in-tree]
	1/1 $(git -C repo rev-parse --short=12 elsewhere) net: Fix the side commit: error: does not apply to bpf-next/master ($(git -C repo rev-parse --short=12 bpf-next/master)) at net/core/dev.c: hunk at line 6 did not apply [does-not-apply]
	hint: fetch the tree and rebase the series onto its branch
	hint: fetch the tree and rebase the series onto the tip of its branch
	EOF
	test_cmp expect actual
'

test_done
