#!/bin/sh
test_description='git bpf stable-request over SMTP: To the BPF maintainers, Cc netdev and bpf, never stable@'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# make_kernel_repo gives v6.1 and origin/master (torvalds/linux.git);
# add a bug after it, v6.2, a fix in mainline and the stable branch
# linux-6.1.y, which has the bug through no backport (older than it) and
# linux-6.2.y, which needs the fix.
test_expect_success 'setup' '
	make_kernel_repo linux &&
	(
		cd linux &&
		git config user.name "Jane Developer" &&
		git config user.email jane@example.org &&
		test_commit_file kernel/bpf/verifier.c "/* bug */" \
			"bpf: Track spilled constants" &&
		git tag -a -m "Linux 6.2" v6.2 &&
		commit_msg kernel/bpf/verifier.c "/* fix */" <<-EOF &&
		bpf: Fix spilled constants tracking

		Fixes: $(short HEAD) ("bpf: Track spilled constants")
		Signed-off-by: Jane Developer <jane@example.org>
		Cc: stable@vger.kernel.org
		EOF
		git update-ref refs/remotes/origin/master HEAD &&
		git branch linux-6.1.y v6.1 &&
		git branch linux-6.2.y v6.2
	) &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls
'

test_expect_success 'the request is delivered to the maintainers, netdev and bpf' '
	(cd linux && git bpf stable-request --stdout HEAD) >expect.mbox 2>/dev/null &&
	(cd linux && git bpf stable-request HEAD) >out &&
	test $(smtp_count) = 1 &&
	msg="$SMTP_MAILBOX/0001.eml" &&
	env="$SMTP_MAILBOX/0001.env" &&
	cat >expect <<-\EOF &&
	MAIL FROM:<jane@example.org>
	RCPT TO:<ast@kernel.org>
	RCPT TO:<daniel@iogearbox.net>
	RCPT TO:<andrii@kernel.org>
	RCPT TO:<netdev@vger.kernel.org>
	RCPT TO:<bpf@vger.kernel.org>
	EOF
	test_cmp expect "$env" &&
	smtp_header To "$msg" >to &&
	echo "Alexei Starovoitov <ast@kernel.org>, Daniel Borkmann <daniel@iogearbox.net>, Andrii Nakryiko <andrii@kernel.org>" >expect &&
	test_cmp expect to &&
	smtp_header Cc "$msg" >cc &&
	echo "netdev@vger.kernel.org, bpf@vger.kernel.org" >expect &&
	test_cmp expect cc &&
	smtp_header Subject "$msg" >subject &&
	echo "Request for stable: bpf: Fix spilled constants tracking" >expect &&
	test_cmp expect subject &&
	! grep -i "stable@" "$msg" &&
	! grep -i "stable@" "$env" &&
	grep "^  queue for:  linux-6.2.y$" "$msg" &&
	grep "^  no bug:     linux-6.1.y$" "$msg" &&
	sed -e 1d -e "/^Date: /d" -e "/^Message-ID:/,/^[^ ]/{/^Message-ID:/d;/^ /d;}" \
		expect.mbox >expect &&
	sed -e "/^Date: /d" -e "/^Message-ID:/,/^[^ ]/{/^Message-ID:/d;/^ /d;}" \
		"$msg" >actual &&
	test_cmp expect actual
'

test_expect_success 'the command line overrides the SMTP config' '
	smtp_config tls port=1 &&
	(cd linux && git bpf stable-request --smtp-port=$SMTP_PORT HEAD) >out &&
	test $(smtp_count) = 2 &&
	smtp_config tls
'

test_expect_success 'an unknown encryption is bad input: exit 2, nothing sent' '
	(cd linux && test_expect_code 2 git bpf stable-request \
		--smtp-encryption=rot13 HEAD) >out 2>err &&
	grep "^error: unknown SMTP encryption .rot13." err &&
	test $(smtp_count) = 2
'

test_expect_success 'nothing to request sends nothing' '
	(
		cd linux &&
		git branch -f linux-6.2.y HEAD &&
		test_expect_code 1 git bpf stable-request HEAD >../out
	) &&
	grep "^nothing to request" out &&
	test $(smtp_count) = 2
'

test_expect_success 'a server that is gone: exit 1' '
	(cd linux && git branch -f linux-6.2.y v6.2) &&
	smtp_stop &&
	(cd linux && test_expect_code 1 git bpf stable-request HEAD) >out 2>err &&
	grep "^error: cannot connect to .127.0.0.1:$SMTP_PORT." err
'

test_done
