// SPDX-License-Identifier: GPL-2.0
/* tree: choose the tree a series is for and find that tree's branch, the
 * same way for check and send. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "repo.h"
#include "strbuf.h"
#include "tree.h"
#include "util.h"

static const struct {
	const char *name;
	const char *prefix;	/* after PATCH in the subject */
	const char *repo;	/* remote URL ends in repo.git */
	bool iproute2;
} trees[TREE_NR] = {
	[TREE_BPF] = { "bpf", "bpf", "bpf", false },
	[TREE_BPF_NEXT] = { "bpf-next", "bpf-next", "bpf-next", false },
	[TREE_IPROUTE2] = { "iproute2", "iproute2 master", "iproute2", true },
	[TREE_IPROUTE2_NEXT] = { "iproute2-next", "iproute2 net-next",
				 "iproute2-next", true },
};

int tree_parse(const char *name)
{
	for (int i = 0; i < TREE_NR; i++)
		if (!strcmp(name, trees[i].name))
			return i;
	return -1;
}

const char *tree_name(enum tree_id id)
{
	return id < TREE_NR ? trees[id].name : "?";
}

const char *tree_subject_prefix(enum tree_id id)
{
	return id < TREE_NR ? trees[id].prefix : "?";
}

static bool is_version_word(const char *w)
{
	if (*w != 'v' || !isdigit((unsigned char)w[1]))
		return false;
	for (w++; *w; w++)
		if (!isdigit((unsigned char)*w))
			return false;
	return true;
}

static bool is_number_word(const char *w)
{
	const char *slash = strchr(w, '/');

	if (!slash || slash == w || !slash[1])
		return false;
	for (; *w; w++)
		if (*w != '/' && !isdigit((unsigned char)*w))
			return false;
	return true;
}

int tree_from_prefix(const char *prefix)
{
	struct strbuf words = STRBUF_INIT;
	char *copy, *tok, *save = NULL;
	int id = -1;

	if (!prefix)
		return -1;
	copy = xstrdup(prefix);
	for (tok = strtok_r(copy, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (!strcasecmp(tok, "PATCH") || !strcasecmp(tok, "RFC") ||
		    !strcasecmp(tok, "RESEND") || is_version_word(tok) ||
		    is_number_word(tok))
			continue;
		if (words.len)
			strbuf_addch(&words, ' ');
		strbuf_addstr(&words, tok);
	}
	if (!strcmp(words.buf, "bpf"))
		id = TREE_BPF;
	else if (!strcmp(words.buf, "bpf-next"))
		id = TREE_BPF_NEXT;
	else if (!strcmp(words.buf, "iproute2 master") ||
		 !strcmp(words.buf, "iproute2") ||
		 !strcmp(words.buf, "iproute2-main"))
		id = TREE_IPROUTE2;
	else if (!strcmp(words.buf, "iproute2 net-next") ||
		 !strcmp(words.buf, "iproute2-next") ||
		 !strcmp(words.buf, "iproute2 next"))
		id = TREE_IPROUTE2_NEXT;
	strbuf_release(&words);
	free(copy);
	return id;
}

/* Whether a remote URL names repo: ".../bpf-next.git", ".../bpf-next/". */
static bool url_names(const char *url, const char *repo)
{
	size_t n = strlen(url), rn = strlen(repo);

	while (n && url[n - 1] == '/')
		n--;
	if (n >= 4 && !strncmp(url + n - 4, ".git", 4))
		n -= 4;
	if (n < rn || strncmp(url + n - rn, repo, rn))
		return false;
	return n == rn || url[n - rn - 1] == '/' || url[n - rn - 1] == ':';
}

static bool ref_exists(git_repository *repo, const char *name)
{
	git_reference *ref = NULL;
	bool ok = !git_reference_lookup(&ref, repo, name);

	git_reference_free(ref);
	git_error_clear();
	return ok;
}

static char *remote_branch(git_repository *repo, const char *remote)
{
	static const char *const heads[] = { "master", "main" };
	git_reference *head = NULL;
	char *name;

	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		name = xstrfmt("refs/remotes/%s/%s", remote, heads[i]);
		if (ref_exists(repo, name))
			return name;
		free(name);
	}
	name = xstrfmt("refs/remotes/%s/HEAD", remote);
	if (!git_reference_lookup(&head, repo, name) &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		free(name);
		name = xstrdup(git_reference_symbolic_target(head));
		git_reference_free(head);
		return name;
	}
	git_reference_free(head);
	git_error_clear();
	free(name);
	return NULL;
}

