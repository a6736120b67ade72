#!/bin/sh
test_description='git bpf doctor: toolchain, kernel config, kernel version, git and SMTP setup'
. ./lib.sh

unset LLC CLANG PAHOLE

TOOLS="$SHARNESS_TRASH_DIRECTORY/tools"
ARCH=$(uname -m)

# The output of one check: its line and the indented lines under it.
block () {
	awk -v id="$1" '
		/^(ok|warning|error): / { on = index($0, ": " id ": ") > 0 }
		/^[0-9]+ checks?: / { on = 0 }
		on' "$SHARNESS_TRASH_DIRECTORY/out"
}

# fake_tool NAME: a script on PATH printing the texts in $TOOLS/NAME-*,
# as the real tools print them (llc -mcpu=help writes to stderr).
fake_tool () {
	cat=$(command -v cat) &&
	cat >"$TOOLS/bin/$1" <<-EOF &&
	#!/bin/sh
	case "\$*" in
	--version) $cat "$TOOLS/$1-version" ;;
	"-march bpf -mcpu=help") $cat "$TOOLS/$1-mcpu" >&2 ;;
	*) echo "$1: unknown arguments: \$*" >&2; exit 1 ;;
	esac
	EOF
	chmod +x "$TOOLS/bin/$1"
}

llc_version () {
	cat <<-EOF
	Debian LLVM version 14.0.6
	  Optimized build.
	  Default target: x86_64-pc-linux-gnu
	  Host CPU: rocketlake

	  Registered Targets:
	    aarch64    - AArch64 (little endian)
	    arm        - ARM
	EOF
	for t in "$@"
	do
		case $t in
		bpf) echo "    bpf        - BPF (host endian)" ;;
		bpfeb) echo "    bpfeb      - BPF (big endian)" ;;
		bpfel) echo "    bpfel      - BPF (little endian)" ;;
		esac
	done
	cat <<-EOF
	    x86        - 32-bit X86: Pentium-Pro and above
	    x86-64     - 64-bit X86: EM64T and AMD64
	EOF
}

llc_mcpu () {
	printf 'Available CPUs for this target:\n\n'
	for c in "$@"
	do
		printf '  %-7s - Select the %s processor.\n' "$c" "$c"
	done
	cat <<-EOF

	Available features for this target:

	  alu32    - Enable ALU32 instructions.
	  dummy    - unused feature.
	  dwarfris - Disable MCAsmInfo DwarfUsesRelocationsAcrossSections.

	Use +feature to enable a feature, or -feature to disable it.
	For example, llc -mcpu=mycpu -mattr=+feature1,-feature2
	EOF
}

good_tools () {
	llc_version bpf bpfeb bpfel >"$TOOLS/llc-version" &&
	llc_mcpu generic probe v1 v2 v3 >"$TOOLS/llc-mcpu" &&
	printf 'Debian clang version 14.0.6\nTarget: x86_64-pc-linux-gnu\nThread model: posix\nInstalledDir: /usr/bin\n' \
		>"$TOOLS/clang-version" &&
	echo v1.24 >"$TOOLS/pahole-version"
}

doctor () {
	PATH="$TOOLS/bin:$PATH" git bpf doctor "$@" \
		>"$SHARNESS_TRASH_DIRECTORY/out"
}

test_expect_success 'setup' '
	mkdir -p "$TOOLS/bin" "$TOOLS/empty" &&
	fake_tool llc && fake_tool clang && fake_tool pahole &&
	good_tools &&
	make_kernel_repo linux &&
	cat >linux/tools/testing/selftests/bpf/config <<-\EOF &&
	CONFIG_BPF=y
	CONFIG_BPF_SYSCALL=y
	CONFIG_BPF_JIT=y
	CONFIG_DEBUG_INFO_BTF=y
	CONFIG_NET_CLS_BPF=m
	# CONFIG_DEBUG_INFO_REDUCED is not set
	EOF
	cat >"linux/tools/testing/selftests/bpf/config.$ARCH" <<-\EOF &&
	CONFIG_NR_CPUS=128
	CONFIG_LSM="selinux,bpf,integrity"
	EOF
	cat >good.config <<-\EOF &&
	#
	# Automatically generated file; DO NOT EDIT.
	#
	CONFIG_BPF=y
	CONFIG_BPF_SYSCALL=y
	CONFIG_BPF_JIT=y
	CONFIG_DEBUG_INFO_BTF=y
	CONFIG_NET_CLS_BPF=y
	CONFIG_NR_CPUS=128
	CONFIG_LSM="selinux,bpf,integrity"
	EOF
	cp good.config linux/.config
