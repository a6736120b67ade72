// SPDX-License-Identifier: GPL-2.0
/* maint: read the kernel's MAINTAINERS and answer who to mail for files
 * and patches, step for step as scripts/get_maintainer.pl does it. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "mail.h"
#include "maint.h"
#include "repo.h"
#include "series.h"
#include "strbuf.h"
#include "util.h"

/*
 * get_maintainer.pl keeps MAINTAINERS as one array of lines (@typevalue):
 * "T:value" lines and, between them, the section names.  Blank and
 * comment lines are dropped, so a section is a run of "T:" lines and its
 * name is the line before the run.  Everything below indexes that array
 * the way the script does, so that its quirks carry over.
 */
struct maint_tv {
	char type;		/* 'A'..'Z'; 0 for a name (or any other) line */
	unsigned lineno;	/* in the MAINTAINERS file */
	char *text;		/* "F:value" as get_maintainer.pl keeps it */
	const char *value;	/* text + 2 for typed lines */
	size_t sec;		/* the section the line belongs to */
	/* F: and X: (value is the glob turned into a regex) */
	size_t lit_len;		/* literal prefix every match starts with */
	char *lit;
	bool plain;		/* the whole pattern is that literal */
	signed char dir;	/* -1: not looked up yet */
	/* F:, X:, N:, K: */
	pcre2_code *re;
	pcre2_code *re_patch;	/* K: with the "^[+-].*" of patch lines */
	bool bad;		/* a regex that does not compile: ignored */
	bool jitted;
	bool warned;
};

struct maint_section {
	size_t start, end;	/* find_starting_index, find_ending_index */
	char *name;		/* get_subsystem_name: cut to 50 columns */
	char *mrole;		/* get_maintainer_role: "maintainer:NAME" */
};

struct maint_db {
	char *name;		/* "MAINTAINERS" for messages */
	struct maint_tv *tv;
	size_t nr, alloc;
	struct maint_section *secs;
	size_t secs_nr, secs_alloc;
	size_t *kw;		/* indices of K: lines */
	size_t kw_nr, kw_alloc;
	/* where directories, contents and dotfiles come from */
	git_repository *repo;	/* borrowed */
	git_tree *tree;		/* HEAD tree, or NULL */
	char *root;		/* a directory, or NULL */
	struct strmap mm_names, mm_addrs;	/* Perl's hashes for .mailmap */
	struct strvec ignore;
	pcre2_code *re_email[3];
	pcre2_code *re_mailmap[4];
	pcre2_code *re_patch[6];
	pcre2_code *re_file_email, *re_clean_email;
	pcre2_match_data *md;
	bool no_keywords;
};

/* ---- Perl's small string functions ---- */

static bool perl_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

static void sb_trim(struct strbuf *sb)
{
	size_t i = 0;

	while (sb->len && perl_space((unsigned char)sb->buf[sb->len - 1]))
		sb->len--;
	sb->buf[sb->len] = '\0';
	while (i < sb->len && perl_space((unsigned char)sb->buf[i]))
		i++;
	if (i) {
		memmove(sb->buf, sb->buf + i, sb->len - i + 1);
		sb->len -= i;
	}
}

/* s/^\"|\"$//g */
static void sb_unquote_ends(struct strbuf *sb)
{
	if (sb->len && sb->buf[0] == '"') {
		memmove(sb->buf, sb->buf + 1, sb->len);
		sb->len--;
	}
	if (sb->len && sb->buf[sb->len - 1] == '"')
		sb->buf[--sb->len] = '\0';
}

static void sb_lower(struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] >= 'A' && sb->buf[i] <= 'Z')
			sb->buf[i] += 'a' - 'A';
}

/* $name =~ /[^\w \-]/i on bytes: anything but ASCII words, space, dash. */
static bool must_quote(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (!(isascii(c) && (isalnum(c) || c == '_' || c == ' ' ||
				     c == '-')))
			return true;
	}
	return false;
}

/* s/(?<!\\)"/\\"/g, then "$name" */
static void sb_quote_name(struct strbuf *sb)
{
	struct strbuf q = STRBUF_INIT;
	size_t i;

	strbuf_addch(&q, '"');
	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == '"' && (!i || sb->buf[i - 1] != '\\'))
			strbuf_addch(&q, '\\');
		strbuf_addch(&q, sb->buf[i]);
	}
	strbuf_addch(&q, '"');
	strbuf_release(sb);
	*sb = q;
}

/* ---- regexes ---- */

static pcre2_code *re_compile(const char *pat, uint32_t opts,
			      struct strbuf *err)
{
	PCRE2_SIZE off;
	int code;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts,
			   &code, &off, NULL);
	if (!re && err) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		strbuf_addf(err, "%s at offset %zu", (char *)msg, (size_t)off);
	}
	return re;
}

/* A regex we wrote ourselves: it compiles. */
static pcre2_code *re_fixed(const char *pat)
{
	struct strbuf err = STRBUF_INIT;
	pcre2_code *re = re_compile(pat, 0, &err);

	if (!re) {
		fprintf(stderr, "BUG: maint regex '%s': %s\n", pat, err.buf);
		abort();
	}
	return re;
}

/* Match re on s[0..len); captures into cap[2 * i], cap[2 * i + 1]
 * (start, end; -1 when unset) for i < ncap. */
static bool re_match(struct maint_db *db, pcre2_code *re, const char *s,
		     size_t len, long *cap, int ncap)
{
	PCRE2_SIZE *ov;
	int rc, i;

	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, db->md, NULL);
	if (rc < 0)
		return false;
	ov = pcre2_get_ovector_pointer(db->md);
	for (i = 0; i < ncap; i++) {
		size_t a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];

		if (rc > i + 1 && a != PCRE2_UNSET) {
			cap[2 * i] = (long)a;
			cap[2 * i + 1] = (long)b;
		} else {
			cap[2 * i] = cap[2 * i + 1] = -1;
		}
	}
	return true;
}

static void cap_str(struct strbuf *sb, const char *s, const long *cap)
{
	strbuf_reset(sb);
	if (cap[0] >= 0)
		strbuf_add(sb, s + cap[0], (size_t)(cap[1] - cap[0]));
}

/* ---- addresses, as parse_email() and format_email() ---- */

static void parse_email(struct maint_db *db, const char *line,
			struct strbuf *name, struct strbuf *addr)
{
	size_t len = strlen(line);
	long cap[4];

	strbuf_reset(name);
	strbuf_reset(addr);
	if (re_match(db, db->re_email[0], line, len, cap, 2)) {
		cap_str(name, line, cap);
		cap_str(addr, line, cap + 2);
	} else if (re_match(db, db->re_email[1], line, len, cap, 1) ||
		   re_match(db, db->re_email[2], line, len, cap, 1)) {
		cap_str(addr, line, cap);
	}
	sb_trim(name);
	sb_unquote_ends(name);
	sb_trim(addr);
	if (must_quote(name->buf))
		sb_quote_name(name);
}

static void format_email(struct strbuf *out, const char *name_in,
			 const char *addr_in)
{
	struct strbuf name = STRBUF_INIT, addr = STRBUF_INIT;

	strbuf_addstr(&name, name_in);
	strbuf_addstr(&addr, addr_in);
	sb_trim(&name);
	sb_unquote_ends(&name);
	sb_trim(&addr);
	if (must_quote(name.buf))
		sb_quote_name(&name);
	strbuf_reset(out);
	if (!name.len)
		strbuf_addbuf(out, &addr);
	else
		strbuf_addf(out, "%s <%s>", name.buf, addr.buf);
	strbuf_release(&name);
	strbuf_release(&addr);
}

/* mailmap_email(): the line as .mailmap maps it, formatted. */
static void mailmap_email(struct maint_db *db, const char *line,
			  struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT, addr = STRBUF_INIT;
	struct strbuf email = STRBUF_INIT;
	const char *rn, *ra;

	parse_email(db, line, &name, &addr);
	format_email(&email, name.buf, addr.buf);
	rn = strmap_get(&db->mm_names, email.buf);
	ra = strmap_get(&db->mm_addrs, email.buf);
	if (!rn && !ra) {
		rn = strmap_get(&db->mm_names, addr.buf);
		ra = strmap_get(&db->mm_addrs, addr.buf);
	}
	format_email(out, rn ? rn : name.buf, ra ? ra : addr.buf);
	strbuf_release(&name);
	strbuf_release(&addr);
	strbuf_release(&email);
}

/* ---- the tree: directories, contents, dotfiles ---- */

