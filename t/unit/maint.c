// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the MAINTAINERS engine: parsing, pattern depth, roles,
 * deduplication, .mailmap, patches and keywords, without a tree. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "maint.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

static const char maintainers[] =
	"List of maintainers\n"
	"===================\n"
	"\n"
	"\tM: *Mail* patches to: FullName <address@domain>\n"
	"\n"
	"BPF [GENERAL] (Safe Dynamic Programs and Tools)\n"
	"M:\tAlexei Starovoitov <ast@kernel.org>\n"
	"R:\tSong Liu <song@kernel.org>\n"
	"L:\tbpf@vger.kernel.org\n"
	"S:\tSupported\n"
	"F:\tkernel/bpf/\n"
	"F:\ttools/lib/bpf/\n"
	"\n"
	"BPF [CORE]\n"
	"M:\tDaniel Borkmann <daniel@iogearbox.net>\n"
	"M:\tALEXEI STAROVOITOV <other@example.org>\n"
	"L:\tBPF@vger.kernel.org\n"
	"S:\tMaintained\n"
	"F:\tkernel/bpf/verifier.c\n"
	"\n"
	"BPF [LIBRARY] (libbpf)\n"
	"M:\tAndrii Nakryiko <andrii@kernel.org>\n"
	"L:\tbpf@vger.kernel.org\n"
	"S:\tOdd Fixes\n"
	"F:\ttools/lib/bpf/\n"
	"\n"
	"ARM LISTS\n"
	"M:\tDavid S. Miller <davem@davemloft.net>\n"
	"L:\tlinux-arm-kernel@lists.infradead.org (moderated for non-subscribers)\n"
	"L:\tsecret@example.org (subscribers-only)\n"
	"S:\tMaintained\n"
	"F:\tarch/arm/*.c\n"
	"N:\tarm[0-9]+\n"
	"\n"
	"XDP (eXpress Data Path)\n"
	"M:\tJesper Dangaard Brouer <hawk@kernel.org>\n"
	"L:\tnetdev@vger.kernel.org\n"
	"S:\tSupported\n"
	"K:\t(?:\\b|_)xdp(?:\\b|_)\n"
	"\n"
	"THE REST\n"
	"M:\tLinus Torvalds <torvalds@linux-foundation.org>\n"
	"L:\tlinux-kernel@vger.kernel.org\n"
	"S:\tBuried alive in reporters\n"
	"F:\t*\n"
	"F:\t*/\n";

static struct maint_db *db_get(void)
{
	struct maint_db *db;

	assert_int_equal(maint_db_parse(&db, maintainers, strlen(maintainers),
					"MAINTAINERS"), 0);
	return db;
}

/* "Name <addr> (role)" lines, joined by '\n' */
static char *render(const struct maint_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < r->nr; i++) {
		maint_recipient_format(&r->v[i], &sb);
		strbuf_addf(&sb, " (%s)\n", r->v[i].role);
	}
	return strbuf_detach(&sb, NULL);
}

static void expect_paths(struct maint_db *db, const char *path,
			 const char *expect)
{
	struct maint_result r = { 0 };
	const char *paths[] = { path };
	char *got;

	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	got = render(&r);
	assert_string_equal(got, expect);
	free(got);
	maint_result_release(&r);
}

static void test_depth_order_and_dedup(void **state)
{
	struct maint_db *db = db_get();

	/* BPF [CORE] is deeper; its second M: has Alexei's name in other
	 * case and another address: a duplicate by name */
	expect_paths(db, "kernel/bpf/verifier.c",
		"Daniel Borkmann <daniel@iogearbox.net> (maintainer:BPF [CORE])\n"
		"ALEXEI STAROVOITOV <other@example.org> (maintainer:BPF [CORE])\n"
		"Song Liu <song@kernel.org> (reviewer:BPF [GENERAL] (Safe Dynamic Programs and Tools))\n"
		"BPF@vger.kernel.org (open list:BPF [CORE])\n"
		"linux-kernel@vger.kernel.org (open list)\n");
	maint_db_free(db);
}

