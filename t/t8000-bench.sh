#!/bin/sh
test_description='bench/run: the smoke fixture and one quick pass of every comparison'
. ./lib.sh

# The kernel-sized benchmark takes minutes; this builds its small
# version (a subset of the Linux 6.1 tree, 3,000 generated commits) so
# that the fixture builder and the harness cannot rot.  It asserts that
# they work and print their table with ratios, not how fast anything is.

cache="$SHARNESS_TRASH_DIRECTORY/cache"
fixture="$cache/smoke-3000-g1-s61"

test_expect_success 'the smoke benchmark runs and writes its results' '
	"$GIT_BPF_SRC/bench/run" --smoke --cache="$cache" \
		--results=results.md >out 2>err &&
	test -d "$fixture/.git" &&
	head -n 1 results.md >head &&
	echo "# git-bpf benchmark results" >expect &&
	test_cmp expect head &&
	test_cmp results.md out
'

# row TITLE: the cells of that row of the results table, one per line
row () {
	grep -F "| $1 |" results.md | sed -e "s/^| //" -e "s/ |$//" |
		awk -F " [|] " "{ for (i = 1; i <= NF; i++) print \$i }"
}

time_re='^[0-9.]+ m?s \([0-9.]+ m?s to [0-9.]+ m?s; cpu [0-9.]+ m?s\)( per input)?$'

# check_row TITLE: the peer was timed, and ours was timed with a ratio
# and a verdict, or is reported as not available with the reason
check_row () {
	row "$1" >cells &&
	test $(wc -l <cells) = 6 &&
	sed -n 3p cells | grep -E "$time_re" &&
	if sed -n 2p cells | grep "^n/a (.*)$"
	then
		sed -n 4p cells >ratio &&
		echo "n/a" >expect &&
		test_cmp expect ratio
	else
		sed -n 2p cells | grep -E "$time_re" &&
		sed -n 4p cells | grep -E "^[0-9.]+ x (the peer.s time|faster).*; cpu [0-9.e+-]+ x$" &&
		sed -n 6p cells | grep -E "^(yes|\*\*no\*\*)$"
	fi
}

test_expect_success 'every comparison has its row, the peer timed' '
	check_row "check, rules alone: 3 patches" &&
	check_row "check, rules alone: 3 patch files" &&
	check_row "check, the apply step: 3 patches" &&
	check_row "check with checkpatch, cold: 3 patches" &&
	check_row "check with checkpatch, warm: 3 patches" &&
	check_row "send -o vs format-patch" &&
	check_row "send -o vs pipeline" &&
	check_row "maintainers: 10 inputs, batch" &&
	check_row "maintainers: 10 inputs, a process each" &&
	check_row "stable-request: 5 commits" &&
	awk "/^[|] comparison /{t=1;next} t&&/^\$/{exit} t&&/^[|] [^-]/{n++}
	     END{print n}" results.md >count &&
	echo 10 >expect &&
	test_cmp expect count
'

test_expect_success 'the results say what was measured and how to redo it' '
	grep "^- Fixture: smoke subset, [0-9]* commits (3001 on mainline)" results.md &&
	grep "^- Runs: 1 timed after 0 warm-up" results.md &&
	grep "^- Reproduce: \`bench/run --smoke\`" results.md &&
	grep "^| git bpf check --no-checkpatch (range) | \(n/a\|[0-9.]* MiB\)" results.md
'

