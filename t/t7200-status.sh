#!/bin/sh
test_description='git bpf status: sent versions, their patchwork state, what the trees applied

Series go to the loopback SMTP server; a loopback HTTP server stands
for patchwork, with answers the tests write; bpf-next/master is moved
by the tests as a maintainer applying the patches would.'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

PW_DIR="$SHARNESS_TRASH_DIRECTORY/pw"
PW_PID=

pw_start () {
	mkdir -p "$PW_DIR" &&
	rm -f "$PW_DIR/port" || return 1
	/usr/bin/python3 "$GIT_BPF_SRC/t/patchwork-server.py" --dir "$PW_DIR" \
		--port-file "$PW_DIR/port" --parent $$ </dev/null \
		>"$PW_DIR/server.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- &
	PW_PID=$!
	i=0
	while ! test -s "$PW_DIR/port"
	do
		if ! kill -0 "$PW_PID" 2>/dev/null || test $i -ge 200
		then
			cat "$PW_DIR/server.log" >&2
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	PW_PORT=$(cat "$PW_DIR/port")
}

pw_stop () {
	if test -n "$PW_PID"
	then
		kill "$PW_PID" 2>/dev/null
		wait "$PW_PID" 2>/dev/null
		PW_PID=
	fi
	return 0
}
cleanup pw_stop

# pw_config [KEY=VALUE...]: the SMTP config, then [lists] for patchwork.
pw_config () {
	smtp_config tls &&
	{
		echo '[lists]'
		echo "patchwork = http://127.0.0.1:$PW_PORT/api/1.2"
		echo 'patchwork-timeout = 5'
		for kv in "$@"
		do
			echo "${kv%%=*} = ${kv#*=}"
		done
	} >>"$GIT_BPF_CONFIG"
}

# pw_patch MSGID STATE [DELEGATE]: patchwork's answer for that message.
pw_patch () {
	bare=$(echo "$1" | tr -d "<>") &&
	if test -n "$3"
	then
		delegate="{\"id\": 121173, \"username\": \"$3\"}"
	else
		delegate=null
	fi &&
	cat >"$PW_DIR/$bare.json" <<-EOF
	[{"id": 1, "web_url": "https://patchwork.kernel.org/project/netdevbpf/patch/$bare/",
	  "project": {"link_name": "netdevbpf"}, "msgid": "<$bare>",
	  "name": "[bpf-next] patch", "state": "$2", "archived": false,
	  "delegate": $delegate}]
	EOF
}

# ids TAG: the Message-IDs a sent tag records, one a line.
ids () {
	git -C repo tag -l --format="%(contents)" "$1" | sed -n "s/^Message-ID: //p"
}

# status ARGS...: git bpf status in repo, the dates made fixed.
status () {
	(cd repo && git bpf status "$@") >out 2>err &&
	sed "s/sent [0-9-]* [0-9:]* [-+][0-9]*/sent DATE/" out >actual
}

test_expect_success 'setup: a server, patchwork, and three series sent' '
	smtp_series repo &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	pw_start &&
	pw_config &&
	(
		cd repo &&
		git bpf send --no-check >/dev/null 2>&1 &&
		printf "/* and more */\n" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c &&
		test_tick &&
		git commit -q --amend --no-edit &&
		git bpf send --no-check >/dev/null 2>&1 &&
		git checkout -q -b lsm bpf-next/master &&
		commit_msg kernel/bpf/helpers.c "/* lsm */" <<-\EOF &&
		bpf: Allow bpf_get_current_task in LSM programs

		LSM programs want the task too.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		git bpf send --no-check >/dev/null 2>&1 &&
		git checkout -q -b btf bpf-next/master &&
		commit_msg kernel/bpf/btf.c "/* btf one */" <<-\EOF &&
		bpf: Check BTF type ids of kfunc arguments

		Refuse an id past the end.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		commit_msg tools/lib/bpf/btf.c "/* btf two */" <<-\EOF &&
		libbpf: Dedup BTF of split programs

		The same for split BTF.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		git config branch.btf.description "bpf: BTF id checks

Two checks of BTF ids." &&
		git bpf send --no-check >/dev/null 2>&1 &&
		git checkout -q spill
	) &&
	git -C repo tag -l "sent/*" >actual &&
	cat >expect <<-\EOF &&
	sent/btf-v1
	sent/lsm-v1
	sent/spill-v1
	sent/spill-v2
	EOF
	test_cmp expect actual &&
	test $(smtp_count) = 12
