// SPDX-License-Identifier: GPL-2.0
/* reviews: the review tags the list gave a sent series, found in the
 * thread's replies, and the commits rewritten to carry them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "diff.h"
#include "json.h"
#include "mail.h"
#include "repo.h"
#include "reviews.h"
#include "trailer.h"
#include "util.h"

/* The tags a review gives, spelled as the kernel spells them. */
static const char *const person_tokens[] = {
	"Acked-by", "Reviewed-by", "Tested-by", "Reported-by", "Suggested-by",
};
/* Taken only next to one of those, as b4 takes them. */
static const char *const link_tokens[] = { "Closes", "Link" };

static const char *token_find(const char *s, size_t len,
			      const char *const *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		if (strlen(v[i]) == len && !strncasecmp(s, v[i], len))
			return v[i];
	return NULL;
}

bool reviews_is_tag(const char *token)
{
	return token_find(token, strlen(token), person_tokens,
			  ARRAY_SIZE(person_tokens));
}

/* A tag line of a reply, before it is given to a patch. */
struct found_tag {
	const char *token;	/* static */
	char *value;
	bool person;
};

struct found_tags {
	struct found_tag *v;
	size_t nr, alloc;
};

static void found_tags_release(struct found_tags *f)
{
	for (size_t i = 0; i < f->nr; i++)
		free(f->v[i].value);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/* The address a tag's value names ("Name <a@b>" or "a@b"), lower case;
 * NULL when it names none. */
static char *value_address(const char *value)
{
	const char *lt = strrchr(value, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	char *addr;

	if (gt && memchr(lt, '@', (size_t)(gt - lt)))
		addr = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	else if (strchr(value, '@') && !strpbrk(value, " \t<>"))
		addr = xstrdup(value);
	else
		return NULL;
	for (char *c = addr; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return addr;
}

/* Mail clients turn "<a@b>" into "<a@b<mailto:a@b>>": drop the link. */
static char *clean_value(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	const char *m;

	strbuf_add(&sb, s, len);
	while ((m = strstr(sb.buf, "<mailto:"))) {
		const char *gt = strchr(m, '>');
		size_t at = (size_t)(m - sb.buf), n;

		if (!gt)
			break;
		n = (size_t)(gt - m + 1);
		memmove(sb.buf + at, sb.buf + at + n, sb.len - at - n + 1);
		sb.len -= n;
	}
	strbuf_trim(&sb);
	return strbuf_detach(&sb, NULL);
}

/* Lines git and mail clients put where the writer's own text ends. */
static bool ends_reply_text(const char *line, size_t len)
{
	return (len == 2 && !memcmp(line, "--", 2)) ||
	       (len == 3 && !memcmp(line, "-- ", 3)) ||
	       (len >= 20 && starts_with(line, "-----Original Message-----"));
}

static bool diff_line(const char *line, size_t len)
{
	static const char *const starts[] = {
		" ", "+", "-", "@@", "\\", "index ", "new ", "deleted ",
		"similarity ", "dissimilarity ", "rename ", "copy ",
		"old mode ", "Binary files ", "diff --git ",
	};

	if (!len)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(starts); i++)
		if (len >= strlen(starts[i]) && starts_with(line, starts[i]))
			return true;
	return false;
}

/* Close a block of trailer-shaped lines: its Link:/Closes: count only
 * when a review tag stands in it too. */
static void block_flush(struct found_tags *out, struct found_tags *block)
{
	bool person = false;

	for (size_t i = 0; i < block->nr; i++)
		person |= block->v[i].person;
	for (size_t i = 0; i < block->nr; i++) {
		if (person) {
			ALLOC_GROW(out->v, out->nr + 1, out->alloc);
			out->v[out->nr++] = block->v[i];
		} else {
			free(block->v[i].value);
		}
	}
	block->nr = 0;
}

/*
 * The tags of a reply's own text: lines "Token: value" that are not
 * quoted, not in a diff, not after the signature.
 */
static void scan_tags(struct found_tags *out, const char *body)
{
	struct found_tags block = { 0 };
	bool in_diff = false;

	for (const char *p = body; *p; ) {
		const char *nl = strchrnul(p, '\n');
		size_t len = (size_t)(nl - p), tlen = 0;
		const char *tok;
		bool person;

		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (ends_reply_text(p, len))
			break;
		if (starts_with(p, "diff --git "))
			in_diff = true;
		else if (in_diff && !diff_line(p, len))
			in_diff = false;
		while (tlen < len && (isalnum((unsigned char)p[tlen]) ||
				      p[tlen] == '-'))
			tlen++;
		if (in_diff || !tlen || tlen >= len || p[tlen] != ':') {
			block_flush(out, &block);
			goto next;
		}
		tok = token_find(p, tlen, person_tokens,
				 ARRAY_SIZE(person_tokens));
		person = tok;
		if (!tok)
			tok = token_find(p, tlen, link_tokens,
					 ARRAY_SIZE(link_tokens));
		if (tok) {
			char *value = clean_value(p + tlen + 1, len - tlen - 1);
			char *addr = person ? value_address(value) : NULL;

			/* "Name <addr>" or a bare address, nothing after */
			if (*value && (!person || (addr &&
			    (value[strlen(value) - 1] == '>' ||
			     !strpbrk(value, " \t<>"))))) {
				ALLOC_GROW(block.v, block.nr + 1, block.alloc);
				block.v[block.nr].token = tok;
				block.v[block.nr].value = value;
				block.v[block.nr].person = person;
				block.nr++;
			} else {
				free(value);
			}
			free(addr);
		}
next:
		p = *nl ? nl + 1 : nl;
	}
	block_flush(out, &block);
	free(block.v);
}

/* "acked-by\nname <address>", the identity of a tag for "is it there
 * already": tag, name and address, case and runs of blanks aside. */
static char *tag_key(const char *token, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	bool blank = false;

	strbuf_addf(&sb, "%s\n", token);
	for (const char *c = value; *c; c++) {
		if (isspace((unsigned char)*c)) {
			blank = true;
			continue;
		}
		if (blank && sb.buf[sb.len - 1] != '\n')
			strbuf_addch(&sb, ' ');
		blank = false;
		strbuf_addch(&sb, (char)tolower((unsigned char)*c));
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * Which of our messages a reply answers: its In-Reply-To, else the
 * nearest References entry the thread knows; a reply to a reply asks
 * its parent.  The position of our message (0 the cover, k patch k),
 * or -1 when the reply answers none of them.
 */
static long answered(const struct thread *t, const struct strset *ours,
		     const struct strset *ids, size_t i)
{
	size_t cur = i;

	for (size_t depth = 0; depth <= t->nr; depth++) {
		const struct thread_msg *m = &t->v[cur];
		size_t val, n = m->references.nr;
		bool found = false;

		for (size_t c = 0; c <= n && !found; c++) {
			const char *id = !c ? m->in_reply_to :
					 m->references.v[n - c];

			if (!id)
				continue;
			if (strset_get(ours, id, &val))
				return (long)val;
			if (strset_get(ids, id, &val) && val != cur)
				found = true;
		}
		if (!found || !t->v[val].reply)
			return -1;	/* answers a message not of ours */
		cur = val;
	}
	return -1;
}

static void add_tag(struct review_patch *rp, struct strset *have,
		    const struct found_tag *f, const struct thread_msg *m,
		    const struct address *from)
{
	char *key = tag_key(f->token, f->value);
	struct review_tag *t;
	char *addr;

	if (!strset_add(have, key)) {
		free(key);
		return;
	}
	free(key);
	ALLOC_GROW(rp->tags, rp->tags_nr + 1, rp->tags_alloc);
	t = &rp->tags[rp->tags_nr++];
	memset(t, 0, sizeof(*t));
	t->token = xstrdup(f->token);
	t->value = xstrdup(f->value);
	t->from = xstrdup(m->from);
	t->where = xstrdup(m->where);
	/* someone else: neither the address nor the name is the sender's
	 * (reviewers often write from one address and sign with another) */
	addr = f->person ? value_address(f->value) : NULL;
	if (addr && from && from->addr && strcasecmp(addr, from->addr)) {
		const char *lt = strrchr(f->value, '<');
		size_t n = lt ? (size_t)(lt - f->value) : 0;

		while (n && isspace((unsigned char)f->value[n - 1]))
			n--;
		t->foreign = !from->name || strlen(from->name) != n ||
			     strncasecmp(from->name, f->value, n);
	}
	free(addr);
}

/* The commits of the sent version, oldest first, from its tag's target
 * (the sent tip) back along first parents; NULL entries when unknown. */
static void sent_commits(git_commit **v, size_t nr, git_repository *repo,
			 const char *tag)
{
	git_object *obj = NULL;
	git_commit *c;
	char *spec = xstrfmt("refs/tags/%s^{commit}", tag);

	memset(v, 0, nr * sizeof(*v));
	if (git_revparse_single(&obj, repo, spec) < 0) {
		git_error_clear();
		free(spec);
		return;
	}
	free(spec);
	c = (git_commit *)obj;
	for (size_t i = nr; i > 0; i--) {
		v[i - 1] = c;
		if (i == 1 || git_commit_parentcount(c) != 1 ||
		    git_commit_parent(&c, v[i - 1], 0) < 0)
			break;
	}
	git_error_clear();
}

static char *commit_patch_id(git_repository *repo, const char *hex)
{
	git_commit *c = NULL;
	git_oid oid;
	char *id = NULL;

	if (git_oid_fromstr(&oid, hex) || git_commit_lookup(&c, repo, &oid)) {
		git_error_clear();
		return NULL;
	}
	diff_commit_patch_id(&id, repo, c);
	git_commit_free(c);
	return id;
}

/* Give each sent patch today's commit: the same commit, else the same
 * patch-id, else the same subject. */
static void match_commits(struct reviews *r, git_repository *repo,
			  const struct sent_version *sv,
			  const struct series *s, git_commit **sent)
{
	bool *used = xcalloc(s->nr + 1, sizeof(*used));
	char **ids = xcalloc(s->nr + 1, sizeof(*ids));

	for (int pass = 0; pass < 3; pass++) {
		for (size_t k = 0; k < r->nr; k++) {
			struct review_patch *rp = &r->v[k];
			const char *want = k < sv->patch_ids.nr ?
					   sv->patch_ids.v[k] : NULL;

			if (rp->commit)
				continue;
			for (size_t j = 0; j < s->nr && !rp->commit; j++) {
				const struct patch *p = &s->patches[j];
				bool hit = false;

				if (used[j])
					continue;
				if (pass == 0) {
					hit = sent[k] && !strcmp(p->oid,
						git_oid_tostr_s(git_commit_id(sent[k])));
				} else if (pass == 1 && want) {
					if (!ids[j])
						ids[j] = commit_patch_id(repo, p->oid);
					hit = ids[j] && !strcmp(ids[j], want);
				} else if (pass == 2 && sent[k]) {
					const char *subj = git_commit_summary(sent[k]);

					hit = subj && !strcmp(subj, p->subject);
					rp->by_subject = hit;
				}
				if (hit) {
					rp->commit = p;
					used[j] = true;
				}
			}
		}
	}
	for (size_t j = 0; j < s->nr; j++)
		free(ids[j]);
	free(ids);
	free(used);
}

int reviews_find(struct reviews *out, git_repository *repo,
		 const struct sent_version *sv, const struct series *s,
		 const struct thread *t, const char *thread_name)
{
	struct strset ours = { 0 }, ids = { 0 }, *have = NULL;
	struct found_tags found = { 0 };
	git_commit **sent = NULL;
	size_t npatch, ncover, seen = 0;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->tag = xstrdup(sv->tag);
	npatch = sv->patch_ids.nr ? sv->patch_ids.nr :
		 sv->message_ids.nr - (sv->message_ids.nr > 1);
	ncover = sv->message_ids.nr > npatch ? 1 : 0;
	if (!npatch || sv->message_ids.nr != npatch + ncover) {
		error("'%s' records %zu Message-IDs for %zu patches",
		      sv->tag, sv->message_ids.nr, npatch);
		goto out;
	}
	out->nr = npatch;
	out->v = xcalloc(npatch, sizeof(*out->v));
	for (size_t k = 0; k < npatch; k++)
		out->v[k].nr = k + 1;
	/* the cover is 0, patch k is k; a single patch is its own cover */
	for (size_t i = 0; i < sv->message_ids.nr; i++)
		strset_put(&ours, sv->message_ids.v[i], ncover ? i : 1);
	for (size_t i = 0; i < t->nr; i++) {
		if (!t->v[i].message_id)
			continue;
		if (strset_has(&ours, t->v[i].message_id))
			seen++;
		if (!strset_has(&ids, t->v[i].message_id))
			strset_put(&ids, t->v[i].message_id, i);
	}

	sent = xcalloc(npatch, sizeof(*sent));
	sent_commits(sent, npatch, repo, sv->tag);
	match_commits(out, repo, sv, s, sent);

	have = xcalloc(npatch, sizeof(*have));
	for (size_t k = 0; k < npatch; k++) {
		const struct patch *p = out->v[k].commit;

		have[k].icase = true;
		for (size_t i = 0; p && i < p->trailers.nr; i++) {
			char *key = tag_key(p->trailers.v[i].token,
					    p->trailers.v[i].value);

			strset_add(&have[k], key);
			free(key);
		}
	}

	for (size_t i = 0; i < t->nr; i++) {
		const struct thread_msg *m = &t->v[i];
		struct address from = { 0 };
		size_t first;
		long at;

		if (!m->reply || (m->message_id &&
				  strset_has(&ours, m->message_id)) ||
		    (m->message_id && strset_get(&ids, m->message_id, &first) &&
		     first != i))
			continue;	/* not a reply, or one read already */
		at = answered(t, &ours, &ids, i);
		if (at < 0)
			continue;
		out->replies++;
		scan_tags(&found, m->body);
		address_parse_quiet(&from, m->from);
		for (size_t f = 0; f < found.nr; f++)
			for (size_t k = 0; k < npatch; k++)
				if (!at || (size_t)at == k + 1)
					add_tag(&out->v[k], &have[k],
						&found.v[f], m, &from);
		address_release(&from);
		found_tags_release(&found);
	}
	if (!seen && !out->replies) {
		error("%s holds no message of the series sent as '%s' "
		      "(%s)", thread_name, sv->tag, sv->message_ids.v[0]);
		goto out;
	}

	for (size_t k = 0; k < npatch; k++) {
		struct review_patch *rp = &out->v[k];
		const char *subj = sent[k] ? git_commit_summary(sent[k]) : NULL;

		if (!rp->commit && rp->tags_nr) {
			warning("patch %zu/%zu of '%s'%s%s%s matches no commit "
				"of the range: its %zu new tag%s left out",
				k + 1, npatch, sv->tag, subj ? " (\"" : "",
				subj ? subj : "", subj ? "\")" : "",
				rp->tags_nr, rp->tags_nr == 1 ? " is" : "s are");
			continue;
		}
		out->added += rp->tags_nr;
	}
	{
		struct strset warned = { 0 };

		for (size_t k = 0; k < npatch; k++)
			for (size_t i = 0; out->v[k].commit &&
			     i < out->v[k].tags_nr; i++) {
				const struct review_tag *tg = &out->v[k].tags[i];
				char *key;

				if (!tg->foreign)
					continue;
				key = xstrfmt("%s\n%s", tg->where, tg->value);
				if (strset_add(&warned, key))
					warning("%s: '%s: %s' names someone "
						"other than its sender, %s",
						tg->where, tg->token, tg->value,
						tg->from);
				free(key);
			}
		strset_clear(&warned);
	}
	ret = 0;
out:
	for (size_t k = 0; sent && k < npatch; k++)
		git_commit_free(sent[k]);
	free(sent);
	for (size_t k = 0; have && k < npatch; k++)
		strset_clear(&have[k]);
	free(have);
	strset_clear(&ours);
	strset_clear(&ids);
	if (ret)
		reviews_release(out);
	return ret;
}

void reviews_release(struct reviews *r)
{
	for (size_t k = 0; k < r->nr; k++) {
		for (size_t i = 0; i < r->v[k].tags_nr; i++) {
			free(r->v[k].tags[i].token);
			free(r->v[k].tags[i].value);
			free(r->v[k].tags[i].from);
			free(r->v[k].tags[i].where);
		}
		free(r->v[k].tags);
	}
	free(r->v);
	free(r->tag);
	memset(r, 0, sizeof(*r));
}

void reviews_print(FILE *fp, const struct reviews *r)
{
	size_t patches = 0;

	for (size_t k = 0; k < r->nr; k++) {
		const struct review_patch *rp = &r->v[k];

		if (!rp->commit || !rp->tags_nr)
			continue;
		patches++;
		fprintf(fp, "%zu/%zu %.12s ", rp->nr, r->nr, rp->commit->oid);
		fputs_escaped(rp->commit->subject, fp);
		fprintf(fp, "%s\n", rp->by_subject ? " (matched by subject)" : "");
		for (size_t i = 0; i < rp->tags_nr; i++) {
			fprintf(fp, "    + %s: ", rp->tags[i].token);
			fputs_escaped(rp->tags[i].value, fp);
			fputc('\n', fp);
		}
	}
	if (r->added)
		fprintf(fp, "%zu new tag%s for %zu of %zu patches, from %zu "
			"repl%s to '%s'\n", r->added, r->added == 1 ? "" : "s",
			patches, r->nr, r->replies,
			r->replies == 1 ? "y" : "ies", r->tag);
	else
		fprintf(fp, "no new tags, from %zu repl%s to '%s'\n",
			r->replies, r->replies == 1 ? "y" : "ies", r->tag);
}

int reviews_print_json(FILE *fp, const struct reviews *r)
{
	json_t *root = json_object(), *arr = json_array();

	if (!root || !arr)
		die_oom();
	json_object_set_new(root, "sent", json_string(r->tag));
	json_object_set_new(root, "replies", json_integer((json_int_t)r->replies));
	json_object_set_new(root, "added", json_integer((json_int_t)r->added));
	for (size_t k = 0; k < r->nr; k++) {
		const struct review_patch *rp = &r->v[k];
		json_t *o = json_append_object(arr), *tags = json_array();

		json_object_set_new(o, "patch", json_integer((json_int_t)rp->nr));
		json_object_set_new(o, "commit", rp->commit ?
				    json_string(rp->commit->oid) : json_null());
		json_object_set_new(o, "subject", rp->commit ?
				    json_string(rp->commit->subject) : json_null());
		json_object_set_new(o, "matched", !rp->commit ? json_null() :
				    json_string(rp->by_subject ? "subject" :
						"patch-id"));
		for (size_t i = 0; i < rp->tags_nr; i++) {
			const struct review_tag *t = &rp->tags[i];
			json_t *to = json_append_object(tags);

			json_object_set_new(to, "tag", json_string(t->token));
			json_object_set_new(to, "value", json_string(t->value));
			json_object_set_new(to, "from", json_string(t->from));
			json_object_set_new(to, "foreign", json_boolean(t->foreign));
		}
		json_object_set_new(o, "add", tags);
	}
	json_object_set_new(root, "patches", arr);
	return json_print(fp, root);
}

/* --- rewriting ------------------------------------------------------- */

void reviews_add_to_message(struct strbuf *out, const char *msg,
			    const struct strvec *lines)
{
	struct trailer_list tl = { 0 };
	size_t len = strlen(msg), pos;

	trailer_parse(&tl, msg, len);
	if (tl.nr) {
		const struct trailer *last = &tl.v[tl.nr - 1];
		size_t skip = last->line - 1 + 1;

		/* past the last trailer's lines, continuations too */
		for (const char *c = last->raw; *c; c++)
			skip += *c == '\n';
		for (pos = 0; pos < len && skip; pos++)
			if (msg[pos] == '\n')
				skip--;
		strbuf_add(out, msg, pos);
		if (pos && msg[pos - 1] != '\n')
			strbuf_addch(out, '\n');
		for (size_t i = 0; i < lines->nr; i++)
			strbuf_addf(out, "%s\n", lines->v[i]);
		if (pos < len)
			strbuf_addstr(out, msg + pos);
		else if (msg[len - 1] != '\n')
			strbuf_setlen(out, out->len - 1);	/* as it was */
	} else {
		size_t end = len;

		while (end && isspace((unsigned char)msg[end - 1]))
			end--;
		strbuf_add(out, msg, end);
		strbuf_addch(out, '\n');
		for (size_t i = 0; i < lines->nr; i++)
			strbuf_addf(out, "\n%s", lines->v[i]);
		if (end < len)
			strbuf_addstr(out, msg + end);
	}
	trailer_list_release(&tl);
}

/* The committer, as git chooses it: GIT_COMMITTER_* first, then
 * user.name and user.email; now, or GIT_COMMITTER_DATE ("<sec> <tz>"). */
static int committer(git_signature **out, git_repository *repo)
{
	const char *name = getenv("GIT_COMMITTER_NAME");
	const char *email = getenv("GIT_COMMITTER_EMAIL");
	const char *date = getenv("GIT_COMMITTER_DATE");
	git_signature *def = NULL;
	int ret;

	if ((!name || !email) && git_signature_default(&def, repo) < 0)
		return git_err("unable to tell who commits: set user.name "
			       "and user.email");
	if (!name)
		name = def->name;
	if (!email)
		email = def->email;
	if (date && *date == '@')
		date++;
	if (date && isdigit((unsigned char)*date)) {
		char *end;
		long long t = strtoll(date, &end, 10);
		int tz = 0;

		if (*end == ' ' && (end[1] == '+' || end[1] == '-') &&
		    strlen(end + 2) == 4) {
			int hhmm = atoi(end + 2);

			tz = (hhmm / 100) * 60 + hhmm % 100;
			if (end[1] == '-')
				tz = -tz;
		}
		ret = git_signature_new(out, name, email, (git_time_t)t, tz);
	} else {
		ret = git_signature_now(out, name, email);
	}
	git_signature_free(def);
	return ret < 0 ? git_err("unable to make the committer signature") : 0;
}

int reviews_apply(git_repository *repo, const struct series *s,
		  const struct reviews *r)
{
	struct strvec *lines = xcalloc(s->nr + 1, sizeof(*lines));
	git_signature *me = NULL;
	git_reference *ref = NULL, *moved = NULL;
	git_oid parent, tip, old_tip;
	bool rewriting = false;
	char *refname = NULL, *log = NULL;
	int ret = -1;

	if (!s->tip_ref || !*s->tip_ref) {
		error("'%s' does not end at a branch: nothing to update",
		      s->range);
		goto out;
	}
	refname = xstrfmt("refs/heads/%s", s->tip_ref);
	if (git_reference_lookup(&ref, repo, refname) < 0 ||
	    git_reference_type(ref) != GIT_REFERENCE_DIRECT) {
		git_err("unable to read branch '%s'", s->tip_ref);
		goto out;
	}
	git_oid_cpy(&old_tip, git_reference_target(ref));
	if (strcmp(git_oid_tostr_s(&old_tip), s->patches[s->nr - 1].oid)) {
		error("'%s' does not end at the tip of '%s': nothing to update",
		      s->range, s->tip_ref);
		goto out;
	}
	for (size_t k = 0; k < r->nr; k++) {
		const struct review_patch *rp = &r->v[k];

		if (!rp->commit)
			continue;
		for (size_t i = 0; i < rp->tags_nr; i++)
			strvec_pushf(&lines[rp->commit->nr - 1], "%s: %s",
				     rp->tags[i].token, rp->tags[i].value);
	}
	if (committer(&me, repo))
		goto out;

	for (size_t j = 0; j < s->nr; j++) {
		const struct patch *p = &s->patches[j];
		struct strbuf msg = STRBUF_INIT;
		git_commit *c = NULL, *pc = NULL;
		git_tree *tree = NULL;
		git_oid oid;
		int err;

		if (!rewriting && !lines[j].nr) {
			git_oid_fromstr(&parent, p->oid);
			continue;
		}
		if (git_oid_fromstr(&oid, p->oid) ||
		    git_commit_lookup(&c, repo, &oid) < 0 ||
		    git_commit_tree(&tree, c) < 0 ||
		    (git_commit_parentcount(c) == 1 &&
		     git_commit_lookup(&pc, repo, rewriting ? &parent :
				       git_commit_parent_id(c, 0)) < 0)) {
			git_err("unable to read commit %.12s", p->oid);
			git_commit_free(c);
			git_tree_free(tree);
			goto out;
		}
		if (git_commit_parentcount(c) > 1) {
			error("'%.12s' is a merge commit: it cannot be "
			      "rewritten", p->oid);
			git_commit_free(c);
			git_tree_free(tree);
			goto out;
		}
		if (lines[j].nr)
			reviews_add_to_message(&msg, git_commit_message_raw(c),
					       &lines[j]);
		else
			strbuf_addstr(&msg, git_commit_message_raw(c));
		err = git_commit_create(&oid, repo, NULL, git_commit_author(c),
					me, git_commit_message_encoding(c),
					msg.buf, tree, pc ? 1 : 0,
					(const git_commit **)&pc);
		strbuf_release(&msg);
		git_commit_free(c);
		git_commit_free(pc);
		git_tree_free(tree);
		if (err < 0) {
			git_err("unable to write the new commit for %.12s",
				p->oid);
			goto out;
		}
		parent = oid;
		rewriting = true;
	}
	if (!rewriting) {
		ret = 0;
		goto out;
	}
	tip = parent;
	log = xstrfmt("bpf trailers: review tags from %s", r->tag);
	if (git_reference_create_matching(&moved, repo, refname, &tip, 1,
					  &old_tip, log) < 0) {
		git_err("unable to move branch '%s'", s->tip_ref);
		goto out;
	}
	ret = 0;
out:
	for (size_t j = 0; j < s->nr; j++)
		strvec_clear(&lines[j]);
	free(lines);
	git_signature_free(me);
	git_reference_free(ref);
	git_reference_free(moved);
	free(refname);
	free(log);
	return ret;
}
