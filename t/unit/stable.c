// SPDX-License-Identifier: GPL-2.0
/* Unit tests of stable-request's parsers: release tags, stable branch
 * names, the upstream references of backports, and the words it writes. */
#include <stdlib.h>
#include <string.h>

#include "stable.h"
#include "tap.h"

static void test_release_names(void **state)
{
	int major, minor, rc;

	assert_true(stable_parse_release("v6.1", &major, &minor, &rc));
	assert_int_equal(major, 6);
	assert_int_equal(minor, 1);
	assert_int_equal(rc, 0);
	assert_true(stable_parse_release("v6.10-rc7", &major, &minor, &rc));
	assert_int_equal(minor, 10);
	assert_int_equal(rc, 7);
	assert_true(stable_parse_release("v2.6.39", &major, &minor, &rc));
	assert_int_equal(major, 2);
	assert_int_equal(minor, 6039);
	assert_true(stable_parse_release("v2.6.12-rc2", &major, &minor, &rc));
	assert_int_equal(rc, 2);
}

static void test_not_release_names(void **state)
{
	static const char *const bad[] = {
		"v6.1.2", "6.1", "v6", "v6.", "v6.1-rc", "v6.1-rc0", "v6.1-rc1a",
		"v6.1-rc1-2", "v06.1", "v6.01", "v2.6", "v6.1-next", "",
		"sent/main-v2", "v99999999999.1",
	};
	int major, minor, rc;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(stable_parse_release(bad[i], &major, &minor, &rc));
}

static void test_branch_names(void **state)
{
	int major, minor;

	assert_true(stable_parse_branch("linux-6.1.y", &major, &minor));
	assert_int_equal(major, 6);
	assert_int_equal(minor, 1);
	assert_true(stable_parse_branch("linux-5.15.y", &major, &minor));
	assert_int_equal(minor, 15);
	assert_true(stable_parse_branch("linux-2.6.32.y", &major, &minor));
	assert_int_equal(minor, 6032);
	assert_false(stable_parse_branch("linux-6.1", &major, &minor));
	assert_false(stable_parse_branch("linux-6.1.y2", &major, &minor));
	assert_false(stable_parse_branch("linux-6.y", &major, &minor));
	assert_false(stable_parse_branch("queue/6.1", &major, &minor));
	assert_false(stable_parse_branch("linux-6.1.z", &major, &minor));
}

static void test_upstream_ids(void **state)
{
	struct strvec ids = STRVEC_INIT;

	stable_upstream_ids(
		"bpf: Fix foo\n"
		"\n"
		"commit 0123456789abcdef0123456789abcdef01234567 upstream.\n"
		"\n"
		"[ Upstream commit 89ABCDEF0123 ]\n"
		"[Upstream commit fedcba987654fedcba987654fedcba9876543210]\n"
		"  commit 111111111111 upstream\n"
		"(cherry picked from commit 222222222222aaaa)\n"
		"commit 0123456789abcdef0123456789abcdef01234567 upstream.\n"
		"\n"
		"Signed-off-by: Greg <g@k.org>\n", &ids);
	assert_int_equal(ids.nr, 5);
	assert_string_equal(ids.v[0], "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(ids.v[1], "89abcdef0123");
	assert_string_equal(ids.v[2], "fedcba987654fedcba987654fedcba9876543210");
	assert_string_equal(ids.v[3], "111111111111");
	assert_string_equal(ids.v[4], "222222222222aaaa");
	strvec_clear(&ids);
}

static void test_not_upstream_ids(void **state)
{
	struct strvec ids = STRVEC_INIT;

	stable_upstream_ids(
		"commit 0123456789a upstream.\n"		/* too short */
		"commit 0123456789abXYZ upstream.\n"
		"commit 0123456789abcdef0123456789abcdef012345678 upstream\n"
		"the commit 0123456789abcdef upstream made it\n"
		"commit 0123456789abcdef is upstream\n"
		"[ Upstream commit 0123456789abcdef\n"
		"[ Downstream commit 0123456789abcdef ]\n"
		"(cherry picked from commit 0123456789abcdef\n"
		"Fixes: 0123456789abcdef (\"upstream\")\n", &ids);
	assert_int_equal(ids.nr, 0);
	stable_upstream_ids("", &ids);
	stable_upstream_ids("commit ", &ids);
	stable_upstream_ids("[", &ids);
	assert_int_equal(ids.nr, 0);
	strvec_clear(&ids);
}

static void test_release_span(void **state)
{
	struct stable_release rel[] = {
		{ .name = "v6.1", .major = 6, .minor = 1 },
		{ .name = "v6.2-rc1", .major = 6, .minor = 2, .rc = 1 },
		{ .name = "v6.2", .major = 6, .minor = 2 },
		{ .name = "v6.3", .major = 6, .minor = 3 },
	};
	struct stable_ctx ctx = { .rel = rel, .rel_nr = 4 };
	struct strbuf out = STRBUF_INIT;

	stable_release_span(&out, &ctx, 0, 0);
	assert_string_equal(out.buf, "v6.1");
	strbuf_reset(&out);
	stable_release_span(&out, &ctx, 0, 2);
	assert_string_equal(out.buf, "v6.1 and v6.2");
	strbuf_reset(&out);
	stable_release_span(&out, &ctx, 0, 3);
	assert_string_equal(out.buf, "v6.1 to v6.3");
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_names),
		cmocka_unit_test(test_not_release_names),
		cmocka_unit_test(test_branch_names),
		cmocka_unit_test(test_upstream_ids),
		cmocka_unit_test(test_not_upstream_ids),
		cmocka_unit_test(test_release_span),
	};

	RUN_TAP(tests);
}
