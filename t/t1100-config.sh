#!/bin/sh
test_description='configuration: INI file over git config'
. ./lib.sh

tc () { "$GIT_BPF_BUILD/t/helper/test-config" "$@"; }

test_expect_success 'git config is read when no INI file exists' '
	git init -q repo &&
	git -C repo config sendemail.smtpServer smtp.git.example &&
	(cd repo && tc smtp.server sendemail.smtpServer) >actual &&
	echo "smtp.server=smtp.git.example" >expect &&
	test_cmp expect actual
'

test_expect_success 'the INI file in XDG_CONFIG_HOME wins over git config' '
	mkdir -p xdg/git-bpf &&
	printf "[smtp]\nserver = smtp.ini.example\n" >xdg/git-bpf/config &&
	(cd repo && XDG_CONFIG_HOME="$PWD/../xdg" tc smtp.server sendemail.smtpServer) >actual &&
	echo "smtp.server=smtp.ini.example" >expect &&
	test_cmp expect actual
'

test_expect_success '~/.config/git-bpf/config is the default' '
	mkdir -p .config/git-bpf &&
	printf "[Trees]\nBPF = mine/bpf\n" >.config/git-bpf/config &&
	(cd repo && tc trees.bpf -) >actual &&
	echo "trees.bpf=mine/bpf" >expect &&
	test_cmp expect actual
'

test_expect_success 'GIT_BPF_CONFIG names the file, and must exist' '
	printf "[send]\nconfirm = never\n" >custom.ini &&
	(cd repo && GIT_BPF_CONFIG=../custom.ini tc send.confirm - trees.bpf -) >actual &&
	printf "send.confirm=never\ntrees.bpf=(unset)\n" >expect &&
	test_cmp expect actual &&
	(cd repo && GIT_BPF_CONFIG=../missing.ini test_expect_code 2 tc send.confirm -) 2>err &&
	echo "error: unable to read '"'"'../missing.ini'"'"': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'a malformed INI line is exit 2 naming file and line' '
	printf "[smtp]\nserver = a\nthis line is wrong\n" >bad.ini &&
	(cd repo && GIT_BPF_CONFIG=../bad.ini test_expect_code 2 tc smtp.server -) 2>err &&
	echo "error: malformed line 3 in '"'"'../bad.ini'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'a password in a file others can read draws a warning' '
	printf "[smtp]\npass = hunter2\n" >pw.ini &&
	chmod 644 pw.ini &&
	(cd repo && GIT_BPF_CONFIG=../pw.ini tc smtp.user -) >out 2>err &&
	echo "warning: '"'"'../pw.ini'"'"' holds a password and is readable by others (mode 0644): chmod 600 '"'"'../pw.ini'"'"'" >expect &&
	test_cmp expect err &&
	! grep hunter2 out err &&
	chmod 600 pw.ini &&
	(cd repo && GIT_BPF_CONFIG=../pw.ini tc smtp.user -) 2>err &&
	test_must_be_empty err
'

test_expect_success 'a password in the INI file turns core dumps off' '
	(cd repo && ulimit -c unlimited &&
	 GIT_BPF_CONFIG=../pw.ini TEST_CONFIG_DUMPABLE=1 tc smtp.user -) >actual &&
	printf "smtp.user=(unset)\ndumpable=0 core=0\n" >expect &&
	test_cmp expect actual &&
	# without a password nothing changes (the core limit is not
	# compared: AddressSanitizer sets it to 0 by itself)
	(cd repo && ulimit -c unlimited &&
	 GIT_BPF_CONFIG=../custom.ini TEST_CONFIG_DUMPABLE=1 tc smtp.user -) >actual &&
	sed "s/ core=.*//" actual >actual.dumpable &&
	printf "smtp.user=(unset)\ndumpable=1\n" >expect &&
	test_cmp expect actual.dumpable
'

test_expect_success 'a password in git config turns core dumps off too' '
	git -C repo config sendemail.smtpPass hunter2 &&
	(cd repo && ulimit -c unlimited &&
	 GIT_BPF_CONFIG=../custom.ini TEST_CONFIG_DUMPABLE=1 tc smtp.user -) >actual &&
	git -C repo config --unset sendemail.smtpPass &&
	printf "smtp.user=(unset)\ndumpable=0 core=0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'outside a repository the user git config is read' '
	git config --global sendemail.smtpUser global-user &&
	mkdir elsewhere &&
	(cd elsewhere && tc smtp.user sendemail.smtpUser) >actual &&
	echo "smtp.user=global-user" >expect &&
	test_cmp expect actual
'

test_done
