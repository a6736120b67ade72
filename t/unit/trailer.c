// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the trailer finder and the Fixes: tag parser. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "trailer.h"

static void parse(struct trailer_list *tl, const char *msg)
{
	trailer_parse(tl, msg, strlen(msg));
}

static void test_last_paragraph(void **state)
{
	struct trailer_list tl;

	parse(&tl, "bpf: Fix\n\nBody text.\n\nFixes: 0123456789ab (\"x\")\n"
		   "Signed-off-by: A <a@b.c>\n");
	assert_int_equal(tl.nr, 2);
	assert_string_equal(tl.v[0].token, "Fixes");
	assert_string_equal(tl.v[0].value, "0123456789ab (\"x\")");
	assert_int_equal(tl.v[0].line, 5);
	assert_string_equal(tl.v[1].value, "A <a@b.c>");
	trailer_list_release(&tl);
}

static void test_subject_only_is_no_block(void **state)
{
	struct trailer_list tl;

	parse(&tl, "Signed-off-by: A <a@b.c>\n");
	assert_int_equal(tl.nr, 0);
	trailer_list_release(&tl);
}

static void test_prose_is_no_block(void **state)
{
	struct trailer_list tl;

	parse(&tl, "s\n\nThis is prose: not trailers.\nMore prose here.\n");
	assert_int_equal(tl.nr, 0);
	trailer_list_release(&tl);
}

static void test_quarter_rule_with_signoff(void **state)
{
	struct trailer_list tl;

	/* one git trailer among three lines: 2 of 3 are trailers */
	parse(&tl, "s\n\n[ Upstream commit 0123 ]\nLink: https://x/y\n"
		   "Signed-off-by: A <a@b.c>\n");
	assert_int_equal(tl.nr, 2);
	assert_string_equal(tl.v[0].token, "Link");
	trailer_list_release(&tl);
}

static void test_continuation(void **state)
{
	struct trailer_list tl;

	parse(&tl, "s\n\nb\n\nFixes: 0123456789ab (\"a very long\n"
		   "  subject\")\nSigned-off-by: A <a@b.c>\n");
	assert_int_equal(tl.nr, 2);
	assert_string_equal(tl.v[0].value, "0123456789ab (\"a very long subject\")");
	assert_non_null(strchr(tl.v[0].raw, '\n'));
	trailer_list_release(&tl);
}

static void test_patch_part_ignored(void **state)
{
	struct trailer_list tl;

	parse(&tl, "s\n\nSigned-off-by: A <a@b.c>\n---\n v2: Tested-by: x\n");
	assert_int_equal(tl.nr, 1);
	assert_true(trailer_is(&tl.v[0], "signed-off-by"));
	trailer_list_release(&tl);
}

static void check_fixes(const char *v, bool ok, const char *sha,
			const char *subject)
{
	struct fixes_tag f;

	fixes_parse(&f, v);
	assert_int_equal(f.ok, ok);
	assert_string_equal(f.sha, sha);
	if (subject)
		assert_string_equal(f.subject, subject);
	else
		assert_null(f.subject);
	if (!ok)
		assert_non_null(f.why);
	fixes_release(&f);
}

static void test_fixes(void **state)
{
	check_fixes("0123456789ab (\"bpf: Add x\")", true, "0123456789ab",
		    "bpf: Add x");
	check_fixes("0123456789abcdef (\"a (nested) one\")", true,
		    "0123456789abcdef", "a (nested) one");
	check_fixes("0123456 (\"short\")", false, "0123456", "short");
	check_fixes("0123456789AB (\"upper\")", false, "0123456789ab", "upper");
	check_fixes("0123456789ab  (\"two spaces\")", false, "0123456789ab",
		    "two spaces");
	check_fixes("0123456789ab bpf: no quotes", false, "0123456789ab", NULL);
	check_fixes("0123456789ab (\"wrapped\n subject\")", false,
		    "0123456789ab", "wrapped\n subject");
	check_fixes("", false, "", NULL);
	check_fixes("(\"x\")", false, "", "x");
}

/* The shapes NIPA's verify_fixes accepts and refuses: "..." at the end,
 * the start, or between blanks in the middle, blanks trimmed. */
static void test_fixes_subject_matches(void **state)
{
	const char *target = "bpf: Fix a potential use-after-free in bpf_link_free()";

	assert_true(fixes_subject_matches(target, target));
	assert_true(fixes_subject_matches(" bpf: Fix a potential use-after-free in bpf_link_free() ", target));
	assert_true(fixes_subject_matches("bpf: Fix a potential use-after-free...", target));
	assert_true(fixes_subject_matches("bpf: Fix a potential ...", target));
	assert_true(fixes_subject_matches("...use-after-free in bpf_link_free()", target));
	assert_true(fixes_subject_matches("... in bpf_link_free()", target));
	assert_true(fixes_subject_matches("bpf: Fix a ... in bpf_link_free()", target));
	assert_false(fixes_subject_matches("bpf: Fix a potential use-after-free", target));
	assert_false(fixes_subject_matches("bpf: Fix a ... in bpf_prog_free()", target));
	assert_false(fixes_subject_matches("bpf: Fix an ...", target));
	assert_false(fixes_subject_matches("...bpf_prog_free()", target));
	assert_false(fixes_subject_matches("...", target));
	assert_false(fixes_subject_matches("bpf: Fix a potential use-after-free in bpf_link_free() and more...", target));
	assert_false(fixes_subject_matches("bpf: Fix...bpf_link_free()", target));
	assert_false(fixes_subject_matches("", target));
	assert_true(fixes_subject_matches("", ""));
}

/* "Fixes: commit <sha> (...)": NIPA's "leading word 'commit' unexpected" */
static void test_fixes_leading_commit(void **state)
{
	struct fixes_tag f;

	fixes_parse(&f, "commit 0123456789ab (\"bpf: Add x\")");
	assert_false(f.ok);
	assert_string_equal(f.sha, "0123456789ab");
	assert_string_equal(f.subject, "bpf: Add x");
	assert_string_equal(f.why, "drop the word 'commit' before the id");
	fixes_release(&f);
	fixes_parse(&f, "Commit 0123456789ab");
	assert_string_equal(f.sha, "0123456789ab");
	assert_string_equal(f.why, "drop the word 'commit' before the id");
	fixes_release(&f);
	fixes_parse(&f, "commitment (\"x\")");
	assert_string_equal(f.sha, "c");
	fixes_release(&f);
}

static void test_fixes_huge(void **state)
{
	size_t n = 10000;
	char *v = malloc(n + 1);
	struct fixes_tag f;

	memset(v, 'a', n);
	v[n] = '\0';
	fixes_parse(&f, v);
	assert_false(f.ok);
	assert_int_equal(strlen(f.sha), 64);
	fixes_release(&f);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_paragraph),
		cmocka_unit_test(test_subject_only_is_no_block),
		cmocka_unit_test(test_prose_is_no_block),
		cmocka_unit_test(test_quarter_rule_with_signoff),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_patch_part_ignored),
		cmocka_unit_test(test_fixes),
		cmocka_unit_test(test_fixes_huge),
		cmocka_unit_test(test_fixes_subject_matches),
		cmocka_unit_test(test_fixes_leading_commit),
	};

	RUN_TAP(tests);
}