static int tree_read(struct maint_db *db, const char *path, struct strbuf *out)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int ret = 1;

	if (db->tree) {
		if (git_tree_entry_bypath(&entry, db->tree, path)) {
			git_error_clear();
			return 1;
		}
		if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		    !git_blob_lookup(&blob, db->repo, git_tree_entry_id(entry))) {
			strbuf_add(out, git_blob_rawcontent(blob),
				   (size_t)git_blob_rawsize(blob));
			ret = 0;
		}
		git_error_clear();
		git_blob_free(blob);
		git_tree_entry_free(entry);
		return ret;
	}
	if (db->root) {
		char *full = xstrfmt("%s/%s", db->root, path);
		struct stat st;

		if (!stat(full, &st) && S_ISREG(st.st_mode) &&
		    !strbuf_read_file(out, full))
			ret = 0;
		free(full);
	}
	return ret;
}

static int tree_type(struct maint_db *db, const char *path)
{
	git_tree_entry *entry = NULL;
	int type = 0;

	if (!*path)
		return 0;
	if (db->tree) {
		size_t len = strlen(path);
		char *p = xstrdup(path);

		/* libgit2 refuses "dir/" */
		while (len > 1 && p[len - 1] == '/')
			p[--len] = '\0';
		if (!git_tree_entry_bypath(&entry, db->tree, p)) {
			if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
				type = 'd';
			else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
				type = 'f';
			git_tree_entry_free(entry);
		}
		git_error_clear();
		free(p);
	} else if (db->root) {
		char *full = xstrfmt("%s/%s", db->root, path);
		struct stat st;

		if (!stat(full, &st))
			type = S_ISDIR(st.st_mode) ? 'd' :
			       S_ISREG(st.st_mode) ? 'f' : 0;
		free(full);
	}
	return type;
}

void maint_db_set_keywords(struct maint_db *db, bool on)
{
	db->no_keywords = !on;
}

bool maint_db_is_dir(struct maint_db *db, const char *path)
{
	return tree_type(db, path) == 'd';
}

bool maint_db_is_file(struct maint_db *db, const char *path)
{
	return tree_type(db, path) == 'f';
}

/* ---- parsing MAINTAINERS ---- */

/*
 * The literal text every match of an F:/X: regex starts with, so that
 * most patterns are ruled out by a prefix compare; plain when the
 * literal is the whole pattern.
 */
static void tv_literal(struct maint_tv *t)
{
	const char *v = t->value;
	char *lit = xmalloc(strlen(v) + 1);
	size_t len = 0, last = 0;	/* last: length before the last literal */
	bool plain = true;

	free(t->lit);
	if (strchr(v, '|')) {
		plain = false;
		goto out;
	}
	while (*v) {
		unsigned char c = (unsigned char)*v;

		if (c == '\\' && v[1] && !isalnum((unsigned char)v[1])) {
			last = len;
			lit[len++] = v[1];
			v += 2;
		} else if (c == '\\' || strchr(".^$()[]{}*+?", c)) {
			plain = false;
			if (c == '*' || c == '?' || c == '{')
				len = last;
			break;
		} else {
			last = len;
			lit[len++] = (char)c;
			v++;
		}
	}
out:
	lit[len] = '\0';
	t->plain = plain;
	t->lit_len = len;
	t->lit = lit;
}

static void tv_set_text(struct maint_tv *t, char *text)
{
	free(t->text);
	t->text = text;
	t->value = text + 2;
	if (t->re)
		pcre2_code_free(t->re);
	t->re = NULL;
	tv_literal(t);
}

/* get_subsystem_name(): at most 50 columns (bytes, as Perl counts). */
static char *section_name(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, s);
	if (sb.len > 50) {
		strbuf_setlen(&sb, 47);
		while (sb.len && perl_space((unsigned char)sb.buf[sb.len - 1]))
			sb.len--;
		sb.buf[sb.len] = '\0';
		strbuf_addstr(&sb, "...");
	}
	return strbuf_detach(&sb, NULL);
}

static char *section_mrole(struct maint_db *db, size_t start, size_t end,
			   const char *name)
{
	struct strbuf role = STRBUF_INIT;
	const char *r;
	size_t i;

	strbuf_addstr(&role, "unknown");
	for (i = start + 1; i < end; i++) {
		if (db->tv[i].type == 'S') {
			strbuf_reset(&role);
			strbuf_addstr(&role, db->tv[i].value);
		}
	}
	/* the value after \s*: leading space is gone already */
	sb_lower(&role);
	if (!strcmp(role.buf, "supported"))
		r = "supporter";
	else if (!strcmp(role.buf, "maintained"))
		r = "maintainer";
	else if (!strcmp(role.buf, "odd fixes"))
		r = "odd fixer";
	else if (!strcmp(role.buf, "orphan"))
		r = "orphan minder";
	else if (!strcmp(role.buf, "obsolete"))
		r = "obsolete minder";
	else if (!strcmp(role.buf, "buried alive in reporters"))
		r = "chief penguin";
	else
		r = role.buf;
	{
		char *s = xstrfmt("%s:%s", r, name);

		strbuf_release(&role);
		return s;
	}
}

static void warn_line(struct maint_db *db, unsigned lineno, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));
static void warn_line(struct maint_db *db, unsigned lineno, const char *fmt,
		      ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	warning("%s:%u: %s", db->name, lineno, sb.buf);
	strbuf_release(&sb);
}

static void compile_regex(struct maint_db *db, struct maint_tv *t)
{
	struct strbuf err = STRBUF_INIT;

	t->re = re_compile(t->value, PCRE2_EXTENDED, &err);
	if (!t->re) {
		warn_line(db, t->lineno, "%c: '%s' is no valid regex (%s); "
			  "ignored", t->type, t->value, err.buf);
		t->bad = true;
	}
	strbuf_release(&err);
}

/* "T:value" as get_maintainer.pl keeps it: F: and X: globs become
 * its regexes (. to \., * to .*, ? to .); room is left for the "/" a
 * directory gets. */
static char *typed_text(char type, const char *v, size_t len)
{
	char *text = xmalloc(2 * len + 4), *o = text;
	size_t i;

	*o++ = type;
	*o++ = ':';
	if (type != 'F' && type != 'X') {
		memcpy(o, v, len);
		o[len] = '\0';
		return text;
	}
	for (i = 0; i < len; i++) {
		if (v[i] == '.') {
			*o++ = '\\';
			*o++ = '.';
		} else if (v[i] == '*') {
			*o++ = '.';
			*o++ = '*';
		} else if (v[i] == '?') {
			*o++ = '.';
		} else {
			*o++ = v[i];
		}
	}
	*o = '\0';
	return text;
}

static struct maint_db *db_new(const char *name)
{
	struct maint_db *db = xcalloc(1, sizeof(*db));

	db->name = xstrdup(name);
	db->md = pcre2_match_data_create(16, NULL);
	if (!db->md)
		die_oom();
	db->re_email[0] = re_fixed("^([^<]+)<(.+\\@.*)>.*$");
	db->re_email[1] = re_fixed("^\\s*<(.+\\@\\S*)>.*$");
	db->re_email[2] = re_fixed("^(.+\\@\\S*).*$");
	return db;
}

static void db_parse(struct maint_db *db, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	bool prev_typed = false;
	size_t i;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p, *s, *lend = p + n;
		struct maint_tv *t;

		lineno++;
		p += n + (nl ? 1 : 0);
		/* /^([A-Z]):\s*(.*)/ */
		if (n >= 2 && line[0] >= 'A' && line[0] <= 'Z' &&
		    line[1] == ':') {
			for (s = line + 2; s < lend && perl_space((unsigned char)*s);
			     s++)
				;
			ALLOC_GROW(db->tv, db->nr + 1, db->alloc);
			t = &db->tv[db->nr++];
			memset(t, 0, sizeof(*t));
			t->type = line[0];
			t->lineno = lineno;
			t->dir = -1;
			t->text = typed_text(t->type, s, (size_t)(lend - s));
			t->value = t->text + 2;
			if (memchr(s, '\0', (size_t)(lend - s)))
				warn_line(db, lineno, "NUL byte in line");
			if (t->type == 'F' || t->type == 'X')
				tv_literal(t);
			if (t->type == 'K') {
				ALLOC_GROW(db->kw, db->kw_nr + 1, db->kw_alloc);
				db->kw[db->kw_nr++] = db->nr - 1;
			}
			if (t->type == 'N' || t->type == 'K')
				compile_regex(db, t);
			prev_typed = true;
			continue;
		}
		for (s = line; s < lend && perl_space((unsigned char)*s); s++)
			;
		if (s == lend || *s == '#') {
			prev_typed = false;
			continue;
		}
		ALLOC_GROW(db->tv, db->nr + 1, db->alloc);
		t = &db->tv[db->nr++];
		memset(t, 0, sizeof(*t));
		t->lineno = lineno;
		t->text = xstrndup(line, n);
		t->value = t->text;
		t->dir = -1;
		/* A line inside a section that is no "T: value": the script
		 * takes it for the name of a new section. */
		if (prev_typed)
			warn_line(db, lineno, "malformed line '%s' (not "
				  "\"X: value\") starts a new section", t->text);
		prev_typed = false;
	}

	/* sections: maximal runs of typed lines */
	for (i = 0; i < db->nr;) {
		struct maint_section *sec;
		size_t a = i, b, j;

		if (!db->tv[i].type) {
			i++;
			continue;
		}
		for (b = a; b < db->nr && db->tv[b].type; b++)
			;
		ALLOC_GROW(db->secs, db->secs_nr + 1, db->secs_alloc);
		sec = &db->secs[db->secs_nr++];
		sec->start = a ? a - 1 : 0;
		sec->end = b;
		sec->name = section_name(db->tv[sec->start].text);
		sec->mrole = section_mrole(db, sec->start, sec->end, sec->name);
		for (j = sec->start; j < b; j++)
			db->tv[j].sec = db->secs_nr - 1;
		i = b;
	}
}

