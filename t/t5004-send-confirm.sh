#!/bin/sh
test_description='git bpf send: on a terminal, show the series once and ask'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# on_tty ANSWER COMMAND...: run COMMAND on a pseudo-terminal (script(1)),
# typing ANSWER; its output, without the terminal's CRs, in tty.out.
on_tty () {
	answer=$1
	shift
	printf '%s\n' "$answer" |
	script -qec "$*" /dev/null >tty.raw 2>&1
	ret=$?
	tr -d '\r' <tty.raw >tty.out
	return $ret
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	sed -i /^confirm/d "$GIT_BPF_CONFIG"
'

send='cd repo && git bpf send --tree=bpf-next --no-auto-cc --cc="Reviewer <r@example.org>"'

test_expect_success 'the question lists subjects and recipients once' '
	test_expect_code 1 on_tty n "$send" &&
	cat >expect <<-EOF &&
	4 messages to 127.0.0.1:$SMTP_PORT (tls):
	  [PATCH bpf-next 0/3] bpf: Precise spilled constants
	  [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier
	  [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants
	  [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level
	To: bpf@vger.kernel.org
	EOF
	sed -n "/^4 messages to/,/^To: /p" tty.out >actual &&
	test_cmp expect actual &&
	grep "^Cc: .*Reviewer <r@example.org>" tty.out &&
	grep "^Send them? \[y/N\] nothing sent$" tty.out
'

test_expect_success '"no" sends nothing and journals nothing' '
	test $(smtp_count) = 0 &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success '"y" sends the series' '
	on_tty y "$send" &&
	grep "^Send them? \[y/N\] " tty.out &&
	grep "^sent 4/4 " tty.out &&
	test $(smtp_count) = 4
'

test_expect_success '--confirm=never does not ask, even on a terminal' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	sed -i /^confirm/d "$GIT_BPF_CONFIG" &&
	on_tty n "$send --resend --confirm=never" &&
	! grep "Send them" tty.out &&
	test $(smtp_count) = 4
'

test_expect_success '[send] confirm = never in the config does the same' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	on_tty n "$send --resend" &&
	! grep "Send them" tty.out &&
	test $(smtp_count) = 4
'

test_done
