// SPDX-License-Identifier: GPL-2.0
/* check-nipa: rules for what the netdev/BPF CI (NIPA) and the mail path
 * refuse that the QA document does not spell out. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "check-internal.h"
#include "config.h"
#include "lists.h"
#include "maint.h"
#include "strbuf.h"
#include "util.h"

/* Offset of the first CR not followed by LF in s[0..n), or n. */
static size_t bare_cr(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '\r', n - (size_t)(p - s)));
	     p++)
		if ((size_t)(p - s) + 1 >= n || p[1] != '\n')
			return (size_t)(p - s);
	return n;
}

/* 1-based line of offset off in s. */
static size_t line_of(const char *s, size_t off)
{
	size_t nr = 1;

	for (size_t i = 0; i < off; i++)
		nr += s[i] == '\n';
	return nr;
}

/* A carriage return on its own ends the line for an SMTP server, which
 * then refuses the message, and a series stops there half sent. */
int check_bare_cr(struct check_ctx *c)
{
	for (size_t i = 0; i < c->s->nr; i++) {
		struct patch *p = &c->s->patches[i];
		const char *subj = p->subject ? p->subject : "";
		const char *msg = p->message ? p->message : "", *diff;
		size_t n;

		if (p->parents > 1)
			continue;
		if (bare_cr(subj, strlen(subj)) < strlen(subj)) {
			check_addf(c, p, "bare-cr", -1,
				   "a carriage return in the subject");
			continue;
		}
		n = strlen(msg);
		if (bare_cr(msg, n) < n) {
			check_addf(c, p, "bare-cr", -1,
				   "a carriage return without a line feed on line %zu of the message",
				   line_of(msg, bare_cr(msg, n)));
			continue;
		}
		if (series_patch_diff(c->s, p, &diff))
			return -1;
		n = strlen(diff);
		if (bare_cr(diff, n) < n) {
			size_t off = bare_cr(diff, n);

			check_addf(c, p, "bare-cr", -1,
				   "a carriage return without a line feed on line %zu of the diff",
				   line_of(diff, off));
		}
	}
	return 0;
}

/* NIPA's maintainers test leaves these to their parents' entries. */
static bool needs_entry(const char *path)
{
	const char *base = strrchr(path, '/');

	if (starts_with(path, "Documentation/") ||
	    starts_with(path, "tools/testing/"))
		return false;
	base = base ? base + 1 : path;
	return strcmp(base, "Makefile") && strcmp(base, "Kconfig");
}

/* A new file that only THE REST covers reaches nobody who knows it. */
int check_new_files(struct check_ctx *c)
{
	struct maint_db *db = NULL;
	int ret = 0;

	if (!c->repo)
		return 0;
	for (size_t i = 0; i < c->s->nr; i++) {
		const struct patch *p = &c->s->patches[i];

		for (size_t k = 0; k < p->paths_nr; k++) {
			const struct touched_path *t = &p->paths[k];
			struct strvec names = STRVEC_INIT;
			struct strbuf q = STRBUF_INIT;
			bool covered = false;

			if ((t->kind != 'A' && t->kind != 'C' &&
			     t->kind != 'R') || !needs_entry(t->path))
				continue;
			if (!db) {
				int err = maint_db_load_repo(&db, c->repo);

				if (err) {
					ret = err < 0 ? -1 : 0;
					goto out;
				}
			}
			maint_file_sections(db, t->path, &names);
			for (size_t n = 0; n < names.nr; n++)
				if (strcmp(names.v[n], "THE REST"))
					covered = true;
			strvec_clear(&names);
			if (covered)
				continue;
			check_add_clean(&q, t->path, 100);
			check_addf(c, p, "new-file-unmaintained", -1,
				   "adds %s, which no MAINTAINERS section covers but THE REST",
				   q.buf);
			strbuf_release(&q);
		}
	}
out:
	maint_db_free(db);
	return ret;
}

/* The branch's tree, after patches 1..n-1, for patch n: git's own apply,
 * on a second handle of the repository whose object writes stay in
 * memory, so that checking leaves no object behind. */