static void test_depth_rules(void **state)
{
	struct maint_db *db = db_get();

	/* arch/arm/\*.c is at depth 2 only: not in a subdirectory */
	expect_paths(db, "arch/arm/foo.c",
		"\"David S. Miller\" <davem@davemloft.net> (maintainer:ARM LISTS)\n"
		"linux-arm-kernel@lists.infradead.org (moderated list:ARM LISTS)\n"
		"linux-kernel@vger.kernel.org (open list)\n");
	expect_paths(db, "arch/arm/mach/foo.c",
		"linux-kernel@vger.kernel.org (open list)\n");
	/* N: on the path */
	expect_paths(db, "drivers/arm64/x.c",
		"\"David S. Miller\" <davem@davemloft.net> (maintainer:ARM LISTS)\n"
		"linux-arm-kernel@lists.infradead.org (moderated list:ARM LISTS)\n"
		"linux-kernel@vger.kernel.org (open list)\n");
	maint_db_free(db);
}

static void test_ties(void **state)
{
	struct maint_db *db = db_get();
	struct maint_result r = { 0 };
	const char *paths[] = { "tools/lib/bpf/libbpf.c" };

	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	assert_int_equal(r.nr, 5);
	/* GENERAL and LIBRARY both at depth 3: a tie, MAINTAINERS order */
	assert_string_equal(r.v[0].addr, "ast@kernel.org");
	assert_int_equal(r.v[0].tie, 1);
	assert_string_equal(r.v[2].addr, "andrii@kernel.org");
	assert_int_equal(r.v[2].tie, 1);
	assert_string_equal(r.v[2].role, "odd fixer:BPF [LIBRARY] (libbpf)");
	assert_string_equal(r.v[3].addr, "bpf@vger.kernel.org");
	assert_string_equal(r.v[3].alt_roles,
		"open list:BPF [GENERAL] (Safe Dynamic Programs and Tools)\t"
		"open list:BPF [LIBRARY] (libbpf)");
	assert_int_equal(r.v[4].tie, 0);
	maint_result_release(&r);
	maint_db_free(db);
}

/*
 * A tie's other roles and forms are found by name or by address, in any
 * case, and one line can name two entries: one by name, one by address.
 */
static void test_tie_lookups(void **state)
{
	static const char text[] =
		"A\n"
		"M:\tJane Doe <jane@a.org>\n"
		"L:\tList@vger.kernel.org\n"
		"S:\tMaintained\n"
		"F:\tdir/\n"
		"\n"
		"B\n"
		"M:\tJANE DOE <other@b.org>\n"
		"R:\tCarol <carol@c.org>\n"
		"R:\tBob Roe <JANE@A.ORG>\n"
		"R:\tcarol <Jane@a.org>\n"
		"L:\tlist@VGER.kernel.org\n"
		"S:\tSupported\n"
		"F:\tdir/\n";
	struct maint_db *db;
	struct maint_result r = { 0 };
	const char *paths[] = { "dir/x.c" };

	(void)state;
	assert_int_equal(maint_db_parse(&db, text, sizeof(text) - 1, "M"), 0);
	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	assert_int_equal(r.nr, 3);
	assert_string_equal(r.v[0].addr, "jane@a.org");
	assert_string_equal(r.v[0].alt_roles,
		"maintainer:A\tsupporter:B\treviewer:B");
	assert_string_equal(r.v[0].alt_emails,
		"Jane Doe <jane@a.org>\tJANE DOE <other@b.org>\t"
		"Bob Roe <JANE@A.ORG>\tcarol <Jane@a.org>");
	assert_string_equal(r.v[1].addr, "carol@c.org");
	assert_string_equal(r.v[1].alt_roles, "reviewer:B");
	assert_string_equal(r.v[1].alt_emails,
		"Carol <carol@c.org>\tcarol <Jane@a.org>");
	assert_string_equal(r.v[2].addr, "List@vger.kernel.org");
	assert_string_equal(r.v[2].alt_roles, "open list:A\topen list:B");
	maint_result_release(&r);
	maint_db_free(db);
}

