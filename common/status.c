// SPDX-License-Identifier: GPL-2.0
/* status: the sent/ tags of a branch, each message asked of patchwork, and
 * the bpf and bpf-next branches searched for the commits that applied it. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "diff.h"
#include "json.h"
#include "repo.h"
#include "sent.h"
#include "status.h"
#include "tree.h"

/* A patch as it was sent: what a maintainer's git am keeps of it. */
struct sent_commit {
	char *subject;
	char *author_email;
	long long author_time;
};

/* --- Link: tags ------------------------------------------------------ */

static bool id_boundary_before(char c)
{
	return c == '/' || c == '<' || c == ':' || c == ' ' || c == '=';
}

static bool id_boundary_after(char c)
{
	return !c || c == '/' || c == '>' || c == ' ' || c == '\t' ||
	       c == '#' || c == '?' || c == '\n';
}

static bool contains_id(const char *link, const char *id)
{
	size_t len = strlen(id);
	const char *p = link;

	if (!len)
		return false;
	while ((p = strstr(p, id))) {
		if (p > link && id_boundary_before(p[-1]) &&
		    id_boundary_after(p[len]))
			return true;
		p++;
	}
	return false;
}

bool status_link_names(const char *link, const char *msgid)
{
	struct strbuf esc = STRBUF_INIT;
	size_t len = strlen(msgid);
	char *bare;
	bool ret;

	if (len >= 2 && msgid[0] == '<' && msgid[len - 1] == '>')
		bare = xstrndup(msgid + 1, len - 2);
	else
		bare = xstrdup(msgid);
	ret = contains_id(link, bare);
	if (!ret) {
		/* lore writes '/' and other reserved bytes percent-encoded */
		http_escape(&esc, bare);
		ret = contains_id(link, esc.buf);
	}
	free(bare);
	strbuf_release(&esc);
	return ret;
}

/* The values of a message's Link: lines. */
static void message_links(const char *msg, struct strvec *out)
{
	const char *p = msg;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		if (nl - p > 5 && !strncasecmp(p, "Link:", 5)) {
			char *v = xstrndup(p + 5, nl - p - 5);

			strvec_push(out, v);
			free(v);
		}
		p = *nl ? nl + 1 : nl;
	}
}

/* --- what was sent ---------------------------------------------------- */

static void sent_commits_free(struct sent_commit *sc, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(sc[i].subject);
		free(sc[i].author_email);
	}
	free(sc);
}

/*
 * The commits of a sent version: base..target of its tag, newest first,
 * as many as it had patches (without a base, the newest that many).
 * Fewer (or none) when the history is gone; the patch-id search then has
 * less to go on, the Link: search is the same.
 */
static void sent_commits(git_repository *repo, const struct sent_version *sv,
			 struct sent_commit **out, size_t *nr)
{
	size_t n = 0, want = sv->patch_ids.nr;
	struct sent_commit *sc = xcalloc(want + 1, sizeof(*sc));
	git_revwalk *walk = NULL;
	git_oid base, id;

	if (!want || git_revwalk_new(&walk, repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) ||
	    git_revwalk_push(walk, &sv->target))
		goto out;
	if (sv->base[0] && !git_oid_fromstr(&base, sv->base) &&
	    git_revwalk_hide(walk, &base))
		goto out;
	while (n < want && !git_revwalk_next(&id, walk)) {
		git_commit *c = NULL;
		const git_signature *a;

		if (git_commit_lookup(&c, repo, &id))
			break;
		a = git_commit_author(c);
		sc[n].subject = xstrdup(git_commit_summary(c) ?
					git_commit_summary(c) : "");
		sc[n].author_email = xstrdup(a->email ? a->email : "");
		sc[n].author_time = (long long)a->when.time;
		n++;
		git_commit_free(c);
	}
out:
	git_error_clear();
	git_revwalk_free(walk);
	*out = sc;
	*nr = n;
}

/* --- what the trees applied ------------------------------------------ */

static bool is_candidate(git_commit *c, const struct sent_commit *sc,
			 size_t nr)
{
	const git_signature *a = git_commit_author(c);
	const char *subject = git_commit_summary(c);

	for (size_t i = 0; i < nr; i++) {
		if (subject && !strcmp(subject, sc[i].subject))
			return true;
		if ((long long)a->when.time == sc[i].author_time && a->email &&
		    !strcasecmp(a->email, sc[i].author_email))
			return true;
	}
	return false;
}

static void mark_applied(struct status_msg *m, const char *tree,
			 const git_oid *id, const char *how)
{
	if (m->applied_tree)
		return;
	m->applied_tree = tree;
	git_oid_tostr(m->applied, sizeof(m->applied), id);
	m->applied_by = how;
}

