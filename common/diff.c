// SPDX-License-Identifier: GPL-2.0
/* diff: the diff engine, git's output byte for byte: our own tree walk,
 * git's rename scoring and diffstat, libgit2's xdiff hunks. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "diff.h"
#include "quote.h"
#include "repo.h"
#include "utf8.h"
#include "util.h"

/* diffcore's scale: a score of MAX_SCORE is an identical file. */
#define MAX_SCORE		60000
#define MIN_SCORE		30000	/* -M50% */
#define MIN_BASENAME_SCORE	(MIN_SCORE + (MAX_SCORE - MIN_SCORE) / 2)
#define RENAME_LIMIT		1000	/* diff.renameLimit's default */
#define FIRST_FEW_BYTES		8000	/* where git looks for a NUL */
#define S_ISGITLINK(m)		(((m) & S_IFMT) == 0160000)

struct change {
	char *old_path, *new_path;	/* NULL when that side is absent */
	git_oid old_oid, new_oid;
	unsigned old_mode, new_mode;	/* 0 when absent */
	char status;			/* 'A', 'D', 'M', 'R' */
	int score;			/* renames, in MAX_SCORE units */
	bool dropped;			/* a deletion that became a rename */
	git_blob *old_blob, *new_blob;
	char *old_link, *new_link;	/* a gitlink's text, as git diffs it */
	void *old_hash, *new_hash;	/* rename span hashes, cached */
	bool binary;
	bool counted;			/* added/deleted already known */
	size_t added, deleted;
};

struct changes {
	struct change *v;
	size_t nr, alloc;
	git_repository *repo;
};

static void changes_release(struct changes *cs)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		struct change *c = &cs->v[i];

		free(c->old_path);
		free(c->new_path);
		git_blob_free(c->old_blob);
		git_blob_free(c->new_blob);
		free(c->old_link);
		free(c->new_link);
		free(c->old_hash);
		free(c->new_hash);
	}
	free(cs->v);
	memset(cs, 0, sizeof(*cs));
}

static struct change *change_add(struct changes *cs, char status)
{
	struct change *c;

	ALLOC_GROW(cs->v, cs->nr + 1, cs->alloc);
	c = &cs->v[cs->nr++];
	memset(c, 0, sizeof(*c));
	c->status = status;
	return c;
}

/* ---- the tree walk: git diff-tree's order, identical subtrees skipped */

/* git's base_name_compare(): a tree sorts as if its name ended in '/'. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *n1 = git_tree_entry_name(a), *n2 = git_tree_entry_name(b);
	size_t l1 = strlen(n1), l2 = strlen(n2), len = l1 < l2 ? l1 : l2;
	unsigned char c1, c2;
	int cmp = memcmp(n1, n2, len);

	if (cmp)
		return cmp;
	c1 = n1[len];
	c2 = n2[len];
	if (!c1 && git_tree_entry_type(a) == GIT_OBJECT_TREE)
		c1 = '/';
	if (!c2 && git_tree_entry_type(b) == GIT_OBJECT_TREE)
		c2 = '/';
	return c1 < c2 ? -1 : c1 > c2;
}

static int walk_trees(struct changes *cs, git_tree *a, git_tree *b,
		      struct strbuf *base);

static int walk_one_side(struct changes *cs, const git_tree_entry *e,
			 bool is_new, struct strbuf *base)
{
	size_t len = base->len;
	int ret = 0;

	strbuf_addstr(base, git_tree_entry_name(e));
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		git_tree *t;

		strbuf_addch(base, '/');
		if (git_tree_lookup(&t, cs->repo, git_tree_entry_id(e)) < 0) {
			ret = git_err("unable to read tree '%s'", base->buf);
		} else {
			ret = is_new ? walk_trees(cs, NULL, t, base) :
				       walk_trees(cs, t, NULL, base);
			git_tree_free(t);
		}
	} else {
		struct change *c = change_add(cs, is_new ? 'A' : 'D');

		if (is_new) {
			c->new_path = xstrdup(base->buf);
			c->new_oid = *git_tree_entry_id(e);
			c->new_mode = git_tree_entry_filemode(e);
		} else {
			c->old_path = xstrdup(base->buf);
			c->old_oid = *git_tree_entry_id(e);
			c->old_mode = git_tree_entry_filemode(e);
		}
	}
	strbuf_setlen(base, len);
	return ret;
}

static int walk_trees(struct changes *cs, git_tree *a, git_tree *b,
		      struct strbuf *base)
{
	size_t i = 0, j = 0;
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;

	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);

		if (cmp < 0) {
			if (walk_one_side(cs, ea, false, base))
				return -1;
			i++;
			continue;
		}
		if (cmp > 0) {
			if (walk_one_side(cs, eb, true, base))
				return -1;
			j++;
			continue;
		}
		i++;
		j++;
		if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
			continue;
		if (git_tree_entry_type(ea) == GIT_OBJECT_TREE) {
			git_tree *ta, *tb;
			size_t len = base->len;
			int ret;

			strbuf_addf(base, "%s/", git_tree_entry_name(ea));
			if (git_tree_lookup(&ta, cs->repo, git_tree_entry_id(ea)) < 0)
				return git_err("unable to read tree '%s'", base->buf);
			if (git_tree_lookup(&tb, cs->repo, git_tree_entry_id(eb)) < 0) {
				git_tree_free(ta);
				return git_err("unable to read tree '%s'", base->buf);
			}
			ret = walk_trees(cs, ta, tb, base);
			git_tree_free(ta);
			git_tree_free(tb);
			strbuf_setlen(base, len);
			if (ret)
				return -1;
		} else {
			struct change *c = change_add(cs, 'M');
			size_t len = base->len;

			strbuf_addstr(base, git_tree_entry_name(ea));
			c->old_path = xstrdup(base->buf);
			c->new_path = xstrdup(base->buf);
			strbuf_setlen(base, len);
			c->old_oid = *git_tree_entry_id(ea);
			c->new_oid = *git_tree_entry_id(eb);
			c->old_mode = git_tree_entry_filemode(ea);
			c->new_mode = git_tree_entry_filemode(eb);
		}
	}
	return 0;
}

/* ---- blobs */

