// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the rules on the shapes of accepted BPF commits that once
 * drew false findings: each patch here is written after a real one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "check.h"
#include "series.h"
#include "trailer.h"
#include "util.h"

/* A patch file as git format-patch writes one, for bpf-next. */
static char *patch(const char *from, const char *subject, const char *body,
		   const char *diff)
{
	return xstrfmt("From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n"
		       "From: %s\n"
		       "Date: Tue, 14 Nov 2023 22:13:20 +0000\n"
		       "Subject: [PATCH bpf-next] %s\n"
		       "\n"
		       "%s"
		       "---\n"
		       "%s",
		       from, subject, body, diff);
}

/* The findings of one rule on the patch, "message\n" each. */
static char *findings(const char *text, const char *rule)
{
	char path[] = "/tmp/git-bpf-unit-history.XXXXXX";
	const char *files[1] = { path };
	struct check_opts opts = { 0 };
	struct check_result r;
	struct strbuf out = STRBUF_INIT;
	struct series s;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(series_load_files(&s, NULL, files, 1), 0);
	unlink(path);
	opts.tree = "bpf-next";
	assert_int_equal(check_series(&r, &opts, &s), 0);
	for (size_t i = 0; i < r.nr; i++)
		if (!strcmp(r.v[i].rule, rule))
			strbuf_addf(&out, "%s\n", r.v[i].message);
	check_result_release(&r);
	series_release(&s);
	return strbuf_detach(&out, NULL);
}

static void expect(const char *from, const char *subject, const char *body,
		   const char *diff, const char *rule, const char *want)
{
	char *text = patch(from, subject, body, diff);
	char *got = findings(text, rule);

	assert_string_equal(got, want);
	free(got);
	free(text);
}

#define AUTHOR "A U Thor <author@example.com>"
#define BODY "Say why.\n\nSigned-off-by: " AUTHOR "\n"

static const char uapi_head[] =
	"diff --git a/include/uapi/linux/bpf.h b/include/uapi/linux/bpf.h\n"
	"index 1111111..2222222 100644\n"
	"--- a/include/uapi/linux/bpf.h\n"
	"+++ b/include/uapi/linux/bpf.h\n";

/* "@@ -A +C @@ ctx" hunk headers with their line counts filled in */
static char *with_counts(const char *head, const char *hunks)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = hunks;

	strbuf_addstr(&sb, head);
	while (*p) {
		const char *nl = strchrnul(p, '\n'), *q;
		unsigned long a, c;
		size_t old = 0, new = 0;

		if (!starts_with(p, "@@ ")) {
			strbuf_add(&sb, p, (size_t)(nl - p));
			strbuf_addch(&sb, '\n');
			p = *nl ? nl + 1 : nl;
			continue;
		}
		assert_int_equal(sscanf(p, "@@ -%lu +%lu @@", &a, &c), 2);
		for (q = *nl ? nl + 1 : nl; *q && !starts_with(q, "@@ ");
		     q = *strchrnul(q, '\n') ? strchrnul(q, '\n') + 1 : strchrnul(q, '\n')) {
			old += *q == ' ' || *q == '-';
			new += *q == ' ' || *q == '+';
		}
		strbuf_addf(&sb, "@@ -%lu,%zu +%lu,%zu @@", a, old, c, new);
		strbuf_add(&sb, strstr(p + 3, " @@") + 3,
			   (size_t)(nl - (strstr(p + 3, " @@") + 3)));
		strbuf_addch(&sb, '\n');
		p = *nl ? nl + 1 : nl;
	}
	return strbuf_detach(&sb, NULL);
}

static char *uapi(const char *hunks)
{
	return with_counts(uapi_head, hunks);
}

