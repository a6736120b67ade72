#!/bin/sh
test_description='configuration: git -c and GIT_CONFIG_COUNT reach every command'
. ./lib.sh

# git runs git-<name> from PATH with its -c in the environment: so does
# "git test-config" here, the way "git bpf send" gets it
test_expect_success 'setup: a repository and git test-config' '
	mkdir bin &&
	ln -s "$GIT_BPF_BUILD/t/helper/test-config" bin/git-test-config &&
	git init -q repo &&
	git -C repo config sendemail.smtpServer smtp.repo.example &&
	git -C repo config sendemail.smtpServerPort 587
'

tc () { (cd repo && PATH="$PWD/../bin:$PATH" git "$@"); }

test_expect_success 'git -c wins over the repository config' '
	tc -c sendemail.smtpServerPort=2525 test-config - sendemail.smtpServerPort - sendemail.smtpServer >actual &&
	cat >expect <<-\EOF &&
	sendemail.smtpServerPort=2525
	sendemail.smtpServer=smtp.repo.example
	EOF
	test_cmp expect actual
'

test_expect_success 'a value with quotes, spaces, ! and = comes through whole' '
	tc -c "sendemail.from=Jane O'"'"'Brien \"x\" !a=b  c" test-config - sendemail.from >actual &&
	echo "sendemail.from=Jane O'"'"'Brien \"x\" !a=b  c" >expect &&
	test_cmp expect actual &&
	git -C repo -c "sendemail.from=Jane O'"'"'Brien \"x\" !a=b  c" config sendemail.from >from &&
	echo "sendemail.from=$(cat from)" >expect &&
	test_cmp expect actual
'

test_expect_success 'section and name are case-blind, the subsection is not' '
	tc -c SendEmail.Work.SMTPServer=w.example -c sendemail.work.smtpserver=lower.example \
		test-config - sendemail.Work.smtpServer - sendemail.work.smtpServer >actual &&
	cat >expect <<-\EOF &&
	sendemail.Work.smtpServer=w.example
	sendemail.work.smtpServer=lower.example
	EOF
	test_cmp expect actual
'

test_expect_success 'the last -c of a key wins, as in git' '
	tc -c sendemail.smtpServer=one -c sendemail.smtpServer=two test-config - sendemail.smtpServer >actual &&
	echo "sendemail.smtpServer=two" >expect &&
	test_cmp expect actual
'

test_expect_success 'GIT_CONFIG_COUNT and its KEY/VALUE pairs' '
	(
		cd repo &&
		GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=sendemail.smtpServerPort \
		GIT_CONFIG_VALUE_0=2626 GIT_CONFIG_KEY_1=sendemail.smtpUser \
		GIT_CONFIG_VALUE_1="a b" \
		"$GIT_BPF_BUILD/t/helper/test-config" - sendemail.smtpServerPort - sendemail.smtpUser
	) >actual &&
	cat >expect <<-\EOF &&
	sendemail.smtpServerPort=2626
	sendemail.smtpUser=a b
	EOF
	test_cmp expect actual
'

test_expect_success 'git -c wins over GIT_CONFIG_COUNT, as git reads them' '
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=sendemail.smtpServerPort GIT_CONFIG_VALUE_0=2626 \
		tc -c sendemail.smtpServerPort=2727 test-config - sendemail.smtpServerPort >actual &&
	echo "sendemail.smtpServerPort=2727" >expect &&
	test_cmp expect actual &&
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=sendemail.smtpServerPort GIT_CONFIG_VALUE_0=2626 \
		git -C repo -c sendemail.smtpServerPort=2727 config sendemail.smtpServerPort >git &&
	echo 2727 >expect &&
	test_cmp expect git
'

test_expect_success 'the old quoting, one quoted key=value, still works' '
	(
		cd repo &&
		GIT_CONFIG_PARAMETERS="'"'"'sendemail.smtpServer=old.example'"'"' '"'"'sendemail.smtpUser'"'"'='"'"'it'"'"'\\'"'"''"'"'s'"'"'" \
		"$GIT_BPF_BUILD/t/helper/test-config" - sendemail.smtpServer - sendemail.smtpUser
	) >actual &&
	cat >expect <<-\EOF &&
	sendemail.smtpServer=old.example
	sendemail.smtpUser=it'"'"'s
	EOF
	test_cmp expect actual
'

# send-email takes the last value of a key, and a bare key has none
test_expect_success 'a bare sendemail key unsets it, as in send-email' '
	tc -c sendemail.smtpServer test-config - sendemail.smtpServer >actual &&
	echo "sendemail.smtpServer=(unset)" >expect &&
	test_cmp expect actual
'

