#!/bin/sh
test_description='git bpf doctor against a real SMTP server: EHLO over TLS, never a mail'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# The output of one check: its line and the indented lines under it.
block () {
	awk -v id="$1" '
		/^(ok|warning|error): / { on = index($0, ": " id ": ") > 0 }
		/^[0-9]+ checks?: / { on = 0 }
		on' out
}

test_expect_success 'setup' '
	git init -q repo
'

test_expect_success 'STARTTLS with the CA of the config: ok, and no mail' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd repo && git bpf doctor >../out; test $? -le 1) &&
	cat >expect <<-EOF &&
	ok: smtp-config: server 127.0.0.1:$SMTP_PORT, encryption tls, user $SMTP_USER
	ok: smtp-server: 127.0.0.1:$SMTP_PORT answers EHLO over TLS
	EOF
	{ block smtp-config && block smtp-server; } >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 0
'

test_expect_success 'implicit TLS (ssl) too' '
	smtp_start --mode=ssl &&
	smtp_config ssl user= pass= &&
	(cd repo && git bpf doctor >../out; test $? -le 1) &&
	cat >expect <<-EOF &&
	ok: smtp-config: server 127.0.0.1:$SMTP_PORT, encryption ssl, no user
	ok: smtp-server: 127.0.0.1:$SMTP_PORT answers EHLO over TLS
	EOF
	{ block smtp-config && block smtp-server; } >actual &&
	test_cmp expect actual
'

test_expect_success 'a certificate the CA did not sign: error, exit 1' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls ca= &&
	(cd repo && test_expect_code 1 git bpf doctor >../out) &&
	block smtp-server >actual &&
	grep "^error: smtp-server: 127.0.0.1:$SMTP_PORT does not answer EHLO: .*certificate" actual &&
	test $(smtp_count) = 0
'

test_expect_success 'a server that never speaks: error within the timeout' '
	smtp_start --hang &&
	smtp_config none user= pass= timeout=2 &&
	(cd repo && test_expect_code 1 git bpf doctor >../out) &&
	block smtp-server >actual &&
	grep "^error: smtp-server: 127.0.0.1:$SMTP_PORT does not answer EHLO: " actual
'

# a git-only setup: no INI [smtp] to win over sendemail.*
test_expect_success 'sendemail.smtpServer a program: named, and found executable' '
	GIT_BPF_CONFIG="$PWD/bare.ini" &&
	export GIT_BPF_CONFIG &&
	: >bare.ini &&
	git -C repo config sendemail.smtpServer "$(command -v msmtp)" &&
	(cd repo && git bpf doctor >../out; test $? -le 1) &&
	cat >expect <<-EOF &&
	ok: smtp-config: program: $(command -v msmtp)
	ok: smtp-program: $(command -v msmtp) is an executable file
	EOF
	{ block smtp-config && block smtp-program; } >actual &&
	test_cmp expect actual &&
	! grep smtp-server out
'

test_expect_success 'a program that is missing or not executable: error, exit 1' '
	git -C repo config sendemail.smtpServer "$PWD/no-sendmail" &&
	(cd repo && test_expect_code 1 git bpf doctor >../out) &&
	block smtp-program | head -n 1 >actual &&
	echo "error: smtp-program: '"'"'$PWD/no-sendmail'"'"' does not exist" >expect &&
	test_cmp expect actual &&
	: >not-executable &&
	git -C repo config sendemail.smtpServer "$PWD/not-executable" &&
	(cd repo && test_expect_code 1 git bpf doctor >../out) &&
	block smtp-program | head -n 1 >actual &&
	echo "error: smtp-program: '"'"'$PWD/not-executable'"'"' is not an executable file" >expect &&
	test_cmp expect actual
'

test_expect_success 'sendemail.sendmailCmd: the command, and its program looked up' '
	git -C repo config sendemail.sendmailCmd "msmtp --account=\"work mail\"" &&
	(cd repo && git bpf doctor >../out; test $? -le 1) &&
	cat >expect <<-EOF &&
	ok: smtp-config: program: sendemail.sendmailCmd '"'"'msmtp --account="work mail"'"'"', run by sh -c
	ok: smtp-program: $(command -v msmtp) is an executable file
	EOF
	{ block smtp-config && block smtp-program; } >actual &&
	test_cmp expect actual &&
	git -C repo config sendemail.sendmailCmd "no-such-mailer -t" &&
	(cd repo && test_expect_code 1 git bpf doctor >../out) &&
	block smtp-program | head -n 1 >actual &&
	echo "error: smtp-program: '"'"'no-such-mailer'"'"' is not in PATH" >expect &&
	test_cmp expect actual
'

test_done
