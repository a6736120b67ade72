#!/bin/sh
test_description='git bpf send: a series over SMTP, STARTTLS or implicit TLS, with AUTH'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# check_envelopes: each message went to exactly the addresses of its To
# and Cc headers, from the address of its From header.
check_envelopes () {
	"$SMTP_PYTHON" - "$SMTP_MAILBOX" <<-\EOF
	import email, email.policy, email.utils, glob, sys
	bad = 0
	for eml in sorted(glob.glob(sys.argv[1] + '/*.eml')):
	    with open(eml, 'rb') as f:
	        m = email.message_from_binary_file(f, policy=email.policy.compat32)
	    want = {a.lower() for _, a in email.utils.getaddresses(
	        m.get_all('To', []) + m.get_all('Cc', []))}
	    sender = email.utils.parseaddr(m['From'])[1]
	    with open(eml[:-4] + '.env') as f:
	        env = f.read().splitlines()
	    got = {l[9:-1].lower() for l in env if l.startswith('RCPT TO:<')}
	    if env[0] != 'MAIL FROM:<%s>' % sender or got != want or \
	       len(got) != len(env) - 1:
	        print(eml, env, sorted(want))
	        bad = 1
	sys.exit(bad)
	EOF
}

# strip_volatile FILE...: the messages without what differs from one
# composition to the next (Date, Message-ID and threading headers) and
# without an mbox "From " line.
strip_volatile () {
	for f in "$@"
	do
		sed -e '1{/^From [0-9a-f]* Mon Sep 17 00:00:00 2001$/d;}' \
		    -e '/^$/,$b' \
		    -e '/^\(Date\|Message-ID\|In-Reply-To\|References\): /d' "$f"
	done
}

test_expect_success 'setup' '
	smtp_series repo &&
	(cd repo && git bpf send --tree=bpf-next -o ../files >/dev/null) &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls
'

