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

test_done