static int load_blob(git_blob **out, struct changes *cs, const git_oid *oid,
		     const char *path)
{
	if (*out)
		return 0;
	if (git_blob_lookup(out, cs->repo, oid) < 0)
		return git_err("unable to read blob for '%s'", path);
	return 0;
}

/* git diffs a submodule as the one line "Subproject commit <sha>" */
static char *gitlink_text(const git_oid *oid)
{
	return xstrfmt("Subproject commit %s\n", git_oid_tostr_s(oid));
}

static int load_blobs(struct changes *cs, struct change *c)
{
	if (S_ISGITLINK(c->old_mode) && !c->old_link)
		c->old_link = gitlink_text(&c->old_oid);
	if (S_ISGITLINK(c->new_mode) && !c->new_link)
		c->new_link = gitlink_text(&c->new_oid);
	if (c->old_mode && !S_ISGITLINK(c->old_mode) &&
	    load_blob(&c->old_blob, cs, &c->old_oid, c->old_path))
		return -1;
	if (c->new_mode && !S_ISGITLINK(c->new_mode) &&
	    load_blob(&c->new_blob, cs, &c->new_oid, c->new_path))
		return -1;
	return 0;
}

static const char *blob_data(const git_blob *b)
{
	return b ? git_blob_rawcontent(b) : "";
}

static size_t blob_size(const git_blob *b)
{
	return b ? (size_t)git_blob_rawsize(b) : 0;
}

/* What git diffs for one side of a change: the blob, a gitlink's line,
 * or nothing when that side is absent. */
struct side {
	const char *data;
	size_t size;
	const git_blob *blob;	/* NULL for a gitlink or an absent side */
};

static struct side change_side(const struct change *c, bool new_side)
{
	const char *link = new_side ? c->new_link : c->old_link;
	const git_blob *b = new_side ? c->new_blob : c->old_blob;
	struct side sd = { blob_data(b), blob_size(b), b };

	if (link) {
		sd.data = link;
		sd.size = strlen(link);
		sd.blob = NULL;
	}
	return sd;
}

static const struct side no_side = { "", 0, NULL };

static bool buffer_is_binary(const char *p, size_t len)
{
	if (len > FIRST_FEW_BYTES)
		len = FIRST_FEW_BYTES;
	return memchr(p, 0, len) != NULL;
}

/* ---- rename detection, as git's diffcore-rename and diffcore-delta */

#define HASHBASE 107927
#define INITIAL_HASH_SIZE 9
#define INITIAL_FREE(sz_log2) ((1 << (sz_log2)) * ((sz_log2) - 3) / (sz_log2))

struct spanhash {
	unsigned int hashval;
	unsigned int cnt;
};

struct spanhash_top {
	int alloc_log2;
	int free;
	struct spanhash data[];
};

static struct spanhash_top *spanhash_new(int log2)
{
	struct spanhash_top *h = xcalloc(1, sizeof(*h) +
					 sizeof(struct spanhash) * (1u << log2));

	h->alloc_log2 = log2;
	h->free = INITIAL_FREE(log2);
	return h;
}

static struct spanhash_top *spanhash_rehash(struct spanhash_top *orig)
{
	int osz = 1 << orig->alloc_log2, sz = osz << 1, i;
	struct spanhash_top *h = spanhash_new(orig->alloc_log2 + 1);

	for (i = 0; i < osz; i++) {
		struct spanhash *o = &orig->data[i];
		int bucket;

		if (!o->cnt)
			continue;
		bucket = o->hashval & (sz - 1);
		for (;;) {
			struct spanhash *n = &h->data[bucket++];

			if (!n->cnt) {
				*n = *o;
				h->free--;
				break;
			}
			if (sz <= bucket)
				bucket = 0;
		}
	}
	free(orig);
	return h;
}

static struct spanhash_top *add_spanhash(struct spanhash_top *top,
					 unsigned int hashval, int cnt)
{
	int lim = 1 << top->alloc_log2;
	int bucket = hashval & (lim - 1);

	for (;;) {
		struct spanhash *h = &top->data[bucket++];

		if (!h->cnt) {
			h->hashval = hashval;
			h->cnt = cnt;
			if (--top->free < 0)
				return spanhash_rehash(top);
			return top;
		}
		if (h->hashval == hashval) {
			h->cnt += cnt;
			return top;
		}
		if (lim <= bucket)
			bucket = 0;
	}
}

static int spanhash_cmp(const void *a_, const void *b_)
{
	const struct spanhash *a = a_, *b = b_;

	if (!a->cnt)
		return !b->cnt ? 0 : 1;
	if (!b->cnt)
		return -1;
	return a->hashval < b->hashval ? -1 : a->hashval > b->hashval;
}

static struct spanhash_top *hash_chars(const unsigned char *buf, size_t sz)
{
	struct spanhash_top *hash = spanhash_new(INITIAL_HASH_SIZE);
	unsigned int accum1 = 0, accum2 = 0, hashval;
	int is_text = !buffer_is_binary((const char *)buf, sz);
	int n = 0;

