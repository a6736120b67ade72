# demo part: mail the series to an SMTP server started here on loopback
# (STARTTLS on a certificate made now, AUTH), then show what arrived.
smtp_demo=$DEMO_DIR/smtp
rm -rf "$smtp_demo"
mkdir -p "$smtp_demo/mailbox"
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
/usr/bin/python3 "$src/t/smtp-server.py" --mode=starttls \
	--mailbox "$smtp_demo/mailbox" --port-file "$smtp_demo/port" \
	--cert "$smtp_demo/server.pem" --key "$smtp_demo/server.key" \
	--user 'jane:demo-password' --parent $$ --lifetime 120 \
	</dev/null >"$smtp_demo/server.log" 2>&1 &
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
cat >"$smtp_demo/config" <<EOF
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
printf '\n# an SMTP server on 127.0.0.1:%s (STARTTLS, AUTH); git-bpf config:\n' \
	"$(cat "$smtp_demo/port")"
sed 's/^pass = .*/pass = (hidden)/' "$smtp_demo/config"

cd "$DEMO_REPO"
saved_config=${GIT_BPF_CONFIG-}
GIT_BPF_CONFIG=$smtp_demo/config
export GIT_BPF_CONFIG
step git bpf send
if test -n "$saved_config"
then
	GIT_BPF_CONFIG=$saved_config
else
	unset GIT_BPF_CONFIG
fi

printf '\n# what the server received:\n'
/usr/bin/python3 - "$smtp_demo/mailbox" <<'EOF'
import email, email.header, email.policy, glob, sys
for eml in sorted(glob.glob(sys.argv[1] + '/*.eml')):
    with open(eml, 'rb') as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    print(m['Subject'])
    print('  To:', m['To'] or '')
    print('  Cc:', m['Cc'] or '')
EOF
kill "$smtp_pid"
wait "$smtp_pid" 2>/dev/null || :