static bool all_applied(const struct status_version *v)
{
	for (size_t i = 0; i < v->nr; i++)
		if (v->msgs[i].patch && !v->msgs[i].applied_tree)
			return false;
	return true;
}

/*
 * Walk branch from its tip down to the series' base: a commit whose
 * Link: names one of the Message-IDs, or whose patch-id is one sent,
 * applied that patch.  Only the commits that kept a sent patch's subject
 * or authorship (git am keeps both) are formatted for their patch-id.
 */
static int search_tree(struct status_version *v, const struct sent_version *sv,
		       git_repository *repo, const char *tree,
		       const char *branch, const struct sent_commit *sc,
		       size_t sc_nr)
{
	git_revwalk *walk = NULL;
	git_object *tip = NULL;
	struct strvec links = STRVEC_INIT;
	git_oid base, id;
	int ret = -1;

	if (git_revparse_single(&tip, repo, branch)) {
		ret = git_err("unable to read '%s'", branch);
		goto out;
	}
	if (git_revwalk_new(&walk, repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) ||
	    git_revwalk_push(walk, git_object_id(tip))) {
		ret = git_err("unable to walk '%s'", branch);
		goto out;
	}
	/* a base the repository lacks hides nothing; the walk is longer */
	if (sv->base[0] && !git_oid_fromstr(&base, sv->base) &&
	    git_revwalk_hide(walk, &base))
		git_error_clear();
	while (!all_applied(v) && !git_revwalk_next(&id, walk)) {
		git_commit *c = NULL;
		const char *msg;

		if (git_commit_lookup(&c, repo, &id)) {
			ret = git_err("unable to read commit %s",
				      git_oid_tostr_s(&id));
			goto out;
		}
		msg = git_commit_message(c);
		strvec_clear(&links);
		message_links(msg ? msg : "", &links);
		for (size_t i = 0; i < v->nr; i++)
			for (size_t j = 0; v->msgs[i].patch && j < links.nr; j++)
				if (status_link_names(links.v[j],
						      v->msgs[i].message_id))
					mark_applied(&v->msgs[i], tree, &id,
						     "link");
		if (git_commit_parentcount(c) == 1 &&
		    is_candidate(c, sc, sc_nr)) {
			char *pid;

			if (diff_commit_patch_id(&pid, repo, c)) {
				git_commit_free(c);
				goto out;
			}
			for (size_t i = 0; i < v->nr; i++) {
				struct status_msg *m = &v->msgs[i];

				if (m->patch && m->patch <= sv->patch_ids.nr &&
				    !strcmp(pid, sv->patch_ids.v[m->patch - 1]))
					mark_applied(m, tree, &id, "patch-id");
			}
			free(pid);
		}
		git_commit_free(c);
	}
	git_error_clear();
	ret = 0;
out:
	strvec_clear(&links);
	git_revwalk_free(walk);
	git_object_free(tip);
	return ret;
}

/* --- patchwork -------------------------------------------------------- */

struct pw_state {
	enum status_patchwork mode;
	struct patchwork pw;
	bool down;		/* a question failed: ask no more */
};

/* 0; -2 when patchwork must answer and did not. */
static int ask_patchwork(struct pw_state *ps, struct status_report *r,
			 struct status_msg *m)
{
	int rc;

	m->pw_found = -1;
	if (ps->mode == STATUS_PW_OFF || ps->down)
		return 0;
	rc = patchwork_patch(&ps->pw, m->message_id, &m->pw);
	if (rc >= 0) {
		m->pw_found = rc;
		return 0;
	}
	ps->down = true;
	r->pw_asked = false;
	if (ps->mode == STATUS_PW_FORCE) {
		error("%s", ps->pw.err.buf);
		return ERR_BAD_INPUT;
	}
	free(r->pw_note);
	r->pw_note = xstrfmt("patchwork not reached (%s): showing what the trees applied",
			     ps->pw.err.buf);
	return 0;
}

/* --- collecting ------------------------------------------------------- */

static int branch_exists(git_repository *repo, const char *name)
{
	git_reference *ref = NULL;
	int rc = git_branch_lookup(&ref, repo, name, GIT_BRANCH_LOCAL);

	git_reference_free(ref);
	git_error_clear();
	return !rc;
}

static int collect_version(struct status_version *v,
			   const struct sent_version *sv,
			   git_repository *repo, const struct strvec *trees,
			   const char *const *tree_names, struct pw_state *ps,
			   struct status_report *r)
{
	struct sent_commit *sc = NULL;
	size_t sc_nr = 0, first_patch;
	int ret = 0;

