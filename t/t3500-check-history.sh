#!/bin/sh
test_description='git bpf check and send on real BPF history

The public libbpf mirror (github.com/libbpf/libbpf) holds thousands of
commits the BPF maintainers accepted.  With a local copy of it named by
$LIBBPF_MIRROR, t/conformance/history.py sends every commit but the
merges and compares it with git format-patch byte for byte, checks each
one, and compares the findings with the ones judged by hand in
t/conformance/history-findings.txt: a finding nobody judged, or a judged
one that is gone, fails.  Without the mirror (CI has none) every test
is skipped.'
. ./lib.sh

if test -z "$LIBBPF_MIRROR"
then
	skip_all='LIBBPF_MIRROR is not set: no local copy of the libbpf mirror (git clone https://github.com/libbpf/libbpf)'
	test_done
fi
if ! git -C "$LIBBPF_MIRROR" rev-parse --verify -q HEAD >/dev/null
then
	skip_all="LIBBPF_MIRROR '$LIBBPF_MIRROR' is no git repository"
	test_done
fi

test_expect_success 'every commit: byte-identical patches, only judged findings' '
	nice python3 "$GIT_BPF_SRC/t/conformance/history.py" \
		--findings "$GIT_BPF_SRC/t/conformance/history-findings.txt" \
		"$LIBBPF_MIRROR" "$(pwd)/work" >result 2>&1 ||
	{ cat result; false; } &&
	grep "^# " result >&5 &&
	grep "^# format: .* 0 differ" result &&
	grep "^# check: .* 0 could not be checked" result &&
	grep "^# judged: .* 0 not judged, 0 gone" result
'

test_done