'

test_expect_success 'a good toolchain is ok, with its versions' '
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	ok: llc-targets: llc 14.0.6 has the bpf, bpfel and bpfeb targets
	ok: llc-cpu: llc knows -mcpu=probe and -mcpu=v3
	ok: clang: clang 14.0.6
	ok: pahole: pahole 1.24
	ok: kernel-config: '"'"'.config'"'"' has the 6 options of tools/testing/selftests/bpf/config
	EOF
	sed -n 1,5p out >actual &&
	test_cmp expect actual &&
	echo "ok: kernel-config-arch: '"'"'.config'"'"' has the 2 options of tools/testing/selftests/bpf/config.$ARCH" >expect &&
	block kernel-config-arch >actual &&
	test_cmp expect actual
'

test_expect_success 'llc without the BPF targets is an error, exit 1' '
	llc_version bpf >"$TOOLS/llc-version" &&
	(cd linux && test_expect_code 1 doctor) &&
	cat >expect <<-\EOF &&
	error: llc-targets: llc 14.0.6 lacks BPF targets
	    target bpfel: missing
	    target bpfeb: missing
	    fix: install an LLVM built with the BPF target (LLVM_TARGETS_TO_BUILD="BPF;...")
	EOF
	block llc-targets >actual &&
	test_cmp expect actual &&
	! grep llc-cpu out &&
	good_tools
'

test_expect_success 'llc without -mcpu=v3 is an error' '
	llc_mcpu generic probe v1 v2 >"$TOOLS/llc-mcpu" &&
	(cd linux && test_expect_code 1 doctor) &&
	cat >expect <<-\EOF &&
	error: llc-cpu: llc 14.0.6 does not know -mcpu=v3
	    cpu v3: missing
	    fix: install LLVM 9 or later: the selftests build with -mcpu=v3
	EOF
	block llc-cpu >actual &&
	test_cmp expect actual &&
	good_tools
'

test_expect_success 'missing tools are errors; pahole only when BTF wants it' '
	(cd linux && PATH="$TOOLS/empty" "$GIT_BPF_BUILD/bin/git-bpf-doctor" >../out;
	 test $? = 1) &&
	cat >expect <<-\EOF &&
	error: llc-targets: '"'"'llc'"'"' not found
	    fix: install LLVM with its BPF targets (Debian: apt-get install llvm), or name it in $LLC
	error: clang: '"'"'clang'"'"' not found
	    fix: install clang (Debian: apt-get install clang), or name it in $CLANG
	error: pahole: '"'"'pahole'"'"' not found, and '"'"'.config'"'"' sets CONFIG_DEBUG_INFO_BTF=y
	    fix: install pahole 1.16 or later (Debian: apt-get install dwarves), or name it in $PAHOLE
	EOF
	sed -n 1,6p out >actual &&
	test_cmp expect actual &&

	sed /DEBUG_INFO_BTF/d good.config >nobtf.config &&
	(cd linux && PATH="$TOOLS/empty" "$GIT_BPF_BUILD/bin/git-bpf-doctor" \
		--config=../nobtf.config >../out; test $? = 1) &&
	echo "ok: pahole: '"'"'pahole'"'"' not found, not needed: '"'"'../nobtf.config'"'"' does not set CONFIG_DEBUG_INFO_BTF=y" >expect &&
	block pahole >actual &&
	test_cmp expect actual &&

	mkdir notree &&
	(cd notree && PATH="$TOOLS/empty" "$GIT_BPF_BUILD/bin/git-bpf-doctor" \
		>../out; test $? = 1) &&
	cat >expect <<-\EOF &&
	warning: pahole: '"'"'pahole'"'"' not found: kernels with CONFIG_DEBUG_INFO_BTF=y need it
	    fix: install pahole 1.16 or later (Debian: apt-get install dwarves), or name it in $PAHOLE
	EOF
	block pahole >actual &&
	test_cmp expect actual