/* ---- .mailmap and .get_maintainer.ignore ---- */

void maint_db_set_mailmap(struct maint_db *db, const char *text)
{
	struct strbuf line = STRBUF_INIT, n = STRBUF_INIT, a = STRBUF_INIT;
	struct strbuf tmp = STRBUF_INIT, wn = STRBUF_INIT, wa = STRBUF_INIT;
	struct strbuf key = STRBUF_INIT;
	const char *p = text;

	strmap_clear(&db->mm_names);
	strmap_clear(&db->mm_addrs);
	if (!db->re_mailmap[0]) {
		db->re_mailmap[0] = re_fixed("^([^<]+)<([^>]+)>$");
		db->re_mailmap[1] = re_fixed("^<([^>]+)>\\s*<([^>]+)>$");
		db->re_mailmap[2] = re_fixed("^(.+)<([^>]+)>\\s*<([^>]+)>$");
		db->re_mailmap[3] =
			re_fixed("^(.+)<([^>]+)>\\s*(.+)\\s*<([^>]+)>$");
	}
	while (*p) {
		const char *nl = strchrnul(p, '\n');
		long cap[8];
		char *hash;

		strbuf_reset(&line);
		strbuf_add(&line, p, (size_t)(nl - p));
		p = *nl ? nl + 1 : nl;
		hash = strchr(line.buf, '#');
		if (hash)
			strbuf_setlen(&line, (size_t)(hash - line.buf));
		sb_trim(&line);
		if (!line.len)
			continue;
		if (re_match(db, db->re_mailmap[0], line.buf, line.len, cap, 2)) {
			cap_str(&n, line.buf, cap);
			cap_str(&a, line.buf, cap + 2);
			while (n.len && perl_space((unsigned char)n.buf[n.len - 1]))
				strbuf_setlen(&n, n.len - 1);
			strbuf_reset(&tmp);
			strbuf_addf(&tmp, "%s <%s>", n.buf, a.buf);
			parse_email(db, tmp.buf, &n, &a);
			strmap_put(&db->mm_names, a.buf, n.buf);
		} else if (re_match(db, db->re_mailmap[1], line.buf, line.len,
				    cap, 2)) {
			cap_str(&a, line.buf, cap);
			cap_str(&wa, line.buf, cap + 2);
			strmap_put(&db->mm_addrs, wa.buf, a.buf);
		} else if (re_match(db, db->re_mailmap[2], line.buf, line.len,
				    cap, 3)) {
			cap_str(&n, line.buf, cap);
			cap_str(&a, line.buf, cap + 2);
			cap_str(&wa, line.buf, cap + 4);
			while (n.len && perl_space((unsigned char)n.buf[n.len - 1]))
				strbuf_setlen(&n, n.len - 1);
			strbuf_reset(&tmp);
			strbuf_addf(&tmp, "%s <%s>", n.buf, a.buf);
			parse_email(db, tmp.buf, &n, &a);
			strmap_put(&db->mm_names, wa.buf, n.buf);
			strmap_put(&db->mm_addrs, wa.buf, a.buf);
		} else if (re_match(db, db->re_mailmap[3], line.buf, line.len,
				    cap, 4)) {
			cap_str(&n, line.buf, cap);
			cap_str(&a, line.buf, cap + 2);
			cap_str(&wn, line.buf, cap + 4);
			cap_str(&wa, line.buf, cap + 6);
			while (n.len && perl_space((unsigned char)n.buf[n.len - 1]))
				strbuf_setlen(&n, n.len - 1);
			strbuf_reset(&tmp);
			strbuf_addf(&tmp, "%s <%s>", n.buf, a.buf);
			parse_email(db, tmp.buf, &n, &a);
			while (wn.len &&
			       perl_space((unsigned char)wn.buf[wn.len - 1]))
				strbuf_setlen(&wn, wn.len - 1);
			strbuf_reset(&tmp);
			strbuf_addf(&tmp, "%s <%s>", wn.buf, wa.buf);
			parse_email(db, tmp.buf, &wn, &wa);
			format_email(&key, wn.buf, wa.buf);
			strmap_put(&db->mm_names, key.buf, n.buf);
			strmap_put(&db->mm_addrs, key.buf, a.buf);
		}
	}
	strbuf_release(&line);
	strbuf_release(&n);
	strbuf_release(&a);
	strbuf_release(&tmp);
	strbuf_release(&wn);
	strbuf_release(&wa);
	strbuf_release(&key);
}

void maint_db_set_ignore(struct maint_db *db, const char *text)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = text;

	strvec_clear(&db->ignore);
	while (*p) {
		const char *nl = strchrnul(p, '\n');
		char *hash;

		strbuf_reset(&line);
		strbuf_add(&line, p, (size_t)(nl - p));
		p = *nl ? nl + 1 : nl;
		sb_trim(&line);
		hash = strchr(line.buf, '#');
		if (hash)
			strbuf_setlen(&line, (size_t)(hash - line.buf));
		if (line.len && strchr(line.buf, '@'))
			strvec_push(&db->ignore, line.buf);
	}
	strbuf_release(&line);
}

bool maint_db_ignores(struct maint_db *db, const char *name, const char *addr)
{
	struct strbuf email = STRBUF_INIT, n = STRBUF_INIT, a = STRBUF_INIT;
	bool found = false;
	size_t i;

	if (!db || !addr)
		return false;
	format_email(&email, name ? name : "", addr);
	for (i = 0; i < db->ignore.nr && !found; i++) {
		/* get_maintainer.pl compares "Name <addr>" lines; the
		 * address alone is what callers without names have */
		parse_email(db, db->ignore.v[i], &n, &a);
		found = !strcmp(db->ignore.v[i], email.buf) ||
			!strcasecmp(a.buf, addr);
	}
	strbuf_release(&email);
	strbuf_release(&n);
	strbuf_release(&a);
	return found;
}

/* .mailmap and .get_maintainer.ignore from the tree, if there */
static void load_dotfiles(struct maint_db *db)
{
	struct strbuf sb = STRBUF_INIT;

	if (!tree_read(db, ".mailmap", &sb))
		maint_db_set_mailmap(db, sb.buf);
	strbuf_reset(&sb);
	if (!tree_read(db, ".get_maintainer.ignore", &sb))
		maint_db_set_ignore(db, sb.buf);
	strbuf_release(&sb);
}

int maint_db_parse(struct maint_db **out, const char *text, size_t len,
		   const char *name)
{
	struct maint_db *db = db_new(name ? name : "MAINTAINERS");

	db_parse(db, text, len);
	*out = db;
	return 0;
}

int maint_db_load_file(struct maint_db **out, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct maint_db *db;
	struct stat st;

	*out = NULL;
	if (stat(path, &st) || !S_ISREG(st.st_mode) ||
	    strbuf_read_file(&sb, path) < 0) {
		if (!errno || S_ISDIR(st.st_mode))
			errno = EISDIR;
		error_errno("unable to read '%s'", path);
		strbuf_release(&sb);
		return -1;
	}
	maint_db_parse(&db, sb.buf, sb.len, path);
	strbuf_release(&sb);
	db->root = xstrdup(".");
	load_dotfiles(db);
	*out = db;
	return 0;
}

int maint_db_load_repo(struct maint_db **out, git_repository *repo)
{
	struct strbuf sb = STRBUF_INIT;
	git_object *obj = NULL;
	struct maint_db *db;
	int ret;

	*out = NULL;
	ret = repo_read_head_file(repo, "MAINTAINERS", &sb);
	if (ret) {
		strbuf_release(&sb);
		return ret;
	}
	maint_db_parse(&db, sb.buf, sb.len, "MAINTAINERS");
	strbuf_release(&sb);
	db->repo = repo;
	if (git_revparse_single(&obj, repo, "HEAD^{tree}")) {
		maint_db_free(db);
		return git_err("unable to read the tree at HEAD");
	}
	db->tree = (git_tree *)obj;
	load_dotfiles(db);
	*out = db;
	return 0;
}

