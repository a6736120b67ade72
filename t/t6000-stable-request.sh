#!/bin/sh
test_description='git bpf stable-request: which stable branches need a fix, and the request mail'
. ./lib.sh

# A small mainline with releases v6.0 .. v6.3-rc1, the stable branches
# linux-6.0.y (local), linux-6.1.y and linux-6.2.y (remote-tracking under
# the stable tree's remote), bugs in v6.1-rc1 and v6.2-rc1, and fixes
# after v6.2.
tag () {
	git tag -a -m "Linux $1" "$1"
}

# rev SUBJECT: the mainline commit with that subject, abbreviated
rev () {
	git -C "$SHARNESS_TRASH_DIRECTORY/repo" rev-parse --short=12 "master^{/^$1}"
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
		test_commit_file kernel/bpf/core.c "6.3-rc1" "Linux 6.3-rc1" &&
		tag v6.3-rc1 &&
		commit_msg kernel/bpf/foo.c "foo fixed" <<-EOF &&
		bpf: Fix foo

		Foo leaked a reference.

		Fixes: $(short "master^{/^bpf: Add foo}") ("bpf: Add foo")
		Signed-off-by: A U Thor <author@example.com>
		EOF
		commit_msg kernel/bpf/bar.c "bar fixed" <<-EOF &&
		bpf: Fix bar

		Fixes: $(short "master^{/^bpf: Add bar}") ("bpf: Add bar")
		Signed-off-by: A U Thor <author@example.com>
		EOF
		commit_msg kernel/bpf/qux.c "qux fixed" <<-EOF &&
		bpf: Fix qux

		Fixes: $(short "master^{/^bpf: Add qux}") ("bpf: Add qux")
		Signed-off-by: A U Thor <author@example.com>
		EOF
		commit_msg kernel/bpf/baz.c "baz fixed" <<-EOF &&
		bpf: Fix baz

		Fixes: $(short "master^{/^bpf: Add baz}") ("bpf: Add baz")
		Signed-off-by: A U Thor <author@example.com>
		EOF
		git config remote.origin.url \
			https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git &&
		git config remote.stable.url \
			https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git &&
		git update-ref refs/remotes/origin/master master &&

		git checkout -q -b linux-6.0.y v6.0 &&
		test_commit_file kernel/bpf/core.c "6.0.1" "Linux 6.0.1" &&

		git checkout -q -b s61 v6.1 &&
		test_commit_file kernel/bpf/core.c "6.1.1" "Linux 6.1.1" &&
		git update-ref refs/remotes/stable/linux-6.1.y HEAD &&

		git checkout -q -b s62 v6.2 &&
		test_commit_file kernel/bpf/core.c "6.2.1" "Linux 6.2.1" &&
		git cherry-pick master~3 >/dev/null &&
		git commit -q --amend -F - <<-EOF &&
		bpf: Fix foo

		commit $(git rev-parse master~3) upstream.

		Foo leaked a reference.

		Signed-off-by: A U Thor <author@example.com>
		Signed-off-by: Greg Kroah-Hartman <gregkh@linuxfoundation.org>
		EOF
		git cherry-pick master >/dev/null &&
		git commit -q --amend -m "Backport the baz fix" &&
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
	bp=$(git -C repo rev-parse --short=12 stable/linux-6.2.y~1) &&
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

test_done
