// SPDX-License-Identifier: GPL-2.0
/* stable: which stable branches still need a mainline fix, found from the
 * release tags, the Fixes: tags and the backports already queued. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph.h"
#include "repo.h"
#include "stable.h"
#include "trailer.h"
#include "util.h"

/* Commit dates may run a little behind their merges; git name-rev
 * allows a day too. */
#define DATE_SLOP	(24 * 60 * 60)
/* Stable commits come in date order but for a queue applied out of
 * order: below a commit this much older than needed, none is younger. */
#define QUEUE_SLOP	(30 * 24 * 60 * 60)

/* ---- names ---------------------------------------------------------- */

static bool parse_uint(const char **p, int *out)
{
	const char *s = *p;
	long v = 0;

	if (!isdigit((unsigned char)*s) || (*s == '0' && isdigit((unsigned char)s[1])))
		return false;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (*s++ - '0');
		if (v > 100000)
			return false;
	}
	*out = (int)v;
	*p = s;
	return true;
}

bool stable_parse_release(const char *name, int *major, int *minor, int *rc)
{
	const char *p = name;
	int a, b, c;

	if (*p++ != 'v' || !parse_uint(&p, &a) || *p++ != '.' ||
	    !parse_uint(&p, &b))
		return false;
	/* before 3.0 the release was the third number: v2.6.39 */
	if (a == 2 && b == 6) {
		if (*p++ != '.' || !parse_uint(&p, &c))
			return false;
		b = 6000 + c;
	}
	*rc = 0;
	if (starts_with(p, "-rc")) {
		p += 3;
		if (!parse_uint(&p, rc) || !*rc)
			return false;
	}
	if (*p)
		return false;
	*major = a;
	*minor = b;
	return true;
}

bool stable_parse_branch(const char *name, int *major, int *minor)
{
	const char *p = name;

	if (!skip_prefix(p, "linux-", &p) || !parse_uint(&p, major) ||
	    *p++ != '.' || !parse_uint(&p, minor))
		return false;
	if (*major == 2 && *minor == 6) {
		int c;

		if (*p++ != '.' || !parse_uint(&p, &c))
			return false;
		*minor = 6000 + c;
	}
	return !strcmp(p, ".y");
}

/* The hex digits at p (12 to 40) into hex, lower case; their length. */
static size_t take_hex(const char *p, char *hex)
{
	size_t n = 0;

	while (isxdigit((unsigned char)p[n]) && n <= GIT_OID_HEXSZ)
		n++;
	if (n < 12 || n > GIT_OID_HEXSZ || isalnum((unsigned char)p[n]))
		return 0;
	for (size_t i = 0; i < n; i++)
		hex[i] = (char)tolower((unsigned char)p[i]);
	hex[n] = '\0';
	return n;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* One line: "commit <id> upstream", "[ Upstream commit <id> ]",
 * "(cherry picked from commit <id>)". */
static bool upstream_line(const char *line, char *hex)
{
	const char *p = skip_blanks(line);
	size_t n;

	if (*p == '[') {
		p = skip_blanks(p + 1);
		if (strncasecmp(p, "upstream commit ", 16))
			return false;
		p = skip_blanks(p + 16);
		n = take_hex(p, hex);
		return n && *skip_blanks(p + n) == ']';
	}
	if (!strncasecmp(p, "commit ", 7)) {
		p = skip_blanks(p + 7);
		n = take_hex(p, hex);
		return n && p[n] == ' ' &&
		       !strncasecmp(skip_blanks(p + n), "upstream", 8);
	}
	if (!strncasecmp(p, "(cherry picked from commit ", 27)) {
		p += 27;
		n = take_hex(p, hex);
		return n && p[n] == ')';
	}
	return false;
}

void stable_upstream_ids(const char *msg, struct strvec *out)
{
	struct strbuf line = STRBUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	while (*msg) {
		const char *nl = strchrnul(msg, '\n');

		/* the lines are short: only look at the plausible ones */
		if (nl - msg < 200) {
			strbuf_reset(&line);
			strbuf_add(&line, msg, (size_t)(nl - msg));
			if (upstream_line(line.buf, hex))
				strvec_push_unique(out, hex, false);
		}
		msg = *nl ? nl + 1 : nl;
	}
	strbuf_release(&line);
}

/* Whether to is from or one of its ancestors: 1, 0, or -1 on error. */
static int reaches(struct stable_ctx *ctx, const git_oid *from,
		   const git_oid *to, const char *from_name)
{
	int r;

	if (git_oid_equal(from, to))
		return 1;
	if (ctx->graph)
		return graph_reaches(ctx->graph, ctx->repo, from, to);
	r = git_graph_descendant_of(ctx->repo, from, to);
	if (r < 0)
		return git_err("unable to walk the history of '%s'", from_name);
	return r;
}

/* ---- finding mainline, releases and stable branches ----------------- */

static bool torvalds_url(const char *url)
{
	static const char *const ends[] = {
		"torvalds/linux.git", "torvalds/linux", "torvalds/linux.git/",
		"torvalds/linux/",
	};

	for (size_t i = 0; url && i < ARRAY_SIZE(ends); i++)
		if (ends_with(url, ends[i]))
			return true;
	return false;
}

static bool stable_url(const char *url)
{
	return url && (strstr(url, "/stable/linux") ||
		       ends_with(url, "linux-stable.git") ||
		       ends_with(url, "linux-stable"));
}

static bool ref_exists(git_repository *repo, const char *name)
{
	git_oid oid;
	int r = git_reference_name_to_id(&oid, repo, name);

	git_error_clear();
	return !r;
}

/* Remotes matching a test on their URL, by name. */
static void remotes_matching(git_repository *repo, bool (*match)(const char *),
			     struct strvec *out)
{
	git_strarray names = { NULL, 0 };

	if (git_remote_list(&names, repo)) {
		git_error_clear();
		return;
	}
	for (size_t i = 0; i < names.count; i++) {
		git_remote *remote = NULL;

		if (git_remote_lookup(&remote, repo, names.strings[i])) {
			git_error_clear();
			continue;
		}
		if (match(git_remote_url(remote)))
			strvec_push(out, names.strings[i]);
		git_remote_free(remote);
	}
	git_strarray_dispose(&names);
}

static char *default_mainline(git_repository *repo)
{
	struct strvec remotes = STRVEC_INIT;
	char *ret = NULL;

	remotes_matching(repo, torvalds_url, &remotes);
	for (size_t i = 0; i < remotes.nr && !ret; i++) {
		char *ref = xstrfmt("refs/remotes/%s/master", remotes.v[i]);

		if (ref_exists(repo, ref))
			ret = xstrfmt("%s/master", remotes.v[i]);
		free(ref);
	}
	strvec_clear(&remotes);
	return ret ? ret : xstrdup("origin/master");
}

static int resolve_commit(git_repository *repo, const char *rev, git_oid *out)
{
	git_object *obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, repo, rev)) {
		git_error_clear();
		return -1;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT)) {
		git_error_clear();
		git_object_free(obj);
		return -1;
	}
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static int release_cmp(const void *a, const void *b)
{
	const struct stable_release *x = a, *y = b;
	/* the release itself comes after its release candidates */
	int xrc = x->rc ? x->rc : 1 << 30, yrc = y->rc ? y->rc : 1 << 30;

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	if (x->minor != y->minor)
		return x->minor < y->minor ? -1 : 1;
	return xrc < yrc ? -1 : xrc > yrc;
}

