#!/bin/sh
test_description='git bpf send: prefixes, cover letter, recipients and headers

Without the network: --dry-run, --stdout and -o on a kernel-like
repository.'
. ./lib.sh

# hdr NAME FILE: the header's value, unfolded
hdr () {
	awk -v name="$1" '
		/^$/ { exit }
		/^[ \t]/ { if (on) { sub(/^[ \t]+/, " "); v = v $0 }; next }
		{ if (on) exit; n = $0; sub(/:.*/, "", n)
		  if (n == name) { on = 1; v = $0; sub(/^[^:]*:[ \t]*/, "", v) } }
		END { if (on) print v }' "$2"
}

test_expect_success 'setup: a three-patch series with trailers and a Fixes: tag' '
	make_kernel_repo repo &&
	(
		cd repo &&
		git config user.name "Jane Developer" &&
		git config user.email jane@example.org &&
		git checkout -q -b topic bpf-next/master &&
		GIT_AUTHOR_NAME="Old Author" GIT_AUTHOR_EMAIL=old@example.org \
			commit_msg kernel/bpf/core.c "/* old */" <<-EOF &&
		bpf: Add the interpreter fast path

		Signed-off-by: Old Author <old@example.org>
		Signed-off-by: Old Committer <oldc@example.org>
		EOF
		git update-ref refs/remotes/bpf-next/master HEAD &&
		commit_msg kernel/bpf/verifier.c "/* one */" <<-EOF &&
		bpf: Track precise spilled constants

		The verifier forgets known values of spilled constants.

		Signed-off-by: A U Thor <author@example.com>
		Reviewed-by: Rev One <rev1@example.org>
		Acked-by: Alexei Starovoitov <AST@Kernel.ORG>
		Cc: STABLE@vger.kernel.org
		EOF
		commit_msg tools/testing/selftests/bpf/progs/verifier_basic.c "/* two */" <<-EOF &&
		selftests/bpf: Test precise spilled constants

		Check that the verifier keeps the bounds.

		Fixes: $(git rev-parse --short=12 bpf-next/master) ("bpf: Add the interpreter fast path")
		Signed-off-by: A U Thor <author@example.com>
		EOF
		GIT_AUTHOR_NAME="Jane Developer" GIT_AUTHOR_EMAIL=jane@example.org &&
		export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL &&
		commit_msg tools/lib/bpf/libbpf.c "/* three */" <<-EOF &&
		libbpf: Log skipped programs

		Say which programs a load left out.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		git config branch.topic.description "bpf: Precise spilled constants

The verifier forgets known values of spilled constants; keep them."
	)
'

