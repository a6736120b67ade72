// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the check rules on patch files without a repository, the
 * tree names and prefixes, and the text cleaning behind every message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "check.h"
#include "check-internal.h"
#include "series.h"
#include "tree.h"

static const char two_patches[] =
	"From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n"
	"From: A U Thor <author@example.com>\n"
	"Date: Tue, 14 Nov 2023 22:13:20 +0000\n"
	"Subject: [PATCH bpf 1/2] bpf: Fix the helper\n"
	"\n"
	"It read past the end.\n"
	"\n"
	"Signed-off-by: A U Thor <author@example.com>\n"
	"---\n"
	" kernel/bpf/helpers.c | 1 +\n"
	"\n"
	"diff --git a/kernel/bpf/helpers.c b/kernel/bpf/helpers.c\n"
	"index 1111111..2222222 100644\n"
	"--- a/kernel/bpf/helpers.c\n"
	"+++ b/kernel/bpf/helpers.c\n"
	"@@ -1,1 +1,2 @@\n"
	" int x;\n"
	"+int y;\n"
	"\n"
	"From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\n"
	"From: A U Thor <author@example.com>\n"
	"Date: Tue, 14 Nov 2023 22:14:20 +0000\n"
	"Subject: [PATCH bpf 2/2] selftests/bpf: Test the helper\n"
	"\n"
	"Read up to the end, not past it.\n"
	"\n"
	"Signed-off-by: A U Thor <author@example.com>\n"
	"---\n"
	"diff --git a/tools/testing/selftests/bpf/progs/t.c b/tools/testing/selftests/bpf/progs/t.c\n"
	"new file mode 100644\n"
	"index 0000000..3333333\n"
	"--- /dev/null\n"
	"+++ b/tools/testing/selftests/bpf/progs/t.c\n"
	"@@ -0,0 +1 @@\n"
	"+int t;\n";

static int load(struct series *s, const char *text)
{
	char path[] = "/tmp/git-bpf-unit-check.XXXXXX";
	const char *files[1] = { path };
	int fd = mkstemp(path), ret;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ret = series_load_files(s, NULL, files, 1);
	unlink(path);
	return ret;
}

static char *run(struct series *s, struct check_result *r, bool json,
		 const char *tree)
{
	struct check_opts opts = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	opts.tree = tree;
	assert_int_equal(check_series(r, &opts, s), 0);
	if (json)
		assert_int_equal(check_print_json(fp, r), 0);
	else
		check_print(fp, r, false);
	fclose(fp);
	return text;
}

static void test_files_without_cover_or_fixes(void **state)
{
	struct series s;
	struct check_result r;
	char *out;

	assert_int_equal(load(&s, two_patches), 0);
	out = run(&s, &r, false, NULL);
	assert_string_equal(out,
		"tree: bpf (from the subject prefix)\n"
		"0/2 series: error: 2 patches and no cover letter [cover-letter-missing]\n"
		"0/2 series: error: the series is for bpf (fixes) and no patch has a Fixes: tag [fixes-missing]\n"
		"hint: write a cover letter with its subject and blurb filled in ('git format-patch --cover-letter'), or let 'git bpf send' compose it\n"
		"hint: name the commit that brought the bug: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA; new work goes to bpf-next\n");
	assert_int_equal(r.errors, 2);
	assert_int_equal(r.warnings, 0);
	assert_int_equal(check_exit_code(&r), 1);
	free(out);
	check_result_release(&r);
	series_release(&s);
}

