#!/bin/sh
test_description='git bpf dispatcher: listing, version, help, unknown commands'
. ./lib.sh

test_expect_success 'git bpf alone lists every command' '
	git-bpf >out &&
	for c in check send stable-request maintainers report doctor status trailers
	do
		grep "^   $c  " out || return 1
	done
'

test_expect_success '--version prints the version' '
	echo "git-bpf version $(cat "$GIT_BPF_SRC/VERSION")" >expect &&
	git-bpf --version >actual &&
	test_cmp expect actual
'

test_expect_success 'an unknown command is exit 2 with a suggestion' '
	test_expect_code 2 git-bpf sedn 2>err &&
	cat >expect <<-\EOF &&
	error: '"'"'sedn'"'"' is not a git bpf command

	The most similar command is	send
	EOF
	test_cmp expect err
'

test_expect_success 'an unknown command far from any is exit 2 without one' '
	test_expect_code 2 git-bpf frobnicate 2>err &&
	echo "error: '"'"'frobnicate'"'"' is not a git bpf command" >expect &&
	test_cmp expect err
'

test_expect_success 'an unknown option is exit 2' '
	test_expect_code 2 git-bpf --frob 2>err &&
	grep "^error: unknown option '"'"'--frob'"'"'" err
'

test_expect_success 'the dispatcher runs commands from its own directory' '
	mkdir bin &&
	cp "$GIT_BPF_BUILD/bin/git-bpf" bin/ &&
	cat >bin/git-bpf-check <<-\EOF &&
	#!/bin/sh
	echo "own check: $*"
	EOF
	chmod +x bin/git-bpf-check &&
	bin/git-bpf check a "b c" >actual &&
	echo "own check: a b c" >expect &&
	test_cmp expect actual
'

test_expect_success 'stable-request runs git-bpf-stable' '
	cat >bin/git-bpf-stable <<-\EOF &&
	#!/bin/sh
	echo "stable: $*"
	EOF
	chmod +x bin/git-bpf-stable &&
	bin/git-bpf stable-request HEAD >actual &&
	echo "stable: HEAD" >expect &&
	test_cmp expect actual
'

test_expect_success 'help CMD and CMD --help open the man page' '
	mkdir -p fakebin &&
	cat >fakebin/man <<-\EOF &&
	#!/bin/sh
	echo "man $*"
	EOF
	chmod +x fakebin/man &&
	PATH="$PWD/fakebin:$PATH" git-bpf help send >actual &&
	PATH="$PWD/fakebin:$PATH" git-bpf help stable-request >>actual &&
	PATH="$PWD/fakebin:$PATH" git-bpf --help >>actual &&
	cat >expect <<-\EOF &&
	man git-bpf-send
	man git-bpf-stable
	man git-bpf
	EOF
	test_cmp expect actual
'

test_expect_success 'help for an unknown command is exit 2' '
	test_expect_code 2 git-bpf help nosuch 2>err &&
	grep "^error: '"'"'nosuch'"'"' is not a git bpf command" err
'

test_expect_success 'make install puts git bpf where git finds it' '
	(cd "$GIT_BPF_SRC" && make -s BUILD="$GIT_BPF_BUILD" \
		DESTDIR="$SHARNESS_TRASH_DIRECTORY/root" prefix=/usr install) >/dev/null &&
	test -x root/usr/bin/git-bpf-send &&
	test -f root/usr/share/man/man1/git-bpf.1 &&
	test -f root/usr/share/doc/git-bpf/config.sample &&
	PATH="$PWD/root/usr/bin:/usr/bin:/bin" git bpf --version >actual &&
	echo "git-bpf version $(cat "$GIT_BPF_SRC/VERSION")" >expect &&
	test_cmp expect actual &&
	PATH="$PWD/root/usr/bin:/usr/bin:/bin" git bpf-send -h >actual &&
	grep "usage: git bpf send" actual
'

test_expect_success 'every command answers -h with its usage and exit 0' '
	for c in send check stable maintainers report doctor status trailers
	do
		git-bpf-$c -h >out || return 1
		grep "^usage: git bpf" out || return 1
	done
'

test_done