static const char patch[] =
	"From: Jane <jane@example.org>\n"
	"Subject: [PATCH] net: xdp fix\n"
	"\n"
	"Fixes: 0123456789ab (\"xdp: thing\")\n"
	"---\n"
	"diff --git a/net/core/dev.c b/net/core/dev.c\n"
	"--- a/net/core/dev.c\n"
	"+++ b/net/core/dev.c\n"
	"@@ -1,1 +1,1 @@\n"
	" context xdp\n"
	"-old\n"
	"+new\n"
	"diff --git a/kernel/bpf/new.c b/kernel/bpf/new.c\n"
	"--- /dev/null\n"
	"+++ b/kernel/bpf/new.c\n";

static void test_patch_keywords(void **state)
{
	struct maint_db *db = db_get();
	struct maint_result r = { 0 };
	const char *texts[] = { patch };
	char *got;

	/* the subject matches K:, the context line does not; the Fixes:
	 * line is no keyword line.  "--- /dev/null" adds "dev/null", which
	 * sorts first and is THE REST's */
	assert_int_equal(maint_match_patches(db, texts, 1, &r), 0);
	got = render(&r);
	assert_string_equal(got,
		"Alexei Starovoitov <ast@kernel.org> (supporter:BPF [GENERAL] (Safe Dynamic Programs and Tools))\n"
		"Song Liu <song@kernel.org> (reviewer:BPF [GENERAL] (Safe Dynamic Programs and Tools))\n"
		"Jesper Dangaard Brouer <hawk@kernel.org> (supporter:XDP (eXpress Data Path))\n"
		"linux-kernel@vger.kernel.org (open list)\n"
		"bpf@vger.kernel.org (open list:BPF [GENERAL] (Safe Dynamic Programs and Tools))\n"
		"netdev@vger.kernel.org (open list:XDP (eXpress Data Path))\n");
	free(got);
	maint_result_release(&r);

	maint_db_set_keywords(db, false);
	assert_int_equal(maint_match_patches(db, texts, 1, &r), 0);
	assert_int_equal(r.nr, 4);
	maint_result_release(&r);
	maint_db_free(db);
}

static void test_mailmap(void **state)
{
	struct maint_db *db = db_get();

	maint_db_set_mailmap(db,
		"# comment\n"
		"Alexei Starovoitov <ast@kernel.org> <other@example.org>\n"
		"<daniel@iogearbox.net> <dan@old.example>\n"
		"Song Liu <song@kernel.org>\n");
	/* ALEXEI's other address maps to ast@kernel.org: one entry */
	expect_paths(db, "kernel/bpf/verifier.c",
		"Daniel Borkmann <daniel@iogearbox.net> (maintainer:BPF [CORE])\n"
		"Alexei Starovoitov <ast@kernel.org> (maintainer:BPF [CORE])\n"
		"Song Liu <song@kernel.org> (reviewer:BPF [GENERAL] (Safe Dynamic Programs and Tools))\n"
		"BPF@vger.kernel.org (open list:BPF [CORE])\n"
		"linux-kernel@vger.kernel.org (open list)\n");
	maint_db_free(db);
}

static void test_ignore(void **state)
{
	struct maint_db *db = db_get();

	assert_false(maint_db_ignores(db, NULL, "alan@example.org"));
	maint_db_set_ignore(db, "# people who asked\n"
			    "Alan Cox <alan@example.org>  # retired\n"
			    "\n"
			    "  <root@example.org>\n");
	assert_true(maint_db_ignores(db, "Alan Cox", "alan@example.org"));
	assert_true(maint_db_ignores(db, NULL, "ALAN@example.org"));
	assert_true(maint_db_ignores(db, "Root", "root@example.org"));
	assert_false(maint_db_ignores(db, "Alan Cox", "alan@other.org"));
	assert_false(maint_db_ignores(NULL, NULL, "alan@example.org"));
	maint_db_free(db);
}

