#!/bin/sh
test_description='git bpf check --checkpatch: the tree'"'"'s checkpatch.pl folded in'
. ./lib.sh

sob='Signed-off-by: A U Thor <author@example.com>'

if ksrc=$("$GIT_BPF_SRC/t/kernel-src.sh" 2>/dev/null) &&
	test -f "$ksrc/scripts/checkpatch.pl" && command -v perl >/dev/null
then
	test_set_prereq CHECKPATCH
fi
if command -v codespell >/dev/null
then
	test_set_prereq CODESPELL
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

test_expect_success 'without scripts/checkpatch.pl the default check is quiet about it' '
	(
	cd repo &&
	git bpf check >../actual
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual
'

test_expect_success CHECKPATCH 'checkpatch.pl runs by default, with NIPA'"'"'s --strict' '
	mkdir -p repo/scripts &&
	cp "$ksrc/scripts/checkpatch.pl" "$ksrc/scripts/spelling.txt" \
		"$ksrc/scripts/const_structs.checkpatch" repo/scripts/ &&
	(
	cd repo &&
	git bpf check >../actual &&
	git bpf check --checkpatch >../actual-on
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/2 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Add f: warning: LINE_SPACING: Please use a blank line after function/struct/union/enum declarations [checkpatch]
	1/2 $(git -C repo rev-parse --short=12 HEAD~1) bpf: Add f: warning: SPACING: space prohibited before semicolon [checkpatch]
	2/2 $(git -C repo rev-parse --short=12 HEAD) bpf: Add a comment: warning: LINE_SPACING: Please use a blank line after function/struct/union/enum declarations [checkpatch]
	EOF
	test_cmp expect actual &&
	test_cmp expect actual-on
'

test_expect_success CHECKPATCH '--no-checkpatch and [check] checkpatch = false turn it off' '
	(
	cd repo &&
	git bpf check --no-checkpatch >../actual &&
	printf "[check]\n\tcheckpatch = false\n" >../off.ini &&
	GIT_BPF_CONFIG=../off.ini git bpf check >../actual-cfg &&
	printf "[check]\n\tcheckpatch = maybe\n" >../bad.ini &&
	test_expect_code 2 env GIT_BPF_CONFIG=../bad.ini git bpf check 2>../err
	) &&
	echo "tree: bpf-next (no Fixes: tags)" >expect &&
	test_cmp expect actual &&
	test_cmp expect actual-cfg &&
	test $(wc -l <err) = 1
'

test_expect_success CHECKPATCH 'trailing whitespace is an error, a line over 80 a warning' '
	(
	cd repo &&
	git checkout -q -b ws --track bpf-next/master &&
	printf "\nint h;  \n" >>kernel/bpf/btf.c &&
	printf "/* %s */\n" "$(printf "%076d" 0)" >>kernel/bpf/btf.c &&
	git add kernel/bpf/btf.c &&
	test_tick &&
	git commit -q -m "bpf: Add h" -m "Adds h." -m "$sob" &&
	test_expect_code 1 git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Add h: error: TRAILING_WHITESPACE: trailing whitespace [checkpatch]
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Add h: warning: LONG_LINE_COMMENT: line length of 82 exceeds 80 columns [checkpatch]
	EOF
	test_cmp expect actual
'

test_expect_success CHECKPATCH,CODESPELL 'a misspelling only codespell knows' '
	(
	cd repo &&
	git checkout -q -b typo --track bpf-next/master &&
	commit_msg kernel/bpf/btf.c "$(printf "\n/* typo */")" <<-EOF &&
	bpf: Say wich one

	Name the one wich matters.

	$sob
	EOF
	git bpf check >../actual
	) &&
	cat >expect <<-EOF &&
	tree: bpf-next (no Fixes: tags)
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Say wich one: warning: TYPO_SPELLING: '"'"'wich'"'"' may be misspelled - perhaps '"'"'which'"'"'? [checkpatch]
	1/1 $(git -C repo rev-parse --short=12 HEAD) bpf: Say wich one: warning: TYPO_SPELLING: '"'"'wich'"'"' may be misspelled - perhaps '"'"'which'"'"'? [checkpatch]
	EOF
	test_cmp expect actual
'

test_expect_success CHECKPATCH 'a second run reads the cache: checkpatch.pl does not run again' '
	(
	cd repo &&
	git checkout -q topic &&
	git bpf check >../cold &&
	test -d .git/bpf/checkpatch &&
	test "$(stat -c %a .git/bpf/checkpatch)" = 700 &&
	mkdir -p ../fakebin &&
	printf "#!/bin/sh\nexit 3\n" >../fakebin/perl &&
	chmod +x ../fakebin/perl &&
	fake="$(pwd)/../fakebin:$PATH" &&
	PATH=$fake git bpf check >../warm &&
	git commit -q --amend -m "bpf: Add a comment" -m "Explain the syscall, again." -m "$sob" &&
	test_expect_code 2 env PATH="$fake" git bpf check 2>../err
	) &&
	test_cmp cold warm &&
	grep "^error: .*checkpatch.pl'"'"' failed (exit status 3)$" err
'

test_expect_success CHECKPATCH 'a cache others can write is not used' '
	(
	cd repo &&
	chmod g+w .git/bpf/checkpatch &&
	test_expect_code 2 env PATH="$(pwd)/../fakebin:$PATH" git bpf check 2>../err &&
	chmod g-w .git/bpf/checkpatch
	) &&
	grep "^warning: not caching checkpatch.pl'"'"'s results: .* is not a directory only we can write$" err &&
	grep "^error: .*checkpatch.pl'"'"' failed (exit status 3)$" err
'

test_expect_success CHECKPATCH 'a planted link is neither followed for the cache nor read as an entry' '
	(
	cd repo &&
	rm -rf .git/bpf/checkpatch ../elsewhere &&
	mkdir ../elsewhere &&
	ln -s ../../../elsewhere .git/bpf/checkpatch &&
	git bpf check >../linked 2>../err &&
	test -L .git/bpf/checkpatch &&
	rm .git/bpf/checkpatch &&
	git bpf check >../real &&
	ls .git/bpf/checkpatch >../entries &&
	test $(wc -l <../entries) = 2 &&
	echo "ERROR:PLANTED: not what checkpatch.pl said" >../planted &&
	for e in $(cat ../entries)
	do
		rm .git/bpf/checkpatch/$e &&
		ln -s "$(pwd)/../planted" .git/bpf/checkpatch/$e || return 1
	done &&
	git bpf check >../relinked
	) &&
	ls elsewhere >elsewhere.ls &&
	test_must_be_empty elsewhere.ls &&
	grep "^warning: not caching checkpatch.pl'"'"'s results: .*/bpf/checkpatch'"'"' is not a directory only we can write$" err &&
	test_cmp real linked &&
	test_cmp real relinked &&
	! grep PLANTED relinked
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
