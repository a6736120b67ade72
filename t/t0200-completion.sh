#!/bin/sh
test_description='bash completion: git bpf <TAB> and git bpf <cmd> --<TAB>, through git'"'"'s own completion'
. ./lib.sh

git_completion=/usr/share/bash-completion/completions/git
if ! test -r "$git_completion" || ! command -v bash >/dev/null
then
	skip_all="git's bash completion ($git_completion) is missing: apt-get install git bash"
	test_done
fi

# complete "WORDS": what bash would offer for the line "git WORDS", the
# cursor at its end; one candidate a line, sorted, trailing space removed.
complete () {
	bash -c '
		. "$1"
		. "$2"
		COMP_LINE="git $3"
		COMP_POINT=${#COMP_LINE}
		read -r -a COMP_WORDS <<<"$COMP_LINE"
		case "$COMP_LINE" in
		*" ") COMP_WORDS+=("") ;;
		esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		__git_wrap__git_main
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$git_completion" "$GIT_BPF_SRC/contrib/completion/git-bpf.bash" "$1" |
	sed "s/ \$//" | sort
}

test_expect_success 'git bpf --list-cmds names every git-bpf-* program built' '
	ls "$GIT_BPF_BUILD/bin" | sed -n "s/^git-bpf-//p" |
		sed "s/^stable\$/stable-request/" | sort >expect &&
	git bpf --list-cmds >cmds &&
	sort cmds >actual &&
	test_cmp expect actual
'

test_expect_success 'git bpf <TAB> lists every command' '
	{ cat cmds && echo help; } | sort >expect &&
	complete "bpf " >actual &&
	test_cmp expect actual
'

test_expect_success 'git bpf s<TAB> narrows the commands' '
	grep "^s" cmds | sort >expect &&
	complete "bpf s" >actual &&
	test_cmp expect actual
'

# helper_expect CMD: what git's completion makes of the command's
# --git-completion-helper line: the options before a "--", and for the
# negated forms after it the one entry "--no-..." (they show in full once
# "--no" is typed).
helper_expect () {
	git bpf $1 --git-completion-helper | tr " " "\n" | sed "/^\$/d" |
		awk '$0 == "--" { neg = 1; next }
		     neg { n++; next }
		     { print }
		     END { if (n) print "--no-..." }' | sort
}

# Every command offers, for --<TAB>, exactly the long options its own
# table declares (which t0100 holds against the parser).
for cmd in $(git bpf --list-cmds)
do
	test_expect_success "git bpf $cmd --<TAB> offers its options" '
		helper_expect $cmd >expect &&
		test "$(wc -l <expect)" -gt 1 &&
		complete "bpf $cmd --" >actual &&
		test_cmp expect actual
	'
done

test_expect_success 'git bpf send --dry<TAB> completes the one option' '
	echo --dry-run >expect &&
	complete "bpf send --dry" >actual &&
	test_cmp expect actual
'

test_expect_success 'git bpf send --no-<TAB> offers the negated forms too' '
	git bpf send --git-completion-helper | tr " " "\n" |
		grep "^--no-" | sort >expect &&
	grep -qx -- --no-notes expect &&
	complete "bpf send --no-" >actual &&
	test_cmp expect actual
'

test_expect_success 'the dash form: git bpf-send --<TAB>' '
	helper_expect send >expect &&
	complete "bpf-send --" >actual &&
	test_cmp expect actual
'

test_expect_success 'git bpf check <TAB> completes revisions' '
	git init -q repo &&
	(
		cd repo &&
		test_commit_file a one one &&
		git branch precise-spill &&
		complete "bpf check prec" >../actual
	) &&
	echo precise-spill >expect &&
	test_cmp expect actual
'

test_done
