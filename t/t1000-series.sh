#!/bin/sh
test_description='the series model: revision ranges and patch files'
. ./lib.sh

ts () { "$GIT_BPF_BUILD/t/helper/test-series" "$@"; }

test_expect_success 'setup: a kernel-like repository and a varied series' '
	make_kernel_repo repo &&
	(
	cd repo &&
	git checkout -q -b topic bpf-next/master &&
	commit_msg kernel/bpf/verifier.c "/* one */" <<-\EOF &&
	bpf: Fix the thing

	The thing was broken.

	Fixes: 0123456789ab ("bpf: Add the thing")
	Signed-off-by: A U Thor <author@example.com>
	Cc: Somebody Else <else@example.org>
	EOF
	git mv lib/test_bpf.c lib/test_bpf_renamed.c &&
	test_tick && git commit -q -m "lib: Rename the test" &&
	chmod +x net/core/dev.c && git add net/core/dev.c &&
	test_tick && git commit -q -m "net: Make dev.c executable" &&
	printf "\000\001\002binary" >tools/testing/selftests/bpf/blob.bin &&
	git add tools/testing/selftests/bpf/blob.bin &&
	test_tick && git commit -q -m "selftests/bpf: Add a binary blob" &&
	printf "x\n" >>tools/lib/bpf/libbpf.c &&
	git add tools/lib/bpf/libbpf.c && test_tick &&
	GIT_AUTHOR_NAME="Jöhn Dœ" GIT_AUTHOR_EMAIL=john@example.org \
		git commit -q -m "libbpf: Ünïcode subject"
	)
'

test_expect_success 'a range loads every commit, oldest first' '
	(cd repo && ts range bpf-next/master..topic) >actual &&
	cat >expect <<-EOF &&
	base $(git -C repo rev-parse bpf-next/master)
	branch topic
	patch 1
	oid $(git -C repo rev-parse topic~4)
	author A U Thor <author@example.com> 1700000000 +0000
	subject bpf: Fix the thing
	trailer Fixes: 0123456789ab ("bpf: Add the thing")
	trailer Signed-off-by: A U Thor <author@example.com>
	trailer Cc: Somebody Else <else@example.org>
	path M 100644 100644 kernel/bpf/verifier.c
	diff $(git -C repo diff bpf-next/master topic~4 | wc -c) bytes
	patch 2
	oid $(git -C repo rev-parse topic~3)
	author A U Thor <author@example.com> 1700000060 +0000
	subject lib: Rename the test
	path R 100644 100644 lib/test_bpf_renamed.c (from lib/test_bpf.c)
	diff $(git -C repo diff -M topic~4 topic~3 | wc -c) bytes
	patch 3
	oid $(git -C repo rev-parse topic~2)
	author A U Thor <author@example.com> 1700000120 +0000
	subject net: Make dev.c executable
	path M 100644 100755 net/core/dev.c
	diff $(git -C repo diff topic~3 topic~2 | wc -c) bytes
	patch 4
	oid $(git -C repo rev-parse topic~1)
	author A U Thor <author@example.com> 1700000180 +0000
	subject selftests/bpf: Add a binary blob
	path A 000000 100644 binary tools/testing/selftests/bpf/blob.bin
	diff $(git -C repo diff --binary topic~2 topic~1 | wc -c) bytes
	patch 5
	oid $(git -C repo rev-parse topic)
	author Jöhn Dœ <john@example.org> 1700000240 +0000
	subject libbpf: Ünïcode subject
	path M 100644 100644 tools/lib/bpf/libbpf.c
	diff $(git -C repo diff topic~1 topic | wc -c) bytes
	EOF
	test_cmp expect actual
'

test_expect_success 'a single revision means REV..HEAD, as format-patch reads it' '
	(cd repo && ts range topic~1) >actual &&
	grep "^patch" actual >patches &&
	echo "patch 1" >expect &&
	test_cmp expect patches &&
	grep "^subject libbpf: Ünïcode subject" actual
'

