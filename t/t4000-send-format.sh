#!/bin/sh
test_description='git bpf send: patches byte-identical to git format-patch

A history of more than 200 commits with renames, mode changes, binary
files, non-ASCII authors and subjects, odd file names and files ending
in empty lines or without a newline: every patch git bpf send writes
must carry the body and diff git format-patch writes for that commit,
and git am of the mbox must give back the same trees and authors.'
. ./lib.sh

# make_history DIR: a repository of 200+ commits exercising what
# format-patch prints: renames, modes, binaries, non-ASCII, EOF quirks.
make_history () {
	git init -q "$1" && (
	cd "$1" &&
	git config core.abbrev 12 &&
	t=1700000000 &&
	n=0 &&
	names='A U Thor|Jöran Müller|Zoë Ångström|Li Wei 李伟|Ōtsuka Ren' &&
	lines () {
		# lines SEED COUNT: COUNT lines of C-looking text
		awk -v s="$1" -v c="$2" 'BEGIN {
			for (i = 0; i < c; i++) {
				v = (s * 7919 + i * 104729) % 1000;
				if (i % 17 == 0) printf "static int func_%d(int x)\n{\n", v;
				else if (i % 17 == 16) printf "}\n\n";
				else printf "\treturn x + %d; /* line %d of %d */\n", v, i, s;
			}
		}'
	} &&
	commit () {
		# commit SUBJECT [BODY]
		n=$((n + 1)) && t=$((t + 61)) &&
		i=$((n % 5 + 1)) &&
		name=$(echo "$names" | cut -d'|' -f$i) &&
		if test $# -ge 2
		then
			printf '%s\n\n%s\n' "$1" "$2" >.msg
		else
			printf '%s\n' "$1" >.msg
		fi &&
		git add -A . ':!.msg' &&
		GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="dev$i@example.org" \
		GIT_AUTHOR_DATE="$t +0200" GIT_COMMITTER_DATE="$t +0000" \
			git commit -q --allow-empty -F .msg
	} &&
	mkdir -p src/core src/net include/uapi tools/lib docs bin &&
	for f in src/core/a.c src/core/b.c src/net/sock.c include/uapi/bpf.h tools/lib/libbpf.c docs/README
	do
		lines ${#f} 40 >$f || return 1
	done &&
	commit "initial import" "Signed-off-by: A U Thor <author@example.com>" &&
	k=0 &&
	while test $k -lt 25
	do
		k=$((k + 1)) &&
		# a plain edit in the middle
		lines $((k + 100)) 3 >>src/core/a.c &&
		sed -i "$((k + 5))s/return/return -/" src/core/b.c &&
		commit "core: tweak $k" "Edit both core files a little.

Signed-off-by: Dev <dev@example.org>" &&
		# a new file and a deletion
		lines $((k * 3)) $((k * 4 + 1)) >src/net/file$k.c &&
		lines $((k * 5)) $((k + 3)) >src/net/extra$k.c &&
		commit "net: add file$k" &&
		if test $k -gt 2
		then
			git rm -q src/net/extra$((k - 2)).c &&
			commit "net: remove extra$((k - 2))" "Not needed   
any more.	

"
		fi &&
		# an exact rename and an edited rename
		git mv src/net/file$k.c src/net/moved$k.c &&
		commit "net: rename file$k to moved$k" &&
		if test $((k % 2)) = 0
		then
			mkdir -p src/proto &&
			git mv src/net/moved$k.c src/proto/moved$k.c &&
			echo "/* moved $k */" >>src/proto/moved$k.c &&
			commit "proto: move moved$k with an edit"
		fi &&
		mkdir -p bin &&
		# mode changes
		if test $((k % 3)) = 0
		then
			printf '#!/bin/sh\necho %s\n' $k >bin/tool$k.sh &&
			chmod +x bin/tool$k.sh &&
			commit "bin: add tool$k" &&
			chmod -x bin/tool$k.sh &&
			commit "bin: tool$k is not executable" &&
			chmod +x bin/tool$k.sh && echo "echo again" >>bin/tool$k.sh &&
			commit "bin: tool$k executable again, with an edit"
		fi &&
		# binaries: add, change, delete
		if test $((k % 4)) = 1
		then
			awk -v k=$k 'BEGIN { for (i = 0; i < 300 + k * 50; i++) printf "%c", (i * k * 31 + 7) % 256 }' >bin/blob$k.bin &&
			commit "bin: add blob$k" &&
			printf 'tail\000%s' $k >>bin/blob$k.bin &&
			commit "bin: grow blob$k" &&
			awk 'BEGIN { for (i = 0; i < 4000; i++) printf "%c", (i * 131 + 11) % 256 }' >bin/blob$k.bin &&
			commit "bin: rewrite blob$k" &&
			git rm -q bin/blob$k.bin &&
			commit "bin: drop blob$k"
		fi &&
		# end-of-file quirks
		printf 'no newline %s' $k >docs/nonl$k.txt &&
		commit "docs: nonl$k without a final newline" &&
		printf 'no newline %s\nnow ends\n' $k >docs/nonl$k.txt &&
		commit "docs: nonl$k ends with a newline" &&
		printf 'text\n\n\n' >>docs/README &&
		commit "docs: empty lines at the end" "Ünïcödé body line.

Cc: Rëviewer <rev@example.org>" &&
		printf '%s\n' "Ühm: subject $k" >/dev/null &&
		echo "$k" >>include/uapi/bpf.h &&
		commit "uapi: Grüße aus $k" &&
		k=$k || return 1
	done &&
	# wide stats: long names, many files, big changes
	mkdir -p tools/testing/selftests/bpf/progs/a_really_long_directory_name_for_stat_truncation &&
	lines 5 300 >tools/testing/selftests/bpf/progs/a_really_long_directory_name_for_stat_truncation/verifier_spill_fill_precision.c &&
	lines 6 2 >tools/lib/x.c &&
	commit "selftests/bpf: long names" &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12
	do
		lines $((i + 50)) $((i * 7)) >>src/core/a.c &&
		lines $i $((i * 30)) >src/wide$i.c || return 1
	done &&
	commit "many files at once" &&
	lines 77 1000 >src/core/b.c &&
	commit "core: rewrite b" &&
	ln -s ../docs/README src/link &&
	commit "add a symlink" &&
	rm src/link && echo "not a link" >src/link &&
	commit "turn the symlink into a file" &&
	mkdir -p "src/sp ace" && echo x >"src/sp ace/tab	name.c" &&
	echo y >"src/ünï.c" &&
	commit "odd names" &&
	git mv "src/ünï.c" src/plain.c &&
	commit "rename an odd name" &&
	git mv src/wide1.c src/wide1-renamed.c && git mv src/wide2.c src/core/wide2.c &&
	commit "two renames" &&
	printf 'a\nb\n' >dup1 && printf 'a\nb\n' >dup2 &&
	commit "duplicates" &&
	git mv dup1 dupx && git mv dup2 dupy &&
	commit "rename duplicates" &&
	: >empty1 && commit "empty file" &&
	git mv empty1 empty2 && commit "rename empty file" &&
	printf 'line\n' >>empty2 && chmod +x empty2 && git mv empty2 empty3 &&
	commit "rename with mode change" &&
	rm -f .msg
	)
}