static void test_json_series_finding_has_null_commit(void **state)
{
	struct series s;
	struct check_result r;
	char *out;

	assert_int_equal(load(&s, two_patches), 0);
	out = run(&s, &r, true, "bpf-next");
	assert_string_equal(out,
		"{\n"
		"  \"tree\": \"bpf-next\",\n"
		"  \"patches\": 2,\n"
		"  \"findings\": [\n"
		"    {\n"
		"      \"patch\": 0,\n"
		"      \"commit\": null,\n"
		"      \"rule\": \"cover-letter-missing\",\n"
		"      \"nipa\": \"series_format\",\n"
		"      \"severity\": \"error\",\n"
		"      \"message\": \"2 patches and no cover letter\"\n"
		"    },\n"
		"    {\n"
		"      \"patch\": 1,\n"
		"      \"commit\": \"1111111111111111111111111111111111111111\",\n"
		"      \"rule\": \"subject-prefix\",\n"
		"      \"nipa\": \"series_format\",\n"
		"      \"severity\": \"error\",\n"
		"      \"message\": \"[PATCH bpf 1/2] is not for bpf-next: use [PATCH bpf-next]\"\n"
		"    },\n"
		"    {\n"
		"      \"patch\": 2,\n"
		"      \"commit\": \"2222222222222222222222222222222222222222\",\n"
		"      \"rule\": \"subject-prefix\",\n"
		"      \"nipa\": \"series_format\",\n"
		"      \"severity\": \"error\",\n"
		"      \"message\": \"[PATCH bpf 2/2] is not for bpf-next: use [PATCH bpf-next]\"\n"
		"    }\n"
		"  ]\n"
		"}\n");
	free(out);
	check_result_release(&r);
	series_release(&s);
}

/* One [PATCH bpf] patch of message msg (subject included) touching path. */
static char *one_patch(const char *msg, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb,
		"From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n"
		"From: A U Thor <author@example.com>\n"
		"Date: Tue, 14 Nov 2023 22:13:20 +0000\n"
		"Subject: [PATCH bpf] %s\n"
		"---\n"
		"diff --git a/%s b/%s\n"
		"index 1111111..2222222 100644\n"
		"--- a/%s\n"
		"+++ b/%s\n"
		"@@ -1,1 +1,2 @@\n"
		" x\n"
		"+y\n", msg, path, path, path, path);
	return strbuf_detach(&sb, NULL);
}

static char *run_one(const char *msg, const char *path)
{
	struct series s;
	struct check_result r;
	char *text = one_patch(msg, path), *out;

	assert_int_equal(load(&s, text), 0);
	out = run(&s, &r, false, NULL);
	check_result_release(&r);
	series_release(&s);
	free(text);
	return out;
}

/* verify_fixes: "empty lines surround the Fixes tag" */
static void test_fixes_alone_in_its_paragraph(void **state)
{
	char *out = run_one("bpf: Fix the helper\n\nIt read past the end.\n\n"
			    "Fixes: 0123456789ab (\"bpf: Add the helper\")\n\n"
			    "Signed-off-by: A U Thor <author@example.com>\n",
			    "kernel/bpf/helpers.c");

	assert_string_equal(out,
		"tree: bpf (from the subject prefix)\n"
		"1/1 111111111111 bpf: Fix the helper: error: Fixes: tag '0123456789ab (\"bpf: Add the helper\")' has blank lines on both sides: put it in the trailer block [fixes-format]\n"
		"hint: write the tag with: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA\n");
	free(out);
	/* in the trailer block, or the block itself: quiet */
	out = run_one("bpf: Fix the helper\n\nIt read past the end.\n\n"
		      "Fixes: 0123456789ab (\"bpf: Add the helper\")\n"
		      "Signed-off-by: A U Thor <author@example.com>\n",
		      "kernel/bpf/helpers.c");
	assert_string_equal(out, "tree: bpf (from the subject prefix)\n");
	free(out);
	out = run_one("bpf: Fix the helper\n\nIt read past the end.\n"
		      "Signed-off-by: A U Thor <author@example.com>\n\n"
		      "Fixes: 0123456789ab (\"bpf: Add the helper\")\n",
		      "kernel/bpf/helpers.c");
	assert_string_equal(out, "tree: bpf (from the subject prefix)\n");
	free(out);
}