struct remote_match {
	const char *repo;	/* the repository name the URL must end in */
	char *remote;		/* the first remote whose URL does */
};

static int remote_url_cb(const git_config_entry *e, void *data)
{
	struct remote_match *m = data;
	const char *name;
	size_t n;

	if (m->remote || !skip_prefix(e->name, "remote.", &name) ||
	    !ends_with(name, ".url") || !e->value)
		return 0;
	n = strlen(name) - 4;
	if (n && url_names(e->value, m->repo))
		m->remote = xstrndup(name, n);
	return 0;
}

int tree_branch(char **out, git_repository *repo, const struct config *cfg,
		enum tree_id id)
{
	struct remote_match m = { NULL, NULL };
	struct strbuf key = STRBUF_INIT;
	git_config *gcfg = NULL;
	const char *want;

	*out = NULL;
	if (!repo || id >= TREE_NR)
		return 1;
	strbuf_addf(&key, "trees.%s", trees[id].name);
	want = cfg ? config_ini(cfg, key.buf) : NULL;
	if (want) {
		git_reference *ref = NULL;
		git_object *obj = NULL;

		if (!git_reference_dwim(&ref, repo, want)) {
			*out = xstrdup(git_reference_name(ref));
			git_reference_free(ref);
		} else if (!git_revparse_single(&obj, repo, want)) {
			*out = xstrdup(want);
			git_object_free(obj);
		} else {
			git_error_clear();
			error("unknown revision '%s' for [trees] %s in '%s'",
			      want, trees[id].name,
			      cfg->ini_path ? cfg->ini_path : "config");
			strbuf_release(&key);
			return -1;
		}
		strbuf_release(&key);
		return 0;
	}
	strbuf_release(&key);

	/*
	 * git_remote_list() and git_remote_lookup() match config keys with
	 * regexes that leak in libgit2 1.5; plain iteration does not.
	 */
	if (git_repository_config_snapshot(&gcfg, repo)) {
		git_error_clear();
		return 1;
	}
	m.repo = trees[id].repo;
	git_config_foreach(gcfg, remote_url_cb, &m);
	git_config_free(gcfg);
	git_error_clear();
	if (m.remote) {
		*out = remote_branch(repo, m.remote);
		free(m.remote);
	}
	return *out ? 0 : 1;
}

int tree_upstream(char **out, git_repository *repo)
{
	git_config *cfg = NULL;
	const char *remote = NULL, *merge = NULL, *name;
	char *branch, *key;

	*out = NULL;
	branch = repo_current_branch(repo);
	if (!branch)
		return 1;
	if (git_repository_config_snapshot(&cfg, repo)) {
		git_error_clear();
		free(branch);
		return 1;
	}
	key = xstrfmt("branch.%s.remote", branch);
	if (git_config_get_string(&remote, cfg, key))
		remote = NULL;
	free(key);
	key = xstrfmt("branch.%s.merge", branch);
	if (git_config_get_string(&merge, cfg, key))
		merge = NULL;
	free(key);
	git_error_clear();
	if (remote && merge) {
		if (!skip_prefix(merge, "refs/heads/", &name))
			name = merge;
		*out = !strcmp(remote, ".") ? xstrfmt("refs/heads/%s", name) :
		       xstrfmt("refs/remotes/%s/%s", remote, name);
		if (!ref_exists(repo, *out)) {
			free(*out);
			*out = NULL;
		}
	}
	git_config_free(cfg);
	free(branch);
	return *out ? 0 : 1;
}

