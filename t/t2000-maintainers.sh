#!/bin/sh
# Tests of git bpf maintainers on a small kernel-like repository: paths,
# ranges, patch files, options, .mailmap, .yaml bindings, bad input and
# trees without MAINTAINERS.

test_description='git bpf maintainers'
. ./lib.sh

GENERAL='BPF [GENERAL] (Safe Dynamic Programs and Tools)'

test_expect_success 'setup' '
	make_kernel_repo linux &&
	(
		cd linux &&
		git checkout -q -b series bpf-next/master &&
		test_commit_file kernel/bpf/verifier.c "/* spill */" \
			"bpf: Track spills" &&
		test_commit_file tools/testing/selftests/bpf/progs/verifier_basic.c \
			"/* test */" "selftests/bpf: Test spills" &&
		test_commit_file tools/lib/bpf/libbpf.c "/* log */" \
			"libbpf: Log more"
	)
'

test_expect_success '-h prints the usage' '
	git-bpf-maintainers -h >out &&
	grep "^usage: git bpf maintainers" out
'

test_expect_success '--help opens the man page, which man can format' '
	mkdir -p fakebin &&
	printf "#!/bin/sh\necho \"man \$*\"\n" >fakebin/man &&
	chmod +x fakebin/man &&
	PATH="$PWD/fakebin:$PATH" git-bpf-maintainers --help >actual &&
	echo "man git-bpf-maintainers" >expect &&
	test_cmp expect actual &&
	if command -v man >/dev/null
	then
		MANWIDTH=80 man --warnings -l \
			"$GIT_BPF_SRC/man/git-bpf-maintainers.1" >page 2>err &&
		grep "^NAME" page &&
		grep "show-ties" page &&
		test_must_be_empty err
	fi
'

test_expect_success 'an unknown option is bad usage' '
	test_expect_code 2 git-bpf-maintainers --frobnicate 2>err &&
	grep "^error: unknown option .--frobnicate." err
'

cat >expect.verifier <<EOF
Alexei Starovoitov <ast@kernel.org> (maintainer:BPF [CORE])
Daniel Borkmann <daniel@iogearbox.net> (maintainer:BPF [CORE])
John Fastabend <john.fastabend@gmail.com> (reviewer:BPF [CORE])
Andrii Nakryiko <andrii@kernel.org> (supporter:$GENERAL)
Martin KaFai Lau <martin.lau@linux.dev> (reviewer:$GENERAL)
Song Liu <song@kernel.org> (reviewer:$GENERAL)
Yonghong Song <yhs@fb.com> (reviewer:$GENERAL)
KP Singh <kpsingh@kernel.org> (reviewer:$GENERAL)
Stanislav Fomichev <sdf@google.com> (reviewer:$GENERAL)
Hao Luo <haoluo@google.com> (reviewer:$GENERAL)
Jiri Olsa <jolsa@kernel.org> (reviewer:$GENERAL)
bpf@vger.kernel.org (open list:BPF [CORE])
linux-kernel@vger.kernel.org (open list)
EOF

test_expect_success 'a file: deepest section first, people before lists' '
	(cd linux && git-bpf-maintainers kernel/bpf/verifier.c) >actual &&
	test_cmp expect.verifier actual
'

test_expect_success 'paths are relative to the current directory' '
	(cd linux/kernel && git-bpf-maintainers bpf/verifier.c) >actual &&
	test_cmp expect.verifier actual &&
	(cd linux/kernel/bpf && git-bpf-maintainers -- ./verifier.c) >actual &&
	test_cmp expect.verifier actual
'

cat >expect.dev <<EOF
"David S. Miller" <davem@davemloft.net>
Eric Dumazet <edumazet@google.com>
Jakub Kicinski <kuba@kernel.org>
Paolo Abeni <pabeni@redhat.com>
EOF

test_expect_success '--no-roles and --no-lists' '
	(cd linux && git-bpf-maintainers --no-roles --no-lists net/core/dev.c) >actual &&
	test_cmp expect.dev actual
'

test_expect_success '--no-people' '
	printf "%s\n" "netdev@vger.kernel.org (open list:NETWORKING [GENERAL])" \
		"linux-kernel@vger.kernel.org (open list)" >expect &&
	(cd linux && git-bpf-maintainers --no-people net/core/dev.c) >actual &&
	test_cmp expect actual
'