static int branch_cmp(const void *a, const void *b)
{
	const struct stable_branch *x = a, *y = b;

	if (x->major != y->major)
		return x->major > y->major ? -1 : 1;
	if (x->minor != y->minor)
		return x->minor > y->minor ? -1 : 1;
	return 0;
}

static int add_release(struct stable_ctx *ctx, const char *refname,
		       const char *name)
{
	struct stable_release r = { 0 };
	git_reference *ref = NULL;
	git_object *obj = NULL;

	if (!stable_parse_release(name, &r.major, &r.minor, &r.rc))
		return 0;
	if (git_reference_lookup(&ref, ctx->repo, refname) ||
	    git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT)) {
		/* a tag of a tree or a blob is no release */
		git_error_clear();
		git_reference_free(ref);
		return 0;
	}
	git_oid_cpy(&r.commit, git_object_id(obj));
	r.time = git_commit_time((git_commit *)obj);
	r.name = xstrdup(name);
	git_object_free(obj);
	git_reference_free(ref);
	ALLOC_GROW(ctx->rel, ctx->rel_nr + 1, ctx->rel_alloc);
	ctx->rel[ctx->rel_nr++] = r;
	return 0;
}

static struct stable_branch *branch_find(struct stable_ctx *ctx, int major,
					 int minor)
{
	for (size_t i = 0; i < ctx->br_nr; i++)
		if (ctx->br[i].major == major && ctx->br[i].minor == minor)
			return &ctx->br[i];
	return NULL;
}

/* The release a stable branch is based on: vX.Y itself. */
static long release_find(const struct stable_ctx *ctx, int major, int minor)
{
	for (size_t i = 0; i < ctx->rel_nr; i++)
		if (ctx->rel[i].major == major && ctx->rel[i].minor == minor &&
		    !ctx->rel[i].rc)
			return (long)i;
	return -1;
}

static void add_branch(struct stable_ctx *ctx, const char *refname,
		       const char *name, bool remote)
{
	struct stable_branch *b;
	int major, minor;
	git_oid tip;

	if (!stable_parse_branch(name, &major, &minor))
		return;
	if (git_reference_name_to_id(&tip, ctx->repo, refname)) {
		git_error_clear();
		return;
	}
	b = branch_find(ctx, major, minor);
	if (b) {
		/* the stable tree's own branch wins over a local copy */
		if (!remote)
			return;
		free(b->name);
		free(b->shorthand);
	} else {
		ALLOC_GROW(ctx->br, ctx->br_nr + 1, ctx->br_alloc);
		b = &ctx->br[ctx->br_nr++];
		memset(b, 0, sizeof(*b));
	}
	b->name = xstrdup(name);
	b->shorthand = xstrdup(refname + strlen(remote ? "refs/remotes/" :
							  "refs/heads/"));
	b->major = major;
	b->minor = minor;
	b->tip = tip;
}