void maint_db_free(struct maint_db *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->nr; i++) {
		free(db->tv[i].text);
		free(db->tv[i].lit);
		pcre2_code_free(db->tv[i].re);
		pcre2_code_free(db->tv[i].re_patch);
	}
	free(db->tv);
	for (i = 0; i < db->secs_nr; i++) {
		free(db->secs[i].name);
		free(db->secs[i].mrole);
	}
	free(db->secs);
	free(db->kw);
	git_tree_free(db->tree);
	free(db->root);
	strmap_clear(&db->mm_names);
	strmap_clear(&db->mm_addrs);
	strvec_clear(&db->ignore);
	for (i = 0; i < ARRAY_SIZE(db->re_email); i++)
		pcre2_code_free(db->re_email[i]);
	for (i = 0; i < ARRAY_SIZE(db->re_mailmap); i++)
		pcre2_code_free(db->re_mailmap[i]);
	for (i = 0; i < ARRAY_SIZE(db->re_patch); i++)
		pcre2_code_free(db->re_patch[i]);
	pcre2_code_free(db->re_file_email);
	pcre2_code_free(db->re_clean_email);
	pcre2_match_data_free(db->md);
	free(db->name);
	free(db);
}

/* ---- matching files: file_match_pattern() ---- */

static size_t count_slashes(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

static bool pattern_prefix_match(struct maint_db *db, struct maint_tv *t,
				 const char *file)
{
	if (t->bad)
		return false;
	if (strncmp(file, t->lit, t->lit_len))
		return false;
	if (t->plain)
		return true;
	if (!t->re) {
		struct strbuf err = STRBUF_INIT;
		char *pat = xstrfmt("^%s", t->value);

		t->re = re_compile(pat, 0, &err);
		if (!t->re) {
			warn_line(db, t->lineno, "%c: '%s' is no valid "
				  "pattern (%s); ignored", t->type,
				  t->value, err.buf);
			t->bad = true;
		}
		free(pat);
		strbuf_release(&err);
		if (!t->re)
			return false;
	}
	return re_match(db, t->re, file, strlen(file), NULL, 0);
}

static bool file_match_pattern(struct maint_db *db, struct maint_tv *t,
			       const char *file)
{
	size_t vlen;

	if (!pattern_prefix_match(db, t, file))
		return false;
	vlen = strlen(t->value);
	if (vlen && t->value[vlen - 1] == '/')
		return true;
	if (t->dir < 0) {
		/* -d $value, on the pattern as converted: a directory
		 * that is named gets a trailing slash */
		t->dir = vlen && maint_db_is_dir(db, t->value);
		if (t->dir) {
			tv_set_text(t, xstrfmt("%s/", t->text));
			return pattern_prefix_match(db, t, file);
		}
	}
	return count_slashes(file) == count_slashes(t->value);
}

/* ---- a query: the files and keyword lines get_maintainer.pl collects ---- */

struct query {
	struct strvec files;
	size_t *kw;		/* K: lines that matched */
	size_t kw_nr, kw_alloc;
	bool sort_files;	/* patch input: sort_and_uniq(@files) */
};

static void query_add_kw(struct query *q, size_t tvi)
{
	ALLOC_GROW(q->kw, q->kw_nr + 1, q->kw_alloc);
	q->kw[q->kw_nr++] = tvi;
}

static void query_release(struct query *q)
{
	strvec_clear(&q->files);
	free(q->kw);
}

/* get_maintainer.pl -f: the file, and K: on its contents */
static void query_add_path(struct maint_db *db, struct query *q,
			   const char *path, bool keywords)
{
	struct strbuf text = STRBUF_INIT;
	size_t i;

	strvec_push(&q->files, path);
	if (!keywords || !strcmp(path, "MAINTAINERS") ||
	    tree_read(db, path, &text)) {
		strbuf_release(&text);
		return;
	}
	for (i = 0; i < db->kw_nr; i++) {
		struct maint_tv *t = &db->tv[db->kw[i]];

		if (t->bad)
			continue;
		if (!t->jitted) {	/* whole files: worth compiling */
			pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);
			t->jitted = true;
		}
		if (re_match(db, t->re, text.buf, text.len, NULL, 0))
			query_add_kw(q, db->kw[i]);
	}
	strbuf_release(&text);
}

static pcre2_code *kw_patch_re(struct maint_db *db, struct maint_tv *t)
{
	if (!t->re_patch && !t->bad) {
		char *pat = xstrfmt("^[+-].*%s", t->value);

		t->re_patch = re_compile(pat, PCRE2_EXTENDED, NULL);
		free(pat);
		if (!t->re_patch) {
			warn_line(db, t->lineno, "K: '%s' is no valid regex "
				  "after a patch line's \"^[+-].*\"; ignored",
				  t->value);
			t->bad = true;
		}
	}
	return t->re_patch;
}

/* m/^\@\@ -(\d+),(\d+)/ */
static bool hunk_header(const char *p, size_t n)
{
	size_t i = 4;

	if (n < 4 || strncmp(p, "@@ -", 4))
		return false;
	if (i >= n || !isdigit((unsigned char)p[i]))
		return false;
	while (i < n && isdigit((unsigned char)p[i]))
		i++;
	return i + 1 < n && p[i] == ',' && isdigit((unsigned char)p[i + 1]);
}

/* The patch reading loop of get_maintainer.pl, line for line. */
static int query_add_patch(struct maint_db *db, struct query *q,
			   const char *text, size_t len, bool keywords)
{
	const char *p = text, *end = text + len;
	bool in_diff = false;
	size_t files_before = q->files.nr;
	struct strbuf f = STRBUF_INIT;

	if (!db->re_patch[0]) {
		db->re_patch[0] =
			re_fixed("^ mode change [0-7]+ => [0-7]+ (\\S+)\\s*$");
		db->re_patch[1] = re_fixed("^rename (?:from|to) (\\S+)\\s*$");
		db->re_patch[2] =
			re_fixed("^diff --git a\\/(\\S+) b\\/(\\S+)\\s*$");
		db->re_patch[3] = re_fixed("^Fixes:\\s+([0-9a-fA-F]{6,40})");
		db->re_patch[4] = re_fixed("^\\+\\+\\+\\s+(\\S+)");
		db->re_patch[5] = re_fixed("^---\\s+(\\S+)");
	}
	q->sort_files = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		long cap[4];
		size_t i;

		if (re_match(db, db->re_patch[0], p, n, cap, 1) ||
		    re_match(db, db->re_patch[1], p, n, cap, 1)) {
			cap_str(&f, p, cap);
			strvec_push(&q->files, f.buf);
		} else if (re_match(db, db->re_patch[2], p, n, cap, 2)) {
			cap_str(&f, p, cap);
			strvec_push(&q->files, f.buf);
			cap_str(&f, p, cap + 2);
			strvec_push(&q->files, f.buf);
		} else if (re_match(db, db->re_patch[3], p, n, cap, 1)) {
			;	/* --nofixes: the line is used up all the same */
		} else if (re_match(db, db->re_patch[4], p, n, cap, 1) ||
			   re_match(db, db->re_patch[5], p, n, cap, 1)) {
			const char *slash;

			cap_str(&f, p, cap);
			slash = strchr(f.buf, '/');
			strvec_push(&q->files, slash ? slash + 1 : f.buf);
			in_diff = true;
		} else if (hunk_header(p, n)) {
			;	/* blame ranges: not used without git */
		} else if (keywords) {
			for (i = 0; i < db->kw_nr; i++) {
				struct maint_tv *t = &db->tv[db->kw[i]];
				pcre2_code *re = in_diff ? kw_patch_re(db, t) :
						 t->re;

				if (t->bad || !re)
					continue;
				if (re_match(db, re, p, n, NULL, 0))
					query_add_kw(q, db->kw[i]);
			}
		}
		p += n;
	}
	strbuf_release(&f);
	return q->files.nr == files_before ? 1 : 0;
}

/* ---- get_maintainers() ---- */

struct entry {
	char *email;
	char *role;
	unsigned tie;
	struct strvec alts, alt_emails;
	struct strset alts_seen, alt_emails_seen;
	char *pname, *paddr;	/* parse_email() of what was pushed */
};

struct state {
	struct maint_db *db;
	struct entry *to, *lists;
	size_t to_nr, to_alloc, lists_nr, lists_alloc;
	struct strset name_inuse, addr_inuse, list_seen;
	/* deduplicate_email()'s two hashes of [name, address] pairs, by
	 * lc(name) and lc(address) */
	struct strmap dd_name_name, dd_name_addr;
	struct strmap dd_addr_name, dd_addr_addr;
	struct strvec file_emails;
	struct strbuf n, a, tmp;
};

static struct entry *push_entry(struct entry **v, size_t *nr, size_t *alloc,
				const char *email, const char *role,
				unsigned tie)
{
	struct entry *e;

	ALLOC_GROW(*v, *nr + 1, *alloc);
	e = &(*v)[(*nr)++];
	memset(e, 0, sizeof(*e));
	e->email = xstrdup(email);
	e->role = xstrdup(role);
	e->tie = tie;
	return e;
}

