// SPDX-License-Identifier: GPL-2.0
/* check: the BPF submission rules of DESIGN.md run on a series; each rule
 * adds findings, which are then filtered, sorted and printed. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <jansson.h>

#include "check.h"
#include "check-internal.h"
#include "json.h"
#include "repo.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

static const struct check_rule rules[] = {
	{ "empty-message", CHECK_ERROR,
	  "no description besides subject and trailers",
	  "say what the patch changes and why, above the trailers" },
	{ "signoff-missing", CHECK_ERROR,
	  "no Signed-off-by by the patch author",
	  "sign off with 'git commit --amend -s' ('git rebase --signoff' for a series)" },
	{ "signoff-mismatch", CHECK_WARNING,
	  "the author's sign-off differs from the author (From:) in name or address",
	  "sign off with the author's name and address exactly, or fix the author with 'git commit --amend --reset-author'" },
	{ "fixes-missing", CHECK_ERROR,
	  "series for bpf (fixes tree) with no Fixes: tag",
	  "name the commit that brought the bug: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA; new work goes to bpf-next" },
	{ "fixes-format", CHECK_ERROR,
	  "not exactly 'Fixes: <12+ lowercase hex> (\"<subject>\")' on one line",
	  "write the tag with: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA" },
	{ "fixes-unknown-commit", CHECK_ERROR,
	  "the sha is not in the repository",
	  "check the sha, or fetch the tree that has the fixed commit" },
	{ "fixes-subject-mismatch", CHECK_ERROR,
	  "the quoted subject is not the commit's ('...' may shorten its start, middle or end)",
	  "write the tag with: git log -1 --abbrev=12 --format='Fixes: %h (\"%s\")' SHA" },
	{ "fixes-not-in-base", CHECK_WARNING,
	  "the fixed commit is not in the series' base",
	  "rebase onto the tree that has the fixed commit, or check the sha" },
	{ "cc-stable", CHECK_ERROR,
	  "Cc: stable@vger.kernel.org in any form",
	  "BPF fixes reach stable through the BPF maintainers: drop the Cc: stable line and, once the fix is in mainline, run 'git bpf stable-request'" },
	{ "cover-letter-missing", CHECK_ERROR,
	  "more than one patch and no cover letter (patch files)",
	  "write a cover letter with its subject and blurb filled in ('git format-patch --cover-letter'), or let 'git bpf send' compose it" },
	{ "subject-prefix", CHECK_ERROR,
	  "patch files: missing or wrong [PATCH bpf]/[PATCH bpf-next] prefix, or versions not alike",
	  "fixes go as [PATCH bpf], new work as [PATCH bpf-next] (git format-patch --subject-prefix='PATCH bpf-next'); 'git bpf send' writes it" },
	{ "subject-component", CHECK_WARNING,
	  "no 'component: ' in the subject, or one that does not fit the files",
	  "start the subject with the area it changes: 'bpf: ', 'libbpf: ', 'selftests/bpf: ', 'bpftool: '" },
	{ "verifier-without-selftests", CHECK_ERROR,
	  "verifier behaviour changed and no change under tools/testing/selftests/bpf/",
	  "add a test for the new behaviour under tools/testing/selftests/bpf/ (progs/verifier_*.c) to the series" },
	{ "insn-without-tests", CHECK_WARNING,
	  "new BPF instruction without lib/test_bpf.c and test_verifier changes",
	  "add cases to lib/test_bpf.c and the verifier selftests, and Cc the JIT maintainers" },
	{ "uapi-not-synced", CHECK_WARNING,
	  "include/uapi/linux/bpf.h and tools/include/uapi/linux/bpf.h not changed together",
	  "make the same change to the copy under tools/include/uapi/linux/ in the series" },
	{ "uapi-bpftool", CHECK_WARNING,
	  "an info struct in the UAPI grew and bpftool does not dump it",
	  "teach bpftool (tools/bpf/bpftool/) to show the new field" },
	{ "samples-not-selftests", CHECK_WARNING,
	  "new code under samples/bpf/",
	  "new BPF tests belong in tools/testing/selftests/bpf/, where CI runs them" },
	{ "merge-commit", CHECK_ERROR,
	  "a merge commit in the range",
	  "a mailed series is linear: rebase it onto its base" },
	{ "series-too-long", CHECK_ERROR,
	  "more than 15 patches",
	  "split the series into parts of at most 15 patches" },
	{ "log-line-long", CHECK_WARNING,
	  "a description line over 75 columns, tags and URLs excepted",
	  "wrap the description at 75 columns" },
	{ "base-not-in-tree", CHECK_WARNING,
	  "the base is not in the target tree's branch",
	  "fetch the tree and rebase the series onto its branch" },
	{ "merge-window", CHECK_WARNING,
	  "target bpf-next while the merge window looks open",
	  "bpf-next is closed during the merge window: wait for -rc1, or send it as RFC" },
	{ "repost-too-soon", CHECK_ERROR,
	  "a new version less than 24 hours after the last version sent from the branch",
	  "give reviewers a day between versions (netdev rules); --ignore=repost-too-soon sends it anyway" },
	{ "checkpatch", CHECK_WARNING,
	  "scripts/checkpatch.pl with NIPA's flags: ERROR an error, WARNING and CHECK warnings",
	  NULL },
	{ "does-not-apply", CHECK_ERROR,
	  "the series does not apply to the tip of the target tree's branch",
	  "fetch the tree and rebase the series onto the tip of its branch" },
	{ "recipients-missing", CHECK_ERROR,
	  "patch files: To/Cc lack the tree's list, a maintainer or list of a touched file, or the author of a fixed commit",
	  "let 'git bpf send' address the series, or add the missing addresses (git bpf maintainers FILE.patch)" },
	{ "new-file-unmaintained", CHECK_WARNING,
	  "a new file outside Documentation/ and tools/testing/ that only THE REST of MAINTAINERS covers",
	  "add the new file to its MAINTAINERS section (F:) in the series, or give it a section" },
	{ "bare-cr", CHECK_ERROR,
	  "a carriage return not followed by a line feed in a subject, message or diff",
	  "SMTP servers refuse a carriage return without a line feed: remove it, or mark the file binary in .gitattributes" },
	{ "hook", CHECK_WARNING,
	  "[check] hook or --hook: the user's program, given each patch on stdin, said something",
	  NULL },
};

/* The NIPA test (github linux-netdev/nipa, tests/patch/ and tests/series/)
 * that fails a series for the same thing, for --json. */