static int collect_refs(struct stable_ctx *ctx, const struct strvec *remotes)
{
	git_reference_iterator *it = NULL;
	const char *refname;
	int r;

	if (git_reference_iterator_new(&it, ctx->repo))
		return git_err("unable to list references");
	while (!(r = git_reference_next_name(&refname, it))) {
		const char *rest;

		if (skip_prefix(refname, "refs/tags/", &rest)) {
			add_release(ctx, refname, rest);
		} else if (skip_prefix(refname, "refs/heads/", &rest)) {
			add_branch(ctx, refname, rest, false);
		} else if (skip_prefix(refname, "refs/remotes/", &rest)) {
			for (size_t i = 0; i < remotes->nr; i++) {
				const char *name;

				if (skip_prefix(rest, remotes->v[i], &name) &&
				    *name == '/')
					add_branch(ctx, refname, name + 1, true);
			}
		}
	}
	git_reference_iterator_free(it);
	if (r != GIT_ITEROVER)
		return git_err("unable to list references");
	git_error_clear();
	return 0;
}

int stable_ctx_init(struct stable_ctx *ctx, git_repository *repo,
		    const struct config *cfg, const char *mainline)
{
	struct strvec remotes = STRVEC_INIT;
	const char *stable_remote = cfg ? config_ini(cfg, "trees.stable") : NULL;
	const char *configured = cfg ? config_ini(cfg, "trees.mainline") : NULL;
	size_t i, kept;
	int ret = -1;

	memset(ctx, 0, sizeof(*ctx));
	ctx->repo = repo;
	ctx->abbrev = repo_abbrev(repo);
	ctx->graph = graph_open(repo);
	if (mainline)
		ctx->mainline_name = xstrdup(mainline);
	else if (configured && *configured)
		ctx->mainline_name = xstrdup(configured);
	else
		ctx->mainline_name = default_mainline(repo);
	if (resolve_commit(repo, ctx->mainline_name, &ctx->mainline)) {
		error("unknown mainline branch '%s'", ctx->mainline_name);
		hint("name it with --mainline or in git-bpf's config: "
		     "[trees] mainline = <ref>");
		goto out;
	}

	if (stable_remote && *stable_remote) {
		strvec_push(&remotes, stable_remote);
	} else {
		remotes_matching(repo, stable_url, &remotes);
		strvec_push_unique(&remotes, "stable", false);
	}
	if (collect_refs(ctx, &remotes))
		goto out;
	if (!ctx->rel_nr) {
		const char *slash = strchr(ctx->mainline_name, '/');

		error("no release tags (vX.Y, vX.Y-rcN) in the repository");
		if (slash)
			hint("fetch mainline's tags: git fetch --tags %.*s",
			     (int)(slash - ctx->mainline_name),
			     ctx->mainline_name);
		goto out;
	}
	if (ctx->rel_nr)
		qsort(ctx->rel, ctx->rel_nr, sizeof(*ctx->rel), release_cmp);
	if (ctx->br_nr)
		qsort(ctx->br, ctx->br_nr, sizeof(*ctx->br), branch_cmp);

	for (i = kept = 0; i < ctx->br_nr; i++) {
		struct stable_branch *b = &ctx->br[i];
		long base = release_find(ctx, b->major, b->minor);

		if (base < 0) {
			warning("ignoring '%s': no release tag for it",
				b->shorthand);
			free(b->name);
			free(b->shorthand);
			continue;
		}
		b->base = (size_t)base;
		ctx->br[kept++] = *b;
	}
	ctx->br_nr = kept;
	if (!ctx->br_nr) {
		error("no stable branches (linux-X.Y.y) in the repository");
		hint("fetch the stable tree and name its remote in git-bpf's "
		     "config: [trees] stable = <remote>");
		goto out;
	}
	ret = 0;
out:
	strvec_clear(&remotes);
	return ret;
}

static void branch_release(struct stable_branch *b)
{
	for (size_t i = 0; i < b->commits_nr; i++) {
		free(b->commits[i].author_email);
		free(b->commits[i].subject);
		free(b->commits[i].paths);
	}
	free(b->commits);
	free(b->refs);
	free(b->name);
	free(b->shorthand);
}

void stable_ctx_release(struct stable_ctx *ctx)
{
	for (size_t i = 0; i < ctx->rel_nr; i++)
		free(ctx->rel[i].name);
	free(ctx->rel);
	for (size_t i = 0; i < ctx->br_nr; i++)
		branch_release(&ctx->br[i]);
	free(ctx->br);
	free(ctx->known);
	free(ctx->mainline_name);
	graph_free(ctx->graph);
	memset(ctx, 0, sizeof(*ctx));
}

/* ---- releases holding a commit ---------------------------------------- */

/* Whether release i holds commit oid. */
static int release_has(struct stable_ctx *ctx, size_t i, const git_oid *oid)
{
	return reaches(ctx, &ctx->rel[i].commit, oid, ctx->rel[i].name);
}

/*
 * The first release holding oid, as git describe --contains names it.
 * Mainline's releases follow one another, so the releases holding a
 * commit are all those from some point on.  Walking from a release
 * costs the history between it and the commit, so start from the first
 * release not older than the commit and gallop forward: most commits
 * are found in the first or second release looked at, without walking
 * years of history.
 */
/*
 * The first release that may hold oid: none before it can.  With the
 * commit-graph that is exact (a release holding a commit has a higher
 * generation); without it, by date, a day's skew allowed as git
 * name-rev allows it.
 */