static void entry_release(struct entry *e)
{
	free(e->email);
	free(e->role);
	free(e->pname);
	free(e->paddr);
	strvec_clear(&e->alts);
	strvec_clear(&e->alt_emails);
	strset_clear(&e->alts_seen);
	strset_clear(&e->alt_emails_seen);
}

static void entries_free(struct entry *v, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		entry_release(&v[i]);
	free(v);
}

/* Append s to v unless it is there already, without scanning v. */
static void push_unique(struct strvec *v, struct strset *seen, const char *s)
{
	if (strset_add(seen, s))
		strvec_push(v, s);
}

/* push_email_address(): 0 when the line has no address */
static int push_email_address(struct state *st, const char *line,
			      const char *role, unsigned tie)
{
	struct entry *e;

	parse_email(st->db, line, &st->n, &st->a);
	/* a line break would forge a header line wherever this is mailed */
	if (!st->a.len || strpbrk(st->a.buf, "\r\n") ||
	    strpbrk(st->n.buf, "\r\n"))
		return 0;
	if (st->n.len && strset_has(&st->name_inuse, st->n.buf))
		return 1;
	if (strset_has(&st->addr_inuse, st->a.buf))
		return 1;
	format_email(&st->tmp, st->n.buf, st->a.buf);
	e = push_entry(&st->to, &st->to_nr, &st->to_alloc, st->tmp.buf, role,
		       tie);
	e->pname = xstrdup(st->n.buf);
	e->paddr = xstrdup(st->a.buf);
	if (st->n.len)
		strset_add(&st->name_inuse, st->n.buf);
	strset_add(&st->addr_inuse, st->a.buf);
	return 1;
}

/*
 * rfc822_valid() and rfc822_validlist() decide between one address and
 * several: only a list of valid addresses separated by commas is split
 * (after comments are stripped); anything else is pushed whole.
 */
static void strip_comments(const char *s, struct strbuf *out)
{
	int depth = 0;
	bool quoted = false;

	strbuf_reset(out);
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			if (!depth)
				strbuf_add(out, s, 2);
			s++;
			continue;
		}
		if (!depth && *s == '"')
			quoted = !quoted;
		if (!quoted && *s == '(') {
			depth++;
			continue;
		}
		if (!quoted && depth && *s == ')') {
			if (!--depth)
				strbuf_addch(out, ' ');
			continue;
		}
		if (!depth)
			strbuf_addch(out, *s);
	}
}

static bool simple_address(const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *at;
	size_t i;

	if (!lt) {
		for (i = 0; i < len; i++)
			if (strchr("<>,\";:()[]", s[i]))
				return false;
		while (len && perl_space((unsigned char)s[len - 1]))
			len--;
		while (len && perl_space((unsigned char)*s))
			s++, len--;
		at = memchr(s, '@', len);
		if (!at || at == s || at == s + len - 1)
			return false;
		for (i = 0; i < len; i++)
			if (perl_space((unsigned char)s[i]))
				return false;
		return true;
	}
	for (i = 0; s + i < lt; i++)
		if (strchr("<>,;:@()[]\\.", s[i]))
			return false;
	at = memchr(lt, '@', len - (size_t)(lt - s));
	return at && memchr(lt, '>', len - (size_t)(lt - s));
}

static void push_email_addresses(struct state *st, const struct maint_tv *t,
				 const char *role, unsigned tie)
{
	struct strbuf s = STRBUF_INIT, piece = STRBUF_INIT;
	const char *v = t->value, *p, *start;
	bool quoted = false, list = true;
	int angle = 0, pieces = 0;

	strip_comments(v, &s);
	for (p = start = s.buf;; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '<')
			angle++;
		else if (*p == '>')
			angle--;
		if (!*p || (*p == ',' && !quoted && !angle)) {
			if (!simple_address(start, (size_t)(p - start)))
				list = false;
			pieces++;
			if (!*p)
				break;
			start = p + 1;
		}
	}
	if (list && pieces > 1) {
		quoted = false;
		angle = 0;
		for (p = start = s.buf;; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == '<')
				angle++;
			else if (*p == '>')
				angle--;
			if (!*p || (*p == ',' && !quoted && !angle)) {
				strbuf_reset(&piece);
				strbuf_add(&piece, start, (size_t)(p - start));
				sb_trim(&piece);
				push_email_address(st, piece.buf, role, tie);
				if (!*p)
					break;
				start = p + 1;
			}
		}
	} else if (!push_email_address(st, v, role, tie)) {
		warn_line(st->db, t->lineno, "invalid MAINTAINERS address: "
			  "'%s'", v);
	}
	strbuf_release(&s);
	strbuf_release(&piece);
}

/* L: "address notes": get_maintainer.pl's split and kind. NULL role when
 * the list is not mailed (subscribers-only). */
static const char *list_kind(const char *v, struct strbuf *addr)
{
	const char *sp, *rest;

	strbuf_reset(addr);
	for (sp = v; *sp && !perl_space((unsigned char)*sp); sp++)
		;
	if (!*sp) {
		strbuf_addstr(addr, v);
		return "open list";
	}
	/* m/([^\s]+)\s+(.*)$/: the first word, then the rest */
	strbuf_add(addr, v, (size_t)(sp - v));
	rest = sp;
	while (perl_space((unsigned char)*rest))
		rest++;
	if (strstr(rest, "subscribers-only"))
		return NULL;
	if (strstr(rest, "moderated"))
		return "moderated list";
	return "open list";
}

static char *list_role(const struct maint_section *sec, const char *kind)
{
	if (!strcmp(sec->name, "THE REST"))
		return xstrdup(kind);
	return xstrfmt("%s:%s", kind, sec->name);
}

static void add_categories(struct state *st, size_t si, unsigned tie)
{
	struct maint_db *db = st->db;
	struct maint_section *sec = &db->secs[si];
	struct strbuf addr = STRBUF_INIT;
	size_t i;

	for (i = sec->start + 1; i < sec->end; i++) {
		struct maint_tv *t = &db->tv[i];

		if (t->type == 'L') {
			const char *kind = list_kind(t->value, &addr);
			char *role;

			if (!kind)
				continue;
			if (!strchr(addr.buf, '@') && !t->warned) {
				/* get_maintainer.pl prints an empty address */
				warn_line(db, t->lineno, "L: '%s' does not start "
					  "with an address; left out", t->value);
				t->warned = true;
			}
			if (strpbrk(addr.buf, "\r\n")) {
				if (!t->warned)
					warn_line(db, t->lineno, "L: address "
						  "holds a line break; left out");
				t->warned = true;
				continue;
			}
			if (strset_add(&st->list_seen, addr.buf)) {
				role = list_role(sec, kind);
				push_entry(&st->lists, &st->lists_nr,
					   &st->lists_alloc, addr.buf, role, tie);
				free(role);
			}
		} else if (t->type == 'M') {
			push_email_addresses(st, t, sec->mrole, tie);
		} else if (t->type == 'R') {
			char *role = xstrfmt("reviewer:%s", sec->name);

			push_email_addresses(st, t, role, tie);
			free(role);
		}
	}
	strbuf_release(&addr);
}

/*
 * The roles an entry of a group of tied sections could have had, had
 * Perl's hash order put another of those sections first.  The group's
 * own entries are the ones add_categories() pushed for it: st->to from
 * to_from on, st->lists from lists_from on.  They are found through
 * hashes, so a group of every section of a huge file costs no scans.
 */
static void tie_alternatives(struct state *st, const size_t *group,
			     size_t nr, size_t to_from, size_t lists_from)
{
	struct maint_db *db = st->db;
	struct strbuf n = STRBUF_INIT, a = STRBUF_INIT, addr = STRBUF_INIT;
	struct strset names = { NULL, 0, 0, true };
	struct strset addrs = { NULL, 0, 0, true };
	struct strset lists = { NULL, 0, 0, true };
	size_t g, i, k;

	/* push_email_address() and add_categories() keep names, addresses
	 * and lists unique regardless of case: one entry each at most */
	for (k = to_from; k < st->to_nr; k++) {
		if (*st->to[k].pname)
			strset_put(&names, st->to[k].pname, k);
		strset_put(&addrs, st->to[k].paddr, k);
	}
	for (k = lists_from; k < st->lists_nr; k++)
		strset_put(&lists, st->lists[k].email, k);

	for (g = 0; g < nr; g++) {
		struct maint_section *sec = &db->secs[group[g]];

		for (i = sec->start + 1; i < sec->end; i++) {
			struct maint_tv *t = &db->tv[i];
			char *role = NULL;
			size_t by_name = SIZE_MAX, by_addr = SIZE_MAX;

			if (t->type == 'L') {
				const char *kind = list_kind(t->value, &addr);
				struct entry *e;

				if (!kind || !strset_get(&lists, addr.buf, &k))
					continue;
				e = &st->lists[k];
				role = list_role(sec, kind);
				push_unique(&e->alts, &e->alts_seen, role);
			} else if (t->type == 'M' || t->type == 'R') {
				parse_email(db, t->value, &n, &a);
				if (!a.len)
					continue;
				if (n.len)
					strset_get(&names, n.buf, &by_name);
				strset_get(&addrs, a.buf, &by_addr);
				if (by_name == SIZE_MAX && by_addr == SIZE_MAX)
					continue;
				role = t->type == 'M' ? xstrdup(sec->mrole) :
				       xstrfmt("reviewer:%s", sec->name);
				format_email(&st->tmp, n.buf, a.buf);
				/* the entry of the name, and that of the
				 * address when it is another */
				if (by_addr == by_name)
					by_addr = SIZE_MAX;
				for (k = 0; k < 2; k++) {
					size_t ei = k ? by_addr : by_name;
					struct entry *e;

					if (ei == SIZE_MAX)
						continue;
					e = &st->to[ei];
					push_unique(&e->alts, &e->alts_seen,
						    role);
					push_unique(&e->alt_emails,
						    &e->alt_emails_seen,
						    st->tmp.buf);
				}
			}
			free(role);
		}
	}
	strset_clear(&names);
	strset_clear(&addrs);
	strset_clear(&lists);
	strbuf_release(&n);
	strbuf_release(&a);
	strbuf_release(&addr);
}