'

test_expect_success '$LLC, $CLANG and $PAHOLE name the tools' '
	(cd linux && LLC="$TOOLS/bin/llc" CLANG="$TOOLS/bin/clang" \
		PAHOLE="$TOOLS/bin/pahole" PATH="$TOOLS/empty" \
		"$GIT_BPF_BUILD/bin/git-bpf-doctor" >../out) &&
	cat >expect <<-EOF &&
	ok: llc-targets: $TOOLS/bin/llc 14.0.6 has the bpf, bpfel and bpfeb targets
	ok: llc-cpu: $TOOLS/bin/llc knows -mcpu=probe and -mcpu=v3
	ok: clang: $TOOLS/bin/clang 14.0.6
	ok: pahole: $TOOLS/bin/pahole 1.24
	EOF
	sed -n 1,4p out >actual &&
	test_cmp expect actual
'

test_expect_success 'pahole older than 1.16 is an error when .config wants BTF' '
	echo v1.15 >"$TOOLS/pahole-version" &&
	(cd linux && test_expect_code 1 doctor) &&
	cat >expect <<-\EOF &&
	error: pahole: pahole 1.15 is older than 1.16, which CONFIG_DEBUG_INFO_BTF=y in '"'"'.config'"'"' needs
	    fix: install pahole 1.16 or later (Debian: apt-get install dwarves), or name it in $PAHOLE
	EOF
	block pahole >actual &&
	test_cmp expect actual &&

	(cd linux && doctor --config=../nobtf.config; test $? = 1) &&
	cat >expect <<-\EOF &&
	warning: pahole: pahole 1.15 is older than 1.16, which CONFIG_DEBUG_INFO_BTF=y needs
	    fix: install pahole 1.16 or later (Debian: apt-get install dwarves), or name it in $PAHOLE
	EOF
	block pahole >actual &&
	test_cmp expect actual &&

	echo v1.16 >"$TOOLS/pahole-version" &&
	(cd linux && doctor) &&
	echo "ok: pahole: pahole 1.16" >expect &&
	block pahole >actual &&
	test_cmp expect actual &&
	good_tools
'

test_expect_success 'options the selftests need and .config lacks are listed' '
	cat >linux/.config <<-\EOF &&
	CONFIG_BPF=y
	# CONFIG_BPF_JIT is not set
	CONFIG_DEBUG_INFO_BTF=y
	CONFIG_NET_CLS_BPF=m
	CONFIG_DEBUG_INFO_REDUCED=y
	CONFIG_NR_CPUS=64
	EOF
	(cd linux && test_expect_code 1 doctor) &&
	cat >expect <<-EOF &&
	error: kernel-config: '"'"'.config'"'"' lacks 3 of the 6 options of tools/testing/selftests/bpf/config
	    CONFIG_BPF_SYSCALL: missing, want y
	    CONFIG_BPF_JIT: not set, want y
	    CONFIG_DEBUG_INFO_REDUCED: y, want n
	    fix: scripts/kconfig/merge_config.sh -m .config tools/testing/selftests/bpf/config && make olddefconfig
	warning: kernel-config-arch: '"'"'.config'"'"' lacks 2 of the 2 options of tools/testing/selftests/bpf/config.$ARCH
	    CONFIG_NR_CPUS: 64, want 128
	    CONFIG_LSM: missing, want "selinux,bpf,integrity"
	    fix: scripts/kconfig/merge_config.sh -m .config tools/testing/selftests/bpf/config.$ARCH && make olddefconfig
	EOF
	{ block kernel-config && block kernel-config-arch; } >actual &&
	test_cmp expect actual
