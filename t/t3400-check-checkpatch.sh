#!/bin/sh
test_description='git bpf check --checkpatch: the tree'"'"'s checkpatch.pl folded in'
. ./lib.sh

sob='Signed-off-by: A U Thor <author@example.com>'

if ksrc=$("$GIT_BPF_SRC/t/kernel-src.sh" 2>/dev/null) &&
	test -f "$ksrc/scripts/checkpatch.pl" && command -v perl >/dev/null
then
	test_set_prereq CHECKPATCH
fi

test_expect_success 'setup: a kernel-like repository and a series' '
	make_kernel_repo repo &&
	(
	cd repo &&
	git config user.name "A U Thor" &&
	git config user.email author@example.com &&
	git checkout -q -b topic --track bpf-next/master &&
	printf "int f(void)\n{\n\tint x = 1 ;\n\treturn x;\n}\n" >>kernel/bpf/core.c &&
	git add kernel/bpf/core.c &&
	test_tick &&
	git commit -q -m "bpf: Add f" -m "Adds f." -m "$sob" &&
	commit_msg kernel/bpf/syscall.c "/* fine */" <<-EOF
	bpf: Add a comment

	Explain the syscall.

	$sob
	EOF
	)
'

test_expect_success '--checkpatch without scripts/checkpatch.pl is exit 2' '
	(
	cd repo &&
	test_expect_code 2 git bpf check --checkpatch 2>../err
	) &&
	echo "error: '"'"'$(pwd)/repo/scripts/checkpatch.pl'"'"' not found: --checkpatch runs the tree'"'"'s own checkpatch.pl" >expect &&
	test_cmp expect err
'

test_expect_success CHECKPATCH '--checkpatch folds checkpatch.pl warnings in' '
	mkdir -p repo/scripts &&
	cp "$ksrc/scripts/checkpatch.pl" "$ksrc/scripts/spelling.txt" \
		"$ksrc/scripts/const_structs.checkpatch" repo/scripts/ &&
	(
	cd repo &&
	git bpf check --checkpatch >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/2 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Add f: warning: SPACING: space prohibited before semicolon [checkpatch]
	EOF
	test_cmp expect actual
'

test_expect_success CHECKPATCH 'checkpatch errors fail the check; --ignore=checkpatch drops them' '
	(
	cd repo &&
	commit_msg kernel/bpf/helpers.c "int g(void) { return 0; }" <<-EOF &&
	bpf: Add g

	Not signed off, which checkpatch.pl calls an error.

	EOF
	test_expect_code 1 git bpf check --checkpatch >../actual &&
	git bpf check --checkpatch --ignore=checkpatch,signoff-missing >../ignored
	) &&
	grep "^3/3 [0-9a-f]* bpf: Add g: error: MISSING_SIGN_OFF: Missing Signed-off-by: line(s) \[checkpatch\]$" actual &&
	grep "^3/3 [0-9a-f]* bpf: Add g: error: .* \[signoff-missing\]$" actual &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect ignored
'

test_expect_success CHECKPATCH '--checkpatch on patch files' '
	(
	cd repo &&
	git format-patch -q --cover-letter --subject-prefix="PATCH bpf-next" \
		-o ../out bpf-next/master &&
	test_expect_code 1 git bpf check --checkpatch ../out/*.patch >../actual
	) &&
	grep "^1/3 [0-9a-f]* bpf: Add f: warning: SPACING: space prohibited before semicolon \[checkpatch\]$" actual &&
	grep "^3/3 [0-9a-f]* bpf: Add g: error: MISSING_SIGN_OFF: Missing Signed-off-by: line(s) \[checkpatch\]$" actual
'

test_done
