# demo part: what git bpf send would mail (tree, subjects, recipients),
# then the series written out as git format-patch would write it.
cd "$DEMO_REPO"
step git bpf send --dry-run
step git bpf send -o "$DEMO_DIR/outgoing"
step sed -n "1,/^$/p" "$DEMO_DIR"/outgoing/0001-*.patch
