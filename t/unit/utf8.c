// SPDX-License-Identifier: GPL-2.0
/* Unit tests of utf8: the decoder on valid, invalid, overlong, surrogate
 * and truncated sequences, the width, word wrapping, charset conversion. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void decodes(const char *s, size_t n, unsigned flags, size_t len,
		    unsigned want_cp)
{
	unsigned cp = 0xdeadbeef;

	assert_int_equal(utf8_decode(s, n, &cp, flags), len);
	if (len)
		assert_int_equal(cp, want_cp);
}

static void rejects(const char *s, size_t n, unsigned flags)
{
	unsigned cp = 0xdeadbeef;

	assert_int_equal(utf8_decode(s, n, &cp, flags), 0);
	assert_int_equal(cp, 0xdeadbeef);	/* left alone */
}

static void test_decode_valid(void **state)
{
	decodes("A", 1, 0, 1, 0x41);
	decodes("", 1, 0, 1, 0);		/* a NUL is ASCII */
	decodes("\x7f", 1, 0, 1, 0x7f);
	decodes("\xc2\x80", 2, 0, 2, 0x80);
	decodes("\xc3\xa9xyz", 5, 0, 2, 0xe9);	/* only the first */
	decodes("\xdf\xbf", 2, 0, 2, 0x7ff);
	decodes("\xe0\xa0\x80", 3, 0, 3, 0x800);
	decodes("\xe2\x82\xac", 3, 0, 3, 0x20ac);
	decodes("\xed\x9f\xbf", 3, 0, 3, 0xd7ff);	/* below the surrogates */
	decodes("\xee\x80\x80", 3, 0, 3, 0xe000);	/* above them */
	decodes("\xef\xbf\xbf", 3, 0, 3, 0xffff);
	decodes("\xf0\x90\x80\x80", 4, 0, 4, 0x10000);
	decodes("\xf0\x9f\x98\x80", 4, 0, 4, 0x1f600);
	decodes("\xf4\x8f\xbf\xbf", 4, 0, 4, 0x10ffff);
	decodes("\xe2\x82\xac", 3, 0, 3, 0x20ac);
	/* a NULL cp is allowed */
	assert_int_equal(utf8_decode("\xe2\x82\xac", 3, NULL, 0), 3);
}

static void test_decode_invalid(void **state)
{
	/* stray continuation bytes and lead bytes no sequence has */
	rejects("\x80", 1, 0);
	rejects("\xbf", 1, 0);
	rejects("\xf8\x88\x80\x80\x80", 5, 0);
	rejects("\xfc\x84\x80\x80\x80\x80", 6, 0);
	rejects("\xfe", 1, 0);
	rejects("\xff", 1, 0);
	rejects("\x80", 1, UTF8_LAX);
	rejects("\xff", 1, UTF8_LAX);
	/* a continuation byte missing inside the sequence */
	rejects("\xc3" "A", 2, 0);
	rejects("\xe2\x82" "A", 3, 0);
	rejects("\xf0\x9f\x98" "A", 4, 0);
	rejects("\xe2" "A\xac", 3, UTF8_LAX);
}

static void test_decode_overlong(void **state)
{
	rejects("\xc0\x80", 2, 0);		/* NUL in two bytes */
	rejects("\xc0\xaf", 2, 0);		/* '/' */
	rejects("\xc1\xbf", 2, 0);
	rejects("\xe0\x80\x80", 3, 0);
	rejects("\xe0\x9f\xbf", 3, 0);		/* U+07FF in three */
	rejects("\xf0\x80\x80\x80", 4, 0);
	rejects("\xf0\x8f\xbf\xbf", 4, 0);	/* U+FFFF in four */
	/* only the shape counts when lax */
	decodes("\xc0\x80", 2, UTF8_LAX, 2, 0);
	decodes("\xe0\x80\xaf", 3, UTF8_LAX, 3, 0x2f);
	decodes("\xf0\x8f\xbf\xbf", 4, UTF8_LAX, 4, 0xffff);
}

static void test_decode_surrogates_and_range(void **state)
{
	rejects("\xed\xa0\x80", 3, 0);		/* U+D800 */
	rejects("\xed\xad\xbf", 3, 0);		/* U+DB7F */
	rejects("\xed\xb0\x80", 3, 0);		/* U+DC00 */
	rejects("\xed\xbf\xbf", 3, 0);		/* U+DFFF */
	rejects("\xf4\x90\x80\x80", 4, 0);	/* U+110000 */
	rejects("\xf5\x80\x80\x80", 4, 0);
	rejects("\xf7\xbf\xbf\xbf", 4, 0);
	decodes("\xed\xa0\x80", 3, UTF8_LAX, 3, 0xd800);
	decodes("\xf4\x90\x80\x80", 4, UTF8_LAX, 4, 0x110000);
	decodes("\xf7\xbf\xbf\xbf", 4, UTF8_LAX, 4, 0x1fffff);
}

static void test_decode_truncated(void **state)
{
	/* fewer bytes left than the lead byte asks for */
	rejects("\xc3\xa9", 1, 0);
	rejects("\xe2\x82\xac", 2, 0);
	rejects("\xe2\x82\xac", 1, 0);
	rejects("\xf0\x9f\x98\x80", 3, 0);
	rejects("\xc3", 1, 0);			/* at the end of a string */
	rejects("\xf0\x9f\x98\x80", 3, UTF8_LAX);
	rejects("\xc3", 1, UTF8_LAX);
}

