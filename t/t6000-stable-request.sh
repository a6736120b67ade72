#!/bin/sh
test_description='git bpf stable-request: which stable branches need a fix, and the request mail'
. ./lib.sh

# A small mainline with releases v6.0 .. v6.3-rc1 and fixes after it;
# stable branches linux-6.0.y (local), linux-6.1.y and linux-6.2.y
# (remote-tracking under the stable tree's remote).  Bugs: foo (in
# v6.1-rc1), bar and baz (v6.2-rc1), qux and quux (v6.3-rc1).
# linux-6.2.y holds a backport of the foo fix ("commit <id> upstream."),
# one of the baz fix that names nothing (found by patch-id) and one of
# the quux bug ("[ Upstream commit <id> ]").
tag () {
	git tag -a -m "Linux $1" "$1"
}

# rev SUBJECT: the mainline commit with that subject, abbreviated
rev () {
	git -C "$SHARNESS_TRASH_DIRECTORY/repo" rev-parse --short=12 \
		"master^{/^$1}"
}

fix_commit () {
	commit_msg "kernel/bpf/$1.c" "$1 fixed" <<-EOF
	bpf: Fix $1

	The $1 code leaked a reference.

	Fixes: $(short "master^{/^bpf: Add $1}") ("bpf: Add $1")
	Signed-off-by: A U Thor <author@example.com>
	EOF
}

test_expect_success 'setup a mainline with releases and stable branches' '
	git init -q -b master repo &&
	(
		cd repo &&
		mkdir -p kernel/bpf &&
		cp "$FIXTURES/MAINTAINERS" MAINTAINERS &&
		git add MAINTAINERS &&
		test_commit_file kernel/bpf/core.c "core" "Linux 6.0" &&
		tag v6.0 &&
		test_commit_file kernel/bpf/foo.c "foo" "bpf: Add foo" &&
		test_commit_file kernel/bpf/core.c "rc1" "Linux 6.1-rc1" &&
		tag v6.1-rc1 &&
		test_commit_file kernel/bpf/core.c "6.1" "Linux 6.1" &&
		tag v6.1 &&
		test_commit_file kernel/bpf/bar.c "bar" "bpf: Add bar" &&
		test_commit_file kernel/bpf/baz.c "baz" "bpf: Add baz" &&
		test_commit_file kernel/bpf/core.c "6.2-rc1" "Linux 6.2-rc1" &&
		tag v6.2-rc1 &&
		test_commit_file kernel/bpf/core.c "6.2" "Linux 6.2" &&
		tag v6.2 &&
		test_commit_file kernel/bpf/qux.c "qux" "bpf: Add qux" &&
		test_commit_file kernel/bpf/quux.c "quux" "bpf: Add quux" &&
		test_commit_file kernel/bpf/core.c "6.3-rc1" "Linux 6.3-rc1" &&
		tag v6.3-rc1 &&
		fix_commit foo &&
		fix_commit bar &&
		fix_commit qux &&
		fix_commit baz &&
		fix_commit quux &&
		git config remote.origin.url \
			https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git &&
		git config remote.stable.url \
			https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git &&
		git update-ref refs/remotes/origin/master master &&

		git checkout -q -b topic master &&
		test_commit_file kernel/bpf/foo.c "foo refixed" "bpf: Fix foo again" \
			"Fixes: $(short "master^{/^bpf: Add foo}") (\"bpf: Add foo\")" &&

		git checkout -q -b linux-6.0.y v6.0 &&
		test_commit_file kernel/bpf/core.c "6.0.1" "Linux 6.0.1" &&

		git checkout -q -b s61 v6.1 &&
		test_commit_file kernel/bpf/core.c "6.1.1" "Linux 6.1.1" &&
		git update-ref refs/remotes/stable/linux-6.1.y HEAD &&

		git checkout -q -b s62 v6.2 &&
		test_commit_file kernel/bpf/core.c "6.2.1" "Linux 6.2.1" &&
		git cherry-pick "master^{/^bpf: Fix foo}" >/dev/null &&
		git commit -q --amend -F - <<-EOF &&
		bpf: Fix foo

		commit $(git rev-parse "master^{/^bpf: Fix foo}") upstream.

		The foo code leaked a reference.

		Signed-off-by: A U Thor <author@example.com>
		Signed-off-by: Greg Kroah-Hartman <gregkh@linuxfoundation.org>
		EOF
		git cherry-pick "master^{/^bpf: Fix baz}" >/dev/null &&
		git commit -q --amend -m "Backport the baz fix" &&
		git cherry-pick "master^{/^bpf: Add quux}" >/dev/null &&
		git commit -q --amend -F - <<-EOF &&
		bpf: Add quux

		[ Upstream commit $(git rev-parse "master^{/^bpf: Add quux}") ]

		Signed-off-by: Sasha Levin <sashal@kernel.org>
		EOF
		git update-ref refs/remotes/stable/linux-6.2.y HEAD &&
		git checkout -q master &&
		git branch -D s61 s62 >/dev/null
	)
