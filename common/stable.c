// SPDX-License-Identifier: GPL-2.0
/* stable: which stable branches still need a mainline fix, found from the
 * release tags, the Fixes: tags and the backports already queued. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail.h"
#include "maint.h"
#include "repo.h"
#include "stable.h"
#include "trailer.h"
#include "util.h"

/* Commit dates may run a little behind their merges; git name-rev
 * allows a day too. */
#define DATE_SLOP	(24 * 60 * 60)

static const char *const cc_lists[] = {
	"netdev@vger.kernel.org",
	"bpf@vger.kernel.org",
};

/* Addresses a stable request must never reach (bpf_devel_QA.rst). */
static bool stable_address(const char *addr)
{
	return !strcasecmp(addr, "stable@vger.kernel.org") ||
	       !strcasecmp(addr, "stable@kernel.org");
}

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

static int commit_time(git_repository *repo, const git_oid *oid,
		       git_time_t *out)
{
	git_commit *c = NULL;

	if (git_commit_lookup(&c, repo, oid))
		return git_err("unable to read commit %s", git_oid_tostr_s(oid));
	*out = git_commit_time(c);
	git_commit_free(c);
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
		error("no release tags (vX.Y, vX.Y-rcN) in the repository");
		hint("fetch mainline's tags: git fetch --tags %s",
		     strchr(ctx->mainline_name, '/') ? "origin" : "<remote>");
		goto out;
	}
	qsort(ctx->rel, ctx->rel_nr, sizeof(*ctx->rel), release_cmp);
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
	memset(ctx, 0, sizeof(*ctx));
}

/* ---- reachability ---------------------------------------------------- */

