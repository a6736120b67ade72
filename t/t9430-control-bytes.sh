#!/bin/sh
test_description='control bytes from commits and MAINTAINERS are shown escaped, never sent to the terminal'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# no_ctl FILE...: no C0 byte but TAB and LF, no DEL, no C1, in FILEs.
no_ctl () {
	if LC_ALL=C grep -n "$(printf "[\001-\010\013-\037\177]")" "$@" ||
	   LC_ALL=C grep -n "$(printf "\302[\200-\237]")" "$@"
	then
		echo "control bytes in $*"
		return 1
	fi
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	git -C repo checkout -q -b esc --track bpf-next/master &&
	git -C repo config branch.esc.description "bpf: Escapes" &&
	echo "/* esc */" >>repo/kernel/bpf/verifier.c &&
	git -C repo add kernel/bpf/verifier.c &&
	printf "bpf: Set the \033]0;owned\007 title \302\233 2J\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" >msg &&
	git -C repo commit -q -F ../msg
'

test_expect_success '--dry-run shows the subject escaped' '
	(cd repo && git bpf send --no-check --tree=bpf-next --dry-run >../out 2>../err) &&
	no_ctl out err &&
	grep -F "[PATCH bpf-next] bpf: Set the \\x1b]0;owned\\x07 title \\xc2\\x9b 2J" out
'

test_expect_success 'the mail keeps the bytes as they were' '
	(cd repo && git bpf send --no-check --tree=bpf-next --stdout >../mbox 2>../err) &&
	no_ctl err &&
	git mailinfo -k mi.msg mi.patch <mbox >info &&
	printf "Subject: [PATCH bpf-next] bpf: Set the \033]0;owned\007 title \302\233 2J\n" >expect &&
	grep "^Subject: " info >actual &&
	test_cmp expect actual
'

test_expect_success 'the sent lines show the subject escaped' '
	(cd repo && git bpf send --no-check --tree=bpf-next >../out 2>../err) &&
	no_ctl out err &&
	echo "sent 1/1 [PATCH bpf-next] bpf: Set the \\x1b]0;owned\\x07 title \\xc2\\x9b 2J" >expect &&
	test_cmp expect out &&
	test $(smtp_count) = 1
'

test_expect_success 'errors show the culprit escaped' '
	git -C repo commit -q --amend -m "bpf: Fix" -m "Cc: $(printf "\033[2J")@evil.example.org" &&
	(cd repo && test_expect_code 2 git bpf send --no-check --tree=bpf-next --resend >../out 2>../err) &&
	no_ctl out err &&
	grep -F "error: trailer '"'"'Cc: \\x1b[2J@evil.example.org'"'"'" err
'

test_expect_success 'git bpf maintainers shows MAINTAINERS names escaped' '
	cat >MAINTAINERS <<-EOF &&
	BPF [ESC]
	M:	$(printf "Evil \033[2J Name") <evil@example.org>
	L:	bpf@vger.kernel.org
	S:	Maintained
	F:	kernel/bpf/
	EOF
	(cd repo && git bpf maintainers --maintainers=../MAINTAINERS kernel/bpf/verifier.c >../out 2>../err) &&
	no_ctl out err &&
	grep -F "\"Evil \\x1b[2J Name\" <evil@example.org> (maintainer:BPF [ESC])" out
'

test_done
