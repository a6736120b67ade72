// SPDX-License-Identifier: GPL-2.0
/* check-code: the rules that read the patches' diffs and the repository
 * (UAPI headers, new instructions, the merge window, checkpatch.pl). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check-internal.h"
#include "jit.h"
#include "mail.h"
#include "repo.h"
#include "util.h"

/* --- diffs ----------------------------------------------------------- */

/* Called for each line of a file's hunks: file is the new path, kind
 * '+', '-' or ' ', hunk_ctx the text after the "@@ ... @@" when the line
 * opens a hunk (kind is then 0 and line is NULL). */
typedef void (*diff_line_fn)(const char *file, char kind, const char *line,
			     size_t len, void *data);

static void diff_walk(const char *diff, diff_line_fn fn, void *data)
{
	const char *p = diff;
	char *file = NULL;
	bool in_hunk = false;

	while (p && *p) {
		const char *nl = strchrnul(p, '\n');
		size_t l = (size_t)(nl - p);

		if (starts_with(p, "diff --git ")) {
			in_hunk = false;
		} else if (!in_hunk && starts_with(p, "+++ ")) {
			const char *path = p + 4;
			size_t pl = l - 4;

			free(file);
			file = NULL;
			if (pl > 2 && !strncmp(path, "b/", 2))
				file = xstrndup(path + 2, pl - 2);
			else if (strncmp(path, "/dev/null", 9))
				file = xstrndup(path, pl);
			if (file)
				file[strcspn(file, "\t")] = '\0';
		} else if (starts_with(p, "@@ ") && file) {
			const char *ctx = memmem(p + 3, l - 3, "@@", 2);

			in_hunk = true;
			ctx = ctx ? ctx + 2 : nl;
			while (ctx < nl && *ctx == ' ')
				ctx++;
			fn(file, 0, ctx, (size_t)(nl - ctx), data);
		} else if (in_hunk && file && (*p == '+' || *p == '-' ||
					       *p == ' ')) {
			fn(file, *p, p + 1, l - 1, data);
		} else if (in_hunk && *p != '\\') {
			in_hunk = false;
		}
		p = *nl ? nl + 1 : nl;
	}
	free(file);
}

static bool line_is(const char *s, size_t l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l >= n && !strncmp(s, prefix, n);
}

static const char *skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* --- UAPI headers ---------------------------------------------------- */

static int blob_at(git_repository *repo, const char *commit_hex,
		   const char *path, git_oid *out)
{
	git_oid id;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int ret = 1;

	if (!commit_hex || !*commit_hex || git_oid_fromstr(&id, commit_hex) ||
	    git_commit_lookup(&c, repo, &id) || git_commit_tree(&t, c))
		goto out;
	if (!git_tree_entry_bypath(&e, t, path)) {
		git_oid_cpy(out, git_tree_entry_id(e));
		ret = 0;
	}
out:
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return ret;
}

static const char *const synced_in_files[] = { "bpf.h", "bpf_common.h", "btf.h" };

static void uapi_pair(struct check_ctx *c, const char *h)
{
	struct series *s = c->s;
	char *kpath = xstrfmt("include/uapi/linux/%s", h);
	char *tpath = xstrfmt("tools/include/uapi/linux/%s", h);
	bool tk = series_touches(s, kpath), tt = series_touches(s, tpath);
	const char *touched = tk ? kpath : tpath, *other = tk ? tpath : kpath;
	const struct patch *first = NULL;
	bool flag = false;

	for (size_t i = 0; i < s->nr && !first; i++)
		if (patch_touches(&s->patches[i], touched))
			first = &s->patches[i];
	if (s->source == SERIES_RANGE && c->repo && s->nr) {
		const char *tip = s->patches[s->nr - 1].oid;
		git_oid k, t, bk, bt;

		if (!blob_at(c->repo, tip, kpath, &k) &&
		    !blob_at(c->repo, tip, tpath, &t) && !git_oid_equal(&k, &t))
			flag = !strcmp(h, "bpf.h") ||
			       (!blob_at(c->repo, s->base, kpath, &bk) &&
				!blob_at(c->repo, s->base, tpath, &bt) &&
				git_oid_equal(&bk, &bt));
		if (flag && first)
			check_addf(c, first, "uapi-not-synced", -1,
				   "changes %s but %s differs from it at the tip",
				   touched, other);
	} else if (tk != tt) {
		for (size_t k = 0; k < ARRAY_SIZE(synced_in_files); k++)
			if (!strcmp(h, synced_in_files[k]))
				flag = true;
		if (flag && first)
			check_addf(c, first, "uapi-not-synced", -1,
				   "changes %s but not %s", touched, other);
	}
	free(kpath);
	free(tpath);
}

