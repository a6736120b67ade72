#!/bin/sh
test_description='git bpf report --llvm: an LLVM BPF back-end issue to netdev, the LLVM and BPF maintainers in Cc'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

TOOLS="$SHARNESS_TRASH_DIRECTORY/tools"
TAB=$(printf '\t')

# The mail without what changes from run to run.
normalize () {
	sed -e 's/^Date: .*/Date: DATE/' -e 's/^Message-ID: .*/Message-ID: ID/' "$@"
}

test_expect_success 'setup: a kernel tree with the real 6.1 MAINTAINERS, llc and clang' '
	ksrc=$("$GIT_BPF_SRC/t/kernel-src.sh") &&
	make_kernel_repo linux &&
	(
		cd linux &&
		cp "$ksrc/MAINTAINERS" MAINTAINERS &&
		git add MAINTAINERS &&
		test_tick &&
		git commit -q -m "MAINTAINERS: as in 6.1" &&
		git config user.name "Rita Reporter" &&
		git config user.email rita@example.org
	) &&
	mkdir -p "$TOOLS" &&
	cat >"$TOOLS/llc" <<-\EOF &&
	#!/bin/sh
	test "$*" = --version || exit 1
	printf "Debian LLVM version 17.0.6\n  Optimized build.\n"
	EOF
	cat >"$TOOLS/clang" <<-\EOF &&
	#!/bin/sh
	test "$*" = --version || exit 1
	printf "Debian clang version 17.0.6 (++20231208)\nTarget: x86_64-pc-linux-gnu\n"
	EOF
	chmod +x "$TOOLS/llc" "$TOOLS/clang" &&
	LLC="$TOOLS/llc" &&
	CLANG="$TOOLS/clang" &&
	export LLC CLANG &&
	cat >body <<-\EOF &&
	What happened:
	clang -O2 -target bpf emits a 32-bit move the verifier rejects.
	EOF
	cat >verifier.log <<-\EOF
	0: R1=ctx(off=0,imm=0) R10=fp0
	; int prog(struct __sk_buff *skb)
	0: (bc) w0 = w1
	R1 invalid mem access '"'"'ctx'"'"'
	# processed 1 insns
	EOF
'

test_expect_success '6.1 has no BPF LLVM section: netdev, and the three the QA names' '
	(cd linux && git bpf report --llvm --subject="llvm: bad 32-bit move" \
		--body=../body --mcpu=v3 --verifier-log=../verifier.log \
		--stdout) >mbox &&
	normalize mbox | sed 1d >actual &&
	cat >expect <<-EOF &&
	From: Rita Reporter <rita@example.org>
	Date: DATE
	Subject: llvm: bad 32-bit move
	Message-ID: ID
	To: netdev@vger.kernel.org
	Cc: Yonghong Song <yhs@fb.com>,
	${TAB}Alexei Starovoitov <ast@kernel.org>,
	${TAB}Daniel Borkmann <daniel@iogearbox.net>
	MIME-Version: 1.0
	Content-Type: text/plain; charset=UTF-8
	Content-Transfer-Encoding: 8bit
	X-Mailer: git-bpf $(cat "$GIT_BPF_SRC/VERSION")

	What happened:
	clang -O2 -target bpf emits a 32-bit move the verifier rejects.

	LLVM: $TOOLS/llc 17.0.6, $TOOLS/clang 17.0.6
	-mcpu: v3
	Kernel version: 6.1.0 (tree at $(git -C linux rev-parse --short=12 HEAD) ("MAINTAINERS: as in 6.1"))

	Verifier log:
	0: R1=ctx(off=0,imm=0) R10=fp0
	; int prog(struct __sk_buff *skb)
	0: (bc) w0 = w1
	R1 invalid mem access '"'"'ctx'"'"'
	# processed 1 insns
	EOF
	test_cmp expect actual
'