'

test_expect_success 'a fix with a backport in linux-6.2.y asks for linux-6.1.y only' '
	(
		cd repo &&
		git bpf stable-request --dry-run "master^{/^bpf: Fix foo}" >../actual
	) &&
	fix=$(rev "bpf: Fix foo") &&
	bug=$(rev "bpf: Add foo") &&
	bp=$(git -C repo rev-parse --short=12 "stable/linux-6.2.y^{/^bpf: Fix foo}") &&
	cat >expect <<-EOF &&
	commit $fix ("bpf: Fix foo")
	  mainline: in origin/master, not yet released
	  fixes: $bug ("bpf: Add foo"), in v6.1-rc1
	  affects: v6.1 and v6.2
	  stable/linux-6.2.y: has it ($bp)
	  stable/linux-6.1.y: needs it
	  linux-6.0.y: no bug (older than v6.1-rc1)

	Request for stable: bpf: Fix foo
	  To: Alexei Starovoitov <ast@kernel.org>
	  To: Daniel Borkmann <daniel@iogearbox.net>
	  To: Andrii Nakryiko <andrii@kernel.org>
	  Cc: netdev@vger.kernel.org
	  Cc: bpf@vger.kernel.org

	dry run: 1 message to 5 recipients, nothing sent
	EOF
	test_cmp expect actual
'

# the mail without its Date and Message-ID, which change every run
mail_text () {
	sed -e "/^Date: /d" -e "/^Message-ID:/,/^[^ ]/{/^Message-ID:/d;/^ /d;}" "$@"
}

test_expect_success 'the mail: headers, recipients and body' '
	(
		cd repo &&
		git bpf stable-request --stdout "master^{/^bpf: Fix foo}" >../mbox 2>../err
	) &&
	fix=$(rev "bpf: Fix foo") &&
	bug=$(rev "bpf: Add foo") &&
	bp=$(git -C repo rev-parse --short=12 "stable/linux-6.2.y^{/^bpf: Fix foo}") &&
	mail_text mbox >actual &&
	tr Q "\t" >expect <<-EOF &&
	From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
	From: A U Thor <author@example.com>
	Subject: Request for stable: bpf: Fix foo
	To: Alexei Starovoitov <ast@kernel.org>,
	QDaniel Borkmann <daniel@iogearbox.net>,
	QAndrii Nakryiko <andrii@kernel.org>
	Cc: netdev@vger.kernel.org,
	Qbpf@vger.kernel.org
	MIME-Version: 1.0
	Content-Type: text/plain; charset=UTF-8
	Content-Transfer-Encoding: 8bit
	X-Mailer: git-bpf $(cat "$GIT_BPF_SRC/VERSION")

	Hello,

	please queue this fix for the stable trees:

	commit $fix ("bpf: Fix foo")

	  mainline:   merged, not yet in a release
	  fixes:      $bug ("bpf: Add foo"), in v6.1-rc1
	  affects:    v6.1 and v6.2
	  queue for:  linux-6.1.y
	  has it:     linux-6.2.y ($bp)
	  no bug:     linux-6.0.y

	Thanks,
	A U Thor
	EOF
	test_cmp expect actual &&
	grep "^Date: ..., [0-9]* ... 20[0-9][0-9] [0-9:]* [-+][0-9]*$" mbox &&
	grep -A1 "^Message-ID:" mbox | grep "<.*@example.com>" &&
	grep "^commit $fix (\"bpf: Fix foo\")$" err &&
	git mailinfo msg patch <mbox >info &&
	grep "^Subject: Request for stable: bpf: Fix foo$" info
