#!/bin/sh
# bench/trailers.sh: git bpf trailers on a 50-message thread (cover, 15
# patches, 34 replies) against a 15-patch series rebased since it was
# sent, so every commit's patch-id is computed.  Prints the best of N
# runs in seconds.  usage: bench/trailers.sh [RUNS] (GIT_BPF_BUILD: build)
set -e
src=$(cd "$(dirname "$0")/.." && pwd)
: "${GIT_BPF_BUILD:=$src/build}"
PATH="$GIT_BPF_BUILD/bin:$PATH"
runs=${1:-10}
dir=$(mktemp -d "${TMPDIR:-/tmp}/git-bpf-trailers.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$dir" TZ=UTC LC_ALL=C.UTF-8
unset GIT_DIR GIT_WORK_TREE
git config --global user.name 'Jane Developer'
git config --global user.email jane@example.org
git config --global init.defaultBranch main
"$src/demo/kernel-repo.sh" "$dir/linux" >/dev/null
cd "$dir/linux"
git checkout -q -b series bpf-next/master
for i in $(seq 1 15)
do
	printf '/* change %d */\n' "$i" >>kernel/bpf/verifier.c
	git commit -q -a -m "bpf: Change $i" -m "Body of change $i." \
		-m "Signed-off-by: Jane Developer <jane@example.org>"
done
printf 'bpf: Fifteen changes\n\nFifteen small changes.\n' >"$dir/cover"
git bpf send --no-check --tree=bpf-next --stdout \
	--cover-letter="$dir/cover" >"$dir/sent.mbox"
ids=$(sed -n 's/^Message-ID: //p' "$dir/sent.mbox")
{
	printf 'series v1\n\nBase-commit: %s\n' "$(git rev-parse bpf-next/master)"
	for id in $ids; do printf 'Message-ID: %s\n' "$id"; done
	for i in $(seq 1 15); do printf 'Patch-ID: %040d\n' "$i"; done
} >"$dir/tagmsg"
git tag -F "$dir/tagmsg" sent/series-v1
GIT_COMMITTER_DATE='1800000000 +0000' git rebase -q --force-rebase bpf-next/master
set -- $ids
cover=$1
{
	cat "$dir/sent.mbox"
	n=0
	for id in $ids
	do
		for who in 1 2 3
		do
			n=$((n + 1))
			test $n -le 34 || break
			printf 'From mboxrd@z Thu Jan  1 00:00:00 1970\n'
			printf 'From: Reviewer %d <r%d@example.org>\n' "$n" "$n"
			printf 'Subject: Re: [PATCH] x\nMessage-ID: <reply%d@example.org>\n' "$n"
			printf 'In-Reply-To: %s\nReferences: %s %s\n\n' "$id" "$cover" "$id"
			printf '> quoted\n> Acked-by: Quoted <q@example.org>\n\nLooks right.\n\n'
			printf 'Reviewed-by: Reviewer %d <r%d@example.org>\n\n-- \nsig\n\n' "$n" "$n"
		done
	done
} >"$dir/thread.mbox"
best=
for i in $(seq 1 "$runs")
do
	t0=$(date +%s%N)
	git bpf trailers --mbox="$dir/thread.mbox" bpf-next/master.. >/dev/null
	t1=$(date +%s%N)
	t=$(( (t1 - t0) / 1000 ))
	if test -z "$best" || test "$t" -lt "$best"
	then
		best=$t
	fi
done
git bpf trailers --mbox="$dir/thread.mbox" bpf-next/master.. | tail -n 1
printf 'messages: %s, best of %s runs: %d.%06d s\n' \
	"$(grep -c '^From: ' "$dir/thread.mbox")" "$runs" \
	$((best / 1000000)) $((best % 1000000))