	v->version = sv->version;
	v->tag = xstrdup(sv->tag);
	v->time = sv->time;
	v->tz = sv->tz;
	v->patches = sv->patch_ids.nr;
	v->nr = sv->message_ids.nr;
	v->msgs = xcalloc(v->nr + 1, sizeof(*v->msgs));
	/* the messages are cover first, then the patches in order */
	first_patch = v->nr > v->patches ? v->nr - v->patches : 0;
	for (size_t i = 0; i < v->nr; i++) {
		struct status_msg *m = &v->msgs[i];

		m->message_id = xstrdup(sv->message_ids.v[i]);
		m->patch = i >= first_patch ? i - first_patch + 1 : 0;
		m->pw_found = -1;
		if (m->patch)
			ret = ask_patchwork(ps, r, m);
		if (ret)
			return ret;
	}
	sent_commits(repo, sv, &sc, &sc_nr);
	for (size_t t = 0; t < trees->nr && !all_applied(v); t++)
		if (search_tree(v, sv, repo, tree_names[t], trees->v[t], sc,
				sc_nr)) {
			ret = -1;
			break;
		}
	sent_commits_free(sc, sc_nr);
	return ret;
}

int status_collect(struct status_report *out, git_repository *repo,
		   const struct config *cfg, const struct strvec *branches,
		   enum status_patchwork pw_mode)
{
	static const enum tree_id ids[] = { TREE_BPF, TREE_BPF_NEXT };
	const char *tree_names[ARRAY_SIZE(ids)];
	struct pw_state ps = { pw_mode };
	int ret = -1, rc;

	memset(out, 0, sizeof(*out));
	out->abbrev = repo_abbrev(repo);
	if (pw_mode != STATUS_PW_OFF && patchwork_init(&ps.pw, cfg))
		return ERR_BAD_INPUT;
	out->pw_asked = pw_mode != STATUS_PW_OFF;
	if (pw_mode == STATUS_PW_OFF)
		out->pw_note = xstrdup("patchwork not asked (--no-patchwork): showing what the trees applied");
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		char *ref = NULL;

		rc = tree_branch(&ref, repo, cfg, ids[i]);
		if (rc < 0) {
			ret = ERR_BAD_INPUT;
			goto out;
		}
		if (!rc) {
			tree_names[out->trees.nr] = tree_name(ids[i]);
			strvec_push(&out->trees, ref);
		}
		free(ref);
	}

	for (size_t i = 0; i < branches->nr; i++) {
		struct sent_version *sv = NULL;
		struct status_branch *b;
		size_t nr = 0;

		if (sent_list(repo, branches->v[i], &sv, &nr))
			goto out;
		if (!nr && !branch_exists(repo, branches->v[i])) {
			error("no branch '%s' and nothing sent from it",
			      branches->v[i]);
			ret = ERR_BAD_INPUT;
			goto out;
		}
		ALLOC_GROW(out->b, out->nr + 1, out->alloc);
		b = &out->b[out->nr++];
		memset(b, 0, sizeof(*b));
		b->name = xstrdup(branches->v[i]);
		b->v = xcalloc(nr + 1, sizeof(*b->v));
		for (size_t j = 0; j < nr; j++) {
			b->nr++;
			rc = collect_version(&b->v[j], &sv[j], repo,
					     &out->trees, tree_names, &ps, out);
			if (rc) {
				sent_list_free(sv, nr);
				ret = rc;
				goto out;
			}
		}
		sent_list_free(sv, nr);
	}
	ret = 0;
out:
	if (pw_mode != STATUS_PW_OFF)
		patchwork_release(&ps.pw);
	return ret;
}

void status_report_release(struct status_report *r)
{
	for (size_t i = 0; i < r->nr; i++) {
		struct status_branch *b = &r->b[i];

		for (size_t j = 0; j < b->nr; j++) {
			struct status_version *v = &b->v[j];

			for (size_t k = 0; k < v->nr; k++) {
				free(v->msgs[k].message_id);
				pw_patch_release(&v->msgs[k].pw);
			}
			free(v->msgs);
			free(v->tag);
		}
		free(b->v);
		free(b->name);
	}
	free(r->b);
	free(r->pw_note);
	strvec_clear(&r->trees);
	memset(r, 0, sizeof(*r));
}

/* --- output ----------------------------------------------------------- */

