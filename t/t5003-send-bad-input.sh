#!/bin/sh
test_description='git bpf send: bad settings and addresses stop it before anything is sent'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls
'

test_expect_success 'an unknown encryption is bad input' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--smtp-encryption=maybe >../out 2>../err
	) &&
	echo "error: unknown SMTP encryption '\''maybe'\'' (ssl, tls or none)" >expect &&
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	test_path_is_missing repo/.git/bpf/outbox &&
	test $(smtp_count) = 0
'

test_expect_success 'a port that is no number is bad input' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--smtp-port=smtp >../out 2>../err
	) &&
	echo "error: SMTP port '\''smtp'\'' is no port number" >expect &&
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'no server configured is bad input' '
	(
		cd repo &&
		GIT_BPF_CONFIG=/dev/null &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--confirm=never >../out 2>../err
	) &&
	grep "^error: no SMTP server configured$" err &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'a password is not sent in clear text over the network' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--smtp-server=smtp.example.org --smtp-encryption=none \
			>../out 2>../err
	) &&
	grep "^error: refusing to send the password of .$SMTP_USER. unencrypted to .smtp.example.org.$" err
'

test_expect_success 'a malformed address in --to is bad input' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--to="not an address" >../out 2>../err
	) &&
	grep "^error: .*not an address" err &&
	test_path_is_missing repo/.git/bpf/outbox &&
	test $(smtp_count) = 0
'

test_expect_success 'a recipient with CR or LF in it is bad input' '
	printf "evil@example.org\nBcc: victim@example.org\n" >bad.lf &&
	printf "evil@example.org\rBcc: victim@example.org\n" >bad.cr &&
	for kind in lf cr
	do
		(
			cd repo &&
			test_expect_code 2 git bpf send --tree=bpf-next \
				--cc="$(cat ../bad.$kind)" >../out 2>../err.$kind
		) &&
		grep "^error: " err.$kind &&
		test_path_is_missing repo/.git/bpf/outbox || return 1
	done &&
	test $(smtp_count) = 0
'

test_expect_success 'the error names the recipient in one line, breaks escaped' '
	for kind in lf cr
	do
		grep -v "^tree: " err.$kind >actual &&
		test_line_count = 1 actual &&
		! grep -i "^Bcc" actual &&
		! grep "$(printf "\r")" actual || return 1
	done
'

test_expect_success 'an unknown confirm mode is bad input' '
	(
		cd repo &&
		test_expect_code 2 git bpf send --tree=bpf-next \
			--confirm=sometimes >../out 2>../err
	) &&
	grep "^error: .*confirm.*sometimes" err &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'an unreachable server: a clear error, nothing sent' '
	port=$SMTP_PORT &&
	smtp_stop &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next \
			>../out 2>../err
	) &&
	grep "^error: cannot connect to .127.0.0.1:$port.: Connection refused$" err &&
	grep "^hint: nothing was sent" err &&
	! grep "^sent " out
'

test_expect_success 'confirmation needs a terminal when asked for always' '
	(
		cd repo &&
		rm -rf .git/bpf/outbox &&
		test_expect_code 1 git bpf send --tree=bpf-next \
			--confirm=always </dev/null >../out 2>../err
	) &&
	grep "^error: cannot ask for confirmation: no terminal$" err &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_done
