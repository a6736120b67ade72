#!/bin/sh
test_description='$GIT_DIR/bpf is trusted only when it is ours: no link followed, no planted journal resumed'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

PLANTER=git-bpf-planter

# start [SERVER-OPTION...]: the server, and our config pointing at it.
start () {
	smtp_start --user="$SMTP_USER:$SMTP_PASS" "$@" &&
	smtp_config tls
}

# send_series: send the test series to the running server, all of it.
send_series () {
	(cd repo && git bpf send --tree=bpf-next --resend "$@")
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs &&
	start &&
	mkdir victim &&
	echo keep >victim/precious &&
	echo keep >victim/index.keep
'

for link in outbox.new outbox
do
	test_expect_success "a symlink planted at .git/bpf/$link deletes nothing it points at" '
		mkdir -p repo/.git/bpf &&
		rm -rf repo/.git/bpf/outbox repo/.git/bpf/outbox.new &&
		ln -s "$SHARNESS_TRASH_DIRECTORY/victim" repo/.git/bpf/'$link' &&
		start &&
		send_series >out 2>err &&
		test $(smtp_count) = 4 &&
		echo keep >expect &&
		test_cmp expect victim/precious &&
		test_cmp expect victim/index.keep &&
		ls victim >actual &&
		printf "%s\n" index.keep precious >expect &&
		test_cmp expect actual &&
		test_path_is_missing repo/.git/bpf/'$link'
	'
done

test_expect_success 'with umask 000, .git/bpf and the journal are private' '
	rm -rf repo/.git/bpf &&
	start --drop-after=1 &&
	(umask 000 && test_expect_code 1 send_series >out 2>err) &&
	stat -c "%a %n" repo/.git/bpf repo/.git/bpf/outbox \
		repo/.git/bpf/outbox/0001.eml repo/.git/bpf/outbox/accepted >actual &&
	cat >expect <<-\EOF &&
	700 repo/.git/bpf
	700 repo/.git/bpf/outbox
	600 repo/.git/bpf/outbox/0001.eml
	600 repo/.git/bpf/outbox/accepted
	EOF
	test_cmp expect actual
'

test_expect_success 'a journal message that is a symlink is never sent' '
	echo "the user'"'"'s secret" >secret &&
	rm repo/.git/bpf/outbox/0003.eml &&
	ln -s "$SHARNESS_TRASH_DIRECTORY/secret" repo/.git/bpf/outbox/0003.eml &&
	start &&
	(cd repo && test_expect_code 1 git bpf send --resume >../out 2>../err) &&
	echo "error: '"'"'$PWD/repo/.git/bpf/outbox/0003.eml'"'"' is a symlink: the journal holds none" >expect &&
	test_cmp expect err &&
	test $(smtp_count) = 0 &&
	rm -r repo/.git/bpf/outbox
'

test_expect_success 'a .git/bpf others can write is refused, naming the fix' '
	chmod 777 repo/.git/bpf &&
	test_expect_code 2 send_series >out 2>err &&
	cat >expect <<-EOF &&
	error: '"'"'$PWD/repo/.git/bpf'"'"' is writable by others: git-bpf trusts no journal there
	hint: make it private: chmod 700 '"'"'$PWD/repo/.git/bpf'"'"'
	EOF
	grep -v "^tree: " err >actual &&
	test_cmp expect actual &&
	chmod 770 repo/.git/bpf &&
	(cd repo && test_expect_code 2 git bpf send --resume >../out 2>../err) &&
	grep "^error: .$PWD/repo/.git/bpf. is writable by its group" err &&
	test $(smtp_count) = 0 &&
	chmod 700 repo/.git/bpf
'

test_expect_success 'a .git/bpf that is a symlink is refused' '
	mv repo/.git/bpf elsewhere &&
	ln -s "$SHARNESS_TRASH_DIRECTORY/elsewhere" repo/.git/bpf &&
	test_expect_code 2 send_series >out 2>err &&
	grep "^error: .$PWD/repo/.git/bpf. is no directory of git-bpf.s (a symlink or a file)$" err &&
	rm repo/.git/bpf &&
	mv elsewhere repo/.git/bpf
'

if test "$(id -u)" = 0
then
	test_set_prereq ROOT
	id -u "$PLANTER" >/dev/null 2>&1 ||
	useradd --system --no-create-home --shell /usr/sbin/nologin "$PLANTER" ||
	echo "# cannot add the user $PLANTER: the foreign-owner test is skipped"
	id -u "$PLANTER" >/dev/null 2>&1 && test_set_prereq PLANTER
else
	echo "# not root: the foreign-owner test needs a second user, skipped"
fi

test_expect_success ROOT,PLANTER 'a journal planted by another user is not resumed' '
	# the planter makes a journal in a .git/bpf of theirs, with a
	# server and "encryption none" of their choosing
	start --drop-after=1 &&
	test_expect_code 1 send_series >out 2>err &&
	echo "server 192.0.2.1" >>repo/.git/bpf/outbox/index &&
	chown -R "$PLANTER" repo/.git/bpf &&
	start &&
	(cd repo && test_expect_code 2 git bpf send --resume >../out 2>../err) &&
	uid=$(id -u "$PLANTER") &&
	cat >expect <<-EOF &&
	error: '"'"'$PWD/repo/.git/bpf'"'"' belongs to another user (uid $uid): git-bpf trusts no journal there
	hint: remove it, or if it is yours: chown -R $(id -un) '"'"'$PWD/repo/.git/bpf'"'"' && chmod 700 '"'"'$PWD/repo/.git/bpf'"'"'
	EOF
	test_cmp expect err &&
	test_must_be_empty out &&
	test $(smtp_count) = 0 &&
	chown -R "$(id -u)" repo/.git/bpf &&
	rm -r repo/.git/bpf/outbox
'

test_expect_success 'COVER_EDITMSG is never written through a symlink' '
	echo "keep" >target &&
	ln -sf "$SHARNESS_TRASH_DIRECTORY/target" repo/.git/bpf/COVER_EDITMSG &&
	cat >editor.sh <<-\EOF &&
	#!/bin/sh
	printf "bpf: From the editor\n\nWritten in the editor.\n" >"$1"
	EOF
	chmod +x editor.sh &&
	(
		cd repo &&
		git config --unset branch.spill.description &&
		# the editor is started only on a terminal: script(1) gives one
		GIT_EDITOR="\"$SHARNESS_TRASH_DIRECTORY/editor.sh\"" \
			script -qec "git bpf send --no-check --resend --stdout bpf-next/master.." /dev/null
	) | tr -d "\r" >mbox &&
	grep "^Subject: \[PATCH RESEND bpf-next 0/3\] bpf: From the editor$" mbox &&
	echo keep >expect &&
	test_cmp expect target &&
	test -f repo/.git/bpf/COVER_EDITMSG &&
	! test -h repo/.git/bpf/COVER_EDITMSG
'

test_done