'

test_expect_success '--config names another file; the arch fragment only warns' '
	sed /NR_CPUS/d good.config >noarch.config &&
	(cd linux && doctor --config=../noarch.config) &&
	cat >expect <<-EOF &&
	ok: kernel-config: '"'"'../noarch.config'"'"' has the 6 options of tools/testing/selftests/bpf/config
	warning: kernel-config-arch: '"'"'../noarch.config'"'"' lacks 1 of the 2 options of tools/testing/selftests/bpf/config.$ARCH
	    CONFIG_NR_CPUS: missing, want 128
	    fix: scripts/kconfig/merge_config.sh -m ../noarch.config tools/testing/selftests/bpf/config.$ARCH && make olddefconfig
	EOF
	{ block kernel-config && block kernel-config-arch; } >actual &&
	test_cmp expect actual
'

test_expect_success 'no .config is a warning; an unreadable --config is exit 2' '
	rm linux/.config &&
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: kernel-config: no kernel config '"'"'.config'"'"' to compare with tools/testing/selftests/bpf/config
	    fix: configure the tree (make defconfig), or give --config=FILE
	EOF
	block kernel-config >actual &&
	test_cmp expect actual &&
	(cd linux && test_expect_code 2 git bpf doctor --config=../nosuch >../out 2>../err) &&
	test_must_be_empty out &&
	echo "error: unable to read '"'"'../nosuch'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	cp good.config linux/.config
'

