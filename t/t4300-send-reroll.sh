#!/bin/sh
test_description='git bpf send: the reroll loop

v1, review, v2: a reworded message is a new version, the changelog of a
single patch goes under its "---" line, the range-diff against the last
version is the one git prints, and a new version waits 24 hours.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# age TAG SECONDS: rewrite a sent tag as if it had been made SECONDS ago
age () {
	msg=$(git -C repo cat-file tag "$1" | sed "1,/^$/d") &&
	when=$(($(date +%s) - $2)) &&
	GIT_COMMITTER_DATE="@$when +0000" git -C repo tag -f -a -m "$msg" \
		"$1" "$1^{commit}" >/dev/null
}

test_expect_success 'setup: a series and a server' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd repo && git bpf send --no-check >../out 2>../err) &&
	test $(smtp_count) = 4
'

test_expect_success 'the same patches on new commits are refused' '
	(
		cd repo &&
		test_tick &&
		git rebase -q --force-rebase bpf-next/master &&
		test "$(git rev-parse HEAD)" != "$(git rev-parse sent/spill-v1^{commit})" &&
		test_expect_code 1 git bpf send --no-check --dry-run
	) >out 2>err &&
	test_must_be_empty out &&
	grep "^error: the patches are those of .sent/spill-v1., sent already$" err
'

test_expect_success 'a reworded message is a new version' '
	(
		cd repo &&
		test_tick &&
		GIT_SEQUENCE_EDITOR="sed -i 1s/^pick/reword/" \
		GIT_EDITOR="sed -i s/forgets/loses/" \
			git rebase -q -i bpf-next/master >/dev/null &&
		git log -1 --format=%b HEAD~2 | grep "verifier loses" &&
		git diff --quiet sent/spill-v1 HEAD &&
		git bpf send --no-check --dry-run
	) >out 2>err &&
	grep "^\[" out >actual &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next v2 0/3] bpf: Precise spilled constants
	[PATCH bpf-next v2 1/3] bpf: Track precise spilled constants in the verifier
	[PATCH bpf-next v2 2/3] selftests/bpf: Test precise spilled constants
	[PATCH bpf-next v2 3/3] libbpf: Log skipped programs at debug level
	EOF
	test_cmp expect actual
'

# rd FILE: the range-diff block of a mail or patch file
rd () {
	sed -n "/^Range-diff against v[0-9]*:$/,/^$/p" "$1"
}

test_expect_success 'setup: v1 of a single patch' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(
		cd repo &&
		git checkout -q -b one --track bpf-next/master &&
		GIT_AUTHOR_NAME="Jane Developer" &&
		GIT_AUTHOR_EMAIL=jane@example.org &&
		export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL &&
		commit_msg tools/lib/bpf/btf.c "/* dedup the strings */" <<-\EOF &&
		libbpf: Dedup the strings of split BTF

		Split BTF repeats the base strings.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		git bpf send --no-check >../out 2>../err
	) &&
	test $(smtp_count) = 1 &&
	test "$(git -C repo rev-parse sent/one-v1^{commit})" = "$(git -C repo rev-parse one)" &&
	sed -n "/^---$/,/^diff --git/p" "$SMTP_MAILBOX/0001.eml" >actual &&
	cat >expect <<-\EOF &&
	---
	 tools/lib/bpf/btf.c | 1 +
	 1 file changed, 1 insertion(+)

	diff --git a/tools/lib/bpf/btf.c b/tools/lib/bpf/btf.c
	EOF
	test_cmp expect actual
'

