// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the shared string set and map, and the PATH search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"

static void test_strmap_put_get_replace(void **state)
{
	struct strmap m = { 0 };

	assert_null(strmap_get(&m, "a"));
	strmap_put(&m, "a", "1");
	strmap_put(&m, "b", "2");
	assert_string_equal(strmap_get(&m, "a"), "1");
	assert_string_equal(strmap_get(&m, "b"), "2");
	/* a second store under a key replaces, as a Perl hash does */
	strmap_put(&m, "a", "3");
	assert_string_equal(strmap_get(&m, "a"), "3");
	assert_int_equal(m.keys.nr, 2);
	assert_null(strmap_get(&m, "A"));
	strmap_clear(&m);
	assert_null(strmap_get(&m, "a"));
}

static void test_strmap_icase(void **state)
{
	struct strmap m = { 0 };

	m.keys.icase = true;
	strmap_put(&m, "Ann <A@B.C>", "x");
	assert_string_equal(strmap_get(&m, "ann <a@b.c>"), "x");
	strmap_put(&m, "ANN <a@b.c>", "y");
	assert_int_equal(m.keys.nr, 1);
	assert_string_equal(strmap_get(&m, "Ann <A@B.C>"), "y");
	strmap_clear(&m);
	/* clearing keeps the way keys compare */
	assert_true(m.keys.icase);
}

static void test_strmap_many(void **state)
{
	struct strmap m = { 0 };
	char key[32], val[32];
	int i;

	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(val, sizeof(val), "v%d", i);
		strmap_put(&m, key, val);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(val, sizeof(val), "v%d", i);
		assert_string_equal(strmap_get(&m, key), val);
	}
	strmap_clear(&m);
}

static void test_find_program_in(void **state)
{
	char dir[] = "/tmp/git-bpf-unit-util.XXXXXX";
	struct strvec dirs = STRVEC_INIT;
	char *prog, *found;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	prog = xstrfmt("%s/tool", dir);
	fp = fopen(prog, "w");
	assert_non_null(fp);
	fclose(fp);
	strvec_push(&dirs, "/nonexistent");
	strvec_push(&dirs, dir);
	/* not executable yet */
	assert_null(find_program_in(&dirs, "tool"));
	assert_int_equal(chmod(prog, 0755), 0);
	found = find_program_in(&dirs, "tool");
	assert_string_equal(found, prog);
	free(found);
	assert_null(find_program_in(&dirs, "other"));
	unlink(prog);
	rmdir(dir);
	free(prog);
	strvec_clear(&dirs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap_put_get_replace),
		cmocka_unit_test(test_strmap_icase),
		cmocka_unit_test(test_strmap_many),
		cmocka_unit_test(test_find_program_in),
	};

	RUN_TAP(tests);
}
