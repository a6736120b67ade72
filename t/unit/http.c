// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the HTTP helpers: which URLs may be fetched, gzip, and
 * URL escaping; fetching itself is tested against loopback servers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http.h"
#include "tap.h"

static void test_loopback_hosts(void **state)
{
	assert_true(http_host_is_loopback("localhost"));
	assert_true(http_host_is_loopback("a.localhost"));
	assert_true(http_host_is_loopback("127.0.0.1"));
	assert_true(http_host_is_loopback("127.1.2.3"));
	assert_true(http_host_is_loopback("[::1]"));
	assert_true(http_host_is_loopback("::1"));
	assert_false(http_host_is_loopback("lore.kernel.org"));
	assert_false(http_host_is_loopback("128.0.0.1"));
	assert_false(http_host_is_loopback("localhost.example.org"));
	assert_false(http_host_is_loopback("[::2]"));
}

static void test_plain_http_refused_off_loopback(void **state)
{
	struct strbuf out = STRBUF_INIT;
	long status = -1;

	/* refused before any connection is tried */
	assert_int_equal(http_get(&out, &status, "http://lore.kernel.org/x",
				  NULL), -1);
	assert_int_equal(status, 0);
	assert_int_equal(http_get(&out, &status, "ftp://127.0.0.1/x", NULL),
			 -1);
	assert_int_equal(http_get(&out, &status, "file:///etc/passwd", NULL),
			 -1);
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
}

static void gzip(struct strbuf *out, const char *text)
{
	z_stream z = { 0 };

	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + 15, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	strbuf_grow(out, deflateBound(&z, strlen(text)) + 64);
	z.next_in = (Bytef *)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = (Bytef *)out->buf + out->len;
	z.avail_out = (uInt)(out->alloc - out->len - 1);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	strbuf_setlen(out, (size_t)((char *)z.next_out - out->buf));
	deflateEnd(&z);
}

static void test_gunzip(void **state)
{
	struct strbuf gz = STRBUF_INIT, out = STRBUF_INIT;

	gzip(&gz, "From a\nSubject: one\n\n");
	gzip(&gz, "From b\n");	/* a second member, as cat a.gz b.gz */
	assert_int_equal(http_gunzip(&out, gz.buf, gz.len, "t.mbox.gz"), 0);
	assert_string_equal(out.buf, "From a\nSubject: one\n\nFrom b\n");

	/* corrupt data: an error, and out keeps only what it had */
	strbuf_reset(&out);
	strbuf_addstr(&out, "kept");
	gz.buf[gz.len / 2] ^= 0x55;
	gz.buf[gz.len / 2 + 1] ^= 0x55;
	assert_int_equal(http_gunzip(&out, gz.buf, gz.len, "t.mbox.gz"), -1);
	assert_string_equal(out.buf, "kept");
	assert_int_equal(http_gunzip(&out, "plain", 5, "x"), -1);
	assert_string_equal(out.buf, "kept");
	strbuf_release(&gz);
	strbuf_release(&out);
}

static void test_escape(void **state)
{
	struct strbuf out = STRBUF_INIT;

	http_escape(&out, "20231201.a-b_c~d@kernel.org/+ x");
	assert_string_equal(out.buf,
			    "20231201.a-b_c~d%40kernel.org%2F%2B%20x");
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loopback_hosts),
		cmocka_unit_test(test_plain_http_refused_off_loopback),
		cmocka_unit_test(test_gunzip),
		cmocka_unit_test(test_escape),
	};

	RUN_TAP(tests);
}