test_expect_success 'X: excludes a section, a directory matches below it' '
	cat >maint.x <<-\EOF &&
	X86 NET
	M:	Jane Doe <jane@example.org>
	S:	Maintained
	F:	arch/x86/net/
	X:	arch/x86/net/bpf_jit_comp32.c

	ARCH
	M:	John Roe <john@example.org>
	S:	Maintained
	F:	arch/
	EOF
	(cd linux &&
	 git-bpf-maintainers --maintainers=../maint.x -- arch/x86/net/bpf_jit_comp32.c &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.x arch/x86/net/bpf_jit_comp.c &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.x --no-roles arch/x86/net) >actual 2>err &&
	cat >expect <<-\EOF &&
	John Roe <john@example.org> (maintainer:ARCH)
	--
	Jane Doe <jane@example.org> (maintainer:X86 NET)
	John Roe <john@example.org> (maintainer:ARCH)
	--
	Jane Doe <jane@example.org>
	John Roe <john@example.org>
	EOF
	test_cmp expect actual &&
	grep "^warning: .arch/x86/net/bpf_jit_comp32.c. is not in the tree" err
'

test_expect_success 'K: on the contents of a file and on patch lines' '
	cat >maint.k <<-\EOF &&
	KEYWORD
	M:	Kay Word <kay@example.org>
	S:	Maintained
	K:	\bspill\b
	EOF
	(cd linux &&
	 git-bpf-maintainers --maintainers=../maint.k kernel/bpf/verifier.c &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.k --no-keywords kernel/bpf/verifier.c &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.k kernel/bpf/core.c &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.k series~3..series~2 &&
	 echo -- &&
	 git-bpf-maintainers --maintainers=../maint.k series~2..series) >actual &&
	cat >expect <<-\EOF &&
	Kay Word <kay@example.org> (maintainer:KEYWORD)
	--
	--
	--
	Kay Word <kay@example.org> (maintainer:KEYWORD)
	--
	EOF
	test_cmp expect actual
'

test_expect_success 'a revision range: the files of every patch' '
	(cd linux && git checkout -q series &&
	 git-bpf-maintainers --show-ties bpf-next/master..series) >actual &&
	cut -f1 actual | sort -u >ties &&
	printf "0\n2\n" >expect &&
	test_cmp expect ties &&
	grep -x "2	Mykola Lysenko <mykolal@fb.com> (reviewer:BPF \[SELFTESTS\] (Test Runners & Infrastructure))	R:reviewer:BPF \[SELFTESTS\] (Test Runners & Infrastructure)	E:Mykola Lysenko <mykolal@fb.com>" actual &&
	cut -f2 actual | grep -v Mykola >rest &&
	test_cmp expect.verifier rest
'

test_expect_success 'a single revision means REV..HEAD' '
	(cd linux && git-bpf-maintainers --no-roles series~1 &&
	 git-bpf-maintainers --no-roles series~1..series) >actual &&
	sort actual | uniq -c | awk "\$1 != 2" >odd &&
	test_must_be_empty odd
'

test_expect_success 'patch files give what the range gives' '
	(cd linux && git format-patch -q -o ../patches bpf-next/master..series &&
	 git-bpf-maintainers bpf-next/master..series >../range &&
	 git-bpf-maintainers ../patches/*.patch >../files) &&
	test_cmp range files &&
	test $(wc -l <files) = 14
'

test_expect_success 'K: reads the diffstat of a patch, in a range too' '
	printf "STAT\nM:\tKay Word <kay@example.org>\nS:\tMaintained\nK:\tlibbpf\\.c\n" >maint.stat &&
	(cd linux &&
	 git-bpf-maintainers --maintainers=../maint.stat series~1..series &&
	 git-bpf-maintainers --maintainers=../maint.stat ../patches/0003-*.patch &&
	 git-bpf-maintainers --maintainers=../maint.stat ../patches/0001-*.patch) >actual &&
	cat >expect <<-\EOF &&
	Kay Word <kay@example.org> (maintainer:STAT)
	Kay Word <kay@example.org> (maintainer:STAT)
	EOF
	test_cmp expect actual
'

test_expect_success 'no argument and no upstream is a usage error' '
	git init -q lonely &&
	(cd lonely && test_commit_file a.c "int a;" "a: First" &&
	 test_expect_code 2 git-bpf-maintainers) >out 2>err &&
	test_must_be_empty out &&
	echo "error: no path, range or patch file given, and no upstream for the default range @{upstream}..HEAD" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	grep "^usage: git bpf maintainers " err
'

test_expect_success 'the default range is the upstream of the branch' '
	(cd linux && git branch -q --set-upstream-to=bpf-next/master series &&
	 git-bpf-maintainers) >actual &&
	test_cmp range actual
'

test_expect_success 'an empty range is an error' '
	(cd linux && test_expect_code 2 git-bpf-maintainers series..series) 2>err &&
	grep "^error: " err
'

test_expect_success '--batch: one answer per line, each ended by an empty line' '
	printf "%s\n" kernel/bpf/verifier.c net/core/dev.c >queries &&
	(cd linux && git-bpf-maintainers --batch --no-roles --no-lists <../queries) >actual &&
	{
		sed -e "s/ (.*//" -e "/@vger/d" expect.verifier &&
		echo &&
		cat expect.dev &&
		echo
	} >expect &&
	test_cmp expect actual
