#!/bin/sh
test_description='the layer map: every module placed, no include upward or across features

The README'"'"'s developer section has a table of layers.  Every module of
common/ must stand in it, and a module may include only headers of its
own layer or below; in the features layer not even its own, but for
the halves of one feature (check and its check-* rules, stable and
stable-mail).'
. ./lib.sh

# layers: "module rank" a line, from the README's table (5 commands ...
# 1 base); check-internal is check's.
layers () {
	awk -F"|" '
		/^\| layer \| modules \|/ { t = 1; next }
		t && /^\| ---/ { next }
		t && !/^\|/ { exit }
		t {
			name = $2; gsub(/^ +| +$/, "", name)
			rank = 0
			if (name == "commands") rank = 5
			if (name == "features") rank = 4
			if (name == "shared rules") rank = 3
			if (name == "mail and transport") rank = 2
			if (name == "base") rank = 1
			rest = $3
			while (match(rest, /`[a-z0-9-]+`/)) {
				print substr(rest, RSTART + 1, RLENGTH - 2), rank
				rest = substr(rest, RSTART + RLENGTH)
			}
		}' "$GIT_BPF_SRC/README.md" |
	sort -u -k1,1
}

# family MODULE: what counts as one feature
family () {
	case "$1" in
	check|check-*) echo check ;;
	stable|stable-mail) echo stable ;;
	*) echo "$1" ;;
	esac
}

test_expect_success 'the table places modules in the four layers below the commands' '
	layers >layers &&
	cut -d" " -f2 layers | sort -u >ranks &&
	printf "%s\n" 1 2 3 4 >expect &&
	test_cmp expect ranks
'

test_expect_success 'every module of common/ is placed in one layer' '
	for f in "$GIT_BPF_SRC"/common/*.c
	do
		m=$(basename "$f" .c) &&
		grep -q "^$m [1-4]$" layers || echo "$m" || return 1
	done >unplaced &&
	test_must_be_empty unplaced
'

test_expect_success 'no header is included from above its layer or across features' '
	for f in "$GIT_BPF_SRC"/common/*.c "$GIT_BPF_SRC"/common/*.h
	do
		m=$(basename "$f") && m=${m%.*} &&
		case "$m" in check-internal) m=check ;; esac &&
		r=$(sed -n "s/^$m \([1-4]\)$/\1/p" layers) &&
		test -n "$r" || { echo "$m: not placed"; continue; } &&
		for h in $(sed -n "s/^#include \"\([a-z0-9-]*\)\.h\"$/\1/p" "$f")
		do
			case "$h" in check-internal) h=check ;; esac &&
			test "$h" != "$m" || continue &&
			hr=$(sed -n "s/^$h \([1-4]\)$/\1/p" layers) &&
			if test -z "$hr"
			then
				echo "$m includes $h.h, which no layer holds"
			elif test "$hr" -gt "$r"
			then
				echo "$m (layer $r) includes $h.h (layer $hr)"
			elif test "$hr" = 4 && test "$r" = 4 &&
			     test "$(family "$h")" != "$(family "$m")"
			then
				echo "feature $m includes feature $h.h"
			fi || return 1
		done || return 1
	done >wrong &&
	test_must_be_empty wrong
'

test_done
