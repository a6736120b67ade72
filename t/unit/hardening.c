// SPDX-License-Identifier: GPL-2.0
/* Hostile text against the header writers and parsers: each test is the
 * smallest reproducer of a bug the fuzzers found (fuzz/crashes/). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "mail.h"
#include "maint.h"
#include "series.h"
#include "trailer.h"
#include "tap.h"

/* Print text as a TAP comment, control bytes escaped. */
static void show(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs(i + 1 < n ? "\\n\n# " : "\\n", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('\n');
}

/*
 * A header as it must go on the wire: "Name:" first, one final "\n",
 * every other line a continuation that starts with SP or HT and holds
 * more than white space (a blank or white-space-only line ends the
 * header section for many readers), no CR, no NUL, no control bytes
 * but HT, and no line over RFC 5322's 998 octets.  Prints why not.
 */
static bool header_ok(const struct strbuf *h, const char *name)
{
	size_t nl = strlen(name), i, start = 0;
	const char *why = NULL;

	if (h->len <= nl + 1 || memcmp(h->buf, name, nl) || h->buf[nl] != ':')
		why = "does not start with the header name";
	else if (h->buf[h->len - 1] != '\n')
		why = "does not end with a line end";
	else if (strlen(h->buf) != h->len)
		why = "holds a NUL";
	for (i = 0; !why && i < h->len; i++) {
		unsigned char c = (unsigned char)h->buf[i];
		bool text = false;

		if (c == '\r')
			why = "holds a CR";
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			why = "holds a control byte";
		if (why || c != '\n')
			continue;
		for (size_t j = start; start && j < i; j++)
			if (h->buf[j] != ' ' && h->buf[j] != '\t')
				text = true;
		if (i - start > 998)
			why = "has a line over 998 octets";
		else if (start && !text)
			why = "has a blank or white-space-only line";
		else if (start && h->buf[start] != ' ' && h->buf[start] != '\t')
			why = "has a line that starts a new header";
		start = i + 1;
	}
	if (why) {
		printf("# header %s:\n# ", why);
		show(h->buf, h->len > 300 ? 300 : h->len);
	}
	return !why;
}

/* The value of a header unfolded (line breaks dropped) and decoded. */
static char *header_value(const struct strbuf *h)
{
	struct strbuf unfolded = STRBUF_INIT, out = STRBUF_INIT;
	const char *p = strchr(h->buf, ':') + 1;

	if (*p == ' ')
		p++;
	for (; *p; p++)
		if (*p != '\n')
			strbuf_addch(&unfolded, *p);
	rfc2047_decode(&out, unfolded.buf, unfolded.len);
	strbuf_release(&unfolded);
	return strbuf_detach(&out, NULL);
}

static char *repeat(const char *head, char c, size_t n, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, head);
	while (n--)
		strbuf_addch(&sb, c);
	strbuf_addstr(&sb, tail);
	return strbuf_detach(&sb, NULL);
}

static void check_subject(const char *value, bool round_trip)
{
	struct strbuf h = STRBUF_INIT;

	mail_header_add(&h, "Subject", value);
	assert_true(header_ok(&h, "Subject"));
	if (round_trip) {
		char *back = header_value(&h);

		assert_string_equal(back, value);
		free(back);
	}
	strbuf_release(&h);
}

static void check_cc(const char *const *values, size_t nr)
{
	struct strvec sv = STRVEC_INIT;
	struct strbuf h = STRBUF_INIT;

	for (size_t i = 0; i < nr; i++)
		strvec_push(&sv, values[i]);
	mail_header_add_addresses(&h, "Cc", &sv);
	/* no valid address at all: no header, rather than a broken one */
	if (h.len)
		assert_true(header_ok(&h, "Cc"));
	assert_null(strstr(h.buf, "Bcc:"));
	strbuf_release(&h);
	strvec_clear(&sv);
}

/* fuzz/crashes/address/cc-lf-adds-bcc: a --cc value that fails to
 * parse was written as it came, line break and all. */
static void test_cc_line_break_adds_no_header(void **state)
{
	static const char *const lf[] = {
		"Jane <jane@example.org>",
		"a@example.com\nBcc: evil@example.net",
	};
	static const char *const cr[] = {
		"b@example.com\rBcc: evil@example.net",
	};
	static const char *const crlf[] = {
		"c@example.com\r\nBcc: evil@example.net",
	};

	check_cc(lf, 2);
	check_cc(cr, 1);
	check_cc(crlf, 1);
}

/* fuzz/crashes/address/cc-empty-values: empty values made a
 * white-space-only line. */
static void test_cc_empty_values(void **state)
{
	static const char *const v[] = { "", "a@example.com", "" };

	check_cc(v, 3);
}

/* fuzz/crashes/address/cc-overlong: an address longer than a line can
 * be (RFC 5321 allows 254 octets) went out as one 2,000-octet line. */
static void test_cc_overlong_address(void **state)
{
	char *v = repeat("x <", 'a', 2000, "@example.com>");
	const char *const vals[] = { v };

	check_cc(vals, 1);
	free(v);
}

/* fuzz/crashes/rfc2047/subject-cr: a bare CR is no line feed, so the
 * subject was written unencoded with the CR in it. */
static void test_subject_cr(void **state)
{
	check_subject("bpf: Fix\rBcc: evil@example.net", true);
	check_subject("bpf: Fix\r\nBcc: evil@example.net", true);
}

/* fuzz/crashes/rfc2047/subject-control: control bytes (DEL, ESC, VT)
 * went out raw although rfc2047_needed() promises to flag them. */
