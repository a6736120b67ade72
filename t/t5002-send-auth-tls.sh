#!/bin/sh
test_description='git bpf send: credentials, certificates and timeouts'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_helper
'

test_expect_success 'the password comes from git credential, which is told it worked' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	(cd repo && git bpf send --tree=bpf-next >../out) &&
	test $(smtp_count) = 4 &&
	cat >expect <<-EOF &&
	== get
	protocol=smtp
	host=127.0.0.1:$SMTP_PORT
	username=$SMTP_USER
	== store
	protocol=smtp
	host=127.0.0.1:$SMTP_PORT
	username=$SMTP_USER
	password=<given>
	EOF
	test_cmp expect smtp/cred.log
'

test_expect_success 'a wrong password: a clear error, nothing sent, credential rejected' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	echo wrong-password >smtp/cred-pass &&
	: >smtp/cred.log &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	test $(smtp_count) = 0 &&
	cat >expect <<-EOF &&
	error: '\''127.0.0.1:$SMTP_PORT'\'' refused the login of '\''$SMTP_USER'\'': 535 5.7.8 Authentication credentials invalid
	hint: the password came from '\''git credential'\''; it was told the login failed
	hint: nothing was sent, and nothing waits: run the same command again once the problem is fixed
	EOF
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	== get
	protocol=smtp
	host=127.0.0.1:$SMTP_PORT
	username=$SMTP_USER
	== erase
	protocol=smtp
	host=127.0.0.1:$SMTP_PORT
	username=$SMTP_USER
	password=<given>
	EOF
	test_cmp expect smtp/cred.log
'

test_expect_success 'with the right password, the same command sends the series' '
	test_path_is_missing repo/.git/bpf/outbox &&
	printf "%s\n" "$SMTP_PASS" >smtp/cred-pass &&
	(cd repo && git bpf send --tree=bpf-next --resend >../out) &&
	test $(smtp_count) = 4 &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'no credential at all: a clear error before anything is sent' '
	git config --global --unset credential.helper &&
	test_when_finished smtp_make_helper &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	(
		cd repo &&
		GIT_TERMINAL_PROMPT=0 &&
		export GIT_TERMINAL_PROMPT &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	grep "^error: no password for .$SMTP_USER. at .127.0.0.1:$SMTP_PORT.: .git credential fill. failed$" err &&
	test_path_is_missing repo/.git/bpf/outbox &&
	test $(smtp_count) = 0
'

test_expect_success 'a certificate that does not verify is refused' '
	smtp_config tls ca= &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	test $(smtp_count) = 0 &&
	grep -v "^tree: " err | head -n 2 >actual &&
	cat >expect <<-EOF &&
	error: the certificate of '\''127.0.0.1:$SMTP_PORT'\'' does not verify: SSL certificate problem: unable to get local issuer certificate
	hint: name the server'\''s CA certificates with '\''ca'\'' in the [smtp] section of git-bpf'\''s config
	EOF
	test_cmp expect actual
'

test_expect_success '... and accepted once its CA is configured' '
	test_path_is_missing repo/.git/bpf/outbox &&
	smtp_config tls &&
	(cd repo && git bpf send --tree=bpf-next --resend >../out) &&
	test $(smtp_count) = 4
'

test_expect_success 'a CA directory works as well as a file' '
	mkdir cadir &&
	cp smtp/certs/ca.pem cadir/ &&
	openssl rehash cadir &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls ca="$PWD/cadir" &&
	(cd repo && git bpf send --tree=bpf-next --resend >../out) &&
	test $(smtp_count) = 4
'

test_expect_success 'checks switched off by name, with a warning every time' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls ca= &&
	(
		cd repo &&
		git bpf send --tree=bpf-next --resend \
			--insecure-skip-certificate-check >../out 2>../err
	) &&
	test $(smtp_count) = 4 &&
	grep "^warning: certificate checks are off (--insecure-skip-certificate-check)" err
'

test_expect_success 'STARTTLS is required, never optional' '
	smtp_start --mode=plain &&
	smtp_config tls user= pass= &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	test_path_is_missing repo/.git/bpf/outbox &&
	grep "^error: .127.0.0.1:$SMTP_PORT. does not offer STARTTLS$" err &&
	test $(smtp_count) = 0
'

test_expect_success 'a server that never answers: the timeout fires, the journal stays' '
	smtp_start --hang &&
	smtp_config tls timeout=2 &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	grep "^error: message 1/4 .* not sent: no reply from .127.0.0.1:$SMTP_PORT. within 2 seconds" err &&
	test_path_is_file repo/.git/bpf/outbox/index &&
	test_line_count = 0 repo/.git/bpf/outbox/accepted &&
	ls repo/.git/bpf/outbox/*.eml >journaled &&
	test_line_count = 4 journaled
'

test_expect_success 'a server that goes silent after the data: the timeout fires too' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --hang-data &&
	smtp_config tls timeout=2 &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --resume >../out 2>../err
	) &&
	grep "^error: message 1/4 .* not sent: no reply from .127.0.0.1:$SMTP_PORT. within 2 seconds" err &&
	# all of it went: it may have been delivered, and the journal says so
	grep "^hint: message 1/4 .* may have been delivered" err &&
	sed "s/ .*//" repo/.git/bpf/outbox/accepted >marks &&
	echo flight >expect &&
	test_cmp expect marks
'

test_done
