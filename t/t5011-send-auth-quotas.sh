#!/bin/sh
test_description='git bpf send: sendemail.smtpAuth, OAuth 2.0 tokens, batches and relogin delays'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

TOKEN='ya29.a0-test-token_XyZ'

# send_ok [OPTION...]: send the series again (tag and journal of the last
# send gone), the output in ../out and ../err
send_ok () {
	(
		cd repo &&
		git tag -l "sent/*" | xargs -r git tag -d >/dev/null &&
		rm -rf .git/bpf/outbox &&
		git bpf send --tree=bpf-next "$@" >../out 2>../err
	)
}

# ids [FILE...]: the Message-IDs of the mailbox and of FILEs, sorted
ids () {
	for f in "$SMTP_MAILBOX"/*.eml "$@"
	do
		test -f "$f" || continue
		smtp_header Message-ID "$f" || return 1
	done | sort
}

test_expect_success 'setup: a series of five messages' '
	smtp_series repo &&
	(
		cd repo &&
		GIT_AUTHOR_NAME="Jane Developer" &&
		GIT_AUTHOR_EMAIL=jane@example.org &&
		export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL &&
		commit_msg tools/lib/bpf/btf.c "/* a fourth */" <<-\EOF
		libbpf: Say which BTF type failed to load

		A name in the message saves a trip to the debugger.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
	) &&
	smtp_make_helper
'

test_expect_success 'sendemail.smtpAuth picks the mechanism' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	git -C repo config sendemail.smtpAuth LOGIN &&
	send_ok --smtp-debug &&
	grep "^> AUTH " err >auth &&
	echo "> AUTH LOGIN" >expect &&
	test_cmp expect auth &&
	test $(smtp_count) = 5 &&
	git -C repo config sendemail.smtpAuth "PLAIN LOGIN" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	send_ok --smtp-debug &&
	grep "^> AUTH PLAIN" err &&
	test $(smtp_count) = 5
'

test_expect_success 'a mechanism the server lacks: the login fails, nothing sent' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --auth-only=PLAIN &&
	smtp_config tls pass= &&
	: >"$SMTP_DIR/cred.log" &&
	git -C repo config sendemail.smtpAuth LOGIN &&
	test_expect_code 1 send_ok &&
	! grep "^> AUTH" err &&
	grep "^error: " err >actual &&
	echo "error: '"'"'127.0.0.1:$SMTP_PORT'"'"' offers no AUTH mechanism that sendemail.smtpAuth allows" >expect &&
	test_cmp expect actual &&
	grep "^hint: nothing was sent" err &&
	! grep -x "== erase" "$SMTP_DIR/cred.log" &&
	test $(smtp_count) = 0
'

test_expect_success 'an unknown mechanism, or one in lower case, is bad input' '
	git -C repo config sendemail.smtpAuth "PLAIN SHINY" &&
	test_expect_code 2 send_ok &&
	echo "error: unknown SMTP auth mechanism '"'"'SHINY'"'"' in sendemail.smtpAuth (PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5, NTLM, GSSAPI, EXTERNAL, XOAUTH2, OAUTHBEARER or none)" >expect &&
	grep "^error:" err >actual &&
	test_cmp expect actual &&
	git -C repo config sendemail.smtpAuth "plain" &&
	test_expect_code 2 send_ok &&
	grep "^error: unknown SMTP auth mechanism '"'"'plain'"'"'" err
'

test_expect_success 'smtpAuth = none: no AUTH, no password asked for' '
	smtp_start &&
	smtp_config tls pass= &&
	: >"$SMTP_DIR/cred.log" &&
	git -C repo config sendemail.smtpAuth none &&
	send_ok --smtp-debug &&
	! grep "^> AUTH" err &&
	test_must_be_empty "$SMTP_DIR/cred.log" &&
	test $(smtp_count) = 5
'

test_expect_success 'XOAUTH2: the token from git credential, as a bearer token' '
	smtp_start --user="$SMTP_USER:not-this" --oauth-token="$TOKEN" --auth-only=XOAUTH2 &&
	smtp_config tls pass= &&
	git -C repo config sendemail.smtpAuth XOAUTH2 &&
	echo "$TOKEN" >"$SMTP_DIR/cred-pass" &&
	: >"$SMTP_DIR/cred.log" &&
	send_ok --smtp-debug &&
	test $(smtp_count) = 5 &&
	grep "^auth XOAUTH2 ok$" "$SMTP_DIR/server.log" &&
	! grep -F "$TOKEN" err out &&
	grep -c "^== " "$SMTP_DIR/cred.log" >calls &&
	echo 2 >expect &&
	test_cmp expect calls &&
	grep -x "== get" "$SMTP_DIR/cred.log" &&
	grep -x "== store" "$SMTP_DIR/cred.log"
