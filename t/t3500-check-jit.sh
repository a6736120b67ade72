#!/bin/sh
test_description='a new BPF instruction: the JIT people of the real 6.1 MAINTAINERS, in the hint and with send --cc-jit'
. ./lib.sh

# commit_as NAME EMAIL FILE LINE SUBJECT
commit_as () {
	mkdir -p "$(dirname "$3")" &&
	printf '%s\n' "$4" >>"$3" &&
	git add "$3" &&
	GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" git commit -q -m "$5"
}

test_expect_success 'setup: the 6.1 MAINTAINERS, every JIT, loongarch history' '
	ksrc=$("$GIT_BPF_SRC/t/kernel-src.sh") &&
	make_kernel_repo linux &&
	(
		cd linux &&
		cp "$ksrc/MAINTAINERS" MAINTAINERS &&
		for a in arm arm64 loongarch mips powerpc riscv s390 sparc
		do
			mkdir -p arch/$a/net &&
			echo "/* $a JIT */" >arch/$a/net/bpf_jit_comp.c || return 1
		done &&
		git add -A &&
		test_tick &&
		git commit -q -m "arch: the JITs" &&
		# older than two years before HEAD: not counted
		for i in 1 2 3 4 5
		do
			GIT_AUTHOR_DATE="1500000000 +0000" \
			GIT_COMMITTER_DATE="1500000000 +0000" \
			commit_as "Old Timer" old@example.org \
				arch/loongarch/net/bpf_jit.c "old $i" \
				"LoongArch: BPF: old $i" || return 1
		done &&
		test_tick &&
		for i in 1 2 3
		do
			commit_as "Tiezhu Yang" yangtiezhu@loongson.cn \
				arch/loongarch/net/bpf_jit.c "ty $i" \
				"LoongArch: BPF: change $i" || return 1
		done &&
		commit_as "Hengqi Chen" hengqi.chen@gmail.com \
			arch/loongarch/net/bpf_jit.c "hc 1" "LoongArch: BPF: hc 1" &&
		commit_as "Hengqi Chen" hengqi.chen@gmail.com \
			arch/loongarch/net/bpf_jit.h "hc 2" "LoongArch: BPF: hc 2" &&
		commit_as "Huacai Chen" chenhuacai@kernel.org \
			arch/loongarch/net/Makefile "obj-y += bpf_jit.o" \
			"LoongArch: BPF: build it" &&
		# a commit elsewhere in loongarch is not one of the JIT
		commit_as "Someone Else" else@example.org arch/loongarch/Kconfig \
			"config X" "LoongArch: Kconfig" &&
		commit_as "Someone Else" else@example.org arch/loongarch/Kconfig \
			"config Y" "LoongArch: Kconfig again" &&
		git update-ref refs/remotes/bpf-next/master HEAD &&
		git checkout -q -b insn bpf-next/master &&
		sed -i "s|^#endif|#define BPF_FOO\t\t0xe0\t/* a new op */\n\n#endif|" \
			include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h &&
		echo "/* x86 emits BPF_FOO */" >>arch/x86/net/bpf_jit_comp.c &&
		git add -A &&
		test_tick &&
		GIT_AUTHOR_NAME="Jane Developer" GIT_AUTHOR_EMAIL=jane@example.org \
		git commit -q -F - <<-\EOF
		bpf: Add the BPF_FOO instruction

		A new instruction, and its x86 JIT.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
	)
'

cat >expect.hints <<\EOF
hint: add cases to lib/test_bpf.c and the verifier selftests, and Cc the JIT maintainers
hint: JIT people for arm: Shubham Bansal <illusionist.neo@gmail.com>
hint: JIT people for arm64: Daniel Borkmann <daniel@iogearbox.net>, Alexei Starovoitov <ast@kernel.org>, Zi Shen Lim <zlim.lnx@gmail.com>
hint: JIT people for loongarch (no BPF JIT section; most frequent authors of arch/loongarch/net/ in two years): Tiezhu Yang <yangtiezhu@loongson.cn>, Hengqi Chen <hengqi.chen@gmail.com>, Huacai Chen <chenhuacai@kernel.org>
hint: JIT people for mips: Johan Almbladh <johan.almbladh@anyfinetworks.com>, Paul Burton <paulburton@kernel.org>
hint: JIT people for powerpc: "Naveen N. Rao" <naveen.n.rao@linux.ibm.com>, Michael Ellerman <mpe@ellerman.id.au>
hint: JIT people for riscv: Luke Nelson <luke.r.nels@gmail.com>, Xi Wang <xi.wang@gmail.com>, "Björn Töpel" <bjorn@kernel.org>
hint: JIT people for s390: Ilya Leoshkevich <iii@linux.ibm.com>, Heiko Carstens <hca@linux.ibm.com>, Vasily Gorbik <gor@linux.ibm.com>
hint: JIT people for sparc: "David S. Miller" <davem@davemloft.net>
hint: git bpf send --cc-jit adds them to Cc (it does not by default)
EOF

