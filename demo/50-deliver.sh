# demo part: mail the series to an SMTP server started here on loopback
# (STARTTLS on a certificate made now, AUTH).  The first server hangs up
# after two messages; --resume sends the rest to a healthy one.  Then show
# what arrived.
smtp_demo=$DEMO_DIR/smtp
rm -rf "$smtp_demo"
mkdir -p "$smtp_demo"
(
	cd "$smtp_demo"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -keyout ca.key -out ca.pem -days 1 \
		-subj '/CN=git-bpf demo CA' 2>/dev/null
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout server.key -out server.csr -subj '/CN=localhost' \
		2>/dev/null
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >server.ext
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
		-CAcreateserial -days 1 -extfile server.ext -out server.pem \
		2>/dev/null
)

# smtp_demo_start MAILBOX [SERVER-OPTION...]: a server, and git-bpf's
# config pointing at it.
smtp_demo_start () {
	mailbox=$smtp_demo/$1
	shift
	mkdir -p "$mailbox"
	rm -f "$smtp_demo/port"
	/usr/bin/python3 "$src/t/smtp-server.py" --mode=starttls \
		--mailbox "$mailbox" --port-file "$smtp_demo/port" \
		--cert "$smtp_demo/server.pem" --key "$smtp_demo/server.key" \
		--user 'jane:demo-password' --parent $$ --lifetime 120 "$@" \
		</dev/null >>"$smtp_demo/server.log" 2>&1 &
	smtp_pid=$!
	i=0
	while ! test -s "$smtp_demo/port"
	do
		i=$((i + 1))
		if test $i -gt 100 || ! kill -0 "$smtp_pid" 2>/dev/null
		then
			cat "$smtp_demo/server.log" >&2
			exit 1
		fi
		sleep 0.1
	done
	cat >"$smtp_demo/config" <<-EOF
	[smtp]
	server = 127.0.0.1
	port = $(cat "$smtp_demo/port")
	encryption = tls
	user = jane
	pass = demo-password
	ca = $smtp_demo/ca.pem
	[send]
	confirm = never
	EOF
	chmod 600 "$smtp_demo/config"
}

smtp_demo_stop () {
	kill "$smtp_pid"
	wait "$smtp_pid" 2>/dev/null || :
}

smtp_demo_start mailbox.1 --drop-after=2
printf '\n# an SMTP server on 127.0.0.1:%s (STARTTLS, AUTH) that hangs up after two\n# messages; git-bpf config:\n' \
	"$(cat "$smtp_demo/port")"
sed 's/^pass = .*/pass = (hidden)/' "$smtp_demo/config"

cd "$DEMO_REPO"
saved_config=${GIT_BPF_CONFIG-}
GIT_BPF_CONFIG=$smtp_demo/config
export GIT_BPF_CONFIG
step git bpf send || :
step ls "$(git rev-parse --git-dir)/bpf/outbox"
smtp_demo_stop

smtp_demo_start mailbox.2
printf '\n# a healthy server on 127.0.0.1:%s\n' "$(cat "$smtp_demo/port")"
step git bpf send --resume
smtp_demo_stop
if test -n "$saved_config"
then
	GIT_BPF_CONFIG=$saved_config
else
	unset GIT_BPF_CONFIG
fi

printf '\n# what the servers received, in order:\n'
/usr/bin/python3 - "$smtp_demo/mailbox.1" "$smtp_demo/mailbox.2" <<'EOF'
import email, email.policy, glob, sys
for box in sys.argv[1:]:
    for eml in sorted(glob.glob(box + '/*.eml')):
        with open(eml, 'rb') as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        print(m['Subject'])
        print('  Message-ID:', m['Message-ID'])
        print('  To:', m['To'] or '')
        print('  Cc:', m['Cc'] or '')
EOF
step git tag -l 'sent/*'