struct apply_state {
	const char *path;	/* the file being patched */
};

static int apply_delta(const git_diff_delta *delta, void *data)
{
	struct apply_state *st = data;

	st->path = delta->new_file.path ? delta->new_file.path :
		   delta->old_file.path;
	return 0;
}

static bool head_has(git_repository *repo, const char *path)
{
	git_object *obj = NULL;
	char *spec = xstrfmt("HEAD:%s", path);
	bool ok = !git_revparse_single(&obj, repo, spec);

	free(spec);
	git_error_clear();
	git_object_free(obj);
	return ok;
}

/* Add path of full to idx: the file itself, or the first file of the
 * directory it names there, or the file a leading part of it names. */
static void touched_add(git_index *idx, git_repository *repo, git_tree *full,
			const char *path)
{
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	char *p = xstrdup(path);

	for (char *s = p;; s++) {
		char c = *s;

		if (c && c != '/')
			continue;
		*s = '\0';
		if (git_tree_entry_bypath(&e, full, p)) {
			git_error_clear();
			break;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE || !c)
			break;
		git_tree_entry_free(e);
		e = NULL;
		*s = c;
	}
	/* a directory: one file under it keeps a file-for-directory clash */
	while (e && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	       !git_tree_lookup(&t, repo, git_tree_entry_id(e)) &&
	       git_tree_entrycount(t)) {
		const git_tree_entry *first = git_tree_entry_byindex(t, 0);
		char *q = xstrfmt("%s/%s", p, git_tree_entry_name(first));

		free(p);
		p = q;
		git_tree_entry_free(e);
		git_tree_entry_dup(&e, first);
		git_tree_free(t);
		t = NULL;
	}
	git_tree_free(t);
	if (e && git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_index_entry ie;

		memset(&ie, 0, sizeof(ie));
		ie.path = p;
		ie.mode = git_tree_entry_filemode(e);
		git_oid_cpy(&ie.id, git_tree_entry_id(e));
		if (git_index_add(idx, &ie))
			git_error_clear();
	}
	git_tree_entry_free(e);
	free(p);
}

/*
 * Of the branch's tree, only what the series touches (old and new paths,
 * as the series read them from its diffs): applying to it is applying to
 * the whole tree, without reading a kernel's 80,000 entries into an index
 * once a patch.  0, or -1 (libgit2's error kept).
 */
static int touched_tree(git_tree **out, git_repository *mem, git_tree *full,
			const struct series *s)
{
	git_index *idx = NULL;
	git_oid id;
	int ret = -1;

	if (git_index_new(&idx))
		return -1;
	for (size_t i = 0; i < s->nr && s->patches[i].parents <= 1; i++)
		for (size_t f = 0; f < s->patches[i].paths_nr; f++) {
			const struct touched_path *t = &s->patches[i].paths[f];

			touched_add(idx, mem, full, t->path);
			if (t->old_path)
				touched_add(idx, mem, full, t->old_path);
		}
	if (!git_index_write_tree_to(&id, idx, mem) &&
	    !git_tree_lookup(out, mem, &id))
		ret = 0;
	git_index_free(idx);
	return ret;
}

/* A file as lines (without their "\n"), as apply.c's struct image. */
struct line {
	const char *p;
	size_t len;
};

struct image {
	struct line *v;
	size_t nr, alloc;
};

static void image_push(struct image *img, const char *p, size_t len)
{
	ALLOC_GROW(img->v, img->nr + 1, img->alloc);
	img->v[img->nr].p = p;
	img->v[img->nr++].len = len;
}

static bool fits(const struct image *img, const struct image *pre, size_t at,
		 bool match_beginning, bool match_end)
{
	if ((match_beginning && at) || at + pre->nr > img->nr ||
	    (match_end && at + pre->nr != img->nr))
		return false;
	for (size_t i = 0; i < pre->nr; i++)
		if (img->v[at + i].len != pre->v[i].len ||
		    memcmp(img->v[at + i].p, pre->v[i].p, pre->v[i].len))
			return false;
	return true;
}