static const struct {
	const char *rule, *test;
} nipa_tests[] = {
	{ "signoff-missing", "verify_signedoff" },
	{ "fixes-missing", "fixes_present" },
	{ "fixes-format", "verify_fixes" },
	{ "fixes-unknown-commit", "verify_fixes" },
	{ "fixes-subject-mismatch", "verify_fixes" },
	{ "cover-letter-missing", "series_format" },
	{ "subject-prefix", "series_format" },
	{ "series-too-long", "series_format" },
	{ "checkpatch", "checkpatch" },
	{ "recipients-missing", "cc_maintainers" },
	{ "new-file-unmaintained", "maintainers" },
};

const char *check_rule_nipa(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(nipa_tests); i++)
		if (!strcmp(nipa_tests[i].rule, id))
			return nipa_tests[i].test;
	return NULL;
}

const struct check_rule *check_rules(size_t *nr)
{
	*nr = ARRAY_SIZE(rules);
	return rules;
}

const struct check_rule *check_rule_find(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		if (!strcmp(rules[i].id, id))
			return &rules[i];
	return NULL;
}

/* --- text helpers ---------------------------------------------------- */

/* Append s as valid UTF-8 on one line: invalid bytes become U+FFFD,
 * control characters a space; at most max bytes of s, then "...". */
void check_add_clean(struct strbuf *sb, const char *s, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t l = utf8_decode(s + i, n - i, NULL, 0);

		if (i >= max) {
			strbuf_addstr(sb, "...");
			return;
		}
		if (!l) {
			strbuf_addstr(sb, "\xef\xbf\xbd");
			i++;
		} else if (l == 1 && (u[i] < 0x20 || u[i] == 0x7f)) {
			strbuf_addch(sb, ' ');
			i++;
		} else {
			strbuf_add(sb, s + i, l);
			i += l;
		}
	}
}

/* Columns of a message line as checkpatch counts them: characters, a
 * tab one (length($line), no tab expansion in the commit log). */
static size_t line_columns(const char *s, size_t len)
{
	size_t col = 0;

	for (size_t i = 0; i < len;) {
		size_t l = utf8_decode(s + i, len - i, NULL, 0);

		col++;
		i += l ? l : 1;
	}
	return col;
}

/* "Token: value" with a token of letters, digits and dashes. */
static bool trailer_like(const char *s, size_t len)
{
	size_t i = 0;

	if (!len || !isalnum((unsigned char)s[0]))
		return false;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-'))
		i++;
	return i < len && s[i] == ':' && (i + 1 == len || s[i + 1] == ' ' ||
					  s[i + 1] == '\t');
}

/* A trailer-like line that is surely a tag (Signed-off-by:, Fixes:),
 * not prose that happens to start with "Note: ". */
static bool tag_line(const char *s, size_t len)
{
	static const char *const tags[] = { "Fixes", "Link", "Cc", "Closes" };
	size_t n;

	if (!trailer_like(s, len))
		return false;
	n = strcspn(s, ":");
	if (memchr(s, '-', n))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (n == strlen(tags[i]) && !strncasecmp(s, tags[i], n))
			return true;
	return false;
}

/* The message up to a "---" line (file mode keeps none, but commits
 * made by hand sometimes do). */
static size_t message_len(const char *msg)
{
	const char *p = msg;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		if (nl - p == 3 && !strncmp(p, "---", 3))
			return (size_t)(p - msg);
		p = *nl ? nl + 1 : nl;
	}
	return (size_t)(p - msg);
}

/* Offset of the description: after the subject paragraph. */
static size_t body_offset(const char *msg, size_t len)
{
	size_t i = 0;

	while (i < len && msg[i] == '\n')
		i++;
	while (i < len) {
		const char *nl = memchr(msg + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (msg + i)) : len - i;
		bool blank = true;

		for (size_t k = 0; k < l; k++)
			if (!isspace((unsigned char)msg[i + k]))
				blank = false;
		i += l + (nl ? 1 : 0);
		if (blank)
			break;
	}
	return i;
}

/* --- findings -------------------------------------------------------- */

static bool ignored(const struct check_ctx *c, const char *rule)
{
	return strvec_has(&c->ignore, rule, false);
}

void check_addf(struct check_ctx *c, const struct patch *p, const char *rule,
		int severity, const char *fmt, ...)
{
	const struct check_rule *r = check_rule_find(rule);
	struct check_result *res = c->r;
	struct strbuf msg = STRBUF_INIT, clean = STRBUF_INIT;
	struct finding *f;
	va_list ap;

	if (!r) {
		/* a typo in the code; t3010 finds them before this does */
		error("BUG: a finding of no rule '%s' was dropped", rule);
		return;
	}
	if (ignored(c, rule))
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	check_add_clean(&clean, msg.buf, SIZE_MAX);
	strbuf_release(&msg);

	ALLOC_GROW(res->v, res->nr + 1, res->alloc);
	f = &res->v[res->nr++];
	memset(f, 0, sizeof(*f));
	f->rule = r->id;
	f->severity = severity < 0 ? r->severity : (enum check_severity)severity;
	f->message = strbuf_detach(&clean, NULL);
	if (p) {
		struct strbuf subj = STRBUF_INIT;

		f->patch = p->nr;
		/* a cover letter's From line names the tip, not itself */
		if (p->nr)
			memcpy(f->commit, p->oid, sizeof(f->commit));
		check_add_clean(&subj, p->subject ? p->subject : "", 200);
		f->subject = strbuf_detach(&subj, NULL);
	} else {
		f->subject = xstrdup("");
	}
	if (f->severity == CHECK_ERROR)
		res->errors++;
	else
		res->warnings++;
}

static int cmp_by_patch(const void *a, const void *b, void *data)
{
	const struct finding *v = data;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (v[x].patch != v[y].patch)
		return v[x].patch < v[y].patch ? -1 : 1;
	/* keep the order the rules added them in */
	return x < y ? -1 : x > y;
}