int tree_default_range(char **out, git_repository *repo, const char *cmd)
{
	char *upstream, *branch;

	*out = NULL;
	if (!tree_upstream(&upstream, repo)) {
		*out = xstrfmt("%s..HEAD", upstream);
		free(upstream);
		return 0;
	}
	branch = repo_current_branch(repo);
	if (branch)
		error("branch '%s' has no upstream: give a range, e.g. "
		      "'git bpf %s bpf-next/master..HEAD'", branch, cmd);
	else
		error("HEAD is detached, so there is no upstream: give a "
		      "range, e.g. 'git bpf %s bpf-next/master..HEAD'", cmd);
	free(branch);
	return -1;
}

bool tree_repo_is_kernel(git_repository *repo)
{
	git_object *obj = NULL;
	bool yes;

	if (!repo)
		return false;
	yes = !git_revparse_single(&obj, repo, "HEAD:kernel/bpf") &&
	      git_object_type(obj) == GIT_OBJECT_TREE;
	git_object_free(obj);
	git_error_clear();
	return yes;
}

char *tree_no_branch_why(git_repository *repo, const struct tree_choice *t)
{
	const char *kind = NULL;

	if (t->branch)
		return NULL;
	if (t->iproute2 && !tree_repo_is_iproute2(repo))
		kind = "; this is no iproute2 tree (no ip/ip.c and tc/tc.c at HEAD)";
	else if (!t->iproute2 && !tree_repo_is_kernel(repo))
		kind = "; this is no kernel tree (no kernel/bpf/ at HEAD)";
	return xstrfmt("no %s branch: no [trees] %s, no remote whose URL ends in %s.git%s",
		       t->name, t->name, trees[t->id].repo, kind ? kind : "");
}

bool tree_repo_is_iproute2(git_repository *repo)
{
	struct strbuf sb = STRBUF_INIT;
	bool yes;

	if (!repo)
		return false;
	yes = repo_read_head_file(repo, "ip/ip.c", &sb) == 0 &&
	      repo_read_head_file(repo, "tc/tc.c", &sb) == 0;
	strbuf_release(&sb);
	return yes;
}

int tree_contains(git_repository *repo, const char *branch, const char *hex)
{
	git_object *obj = NULL;
	git_oid tip, oid;
	int ret;

	if (!repo || !branch || !hex || !*hex || git_oid_fromstr(&oid, hex))
		return -1;
	if (git_revparse_single(&obj, repo, branch)) {
		git_error_clear();
		return -1;
	}
	ret = -1;
	{
		git_object *c = NULL;

		if (!git_object_peel(&c, obj, GIT_OBJECT_COMMIT)) {
			git_oid_cpy(&tip, git_object_id(c));
			git_object_free(c);
			ret = 0;
		}
	}
	git_object_free(obj);
	git_error_clear();
	if (ret)
		return -1;
	if (git_oid_equal(&tip, &oid))
		return 1;
	ret = git_graph_descendant_of(repo, &tip, &oid);
	git_error_clear();
	return ret < 0 ? -1 : ret;
}

const char *tree_branch_short(const char *ref)
{
	const char *s;

	if (skip_prefix(ref, "refs/remotes/", &s) ||
	    skip_prefix(ref, "refs/heads/", &s) ||
	    skip_prefix(ref, "refs/", &s))
		return s;
	return ref;
}

