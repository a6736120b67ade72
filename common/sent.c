// SPDX-License-Identifier: GPL-2.0
/* sent: the annotated tags sent/<branch>-v<N> that remember each version
 * of a series mailed from a branch (cover, base, Message-IDs, patch-ids). */
#include <stdlib.h>
#include <string.h>

#include "repo.h"
#include "sent.h"
#include "series.h"

static char *tag_name(const char *branch, int version)
{
	return xstrfmt("sent/%s-v%d", branch, version);
}

/* The version in "sent/<branch>-v<N>", or 0 when name is not one. */
static int tag_version(const char *name, const char *branch)
{
	const char *p;
	char *end;
	long v;

	if (!skip_prefix(name, "sent/", &p) || !skip_prefix(p, branch, &p) ||
	    !skip_prefix(p, "-v", &p) || *p < '1' || *p > '9')
		return 0;
	v = strtol(p, &end, 10);
	return *end || v > 1000000 ? 0 : (int)v;
}

static void parse_message(struct sent_version *v, const char *msg)
{
	const char *p = msg, *block = NULL;
	const char *line;

	/* the trailer-like block starts at the last "Base-commit:" line */
	for (line = msg; *line; ) {
		const char *nl = strchrnul(line, '\n');

		if (starts_with(line, "Base-commit: "))
			block = line;
		line = *nl ? nl + 1 : nl;
	}
	if (!block)
		block = msg + strlen(msg);
	v->cover_text = xstrndup(msg, block - msg);
	{
		size_t len = strlen(v->cover_text);

		while (len && v->cover_text[len - 1] == '\n')
			v->cover_text[--len] = '\0';
	}
	for (p = block; *p; ) {
		const char *nl = strchrnul(p, '\n');
		char *val;
		const char *rest;

		if (skip_prefix(p, "Message-ID: ", &rest)) {
			val = xstrndup(rest, nl - rest);
			strvec_push(&v->message_ids, val);
			if (!v->cover_message_id)
				v->cover_message_id = xstrdup(val);
			free(val);
		} else if (skip_prefix(p, "Base-commit: ", &rest)) {
			if (nl - rest == GIT_OID_HEXSZ)
				memcpy(v->base, rest, GIT_OID_HEXSZ);
		} else if (skip_prefix(p, "Patch-ID: ", &rest)) {
			val = xstrndup(rest, nl - rest);
			strvec_push(&v->patch_ids, val);
			free(val);
		}
		p = *nl ? nl + 1 : nl;
	}
}

static int version_cmp(const void *a, const void *b)
{
	const struct sent_version *x = a, *y = b;

	return x->version - y->version;
}

int sent_list(git_repository *repo, const char *branch,
	      struct sent_version **out, size_t *nr)
{
	git_strarray names = { 0 };
	struct sent_version *v = NULL;
	size_t i, n = 0, alloc = 0;
	char *pattern;
	int ret = 0;

	*out = NULL;
	*nr = 0;
	if (!branch || !*branch)
		return 0;
	pattern = xstrfmt("sent/%s-v*", branch);
	if (git_tag_list_match(&names, pattern, repo) < 0) {
		free(pattern);
		return git_err("unable to list the sent tags");
	}
	free(pattern);
	for (i = 0; i < names.count; i++) {
		int version = tag_version(names.strings[i], branch);
		git_object *obj = NULL;
		char *ref;

		if (!version)
			continue;
		ref = xstrfmt("refs/tags/%s", names.strings[i]);
		if (git_revparse_single(&obj, repo, ref) < 0) {
			free(ref);
			ret = git_err("unable to read tag '%s'", names.strings[i]);
			break;
		}
		free(ref);
		if (git_object_type(obj) != GIT_OBJECT_TAG) {
			/* a lightweight tag holds none of what we need */
			git_object_free(obj);
			continue;
		}
		ALLOC_GROW(v, n + 1, alloc);
		memset(&v[n], 0, sizeof(v[n]));
		v[n].version = version;
		v[n].tag = xstrdup(names.strings[i]);
		git_oid_cpy(&v[n].target, git_tag_target_id((git_tag *)obj));
		if (git_tag_tagger((git_tag *)obj)) {
			const git_signature *sig =
				git_tag_tagger((git_tag *)obj);

			v[n].time = (long long)sig->when.time;
			v[n].tz = sig->when.offset;
		}
		parse_message(&v[n], git_tag_message((git_tag *)obj));
		if (git_tag_target_type((git_tag *)obj) == GIT_OBJECT_COMMIT)
			git_oid_tostr(v[n].tip, sizeof(v[n].tip),
				      git_tag_target_id((git_tag *)obj));
		if (git_tag_tagger((git_tag *)obj))
			v[n].date = git_tag_tagger((git_tag *)obj)->when.time;
		n++;
		git_object_free(obj);
	}
	git_strarray_dispose(&names);
	if (ret) {
		sent_list_free(v, n);
		return -1;
	}
	if (n)
		qsort(v, n, sizeof(*v), version_cmp);
	*out = v;
	*nr = n;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sent_branches(git_repository *repo, struct strvec *out)
{
	git_strarray names = { 0 };
	struct strset seen = { 0 };
	size_t i;

	if (git_tag_list_match(&names, "sent/*", repo) < 0)
		return git_err("unable to list the sent tags");
	for (i = 0; i < names.count; i++) {
		const char *name = names.strings[i] + strlen("sent/");
		const char *v = strrchr(name, '-');
		char *branch;

		if (!v || v == name)
			continue;
		branch = xstrndup(name, v - name);
		/* the tag must parse back to this branch and a version */
		if (tag_version(names.strings[i], branch) &&
		    strset_add(&seen, branch))
			strvec_push(out, branch);
		free(branch);
	}
	git_strarray_dispose(&names);
	strset_clear(&seen);
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), str_cmp);
	return 0;
}

