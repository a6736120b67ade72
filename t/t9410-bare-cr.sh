#!/bin/sh
test_description='no bare CR leaves the machine: compose refuses it, naming the commit'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	git -C repo checkout -q -b cr --track bpf-next/master &&
	git -C repo reset -q --hard spill &&
	git -C repo config branch.cr.description "$(git -C repo config branch.spill.description)"
'

# cr_commit WHERE: a commit on top of the series with a bare CR in its
# subject, its message or its diff.
cr_commit () {
	git -C repo reset -q --hard spill &&
	case "$1" in
	subject)
		printf "bpf: Fix a\rthing\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" ;;
	message)
		printf "bpf: Fix a thing\n\nBody with a\rCR.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" ;;
	diff)
		printf "bpf: Fix a thing\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" ;;
	esac >msg &&
	if test "$1" = diff
	then
		printf "/* a\rb */\n" >>repo/kernel/bpf/verifier.c
	else
		echo "/* $1 */" >>repo/kernel/bpf/verifier.c
	fi &&
	git -C repo add kernel/bpf/verifier.c &&
	git -C repo commit -q -F ../msg
}

for where in subject message diff
do
	test_expect_success "a bare CR in the $where is refused before the first message" '
		cr_commit '$where' &&
		c=$(git -C repo rev-parse --short=12 HEAD) &&
		(
			cd repo &&
			test_expect_code 2 git bpf send --no-check --tree=bpf-next \
				--resend >../out 2>../err
		) &&
		echo "error: commit '"'"'$c'"'"' holds a bare CR (one not followed by LF) in its '$where': no mail server takes it" >expect &&
		grep -v "^tree: " err >actual &&
		test_cmp expect actual &&
		test $(smtp_count) = 0 &&
		test_path_is_missing repo/.git/bpf/outbox &&
		(
			cd repo &&
			test_expect_code 2 git bpf send --no-check --tree=bpf-next \
				--resend --stdout >../mbox 2>../err
		) &&
		test_must_be_empty mbox
	'
done

test_expect_success 'a file with CRLF line ends is no bare CR' '
	git -C repo reset -q --hard spill &&
	printf "one\r\ntwo\r\n" >repo/tools/lib/bpf/crlf.txt &&
	git -C repo add tools/lib/bpf/crlf.txt &&
	git -C repo commit -q -m "libbpf: Add a file with CRLF ends" \
		-m "Signed-off-by: Jane Developer <jane@example.org>" &&
	(cd repo && git bpf send --no-check --tree=bpf-next >../out 2>../err) &&
	test $(smtp_count) = 5
'

test_done
