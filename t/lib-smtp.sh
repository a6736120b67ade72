# Test helpers for delivery: a CA and a server certificate made at test
# time, t/smtp-server.py started on a free port and always stopped, and
# readers for the mailbox it fills.  Source it after lib.sh.

# The server runs on Debian's python3 with python3-aiosmtpd, whatever
# python3 comes first in PATH.
SMTP_PYTHON=${SMTP_PYTHON:-/usr/bin/python3}
SMTP_USER=bpf-dev
SMTP_PASS='pa55:w0rd-XyZ'
SMTP_DIR="$SHARNESS_TRASH_DIRECTORY/smtp"
SMTP_MAILBOX="$SMTP_DIR/mailbox"
SMTP_CERTS="$SMTP_DIR/certs"
SMTP_PID=
SMTP_PORT=

if ! "$SMTP_PYTHON" -c 'import aiosmtpd' 2>/dev/null
then
	skip_all="$SMTP_PYTHON with aiosmtpd (python3-aiosmtpd) is missing"
	test_done
fi

# git's test helpers that sharness lacks, unless lib.sh grew them.
command -v test_path_is_file >/dev/null ||
test_path_is_file () {
	test -f "$1" || { echo "file '$1' does not exist"; return 1; }
}
command -v test_path_is_dir >/dev/null ||
test_path_is_dir () {
	test -d "$1" || { echo "directory '$1' does not exist"; return 1; }
}
command -v test_path_is_missing >/dev/null ||
test_path_is_missing () {
	! test -e "$1" || { echo "path '$1' exists"; return 1; }
}
command -v test_line_count >/dev/null ||
test_line_count () {
	if test "$(wc -l <"$3" | tr -d " ")" "$1" "$2"
	then
		return 0
	fi
	echo "test_line_count: line count for $3 !$1 $2"
	cat "$3"
	return 1
}

# smtp_make_certs: a test CA and a certificate for localhost and
# 127.0.0.1 signed by it, in $SMTP_CERTS (ca.pem, server.pem, server.key).
smtp_make_certs () {
	mkdir -p "$SMTP_CERTS" &&
	(
		cd "$SMTP_CERTS" &&
		openssl req -x509 -newkey ec \
			-pkeyopt ec_paramgen_curve:prime256v1 -nodes \
			-keyout ca.key -out ca.pem -days 2 \
			-subj '/CN=git-bpf test CA' 2>/dev/null &&
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
			-nodes -keyout server.key -out server.csr \
			-subj '/CN=localhost' 2>/dev/null &&
		printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
			'extendedKeyUsage=serverAuth' >server.ext &&
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
			-CAcreateserial -days 2 -extfile server.ext \
			-out server.pem 2>/dev/null
	)
}

# smtp_start [SERVER-OPTION...]: start the server with an empty mailbox
# (default --mode=starttls with AUTH as $SMTP_USER); sets SMTP_PORT.
smtp_start () {
	smtp_stop &&
	if ! test -f "$SMTP_CERTS/server.pem"
	then
		smtp_make_certs || return 1
	fi &&
	rm -rf "$SMTP_MAILBOX" "$SMTP_DIR/port" &&
	mkdir -p "$SMTP_MAILBOX" || return 1
	# alone, not in an && list: "a && b &" would put a and b in the
	# background too
	"$SMTP_PYTHON" "$GIT_BPF_SRC/t/smtp-server.py" \
		--mailbox "$SMTP_MAILBOX" --port-file "$SMTP_DIR/port" \
		--cert "$SMTP_CERTS/server.pem" --key "$SMTP_CERTS/server.key" \
		--parent $$ "$@" </dev/null >"$SMTP_DIR/server.log" 2>&1 \
		3>&- 4>&- 5>&- 6>&- 7>&- &
	SMTP_PID=$!
	i=0
	while ! test -s "$SMTP_DIR/port"
	do
		if ! kill -0 "$SMTP_PID" 2>/dev/null || test $i -ge 200
		then
			cat "$SMTP_DIR/server.log" >&2
			smtp_stop
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	SMTP_PORT=$(cat "$SMTP_DIR/port")
}

smtp_stop () {
	if test -n "$SMTP_PID"
	then
		kill "$SMTP_PID" 2>/dev/null
		wait "$SMTP_PID" 2>/dev/null
		SMTP_PID=
	fi
	return 0
}

cleanup smtp_stop