test_expect_success 'the running kernel against the tree version' '
	rel=$(uname -r) &&
	(cd linux && doctor) &&
	cat >expect <<-EOF &&
	warning: kernel-version: running kernel $rel is not this tree'"'"'s 6.1.0
	    fix: boot a kernel built from this tree to run its selftests (tools/testing/selftests/bpf/vmtest.sh runs them in a VM)
	EOF
	block kernel-version >actual &&
	test_cmp expect actual &&

	v=${rel%%.*} && rest=${rel#*.} && p=${rest%%.*} && rest=${rest#*.} &&
	s=$(echo "$rest" | sed "s/[^0-9].*//") &&
	printf "VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION =\n" \
		"$v" "$p" "$s" >linux/Makefile &&
	(cd linux && doctor) &&
	echo "ok: kernel-version: running kernel $rel is this tree'"'"'s $v.$p.$s" >expect &&
	block kernel-version >actual &&
	test_cmp expect actual &&

	echo "all:" >linux/Makefile &&
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: kernel-version: '"'"'Makefile'"'"' names no kernel version: not a kernel tree?
	    fix: run git bpf doctor at the top of a kernel tree
	EOF
	block kernel-version >actual &&
	test_cmp expect actual &&
	(cd linux && git checkout -q Makefile)
'

# A listener that greets, answers EHLO and QUIT, refuses everything else
# and logs each command: doctor must say EHLO and never begin a mail.
cat >ehlo.py <<\EOF
import os, socket, sys
port_file, log_file = sys.argv[1], sys.argv[2]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
srv.settimeout(60)
with open(port_file + ".tmp", "w") as f:
    f.write("%d\n" % srv.getsockname()[1])
os.rename(port_file + ".tmp", port_file)
log = open(log_file, "w")
try:
    conn, _ = srv.accept()
except socket.timeout:
    sys.exit(1)
conn.settimeout(60)
rf = conn.makefile("rb")
conn.sendall(b"220 localhost ESMTP test\r\n")
while True:
    line = rf.readline()
    if not line:
        break
    cmd = line.decode().rstrip("\r\n")
    log.write(cmd + "\n")
    log.flush()
    verb = cmd.split(" ")[0].upper()
    if verb == "EHLO":
        conn.sendall(b"250-localhost\r\n250 8BITMIME\r\n")
    elif verb == "QUIT":
        conn.sendall(b"221 bye\r\n")
        break
    else:
        conn.sendall(b"502 not here\r\n")
conn.close()
EOF

test_expect_success 'no SMTP server configured is a warning' '
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: smtp-config: no SMTP server configured: git bpf send can only write files
	    fix: git config --global sendemail.smtpServer HOST (and sendemail.smtpServerPort, sendemail.smtpEncryption, sendemail.smtpUser)
	EOF
	block smtp-config >actual &&
	test_cmp expect actual &&
	! grep smtp-server out
'

test_expect_success 'a server that answers EHLO is ok, and gets no mail' '
	/usr/bin/python3 ehlo.py port smtp.log &
	pid=$! &&
	test_when_finished "kill $pid 2>/dev/null || :" &&
	n=0 &&
	while ! test -f port && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	port=$(cat port) &&
	git -C linux config sendemail.smtpServer 127.0.0.1 &&
	git -C linux config sendemail.smtpServerPort $port &&
	(cd linux && doctor) &&
	wait $pid &&
	cat >expect <<-EOF &&
	ok: smtp-config: server 127.0.0.1:$port, encryption none, no user
	ok: smtp-server: 127.0.0.1:$port answers EHLO
	EOF
	{ block smtp-config && block smtp-server; } >actual &&
	test_cmp expect actual &&
	sed "s/ .*//" smtp.log >actual &&
	echo EHLO >expect &&
	test_cmp expect actual
'

test_expect_success 'a closed port is an error, exit 1' '
	port=$(/usr/bin/python3 -c "import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	git -C linux config sendemail.smtpServerPort $port &&
	(cd linux && test_expect_code 1 doctor) &&
	cat >expect <<-EOF &&
	error: smtp-server: 127.0.0.1:$port does not answer EHLO: Failed to connect to 127.0.0.1 port $port after 0 ms: Couldn'"'"'t connect to server
	    fix: check the SMTP server, port and encryption in git config (sendemail.*) or [smtp], and the network
	EOF
	block smtp-server | sed "s/after [0-9]* ms/after 0 ms/" >actual &&
	test_cmp expect actual
'

test_expect_success 'unusable SMTP settings are an error' '
	git -C linux config sendemail.smtpEncryption rot13 &&
	(cd linux && test_expect_code 1 doctor 2>../err) &&
	cat >expect <<-\EOF &&
	error: smtp-config: the SMTP settings are not usable (the error above says why)
	    fix: git config --global sendemail.smtpServer HOST (and sendemail.smtpServerPort, sendemail.smtpEncryption, sendemail.smtpUser)
	EOF
	block smtp-config >actual &&
	test_cmp expect actual &&
	echo "error: unknown SMTP encryption '"'"'rot13'"'"' (ssl, tls or none)" >expect &&
	test_cmp expect err &&
	git -C linux config --unset sendemail.smtpEncryption &&
	git -C linux config --unset sendemail.smtpServer &&
	git -C linux config --unset sendemail.smtpServerPort
'

test_expect_success 'the bpf and bpf-next remotes, found by name or URL' '
	(cd linux && doctor) &&
	echo "ok: remotes: bpf: remote '"'"'bpf'"'"', bpf-next: remote '"'"'bpf-next'"'"'" >expect &&
	block remotes >actual &&
	test_cmp expect actual &&

	git -C linux remote rename bpf-next next &&
	git -C linux remote remove bpf &&
	git -C linux remote add fixes git://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf &&
	(cd linux && doctor) &&
	echo "ok: remotes: bpf: remote '"'"'fixes'"'"', bpf-next: remote '"'"'next'"'"'" >expect &&
	block remotes >actual &&
	test_cmp expect actual &&

	git -C linux remote remove fixes &&
	git -C linux remote set-url next https://example.org/bpf-next.git &&
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: remotes: no remote for bpf and bpf-next
	    fix: git remote add bpf https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git && git remote add bpf-next https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git
	EOF
	block remotes >actual &&
	test_cmp expect actual &&

	git -C linux remote add bpf https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf.git/ &&
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: remotes: no remote for bpf-next
	    fix: git remote add bpf-next https://git.kernel.org/pub/scm/linux/kernel/git/bpf/bpf-next.git
	EOF
	block remotes >actual &&
	test_cmp expect actual
'

test_expect_success 'core.abbrev below 12 or unset is a warning' '
	git -C linux config core.abbrev 7 &&
	(cd linux && doctor) &&
	cat >expect <<-\EOF &&
	warning: core-abbrev: core.abbrev is 7: Fixes: tags want 12 digits
	    fix: git config --global core.abbrev 12
	EOF
	block core-abbrev >actual &&
	test_cmp expect actual &&
	git -C linux config core.abbrev 16 &&
	(cd linux && doctor) &&
	echo "ok: core-abbrev: core.abbrev is 16" >expect &&
	block core-abbrev >actual &&
	test_cmp expect actual
'

test_expect_success 'no identity is an error; outside a repository too' '
	mkdir nohome &&
	git init -q bare-id &&
	(cd bare-id && HOME="$SHARNESS_TRASH_DIRECTORY/nohome" &&
	 export HOME && test_expect_code 1 doctor) &&
	cat >expect <<-\EOF &&
	warning: core-abbrev: core.abbrev is not set: git shortens commit ids to 7 digits or so, Fixes: tags want 12
	    fix: git config --global core.abbrev 12
	error: user-name: user.name is not set: patches and reports need your name
	    fix: git config --global user.name '"'"'Your Name'"'"'
	error: user-email: user.email is not set: patches and reports need your address
	    fix: git config --global user.email you@example.org
	EOF
	{ block core-abbrev && block user-name && block user-email; } >actual &&
	test_cmp expect actual &&
	git -C bare-id config user.email "not an address" &&
	(cd bare-id && HOME="$SHARNESS_TRASH_DIRECTORY/nohome" &&
	 export HOME && test_expect_code 1 doctor) &&
	cat >expect <<-\EOF &&
	error: user-email: user.email '"'"'not an address'"'"' is no mail address
	    fix: git config --global user.email you@example.org
	EOF
	block user-email >actual &&
	test_cmp expect actual &&
	(cd notree && doctor) &&
	cat >expect <<-\EOF &&
	warning: remotes: not in a git repository: no remotes to check
	    fix: run git bpf doctor in your kernel repository
	ok: user-email: user.email is '"'"'author@example.com'"'"'
	EOF
	{ block remotes && block user-email; } >actual &&
	test_cmp expect actual
'

test_expect_success '--json: every check, its status and fix; same exit code' '
	(cd linux && PATH="$TOOLS/empty" "$GIT_BPF_BUILD/bin/git-bpf-doctor" \
		--json >../out; test $? = 1) &&
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(\"out\"))
print(d[\"errors\"], d[\"warnings\"], d[\"ok\"])
for c in d[\"checks\"]:
    print(c[\"check\"], c[\"status\"], c[\"fix\"] is not None, len(c[\"details\"]))
" >actual &&
	cat >expect <<-\EOF &&
	3 3 5
	llc-targets error True 0
	clang error True 0
	pahole error True 0
	kernel-config ok False 0
	kernel-config-arch ok False 0
	kernel-version warning True 0
	smtp-config warning True 0
	remotes warning True 0
	core-abbrev ok False 0
	user-name ok False 0
	user-email ok False 0
	EOF
	test_cmp expect actual
'

test_expect_success 'the human summary line counts the checks' '
	(cd linux && doctor) &&
	echo "12 checks: 9 ok, 3 warnings, 0 errors" >expect &&
	tail -n 1 out >actual &&
	test_cmp expect actual
'

test_expect_success '-h prints usage and exits 0; bad usage exits 2' '
	git bpf doctor -h >out &&
	grep "^usage: git bpf doctor \[--config=FILE\] \[--json\]$" out &&
	test_expect_code 2 git bpf doctor --frob 2>err &&
	grep "^error: unknown option '"'"'--frob'"'"'$" err &&
	test_expect_code 2 git bpf doctor extra 2>err &&
	grep "^error: unexpected argument '"'"'extra'"'"'$" err
'

test_done