struct info_state {
	char *grew;		/* name of the first info struct that grew */
	char cur[64];		/* the info struct the walk is in, or "" */
};

/*
 * "struct NAME {" at the start of a line (as a hunk header's context is):
 * the walk enters NAME, and out is NAME when it is an info struct
 * (bpf_*_info), "" for any other struct.  False when the line opens none.
 */
static bool struct_opening(const char *s, size_t l, char *out, size_t n)
{
	const char *end = s + l, *name, *q;

	if (!line_is(s, l, "struct "))
		return false;
	name = skip_ws(s + 7, end);
	for (q = name; q < end && (isalnum((unsigned char)*q) || *q == '_'); q++)
		;
	if (q == name || skip_ws(q, end) == end || *skip_ws(q, end) != '{')
		return false;
	if ((size_t)(q - name) < n && q - name > 9 &&
	    line_is(name, (size_t)(q - name), "bpf_") &&
	    !strncmp(q - 5, "_info", 5))
		snprintf(out, n, "%.*s", (int)(q - name), name);
	else
		*out = '\0';
	return true;
}

static bool is_type_word(const char *w, size_t l)
{
	static const char *const words[] = {
		"unsigned", "signed", "int", "char", "short", "long",
	};

	/* __u32, __s64, __be16, __le32, u8 */
	if (l > 2 && w[0] == '_' && w[1] == '_') {
		w += 2;
		l -= 2;
	}
	if ((l >= 2 && (w[0] == 'u' || w[0] == 's') &&
	     strspn(w + 1, "0123456789") == l - 1) ||
	    (l >= 3 && (!strncmp(w, "be", 2) || !strncmp(w, "le", 2)) &&
	     strspn(w + 2, "0123456789") == l - 2))
		return true;
	for (size_t k = 0; k < ARRAY_SIZE(words); k++)
		if (strlen(words[k]) == l && !strncmp(w, words[k], l))
			return true;
	return false;
}

/* "__u32 :32;": an anonymous bit-field, padding the struct had anyway. */
static bool is_anonymous_bitfield(const char *s, const char *end)
{
	const char *colon = memchr(s, ':', (size_t)(end - s)), *q;

	if (!colon || colon == s)
		return false;
	for (q = s; q < colon;) {
		const char *w;

		q = skip_ws(q, colon);
		if (q == colon)
			break;
		for (w = q; q < colon && (isalnum((unsigned char)*q) || *q == '_'); q++)
			;
		if (q == w || !is_type_word(w, (size_t)(q - w)))
			return false;
	}
	q = skip_ws(colon + 1, end);
	if (q == end || !isdigit((unsigned char)*q))
		return false;
	while (q < end && isdigit((unsigned char)*q))
		q++;
	q = skip_ws(q, end);
	return q < end && *q == ';';
}

static void info_line(const char *file, char kind, const char *line,
		      size_t len, void *data)
{
	struct info_state *st = data;
	const char *s, *end = line + len;
	char name[64];

	if (strcmp(file, "include/uapi/linux/bpf.h"))
		return;
	/* a hunk starts wherever its context says, outside any struct
	 * when that context opens none */
	if (!kind) {
		if (!struct_opening(line, len, st->cur, sizeof(st->cur)))
			st->cur[0] = '\0';
		return;
	}
	if (kind == '-')
		return;
	if (struct_opening(line, len, name, sizeof(name))) {
		memcpy(st->cur, name, sizeof(name));
		return;
	}
	/* "};" or "} __attribute__((aligned(8)));" at the start of a line
	 * ends the struct; a nested union's "};" is indented */
	if (line_is(line, len, "}")) {
		st->cur[0] = '\0';
		return;
	}
	s = skip_ws(line, end);
	if (kind == '+' && *st->cur && !st->grew && s < end &&
	    !line_is(s, (size_t)(end - s), "/*") && *s != '*' &&
	    !line_is(s, (size_t)(end - s), "//") &&
	    !is_anonymous_bitfield(s, end))
		st->grew = xstrdup(st->cur);
}

