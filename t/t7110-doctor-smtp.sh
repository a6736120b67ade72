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

test_done
