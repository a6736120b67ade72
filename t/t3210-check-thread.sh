#!/bin/sh
test_description='git bpf check on a thread mbox: patches checked, replies skipped

What b4 mbox or lore'"'"'s t.mbox.gz gives is the series with the answers
among it; the answers are counted, not checked.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# msg FROM IN-REPLY-TO SUBJECT ID <BODY: one mbox entry ("-": no In-Reply-To)
msg () {
	echo "From mboxrd@z Thu Jan  1 00:00:00 1970" &&
	echo "From: $1" &&
	echo "Subject: $3" &&
	echo "Date: Tue, 14 Nov 2023 22:20:00 +0000" &&
	echo "Message-ID: $4" &&
	if test "$2" != "-"
	then
		echo "In-Reply-To: $2" &&
		echo "References: $2"
	fi &&
	echo &&
	cat &&
	echo
}

test_expect_success 'setup: a series as files, and its thread with replies' '
	smtp_series repo &&
	(cd repo && git bpf send --tree=bpf-next -o ../files >/dev/null) &&
	cat files/*.patch >series.mbox &&
	cover=$(sed -n "s/^Message-ID: //p" files/0000-*.patch) &&
	p1=$(sed -n "s/^Message-ID: //p" files/0001-*.patch) &&
	{
		cat files/0000-*.patch files/0001-*.patch &&
		msg "Andrii Nakryiko <andrii@kernel.org>" "$p1" \
			"Re: [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier" \
			"<r1@kernel.org>" <<-\EOF &&
		> When a constant is spilled to the stack and filled back, the
		> verifier forgets.
		>
		> diff --git a/kernel/bpf/verifier.c b/kernel/bpf/verifier.c
		> --- a/kernel/bpf/verifier.c
		> +++ b/kernel/bpf/verifier.c
		> @@ -1 +1,2 @@
		> +/* keep spilled constants */

		Rather like this:

		diff --git a/kernel/bpf/verifier.c b/kernel/bpf/verifier.c
		--- a/kernel/bpf/verifier.c
		+++ b/kernel/bpf/verifier.c
		@@ -1 +1,2 @@
		+/* keep them */

		Acked-by: Andrii Nakryiko <andrii@kernel.org>
		EOF
		cat files/0002-*.patch &&
		msg "Alexei Starovoitov <ast@kernel.org>" "$cover" \
			"[PATCH bpf-next 0/3] bpf: Precise spilled constants" \
			"<r2@kernel.org>" <<-\EOF &&
		An answer without Re: in its subject, as some clients send.

		Acked-by: Alexei Starovoitov <ast@kernel.org>
		EOF
		msg "Eduard Zingerman <eddyz87@gmail.com>" "<r1@kernel.org>" \
			"RE: [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier" \
			"<r3@gmail.com>" <<-\EOF &&
		> Rather like this:

		Agreed.
		EOF
		cat files/0003-*.patch
	} >thread.mbox &&
	grep -c "^From: " thread.mbox >count &&
	echo 7 >expect &&
	test_cmp expect count
'

test_expect_success 'the patches are checked as the series alone, the replies counted' '
	(cd repo && git bpf check ../series.mbox) >plain 2>plain.err; echo $? >plain.rc &&
	(cd repo && git bpf check ../thread.mbox) >thread 2>thread.err; echo $? >thread.rc &&
	test_cmp plain.rc thread.rc &&
	test_cmp plain.err thread.err &&
	{
		head -n 1 plain &&
		echo "skipped 3 replies" &&
		tail -n +2 plain
	} >expect &&
	test_cmp expect thread
'

test_expect_success '--json counts the replies too' '
	(cd repo && git bpf check --json ../thread.mbox) >out.json;
	/usr/bin/python3 -c "import json,sys; d = json.load(open(sys.argv[1])); assert d[\"patches\"] == 3 and d[\"replies\"] == 3, d" out.json &&
	(cd repo && git bpf check --json ../series.mbox) >out.json;
	/usr/bin/python3 -c "import json,sys; d = json.load(open(sys.argv[1])); assert d[\"patches\"] == 3 and \"replies\" not in d, d" out.json
'

test_expect_success 'one reply is said in the singular' '
	{
		cat series.mbox &&
		msg "Eduard Zingerman <eddyz87@gmail.com>" "$cover" \
			"Re: [PATCH bpf-next 0/3] bpf: Precise spilled constants" \
			"<r4@gmail.com>" </dev/null
	} >one.mbox &&
	(cd repo && git bpf check ../one.mbox) >out;
	sed -n 2p out >actual &&
	echo "skipped 1 reply" >expect &&
	test_cmp expect actual
'

test_expect_success 'a message that is neither patch nor reply is named by number and subject' '
	{
		cat series.mbox &&
		msg "Some One <one@example.org>" - \
			"[PATCH bpf-next 4/3] bpf: A patch without its diff" \
			"<r5@example.org>" <<-\EOF
		The diff got lost.
		EOF
	} >lost.mbox &&
	(cd repo && test_expect_code 2 git bpf check ../lost.mbox) 2>err &&
	echo "error: '"'"'../lost.mbox'"'"' message 5 (\"[PATCH bpf-next 4/3] bpf: A patch without its diff\") holds no patch" >expect &&
	test_cmp expect err
'

test_expect_success 'a thread of replies only holds no patches' '
	msg "Some One <one@example.org>" "$p1" "Re: [PATCH bpf-next 1/3] x" "<r6@example.org>" </dev/null >only.mbox &&
	msg "Some One <one@example.org>" "$p1" "Re: [PATCH bpf-next 1/3] x" "<r7@example.org>" </dev/null >>only.mbox &&
	(cd repo && test_expect_code 2 git bpf check ../only.mbox) 2>err &&
	echo "error: no patches in the files given" >expect &&
	test_cmp expect err
'

test_done