test_expect_success 'v2 after a reword: the changelog under ---, then the range-diff git prints' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(
		cd repo &&
		test_tick &&
		git commit -q --amend -m "libbpf: Dedup the strings of split BTF" \
			-m "Split BTF repeats the strings of its base BTF." \
			-m "Signed-off-by: Jane Developer <jane@example.org>" &&
		git config branch.one.description "libbpf: Dedup the strings of split BTF

Changes in v2:
- say which strings are repeated (Andrii)" &&
		git bpf send --no-check >../out 2>../err &&
		git format-patch --stdout -v2 --range-diff=bpf-next/master..sent/one-v1 \
			-1 >../git.patch
	) &&
	test $(smtp_count) = 1 &&
	m="$SMTP_MAILBOX/0001.eml" &&
	grep "^Subject: \[PATCH bpf-next v2\] libbpf: Dedup the strings of split BTF$" "$m" &&
	sed -n "/^---$/,/^Range-diff/p" "$m" >actual &&
	cat >expect <<-\EOF &&
	---
	Changes in v2:
	- say which strings are repeated (Andrii)

	Range-diff against v1:
	EOF
	test_cmp expect actual &&
	rd git.patch >expect &&
	rd "$m" >actual &&
	test_line_count -gt 5 expect &&
	test_cmp expect actual &&
	grep "^1:  [0-9a-f]* ! 1:  [0-9a-f]* libbpf: Dedup the strings of split BTF$" actual &&
	sed -n "/^Range-diff/,/^diff --git/p" git.patch >expect &&
	sed -n "/^Range-diff/,/^diff --git/p" "$m" >actual &&
	test_cmp expect actual &&
	git -C repo tag -l "sent/one-*" >actual &&
	printf "sent/one-v1\nsent/one-v2\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--no-range-diff drops it; the changelog stays' '
	(
		cd repo &&
		printf "/* v3 */\n" >>tools/lib/bpf/btf.c &&
		git commit -q -a --amend --no-edit &&
		git bpf send --no-check --no-range-diff --stdout
	) >mbox 2>err &&
	grep "^Subject: \[PATCH bpf-next v3\] " mbox &&
	grep "^- say which strings are repeated (Andrii)$" mbox &&
	! grep "Range-diff" mbox
'

test_expect_success '--notes and format.notes put the notes where format-patch does' '
	(
		cd repo &&
		git notes add -m "Tested on s390x too." -m "Second paragraph." one &&
		git notes --ref=review add -m "from the review ref" one &&
		git config --unset branch.one.description &&
		git bpf send --no-check --notes --stdout >../notes.mbox &&
		git format-patch --stdout -v3 --notes --range-diff=bpf-next/master..sent/one-v2 -1 >../git.patch &&
		git config format.notes true &&
		git bpf send --no-check --stdout >../fn.mbox &&
		git config format.notes review &&
		git bpf send --no-check --no-range-diff --stdout >../ref.mbox &&
		git config --unset format.notes &&
		git format-patch --stdout -v3 --notes=review -1 >../git-ref.patch &&
		git bpf send --no-check --stdout >../none.mbox
	) &&
	sed -n "/^---$/,/^diff --git/p" git.patch >expect &&
	sed -n "/^---$/,/^diff --git/p" notes.mbox >actual &&
	test_cmp expect actual &&
	grep "^Notes:$" actual &&
	grep "^    Second paragraph.$" actual &&
	sed -n "/^---$/,/^diff --git/p" fn.mbox >actual &&
	test_cmp expect actual &&
	sed -n "/^---$/,/^diff --git/p" git-ref.patch >expect &&
	sed -n "/^---$/,/^diff --git/p" ref.mbox >actual &&
	test_cmp expect actual &&
	grep "^Notes (review):$" actual &&
	! grep "^Notes" none.mbox
'

test_expect_success 'one patch of three changed: =, !, =, as git format-patch says' '
	(
		cd repo &&
		git checkout -q spill &&
		git reset -q --hard sent/spill-v1 &&
		printf "/* and a second case */\n" >>tools/testing/selftests/bpf/progs/verifier_basic.c &&
		git commit -q -a --fixup=HEAD~1 &&
		GIT_SEQUENCE_EDITOR=: git rebase -q -i --autosquash bpf-next/master &&
		git bpf send --no-check --stdout >../spill.mbox &&
		git format-patch --stdout --cover-letter -v2 --base=bpf-next/master \
			--range-diff=bpf-next/master..sent/spill-v1 bpf-next/master.. >../git.mbox
	) &&
	rd git.mbox >expect &&
	rd spill.mbox >actual &&
	test_cmp expect actual &&
	sed -n "s/^\([0-9]\):  [0-9a-f]* \(.\) \([0-9]\):  [0-9a-f]* .*/\1 \2 \3/p" actual >marks &&
	printf "1 = 1\n2 ! 2\n3 = 3\n" >expect &&
	test_cmp expect marks &&
	sed -n "/^ 3 files changed/,/^base-commit:/p" git.mbox >expect &&
	sed -n "/^ 3 files changed/,/^base-commit:/p" spill.mbox >actual &&
	test_cmp expect actual