/* c25c83673486 and friends: explicit padding in bpf_prog_info */
static void test_uapi_padding_is_no_growth(void **state)
{
	char *pad = uapi("@@ -6712 +6712 @@ struct bpf_prog_info {\n"
			 " \t__u64 recursion_misses;\n"
			 " \t__u32 verified_insns;\n"
			 " \t__u32 attach_btf_obj_id;\n"
			 "+\t__u32 :32;\n"
			 " \t__u32 attach_btf_id;\n"
			 " } __attribute__((aligned(8)));\n"
			 " \n");
	char *pad2 = uapi("@@ -10 +10 @@ struct bpf_link_info {\n"
			  " \t\t\t__u32 map_id;\n"
			  "+\t\t\tunsigned int : 32;\n"
			  "+\t\t\t__u64 :64; /* for the next one */\n"
			  " \t\t} struct_ops;\n");
	char *field = uapi("@@ -6712 +6712 @@ struct bpf_prog_info {\n"
			   " \t__u32 attach_btf_obj_id;\n"
			   "+\t__u32 attach_btf_id:8;\n"
			   " } __attribute__((aligned(8)));\n");

	expect(AUTHOR, "bpf: Pad bpf_prog_info", BODY, pad, "uapi-bpftool", "");
	expect(AUTHOR, "bpf: Pad bpf_link_info", BODY, pad2, "uapi-bpftool", "");
	/* a named bit-field is a field */
	expect(AUTHOR, "bpf: Grow bpf_prog_info", BODY, field, "uapi-bpftool",
	       "struct bpf_prog_info grows and the series does not touch tools/bpf/bpftool/\n");
	free(pad);
	free(pad2);
	free(field);
}

/* 4f2e1ecbd9d3: the hunk header names bpf_pidns_info, the change is in
 * the bpf_sk_lookup that follows it, no info struct */
static void test_uapi_struct_after_hunk_header(void **state)
{
	char *next = uapi("@@ -5953 +5953 @@ struct bpf_pidns_info {\n"
			  " \n"
			  " /* User accessible data for SK_LOOKUP programs. */\n"
			  " struct bpf_sk_lookup {\n"
			  "-\t__bpf_md_ptr(struct bpf_sock *, sk);\n"
			  "+\tunion {\n"
			  "+\t\t__bpf_md_ptr(struct bpf_sock *, sk);\n"
			  "+\t\t__u64 cookie;\n"
			  "+\t};\n"
			  " \n"
			  " \t__u32 family;\n");
	/* a second hunk whose header opens no struct leaves the first's */
	char *two = uapi("@@ -100 +100 @@ struct bpf_map_info {\n"
			 " \t__u32 btf_id;\n"
			 " \t__u64 map_extra;\n"
			 " } __attribute__((aligned(8)));\n"
			 "@@ -200 +201 @@ enum bpf_link_type {\n"
			 " \tBPF_LINK_TYPE_NETKIT = 13,\n"
			 "+\tBPF_LINK_TYPE_SOCKMAP = 14,\n"
			 " \t__MAX_BPF_LINK_TYPE,\n");
	/* the nested union's "};" does not end the info struct */
	char *nested = uapi("@@ -300 +301 @@ struct bpf_link_info {\n"
			    " \t\tstruct {\n"
			    " \t\t\t__u32 ifindex;\n"
			    " \t\t} xdp;\n"
			    " \t};\n"
			    "+\t__u32 flags;\n"
			    " } __attribute__((aligned(8)));\n");

	expect(AUTHOR, "bpf: Test run for sk_lookup", BODY, next,
	       "uapi-bpftool", "");
	expect(AUTHOR, "bpf: Add a link type", BODY, two, "uapi-bpftool", "");
	expect(AUTHOR, "bpf: Link flags", BODY, nested, "uapi-bpftool",
	       "struct bpf_link_info grows and the series does not touch tools/bpf/bpftool/\n");
	free(next);
	free(two);
	free(nested);
}