struct hit {
	size_t sec;
	long depth;
};

static int hit_cmp(const void *va, const void *vb)
{
	const struct hit *a = va, *b = vb;

	if (a->depth != b->depth)
		return a->depth > b->depth ? -1 : 1;
	return a->sec < b->sec ? -1 : a->sec > b->sec;
}

/* The sections for one file, deepest pattern first. */
static size_t file_sections(struct maint_db *db, const char *file,
			    struct hit **hits, size_t *alloc)
{
	size_t nr = 0, s, i;

	for (s = 0; s < db->secs_nr; s++) {
		struct maint_section *sec = &db->secs[s];
		bool exclude = false, hit = false;
		long depth = 0;

		for (i = sec->start; i < sec->end && !exclude; i++)
			if (db->tv[i].type == 'X' &&
			    file_match_pattern(db, &db->tv[i], file))
				exclude = true;
		if (exclude)
			continue;
		for (i = sec->start; i < sec->end; i++) {
			struct maint_tv *t = &db->tv[i];

			if (t->type == 'F') {
				size_t vlen;
				long pd;

				if (!file_match_pattern(db, t, file))
					continue;
				vlen = strlen(t->value);
				pd = (long)count_slashes(t->value);
				if (!vlen || t->value[vlen - 1] != '/')
					pd++;
				if (!strncmp(t->value, ".*", 2))
					pd = -1;
				depth = pd;
				hit = true;
			} else if (t->type == 'N' && !t->bad) {
				if (re_match(db, t->re, file, strlen(file),
					     NULL, 0)) {
					depth = 0;
					hit = true;
				}
			}
		}
		if (!hit)
			continue;
		ALLOC_GROW(*hits, nr + 1, *alloc);
		(*hits)[nr].sec = s;
		(*hits)[nr].depth = depth;
		nr++;
	}
	if (nr)	/* qsort() wants a real array, even of nothing */
		qsort(*hits, nr, sizeof(**hits), hit_cmp);
	return nr;
}

size_t maint_file_sections(struct maint_db *db, const char *file,
			   struct strvec *names)
{
	struct hit *hits = NULL;
	size_t alloc = 0, nr = file_sections(db, file, &hits, &alloc);

	for (size_t i = 0; names && i < nr; i++)
		strvec_push(names, db->secs[hits[i].sec].name);
	free(hits);
	return nr;
}

/* deduplicate_email() */
static void deduplicate_email(struct state *st, char **email)
{
	struct strbuf out = STRBUF_INIT;
	const char *name, *addr, *found;

	parse_email(st->db, *email, &st->n, &st->a);
	format_email(&st->tmp, st->n.buf, st->a.buf);
	mailmap_email(st->db, st->tmp.buf, &out);
	parse_email(st->db, out.buf, &st->n, &st->a);
	name = st->n.buf;
	addr = st->a.buf;
	/* the hashes are keyed by lc(): their maps ignore ASCII case */
	if (st->n.len && (found = strmap_get(&st->dd_name_name, name))) {
		addr = strmap_get(&st->dd_name_addr, name);
		name = found;
	} else if ((found = strmap_get(&st->dd_addr_name, addr))) {
		addr = strmap_get(&st->dd_addr_addr, addr);
		name = found;
	} else {
		strmap_put(&st->dd_name_name, name, name);
		strmap_put(&st->dd_name_addr, name, addr);
		strmap_put(&st->dd_addr_name, addr, name);
		strmap_put(&st->dd_addr_addr, addr, addr);
	}
	format_email(&st->tmp, name, addr);
	mailmap_email(st->db, st->tmp.buf, &out);
	free(*email);
	*email = strbuf_detach(&out, NULL);
}

/* $_->[0] !~ /Linus Torvalds <torvalds@linux-foundation.org>/ */
static bool is_penguin(const char *email)
{
	static const char pat[] = "Linus Torvalds <torvalds@linux-foundation.org>";
	size_t plen = sizeof(pat) - 1, len = strlen(email), i, j;

	for (i = 0; i + plen <= len; i++) {
		for (j = 0; j < plen; j++)
			if (pat[j] != '.' && pat[j] != email[i + j])
				break;
		if (j == plen)
			return true;
	}
	return false;
}

/* maintainers_in_file(): .yaml files name their maintainers */
static void file_emails(struct state *st, const char *file)
{
	struct maint_db *db = st->db;
	struct strbuf text = STRBUF_INIT, email = STRBUF_INIT;
	size_t len = strlen(file), off = 0;

	/* m@\bMAINTAINERS$@ */
	if (len >= 11 && !strcmp(file + len - 11, "MAINTAINERS") &&
	    (len == 11 || !(isalnum((unsigned char)file[len - 12]) ||
			    file[len - 12] == '_')))
		return;
	if (len < 5 || strcmp(file + len - 5, ".yaml"))
		return;
	if (tree_read(db, file, &text))
		return;
	if (!db->re_file_email) {
		db->re_file_email = re_fixed(
			"[A-Za-z\\x80-\\xc3\\xbf\\\"\\' \\,\\.\\+-]*\\s*[\\,]*\\s*"
			"[\\(\\<\\{]{0,1}[A-Za-z0-9_\\.\\+-]+\\@[A-Za-z0-9\\.-]+"
			"\\.[A-Za-z0-9]+[\\)\\>\\}]{0,1}");
		db->re_clean_email = re_fixed(
			"[\\(\\<\\{]{0,1}([A-Za-z0-9_\\.\\+-]+\\@[A-Za-z0-9\\.-]+)"
			"[\\)\\>\\}]{0,1}");
	}
	while (off <= text.len) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(db->re_file_email, (PCRE2_SPTR)text.buf,
				     text.len, off, 0, db->md, NULL);

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(db->md);
		strbuf_reset(&email);
		strbuf_add(&email, text.buf + ov[0], ov[1] - ov[0]);
		strvec_push(&st->file_emails, email.buf);
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	strbuf_release(&text);
	strbuf_release(&email);
}

/* split(/[^A-Za-zÀ-ÿ\'\,\.\+-]/, $name), bytes as the script has them */
static bool name_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0x80 && c <= 0xc3) || c == 0xbf || c == '\'' ||
	       c == ',' || c == '.' || c == '+' || c == '-';
}

/* clean_file_emails() for one address */
static void clean_file_email(struct state *st, const char *in,
			     struct strbuf *out)
{
	struct maint_db *db = st->db;
	struct strbuf e = STRBUF_INIT, name = STRBUF_INIT;
	struct strvec nw = STRVEC_INIT;
	size_t off = 0, len = strlen(in), i, start;

