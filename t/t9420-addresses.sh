#!/bin/sh
test_description='one address parser for all that reaches RCPT: plain addr-specs, refused before the first message'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	git -C repo checkout -q -b one --track bpf-next/master &&
	git -C repo config branch.one.description "bpf: One" &&
	git -C repo tag base
'

# one_patch TRAILER: the branch "one" is one patch holding TRAILER.
one_patch () {
	git -C repo reset -q --hard base &&
	echo "/* $(date +%N) */" >>repo/kernel/bpf/verifier.c &&
	git -C repo add kernel/bpf/verifier.c &&
	printf "bpf: Fix a thing\n\nThe body.\n\n%s\nSigned-off-by: Jane Developer <jane@example.org>\n" "$1" >msg &&
	git -C repo commit -q -F ../msg
}

send_one () {
	(cd repo && git bpf send --no-check --tree=bpf-next "$@")
}

# send_fresh LINES TRAILER: to a fresh server, with LINES (printf's %b)
# added to the config, the one patch holding TRAILER.
send_fresh () {
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	printf "%b\n" "$1" >>"$GIT_BPF_CONFIG" &&
	one_patch "$2" &&
	send_one >out 2>err
}

for cc in "@relay.example.org:stable@vger.kernel.org" \
	"Relay <@relay.example.org:stable@vger.kernel.org>" \
	"a;b@example.org" "a@b:c@example.org" \
	"friends: a@example.org, b@example.org;" \
	"Alice <a@example.org> <b@example.net>"
do
	test_expect_success "Cc: $cc is refused before the first message" '
		one_patch "Cc: $cc" &&
		c=$(git -C repo rev-parse --short=12 HEAD) &&
		test_expect_code 2 send_one >out 2>err &&
		echo "error: trailer '"'"'Cc: $cc'"'"' of commit '"'"'$c'"'"' is no plain address" >expect &&
		grep -v "^tree: " err >actual &&
		test_cmp expect actual &&
		test $(smtp_count) = 0 &&
		test_path_is_missing repo/.git/bpf/outbox
	'
done

test_expect_success 'a quoted display name holding an address mails the real one only' '
	one_patch "Cc: \"x\\\" <evil@example.net>\" <good@example.org>" &&
	send_one >out 2>err &&
	test $(smtp_count) = 1 &&
	grep "^RCPT TO:<good@example.org>$" "$SMTP_MAILBOX/0001.env" &&
	! grep "evil@example.net" "$SMTP_MAILBOX/0001.env" &&
	smtp_header Cc "$SMTP_MAILBOX/0001.eml" >cc &&
	grep -F "\"x\\\" <evil@example.net>\" <good@example.org>" cc
'

test_expect_success '[send] exclude applies to the parsed address' '
	send_fresh "exclude = good@example.org" \
		"Cc: \"Good <bad@example.net>\" <good@example.org>" &&
	test $(smtp_count) = 1 &&
	! grep "good@example.org" "$SMTP_MAILBOX/0001.env"
'

test_expect_success 'a bad address in the config is refused, naming the config' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	echo "cc = a;b@example.org" >>"$GIT_BPF_CONFIG" &&
	one_patch "Cc: good@example.org" &&
	test_expect_code 2 send_one >out 2>err &&
	cat >expect <<-\EOF &&
	error: invalid address '"'"'a;b@example.org'"'"'
	hint: it comes from [send] cc in the config
	EOF
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 0
'

test_expect_success 'a MAINTAINERS line with two addresses is refused by send' '
	smtp_config tls &&
	git -C repo reset -q --hard base &&
	cat >>repo/MAINTAINERS <<-\EOF &&

	BPF TWO ADDRESSES
	M:	Alice <a@good.example.org> <b@evil.example.org>
	F:	kernel/bpf/
	EOF
	git -C repo commit -q -a -m "MAINTAINERS: two addresses" &&
	git -C repo tag -f base >/dev/null &&
	one_patch "Cc: good@example.org" &&
	test_expect_code 2 send_one >out 2>err &&
	grep "^error: MAINTAINERS entry .Alice <a@good.example.org> <b@evil.example.org>. (.*BPF TWO ADDRESSES.*) is no plain address$" err &&
	test $(smtp_count) = 0 &&
	git -C repo reset -q --hard base^ &&
	git -C repo tag -f base >/dev/null
'

test_expect_success 'a Fixes: target whose author has a comma is dropped with a warning' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	git -C repo reset -q --hard base &&
	echo "/* target */" >>repo/kernel/bpf/verifier.c &&
	git -C repo commit -q -a --author="Odd Author <odd,evil@example.org>" \
		-m "bpf: The target" &&
	git -C repo tag -f base >/dev/null &&
	t=$(git -C repo rev-parse --short=12 HEAD) &&
	one_patch "Fixes: $t (\"bpf: The target\")" &&
	send_one >out 2>err &&
	grep "^warning: not mailing .Odd Author <odd,evil@example.org>., the author of Fixes: target .$t.: no plain address$" err &&
	# the target itself is in the series too (bpf-next/master..)
	test $(smtp_count) = 3 &&
	! grep "odd" "$SMTP_MAILBOX"/*.env
'

# config_refused SECTION LINE ADDRESS KEY: send refuses LINE in SECTION
# of the config, naming ADDRESS and KEY, before the first message.
config_refused () {
	smtp_config tls &&
	printf "%s\n%s\n" "$1" "$2" >>"$GIT_BPF_CONFIG" &&
	one_patch "Cc: good@example.org" &&
	test_expect_code 2 send_one >out 2>err &&
	printf "error: invalid address '%s'\nhint: it is in %s of git-bpf's config\n" \
		"$3" "$4" >expect &&
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 0
}

test_expect_success 'a bad address in [send] exclude, [lists] bpf or bpf-maintainers: exit 2' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	config_refused "[send]" "exclude = Good <good@example.org>, broken" \
		broken "[send] exclude" &&
	config_refused "[lists]" "bpf = <not-a-list>" "<not-a-list>" \
		"[lists] bpf" &&
	config_refused "[lists]" \
		"bpf-maintainers = \"Doe, Jane\" <jane@example.org>, Doe" \
		"Doe" "[lists] bpf-maintainers"
'

test_expect_success '[lists] bpf is the To of a send' '
	send_fresh "[lists]\\nbpf = BPF Test <bpf-test@example.org>" \
		"Cc: good@example.org" &&
	test $(smtp_count) = 3 &&
	for f in "$SMTP_MAILBOX"/*.eml
	do
		smtp_header To "$f" || return 1
	done >actual &&
	printf "BPF Test <bpf-test@example.org>\n%.0s" 1 2 3 >expect &&
	test_cmp expect actual
'

test_done
