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

test_done