	while (sz) {
		unsigned int c = *buf++;
		unsigned int old_1 = accum1;

		sz--;
		/* Ignore CR in CRLF sequence if text */
		if (is_text && c == '\r' && sz && *buf == '\n')
			continue;
		accum1 = (accum1 << 7) ^ (accum2 >> 25);
		accum2 = (accum2 << 7) ^ (old_1 >> 25);
		accum1 += c;
		if (++n < 64 && c != '\n')
			continue;
		hashval = (accum1 + accum2 * 0x61) % HASHBASE;
		hash = add_spanhash(hash, hashval, n);
		n = 0;
		accum1 = accum2 = 0;
	}
	if (n > 0) {
		hashval = (accum1 + accum2 * 0x61) % HASHBASE;
		hash = add_spanhash(hash, hashval, n);
	}
	qsort(hash->data, (size_t)1 << hash->alloc_log2,
	      sizeof(struct spanhash), spanhash_cmp);
	return hash;
}

static unsigned long count_copied(const struct spanhash_top *src,
				  const struct spanhash_top *dst)
{
	const struct spanhash *s = src->data, *d = dst->data;
	unsigned long sc = 0;

	while (s->cnt) {
		unsigned dst_cnt, src_cnt;

		if (!d->cnt)
			break;
		while (d->cnt && d->hashval < s->hashval)
			d++;
		src_cnt = s->cnt;
		dst_cnt = 0;
		if (d->cnt && d->hashval == s->hashval) {
			dst_cnt = d->cnt;
			d++;
		}
		sc += src_cnt < dst_cnt ? src_cnt : dst_cnt;
		s++;
	}
	return sc;
}

static int estimate_similarity(struct changes *cs, struct change *src,
			       struct change *dst)
{
	size_t ssz, dsz, max_size, base_size, delta_size;