'

test_expect_success '--batch goes on after a bad query and exits 2' '
	printf "%s\n" no/such/file kernel/bpf/btf.c >queries &&
	(cd linux && test_expect_code 2 git-bpf-maintainers --batch --no-roles \
		--no-people <../queries) >actual 2>err &&
	printf "%s\n" "" bpf@vger.kernel.org linux-kernel@vger.kernel.org "" >expect &&
	test_cmp expect actual &&
	grep "^error: .no/such/file. is neither a path of the tree" err
'

test_expect_success '--json' '
	(cd linux && git-bpf-maintainers --json --no-people kernel/bpf/btf.c) >actual &&
	cat >expect <<-\EOF &&
	{"recipients":[{"kind":"list","name":"","address":"bpf@vger.kernel.org","role":"open list:BPF [BTF]"},{"kind":"list","name":"","address":"linux-kernel@vger.kernel.org","role":"open list"}]}
	EOF
	test_cmp expect actual
'

test_expect_success '.mailmap maps names and addresses' '
	cat >maint.mailmap <<-\EOF &&
	BPF [MAILMAP]
	M:	Old Name <alexei.starovoitov@gmail.com>
	M:	"Some One" <someone@example.org>
	L:	bpf@vger.kernel.org
	S:	Maintained
	F:	kernel/
	EOF
	(cd linux && git-bpf-maintainers --maintainers=../maint.mailmap \
		kernel/bpf/core.c) >actual &&
	cat >expect <<-\EOF &&
	Alexei Starovoitov <ast@kernel.org> (maintainer:BPF [MAILMAP])
	Some One <someone@example.org> (maintainer:BPF [MAILMAP])
	bpf@vger.kernel.org (open list:BPF [MAILMAP])
	EOF
	test_cmp expect actual
'

test_expect_success 'names with dots are quoted, duplicates by name dropped' '
	cat >maint.dup <<-\EOF &&
	ONE
	M:	David S. Miller <davem@davemloft.net>
	M:	Jane Doe <jane@example.org>
	S:	Supported
	F:	net/core/

	TWO
	M:	Jane Doe <jane@other.example.org>
	M:	JANE@EXAMPLE.ORG
	L:	netdev@vger.kernel.org (moderated for non-subscribers)
	L:	secret@example.org (subscribers-only)
	S:	Odd Fixes
	F:	net/
	EOF
	(cd linux && git-bpf-maintainers --maintainers=../maint.dup \
		net/core/dev.c) >actual &&
	cat >expect <<-\EOF &&
	"David S. Miller" <davem@davemloft.net> (supporter:ONE)
	Jane Doe <jane@example.org> (supporter:ONE)
	netdev@vger.kernel.org (moderated list:TWO)
	EOF
	test_cmp expect actual
'

test_expect_success 'a list line that starts with a name is left out, named' '
	printf "MALI\nM:\tJane Doe <jane@example.org>\nL:\tMali DP Maintainers <malidp@example.org>\nS:\tSupported\nF:\tnet/\n" >maint.mali &&
	(cd linux && git-bpf-maintainers --maintainers=../maint.mali net/core/dev.c) >actual 2>err &&
	echo "Jane Doe <jane@example.org> (supporter:MALI)" >expect &&
	test_cmp expect actual &&
	echo "warning: ../maint.mali:3: L: '"'"'Mali DP Maintainers <malidp@example.org>'"'"' does not start with an address; left out" >expect &&
	test_cmp expect err
'

test_expect_success 'long section names are cut as get_maintainer.pl cuts them' '
	cat >maint.long <<-\EOF &&
	A SECTION NAME THAT IS MUCH LONGER THAN FIFTY, SO CUT
	M:	Jane Doe <jane@example.org>
	S:	Maintained
	F:	net/
	EOF
	(cd linux && git-bpf-maintainers --maintainers=../maint.long net/core/dev.c) >actual &&
	echo "Jane Doe <jane@example.org> (maintainer:A SECTION NAME THAT IS MUCH LONGER THAN FIFTY,...)" >expect &&
	test_cmp expect actual
