#!/bin/sh
test_description='git bpf trailers: the thread fetched from lore

A loopback HTTP server stands in for lore.kernel.org and serves
{lore}/{message-id}/t.mbox.gz, gzipped as lore gzips it.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"
. "$GIT_BPF_SRC/t/lib-trailers.sh"

HTTP_PID=
http_stop () {
	if test -n "$HTTP_PID"
	then
		kill "$HTTP_PID" 2>/dev/null
		wait "$HTTP_PID" 2>/dev/null
		HTTP_PID=
	fi
	return 0
}
cleanup http_stop

# http_start DIR: serve DIR on a free loopback port; sets HTTP_PORT
http_start () {
	: >http.log
	/usr/bin/python3 -u -m http.server --bind 127.0.0.1 --directory "$1" 0 \
		</dev/null >http.log 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- &
	HTTP_PID=$!
	i=0
	while ! grep -q "port [0-9]" http.log
	do
		test $i -lt 200 || return 1
		sleep 0.05
		i=$((i + 1))
	done
	HTTP_PORT=$(sed -n "s/.* port \([0-9]*\).*/\1/p" http.log | head -n 1)
}

set_lore () {
	sed -i "/^\[lists\]/,\$d" "$GIT_BPF_CONFIG" &&
	printf "[lists]\nlore = %s\n" "$1" >>"$GIT_BPF_CONFIG"
}

test_expect_success 'setup: v1 mailed, its thread on a loopback lore' '
	trailers_send_v1 repo &&
	mbox_of "$SMTP_MAILBOX"/*.eml >thread.mbox &&
	trailers_replies >>thread.mbox &&
	bare=$(echo "$COVER" | tr -d "<>") &&
	mkdir -p "www/bpf/$bare" &&
	gzip -9 <thread.mbox >"www/bpf/$bare/t.mbox.gz" &&
	http_start www &&
	set_lore "http://127.0.0.1:$HTTP_PORT/bpf/" &&
	(cd repo && git bpf trailers --mbox=../thread.mbox bpf-next/master..) >expect
'

test_expect_success 'without --mbox the thread of the cover letter comes from lore' '
	(cd repo && git bpf trailers bpf-next/master..) >actual &&
	test_cmp expect actual &&
	escaped=$(echo "$bare" | sed "s/@/%40/") &&
	grep "\"GET /bpf/$escaped/t.mbox.gz HTTP/1.1\" 200" http.log
'

test_expect_success 'a gzip file of several members is read whole' '
	lines=$(wc -l <thread.mbox) &&
	head -n $((lines / 2)) thread.mbox | gzip >"www/bpf/$bare/t.mbox.gz" &&
	tail -n +$((lines / 2 + 1)) thread.mbox | gzip >>"www/bpf/$bare/t.mbox.gz" &&
	(cd repo && git bpf trailers bpf-next/master..) >actual &&
	test_cmp expect actual
'

test_expect_success 'corrupt gzip is exit 2 naming the URL' '
	gzip <thread.mbox | head -c 300 >"www/bpf/$bare/t.mbox.gz" &&
	(cd repo && test_expect_code 2 git bpf trailers bpf-next/master..) >out 2>err &&
	test_must_be_empty out &&
	echo "error: '"'"'http://127.0.0.1:$HTTP_PORT/bpf/$escaped/t.mbox.gz'"'"' is not valid gzip data" >expect.err &&
	test_cmp expect.err err &&
	gzip <thread.mbox >"www/bpf/$bare/t.mbox.gz"
'

test_expect_success 'a thread lore does not have is exit 2 naming the URL' '
	set_lore "http://127.0.0.1:$HTTP_PORT/netdev" &&
	(cd repo && test_expect_code 2 git bpf trailers bpf-next/master..) 2>err &&
	echo "error: cannot fetch '"'"'http://127.0.0.1:$HTTP_PORT/netdev/$escaped/t.mbox.gz'"'"': the server answered 404" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'plain http beyond loopback is refused before any connection' '
	set_lore "http://lore.example.org/bpf" &&
	(cd repo && test_expect_code 2 git bpf trailers bpf-next/master..) 2>err &&
	echo "error: '"'"'http://lore.example.org/bpf/$escaped/t.mbox.gz'"'"' is plain http to another machine: use https" >expect.err &&
	test_cmp expect.err err
'

test_expect_success '--update from lore, then nothing more to add' '
	set_lore "http://127.0.0.1:$HTTP_PORT/bpf" &&
	(cd repo && git bpf trailers --update bpf-next/master..) >out &&
	tail -n 1 out >actual &&
	echo "updated '"'"'spill'"'"'" >expect.u &&
	test_cmp expect.u actual &&
	git -C repo log -1 --format=%B spill~1 >msg &&
	grep "^Tested-by: Eduard Zingerman <eddyz87@gmail.com>$" msg &&
	(cd repo && test_expect_code 1 git bpf trailers bpf-next/master..) >actual &&
	echo "no new tags, from 6 replies to '"'"'sent/spill-v1'"'"'" >expect.n &&
	test_cmp expect.n actual
'

test_expect_success 'lore unreachable is exit 2 naming the URL, nothing rewritten' '
	tip=$(git -C repo rev-parse spill) &&
	http_stop &&
	(cd repo && test_expect_code 2 git bpf trailers --update bpf-next/master..) 2>err &&
	grep "^error: cannot fetch '"'"'http://127.0.0.1:$HTTP_PORT/bpf/$escaped/t.mbox.gz'"'"': " err &&
	test $(wc -l <err) = 1 &&
	test "$(git -C repo rev-parse spill)" = "$tip"
'

test_done