int check_uapi(struct check_ctx *c)
{
	struct series *s = c->s;
	struct strvec headers = STRVEC_INIT;

	if (c->r->tree.iproute2)
		return 0;
	for (size_t i = 0; i < s->nr; i++) {
		const struct patch *p = &s->patches[i];

		for (size_t k = 0; k < p->paths_nr; k++) {
			const char *h;

			if ((skip_prefix(p->paths[k].path, "include/uapi/linux/", &h) ||
			     skip_prefix(p->paths[k].path,
					 "tools/include/uapi/linux/", &h)) &&
			    !strchr(h, '/'))
				strvec_push_unique(&headers, h, false);
		}
	}
	for (size_t i = 0; i < headers.nr; i++)
		uapi_pair(c, headers.v[i]);
	strvec_clear(&headers);

	if (series_touches(s, "tools/bpf/bpftool/"))
		return 0;
	for (size_t i = 0; i < s->nr; i++) {
		struct patch *p = &s->patches[i];
		struct info_state st = { NULL, "" };
		const char *diff;

		if (p->parents > 1 || !patch_touches(p, "include/uapi/linux/bpf.h"))
			continue;
		if (series_patch_diff(s, p, &diff))
			return -1;
		diff_walk(diff, info_line, &st);
		if (st.grew)
			check_addf(c, p, "uapi-bpftool", -1,
				   "struct %s grows and the series does not touch tools/bpf/bpftool/",
				   st.grew);
		free(st.grew);
	}
	return 0;
}

/* --- new instructions ------------------------------------------------ */

struct insn_state {
	struct strvec removed;	/* removed lines, white space collapsed */
	struct strvec added;	/* what the added opcode lines name */
	struct strvec added_lines;	/* and those lines, collapsed */
};

static void push_owned(struct strvec *sv, char *s)
{
	strvec_push(sv, s);
	free(s);
}

/* The line with each run of blanks one space, none at either end: a
 * "#define<TAB>X" that becomes "#define X" is the same define. */
static char *collapse_ws(const char *s, size_t l)
{
	struct strbuf sb = STRBUF_INIT;
	bool blank = false;

	for (size_t i = 0; i < l; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			blank = true;
			continue;
		}
		if (blank && sb.len)
			strbuf_addch(&sb, ' ');
		blank = false;
		strbuf_addch(&sb, s[i]);
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * An opcode define as bpf_common.h and bpf.h write them: one word after
 * BPF_ (BPF_JMP32, BPF_MEMSX, BPF_XCHG; BPF_TO_LE and friends), a value
 * of one byte's fields (a class below 0x08, a multiple of 0x08, or
 * "(0xe0 | BPF_FETCH)").  BPF_F_* flags, *_MASK, *_SHIFT and other
 * constants are no opcodes.
 */
static bool is_opcode_define(const char *s, const char *end, char **name)
{
	static const char *const to[] = {
		"BPF_TO_LE", "BPF_TO_BE", "BPF_FROM_LE", "BPF_FROM_BE",
	};
	const char *n, *q;
	unsigned long v;
	bool one_word = true, known = false;
	char *e, *num;

	s = skip_ws(s, end);
	if (!line_is(s, (size_t)(end - s), "#define"))
		return false;
	n = skip_ws(s + 7, end);
	if (!line_is(n, (size_t)(end - n), "BPF_"))
		return false;
	for (q = n + 4; q < end && (isupper((unsigned char)*q) ||
				    isdigit((unsigned char)*q) || *q == '_'); q++)
		if (*q == '_')
			one_word = false;
	for (size_t k = 0; k < ARRAY_SIZE(to); k++)
		if ((size_t)(q - n) == strlen(to[k]) &&
		    !strncmp(n, to[k], (size_t)(q - n)))
			known = true;
	if (q == n + 4 || (!one_word && !known) || q == end ||
	    (*q != ' ' && *q != '\t'))
		return false;
	q = skip_ws(q, end);
	if (q < end && *q == '(')
		q = skip_ws(q + 1, end);
	if (end - q < 3 || q[0] != '0' || (q[1] != 'x' && q[1] != 'X'))
		return false;
	num = xstrndup(q, (size_t)(end - q));
	v = strtoul(num, &e, 16);
	if (e == num || v >= 0x100 || (v >= 0x08 && v % 0x08) ||
	    (*e && *e != ' ' && *e != '\t' && *e != '/' && *e != '|')) {
		free(num);
		return false;
	}
	free(num);
	*name = xstrndup(n, (size_t)(q - n));
	(*name)[strcspn(*name, " \t(")] = '\0';
	return true;
}

