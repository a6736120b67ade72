# Test helpers for git bpf trailers: v1 of a three-patch series mailed to
# the loopback SMTP server (so its Message-IDs are real), and replies to
# it written as reviewers write them.  Source it after lib-smtp.sh.

# mailbox_id N: the Message-ID of the server's Nth message (0001 ...)
mailbox_id () {
	smtp_header Message-ID "$SMTP_MAILBOX/$1.eml"
}

# trailers_send_v1 DIR: the series of smtp_series on branch "spill" in
# DIR, mailed as v1; sets COVER P1 P2 P3 to the Message-IDs.
trailers_send_v1 () {
	smtp_series "$1" &&
	smtp_start --user="$SMTP_USER:$SMTP_PASS" &&
	smtp_config tls &&
	(cd "$1" && git bpf send --no-check --tree=bpf-next >/dev/null) &&
	test $(smtp_count) = 4 &&
	COVER=$(mailbox_id 0001) &&
	P1=$(mailbox_id 0002) &&
	P2=$(mailbox_id 0003) &&
	P3=$(mailbox_id 0004)
}

# reply FROM IN-REPLY-TO REFERENCES SUBJECT ID <BODY: one message as an
# mbox entry on stdout; IN-REPLY-TO may be "-" for none.
reply () {
	echo "From mboxrd@z Thu Jan  1 00:00:00 1970" &&
	echo "From: $1" &&
	echo "Subject: $4" &&
	echo "Date: Tue, 14 Nov 2023 22:20:00 +0000" &&
	echo "Message-ID: $5" &&
	if test "$2" != "-"
	then
		echo "In-Reply-To: $2"
	fi &&
	echo "References: $3" &&
	echo &&
	cat &&
	echo
}

# mbox_of FILE...: the server's messages as one mbox on stdout
mbox_of () {
	for f in "$@"
	do
		echo "From mboxrd@z Thu Jan  1 00:00:00 1970" &&
		cat "$f" &&
		echo || return 1
	done
}

# trailers_replies: the reviewers' answers to v1 on stdout, as an mbox:
# an ack of the cover (all patches), a review of patch 2 that quotes the
# patch with a tag in the quote, a reply to that review, a reply to
# patch 3 that names someone else, a References-only review of patch 1
# that repeats the ack, and an answer from the author with no tags.
trailers_replies () {
	reply "Alexei Starovoitov <ast@kernel.org>" "$COVER" "$COVER" \
		"Re: [PATCH bpf-next 0/3] bpf: Precise spilled constants" \
		"<r1@kernel.org>" <<-\EOF &&
	On Tue, Nov 14, 2023 at 10:00 PM Jane Developer wrote:
	> The verifier forgets known values of spilled constants.

	Nice series.

	Acked-by: Alexei Starovoitov <ast@kernel.org>
	EOF
	reply "Andrii Nakryiko <andrii.nakryiko@gmail.com>" "$P2" "$COVER $P2" \
		"Re: [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants" \
		"<r2@gmail.com>" <<-\EOF &&
	On Tue, Nov 14, 2023 Jane Developer wrote:
	> A line of its own with a dot, then one with two.
	>
	> Acked-by: Quoted Person <quoted@example.org>
	> Signed-off-by: Jane Developer <jane@example.org>
	> ---
	> diff --git a/tools/testing/selftests/bpf/progs/verifier_basic.c b/tools/testing/selftests/bpf/progs/verifier_basic.c
	> +/* spilled constant test */

	Looks good, but the comment could say more.
	Reviewed-by:Nobody <nobody-without-space@example.org> in prose
	Tested-by: not a person

	Reviewed-by: Andrii Nakryiko <andrii@kernel.org>
	Link: https://lore.kernel.org/bpf/r2@gmail.com/

	-- 
	Andrii
	Acked-by: Signature Person <sig@example.org>
	EOF
	reply "Eduard Zingerman <eddyz87@gmail.com>" "<r2@gmail.com>" \
		"$COVER $P2 <r2@gmail.com>" \
		"Re: [PATCH bpf-next 2/3] selftests/bpf: Test precise spilled constants" \
		"<r3@gmail.com>" <<-\EOF &&
	> Looks good, but the comment could say more.

	Ran it on x86 and arm64.

	Tested-by: Eduard Zingerman <eddyz87@gmail.com>
	EOF
	reply "Yonghong Song <yonghong.song@linux.dev>" "$P3" "$COVER $P3" \
		"Re: [PATCH bpf-next 3/3] libbpf: Log skipped programs at debug level" \
		"<r4@linux.dev>" <<-\EOF &&
	Song asked me to pass this on:

	Acked-by: Song Liu <song@kernel.org>
	EOF
	reply "Jiri Olsa <olsajiri@gmail.com>" "-" "$COVER $P1" \
		"Re: [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier" \
		"<r5@gmail.com>" <<-\EOF &&
	Reviewed-by: Jiri Olsa <jolsa@kernel.org>
	acked-by: alexei starovoitov <AST@kernel.org>
	EOF
	reply "Jane Developer <jane@example.org>" "<r5@gmail.com>" \
		"$COVER $P1 <r5@gmail.com>" \
		"Re: [PATCH bpf-next 1/3] bpf: Track precise spilled constants in the verifier" \
		"<r6@example.org>" <<-\EOF
	Thanks for the reviews!
	EOF
}