	/* s/[\(\<\{]{0,1}(ADDR)[\)\>\}]{0,1}/\<$1\>/g */
	while (off <= len) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(db->re_clean_email, (PCRE2_SPTR)in, len,
				     off, 0, db->md, NULL);

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(db->md);
		strbuf_add(&e, in + off, ov[0] - off);
		strbuf_addch(&e, '<');
		strbuf_add(&e, in + ov[2], ov[3] - ov[2]);
		strbuf_addch(&e, '>');
		off = ov[1];
		if (ov[1] == ov[0]) {
			if (off < len)
				strbuf_addch(&e, in[off]);
			off++;
		}
	}
	if (off < len)
		strbuf_add(&e, in + off, len - off);
	parse_email(db, e.buf, &st->n, &st->a);
	strbuf_addbuf(&name, &st->n);
	if (!strcmp(name.buf, "\",\"") || !strcmp(name.buf, "\".\""))
		strbuf_reset(&name);
	/* split: empty trailing fields dropped, leading ones kept */
	for (i = 0, start = 0; i <= name.len; i++) {
		if (i == name.len || !name_char((unsigned char)name.buf[i])) {
			char *w = xstrndup(name.buf + start, i - start);

			strvec_push(&nw, w);
			free(w);
			start = i + 1;
		}
	}
	while (nw.nr && !*nw.v[nw.nr - 1]) {
		free(nw.v[--nw.nr]);
		nw.v[nw.nr] = NULL;
	}
	if (nw.nr > 2) {
		const char *first = nw.v[nw.nr - 3], *middle = nw.v[nw.nr - 2];
		const char *last = nw.v[nw.nr - 1];
		size_t fl = strlen(first), ml = strlen(middle);
		struct strbuf nn = STRBUF_INIT;

		if ((fl == 1 && isalpha((unsigned char)first[0])) ||
		    (fl == 2 && first[1] == '.') || ml == 1 ||
		    (ml == 2 && middle[1] == '.'))
			strbuf_addf(&nn, "%s %s %s", first, middle, last);
		else
			strbuf_addf(&nn, "%s %s", middle, last);
		strbuf_release(&name);
		name = nn;
	}
	if (name.len && strchr(",.", name.buf[name.len - 1])) {
		strbuf_setlen(&name, name.len - 1);
	} else if (name.len >= 2 && strchr(",.", name.buf[name.len - 2]) &&
		   name.buf[name.len - 1] == '"') {
		name.buf[name.len - 2] = '"';
		strbuf_setlen(&name, name.len - 1);
	}
	if (name.len && strchr(",.", name.buf[0])) {
		memmove(name.buf, name.buf + 1, name.len);
		name.len--;
	} else if (name.len >= 2 && name.buf[0] == '"' &&
		   strchr(",.", name.buf[1])) {
		memmove(name.buf + 1, name.buf + 2, name.len - 1);
		name.len--;
	}
	format_email(out, name.buf, st->a.buf);
	strvec_clear(&nw);
	strbuf_release(&e);
	strbuf_release(&name);
}

/* add_role($line, 'in file') */
static void add_role_in_file(struct state *st, const char *line)
{
	struct strbuf n = STRBUF_INIT, a = STRBUF_INIT;
	size_t i;

	parse_email(st->db, line, &n, &a);
	for (i = 0; i < st->to_nr; i++) {
		struct entry *e = &st->to[i];

		parse_email(st->db, e->email, &st->n, &st->a);
		if ((strcmp(n.buf, st->n.buf) && strcmp(a.buf, st->a.buf)) ||
		    strstr(e->role, "in file"))
			continue;
		if (!*e->role) {
			free(e->role);
			e->role = xstrdup("in file");
		} else {
			char *r = xstrfmt("%s,in file", e->role);

			free(e->role);
			e->role = r;
		}
	}
	strbuf_release(&n);
	strbuf_release(&a);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_uniq(struct strvec *sv)
{
	size_t i, j;

	if (!sv->nr)
		return;
	if (sv->nr)
		qsort(sv->v, sv->nr, sizeof(*sv->v), cmp_str);
	for (i = 1, j = 1; i < sv->nr; i++) {
		if (strcmp(sv->v[i], sv->v[j - 1]))
			sv->v[j++] = sv->v[i];
		else
			free(sv->v[i]);
	}
	sv->nr = j;
	sv->v[j] = NULL;
}

/* K: lines in sort_and_uniq order: Perl sorts the indices as strings */
static int cmp_index_str(const void *va, const void *vb)
{
	char a[32], b[32];

	snprintf(a, sizeof(a), "%zu", *(const size_t *)va);
	snprintf(b, sizeof(b), "%zu", *(const size_t *)vb);
	return strcmp(a, b);
}

static void result_push(struct maint_result *out, enum maint_kind kind,
			struct maint_db *db, const char *email,
			const char *role, unsigned tie,
			const struct strvec *alts,
			const struct strvec *alt_emails)
{
	struct maint_recipient *r;
	struct strbuf n = STRBUF_INIT, a = STRBUF_INIT, al = STRBUF_INIT;
	size_t i;

	parse_email(db, email, &n, &a);
	/*
	 * Whatever path an address came by (M:, L:, .mailmap, a file's own
	 * lines), one with a line break would forge a header line wherever
	 * it is mailed: it never reaches the result.
	 */
	if (strpbrk(a.buf, "\r\n") || strpbrk(n.buf, "\r\n")) {
		strbuf_release(&n);
		strbuf_release(&a);
		return;
	}
	if (n.len >= 2 && n.buf[0] == '"' && n.buf[n.len - 1] == '"') {
		struct strbuf u = STRBUF_INIT;

		for (i = 1; i + 1 < n.len; i++) {
			if (n.buf[i] == '\\' && n.buf[i + 1] == '"' &&
			    i + 2 < n.len)
				i++;
			strbuf_addch(&u, n.buf[i]);
		}
		strbuf_release(&n);
		n = u;
	}
	for (i = 0; alts && i < alts->nr; i++) {
		if (al.len)
			strbuf_addch(&al, '\t');
		strbuf_addstr(&al, alts->v[i]);
	}
	ALLOC_GROW(out->v, out->nr + 1, out->alloc);
	r = &out->v[out->nr++];
	memset(r, 0, sizeof(*r));
	r->alt_roles = strbuf_detach(&al, NULL);
	for (i = 0; alt_emails && i < alt_emails->nr; i++) {
		if (al.len)
			strbuf_addch(&al, '\t');
		strbuf_addstr(&al, alt_emails->v[i]);
	}
	r->alt_emails = strbuf_detach(&al, NULL);
	r->kind = kind;
	r->name = strbuf_detach(&n, NULL);
	r->addr = strbuf_detach(&a, NULL);
	r->role = xstrdup(role);
	r->tie = tie;
}

static void state_release(struct state *st)
{
	entries_free(st->to, st->to_nr);
	entries_free(st->lists, st->lists_nr);
	strset_clear(&st->name_inuse);
	strset_clear(&st->addr_inuse);
	strset_clear(&st->list_seen);
	strmap_clear(&st->dd_name_name);
	strmap_clear(&st->dd_name_addr);
	strmap_clear(&st->dd_addr_name);
	strmap_clear(&st->dd_addr_addr);
	strvec_clear(&st->file_emails);
	strbuf_release(&st->n);
	strbuf_release(&st->a);
	strbuf_release(&st->tmp);
}

static int query_run(struct maint_db *db, struct query *q,
		     struct maint_result *out)
{
	struct state st;
	struct hit *hits = NULL;
	size_t hits_alloc = 0, f, i, k;
	struct strset saw = { NULL, 0, 0, false };
	unsigned ties = 0;

	memset(&st, 0, sizeof(st));
	st.name_inuse.icase = st.addr_inuse.icase = true;
	st.list_seen.icase = true;
	st.dd_name_name.keys.icase = st.dd_name_addr.keys.icase = true;
	st.dd_addr_name.keys.icase = st.dd_addr_addr.keys.icase = true;
	st.db = db;
	strbuf_init(&st.n, 0);
	strbuf_init(&st.a, 0);
	strbuf_init(&st.tmp, 0);
	if (q->sort_files)
		sort_uniq(&q->files);

	for (f = 0; f < q->files.nr; f++) {
		size_t nr = file_sections(db, q->files.v[f], &hits,
					  &hits_alloc);

		for (i = 0; i < nr; i = k) {
			size_t *group, g;
			size_t to_from = st.to_nr, lists_from = st.lists_nr;
			unsigned tie = 0;

			for (k = i + 1; k < nr && hits[k].depth == hits[i].depth;
			     k++)
				;
			if (k - i > 1)
				tie = ++ties;
			for (g = i; g < k; g++)
				add_categories(&st, hits[g].sec, tie);
			if (!tie)
				continue;
			group = xmalloc((k - i) * sizeof(*group));
			for (g = i; g < k; g++)
				group[g - i] = hits[g].sec;
			tie_alternatives(&st, group, k - i, to_from,
					 lists_from);
			free(group);
		}
		file_emails(&st, q->files.v[f]);
	}
	free(hits);

	if (q->kw_nr)
		qsort(q->kw, q->kw_nr, sizeof(*q->kw), cmp_index_str);
	for (i = 0; i < q->kw_nr; i++)
		if (!i || q->kw[i] != q->kw[i - 1])
			add_categories(&st, db->tv[q->kw[i]].sec, 0);

	for (i = 0; i < st.to_nr; i++) {
		struct entry *e = &st.to[i];
		size_t j;

		deduplicate_email(&st, &e->email);
		/* the other forms, mapped as deduplicate_email() maps */
		for (j = 0; j < e->alt_emails.nr; j++) {
			struct strbuf m = STRBUF_INIT;

			mailmap_email(db, e->alt_emails.v[j], &m);
			mailmap_email(db, m.buf, &st.tmp);
			free(e->alt_emails.v[j]);
			e->alt_emails.v[j] = xstrdup(st.tmp.buf);
			strbuf_release(&m);
		}
	}
	for (i = 0; i < st.lists_nr; i++)
		deduplicate_email(&st, &st.lists[i].email);

	for (i = k = 0; i < st.to_nr; i++) {
		if (is_penguin(st.to[i].email)) {
			entry_release(&st.to[i]);
			continue;
		}
		st.to[k++] = st.to[i];
	}
	st.to_nr = k;

	for (i = 0; i < st.file_emails.nr; i++) {
		struct strbuf clean = STRBUF_INIT, m = STRBUF_INIT;

		clean_file_email(&st, st.file_emails.v[i], &clean);
		mailmap_email(db, clean.buf, &m);
		parse_email(db, m.buf, &st.n, &st.a);
		format_email(&clean, st.n.buf, st.a.buf);
		push_email_address(&st, clean.buf, "", 0);
		add_role_in_file(&st, clean.buf);
		strbuf_release(&clean);
		strbuf_release(&m);
	}

	/* merge_email(): the first of equal lines wins */
	for (i = 0; i < st.to_nr + st.lists_nr; i++) {
		bool person = i < st.to_nr;
		struct entry *e = person ? &st.to[i] : &st.lists[i - st.to_nr];

		if (!strset_add(&saw, e->email))
			continue;
		if (!person && !*e->email) {
			/* "L: Some Name <addr>": get_maintainer.pl prints an
			 * empty address; nobody can be mailed at it */
			continue;
		}
		result_push(out, person ? MAINT_PERSON : MAINT_LIST, db,
			    e->email, e->role, e->tie, &e->alts,
			    &e->alt_emails);
	}
	strset_clear(&saw);
	state_release(&st);
	return 0;
}

/* ---- the API ---- */

int maint_match(struct maint_db *db, const char *const *paths, size_t nr,
		const char *patch_text, struct maint_result *out)
{
	struct query q;
	size_t i;
	int ret;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < nr; i++) {
		if (patch_text)
			strvec_push(&q.files, paths[i]);
		else
			query_add_path(db, &q, paths[i], !db->no_keywords);
	}
	if (patch_text)
		query_add_patch(db, &q, patch_text, strlen(patch_text),
				!db->no_keywords);
	ret = query_run(db, &q, out);
	query_release(&q);
	return ret;
}