static void test_valid(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("plain text\n", 11));
	assert_true(utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14));
	assert_true(utf8_valid("a\0b", 3));
	assert_false(utf8_valid("caf\xe9", 4));		/* Latin-1 */
	assert_false(utf8_valid("ok \x80", 4));
	assert_false(utf8_valid("\xc0\x80", 2));
	assert_false(utf8_valid("\xed\xa0\x80", 3));
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));
	assert_false(utf8_valid("end \xe2\x82", 6));		/* truncated */
	/* the length given counts, not a NUL */
	assert_true(utf8_valid("\xc3\xa9\xff", 2));
	assert_false(utf8_valid("\xc3\xa9\xff", 3));
}

static void test_width(void **state)
{
	assert_int_equal(utf8_width("", 0), 0);
	assert_int_equal(utf8_width("abc", 3), 3);
	assert_int_equal(utf8_width("abc", 2), 2);
	assert_int_equal(utf8_width("caf\xc3\xa9", 5), 4);
	/* one column a character: CJK ideographs too (git: 2 each) */
	assert_int_equal(utf8_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 9), 3);
	/* and a combining mark (U+0301 after "e"; git: 0 for it) */
	assert_int_equal(utf8_width("e\xcc\x81", 3), 2);
	assert_int_equal(utf8_width("\xf0\x9f\x98\x80", 4), 1);
	/* a stray continuation byte takes none, an invalid lead byte one */
	assert_int_equal(utf8_width("a\x80", 2), 1);
	assert_int_equal(utf8_width("\xff", 1), 1);
}

static void test_next_char(void **state)
{
	const char *s = "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80";

	assert_ptr_equal(utf8_next_char(s), s + 1);
	assert_ptr_equal(utf8_next_char(s + 1), s + 3);
	assert_ptr_equal(utf8_next_char(s + 3), s + 6);
	assert_ptr_equal(utf8_next_char(s + 6), s + 10);
	assert_ptr_equal(utf8_next_char(s + 10), s + 10);	/* the end */
}

static void wraps(const char *text, int width, int indent1, int indent2,
		  unsigned flags, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "x");	/* appends */
	utf8_wrap(&sb, text, width, indent1, indent2, flags);
	assert_string_equal(sb.buf + 1, want);
	assert_int_equal(sb.buf[0], 'x');
	strbuf_release(&sb);
}

/* git shortlog's wrapping: strbuf_add_wrapped_text() for plain words. */
static void test_wrap_shortlog(void **state)
{
	wraps("short subject", 72, 2, 4, 0, "  short subject\n");
	/* git allows 72 columns, the indent included */
	wraps("selftests/bpf: A subject long enough that it has to wrap onto a "
	      "second line", 72, 2, 4, 0,
	      "  selftests/bpf: A subject long enough that it has to wrap onto a second\n"
	      "    line\n");
	wraps("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm "
	      "nnnn o", 72, 2, 4, 0,
	      "  aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn\n"
	      "    o\n");
	/* a word longer than the line stands alone */
	wraps("a averyveryverylongword b", 10, 0, 0, 0,
	      "a\naveryveryverylongword\nb\n");
	/* runs of spaces collapse; "\n" is part of a word */
	wraps("a    b\nc", 72, 0, 0, 0, "a b\nc\n");
	/* empty text still ends the line */
	wraps("", 72, 2, 4, 0, "  \n");
	/* characters are counted, not bytes: 3 + 1 + 3 fits in 7 */
	wraps("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 7, 0, 0, 0,
	      "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\n");
	wraps("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 6, 0, 0, 0,
	      "\xc3\xa9\xc3\xa9\xc3\xa9\n\xc3\xa9\xc3\xa9\xc3\xa9\n");
}

/* Paragraph text, as the stable request's notes are wrapped. */
static void test_wrap_lines(void **state)
{
	const unsigned f = UTF8_WRAP_LINES | UTF8_WRAP_BYTES;

	wraps("one two three four", 9, 0, 0, f, "one two\nthree\nfour\n");
	wraps("averyveryverylongword x", 5, 0, 0, f,
	      "averyveryverylongword\nx\n");
	wraps("a\n\nb", 72, 0, 0, f, "a\n\nb\n");
	wraps("", 72, 0, 0, f, "");
	wraps("  a   b  ", 72, 0, 0, f, "a b\n");
	wraps("a\n", 72, 0, 0, f, "a\n");
	wraps("\n", 72, 0, 0, f, "\n");
	/* bytes are counted: 6 + 1 + 6 is over 7 */
	wraps("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 7, 0, 0, f,
	      "\xc3\xa9\xc3\xa9\xc3\xa9\n\xc3\xa9\xc3\xa9\xc3\xa9\n");
	/* characters, when asked */
	wraps("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 7, 0, 0,
	      UTF8_WRAP_LINES,
	      "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\n");
	/* indents */
	wraps("aa bb cc\ndd", 6, 1, 2, f, " aa bb\n  cc\n  dd\n");
}

static void test_convert(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "caf\xe9");
	assert_int_equal(utf8_convert(&sb, "ISO-8859-1", "'m'"), 0);
	assert_string_equal(sb.buf, "caf\xc3\xa9");
	assert_int_equal(sb.len, 5);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "x");
	assert_int_equal(utf8_convert(&sb, "no-such-charset", "'m'"), -1);
	assert_string_equal(sb.buf, "x");	/* left as it was */
	strbuf_reset(&sb);
	strbuf_add(&sb, "a\0b", 3);		/* UTF-16LE cut in half */
	assert_int_equal(utf8_convert(&sb, "UTF-16LE", "'m'"), -1);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_decode_overlong),
		cmocka_unit_test(test_decode_surrogates_and_range),
		cmocka_unit_test(test_decode_truncated),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_next_char),
		cmocka_unit_test(test_wrap_shortlog),
		cmocka_unit_test(test_wrap_lines),
		cmocka_unit_test(test_convert),
	};

	RUN_TAP(tests);
}