test_expect_success 'format-patch files with a cover letter load the same series' '
	(cd repo && git format-patch -q --cover-letter -o ../fp bpf-next/master..topic) &&
	(cd repo && ts files ../fp/*.patch) >actual &&
	grep "^cover 0" actual &&
	grep "^prefix PATCH 0/5" actual &&
	(cd repo && ts range bpf-next/master..topic) | grep -v "^author\|^diff\|^base\|^branch" >expect.noauthor &&
	grep -v "^cover\|^prefix\|^subject \*\*\*\|^author\|^diff\|^oid $(git -C repo rev-parse topic)$" actual >actual.noauthor &&
	sed -n "/^patch 1/,\$p" actual.noauthor >actual.patches &&
	grep -v "^oid $(git -C repo rev-parse topic)$" expect.noauthor >expect.patches &&
	test_cmp expect.patches actual.patches
'

test_expect_success 'the non-ASCII author and subject survive RFC 2047' '
	grep "^author Jöhn Dœ <john@example.org> 1700000240 +0000$" actual &&
	grep "^subject libbpf: Ünïcode subject$" actual &&
	grep -i "^From: =?UTF-8?q?J=C3=B6hn=20D=C5=93?= <john@example.org>" fp/0005-*.patch
'

test_expect_success 'format-patch files without a cover letter' '
	(cd repo && git format-patch -q -o ../nocover bpf-next/master..topic~3) &&
	(cd repo && ts files ../nocover/*.patch) >actual &&
	! grep "^cover" actual &&
	grep "^patch" actual >patches &&
	printf "patch 1\npatch 2\n" >expect &&
	test_cmp expect patches
'

test_expect_success 'numbered files are put in order whatever the argument order' '
	(cd repo && ts files ../nocover/0002-*.patch ../nocover/0001-*.patch) >actual &&
	grep "^subject" actual >subjects &&
	printf "subject bpf: Fix the thing\nsubject lib: Rename the test\n" >expect &&
	test_cmp expect subjects
'

test_expect_success 'an mbox of several messages' '
	(cd repo && git format-patch -q --stdout --cover-letter bpf-next/master..topic) >series.mbox &&
	(cd repo && ts files ../series.mbox) >actual &&
	grep "^cover 0" actual &&
	test $(grep -c "^patch" actual) = 5 &&
	grep "^path R 100644 100644 lib/test_bpf_renamed.c (from lib/test_bpf.c)$" actual &&
	grep "^path M 100644 100755 net/core/dev.c$" actual &&
	grep "^path A 000000 100644 binary tools/testing/selftests/bpf/blob.bin$" actual
'

test_expect_success 'a 5 MB patch loads whole' '
	(cd repo && git checkout -q -b big bpf-next/master &&
	 awk "BEGIN { for (i = 0; i < 100000; i++) printf \"line %d of a large generated table with padding\\n\", i }" >big.c &&
	 git add big.c && test_tick && git commit -q -m "big: Add a large file" &&
	 git format-patch -q -1 --stdout >../big.patch) &&
	test $(wc -c <big.patch) -gt 5000000 &&
	(cd repo && ts files ../big.patch) >actual &&
	grep "^path A 000000 100644 big.c$" actual &&
	(cd repo && ts range HEAD~1..HEAD) >actual.range &&
	grep "^path A 000000 100644 big.c$" actual.range
'

test_expect_success 'a merge in the range is refused with exit 2' '
	(cd repo && git checkout -q -b merged topic~2 &&
	 git merge -q --no-ff -m "Merge branch big" big) &&
	(cd repo && test_expect_code 2 ts range topic~2..merged) 2>err &&
	grep "^error: '"'"'[0-9a-f]\{12\}'"'"' (\"Merge branch big\") is a merge commit" err
'

test_expect_success 'a merge is kept when the caller reports it' '
	(cd repo && ts range-merges topic~2..merged) >actual &&
	grep -B3 "^merge$" actual | grep "^subject Merge branch big$"
'

test_expect_success 'an empty range is exit 2' '
	(cd repo && test_expect_code 2 ts range topic..topic) 2>err &&
	echo "error: empty range '"'"'topic..topic'"'"': every commit of '"'"'topic'"'"' is in '"'"'topic'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'an unknown revision is exit 2 naming it' '
	(cd repo && test_expect_code 2 ts range nosuch..topic) 2>err &&
	echo "error: unknown revision '"'"'nosuch'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'a directory that is no repository is exit 2' '
	mkdir norepo &&
	(cd norepo && GIT_CEILING_DIRECTORIES="$PWD/.." test_expect_code 2 ts range HEAD~1) 2>err &&
	grep "^error: not a git repository: '"'"'.*norepo'"'"'" err
'

test_expect_success 'a truncated patch is exit 2 naming the file' '
	size=$(cat fp/0001-*.patch | wc -c) &&
	head -c $((size - 40)) fp/0001-*.patch >trunc.patch &&
	test_expect_code 2 ts files trunc.patch 2>err &&
	echo "error: '"'"'trunc.patch'"'"': the patch is truncated or corrupt" >expect &&
	test_cmp expect err
'

test_expect_success 'a truncated mbox is exit 2 naming the message' '
	size=$(wc -c <series.mbox) &&
	head -c $((size - 200)) series.mbox >trunc.mbox &&
	test_expect_code 2 ts files trunc.mbox 2>err &&
	echo "error: '"'"'trunc.mbox'"'"' message 6 (\"[PATCH 5/5] libbpf: Ünïcode subject\"): the patch is truncated or corrupt" >expect &&
	test_cmp expect err
'

test_expect_success 'garbage is exit 2, not a crash' '
	head -c 4096 /dev/urandom | tr -d "\000" >garbage &&
	test_expect_code 2 ts files garbage 2>err &&
	grep "^error: '"'"'garbage'"'"'" err &&
	printf "just some text\nwith no headers\n" >text &&
	test_expect_code 2 ts files text 2>err &&
	echo "error: '"'"'text'"'"' is not a patch: no mail headers (From:, Subject:)" >expect &&
	test_cmp expect err
'

test_expect_success 'an unreadable or empty file is exit 2' '
	test_expect_code 2 ts files nosuch.patch 2>err &&
	echo "error: unable to read '"'"'nosuch.patch'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	: >empty.patch &&
	test_expect_code 2 ts files empty.patch 2>err &&
	echo "error: '"'"'empty.patch'"'"' is empty" >expect &&
	test_cmp expect err
'

test_expect_success 'a message that is not UTF-8 and names no charset is exit 2' '
	sed "/^Content-Type/d" fp/0005-*.patch |
		awk "{ print } /^\$/ && !done { printf \"Gr\\374\\337e\\n\\n\"; done = 1 }" >latin1.patch &&
	test_expect_code 2 ts files latin1.patch 2>err &&
	echo "error: '"'"'latin1.patch'"'"' is not valid UTF-8 and names no charset" >expect &&
	test_cmp expect err
'

test_expect_success 'a message in a declared charset is converted' '
	awk "/^Content-Transfer/ { print \"Content-Type: text/plain; charset=ISO-8859-1\" } { print }" \
		latin1.patch >latin1-declared.patch &&
	ts files latin1-declared.patch >actual &&
	grep "^subject libbpf: Ünïcode subject$" actual
'

test_expect_success 'a commit stored in another encoding is read as UTF-8' '
	git init -q enc &&
	(cd enc &&
	 echo a >a && git add a && test_tick && git commit -q -m base &&
	 echo b >>a && test_tick &&
	 git -c i18n.commitEncoding=ISO-8859-1 commit -q -a \
		-m "$(printf "bpf: Gr\374\337e")" &&
	 ts range HEAD~1) >actual &&
	grep "^subject bpf: Grüße$" actual
'

test_expect_success 'a file larger than a series can be is refused' '
	truncate -s 100M huge.patch &&
	test_expect_code 2 ts files huge.patch 2>err &&
	echo "error: '"'"'huge.patch'"'"' is too large (104857600 bytes; a series file may hold at most 64 MiB)" >expect &&
	test_cmp expect err
'

test_done
