// SPDX-License-Identifier: GPL-2.0
/* maint-file: parse MAINTAINERS into get_maintainer.pl's @typevalue and
 * its sections, and match files to them as file_match_pattern() does. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "maint-file.h"
#include "strbuf.h"
#include "util.h"

void maint_file_init(struct maint_file *mf, const char *name)
{
	memset(mf, 0, sizeof(*mf));
	mf->name = xstrdup(name);
	mf->md = pcre2_match_data_create(16, NULL);
	if (!mf->md)
		die_oom();
}

void maint_file_release(struct maint_file *mf)
{
	size_t i;

	for (i = 0; i < mf->nr; i++) {
		free(mf->tv[i].text);
		free(mf->tv[i].lit);
		pcre2_code_free(mf->tv[i].re);
		pcre2_code_free(mf->tv[i].re_patch);
	}
	free(mf->tv);
	for (i = 0; i < mf->secs_nr; i++) {
		free(mf->secs[i].name);
		free(mf->secs[i].mrole);
	}
	free(mf->secs);
	free(mf->kw);
	git_tree_free(mf->tree);
	free(mf->root);
	pcre2_match_data_free(mf->md);
	free(mf->name);
	memset(mf, 0, sizeof(*mf));
}

/* ---- the tree: directories, contents, dotfiles ---- */

int maint_file_read(struct maint_file *mf, const char *path,
		    struct strbuf *out)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int ret = 1;

	if (mf->tree) {
		if (git_tree_entry_bypath(&entry, mf->tree, path)) {
			git_error_clear();
			return 1;
		}
		if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		    !git_blob_lookup(&blob, mf->repo, git_tree_entry_id(entry))) {
			strbuf_add(out, git_blob_rawcontent(blob),
				   (size_t)git_blob_rawsize(blob));
			ret = 0;
		}
		git_error_clear();
		git_blob_free(blob);
		git_tree_entry_free(entry);
		return ret;
	}
	if (mf->root) {
		char *full = xstrfmt("%s/%s", mf->root, path);
		struct stat st;

		if (!stat(full, &st) && S_ISREG(st.st_mode) &&
		    !strbuf_read_file(out, full))
			ret = 0;
		free(full);
	}
	return ret;
}

int maint_file_type(struct maint_file *mf, const char *path)
{
	git_tree_entry *entry = NULL;
	int type = 0;

	if (!*path)
		return 0;
	if (mf->tree) {
		size_t len = strlen(path);
		char *p = xstrdup(path);

		/* libgit2 refuses "dir/" */
		while (len > 1 && p[len - 1] == '/')
			p[--len] = '\0';
		if (!git_tree_entry_bypath(&entry, mf->tree, p)) {
			if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
				type = 'd';
			else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
				type = 'f';
			git_tree_entry_free(entry);
		}
		git_error_clear();
		free(p);
	} else if (mf->root) {
		char *full = xstrfmt("%s/%s", mf->root, path);
		struct stat st;

		if (!stat(full, &st))
			type = S_ISDIR(st.st_mode) ? 'd' :
			       S_ISREG(st.st_mode) ? 'f' : 0;
		free(full);
	}
	return type;
}

/* ---- parsing MAINTAINERS ---- */

static void sb_lower(struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] >= 'A' && sb->buf[i] <= 'Z')
			sb->buf[i] += 'a' - 'A';
}

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
		perl_rtrim(&sb);
		strbuf_addstr(&sb, "...");
	}
	return strbuf_detach(&sb, NULL);
}