'

test_expect_success 'no stable address anywhere, in any header or body line' '
	! grep -i "stable@" mbox &&
	! grep -i "stable@" err &&
	grep -i "^Cc:" mbox >cc &&
	! grep -i stable cc
'

test_expect_success '-o DIR writes the mail as a file' '
	(
		cd repo &&
		git bpf stable-request -o ../out "master^{/^bpf: Fix foo}" >../actual
	) &&
	ls out >files &&
	echo 0001-Request-for-stable-bpf-Fix-foo.eml >expect &&
	test_cmp expect files &&
	tail -n 1 actual >last &&
	echo "../out/0001-Request-for-stable-bpf-Fix-foo.eml" >expect &&
	test_cmp expect last &&
	mail_text out/0001-Request-for-stable-bpf-Fix-foo.eml >file &&
	mail_text mbox >mail &&
	test_cmp mail file
'

test_expect_success 'a fix not in mainline yet is refused, with nothing written' '
	(
		cd repo &&
		test_expect_code 1 git bpf stable-request --stdout topic >../actual 2>../err
	) &&
	test_must_be_empty actual &&
	fix=$(git -C repo rev-parse --short=12 topic) &&
	grep "^  mainline: not in origin/master$" err &&
	grep "^warning: $fix (\"bpf: Fix foo again\") is not in mainline (.origin/master.) yet$" err &&
	grep "^hint: the BPF maintainers queue fixes for stable once they are in mainline; --force asks anyway$" err &&
	! grep "Request for stable" err
'

test_expect_success '--force asks for it anyway and says it is not in mainline' '
	(
		cd repo &&
		git bpf stable-request --force --stdout topic >../mbox 2>../err
	) &&
	grep "^  mainline:   not in mainline yet$" mbox &&
	grep "^  queue for:  linux-6.2.y and linux-6.1.y$" mbox &&
	grep "^warning: .* is not in mainline" err
'

test_expect_success 'a bug newer than every stable branch: nothing to request' '
	(
		cd repo &&
		test_expect_code 1 git bpf stable-request --stdout "master^{/^bpf: Fix qux}" >../actual 2>../err
	) &&
	test_must_be_empty actual &&
	fix=$(rev "bpf: Fix qux") &&
	bug=$(rev "bpf: Add qux") &&
	cat >expect <<-EOF &&
	commit $fix ("bpf: Fix qux")
	  mainline: in origin/master, not yet released
	  fixes: $bug ("bpf: Add qux"), in v6.3-rc1
	  affects: no release
	  stable/linux-6.2.y: no bug (older than v6.3-rc1)
	  stable/linux-6.1.y: no bug (older than v6.3-rc1)
	  linux-6.0.y: no bug (older than v6.3-rc1)

	nothing to request: every stable branch has the fix or lacks the bug
	EOF
	test_cmp expect err
'

test_expect_success 'a backport found by patch-id alone counts' '
	(
		cd repo &&
		test_expect_code 1 git bpf stable-request --dry-run "master^{/^bpf: Fix baz}" >../actual
	) &&
	bp=$(git -C repo rev-parse --short=12 "stable/linux-6.2.y^{/^Backport the baz fix}") &&
	git -C repo log -1 --format=%B "$bp" >msg &&
	! grep -i upstream msg &&
	grep "^  stable/linux-6.2.y: has it ($bp, same patch-id)$" actual &&
	tail -n 1 actual >last &&
	echo "nothing to request: every stable branch has the fix or lacks the bug" >expect &&
	test_cmp expect last