'

test_expect_success 'nothing in patchwork yet, nothing applied' '
	status &&
	test_must_be_empty err &&
	{
		echo "spill v1: sent DATE, 4 messages" &&
		ids sent/spill-v1 | awk "{ print \"  \" NR - 1 \"/3 \" \$0 (NR == 1 ? \": cover letter\" : \": not in patchwork\") }" &&
		echo "spill v2: sent DATE, 4 messages" &&
		ids sent/spill-v2 | awk "{ print \"  \" NR - 1 \"/3 \" \$0 (NR == 1 ? \": cover letter\" : \": not in patchwork\") }"
	} >expect &&
	test_cmp expect actual &&
	test $(grep -c "^/api/1.2/patches/?project=netdevbpf&msgid=" "$PW_DIR/requests") = 6 &&
	grep -F "msgid=$(ids sent/spill-v1 | sed -n 2p | tr -d "<>" | sed "s/@/%40/")" "$PW_DIR/requests"
'

test_expect_success 'each state patchwork gives, with delegate and link' '
	for id in $(ids sent/spill-v1 | sed 1d)
	do
		pw_patch "$id" superseded bpf || return 1
	done &&
	set -- $(ids sent/spill-v2) &&
	pw_patch "$2" accepted bpf &&
	pw_patch "$3" under-review bpf &&
	pw_patch "$4" new &&
	pw_patch "$(ids sent/lsm-v1)" changes-requested netdev &&
	status spill lsm &&
	test_must_be_empty err &&
	url=https://patchwork.kernel.org/project/netdevbpf/patch &&
	b() { echo "$1" | tr -d "<>"; } &&
	{
		echo "spill v1: sent DATE, 4 messages" &&
		ids sent/spill-v1 | awk -v u=$url "{ b = \$0; gsub(/[<>]/, \"\", b);
			print \"  \" NR - 1 \"/3 \" \$0 (NR == 1 ? \": cover letter\" : \": superseded, delegate bpf, \" u \"/\" b \"/\") }" &&
		echo "spill v2: sent DATE, 4 messages" &&
		echo "  0/3 $1: cover letter" &&
		echo "  1/3 $2: accepted, delegate bpf, $url/$(b $2)/" &&
		echo "  2/3 $3: under-review, delegate bpf, $url/$(b $3)/" &&
		echo "  3/3 $4: new, $url/$(b $4)/" &&
		l=$(ids sent/lsm-v1) &&
		echo "lsm v1: sent DATE, 1 message" &&
		echo "  1/1 $l: changes-requested, delegate netdev, $url/$(b $l)/"
	} >expect &&
	test_cmp expect actual
'

test_expect_success 'a patch applied to bpf-next with the same patch shows its sha' '
	(
		cd repo &&
		git checkout -q --detach bpf-next/master &&
		git cherry-pick spill~2 >/dev/null &&
		git commit -q --amend -m "$(git log -1 --format=%B)
Signed-off-by: Alexei Starovoitov <ast@kernel.org>" &&
		git update-ref refs/remotes/bpf-next/master HEAD &&
		git checkout -q spill
	) &&
	applied=$(git -C repo rev-parse --short=12 bpf-next/master) &&
	status spill &&
	set -- $(ids sent/spill-v2) &&
	grep "^  1/3 $2: accepted, delegate bpf, .*; applied to bpf-next as $applied$" actual &&
	set -- $(ids sent/spill-v1) &&
	grep "^  1/3 $2: superseded, delegate bpf, .*; applied to bpf-next as $applied$" actual &&
	test $(grep -c "applied to" actual) = 2
