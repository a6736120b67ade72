# demo part: a stable request for a verifier fix.  A little mainline
# (branch linus: a bug in v6.2-rc1, releases up to v6.3, the fix in
# v6.4-rc1) and stable branches linux-6.1.y, linux-6.2.y and linux-6.3.y,
# the last with a backport already; the request asks for linux-6.2.y
# only, To the BPF maintainers with netdev and bpf in Cc.  Everything
# made here is removed at the end, back on precise-spill.
cd "$DEMO_REPO"
stable_t=1700100000
stable_commit () {
	stable_t=$((stable_t + 3600))
	GIT_AUTHOR_DATE="$stable_t +0100" GIT_COMMITTER_DATE="$stable_t +0100" \
		git commit -q "$@"
}
stable_release () {
	sed -i -e "s/^PATCHLEVEL = .*/PATCHLEVEL = $2/" \
		-e "s/^EXTRAVERSION =.*/EXTRAVERSION =${3:+ $3}/" Makefile
	git add Makefile
	stable_commit -m "Linux $1"
	GIT_COMMITTER_DATE="$stable_t +0100" git tag -a -m "Linux $1" "v$1"
}

git checkout -q -b linus origin/master
printf '%s\n' '/* allow narrow spills of pointers */' >>kernel/bpf/verifier.c
git add kernel/bpf/verifier.c
stable_commit -F - <<'MSG'
bpf: Allow narrow spills of pointers

Programs built by newer compilers spill pointers with 32-bit stores.
Accept them.

Signed-off-by: Jane Developer <jane@example.org>
MSG
bug=$(git rev-parse --short=12 HEAD)
stable_release 6.2-rc1 2 -rc1
stable_release 6.2 2 ''
stable_release 6.3-rc1 3 -rc1
stable_release 6.3 3 ''
printf '%s\n' '/* a narrow spill of a pointer fills a scalar */' >>kernel/bpf/verifier.c
git add kernel/bpf/verifier.c
stable_commit -F - <<MSG
bpf: Reject filling a narrowly spilled pointer

A pointer spilled with a 32-bit store and filled back was taken for the
whole pointer, which leaks kernel addresses to unprivileged programs.
Fill it as an unknown scalar.

Fixes: $bug ("bpf: Allow narrow spills of pointers")
Signed-off-by: Jane Developer <jane@example.org>
MSG
fix=$(git rev-parse HEAD)
stable_release 6.4-rc1 4 -rc1

for v in 6.1 6.2 6.3
do
	git checkout -q -b "linux-$v.y" "v$v"
	sed -i "s/^SUBLEVEL = .*/SUBLEVEL = 1/" Makefile
	git add Makefile
	stable_commit -m "Linux $v.1"
done
git cherry-pick -n "$fix" >/dev/null
stable_commit -F - <<MSG
bpf: Reject filling a narrowly spilled pointer

commit $fix upstream.

A pointer spilled with a 32-bit store and filled back was taken for the
whole pointer, which leaks kernel addresses to unprivileged programs.
Fill it as an unknown scalar.

Fixes: $bug ("bpf: Allow narrow spills of pointers")
Signed-off-by: Jane Developer <jane@example.org>
Signed-off-by: Greg Kroah-Hartman <gregkh@linuxfoundation.org>
MSG
git checkout -q linus

step git log --oneline --decorate -3 linus
step git bpf stable-request --mainline=linus --dry-run linus~1
step git bpf stable-request --mainline=linus --stdout linus~1 2>/dev/null
# before the fix is applied: the note for under its --- line
step git bpf stable-request --mainline=linus --note linus~1

git checkout -q precise-spill
git branch -q -D linus linux-6.1.y linux-6.2.y linux-6.3.y
git tag -d v6.2-rc1 v6.2 v6.3-rc1 v6.3 v6.4-rc1 >/dev/null