'

test_expect_success 'a bug backported to an older branch makes it need the fix' '
	(
		cd repo &&
		git bpf stable-request --dry-run "master^{/^bpf: Fix quux}" >../actual
	) &&
	fix=$(rev "bpf: Fix quux") &&
	bug=$(rev "bpf: Add quux") &&
	cat >expect <<-EOF &&
	commit $fix ("bpf: Fix quux")
	  mainline: in origin/master, not yet released
	  fixes: $bug ("bpf: Add quux"), in v6.3-rc1
	  affects: no release
	  stable/linux-6.2.y: needs it
	  stable/linux-6.1.y: no bug (older than v6.3-rc1)
	  linux-6.0.y: no bug (older than v6.3-rc1)

	EOF
	head -n 8 actual >head &&
	test_cmp expect head
'

test_expect_success 'several fixes: one mail, a count in the subject' '
	(
		cd repo &&
		git bpf stable-request --stdout "master^{/^bpf: Fix foo}" \
			"master^{/^bpf: Fix qux}" "master^{/^bpf: Fix bar}" >../mbox 2>../err
	) &&
	grep "^Subject: Request for stable: 2 BPF fixes$" mbox &&
	grep "^please queue these 2 fixes for the stable trees:$" mbox &&
	grep "^commit $(rev "bpf: Fix foo") (\"bpf: Fix foo\")$" mbox &&
	grep "^commit $(rev "bpf: Fix bar") (\"bpf: Fix bar\")$" mbox &&
	! grep "bpf: Fix qux" mbox &&
	grep "^  queue for:  linux-6.2.y$" mbox &&
	grep "^commit $(rev "bpf: Fix qux") (\"bpf: Fix qux\")$" err
'

test_expect_success '--note prints the text for under the --- line' '
	(
		cd repo &&
		git bpf stable-request --note topic >../actual 2>../err
	) &&
	bug=$(rev "bpf: Add foo") &&
	cat >expect <<-EOF &&
	Stable: v6.1 and v6.2 have the bug (from $bug ("bpf: Add foo"));
	please queue this for linux-6.2.y and linux-6.1.y once it is in
	mainline.
	EOF
	test_cmp expect actual &&
	test_must_be_empty err
'

test_expect_success '--note with nothing to request exits 1' '
	(
		cd repo &&
		test_expect_code 1 git bpf stable-request --note "master^{/^bpf: Fix qux}" >../actual 2>../err
	) &&
	test_must_be_empty actual &&
	echo "nothing to request: every stable branch has the fix or lacks the bug" >expect &&
	test_cmp expect err
'

test_expect_success '--json gives the analysis to scripts' '
	(
		cd repo &&
		git bpf stable-request --json "master^{/^bpf: Fix foo}" \
			"master^{/^bpf: Fix qux}" >../json
	) &&
	cat >summary.py <<-\EOF &&
	import json, sys
	fix, bug, bp = sys.argv[1:4]
	d = json.load(sys.stdin)
	assert d["mainline"] == "origin/master"
	foo, qux = d["commits"]
	assert foo["commit"] == fix and foo["subject"] == "bpf: Fix foo"
	assert foo["in_mainline"] is True and foo["release"] is None
	assert foo["fixes"] == [{"commit": bug, "written": bug[:12],
	                         "subject": "bpf: Add foo", "release": "v6.1-rc1"}]
	assert foo["affects"] == ["v6.1", "v6.2"]
	for b in foo["branches"] + qux["branches"]:
	    print(b["branch"], b["ref"], b["state"], b["by"] == bp)
	print("request: [%s]" % " ".join(foo["request"] + qux["request"]),
	      len(qux["affects"]))
	EOF
	/usr/bin/python3 summary.py "$(git -C repo rev-parse "master^{/^bpf: Fix foo}")" \
		"$(git -C repo rev-parse "master^{/^bpf: Add foo}")" \
		"$(git -C repo rev-parse "stable/linux-6.2.y^{/^bpf: Fix foo}")" \
		<json >summary &&
	cat >expect <<-\EOF &&
	linux-6.2.y stable/linux-6.2.y has-backport True
	linux-6.1.y stable/linux-6.1.y needs False
	linux-6.0.y linux-6.0.y no-bug False
	linux-6.2.y stable/linux-6.2.y no-bug False
	linux-6.1.y stable/linux-6.1.y no-bug False
	linux-6.0.y linux-6.0.y no-bug False
	request: [linux-6.1.y] 0
	EOF
	test_cmp expect summary &&
	(
		cd repo &&
		test_expect_code 1 git bpf stable-request --json "master^{/^bpf: Fix qux}" >../json2 &&
		test_expect_code 2 git bpf stable-request --json --note HEAD 2>../err
	) &&
	grep "\"request\": \[\]" json2 &&
	grep "^error: --note and --json exclude each other$" err