static bool is_interp_case(const char *s, const char *end)
{
	static const char *const classes[] = {
		"ALU64_", "ALU_", "JMP32_", "JMP_", "LDX_", "STX_", "ST_", "LD_",
	};
	const char *q;

	s = skip_ws(s, end);
	if (memmem(s, (size_t)(end - s), "INSN_3(", 7) ||
	    memmem(s, (size_t)(end - s), "INSN_2(", 7))
		return true;
	if (line_is(s, (size_t)(end - s), "[BPF_"))
		return memchr(s, '|', (size_t)(end - s)) != NULL;
	for (size_t k = 0; k < ARRAY_SIZE(classes); k++) {
		if (!line_is(s, (size_t)(end - s), classes[k]))
			continue;
		for (q = s; q < end && (isupper((unsigned char)*q) ||
					isdigit((unsigned char)*q) || *q == '_'); q++)
			;
		return q < end && *q == ':' && q + 1 == skip_ws(q + 1, end) &&
		       (q + 1 == end || q[1] != ':');
	}
	return false;
}

static void insn_line(const char *file, char kind, const char *line,
		      size_t len, void *data)
{
	struct insn_state *st = data;
	char *name = NULL;

	if (kind != '+' && kind != '-')
		return;
	if (kind == '-') {
		push_owned(&st->removed, collapse_ws(line, len));
		return;
	}
	if ((!strcmp(file, "include/uapi/linux/bpf.h") ||
	     !strcmp(file, "include/uapi/linux/bpf_common.h")) &&
	    is_opcode_define(line, line + len, &name)) {
		push_owned(&st->added, xstrfmt("opcode %s", name));
	} else if (!strcmp(file, "kernel/bpf/core.c") &&
		   is_interp_case(line, line + len)) {
		strvec_push(&st->added,
			    "interpreter case in kernel/bpf/core.c");
	} else {
		return;
	}
	push_owned(&st->added_lines, collapse_ws(line, len));
	free(name);
}

static void insn_state_clear(struct insn_state *st)
{
	strvec_clear(&st->removed);
	strvec_clear(&st->added);
	strvec_clear(&st->added_lines);
}

/* The first added opcode or case that is not a removed line again. */
static const char *insn_new(const struct insn_state *st)
{
	for (size_t i = 0; i < st->added.nr; i++) {
		bool moved = false;

		for (size_t k = 0; k < st->removed.nr && !moved; k++)
			moved = !strcmp(st->added_lines.v[i], st->removed.v[k]);
		if (!moved)
			return st->added.v[i];
	}
	return NULL;
}

/* The JITs: arch/NAME/net/ at HEAD, less the ones the series touches. */
static void list_jits(struct check_ctx *c, struct strbuf *out)
{
	struct strvec arches = STRVEC_INIT;

	jit_arches(c->repo, c->s, &arches);
	for (size_t i = 0; i < arches.nr; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", arches.v[i]);
	strvec_clear(&arches);
}

/* Name the JIT people in the hints, after the rule's own hint. */
static int hint_jit_people(struct check_ctx *c)
{
	const struct check_rule *rule = check_rule_find("insn-without-tests");
	struct strbuf sb = STRBUF_INIT;
	struct jit_people jp;

	if (!c->repo)
		return 0;
	if (jit_people_find(&jp, c->repo, c->s))
		return -1;
	if (jp.nr)
		strvec_push_unique(&c->r->hints, rule->hint, false);
	for (size_t i = 0; i < jp.nr; i++) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "JIT people for ");
		jit_arch_format(&sb, &jp.v[i]);
		strvec_push_unique(&c->r->hints, sb.buf, false);
	}
	if (jp.nr)
		strvec_push_unique(&c->r->hints,
				   "git bpf send --cc-jit adds them to Cc (it does not by default)",
				   false);
	strbuf_release(&sb);
	jit_people_release(&jp);
	return 0;
}

int check_insn(struct check_ctx *c)
{
	struct series *s = c->s;
	bool test_bpf = series_touches(s, "lib/test_bpf.c");
	bool test_verifier =
		series_touches(s, "tools/testing/selftests/bpf/test_verifier.c") ||
		series_touches(s, "tools/testing/selftests/bpf/verifier/") ||
		series_touches(s, "tools/testing/selftests/bpf/progs/verifier_");
	size_t found;

	if (c->r->tree.iproute2 || (test_bpf && test_verifier))
		return 0;
	for (size_t i = 0; i < s->nr; i++) {
		struct patch *p = &s->patches[i];
		struct insn_state st = {
			STRVEC_INIT, STRVEC_INIT, STRVEC_INIT
		};
		struct strbuf jits = STRBUF_INIT;
		const char *diff, *what;

		if (p->parents > 1 ||
		    (!patch_touches(p, "include/uapi/linux/bpf.h") &&
		     !patch_touches(p, "include/uapi/linux/bpf_common.h") &&
		     !patch_touches(p, "kernel/bpf/core.c")))
			continue;
		if (series_patch_diff(s, p, &diff))
			return -1;
		diff_walk(diff, insn_line, &st);
		what = insn_new(&st);
		if (!what) {
			insn_state_clear(&st);
			continue;
		}
		list_jits(c, &jits);
		found = c->r->nr;
		check_addf(c, p, "insn-without-tests", -1,
			   "new BPF instruction (%s) without %s%s%s",
			   what,
			   !test_bpf && !test_verifier ?
			   "lib/test_bpf.c and test_verifier changes" :
			   !test_bpf ? "lib/test_bpf.c changes" :
			   "test_verifier changes",
			   jits.len ? "; JITs to check: " : "", jits.buf);
		strbuf_release(&jits);
		insn_state_clear(&st);
		/* not when the rule is ignored */
		if (c->r->nr > found && hint_jit_people(c))
			return -1;
		break;
	}
	return 0;
}