/* Order findings by patch, stably (checkpatch.pl may add thousands). */
static void sort_findings(struct check_result *r)
{
	size_t *order;
	struct finding *sorted;

	if (r->nr < 2)
		return;
	order = xcalloc(r->nr, sizeof(*order));
	for (size_t i = 0; i < r->nr; i++)
		order[i] = i;
	qsort_r(order, r->nr, sizeof(*order), cmp_by_patch, r->v);
	sorted = xcalloc(r->alloc, sizeof(*sorted));
	for (size_t i = 0; i < r->nr; i++)
		sorted[i] = r->v[order[i]];
	free(r->v);
	r->v = sorted;
	free(order);
}

/* --- per-patch message rules ---------------------------------------- */

static bool is_merge(const struct patch *p)
{
	return p->parents > 1;
}

static bool line_starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && !strncmp(s, prefix, n);
}

static bool is_word_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

static bool is_path_char(char ch)
{
	return is_word_char(ch) || ch == '.' || ch == '-' || ch == '+';
}

/*
 * The lines checkpatch lets run past 75 columns: a diffstat line
 * ("dir/file.c | 12 +-"), a file name and a colon, as compilers and
 * sanitizers print them ("tools/lib/bpf/btf.c:576:7: error: ..."); the
 * stack dump tests are in stack_dump_start().
 */
static bool long_line_exempt(const char *s, size_t l)
{
	const char *end = s + l, *q = s, *w;
	bool slash = false;

	while (q < end && isspace((unsigned char)*q))
		q++;
	/* [a-zA-Z0-9_/.]+ \s+ | \s+ \d */
	for (w = q; q < end && (is_word_char(*q) || *q == '/' || *q == '.'); q++)
		;
	if (q > w && q < end && isspace((unsigned char)*q)) {
		const char *t = q;

		while (t < end && isspace((unsigned char)*t))
			t++;
		if (t < end && *t == '|') {
			t++;
			if (t < end && isspace((unsigned char)*t)) {
				while (t < end && isspace((unsigned char)*t))
					t++;
				if (t < end && isdigit((unsigned char)*t))
					return true;
			}
		}
	}
	/* (?:[\w.\-+]*\/)++[\w.\-+]+: */
	for (q = w; q < end;) {
		const char *seg = q;

		while (q < end && is_path_char(*q))
			q++;
		if (q < end && *q == '/') {
			slash = true;
			q++;
			continue;
		}
		return slash && q > seg && q < end && *q == ':';
	}
	return false;
}

static bool hex_run(const char **q, const char *end, size_t min)
{
	const char *s = *q;

	while (*q < end && isxdigit((unsigned char)**q))
		(*q)++;
	return (size_t)(*q - s) >= min;
}

/* A line that opens what checkpatch takes for a stack dump, whose lines
 * are exempt up to the next blank one. */
static bool stack_dump_start(const char *s, size_t l)
{
	const char *end = s + l, *q = s, *t;

	while (q < end && isspace((unsigned char)*q))
		q++;
	if (line_starts(q, end, "WARNING:") || line_starts(q, end, "BUG:"))
		return true;
	/* [   12.345678] */
	if (q < end && *q == '[') {
		t = q + 1;
		while (t < end && isspace((unsigned char)*t))
			t++;
		if (t < end && isdigit((unsigned char)*t)) {
			while (t < end && isdigit((unsigned char)*t))
				t++;
			if (t < end && *t == '.') {
				const char *d = ++t;

				while (t < end && isdigit((unsigned char)*t))
					t++;
				if (t - d == 6) {
					while (t < end && isspace((unsigned char)*t))
						t++;
					if (t < end && *t == ']')
						return true;
				}
			}
		}
		/* [<ffffffff81000000>] */
		t = q + 1;
		if (t < end && *t == '<' && (t++, hex_run(&t, end, 8)) &&
		    t + 1 < end && t[0] == '>' && t[1] == ']')
			return true;
	}
	/* (?:\s+\w+:\s+[0-9a-fA-F]+){3}: "RIP: 0010 RSP: ffff..." */
	t = s;
	for (int k = 0; k < 3; k++) {
		const char *w;

		if (t == end || !isspace((unsigned char)*t))
			break;
		while (t < end && isspace((unsigned char)*t))
			t++;
		for (w = t; t < end && is_word_char(*t); t++)
			;
		if (t == w || t == end || *t != ':')
			break;
		t++;
		if (t == end || !isspace((unsigned char)*t))
			break;
		while (t < end && isspace((unsigned char)*t))
			t++;
		if (!hex_run(&t, end, 1))
			break;
		if (k == 2)
			return true;
	}
	/* #0 [ffffc900] foo at ffffffff81000000 */
	if (q < end && *q == '#') {
		t = q + 1;
		if (t < end && isdigit((unsigned char)*t)) {
			while (t < end && isdigit((unsigned char)*t))
				t++;
			while (t < end && isspace((unsigned char)*t))
				t++;
			if (t < end && *t == '[' && (t++, hex_run(&t, end, 1)) &&
			    t < end && *t == ']') {
				const char *w;

				t++;
				while (t < end && isspace((unsigned char)*t))
					t++;
				for (w = t; t < end && is_word_char(*t); t++)
					;
				if (t > w && line_starts(t, end, " at ")) {
					t += 4;
					if (hex_run(&t, end, 1))
						return true;
				}
			}
		}
	}
	return false;
}