/* verify_fixes: "leading word 'commit' unexpected" */
static void test_fixes_leading_commit_word(void **state)
{
	char *out = run_one("bpf: Fix the helper\n\nIt read past the end.\n\n"
			    "Fixes: commit 0123456789ab (\"bpf: Add the helper\")\n"
			    "Signed-off-by: A U Thor <author@example.com>\n",
			    "kernel/bpf/helpers.c");

	assert_string_equal(out,
		"tree: bpf (from the subject prefix)\n"
		"1/1 111111111111 bpf: Fix the helper: error: Fixes: tag 'commit 0123456789ab (\"bpf: Add the helper\")': drop the word 'commit' before the id [fixes-format]\n"
		"hint: write the tag with: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA\n");
	free(out);
}

/* fixes_present: a bpf series that changes only Documentation/ and
 * MAINTAINERS needs no Fixes: */
static void test_docs_only_needs_no_fixes(void **state)
{
	const char *msg = "docs/bpf: Fix a typo\n\nThe word was wrong.\n\n"
			  "Signed-off-by: A U Thor <author@example.com>\n";
	char *out = run_one(msg, "Documentation/bpf/verifier.rst");

	assert_string_equal(out, "tree: bpf (from the subject prefix)\n");
	free(out);
	out = run_one(msg, "MAINTAINERS");
	assert_string_equal(out, "tree: bpf (from the subject prefix)\n");
	free(out);
	out = run_one(msg, "kernel/bpf/verifier.c");
	assert_non_null(strstr(out, "[fixes-missing]"));
	free(out);
}

static void test_ignore_list(void **state)
{
	struct series s;
	struct check_result r;
	struct check_opts opts = { 0 };
	struct strvec ignore = STRVEC_INIT;

	strvec_push(&ignore, "cover-letter-missing");
	strvec_push(&ignore, " fixes-missing ");
	opts.ignore = &ignore;
	assert_int_equal(load(&s, two_patches), 0);
	assert_int_equal(check_series(&r, &opts, &s), 0);
	assert_int_equal(r.nr, 0);
	assert_int_equal(r.hints.nr, 0);
	assert_int_equal(check_exit_code(&r), 0);
	check_result_release(&r);

	strvec_push(&ignore, "no-such-rule");
	assert_int_equal(check_series(&r, &opts, &s), -1);
	check_result_release(&r);
	series_release(&s);
	strvec_clear(&ignore);
}

static void test_unknown_tree(void **state)
{
	struct series s;
	struct check_result r;
	struct check_opts opts = { 0 };

	opts.tree = "net";
	assert_int_equal(load(&s, two_patches), 0);
	assert_int_equal(check_series(&r, &opts, &s), -1);
	check_result_release(&r);
	series_release(&s);
}

static void test_rules_table(void **state)
{
	size_t nr;
	const struct check_rule *r = check_rules(&nr);

	assert_int_equal(nr, 29);
	for (size_t i = 0; i < nr; i++) {
		assert_ptr_equal(check_rule_find(r[i].id), &r[i]);
		assert_non_null(r[i].what);
	}
	assert_null(check_rule_find("nope"));
	assert_int_equal(check_rule_find("cc-stable")->severity, CHECK_ERROR);
	assert_int_equal(check_rule_find("merge-window")->severity, CHECK_WARNING);
	assert_int_equal(check_rule_find("repost-too-soon")->severity, CHECK_ERROR);
}

static void test_tree_names(void **state)
{
	assert_int_equal(tree_parse("bpf"), TREE_BPF);
	assert_int_equal(tree_parse("bpf-next"), TREE_BPF_NEXT);
	assert_int_equal(tree_parse("iproute2-next"), TREE_IPROUTE2_NEXT);
	assert_int_equal(tree_parse("net-next"), -1);
	assert_string_equal(tree_name(TREE_IPROUTE2), "iproute2");
	assert_string_equal(tree_subject_prefix(TREE_BPF_NEXT), "bpf-next");
	assert_string_equal(tree_subject_prefix(TREE_IPROUTE2_NEXT),
			    "iproute2 net-next");
	assert_string_equal(tree_branch_short("refs/remotes/bpf/master"),
			    "bpf/master");
	assert_string_equal(tree_branch_short("refs/heads/x"), "x");
}

