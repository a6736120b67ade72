#!/bin/sh
test_description='git bpf report: recipients, template, placeholders and output'
. ./lib.sh

SP=' '
TAB=$(printf '\t')

# The maintainers of BPF [GENERAL] and the people MAINTAINERS names for
# kernel/bpf/verifier.c after them, as get_maintainer.pl orders them.
bpf_maintainers () {
	cat <<-\EOF
	  Cc: Alexei Starovoitov <ast@kernel.org>
	  Cc: Daniel Borkmann <daniel@iogearbox.net>
	  Cc: Andrii Nakryiko <andrii@kernel.org>
	EOF
}

bpf_reviewers () {
	cat <<-\EOF
	  Cc: Martin KaFai Lau <martin.lau@linux.dev>
	  Cc: Song Liu <song@kernel.org>
	  Cc: Yonghong Song <yhs@fb.com>
	  Cc: KP Singh <kpsingh@kernel.org>
	  Cc: Stanislav Fomichev <sdf@google.com>
	  Cc: Hao Luo <haoluo@google.com>
	  Cc: Jiri Olsa <jolsa@kernel.org>
	EOF
}

# The mail without what changes from run to run.
normalize () {
	sed -e 's/^Date: .*/Date: DATE/' -e 's/^Message-ID: .*/Message-ID: ID/' "$@"
}

test_expect_success 'setup' '
	make_kernel_repo linux &&
	(
		cd linux &&
		git config user.name "Rita Reporter" &&
		git config user.email rita@example.org &&
		printf "x\n" >>kernel/bpf/verifier.c &&
		git add kernel/bpf/verifier.c &&
		test_tick &&
		GIT_AUTHOR_NAME="Bug Author" GIT_AUTHOR_EMAIL=bug@example.org \
		git commit -q -F - <<-\EOF &&
		bpf: Relax the bounds of spilled constants

		Keep the bounds across the spill.

		Signed-off-by: Bug Author <bug@example.org>
		Signed-off-by: Alexei Starovoitov <alexei.starovoitov@gmail.com>
		Cc: stable@vger.kernel.org
		EOF
		printf "y\n" >>tools/lib/bpf/libbpf.c &&
		git add tools/lib/bpf/libbpf.c &&
		test_tick &&
		GIT_AUTHOR_NAME="Lib Person" GIT_AUTHOR_EMAIL=lib@example.net \
		git commit -q -F - <<-\EOF
		libbpf: Skip programs quietly

		Say less.

		Acked-by: Some Acker <acker@example.com>
		Signed-off-by: Lib Person <lib@example.net>
		Signed-off-by: "Last, First" <first.last@example.com>
		EOF
	) &&
	cat >body <<-\EOF
	What happened:
	A loop bounded by a spilled constant is rejected.

	How to reproduce:
	./test_progs -t verifier_spill_fill
	EOF
'

test_expect_success 'without a commit: the list, and the BPF maintainers in Cc' '
	(cd linux && git bpf report --subject="verifier rejects loops" \
		--body=../body --dry-run) >out &&
	{
		echo "verifier rejects loops" &&
		echo "  To: bpf@vger.kernel.org" &&
		bpf_maintainers &&
		echo &&
		echo "dry run: 1 message to 4 recipients, nothing sent"
	} >expect &&
	test_cmp expect out
'

test_expect_success 'a commit adds its author, signers (through .mailmap) and file maintainers' '
	(cd linux && git bpf report --subject=S --body=../body \
		--commit=HEAD~1 --dry-run) >out &&
	{
		echo S &&
		echo "  To: bpf@vger.kernel.org" &&
		bpf_maintainers &&
		echo "  Cc: Bug Author <bug@example.org>" &&
		echo "  Cc: John Fastabend <john.fastabend@gmail.com>" &&
		bpf_reviewers &&
		echo "  Cc: linux-kernel@vger.kernel.org" &&
		echo &&
		echo "dry run: 1 message to 14 recipients, nothing sent"
	} >expect &&
	test_cmp expect out &&
	! grep -i stable out