# body_of FILE: the mail's body up to the signature, without the
# in-body From: line git send-email adds for another author.
body_of () {
	sed '1,/^$/d' "$1" | sed '/^-- $/,$d' >body.tmp &&
	if head -n 1 body.tmp | grep -q '^From: ' &&
		test "$(sed -n 2p body.tmp)" = ""
	then
		sed 1,2d body.tmp
	else
		cat body.tmp
	fi
}

test_expect_success 'setup: a history of more than 200 commits' '
	make_history repo &&
	test $(git -C repo rev-list --count HEAD) -gt 200 &&
	printf "Many changes\n\nAll of them.\n" >cover.txt
'

test_expect_success 'send -o writes a patch for every commit' '
	(
		cd repo &&
		git bpf send --no-check --no-auto-cc --tree=bpf-next \
			--cover-letter=../cover.txt -o ../out HEAD~$(($(git rev-list --count HEAD) - 1)) >../written 2>../err
	) &&
	test $(wc -l <written) = $(git -C repo rev-list --count HEAD) &&
	test -f out/0000-cover-letter.patch
'

test_expect_success 'every patch equals git format-patch -1 --stdout' '
	nr=$(git -C repo rev-list --count HEAD) &&
	git -C repo rev-list --reverse HEAD~$((nr - 1))..HEAD >commits &&
	i=0 && bad=0 &&
	while read c
	do
		i=$((i + 1)) &&
		f=$(ls out/$(printf %04d $i)-*.patch) &&
		git -C repo format-patch -1 --stdout $c >fp.mail &&
		head -n 1 fp.mail >expect.from &&
		head -n 1 "$f" >actual.from &&
		body_of fp.mail >expect &&
		body_of "$f" >actual &&
		if ! cmp -s expect.from actual.from || ! cmp -s expect actual
		then
			echo "differs: $c $f" &&
			diff -u expect actual | head -n 20
			bad=$((bad + 1))
		fi || return 1
	done <commits &&
	test $i -gt 200 &&
	test $bad = 0
