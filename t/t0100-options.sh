#!/bin/sh
test_description='options: the same errors, usage and completion in every command'
. ./lib.sh

# command (as the dispatcher names it) and its executable
commands="check:check send:send stable-request:stable maintainers:maintainers status:status trailers:trailers report:report doctor:doctor"

# Every option that takes a value, as the tables have them: this list,
# the usage text and the completion must agree.
cat >values.expect <<-\EOF
check --tree
check --ignore
check --hook
send --tree
send -v --reroll-count
send --cover-letter
send --to
send --cc
send --ignore
send -o --output-directory
send --smtp-server
send --smtp-port
send --smtp-encryption
send --smtp-user
send --confirm
send --identity
stable-request --mainline
stable-request -o --output-directory
stable-request --smtp-server
stable-request --smtp-port
stable-request --smtp-encryption
stable-request --smtp-user
stable-request --confirm
stable-request --identity
maintainers --maintainers
trailers --mbox
report --commit
report --subject
report --body
report --cc
report --mcpu
report --verifier-log
report -o --output-directory
report --smtp-server
report --smtp-port
report --smtp-encryption
report --smtp-user
report --confirm
report --identity
doctor --config
EOF

# The option lines of a usage text: "    -o, --output-directory=<dir>  ..."
option_lines () {
	grep "^    \(-[^-], \)\{0,1\}--" "$1"
}

# What --git-completion-helper must print for the usage text in $1, as
# git's show_gitcomp() prints it: the long options in order ("=" after
# those that take a value), then the "--no-" forms of the negatable ones,
# the first before a "--" when no option is itself a "--no-" one.
completion_from_usage () {
	option_lines "$1" | awk '
	{
		t = $1
		if (t ~ /^-[^-],$/)
			t = $2
		sub(/\[=.*/, "", t)
		sub(/=.*/, "=", t)
		if (t ~ /^--\[no-\]/) {
			sub(/\[no-\]/, "", t)
			n = "--no-" substr(t, 3)
			sub(/=$/, "", n)
			neg[++nn] = n
		}
		if (t ~ /^--no-/)
			noopts++
		out = out (out == "" ? "" : " ") t
	}
	END {
		for (i = 1; i <= nn; i++) {
			if ((noopts || i > 1) && !dd) {
				out = out " --"
				dd = 1
			}
			out = out " " neg[i]
		}
		print out
	}'
}

test_expect_success 'setup' '
	mkdir norepo &&
	GIT_CEILING_DIRECTORIES="$SHARNESS_TRASH_DIRECTORY" &&
	export GIT_CEILING_DIRECTORIES &&
	for pair in $commands
	do
		c=${pair%%:*} exe=${pair#*:} &&
		git-bpf-$exe -h >usage.$c || return 1
	done &&
	git-bpf -h >usage.git-bpf
'

test_expect_success '-h prints "usage: git bpf <command>" first, to stdout, exit 0' '
	for pair in $commands
	do
		c=${pair%%:*} &&
		head -n 1 usage.$c >actual &&
		case "$(cat actual)" in
		"usage: git bpf $c "*) ;;
		*) echo "bad usage line for $c: $(cat actual)"; return 1 ;;
		esac
	done &&
	head -n 1 usage.git-bpf >actual &&
	echo "usage: git bpf [--version] [--help] <command> [<args>]" >expect &&
	test_cmp expect actual
'