static size_t first_candidate(const struct stable_ctx *ctx, const git_oid *oid,
			      git_time_t t)
{
	size_t i = 0;
	uint32_t pos = ctx->graph ? graph_find(ctx->graph, oid) : GRAPH_NONE;

	if (pos != GRAPH_NONE && graph_generation(ctx->graph, pos)) {
		uint32_t gen = graph_generation(ctx->graph, pos);

		for (; i < ctx->rel_nr; i++) {
			uint32_t rp = graph_find(ctx->graph, &ctx->rel[i].commit);

			/* a release outside the graph is newer than it */
			if (rp == GRAPH_NONE ||
			    graph_generation(ctx->graph, rp) >= gen)
				break;
		}
		return i;
	}
	while (i < ctx->rel_nr && ctx->rel[i].time + DATE_SLOP < t)
		i++;
	return i;
}

static int first_release(struct stable_ctx *ctx, const git_oid *oid,
			 git_time_t t, long *out)
{
	size_t n = ctx->rel_nr, i, step = 1;
	long lo, hi = -1;
	int r;

	for (i = 0; i < ctx->known_nr; i++)
		if (git_oid_equal(&ctx->known[i].oid, oid)) {
			*out = ctx->known[i].release;
			return 0;
		}
	i = first_candidate(ctx, oid, t);
	lo = (long)i - 1;
	while (i < n) {
		r = release_has(ctx, i, oid);
		if (r < 0)
			return -1;
		if (r) {
			hi = (long)i;
			break;
		}
		lo = (long)i;
		if (i == n - 1)
			break;
		i += step;
		step *= 2;
		if (i > n - 1)
			i = n - 1;
	}
	while (hi >= 0 && hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;

		r = release_has(ctx, (size_t)mid, oid);
		if (r < 0)
			return -1;
		if (r)
			hi = mid;
		else
			lo = mid;
	}
	ALLOC_GROW(ctx->known, ctx->known_nr + 1, ctx->known_alloc);
	ctx->known[ctx->known_nr].oid = *oid;
	ctx->known[ctx->known_nr++].release = hi;
	*out = hi;
	return 0;
}

/* ---- the commits of a stable branch ---------------------------------- */

/* Read one commit of a stable branch: its author, subject and the
 * upstream commits it names. */
static int branch_add_commit(struct stable_ctx *ctx, struct stable_branch *b,
			     const git_oid *oid, struct strvec *ids)
{
	struct stable_commit *sc;
	const git_signature *author;
	git_commit *c = NULL;

	if (git_commit_lookup(&c, ctx->repo, oid))
		return git_err("unable to read commit %s in '%s'",
			       git_oid_tostr_s(oid), b->shorthand);
	if (git_commit_time(c) < b->since) {
		git_commit_free(c);
		return 0;
	}
	ALLOC_GROW(b->commits, b->commits_nr + 1, b->commits_alloc);
	sc = &b->commits[b->commits_nr];
	memset(sc, 0, sizeof(*sc));
	sc->oid = *oid;
	author = git_commit_author(c);
	sc->author_email = xstrdup(author && author->email ? author->email : "");
	sc->author_time = author ? author->when.time : 0;
	sc->subject = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
	strvec_clear(ids);
	stable_upstream_ids(git_commit_message(c), ids);
	for (size_t i = 0; i < ids->nr; i++) {
		ALLOC_GROW(b->refs, b->refs_nr + 1, b->refs_alloc);
		strcpy(b->refs[b->refs_nr].hex, ids->v[i]);
		b->refs[b->refs_nr++].commit = b->commits_nr;
	}
	b->commits_nr++;
	git_commit_free(c);
	return 0;
}

/*
 * The commits of b that its base lacks, younger than b->since, through
 * the commit-graph: libgit2's hiding walk costs some 30 us a commit, the
 * graph a fraction of that.  Commits of higher generation than the base
 * cannot be its ancestors; the others are asked.  An old branch (the
 * stable remote holds them back to 2.6) is left at its first commits.
 * 1 when the graph cannot tell (the base is newer than it).
 */