'

test_expect_success 'N: regexes on the path, F: globs at their depth' '
	cat >maint.n <<-\EOF &&
	FILTER
	M:	Jane Doe <jane@example.org>
	S:	Maintained
	N:	filt(er|re)

	GLOB
	M:	John Roe <john@example.org>
	S:	Maintained
	F:	net/*/f?lter.c
	F:	net/*.c
	EOF
	(cd linux && git-bpf-maintainers --maintainers=../maint.n --no-roles \
		net/core/filter.c && echo -- &&
		git-bpf-maintainers --maintainers=../maint.n --no-roles net/core/dev.c) >actual &&
	printf "%s\n" "John Roe <john@example.org>" "Jane Doe <jane@example.org>" -- >expect &&
	test_cmp expect actual
'

test_expect_success '.yaml bindings name their maintainers' '
	cat >maint.dt <<-\EOF &&
	DT NET
	M:	Andrii Nakryiko <andrii@kernel.org>
	L:	netdev@vger.kernel.org
	S:	Supported
	F:	Documentation/devicetree/bindings/net/
	EOF
	(cd linux &&
	 mkdir -p Documentation/devicetree/bindings/net &&
	 cat >Documentation/devicetree/bindings/net/foo.yaml <<-\EOF &&
	title: Foo
	maintainers:
	  - Jane Doe <jane@example.org>
	  - Andrii Nakryiko <andrii@kernel.org>
	EOF
	 git-bpf-maintainers --maintainers=../maint.dt \
		Documentation/devicetree/bindings/net/foo.yaml) >actual &&
	cat >expect <<-\EOF &&
	Andrii Nakryiko <andrii@kernel.org> (supporter:DT NET,in file)
	Jane Doe <jane@example.org> (in file)
	netdev@vger.kernel.org (open list:DT NET)
	EOF
	test_cmp expect actual
'

test_expect_success 'malformed MAINTAINERS: warnings name the lines' '
	cat >maint.bad <<-\EOF &&
	GOOD
	M:	Jane Doe <jane@example.org>
	S:	Maintained
	F:	net/
	this line is no field
	N:	unterminated(regex
	K:	[abc

	OTHER
	M:	John Roe <john@example.org>
	S:	Maintained
	N:	core
	EOF
	(cd linux && git-bpf-maintainers --maintainers=../maint.bad \
		net/core/dev.c) >actual 2>err &&
	cat >expect <<-\EOF &&
	Jane Doe <jane@example.org> (maintainer:GOOD)
	John Roe <john@example.org> (maintainer:OTHER)
	EOF
	test_cmp expect actual &&
	cat >expect.err <<-\EOF &&
	warning: ../maint.bad:5: malformed line '"'"'this line is no field'"'"' (not "X: value") starts a new section
	warning: ../maint.bad:6: N: '"'"'unterminated(regex'"'"' is no valid regex (missing closing parenthesis at offset 18); ignored
	warning: ../maint.bad:7: K: '"'"'[abc'"'"' is no valid regex (missing terminating ] for character class at offset 4); ignored
	EOF
	test_cmp expect.err err
'

test_expect_success 'an address-less M: line is named' '
	printf "NOBODY\nM:\tnobody at all\nS:\tMaintained\nF:\tnet/\n" >maint.nobody &&
	(cd linux && git-bpf-maintainers --maintainers=../maint.nobody \
		net/core/dev.c) >actual 2>err &&
	test_must_be_empty actual &&
	echo "warning: ../maint.nobody:2: invalid MAINTAINERS address: '"'"'nobody at all'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'an unreadable --maintainers file is an error' '
	(cd linux && test_expect_code 2 git-bpf-maintainers \
		--maintainers=../no-such-file kernel/bpf/core.c) 2>err &&
	grep "^error: unable to read .../no-such-file." err
'

test_expect_success 'a path outside the tree is an error naming it' '
	(cd linux && test_expect_code 2 git-bpf-maintainers -- ../outside.c) 2>err &&
	test_cmp - err <<-EOF &&
	error: '"'"'../outside.c'"'"' is outside the tree '"'"'$(cd linux && pwd -P)'"'"'
	EOF
	(cd linux && test_expect_code 2 git-bpf-maintainers -f /etc/passwd) 2>err &&
	grep "^error: ./etc/passwd. is outside the tree" err
'

test_expect_success 'an unknown argument is an error naming it' '
	(cd linux && test_expect_code 2 git-bpf-maintainers no-such-thing) 2>err &&
	grep "^error: .no-such-thing. is neither a path of the tree, a patch file nor a revision" err
'

test_expect_success 'a path not in the tree, after --, is matched with a warning' '
	(cd linux && git-bpf-maintainers --no-roles --no-people -- kernel/bpf/new.c) >actual 2>err &&
	printf "%s\n" bpf@vger.kernel.org linux-kernel@vger.kernel.org >expect &&
	test_cmp expect actual &&
	grep "^warning: .kernel/bpf/new.c. is not in the tree" err
'

test_expect_success 'a binary file is no patch' '
	printf "\0\1\2binary" >blob.bin &&
	(cd linux && test_expect_code 2 git-bpf-maintainers ../blob.bin) 2>err &&
	grep "^error: .../blob.bin. is a binary file, not a patch" err
'

test_expect_success 'a patch with a binary diff' '
	(cd linux && printf "\0\1\2\3" >kernel/bpf/blob.o && git add kernel/bpf/blob.o &&
	 test_tick && git commit -q -m "bpf: add a blob" &&
	 git format-patch -q --binary -1 -o ../bin &&
	 git-bpf-maintainers --no-roles --no-people ../bin/*.patch) >actual &&
	printf "%s\n" bpf@vger.kernel.org linux-kernel@vger.kernel.org >expect &&
	test_cmp expect actual
'

test_expect_success 'a file that is no patch is warned about' '
	echo "just some text" >notes.txt &&
	(cd linux && git-bpf-maintainers ../notes.txt) >actual 2>err &&
	test_must_be_empty actual &&
	grep "^warning: .../notes.txt. does not look like a patch" err
'

test_expect_success 'paths, patches and ranges do not mix' '
	(cd linux && test_expect_code 2 git-bpf-maintainers kernel/bpf/core.c \
		../patches/0001-bpf-Track-spills.patch) 2>err &&
	grep "^error: paths, patch files and a revision range cannot be mixed" err
'

test_expect_success 'an unpacked tarball: MAINTAINERS of the directory' '
	mkdir tarball &&
	(cd linux && git archive HEAD) | (cd tarball && tar xf -) &&
	cp patches/0001-*.patch tarball/ &&
	(cd linux && git-bpf-maintainers --no-roles ../patches/0001-*.patch &&
	 git-bpf-maintainers --no-roles kernel/bpf/core.c) >expect &&
	(cd tarball && GIT_CEILING_DIRECTORIES="$(cd .. && pwd)" &&
	 export GIT_CEILING_DIRECTORIES &&
	 git-bpf-maintainers --no-roles 0001-*.patch &&
	 git-bpf-maintainers --no-roles kernel/bpf/core.c) >actual &&
	test_cmp expect actual
'

test_expect_success 'a tree without MAINTAINERS: the BPF list from config' '
	git init -q iproute2 &&
	(cd iproute2 && test_commit_file ip/ip.c "int main;" "ip: start") &&
	(cd iproute2 && git-bpf-maintainers ip/ip.c) >actual 2>err &&
	echo "bpf@vger.kernel.org (open list:BPF ([lists] bpf))" >expect &&
	test_cmp expect actual &&
	echo "note: no MAINTAINERS in this tree; using the BPF list and maintainers from config ([lists] bpf, [lists] bpf-maintainers)" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'the fallback takes [lists] from the INI file' '
	cat >bpf.ini <<-\EOF &&
	[lists]
	bpf = bpf-test@example.org
	bpf-maintainers = Alexei Starovoitov <ast@kernel.org>, daniel@iogearbox.net
	EOF
	(cd iproute2 && GIT_BPF_CONFIG=../bpf.ini git-bpf-maintainers --no-roles ip/ip.c) >actual 2>err &&
	printf "%s\n" "Alexei Starovoitov <ast@kernel.org>" daniel@iogearbox.net \
		bpf-test@example.org >expect &&
	test_cmp expect actual
'

test_expect_success 'outside any repository, without MAINTAINERS' '
	mkdir scratch &&
	(cd scratch && GIT_CEILING_DIRECTORIES="$(pwd)/.." git-bpf-maintainers \
		--no-roles anything.c) >actual 2>err &&
	echo bpf@vger.kernel.org >expect &&
	test_cmp expect actual &&
	grep "^note: no MAINTAINERS" err
'

test_done