static void check_description(struct check_ctx *c, const struct patch *p)
{
	const char *msg = p->message ? p->message : "";
	size_t len = message_len(msg), start = body_offset(msg, len), end;
	struct trailer_list tl = { 0 };
	bool prose = false, tags = false, stack_dump = false;
	size_t long_nr = 0, first_line = 0, first_cols = 0, line_nr;

	trailer_parse(&tl, msg, len);
	end = tl.block_start < len ? tl.block_start : len;
	if (end < start)
		end = start;
	/* line number of start, 1-based */
	line_nr = 1;
	for (size_t i = 0; i < start; i++)
		if (msg[i] == '\n')
			line_nr++;
	for (size_t i = start; i < end; line_nr++) {
		const char *nl = memchr(msg + i, '\n', end - i);
		size_t l = nl ? (size_t)(nl - (msg + i)) : end - i;
		const char *s = msg + i;
		bool blank = true;

		for (size_t k = 0; k < l; k++)
			if (!isspace((unsigned char)s[k]))
				blank = false;
		if (!blank && !tag_line(s, l))
			prose = true;
		else if (!blank)
			tags = true;
		if (blank)
			stack_dump = false;
		else if (!stack_dump)
			stack_dump = stack_dump_start(s, l);
		if (!blank && !stack_dump && !trailer_like(s, l) &&
		    !memmem(s, l, "://", 3) && !long_line_exempt(s, l)) {
			size_t cols = line_columns(s, l);

			if (cols > 75) {
				if (!long_nr++) {
					first_line = line_nr;
					first_cols = cols;
				}
			}
		}
		i += l + (nl ? 1 : 0);
	}
	if (!prose)
		check_addf(c, p, "empty-message", -1,
			   "no description: the message has only a subject%s",
			   tl.nr || tags ? " and trailers" : "");
	trailer_list_release(&tl);
	if (long_nr == 1)
		check_addf(c, p, "log-line-long", -1,
			   "line %zu of the message is %zu columns (wrap at 75)",
			   first_line, first_cols);
	else if (long_nr > 1)
		check_addf(c, p, "log-line-long", -1,
			   "%zu lines of the message are over 75 columns (line %zu: %zu)",
			   long_nr, first_line, first_cols);
}

