#!/bin/sh
test_description='git bpf send: submodules and the root commit as git format-patch

A superproject whose submodule is added, moved to another commit,
renamed, removed, and turned from a file into a submodule and back, and
whose first commit is a root commit: every patch git bpf send writes
carries the body and diff git format-patch writes for that commit, byte
for byte ("Subproject commit <sha>" hunks, their diffstat lines), and a
root commit is named as C^..C or with --root, as format-patch allows.'
. ./lib.sh

# the "From <sha>" line and the body up to the signature, without the
# in-body From: line of another author
body_of () {
	head -n 1 "$1" &&
	sed '1,/^$/d' "$1" | sed '/^-- $/,$d' >body.tmp &&
	if head -n 1 body.tmp | grep -q '^From: ' &&
		test "$(sed -n 2p body.tmp)" = ""
	then
		sed 1,2d body.tmp
	else
		cat body.tmp
	fi
}

test_expect_success 'setup: a superproject and its submodule' '
	git config --global protocol.file.allow always &&
	git init -q sub &&
	(cd sub && test_tick && git commit -q --allow-empty -m one &&
	 test_tick && git commit -q --allow-empty -m two) &&
	git init -q super &&
	(
		cd super &&
		printf "int x;\n" >main.c &&
		git add main.c &&
		test_tick && git commit -q -m "first: the root commit" &&
		git submodule -q add ../sub lib/sub &&
		test_tick && git commit -q -m "lib: add the submodule" &&
		git -C lib/sub checkout -q HEAD~1 &&
		git add lib/sub &&
		printf "int y;\n" >>main.c &&
		git add main.c &&
		test_tick && git commit -q -m "lib: move the submodule back" &&
		git mv lib/sub lib/sub2 &&
		test_tick && git commit -q -m "lib: rename the submodule" &&
		printf "x\n" >lib/other &&
		chmod +x main.c &&
		printf "\000\001binary\n" >blob.bin &&
		git add lib/other main.c blob.bin &&
		test_tick && git commit -q -m "lib: a file, a mode, a binary" &&
		git rm -q --cached lib/other &&
		rm lib/other &&
		git update-index --add --cacheinfo \
			160000,$(git -C ../sub rev-parse HEAD),lib/other &&
		test_tick && git commit -q -m "lib: the file becomes a submodule" &&
		git rm -q --cached lib/other &&
		printf "y\n" >lib/other &&
		git add lib/other &&
		test_tick && git commit -q -m "lib: the submodule becomes a file" &&
		git rm -q lib/sub2 &&
		test_tick && git commit -q -m "lib: remove the submodule"
	) &&
	test $(git -C super rev-list --count HEAD) = 8
'

test_expect_success 'the history holds what the comparison must cover' '
	git -C super log -p --format= >all &&
	grep -q "^+Subproject commit [0-9a-f]\{40\}$" all &&
	grep -q "^-Subproject commit [0-9a-f]\{40\}$" all &&
	grep -q "^new file mode 160000$" all &&
	grep -q "^deleted file mode 160000$" all &&
	grep -q "^index [0-9a-f]*\.\.[0-9a-f]* 160000$" all &&
	grep -q "^rename from lib/sub$" all &&
	grep -q "^new mode 100755$" all &&
	grep -q "^Binary files /dev/null and b/blob.bin differ$" all
'

test_expect_success 'each commit, the root one too, as C^..C equals format-patch -1' '
	git -C super rev-list --reverse HEAD >commits &&
	bad=0 &&
	while read c
	do
		rm -rf out &&
		(cd super && git bpf send --no-check --no-auto-cc \
			--tree=bpf-next -o ../out $c^..$c >/dev/null 2>../err) &&
		git -C super format-patch -1 --stdout $c >fp.mail &&
		body_of fp.mail >expect &&
		body_of out/0001-*.patch >actual &&
		if ! cmp -s expect actual
		then
			echo "differs: $c" &&
			diff -u expect actual
			bad=$((bad + 1))
		fi || return 1
	done <commits &&
	test $bad = 0
'

test_expect_success 'the submodule lines and their diffstat' '
	c=$(git -C super rev-parse HEAD~5) &&
	(cd super && git bpf send --no-check --no-auto-cc --tree=bpf-next \
		--stdout $c^..$c) >bump.mail &&
	cat >expect <<-EOF &&
	 lib/sub | 2 +-
	 main.c  | 1 +
	 2 files changed, 2 insertions(+), 1 deletion(-)
	-Subproject commit $(git -C sub rev-parse HEAD)
	+Subproject commit $(git -C sub rev-parse HEAD~1)
	EOF
	grep -e "^ .* | " -e "^ 2 files" -e "Subproject" bump.mail >actual &&
	test_cmp expect actual
'

test_expect_success '--root HEAD writes what format-patch --root HEAD writes' '
	rm -rf out fp &&
	printf "lib: the submodule\n\nFrom its start to its end.\n" >cover.txt &&
	(cd super && git bpf send --no-check --no-auto-cc --tree=bpf-next \
		--cover-letter=../cover.txt --root -o ../out HEAD >/dev/null 2>../err ||
	 { cat ../err; false; }) &&
	git -C super format-patch -q --root -o ../fp HEAD &&
	ls fp >names &&
	test $(wc -l <names) = 8 &&
	while read f
	do
		body_of fp/$f >expect &&
		body_of out/$f >actual &&
		test_cmp expect actual || return 1
	done <names
'

test_expect_success 'check names the root commit as C^..C and with --root' '
	root=$(git -C super rev-list --max-parents=0 HEAD) &&
	(cd super && test_expect_code 1 git bpf check --tree=bpf-next $root^..$root) >actual &&
	cat >expect <<-EOF &&
	tree: bpf-next (--tree)
	1/1 $(git -C super rev-parse --short=12 $root) first: the root commit: error: no description: the message has only a subject [empty-message]
	EOF
	sed -n 1,2p actual >head &&
	test_cmp expect head &&
	(cd super && test_expect_code 1 git bpf check --json --tree=bpf-next --root $root) >root.json &&
	grep "\"patches\": 1," root.json &&
	(cd super && test_expect_code 1 git bpf check --json --tree=bpf-next --root HEAD~6) >two.json &&
	grep "\"patches\": 2," two.json
'

test_expect_success '--root takes one revision, no range' '
	(cd super && test_expect_code 2 git bpf check --root) 2>err &&
	echo "error: --root takes one revision" >expect &&
	test_cmp expect err &&
	(cd super && test_expect_code 2 git bpf send --root) 2>err &&
	test_cmp expect err &&
	(cd super && test_expect_code 2 git bpf check --root HEAD~1..HEAD) 2>err &&
	echo "error: --root takes a revision, not the range '"'"'HEAD~1..HEAD'"'"'" >expect &&
	test_cmp expect err
'

test_done