static int branch_list_graph(struct stable_ctx *ctx, struct stable_branch *b,
			     git_oid **out, size_t *nr, size_t *alloc)
{
	struct commit_graph *g = ctx->graph;
	const git_oid *base = &ctx->rel[b->base].commit;
	uint32_t base_pos = graph_find(g, base), base_gen;
	struct reach_walk w = { 0 };
	unsigned char *seen = NULL;
	int ret = -1, r;

	if (base_pos == GRAPH_NONE)
		return 1;
	base_gen = graph_generation(g, base_pos);
	seen = xcalloc(g->total, 1);
	reach_push(&w, g, &b->tip);
	while (w.ids_nr || w.pos_nr) {
		git_oid oid;

		if (w.ids_nr) {
			git_commit *c = NULL;

			/* newer than the graph, so not the base's ancestor */
			oid = w.ids[--w.ids_nr];
			if (git_commit_lookup(&c, ctx->repo, &oid)) {
				git_err("unable to read commit %s",
					git_oid_tostr_s(&oid));
				goto out;
			}
			for (unsigned int i = 0; i < git_commit_parentcount(c); i++)
				reach_push(&w, g, git_commit_parent_id(c, i));
			git_commit_free(c);
		} else {
			uint32_t pos = w.pos[--w.pos_nr], gen;
			git_time_t t;

			if (pos == base_pos || seen[pos])
				continue;
			seen[pos] = 1;
			graph_oid(g, pos, &oid);
			gen = graph_generation(g, pos);
			if (!gen || gen <= base_gen) {
				r = graph_reaches(g, ctx->repo, base, &oid);
				if (r < 0)
					goto out;
				if (r)
					continue;
			}
			if (graph_parents(g, pos, &w.parents, &w.parents_nr,
					  &w.parents_alloc)) {
				error("the commit-graph of the repository is "
				      "corrupt; remove it or run 'git "
				      "commit-graph write'");
				goto out;
			}
			t = graph_time(g, pos);
			if (t < b->since - QUEUE_SLOP)
				continue;
			ALLOC_GROW(w.pos, w.pos_nr + w.parents_nr, w.pos_alloc);
			for (size_t i = 0; i < w.parents_nr; i++)
				w.pos[w.pos_nr++] = w.parents[i];
			/* too old to be a backport: not worth reading */
			if (t < b->since)
				continue;
		}
		ALLOC_GROW(*out, *nr + 1, *alloc);
		(*out)[(*nr)++] = oid;
	}
	ret = 0;
out:
	free(seen);
	reach_walk_release(&w);
	return ret;
}

/* The same with libgit2's walk, hiding the base; nothing when even the
 * branch's newest commit is too old. */
static int branch_list_walk(struct stable_ctx *ctx, struct stable_branch *b,
			    git_oid **out, size_t *nr, size_t *alloc)
{
	git_revwalk *walk = NULL;
	git_commit *tip = NULL;
	git_oid oid;
	int r, ret = -1;

	if (git_commit_lookup(&tip, ctx->repo, &b->tip))
		return git_err("unable to read '%s'", b->shorthand);
	r = git_commit_time(tip) < b->since - QUEUE_SLOP;
	git_commit_free(tip);
	if (r)
		return 0;
	if (git_revwalk_new(&walk, ctx->repo) ||
	    git_revwalk_push(walk, &b->tip) ||
	    git_revwalk_hide(walk, &ctx->rel[b->base].commit)) {
		git_err("unable to walk '%s'", b->shorthand);
		goto out;
	}
	while (!(r = git_revwalk_next(&oid, walk))) {
		ALLOC_GROW(*out, *nr + 1, *alloc);
		(*out)[(*nr)++] = oid;
	}
	if (r != GIT_ITEROVER) {
		git_err("unable to walk '%s'", b->shorthand);
		goto out;
	}
	git_error_clear();
	ret = 0;
out:
	git_revwalk_free(walk);
	return ret;
}

/* Read the commits of b above its base, once. */
static int branch_scan(struct stable_ctx *ctx, struct stable_branch *b)
{
	struct strvec ids = STRVEC_INIT;
	git_oid *oids = NULL;
	size_t nr = 0, alloc = 0;
	int r = 1, ret = -1;

	if (b->scanned)
		return 0;
	if (ctx->graph)
		r = branch_list_graph(ctx, b, &oids, &nr, &alloc);
	if (r > 0)
		r = branch_list_walk(ctx, b, &oids, &nr, &alloc);
	if (r)
		goto out;
	for (size_t i = 0; i < nr; i++)
		if (branch_add_commit(ctx, b, &oids[i], &ids))
			goto out;
	b->scanned = true;
	ret = 0;
out:
	free(oids);
	strvec_clear(&ids);
	return ret;
}

/* The commit of b that is oid or names it as its upstream; -1 when none. */
static long branch_backport(const struct stable_branch *b, const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	for (size_t i = 0; i < b->refs_nr; i++)
		if (!strncmp(hex, b->refs[i].hex, strlen(b->refs[i].hex)))
			return (long)b->refs[i].commit;
	for (size_t i = 0; i < b->commits_nr; i++)
		if (git_oid_equal(&b->commits[i].oid, oid))
			return (long)i;
	return -1;
}

/*
 * The change a commit makes to paths (one a line, as commit_paths()
 * lists them), against its parent; 1 for a merge, which has no single
 * change.  Naming the paths spares libgit2 iterating both whole trees.
 */
static int commit_diff(git_repository *repo, const git_oid *oid,
		       const char *paths, git_diff **out)
{
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	struct strvec spec = STRVEC_INIT;
	git_commit *c = NULL, *parent = NULL;
	git_tree *old = NULL, *new = NULL;
	int ret = -1;

	*out = NULL;
	for (const char *p = paths; *p; ) {
		const char *nl = strchrnul(p, '\n');
		char *one = xstrndup(p, (size_t)(nl - p));

		strvec_push(&spec, one);
		free(one);
		p = *nl ? nl + 1 : nl;
	}
	opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	opts.pathspec.strings = spec.v;
	opts.pathspec.count = spec.nr;
	if (git_commit_lookup(&c, repo, oid)) {
		ret = git_err("unable to read commit %s", git_oid_tostr_s(oid));
		goto out;
	}
	if (git_commit_parentcount(c) > 1) {
		ret = 1;
		goto out;
	}
	if ((git_commit_parentcount(c) &&
	     (git_commit_parent(&parent, c, 0) ||
	      git_commit_tree(&old, parent))) ||
	    git_commit_tree(&new, c) ||
	    git_diff_tree_to_tree(out, repo, old, new, &opts)) {
		git_err("unable to diff commit %s", git_oid_tostr_s(oid));
		goto out;
	}
	ret = 0;
out:
	strvec_clear(&spec);
	git_tree_free(old);
	git_tree_free(new);
	git_commit_free(parent);
	git_commit_free(c);
	return ret;
}