/* Split "Name <addr>" (or "addr"); name and addr are set, trimmed. */
static void split_ident(const char *v, char **name, char **addr)
{
	const char *lt = strrchr(v, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	struct strbuf n = STRBUF_INIT;

	if (lt && gt) {
		strbuf_add(&n, v, (size_t)(lt - v));
		strbuf_trim(&n);
		if (n.len >= 2 && n.buf[0] == '"' && n.buf[n.len - 1] == '"') {
			memmove(n.buf, n.buf + 1, n.len - 2);
			strbuf_setlen(&n, n.len - 2);
		}
		*addr = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	} else {
		struct strbuf a = STRBUF_INIT;

		strbuf_addstr(&a, v);
		strbuf_trim(&a);
		*addr = strbuf_detach(&a, NULL);
	}
	*name = strbuf_detach(&n, NULL);
}

/* Walk the lines of buf[0..len), without their newlines. */
struct line_iter {
	const char *buf;
	size_t len, pos;
};

static bool next_line(struct line_iter *it, const char **s, size_t *l)
{
	const char *nl;

	if (it->pos >= it->len)
		return false;
	*s = it->buf + it->pos;
	nl = memchr(*s, '\n', it->len - it->pos);
	*l = nl ? (size_t)(nl - *s) : it->len - it->pos;
	it->pos += *l + 1;
	return true;
}

static const char *memchr_or_end(const char *s, int ch, size_t n)
{
	const char *p = memchr(s, ch, n);

	return p ? p : s + n;
}

/*
 * The name without its comments, as checkpatch's parse_email() takes
 * them out: "Peter Zijlstra (Intel)" is "Peter Zijlstra" with the
 * comment "(Intel)", and a comment alone differing is a CHECK it makes
 * only under --strict, no mismatch.
 */
static char *name_without_comments(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	int depth = 0;

	for (const char *q = name; *q; q++) {
		if (*q == '(') {
			depth++;
		} else if (*q == ')' && depth) {
			if (!--depth && sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_addch(&sb, ' ');
		} else if (!depth && !(*q == ' ' && sb.len &&
				       sb.buf[sb.len - 1] == ' ')) {
			strbuf_addch(&sb, *q);
		}
	}
	if (depth) {	/* unbalanced: checkpatch leaves it be */
		strbuf_reset(&sb);
		strbuf_addstr(&sb, name);
	}
	strbuf_trim(&sb);
	return strbuf_detach(&sb, NULL);
}

static bool same_name(const char *a, const char *b, bool icase)
{
	char *x = name_without_comments(a), *y = name_without_comments(b);
	bool same = icase ? !strcasecmp(x, y) : !strcmp(x, y);

	free(x);
	free(y);
	return same;
}

static void check_signoff(struct check_ctx *c, const struct patch *p)
{
	const char *msg = p->message ? p->message : "", *s;
	struct line_iter it = { msg, message_len(msg), 0 };
	char *near_name = NULL, *near_addr = NULL;
	bool exact = false, any = false;
	size_t l;

	while (next_line(&it, &s, &l)) {
		char *line, *name, *addr;

		if (l < 14 || strncasecmp(s, "Signed-off-by:", 14))
			continue;
		any = true;
		line = xstrndup(s + 14, l - 14);
		split_ident(line, &name, &addr);
		free(line);
		if (!strcasecmp(addr, p->author_email ? p->author_email : "") &&
		    same_name(name, p->author_name ? p->author_name : "", false)) {
			exact = true;
		} else if (!near_addr &&
			   (!strcasecmp(addr, p->author_email ? p->author_email : "") ||
			    same_name(name, p->author_name ? p->author_name : "", true))) {
			near_name = name;
			near_addr = addr;
			continue;
		}
		free(name);
		free(addr);
	}
	if (exact)
		;
	else if (near_addr)
		check_addf(c, p, "signoff-mismatch", -1,
			   "the author is '%s <%s>' but signs off as '%s <%s>'",
			   p->author_name ? p->author_name : "",
			   p->author_email ? p->author_email : "",
			   near_name, near_addr);
	else
		check_addf(c, p, "signoff-missing", -1,
			   any ? "no Signed-off-by: by the author %s <%s>" :
				 "no Signed-off-by: line (the author is %s <%s>)",
			   p->author_name ? p->author_name : "",
			   p->author_email ? p->author_email : "");
	free(near_name);
	free(near_addr);
}

static bool is_stable_addr(const char *s, size_t l)
{
	static const char *const addrs[] = {
		"stable@vger.kernel.org", "stable@kernel.org",
	};

	for (size_t k = 0; k < ARRAY_SIZE(addrs); k++) {
		size_t n = strlen(addrs[k]);

		for (size_t i = 0; i + n <= l; i++)
			if (!strncasecmp(s + i, addrs[k], n))
				return true;
	}
	return false;
}

static void check_cc_stable(struct check_ctx *c, const struct patch *p)
{
	const char *msg = p->message ? p->message : "", *s;
	struct line_iter it = { msg, message_len(msg), 0 };
	size_t l;

	while (next_line(&it, &s, &l)) {
		struct strbuf q = STRBUF_INIT;
		char *line;

		if (l < 3 || strncasecmp(s, "cc:", 3) || !is_stable_addr(s, l))
			continue;
		line = xstrndup(s, l);
		check_add_clean(&q, line, 80);
		check_addf(c, p, "cc-stable", -1,
			   "'%s': BPF patches do not Cc stable@vger.kernel.org",
			   q.buf);
		strbuf_release(&q);
		free(line);
		break;
	}
}

/* --- Fixes: ---------------------------------------------------------- */

/* Whether the subject of a Fixes: tag is still open: ("... without ") */
static bool fixes_open(const char *v, size_t l)
{
	const char *open = memmem(v, l, "(\"", 2);

	if (!open)
		return false;
	while (l && isspace((unsigned char)v[l - 1]))
		l--;
	return !(l >= 2 && v[l - 2] == '"' && v[l - 1] == ')');
}

static bool series_has_oid(const struct series *s, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	for (size_t i = 0; i < s->nr; i++)
		if (!strcmp(s->patches[i].oid, hex))
			return true;
	return false;
}

static void check_one_fixes(struct check_ctx *c, const struct patch *p,
			    const char *tag, const char *value, bool wrapped,
			    bool alone)
{
	struct fixes_tag f;
	struct strbuf shown = STRBUF_INIT;
	git_commit *commit = NULL;
	git_oid id;
	size_t n;
	int err;

	fixes_parse(&f, value);
	check_add_clean(&shown, value, 60);
	if (wrapped)
		check_addf(c, p, "fixes-format", -1,
			   "Fixes: tag '%s' is wrapped over several lines",
			   shown.buf);
	else if (strcmp(tag, "Fixes: "))
		check_addf(c, p, "fixes-format", -1,
			   "'%.*s' tag '%s': write 'Fixes: ' (capital F, one space)",
			   (int)strcspn(tag, " "), tag, shown.buf);
	else if (!f.ok)
		check_addf(c, p, "fixes-format", -1, "Fixes: tag '%s': %s",
			   shown.buf, f.why ? f.why : "malformed");
	else if (alone)
		check_addf(c, p, "fixes-format", -1,
			   "Fixes: tag '%s' has blank lines on both sides: put it in the trailer block",
			   shown.buf);

	n = strlen(f.sha);
	if (!c->repo || n < 7 || n > GIT_OID_HEXSZ)
		goto out;
	if (git_oid_fromstrn(&id, f.sha, n)) {
		git_error_clear();
		goto out;
	}
	err = git_commit_lookup_prefix(&commit, c->repo, &id, n);
	if (err) {
		git_error_clear();
		check_addf(c, p, "fixes-unknown-commit", -1,
			   err == GIT_EAMBIGUOUS ?
			   "Fixes: tag names ambiguous commit id %s" :
			   "Fixes: tag names unknown commit %s", f.sha);
		goto out;
	}
	if (f.subject) {
		const char *summary = git_commit_summary(commit);

		if (!summary)
			summary = "";
		if (!fixes_subject_matches(f.subject, summary)) {
			struct strbuf q = STRBUF_INIT, want = STRBUF_INIT;

			check_add_clean(&q, f.subject, 80);
			check_add_clean(&want, summary, 80);
			check_addf(c, p, "fixes-subject-mismatch", -1,
				   "Fixes: tag quotes \"%s\" but %.12s is \"%s\"",
				   q.buf, git_oid_tostr_s(git_commit_id(commit)),
				   want.buf);
			strbuf_release(&q);
			strbuf_release(&want);
		}
	}
	if (*c->s->base && !series_has_oid(c->s, git_commit_id(commit))) {
		git_oid base;

		if (!git_oid_fromstr(&base, c->s->base) &&
		    !git_oid_equal(&base, git_commit_id(commit))) {
			int in = git_graph_descendant_of(c->repo, &base,
							 git_commit_id(commit));

			git_error_clear();
			if (in == 0)
				check_addf(c, p, "fixes-not-in-base", -1,
					   "the fixed commit %.12s is not in the base %.12s",
					   git_oid_tostr_s(git_commit_id(commit)),
					   c->s->base);
		}
	}
out:
	git_commit_free(commit);
	strbuf_release(&shown);
	fixes_release(&f);
}

static bool more_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return true;
	return false;
}

/* Each Fixes: line of the message, continuation lines joined. */
static size_t check_fixes(struct check_ctx *c, const struct patch *p)
{
	const char *msg = p->message ? p->message : "";
	size_t len = message_len(msg), found = 0, i = 0;

	while (i < len) {
		const char *s = msg + i, *e = memchr_or_end(s, '\n', len - i);
		size_t l = (size_t)(e - s);
		struct strbuf v = STRBUF_INIT;
		bool wrapped = false, alone;
		char *tag;
		size_t tl;

		i += l + 1;
		if (l < 6 || strncasecmp(s, "fixes:", 6))
			continue;
		/* a paragraph of its own, more text after it (verify_fixes:
		 * "empty lines surround the Fixes tag") */
		alone = s - msg >= 2 && s[-2] == '\n' && i < len &&
			msg[i] == '\n' && more_text(msg + i, len - i);
		found++;
		tl = 6;
		while (tl < l && (s[tl] == ' ' || s[tl] == '\t'))
			tl++;
		tag = xstrndup(s, tl);
		strbuf_add(&v, s + tl, l - tl);
		/* a wrapped tag: its continuation is indented, or the quoted
		 * subject is still open and the next line is no trailer */
		while (i < len) {
			const char *n = msg + i;
			const char *ne = memchr_or_end(n, '\n', len - i);
			size_t nl = (size_t)(ne - n);
			bool blank = true;

			for (size_t k = 0; k < nl; k++)
				if (!isspace((unsigned char)n[k]))
					blank = false;
			if (blank || trailer_like(n, nl) ||
			    (!isspace((unsigned char)n[0]) &&
			     !fixes_open(v.buf, v.len)))
				break;
			strbuf_rtrim(&v);
			strbuf_addch(&v, ' ');
			while (nl && isspace((unsigned char)*n))
				n++, nl--;
			strbuf_add(&v, n, nl);
			wrapped = true;
			i += (size_t)(ne - (msg + i)) + 1;
		}
		check_one_fixes(c, p, tag, v.buf, wrapped, alone && !wrapped);
		free(tag);
		strbuf_release(&v);
	}
	return found;
}

/* --- subject --------------------------------------------------------- */

struct area {
	const char *dir;
	const char *component;
};

static const struct area areas[] = {
	{ "tools/testing/selftests/bpf/", "selftests/bpf" },
	{ "tools/lib/bpf/", "libbpf" },
	{ "tools/bpf/bpftool/", "bpftool" },
	{ "samples/bpf/", "samples/bpf" },
};

/* The area every path of p is in, or NULL. */
static const struct area *patch_area(const struct patch *p)
{
	const struct area *a = NULL;

	for (size_t i = 0; i < p->paths_nr; i++) {
		const struct area *here = NULL;

		for (size_t k = 0; k < ARRAY_SIZE(areas); k++)
			if (starts_with(p->paths[i].path, areas[k].dir))
				here = &areas[k];
		if (!here || (a && a != here))
			return NULL;
		a = here;
	}
	return a;
}

/*
 * Whether HEAD has the directory dir ("tools/lib/bpf/"): a repository of
 * another layout (the libbpf mirror keeps libbpf in src/) cannot say
 * that "libbpf:" touches nothing of libbpf.  True without a repository.
 */
static bool head_has_dir(git_repository *repo, const char *dir)
{
	git_object *obj = NULL;
	char *spec;
	bool yes;

	if (!repo)
		return true;
	spec = xstrfmt("HEAD:%.*s", (int)strlen(dir) - 1, dir);
	yes = !git_revparse_single(&obj, repo, spec) &&
	      git_object_type(obj) == GIT_OBJECT_TREE;
	git_object_free(obj);
	git_error_clear();
	free(spec);
	return yes;
}

static void check_component(struct check_ctx *c, const struct patch *p)
{
	const char *subj = p->subject ? p->subject : "";
	const char *colon = strstr(subj, ": ");
	const struct area *a;
	char *comp, *first;
	bool ok = colon && colon > subj && colon - subj <= 40;

	if (starts_with(subj, "Revert \"") || starts_with(subj, "Reapply \""))
		return;
	/* "bpf, sockmap: ", and the perf and tools habit of words:
	 * "perf tools: ", "tools lib bpf: ", "tools headers UAPI: " (a
	 * sentence that happens to hold ": " starts with a capital) */
	if (ok && islower((unsigned char)*subj)) {
		size_t words = 1;

		for (const char *q = subj; q < colon; q++)
			if (*q == ' ' && q[-1] != ',' && q[-1] != ' ')
				words++;
		ok = words <= 4;
	} else {
		for (const char *q = subj; ok && q < colon; q++)
			if (*q == ' ' && (q == subj || q[-1] != ','))
				ok = false;
	}
	if (!ok) {
		check_addf(c, p, "subject-component", -1,
			   "the subject names no component ('bpf: ', 'libbpf: ', ...)");
		return;
	}
	if (c->r->tree.iproute2)
		return;
	comp = xstrndup(subj, (size_t)(colon - subj));
	first = xstrndup(comp, strcspn(comp, ","));
	a = patch_area(p);
	if (a && strcmp(first, a->component) &&
	    (!strcmp(first, "bpf") || !strcmp(first, "libbpf") ||
	     !strcmp(first, "selftests/bpf") || !strcmp(first, "bpftool") ||
	     !strcmp(first, "samples/bpf"))) {
		check_addf(c, p, "subject-component", -1,
			   "'%s:' does not fit a patch that only touches %s: use '%s:'",
			   comp, a->dir, a->component);
	} else if (!a) {
		for (size_t k = 0; k < ARRAY_SIZE(areas); k++)
			if (!strcmp(first, areas[k].component) &&
			    !patch_touches(p, areas[k].dir) && p->paths_nr &&
			    head_has_dir(c->repo, areas[k].dir)) {
				check_addf(c, p, "subject-component", -1,
					   "'%s:' but the patch touches nothing under %s",
					   comp, areas[k].dir);
				break;
			}
	}
	free(first);
	free(comp);
}

static int prefix_version(const char *prefix)
{
	const char *w = prefix;

	while (w && *w) {
		if ((w == prefix || w[-1] == ' ') && *w == 'v' &&
		    isdigit((unsigned char)w[1])) {
			char *end;
			long v = strtol(w + 1, &end, 10);

			if (!*end || *end == ' ')
				return v > 0 && v < 10000 ? (int)v : 0;
		}
		w++;
	}
	return 1;
}

static bool prefix_has_word(const char *prefix, const char *word)
{
	size_t n = strlen(word);

	for (const char *w = prefix; (w = strstr(w, word)); w++)
		if ((w == prefix || w[-1] == ' ') && (!w[n] || w[n] == ' '))
			return true;
	return false;
}

/* "N/M" in a prefix; false when there is none. */
static bool prefix_numbers(const char *prefix, unsigned long *n,
			   unsigned long *total)
{
	for (const char *w = prefix; *w; w++) {
		char *end, *end2;

		if ((w != prefix && w[-1] != ' ') || !isdigit((unsigned char)*w))
			continue;
		*n = strtoul(w, &end, 10);
		if (*end != '/' || !isdigit((unsigned char)end[1]))
			continue;
		*total = strtoul(end + 1, &end2, 10);
		if (!*end2 || *end2 == ' ')
			return true;
	}
	return false;
}

static void check_prefix_one(struct check_ctx *c, const struct patch *p,
			     int version)
{
	enum tree_id want = c->r->tree.id;
	struct strbuf shown = STRBUF_INIT;
	unsigned long n, total;
	int id;

	if (!p->prefix) {
		check_addf(c, p, "subject-prefix", -1,
			   "no [PATCH %s] subject prefix",
			   tree_subject_prefix(want));
		return;
	}
	check_add_clean(&shown, p->prefix, 60);
	id = tree_from_prefix(p->prefix);
	if (!prefix_has_word(p->prefix, "PATCH"))
		check_addf(c, p, "subject-prefix", -1,
			   "[%s] is no [PATCH %s] prefix", shown.buf,
			   tree_subject_prefix(want));
	else if (id < 0)
		check_addf(c, p, "subject-prefix", -1,
			   "[%s] names no tree: use [PATCH %s]", shown.buf,
			   tree_subject_prefix(want));
	else if ((enum tree_id)id != want)
		check_addf(c, p, "subject-prefix", -1,
			   "[%s] is not for %s: use [PATCH %s]", shown.buf,
			   tree_name(want), tree_subject_prefix(want));
	if (prefix_version(p->prefix) != version)
		check_addf(c, p, "subject-prefix", -1,
			   "[%s] is version %d, the series is v%d", shown.buf,
			   prefix_version(p->prefix), version);
	if (!prefix_numbers(p->prefix, &n, &total)) {
		if (c->s->nr > 1)
			check_addf(c, p, "subject-prefix", -1,
				   "[%s] has no number (N/%zu)", shown.buf,
				   c->s->nr);
	} else if (total != c->s->nr || n != p->nr) {
		check_addf(c, p, "subject-prefix", -1,
			   "[%s] is numbered %lu/%lu, but it is %zu/%zu of the files",
			   shown.buf, n, total, p->nr, c->s->nr);
	}
	strbuf_release(&shown);
}

static void check_prefixes(struct check_ctx *c)
{
	struct series *s = c->s;
	const struct patch *first = s->cover ? s->cover : &s->patches[0];
	int version = first->prefix ? prefix_version(first->prefix) : 1;

	if (s->cover)
		check_prefix_one(c, s->cover, version);
	for (size_t i = 0; i < s->nr; i++)
		check_prefix_one(c, &s->patches[i], version);
	if (s->nr > 1 && !s->cover)
		check_addf(c, NULL, "cover-letter-missing", -1,
			   "%zu patches and no cover letter", s->nr);
	else if (s->cover &&
		 ((s->cover->subject &&
		   strstr(s->cover->subject, "*** SUBJECT HERE ***")) ||
		  (s->cover->body &&
		   strstr(s->cover->body, "*** BLURB HERE ***"))))
		check_addf(c, s->cover, "cover-letter-missing", -1,
			   "the cover letter is still git format-patch's template (*** SUBJECT HERE ***, *** BLURB HERE ***)");
}

/* --- what the series touches ----------------------------------------- */

static const char *const verifier_files[] = {
	"kernel/bpf/verifier.c", "kernel/bpf/log.c", "kernel/bpf/tnum.c",
	"include/linux/bpf_verifier.h", "include/linux/tnum.h",
};

static void check_verifier(struct check_ctx *c)
{
	struct series *s = c->s;

	if (c->r->tree.iproute2 ||
	    series_touches(s, "tools/testing/selftests/bpf/"))
		return;
	for (size_t i = 0; i < s->nr; i++) {
		const struct patch *p = &s->patches[i];

		if (is_merge(p))
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(verifier_files); k++)
			if (patch_touches(p, verifier_files[k])) {
				check_addf(c, p, "verifier-without-selftests", -1,
					   "changes %s and the series adds no test under tools/testing/selftests/bpf/",
					   verifier_files[k]);
				break;
			}
	}
}