test_expect_success 'without a repository, -c is read over the global config' '
	mkdir outside &&
	(
		cd outside &&
		GIT_CONFIG_PARAMETERS="'"'"'sendemail.smtpServer'"'"'='"'"'nowhere.example'"'"'" \
		"$GIT_BPF_BUILD/t/helper/test-config" - sendemail.smtpServer
	) >actual &&
	echo "sendemail.smtpServer=nowhere.example" >expect &&
	test_cmp expect actual
'

# bad_env ERROR VAR=VALUE...: the helper refuses the environment with
# exactly that one line, exit 2
bad_env () {
	want=$1 && shift &&
	(cd repo && env "$@" "$GIT_BPF_BUILD/t/helper/test-config" - user.name) >out 2>err
	test $? = 2 &&
	echo "error: $want" >expect &&
	test_cmp expect err &&
	test_must_be_empty out
}

test_expect_success 'a malformed environment is one error, exit 2' '
	bad_env "bogus format in '"'"'GIT_CONFIG_PARAMETERS'"'"'" \
		GIT_CONFIG_PARAMETERS="'"'"'a.b'"'"'='"'"'open" &&
	bad_env "bogus format in '"'"'GIT_CONFIG_PARAMETERS'"'"'" \
		GIT_CONFIG_PARAMETERS="a.b=unquoted" &&
	bad_env "bogus format in '"'"'GIT_CONFIG_PARAMETERS'"'"'" \
		GIT_CONFIG_PARAMETERS="'"'"'a.b'"'"'=x" &&
	bad_env "config key '"'"'nodot'"'"' has no section" \
		GIT_CONFIG_PARAMETERS="'"'"'nodot'"'"'='"'"'x'"'"'" &&
	bad_env "invalid config key '"'"'a.1b'"'"'" \
		GIT_CONFIG_PARAMETERS="'"'"'a.1b'"'"'='"'"'x'"'"'" &&
	bad_env "bogus count '"'"'2x'"'"' in '"'"'GIT_CONFIG_COUNT'"'"'" \
		GIT_CONFIG_COUNT=2x &&
	bad_env "missing config key '"'"'GIT_CONFIG_KEY_1'"'"'" \
		GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=a.b GIT_CONFIG_VALUE_0=c &&
	bad_env "missing config value '"'"'GIT_CONFIG_VALUE_0'"'"'" \
		GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=a.b
'

test_expect_success 'git bpf check: git -c core.abbrev sets the ids it prints' '
	(
		cd repo &&
		git config user.name "A U Thor" &&
		git config user.email author@example.com &&
		test_commit_file f one "base" &&
		git checkout -q -b topic &&
		test_commit_file f two "bpf: Two"
	) &&
	id=$(git -C repo rev-parse topic) &&
	test_expect_code 1 git -C repo -c core.abbrev=16 bpf check main..topic >actual &&
	sed -n "s/^1\/1 \([0-9a-f]*\) .*/\1/p" actual | sort -u >ids &&
	echo "$id" | cut -c1-16 >expect &&
	test_cmp expect ids &&
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.abbrev GIT_CONFIG_VALUE_0=9 \
		test_expect_code 1 git -C repo bpf check main..topic >actual &&
	sed -n "s/^1\/1 \([0-9a-f]*\) .*/\1/p" actual | sort -u >ids &&
	echo "$id" | cut -c1-9 >expect &&
	test_cmp expect ids
'

# ids_at ABBREV: the ids git bpf check prints with core.abbrev=ABBREV
ids_at () {
	test_expect_code 1 git -C repo -c core.abbrev="$1" bpf check main..topic >out &&
	sed -n "s/^1\/1 \([0-9a-f]*\) .*/\1/p" out | sort -u
}

test_expect_success 'core.abbrev=auto is what git computes, 7 in a small repository' '
	ids_at auto >actual &&
	git -C repo -c core.abbrev=auto rev-parse --short topic >expect &&
	test_cmp expect actual &&
	test $(wc -c <actual) = 8
'

test_expect_success 'core.abbrev=auto grows with the packed objects, as in git' '
	# 20,000 blobs in a pack: 2^15 objects, so git wants 8 digits
	(
		cd repo &&
		i=0 &&
		while test $i -lt 20000
		do
			printf "blob\ndata <<E\n%d\nE\n" $i
			i=$((i + 1))
		done | git fast-import --quiet
	) &&
	ids_at auto >actual &&
	git -C repo -c core.abbrev=auto rev-parse --short topic >expect &&
	test_cmp expect actual &&
	test $(wc -c <actual) = 9
'

test_expect_success 'core.abbrev=no gives the whole id' '
	ids_at no >actual &&
	git -C repo rev-parse topic >expect &&
	test_cmp expect actual
'

test_done
