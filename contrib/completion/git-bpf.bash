# bash completion for git bpf, in git's completion framework: git's own
# completion loads this file for `git bpf` and calls _git_bpf.
#
# The command names come from `git bpf --list-cmds` and each command's
# options from `git bpf <command> --git-completion-helper`, both printed
# from the option tables the commands parse with, so that completion
# cannot drift from what the commands accept.  Both answers are cached
# for the shell's lifetime, as git caches its builtins' options.

__git_bpf_commands ()
{
	if [ -z "${__git_bpf_cmds-}" ]; then
		__git_bpf_cmds="$(__git bpf --list-cmds 2>/dev/null)"
	fi
	echo "$__git_bpf_cmds"
}

# _git_bpf_<command>: one per command, so that `git bpf-send --<TAB>`
# (the dash form git also accepts) completes too.
__git_bpf_complete_command ()
{
	local command="$1"

	case "$cur" in
	--*=*)
		return
		;;
	--*|-)
		__gitcomp_builtin "bpf_$command"
		return
		;;
	esac
	case "$command" in
	check|send|trailers|maintainers)
		__git_complete_revlist_file
		;;
	stable-request|report)
		__git_complete_refs
		;;
	status)
		__git_complete_refs --mode=heads
		;;
	esac
}

_git_bpf ()
{
	local command

	command="$(__git_find_on_cmdline "$(__git_bpf_commands)")"
	if [ -z "$command" ]; then
		case "$cur" in
		-*)
			__gitcomp "--version --help"
			;;
		*)
			__gitcomp "$(__git_bpf_commands) help"
			;;
		esac
		return
	fi
	__git_bpf_complete_command "$command"
}

_git_bpf_send () { __git_bpf_complete_command send; }
_git_bpf_check () { __git_bpf_complete_command check; }
_git_bpf_stable () { __git_bpf_complete_command stable-request; }
_git_bpf_maintainers () { __git_bpf_complete_command maintainers; }
_git_bpf_report () { __git_bpf_complete_command report; }
_git_bpf_doctor () { __git_bpf_complete_command doctor; }
_git_bpf_trailers () { __git_bpf_complete_command trailers; }
_git_bpf_status () { __git_bpf_complete_command status; }
