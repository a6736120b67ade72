// SPDX-License-Identifier: GPL-2.0
/* jit: the JIT maintainers of MAINTAINERS' "BPF JIT for ..." sections per
 * architecture, else the most frequent recent authors of arch/NAME/net/. */
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "mail.h"
#include "maint.h"
#include "repo.h"

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void jit_arches(git_repository *repo, const struct series *s,
		struct strvec *out)
{
	git_object *obj = NULL;
	git_tree *arch = NULL;

	if (!repo)
		return;
	if (git_revparse_single(&obj, repo, "HEAD:arch") ||
	    git_object_peel((git_object **)&arch, obj, GIT_OBJECT_TREE))
		goto out;
	for (size_t i = 0; i < git_tree_entrycount(arch); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(arch, i);
		const git_tree_entry *net;
		git_tree *sub = NULL;
		char *dir;

		if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&sub, repo, git_tree_entry_id(e)))
			continue;
		net = git_tree_entry_byname(sub, "net");
		dir = xstrfmt("arch/%s/net/", git_tree_entry_name(e));
		if (net && git_tree_entry_type(net) == GIT_OBJECT_TREE &&
		    !series_touches(s, dir))
			strvec_push(out, git_tree_entry_name(e));
		free(dir);
		git_tree_free(sub);
	}
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), str_cmp);
out:
	git_error_clear();
	git_tree_free(arch);
	git_object_free(obj);
}

/* The tree id of path in commit c; false when it has none. */
static bool path_id(git_oid *out, git_commit *c, const char *path)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	bool ret = false;

	if (!git_commit_tree(&t, c) && !git_tree_entry_bypath(&e, t, path)) {
		git_oid_cpy(out, git_tree_entry_id(e));
		ret = true;
	}
	git_tree_entry_free(e);
	git_tree_free(t);
	git_error_clear();
	return ret;
}

/* A commit changes path when its tree there differs from its parent's. */
static bool changes_path(git_commit *c, git_commit *parent, const char *path)
{
	git_oid a, b;
	bool ha = path_id(&a, c, path);
	bool hb = parent && path_id(&b, parent, path);

	if (ha != hb)
		return true;
	return ha && !git_oid_equal(&a, &b);
}

struct author_count {
	struct strset index;	/* "Name <addr>" to its place in v */
	struct strvec names;
	size_t *counts;
	size_t alloc;
};

static void count_author(struct author_count *ac, const char *who)
{
	size_t i;

	if (!strset_get(&ac->index, who, &i)) {
		i = ac->names.nr;
		strvec_push(&ac->names, who);
		strset_put(&ac->index, who, i);
		ALLOC_GROW(ac->counts, i + 1, ac->alloc);
		ac->counts[i] = 0;
	}
	ac->counts[i]++;
}

/* The most frequent first; of equal counts the one seen first (the most
 * recent), as a stable selection keeps them. */
static void top_authors(const struct author_count *ac, struct strvec *out)
{
	bool *taken = xcalloc(ac->names.nr + 1, sizeof(*taken));

	for (size_t n = 0; n < JIT_LOG_AUTHORS && n < ac->names.nr; n++) {
		size_t best = ac->names.nr;

		for (size_t i = 0; i < ac->names.nr; i++)
			if (!taken[i] && (best == ac->names.nr ||
					  ac->counts[i] > ac->counts[best]))
				best = i;
		taken[best] = true;
		strvec_push(out, ac->names.v[best]);
	}
	free(taken);
}

/*
 * One walk of HEAD's history back JIT_LOG_SECONDS for every architecture
 * of jp that no section names; non-merge commits only, as git log shows
 * the authors of a path.
 */