/* A line of the message starting with "Fixes:", before any "---". */
static bool message_has_fixes(const char *msg)
{
	const char *p = msg;

	while (p && *p) {
		if (starts_with(p, "---\n") || !strcmp(p, "---"))
			break;
		if (istarts_with(p, "fixes:"))
			return true;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}

static bool only_selftests(const struct patch *p)
{
	if (!p->paths_nr)
		return false;
	for (size_t i = 0; i < p->paths_nr; i++)
		if (!starts_with(p->paths[i].path, "tools/testing/selftests/"))
			return false;
	return true;
}

/* Choose between a fixes tree and its -next from Fixes: tags and base. */
static int choose_auto(struct tree_choice *out, git_repository *repo,
		       const struct config *cfg, const struct series *s,
		       enum tree_id fixes, enum tree_id next, const char *what)
{
	size_t with = 0, first_without = 0;
	char *branch = NULL;
	int in_branch = -1;

	for (size_t i = 0; s && i < s->nr; i++) {
		const struct patch *p = &s->patches[i];

		if (p->message && message_has_fixes(p->message))
			with++;
		else if (!only_selftests(p) && !first_without)
			first_without = p->nr;
	}
	if (!with) {
		out->id = next;
		out->reason = xstrfmt("tree: %s (%sno Fixes: tags)",
				      tree_name(next), what);
		return 0;
	}
	if (first_without) {
		out->id = next;
		out->reason = xstrfmt("tree: %s (%spatch %zu has no Fixes: tag)",
				      tree_name(next), what, first_without);
		return 0;
	}
	if (tree_branch(&branch, repo, cfg, fixes) < 0)
		return -1;
	if (branch && s && *s->base)
		in_branch = tree_contains(repo, branch, s->base);
	if (in_branch == 0) {
		out->id = next;
		out->reason = xstrfmt("tree: %s (%sFixes: tags, but the base is not in %s)",
				      tree_name(next), what,
				      tree_branch_short(branch));
	} else {
		out->id = fixes;
		out->reason = xstrfmt("tree: %s (%sall patches carry Fixes: tags)",
				      tree_name(fixes), what);
	}
	free(branch);
	return 0;
}

/* Patch files: the tree the cover's or the first patch's prefix names. */
static int files_tree(const struct series *s)
{
	int id = -1;

	if (!s || s->source != SERIES_FILES)
		return -1;
	if (s->cover)
		id = tree_from_prefix(s->cover->prefix);
	if (id < 0 && s->nr)
		id = tree_from_prefix(s->patches[0].prefix);
	return id;
}

int tree_select(struct tree_choice *out, git_repository *repo,
		const struct config *cfg, const struct series *s,
		const char *forced)
{
	int id;

	memset(out, 0, sizeof(*out));
	if (forced) {
		id = tree_parse(forced);
		if (id < 0)
			return error("unknown tree '%s' (bpf, bpf-next, iproute2, iproute2-next)",
				     forced);
		out->id = id;
		out->forced = true;
		out->reason = xstrfmt("tree: %s (--tree)", tree_name(id));
	} else if ((id = files_tree(s)) >= 0) {
		out->id = id;
		out->reason = xstrfmt("tree: %s (from the subject prefix)",
				      tree_name(id));
	} else if (tree_repo_is_iproute2(repo)) {
		if (choose_auto(out, repo, cfg, s, TREE_IPROUTE2,
				TREE_IPROUTE2_NEXT, "iproute2, ") < 0)
			return -1;
	} else {
		if (choose_auto(out, repo, cfg, s, TREE_BPF, TREE_BPF_NEXT,
				"") < 0)
			return -1;
	}
	out->name = tree_name(out->id);
	out->iproute2 = trees[out->id].iproute2;
	if (tree_branch(&out->branch, repo, cfg, out->id) < 0) {
		tree_choice_release(out);
		return -1;
	}
	return 0;
}

void tree_choice_copy(struct tree_choice *dst, const struct tree_choice *src)
{
	*dst = *src;
	dst->branch = src->branch ? xstrdup(src->branch) : NULL;
	dst->reason = src->reason ? xstrdup(src->reason) : NULL;
}

void tree_choice_release(struct tree_choice *tc)
{
	free(tc->branch);
	free(tc->reason);
	tc->branch = NULL;
	tc->reason = NULL;
}