test_expect_success 'insn-without-tests names the JITs, and the hint their people' '
	(cd linux && git bpf check bpf-next/master..) >out &&
	grep "insn-without-tests" out >actual &&
	cat >expect <<-EOF &&
	1/1 $(git -C linux rev-parse --short=12 HEAD) bpf: Add the BPF_FOO instruction: warning: new BPF instruction (opcode BPF_FOO) without lib/test_bpf.c and test_verifier changes; JITs to check: arm, arm64, loongarch, mips, powerpc, riscv, s390, sparc [insn-without-tests]
	EOF
	test_cmp expect actual &&
	sed -n "/^hint: add cases to lib.test_bpf.c/,/^hint: git bpf send --cc-jit/p" out >actual &&
	test_cmp expect.hints actual
'

test_expect_success 'an ignored insn-without-tests gives no JIT hint' '
	(cd linux && git bpf check --ignore=insn-without-tests bpf-next/master..) >out &&
	! grep "JIT" out
'

test_expect_success 'send names no JIT people by default' '
	(cd linux && git bpf send --no-check --dry-run bpf-next/master..) >out 2>err &&
	! grep -e illusionist.neo -e yangtiezhu out &&
	! grep "cc-jit" err
'

test_expect_success 'send --cc-jit adds every one of them to Cc and says so' '
	(cd linux && git bpf send --no-check --cc-jit --dry-run bpf-next/master..) >out 2>err &&
	sed -n "s/^hint: JIT people for /cc-jit: /p" expect.hints >expect &&
	grep "^cc-jit: " err >actual &&
	test_cmp expect actual &&
	for who in illusionist.neo@gmail.com zlim.lnx@gmail.com \
		yangtiezhu@loongson.cn hengqi.chen@gmail.com chenhuacai@kernel.org \
		johan.almbladh@anyfinetworks.com paulburton@kernel.org \
		naveen.n.rao@linux.ibm.com mpe@ellerman.id.au luke.r.nels@gmail.com \
		xi.wang@gmail.com bjorn@kernel.org iii@linux.ibm.com \
		hca@linux.ibm.com gor@linux.ibm.com davem@davemloft.net
	do
		grep -F "<$who>" out || return 1
	done &&
	! grep -e old@example.org -e else@example.org out &&
	! grep "udknight@gmail.com" out
'

test_expect_success 'send --cc-jit on a series with no new instruction says so and adds nobody' '
	(
		cd linux &&
		git checkout -q -b plain bpf-next/master &&
		commit_as "Jane Developer" jane@example.org kernel/bpf/core.c \
			"/* tidy */" "bpf: Tidy the interpreter" &&
		git commit -q --amend -s --no-edit &&
		git bpf send --no-check --cc-jit --dry-run bpf-next/master.. >../out 2>../err &&
		git checkout -q insn
	) &&
	grep "^cc-jit: the series adds no BPF instruction: no JIT people added$" err &&
	! grep illusionist.neo out
'

test_expect_success 'with tests in the series the rule is quiet, --cc-jit still adds the people' '
	(
		cd linux &&
		git checkout -q -b tested insn &&
		echo "/* BPF_FOO cases */" >>lib/test_bpf.c &&
		echo "/* BPF_FOO */" >>tools/testing/selftests/bpf/test_verifier.c &&
		git add -A &&
		test_tick &&
		GIT_AUTHOR_NAME="Jane Developer" GIT_AUTHOR_EMAIL=jane@example.org \
		git commit -q -m "selftests/bpf: Test BPF_FOO" \
			-m "Cases for the interpreter, the JITs and the verifier." \
			-m "Signed-off-by: Jane Developer <jane@example.org>" &&
		git bpf check bpf-next/master.. >../out &&
		printf "bpf: BPF_FOO\n\nA new instruction, tested.\n" >../cover &&
		git bpf send --no-check --cc-jit --cover-letter=../cover \
			--dry-run bpf-next/master.. >../out2 2>../err &&
		git checkout -q insn
	) &&
	! grep "insn-without-tests\|JIT people" out &&
	grep "^cc-jit: arm: Shubham Bansal <illusionist.neo@gmail.com>$" err &&
	grep "illusionist.neo@gmail.com" out2
'

test_done