/* apply.c's find_pos(): from line outward, a line after, then one before. */
static long find_pos(const struct image *img, const struct image *pre,
		     size_t line, bool match_beginning, bool match_end)
{
	size_t back, fwd, cur;

	if (pre->nr > img->nr)
		return -1;
	if (match_beginning)
		line = 0;
	else if (match_end)
		line = img->nr - pre->nr;
	if (line > img->nr)
		line = img->nr;
	back = fwd = cur = line;
	for (size_t i = 0;; i++) {
		if (fits(img, pre, cur, match_beginning, match_end))
			return (long)cur;
again:
		if (!back && fwd == img->nr)
			break;
		if (i & 1) {
			if (!back) {
				i++;
				goto again;
			}
			cur = --back;
		} else {
			if (fwd == img->nr) {
				i++;
				goto again;
			}
			cur = ++fwd;
		}
	}
	return -1;
}

/* Copy one file's part of a diff, its n hunk headers' new start lines
 * replaced by at[]. */
static void copy_placed(struct strbuf *out, const char *s, const char *e,
			const size_t *at, size_t n)
{
	size_t h = 0;

	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		const char *end = nl ? nl + 1 : e, *plus, *num;

		if (h < n && starts_with(s, "@@ -") &&
		    (plus = memchr(s, '+', (size_t)(end - s)))) {
			num = plus + 1;
			while (num < end && *num >= '0' && *num <= '9')
				num++;
			strbuf_add(out, s, (size_t)(plus - s));
			strbuf_addf(out, "+%zu", at[h++]);
			strbuf_add(out, num, (size_t)(end - num));
		} else {
			strbuf_add(out, s, (size_t)(end - s));
		}
		s = end;
	}
}

/*
 * One file's part [s, e) of a diff, with each hunk where git am puts it
 * in the file as tree has it (apply.c: from the line it names outward; a
 * hunk at line 1 only at the start, one with no context after its last
 * change only at the end).  libgit2 applies a hunk only at the line its
 * header names, so a series on a branch that moved lines above a hunk
 * would not apply here and would on the list.  0, or -1 with *path and
 * *line naming the first hunk git would not apply.
 */