static char *section_mrole(struct maint_file *mf, size_t start, size_t end,
			   const char *name)
{
	struct strbuf role = STRBUF_INIT;
	const char *r;
	size_t i;

	strbuf_addstr(&role, "unknown");
	for (i = start + 1; i < end; i++) {
		if (mf->tv[i].type == 'S') {
			strbuf_reset(&role);
			strbuf_addstr(&role, mf->tv[i].value);
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

void maint_file_warn(struct maint_file *mf, unsigned lineno, const char *fmt,
		      ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	warning("%s:%u: %s", mf->name, lineno, sb.buf);
	strbuf_release(&sb);
}

static void compile_regex(struct maint_file *mf, struct maint_tv *t)
{
	struct strbuf err = STRBUF_INIT;

	t->re = perl_re_compile(t->value, PCRE2_EXTENDED, &err);
	if (!t->re) {
		maint_file_warn(mf, t->lineno, "%c: '%s' is no valid regex (%s); "
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

void maint_file_parse(struct maint_file *mf, const char *text, size_t len)
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
			ALLOC_GROW(mf->tv, mf->nr + 1, mf->alloc);
			t = &mf->tv[mf->nr++];
			memset(t, 0, sizeof(*t));
			t->type = line[0];
			t->lineno = lineno;
			t->dir = -1;
			t->text = typed_text(t->type, s, (size_t)(lend - s));
			t->value = t->text + 2;
			if (memchr(s, '\0', (size_t)(lend - s)))
				maint_file_warn(mf, lineno, "NUL byte in line");
			if (t->type == 'F' || t->type == 'X')
				tv_literal(t);
			if (t->type == 'K') {
				ALLOC_GROW(mf->kw, mf->kw_nr + 1, mf->kw_alloc);
				mf->kw[mf->kw_nr++] = mf->nr - 1;
			}
			if (t->type == 'N' || t->type == 'K')
				compile_regex(mf, t);
			prev_typed = true;
			continue;
		}
		for (s = line; s < lend && perl_space((unsigned char)*s); s++)
			;
		if (s == lend || *s == '#') {
			prev_typed = false;
			continue;
		}
		ALLOC_GROW(mf->tv, mf->nr + 1, mf->alloc);
		t = &mf->tv[mf->nr++];
		memset(t, 0, sizeof(*t));
		t->lineno = lineno;
		t->text = xstrndup(line, n);
		t->value = t->text;
		t->dir = -1;
		/* A line inside a section that is no "T: value": the script
		 * takes it for the name of a new section. */
		if (prev_typed)
			maint_file_warn(mf, lineno, "malformed line '%s' (not "
				  "\"X: value\") starts a new section", t->text);
		prev_typed = false;
	}

	/* sections: maximal runs of typed lines */
	for (i = 0; i < mf->nr;) {
		struct maint_section *sec;
		size_t a = i, b, j;

		if (!mf->tv[i].type) {
			i++;
			continue;
		}
		for (b = a; b < mf->nr && mf->tv[b].type; b++)
			;
		ALLOC_GROW(mf->secs, mf->secs_nr + 1, mf->secs_alloc);
		sec = &mf->secs[mf->secs_nr++];
		sec->start = a ? a - 1 : 0;
		sec->end = b;
		sec->name = section_name(mf->tv[sec->start].text);
		sec->mrole = section_mrole(mf, sec->start, sec->end, sec->name);
		for (j = sec->start; j < b; j++)
			mf->tv[j].sec = mf->secs_nr - 1;
		i = b;
	}
}

/* ---- matching files: file_match_pattern() ---- */

static size_t count_slashes(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

static bool pattern_prefix_match(struct maint_file *mf, struct maint_tv *t,
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

		t->re = perl_re_compile(pat, 0, &err);
		if (!t->re) {
			maint_file_warn(mf, t->lineno, "%c: '%s' is no valid "
				  "pattern (%s); ignored", t->type,
				  t->value, err.buf);
			t->bad = true;
		}
		free(pat);
		strbuf_release(&err);
		if (!t->re)
			return false;
	}
	return perl_re_match(mf->md, t->re, file, strlen(file), NULL, 0);
}

static bool file_match_pattern(struct maint_file *mf, struct maint_tv *t,
			       const char *file)
{
	size_t vlen;

	if (!pattern_prefix_match(mf, t, file))
		return false;
	vlen = strlen(t->value);
	if (vlen && t->value[vlen - 1] == '/')
		return true;
	if (t->dir < 0) {
		/* -d $value, on the pattern as converted: a directory
		 * that is named gets a trailing slash */
		t->dir = vlen && maint_file_type(mf, t->value) == 'd';
		if (t->dir) {
			tv_set_text(t, xstrfmt("%s/", t->text));
			return pattern_prefix_match(mf, t, file);
		}
	}
	return count_slashes(file) == count_slashes(t->value);
}

static int hit_cmp(const void *va, const void *vb)
{
	const struct maint_hit *a = va, *b = vb;

	if (a->depth != b->depth)
		return a->depth > b->depth ? -1 : 1;
	return a->sec < b->sec ? -1 : a->sec > b->sec;
}

/* The sections for one file, deepest pattern first. */
size_t maint_file_hits(struct maint_file *mf, const char *file,
		       struct maint_hit **hits, size_t *alloc)
{
	size_t nr = 0, s, i;

	for (s = 0; s < mf->secs_nr; s++) {
		struct maint_section *sec = &mf->secs[s];
		bool exclude = false, hit = false;
		long depth = 0;

		for (i = sec->start; i < sec->end && !exclude; i++)
			if (mf->tv[i].type == 'X' &&
			    file_match_pattern(mf, &mf->tv[i], file))
				exclude = true;
		if (exclude)
			continue;
		for (i = sec->start; i < sec->end; i++) {
			struct maint_tv *t = &mf->tv[i];

			if (t->type == 'F') {
				size_t vlen;
				long pd;

				if (!file_match_pattern(mf, t, file))
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
				if (perl_re_match(mf->md, t->re, file, strlen(file),
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
