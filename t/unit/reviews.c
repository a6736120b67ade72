// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the review tags writer and the thread reader. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "reviews.h"
#include "series.h"

static char *added(const char *msg, const char *tag1, const char *tag2)
{
	struct strvec lines = STRVEC_INIT;
	struct strbuf out = STRBUF_INIT;

	strvec_push(&lines, tag1);
	if (tag2)
		strvec_push(&lines, tag2);
	reviews_add_to_message(&out, msg, &lines);
	strvec_clear(&lines);
	return strbuf_detach(&out, NULL);
}

static void test_after_the_trailers(void **state)
{
	char *m = added("bpf: Fix\n\nBody.\n\nSigned-off-by: A <a@b.c>\n",
			"Acked-by: B <b@c.d>", "Tested-by: C <c@d.e>");

	assert_string_equal(m, "bpf: Fix\n\nBody.\n\nSigned-off-by: A <a@b.c>\n"
			    "Acked-by: B <b@c.d>\nTested-by: C <c@d.e>\n");
	free(m);
}

static void test_continuation_and_no_final_newline(void **state)
{
	char *m = added("s\n\nb\n\nLink: https://x\n  continued\nSigned-off-by: A <a@b.c>",
			"Acked-by: B <b@c.d>", NULL);

	assert_string_equal(m, "s\n\nb\n\nLink: https://x\n  continued\n"
			    "Signed-off-by: A <a@b.c>\nAcked-by: B <b@c.d>");
	free(m);
	m = added("s\n\nb\n\nSigned-off-by: A <a@b.c>\n  more\n",
		  "Acked-by: B <b@c.d>", NULL);
	assert_string_equal(m, "s\n\nb\n\nSigned-off-by: A <a@b.c>\n  more\n"
			    "Acked-by: B <b@c.d>\n");
	free(m);
}

static void test_new_block(void **state)
{
	char *m = added("s\n\nJust prose: here.\n", "Acked-by: B <b@c.d>", NULL);

	assert_string_equal(m, "s\n\nJust prose: here.\n\nAcked-by: B <b@c.d>\n");
	free(m);
}

static const char multipart[] =
	"From x@y Thu Jan  1 00:00:00 1970\n"
	"From: =?UTF-8?q?J=C3=B6rg?= <j@example.org>\n"
	"Subject: Re: [PATCH 1/2] x\n"
	"Message-ID: <r1@x>\n"
	"In-Reply-To: <p1@x>\n"
	"References: <c@x> <p1@x>\n"
	"MIME-Version: 1.0\n"
	"Content-Type: multipart/alternative; boundary=\"BB\"\n"
	"\n"
	"preamble\n"
	"--BB\n"
	"Content-Type: text/plain; charset=\"iso-8859-1\"\n"
	"Content-Transfer-Encoding: base64\n"
	"\n"
	"UmV2aWV3ZWQtYnk6IErWcmcgPGpAZXhhbXBsZS5vcmc+Cg==\n"
	"--BB\n"
	"Content-Type: text/html\n"
	"\n"
	"<p>html</p>\n"
	"--BB--\n"
	"\n"
	"From x@y Thu Jan  1 00:00:00 1970\n"
	"From: A <a@x>\n"
	"Subject: [PATCH 0/2] cover\n"
	"Message-ID: <c@x>\n"
	"\n"
	"cover text\n";

static void test_thread_multipart(void **state)
{
	struct thread t = { 0 };

	assert_int_equal(series_thread_parse(&t, multipart, strlen(multipart),
					     "t.mbox"), 0);
	assert_int_equal(t.nr, 2);
	assert_true(t.v[0].reply);
	assert_false(t.v[1].reply);
	assert_string_equal(t.v[0].from, "Jörg <j@example.org>");
	assert_string_equal(t.v[0].body, "Reviewed-by: J\xc3\x96rg <j@example.org>\n");
	assert_string_equal(t.v[0].message_id, "<r1@x>");
	assert_string_equal(t.v[0].in_reply_to, "<p1@x>");
	assert_int_equal(t.v[0].references.nr, 2);
	assert_string_equal(t.v[0].references.v[1], "<p1@x>");
	assert_string_equal(t.v[0].where, "'t.mbox' message 1 (\"Re: [PATCH 1/2] x\")");
	series_thread_release(&t);
}

static void test_tags_known(void **state)
{
	assert_true(reviews_is_tag("acked-by"));
	assert_true(reviews_is_tag("Suggested-by"));
	assert_false(reviews_is_tag("Signed-off-by"));
	assert_false(reviews_is_tag("Link"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_after_the_trailers),
		cmocka_unit_test(test_continuation_and_no_final_newline),
		cmocka_unit_test(test_new_block),
		cmocka_unit_test(test_thread_multipart),
		cmocka_unit_test(test_tags_known),
	};

	RUN_TAP(tests);
}