static int place_file(struct strbuf *out, git_tree *tree, const char *s,
		      const char *e, char **path, int *line)
{
	struct image img = { NULL }, pre = { NULL }, post = { NULL };
	const git_diff_delta *delta;
	git_tree_entry *te = NULL;
	git_diff *diff = NULL;
	git_patch *patch = NULL;
	git_blob *blob = NULL;
	size_t *at = NULL, nh = 0;
	int ret = 0;

	if (git_diff_from_buffer(&diff, s, (size_t)(e - s)) ||
	    git_diff_num_deltas(diff) != 1 ||
	    !(delta = git_diff_get_delta(diff, 0)) ||
	    delta->status == GIT_DELTA_ADDED || !delta->old_file.path ||
	    git_patch_from_diff(&patch, diff, 0) ||
	    !(nh = git_patch_num_hunks(patch)) ||
	    git_tree_entry_bypath(&te, tree, delta->old_file.path) ||
	    git_blob_lookup(&blob, git_tree_owner(tree), git_tree_entry_id(te))) {
		/* nothing to place: libgit2 says what is wrong, if anything */
		git_error_clear();
		strbuf_add(out, s, (size_t)(e - s));
		goto out;
	}
	for (const char *b = git_blob_rawcontent(blob),
			*be = b + git_blob_rawsize(blob); b < be;) {
		const char *nl = memchr(b, '\n', (size_t)(be - b));
		const char *le = nl ? nl : be;

		image_push(&img, b, (size_t)(le - b));
		b = nl ? nl + 1 : be;
	}
	at = xcalloc(nh, sizeof(*at));
	for (size_t h = 0; h < nh; h++) {
		const git_diff_hunk *hunk;
		const git_diff_line *l;
		size_t n, trailing = 0;
		long pos;

		if (git_patch_get_hunk(&hunk, &n, patch, h))
			break;
		pre.nr = post.nr = 0;
		for (size_t i = 0; i < n; i++) {
			size_t len;

			if (git_patch_get_line_in_hunk(&l, patch, h, i))
				break;
			len = l->content_len;
			if (len && l->content[len - 1] == '\n')
				len--;
			if (l->origin == GIT_DIFF_LINE_CONTEXT) {
				trailing++;
				image_push(&pre, l->content, len);
				image_push(&post, l->content, len);
			} else if (l->origin == GIT_DIFF_LINE_DELETION) {
				trailing = 0;
				image_push(&pre, l->content, len);
			} else if (l->origin == GIT_DIFF_LINE_ADDITION) {
				trailing = 0;
				image_push(&post, l->content, len);
			}
		}
		pos = find_pos(&img, &pre, hunk->new_start ?
			       (size_t)hunk->new_start - 1 : 0,
			       hunk->old_start <= 1, !trailing);
		if (pos < 0) {
			*path = xstrdup(delta->old_file.path);
			*line = hunk->new_start;
			ret = -1;
			goto out;
		}
		at[h] = (size_t)pos + 1;
		/* the image as this hunk leaves it, for the next */
		ALLOC_GROW(img.v, img.nr + post.nr, img.alloc);
		memmove(img.v + pos + post.nr, img.v + pos + pre.nr,
			(img.nr - (size_t)pos - pre.nr) * sizeof(*img.v));
		memcpy(img.v + pos, post.v, post.nr * sizeof(*post.v));
		img.nr = img.nr - pre.nr + post.nr;
	}
	copy_placed(out, s, e, at, nh);
out:
	free(at);
	free(img.v);
	free(pre.v);
	free(post.v);
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_patch_free(patch);
	git_diff_free(diff);
	return ret;
}

/* The whole diff text, each file's hunks placed as place_file() does. */
static int place_hunks(struct strbuf *out, git_tree *tree, const char *text,
		       char **path, int *line)
{
	const char *s = text;

	while (*s) {
		const char *e = s;

		/* a file's part runs to the next "diff --git" line */
		do {
			e = strchrnul(e, '\n');
			if (*e)
				e++;
		} while (*e && !starts_with(e, "diff --git "));
		if (place_file(out, tree, s, e, path, line))
			return -1;
		s = e;
	}
	return 0;
}