'

test_expect_success 'a changed patch with a Link: to the message is applied too' '
	set -- $(ids sent/btf-v1) &&
	(
		cd repo &&
		git checkout -q --detach bpf-next/master &&
		printf "/* btf one, as the maintainer fixed it up */\n" >>kernel/bpf/btf.c &&
		git add kernel/bpf/btf.c &&
		test_tick &&
		git commit -q -F - <<-EOF &&
		bpf: Check BTF type ids of kfunc arguments (fixed up)

		Refuse an id past the end.

		Signed-off-by: Jane Developer <jane@example.org>
		Signed-off-by: Alexei Starovoitov <ast@kernel.org>
		Link: https://lore.kernel.org/r/$(echo $2 | tr -d "<>")
		EOF
		git update-ref refs/remotes/bpf-next/master HEAD &&
		git checkout -q spill
	) &&
	applied=$(git -C repo rev-parse --short=12 bpf-next/master) &&
	status --no-patchwork btf &&
	cat >expect <<-EOF &&
	btf v1: sent DATE, 3 messages
	  0/2 $1: cover letter
	  1/2 $2: applied to bpf-next as $applied
	  2/2 $3: not applied
	EOF
	test_cmp expect actual &&
	echo "note: patchwork not asked (--no-patchwork): showing what the trees applied" >expect &&
	test_cmp expect err
'