test_expect_success '--dry-run shows subjects and recipients, and sends nothing' '
	(cd repo && git bpf send --no-check --dry-run bpf-next/master..) >actual 2>err &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next 0/3] bpf: Precise spilled constants
	  To: bpf@vger.kernel.org
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: John Fastabend <john.fastabend@gmail.com>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	  Cc: Martin KaFai Lau <martin.lau@linux.dev>
	  Cc: Song Liu <song@kernel.org>
	  Cc: Yonghong Song <yhs@fb.com>
	  Cc: KP Singh <kpsingh@kernel.org>
	  Cc: Stanislav Fomichev <sdf@google.com>
	  Cc: Hao Luo <haoluo@google.com>
	  Cc: Jiri Olsa <jolsa@kernel.org>
	  Cc: linux-kernel@vger.kernel.org
	  Cc: A U Thor <author@example.com>
	  Cc: Rev One <rev1@example.org>
	  Cc: Mykola Lysenko <mykolal@fb.com>
	  Cc: Old Author <old@example.org>
	  Cc: Old Committer <oldc@example.org>

	[PATCH bpf-next 1/3] bpf: Track precise spilled constants
	  To: bpf@vger.kernel.org
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: John Fastabend <john.fastabend@gmail.com>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	  Cc: Martin KaFai Lau <martin.lau@linux.dev>
	  Cc: Song Liu <song@kernel.org>
	  Cc: Yonghong Song <yhs@fb.com>
	  Cc: KP Singh <kpsingh@kernel.org>
	  Cc: Stanislav Fomichev <sdf@google.com>
	  Cc: Hao Luo <haoluo@google.com>
	  Cc: Jiri Olsa <jolsa@kernel.org>
	  Cc: linux-kernel@vger.kernel.org
	  Cc: A U Thor <author@example.com>
	  Cc: Rev One <rev1@example.org>

	[PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants
	  To: bpf@vger.kernel.org
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	  Cc: Martin KaFai Lau <martin.lau@linux.dev>
	  Cc: Song Liu <song@kernel.org>
	  Cc: Yonghong Song <yhs@fb.com>
	  Cc: John Fastabend <john.fastabend@gmail.com>
	  Cc: KP Singh <kpsingh@kernel.org>
	  Cc: Stanislav Fomichev <sdf@google.com>
	  Cc: Hao Luo <haoluo@google.com>
	  Cc: Jiri Olsa <jolsa@kernel.org>
	  Cc: Mykola Lysenko <mykolal@fb.com>
	  Cc: linux-kernel@vger.kernel.org
	  Cc: A U Thor <author@example.com>
	  Cc: Old Author <old@example.org>
	  Cc: Old Committer <oldc@example.org>

	[PATCH bpf-next 3/3] libbpf: Log skipped programs
	  To: bpf@vger.kernel.org
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	  Cc: Martin KaFai Lau <martin.lau@linux.dev>
	  Cc: Song Liu <song@kernel.org>
	  Cc: Yonghong Song <yhs@fb.com>
	  Cc: John Fastabend <john.fastabend@gmail.com>
	  Cc: KP Singh <kpsingh@kernel.org>
	  Cc: Stanislav Fomichev <sdf@google.com>
	  Cc: Hao Luo <haoluo@google.com>
	  Cc: Jiri Olsa <jolsa@kernel.org>
	  Cc: linux-kernel@vger.kernel.org

	dry run: 4 messages to 18 recipients, nothing sent
	EOF
	test_cmp expect actual &&
	echo "tree: bpf-next (patch 1 has no Fixes: tag)" >expect.err &&
	test_cmp expect.err err &&
	test -z "$(git -C repo tag -l "sent/*")"
'

test_expect_success 'the checks run first and their errors stop the send' '
	(cd repo && test_expect_code 1 git bpf send --dry-run bpf-next/master..) >out 2>err &&
	test_must_be_empty out &&
	grep "\[cc-stable\]" err &&
	grep "^error: the series fails its checks$" err
'

test_expect_success 'with findings, one tree line: the one send chose' '
	(cd repo && test_expect_code 1 git bpf send --dry-run bpf-next/master..) 2>err &&
	grep "^tree: " err >actual &&
	echo "tree: bpf-next (patch 1 has no Fixes: tag)" >expect &&
	test_cmp expect actual &&
	(cd repo && test_expect_code 1 git bpf send --tree=bpf-next --dry-run \
		bpf-next/master..) 2>err &&
	grep "^tree: " err >actual &&
	echo "tree: bpf-next (--tree)" >expect &&
	test_cmp expect actual
'

test_expect_success '--to, --cc and [send] to, cc, exclude; --no-auto-cc' '
	cat >cfg <<-\EOF &&
	[send]
	to = Extra To <xto@example.org>
	cc = Extra Cc <xcc@example.org>, stable@vger.kernel.org
	exclude = Rev One <rev1@example.org>, JOHN.fastabend@gmail.com
	EOF
	printf "bpf: Precise spilled constants\n\nTwo of them.\n" >two.txt &&
	(
		cd repo &&
		GIT_BPF_CONFIG=../cfg git bpf send --no-check --no-auto-cc \
			--to=list@example.org --cc="Some One <one@example.org>" \
			--cc=ONE@example.org --cover-letter=../two.txt \
			--dry-run bpf-next/master..topic~1
	) >actual 2>err &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next 0/2] bpf: Precise spilled constants
	  To: bpf@vger.kernel.org
	  To: list@example.org
	  To: Extra To <xto@example.org>
	  Cc: Some One <one@example.org>
	  Cc: Extra Cc <xcc@example.org>

	[PATCH bpf-next 1/2] bpf: Track precise spilled constants
	  To: bpf@vger.kernel.org
	  To: list@example.org
	  To: Extra To <xto@example.org>
	  Cc: Some One <one@example.org>
	  Cc: Extra Cc <xcc@example.org>

	[PATCH bpf-next 2/2] selftests/bpf: Test precise spilled constants
	  To: bpf@vger.kernel.org
	  To: list@example.org
	  To: Extra To <xto@example.org>
	  Cc: Some One <one@example.org>
	  Cc: Extra Cc <xcc@example.org>

	dry run: 3 messages to 5 recipients, nothing sent
	EOF
	test_cmp expect actual
'

test_expect_success '[send] exclude holds with the automatic Cc too' '
	(
		cd repo &&
		GIT_BPF_CONFIG=../cfg git bpf send --no-check --dry-run \
			bpf-next/master..
	) >actual 2>err &&
	grep "Old Author" actual &&
	! grep -i "rev1@example.org" actual &&
	! grep -i "john.fastabend" actual &&
	! grep -i "stable@" actual
'

test_expect_success '-o writes format-patch names and the headers DESIGN.md lists' '
	(cd repo && git bpf send --no-check -o ../series bpf-next/master..) >written 2>err &&
	cat >expect <<-\EOF &&
	../series/0000-cover-letter.patch
	../series/0001-bpf-Track-precise-spilled-constants.patch
	../series/0002-selftests-bpf-Test-precise-spilled-constants.patch
	../series/0003-libbpf-Log-skipped-programs.patch
	EOF
	test_cmp expect written &&
	(cd repo && git format-patch -q --cover-letter -o ../fp bpf-next/master..) &&
	(cd fp && ls) >expect &&
	(cd series && ls) >actual &&
	test_cmp expect actual &&
	cover=$(hdr Message-ID series/0000-cover-letter.patch) &&
	t0=$(date -d "$(hdr Date series/0000-cover-letter.patch)" +%s) &&
	i=0 &&
	for f in series/0*.patch
	do
		test "$(hdr From $f)" = "Jane Developer <jane@example.org>" &&
		test "$(hdr MIME-Version $f)" = "1.0" &&
		test "$(hdr Content-Type $f)" = "text/plain; charset=UTF-8" &&
		test "$(hdr Content-Transfer-Encoding $f)" = "8bit" &&
		test $(date -d "$(hdr Date $f)" +%s) = $((t0 + i)) &&
		hdr Message-ID $f >>ids &&
		if test $i -gt 0
		then
			test "$(hdr In-Reply-To $f)" = "$cover" &&
			test "$(hdr References $f)" = "$cover"
		else
			test -z "$(hdr In-Reply-To $f)"
		fi &&
		i=$((i + 1)) || return 1
	done &&
	test $(sort -u ids | wc -l) = 4 &&
	test $(grep -c "^<[^<>@ ]*@example.org>$" ids) = 4 &&
	test "$(hdr Subject series/0001-bpf-Track-precise-spilled-constants.patch)" = \
		"[PATCH bpf-next 1/3] bpf: Track precise spilled constants" &&
	! awk "length > 998" series/*.patch | grep .
'

test_expect_success 'a From: line opens the body when the author is not the sender' '
	sed -n "/^$/,\$p" series/0001-*.patch | sed -n 2,3p >actual &&
	printf "From: A U Thor <author@example.com>\n\n" >expect &&
	test_cmp expect actual &&
	sed -n "/^$/,\$p" series/0003-*.patch | sed -n 2p >actual &&
	echo "Say which programs a load left out." >expect &&
	test_cmp expect actual
'

test_expect_success 'the cover letter: description, shortlog, diffstat, base-commit' '
	base=$(git -C repo rev-parse bpf-next/master) &&
	sed -n "/^$/,\$p" series/0000-cover-letter.patch >actual &&
	cat >expect <<-EOF &&

	The verifier forgets known values of spilled constants; keep them.

	A U Thor (2):
	  bpf: Track precise spilled constants
	  selftests/bpf: Test precise spilled constants

	Jane Developer (1):
	  libbpf: Log skipped programs

	 kernel/bpf/verifier.c                              | 1 +
	 tools/lib/bpf/libbpf.c                             | 1 +
	 tools/testing/selftests/bpf/progs/verifier_basic.c | 1 +
	 3 files changed, 3 insertions(+)


	base-commit: $base
	-- 
	EOF
	sed "\$d" actual | sed "\$d" >actual.trim &&
	test_cmp expect actual.trim &&
	test "$(hdr Subject series/0000-cover-letter.patch)" = \
		"[PATCH bpf-next 0/3] bpf: Precise spilled constants" &&
	(cd repo && git format-patch --cover-letter --base=bpf-next/master \
		--stdout bpf-next/master.. | sed -n "/ (2):$/,/^base-commit/p") >expect &&
	sed -n "/ (2):$/,/^base-commit/p" series/0000-cover-letter.patch >actual &&
	test_cmp expect actual
'

test_expect_success 'prefixes: RFC, RESEND, version, the bpf tree' '
	(
		cd repo &&
		git bpf send --no-check --rfc -v 3 --dry-run bpf-next/master.. &&
		git bpf send --no-check --resend --dry-run bpf-next/master.. &&
		git bpf send --no-check --tree=bpf --dry-run bpf-next/master..
	) 2>err | grep "^\[" >actual &&
	cat >expect <<-\EOF &&
	[RFC PATCH bpf-next v3 0/3] bpf: Precise spilled constants
	[RFC PATCH bpf-next v3 1/3] bpf: Track precise spilled constants
	[RFC PATCH bpf-next v3 2/3] selftests/bpf: Test precise spilled constants
	[RFC PATCH bpf-next v3 3/3] libbpf: Log skipped programs
	[PATCH RESEND bpf-next 0/3] bpf: Precise spilled constants
	[PATCH RESEND bpf-next 1/3] bpf: Track precise spilled constants
	[PATCH RESEND bpf-next 2/3] selftests/bpf: Test precise spilled constants
	[PATCH RESEND bpf-next 3/3] libbpf: Log skipped programs
	[PATCH bpf 0/3] bpf: Precise spilled constants
	[PATCH bpf 1/3] bpf: Track precise spilled constants
	[PATCH bpf 2/3] selftests/bpf: Test precise spilled constants
	[PATCH bpf 3/3] libbpf: Log skipped programs
	EOF
	test_cmp expect actual &&
	grep "^tree: bpf (given with --tree)$" err || grep "^tree: bpf" err
'

test_expect_success '-v 2 names files as format-patch -v 2 does' '
	(cd repo && git bpf send --no-check -v 2 -o ../out2 bpf-next/master..) >/dev/null 2>err &&
	(cd repo && git format-patch -q -v 2 --cover-letter -o ../fp2 bpf-next/master..) &&
	(cd fp2 && ls) >expect &&
	(cd out2 && ls) >actual &&
	test_cmp expect actual &&
	test "$(hdr Subject out2/v2-0002-*.patch)" = \
		"[PATCH bpf-next v2 2/3] selftests/bpf: Test precise spilled constants"
'

test_expect_success 'ten patches and more are numbered with zero padding' '
	(
		cd repo &&
		git checkout -q -b ten topic &&
		git config branch.ten.description "bpf: Precise spilled constants" &&
		for i in 4 5 6 7 8 9 10
		do
			test_commit_file tools/lib/bpf/btf.c "/* $i */" "libbpf: Step $i" \
				"Signed-off-by: Jane Developer <jane@example.org>" || return 1
		done &&
		git bpf send --no-check --dry-run bpf-next/master.. >../ten 2>/dev/null &&
		git bpf send --no-check -o ../outten bpf-next/master.. >/dev/null 2>&1 &&
		git checkout -q topic
	) &&
	grep "^\[" ten >actual &&
	sed -n "1,2p;\$p" actual >actual.some &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next 00/10] bpf: Precise spilled constants
	[PATCH bpf-next 01/10] bpf: Track precise spilled constants
	[PATCH bpf-next 10/10] libbpf: Step 10
	EOF
	test_cmp expect actual.some &&
	test -f outten/0010-libbpf-Step-10.patch
