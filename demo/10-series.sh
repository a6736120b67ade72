# demo part: the repository and a three-patch bpf-next series on top of it.
"$src/demo/kernel-repo.sh" "$DEMO_REPO" >/dev/null
cd "$DEMO_REPO"
git config user.name 'Jane Developer'
git config user.email 'jane@example.org'
git checkout -q -b precise-spill --track bpf-next/master
t=1700000000
demo_commit () {
	file=$1 line=$2
	shift 2
	printf '%s\n' "$line" >>"$file"
	git add "$file"
	t=$((t + 60))
	GIT_AUTHOR_DATE="$t +0100" GIT_COMMITTER_DATE="$t +0100" \
		git commit -q -F -
}
demo_commit kernel/bpf/verifier.c '/* track spilled constants precisely */' <<'MSG'
bpf: Track precise spilled constants in the verifier

When a constant is spilled to the stack and filled back, the verifier
forgets that the register held a known value, so programs that bound a
loop with a spilled constant are rejected.  Keep the scalar's bounds
across the spill and fill.

Signed-off-by: Jane Developer <jane@example.org>
MSG
demo_commit tools/testing/selftests/bpf/progs/verifier_basic.c '/* spilled constant test */' <<'MSG'
selftests/bpf: Test precise spilled constants

Check that a loop bounded by a constant that went through the stack is
accepted.

Signed-off-by: Jane Developer <jane@example.org>
MSG
demo_commit tools/lib/bpf/libbpf.c '/* log skipped programs at debug level */' <<'MSG'
libbpf: Log skipped programs at debug level

Programs left out of a load are worth a line in the debug log, so that
users see why a program is missing from the object.

Signed-off-by: Jane Developer <jane@example.org>
MSG
git config branch.precise-spill.description 'bpf: Precise spilled constants

The verifier forgets known values of spilled constants.  This series
keeps them, tests it, and makes libbpf say which programs it skipped.'
step git log --oneline --decorate bpf-next/master~0..HEAD