'

# request_mail: the mail part of a dry run with ./config (stderr in err).
request_mail () {
	(
		cd repo &&
		GIT_BPF_CONFIG=../config git bpf stable-request --dry-run \
			"master^{/^bpf: Fix foo}" >../actual 2>../err
	) &&
	sed -n "/^Request/,\$p" actual >mail
}

test_expect_success 'the BPF maintainers from config; a stable address there is dropped' '
	cat >config <<-\EOF &&
	[lists]
	bpf-maintainers = Jane Maintainer <jane@example.org>, stable@vger.kernel.org
	EOF
	request_mail &&
	cat >expect <<-\EOF &&
	Request for stable: bpf: Fix foo
	  To: Jane Maintainer <jane@example.org>
	  Cc: netdev@vger.kernel.org
	  Cc: bpf@vger.kernel.org

	dry run: 1 message to 3 recipients, nothing sent
	EOF
	test_cmp expect mail &&
	grep "^warning: leaving out .stable@vger.kernel.org.: stable requests go to the BPF maintainers$" err
'

test_expect_success '[lists] and [send] exclude as send reads them: quoted names, each value a list' '
	cat >config <<-\EOF &&
	[lists]
	bpf-maintainers = "Maintainer, Jane" <jane@example.org>, kim@example.org
	bpf-maintainers = Lou <lou@example.org>
	netdev = Net List <netdev-test@example.org>
	[send]
	exclude = Kim <KIM@example.org>, bpf@vger.kernel.org
	EOF
	request_mail &&
	cat >expect <<-\EOF &&
	Request for stable: bpf: Fix foo
	  To: "Maintainer, Jane" <jane@example.org>
	  To: Lou <lou@example.org>
	  Cc: Net List <netdev-test@example.org>

	dry run: 1 message to 3 recipients, nothing sent
	EOF
	test_cmp expect mail &&
	test_must_be_empty err
'

test_expect_success 'a bad address in [send] exclude: exit 2, naming the key' '
	printf "[send]\nexclude = Kim <kim@example.org>, broken\n" >config &&
	(
		cd repo &&
		GIT_BPF_CONFIG=../config &&
		export GIT_BPF_CONFIG &&
		test_expect_code 2 git bpf stable-request \
			--dry-run "master^{/^bpf: Fix foo}" >../stdout 2>../err
	) &&
	! grep "^Request\|^dry run" stdout &&
	cat >expect <<-\EOF &&
	error: invalid address '"'"'broken'"'"'
	hint: it is in [send] exclude of git-bpf'"'"'s config
	EOF
	test_cmp expect err
'

test_expect_success 'mainline from config, and --mainline over it' '
	cat >config <<-\EOF &&
	[trees]
	mainline = topic
	EOF
	(
		cd repo &&
		GIT_BPF_CONFIG=../config git bpf stable-request --dry-run topic >../actual &&
		GIT_BPF_CONFIG=../config test_expect_code 1 git bpf stable-request \
			--mainline=master --dry-run topic >../actual2 2>&1
	) &&
	grep "^  mainline: in topic, not yet released$" actual &&
	grep "^  mainline: not in master$" actual2