'

test_expect_success 'a single patch has no cover letter and no number' '
	(
		cd repo &&
		git checkout -q -b single bpf-next/master &&
		GIT_AUTHOR_NAME="Jöhn Dœ" GIT_AUTHOR_EMAIL=john@example.org \
			test_commit_file tools/lib/bpf/libbpf.c "/* ü */" \
			"libbpf: Ünïcode in the subject" \
			"Signed-off-by: Jöhn Dœ <john@example.org>" &&
		git bpf send --no-check -o ../single bpf-next/master.. &&
		git checkout -q topic
	) >written 2>err &&
	echo ../single/0001-libbpf-n-code-in-the-subject.patch >expect &&
	test_cmp expect written &&
	f=single/0001-libbpf-n-code-in-the-subject.patch &&
	grep "^Subject: \[PATCH bpf-next\] =?UTF-8?q?libbpf:=20=C3=9Cn=C3=AFcode" $f &&
	test -z "$(hdr In-Reply-To $f)" &&
	sed -n "/^$/,\$p" $f | sed -n 2p >actual &&
	echo "From: Jöhn Dœ <john@example.org>" >expect &&
	test_cmp expect actual &&
	git clone -q repo single-clone &&
	(
		cd single-clone &&
		git checkout -q -b replay origin/single~1 &&
		git am -q ../$f &&
		git log -1 --format="%an <%ae>%n%s" >../actual
	) &&
	printf "Jöhn Dœ <john@example.org>\nlibbpf: Ünïcode in the subject\n" >expect &&
	test_cmp expect actual &&
	test $(git -C single-clone rev-parse HEAD^{tree}) = $(git -C repo rev-parse single^{tree})