test_expect_success 'a series over STARTTLS with AUTH arrives whole' '
	(
		cd repo &&
		git bpf send --tree=bpf-next >../out
	) &&
	cat >expect <<-\EOF &&
	sent 1/4 [PATCH bpf-next 0/3] bpf: Precise spilled constants
	sent 2/4 [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier
	sent 3/4 [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants
	sent 4/4 [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level
	EOF
	grep "^sent " out >actual &&
	test_cmp expect actual &&
	sed "s/^sent [0-9]\/4 //" expect >expect.subjects &&
	smtp_headers Subject >actual &&
	test_cmp expect.subjects actual &&
	test $(smtp_count) = 4
'

test_expect_success 'each message went to its To and Cc, from its sender' '
	check_envelopes
'

test_expect_success 'the patches thread under the cover, ids all distinct' '
	smtp_headers Message-ID >ids &&
	sort -u ids >ids.sorted &&
	test_line_count = 4 ids.sorted &&
	cover=$(head -n 1 ids) &&
	for n in 0002 0003 0004
	do
		test "$(smtp_header In-Reply-To "$SMTP_MAILBOX/$n.eml")" = "$cover" &&
		test "$(smtp_header References "$SMTP_MAILBOX/$n.eml")" = "$cover" ||
		return 1
	done
'

test_expect_success 'the mails are the messages, byte for byte' '
	strip_volatile files/*.patch >expect &&
	for n in $(smtp_messages)
	do
		strip_volatile "$SMTP_MAILBOX/$n.eml" || return 1
	done >actual &&
	test_cmp expect actual &&
	grep -x "\." "$SMTP_MAILBOX/0003.eml" &&
	grep -x "\.\.two dots" "$SMTP_MAILBOX/0003.eml" &&
	grep -x "\.leading dot" "$SMTP_MAILBOX/0003.eml"
'

test_expect_success 'git am of the received mails reproduces the series' '
	git clone -q repo am &&
	(
		cd am &&
		git checkout -q -b applied origin/spill~3 &&
		git am -q "$SMTP_MAILBOX/0002.eml" "$SMTP_MAILBOX/0003.eml" \
			"$SMTP_MAILBOX/0004.eml" &&
		test $(git rev-parse HEAD^{tree}) = \
			$(git rev-parse origin/spill^{tree}) &&
		git log --format="%an <%ae>%n%B" origin/spill~3..origin/spill >expect &&
		git log --format="%an <%ae>%n%B" HEAD~3..HEAD >actual &&
		test_cmp expect actual
	)
'

test_expect_success 'a patch of a file with CRLF line ends goes without a bare CR' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(
		cd repo &&
		git checkout -q -b crlf bpf-next/master &&
		printf "one\r\ntwo\r\n" >tools/testing/selftests/bpf/crlf.txt &&
		git add tools/testing/selftests/bpf/crlf.txt &&
		test_tick &&
		git commit -q -s -m "selftests/bpf: Add a file with CRLF line ends" &&
		git bpf send --tree=bpf-next --no-check >../out &&
		git checkout -q spill
	) &&
	test $(smtp_count) = 1 &&
	grep -x "+one" "$SMTP_MAILBOX/0001.eml" &&
	grep -x "+two" "$SMTP_MAILBOX/0001.eml"
'

test_expect_success 'the send is recorded and the journal is gone' '
	(
		cd repo &&
		git rev-parse --verify -q refs/tags/sent/spill-v1 >/dev/null &&
		test_path_is_missing .git/bpf/outbox &&
		git tag -l --format="%(contents)" sent/spill-v1 >../tag
	) &&
	for id in $(cat ids)
	do
		grep -F "$id" tag >/dev/null || return 1
	done
'

test_expect_success 'implicit TLS (smtps) on its own port' '
	smtp_start --mode=ssl --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config ssl &&
	(cd repo && git bpf send --tree=bpf-next --resend >../out) &&
	grep -c "^sent [1-4]/4 \[PATCH RESEND bpf-next" out >count &&
	echo 4 >expect &&
	test_cmp expect count &&
	test $(smtp_count) = 4 &&
	check_envelopes
'

test_expect_success 'a git send-email setup needs nothing new' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	printf "[send]\nconfirm = never\n" >sendemail.ini &&
	(
		cd repo &&
		git config sendemail.smtpServer 127.0.0.1 &&
		git config sendemail.smtpServerPort $SMTP_PORT &&
		git config sendemail.smtpEncryption tls &&
		git config sendemail.smtpUser "$SMTP_USER" &&
		git config sendemail.smtpPass "$SMTP_PASS" &&
		git config sendemail.smtpSSLCertPath "$SMTP_CERTS/ca.pem" &&
		GIT_BPF_CONFIG=../sendemail.ini git bpf send --tree=bpf-next \
			--resend >../out &&
		git config --remove-section sendemail
	) &&
	test $(smtp_count) = 4
'

test_expect_success 'the command line wins over the config' '
	smtp_start --mode=ssl --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls port=1 &&
	(
		cd repo &&
		git bpf send --tree=bpf-next --resend --smtp-port=$SMTP_PORT \
			--smtp-encryption=ssl >../out
	) &&
	test $(smtp_count) = 4
'

test_expect_success '--smtp-debug shows the dialogue, never the secrets' '
	for mech in PLAIN LOGIN
	do
		smtp_start --user="$SMTP_USER:$SMTP_PASS" --auth-only=$mech &&
		smtp_config tls &&
		(
			cd repo &&
			git bpf send --tree=bpf-next --resend --smtp-debug \
				>../out 2>../debug.$mech
		) &&
		test $(smtp_count) = 4 &&
		grep "^> AUTH $mech" debug.$mech &&
		grep "^< 235 " debug.$mech &&
		grep "^> MAIL FROM:<jane@example.org>" debug.$mech &&
		! grep -F "$SMTP_PASS" debug.$mech &&
		printf "%s" "$SMTP_USER" | base64 -w0 >secret.1 &&
		printf "%s" "$SMTP_PASS" | base64 -w0 >secret.2 &&
		printf "\\000%s\\000%s" "$SMTP_USER" "$SMTP_PASS" |
			base64 -w0 >secret.3 &&
		for n in 1 2 3
		do
			! grep -F -f secret.$n debug.$mech || return 1
		done || return 1
	done &&
	# AUTH PLAIN with its secret on a line of its own
	grep -A2 "^> AUTH PLAIN" debug.PLAIN >auth &&
	grep "^> <redacted>$" auth
'

test_expect_success 'the password never reaches the journal' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=1 &&
	smtp_config tls &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err &&
		test_path_is_dir .git/bpf/outbox &&
		! grep -r -F "$SMTP_PASS" .git/bpf &&
		b64=$(printf "%s" "$SMTP_PASS" | base64 -w0) &&
		! grep -r -F "$b64" .git/bpf &&
		rm -r .git/bpf/outbox
	)
'

test_done
