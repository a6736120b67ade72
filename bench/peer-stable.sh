#!/bin/sh
# bench/peer-stable.sh COMMIT...: what a developer runs today to learn which
# stable branches need each fix, the work git bpf stable-request does.
for c in "$@"; do
	full=$(git rev-parse --verify "$c^{commit}") || exit 2
	git log -1 --format='%h ("%s")' "$full"
	git branch -r --contains "$full" --list origin/master | grep -q . ||
		echo "  not in mainline yet"
	for f in $(git log -1 --format=%B "$full" |
		   sed -n 's/^Fixes: \([0-9a-f]\{12,\}\) .*/\1/p'); do
		echo "  fixes $f, first in $(git describe --contains "$f")"
		for b in $(git branch -r --contains "$f" --list '*/linux-*.y'); do
			v=${b##*/linux-}
			if git log --oneline -F --grep="$full" "v${v%.y}..$b" |
			   grep -q .; then
				echo "  $b: already has it"
			else
				echo "  $b: needs it"
			fi
		done
	done
done