'

test_expect_success 'a line over 998 bytes is sent quoted-printable' '
	(
		cd repo &&
		git checkout -q -b long bpf-next/master &&
		awk "BEGIN { for (i = 0; i < 1200; i++) printf \"x\"; print \"\" }" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c && test_tick &&
		git commit -q -m "libbpf: A very long line" -m "Signed-off-by: Jane Developer <jane@example.org>" &&
		git bpf send --no-check -o ../long bpf-next/master.. &&
		git checkout -q topic
	) >/dev/null 2>&1 &&
	f=long/0001-libbpf-A-very-long-line.patch &&
	test "$(hdr Content-Transfer-Encoding $f)" = quoted-printable &&
	! awk "length > 998" $f | grep . &&
	git clone -q repo long-clone &&
	(
		cd long-clone &&
		git checkout -q -b replay origin/long~1 &&
		git am -q ../$f
	) &&
	test $(git -C long-clone rev-parse HEAD^{tree}) = $(git -C repo rev-parse long^{tree})
'

test_expect_success 'the cover letter: --cover-letter=FILE wins over the description' '
	printf "bpf: From a file\n\nThe text of the file.\n" >cover.txt &&
	(cd repo && git bpf send --no-check --cover-letter=../cover.txt --stdout bpf-next/master..) >mbox 2>err &&
	grep "^Subject: \[PATCH bpf-next 0/3\] bpf: From a file$" mbox &&
	grep "^The text of the file.$" mbox