static void test_tree_from_prefix(void **state)
{
	assert_int_equal(tree_from_prefix("PATCH bpf"), TREE_BPF);
	assert_int_equal(tree_from_prefix("PATCH bpf-next v2 1/3"), TREE_BPF_NEXT);
	assert_int_equal(tree_from_prefix("RFC PATCH bpf-next 0/12"), TREE_BPF_NEXT);
	assert_int_equal(tree_from_prefix("PATCH RESEND bpf v3"), TREE_BPF);
	assert_int_equal(tree_from_prefix("PATCH iproute2 net-next"),
			 TREE_IPROUTE2_NEXT);
	assert_int_equal(tree_from_prefix("PATCH iproute2-next 2/2"),
			 TREE_IPROUTE2_NEXT);
	assert_int_equal(tree_from_prefix("PATCH iproute2 master"), TREE_IPROUTE2);
	assert_int_equal(tree_from_prefix("PATCH 1/3"), -1);
	assert_int_equal(tree_from_prefix("PATCH net-next"), -1);
	assert_int_equal(tree_from_prefix("PATCH bpf bpf-next"), -1);
	assert_int_equal(tree_from_prefix(NULL), -1);
	assert_int_equal(tree_from_prefix(""), -1);
}

static void test_tree_select_without_repo(void **state)
{
	struct tree_choice tc;

	assert_int_equal(tree_select(&tc, NULL, NULL, NULL, NULL), 0);
	assert_string_equal(tc.name, "bpf-next");
	assert_string_equal(tc.reason, "tree: bpf-next (no Fixes: tags)");
	assert_null(tc.branch);
	tree_choice_release(&tc);
	assert_int_equal(tree_select(&tc, NULL, NULL, NULL, "iproute2"), 0);
	assert_true(tc.iproute2);
	assert_true(tc.forced);
	assert_string_equal(tc.reason, "tree: iproute2 (--tree)");
	tree_choice_release(&tc);
	assert_int_equal(tree_select(&tc, NULL, NULL, NULL, "x"), -1);
	tree_choice_release(&tc);
}

static void test_clean_text(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	check_add_clean(&sb, "caf\xe9 \xc3\xa9t\xc3\xa9", SIZE_MAX);
	assert_string_equal(sb.buf, "caf\xef\xbf\xbd \xc3\xa9t\xc3\xa9");
	strbuf_reset(&sb);
	check_add_clean(&sb, "a\tb\rc\x1b[31m", SIZE_MAX);
	assert_string_equal(sb.buf, "a b c [31m");
	strbuf_reset(&sb);
	check_add_clean(&sb, "abcdef", 3);
	assert_string_equal(sb.buf, "abc...");
	strbuf_reset(&sb);
	check_add_clean(&sb, "\xc3\xa9\xc3\xa9", 3);
	assert_string_equal(sb.buf, "\xc3\xa9\xc3\xa9");
	strbuf_reset(&sb);
	/* overlong and surrogate forms are no UTF-8 */
	check_add_clean(&sb, "\xc0\xaf\xed\xa0\x80", SIZE_MAX);
	assert_string_equal(sb.buf,
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files_without_cover_or_fixes),
		cmocka_unit_test(test_json_series_finding_has_null_commit),
		cmocka_unit_test(test_fixes_alone_in_its_paragraph),
		cmocka_unit_test(test_fixes_leading_commit_word),
		cmocka_unit_test(test_docs_only_needs_no_fixes),
		cmocka_unit_test(test_ignore_list),
		cmocka_unit_test(test_unknown_tree),
		cmocka_unit_test(test_rules_table),
		cmocka_unit_test(test_tree_names),
		cmocka_unit_test(test_tree_from_prefix),
		cmocka_unit_test(test_tree_select_without_repo),
		cmocka_unit_test(test_clean_text),
	};

	git_libgit2_init();
	RUN_TAP(tests);
}