'

test_expect_success 'two commits: both sets of people, each address once' '
	(cd linux && git bpf report --subject=S --body=../body \
		--commit=HEAD --commit=HEAD~1 --dry-run) >out &&
	{
		echo S &&
		echo "  To: bpf@vger.kernel.org" &&
		bpf_maintainers &&
		echo "  Cc: Lib Person <lib@example.net>" &&
		echo "  Cc: \"Last, First\" <first.last@example.com>" &&
		bpf_reviewers | sed 3q &&
		echo "  Cc: John Fastabend <john.fastabend@gmail.com>" &&
		bpf_reviewers | sed 1,3d &&
		echo "  Cc: linux-kernel@vger.kernel.org" &&
		echo "  Cc: Bug Author <bug@example.org>" &&
		echo &&
		echo "dry run: 1 message to 16 recipients, nothing sent"
	} >expect &&
	test_cmp expect out &&
	! grep -i -e acker -e stable out
'

test_expect_success '--cc adds people; stable@ is never mailed' '
	(cd linux && git bpf report --subject=S --body=../body \
		--cc="Vera Verifier <vera@example.com>" \
		--cc=stable@vger.kernel.org --cc=DANIEL@iogearbox.net \
		--dry-run) >out 2>err &&
	{
		echo S &&
		echo "  To: bpf@vger.kernel.org" &&
		bpf_maintainers &&
		echo "  Cc: Vera Verifier <vera@example.com>" &&
		echo &&
		echo "dry run: 1 message to 5 recipients, nothing sent"
	} >expect &&
	test_cmp expect out &&
	echo "warning: not mailing '"'"'stable@vger.kernel.org'"'"': bug reports go to the BPF list, stable@ takes no reports" >expect &&
	test_cmp expect err
'

test_expect_success 'stable@kernel.org is the stable list too' '
	(cd linux && git bpf report --subject=S --body=../body \
		--cc="Stable <STABLE@kernel.org>" --dry-run) >out 2>err &&
	! grep -i stable out &&
	echo "warning: not mailing '"'"'Stable <STABLE@kernel.org>'"'"': bug reports go to the BPF list, stable@ takes no reports" >expect &&
	test_cmp expect err
'

test_expect_success '[lists] and [send] exclude of the config decide too' '
	cat >bpf.ini <<-\EOF &&
	[lists]
	bpf = BPF List <bpf-test@example.org>
	bpf-maintainers = Alexei Starovoitov <ast@kernel.org>, Mia Maintainer <mia@example.org>
	[send]
	exclude = bug@example.org
	EOF
	(cd linux && GIT_BPF_CONFIG=../bpf.ini git bpf report --subject=S \
		--body=../body --commit=HEAD~1 --dry-run) >out &&
	{
		echo S &&
		echo "  To: BPF List <bpf-test@example.org>" &&
		echo "  Cc: Alexei Starovoitov <ast@kernel.org>" &&
		echo "  Cc: Mia Maintainer <mia@example.org>" &&
		echo "  Cc: Daniel Borkmann <daniel@iogearbox.net>" &&
		echo "  Cc: John Fastabend <john.fastabend@gmail.com>" &&
		echo "  Cc: Andrii Nakryiko <andrii@kernel.org>" &&
		bpf_reviewers &&
		echo "  Cc: bpf@vger.kernel.org" &&
		echo "  Cc: linux-kernel@vger.kernel.org" &&
		echo &&
		echo "dry run: 1 message to 15 recipients, nothing sent"
	} >expect &&
	test_cmp expect out
'