'

# on_terminal CMD...: run CMD with stdin, stdout and stderr on a pseudo
# terminal (util-linux script), as a user at a terminal runs it
on_terminal () {
	script -qec "$*" /dev/null </dev/null | tr -d "\r"
}

test_expect_success 'the cover letter: an editor on the template, on a terminal' '
	cat >editor.sh <<-\EOF &&
	#!/bin/sh
	grep -q "^\*\*\* SUBJECT HERE \*\*\*$" "$1" || exit 1
	printf "bpf: From the editor\n\n# a comment\nWritten in the editor.\n" >"$1"
	EOF
	chmod +x editor.sh &&
	(
		cd repo &&
		git config --unset branch.topic.description &&
		GIT_EDITOR="\"$SHARNESS_TRASH_DIRECTORY/editor.sh\"" \
			on_terminal git bpf send --no-check -o ../edited bpf-next/master..
	) >out 2>err &&
	grep "^Subject: \[PATCH bpf-next 0/3\] bpf: From the editor$" edited/0000-cover-letter.patch &&
	grep "^Written in the editor.$" edited/0000-cover-letter.patch &&
	! grep "a comment" edited/0000-cover-letter.patch
'

test_expect_success 'a cover letter that still holds the placeholder is refused' '
	(
		cd repo &&
		GIT_EDITOR=true on_terminal git bpf send --no-check \
			-o ../none bpf-next/master..
	) >out 2>err &&
	grep "^error: the cover letter still holds the placeholder .\*\*\* SUBJECT HERE \*\*\*.$" out &&
	! test -e none &&
	printf "*** SUBJECT HERE ***\n\n*** BLURB HERE ***\n" >placeholder.txt &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --no-check --cover-letter=../placeholder.txt \
			--dry-run bpf-next/master..
	) 2>err &&
	grep "placeholder" err &&
	(
		cd repo &&
		GIT_EDITOR=false on_terminal git bpf send --no-check \
			--stdout bpf-next/master..
	) >out 2>err &&
	grep "^error: the editor .false. failed$" out
