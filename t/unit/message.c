// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the mail writer: the headers every mail gets, the
 * transfer encoding, and what a mail without an id or a name gets. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "message.h"

static void test_headers(void **state)
{
	struct message_set ms = { 0 };
	struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
	struct message *m;

	(void)state;
	strvec_push(&to, "bpf@vger.kernel.org");
	strvec_push(&cc, "J\xc3\xb6rg Doe <jd@example.org>");
	strvec_push(&cc, "jd2@example.org");
	strvec_push(&cc, "JD2@example.org");
	m = message_set_add_mail(&ms, &(struct mail_fields){
		.from_name = "Jane Developer", .from_addr = "jane@example.org",
		.date = 1700000000, .tz = 60,
		.subject_prefix = "[PATCH bpf 1/2]", .subject = "bpf: Fix foo",
		.message_id = "<2@example.org>", .in_reply_to = "<1@example.org>",
		.to = &to, .cc = &cc, .body = "Body.\nno newline at the end",
		.filename = "0001-bpf-Fix-foo.patch" });
	assert_string_equal(m->text,
		"From: Jane Developer <jane@example.org>\n"
		"Date: Tue, 14 Nov 2023 23:13:20 +0100\n"
		"Subject: [PATCH bpf 1/2] bpf: Fix foo\n"
		"Message-ID: <2@example.org>\n"
		"In-Reply-To: <1@example.org>\n"
		"References: <1@example.org>\n"
		"To: bpf@vger.kernel.org\n"
		"Cc: =?UTF-8?q?J=C3=B6rg=20Doe?= <jd@example.org>,\n"
		"\tjd2@example.org\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n"
		"X-Mailer: git-bpf " GIT_BPF_VERSION "\n"
		"\n"
		"Body.\nno newline at the end\n");
	assert_string_equal(m->subject, "[PATCH bpf 1/2] bpf: Fix foo");
	assert_string_equal(m->from, "Jane Developer <jane@example.org>");
	assert_string_equal(m->message_id, "<2@example.org>");
	assert_string_equal(m->filename, "0001-bpf-Fix-foo.patch");
	assert_int_equal(m->cc.nr, 2);
	strvec_clear(&to);
	strvec_clear(&cc);
	message_set_release(&ms);
}

static void test_quoted_printable(void **state)
{
	struct message_set ms = { 0 };
	struct strvec to = STRVEC_INIT;
	struct strbuf body = STRBUF_INIT;
	struct message *m;
	const char *p;
	size_t i;

	(void)state;
	strvec_push(&to, "bpf@vger.kernel.org");
	for (i = 0; i < 1000; i++)
		strbuf_addch(&body, 'x');
	strbuf_addstr(&body, "= \n");
	m = message_set_add_mail(&ms, &(struct mail_fields){
		.from_name = "", .from_addr = "jane@example.org",
		.date = 0, .subject = "Request for stable: bpf: Fix foo",
		.to = &to, .body = body.buf });
	assert_non_null(strstr(m->text,
		"\nContent-Transfer-Encoding: quoted-printable\n"));
	/* no line SMTP would cut; the '=' and the space at the end
	 * encoded */
	for (p = m->text; *p; p = strchrnul(p, '\n') + !!*strchrnul(p, '\n'))
		assert_true(strchrnul(p, '\n') - p <= 76);
	assert_non_null(strstr(m->text, "=3D=20\n"));
	/* no Message-ID given: a new one; no name: the subject's, .eml */
	assert_true(m->message_id[0] == '<');
	assert_non_null(strstr(m->message_id, "@example.org>"));
	assert_string_equal(m->filename,
			    "0001-Request-for-stable-bpf-Fix-foo.eml");
	assert_string_equal(m->subject, "Request for stable: bpf: Fix foo");
	assert_int_equal(m->cc.nr, 0);
	assert_null(strstr(m->text, "\nCc:"));
	strbuf_release(&body);
	strvec_clear(&to);
	message_set_release(&ms);
}

static void test_filename(void **state)
{
	char *f;

	(void)state;
	f = message_filename(2, 3, "bpf: Fix a..b (the \"x\")...", ".patch");
	assert_string_equal(f, "v2-0003-bpf-Fix-a.b-the-x.patch");
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_quoted_printable),
		cmocka_unit_test(test_filename),
	};

	RUN_TAP(tests);
}