test_expect_success 'the fixture: releases, trees and stable branches' '
	(
		cd "$fixture" &&
		git tag >../../tags &&
		git remote -v | grep fetch | sed "s/ (fetch)$//" >../../remotes &&
		git branch -r --format="%(refname:short)" --list "stable/*" \
			>../../stable &&
		git rev-list --count origin/master >../../mainline &&
		git rev-list --merges --count --all >../../merges &&
		git show v6.3-rc1:Makefile | sed -n "/^PATCHLEVEL/p;/^EXTRA/p" \
			>../../rc1 &&
		git show v6.3:Makefile | sed -n "/^PATCHLEVEL/p;/^EXTRA/p" \
			>../../final
	) &&
	{
		echo v6.1 &&
		for r in 2 3 4 5 6 7 8
		do
			echo v6.$r &&
			for c in 1 2 3 4 5 6 7
			do
				echo v6.$r-rc$c
			done
		done
	} | sort >expect &&
	test_cmp expect tags &&
	base=https://git.kernel.org/pub/scm/linux/kernel/git &&
	printf "%s\t%s\n" bpf $base/bpf/bpf.git \
		bpf-next $base/bpf/bpf-next.git \
		origin $base/torvalds/linux.git \
		stable $base/stable/linux.git >expect &&
	test_cmp expect remotes &&
	for r in 2 3 4 5 6 7; do echo stable/linux-6.$r.y; done >expect &&
	test_cmp expect stable &&
	echo 3001 >expect &&
	test_cmp expect mainline &&
	echo 0 >expect &&
	test_cmp expect merges &&
	printf "PATCHLEVEL = 3\nEXTRAVERSION = -rc1\n" >expect &&
	test_cmp expect rc1 &&
	printf "PATCHLEVEL = 3\nEXTRAVERSION =\n" >expect &&
	test_cmp expect final
'

test_expect_success 'backports name mainline commits after their branch point' '
	(
		cd "$fixture" &&
		git log --format=%b v6.5..stable/linux-6.5.y >../../bodies
	) &&
	sed -n -e "s/^commit \([0-9a-f]\{40\}\) upstream\.$/\1/p" \
		-e "s/^\[ Upstream commit \([0-9a-f]\{40\}\) \]$/\1/p" \
		bodies >ups &&
	test $(wc -l <ups) -gt 5 &&
	while read sha
	do
		git -C "$fixture" merge-base --is-ancestor $sha origin/master &&
		test_must_fail git -C "$fixture" merge-base --is-ancestor \
			$sha v6.5 || return 1
	done <ups
'

test_expect_success 'the series: 15 for bpf-next, 3 fixes for bpf' '
	(
		cd "$fixture" &&
		git rev-list --count bpf-next/master..series-next >../../next &&
		git rev-list --count bpf/master..series-fix >../../fix &&
		git rev-parse --abbrev-ref series-next@{upstream} >../../up &&
		git log --format=%b bpf/master..series-fix |
			sed -n "s/^Fixes: //p" >../../fixes
	) &&
	echo 15 >expect && test_cmp expect next &&
	echo 3 >expect && test_cmp expect fix &&
	echo bpf-next/master >expect && test_cmp expect up &&
	test $(wc -l <fixes) = 3 &&
	while read sha subject
	do
		echo "$subject" | grep -E "^\(\".*\"\)$" &&
		echo "(\"$(git -C "$fixture" log -1 --format=%s $sha)\")" >expect &&
		echo "$subject" >actual &&
		test_cmp expect actual &&
		git -C "$fixture" merge-base --is-ancestor $sha bpf/master ||
		return 1
	done <fixes
'

test_expect_success 'the fixture is the same when built again' '
	"$GIT_BPF_SRC/bench/mkfixture.py" --src "$fixture" --dir again \
		--commits 1000 >/dev/null 2>&1 &&
	"$GIT_BPF_SRC/bench/mkfixture.py" --src "$fixture" --dir again2 \
		--commits 1000 >/dev/null 2>&1 &&
	git -C again rev-parse series-next series-fix \
		stable/linux-6.7.y >one &&
	git -C again2 rev-parse series-next series-fix \
		stable/linux-6.7.y >two &&
	test_cmp one two
'

test_expect_success 'bad usage: one error line and exit 2' '
	test_expect_code 2 "$GIT_BPF_SRC/bench/run" --runs=0 2>err &&
	echo "error: '\''--runs=0'\'' is not a positive number" >expect &&
	test_cmp expect err &&
	test_expect_code 2 "$GIT_BPF_SRC/bench/run" --only=bogus 2>err &&
	echo "error: unknown comparison '\''bogus'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 2 "$GIT_BPF_SRC/bench/mkfixture.py" \
		--src "$fixture" --dir again --commits 1000 2>err &&
	echo "error: '\''again'\'' already exists" >expect &&
	test_cmp expect err
'

test_done