test_expect_success '--stdout: the mail, with the kernel version and the commit line' '
	(cd linux && git bpf report --subject="verifier rejects loops" \
		--body=../body --commit=HEAD~1 --stdout) >out &&
	head=$(git -C linux rev-parse --short=12 HEAD) &&
	bug=$(git -C linux rev-parse --short=12 HEAD~1) &&
	cat >expect <<-EOF &&
	From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
	From: Rita Reporter <rita@example.org>
	Date: DATE
	Subject: verifier rejects loops
	Message-ID: ID
	To: bpf@vger.kernel.org
	Cc: Alexei Starovoitov <ast@kernel.org>,
	${SP}Daniel Borkmann <daniel@iogearbox.net>,
	${SP}Andrii Nakryiko <andrii@kernel.org>,
	${SP}Bug Author <bug@example.org>,
	${SP}John Fastabend <john.fastabend@gmail.com>,
	${SP}Martin KaFai Lau <martin.lau@linux.dev>,
	${SP}Song Liu <song@kernel.org>,
	${SP}Yonghong Song <yhs@fb.com>,
	${SP}KP Singh <kpsingh@kernel.org>,
	${SP}Stanislav Fomichev <sdf@google.com>,
	${SP}Hao Luo <haoluo@google.com>,
	${SP}Jiri Olsa <jolsa@kernel.org>,
	${SP}linux-kernel@vger.kernel.org
	MIME-Version: 1.0
	Content-Type: text/plain; charset=UTF-8
	Content-Transfer-Encoding: 8bit
	X-Mailer: git-bpf $(cat "$GIT_BPF_SRC/VERSION")

	What happened:
	A loop bounded by a spilled constant is rejected.

	How to reproduce:
	./test_progs -t verifier_spill_fill

	Kernel version: 6.1.0 (tree at $head ("libbpf: Skip programs quietly"))
	Introduced by:
	commit $bug ("bpf: Relax the bounds of spilled constants")
	EOF
	sed "s/^${TAB}/${SP}/" out | normalize >actual &&
	test_cmp expect actual &&
	grep "^Date: [A-Z][a-z][a-z], [0-9]* [A-Z][a-z][a-z] 20[0-9][0-9] [0-9:]* [-+][0-9]\{4\}$" out &&
	grep "^Message-ID: <[^ ]*@example.org>$" out
'

test_expect_success 'a line over 998 bytes goes quoted-printable, as a patch does' '
	long=$(awk "BEGIN { for (i = 0; i < 1200; i++) printf \"x\" }") &&
	{ cat body && echo "$long="; } >body-long &&
	(cd linux && git bpf report --subject=S --body=../body-long \
		--stdout) >out &&
	sed -n "/^Content-Transfer-Encoding:/p" out >actual &&
	echo "Content-Transfer-Encoding: quoted-printable" >expect &&
	test_cmp expect actual &&
	! awk "length > 998" out | grep . &&
	sed 1d out | /usr/bin/python3 -c "import email, sys
m = email.message_from_binary_file(sys.stdin.buffer)
sys.stdout.write(m.get_payload(decode=True).decode())" >decoded &&
	grep -x "$long=" decoded &&
	grep -x "A loop bounded by a spilled constant is rejected." decoded
'

test_expect_success 'facts the body already holds are not repeated' '
	bug=$(git -C linux rev-parse --short=12 HEAD~1) &&
	{ cat body && echo && echo "Seen on 6.1.0 since commit $bug."; } >body2 &&
	(cd linux && git bpf report --subject=S --body=../body2 \
		--commit=HEAD~1 --stdout) >out &&
	sed "1,/^$/d" out >actual &&
	test_cmp body2 actual
'

test_expect_success '--body=- reads the text from standard input' '
	(cd linux && git bpf report --subject=S --body=- --stdout <../body2) >out &&
	sed "1,/^$/d" out >actual &&
	test_cmp body2 actual
'

test_expect_success '-o DIR writes the mail as a file' '
	(cd linux && git bpf report --subject="verifier: loops rejected" \
		--body=../body -o ../outdir) >out &&
	echo ../outdir/0001-verifier-loops-rejected.eml >expect &&
	test_cmp expect out &&
	git mailinfo msg patch <outdir/0001-verifier-loops-rejected.eml >info &&
	grep "^Subject: verifier: loops rejected$" info &&
	grep "^Author: Rita Reporter$" info &&
	head=$(git -C linux rev-parse --short=12 HEAD) &&
	{ cat body && echo &&
	  echo "Kernel version: 6.1.0 (tree at $head (\"libbpf: Skip programs quietly\"))"
	} >expect &&
	test_cmp expect msg
