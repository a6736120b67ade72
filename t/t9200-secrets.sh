#!/bin/sh
test_description='the SMTP password never shows: output, errors, --smtp-debug, journal, tags, mail'
. ./lib.sh
. "$GIT_BPF_SRC/t/lib-smtp.sh"

# The password, and the forms an SMTP dialogue would carry it in: AUTH
# PLAIN's base64 of "\0user\0pass" and AUTH LOGIN's base64 of the
# password (its first 12 characters: the end depends on the padding).
secret_forms () {
	printf '%s\n' "$SMTP_PASS" &&
	printf '\0%s\0%s' "$SMTP_USER" "$SMTP_PASS" | base64 -w0 && echo &&
	printf '%s' "$SMTP_PASS" | base64 -w0 | cut -c1-12
}

# no_secret FILE...: none of the forms of the password in any FILE (the
# files may be binary; a directory is searched whole).
no_secret () {
	secret_forms >forms &&
	if grep -r -a -F -f forms "$@"
	then
		echo "the password shows in: $*"
		return 1
	fi
}

# all_objects DIR: every object of the repository, as text
all_objects () {
	git -C "$1" cat-file --batch-all-objects --batch
}

test_expect_success 'setup' '
	smtp_series repo &&
	smtp_make_certs
'

test_expect_success 'the search finds the password in each of its forms' '
	printf "pass = %s\n" "$SMTP_PASS" >plain &&
	secret_forms | sed -n 2p >plain64 &&
	printf "334 VXNlcm5hbWU6\r\n%s\r\n" \
		"$(printf "%s" "$SMTP_PASS" | base64 -w0)" >login64 &&
	for f in plain plain64 login64
	do
		if no_secret $f >/dev/null
		then
			echo "missed in $f"
			return 1
		fi
	done
'

for mode in 644 640 604
do
	test_expect_success "an INI file with a password and mode 0$mode draws a warning" "
		cat >insecure.ini <<-EOF &&
		[smtp]
		server = 127.0.0.1
		pass = \$SMTP_PASS
		EOF
		chmod $mode insecure.ini &&
		(
			cd repo &&
			GIT_BPF_CONFIG=\"\$SHARNESS_TRASH_DIRECTORY/insecure.ini\" \
				git bpf check --tree=bpf-next >../out 2>../err
		)
		echo \"warning: '\$SHARNESS_TRASH_DIRECTORY/insecure.ini' holds a password and is readable by others (mode 0$mode): chmod 600 '\$SHARNESS_TRASH_DIRECTORY/insecure.ini'\" >expect &&
		grep '^warning: ' err >actual &&
		test_cmp expect actual &&
		no_secret out err
	"
done

test_expect_success 'no warning for mode 0600, nor for a file without a password' '
	chmod 600 insecure.ini &&
	(
		cd repo &&
		GIT_BPF_CONFIG="$SHARNESS_TRASH_DIRECTORY/insecure.ini" \
			git bpf check --tree=bpf-next >../out 2>../err
	)
	! grep "^warning: .*readable" err &&
	printf "[smtp]\nserver = 127.0.0.1\n" >nopass.ini &&
	chmod 644 nopass.ini &&
	(
		cd repo &&
		GIT_BPF_CONFIG="$SHARNESS_TRASH_DIRECTORY/nopass.ini" \
			git bpf check --tree=bpf-next >../out 2>../err
	)
	! grep "^warning: .*readable" err
'

test_expect_success '--dry-run, --stdout and -o never show the password' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(
		cd repo &&
		git bpf send --tree=bpf-next --dry-run --smtp-debug \
			>../dry.out 2>../dry.err &&
		git bpf send --tree=bpf-next --stdout --smtp-debug \
			>../stdout.out 2>../stdout.err &&
		git bpf send --tree=bpf-next -o ../outdir >../o.out 2>../o.err
	) &&
	test -s dry.out && test -s stdout.out && test -d outdir &&
	no_secret dry.out dry.err stdout.out stdout.err o.out o.err outdir
'

for mech in PLAIN LOGIN
do
	test_expect_success "a full send with --smtp-debug (AUTH $mech) never shows it" "
		smtp_start --user=\"\$SMTP_USER:\$SMTP_PASS\" --auth-only=$mech &&
		smtp_config tls &&
		(
			cd repo &&
			git bpf send --tree=bpf-next --resend --smtp-debug \
				>../debug.out 2>../debug.err
		) &&
		test \$(smtp_count) = 4 &&
		grep -i 'AUTH' debug.err &&
		no_secret debug.out debug.err smtp/mailbox &&
		no_secret repo/.git/bpf repo/.git/refs repo/.git/packed-refs \
			repo/.git/logs &&
		all_objects repo >objects &&
		no_secret objects
	"