/* Whether release i holds commit oid. */
static int release_has(struct stable_ctx *ctx, size_t i, const git_oid *oid)
{
	int r;

	if (git_oid_equal(&ctx->rel[i].commit, oid))
		return 1;
	r = git_graph_descendant_of(ctx->repo, &ctx->rel[i].commit, oid);
	if (r < 0)
		return git_err("unable to walk the history of '%s'",
			       ctx->rel[i].name);
	return r;
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
static int first_release(struct stable_ctx *ctx, const git_oid *oid,
			 long *out)
{
	size_t n = ctx->rel_nr, i, step = 1;
	long lo, hi = -1;
	git_time_t t = 0;
	int r;

	for (i = 0; i < ctx->known_nr; i++)
		if (git_oid_equal(&ctx->known[i].oid, oid)) {
			*out = ctx->known[i].release;
			return 0;
		}
	if (commit_time(ctx->repo, oid, &t))
		return -1;
	for (i = 0; i < n && ctx->rel[i].time + DATE_SLOP < t; i++)
		;
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

static int branch_scan(struct stable_ctx *ctx, struct stable_branch *b)
{
	struct strvec ids = STRVEC_INIT;
	git_revwalk *walk = NULL;
	git_oid oid;
	int r, ret = -1;

	if (b->scanned)
		return 0;
	if (git_revwalk_new(&walk, ctx->repo) ||
	    git_revwalk_push(walk, &b->tip) ||
	    git_revwalk_hide(walk, &ctx->rel[b->base].commit)) {
		git_err("unable to walk '%s'", b->shorthand);
		goto out;
	}
	while (!(r = git_revwalk_next(&oid, walk))) {
		struct stable_commit *sc;
		const git_signature *author;
		git_commit *c = NULL;

		if (git_commit_lookup(&c, ctx->repo, &oid)) {
			git_err("unable to read commit %s in '%s'",
				git_oid_tostr_s(&oid), b->shorthand);
			goto out;
		}
		ALLOC_GROW(b->commits, b->commits_nr + 1, b->commits_alloc);
		sc = &b->commits[b->commits_nr];
		memset(sc, 0, sizeof(*sc));
		sc->oid = oid;
		author = git_commit_author(c);
		sc->author_email = xstrdup(author && author->email ?
					   author->email : "");
		sc->subject = xstrdup(git_commit_summary(c) ?
				      git_commit_summary(c) : "");
		strvec_clear(&ids);
		stable_upstream_ids(git_commit_message(c), &ids);
		for (size_t i = 0; i < ids.nr; i++) {
			ALLOC_GROW(b->refs, b->refs_nr + 1, b->refs_alloc);
			strcpy(b->refs[b->refs_nr].hex, ids.v[i]);
			b->refs[b->refs_nr++].commit = b->commits_nr;
		}
		b->commits_nr++;
		git_commit_free(c);
	}
	if (r != GIT_ITEROVER) {
		git_err("unable to walk '%s'", b->shorthand);
		goto out;
	}
	git_error_clear();
	b->scanned = true;
	ret = 0;
out:
	strvec_clear(&ids);
	git_revwalk_free(walk);
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

/* git patch-id --stable of a commit's change; 1 when it has none (a
 * merge). */
static int commit_patch_id(git_repository *repo, const git_oid *oid,
			   git_oid *out)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *old = NULL, *new = NULL;
	git_diff *diff = NULL;
	int ret = -1;

	if (git_commit_lookup(&c, repo, oid))
		return git_err("unable to read commit %s", git_oid_tostr_s(oid));
	if (git_commit_parentcount(c) > 1) {
		ret = 1;
		goto out;
	}
	if ((git_commit_parentcount(c) &&
	     (git_commit_parent(&parent, c, 0) ||
	      git_commit_tree(&old, parent))) ||
	    git_commit_tree(&new, c) ||
	    git_diff_tree_to_tree(&diff, repo, old, new, NULL) ||
	    git_diff_patchid(out, diff, NULL)) {
		git_err("unable to compute the patch-id of %s",
			git_oid_tostr_s(oid));
		goto out;
	}
	ret = 0;
out:
	git_diff_free(diff);
	git_tree_free(old);
	git_tree_free(new);
	git_commit_free(parent);
	git_commit_free(c);
	return ret;
}

/*
 * A commit of b making the same change as the fix (a backport that does
 * not say where it came from); -1 when none, -2 on error.  Backports keep
 * the author or the subject, so only those commits are diffed.
 */
static long branch_same_patch(struct stable_ctx *ctx, struct stable_branch *b,
			      const char *email, const char *subject,
			      const git_oid *patch_id)
{
	for (size_t i = 0; i < b->commits_nr; i++) {
		struct stable_commit *sc = &b->commits[i];
		int r;

		if (strcasecmp(sc->author_email, email) &&
		    strcmp(sc->subject, subject))
			continue;
		if (!sc->patch_id_state) {
			r = commit_patch_id(ctx->repo, &sc->oid, &sc->patch_id);
			if (r < 0)
				return -2;
			sc->patch_id_state = r ? -1 : 1;
		}
		if (sc->patch_id_state > 0 &&
		    git_oid_equal(&sc->patch_id, patch_id))
			return (long)i;
	}
	return -1;
}

/* ---- one commit ------------------------------------------------------- */

static char *short_oid(const struct stable_ctx *ctx, const git_oid *oid)
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
		char *s = short_oid(ctx, &fix->oid);

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
	t->subject = xstrdup(git_commit_summary((git_commit *)obj) ?
			     git_commit_summary((git_commit *)obj) : "");
	ret = first_release(ctx, &t->oid, &t->release);
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

int stable_analyze(struct stable_ctx *ctx, const char *rev,
		   struct stable_fix *fix)
{
	struct trailer_list tl;
	git_commit *c = NULL;
	const char *msg, *email;
	git_oid patch_id;
	int have_patch_id = 0;	/* 0 not yet, 1 yes, -1 none */
	int ret = -1, r;

	memset(fix, 0, sizeof(*fix));
	fix->release = fix->bug_release = -1;
	memset(&tl, 0, sizeof(tl));
	if (repo_commit(&c, ctx->repo, rev))
		return -1;
	fix->oid = *git_commit_id(c);
	fix->subject = xstrdup(git_commit_summary(c) ? git_commit_summary(c) : "");
	email = git_commit_author(c)->email ? git_commit_author(c)->email : "";

	if (first_release(ctx, &fix->oid, &fix->release))
		goto out;
	/* a release holds only mainline commits */
	if (fix->release >= 0 || git_oid_equal(&ctx->mainline, &fix->oid)) {
		fix->in_mainline = true;
	} else {
		r = git_graph_descendant_of(ctx->repo, &ctx->mainline, &fix->oid);
		if (r < 0) {
			git_err("unable to walk '%s'", ctx->mainline_name);
			goto out;
		}
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

	fix->verdicts = xcalloc(ctx->br_nr, sizeof(*fix->verdicts));
	fix->verdicts_nr = ctx->br_nr;
	for (size_t i = 0; i < ctx->br_nr; i++) {
		struct stable_branch *b = &ctx->br[i];
		struct stable_verdict *v = &fix->verdicts[i];
		long at;

		v->branch = b;
		if (fix->release >= 0 && (size_t)fix->release <= b->base) {
			v->state = STABLE_HAS_RELEASE;
			continue;
		}
		if (branch_scan(ctx, b))
			goto out;
		at = branch_backport(b, &fix->oid);
		if (at >= 0) {
			v->state = STABLE_HAS_BACKPORT;
			v->by = b->commits[at].oid;
			continue;
		}
		r = branch_has_bug(ctx, fix, b);
		if (r < 0)
			goto out;
		if (!r) {
			v->state = STABLE_NO_BUG;
			continue;
		}
		if (!have_patch_id) {
			r = commit_patch_id(ctx->repo, &fix->oid, &patch_id);
			if (r < 0)
				goto out;
			have_patch_id = r ? -1 : 1;
		}
		if (have_patch_id > 0) {
			at = branch_same_patch(ctx, b, email, fix->subject,
					       &patch_id);
			if (at < -1)
				goto out;
			if (at >= 0) {
				v->state = STABLE_HAS_PATCH_ID;
				v->by = b->commits[at].oid;
				continue;
			}
		}
		v->state = STABLE_NEEDS;
		fix->needed++;
	}
	ret = 0;
out:
	trailer_list_release(&tl);
	git_commit_free(c);
	return ret;
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
	memset(fix, 0, sizeof(*fix));
}

/* ---- words ------------------------------------------------------------ */

void stable_release_span(struct strbuf *out, const struct stable_ctx *ctx,
			 long first, long last)
{
	size_t n = 0;

	for (long i = first; i <= last; i++)
		if (!ctx->rel[i].rc)
			n++;
	if (n <= 1)
		strbuf_addstr(out, ctx->rel[first].name);
	else if (n == 2)
		strbuf_addf(out, "%s and %s", ctx->rel[first].name,
			    ctx->rel[last].name);
	else
		strbuf_addf(out, "%s to %s", ctx->rel[first].name,
			    ctx->rel[last].name);
}

/* The releases (not candidates) with the bug and without the fix, as
 * indexes of the first and last; false when there are none. */
static bool affected(const struct stable_ctx *ctx, const struct stable_fix *fix,
		     long *first, long *last)
{
	long end = fix->release >= 0 ? fix->release : (long)ctx->rel_nr;

	*first = *last = -1;
	if (fix->bug_release < 0)
		return false;
	for (long i = fix->bug_release; i < end; i++) {
		if (ctx->rel[i].rc)
			continue;
		if (*first < 0)
			*first = i;
		*last = i;
	}
	return *first >= 0;
}

static bool any_known_target(const struct stable_fix *fix)
{
	for (size_t i = 0; i < fix->targets_nr; i++)
		if (fix->targets[i].known)
			return true;
	return false;
}

static void add_affects(struct strbuf *out, const struct stable_ctx *ctx,
			const struct stable_fix *fix)
{
	long first, last;

	if (!any_known_target(fix))
		strbuf_addstr(out, "unknown (no known Fixes: target)");
	else if (affected(ctx, fix, &first, &last))
		stable_release_span(out, ctx, first, last);
	else
		strbuf_addstr(out, "no release");
}

static void add_mainline(struct strbuf *out, const struct stable_ctx *ctx,
			 const struct stable_fix *fix)
{
	if (fix->release >= 0)
		strbuf_addf(out, "in %s", ctx->rel[fix->release].name);
	else if (fix->in_mainline)
		strbuf_addf(out, "in %s, not yet released", ctx->mainline_name);
	else
		strbuf_addf(out, "not in %s", ctx->mainline_name);
}

static void add_target_text(struct strbuf *out, const struct stable_ctx *ctx,
			    const struct stable_target *t)
{
	char *s = t->known ? short_oid(ctx, &t->oid) : xstrdup(t->written);

	strbuf_addf(out, "%s (\"%s\")", s, t->subject ? t->subject : "");
	if (!t->known)
		strbuf_addstr(out, ", unknown commit");
	else if (t->release >= 0)
		strbuf_addf(out, ", in %s", ctx->rel[t->release].name);
	else
		strbuf_addstr(out, ", in no release");
	free(s);
}

static void add_verdict(struct strbuf *out, const struct stable_ctx *ctx,
			const struct stable_fix *fix,
			const struct stable_verdict *v)
{
	char *s;

	switch (v->state) {
	case STABLE_NEEDS:
		strbuf_addstr(out, "needs it");
		break;
	case STABLE_HAS_RELEASE:
		strbuf_addf(out, "has it (%s)", ctx->rel[fix->release].name);
		break;
	case STABLE_HAS_BACKPORT:
	case STABLE_HAS_PATCH_ID:
		s = short_oid(ctx, &v->by);
		strbuf_addf(out, "has it (%s%s)", s,
			    v->state == STABLE_HAS_PATCH_ID ?
			    ", same patch-id" : "");
		free(s);
		break;
	case STABLE_NO_BUG:
		if (fix->bug_release >= 0)
			strbuf_addf(out, "no bug (older than %s)",
				    ctx->rel[fix->bug_release].name);
		else
			strbuf_addstr(out, "no bug");
		break;
	}
}

void stable_describe(struct strbuf *out, const struct stable_ctx *ctx,
		     const struct stable_fix *fix)
{
	char *s = short_oid(ctx, &fix->oid);

	strbuf_addf(out, "commit %s (\"%s\")\n", s, fix->subject);
	strbuf_addstr(out, "  mainline: ");
	add_mainline(out, ctx, fix);
	strbuf_addch(out, '\n');
	if (!fix->targets_nr)
		strbuf_addstr(out, "  fixes: no Fixes: tag\n");
	for (size_t i = 0; i < fix->targets_nr; i++) {
		strbuf_addstr(out, "  fixes: ");
		add_target_text(out, ctx, &fix->targets[i]);
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "  affects: ");
	add_affects(out, ctx, fix);
	strbuf_addch(out, '\n');
	for (size_t i = 0; i < fix->verdicts_nr; i++) {
		strbuf_addf(out, "  %s: ", fix->verdicts[i].branch->shorthand);
		add_verdict(out, ctx, fix, &fix->verdicts[i]);
		strbuf_addch(out, '\n');
	}
	free(s);
}

void stable_wrap(struct strbuf *out, const char *text, size_t width)
{
	size_t col = 0;

	while (*text) {
		size_t n;

		if (*text == '\n') {
			strbuf_addch(out, '\n');
			col = 0;
			text++;
			continue;
		}
		if (*text == ' ') {
			text++;
			continue;
		}
		n = strcspn(text, " \n");
		if (col && col + 1 + n > width) {
			strbuf_addch(out, '\n');
			col = 0;
		} else if (col) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, text, n);
		col += n;
		text += n;
	}
	if (col)
		strbuf_addch(out, '\n');
}

/* "linux-6.2.y and linux-6.1.y" for the branches in state. */
static size_t add_branch_list(struct strbuf *out, const struct stable_fix *fix,
			      enum stable_state state, bool short_names)
{
	size_t n = 0, total = 0;

	for (size_t i = 0; i < fix->verdicts_nr; i++)
		total += fix->verdicts[i].state == state;
	for (size_t i = 0; i < fix->verdicts_nr; i++) {
		const struct stable_verdict *v = &fix->verdicts[i];

		if (v->state != state)
			continue;
		if (n)
			strbuf_addstr(out, n + 1 == total ? " and " : ", ");
		strbuf_addstr(out, short_names ? v->branch->name :
						 v->branch->shorthand);
		n++;
	}
	return n;
}

void stable_note(struct strbuf *out, const struct stable_ctx *ctx,
		 const struct stable_fix *fix)
{
	struct strbuf text = STRBUF_INIT;
	long first, last;

	strbuf_addstr(&text, "Stable: ");
	if (any_known_target(fix) && affected(ctx, fix, &first, &last)) {
		size_t n = 0;

		stable_release_span(&text, ctx, first, last);
		strbuf_addstr(&text, first == last ? " has" : " have");
		strbuf_addstr(&text, " the bug (from ");
		for (size_t i = 0; i < fix->targets_nr; i++) {
			const struct stable_target *t = &fix->targets[i];
			char *s;

			if (!t->known || t->release < 0)
				continue;
			s = short_oid(ctx, &t->oid);
			strbuf_addf(&text, "%s%s (\"%s\")", n++ ? ", " : "",
				    s, t->subject);
			free(s);
		}
		strbuf_addstr(&text, "); please");
	} else {
		strbuf_addstr(&text, "please");
	}
	strbuf_addstr(&text, " queue this for ");
	add_branch_list(&text, fix, STABLE_NEEDS, true);
	strbuf_addstr(&text, " once it is in mainline.");
	stable_wrap(out, text.buf, 72);
	strbuf_release(&text);
}

/* ---- the mail --------------------------------------------------------- */

static void push_address(struct strvec *out, const char *name,
			 const char *addr)
{
	struct strbuf sb = STRBUF_INIT;

	if (stable_address(addr)) {
		warning("leaving out '%s': stable requests go to the BPF "
			"maintainers", addr);
		return;
	}
	address_format(&sb, name, addr, false);
	strvec_push_unique(out, sb.buf, true);
	strbuf_release(&sb);
}

int stable_recipients(git_repository *repo, const struct config *cfg,
		      struct strvec *to, struct strvec *cc)
{
	struct strvec configured = STRVEC_INIT;
	struct maint_db *db = NULL;
	struct maint_result people = { 0 };
	int ret = -1, r;

	if (cfg)
		config_ini_all(cfg, "lists.bpf-maintainers", true, &configured);
	for (size_t i = 0; i < configured.nr; i++) {
		struct address a;

		if (address_parse(&a, configured.v[i])) {
			error("bad address '%s' in [lists] bpf-maintainers",
			      configured.v[i]);
			goto out;
		}
		push_address(to, a.name, a.addr);
		address_release(&a);
	}
	if (!configured.nr) {
		r = maint_db_load_repo(&db, repo);
		if (r < 0)
			goto out;
		if (!r && maint_section_people(db, "BPF [GENERAL]", true,
					       &people))
			goto out;
		for (size_t i = 0; i < people.nr; i++)
			if (people.v[i].kind == MAINT_PERSON)
				push_address(to, people.v[i].name,
					     people.v[i].addr);
	}
	if (!to->nr) {
		error("no BPF maintainers: no 'BPF [GENERAL]' section with M: "
		      "lines in MAINTAINERS");
		hint("name them in git-bpf's config: [lists] bpf-maintainers");
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(cc_lists); i++)
		if (!strvec_has(to, cc_lists[i], true))
			strvec_push_unique(cc, cc_lists[i], true);
	ret = 0;
out:
	maint_result_release(&people);
	maint_db_free(db);
	strvec_clear(&configured);
	return ret;
}

/* The label column of the mail's per-commit block. */
static void add_field(struct strbuf *out, const char *label)
{
	strbuf_addf(out, "  %-12s", label);
}

static void add_request_block(struct strbuf *out, const struct stable_ctx *ctx,
			      const struct stable_fix *fix)
{
	char *s = short_oid(ctx, &fix->oid);
	struct strbuf has = STRBUF_INIT;

	strbuf_addf(out, "commit %s (\"%s\")\n\n", s, fix->subject);
	add_field(out, "mainline:");
	if (fix->in_mainline)
		add_mainline(out, ctx, fix);
	else
		strbuf_addstr(out, "not in mainline yet");
	strbuf_addch(out, '\n');
	for (size_t i = 0; i < fix->targets_nr; i++) {
		add_field(out, i ? "" : "fixes:");
		add_target_text(out, ctx, &fix->targets[i]);
		strbuf_addch(out, '\n');
	}
	add_field(out, "affects:");
	add_affects(out, ctx, fix);
	strbuf_addch(out, '\n');
	add_field(out, "queue for:");
	add_branch_list(out, fix, STABLE_NEEDS, true);
	strbuf_addch(out, '\n');
	for (size_t i = 0; i < fix->verdicts_nr; i++) {
		const struct stable_verdict *v = &fix->verdicts[i];
		char *by;

		if (v->state == STABLE_NEEDS || v->state == STABLE_NO_BUG)
			continue;
		strbuf_addstr(&has, has.len ? ", " : "");
		if (v->state == STABLE_HAS_RELEASE) {
			strbuf_addf(&has, "%s (%s)", v->branch->name,
				    ctx->rel[fix->release].name);
			continue;
		}
		by = short_oid(ctx, &v->by);
		strbuf_addf(&has, "%s (%s)", v->branch->name, by);
		free(by);
	}
	if (has.len) {
		add_field(out, "has it:");
		strbuf_addbuf(out, &has);
		strbuf_addch(out, '\n');
	}
	strbuf_reset(&has);
	if (add_branch_list(&has, fix, STABLE_NO_BUG, true)) {
		add_field(out, "no bug:");
		strbuf_addbuf(out, &has);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&has);
	free(s);
}

/* A file name as format-patch makes one from a subject. */
static char *subject_filename(const char *subject)
{
	struct strbuf sb = STRBUF_INIT;
	bool dash = false;

	strbuf_addstr(&sb, "0001-");
	for (const char *p = subject; *p && sb.len < 5 + 52; p++) {
		if (isalnum((unsigned char)*p) || *p == '.' || *p == '_') {
			if (dash && sb.len > 5)
				strbuf_addch(&sb, '-');
			dash = false;
			strbuf_addch(&sb, *p);
		} else {
			dash = true;
		}
	}
	while (sb.len > 5 && (sb.buf[sb.len - 1] == '.' ||
			      sb.buf[sb.len - 1] == '-'))
		strbuf_setlen(&sb, sb.len - 1);
	strbuf_addstr(&sb, ".eml");
	return strbuf_detach(&sb, NULL);
}

int stable_compose(struct message_set *ms, const struct stable_ctx *ctx,
		   const struct stable_fix *fixes, size_t nr,
		   const struct strvec *to, const struct strvec *cc,
		   const char *from_name, const char *from_addr,
		   long long t, int tz)
{
	struct strbuf body = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf subject = STRBUF_INIT, date = STRBUF_INIT;
	const struct stable_fix *only = NULL;
	struct message *m;
	size_t n = 0;

	for (size_t i = 0; i < nr; i++)
		if (fixes[i].needed) {
			only = &fixes[i];
			n++;
		}
	if (!n)
		return error("no fix to request");
	if (n == 1)
		strbuf_addf(&subject, "Request for stable: %s", only->subject);
	else
		strbuf_addf(&subject, "Request for stable: %zu BPF fixes", n);

	strbuf_addstr(&body, "Hello,\n\n");
	if (n == 1)
		strbuf_addstr(&body, "please queue this fix for the stable "
				     "trees:\n");
	else
		strbuf_addf(&body, "please queue these %zu fixes for the "
				   "stable trees:\n", n);
	for (size_t i = 0; i < nr; i++) {
		if (!fixes[i].needed)
			continue;
		strbuf_addch(&body, '\n');
		add_request_block(&body, ctx, &fixes[i]);
	}
	strbuf_addf(&body, "\nThanks,\n%s\n", from_name && *from_name ?
					       from_name : from_addr);

	m = message_set_add(ms);
	ms->kind = "stable-request";
	m->subject = strbuf_detach(&subject, NULL);
	m->message_id = mail_message_id(from_addr, t, 1);
	{
		struct strbuf from = STRBUF_INIT;

		address_format(&from, from_name, from_addr, false);
		m->from = strbuf_detach(&from, NULL);
	}
	for (size_t i = 0; i < to->nr; i++)
		strvec_push_unique(&m->to, to->v[i], true);
	for (size_t i = 0; i < cc->nr; i++)
		strvec_push_unique(&m->cc, cc->v[i], true);
	m->filename = subject_filename(m->subject);

	mail_from_add(&text, "From", from_name, from_addr);
	mail_date(&date, t, tz);
	mail_header_add(&text, "Date", date.buf);
	mail_subject_add(&text, NULL, m->subject);
	mail_header_add(&text, "Message-ID", m->message_id);
	mail_header_add_addresses(&text, "To", &m->to);
	mail_header_add_addresses(&text, "Cc", &m->cc);
	strbuf_addstr(&text, "MIME-Version: 1.0\n"
			     "Content-Type: text/plain; charset=UTF-8\n"
			     "Content-Transfer-Encoding: 8bit\n\n");
	strbuf_addbuf(&text, &body);
	ms->cover_text = strbuf_detach(&body, NULL);
	m->text = strbuf_detach(&text, NULL);
	strbuf_release(&date);

	/* The one rule that must never break, whatever a subject holds. */
	if (strcasestr(m->text, "stable@vger.kernel.org"))
		return error("refusing a request that names "
			     "stable@vger.kernel.org");
	return 0;
}