'

# An editor with an argument of its own: it keeps a copy of the template
# it was given, then fills in the placeholders.
test_expect_success 'setup editor' '
	cat >editor <<-\EOF &&
	#!/bin/sh
	test "$1" = --wait || exit 3
	cp "$2" template
	sed -e "s/^<one-line summary of the bug>\$/verifier: loops rejected/" \
	    -e "/^<what you ran/,/splat>\$/c\\
	A loop bounded by a spilled constant is rejected." \
	    -e "s/^<the steps.*>\$/.\\/test_progs -t spill/" "$2" >"$2.new" &&
	mv "$2.new" "$2"
	EOF
	chmod +x editor
'

test_expect_success 'the editor gets the template; its text is the report' '
	(cd linux && GIT_EDITOR="'"'"'$SHARNESS_TRASH_DIRECTORY/editor'"'"' --wait" \
		git bpf report --commit=HEAD~1 --stdout) >out &&
	head=$(git -C linux rev-parse --short=12 HEAD) &&
	bug=$(git -C linux rev-parse --short=12 HEAD~1) &&
	cat >expect <<-EOF &&
	<one-line summary of the bug>

	What happened:
	<what you ran, what you expected and what happened instead: the
	error, the verifier log or the kernel splat>

	How to reproduce:
	<the steps, the program or the selftest that show the bug>

	Kernel version: 6.1.0 (tree at $head ("libbpf: Skip programs quietly"))
	Introduced by:
	commit $bug ("bpf: Relax the bounds of spilled constants")

	# Describe the bug above: the first line is the subject, the rest
	# the body.  Lines starting with '"'"'#'"'"' are dropped; a report that is
	# empty or still holds a <...> placeholder is not sent.
	# To: bpf@vger.kernel.org
	# Cc: Alexei Starovoitov <ast@kernel.org>
	# Cc: Daniel Borkmann <daniel@iogearbox.net>
	# Cc: Andrii Nakryiko <andrii@kernel.org>
	# Cc: Bug Author <bug@example.org>
	# Cc: John Fastabend <john.fastabend@gmail.com>
	# Cc: Martin KaFai Lau <martin.lau@linux.dev>
	# Cc: Song Liu <song@kernel.org>
	# Cc: Yonghong Song <yhs@fb.com>
	# Cc: KP Singh <kpsingh@kernel.org>
	# Cc: Stanislav Fomichev <sdf@google.com>
	# Cc: Hao Luo <haoluo@google.com>
	# Cc: Jiri Olsa <jolsa@kernel.org>
	# Cc: linux-kernel@vger.kernel.org
	EOF
	test_cmp expect linux/template &&
	grep "^Subject: verifier: loops rejected$" out &&
	cat >expect <<-EOF &&
	What happened:
	A loop bounded by a spilled constant is rejected.

	How to reproduce:
	./test_progs -t spill

	Kernel version: 6.1.0 (tree at $head ("libbpf: Skip programs quietly"))
	Introduced by:
	commit $bug ("bpf: Relax the bounds of spilled constants")
	EOF
	sed "1,/^$/d" out >actual &&
	test_cmp expect actual
'

test_expect_success '--subject fills the template subject line' '
	(cd linux && GIT_EDITOR="'"'"'$SHARNESS_TRASH_DIRECTORY/editor'"'"' --wait" \
		git bpf report --subject="bpf: my own subject" --dry-run) >out &&
	head -n 1 linux/template >actual &&
	echo "bpf: my own subject" >expect &&
	test_cmp expect actual &&
	head -n 1 out >actual &&
	test_cmp expect actual
'

test_expect_success 'the template left as it is: refused, exit 1' '
	(cd linux && GIT_EDITOR=: && export GIT_EDITOR &&
	 test_expect_code 1 git bpf report --dry-run) >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-EOF &&
	error: the report still holds the placeholder '"'"'<one-line summary of the bug>'"'"'
	hint: your text is in '"'"'$SHARNESS_TRASH_DIRECTORY/linux/.git/BPF_REPORT_EDITMSG'"'"'
	EOF
	test_cmp expect err