'

test_expect_success 'stable branches of the [trees] stable remote only' '
	cat >config <<-\EOF &&
	[trees]
	stable = elsewhere
	EOF
	(
		cd repo &&
		GIT_BPF_CONFIG=../config test_expect_code 1 git bpf stable-request \
			--dry-run "master^{/^bpf: Fix bar}" >../actual 2>&1
	) &&
	grep "^  linux-6.0.y: no bug" actual &&
	! grep "stable/linux" actual
'

# answers DIR PREFIX: the analysis of four fixes in DIR, with exit codes
answers () {
	for f in foo bar baz quux
	do
		(
			cd "$1" &&
			git bpf stable-request --dry-run "master^{/^bpf: Fix $f}"
			echo "exit $?"
		) >"$2-$f" 2>&1 || return 1
	done
}

same_answers () {
	for f in foo bar baz quux
	do
		test_cmp "plain-$f" "$1-$f" || return 1
	done
}

test_expect_success 'same answers with a commit-graph, whole or split' '
	answers repo plain &&
	grep "^exit 0$" plain-foo &&
	grep "^exit 1$" plain-baz &&
	git -C repo commit-graph write --reachable &&
	answers repo graph &&
	same_answers graph &&
	rm repo/.git/objects/info/commit-graph &&
	git -C repo commit-graph write --reachable --split &&
	test -f repo/.git/objects/info/commit-graphs/commit-graph-chain &&
	answers repo split &&
	same_answers split
'

test_expect_success 'a graph older than the newest commits gives the same answers' '
	cp -R repo stale &&
	rm -rf stale/.git/objects/info/commit-graph* &&
	git -C stale rev-parse v6.2 | git -C stale commit-graph write --stdin-commits &&
	test -f stale/.git/objects/info/commit-graph &&
	answers stale stale &&
	same_answers stale
'

test_expect_success 'a corrupt commit-graph is not read' '
	cp -R repo corrupt &&
	rm -rf corrupt/.git/objects/info/commit-graph* &&
	git -C corrupt commit-graph write --reachable &&
	graph=corrupt/.git/objects/info/commit-graph &&
	chmod u+w "$graph" &&
	size=$(wc -c <"$graph") &&
	head -c $((size / 2)) "$graph" >short &&
	cp short "$graph" &&
	answers corrupt corrupt &&
	same_answers corrupt
'

test_expect_success 'with a commit-graph, a commit dated in the future is found in its release' '
	git init -q -b master skew &&
	(
		cd skew &&
		cp "$FIXTURES/MAINTAINERS" MAINTAINERS &&
		git add MAINTAINERS &&
		test_commit_file kernel/bpf/core.c "core" "Linux 6.0" &&
		tag v6.0 &&
		mkdir -p kernel/bpf &&
		echo skew >kernel/bpf/skew.c &&
		git add kernel/bpf/skew.c &&
		GIT_COMMITTER_DATE="2000000000 +0000" git commit -q -m "bpf: Add skew" &&
		test_commit_file kernel/bpf/core.c "6.1" "Linux 6.1" &&
		tag v6.1 &&
		test_commit_file kernel/bpf/core.c "6.2-rc1" "Linux 6.2-rc1" &&
		tag v6.2-rc1 &&
		commit_msg kernel/bpf/skew.c "fixed" <<-EOF &&
		bpf: Fix skew

		Fixes: $(short "master^{/^bpf: Add skew}") ("bpf: Add skew")
		EOF
		git update-ref refs/remotes/origin/master HEAD &&
		git branch linux-6.1.y v6.1 &&
		git commit-graph write --reachable &&
		git bpf stable-request --dry-run HEAD >../actual
	) &&
	grep "^  fixes: .* (\"bpf: Add skew\"), in v6.1$" actual &&
	grep "^  linux-6.1.y: needs it$" actual
'

