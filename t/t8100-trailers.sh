#!/bin/sh
test_description='git bpf trailers: review tags from a thread, shown and added

v1 of a series goes to a loopback SMTP server, so its Message-IDs and
the sent/ tag are real; the replies are written here as reviewers write
them and saved with the patches as a thread mbox (b4 mbox, a mail
client) or a maildir.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"
. "$GIT_BPF_SRC/t/lib-trailers.sh"

# the tree and author lines of a commit
tree_author () {
	git -C repo cat-file commit "$1" | sed -n "/^$/q; /^tree /p; /^author /p"
}

test_expect_success 'setup: v1 mailed, the replies saved as a thread' '
	trailers_send_v1 repo &&
	mbox_of "$SMTP_MAILBOX"/*.eml >patches.mbox &&
	trailers_replies >replies.mbox &&
	cat patches.mbox replies.mbox >thread.mbox &&
	git -C repo cat-file tag sent/spill-v1 >tag &&
	grep "^Message-ID: $COVER$" tag &&
	grep "^Message-ID: $P3$" tag
'

test_expect_success 'setup: v2 rebased, its last patch changed, one ack in already' '
	(
		cd repo &&
		test_tick &&
		git rebase -q --force-rebase bpf-next/master &&
		printf "/* at debug level */\n" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c &&
		git commit -q --amend -F - <<-\EOF
		libbpf: Log skipped programs at debug level

		Programs left out of a load are worth a line in the debug log.

		Signed-off-by: Jane Developer <jane@example.org>
		Acked-by: ALEXEI STAROVOITOV <Ast@Kernel.org>
		EOF
	) &&
	test "$(git -C repo rev-parse spill~1)" != "$(git -C repo rev-parse sent/spill-v1~1)"
'

test_expect_success 'the tags to add per patch, exit 0; a tag for someone else warns' '
	(cd repo && git bpf trailers --mbox=../thread.mbox bpf-next/master.. >../actual 2>../err) &&
	cat >expect <<-EOF &&
	1/3 $(git -C repo rev-parse --short=12 spill~2) bpf: Track precise spilled constants in the verifier
	    + Acked-by: Alexei Starovoitov <ast@kernel.org>
	    + Reviewed-by: Jiri Olsa <jolsa@kernel.org>
	2/3 $(git -C repo rev-parse --short=12 spill~1) selftests/bpf: Test precise spilled constants
	    + Acked-by: Alexei Starovoitov <ast@kernel.org>
	    + Reviewed-by: Andrii Nakryiko <andrii@kernel.org>
	    + Link: https://lore.kernel.org/bpf/r2@gmail.com/
	    + Tested-by: Eduard Zingerman <eddyz87@gmail.com>
	3/3 $(git -C repo rev-parse --short=12 spill) libbpf: Log skipped programs at debug level (matched by subject)
	    + Acked-by: Song Liu <song@kernel.org>
	7 new tags for 3 of 3 patches, from 6 replies to '"'"'sent/spill-v1'"'"'
	EOF
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	warning: '"'"'../thread.mbox'"'"' message 8 ("Re: [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level"): '"'"'Acked-by: Song Liu <song@kernel.org>'"'"' names someone other than its sender, Yonghong Song <yonghong.song@linux.dev>
	EOF
	test_cmp expect err
'

test_expect_success '--json gives the same, with who sent each tag' '
	(cd repo && git bpf trailers --json --mbox=../thread.mbox bpf-next/master..) >out.json &&
	/usr/bin/python3 - out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["sent"] == "sent/spill-v1" and d["added"] == 7 and d["replies"] == 6, d
	p = d["patches"]
	assert [x["matched"] for x in p] == ["patch-id", "patch-id", "subject"], p
	assert [len(x["add"]) for x in p] == [2, 4, 1], p
	assert p[2]["add"][0]["foreign"] is True, p
	t = p[1]["add"][3]
	assert t == {"tag": "Tested-by", "value": "Eduard Zingerman <eddyz87@gmail.com>",
	             "from": "Eduard Zingerman <eddyz87@gmail.com>", "foreign": False}, t
	EOF
'