'

test_expect_success 'no terminal: --dry-run shows a placeholder subject, no editor' '
	git -C repo config --unset branch.spill.description &&
	start=$(date +%s) &&
	(
		cd repo &&
		GIT_EDITOR="sleep 60" timeout 20 git bpf send --no-check --dry-run \
			</dev/null >../out 2>../err
	) &&
	test $(($(date +%s) - start)) -lt 15 &&
	grep "^\[" out >actual &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next v2 0/3] *** SUBJECT HERE ***
	[PATCH bpf-next v2 1/3] bpf: Track precise spilled constants in the verifier
	[PATCH bpf-next v2 2/3] selftests/bpf: Test precise spilled constants
	[PATCH bpf-next v2 3/3] libbpf: Log skipped programs at debug level
	EOF
	test_cmp expect actual
'

test_expect_success 'no terminal: --stdout, -o and a send without cover text are refused' '
	cat >expect <<-\EOF &&
	error: no cover letter for the 3 patches, and no terminal to write one in
	hint: give the cover letter with --cover-letter=FILE or git branch --edit-description
	EOF
	start=$(date +%s) &&
	for how in --stdout "-o ../outdir" ""
	do
		(
			cd repo &&
			GIT_EDITOR="sleep 60" test_expect_code 1 timeout 20 \
				git bpf send --no-check $how </dev/null >../out 2>../err
		) &&
		grep -v "^tree: " err >actual &&
		test_cmp expect actual &&
		test_must_be_empty out || return 1
	done &&
	test $(($(date +%s) - start)) -lt 15 &&
	! test -e outdir &&
	test $(smtp_count) = 1
'

test_expect_success 'repost-too-soon: a new version within 24 hours of the last' '
	sent=$(git -C repo for-each-ref --format="%(taggerdate:unix)" refs/tags/sent/one-v2) &&
	at=$(date -u -d "@$sent" "+%Y-%m-%d %H:%M UTC") &&
	fine=$(date -u -d "@$((sent + 86400))" "+%Y-%m-%d %H:%M UTC") &&
	(
		cd repo &&
		git checkout -q one &&
		test_expect_code 1 git bpf check bpf-next/master..one
	) >out 2>err &&
	grep "repost-too-soon\]$" out >actual &&
	echo "0/1 series: error: '\''sent/one-v2'\'' was sent at $at: the next version can go from $fine [repost-too-soon]" >expect &&
	test_cmp expect actual &&
	grep "^hint: give reviewers a day between versions (netdev rules); --ignore=repost-too-soon sends it anyway$" out &&
	(cd repo && test_expect_code 1 git bpf send >../out 2>../err) &&
	grep "\[repost-too-soon\]$" err &&
	grep "^error: the series fails its checks$" err &&
	test $(smtp_count) = 1
'

test_expect_success 'repost-too-soon: not for --dry-run, --stdout, -o, nor the version sent' '
	(
		cd repo &&
		git bpf send --dry-run >../out 2>../err &&
		git bpf send --stdout >../out 2>../err &&
		git bpf send -o ../files >../out 2>../err &&
		git bpf check --ignore=repost-too-soon bpf-next/master..one &&
		git bpf check bpf-next/master..sent/one-v2 >../out
	) &&
	! grep repost-too-soon out
'

test_expect_success 'repost-too-soon: quiet after 24 hours; --ignore sends sooner' '
	age sent/one-v2 86500 &&
	(cd repo && git bpf check bpf-next/master..one >../out 2>../err) &&
	! grep repost-too-soon out &&
	age sent/one-v2 3600 &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd repo && git bpf send --ignore=repost-too-soon >../out 2>../err) &&
	test $(smtp_count) = 1 &&
	grep "^Subject: \[PATCH bpf-next v3\] " "$SMTP_MAILBOX/0001.eml"
'