test_expect_success 'status --json' '
	set -- $(ids sent/btf-v1) &&
	pw_patch "$2" accepted bpf &&
	(cd repo && git bpf status --json btf) >out &&
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(\"out\"))
assert d[\"patchwork\"] is True and d[\"note\"] is None, d
v = d[\"branches\"][0][\"versions\"][0]
print(d[\"branches\"][0][\"branch\"], v[\"version\"], v[\"tag\"])
for m in v[\"messages\"]:
    pw = m[\"patchwork\"]
    a = m[\"applied\"]
    print(m[\"patch\"], m[\"message_id\"], pw and pw[\"state\"], pw and pw[\"delegate\"],
          a and a[\"tree\"], a and a[\"commit\"], a and a[\"by\"])
" >actual &&
	cat >expect <<-EOF &&
	btf 1 sent/btf-v1
	0 $1 None None None None None
	1 $2 accepted bpf bpf-next $(git -C repo rev-parse bpf-next/master) link
	2 $3 None None None None None
	EOF
	test_cmp expect actual
'

test_expect_success 'the transcript: --all, three series in different states' '
	status --all &&
	test_must_be_empty err &&
	grep -c "^[a-z]* v[0-9]: sent DATE" actual >count &&
	echo 4 >expect &&
	test_cmp expect count &&
	sed -n "s/: sent DATE.*//p" actual >actual.heads &&
	printf "%s\n" "btf v1" "lsm v1" "spill v1" "spill v2" >expect &&
	test_cmp expect actual.heads &&
	cat out
'

test_expect_success 'a server error: said once, the trees alone, exit 0' '
	set -- $(ids sent/spill-v1) &&
	echo 500 >"$PW_DIR/$(echo $2 | tr -d "<>").code" &&
	: >"$PW_DIR/requests" &&
	status spill &&
	cat >expect <<-EOF &&
	note: patchwork not reached (cannot fetch '"'"'http://127.0.0.1:$PW_PORT/api/1.2/patches/?project=netdevbpf&msgid=$(echo $2 | tr -d "<>" | sed "s/@/%40/")'"'"': the server answered 500): showing what the trees applied
	EOF
	test_cmp expect err &&
	test $(wc -l <"$PW_DIR/requests") = 1 &&
	grep "^  1/3 $2: applied to bpf-next as " actual &&
	grep "^  2/3 $3: not applied$" actual
'

test_expect_success 'with --patchwork the same error is exit 2' '
	(cd repo && test_expect_code 2 git bpf status --patchwork spill) >out 2>err &&
	test_must_be_empty out &&
	test $(wc -l <err) = 1 &&
	grep "^error: cannot fetch .*: the server answered 500$" err &&
	rm "$PW_DIR"/*.code
'

test_expect_success 'a slow answer hits the timeout and is said once' '
	pw_config patchwork-timeout=1 &&
	set -- $(ids sent/lsm-v1) &&
	echo 4 >"$PW_DIR/$(echo $1 | tr -d "<>").slow" &&
	start=$(date +%s) &&
	status lsm &&
	end=$(date +%s) &&
	test $((end - start)) -lt 4 &&
	test $(wc -l <err) = 1 &&
	grep "^note: patchwork not reached (cannot fetch .*: Operation too slow.*): showing what the trees applied$" err &&
	grep "^  1/1 $1: not applied$" actual &&
	(cd repo && test_expect_code 2 git bpf status --patchwork lsm) 2>err &&
	grep "^error: cannot fetch .*Operation too slow" err &&
	rm "$PW_DIR"/*.slow &&
	pw_config
'

test_expect_success 'an unreachable server: exit 0, or 2 with --patchwork' '
	pw_stop &&
	status lsm &&
	grep "^note: patchwork not reached (cannot fetch .*): showing what the trees applied$" err &&
	test $(wc -l <err) = 1 &&
	(cd repo && test_expect_code 2 git bpf status --patchwork lsm) 2>err &&
	grep "^error: cannot fetch .http://127.0.0.1:$PW_PORT/" err
'

test_expect_success 'plain http to another machine is refused' '
	pw_config patchwork=http://patchwork.example.org/api/1.2 &&
	(cd repo && test_expect_code 2 git bpf status --patchwork lsm) 2>err &&
	echo "error: '"'"'http://patchwork.example.org/api/1.2/patches/?project=netdevbpf&msgid=$(ids sent/lsm-v1 | tr -d "<>" | sed "s/@/%40/")'"'"' is plain http to another machine: use https" >expect &&
	test_cmp expect err
'

test_expect_success 'bad input is exit 2 with one error line' '
	pw_config &&
	(cd repo && test_expect_code 2 git bpf status no-such-branch) 2>err &&
	echo "error: no branch '"'"'no-such-branch'"'"' and nothing sent from it" >expect &&
	test_cmp expect err &&
	(cd repo && test_expect_code 2 git bpf status --all spill) 2>err &&
	echo "error: '"'"'--all'"'"' cannot be combined with the branch '"'"'spill'"'"'" >expect &&
	test_cmp expect err &&
	(cd repo && test_expect_code 2 git bpf status --frob) 2>err &&
	grep "^error: unknown option '"'"'--frob'"'"'$" err &&
	pw_config patchwork-timeout=soon &&
	(cd repo && test_expect_code 2 git bpf status) 2>err &&
	echo "error: '"'"'soon'"'"' is no number of seconds (1 to 3600) for '"'"'[lists] patchwork-timeout'"'"'" >expect &&
	test_cmp expect err &&
	pw_config &&
	(cd repo && git checkout -q --detach && test_expect_code 2 git bpf status &&
	 git checkout -q spill) 2>err &&
	grep "^error: HEAD is detached: name a branch, or give --all$" err
'

test_expect_success 'a branch with nothing sent says so' '
	git -C repo branch idle bpf-next/master &&
	status --no-patchwork idle &&
	echo "idle: nothing sent" >expect &&
	test_cmp expect actual
'

test_expect_success 'without bpf or bpf-next branches it says nothing can show as applied' '
	git -C repo config --unset remote.bpf-next.url &&
	git -C repo config --unset remote.bpf.url &&
	status --no-patchwork lsm &&
	grep "^note: no bpf or bpf-next branch found" err &&
	git -C repo config remote.bpf.url https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git &&
	git -C repo config remote.bpf-next.url https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git
'

test_done