test_expect_success 'the usage lists the options that take a value, as the tables do' '
	for pair in $commands
	do
		c=${pair%%:*} &&
		option_lines usage.$c | awk -v c=$c "
			\$1 ~ /^-[^-],\$/ && \$2 ~ /=/ {
				sub(/=.*/, \"\", \$2); print c, substr(\$1, 1, 2), \$2; next
			}
			\$1 ~ /\\[=/ { next }
			\$1 ~ /=/ { sub(/=.*/, \"\", \$1); print c, \$1 }" || return 1
	done >values.actual &&
	test_cmp values.expect values.actual
'

test_expect_success 'every option that takes a value says so when it has none, exit 2' '
	while read c opt long
	do
		exe=$(echo "$commands" | tr " " "\n" | sed -n "s/^$c://p") &&
		for o in $opt $long
		do
			(cd norepo && test_expect_code 2 git-bpf-$exe $o) \
				>out 2>err &&
			test_must_be_empty out &&
			echo "error: option '"'"'$o'"'"' needs a value" >expect &&
			test_cmp expect err || return 1
		done
	done <values.expect
'

test_expect_success 'an unknown option: one error line, the usage on stderr, exit 2' '
	for pair in $commands
	do
		c=${pair%%:*} exe=${pair#*:} &&
		(cd norepo && test_expect_code 2 git-bpf-$exe --frob=1) \
			>out 2>err &&
		test_must_be_empty out &&
		echo "error: unknown option '"'"'--frob'"'"'" >expect &&
		cat usage.$c >>expect &&
		test_cmp expect err &&
		(cd norepo && test_expect_code 2 git-bpf-$exe -Z) 2>err &&
		echo "error: unknown option '"'"'-Z'"'"'" >expect &&
		head -n 1 err >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'a flag given a value, or a --no- it does not have, is bad usage' '
	(cd norepo && test_expect_code 2 git-bpf-check --json=yes) 2>err &&
	echo "error: option '"'"'--json'"'"' takes no value" >expect &&
	test_cmp expect err &&
	(cd norepo && test_expect_code 2 git-bpf-check --no-json) 2>err &&
	echo "error: unknown option '"'"'--no-json'"'"'" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_expect_success 'an abbreviation of two options is ambiguous' '
	(cd norepo && test_expect_code 2 git-bpf-send --smtp=x) 2>err &&
	echo "error: ambiguous option '"'"'--smtp'"'"'" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_expect_success 'the output options exclude each other in every mailing command' '
	for exe in send stable report
	do
		(cd norepo && test_expect_code 2 git-bpf-$exe --dry-run \
			--stdout HEAD) >out 2>err &&
		test_must_be_empty out &&
		echo "error: --dry-run, --stdout and -o exclude each other" >expect &&
		test_cmp expect err &&
		(cd norepo && test_expect_code 2 git-bpf-$exe -o dir \
			--dry-run HEAD) 2>err &&
		test_cmp expect err || return 1
	done
'

test_expect_success '--confirm takes the same values in every mailing command' '
	for exe in send stable report
	do
		(cd norepo && test_expect_code 2 git-bpf-$exe --confirm=maybe \
			HEAD) 2>err &&
		echo "error: --confirm takes auto, always or never, not '"'"'maybe'"'"'" >expect &&
		test_cmp expect err || return 1
	done
'

test_expect_success '--git-completion-helper prints what the usage lists' '
	for pair in $commands
	do
		c=${pair%%:*} exe=${pair#*:} &&
		completion_from_usage usage.$c >expect &&
		git-bpf-$exe --git-completion-helper >actual &&
		test_cmp expect actual &&
		git bpf $c --git-completion-helper >actual &&
		test_cmp expect actual || return 1
	done &&
	completion_from_usage usage.git-bpf >expect &&
	git-bpf --git-completion-helper >actual &&
	test_cmp expect actual
'

test_expect_success '--git-completion-helper has git form' '
	echo "--tree= --json --ignore= --checkpatch --hook= --list-rules --root --no-checkpatch" >expect &&
	git-bpf-check --git-completion-helper >actual &&
	test_cmp expect actual &&
	git-bpf-maintainers --git-completion-helper >actual &&
	echo "--no-roles --no-lists --no-people --no-keywords --maintainers= --file --batch --show-ties --json" >expect &&
	test_cmp expect actual
'

test_expect_success '--list-cmds prints the commands the dispatcher lists' '
	git-bpf --list-cmds >actual &&
	sed -n "s/^   \([a-z-]*\)  .*/\1/p" usage.git-bpf >expect &&
	test_cmp expect actual &&
	for pair in $commands
	do
		echo ${pair%%:*} || return 1
	done >expect &&
	test_cmp expect actual
'

test_expect_success '--help runs the manual of every command' '
	mkdir -p fakebin &&
	printf "#!/bin/sh\necho \"man \$*\"\n" >fakebin/man &&
	chmod +x fakebin/man &&
	for pair in $commands
	do
		exe=${pair#*:} &&
		PATH="$PWD/fakebin:$PATH" git-bpf-$exe --help >actual &&
		echo "man git-bpf-$exe" >expect &&
		test_cmp expect actual || return 1
	done
'

test_expect_success '--no-checkpatch undoes --checkpatch' '
	git init -q repo &&
	(
		cd repo &&
		test_commit_file a.c "int a;" "bpf: Add a" &&
		test_commit_file a.c "int b;" "bpf: Add b" &&
		test_expect_code 2 git bpf check --tree=bpf-next --checkpatch \
			HEAD^..HEAD >../out 2>../err &&
		test_expect_code 1 git bpf check --tree=bpf-next --checkpatch \
			--no-checkpatch HEAD^..HEAD >../out2 2>../err2
	) &&
	grep "checkpatch.pl.* not found" err &&
	! grep checkpatch err2 &&
	grep "\[empty-message\]$" out2
'

test_done