int check_apply(struct check_ctx *c)
{
	const struct tree_choice *t = &c->r->tree;
	git_apply_options opts = GIT_APPLY_OPTIONS_INIT;
	struct apply_state st = { NULL };
	git_repository *mem = NULL;
	git_odb_backend *pack = NULL;
	git_odb *odb = NULL;
	git_object *obj = NULL;
	git_tree *full = NULL, *tree = NULL;
	struct strbuf placed = STRBUF_INIT;
	char *bad = NULL;
	char tip[13];
	int ret = 0;

	if (!c->repo || !c->s->nr)
		return 0;
	if (!t->branch) {
		struct strbuf h = STRBUF_INIT;

		/* a repository of something else has nothing to say */
		if (!head_has(c->repo, "MAINTAINERS") &&
		    !tree_repo_is_iproute2(c->repo))
			return 0;

		strbuf_addf(&h, "the series was not applied to %s: no branch of it is known (fetch the tree, or name its branch in [trees] %s)",
			    t->name, t->name);
		strvec_push_unique(&c->r->hints, h.buf, false);
		strbuf_release(&h);
		return 0;
	}
	if (git_revparse_single(&obj, c->repo, t->branch) ||
	    git_object_peel((git_object **)&full, obj, GIT_OBJECT_TREE)) {
		git_error_clear();
		goto out;
	}
	git_oid_tostr(tip, sizeof(tip), git_object_id(obj));
	/* commits whose base is the tip: they are what applying them makes */
	if (c->s->source == SERIES_RANGE &&
	    !strcmp(c->s->base, git_oid_tostr_s(git_object_id(obj))))
		goto out;

	if (git_repository_open(&mem, git_repository_path(c->repo)) ||
	    git_repository_odb(&odb, mem) || git_mempack_new(&pack) ||
	    git_odb_add_backend(odb, pack, 1000) ||
	    (pack = NULL, touched_tree(&tree, mem, full, c->s))) {
		ret = error("unable to apply the series in memory: %s",
			    git_error_last() ? git_error_last()->message : "?");
		git_error_clear();
		goto out;
	}
	opts.delta_cb = apply_delta;
	opts.payload = &st;
	for (size_t i = 0; i < c->s->nr && c->s->patches[i].parents <= 1; i++) {
		struct patch *p = &c->s->patches[i];
		git_index *idx = NULL;
		git_diff *diff = NULL;
		git_tree *next = NULL;
		const char *text;
		git_oid id;
		int err, line = 0;

		if (series_patch_diff(c->s, p, &text)) {
			ret = -1;
			break;
		}
		if (!*text)
			continue;
		st.path = NULL;
		strbuf_reset(&placed);
		err = place_hunks(&placed, tree, text, &bad, &line);
		if (!err)
			err = git_diff_from_buffer(&diff, placed.buf, placed.len);
		if (!err)
			err = git_apply_to_tree(&idx, mem, tree, diff, &opts);
		if (err) {
			const git_error *e = git_error_last();
			struct strbuf why = STRBUF_INIT, where = STRBUF_INIT;

			if (line)
				strbuf_addf(&why, "hunk at line %d did not apply",
					    line);
			else
				check_add_clean(&why, e && e->message ?
						e->message :
						"patch does not apply", 120);
			/* st.path points into the diff: freed only now */
			check_add_clean(&where, bad ? bad : st.path ? st.path : "",
					100);
			git_diff_free(diff);
			git_error_clear();
			check_addf(c, p, "does-not-apply", -1,
				   "does not apply to %s (%s)%s%s: %s",
				   tree_branch_short(t->branch), tip,
				   where.len ? " at " : "", where.buf, why.buf);
			strbuf_release(&why);
			strbuf_release(&where);
			break;
		}
		git_diff_free(diff);
		err = git_index_write_tree_to(&id, idx, mem) ||
		      git_tree_lookup(&next, mem, &id);
		git_index_free(idx);
		if (err) {
			ret = error("unable to apply the series in memory: %s",
				    git_error_last() ? git_error_last()->message : "?");
			git_error_clear();
			break;
		}
		git_tree_free(tree);
		tree = next;
	}
out:
	strbuf_release(&placed);
	free(bad);
	git_tree_free(tree);
	git_tree_free(full);
	git_object_free(obj);
	git_odb_free(odb);
	if (pack)
		pack->free(pack);
	git_repository_free(mem);
	return ret;
}

