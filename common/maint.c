// SPDX-License-Identifier: GPL-2.0
/* maint: read the kernel's MAINTAINERS and answer who to mail for files
 * and patches, step for step as scripts/get_maintainer.pl does it. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "mail.h"
#include "maint-addr.h"
#include "maint-file.h"
#include "maint.h"
#include "perl.h"
#include "repo.h"
#include "series.h"
#include "strbuf.h"
#include "util.h"

struct maint_db {
	struct maint_file f;	/* MAINTAINERS and the tree it came with */
	struct maint_addr *addr;
	pcre2_code *re_patch[6];
	pcre2_code *re_file_email, *re_clean_email;
	pcre2_match_data *md;
	bool no_keywords;
};

/* ---- the database ---- */

static struct maint_db *db_new(const char *name)
{
	struct maint_db *db = xcalloc(1, sizeof(*db));

	maint_file_init(&db->f, name);
	db->addr = maint_addr_new();
	db->md = pcre2_match_data_create(16, NULL);
	if (!db->md)
		die_oom();
	return db;
}

void maint_db_set_keywords(struct maint_db *db, bool on)
{
	db->no_keywords = !on;
}

bool maint_db_is_dir(struct maint_db *db, const char *path)
{
	return maint_file_type(&db->f, path) == 'd';
}

bool maint_db_is_file(struct maint_db *db, const char *path)
{
	return maint_file_type(&db->f, path) == 'f';
}

void maint_db_set_mailmap(struct maint_db *db, const char *text)
{
	maint_addr_set_mailmap(db->addr, text);
}

void maint_db_set_ignore(struct maint_db *db, const char *text)
{
	maint_addr_set_ignore(db->addr, text);
}

bool maint_db_ignores(struct maint_db *db, const char *name, const char *addr)
{
	return db && maint_addr_ignores(db->addr, name, addr);
}

/* .mailmap and .get_maintainer.ignore from the tree, if there */
static void load_dotfiles(struct maint_db *db)
{
	struct strbuf sb = STRBUF_INIT;

	if (!maint_file_read(&db->f, ".mailmap", &sb))
		maint_db_set_mailmap(db, sb.buf);
	strbuf_reset(&sb);
	if (!maint_file_read(&db->f, ".get_maintainer.ignore", &sb))
		maint_db_set_ignore(db, sb.buf);
	strbuf_release(&sb);
}

int maint_db_parse(struct maint_db **out, const char *text, size_t len,
		   const char *name)
{
	struct maint_db *db = db_new(name ? name : "MAINTAINERS");

	maint_file_parse(&db->f, text, len);
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
	db->f.root = xstrdup(".");
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
	db->f.repo = repo;
	if (git_revparse_single(&obj, repo, "HEAD^{tree}")) {
		maint_db_free(db);
		return git_err("unable to read the tree at HEAD");
	}
	db->f.tree = (git_tree *)obj;
	load_dotfiles(db);
	*out = db;
	return 0;
}

void maint_db_free(struct maint_db *db)
{
	size_t i;

	if (!db)
		return;
	maint_file_release(&db->f);
	maint_addr_free(db->addr);
	for (i = 0; i < ARRAY_SIZE(db->re_patch); i++)
		pcre2_code_free(db->re_patch[i]);
	pcre2_code_free(db->re_file_email);
	pcre2_code_free(db->re_clean_email);
	pcre2_match_data_free(db->md);
	free(db);
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
	    maint_file_read(&db->f, path, &text)) {
		strbuf_release(&text);
		return;
	}
	for (i = 0; i < db->f.kw_nr; i++) {
		struct maint_tv *t = &db->f.tv[db->f.kw[i]];

		if (t->bad)
			continue;
		if (!t->jitted) {	/* whole files: worth compiling */
			pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);
			t->jitted = true;
		}
		if (perl_re_match(db->md, t->re, text.buf, text.len, NULL, 0))
			query_add_kw(q, db->f.kw[i]);
	}
	strbuf_release(&text);
}