static int log_authors(struct jit_people *jp, git_repository *repo)
{
	struct author_count *ac = xcalloc(jp->nr + 1, sizeof(*ac));
	char **paths = xcalloc(jp->nr + 1, sizeof(*paths));
	git_revwalk *walk = NULL;
	git_mailmap *mm = NULL;
	git_commit *head = NULL;
	long long since;
	git_oid id;
	size_t i, want = 0;
	int ret = -1;

	for (i = 0; i < jp->nr; i++)
		if (jp->v[i].from_log) {
			paths[i] = xstrfmt("arch/%s/net", jp->v[i].arch);
			want++;
		}
	if (!want) {
		ret = 0;
		goto out;
	}
	if (repo_commit(&head, repo, "HEAD"))
		goto out;
	since = (long long)git_commit_time(head) - JIT_LOG_SECONDS;
	if (git_mailmap_from_repository(&mm, repo)) {
		git_error_clear();
		mm = NULL;
	}
	if (git_revwalk_new(&walk, repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TIME) ||
	    git_revwalk_push(walk, git_commit_id(head))) {
		git_err("unable to walk HEAD");
		goto out;
	}
	while (!git_revwalk_next(&id, walk)) {
		git_commit *c = NULL, *parent = NULL;
		git_signature *a = NULL;
		struct strbuf who = STRBUF_INIT;

		if (git_commit_lookup(&c, repo, &id)) {
			git_err("unable to read commit %s", git_oid_tostr_s(&id));
			goto out;
		}
		if ((long long)git_commit_time(c) < since) {
			git_commit_free(c);
			break;
		}
		if (git_commit_parentcount(c) > 1 ||
		    (git_commit_parentcount(c) &&
		     git_commit_parent(&parent, c, 0))) {
			git_error_clear();
			git_commit_free(c);
			continue;
		}
		for (i = 0; i < jp->nr; i++) {
			if (!paths[i] || !changes_path(c, parent, paths[i]))
				continue;
			if (!who.len) {
				if (git_commit_author_with_mailmap(&a, c, mm)) {
					git_error_clear();
					break;
				}
				address_format(&who, a->name, a->email, false);
			}
			count_author(&ac[i], who.buf);
		}
		git_signature_free(a);
		strbuf_release(&who);
		git_commit_free(parent);
		git_commit_free(c);
	}
	for (i = 0; i < jp->nr; i++)
		if (paths[i])
			top_authors(&ac[i], &jp->v[i].people);
	ret = 0;
out:
	git_error_clear();
	for (i = 0; i < jp->nr; i++) {
		free(paths[i]);
		strset_clear(&ac[i].index);
		strvec_clear(&ac[i].names);
		free(ac[i].counts);
	}
	free(paths);
	free(ac);
	git_revwalk_free(walk);
	git_mailmap_free(mm);
	git_commit_free(head);
	return ret;
}

int jit_people_find(struct jit_people *out, git_repository *repo,
		    const struct series *s)
{
	struct strvec arches = STRVEC_INIT;
	struct maint_db *db = NULL;
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	jit_arches(repo, s, &arches);
	if (!arches.nr) {
		ret = 0;
		goto out;
	}
	if (maint_db_load_repo(&db, repo) < 0)
		goto out;
	for (size_t i = 0; i < arches.nr; i++) {
		struct maint_result res = { 0 };
		struct jit_arch *a;
		char *dir = xstrfmt("arch/%s/net/", arches.v[i]);
		int n = db ? maint_section_people_under(db, JIT_SECTION_PREFIX,
							dir, &res) : 0;

		free(dir);
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		a = &out->v[out->nr++];
		memset(a, 0, sizeof(*a));
		a->arch = xstrdup(arches.v[i]);
		a->from_log = n <= 0;
		for (size_t j = 0; j < res.nr; j++) {
			strbuf_reset(&sb);
			maint_recipient_format(&res.v[j], &sb);
			strvec_push_unique(&a->people, sb.buf, true);
		}
		maint_result_release(&res);
	}
	if (log_authors(out, repo))
		goto out;
	/* an architecture nobody speaks for is no help in a hint or a Cc */
	for (size_t i = 0; i < out->nr; ) {
		if (out->v[i].people.nr) {
			i++;
			continue;
		}
		free(out->v[i].arch);
		strvec_clear(&out->v[i].people);
		memmove(&out->v[i], &out->v[i + 1],
			(out->nr - i - 1) * sizeof(*out->v));
		out->nr--;
	}
	ret = 0;
out:
	if (ret)
		jit_people_release(out);
	strbuf_release(&sb);
	maint_db_free(db);
	strvec_clear(&arches);
	return ret;
}

void jit_people_release(struct jit_people *jp)
{
	for (size_t i = 0; i < jp->nr; i++) {
		free(jp->v[i].arch);
		strvec_clear(&jp->v[i].people);
	}
	free(jp->v);
	memset(jp, 0, sizeof(*jp));
}

void jit_people_all(const struct jit_people *jp, struct strvec *out)
{
	for (size_t i = 0; i < jp->nr; i++)
		for (size_t j = 0; j < jp->v[i].people.nr; j++)
			strvec_push_unique(out, jp->v[i].people.v[j], true);
}

void jit_arch_format(struct strbuf *out, const struct jit_arch *a)
{
	strbuf_addstr(out, a->arch);
	if (a->from_log)
		strbuf_addf(out, " (no BPF JIT section; most frequent authors of arch/%s/net/ in two years)",
			    a->arch);
	strbuf_addstr(out, ": ");
	for (size_t i = 0; i < a->people.nr; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", a->people.v[i]);
}