bool check_series_new_insn(struct series *s)
{
	for (size_t i = 0; i < s->nr; i++) {
		struct patch *p = &s->patches[i];
		struct insn_state st = {
			STRVEC_INIT, STRVEC_INIT, STRVEC_INIT
		};
		const char *diff;
		bool found;

		if (p->parents > 1 ||
		    (!patch_touches(p, "include/uapi/linux/bpf.h") &&
		     !patch_touches(p, "include/uapi/linux/bpf_common.h") &&
		     !patch_touches(p, "kernel/bpf/core.c")) ||
		    series_patch_diff(s, p, &diff))
			continue;
		diff_walk(diff, insn_line, &st);
		found = insn_new(&st) != NULL;
		insn_state_clear(&st);
		if (found)
			return true;
	}
	return false;
}

/* --- merge window ---------------------------------------------------- */

struct release {
	int major, minor;
	git_oid oid;
	bool found;
};

static int parse_release(const char *name, int *major, int *minor)
{
	int n = 0;

	if (sscanf(name, "v%d.%d%n", major, minor, &n) != 2 || name[n] ||
	    *major < 0 || *minor < 0)
		return -1;
	/* "v6.01" or "v+6.1" are no release names */
	for (const char *p = name + 1; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return -1;
	return 0;
}

static int newest_release(const char *name, git_oid *oid, void *data)
{
	struct release *r = data;
	const char *tag;
	int major, minor;

	if (!skip_prefix(name, "refs/tags/", &tag) ||
	    parse_release(tag, &major, &minor))
		return 0;
	if (!r->found || major > r->major ||
	    (major == r->major && minor > r->minor)) {
		r->major = major;
		r->minor = minor;
		git_oid_cpy(&r->oid, oid);
		r->found = true;
	}
	return 0;
}

static bool tag_exists(git_repository *repo, const char *fmt, int a, int b)
{
	git_oid id;
	char *name = xstrfmt(fmt, a, b);
	bool yes = !git_reference_name_to_id(&id, repo, name);

	git_error_clear();
	free(name);
	return yes;
}

void check_merge_window(struct check_ctx *c)
{
	struct release r = { 0 };
	git_object *obj = NULL, *commit = NULL;
	long long when = 0, now;
	char date[32];
	struct tm tm;
	time_t tt;

	if (!c->repo)
		return;
	if (git_tag_foreach(c->repo, newest_release, &r) || !r.found)
		goto out;
	if (tag_exists(c->repo, "refs/tags/v%d.%d-rc1", r.major, r.minor + 1) ||
	    tag_exists(c->repo, "refs/tags/v%d.%d-rc1", r.major + 1, 0))
		goto out;
	if (git_object_lookup(&obj, c->repo, &r.oid, GIT_OBJECT_ANY))
		goto out;
	if (git_object_type(obj) == GIT_OBJECT_TAG &&
	    git_tag_tagger((git_tag *)obj))
		when = git_tag_tagger((git_tag *)obj)->when.time;
	else if (!git_object_peel(&commit, obj, GIT_OBJECT_COMMIT))
		when = git_commit_committer((git_commit *)commit)->when.time;
	else
		goto out;
	now = c->opts->now ? c->opts->now : (long long)time(NULL);
	if (now - when > 21 * 24 * 3600)
		goto out;
	tt = (time_t)when;
	gmtime_r(&tt, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	check_addf(c, NULL, "merge-window", -1,
		   "v%d.%d was tagged on %s and v%d.%d-rc1 is not yet: the merge window is open and bpf-next is closed",
		   r.major, r.minor, date, r.major, r.minor + 1);
out:
	git_error_clear();
	git_object_free(commit);
	git_object_free(obj);
}