'

test_expect_success 'the history holds what the comparison must cover' '
	cat out/*.patch >all &&
	grep -q "^rename from " all &&
	grep -q "^similarity index [0-9]*%" all &&
	grep -q " => " all &&
	grep -q "^old mode 100644" all &&
	grep -q "^GIT binary patch" all &&
	grep -q "^delta [0-9]" all &&
	grep -q "^literal [0-9]" all &&
	grep -q "^ create mode 100755" all &&
	grep -q "^ delete mode 100644" all &&
	grep -q "^\\\\ No newline at end of file" all &&
	grep -q "| Bin " all &&
	grep -q "^Subject: \[PATCH bpf-next [0-9/]*\] =?UTF-8?q?uapi:=20Gr=C3=BC=C3=9Fe" all &&
	grep -q "^From: Jöran Müller" all
'

# A checked send formats each patch around the diff check already made;
# the patches must not differ from those of an unchecked send.
test_expect_success 'a checked send writes the patches an unchecked one does' '
	(
		cd repo &&
		root=$(git rev-list --max-parents=0 HEAD) &&
		git bpf send --no-check --no-auto-cc --tree=bpf-next \
			--cover-letter=../cover.txt -o ../unchecked $root \
			>../unchecked.out 2>&1 &&
		git bpf send --no-auto-cc --tree=bpf-next \
			--ignore=empty-message,signoff-missing,series-too-long \
			--cover-letter=../cover.txt -o ../checked $root \
			>../checked.out 2>&1
	) &&
	ls unchecked >expect &&
	ls checked >actual &&
	test_cmp expect actual &&
	test $(wc -l <expect) = $(git -C repo rev-list --count HEAD) &&
	cat unchecked/*.patch | grep -v "^Date: \|^Message-ID: \|^In-Reply-To: \|^References: " >expect &&
	cat checked/*.patch | grep -v "^Date: \|^Message-ID: \|^In-Reply-To: \|^References: " >actual &&
	test_cmp expect actual &&
	grep -q "^GIT binary patch" actual &&
	grep -q "^rename from " actual
'

test_expect_success 'git am of --stdout gives back the trees and authors' '
	(
		cd repo &&
		git bpf send --no-check --no-auto-cc --tree=bpf-next \
			--cover-letter=../cover.txt --stdout HEAD~$(($(git rev-list --count HEAD) - 1)) >../series.mbox 2>../err
	) &&
	base=$(git -C repo rev-list --max-parents=0 HEAD) &&
	git clone -q repo fresh &&
	mkdir split &&
	git mailsplit -osplit series.mbox >count &&
	test $(cat count) = $(git -C repo rev-list --count HEAD) &&
	rm split/0001 &&
	(
		cd fresh &&
		git checkout -q -b replay $base &&
		git am -q --whitespace=nowarn ../split/*
	) &&
	test $(git -C fresh rev-parse replay^{tree}) = $(git -C repo rev-parse HEAD^{tree}) &&
	git -C repo log --format="%T %an <%ae> %s" $base..HEAD >expect &&
	git -C fresh log --format="%T %an <%ae> %s" $base..replay >actual &&
	test_cmp expect actual
'

test_done