static pcre2_code *kw_patch_re(struct maint_db *db, struct maint_tv *t)
{
	if (!t->re_patch && !t->bad) {
		char *pat = xstrfmt("^[+-].*%s", t->value);

		t->re_patch = perl_re_compile(pat, PCRE2_EXTENDED, NULL);
		free(pat);
		if (!t->re_patch) {
			maint_file_warn(&db->f, t->lineno, "K: '%s' is no valid regex "
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
			perl_re_fixed("^ mode change [0-7]+ => [0-7]+ (\\S+)\\s*$");
		db->re_patch[1] = perl_re_fixed("^rename (?:from|to) (\\S+)\\s*$");
		db->re_patch[2] =
			perl_re_fixed("^diff --git a\\/(\\S+) b\\/(\\S+)\\s*$");
		db->re_patch[3] = perl_re_fixed("^Fixes:\\s+([0-9a-fA-F]{6,40})");
		db->re_patch[4] = perl_re_fixed("^\\+\\+\\+\\s+(\\S+)");
		db->re_patch[5] = perl_re_fixed("^---\\s+(\\S+)");
	}
	q->sort_files = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		long cap[4];
		size_t i;

		if (perl_re_match(db->md, db->re_patch[0], p, n, cap, 1) ||
		    perl_re_match(db->md, db->re_patch[1], p, n, cap, 1)) {
			perl_re_cap(&f, p, cap);
			strvec_push(&q->files, f.buf);
		} else if (perl_re_match(db->md, db->re_patch[2], p, n, cap, 2)) {
			perl_re_cap(&f, p, cap);
			strvec_push(&q->files, f.buf);
			perl_re_cap(&f, p, cap + 2);
			strvec_push(&q->files, f.buf);
		} else if (perl_re_match(db->md, db->re_patch[3], p, n, cap, 1)) {
			;	/* --nofixes: the line is used up all the same */
		} else if (perl_re_match(db->md, db->re_patch[4], p, n, cap, 1) ||
			   perl_re_match(db->md, db->re_patch[5], p, n, cap, 1)) {
			const char *slash;

			perl_re_cap(&f, p, cap);
			slash = strchr(f.buf, '/');
			strvec_push(&q->files, slash ? slash + 1 : f.buf);
			in_diff = true;
		} else if (hunk_header(p, n)) {
			;	/* blame ranges: not used without git */
		} else if (keywords) {
			for (i = 0; i < db->f.kw_nr; i++) {
				struct maint_tv *t = &db->f.tv[db->f.kw[i]];
				pcre2_code *re = in_diff ? kw_patch_re(db, t) :
						 t->re;

				if (t->bad || !re)
					continue;
				if (perl_re_match(db->md, re, p, n, NULL, 0))
					query_add_kw(q, db->f.kw[i]);
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

	maint_addr_parse(st->db->addr, line, &st->n, &st->a);
	/* a line break would forge a header line wherever this is mailed */
	if (!st->a.len || strpbrk(st->a.buf, "\r\n") ||
	    strpbrk(st->n.buf, "\r\n"))
		return 0;
	if (st->n.len && strset_has(&st->name_inuse, st->n.buf))
		return 1;
	if (strset_has(&st->addr_inuse, st->a.buf))
		return 1;
	maint_addr_format(&st->tmp, st->n.buf, st->a.buf);
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

/* s cut at the commas outside quotes and angle brackets */
static void split_addresses(const char *s, struct strvec *out)
{
	const char *p, *start;
	bool quoted = false;
	int angle = 0;

	for (p = start = s;; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '<')
			angle++;
		else if (*p == '>')
			angle--;
		if (!*p || (*p == ',' && !quoted && !angle)) {
			strvec_pushf(out, "%.*s", (int)(p - start), start);
			if (!*p)
				break;
			start = p + 1;
		}
	}
}

static void push_email_addresses(struct state *st, const struct maint_tv *t,
				 const char *role, unsigned tie)
{
	struct strbuf s = STRBUF_INIT, piece = STRBUF_INIT;
	struct strvec pieces = STRVEC_INIT;
	bool list = true;
	size_t i;

	strip_comments(t->value, &s);
	split_addresses(s.buf, &pieces);
	for (i = 0; i < pieces.nr && list; i++)
		list = simple_address(pieces.v[i], strlen(pieces.v[i]));
	if (list && pieces.nr > 1) {
		for (i = 0; i < pieces.nr; i++) {
			strbuf_reset(&piece);
			strbuf_addstr(&piece, pieces.v[i]);
			perl_trim(&piece);
			push_email_address(st, piece.buf, role, tie);
		}
	} else if (!push_email_address(st, t->value, role, tie)) {
		maint_file_warn(&st->db->f, t->lineno, "invalid MAINTAINERS "
				"address: '%s'", t->value);
	}
	strvec_clear(&pieces);
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
	struct maint_section *sec = &db->f.secs[si];
	struct strbuf addr = STRBUF_INIT;
	size_t i;

	for (i = sec->start + 1; i < sec->end; i++) {
		struct maint_tv *t = &db->f.tv[i];

		if (t->type == 'L') {
			const char *kind = list_kind(t->value, &addr);
			char *role;

			if (!kind)
				continue;
			if (!strchr(addr.buf, '@') && !t->warned) {
				/* get_maintainer.pl prints an empty address */
				maint_file_warn(&db->f, t->lineno, "L: '%s' does not start "
					  "with an address; left out", t->value);
				t->warned = true;
			}
			if (strpbrk(addr.buf, "\r\n")) {
				if (!t->warned)
					maint_file_warn(&db->f, t->lineno, "L: address "
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
		struct maint_section *sec = &db->f.secs[group[g]];

		for (i = sec->start + 1; i < sec->end; i++) {
			struct maint_tv *t = &db->f.tv[i];
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
				maint_addr_parse(db->addr, t->value, &n, &a);
				if (!a.len)
					continue;
				if (n.len)
					strset_get(&names, n.buf, &by_name);
				strset_get(&addrs, a.buf, &by_addr);
				if (by_name == SIZE_MAX && by_addr == SIZE_MAX)
					continue;
				role = t->type == 'M' ? xstrdup(sec->mrole) :
				       xstrfmt("reviewer:%s", sec->name);
				maint_addr_format(&st->tmp, n.buf, a.buf);
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

size_t maint_file_sections(struct maint_db *db, const char *file,
			   struct strvec *names)
{
	struct maint_hit *hits = NULL;
	size_t alloc = 0, nr = maint_file_hits(&db->f, file, &hits, &alloc);

	for (size_t i = 0; names && i < nr; i++)
		strvec_push(names, db->f.secs[hits[i].sec].name);
	free(hits);
	return nr;
}

/* deduplicate_email() */
static void deduplicate_email(struct state *st, char **email)
{
	struct strbuf out = STRBUF_INIT;
	const char *name, *addr, *found;

	maint_addr_parse(st->db->addr, *email, &st->n, &st->a);
	maint_addr_format(&st->tmp, st->n.buf, st->a.buf);
	maint_addr_mailmap(st->db->addr, st->tmp.buf, &out);
	maint_addr_parse(st->db->addr, out.buf, &st->n, &st->a);
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
	maint_addr_format(&st->tmp, name, addr);
	maint_addr_mailmap(st->db->addr, st->tmp.buf, &out);
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
	if (maint_file_read(&db->f, file, &text))
		return;
	if (!db->re_file_email) {
		db->re_file_email = perl_re_fixed(
			"[A-Za-z\\x80-\\xc3\\xbf\\\"\\' \\,\\.\\+-]*\\s*[\\,]*\\s*"
			"[\\(\\<\\{]{0,1}[A-Za-z0-9_\\.\\+-]+\\@[A-Za-z0-9\\.-]+"
			"\\.[A-Za-z0-9]+[\\)\\>\\}]{0,1}");
		db->re_clean_email = perl_re_fixed(
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
	maint_addr_parse(db->addr, e.buf, &st->n, &st->a);
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
	maint_addr_format(out, name.buf, st->a.buf);
	strvec_clear(&nw);
	strbuf_release(&e);
	strbuf_release(&name);
}

/* add_role($line, 'in file') */
static void add_role_in_file(struct state *st, const char *line)
{
	struct strbuf n = STRBUF_INIT, a = STRBUF_INIT;
	size_t i;

	maint_addr_parse(st->db->addr, line, &n, &a);
	for (i = 0; i < st->to_nr; i++) {
		struct entry *e = &st->to[i];

		maint_addr_parse(st->db->addr, e->email, &st->n, &st->a);
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

	maint_addr_parse(db->addr, email, &n, &a);
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
	struct maint_hit *hits = NULL;
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
		size_t nr = maint_file_hits(&db->f, q->files.v[f], &hits,
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
			add_categories(&st, db->f.tv[q->kw[i]].sec, 0);

	for (i = 0; i < st.to_nr; i++) {
		struct entry *e = &st.to[i];
		size_t j;

		deduplicate_email(&st, &e->email);
		/* the other forms, mapped as deduplicate_email() maps */
		for (j = 0; j < e->alt_emails.nr; j++) {
			struct strbuf m = STRBUF_INIT;

			maint_addr_mailmap(db->addr, e->alt_emails.v[j], &m);
			maint_addr_mailmap(db->addr, m.buf, &st.tmp);
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
		maint_addr_mailmap(db->addr, clean.buf, &m);
		maint_addr_parse(db->addr, m.buf, &st.n, &st.a);
		maint_addr_format(&clean, st.n.buf, st.a.buf);
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

	for (i = db->f.secs[s].start + 1; i < db->f.secs[s].end; i++) {
		struct maint_tv *t = &db->f.tv[i];
		char *role;

		if (t->type != 'M' && (m_only || t->type != 'R'))
			continue;
		maint_addr_parse(db->addr, t->value, &n, &a);
		if (!a.len)
			continue;
		maint_addr_format(&e, n.buf, a.buf);
		maint_addr_mailmap(db->addr, e.buf, &m);
		role = t->type == 'M' ? xstrdup(db->f.secs[s].mrole) :
		       xstrfmt("reviewer:%s", db->f.secs[s].name);
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

	for (s = 0; s < db->f.secs_nr; s++)
		if (starts_with(db->f.tv[db->f.secs[s].start].text, section))
			break;
	return s;
}

bool maint_has_section(struct maint_db *db, const char *section)
{
	return find_section(db, section) < db->f.secs_nr;
}

int maint_section_people(struct maint_db *db, const char *section,
			 bool m_only, struct maint_result *out)
{
	size_t s = find_section(db, section);

	if (s == db->f.secs_nr)
		return error("no section '%s' in %s", section, db->f.name);
	section_people(db, s, m_only, out);
	return 0;
}

int maint_section_people_under(struct maint_db *db, const char *prefix,
			       const char *dir, struct maint_result *out)
{
	size_t s, i, found = 0;

	for (s = 0; s < db->f.secs_nr; s++) {
		if (!starts_with(db->f.tv[db->f.secs[s].start].text, prefix))
			continue;
		for (i = db->f.secs[s].start + 1; i < db->f.secs[s].end; i++) {
			const char *v = db->f.tv[i].value;

			if (db->f.tv[i].type != 'F')
				continue;
			while (*v == ' ' || *v == '\t')
				v++;
			if (starts_with(v, dir))
				break;
		}
		if (i < db->f.secs[s].end) {
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

	maint_addr_format(&tmp, r->name ? r->name : "", r->addr);
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