test_expect_success 'a fix without a known Fixes: target is asked for every branch lacking it' '
	(
		cd repo &&
		git checkout -q -b later master &&
		test_commit_file kernel/bpf/core.c "hardened" "bpf: Harden core" &&
		commit_msg kernel/bpf/core.c "hardened more" <<-\EOF &&
		bpf: Harden core more

		Fixes: 0123456789abcdef ("bpf: Something long gone")
		EOF
		git checkout -q master &&
		git bpf stable-request --mainline=later --dry-run later~1 >../actual1 &&
		git bpf stable-request --mainline=later --dry-run later >../actual2 2>../err2
	) &&
	cat >expect <<-\EOF &&
	  fixes: no Fixes: tag
	  affects: unknown (no known Fixes: target)
	  stable/linux-6.2.y: needs it
	  stable/linux-6.1.y: needs it
	  linux-6.0.y: needs it
	EOF
	sed -n 3,7p actual1 >actual &&
	test_cmp expect actual &&
	grep "^  fixes: 0123456789abcdef (\"bpf: Something long gone\"), unknown commit$" actual2 &&
	grep "^  linux-6.0.y: needs it$" actual2 &&
	grep "^warning: Fixes: tag of .bpf: Harden core more. names unknown commit .0123456789abcdef.$" err2
'

test_expect_success 'bad usage and bad input exit 2 naming the culprit' '
	(
		cd repo &&
		test_expect_code 2 git bpf stable-request 2>../err1 &&
		test_expect_code 2 git bpf stable-request no-such-rev 2>../err2 &&
		test_expect_code 2 git bpf stable-request --frob HEAD 2>../err3 &&
		test_expect_code 2 git bpf stable-request --stdout -o x HEAD 2>../err4 &&
		test_expect_code 2 git bpf stable-request --mainline=nope HEAD 2>../err5 &&
		test_expect_code 2 git bpf stable-request --confirm=maybe HEAD 2>../err6 &&
		test_expect_code 2 git bpf stable-request --note --dry-run HEAD 2>../err7
	) &&
	grep "^error: no commit given$" err1 &&
	grep "^error: unknown revision .no-such-rev.$" err2 &&
	grep "^error: unknown option .--frob.$" err3 &&
	grep "^error: --dry-run, --stdout and -o exclude each other$" err4 &&
	grep "^error: unknown mainline branch .nope.$" err5 &&
	grep "^error: --confirm takes auto, always or never, not .maybe.$" err6 &&
	grep "^error: --note prints no mail: drop --dry-run, --stdout and -o$" err7 &&
	mkdir not-a-repo &&
	(
		cd not-a-repo &&
		GIT_CEILING_DIRECTORIES="$SHARNESS_TRASH_DIRECTORY" &&
		export GIT_CEILING_DIRECTORIES &&
		test_expect_code 2 git-bpf-stable HEAD 2>../err8
	) &&
	grep "^error: not a git repository" err8
'

test_expect_success 'a repository without stable branches or release tags' '
	git init -q bare-history &&
	(
		cd bare-history &&
		test_commit_file a "a" "first" &&
		git update-ref refs/remotes/origin/master HEAD &&
		test_expect_code 2 git bpf stable-request HEAD 2>../err &&
		git tag v6.1 &&
		test_expect_code 2 git bpf stable-request HEAD 2>../err2
	) &&
	grep "^error: no release tags (vX.Y, vX.Y-rcN) in the repository$" err &&
	grep "^hint: fetch mainline.s tags: git fetch --tags origin$" err &&
	grep "^error: no stable branches (linux-X.Y.y) in the repository$" err2
'

test_expect_success '-h prints the usage and exits 0' '
	git-bpf-stable -h >usage &&
	head -n 1 usage >actual &&
	echo "usage: git bpf stable-request [options] <commit>..." >expect &&
	test_cmp expect actual
'

test_expect_success 'the manual page renders without warnings' '
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l \
		"$GIT_BPF_SRC/man/git-bpf-stable.1" >page 2>warnings &&
	test_must_be_empty warnings &&
	grep "stable-request" page
'

test_done