void sent_list_free(struct sent_version *v, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		free(v[i].tag);
		free(v[i].cover_message_id);
		strvec_clear(&v[i].message_ids);
		strvec_clear(&v[i].patch_ids);
		free(v[i].cover_text);
	}
	free(v);
}

int sent_last_version(git_repository *repo, const char *branch)
{
	struct sent_version *v;
	size_t nr;
	int last;

	if (sent_list(repo, branch, &v, &nr) || !nr)
		return 0;
	last = v[nr - 1].version;
	sent_list_free(v, nr);
	return last;
}

/* The message of the commit hex, or NULL after an error. */
static char *commit_message(git_repository *repo, const char *hex,
			    char *parent)
{
	git_commit *c = NULL;
	git_oid oid;
	char *msg;

	if (git_oid_fromstr(&oid, hex) < 0 ||
	    git_commit_lookup(&c, repo, &oid) < 0) {
		git_err("unable to read commit '%s'", hex);
		return NULL;
	}
	msg = xstrdup(git_commit_message(c));
	if (parent) {
		*parent = '\0';
		if (git_commit_parentcount(c))
			git_oid_tostr(parent, GIT_OID_HEXSZ + 1,
				      git_commit_parent_id(c, 0));
	}
	git_commit_free(c);
	return msg;
}

int sent_same_series(git_repository *repo, const struct sent_version *v,
		     const struct series *s, const char *const *patch_ids)
{
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;
	int ret = 1;

	if (v->patch_ids.nr != s->nr)
		return 0;
	for (i = 0; i < s->nr; i++)
		if (strcmp(v->patch_ids.v[i], patch_ids[i]))
			return 0;
	if (!v->tip[0] || !strcmp(v->tip, s->patches[s->nr - 1].oid))
		return 1;
	/* same diffs: the messages decide, newest first from the tip */
	memcpy(hex, v->tip, sizeof(hex));
	for (i = s->nr; i > 0 && ret == 1; i--) {
		char *old, *cur;

		if (!hex[0])
			return 0;
		old = commit_message(repo, hex, hex);
		cur = old ? commit_message(repo, s->patches[i - 1].oid, NULL) :
			    NULL;
		if (!cur)
			ret = -1;
		else if (strcmp(old, cur))
			ret = 0;
		free(old);
		free(cur);
	}
	return ret;
}

/* What the tag points at: the series' tip (its last patch), else base. */
static int tag_target(git_object **out, git_repository *repo,
		      const struct message_set *ms)
{
	const char *hex = ms->base;
	git_oid oid;
	size_t i;

	for (i = ms->nr; i > 0; i--)
		if (ms->v[i - 1].commit[0]) {
			hex = ms->v[i - 1].commit;
			break;
		}
	if (!*hex)
		return git_revparse_single(out, repo, "HEAD") < 0 ?
			git_err("unable to resolve HEAD") : 0;
	if (git_oid_fromstr(&oid, hex) < 0 ||
	    git_object_lookup(out, repo, &oid, GIT_OBJECT_ANY) < 0)
		return git_err("unable to read commit '%s'", hex);
	return 0;
}

int sent_tag_write(git_repository *repo, const struct message_set *ms)
{
	struct strbuf msg = STRBUF_INIT;
	git_signature *sig = NULL;
	git_object *target = NULL;
	char *name;
	git_oid oid;
	size_t i;
	int ret = -1;

	if (!ms->branch || !*ms->branch)
		return 0;
	name = tag_name(ms->branch, ms->version);
	if (tag_target(&target, repo, ms))
		goto out;
	if (git_signature_default(&sig, repo) < 0 &&
	    git_signature_now(&sig, "git-bpf", "git-bpf@localhost") < 0) {
		git_err("unable to make a tagger signature");
		goto out;
	}
	if (ms->cover_text && *ms->cover_text) {
		strbuf_addstr(&msg, ms->cover_text);
		strbuf_rtrim(&msg);
		strbuf_addstr(&msg, "\n\n");
	} else {
		strbuf_addf(&msg, "%s v%d\n\n", ms->branch, ms->version);
	}
	strbuf_addf(&msg, "Base-commit: %s\n", ms->base);
	for (i = 0; i < ms->nr; i++)
		strbuf_addf(&msg, "Message-ID: %s\n", ms->v[i].message_id);
	for (i = 0; i < ms->nr; i++)
		if (ms->v[i].patch_id)
			strbuf_addf(&msg, "Patch-ID: %s\n", ms->v[i].patch_id);
	/* a resend of the same version replaces the record */
	if (git_tag_create(&oid, repo, name, target, sig, msg.buf, 1) < 0) {
		git_err("unable to write tag '%s'", name);
		goto out;
	}
	ret = 0;
out:
	free(name);
	git_signature_free(sig);
	git_object_free(target);
	strbuf_release(&msg);
	return ret;
}
