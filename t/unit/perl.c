// SPDX-License-Identifier: GPL-2.0
/* Unit tests of get_maintainer.pl's regular expressions as maint reads
 * them (common/perl.c). */
#include <string.h>

#include "tap.h"
#include "perl.h"

static void test_match_and_captures(void **state)
{
	pcre2_code *re = perl_re_fixed("^drivers/(net|bpf)/(.*)$");
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	const char *file = "drivers/net/veth.c";
	long cap[4];

	assert_true(perl_re_match(md, re, file, strlen(file), cap, 2));
	assert_int_equal(cap[0], 8);
	assert_int_equal(cap[1], 11);
	assert_int_equal(cap[2], 12);
	assert_int_equal(cap[3], 18);
	assert_false(perl_re_match(md, re, "kernel/bpf/core.c", 17, NULL, 0));
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

/*
 * A pattern a planted MAINTAINERS can hold: its first branch backtracks
 * 2^20 times on this subject before the second one matches.  PCRE2's own
 * limit (10 million steps) lets that run to the match; ours gives up
 * first and counts it as none, so that many such patterns over many files
 * cannot hold a run for minutes.
 */
static void test_backtracking_gives_up(void **state)
{
	pcre2_code *re = perl_re_fixed("^(?:a|a)*c|^a*b");
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	char subject[22];

	memset(subject, 'a', 20);
	subject[20] = 'b';
	subject[21] = '\0';
	assert_false(perl_re_match(md, re, subject, 21, NULL, 0));
	/* a short subject still matches by the second branch */
	assert_true(perl_re_match(md, re, "aaab", 4, NULL, 0));
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_and_captures),
		cmocka_unit_test(test_backtracking_gives_up),
	};

	RUN_TAP(tests);
}
