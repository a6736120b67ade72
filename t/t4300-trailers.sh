#!/bin/sh
test_description='git bpf trailers: review tags from a thread mbox, shown and added'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"
. "$GIT_BPF_SRC/t/lib-trailers.sh"

test_expect_success 'setup: v1 mailed, the replies saved as a thread' '
	trailers_send_v1 repo &&
	mbox_of "$SMTP_MAILBOX"/*.eml >thread.mbox &&
	trailers_replies >>thread.mbox &&
	git -C repo cat-file tag sent/spill-v1 >tag &&
	grep "^Message-ID: $COVER$" tag
'
test_done
