# demo part: a bug report on the series' verifier change: To the BPF list,
# the BPF maintainers, the commit's author and its files' maintainers in
# Cc, the kernel version and the commit line added to the text.
cd "$DEMO_REPO"
cat >"$DEMO_DIR/report.txt" <<'TXT'
What happened:
A program that reads the stack past a spilled constant is now accepted;
before the change the verifier rejected it.

How to reproduce:
./test_progs -t verifier_basic
TXT
step git bpf report --commit=precise-spill~2 \
	--subject='bpf: verifier accepts stack read past a spilled constant' \
	--body="$DEMO_DIR/report.txt" --dry-run
step git bpf report --commit=precise-spill~2 \
	--subject='bpf: verifier accepts stack read past a spilled constant' \
	--body="$DEMO_DIR/report.txt" --stdout