'

test_expect_success 'a body placeholder left: refused' '
	cat >half-editor <<-\EOF &&
	#!/bin/sh
	sed -e "s/^<one-line summary of the bug>\$/subject/" "$1" >"$1.new" &&
	mv "$1.new" "$1"
	EOF
	chmod +x half-editor &&
	(cd linux && GIT_EDITOR=../half-editor && export GIT_EDITOR &&
	 test_expect_code 1 git bpf report --dry-run) >out 2>err &&
	test_must_be_empty out &&
	grep "^error: the report still holds the placeholder '"'"'<what you ran, what you expected and what happened instead: the'"'"'$" err
'

test_expect_success 'an editor that fails: exit 1; an empty report: exit 1' '
	(cd linux && GIT_EDITOR=false && export GIT_EDITOR &&
	 test_expect_code 1 git bpf report --dry-run) >out 2>err &&
	test_must_be_empty out &&
	echo "error: the editor '"'"'false'"'"' failed (exit 1)" >expect &&
	test_cmp expect err &&

	printf "#!/bin/sh\n: >\"\$1\"\n" >empty-editor &&
	chmod +x empty-editor &&
	(cd linux && GIT_EDITOR=../empty-editor && export GIT_EDITOR &&
	 test_expect_code 1 git bpf report --dry-run) >out 2>err &&
	test_must_be_empty out &&
	grep "^error: the report has no subject$" err
'

test_expect_success '--body with a placeholder or nothing in it is refused' '
	printf "What happened:\n<the steps, the program or the selftest that show the bug>\n" >ph-body &&
	(cd linux && test_expect_code 1 git bpf report --subject=S \
		--body=../ph-body --dry-run) >out 2>err &&
	test_must_be_empty out &&
	echo "error: the report still holds the placeholder '"'"'<the steps, the program or the selftest that show the bug>'"'"'" >expect &&
	test_cmp expect err &&
	: >empty &&
	git -C linux cat-file blob HEAD:Makefile >/dev/null &&
	mkdir plain && git -C plain init -q &&
	cp linux/MAINTAINERS plain/ && git -C plain add MAINTAINERS &&
	git -C plain commit -q -m "no Makefile" &&
	(cd plain && test_expect_code 1 git bpf report --subject=S \
		--body=../empty --dry-run) >out 2>err &&
	echo "error: the report has no text" >expect &&
	test_cmp expect err &&
	(cd linux && test_expect_code 1 git bpf report --subject=" " \
		--body=../body --dry-run) 2>err &&
	echo "error: the report has no subject" >expect &&
	test_cmp expect err
'