/* 7ee515fed963: "#define<TAB>" made "#define " */
static void test_insn_whitespace_define(void **state)
{
	char *ws = uapi("@@ -2792 +2792 @@ enum bpf_func_id {\n"
			"-#define\tBPF_ADJ_ROOM_ENCAP_L2_MASK\t0xff\n"
			"-#define\tBPF_ADJ_ROOM_ENCAP_L2_SHIFT\t56\n"
			"+#define BPF_ADJ_ROOM_ENCAP_L2_MASK\t0xff\n"
			"+#define BPF_ADJ_ROOM_ENCAP_L2_SHIFT\t56\n"
			"-#define\tBPF_JMP32\t0x06\n"
			"+#define BPF_JMP32  0x06\n");
	/* constants of one byte that are no opcodes */
	char *consts = uapi("@@ -1 +1 @@ enum bpf_func_id {\n"
			    "+#define BPF_F_NEW_FLAG\t0x10\n"
			    "+#define BPF_OBJ_NAME_LEN 0x10\n"
			    "+#define BPF_TAG_SIZE\t8\n"
			    "+#define BPF_LOOPS\t0x7f\n"
			    "+#define BPF_BIG\t0x100\n");
	char *memsx = with_counts(
		"diff --git a/include/uapi/linux/bpf_common.h b/include/uapi/linux/bpf_common.h\n"
		"index 1111111..2222222 100644\n"
		"--- a/include/uapi/linux/bpf_common.h\n"
		"+++ b/include/uapi/linux/bpf_common.h\n",
		"@@ -19 +19 @@\n"
		" \n"
		" /* ld/ldx fields */\n"
		" #define BPF_DW\t\t0x18\t/* double word (64-bit) */\n"
		"+#define BPF_MEMSX\t0x80\t/* load with sign extension */\n"
		" #define BPF_ATOMIC\t0xc0\t/* atomic memory ops - op type in immediate */\n");
	char *xchg = uapi("@@ -50 +50 @@\n"
			  "+#define BPF_XCHG\t(0xe0 | BPF_FETCH)\t/* atomic exchange */\n");

	expect(AUTHOR, "bpf: Tidy the ADJ_ROOM defines", BODY, ws,
	       "insn-without-tests", "");
	expect(AUTHOR, "bpf: Add constants", BODY, consts,
	       "insn-without-tests", "");
	expect(AUTHOR, "bpf: Add sign extension load insns", BODY, memsx,
	       "insn-without-tests",
	       "new BPF instruction (opcode BPF_MEMSX) without lib/test_bpf.c and test_verifier changes\n");
	expect(AUTHOR, "bpf: Add BPF_XCHG", BODY, xchg, "insn-without-tests",
	       "new BPF instruction (opcode BPF_XCHG) without lib/test_bpf.c and test_verifier changes\n");
	free(ws);
	free(consts);
	free(memsx);
	free(xchg);
}

static const char perf_diff[] =
	"diff --git a/tools/perf/util/bpf-event.c b/tools/perf/util/bpf-event.c\n"
	"index 1111111..2222222 100644\n"
	"--- a/tools/perf/util/bpf-event.c\n"
	"+++ b/tools/perf/util/bpf-event.c\n"
	"@@ -1 +1 @@\n"
	" int x;\n"
	"+int y;\n";

static void test_component_with_spaces(void **state)
{
	expect(AUTHOR, "perf tools: Fix the build", BODY, perf_diff,
	       "subject-component", "");
	expect(AUTHOR, "tools lib bpf: Rename bpf_map__next", BODY, perf_diff,
	       "subject-component", "");
	expect(AUTHOR, "tools headers UAPI: Sync linux/bpf.h", BODY, perf_diff,
	       "subject-component", "");
	expect(AUTHOR, "bpf, sockmap: Fix the race", BODY, perf_diff,
	       "subject-component", "");
	/* a sentence is still no component */
	expect(AUTHOR, "Fix the build: missing include", BODY, perf_diff,
	       "subject-component",
	       "the subject names no component ('bpf: ', 'libbpf: ', ...)\n");
	expect(AUTHOR, "tools perf util bpf event: Fix", BODY, perf_diff,
	       "subject-component",
	       "the subject names no component ('bpf: ', 'libbpf: ', ...)\n");
}