/* Every address in text, lower case, as NIPA's pattern finds them. */
static void addresses_in(struct strset *set, const char *text)
{
	static const char stop[] = " \t<>\",;()[]";

	for (const char *at = text; text && (at = strchr(at, '@')); at++) {
		const char *b = at, *e = at + 1;
		char *addr;

		while (b > text && !strchr(stop, b[-1]))
			b--;
		while (*e && !strchr(stop, *e))
			e++;
		if (b == at || e == at + 1)
			continue;
		addr = xstrndup(b, (size_t)(e - b));
		for (char *q = addr; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		strset_add(set, addr);
		free(addr);
	}
}

/* The authors of the commits p's Fixes: tags name. */
static void fixes_authors(struct check_ctx *c, const struct patch *p,
			  struct strvec *out)
{
	for (size_t i = 0; i < p->trailers.nr; i++) {
		struct fixes_tag f;
		git_object *obj = NULL;
		size_t len;
		git_oid id;

		if (!trailer_is(&p->trailers.v[i], "Fixes"))
			continue;
		fixes_parse(&f, p->trailers.v[i].value);
		len = strlen(f.sha);
		if (len >= 7 && len <= GIT_OID_HEXSZ &&
		    !git_oid_fromstrn(&id, f.sha, len) &&
		    !git_object_lookup_prefix(&obj, c->repo, &id, len,
					      GIT_OBJECT_COMMIT)) {
			const git_signature *a =
				git_commit_author((git_commit *)obj);

			if (a && a->email && *a->email)
				strvec_push_unique(out, a->email, true);
		}
		git_object_free(obj);
		git_error_clear();
		fixes_release(&f);
	}
}

/*
 * Patch files: who NIPA's cc_maintainers expects in To/Cc (From counts):
 * the tree's list, whatever the maintainers engine names for the patch
 * but LKML, and the authors of the commits Fixes: names.  A missing
 * author is an error; missing maintainers are an error unless more than
 * one expected address is there, then a warning.
 */
int check_recipients(struct check_ctx *c)
{
	struct maint_db *db = NULL;
	struct lists lists;
	const char *list;
	int ret = 0, err;

	if (c->s->source != SERIES_FILES || !c->repo)
		return 0;
	err = lists_load(&lists, c->opts->cfg);
	if (err)
		return err;
	err = maint_db_load_repo(&db, c->repo);
	if (err) {
		lists_release(&lists);
		return err < 0 ? -1 : 0;
	}
	list = c->r->tree.iproute2 ? lists.netdev.addr : lists.bpf.addr;
	for (size_t i = 0; i < c->s->nr; i++) {
		struct patch *p = &c->s->patches[i];
		struct strset have = { 0 };
		struct strvec want = STRVEC_INIT, authors = STRVEC_INIT;
		struct strbuf text = STRBUF_INIT, miss = STRBUF_INIT;
		struct maint_result mr = { 0 };
		size_t found = 0, missing = 0, missing_authors = 0;

		addresses_in(&have, p->recipients);
		addresses_in(&have, p->sender);
		strvec_push(&want, list);
		if (check_patch_text(c, p, &text) ||
		    maint_match(db, NULL, 0, text.buf, &mr)) {
			ret = -1;
			goto next;
		}
		for (size_t k = 0; k < mr.nr; k++)
			if (strcasecmp(mr.v[k].addr, "linux-kernel@vger.kernel.org"))
				strvec_push_unique(&want, mr.v[k].addr, true);
		fixes_authors(c, p, &authors);
		for (int pass = 0; pass < 2; pass++) {
			const struct strvec *v = pass ? &authors : &want;

			for (size_t k = 0; k < v->nr; k++) {
				char *lc = xstrdup(v->v[k]);
				bool in;

				for (char *q = lc; *q; q++)
					if (*q >= 'A' && *q <= 'Z')
						*q = (char)(*q - 'A' + 'a');
				in = strset_has(&have, lc);
				free(lc);
				/* what send would not mail, NIPA cannot want */
				if (lists_check(&lists, v->v[k]) != LISTS_MAIL)
					continue;
				if (in) {
					found += !pass;
					continue;
				}
				if (pass && strvec_has(&want, v->v[k], true))
					continue;	/* counted already */
				if (miss.len)
					strbuf_addstr(&miss, ", ");
				check_add_clean(&miss, v->v[k], 100);
				if (pass)
					missing_authors++;
				else
					missing++;
			}
		}
		if (missing_authors)
			check_addf(c, p, "recipients-missing", CHECK_ERROR,
				   "To/Cc lack %zu of the expected addresses, the author of a fixed commit among them: %s",
				   missing + missing_authors, miss.buf);
		else if (missing)
			check_addf(c, p, "recipients-missing",
				   found > 1 ? CHECK_WARNING : CHECK_ERROR,
				   "To/Cc lack %zu of the %zu maintainers and lists: %s",
				   missing, want.nr, miss.buf);
next:
		maint_result_release(&mr);
		strset_clear(&have);
		strvec_clear(&want);
		strvec_clear(&authors);
		strbuf_release(&text);
		strbuf_release(&miss);
		if (ret)
			break;
	}
	maint_db_free(db);
	lists_release(&lists);
	return ret;
}