/* git's order of tree entries: a tree sorts as if its name ended in /. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
	size_t xl = strlen(x), yl = strlen(y), n = xl < yl ? xl : yl;
	int c = memcmp(x, y, n), xc, yc;

	if (c)
		return c;
	xc = x[n] ? (unsigned char)x[n] :
	     git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0;
	yc = y[n] ? (unsigned char)y[n] :
	     git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0;
	return xc - yc;
}

static int tree_changes(git_repository *repo, const git_oid *a,
			const git_oid *b, struct strbuf *prefix,
			struct strbuf *out);

/* One entry that differs between the trees (either may be NULL). */
static int entry_changed(git_repository *repo, const git_tree_entry *a,
			 const git_tree_entry *b, struct strbuf *prefix,
			 struct strbuf *out)
{
	bool ta = a && git_tree_entry_type(a) == GIT_OBJECT_TREE;
	bool tb = b && git_tree_entry_type(b) == GIT_OBJECT_TREE;
	size_t len = prefix->len;
	int ret = 0;

	strbuf_addstr(prefix, git_tree_entry_name(a ? a : b));
	if ((a && !ta) || (b && !tb))
		strbuf_addf(out, "%s\n", prefix->buf);
	if (ta || tb) {
		strbuf_addch(prefix, '/');
		ret = tree_changes(repo, ta ? git_tree_entry_id(a) : NULL,
				   tb ? git_tree_entry_id(b) : NULL, prefix, out);
	}
	strbuf_setlen(prefix, len);
	return ret;
}

/*
 * The files that differ between trees a and b (either may be NULL), in
 * git's order, descending only into subtrees that differ: a kernel tree
 * has some 80,000 files and a fix touches a handful, which libgit2's
 * tree diff (iterating both trees) takes tens of milliseconds to find.
 */
static int tree_changes(git_repository *repo, const git_oid *a,
			const git_oid *b, struct strbuf *prefix,
			struct strbuf *out)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t i = 0, j = 0, na, nb;
	int ret = -1;

	if ((a && git_tree_lookup(&ta, repo, a)) ||
	    (b && git_tree_lookup(&tb, repo, b))) {
		git_err("unable to read tree %s", git_oid_tostr_s(a ? a : b));
		goto out;
	}
	na = ta ? git_tree_entrycount(ta) : 0;
	nb = tb ? git_tree_entrycount(tb) : 0;
	while (i < na || j < nb) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(ta, i) : NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(tb, j) : NULL;
		int c = !x ? 1 : !y ? -1 : entry_cmp(x, y);

		if (c < 0) {
			y = NULL;
			i++;
		} else if (c > 0) {
			x = NULL;
			j++;
		} else {
			i++;
			j++;
			if (git_oid_equal(git_tree_entry_id(x),
					  git_tree_entry_id(y)) &&
			    git_tree_entry_filemode(x) ==
			    git_tree_entry_filemode(y))
				continue;
			if (git_tree_entry_type(x) != git_tree_entry_type(y)) {
				/* a file became a directory or back */
				if (entry_changed(repo, x, NULL, prefix, out) ||
				    entry_changed(repo, NULL, y, prefix, out))
					goto out;
				continue;
			}
		}
		if (entry_changed(repo, x, y, prefix, out))
			goto out;
	}
	ret = 0;
out:
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

/* The paths a commit changes, one a line; NULL for a merge (no single
 * change) or on error (*err set). */