/* "2023-11-14 22:13:20 +0000", the date as the tagger's clock read. */
static void format_date(struct strbuf *out, long long t, int tz)
{
	time_t local = (time_t)(t + (long long)tz * 60);
	struct tm tm;
	char buf[32];
	int a = tz < 0 ? -tz : tz;

	gmtime_r(&local, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	strbuf_addf(out, "%s %c%02d%02d", buf, tz < 0 ? '-' : '+', a / 60,
		    a % 60);
}

static void print_msg(FILE *fp, const struct status_report *r,
		      const struct status_version *v,
		      const struct status_msg *m)
{
	const char *sep = ": ";

	fprintf(fp, "  %zu/%zu ", m->patch, v->patches);
	fputs_escaped(m->message_id, fp);
	if (!m->patch) {
		fprintf(fp, ": cover letter\n");
		return;
	}
	if (m->pw_found > 0) {
		fputs(sep, fp);
		fputs_escaped(m->pw.state, fp);
		if (m->pw.delegate) {
			fputs(", delegate ", fp);
			fputs_escaped(m->pw.delegate, fp);
		}
		if (m->pw.web_url) {
			fputs(", ", fp);
			fputs_escaped(m->pw.web_url, fp);
		}
		sep = "; ";
	} else if (!m->pw_found) {
		fprintf(fp, "%snot in patchwork", sep);
		sep = "; ";
	}
	if (m->applied_tree)
		fprintf(fp, "%sapplied to %s as %.*s", sep, m->applied_tree,
			r->abbrev, m->applied);
	else if (m->pw_found < 0)
		fprintf(fp, "%snot applied", sep);
	fputc('\n', fp);
}

void status_print(FILE *fp, const struct status_report *r)
{
	struct strbuf date = STRBUF_INIT;

	for (size_t i = 0; i < r->nr; i++) {
		const struct status_branch *b = &r->b[i];

		if (!b->nr) {
			fputs_escaped(b->name, fp);
			fputs(": nothing sent\n", fp);
		}
		for (size_t j = 0; j < b->nr; j++) {
			const struct status_version *v = &b->v[j];

			strbuf_reset(&date);
			format_date(&date, v->time, v->tz);
			fputs_escaped(b->name, fp);
			fprintf(fp, " v%d: sent %s, %zu message%s\n",
				v->version, date.buf, v->nr,
				v->nr == 1 ? "" : "s");
			for (size_t k = 0; k < v->nr; k++)
				print_msg(fp, r, v, &v->msgs[k]);
		}
	}
	strbuf_release(&date);
}

static json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *msg_json(const struct status_msg *m)
{
	json_t *o = json_object(), *pw;

	json_object_set_new(o, "message_id", json_string(m->message_id));
	json_object_set_new(o, "patch", json_integer((json_int_t)m->patch));
	if (m->pw_found > 0) {
		pw = json_object();
		json_object_set_new(pw, "state", json_string(m->pw.state));
		json_object_set_new(pw, "delegate",
				    json_str_or_null(m->pw.delegate));
		json_object_set_new(pw, "web_url",
				    json_str_or_null(m->pw.web_url));
		json_object_set_new(o, "patchwork", pw);
	} else {
		json_object_set_new(o, "patchwork", json_null());
	}
	if (m->applied_tree) {
		json_t *a = json_object();

		json_object_set_new(a, "tree", json_string(m->applied_tree));
		json_object_set_new(a, "commit", json_string(m->applied));
		json_object_set_new(a, "by", json_string(m->applied_by));
		json_object_set_new(o, "applied", a);
	} else {
		json_object_set_new(o, "applied", json_null());
	}
	return o;
}

int status_print_json(FILE *fp, const struct status_report *r)
{
	json_t *root = json_object(), *branches = json_array();
	struct strbuf date = STRBUF_INIT;
	int ret = 0;

	if (!root || !branches)
		die_oom();
	json_object_set_new(root, "patchwork", json_boolean(r->pw_asked));
	json_object_set_new(root, "note", json_str_or_null(r->pw_note));
	for (size_t i = 0; i < r->nr; i++) {
		const struct status_branch *b = &r->b[i];
		json_t *bo = json_append_object(branches);
		json_t *versions = json_array();

		json_object_set_new(bo, "branch", json_string(b->name));
		for (size_t j = 0; j < b->nr; j++) {
			const struct status_version *v = &b->v[j];
			json_t *vo = json_append_object(versions);
			json_t *msgs = json_array();

			strbuf_reset(&date);
			format_date(&date, v->time, v->tz);
			json_object_set_new(vo, "version",
					    json_integer(v->version));
			json_object_set_new(vo, "tag", json_string(v->tag));
			json_object_set_new(vo, "date", json_string(date.buf));
			for (size_t k = 0; k < v->nr; k++)
				json_array_append_new(msgs,
						      msg_json(&v->msgs[k]));
			json_object_set_new(vo, "messages", msgs);
		}
		json_object_set_new(bo, "versions", versions);
	}
	json_object_set_new(root, "branches", branches);
	ret = json_print(fp, root);
	strbuf_release(&date);
	return ret;
}