test_expect_success 'bad input is exit 2 with one error line' '
	(cd linux && test_expect_code 2 git bpf report --subject=S \
		--body=../body --commit=nosuchrev --dry-run) >out 2>err &&
	test_must_be_empty out &&
	test $(wc -l <err) = 1 &&
	grep "^error: .*'"'"'nosuchrev'"'"'" err &&

	(cd linux && test_expect_code 2 git bpf report --body=../body) 2>err &&
	echo "error: --body needs --subject" >expect &&
	test_cmp expect err &&

	(cd linux && test_expect_code 2 git bpf report --subject=S \
		--body=../nosuch) 2>err &&
	echo "error: unable to read '"'"'../nosuch'"'"': No such file or directory" >expect &&
	test_cmp expect err &&

	(cd linux && test_expect_code 2 git bpf report --subject=S \
		--body=../body --dry-run --stdout) 2>err &&
	grep "^error: --dry-run, --stdout and -o exclude each other$" err &&

	(cd linux && test_expect_code 2 git bpf report --subject=S \
		--body=../body --cc="no address" --dry-run) >out 2>err &&
	test_must_be_empty out &&
	echo "error: invalid address '"'"'no address'"'"'" >expect &&
	test_cmp expect err &&

	(cd linux && test_expect_code 2 git bpf report --subject="$(printf "a\nBcc: x@y.z")" \
		--body=../body --dry-run) >out 2>err &&
	test_must_be_empty out &&
	echo "error: the subject holds a line break" >expect &&
	test_cmp expect err &&

	printf "[lists]\nbpf-maintainers = Good <good@example.org>, broken\n" >bad.ini &&
	(cd linux && GIT_BPF_CONFIG=../bad.ini &&
	 export GIT_BPF_CONFIG &&
	 test_expect_code 2 git bpf report --subject=S --body=../body \
		--dry-run) >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	error: invalid address '"'"'broken'"'"'
	hint: it is in [lists] bpf-maintainers of git-bpf'"'"'s config
	EOF
	test_cmp expect err &&

	(cd linux && test_expect_code 2 git bpf report --frob) 2>err &&
	grep "^error: unknown option '"'"'--frob'"'"'$" err &&

	(cd linux && test_expect_code 2 git bpf report --confirm=maybe) 2>err &&
	grep "^error: --confirm takes auto, always or never, not '"'"'maybe'"'"'$" err &&

	git init -q unborn &&
	(cd unborn && test_expect_code 2 git bpf report --subject=S \
		--body=../body --dry-run) >out 2>err &&
	test_must_be_empty out &&
	echo "error: unknown revision '"'"'HEAD'"'"'" >expect &&
	test_cmp expect err &&

	mkdir norepo &&
	(cd norepo && GIT_CEILING_DIRECTORIES="$SHARNESS_TRASH_DIRECTORY" &&
	 export GIT_CEILING_DIRECTORIES &&
	 test_expect_code 2 git bpf report --subject=S --body=../body) 2>err &&
	grep "^error: not a git repository" err
'

test_expect_success 'no MAINTAINERS and no [lists] bpf-maintainers: exit 2' '
	git init -q bare-tree &&
	(cd bare-tree && test_commit_file README readme "Initial" &&
	 test_expect_code 2 git bpf report --subject=S --body=../body \
		--dry-run) >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	error: no MAINTAINERS at HEAD to name the BPF maintainers
	hint: list them in [lists] bpf-maintainers of git-bpf'"'"'s config
	EOF
	test_cmp expect err &&
	(cd bare-tree && GIT_BPF_CONFIG=../bpf.ini git bpf report \
		--subject=S --body=../body --stdout) >out &&
	grep "^Cc: Alexei Starovoitov <ast@kernel.org>,$" out &&
	! grep "^Kernel version" out
'

test_expect_success 'no user.email: exit 2' '
	mkdir -p nohome &&
	(cd linux && git config --unset user.email &&
	 HOME="$SHARNESS_TRASH_DIRECTORY/nohome" && export HOME &&
	 test_expect_code 2 git bpf report --subject=S --body=../body \
		--dry-run) 2>err &&
	git -C linux config user.email rita@example.org &&
	cat >expect <<-\EOF &&
	error: no sender address: set user.email (or [send] from)
	hint: git config --global user.email you@example.org
	EOF
	test_cmp expect err
'

test_expect_success '[send] from is the sender, as it is for send and stable-request' '
	printf "[send]\nfrom = Rita at Work <rita@work.example.org>\n" >from.ini &&
	(cd linux && GIT_BPF_CONFIG=../from.ini git bpf report --subject=S \
		--body=../body --stdout) >out &&
	grep "^From: " out >actual &&
	echo "From: Rita at Work <rita@work.example.org>" >expect &&
	test_cmp expect actual &&
	(cd linux && GIT_BPF_CONFIG=../from.ini git bpf send --tree=bpf-next \
		--no-check --stdout HEAD^..HEAD) >mbox &&
	sed -n "1,/^\$/p" mbox | grep "^From: " >actual &&
	test_cmp expect actual
'

test_expect_success '-h prints usage and exits 0' '
	git bpf report -h >out &&
	grep "^usage: git bpf report \[--commit=SHA\]... \[--subject=TEXT\] \[--body=FILE\]$" out
'

test_done