done

test_expect_success 'the sent tag holds no password' '
	git -C repo for-each-ref --format="%(refname)" refs/tags/sent/ >tags &&
	test -s tags &&
	for t in $(cat tags)
	do
		git -C repo cat-file -p "$t" || return 1
	done >tag-text &&
	no_secret tag-text
'

test_expect_success 'an interrupted send leaves a journal without the password' '
	smtp_start --user="$SMTP_USER:$SMTP_PASS" --drop-after=1 &&
	smtp_config tls &&
	(
		cd repo &&
		test_must_fail git bpf send --tree=bpf-next --resend \
			--smtp-debug >../cut.out 2>../cut.err
	) &&
	test -d repo/.git/bpf &&
	test -n "$(find repo/.git/bpf -type f)" &&
	no_secret cut.out cut.err repo/.git/bpf
'

test_expect_success 'a refused password is not shown in the error' '
	smtp_start --user="$SMTP_USER:another-password" &&
	smtp_config tls &&
	(
		cd repo &&
		rm -rf .git/bpf &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			--smtp-debug >../bad.out 2>../bad.err
	) &&
	grep "^error: " bad.err &&
	no_secret bad.out bad.err repo/.git/bpf
'

test_expect_success 'a password from the credential helper never shows either' '
	smtp_make_helper &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	(
		cd repo &&
		rm -rf .git/bpf &&
		git bpf send --tree=bpf-next --resend --smtp-debug \
			>../cred.out 2>../cred.err
	) &&
	test $(smtp_count) = 4 &&
	no_secret cred.out cred.err smtp/mailbox repo/.git/bpf &&
	all_objects repo >objects &&
	no_secret objects
'

test_expect_success 'a password with a CR from the helper is refused, never shown' '
	smtp_make_helper &&
	printf "%s\rAUTH x\n" "$SMTP_PASS" >smtp/cred-pass &&
	# a git before 2.45.1 (or this setting) passes the CR on to us
	git config --global credential.protectProtocol false &&
	: >smtp/cred.log &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	(
		cd repo &&
		rm -rf .git/bpf &&
		test_expect_code 1 git bpf send --tree=bpf-next --resend \
			>../crcred.out 2>../crcred.err
	) &&
	cat >expect <<-EOF &&
	error: the password '"'"'git credential fill'"'"' gave for '"'"'127.0.0.1:$SMTP_PORT'"'"' holds a line break (CR); it is not used
	hint: fix the entry in your credential helper; nothing was sent
	EOF
	grep -v "^tree: " crcred.err >actual &&
	test_cmp expect actual &&
	test $(smtp_count) = 0 &&
	no_secret crcred.out crcred.err &&
	# nothing was tried, so nothing is approved or erased
	! grep "^== \(store\|erase\)" smtp/cred.log &&
	printf "%s\n" "$SMTP_PASS" >smtp/cred-pass &&
	git config --global --unset credential.protectProtocol
'

test_expect_success 'sendemail.smtpPass from git config never shows either' '
	git config --global --unset credential.helper &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls pass= &&
	git -C repo config sendemail.smtpPass "$SMTP_PASS" &&
	(
		cd repo &&
		rm -rf .git/bpf &&
		git bpf send --tree=bpf-next --resend --smtp-debug \
			>../git.out 2>../git.err
	) &&
	git -C repo config --unset sendemail.smtpPass &&
	test $(smtp_count) = 4 &&
	no_secret git.out git.err smtp/mailbox repo/.git/bpf
'

test_expect_success 'the password is in no argument or environment of ours' '
	smtp_start --hang &&
	smtp_config tls &&
	(
		cd repo &&
		rm -rf .git/bpf &&
		exec "$GIT_BPF_BUILD/bin/git-bpf-send" --tree=bpf-next --resend \
			>../hang.out 2>../hang.err
	) &
	pid=$! &&
	i=0 &&
	while ! grep -q -s -a "git-bpf-send" /proc/$pid/cmdline && test $i -lt 100
	do
		sleep 0.05
		i=$((i + 1))
	done &&
	sleep 1 &&
	cat /proc/$pid/cmdline /proc/$pid/environ >proc-text &&
	kill $pid &&
	wait $pid
	grep -q -a "git-bpf-send" proc-text &&
	no_secret proc-text
'

test_done