	if (!S_ISREG(src->old_mode) || !S_ISREG(dst->new_mode))
		return 0;
	if (load_blobs(cs, src) || load_blobs(cs, dst))
		return -1;
	ssz = blob_size(src->old_blob);
	dsz = blob_size(dst->new_blob);
	max_size = ssz > dsz ? ssz : dsz;
	base_size = ssz < dsz ? ssz : dsz;
	delta_size = max_size - base_size;
	if ((uint64_t)max_size * (MAX_SCORE - MIN_SCORE) <
	    (uint64_t)delta_size * MAX_SCORE)
		return 0;
	if (!src->old_hash)
		src->old_hash = hash_chars(git_blob_rawcontent(src->old_blob), ssz);
	if (!dst->new_hash)
		dst->new_hash = hash_chars(git_blob_rawcontent(dst->new_blob), dsz);
	if (!dsz)
		return 0;
	return (int)((uint64_t)count_copied(src->old_hash, dst->new_hash) *
		     MAX_SCORE / max_size);
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool basename_same(const struct change *src, const struct change *dst)
{
	return !strcmp(basename_of(src->old_path), basename_of(dst->new_path));
}

struct score {
	int src, dst;		/* indices into cs->v; dst -1 when unused */
	int score, name_score;
};

static int score_cmp(const void *a_, const void *b_)
{
	const struct score *a = a_, *b = b_;

	if (a->dst < 0)
		return 0 <= b->dst;
	else if (b->dst < 0)
		return -1;
	if (a->score == b->score)
		return b->name_score - a->name_score;
	return b->score - a->score;
}

#define NUM_CANDIDATE_PER_DST 4

static void record_if_better(struct score m[], const struct score *o)
{
	int i, worst = 0;

	/* find the worst one */
	for (i = 1; i < NUM_CANDIDATE_PER_DST; i++)
		if (score_cmp(&m[i], &m[worst]) > 0)
			worst = i;
	/* is it better than the worst one? */
	if (score_cmp(&m[worst], o) > 0)
		m[worst] = *o;
}

static void make_rename(struct changes *cs, int src, int dst, int score)
{
	struct change *s = &cs->v[src], *d = &cs->v[dst];

	d->status = 'R';
	d->score = score;
	d->old_path = s->old_path;
	s->old_path = NULL;
	d->old_oid = s->old_oid;
	d->old_mode = s->old_mode;
	d->old_blob = s->old_blob;
	s->old_blob = NULL;
	d->old_link = s->old_link;
	s->old_link = NULL;
	s->dropped = true;
}

static bool basename_unique(struct changes *cs, int *idx, int nr, int me,
			    bool src)
{
	const char *b = basename_of(src ? cs->v[me].old_path : cs->v[me].new_path);
	int i;

	for (i = 0; i < nr; i++) {
		const struct change *c = &cs->v[idx[i]];

		if (idx[i] == me || (src ? c->dropped : c->status != 'A'))
			continue;
		if (!strcmp(basename_of(src ? c->old_path : c->new_path), b))
			return false;
	}
	return true;
}

/* Pair deletions with additions as git diff -M does by default. */
static int detect_renames(struct changes *cs)
{
	int *srcs, *dsts, ns = 0, nd = 0, i, j, ret = 0;
	struct score *mx = NULL;
	int dst_cnt = 0;

	srcs = xcalloc(cs->nr + 1, sizeof(int));
	dsts = xcalloc(cs->nr + 1, sizeof(int));
	for (i = 0; i < (int)cs->nr; i++) {
		if (cs->v[i].status == 'D')
			srcs[ns++] = i;
		else if (cs->v[i].status == 'A')
			dsts[nd++] = i;
	}
	if (!ns || !nd)
		goto out;

	/* exact renames first, preferring sources with the same basename */
	for (i = 0; i < nd; i++) {
		struct change *d = &cs->v[dsts[i]];
		int best = -1, best_score = -1;

		for (j = 0; j < ns; j++) {
			struct change *s = &cs->v[srcs[j]];
			int score;

			if (s->dropped || !git_oid_equal(&s->old_oid, &d->new_oid))
				continue;
			if ((!S_ISREG(s->old_mode) || !S_ISREG(d->new_mode)) &&
			    s->old_mode != d->new_mode)
				continue;
			score = 1 + basename_same(s, d);
			if (score > best_score) {
				best = srcs[j];
				best_score = score;
				if (score == 2)
					break;
			}
		}
		if (best >= 0)
			make_rename(cs, best, dsts[i], MAX_SCORE);
	}

	/* then files whose basename is unique on both sides */
	for (j = 0; j < ns; j++) {
		struct change *s = &cs->v[srcs[j]];
		int d = -1, score;

		if (s->dropped || !basename_unique(cs, srcs, ns, srcs[j], true))
			continue;
		for (i = 0; i < nd; i++) {
			struct change *c = &cs->v[dsts[i]];

			if (c->status == 'A' &&
			    !strcmp(basename_of(c->new_path),
				    basename_of(s->old_path))) {
				d = dsts[i];
				break;
			}
		}
		if (d < 0 || !basename_unique(cs, dsts, nd, d, false))
			continue;
		score = estimate_similarity(cs, s, &cs->v[d]);
		if (score < 0) {
			ret = -1;
			goto out;
		}
		if (score >= MIN_BASENAME_SCORE)
			make_rename(cs, srcs[j], d, score);
	}

	/* then the best of every remaining pair */
	mx = xcalloc((size_t)nd * NUM_CANDIDATE_PER_DST, sizeof(*mx));
	{
		int left_s = 0, left_d = 0;

		for (j = 0; j < ns; j++)
			left_s += !cs->v[srcs[j]].dropped;
		for (i = 0; i < nd; i++)
			left_d += cs->v[dsts[i]].status == 'A';
		if ((long long)left_s * left_d >
		    (long long)RENAME_LIMIT * RENAME_LIMIT)
			goto out;
	}
	for (i = 0; i < nd; i++) {
		struct change *d = &cs->v[dsts[i]];
		struct score *m = &mx[dst_cnt * NUM_CANDIDATE_PER_DST];

		if (d->status != 'A')
			continue;
		for (j = 0; j < NUM_CANDIDATE_PER_DST; j++)
			m[j].dst = -1;
		for (j = 0; j < ns; j++) {
			struct change *s = &cs->v[srcs[j]];
			struct score this;

			if (s->dropped)
				continue;
			this.score = estimate_similarity(cs, s, d);
			if (this.score < 0) {
				ret = -1;
				goto out;
			}
			this.name_score = basename_same(s, d);
			this.dst = dsts[i];
			this.src = srcs[j];
			record_if_better(m, &this);
		}
		dst_cnt++;
	}
	/* git sorts stably; qsort is not, so break ties by position */
	for (i = 0; i < dst_cnt * NUM_CANDIDATE_PER_DST; i++)
		for (j = i; j > 0 && score_cmp(&mx[j - 1], &mx[j]) > 0; j--) {
			struct score t = mx[j];

			mx[j] = mx[j - 1];
			mx[j - 1] = t;
		}
	for (i = 0; i < dst_cnt * NUM_CANDIDATE_PER_DST; i++) {
		struct score *p = &mx[i];

		if (p->dst < 0 || p->score < MIN_SCORE)
			break;
		if (cs->v[p->dst].status != 'A' || cs->v[p->src].dropped)
			continue;
		make_rename(cs, p->src, p->dst, p->score);
	}
out:
	free(mx);
	free(srcs);
	free(dsts);
	return ret;
}

static int changes_between(struct changes *cs, git_repository *repo,
			   git_tree *a, git_tree *b)
{
	struct strbuf base = STRBUF_INIT;
	int ret;

	cs->repo = repo;
	ret = walk_trees(cs, a, b, &base);
	strbuf_release(&base);
	if (!ret)
		ret = detect_renames(cs);
	return ret;
}

/* ---- per-file diff text */

static git_diff_options diff_opts(void)
{
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;

	o.context_lines = 3;
	o.interhunk_lines = 0;
	o.flags = GIT_DIFF_INDENT_HEURISTIC | GIT_DIFF_FORCE_TEXT;
	return o;
}

static void add_abbrev(struct strbuf *out, const git_oid *oid, int abbrev)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	strbuf_add(out, hex, abbrev);
}