test_expect_success 'without --mcpu the text says llc chose; a missing clang is said' '
	(cd linux && CLANG=no-such-clang git bpf report --llvm --subject=S \
		--body=../body --stdout) >mbox &&
	sed -n "/^LLVM: /,/^-mcpu: /p" mbox >actual &&
	cat >expect <<-EOF &&
	LLVM: $TOOLS/llc 17.0.6, no-such-clang (no version found)
	-mcpu: generic (llc'"'"'s default)
	EOF
	test_cmp expect actual
'

test_expect_success 'the template in the editor holds the toolchain, and says where the log goes' '
	cat >editor <<-\EOF &&
	#!/bin/sh
	cp "$1" ../template
	EOF
	chmod +x editor &&
	(cd linux && test_expect_code 1 env GIT_EDITOR=../editor git bpf report \
		--llvm --verifier-log=../verifier.log --dry-run) 2>err &&
	grep "^LLVM: $TOOLS/llc 17.0.6, $TOOLS/clang 17.0.6$" template &&
	grep "^-mcpu: generic" template &&
	grep "^# The verifier log is added after your text.$" template &&
	grep "^# To: netdev@vger.kernel.org$" template &&
	grep "^error: the report still holds the placeholder" err
'

test_expect_success 'a BPF [LLVM] section names the LLVM people, with the BPF maintainers' '
	(
		cd linux &&
		git checkout -q -b llvm-section &&
		printf "%s\n" "" "BPF [LLVM]" "M:	Ella Llvm <ella@llvm.example.org>" \
			"R:	Rob Reviewer <rob@llvm.example.org>" \
			"L:	bpf@vger.kernel.org" "S:	Maintained" \
			"F:	tools/testing/selftests/bpf/llvm/" >>MAINTAINERS &&
		git commit -q -a -m "MAINTAINERS: a BPF [LLVM] section" &&
		git bpf report --llvm --subject=S --body=../body --stdout >../mbox &&
		git checkout -q master
	) &&
	sed -n "/^To:/,/^MIME/p" mbox >actual &&
	cat >expect <<-EOF &&
	To: netdev@vger.kernel.org
	Cc: Ella Llvm <ella@llvm.example.org>,
	${TAB}Alexei Starovoitov <ast@kernel.org>,
	${TAB}Daniel Borkmann <daniel@iogearbox.net>,
	${TAB}Andrii Nakryiko <andrii@kernel.org>
	MIME-Version: 1.0
	EOF
	test_cmp expect actual
'

test_expect_success '[lists] llvm and [lists] netdev replace the defaults' '
	cat >config <<-\EOF &&
	[lists]
	llvm = Lee Vm <lee@example.org>, Alexei Starovoitov <ast@kernel.org>
	netdev = netdev-test@example.org
	EOF
	(cd linux && GIT_BPF_CONFIG=../config git bpf report --llvm --subject=S \
		--body=../body --cc=extra@example.org --stdout) >mbox &&
	sed -n "/^To:/,/^MIME/p" mbox >actual &&
	cat >expect <<-EOF &&
	To: netdev-test@example.org
	Cc: Lee Vm <lee@example.org>,
	${TAB}Alexei Starovoitov <ast@kernel.org>,
	${TAB}extra@example.org
	MIME-Version: 1.0
	EOF
	test_cmp expect actual
'

test_expect_success 'delivered over SMTP as send delivers: the envelope is exact' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd linux && git bpf report --llvm --subject="llvm: bad 32-bit move" \
		--body=../body --verifier-log=../verifier.log) >out &&
	test $(smtp_count) = 1 &&
	cat >expect <<-\EOF &&
	MAIL FROM:<rita@example.org>
	RCPT TO:<netdev@vger.kernel.org>
	RCPT TO:<yhs@fb.com>
	RCPT TO:<ast@kernel.org>
	RCPT TO:<daniel@iogearbox.net>
	EOF
	test_cmp expect "$SMTP_MAILBOX/0001.env" &&
	grep "^Verifier log:$" "$SMTP_MAILBOX/0001.eml" &&
	grep "^# processed 1 insns$" "$SMTP_MAILBOX/0001.eml"
'

test_expect_success 'bad input: exit 2 with one error line' '
	(cd linux && test_expect_code 2 git bpf report --mcpu=v3 --subject=S \
		--body=../body --stdout) 2>err &&
	echo "error: '"'"'--mcpu'"'"' needs '"'"'--llvm'"'"'" >expect &&
	head -1 err >actual &&
	test_cmp expect actual &&
	(cd linux && test_expect_code 2 git bpf report --llvm --subject=S \
		--body=../body --verifier-log=../no-such.log --stdout) 2>err &&
	echo "error: unable to read '"'"'../no-such.log'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	(cd linux && test_expect_code 2 git bpf report --llvm "--mcpu=v3 -O2" \
		--subject=S --body=../body --stdout) 2>err &&
	grep "^error: .v3 -O2. is no -mcpu value$" err
'

test_done
