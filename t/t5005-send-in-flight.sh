#!/bin/sh
test_description='git bpf send: a message that may have been delivered is said so on --resume'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# start [SERVER-OPTION...]: the server, and our config pointing at it.
start () {
	smtp_start --user="$SMTP_USER:$SMTP_PASS" "$@" &&
	smtp_config tls
}

# keep_mailbox NAME: move what the server got so far aside.
keep_mailbox () {
	rm -rf "$1" &&
	mv "$SMTP_MAILBOX" "$1" &&
	mkdir "$SMTP_MAILBOX"
}

# message_ids DIR...: the Message-ID of every message in DIRs, sorted.
message_ids () {
	for f in "$@"
	do
		for m in "$f"/*.eml
		do
			test -f "$m" || continue
			smtp_header Message-ID "$m" || return 1
		done
	done | sort
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs
'

for k in 1 3
do
	test_expect_success "message $k stored, then the connection dropped before the answer" '
		start --drop-after-data=$k &&
		(
			cd repo &&
			test_expect_code 1 git bpf send --tree=bpf-next --resend \
				>../out 2>../err &&
			cp -R .git/bpf/outbox ../journal
		) &&
		test $(smtp_count) = $k &&
		subject=$(sed -n "s/^subject //p" journal/index | sed -n ${k}p) &&
		id=$(sed -n "s/^id //p" journal/index | sed -n ${k}p) &&
		grep -F "hint: message $k/4 $id may have been delivered: all of it went out and no answer came" err &&
		keep_mailbox first &&

		start &&
		(cd repo && git bpf send --resume >../out 2>../err) &&
		cat >expect <<-EOF &&
		warning: message $k/4 '"'"'$subject'"'"' $id may have been delivered: the send stopped after all of it went out, before the server'"'"'s answer was recorded
		hint: it is sent again with the same Message-ID, so the list archive keeps one copy
		EOF
		test_cmp expect err &&
		test $(smtp_count) = $((5 - k)) &&
		test_path_is_missing repo/.git/bpf/outbox &&
		# message k twice, with the same Message-ID; the others once
		{ sed -n "s/^id //p" journal/index && echo "$id"; } | sort >expect &&
		message_ids first "$SMTP_MAILBOX" >actual &&
		test_cmp expect actual &&
		rm -rf journal first
	'
done

test_expect_success 'a message refused after its data is not said to be delivered' '
	start --data-fail=554 --data-fail-from=2 &&
	(
		cd repo &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../out 2>../err
	) &&
	! grep "may have been delivered" err &&
	start &&
	(cd repo && git bpf send --resume >../out 2>../err) &&
	test_must_be_empty err &&
	test $(smtp_count) = 3
'

if command -v gdb >/dev/null && gdb -batch -ex run --args true >/dev/null 2>&1
then
	test_set_prereq GDB
else
	echo "# gdb cannot run programs here: the kill test is skipped"
fi

test_expect_success GDB 'killed after the server'"'"'s 250, before the sent mark' '
	start &&
	# stop at the first mark of a message accepted, and kill -9 there
	(
		cd repo &&
		gdb -batch -ex "break outbox_mark" -ex run -ex "kill" \
			--args "$GIT_BPF_BUILD/bin/git-bpf-send" \
				--tree=bpf-next --resend >../gdb.out 2>&1
	) &&
	grep "Breakpoint 1, outbox_mark" gdb.out &&
	test $(smtp_count) = 1 &&
	id=$(sed -n "s/^id //p" repo/.git/bpf/outbox/index | sed -n 1p) &&
	subject=$(sed -n "s/^subject //p" repo/.git/bpf/outbox/index | sed -n 1p) &&
	keep_mailbox first &&
	start &&
	(cd repo && git bpf send --resume >../out 2>../err) &&
	cat >expect <<-EOF &&
	warning: message 1/4 '"'"'$subject'"'"' $id may have been delivered: the send stopped after all of it went out, before the server'"'"'s answer was recorded
	hint: it is sent again with the same Message-ID, so the list archive keeps one copy
	EOF
	test_cmp expect err &&
	test $(smtp_count) = 4 &&
	smtp_header Message-ID first/0001.eml >expect &&
	smtp_header Message-ID "$SMTP_MAILBOX/0001.eml" >actual &&
	test_cmp expect actual
'

test_done