static void test_section_people(void **state)
{
	struct maint_db *db = db_get();
	struct maint_result r = { 0 };

	assert_int_equal(maint_section_people(db, "BPF [GENERAL]", true, &r), 0);
	assert_int_equal(r.nr, 1);
	assert_string_equal(r.v[0].name, "Alexei Starovoitov");
	maint_result_release(&r);
	assert_int_equal(maint_section_people(db, "BPF [GENERAL]", false, &r), 0);
	assert_int_equal(r.nr, 2);
	assert_string_equal(r.v[1].role,
		"reviewer:BPF [GENERAL] (Safe Dynamic Programs and Tools)");
	maint_result_release(&r);
	assert_int_equal(maint_section_people(db, "NO SUCH", true, &r), -1);
	assert_int_equal(r.nr, 0);
	maint_db_free(db);
}

static void test_names_unquoted(void **state)
{
	struct maint_db *db = db_get();
	struct maint_result r = { 0 };
	const char *paths[] = { "arch/arm/foo.c" };

	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	assert_string_equal(r.v[0].name, "David S. Miller");
	assert_int_equal(r.v[0].kind, MAINT_PERSON);
	assert_int_equal(r.v[1].kind, MAINT_LIST);
	assert_string_equal(r.v[1].name, "");
	maint_result_release(&r);
	maint_db_free(db);
}

static void test_bad_input(void **state)
{
	static const char bad[] =
		"S1\n"
		"M:\tJane <jane@example.org>\n"
		"N:\t(unterminated\n"
		"K:\t[\n"
		"X:\t[\n"
		"F:\t(\n"
		"M:\t\n"
		"L:\t\n"
		"garbage right after\n"
		"F:\t*\n";
	struct maint_db *db;
	struct maint_result r = { 0 };
	const char *paths[] = { "a/b.c", "", "x" };
	const char *texts[] = { "", "\n\n\n", "+++ \n--- \ndiff --git a/ b/\n" };

	assert_int_equal(maint_db_parse(&db, bad, sizeof(bad) - 1, "bad"), 0);
	assert_int_equal(maint_match(db, paths, 3, NULL, &r), 0);
	maint_result_release(&r);
	assert_int_equal(maint_match_patches(db, texts, 3, &r), 0);
	maint_result_release(&r);
	assert_int_equal(maint_match(db, paths, 1, "K: \n", &r), 0);
	maint_result_release(&r);
	maint_db_free(db);

	assert_int_equal(maint_db_parse(&db, "", 0, NULL), 0);
	assert_int_equal(maint_match(db, paths, 1, NULL, &r), 0);
	assert_int_equal(r.nr, 0);
	maint_db_free(db);
	maint_db_free(NULL);
	maint_result_release(NULL);
}

static void test_config_fallback(void **state)
{
	struct config cfg = { 0 };
	struct maint_result r = { 0 };

	assert_int_equal(maint_config_fallback(NULL, &r), 0);
	assert_int_equal(r.nr, 1);
	assert_string_equal(r.v[0].addr, "bpf@vger.kernel.org");
	assert_int_equal(r.v[0].kind, MAINT_LIST);
	maint_result_release(&r);

	assert_int_equal(config_parse_ini(&cfg,
		"[lists]\nbpf = list@example.org\n"
		"bpf-maintainers = \"Doe, Jane\" <jane@example.org>, j@x.org\n",
		"test.ini"), 0);
	assert_int_equal(maint_config_fallback(&cfg, &r), 0);
	assert_int_equal(r.nr, 3);
	assert_string_equal(r.v[0].addr, "jane@example.org");
	assert_int_equal(r.v[0].kind, MAINT_PERSON);
	assert_string_equal(r.v[1].addr, "j@x.org");
	assert_string_equal(r.v[2].addr, "list@example.org");
	maint_result_release(&r);
	config_release(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_order_and_dedup),
		cmocka_unit_test(test_depth_rules),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_tie_lookups),
		cmocka_unit_test(test_patch_keywords),
		cmocka_unit_test(test_mailmap),
		cmocka_unit_test(test_ignore),
		cmocka_unit_test(test_section_people),
		cmocka_unit_test(test_names_unquoted),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_config_fallback),
	};

	RUN_TAP(tests);
}
