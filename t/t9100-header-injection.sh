#!/bin/sh
test_description='hostile subjects, names, trailers and --to/--cc cannot add, split or break a header'
. ./lib.sh

# header_names FILE...: check each message's header section as it will go
# on the wire (no CR, NUL or other control byte but HT, continuation
# lines start with white space and hold more than white space, no line
# over 998 octets) and print its header names, one a line, then "--".
# An mbox is split at format-patch's "From <sha> Mon Sep 17 ..." lines.
header_names () {
	python3 - "$@" <<-\EOF
	import re, sys
	bad = 0
	sep = re.compile(rb'^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$')
	for path in sys.argv[1:]:
	    msgs, cur = [], None
	    for line in open(path, 'rb').read().split(b'\n'):
	        if sep.match(line):
	            cur = []
	            msgs.append(cur)
	            continue
	        if cur is None:
	            cur = []
	            msgs.append(cur)
	        cur.append(line)
	    for m in msgs:
	        for i, line in enumerate(m):
	            if line == b'':
	                break
	            why = None
	            if len(line) > 998:
	                why = 'line of %d octets' % len(line)
	            elif re.search(rb'[\x00-\x08\x0a-\x1f\x7f]', line):
	                why = 'control byte'
	            elif line[:1] in (b' ', b'\t'):
	                if i == 0 or not line.strip(b' \t'):
	                    why = 'empty or stray continuation'
	            elif not re.match(rb'^[\x21-\x39\x3b-\x7e]+:', line):
	                why = 'not a header'
	            else:
	                print(line.split(b':')[0].decode())
	            if why:
	                print('BAD (%s): %r' % (why, line[:200]))
	                bad = 1
	        print('--')
	sys.exit(bad)
	EOF
}

# check_headers EXPECT FILE...: header_names FILE... is EXPECT
check_headers () {
	want=$1
	shift
	header_names "$@" >actual
	test_cmp "$want" actual
}

# mail_subject FILE: the Subject as a mail reader shows it (git mailinfo
# unfolds and decodes it; -k keeps the [PATCH] prefix).
mail_subject () {
	git mailinfo -k /dev/null /dev/null <"$1" | sed -n "s/^Subject: //p"
}

# hostile_commit MESSAGE-FILE [AUTHOR-NAME]: a commit written as raw
# bytes, as one pulled from someone else's tree may be: git's own
# commands would clean the name and message, an object need not be.
hostile_commit () {
	tree=$(git write-tree) &&
	parent=$(git rev-parse HEAD) &&
	{
		printf "tree %s\nparent %s\n" "$tree" "$parent" &&
		printf "author %s <jane@example.org> %s +0000\n" \
			"${2:-Jane Developer}" "$test_tick" &&
		printf "committer Jane Developer <jane@example.org> %s +0000\n\n" \
			"$test_tick" &&
		cat "$1"
	} >commit.raw &&
	c=$(git hash-object -t commit -w --literally commit.raw) &&
	git update-ref HEAD "$c"
}

# test_line_count OP N FILE, as git's test-lib has it
test_line_count () {
	test "$(wc -l <"$3" | tr -d " ")" "$1" "$2" || {
		echo "test_line_count: $3 has $(wc -l <"$3") lines"; cat "$3"
		return 1
	}
}

# no_cr FILE: no carriage return anywhere in FILE
no_cr () {
	test "$(tr -cd "\r" <"$1" | wc -c)" = 0
}

# send_one OPTION...: send the series with a Cc of our own, so that every
# message has To and Cc whatever the trailers hold.
send_one () {
	git bpf send --tree=bpf-next --no-check \
		--cc="Reviewer <reviewer@example.com>" "$@"
}

# expected_headers FILE: the headers of a one-patch series, in order
expected_headers () {
	cat >"$1" <<-\EOF
	From
	Date
	Subject
	Message-ID
	To
	Cc
	MIME-Version
	Content-Type
	Content-Transfer-Encoding
	X-Mailer
	--
	EOF
}

test_expect_success 'setup a series with hostile bytes in every header source' '
	make_kernel_repo repo &&
	cd repo &&
	git config user.name "Jane Developer" &&
	git config user.email "jane@example.org" &&
	git rm -q MAINTAINERS &&
	test_tick &&
	git commit -q -m "Drop MAINTAINERS: the Cc list is then what we give" &&
	git update-ref refs/remotes/bpf-next/master HEAD &&
	git checkout -q -b hostile --track bpf-next/master &&
	echo "/* a */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	printf "bpf: Fix foo\rBcc: evil@example.net\n\nThe body.\n\nReported-by: =?UTF-8?q?x=0D=0ABcc:_evil@example.net?= <r@example.com>\nCc: a@example.com\rBcc: evil@example.net\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		>msg &&
	hostile_commit msg "Evil\rBcc: evil@example.net"
'

# Either the bytes are encoded and the reader sees them as written, or
# the commit is refused as bad input; never a raw CR in a header.
test_expect_success 'a CR in the subject, author name and trailers adds no header' '
	send_one -o ../cr >../out 2>../err
	case $? in
	0)
		expected_headers expect &&
		check_headers expect ../cr/*.patch &&
		printf "[PATCH bpf-next] bpf: Fix foo\rBcc: evil@example.net\n" \
			>expect &&
		mail_subject ../cr/*.patch >actual &&
		test_cmp expect actual ;;
	2)
		grep -v "^tree: " ../err >../errs &&
		test_line_count = 1 ../errs &&
		grep "^error: " ../err &&
		no_cr ../err ;;
	*)
		false ;;
	esac
'

test_expect_success 'a CR encoded in a trailer name stays encoded' '
	git reset -q --hard bpf-next/master &&
	echo "/* f */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	printf "bpf: Fix qux\n\nThe body.\n\nReported-by: =?UTF-8?q?x=0DBcc:_evil@example.net?= <r@example.com>\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		>msg &&
	git commit -q -F msg &&
	send_one --stdout >../trailer.mbox 2>../err &&
	expected_headers expect &&
	check_headers expect ../trailer.mbox &&
	grep "r@example.com" ../trailer.mbox