/* 8d178bd7b6fe: From "Peter Zijlstra", signed off "(Intel)" */
static void test_signoff_comment(void **state)
{
	expect("Peter Zijlstra <peterz@infradead.org>", "bpf: Fix it",
	       "Say why.\n\nSigned-off-by: Peter Zijlstra (Intel) <peterz@infradead.org>\n",
	       perf_diff, "signoff-mismatch", "");
	expect("Peter Zijlstra (Intel) <peterz@infradead.org>", "bpf: Fix it",
	       "Say why.\n\nSigned-off-by: Peter Zijlstra <peterz@infradead.org>\n",
	       perf_diff, "signoff-mismatch", "");
	/* another name is a mismatch, as checkpatch has it */
	expect("Peter Zijlstra <peterz@infradead.org>", "bpf: Fix it",
	       "Say why.\n\nSigned-off-by: Pete Zijlstra (Intel) <peterz@infradead.org>\n",
	       perf_diff, "signoff-mismatch",
	       "the author is 'Peter Zijlstra <peterz@infradead.org>' but signs off as 'Pete Zijlstra (Intel) <peterz@infradead.org>'\n");
}

static void test_long_lines_checkpatch_exempts(void **state)
{
	expect(AUTHOR, "libbpf: Fix the uninitialized use",
	       "GCC 11 says:\n\n"
	       "  libbpf.c: In function 'bpf_object__open':\n"
	       "  tools/lib/bpf/libbpf.c:576:7: error: 'err' may be used uninitialized in this function [-Werror=maybe-uninitialized]\n"
	       "\n"
	       " tools/lib/bpf/libbpf_internal_long_name_here_to_be_long.c | 12 ++++++------\n"
	       "\n"
	       "\t/* sum bitfield members: 1 bits, bit holes: 1, sum bit holes: 31 bits */\n"
	       "[   12.345678] BUG: KASAN: slab-out-of-bounds in bpf_prog_test_run_skb+0x110/0x1a0 at addr\n"
	       "  a line of the dump that goes on and on and on and on and on past the margin\n"
	       "\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "log-line-long", "");
	/* the dump ends at a blank line; prose is prose */
	expect(AUTHOR, "libbpf: Fix the uninitialized use",
	       "[   12.345678] BUG: KASAN: slab-out-of-bounds in bpf_prog_test_run_skb+0x110/0x1a0\n"
	       "\n"
	       "This line of the description goes on and on and on and on and on past the margin.\n"
	       "libbpf.c:576:7: error: no directory, so checkpatch does not exempt this line\n"
	       "\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "log-line-long",
	       "2 lines of the message are over 75 columns (line 5: 81)\n");
}

static void test_fixes_after_the_subject(void **state)
{
	expect(AUTHOR, "bpf: Fix it",
	       "Say why.\n\n"
	       "Fixes: 3781413465df (\"bpf: Add the thing\").\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "fixes-format",
	       "Fixes: tag '3781413465df (\"bpf: Add the thing\").': a full stop after the closing \")\n");
	expect(AUTHOR, "bpf: Fix it",
	       "Say why.\n\n"
	       "Fixes: 3781413465df (\"bpf: Add the thing\") # v5.10\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "fixes-format",
	       "Fixes: tag '3781413465df (\"bpf: Add the thing\") # v5.10': text after the closing \")\n");
	expect(AUTHOR, "bpf: Fix it",
	       "Say why.\n\n"
	       "Fixes: bf99c936f947 (libbpf: Add BPF ring buffer support)\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "fixes-format",
	       "Fixes: tag 'bf99c936f947 (libbpf: Add BPF ring buffer support)': the subject is not in quotes: write (\"subject\")\n");
	expect(AUTHOR, "bpf: Fix it",
	       "Say why.\n\n"
	       "Fixes: 3781413465df (\"bpf: Add the thing)\n"
	       "Signed-off-by: " AUTHOR "\n",
	       perf_diff, "fixes-format",
	       "Fixes: tag '3781413465df (\"bpf: Add the thing)': the subject is not closed by \")\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uapi_padding_is_no_growth),
		cmocka_unit_test(test_uapi_struct_after_hunk_header),
		cmocka_unit_test(test_insn_whitespace_define),
		cmocka_unit_test(test_component_with_spaces),
		cmocka_unit_test(test_signoff_comment),
		cmocka_unit_test(test_long_lines_checkpatch_exempts),
		cmocka_unit_test(test_fixes_after_the_subject),
	};

	git_libgit2_init();
	RUN_TAP(tests);
}
