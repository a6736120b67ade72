#!/bin/sh
# Build a small kernel-like git repository in DIR: the files BPF patches
# touch, MAINTAINERS with the real kernel's BPF sections, tag v6.1, and
# remote-tracking branches bpf/master and bpf-next/master at the base.
set -e
dir=${1:?usage: kernel-repo.sh DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dir"
git init -q -b master "$dir"
cd "$dir"
git config user.name 'Linus Torvalds'
git config user.email 'torvalds@linux-foundation.org'
git config core.abbrev 12
export GIT_AUTHOR_DATE='1670800000 -0800' GIT_COMMITTER_DATE='1670800000 -0800'

cp "$src/t/fixtures/MAINTAINERS" MAINTAINERS
printf 'Alexei Starovoitov <ast@kernel.org> <alexei.starovoitov@gmail.com>\n' >.mailmap
cat >Makefile <<'MK'
# SPDX-License-Identifier: GPL-2.0
VERSION = 6
PATCHLEVEL = 1
SUBLEVEL = 0
EXTRAVERSION =
NAME = Hurr durr I'ma ninja sloth
MK
mkdir -p kernel/bpf include/uapi/linux tools/include/uapi/linux \
	tools/lib/bpf tools/bpf/bpftool tools/testing/selftests/bpf/progs \
	tools/testing/selftests/bpf/prog_tests net/core samples/bpf \
	arch/x86/net lib Documentation/bpf
for f in kernel/bpf/verifier.c kernel/bpf/syscall.c kernel/bpf/core.c \
	kernel/bpf/btf.c kernel/bpf/helpers.c net/core/filter.c \
	net/core/dev.c tools/lib/bpf/libbpf.c tools/lib/bpf/btf.c \
	tools/bpf/bpftool/prog.c arch/x86/net/bpf_jit_comp.c lib/test_bpf.c \
	tools/testing/selftests/bpf/test_verifier.c \
	tools/testing/selftests/bpf/prog_tests/verifier.c \
	tools/testing/selftests/bpf/progs/verifier_basic.c \
	samples/bpf/sockex1_kern.c
do
	printf '// SPDX-License-Identifier: GPL-2.0-only\n/* %s */\n\nint placeholder_%s(void)\n{\n\treturn 0;\n}\n' \
		"$f" "$(echo "$f" | tr -c 'a-z0-9\n' _)" >"$f"
done
printf '/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n#ifndef _UAPI__LINUX_BPF_H__\n#define _UAPI__LINUX_BPF_H__\n\nstruct bpf_prog_info {\n\t__u32 type;\n\t__u32 id;\n};\n\n#endif\n' >include/uapi/linux/bpf.h
cp include/uapi/linux/bpf.h tools/include/uapi/linux/bpf.h
printf 'CONFIG_BPF=y\nCONFIG_BPF_SYSCALL=y\nCONFIG_BPF_JIT=y\nCONFIG_DEBUG_INFO_BTF=y\n' >tools/testing/selftests/bpf/config
printf 'BPF Documentation\n=================\n' >Documentation/bpf/index.rst
git add -A
git commit -q -m 'Linux 6.1'
git tag -a -m 'Linux 6.1' v6.1

git update-ref refs/remotes/bpf/master HEAD
git update-ref refs/remotes/bpf-next/master HEAD
git config remote.bpf.url https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git
git config remote.bpf.fetch '+refs/heads/*:refs/remotes/bpf/*'
git config remote.bpf-next.url https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git
git config remote.bpf-next.fetch '+refs/heads/*:refs/remotes/bpf-next/*'
git update-ref refs/remotes/origin/master HEAD
git config remote.origin.url https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git
git config remote.origin.fetch '+refs/heads/*:refs/remotes/origin/*'
echo "$dir"