'

test_expect_success 'a NUL in the subject cuts nothing out of the headers' '
	git reset -q --hard bpf-next/master &&
	echo "/* b */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	printf "bpf: Fix bar\0Bcc: evil@example.net\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		>msg &&
	hostile_commit msg &&
	send_one --stdout >../nul.mbox 2>../err
	case $? in
	0)
		expected_headers expect &&
		check_headers expect ../nul.mbox ;;
	2)
		test_line_count = 1 ../err &&
		grep "^error: " ../err ;;
	*)
		false ;;
	esac
'

# from_addresses MBOX: every address of the From headers, as a mail
# reader splits them
from_addresses () {
	python3 - "$1" <<-\EOF
	import email, email.policy, email.utils, mailbox, sys
	for m in mailbox.mbox(sys.argv[1]):
	    for name, addr in email.utils.getaddresses(m.get_all('From', [])):
	        print(addr)
	EOF
}

test_expect_success 'an author name full of address syntax stays one mailbox' '
	git reset -q --hard bpf-next/master &&
	echo "/* c */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	printf "bpf: Fix baz\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		>msg &&
	name="Doe, \"Jane\" (evil@example.net), x@example.net;" &&
	hostile_commit msg "$name" &&
	git config user.name "$name" &&
	send_one --stdout >../names.mbox
	rc=$? &&
	git config user.name "Jane Developer" &&
	test $rc = 0 &&
	expected_headers expect &&
	check_headers expect ../names.mbox &&
	echo jane@example.org >expect &&
	from_addresses ../names.mbox >actual &&
	test_cmp expect actual
'

test_expect_success 'a 10,000-character subject keeps every line under 998 octets' '
	git reset -q --hard bpf-next/master &&
	echo "/* d */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	long=$(awk "BEGIN { while (n++ < 10000) printf \"a\" }") &&
	printf "bpf: %s\n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		"$long" >msg &&
	git commit -q -F msg &&
	send_one --stdout >../long.mbox &&
	expected_headers expect &&
	check_headers expect ../long.mbox &&
	echo "[PATCH bpf-next] bpf: $long" >expect &&
	mail_subject ../long.mbox >actual &&
	test_cmp expect actual
'

test_expect_success 'a subject ending in white space does not end the headers' '
	git reset -q --hard bpf-next/master &&
	echo "/* e */" >>kernel/bpf/verifier.c &&
	git add kernel/bpf/verifier.c &&
	test_tick &&
	long=$(awk "BEGIN { while (n++ < 80) printf \"a\" }") &&
	printf "bpf: %s \t \n\nBody.\n\nSigned-off-by: Jane Developer <jane@example.org>\n" \
		"$long" >msg &&
	git commit -q --cleanup=verbatim -F msg &&
	send_one --stdout >../ws.mbox &&
	expected_headers expect &&
	check_headers expect ../ws.mbox
'

# --to and --cc: a value with a line break is bad input, refused whole.
for value in "a@example.com\nBcc: evil@example.net" \
	"a@example.com\rBcc: evil@example.net" \
	"a@example.com\r\nBcc: evil@example.net" \
	"Name\n <a@example.com>"
do
	for opt in to cc
	do
		test_expect_success "--$opt with $value is refused" "
			v=\$(printf '$value') &&
			test_expect_code 2 send_one \
				--$opt=\"\$v\" --stdout >../opt.mbox 2>../err &&
			test \$(grep -c '^error: ' ../err) = 1 &&
			! grep '^Bcc' ../err &&
			no_cr ../err &&
			test ! -s ../opt.mbox
		"
	done
done

test_expect_success '--cc with a 10,000-character name stays within the limits' '
	long=$(awk "BEGIN { while (n++ < 10000) printf \"a\" }") &&
	send_one --cc="$long <x@example.com>" \
		--stdout >../longcc.mbox 2>../err
	case $? in
	0)
		expected_headers expect &&
		check_headers expect ../longcc.mbox ;;
	2)
		test_line_count = 1 ../err &&
		grep "^error: " ../err ;;
	*)
		false ;;
	esac
'

test_expect_success 'a report with hostile --subject and --cc is refused as bad input' '
	cd .. &&
	make_kernel_repo rrepo &&
	cd rrepo &&
	echo "the bug" >../body &&
	test_expect_code 2 git bpf report --subject="$(printf "bpf: oops\rBcc: evil@example.net")" \
		--body=../body --stdout >../rep.mbox 2>../err &&
	test_line_count = 1 ../err &&
	test ! -s ../rep.mbox &&
	test_expect_code 2 git bpf report --subject="bpf: oops" \
		--cc="$(printf "a@example.com\nBcc: evil@example.net")" \
		--body=../body --stdout >../rep.mbox 2>../err &&
	test_line_count = 1 ../err &&
	test ! -s ../rep.mbox
'

test_expect_success 'a report with a 10,000-character subject keeps lines under 998 octets' '
	long=$(awk "BEGIN { while (n++ < 10000) printf \"a\" }") &&
	git bpf report --subject="bpf: $long" --body=../body --stdout \
		>../rep.mbox &&
	header_names ../rep.mbox >actual &&
	! grep "^BAD" actual
'

test_done