static const char b85[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	"!#$%&()*+-;<=>?@^_`{|}~";

static void encode_85(struct strbuf *out, const unsigned char *data, int bytes)
{
	while (bytes) {
		unsigned acc = 0;
		char buf[5];
		int cnt;

		for (cnt = 24; cnt >= 0; cnt -= 8) {
			unsigned ch = *data++;

			acc |= ch << cnt;
			if (--bytes == 0)
				break;
		}
		for (cnt = 4; cnt >= 0; cnt--) {
			int val = acc % 85;

			acc /= 85;
			buf[cnt] = b85[val];
		}
		strbuf_add(out, buf, 5);
	}
}

/* git deflates binary patches at zlib's best speed (core.compression
 * unset); libgit2 uses the default level, so deflate again. */
static int deflate_buf(struct strbuf *out, const void *in, size_t len)
{
	z_stream s;
	int ret;

	memset(&s, 0, sizeof(s));
	if (deflateInit(&s, Z_BEST_SPEED) != Z_OK)
		return error("zlib: deflateInit failed");
	strbuf_grow(out, deflateBound(&s, len));
	s.next_in = (unsigned char *)in;
	s.avail_in = len;
	s.next_out = (unsigned char *)out->buf + out->len;
	s.avail_out = out->alloc - out->len - 1;
	ret = deflate(&s, Z_FINISH);
	if (ret == Z_STREAM_END)
		strbuf_setlen(out, out->len + (out->alloc - out->len - 1 - s.avail_out));
	deflateEnd(&s);
	return ret == Z_STREAM_END ? 0 : error("zlib: deflate failed");
}

static int inflate_buf(struct strbuf *out, const void *in, size_t len,
		       size_t inflated)
{
	z_stream s;
	int ret;

	memset(&s, 0, sizeof(s));
	if (inflateInit(&s) != Z_OK)
		return error("zlib: inflateInit failed");
	strbuf_grow(out, inflated);
	s.next_in = (unsigned char *)in;
	s.avail_in = len;
	s.next_out = (unsigned char *)out->buf;
	s.avail_out = inflated;
	ret = inflate(&s, Z_FINISH);
	inflateEnd(&s);
	if (ret != Z_STREAM_END || s.avail_out)
		return error("zlib: inflate failed");
	strbuf_setlen(out, inflated);
	return 0;
}

static void emit_85_lines(struct strbuf *out, const unsigned char *cp,
			  size_t data_size)
{
	while (data_size) {
		int bytes = data_size > 52 ? 52 : (int)data_size;

		data_size -= bytes;
		strbuf_addch(out, bytes <= 26 ? bytes + 'A' - 1 :
			     bytes - 26 + 'a' - 1);
		encode_85(out, cp, bytes);
		cp += bytes;
		strbuf_addch(out, '\n');
	}
	strbuf_addch(out, '\n');
}

/* One direction of git's emit_binary_diff_body(). */
static int binary_body(struct strbuf *out, const git_diff_binary_file *bf,
		       const git_blob *to)
{
	struct strbuf lit = STRBUF_INIT, raw = STRBUF_INIT, delta = STRBUF_INIT;
	int ret = 0;

	if (deflate_buf(&lit, blob_data(to), blob_size(to))) {
		ret = -1;
		goto out;
	}
	/* libgit2 chose between a delta and the literal by its own deflate
	 * sizes; its delta is git's, so compare again at git's level. */
	if (bf->type == GIT_DIFF_BINARY_DELTA) {
		if (inflate_buf(&raw, bf->data, bf->datalen, bf->inflatedlen) ||
		    deflate_buf(&delta, raw.buf, raw.len)) {
			ret = -1;
			goto out;
		}
	}
	if (delta.len && delta.len < lit.len) {
		strbuf_addf(out, "delta %zu\n", raw.len);
		emit_85_lines(out, (unsigned char *)delta.buf, delta.len);
	} else {
		strbuf_addf(out, "literal %zu\n", blob_size(to));
		emit_85_lines(out, (unsigned char *)lit.buf, lit.len);
	}
out:
	strbuf_release(&lit);
	strbuf_release(&raw);
	strbuf_release(&delta);
	return ret;
}

struct binary_payload {
	struct strbuf *out;
	const struct change *c;
	int ret;
	bool seen;
};

static int binary_cb(const git_diff_delta *delta,
		     const git_diff_binary *binary, void *payload)
{
	struct binary_payload *bp = payload;

	bp->seen = true;
	strbuf_addstr(bp->out, "GIT binary patch\n");
	if (binary_body(bp->out, &binary->new_file, bp->c->new_blob) ||
	    binary_body(bp->out, &binary->old_file, bp->c->old_blob))
		bp->ret = -1;
	return 0;
}

static int text_hunks(struct strbuf *out, const struct change *c,
		      const struct side *os, const struct side *ns,
		      const char *a_label, const char *b_label,
		      size_t *added, size_t *deleted)
{
	git_diff_options o = diff_opts();
	git_patch *patch = NULL;
	size_t h, nh, ctx, adds, dels;
	int err;

	/* blobs as ever; a gitlink's line is no blob */
	if ((os->size && !os->blob) || (ns->size && !ns->blob))
		err = git_patch_from_buffers(&patch, os->data, os->size,
					     c->old_path, ns->data, ns->size,
					     c->new_path, &o);
	else
		err = git_patch_from_blobs(&patch, os->blob, c->old_path,
					   ns->blob, c->new_path, &o);
	if (err < 0)
		return git_err("unable to diff '%s'",
			       c->new_path ? c->new_path : c->old_path);
	git_patch_line_stats(&ctx, &adds, &dels, patch);
	*added = adds;
	*deleted = dels;
	nh = git_patch_num_hunks(patch);
	if (out && nh)
		/* git marks names holding a space with a tab */
		strbuf_addf(out, "--- %s%s\n+++ %s%s\n",
			    a_label, strchr(a_label, ' ') ? "\t" : "",
			    b_label, strchr(b_label, ' ') ? "\t" : "");
	for (h = 0; out && h < nh; h++) {
		const git_diff_hunk *hunk;
		size_t l, nl, len;

		git_patch_get_hunk(&hunk, &nl, patch, h);
		/* git cuts the function name at 80 bytes, then trims */
		len = hunk->header_len;
		while (len && isspace((unsigned char)hunk->header[len - 1]))
			len--;
		strbuf_add(out, hunk->header, len);
		strbuf_addch(out, '\n');
		for (l = 0; l < nl; l++) {
			const git_diff_line *line;

			git_patch_get_line_in_hunk(&line, patch, h, l);
			switch (line->origin) {
			case GIT_DIFF_LINE_CONTEXT_EOFNL:
			case GIT_DIFF_LINE_ADD_EOFNL:
			case GIT_DIFF_LINE_DEL_EOFNL:
				strbuf_addstr(out, "\\ No newline at end of file\n");
				continue;
			}
			strbuf_addch(out, line->origin);
			strbuf_add(out, line->content, line->content_len);
			if (!line->content_len ||
			    line->content[line->content_len - 1] != '\n')
				strbuf_addch(out, '\n');
		}
	}
	git_patch_free(patch);
	return 0;
}

/* Diff one side against nothing (typechange halves) or both. */
static int emit_pair(struct strbuf *out, struct change *c, int abbrev,
		     bool old_side, bool new_side)
{
	struct strbuf hdr = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	const char *op = c->old_path ? c->old_path : c->new_path;
	const char *np = c->new_path ? c->new_path : c->old_path;
	unsigned om = old_side ? c->old_mode : 0, nm = new_side ? c->new_mode : 0;
	const git_blob *ob = old_side ? c->old_blob : NULL;
	const git_blob *nb = new_side ? c->new_blob : NULL;
	struct side os = old_side ? change_side(c, false) : no_side;
	struct side ns = new_side ? change_side(c, true) : no_side;
	bool same, binary;
	int ret = 0;

	quote_two(&a, "a/", op);
	quote_two(&b, "b/", np);
	strbuf_addf(&hdr, "diff --git %s %s\n", a.buf, b.buf);
	if (!om)
		strbuf_addf(&hdr, "new file mode %06o\n", nm);
	else if (!nm)
		strbuf_addf(&hdr, "deleted file mode %06o\n", om);
	else if (om != nm)
		strbuf_addf(&hdr, "old mode %06o\nnew mode %06o\n", om, nm);
	if (c->status == 'R') {
		strbuf_addf(&hdr, "similarity index %d%%\nrename from ",
			    c->score * 100 / MAX_SCORE);
		quote_c_style(&hdr, c->old_path);
		strbuf_addstr(&hdr, "\nrename to ");
		quote_c_style(&hdr, c->new_path);
		strbuf_addch(&hdr, '\n');
	}
	binary = buffer_is_binary(os.data, os.size) ||
		 buffer_is_binary(ns.data, ns.size);
	same = os.size == ns.size && !memcmp(os.data, ns.data, os.size);
	if (!(om && nm && git_oid_equal(&c->old_oid, &c->new_oid))) {
		static const git_oid zero;
		int len = binary ? GIT_OID_HEXSZ : abbrev;

		strbuf_addstr(&hdr, "index ");
		add_abbrev(&hdr, om ? &c->old_oid : &zero, len);
		strbuf_addstr(&hdr, "..");
		add_abbrev(&hdr, nm ? &c->new_oid : &zero, len);
		if (om == nm)
			strbuf_addf(&hdr, " %06o", om);
		strbuf_addch(&hdr, '\n');
	}
	/* the diffstat of a whole pair comes from the same diff */
	if (old_side && new_side) {
		c->counted = true;
		c->binary = binary;
		c->added = same ? 0 : binary ? blob_size(nb) : 0;
		c->deleted = same ? 0 : binary ? blob_size(ob) : 0;
	}
	if (same) {
		strbuf_addbuf(out, &hdr);
		goto out;
	}
	strbuf_addbuf(out, &hdr);
	if (binary) {
		git_diff_options o = diff_opts();
		struct binary_payload bp = { out, c, 0, false };
		struct change half = *c;

		half.old_blob = (git_blob *)ob;
		half.new_blob = (git_blob *)nb;
		bp.c = &half;
		o.flags = GIT_DIFF_SHOW_BINARY | GIT_DIFF_FORCE_BINARY;
		if (git_diff_blobs(ob, op, nb, np, &o, NULL, binary_cb, NULL,
				   NULL, &bp) < 0) {
			ret = git_err("unable to diff '%s'", np);
			goto out;
		}
		ret = bp.ret;
		if (!bp.seen)
			ret = error("no binary diff for '%s'", np);
	} else {
		size_t ad, de;

		strbuf_reset(&a);
		strbuf_reset(&b);
		if (om)
			quote_two(&a, "a/", op);
		else
			strbuf_addstr(&a, "/dev/null");
		if (nm)
			quote_two(&b, "b/", np);
		else
			strbuf_addstr(&b, "/dev/null");
		ret = text_hunks(out, c, &os, &ns, a.buf, b.buf, &ad, &de);
		if (old_side && new_side) {
			c->added = ad;
			c->deleted = de;
		}
	}
out:
	strbuf_release(&hdr);
	strbuf_release(&a);
	strbuf_release(&b);
	return ret;
}

static int emit_diff(struct strbuf *out, struct changes *cs, int abbrev)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		struct change *c = &cs->v[i];

		if (c->dropped)
			continue;
		if (load_blobs(cs, c))
			return -1;
		if (c->old_mode && c->new_mode &&
		    ((c->old_mode ^ c->new_mode) & S_IFMT)) {
			if (emit_pair(out, c, abbrev, true, false) ||
			    emit_pair(out, c, abbrev, false, true))
				return -1;
		} else if (emit_pair(out, c, abbrev, true, true)) {
			return -1;
		}
	}
	return 0;
}