# smtp_config [ENCRYPTION [KEY=VALUE...]]: write git-bpf's config for the
# running server: STARTTLS by default, the test CA, $SMTP_USER; any
# KEY=VALUE is added to (or with an empty value, left out of) [smtp].
smtp_config () {
	enc=${1:-tls}
	test $# -gt 0 && shift
	GIT_BPF_CONFIG="$SMTP_DIR/config"
	export GIT_BPF_CONFIG
	{
		echo '[smtp]'
		echo "server = 127.0.0.1"
		echo "port = $SMTP_PORT"
		echo "encryption = $enc"
		skip=" $(for kv in "$@"; do printf '%s ' "${kv%%=*}"; done)"
		for kv in "user=$SMTP_USER" "pass=$SMTP_PASS" \
			"ca=$SMTP_CERTS/ca.pem" "timeout=10"
		do
			case "$skip" in
			*" ${kv%%=*} "*) ;;
			*) echo "${kv%%=*} = ${kv#*=}" ;;
			esac
		done
		for kv in "$@"
		do
			test -n "${kv#*=}" && echo "${kv%%=*} = ${kv#*=}"
		done
		echo '[send]'
		echo 'confirm = never'
	} >"$GIT_BPF_CONFIG" &&
	chmod 600 "$GIT_BPF_CONFIG"
}

# smtp_messages: the numbers (0001 ...) of the mailbox's messages, in the
# order accepted; the files are "$SMTP_MAILBOX/NNNN.eml" and ".env".
smtp_messages () {
	ls "$SMTP_MAILBOX" | sed -n 's/\.eml$//p'
}

smtp_count () {
	smtp_messages | wc -l | tr -d ' '
}

# smtp_header NAME FILE: the header's value, unfolded.
smtp_header () {
	awk -v name="$1" '
		/^$/ { exit }
		/^[ \t]/ { if (on) { sub(/^[ \t]+/, " "); v = v $0 }; next }
		{ if (on) exit; n = tolower($0); sub(/:.*/, "", n)
		  if (n == tolower(name)) { on = 1; v = $0; sub(/^[^:]*:[ \t]*/, "", v) } }
		END { if (on) print v }' "$2"
}

# smtp_headers NAME: that header of every message in the mailbox.
smtp_headers () {
	for n in $(smtp_messages)
	do
		smtp_header "$1" "$SMTP_MAILBOX/$n.eml"
	done
}

# smtp_make_helper: a credential helper that answers with $SMTP_PASS (or
# the password in cred-pass) and records every call in cred.log.
smtp_make_helper () {
	helper="$SMTP_DIR/cred-helper"
	mkdir -p "$SMTP_DIR" &&
	cat >"$helper" <<-\EOF &&
	#!/bin/sh
	dir=$(dirname "$0")
	echo "== $1" >>"$dir/cred.log"
	while IFS= read -r line && test -n "$line"
	do
		case "$line" in
		password=*) echo "password=<given>" >>"$dir/cred.log" ;;
		*) echo "$line" >>"$dir/cred.log" ;;
		esac
	done
	if test "$1" = get
	then
		echo "password=$(cat "$dir/cred-pass")"
	fi
	EOF
	chmod +x "$helper" &&
	printf '%s\n' "$SMTP_PASS" >"$SMTP_DIR/cred-pass" &&
	: >"$SMTP_DIR/cred.log" &&
	git config --global credential.helper "!'$helper'"
}

# smtp_series DIR: a kernel-like repository with a three-patch bpf-next
# series on branch "spill" (cover text in its description); one message
# holds lines that start with dots, which SMTP must carry unchanged.
smtp_series () {
	make_kernel_repo "$1" &&
	(
		cd "$1" &&
		git config user.name 'Jane Developer' &&
		git config user.email 'jane@example.org' &&
		GIT_AUTHOR_NAME='Jane Developer' &&
		GIT_AUTHOR_EMAIL='jane@example.org' &&
		GIT_COMMITTER_NAME='Jane Developer' &&
		GIT_COMMITTER_EMAIL='jane@example.org' &&
		git checkout -q -b spill --track bpf-next/master &&
		commit_msg kernel/bpf/verifier.c '/* keep spilled constants */' <<-\EOF &&
		bpf: Track precise spilled constants in the verifier

		When a constant is spilled to the stack and filled back, the
		verifier forgets that the register held a known value.  Keep the
		scalar's bounds across the spill and fill.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		commit_msg tools/testing/selftests/bpf/progs/verifier_basic.c '/* spilled constant test */' <<-\EOF &&
		selftests/bpf: Test precise spilled constants

		A line of its own with a dot, then one with two, as SMTP must
		carry them:
		.
		..two dots
		.leading dot

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		commit_msg tools/lib/bpf/libbpf.c '/* log skipped programs */' <<-\EOF &&
		libbpf: Log skipped programs at debug level

		Programs left out of a load are worth a line in the debug log.

		Signed-off-by: Jane Developer <jane@example.org>
		EOF
		git config branch.spill.description 'bpf: Precise spilled constants

The verifier forgets known values of spilled constants.  This series
keeps them and tests it.'
	)
}
