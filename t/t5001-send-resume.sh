#!/bin/sh
test_description='git bpf send: a send cut short resumes with every message exactly once'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# keep_mailbox NAME: move what the server got so far aside.
keep_mailbox () {
	rm -rf "$1" &&
	mv "$SMTP_MAILBOX" "$1" &&
	mkdir "$SMTP_MAILBOX"
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs
'

for k in 0 1 2 3
do
	test_expect_success "connection dropped after $k of 4, then --resume" '
		smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=$k &&
		smtp_config tls &&
		(
			cd repo &&
			test_expect_code 1 git bpf send --tree=bpf-next --resend \
				>../out 2>../err &&
			cp -R .git/bpf/outbox ../journal
		) &&
		test $(smtp_count) = $k &&
		{ grep "^[0-9]" journal/accepted || :; } >marks &&
		test_line_count = $k marks &&
		{ grep "^sent " out || :; } >sent &&
		test_line_count = $k sent &&
		n=$((k + 1)) &&
		subject=$(sed -n "s/^subject //p" journal/index | sed -n ${n}p) &&
		grep -F "error: message $n/4 '\''$subject'\'' not sent: '\''127.0.0.1:$SMTP_PORT'\'' closed the connection" err &&
		grep -F "git bpf send --resume" err &&
		keep_mailbox first &&

		# a new send is refused while this one waits
		(
			cd repo &&
			test_expect_code 1 git bpf send --tree=bpf-next --resend \
				>../out 2>../err
		) &&
		grep "^error: an interrupted send is waiting in" err &&
		grep "^hint: .git bpf send --resume." err &&

		smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
		smtp_config tls &&
		(cd repo && git bpf send --resume >../out 2>../err) &&
		test $(smtp_count) = $((4 - k)) &&
		test_path_is_missing repo/.git/bpf/outbox &&

		# each Message-ID exactly once, and the very bytes journaled
		sed -n "s/^id //p" journal/index | sort >expect &&
		for f in first/*.eml "$SMTP_MAILBOX"/*.eml
		do
			test -f "$f" || continue
			smtp_header Message-ID "$f" || return 1
		done | sort >actual &&
		test_cmp expect actual &&
		i=$k &&
		for n in $(smtp_messages)
		do
			i=$((i + 1)) &&
			test_cmp journal/$(printf %04d $i).eml \
				"$SMTP_MAILBOX/$n.eml" || return 1
		done &&
		rm -rf journal first
	'
done

test_expect_success 'resume goes on from a later failure too' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --data-fail=554 \
		--data-fail-from=3 &&
	smtp_config tls &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	subject=$(sed -n "s/^subject //p" repo/.git/bpf/outbox/index |
		  sed -n 3p) &&
	cat >expect <<-EOF &&
	error: message 3/4 '\''$subject'\'' refused: 554 5.7.1 message content rejected
	hint: 2 of 4 messages were sent; the other 2 wait in '\''$PWD/repo/.git/bpf/outbox'\''
	hint: '\''git bpf send --resume'\'' sends them once the problem is fixed
	hint: '\''git bpf send --abort'\'' drops them
	EOF
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 2 &&
	keep_mailbox first &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd repo && git bpf send --resume >../out) &&
	cat >expect <<-EOF &&
	resuming: 2 of 4 messages were sent, 2 to go
	sent 3/4 $subject
	EOF
	head -n 2 out >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 2
'

test_expect_success 'a refused recipient stops the send and names the reply' '
	for code in 451 550
	do
		smtp_start --user="$SMTP_USER:$SMTP_PASS" \
			--rcpt-fail=ast@kernel.org=$code &&
		smtp_config tls &&
		(
			cd repo &&
			test_expect_code 1 git bpf send --tree=bpf-next \
				--resend >../out 2>../err
		) &&
		test_path_is_missing repo/.git/bpf/outbox &&
		test $(smtp_count) = 0 &&
		grep "^error: message 1/4 .* refused: $code [45]\.[0-9.]* <ast@kernel.org>: " err ||
		return 1
	done
'

test_expect_success 'resume uses today'"'"'s configuration, never the journal'"'"'s' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=2 &&
	smtp_config tls port=1 &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			--smtp-port=$SMTP_PORT >../out 2>../err
	) &&
	test $(smtp_count) = 2 &&
	keep_mailbox first &&
	# no transport setting is journaled
	! grep -E "^(server|port|encryption|user) " repo/.git/bpf/outbox/index &&
	# and one planted in the index is not obeyed
	sed -i "1a\\
server 192.0.2.1\\
encryption none" repo/.git/bpf/outbox/index &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	(cd repo && test_expect_code 1 git bpf send --resume >../out 2>../err) &&
	grep "^error: cannot connect to .127.0.0.1:1.: Connection refused$" err &&
	smtp_config tls &&
	(cd repo && git bpf send --resume >../out) &&
	test $(smtp_count) = 2 &&
	test_path_is_missing repo/.git/bpf/outbox
'

test_expect_success 'a second send while one is sending is refused' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --hang-data &&
	smtp_config tls timeout=5 &&
	{
		(cd repo && exec git bpf send --tree=bpf-next --resend) \
			>bg.out 2>bg.err &
	} &&
	bg=$! &&
	i=0 &&
	while ! test -f repo/.git/bpf/outbox/index
	do
		test $i -lt 100 || break
		sleep 0.1
		i=$((i + 1))
	done &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --resume >../out 2>../err
	) &&
	echo "error: another '\''git bpf send'\'' is sending from this repository" >expect &&
	test_cmp expect err &&
	test_expect_code 1 wait $bg &&
	rm -r repo/.git/bpf/outbox
'

test_expect_success '--resume with nothing to resume' '
	(
		cd repo &&
		test_expect_code 1 git bpf send --resume >../out 2>../err
	) &&
	grep "^error: no interrupted send to resume" err
'

test_done