/* ---- diffstat, as git's show_stats() at format-patch's width */

static int decimal_width(uintmax_t n)
{
	int w = 1;

	while (n >= 10) {
		n /= 10;
		w++;
	}
	return w;
}

static int scale_linear(int it, int width, int max_change)
{
	if (!it)
		return 0;
	return 1 + (it * (width - 1) / max_change);
}

static int count_stats(struct changes *cs)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		struct change *c = &cs->v[i];
		struct side os, ns;

		if (c->dropped || c->counted)
			continue;
		if (load_blobs(cs, c))
			return -1;
		os = change_side(c, false);
		ns = change_side(c, true);
		c->binary = buffer_is_binary(os.data, os.size) ||
			    buffer_is_binary(ns.data, ns.size);
		if (c->old_mode && c->new_mode &&
		    git_oid_equal(&c->old_oid, &c->new_oid)) {
			c->added = c->deleted = 0;
		} else if (c->binary) {
			c->added = ns.size;
			c->deleted = os.size;
		} else if (text_hunks(NULL, c, &os, &ns, NULL, NULL,
				      &c->added, &c->deleted)) {
			return -1;
		}
	}
	return 0;
}

static void print_name(struct strbuf *out, const struct change *c)
{
	if (c->status == 'R')
		quote_pprint_rename(out, c->old_path, c->new_path);
	else
		quote_c_style(out, c->new_path ? c->new_path : c->old_path);
}

