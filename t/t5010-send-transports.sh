#!/bin/sh
test_description='git bpf send: git -c, identities and sendmail programs, as git send-email has them'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# send_ok [OPTION...]: send the series again (the last send's tag and
# any journal a failed one left gone), the output in ../out and ../err
send_ok () {
	(
		cd repo &&
		git tag -l "sent/*" | xargs -r git tag -d >/dev/null &&
		rm -rf .git/bpf/outbox &&
		git bpf send --tree=bpf-next "$@" >../out 2>../err
	)
}

# ids: the Message-IDs the mailbox (and any DIR given) holds, sorted
ids () {
	for f in "$SMTP_MAILBOX"/*.eml "$@"
	do
		test -f "$f" || continue
		smtp_header Message-ID "$f" || return 1
	done | sort
}

# restart: a fresh server (a new port, an empty mailbox), and the
# settings that name its port follow it
restart () {
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	cat >"$HOME/.msmtprc" <<-EOF &&
	defaults
	tls on
	tls_starttls on
	tls_trust_file $SMTP_CERTS/ca.pem
	timeout 10
	account default
	host 127.0.0.1
	port $SMTP_PORT
	auth on
	user $SMTP_USER
	password $SMTP_PASS
	from jane@example.org
	EOF
	chmod 600 "$HOME/.msmtprc" &&
	if git -C repo config sendemail.work.from >/dev/null
	then
		git -C repo config sendemail.work.smtpServerPort $SMTP_PORT
	fi
}

cat >expect.sent <<-\EOF
sent 1/4 [PATCH bpf-next 0/3] bpf: Precise spilled constants
sent 2/4 [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier
sent 3/4 [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants
sent 4/4 [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level
EOF

test_expect_success 'setup: the series, the server, git config only' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	GIT_BPF_CONFIG="$PWD/bpf.ini" &&
	export GIT_BPF_CONFIG &&
	printf "[send]\nconfirm = never\n" >bpf.ini &&
	git -C repo config sendemail.smtpServer 127.0.0.1 &&
	git -C repo config sendemail.smtpServerPort 1 &&
	git -C repo config sendemail.smtpEncryption tls &&
	git -C repo config sendemail.smtpUser "$SMTP_USER" &&
	git -C repo config sendemail.smtpPass "$SMTP_PASS" &&
	git -C repo config sendemail.smtpSSLCertPath "$SMTP_CERTS/ca.pem"
'

test_expect_success 'git -c sendemail.smtpServerPort wins over the repository' '
	(
		cd repo &&
		git -c sendemail.smtpServerPort=$SMTP_PORT bpf send --tree=bpf-next >../out
	) &&
	grep "^sent " out >actual &&
	test_cmp expect.sent actual &&
	test $(smtp_count) = 4
'

test_expect_success 'GIT_CONFIG_COUNT reaches git bpf send too' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=sendemail.smtpServerPort \
		GIT_CONFIG_VALUE_0=$SMTP_PORT send_ok &&
	test $(smtp_count) = 4
'

test_expect_success 'without -c, the repository port is used' '
	test_expect_code 1 send_ok &&
	grep "^error: cannot connect to '"'"'127.0.0.1:1'"'"'" err
'

test_expect_success 'an identity whose port differs: --identity and sendemail.identity' '
	git -C repo config sendemail.work.from "Jane at Work <jane@work.example>" &&
	restart &&
	send_ok --identity=work &&
	test_cmp expect.sent out &&
	smtp_headers From | sort -u >from &&
	echo "Jane at Work <jane@work.example>" >expect &&
	test_cmp expect from &&
	grep -x "MAIL FROM:<jane@work.example>" "$SMTP_MAILBOX/0001.env" &&

	restart &&
	git -C repo config sendemail.identity work &&
	send_ok &&
	test $(smtp_count) = 4 &&

	test_expect_code 1 send_ok --no-identity &&
	grep "^error: cannot connect to '"'"'127.0.0.1:1'"'"'" err &&
	test_expect_code 1 send_ok --identity=home &&
	grep "^error: cannot connect to '"'"'127.0.0.1:1'"'"'" err &&
	git -C repo config --unset sendemail.identity
'

test_expect_success 'setup: msmtp relays to the server, STARTTLS with the test CA' '
	git -C repo config --remove-section sendemail.work &&
	restart &&
	for k in smtpServerPort smtpEncryption smtpUser smtpPass smtpSSLCertPath
	do
		git -C repo config --unset sendemail.$k || return 1
	done &&
	git -C repo config sendemail.smtpServer "$(command -v msmtp)"
'

test_expect_success 'sendemail.smtpServer = msmtp: the series arrives through it' '
	send_ok &&
	test_cmp expect.sent out &&
	echo "tree: bpf-next (--tree)" >expect &&
	test_cmp expect err &&
	test $(smtp_count) = 4 &&
	smtp_headers Subject >subjects &&
	sed "s/^sent [0-9]\/4 //" expect.sent >expect &&
	test_cmp expect subjects &&
	ids >actual &&
	test_line_count = 4 actual &&
	git -C repo tag -l --format="%(contents)" sent/spill-v1 >tag &&
	for id in $(cat actual)
	do
		grep -F "$id" tag >/dev/null || return 1
	done &&
	test_path_is_missing repo/.git/bpf/outbox
'

# a sendmail that records its arguments and standard input, then hands
# them to msmtp; it takes "--tag VALUE" for itself
test_expect_success 'setup: a recording sendmail' '
	cat >record-sendmail <<-EOF &&
	#!/bin/sh
	n=\$(ls "$PWD"/calls 2>/dev/null | wc -l)
	mkdir -p "$PWD/calls/\$n"
	for a in "\$@"; do printf "%s\n" "\$a"; done >"$PWD/calls/\$n/argv"
	env >"$PWD/calls/\$n/env"
	test "\$1" = --tag && shift 2
	if test -f "$PWD/kill-at" && test \$n = \$(cat "$PWD/kill-at")
	then
		kill -9 \$\$
	fi
	if test -f "$PWD/fail-at" && test \$n = \$(cat "$PWD/fail-at")
	then
		echo "record-sendmail: queue full" >&2
		echo "try again later" >&2
		exit 75
	fi
	tee "$PWD/calls/\$n/stdin" | exec msmtp "\$@"
	EOF
	chmod +x record-sendmail
'

test_expect_success 'an absolute smtpServer runs with -i and the recipients, no shell' '
	rm -rf calls &&
	git -C repo config sendemail.smtpServer "$PWD/record-sendmail" &&
	restart &&
	send_ok &&
	test $(smtp_count) = 4 &&
	head -n 1 calls/0/argv >first &&
	echo "-i" >expect &&
	test_cmp expect first &&
	sed 1d calls/0/argv | sort >rcpts &&
	sed -n "s/^RCPT TO:<\(.*\)>$/\1/p" "$SMTP_MAILBOX/0001.env" | sort >expect &&
	test_cmp expect rcpts &&
	sed -n "1,/^$/p" calls/1/stdin | grep "^Subject: \[PATCH bpf-next 1/3\]"
'

test_expect_success 'the message on stdin is the mail, byte for byte' '
	for n in 0 1 2 3
	do
		test_cmp calls/$n/stdin "$SMTP_MAILBOX/000$((n + 1)).eml" ||
		return 1
	done
'

test_expect_success 'no password is handed to a program, none is asked for' '
	smtp_make_helper &&
	git -C repo config sendemail.smtpUser "$SMTP_USER" &&
	git -C repo config sendemail.smtpPass "$SMTP_PASS" &&
	rm -rf calls &&
	restart &&
	send_ok &&
	test $(smtp_count) = 4 &&
	! grep -rF "$SMTP_PASS" calls/*/argv calls/*/env &&
	test_must_be_empty "$SMTP_DIR/cred.log" &&
	git -C repo config --unset sendemail.smtpPass
'

test_expect_success 'sendemail.envelopeSender: -f, as git send-email puts it first' '
	git -C repo config sendemail.envelopeSender bounces@example.org &&
	rm -rf calls &&
	restart &&
	send_ok &&
	head -n 3 calls/0/argv >actual &&
	printf "%s\n" -f bounces@example.org -i >expect &&
	test_cmp expect actual &&
	grep -x "MAIL FROM:<bounces@example.org>" "$SMTP_MAILBOX/0001.env" &&
	git -C repo config sendemail.envelopeSender auto &&
	rm -rf calls &&
	send_ok &&
	head -n 3 calls/0/argv >actual &&
	printf "%s\n" -f jane@example.org -i >expect &&
	test_cmp expect actual &&
	git -C repo config --unset sendemail.envelopeSender
'

test_expect_success 'sendmailCmd runs through sh -c, recipients as arguments' '
	git -C repo config sendemail.sendmailCmd "\"$PWD/record-sendmail\" --tag '"'"'two words'"'"'" &&
	rm -rf calls &&
	restart &&
	# pasted into the command text, this would run "touch pwned@..."
	rcpt="o'"'"'neil|touch\${IFS}pwned@example.org" &&
	send_ok --cc="$rcpt" &&
	test $(smtp_count) = 4 &&
	head -n 3 calls/0/argv >actual &&
	printf "%s\n" --tag "two words" -i >expect &&
	test_cmp expect actual &&
	grep -xF "$rcpt" calls/0/argv &&
	test_path_is_missing repo/pwned@example.org &&
	test_path_is_missing pwned@example.org
'

test_expect_success 'a program that fails: its words shown, the journal kept, --resume' '
	rm -rf calls &&
	echo 2 >fail-at &&
	restart &&
	test_expect_code 1 send_ok &&
	cat >expect <<-EOF &&
	sent 1/4 [PATCH bpf-next 0/3] bpf: Precise spilled constants
	sent 2/4 [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier
	EOF
	test_cmp expect out &&
	cmd=$(git -C repo config sendemail.sendmailCmd) &&
	grep "^error:" err >actual &&
	echo "error: message 3/4 '"'"'[PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants'"'"' not sent: '"'"'$cmd'"'"' exited with status 75: record-sendmail: queue full; try again later" >expect &&
	test_cmp expect actual &&
	test $(smtp_count) = 2 &&
	grep -c "^[0-9]" repo/.git/bpf/outbox/accepted >marks &&
	echo 2 >expect && test_cmp expect marks &&
	rm fail-at &&
	(cd repo && git bpf send --resume >../out 2>../err) &&
	test $(smtp_count) = 4 &&
	ids >actual &&
	sort -u actual >uniq &&
	test_cmp actual uniq &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'the program killed halfway, then --resume: each Message-ID once' '
	git -C repo config --unset sendemail.sendmailCmd &&
	rm -rf calls &&
	echo 2 >kill-at &&
	restart &&
	test_expect_code 1 send_ok &&
	grep "^error: message 3/4 .* not sent: .* was killed by signal 9$" err &&
	test $(smtp_count) = 2 &&
	cp -R repo/.git/bpf/outbox journal &&
	mkdir before &&
	cp "$SMTP_MAILBOX"/*.eml before/ &&
	rm kill-at &&
	restart &&
	(cd repo && git bpf send --resume >../out 2>../err) &&
	cat >expect <<-\EOF &&
	resuming: 2 of 4 messages were sent, 2 to go
	sent 3/4 [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants
	sent 4/4 [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level
	EOF
	test_cmp expect out &&
	sed -n "s/^id //p" journal/index | sort >expect &&
	ids before/*.eml >actual &&
	test_cmp expect actual &&
	git -C repo rev-parse --verify -q refs/tags/sent/spill-v1 >/dev/null
'

test_expect_success 'a program that is not there: one error, the series waits' '
	git -C repo config sendemail.smtpServer "$PWD/no-such-sendmail" &&
	test_expect_code 1 send_ok &&
	grep "^error:" err >actual &&
	echo "error: cannot run '"'"'$PWD/no-such-sendmail'"'"': No such file or directory" >expect &&
	test_cmp expect actual &&
	rm -rf repo/.git/bpf/outbox
'

test_done
