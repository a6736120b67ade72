# demo part: who to mail about the series, from the tree's MAINTAINERS,
# as scripts/get_maintainer.pl would say; then one file, addresses only.
cd "$DEMO_REPO"
step git bpf maintainers bpf-next/master..precise-spill
step git bpf maintainers --no-roles kernel/bpf/verifier.c