static void show_stats(struct strbuf *out, struct changes *cs, int width)
{
	int name_width, graph_width, number_width = 0, bin_width = 0;
	uintmax_t max_change = 0, max_len = 0;
	int total_files = 0, adds = 0, dels = 0;
	struct strbuf name = STRBUF_INIT;
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		const struct change *c = &cs->v[i];
		uintmax_t change = c->added + c->deleted;
		int len;

		if (c->dropped)
			continue;
		total_files++;
		strbuf_reset(&name);
		print_name(&name, c);
		len = (int)utf8_width(name.buf, name.len);
		if (max_len < (uintmax_t)len)
			max_len = len;
		if (c->binary) {
			int w = 14 + decimal_width(c->added) +
				decimal_width(c->deleted);

			bin_width = bin_width < w ? w : bin_width;
			number_width = 3;
			continue;
		}
		if (max_change < change)
			max_change = change;
	}
	if (!total_files) {
		strbuf_release(&name);
		return;
	}
	if (number_width < decimal_width(max_change))
		number_width = decimal_width(max_change);
	if (width < 16 + 6 + number_width)
		width = 16 + 6 + number_width;
	graph_width = (int)max_change + 4 > bin_width ? (int)max_change :
		      bin_width - 4;
	name_width = max_len;
	if (name_width + number_width + 6 + graph_width > width) {
		if (graph_width > width * 3 / 8 - number_width - 6) {
			graph_width = width * 3 / 8 - number_width - 6;
			if (graph_width < 6)
				graph_width = 6;
		}
		if (name_width > width - number_width - 6 - graph_width)
			name_width = width - number_width - 6 - graph_width;
		else
			graph_width = width - number_width - 6 - name_width;
	}

	for (i = 0; i < cs->nr; i++) {
		const struct change *c = &cs->v[i];
		const char *prefix = "", *nm;
		int len = name_width, name_len, padding;
		int add = c->added, del = c->deleted;

		if (c->dropped)
			continue;
		strbuf_reset(&name);
		print_name(&name, c);
		nm = name.buf;
		name_len = (int)utf8_width(nm, strlen(nm));
		if (name_width < name_len) {
			const char *slash;

			prefix = "...";
			len -= 3;
			if (len < 0)
				len = 0;
			while (name_len > len) {
				nm = utf8_next_char(nm);
				name_len--;
			}
			slash = strchr(nm, '/');
			if (slash)
				nm = slash;
		}
		padding = len - (int)utf8_width(nm, strlen(nm));
		if (padding < 0)
			padding = 0;
		if (c->binary) {
			strbuf_addf(out, " %s%s%*s | %*s", prefix, nm, padding,
				    "", number_width, "Bin");
			if (!c->added && !c->deleted) {
				strbuf_addch(out, '\n');
				continue;
			}
			strbuf_addf(out, " %zu -> %zu bytes\n", c->deleted,
				    c->added);
			continue;
		}
		adds += c->added;
		dels += c->deleted;
		if (graph_width <= (int)max_change) {
			int total = scale_linear(add + del, graph_width,
						 max_change);

			if (total < 2 && add && del)
				total = 2;
			if (add < del) {
				add = scale_linear(add, graph_width, max_change);
				del = total - add;
			} else {
				del = scale_linear(del, graph_width, max_change);
				add = total - del;
			}
		}
		strbuf_addf(out, " %s%s%*s | %*zu%s", prefix, nm, padding, "",
			    number_width, c->added + c->deleted,
			    c->added + c->deleted ? " " : "");
		while (add-- > 0)
			strbuf_addch(out, '+');
		while (del-- > 0)
			strbuf_addch(out, '-');
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, total_files == 1 ? " %d file changed" :
		    " %d files changed", total_files);
	if (adds || !dels)
		strbuf_addf(out, adds == 1 ? ", %d insertion(+)" :
			    ", %d insertions(+)", adds);
	if (dels || !adds)
		strbuf_addf(out, dels == 1 ? ", %d deletion(-)" :
			    ", %d deletions(-)", dels);
	strbuf_addch(out, '\n');
	strbuf_release(&name);
}

static void show_mode_change(struct strbuf *out, const struct change *c,
			     bool show_name)
{
	if (!c->old_mode || !c->new_mode || c->old_mode == c->new_mode)
		return;
	strbuf_addf(out, " mode change %06o => %06o", c->old_mode, c->new_mode);
	if (show_name) {
		strbuf_addch(out, ' ');
		quote_c_style(out, c->new_path);
	}
	strbuf_addch(out, '\n');
}

