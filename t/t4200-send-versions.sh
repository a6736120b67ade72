#!/bin/sh
test_description='git bpf send: versions, links to earlier ones, resends

Sends go to a test SMTP server on loopback; each complete send leaves
the sent/<branch>-v<N> tag the next version is numbered and linked from.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# cover_id N: the Message-ID of the Nth message in the mailbox, bare
mailbox_id () {
	smtp_header Message-ID "$SMTP_MAILBOX/$1.eml" | tr -d "<>"
}

test_expect_success 'setup: a series and a server' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls
'

test_expect_success 'the first send is v1 and records sent/spill-v1' '
	(cd repo && git bpf send --no-check --dry-run) >dry 2>err &&
	grep "^\[PATCH bpf-next 0/3\] bpf: Precise spilled constants$" dry &&
	(cd repo && git bpf send --no-check >../out 2>../err) &&
	test $(smtp_count) = 4 &&
	git -C repo tag -l "sent/*" >actual &&
	echo sent/spill-v1 >expect &&
	test_cmp expect actual &&
	git -C repo cat-file tag sent/spill-v1 | sed "1,/^$/d" >tagmsg &&
	test "$(sed -n 1p tagmsg)" = "bpf: Precise spilled constants" &&
	grep "^Base-commit: $(git -C repo rev-parse bpf-next/master)$" tagmsg &&
	test $(grep -c "^Message-ID: <" tagmsg) = 4 &&
	test $(grep -c "^Patch-ID: [0-9a-f]*$" tagmsg) = 3 &&
	grep "^Message-ID: <$(mailbox_id 0001)>$" tagmsg &&
	test "$(git -C repo rev-parse sent/spill-v1^{commit})" = "$(git -C repo rev-parse spill)"
'

test_expect_success 'the same patches again are refused without --resend' '
	(cd repo && test_expect_code 1 git bpf send --no-check --dry-run) >out 2>err &&
	test_must_be_empty out &&
	grep "^error: the patches are those of .sent/spill-v1., sent already$" err &&
	grep "^hint: use --resend to send them again$" err
'

test_expect_success '--resend sends the same version again' '
	(cd repo && git bpf send --no-check --resend --dry-run) >out 2>err &&
	grep "^\[" out >actual &&
	cat >expect <<-\EOF &&
	[PATCH RESEND bpf-next 0/3] bpf: Precise spilled constants
	[PATCH RESEND bpf-next 1/3] bpf: Track precise spilled constants in the verifier
	[PATCH RESEND bpf-next 2/3] selftests/bpf: Test precise spilled constants
	[PATCH RESEND bpf-next 3/3] libbpf: Log skipped programs at debug level
	EOF
	test_cmp expect actual
'

test_expect_success 'a changed series is v2, and its cover links to v1' '
	v1=$(mailbox_id 0001) &&
	(
		cd repo &&
		printf "/* and more */\n" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c &&
		test_tick &&
		git commit -q --amend --no-edit &&
		git config branch.spill.description "bpf: Precise spilled constants

The verifier forgets known values of spilled constants.

Changes in v2:
- log one more line" &&
		git bpf send --no-check -o ../v2 >/dev/null 2>&1
	) &&
	test -f v2/v2-0000-cover-letter.patch &&
	sed -n "/^$/,\$p" v2/v2-0000-cover-letter.patch | sed "/^Jane Developer/q" >actual &&
	cat >expect <<-EOF &&

	The verifier forgets known values of spilled constants.

	Changes in v2:
	- log one more line

	v1: https://lore.kernel.org/bpf/$v1/

	Jane Developer (3):
	EOF
	test_cmp expect actual &&
	grep "^Subject: \[PATCH bpf-next v2 3/3\] " v2/v2-0003-*.patch &&
	test -z "$(git -C repo tag -l sent/spill-v2)"
'

test_expect_success '[lists] lore sets where the links point' '
	cp "$GIT_BPF_CONFIG" cfg.lore &&
	printf "[lists]\nlore = https://lore.example.org/bpf-list/\n" >>cfg.lore &&
	(cd repo && GIT_BPF_CONFIG=../cfg.lore git bpf send --no-check --stdout) >mbox 2>err &&
	grep "^v1: https://lore.example.org/bpf-list/$(mailbox_id 0001)/$" mbox
'

test_expect_success 'v2 sent, v3 links to both' '
	v1=$(mailbox_id 0001) &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd repo && git bpf send --no-check >../out 2>../err) &&
	v2=$(mailbox_id 0001) &&
	grep "^Subject: \[PATCH bpf-next v2 0/3\]" "$SMTP_MAILBOX/0001.eml" &&
	(
		cd repo &&
		printf "/* v3 */\n" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c &&
		test_tick &&
		git commit -q --amend --no-edit &&
		git bpf send --no-check --stdout
	) >mbox 2>err &&
	grep "^Subject: \[PATCH bpf-next v3 0/3\]" mbox &&
	grep "^v[12]: " mbox >actual &&
	cat >expect <<-EOF &&
	v1: https://lore.kernel.org/bpf/$v1/
	v2: https://lore.kernel.org/bpf/$v2/
	EOF
	test_cmp expect actual
'

test_expect_success '-v N overrides the counted version' '
	(cd repo && git bpf send --no-check -v 7 --dry-run) >out 2>err &&
	grep "^\[PATCH bpf-next v7 0/3\]" out
'

test_done
