# demo part: the BPF submission rules on the series, then on a fix that
# breaks several of them.
cd "$DEMO_REPO"
step git bpf check

# A fix for the bpf tree with a short, misquoted Fixes: tag, a Cc to
# stable@ and a verifier change without a selftest.
git checkout -q -b broken-fix bpf/master
bad=$(git rev-parse --short=7 HEAD)
printf '%s\n' '/* do not trust a spilled pointer */' >>kernel/bpf/verifier.c
git add kernel/bpf/verifier.c
GIT_AUTHOR_DATE='1700000600 +0100' GIT_COMMITTER_DATE='1700000600 +0100' \
	git commit -q -F - <<MSG
bpf: Reject spilled pointers of the wrong size

A pointer spilled with a narrow store can be filled back as a scalar.
Refuse programs that do this.

Fixes: $bad ("Linux 6.0")
Cc: stable@vger.kernel.org # 6.1+
Signed-off-by: Jane Developer <jane@example.org>
MSG
# this check is meant to find problems (exit 1): the demo goes on
step git bpf check --tree=bpf bpf/master..broken-fix || true
git checkout -q precise-spill
git branch -q -D broken-fix