static void show_summary(struct strbuf *out, const struct changes *cs)
{
	size_t i;

	for (i = 0; i < cs->nr; i++) {
		const struct change *c = &cs->v[i];

		if (c->dropped)
			continue;
		switch (c->status) {
		case 'D':
			strbuf_addf(out, " delete mode %06o ", c->old_mode);
			quote_c_style(out, c->old_path);
			strbuf_addch(out, '\n');
			break;
		case 'A':
			strbuf_addf(out, " create mode %06o ", c->new_mode);
			quote_c_style(out, c->new_path);
			strbuf_addch(out, '\n');
			break;
		case 'R':
			strbuf_addstr(out, " rename ");
			quote_pprint_rename(out, c->old_path, c->new_path);
			strbuf_addf(out, " (%d%%)\n", c->score * 100 / MAX_SCORE);
			show_mode_change(out, c, false);
			break;
		default:
			show_mode_change(out, c, true);
			break;
		}
	}
}

static int stat_and_summary(struct strbuf *out, struct changes *cs)
{
	if (count_stats(cs))
		return -1;
	show_stats(out, cs, DIFF_STAT_WIDTH);
	show_summary(out, cs);
	return 0;
}

int diff_tree_stat(struct strbuf *out, git_repository *repo,
		   git_tree *old_tree, git_tree *new_tree)
{
	struct changes cs = { 0 };
	int ret;

	ret = changes_between(&cs, repo, old_tree, new_tree);
	if (!ret)
		ret = stat_and_summary(out, &cs);
	changes_release(&cs);
	return ret;
}

static int tree_of_parent(git_tree **out, git_commit *commit)
{
	git_commit *parent;
	int ret;

	*out = NULL;
	if (!git_commit_parentcount(commit))
		return 0;
	if (git_commit_parent(&parent, commit, 0) < 0)
		return git_err("unable to read the parent of %s",
			       git_oid_tostr_s(git_commit_id(commit)));
	ret = git_commit_tree(out, parent);
	git_commit_free(parent);
	return ret < 0 ? git_err("unable to read a tree") : 0;
}

/* The changes of a commit against its first parent. */
static int commit_changes(struct changes *cs, git_repository *repo,
			  git_commit *commit)
{
	git_tree *old_tree = NULL, *new_tree = NULL;
	int ret = -1;

	if (tree_of_parent(&old_tree, commit))
		return -1;
	if (git_commit_tree(&new_tree, commit) < 0)
		git_err("unable to read the tree of %s",
			git_oid_tostr_s(git_commit_id(commit)));
	else
		ret = changes_between(cs, repo, old_tree, new_tree);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return ret;
}

int diff_commit(struct strbuf *text, struct strbuf *stat,
		git_repository *repo, git_commit *commit, int abbrev)
{
	struct changes cs = { 0 };
	int ret;

	ret = commit_changes(&cs, repo, commit);
	if (!ret && text)
		ret = emit_diff(text, &cs, abbrev);
	if (!ret && stat)
		ret = stat_and_summary(stat, &cs);
	changes_release(&cs);
	return ret;
}

/*
 * An id of the change that survives a rebase: the diff without index
 * lines, hunk positions and white space, hashed.  Equal ids mean the
 * same patch, as with git patch-id --stable.
 */
void diff_patch_id(char **out, const char *diff)
{
	struct strbuf norm = STRBUF_INIT;
	const char *p = diff;
	git_oid id;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		if (starts_with(p, "@@ ")) {
			strbuf_addstr(&norm, "@@");
		} else if (!starts_with(p, "index ")) {
			const char *q;

			for (q = p; q < nl; q++)
				if (!isspace((unsigned char)*q))
					strbuf_addch(&norm, *q);
		}
		strbuf_addch(&norm, '\n');
		p = *nl ? nl + 1 : nl;
	}
	git_odb_hash(&id, norm.buf, norm.len, GIT_OBJECT_BLOB);
	*out = xstrdup(git_oid_tostr_s(&id));
	strbuf_release(&norm);
}

int diff_commit_patch_id(char **out, git_repository *repo,
			 git_commit *commit)
{
	struct strbuf text = STRBUF_INIT;
	int ret;

	*out = NULL;
	/* index lines do not count: any abbrev will do */
	ret = diff_commit(&text, NULL, repo, commit, 12);
	if (!ret)
		diff_patch_id(out, text.buf);
	strbuf_release(&text);
	return ret;
}

static void change_to_public(struct diff_change *f, struct change *c)
{
	f->path = xstrdup(c->new_path ? c->new_path : c->old_path);
	f->old_path = xstrdup(c->old_path ? c->old_path : c->new_path);
	f->status = c->status;
	f->old_mode = c->old_mode;
	f->new_mode = c->new_mode;
	f->binary = buffer_is_binary(blob_data(c->old_blob),
				     blob_size(c->old_blob)) ||
		    buffer_is_binary(blob_data(c->new_blob),
				     blob_size(c->new_blob));
}

int diff_changes(struct diff_change **out, size_t *nr,
		 git_repository *repo, git_commit *commit)
{
	struct changes cs = { 0 };
	struct diff_change *v;
	size_t i, n = 0;

	*out = NULL;
	*nr = 0;
	if (commit_changes(&cs, repo, commit))
		goto fail;
	v = xcalloc(cs.nr + 1, sizeof(*v));
	for (i = 0; i < cs.nr; i++) {
		if (cs.v[i].dropped)
			continue;
		if (load_blobs(&cs, &cs.v[i])) {
			diff_changes_free(v, n);
			goto fail;
		}
		change_to_public(&v[n++], &cs.v[i]);
	}
	changes_release(&cs);
	*out = v;
	*nr = n;
	return 0;
fail:
	changes_release(&cs);
	return -1;
}

void diff_changes_free(struct diff_change *v, size_t nr)
{
	size_t i;

	for (i = 0; v && i < nr; i++) {
		free(v[i].path);
		free(v[i].old_path);
	}
	free(v);
}
