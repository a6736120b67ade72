# demo part: the toolchain, a kernel config and the git setup checked.
# This machine may well lack pahole or run another kernel than the demo
# tree's 6.1: doctor then says so and exits 1, which must not end the
# demo (demo/run runs under set -e).
cd "$DEMO_REPO"
cat >"$DEMO_DIR/kernel.config" <<'CFG'
CONFIG_BPF=y
CONFIG_BPF_SYSCALL=y
# CONFIG_BPF_JIT is not set
CONFIG_DEBUG_INFO_BTF=y
CFG
step git bpf doctor --config="$DEMO_DIR/kernel.config" || true
