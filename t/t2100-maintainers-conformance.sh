#!/bin/sh
# Conformance of git bpf maintainers with the kernel's own
# scripts/get_maintainer.pl --no-git --no-git-fallback --nofixes, in the
# unpacked linux-source-6.1 tree: sampled files, every BPF file, and
# generated patches, with and without roles.  How ties in Perl's hash
# order are told apart is explained in t/conformance/maintainers.py.

test_description='git bpf maintainers agrees with get_maintainer.pl'
. ./lib.sh

test_expect_success 'the kernel tree of linux-source-6.1' '
	"$GIT_BPF_SRC/t/kernel-src.sh" >ksrc &&
	KSRC=$(cat ksrc) &&
	test -f "$KSRC/scripts/get_maintainer.pl" &&
	test -f "$KSRC/MAINTAINERS"
'

test_expect_success 'files and patches: same addresses, same order' '
	KSRC=$(cat ksrc) &&
	nice python3 "$GIT_BPF_SRC/t/conformance/maintainers.py" \
		--files 500 --patches 100 --seed 20231114 --jobs 2 \
		"$KSRC" "$(pwd)/work" >result 2>&1 ||
	{ cat result; false; } &&
	grep "^# " result >&5 &&
	grep -x "# mismatches: 0" result
'

test_done