int maint_match_patches(struct maint_db *db, const char *const *texts,
			size_t nr, struct maint_result *out)
{
	struct query q;
	size_t i;
	int ret;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < nr; i++)
		query_add_patch(db, &q, texts[i], strlen(texts[i]),
				!db->no_keywords);
	ret = query_run(db, &q, out);
	query_release(&q);
	return ret;
}

int maint_match_series(struct maint_db *db, struct series *s,
		       struct maint_result *out)
{
	struct strbuf text = STRBUF_INIT;
	struct query q;
	size_t i;
	int ret = 0;

	memset(&q, 0, sizeof(q));
	q.sort_files = true;
	for (i = 0; i < s->nr && !ret; i++) {
		struct patch *p = &s->patches[i];
		const char *diff;
		size_t j;

		if (series_patch_diff(s, p, &diff)) {
			ret = -1;
			break;
		}
		/* what get_maintainer.pl would read in the patch file */
		strbuf_reset(&text);
		if (p->author_name)
			strbuf_addf(&text, "From: %s <%s>\n", p->author_name,
				    p->author_email ? p->author_email : "");
		strbuf_addf(&text, "Subject: [PATCH] %s\n\n",
			    p->subject ? p->subject : "");
		if (p->body && *p->body) {
			strbuf_addstr(&text, p->body);
			if (text.buf[text.len - 1] != '\n')
				strbuf_addch(&text, '\n');
		}
		/* the diffstat names the files, and K: reads it too */
		strbuf_addstr(&text, "---\n");
		for (j = 0; j < p->paths_nr; j++)
			strbuf_addf(&text, " %s | 1 +\n", p->paths[j].path);
		strbuf_addch(&text, '\n');
		strbuf_addstr(&text, diff);
		query_add_patch(db, &q, text.buf, text.len,
				!db->no_keywords);
		if (!*diff) {
			for (j = 0; j < p->paths_nr; j++)
				strvec_push(&q.files, p->paths[j].path);
		}
	}
	if (!ret)
		ret = query_run(db, &q, out);
	strbuf_release(&text);
	query_release(&q);
	return ret;
}

static void section_people(struct maint_db *db, size_t s, bool m_only,
			   struct maint_result *out)
{
	struct strbuf n = STRBUF_INIT, a = STRBUF_INIT, e = STRBUF_INIT;
	struct strbuf m = STRBUF_INIT;
	size_t i;

	for (i = db->secs[s].start + 1; i < db->secs[s].end; i++) {
		struct maint_tv *t = &db->tv[i];
		char *role;

		if (t->type != 'M' && (m_only || t->type != 'R'))
			continue;
		parse_email(db, t->value, &n, &a);
		if (!a.len)
			continue;
		format_email(&e, n.buf, a.buf);
		mailmap_email(db, e.buf, &m);
		role = t->type == 'M' ? xstrdup(db->secs[s].mrole) :
		       xstrfmt("reviewer:%s", db->secs[s].name);
		result_push(out, MAINT_PERSON, db, m.buf, role, 0, NULL,
			    NULL);
		free(role);
	}
	strbuf_release(&n);
	strbuf_release(&a);
	strbuf_release(&e);
	strbuf_release(&m);
}

static size_t find_section(struct maint_db *db, const char *section)
{
	size_t s;

	for (s = 0; s < db->secs_nr; s++)
		if (starts_with(db->tv[db->secs[s].start].text, section))
			break;
	return s;
}

bool maint_has_section(struct maint_db *db, const char *section)
{
	return find_section(db, section) < db->secs_nr;
}

int maint_section_people(struct maint_db *db, const char *section,
			 bool m_only, struct maint_result *out)
{
	size_t s = find_section(db, section);

	if (s == db->secs_nr)
		return error("no section '%s' in %s", section, db->name);
	section_people(db, s, m_only, out);
	return 0;
}

int maint_section_people_under(struct maint_db *db, const char *prefix,
			       const char *dir, struct maint_result *out)
{
	size_t s, i, found = 0;

	for (s = 0; s < db->secs_nr; s++) {
		if (!starts_with(db->tv[db->secs[s].start].text, prefix))
			continue;
		for (i = db->secs[s].start + 1; i < db->secs[s].end; i++) {
			const char *v = db->tv[i].value;

			if (db->tv[i].type != 'F')
				continue;
			while (*v == ' ' || *v == '\t')
				v++;
			if (starts_with(v, dir))
				break;
		}
		if (i < db->secs[s].end) {
			section_people(db, s, true, out);
			found++;
		}
	}
	return (int)found;
}

static void fallback_push(struct maint_result *out, enum maint_kind kind,
			  const char *name, const char *addr, const char *role)
{
	struct maint_recipient *r;

	ALLOC_GROW(out->v, out->nr + 1, out->alloc);
	r = &out->v[out->nr++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->name = xstrdup(name ? name : "");
	r->addr = xstrdup(addr);
	r->role = xstrdup(role);
	r->alt_roles = xstrdup("");
	r->alt_emails = xstrdup("");
}

int maint_config_fallback(const struct config *cfg, struct maint_result *out)
{
	struct strvec vals = STRVEC_INIT;
	const char *list = cfg ? config_ini(cfg, "lists.bpf") : NULL;
	struct address one;
	size_t i, j;

	if (cfg)
		config_ini_all(cfg, "lists.bpf-maintainers", false, &vals);
	for (i = 0; i < vals.nr; i++) {
		struct address *v;
		size_t nr;

		if (address_list_parse(&v, &nr, vals.v[i])) {
			strvec_clear(&vals);
			return error("bad address list '%s' in [lists] "
				     "bpf-maintainers", vals.v[i]);
		}
		for (j = 0; j < nr; j++)
			fallback_push(out, MAINT_PERSON, v[j].name, v[j].addr,
				      "maintainer:BPF ([lists] bpf-maintainers)");
		address_list_free(v, nr);
	}
	strvec_clear(&vals);
	if (!list || !*list)
		list = "bpf@vger.kernel.org";
	if (address_parse(&one, list))
		return error("bad address '%s' in [lists] bpf", list);
	fallback_push(out, MAINT_LIST, "", one.addr,
		      "open list:BPF ([lists] bpf)");
	address_release(&one);
	return 0;
}

void maint_recipient_format(const struct maint_recipient *r,
			    struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;

	format_email(&tmp, r->name ? r->name : "", r->addr);
	strbuf_addbuf(out, &tmp);
	strbuf_release(&tmp);
}

void maint_result_release(struct maint_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++) {
		free(r->v[i].name);
		free(r->v[i].addr);
		free(r->v[i].role);
		free(r->v[i].alt_roles);
		free(r->v[i].alt_emails);
	}
	free(r->v);
	r->v = NULL;
	r->nr = r->alloc = 0;
}
