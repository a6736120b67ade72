#!/bin/sh
test_description='git bpf report over SMTP: the envelope is the recipients, never stable@'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

test_expect_success 'setup' '
	make_kernel_repo linux &&
	(
		cd linux &&
		git config user.name "Rita Reporter" &&
		git config user.email rita@example.org &&
		printf "x\n" >>kernel/bpf/verifier.c &&
		git add kernel/bpf/verifier.c &&
		test_tick &&
		GIT_AUTHOR_NAME="Bug Author" GIT_AUTHOR_EMAIL=bug@example.org \
		git commit -q -F - <<-\EOF
		bpf: Relax the bounds of spilled constants

		Keep the bounds across the spill.

		Signed-off-by: Bug Author <bug@example.org>
		Cc: stable@vger.kernel.org
		EOF
	) &&
	printf "What happened:\nLoops are rejected.\n" >body &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls
'

test_expect_success 'the report goes to the list, maintainers and the author' '
	(cd linux && git bpf report --subject="verifier rejects loops" \
		--body=../body --commit=HEAD --stdout) >expect.mbox &&
	(cd linux && git bpf report --subject="verifier rejects loops" \
		--body=../body --commit=HEAD) >out &&
	test $(smtp_count) = 1 &&
	msg="$SMTP_MAILBOX/0001.eml" &&
	env="$SMTP_MAILBOX/0001.env" &&
	cat >expect <<-\EOF &&
	MAIL FROM:<rita@example.org>
	RCPT TO:<bpf@vger.kernel.org>
	RCPT TO:<ast@kernel.org>
	RCPT TO:<daniel@iogearbox.net>
	RCPT TO:<andrii@kernel.org>
	RCPT TO:<bug@example.org>
	RCPT TO:<john.fastabend@gmail.com>
	RCPT TO:<martin.lau@linux.dev>
	RCPT TO:<song@kernel.org>
	RCPT TO:<yhs@fb.com>
	RCPT TO:<kpsingh@kernel.org>
	RCPT TO:<sdf@google.com>
	RCPT TO:<haoluo@google.com>
	RCPT TO:<jolsa@kernel.org>
	RCPT TO:<linux-kernel@vger.kernel.org>
	EOF
	test_cmp expect "$env" &&
	! grep -i stable "$msg" &&
	sed -e 1d -e "/^Date: /d" -e "/^Message-ID: /d" expect.mbox >expect &&
	sed -e "/^Date: /d" -e "/^Message-ID: /d" "$msg" >actual &&
	test_cmp expect actual
'

test_expect_success 'the command line overrides the SMTP config' '
	smtp_config tls port=1 &&
	(cd linux && git bpf report --subject=S --body=../body \
		--smtp-port=$SMTP_PORT) &&
	test $(smtp_count) = 2 &&
	smtp_config tls
'

test_expect_success 'an unknown encryption is bad input: exit 2' '
	(cd linux && test_expect_code 2 git bpf report --subject=S \
		--body=../body --smtp-encryption=rot13) 2>err &&
	grep "^error: unknown SMTP encryption '"'"'rot13'"'"'" err
'

test_expect_success 'a server that is gone: exit 1, nothing sent' '
	smtp_stop &&
	(cd linux && test_expect_code 1 git bpf report --subject=S \
		--body=../body) 2>err &&
	grep "^error: cannot connect to '"'"'127.0.0.1:$SMTP_PORT'"'"'" err &&
	test $(smtp_count) = 2 &&
	grep "^hint: nothing was sent, and nothing waits: run the same command again once the problem is fixed$" err &&
	! test -d linux/.git/bpf/outbox
'

test_done