static void check_samples(struct check_ctx *c, const struct patch *p)
{
	for (size_t i = 0; i < p->paths_nr; i++) {
		const struct touched_path *t = &p->paths[i];

		if ((t->kind == 'A' || t->kind == 'C' ||
		     (t->kind == 'R' && !starts_with(t->old_path, "samples/bpf/"))) &&
		    starts_with(t->path, "samples/bpf/")) {
			struct strbuf q = STRBUF_INIT;

			check_add_clean(&q, t->path, 100);
			check_addf(c, p, "samples-not-selftests", -1,
				   "adds %s: new BPF code belongs in selftests, not samples/bpf/",
				   q.buf);
			strbuf_release(&q);
			return;
		}
	}
}

static void check_series_shape(struct check_ctx *c)
{
	struct series *s = c->s;

	for (size_t i = 0; i < s->nr; i++)
		if (is_merge(&s->patches[i]))
			check_addf(c, &s->patches[i], "merge-commit", -1,
				   "merge commit in the range (%u parents)",
				   s->patches[i].parents);
	if (s->nr > 15)
		check_addf(c, NULL, "series-too-long", -1,
			   "%zu patches, more than 15", s->nr);
}

static void check_base(struct check_ctx *c)
{
	const struct tree_choice *t = &c->r->tree;

	if (!c->repo || !*c->s->base || ignored(c, "base-not-in-tree"))
		return;
	if (!t->branch) {
		/* say once why a rule could not run, not nothing */
		char *why = tree_no_branch_why(c->repo, t);

		fprintf(stderr, "note: the base is not checked against %s [base-not-in-tree]: %s\n",
			t->name, why);
		free(why);
		return;
	}
	if (tree_contains(c->repo, t->branch, c->s->base) == 0)
		check_addf(c, NULL, "base-not-in-tree", -1,
			   "the base %.12s is not in %s: rebase onto it",
			   c->s->base, tree_branch_short(t->branch));
}