test_expect_success 'patches and replies in two mboxes, or a maildir, read alike' '
	(cd repo && git bpf trailers --mbox=../patches.mbox --mbox=../replies.mbox bpf-next/master..) >actual2 &&
	test_cmp actual actual2 &&
	(cd repo && git bpf trailers --mbox=../replies.mbox bpf-next/master..) >actual2 &&
	test_cmp actual actual2 &&
	mkdir -p md/cur md/new md/tmp &&
	awk "/^From mboxrd@z /{ n++; f = sprintf(\"md/cur/%04d.eml:2,S\", n); next } { print > f }" thread.mbox &&
	test $(ls md/cur | wc -l) = 10 &&
	mv md/cur/0010.eml:2,S md/new/0010.eml &&
	(cd repo && git bpf trailers --mbox=../md bpf-next/master..) >actual2 &&
	test_cmp actual actual2
'

test_expect_success '--update rewrites the commits: tags after the trailers, all else kept' '
	for c in spill~2 spill~1 spill
	do
		tree_author $c >>before.ta || return 1
	done &&
	(
		cd repo &&
		printf "/* unstaged */\n" >>kernel/bpf/verifier.c &&
		printf "new\n" >staged.txt &&
		git add staged.txt &&
		git diff >../wt.before &&
		git diff --cached >../index.before &&
		old=$(git rev-parse spill) &&
		test_tick &&
		git bpf trailers --update --mbox=../thread.mbox bpf-next/master.. >../out &&
		git var GIT_COMMITTER_IDENT >../ident &&
		git diff >../wt.after &&
		git diff --cached >../index.after &&
		git reflog -1 --format="%gs" spill >../reflog &&
		git reflog -1 --format="%gs" HEAD >>../reflog &&
		test "$(git rev-parse spill@{1})" = "$old"
	) &&
	tail -n 1 out >actual &&
	echo "updated '"'"'spill'"'"'" >expect &&
	test_cmp expect actual &&
	test_cmp wt.before wt.after &&
	test_cmp index.before index.after &&
	printf "bpf trailers: review tags from sent/spill-v1\n%.0s" 1 2 >expect &&
	test_cmp expect reflog &&
	for c in spill~2 spill~1 spill
	do
		tree_author $c >>after.ta || return 1
	done &&
	test_cmp before.ta after.ta &&
	for c in spill~2 spill~1 spill
	do
		git -C repo cat-file commit $c | sed -n "s/^committer //p" >committer &&
		test "$(cat committer)" = "$(cat ident)" || return 1
	done &&
	test "$(git -C repo rev-parse spill~3)" = "$(git -C repo rev-parse bpf-next/master)" &&
	git -C repo reset -q --hard
'

test_expect_success 'the new messages, exactly' '
	for c in spill spill~1 spill~2
	do
		git -C repo cat-file commit $c | sed "1,/^$/d" &&
		echo "--" || return 1
	done >actual &&
	cat >expect <<-\EOF &&
	libbpf: Log skipped programs at debug level

	Programs left out of a load are worth a line in the debug log.

	Signed-off-by: Jane Developer <jane@example.org>
	Acked-by: ALEXEI STAROVOITOV <Ast@Kernel.org>
	Acked-by: Song Liu <song@kernel.org>
	--
	selftests/bpf: Test precise spilled constants

	A line of its own with a dot, then one with two, as SMTP must
	carry them:
	.
	..two dots
	.leading dot

	Signed-off-by: Jane Developer <jane@example.org>
	Acked-by: Alexei Starovoitov <ast@kernel.org>
	Reviewed-by: Andrii Nakryiko <andrii@kernel.org>
	Link: https://lore.kernel.org/bpf/r2@gmail.com/
	Tested-by: Eduard Zingerman <eddyz87@gmail.com>
	--
	bpf: Track precise spilled constants in the verifier

	When a constant is spilled to the stack and filled back, the
	verifier forgets that the register held a known value.  Keep the
	scalar'"'"'s bounds across the spill and fill.

	Signed-off-by: Jane Developer <jane@example.org>
	Acked-by: Alexei Starovoitov <ast@kernel.org>
	Reviewed-by: Jiri Olsa <jolsa@kernel.org>
	--
	EOF
	test_cmp expect actual
'