static char *commit_paths(git_repository *repo, const git_oid *oid, int *err)
{
	struct strbuf sb = STRBUF_INIT, prefix = STRBUF_INIT;
	git_commit *c = NULL;
	int r = -1;

	*err = 1;
	if (git_commit_lookup(&c, repo, oid)) {
		git_err("unable to read commit %s", git_oid_tostr_s(oid));
		return NULL;
	}
	if (git_commit_parentcount(c) > 1) {
		*err = 0;
		goto out;
	}
	if (!git_commit_parentcount(c)) {
		r = tree_changes(repo, NULL, git_commit_tree_id(c), &prefix, &sb);
	} else {
		git_commit *parent = NULL;

		if (git_commit_parent(&parent, c, 0)) {
			git_err("unable to read the parent of %s",
				git_oid_tostr_s(oid));
			goto out;
		}
		r = tree_changes(repo, git_commit_tree_id(parent),
				 git_commit_tree_id(c), &prefix, &sb);
		git_commit_free(parent);
	}
	*err = r < 0;
out:
	git_commit_free(c);
	strbuf_release(&prefix);
	if (r) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* git patch-id --stable of the change a commit makes to paths; 1 when
 * it has none. */
static int commit_patch_id(git_repository *repo, const git_oid *oid,
			   const char *paths, git_oid *out)
{
	git_diff *diff;
	int r = commit_diff(repo, oid, paths, &diff);

	if (r)
		return r;
	if (git_diff_patchid(out, diff, NULL))
		r = git_err("unable to compute the patch-id of %s",
			    git_oid_tostr_s(oid));
	git_diff_free(diff);
	return r;
}

/*
 * A commit of b making the same change as the fix (a backport that does
 * not say where it came from); -1 when none, SAME_PATCH_ERROR on error.  A backport
 * keeps the subject or the authorship (git cherry-pick and git am keep
 * author and date), so only those commits are compared, and only those
 * touching the same paths are diffed in full.
 */
#define SAME_PATCH_ERROR (-2)
static long branch_same_patch(struct stable_ctx *ctx, struct stable_branch *b,
			      struct stable_fix *fix)
{
	int r, err;

	for (size_t i = 0; i < b->commits_nr; i++) {
		struct stable_commit *sc = &b->commits[i];

		if ((sc->author_time != fix->author_time ||
		     strcasecmp(sc->author_email, fix->author_email)) &&
		    strcmp(sc->subject, fix->subject))
			continue;
		if (!fix->patch_id_state) {
			fix->paths = commit_paths(ctx->repo, &fix->oid, &err);
			if (err)
				return SAME_PATCH_ERROR;
			fix->patch_id_state = fix->paths ? 1 : -1;
			if (fix->paths) {
				r = commit_patch_id(ctx->repo, &fix->oid,
						    fix->paths, &fix->patch_id);
				if (r < 0)
					return SAME_PATCH_ERROR;
			}
		}
		if (fix->patch_id_state < 0)
			return -1;
		if (sc->patch_id_state < 0)
			continue;
		if (!sc->paths) {
			sc->paths = commit_paths(ctx->repo, &sc->oid, &err);
			if (err)
				return SAME_PATCH_ERROR;
			if (!sc->paths) {
				sc->patch_id_state = -1;
				continue;
			}
		}
		if (strcmp(sc->paths, fix->paths))
			continue;
		if (!sc->patch_id_state) {
			r = commit_patch_id(ctx->repo, &sc->oid, sc->paths,
					    &sc->patch_id);
			if (r < 0)
				return SAME_PATCH_ERROR;
			sc->patch_id_state = r ? -1 : 1;
		}
		if (sc->patch_id_state > 0 &&
		    git_oid_equal(&sc->patch_id, &fix->patch_id))
			return (long)i;
	}
	return -1;
}

/* ---- one commit ------------------------------------------------------- */

char *stable_short_oid(const struct stable_ctx *ctx, const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	hex[ctx->abbrev < GIT_OID_HEXSZ ? ctx->abbrev : GIT_OID_HEXSZ] = '\0';
	return xstrdup(hex);
}

static int add_target(struct stable_ctx *ctx, struct stable_fix *fix,
		      const char *value)
{
	struct fixes_tag tag;
	struct stable_target *t;
	git_object *obj = NULL;
	size_t n;
	git_oid prefix;
	int ret = 0;

	fixes_parse(&tag, value);
	n = strlen(tag.sha);
	if (n < 7) {
		char *s = stable_short_oid(ctx, &fix->oid);

		warning("ignoring 'Fixes: %s' of %s: no commit id", value, s);
		free(s);
		goto out;
	}
	for (size_t i = 0; i < fix->targets_nr; i++)
		if (!strcmp(fix->targets[i].written, tag.sha))
			goto out;
	ALLOC_GROW(fix->targets, fix->targets_nr + 1, fix->targets_alloc);
	t = &fix->targets[fix->targets_nr++];
	memset(t, 0, sizeof(*t));
	t->written = xstrdup(tag.sha);
	t->release = -1;
	if (git_oid_fromstrn(&prefix, tag.sha, n) ||
	    git_object_lookup_prefix(&obj, ctx->repo, &prefix, n,
				     GIT_OBJECT_COMMIT)) {
		git_error_clear();
		warning("Fixes: tag of '%s' names unknown commit '%s'",
			fix->subject, tag.sha);
		t->subject = tag.subject ? xstrdup(tag.subject) : NULL;
		goto out;
	}
	t->known = true;
	t->oid = *git_object_id(obj);
	t->time = git_commit_time((git_commit *)obj);
	t->subject = xstrdup(git_commit_summary((git_commit *)obj) ?
			     git_commit_summary((git_commit *)obj) : "");
	ret = first_release(ctx, &t->oid, t->time, &t->release);
out:
	git_object_free(obj);
	fixes_release(&tag);
	return ret;
}

/* Whether branch b has the bug: a fixed commit in its release or
 * backported to it.  Without a known Fixes: target, every branch may. */
static int branch_has_bug(struct stable_ctx *ctx, struct stable_fix *fix,
			  struct stable_branch *b)
{
	bool any = false;

	for (size_t i = 0; i < fix->targets_nr; i++) {
		const struct stable_target *t = &fix->targets[i];

		if (!t->known)
			continue;
		any = true;
		if (t->release >= 0 && (size_t)t->release <= b->base)
			return 1;
		if (branch_scan(ctx, b))
			return -1;
		if (branch_backport(b, &t->oid) >= 0)
			return 1;
	}
	return !any;
}

/* The commit, where mainline has it, and what its Fixes: tags name. */
static int analyze_commit(struct stable_ctx *ctx, const char *rev,
			  struct stable_fix *fix)
{
	const git_signature *author;
	struct trailer_list tl;
	git_commit *c = NULL;
	const char *msg;
	int ret = -1, r;

	memset(fix, 0, sizeof(*fix));
	fix->release = fix->bug_release = -1;
	memset(&tl, 0, sizeof(tl));
	if (repo_commit(&c, ctx->repo, rev))
		return -1;
	fix->oid = *git_commit_id(c);
	fix->subject = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
	author = git_commit_author(c);
	fix->author_email = xstrdup(author->email ? author->email : "");
	fix->author_time = author->when.time;
	fix->time = git_commit_time(c);

	if (first_release(ctx, &fix->oid, fix->time, &fix->release))
		goto out;
	/* a release holds only mainline commits */
	if (fix->release >= 0) {
		fix->in_mainline = true;
	} else {
		r = reaches(ctx, &ctx->mainline, &fix->oid, ctx->mainline_name);
		if (r < 0)
			goto out;
		fix->in_mainline = r;
	}

	msg = git_commit_message(c);
	trailer_parse(&tl, msg, strlen(msg));
	for (size_t i = 0; i < tl.nr; i++)
		if (trailer_is(&tl.v[i], "Fixes") &&
		    add_target(ctx, fix, tl.v[i].value))
			goto out;
	for (size_t i = 0; i < fix->targets_nr; i++) {
		long rel = fix->targets[i].release;

		if (rel >= 0 && (fix->bug_release < 0 || rel < fix->bug_release))
			fix->bug_release = rel;
	}
	ret = 0;
out:
	trailer_list_release(&tl);
	git_commit_free(c);
	return ret;
}

static bool release_holds(long release, const struct stable_branch *b)
{
	return release >= 0 && (size_t)release <= b->base;
}

/*
 * How far back each stable branch must be read.  A backport is made
 * after its upstream commit, so only commits younger than the oldest
 * commit the branch will be asked about (the fixes its release lacks
 * and the commits they fix) can be one.  Stable branches grow by tens
 * of thousands of commits; a request for recent fixes reads a few.
 */
static void branch_set_since(struct stable_ctx *ctx,
			     const struct stable_fix *fixes, size_t nr)
{
	for (size_t i = 0; i < ctx->br_nr; i++) {
		struct stable_branch *b = &ctx->br[i];
		git_time_t since = INT64_MAX;

		for (size_t j = 0; j < nr; j++) {
			const struct stable_fix *f = &fixes[j];

			if (release_holds(f->release, b))
				continue;
			if (f->time < since)
				since = f->time;
			for (size_t k = 0; k < f->targets_nr; k++) {
				const struct stable_target *t = &f->targets[k];

				if (t->known && !release_holds(t->release, b) &&
				    t->time < since)
					since = t->time;
			}
		}
		b->since = since == INT64_MAX ? since : since - DATE_SLOP;
	}
}

/* Each stable branch's verdict on one fix. */
static int analyze_branches(struct stable_ctx *ctx, struct stable_fix *fix)
{
	fix->verdicts = xcalloc(ctx->br_nr, sizeof(*fix->verdicts));
	fix->verdicts_nr = ctx->br_nr;
	for (size_t i = 0; i < ctx->br_nr; i++) {
		struct stable_branch *b = &ctx->br[i];
		struct stable_verdict *v = &fix->verdicts[i];
		long at;
		int r;

		v->branch = b;
		if (release_holds(fix->release, b)) {
			v->state = STABLE_HAS_RELEASE;
			continue;
		}
		if (branch_scan(ctx, b))
			return -1;
		at = branch_backport(b, &fix->oid);
		if (at >= 0) {
			v->state = STABLE_HAS_BACKPORT;
			v->by = b->commits[at].oid;
			continue;
		}
		r = branch_has_bug(ctx, fix, b);
		if (r < 0)
			return -1;
		if (!r) {
			v->state = STABLE_NO_BUG;
			continue;
		}
		at = branch_same_patch(ctx, b, fix);
		if (at == SAME_PATCH_ERROR)
			return -1;
		if (at >= 0) {
			v->state = STABLE_HAS_PATCH_ID;
			v->by = b->commits[at].oid;
			continue;
		}
		v->state = STABLE_NEEDS;
		fix->needed++;
	}
	return 0;
}

int stable_analyze(struct stable_ctx *ctx, const char *const *revs,
		   size_t nr, struct stable_fix *fixes)
{
	for (size_t i = 0; i < nr; i++)
		if (analyze_commit(ctx, revs[i], &fixes[i]))
			return -1;
	branch_set_since(ctx, fixes, nr);
	for (size_t i = 0; i < nr; i++)
		if (analyze_branches(ctx, &fixes[i]))
			return -1;
	return 0;
}

void stable_fix_release(struct stable_fix *fix)
{
	for (size_t i = 0; i < fix->targets_nr; i++) {
		free(fix->targets[i].written);
		free(fix->targets[i].subject);
	}
	free(fix->targets);
	free(fix->verdicts);
	free(fix->subject);
	free(fix->author_email);
	free(fix->paths);
	memset(fix, 0, sizeof(*fix));
}