/* A series that changes no code needs no Fixes: (NIPA fixes_present). */
static bool docs_only(const struct series *s)
{
	size_t paths = 0;

	for (size_t i = 0; i < s->nr; i++)
		for (size_t k = 0; k < s->patches[i].paths_nr; k++, paths++) {
			const char *path = s->patches[i].paths[k].path;

			if (!starts_with(path, "Documentation/") &&
			    !starts_with(path, "MAINTAINERS"))
				return false;
		}
	return paths > 0;
}

/* RFC series are welcome in the merge window. */
static bool is_rfc(const struct check_opts *opts, const struct series *s)
{
	const struct patch *first;

	if (opts->rfc)
		return true;
	if (s->source != SERIES_FILES || !s->nr)
		return false;
	first = s->cover ? s->cover : &s->patches[0];
	return first->prefix && prefix_has_word(first->prefix, "RFC");
}

static bool want_checkpatch(const struct check_opts *opts)
{
	if (opts->checkpatch != CHECK_CHECKPATCH_AUTO)
		return opts->checkpatch == CHECK_CHECKPATCH_ON;
	/* a value that is no boolean was refused when the check began */
	return !opts->cfg || config_bool(opts->cfg, "check.checkpatch", NULL, 1) > 0;
}

int check_series(struct check_result *out, const struct check_opts *opts,
		 struct series *s)
{
	struct check_ctx c = { 0 };
	struct strvec cfg_ignore = STRVEC_INIT;
	size_t with_fixes = 0;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->patches = s->nr;
	out->replies = s->replies;
	c.r = out;
	c.opts = opts;
	c.s = s;
	c.repo = opts->repo ? opts->repo : s->repo;
	out->abbrev = repo_abbrev(c.repo);