test_expect_success 'a second run finds nothing to add: exit 1, nothing moved' '
	tip=$(git -C repo rev-parse spill) &&
	(cd repo && test_expect_code 1 git bpf trailers --update --mbox=../thread.mbox bpf-next/master..) >actual &&
	echo "no new tags, from 6 replies to '"'"'sent/spill-v1'"'"'" >expect &&
	test_cmp expect actual &&
	test "$(git -C repo rev-parse spill)" = "$tip"
'

test_expect_success 'a message without a trailer block gets one' '
	git -C repo checkout -q -b bare bpf-next/master &&
	(
		cd repo &&
		printf "/* keep spilled constants */\n" >>kernel/bpf/verifier.c &&
		git commit -q -a -m "bpf: Track precise spilled constants in the verifier" &&
		git tag -m "bare v1

Base-commit: $(git rev-parse bpf-next/master)
Message-ID: $P1
Patch-ID: 0000000000000000000000000000000000000000" sent/bare-v1 &&
		git bpf trailers --update --mbox=../thread.mbox bpf-next/master.. >../out
	) &&
	printf "%s\n" "bpf: Track precise spilled constants in the verifier" "" \
		"Reviewed-by: Jiri Olsa <jolsa@kernel.org>" \
		"Acked-by: alexei starovoitov <AST@kernel.org>" >expect &&
	git -C repo cat-file commit bare | sed "1,/^$/d" >actual &&
	test_cmp expect actual &&
	git -C repo checkout -q spill
'

test_expect_success 'a range with a merge is refused, nothing moved' '
	(
		cd repo &&
		git checkout -q -b side bpf-next/master &&
		test_commit_file side.txt side "side: one" &&
		git checkout -q spill &&
		git checkout -q -b merged &&
		git merge -q --no-ff -m "Merge branch side" side
	) &&
	tip=$(git -C repo rev-parse merged) &&
	(cd repo && test_expect_code 2 git bpf trailers --update --mbox=../thread.mbox bpf-next/master..) 2>err &&
	grep "^error: .* is a merge commit: a mailed series must be linear$" err &&
	test "$(git -C repo rev-parse merged)" = "$tip" &&
	git -C repo checkout -q spill
'

test_expect_success 'a thread none of whose messages are ours is exit 2' '
	COVER="<nothing@example.org>" P1="<else@example.org>" P2=x P3=y trailers_replies >other.mbox &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../other.mbox bpf-next/master..) 2>err &&
	echo "error: '"'"'../other.mbox'"'"' holds no message of the series sent as '"'"'sent/spill-v1'"'"' ($COVER)" >expect &&
	test_cmp expect err
'

test_expect_success 'a corrupt mbox, a missing file, a plain directory: exit 2 naming it' '
	printf "garbage\n\000\n" >bad.mbox &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../bad.mbox bpf-next/master..) 2>err &&
	echo "error: '"'"'../bad.mbox'"'"' is not a patch: it holds NUL bytes" >expect &&
	test_cmp expect err &&
	printf "From mboxrd@z Thu Jan  1 00:00:00 1970\nno headers here\n" >bad2.mbox &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../bad2.mbox bpf-next/master..) 2>err &&
	echo "error: '"'"'../bad2.mbox'"'"' is not a patch: no mail headers (From:, Subject:)" >expect &&
	test_cmp expect err &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../nosuch bpf-next/master..) 2>err &&
	echo "error: unable to read '"'"'../nosuch'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	mkdir plain &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../plain bpf-next/master..) 2>err &&
	echo "error: '"'"'../plain'"'"' is a directory but no maildir (no cur/ or new/)" >expect &&
	test_cmp expect err
'

test_expect_success 'a branch that sent nothing is exit 2' '
	git -C repo checkout -q -b unsent spill &&
	(cd repo && test_expect_code 2 git bpf trailers --mbox=../thread.mbox bpf-next/master..) 2>err &&
	git -C repo checkout -q spill &&
	echo "error: nothing was sent from branch '"'"'unsent'"'"' (no sent/unsent-v* tag)" >expect &&
	test_cmp expect err
'

test_expect_success 'bad usage is exit 2; -h is the usage' '
	(cd repo && test_expect_code 2 git bpf trailers --frob) 2>err &&
	grep "^error: unknown option .--frob.$" err &&
	(cd repo && git bpf trailers -h) >out &&
	grep "^usage: git bpf trailers \[<options>\] \[<range>\]$" out
'

test_done
