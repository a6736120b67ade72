// SPDX-License-Identifier: GPL-2.0
/* Unit tests of addresses, RFC 2047 and header writing. */
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "tap.h"

static void check_addr(const char *in, const char *name, const char *addr)
{
	struct address a;

	assert_int_equal(address_parse(&a, in), 0);
	assert_string_equal(a.name, name);
	assert_string_equal(a.addr, addr);
	address_release(&a);
}

static void test_address_forms(void **state)
{
	check_addr("Jane Doe <jane@example.org>", "Jane Doe", "jane@example.org");
	check_addr("\"Doe, Jane\" <jane@example.org>", "Doe, Jane",
		   "jane@example.org");
	check_addr("jane@example.org", "", "jane@example.org");
	check_addr("jane@example.org (Jane)", "Jane", "jane@example.org");
	check_addr("=?UTF-8?q?J=C3=B6hn?= <j@example.org>", "Jöhn",
		   "j@example.org");
	/* RFC 5322 quoted display names: the angle-addr is outside quotes */
	check_addr("\"x\\\" <evil@example.net>\" <good@example.org>",
		   "x\" <evil@example.net>", "good@example.org");
	check_addr("\"a <evil@example.net>\" <good@example.org>",
		   "a <evil@example.net>", "good@example.org");
	check_addr("J. Doe <j.doe+bpf@mail.example.org>", "J. Doe",
		   "j.doe+bpf@mail.example.org");
	check_addr("root@localhost", "", "root@localhost");
}

static void test_address_bad(void **state)
{
	struct address a;

	assert_int_equal(address_parse(&a, "no address"), -1);
	assert_int_equal(address_parse(&a, "a@b.c\r\nBcc: x@y.z"), -1);
	assert_int_equal(address_parse(&a, "Name <a@b.c"), -1);
	assert_int_equal(address_parse(&a, "<@b.c>"), -1);
	/* no source route, group, obsolete or quoted local part */
	static const char *const bad[] = {
		"@relay.example.org:stable@vger.kernel.org",
		"<@relay.example.org:stable@vger.kernel.org>",
		"Cc <@relay.example.org:stable@vger.kernel.org>",
		"a;b@example.org",
		"a@b:c@example.org",
		"friends: a@example.org, b@example.org;",
		"friends:;",
		"Alice <a@good.example> <b@evil.example>",
		"Alice <a@good.example> b@evil.example",
		"a@good.example <b@evil.example>",
		"Al@ice <a@good.example>",
		"\"a\"@example.org",
		"a@[192.0.2.1]",
		"a..b@example.org",
		".a@example.org",
		"a@example..org",
		"a@example.org.",
		"\"unterminated <a@example.org>",
		"(unterminated a@example.org",
		"a b@example.org",
		"a@b@example.org",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (address_parse_quiet(&a, bad[i]) != -1)
			fail_msg("'%s' parsed as '%s'", bad[i], a.addr);
		assert_false(address_valid(bad[i]));
	}
}

static void test_address_list(void **state)
{
	struct address *v;
	size_t nr;

	assert_int_equal(address_list_parse(&v, &nr,
		"\"Doe, Jane\" <j@x.org>, b@y.org,, C <c@z.org>"), 0);
	assert_int_equal(nr, 3);
	assert_string_equal(v[0].name, "Doe, Jane");
	assert_string_equal(v[1].addr, "b@y.org");
	assert_string_equal(v[2].addr, "c@z.org");
	address_list_free(v, nr);
}

static void test_rfc2047_roundtrip(void **state)
{
	struct strbuf sb = STRBUF_INIT, dec = STRBUF_INIT;
	const char *title = "libbpf: Ünïcode subject that is long enough "
			    "to need folding over two encoded words";

	mail_subject_add(&sb, "[PATCH bpf-next 1/2]", title);
	assert_true(strncmp(sb.buf, "Subject: [PATCH bpf-next 1/2] =?UTF-8?q?",
			    40) == 0);
	for (char *p = sb.buf; *p;) {
		char *nl = strchr(p, '\n');

		assert_true(nl - p <= 78);
		p = nl + 1;
	}
	rfc2047_decode(&dec, sb.buf + 30, sb.len - 31);
	assert_string_equal(dec.buf, title);
	strbuf_release(&sb);
	strbuf_release(&dec);
}

static void test_subject_ascii_wrap(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	mail_subject_add(&sb, "[PATCH]", "bpf: a subject that is long enough "
			 "to be wrapped by git at seventy eight columns wide");
	assert_string_equal(sb.buf,
		"Subject: [PATCH] bpf: a subject that is long enough to be "
		"wrapped by git at\n seventy eight columns wide\n");
	strbuf_release(&sb);
}

static void test_long_word_is_encoded(void **state)
{
	struct strbuf sb = STRBUF_INIT, dec = STRBUF_INIT;
	char *word = malloc(10001);

	memset(word, 'x', 10000);
	word[10000] = '\0';
	mail_subject_add(&sb, "[PATCH]", word);
	for (char *p = sb.buf; *p;) {
		char *nl = strchr(p, '\n');

		assert_true(nl - p <= 78);
		p = nl + 1;
	}
	rfc2047_decode(&dec, sb.buf + 17, sb.len - 18);
	assert_string_equal(dec.buf, word);
	strbuf_release(&sb);
	strbuf_release(&dec);
	free(word);
}

static void test_from(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	mail_from_add(&sb, "From", "Jöhn Dœ", "john@example.org");
	assert_string_equal(sb.buf,
		"From: =?UTF-8?q?J=C3=B6hn=20D=C5=93?= <john@example.org>\n");
	strbuf_reset(&sb);
	mail_from_add(&sb, "From", "Doe, Jane", "j@x.org");
	assert_string_equal(sb.buf, "From: \"Doe, Jane\" <j@x.org>\n");
	strbuf_release(&sb);
}

static void test_date(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	mail_date(&sb, 1700000000, -480);
	assert_string_equal(sb.buf, "Tue, 14 Nov 2023 14:13:20 -0800");
	strbuf_release(&sb);
}

static void test_message_id(void **state)
{
	char *a = mail_message_id("jane@example.org", 1700000000, 1);
	char *b = mail_message_id("jane@example.org", 1700000000, 2);

	assert_string_not_equal(a, b);
	assert_true(a[0] == '<' && a[strlen(a) - 1] == '>');
	assert_non_null(strstr(a, "@example.org>"));
	free(a);
	free(b);
}

static void test_decoders(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	mail_decode_qp(&sb, "a=3Db=\nc=C3=A9", 14);
	assert_string_equal(sb.buf, "a=bcé");
	strbuf_reset(&sb);
	assert_int_equal(mail_decode_base64(&sb, "aGVsbG8g\nd29ybGQ=", 17), 0);
	assert_string_equal(sb.buf, "hello world");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_forms),
		cmocka_unit_test(test_address_bad),
		cmocka_unit_test(test_address_list),
		cmocka_unit_test(test_rfc2047_roundtrip),
		cmocka_unit_test(test_subject_ascii_wrap),
		cmocka_unit_test(test_long_word_is_encoded),
		cmocka_unit_test(test_from),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_message_id),
		cmocka_unit_test(test_decoders),
	};

	RUN_TAP(tests);
}