test_expect_success '--reflect: the series to the sender alone, nothing recorded' '
	git -C repo config branch.spill.description "bpf: Precise spilled constants

Changes in v2:
- a second case in the selftest" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(
		cd repo &&
		git checkout -q spill &&
		git bpf send --reflect >../out 2>../err
	) &&
	test $(smtp_count) = 4 &&
	cat "$SMTP_MAILBOX"/*.env | sort -u >actual &&
	printf "MAIL FROM:<jane@example.org>\nRCPT TO:<jane@example.org>\n" >expect &&
	test_cmp expect actual &&
	smtp_headers To | sort -u >actual &&
	echo "Jane Developer <jane@example.org>" >expect &&
	test_cmp expect actual &&
	test -z "$(smtp_headers Cc)" &&
	smtp_headers Subject >actual &&
	cat >expect <<-\EOF &&
	[PATCH bpf-next v2 0/3] bpf: Precise spilled constants
	[PATCH bpf-next v2 1/3] bpf: Track precise spilled constants in the verifier
	[PATCH bpf-next v2 2/3] selftests/bpf: Test precise spilled constants
	[PATCH bpf-next v2 3/3] libbpf: Log skipped programs at debug level
	EOF
	test_cmp expect actual &&
	test $(smtp_headers Message-ID | sort -u | grep -c "^<.*@example.org>$") = 4 &&
	test $(smtp_headers In-Reply-To | sort -u | wc -l) = 1 &&
	grep "^Range-diff against v1:$" "$SMTP_MAILBOX/0001.eml" &&
	git -C repo tag -l "sent/spill-*" >actual &&
	echo sent/spill-v1 >expect &&
	test_cmp expect actual &&
	test_path_is_missing repo/.git/bpf/outbox &&
	(cd repo && git bpf send --dry-run) >out 2>err &&
	grep "^\[PATCH bpf-next v2 0/3\] bpf: Precise spilled constants$" out
'

test_expect_success 'a wrong password, then the right one: the same command sends' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass=wrong-password &&
	age sent/spill-v1 90000 &&
	(cd repo && test_expect_code 1 git bpf send >../out 2>../err) &&
	test $(smtp_count) = 0 &&
	tail -n 1 err >actual &&
	echo "hint: nothing was sent, and nothing waits: run the same command again once the problem is fixed" >expect &&
	test_cmp expect actual &&
	test_path_is_missing repo/.git/bpf/outbox &&
	smtp_config tls &&
	(cd repo && git bpf send >../out 2>../err) &&
	test $(smtp_count) = 4 &&
	git -C repo rev-parse --verify -q sent/spill-v2 >/dev/null
'

test_expect_success 'dropped after 2: --abort drops the journal and names the 2' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=2 &&
	smtp_config tls &&
	(
		cd repo &&
		printf "/* v3 */\n" >>tools/lib/bpf/libbpf.c &&
		git commit -q -a --amend --no-edit &&
		test_expect_code 1 git bpf send --ignore=repost-too-soon >../out 2>../err
	) &&
	test $(smtp_count) = 2 &&
	test_path_is_file repo/.git/bpf/outbox/index &&
	(cd repo && test_expect_code 1 git bpf send --ignore=repost-too-soon >../out 2>../err) &&
	test $(smtp_count) = 2 &&
	grep "^hint: .git bpf send --resume. sends what is left of it; .git bpf send --abort. drops it$" err &&
	(cd repo && git bpf send --abort >../out 2>../err) &&
	test_must_be_empty err &&
	{
		echo "dropped the interrupted send: 2 of 4 messages had gone out:" &&
		for n in 0001 0002
		do
			printf "  %s %s\n" \
				"$(smtp_header Subject "$SMTP_MAILBOX/$n.eml")" \
				"$(smtp_header Message-ID "$SMTP_MAILBOX/$n.eml")"
		done
	} >expect &&
	test_cmp expect out &&
	grep "v3 1/3" out &&
	test_path_is_missing repo/.git/bpf/outbox &&
	! git -C repo rev-parse --verify -q sent/spill-v3 &&
	(cd repo && test_expect_code 1 git bpf send --abort >../out 2>../err) &&
	grep "^error: no interrupted send to abort in " err
'

test_done