	if (opts->cfg)
		config_ini_all(opts->cfg, "check.ignore", true, &cfg_ignore);
	for (int pass = 0; pass < 2; pass++) {
		const struct strvec *sv = pass ? &cfg_ignore : opts->ignore;

		for (size_t i = 0; sv && i < sv->nr; i++) {
			struct strbuf id = STRBUF_INIT;

			strbuf_addstr(&id, sv->v[i]);
			strbuf_trim(&id);
			if (id.len && !check_rule_find(id.buf)) {
				error("unknown rule '%s' in %s", id.buf,
				      pass ? "[check] ignore" : "--ignore");
				strbuf_release(&id);
				goto out;
			}
			if (id.len)
				strvec_push_unique(&c.ignore, id.buf, false);
			strbuf_release(&id);
		}
	}

	if (opts->cfg && config_bool(opts->cfg, "check.checkpatch", NULL, 1) < 0)
		goto out;
	if (opts->choice)
		tree_choice_copy(&out->tree, opts->choice);
	else if (tree_select(&out->tree, c.repo, opts->cfg, s, opts->tree))
		goto out;

	if (s->source == SERIES_FILES)
		check_prefixes(&c);
	check_series_shape(&c);
	for (size_t i = 0; i < s->nr; i++) {
		struct patch *p = &s->patches[i];

		if (is_merge(p))
			continue;
		check_description(&c, p);
		check_signoff(&c, p);
		if (check_fixes(&c, p))
			with_fixes++;
		check_cc_stable(&c, p);
		check_component(&c, p);
		check_samples(&c, p);
	}
	if (out->tree.id == TREE_BPF && !with_fixes && !docs_only(s))
		check_addf(&c, NULL, "fixes-missing", -1,
			   "the series is for bpf (fixes) and no patch has a Fixes: tag");
	check_verifier(&c);
	if (check_uapi(&c) || check_insn(&c) || check_bare_cr(&c) ||
	    check_new_files(&c))
		goto out;
	check_base(&c);
	if (!ignored(&c, "does-not-apply") && check_apply(&c))
		goto out;
	if (!ignored(&c, "recipients-missing") && check_recipients(&c))
		goto out;
	if (out->tree.id == TREE_BPF_NEXT && !is_rfc(opts, s))
		check_merge_window(&c);
	if (check_repost(&c))
		goto out;
	if (want_checkpatch(opts) && check_checkpatch(&c))
		goto out;
	if (!ignored(&c, "hook") && check_hook(&c))
		goto out;
	sort_findings(out);
	for (size_t i = 0; i < out->nr; i++) {
		const struct check_rule *r = check_rule_find(out->v[i].rule);

		if (r->hint)
			strvec_push_unique(&out->hints, r->hint, false);
	}
	ret = 0;
out:
	strvec_clear(&cfg_ignore);
	strvec_clear(&c.ignore);
	return ret;
}

void check_result_release(struct check_result *r)
{
	for (size_t i = 0; i < r->nr; i++) {
		free(r->v[i].message);
		free(r->v[i].subject);
	}
	free(r->v);
	strvec_clear(&r->hints);
	tree_choice_release(&r->tree);
	memset(r, 0, sizeof(*r));
}

int check_exit_code(const struct check_result *r)
{
	return r->errors ? EXIT_REFUSED : EXIT_OK;
}

/* --- output ---------------------------------------------------------- */

#define COLOR_RESET	"\033[m"
#define COLOR_ERROR	"\033[1;31m"
#define COLOR_WARNING	"\033[1;33m"
#define COLOR_COMMIT	"\033[33m"

void check_print(FILE *fp, const struct check_result *r, bool color)
{
	if (r->tree.reason)
		fprintf(fp, "%s\n", r->tree.reason);
	if (r->replies)
		fprintf(fp, "skipped %zu %s\n", r->replies,
			r->replies == 1 ? "reply" : "replies");
	check_print_findings(fp, r, color);
}

void check_print_findings(FILE *fp, const struct check_result *r, bool color)
{
	for (size_t i = 0; i < r->nr; i++) {
		const struct finding *f = &r->v[i];
		bool err = f->severity == CHECK_ERROR;

		fprintf(fp, "%zu/%zu ", f->patch, r->patches);
		if (*f->commit)
			fprintf(fp, "%s%.*s%s ", color ? COLOR_COMMIT : "",
				r->abbrev ? r->abbrev : 12, f->commit,
				color ? COLOR_RESET : "");
		fprintf(fp, "%s: %s%s%s: %s [%s]\n",
			*f->subject ? f->subject :
			f->patch ? "(no subject)" : "series",
			color ? (err ? COLOR_ERROR : COLOR_WARNING) : "",
			err ? "error" : "warning", color ? COLOR_RESET : "",
			f->message, f->rule);
	}
	for (size_t i = 0; i < r->hints.nr; i++)
		fprintf(fp, "hint: %s\n", r->hints.v[i]);
}

int check_print_json(FILE *fp, const struct check_result *r)
{
	json_t *root = json_object(), *arr = json_array();
	int ret = 0;

	if (!root || !arr)
		die_oom();
	json_object_set_new(root, "tree", json_string(r->tree.name ?
						      r->tree.name : ""));
	json_object_set_new(root, "patches", json_integer((json_int_t)r->patches));
	if (r->replies)
		json_object_set_new(root, "replies",
				    json_integer((json_int_t)r->replies));
	for (size_t i = 0; i < r->nr; i++) {
		const struct finding *f = &r->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "patch", json_integer((json_int_t)f->patch));
		json_object_set_new(o, "commit", *f->commit ?
				    json_string(f->commit) : json_null());
		json_object_set_new(o, "rule", json_string(f->rule));
		if (check_rule_nipa(f->rule))
			json_object_set_new(o, "nipa",
					    json_string(check_rule_nipa(f->rule)));
		json_object_set_new(o, "severity", json_string(
				    f->severity == CHECK_ERROR ? "error" : "warning"));
		json_object_set_new(o, "message", json_string(f->message));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "findings", arr);
	if (json_print(fp, root))
		ret = -1;
	return ret;
}