'

test_expect_success 'bad input: one error line and exit 2' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --no-check --dry-run --to="bad<" bpf-next/master.. &&
		test_expect_code 2 git bpf send --no-check --dry-run --cc="a@b.org, c d e" bpf-next/master.. &&
		test_expect_code 2 git bpf send -v 0 --dry-run bpf-next/master.. &&
		test_expect_code 2 git bpf send -v x --dry-run bpf-next/master.. &&
		test_expect_code 2 git bpf send --frobnicate &&
		test_expect_code 2 git bpf send --dry-run --stdout bpf-next/master.. &&
		test_expect_code 2 git bpf send --dry-run no-such-rev.. &&
		test_expect_code 2 git bpf send --dry-run a.. b.. &&
		test_expect_code 2 git bpf send --confirm=maybe &&
		test_expect_code 2 git bpf send --no-check --cover-letter=../nofile \
			--dry-run bpf-next/master..
	) 2>err &&
	grep "^error: unable to read .\.\./nofile." err &&
	grep "^error: bad version .0." err &&
	grep "^error: unknown option .--frobnicate." err &&
	mkdir notrepo &&
	(cd notrepo && GIT_CEILING_DIRECTORIES="$SHARNESS_TRASH_DIRECTORY" test_expect_code 2 git bpf send --dry-run) 2>err &&
	grep "^error: not a git repository" err
'

test_expect_success 'without a range the upstream is the base, and must exist' '
	(
		cd repo &&
		git branch -q --set-upstream-to=bpf-next/master topic &&
		git bpf send --no-check --cover-letter=../cover.txt --dry-run >../out 2>../err &&
		git checkout -q -b lonely &&
		test_expect_code 2 git bpf send --no-check --cover-letter=../cover.txt \
			--dry-run 2>../err2 &&
		git checkout -q topic
	) &&
	grep "^\[PATCH bpf-next 3/3\] libbpf: Log skipped programs$" out &&
	echo "error: branch '"'"'lonely'"'"' has no upstream: give a range, e.g. '"'"'git bpf send bpf-next/master..HEAD'"'"'" >expect &&
	test_cmp expect err2
'

test_expect_success 'iproute2 goes to netdev with the BPF maintainers in Cc' '
	(cd repo && git bpf send --no-check --tree=iproute2 --cover-letter=../cover.txt \
		--dry-run bpf-next/master..) >out 2>err &&
	sed -n "1,5p" out >actual &&
	cat >expect <<-\EOF &&
	[PATCH iproute2 master 0/3] bpf: From a file
	  To: netdev@vger.kernel.org
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	EOF
	test_cmp expect actual
'

test_expect_success '-h prints the usage and exits 0' '
	git bpf send -h >out &&
	grep "^usage: git bpf send" out
'

test_done