'

test_expect_success 'a rejected token: the login fails and git credential forgets it' '
	smtp_start --user="$SMTP_USER:not-this" --oauth-token="$TOKEN" --auth-only=XOAUTH2 &&
	smtp_config tls pass= &&
	echo "ya29.expired" >"$SMTP_DIR/cred-pass" &&
	: >"$SMTP_DIR/cred.log" &&
	test_expect_code 1 send_ok &&
	grep "^auth XOAUTH2 refused$" "$SMTP_DIR/server.log" &&
	grep "^error: '"'"'127.0.0.1:$SMTP_PORT'"'"' refused the login of '"'"'$SMTP_USER'"'"'" err &&
	grep -x "hint: the token came from '"'"'git credential'"'"'; it was told the login failed" err &&
	grep -x "== erase" "$SMTP_DIR/cred.log" &&
	! grep -x "== store" "$SMTP_DIR/cred.log" &&
	test $(smtp_count) = 0
'

test_expect_success 'OAUTHBEARER too' '
	smtp_start --user="$SMTP_USER:not-this" --oauth-token="$TOKEN" --auth-only=OAUTHBEARER &&
	smtp_config tls pass= &&
	git -C repo config sendemail.smtpAuth OAUTHBEARER &&
	echo "$TOKEN" >"$SMTP_DIR/cred-pass" &&
	send_ok &&
	grep "^auth OAUTHBEARER ok$" "$SMTP_DIR/server.log" &&
	test $(smtp_count) = 5 &&
	git -C repo config --unset sendemail.smtpAuth &&
	echo "$SMTP_PASS" >"$SMTP_DIR/cred-pass"
'

test_expect_success 'smtpBatchSize 2 on five messages: three connections' '
	rm -f "$SMTP_DIR/connections" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --connections="$SMTP_DIR/connections" &&
	smtp_config tls &&
	git -C repo config sendemail.smtpBatchSize 2 &&
	send_ok &&
	test $(smtp_count) = 5 &&
	test_line_count = 3 "$SMTP_DIR/connections"
'

test_expect_success 'smtpReloginDelay: each new connection waits' '
	rm -f "$SMTP_DIR/connections" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --connections="$SMTP_DIR/connections" &&
	smtp_config tls &&
	git -C repo config sendemail.smtpReloginDelay 1 &&
	start=$(date +%s) &&
	send_ok &&
	end=$(date +%s) &&
	test $((end - start)) -ge 2 &&
	test_line_count = 3 "$SMTP_DIR/connections" &&
	test $(smtp_count) = 5
'

test_expect_success 'a failure in the second batch: the marks stay, --resume ends it' '
	git -C repo config sendemail.smtpReloginDelay 0 &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=3 &&
	smtp_config tls &&
	test_expect_code 1 send_ok &&
	test $(smtp_count) = 3 &&
	cp -R repo/.git/bpf/outbox journal &&
	grep -c "^[0-9]" journal/accepted >marks &&
	echo 3 >expect && test_cmp expect marks &&
	grep "^error: message 4/5 .* not sent: " err &&
	mkdir before &&
	cp "$SMTP_MAILBOX"/*.eml before/ &&
	rm -f "$SMTP_DIR/connections" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --connections="$SMTP_DIR/connections" &&
	smtp_config tls &&
	(cd repo && git bpf send --resume >../out 2>../err) &&
	test $(smtp_count) = 2 &&
	test_line_count = 1 "$SMTP_DIR/connections" &&
	sed -n "s/^id //p" journal/index | sort >expect &&
	ids before/*.eml >actual &&
	test_cmp expect actual
'

test_expect_success 'smtpReloginDelay without smtpBatchSize is bad input, as in git' '
	git -C repo config --unset sendemail.smtpBatchSize &&
	git -C repo config sendemail.smtpReloginDelay 5 &&
	test_expect_code 2 send_ok &&
	grep "^error:" err >actual &&
	echo "error: sendemail.smtpReloginDelay needs sendemail.smtpBatchSize" >expect &&
	test_cmp expect actual &&
	git -C repo config --unset sendemail.smtpReloginDelay
'

test_expect_success 'an empty smtpSSLCertPath does not turn the checks off' '
	smtp_config tls ca= &&
	(
		cd repo &&
		test_expect_code 2 git -c sendemail.smtpSSLCertPath= bpf send \
			--tree=bpf-next >../out 2>../err
	) &&
	grep "^error:" err >actual &&
	echo "error: the CA certificates setting is empty; git bpf checks certificates unless told --insecure-skip-certificate-check" >expect &&
	test_cmp expect actual
'

test_done