static void test_subject_control_bytes(void **state)
{
	check_subject("bpf: a\001b\033[31mred\x7f", true);
	check_subject("\v\002\002\002", true);
}

/* fuzz/crashes/rfc2047/subject-trailing-space: a subject whose last
 * word is folded and that ends with white space ended the header
 * section with an empty line. */
static void test_subject_trailing_space(void **state)
{
	char *v = repeat("", 'a', 80, " ");

	check_subject(v, false);
	free(v);
	check_subject("bpf: Fix\t\t\t\t\t\t\t\t\t\t", false);
}

/* fuzz/crashes/rfc2047/subject-space-run: a run of spaces longer than a
 * line was folded into a line of nothing but spaces, which RFC 5322
 * only allows as obsolete syntax and some readers take for the end of
 * the headers. */
static void test_subject_space_run(void **state)
{
	char *v = repeat("", 'a', 70, ""), *w;

	w = xstrfmt("%s%100s", v, "b");
	check_subject(w, false);
	free(w);
	free(v);
}

/* fuzz/crashes/rfc2047/subject-10000: one word of 10,000 characters
 * cannot be folded at white space; it must be encoded into words that
 * can be, not sent as one 10,000-octet line. */
static void test_subject_long_word(void **state)
{
	char *v = repeat("bpf: ", 'a', 10000, "");

	check_subject(v, true);
	free(v);
}

/* The wrapped-subject overread fixed in 4c0eb0d: keep it fixed. */
static void test_subject_folds_back(void **state)
{
	char *v = repeat("x ", 'a', 80, "");

	check_subject("selftests/bpf: Add a test that checks precise tracking "
		      "of spilled constants across calls and loops", true);
	check_subject(v, true);
	check_subject("libbpf: J\xc3\xb6hn D\xc5\x93 fixed =?UTF-8?q?x?= it",
		      true);
	free(v);
}

/* fuzz/crashes/address/encoded-name-cr: the line-break check ran before
 * RFC 2047 decoding, so "=0D" put a CR into the name, which
 * address_format() then wrote raw. */
static void test_encoded_name_breaks_no_line(void **state)
{
	static const char *const in[] = {
		"=?UTF-8?q?x=0DBcc:_evil@example.net?= <a@example.com>",
		"=?UTF-8?q?x=0ABcc:_evil@example.net?= <a@example.com>",
		"=?UTF-8?b?eA1CY2M6IGV2aWxAZXhhbXBsZS5uZXQ=?= <a@example.com>",
	};

	for (size_t i = 0; i < ARRAY_SIZE(in); i++) {
		struct address a;
		struct strbuf sb = STRBUF_INIT;

		if (address_parse(&a, in[i]))
			continue;	/* refusing it is fine too */
		address_format(&sb, a.name, a.addr, true);
		if (strpbrk(sb.buf, "\r\n")) {
			printf("# '%s' is written as:\n# ", in[i]);
			show(sb.buf, sb.len);
		}
		assert_null(strpbrk(sb.buf, "\r\n"));
		strbuf_release(&sb);
		address_release(&a);
	}
}

/* A password must come back exactly as written, and never be split on
 * commas or lower-cased like a key. */
static void test_ini_password_kept(void **state)
{
	struct config cfg;

	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(config_parse_ini(&cfg,
		"[smtp]\npass = Se,cr;et#Pa ss\n", "test.ini"), 0);
	assert_non_null(config_ini(&cfg, "smtp.pass"));
	assert_string_equal(config_ini(&cfg, "smtp.pass"), "Se,cr;et#Pa ss");
	config_release(&cfg);
}

/* fuzz/crashes/mbox/from-line-past-end: is_from_line() read the year
 * with strtol() past the length it was given.  Only AddressSanitizer
 * (make test-sanitize) sees the read; the buffer ends where the text does. */
static void test_mbox_from_line_within_length(void **state)
{
	static const char text[] = "From ?=t@From git@z an  1 00:00:0009";
	size_t len = sizeof(text) - 1;
	char *buf = malloc(len);
	struct series s;

	assert_non_null(buf);
	memcpy(buf, text, len);
	memset(&s, 0, sizeof(s));
	s.source = SERIES_FILES;
	series_parse_mbox(&s, buf, len, "from-line-past-end");
	series_release(&s);
	free(buf);
}

/* fuzz/crashes/maint/no-section-matches: with no section matching,
 * qsort() was handed a NULL array (undefined behaviour that UBSan, in
 * make test-sanitize, stops on). */
static void test_maint_no_section_matches(void **state)
{
	static const char text[] = "SUB\nF:\tdrivers/x/\n";
	const char *paths[] = { "kernel/bpf/verifier.c" };
	struct maint_db *db = NULL;
	struct maint_result r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(maint_db_parse(&db, text, sizeof(text) - 1,
					"MAINTAINERS"), 0);
	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	assert_int_equal(r.nr, 0);
	maint_result_release(&r);
	maint_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cc_line_break_adds_no_header),
		cmocka_unit_test(test_cc_empty_values),
		cmocka_unit_test(test_cc_overlong_address),
		cmocka_unit_test(test_subject_cr),
		cmocka_unit_test(test_subject_control_bytes),
		cmocka_unit_test(test_subject_trailing_space),
		cmocka_unit_test(test_subject_space_run),
		cmocka_unit_test(test_subject_long_word),
		cmocka_unit_test(test_subject_folds_back),
		cmocka_unit_test(test_encoded_name_breaks_no_line),
		cmocka_unit_test(test_ini_password_kept),
		cmocka_unit_test(test_mbox_from_line_within_length),
		cmocka_unit_test(test_maint_no_section_matches),
	};

	RUN_TAP(tests);
}
