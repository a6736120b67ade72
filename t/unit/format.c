// SPDX-License-Identifier: GPL-2.0
/* Unit tests of format and compose: message splitting as git's pretty
 * printer does it, subject prefixes, file names,
 * quiet address parsing, and the message set's envelope. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "format.h"
#include "message.h"
#include "recipients.h"

static void split(const char *msg, const char *subject, const char *body)
{
	struct strbuf s = STRBUF_INIT, b = STRBUF_INIT;

	format_split_message(msg, &s, &b);
	assert_string_equal(s.buf, subject);
	assert_string_equal(b.buf, body);
	strbuf_release(&s);
	strbuf_release(&b);
}

static void test_split_message(void **state)
{
	split("bpf: Fix\n\nBody.\n", "bpf: Fix", "Body.\n");
	/* leading blank lines, a two-line subject, trailing white space */
	split("\n  \nbpf: Fix a\nlong one  \n\n\n  Body  \n\t\nmore\t\n\n\n",
	      "bpf: Fix a long one", "  Body\n\nmore\n");
	split("only a subject\n", "only a subject", "");
	split("", "", "");
	split("no newline", "no newline", "");
}

static void prefix(const char *tree, int v, bool rfc, bool resend, size_t nr,
		   size_t total, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	compose_prefix(&sb, tree, v, rfc, resend, nr, total);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_prefix(void **state)
{
	prefix("bpf", 1, false, false, 1, 2, "[PATCH bpf 1/2]");
	prefix("bpf-next", 3, false, false, 0, 4, "[PATCH bpf-next v3 0/4]");
	prefix("bpf-next", 1, false, false, 1, 1, "[PATCH bpf-next]");
	prefix("bpf-next", 2, true, false, 1, 1, "[RFC PATCH bpf-next v2]");
	prefix("bpf", 1, false, true, 7, 12, "[PATCH RESEND bpf 07/12]");
	prefix("iproute2 net-next", 1, false, false, 100, 100,
	       "[PATCH iproute2 net-next 100/100]");
	prefix("bpf", 1, false, false, 3, 100, "[PATCH bpf 003/100]");
}

static void filename(int v, size_t nr, const char *subject, const char *want)
{
	char *f = compose_filename(v, nr, subject);

	assert_string_equal(f, want);
	free(f);
}

static void test_filename(void **state)
{
	filename(1, 1, "bpf: Fix a leak", "0001-bpf-Fix-a-leak.patch");
	filename(2, 0, "x", "v2-0000-x.patch");
	filename(1, 3, "libbpf: Ünïcode...and dots..", "0003-libbpf-n-code.and-dots.patch");
	filename(1, 2, "bpf: Track precise spilled constants in the verifier",
		 "0002-bpf-Track-precise-spilled-constants-in-the-verifier.patch");
	filename(2, 1, "bpf: Track precise spilled constants in the verifier",
		 "v2-0001-bpf-Track-precise-spilled-constants-in-the-verifi.patch");
	filename(1, 1, "---", "0001-.patch");
}

static void rcpt(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	int r = recipient_parse(&sb, in);

	if (want) {
		assert_int_equal(r, 0);
		assert_string_equal(sb.buf, want);
	} else {
		assert_int_equal(r, -1);
	}
	strbuf_release(&sb);
}

static void test_recipient_parse(void **state)
{
	rcpt("Jane Doe <jane@example.org>", "Jane Doe <jane@example.org>");
	rcpt("\"Doe, Jane\" <jane@example.org>", "\"Doe, Jane\" <jane@example.org>");
	rcpt("jane@example.org # 6.1+", "jane@example.org");
	rcpt("  jane@example.org", "jane@example.org");
	rcpt("syzbot+abc@syzkaller.appspotmail.com",
	     "syzbot+abc@syzkaller.appspotmail.com");
	rcpt("Jane Doe", NULL);
	rcpt("Jane <jane@example.org", NULL);
	rcpt("Jane <jane@exa\nmple.org>", NULL);
	rcpt("", NULL);
}

static void test_message_set(void **state)
{
	struct message_set ms = { 0 };
	struct strvec rcpts = STRVEC_INIT;
	struct message *m;
	int i;

	for (i = 0; i < 20; i++) {
		m = message_set_add(&ms);
		assert_null(m->text);
		assert_string_equal(m->commit, "");
		m->text = xstrdup("x");
	}
	m = &ms.v[3];
	strvec_push(&m->to, "bpf@vger.kernel.org");
	strvec_push(&m->cc, "Jane <JANE@example.org>");
	strvec_push(&m->cc, "jane@example.org");
	strvec_push(&m->cc, "BPF@vger.kernel.org");
	message_rcpts(m, &rcpts);
	assert_int_equal(rcpts.nr, 2);
	assert_string_equal(rcpts.v[0], "bpf@vger.kernel.org");
	assert_string_equal(rcpts.v[1], "JANE@example.org");
	strvec_clear(&rcpts);
	ms.branch = xstrdup("topic");
	message_set_release(&ms);
	assert_int_equal(ms.nr, 0);
	assert_null(ms.branch);
	message_set_release(&ms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_message),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_filename),
		cmocka_unit_test(test_recipient_parse),
		cmocka_unit_test(test_message_set),
	};

	RUN_TAP(tests);
}
