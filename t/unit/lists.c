// SPDX-License-Identifier: GPL-2.0
/* Unit tests of lists: [lists] and [send] exclude read once with the
 * address parser, and the one check every recipient goes through. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lists.h"

static void test_defaults(void **state)
{
	struct lists l;

	(void)state;
	assert_int_equal(lists_load(&l, NULL), 0);
	assert_string_equal(l.bpf.addr, "bpf@vger.kernel.org");
	assert_string_equal(l.netdev.addr, "netdev@vger.kernel.org");
	assert_int_equal(l.bpf_maintainers_nr, 0);
	assert_int_equal(l.exclude_nr, 0);
	assert_int_equal(lists_check(&l, "Stable@VGER.kernel.org"), LISTS_NEVER);
	assert_int_equal(lists_check(NULL, "stable@kernel.org"), LISTS_NEVER);
	assert_int_equal(lists_check(&l, "bpf@vger.kernel.org"), LISTS_MAIL);
	lists_release(&l);
}

static void test_config(void **state)
{
	struct config cfg = { 0 };
	struct lists l;

	(void)state;
	assert_int_equal(config_parse_ini(&cfg,
		"[lists]\n"
		"bpf = BPF List <bpf-test@example.org>\n"
		"bpf-maintainers = \"Doe, Jane\" <jane@example.org>, j@x.org\n"
		"bpf-maintainers = Kim <kim@example.org>\n"
		"llvm = Lee Vm <lee@example.org>\n"
		"[send]\n"
		"exclude = Rev One <rev1@example.org>, JOHN@example.org\n"
		"exclude = x@example.org (Ex)\n", "test.ini"), 0);
	assert_int_equal(lists_load(&l, &cfg), 0);
	assert_string_equal(l.bpf.name, "BPF List");
	assert_string_equal(l.bpf.addr, "bpf-test@example.org");
	assert_int_equal(l.bpf_maintainers_nr, 3);
	assert_string_equal(l.bpf_maintainers[0].name, "Doe, Jane");
	assert_string_equal(l.bpf_maintainers[0].addr, "jane@example.org");
	assert_string_equal(l.bpf_maintainers[1].addr, "j@x.org");
	assert_string_equal(l.bpf_maintainers[2].addr, "kim@example.org");
	assert_int_equal(l.llvm_nr, 1);
	assert_int_equal(l.exclude_nr, 3);
	assert_int_equal(lists_check(&l, "rev1@EXAMPLE.org"), LISTS_EXCLUDED);
	assert_int_equal(lists_check(&l, "john@example.org"), LISTS_EXCLUDED);
	assert_int_equal(lists_check(&l, "x@example.org"), LISTS_EXCLUDED);
	assert_int_equal(lists_check(&l, "rev2@example.org"), LISTS_MAIL);
	lists_release(&l);
	lists_release(&l);
	config_release(&cfg);
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"[lists]\nbpf = not an address\n",
		"[lists]\nbpf-maintainers = Good <good@example.org>, broken\n",
		"[lists]\nllvm = <>\n",
		"[send]\nexclude = a@example.org, b\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config cfg = { 0 };
		struct lists l;

		assert_int_equal(config_parse_ini(&cfg, bad[i], "test.ini"), 0);
		assert_int_equal(lists_load(&l, &cfg), ERR_BAD_INPUT);
		assert_null(l.bpf.addr);
		assert_null(l.exclude);
		config_release(&cfg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_bad),
	};

	RUN_TAP(tests);
}
