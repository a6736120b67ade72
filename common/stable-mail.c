// SPDX-License-Identifier: GPL-2.0
/* stable-mail: the words of a stable request (the analysis described,
 * the note, the JSON) and the request mail itself with its recipients. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>

#include "json.h"
#include "lists.h"
#include "mail.h"
#include "maint.h"
#include "message.h"
#include "repo.h"
#include "stable.h"
#include "utf8.h"
#include "util.h"

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
	char *s = t->known ? stable_short_oid(ctx, &t->oid) : xstrdup(t->written);

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
		s = stable_short_oid(ctx, &v->by);
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
	char *s = stable_short_oid(ctx, &fix->oid);

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

/* A JSON string of text that may not be UTF-8 (old commits are not):
 * what is not valid becomes '?'. */
static json_t *json_text(const char *text)
{
	json_t *j = json_string(text);
	char *copy;

	if (j)
		return j;
	copy = xstrdup(text);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j ? j : json_string("");
}

static json_t *json_oid(const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	return json_string(git_oid_tostr(hex, sizeof(hex), oid));
}

static json_t *json_release(const struct stable_ctx *ctx, long release)
{
	return release >= 0 ? json_string(ctx->rel[release].name) : json_null();
}

static const char *const state_names[] = {
	[STABLE_NEEDS] = "needs",
	[STABLE_HAS_RELEASE] = "has-release",
	[STABLE_HAS_BACKPORT] = "has-backport",
	[STABLE_HAS_PATCH_ID] = "has-patch-id",
	[STABLE_NO_BUG] = "no-bug",
};

static json_t *fix_json(const struct stable_ctx *ctx,
			const struct stable_fix *fix)
{
	json_t *o = json_object(), *targets = json_array();
	json_t *affects = json_array(), *branches = json_array();
	json_t *request = json_array();
	long first, last;

	if (!o || !targets || !affects || !branches || !request)
		die_oom();
	json_object_set_new(o, "commit", json_oid(&fix->oid));
	json_object_set_new(o, "subject", json_text(fix->subject));
	json_object_set_new(o, "in_mainline", json_boolean(fix->in_mainline));
	json_object_set_new(o, "release", json_release(ctx, fix->release));
	for (size_t i = 0; i < fix->targets_nr; i++) {
		const struct stable_target *t = &fix->targets[i];
		json_t *to = json_object();

		json_object_set_new(to, "commit", t->known ? json_oid(&t->oid) :
				    json_null());
		json_object_set_new(to, "written", json_string(t->written));
		json_object_set_new(to, "subject", t->subject ?
				    json_text(t->subject) : json_null());
		json_object_set_new(to, "release", json_release(ctx, t->release));
		json_array_append_new(targets, to);
	}
	json_object_set_new(o, "fixes", targets);
	if (any_known_target(fix) && affected(ctx, fix, &first, &last))
		for (long i = first; i <= last; i++)
			if (!ctx->rel[i].rc)
				json_array_append_new(affects,
						      json_string(ctx->rel[i].name));
	json_object_set_new(o, "affects", any_known_target(fix) ? affects :
			    (json_decref(affects), json_null()));
	for (size_t i = 0; i < fix->verdicts_nr; i++) {
		const struct stable_verdict *v = &fix->verdicts[i];
		json_t *bo = json_object();
		bool by = v->state == STABLE_HAS_BACKPORT ||
			  v->state == STABLE_HAS_PATCH_ID;

		json_object_set_new(bo, "branch", json_string(v->branch->name));
		json_object_set_new(bo, "ref", json_string(v->branch->shorthand));
		json_object_set_new(bo, "state", json_string(state_names[v->state]));
		json_object_set_new(bo, "by", by ? json_oid(&v->by) : json_null());
		json_array_append_new(branches, bo);
		if (v->state == STABLE_NEEDS)
			json_array_append_new(request,
					      json_string(v->branch->name));
	}
	json_object_set_new(o, "branches", branches);
	json_object_set_new(o, "request", request);
	return o;
}

int stable_print_json(FILE *fp, const struct stable_ctx *ctx,
		      const struct stable_fix *fixes, size_t nr)
{
	json_t *root = json_object(), *arr = json_array();
	int ret = 0;

	if (!root || !arr)
		die_oom();
	json_object_set_new(root, "mainline", json_text(ctx->mainline_name));
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(arr, fix_json(ctx, &fixes[i]));
	json_object_set_new(root, "commits", arr);
	if (json_print(fp, root))
		ret = -1;
	return ret;
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
			s = stable_short_oid(ctx, &t->oid);
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
	utf8_wrap(out, text.buf, 72, 0, 0,
		  UTF8_WRAP_LINES | UTF8_WRAP_BYTES);
	strbuf_release(&text);
}

/* ---- the mail --------------------------------------------------------- */

/* Whether addr is among the "Name <addr>" entries of list. */
static bool has_address(const struct strvec *list, const char *addr)
{
	bool found = false;

	for (size_t i = 0; i < list->nr && !found; i++) {
		struct address a;

		if (address_parse(&a, list->v[i]))
			continue;
		found = !strcasecmp(a.addr, addr);
		address_release(&a);
	}
	return found;
}

static void push_address(struct strvec *out, const struct lists *l,
			 const struct address *a)
{
	struct strbuf sb = STRBUF_INIT;

	switch (lists_check(l, a->addr)) {
	case LISTS_NEVER:
		warning("leaving out '%s': stable requests go to the BPF "
			"maintainers", a->addr);
		return;
	case LISTS_EXCLUDED:
		return;
	case LISTS_MAIL:
		break;
	}
	address_format(&sb, a->name, a->addr, false);
	strvec_push_unique(out, sb.buf, true);
	strbuf_release(&sb);
}

int stable_recipients(git_repository *repo, const struct config *cfg,
		      struct strvec *to, struct strvec *cc)
{
	struct lists l;
	struct maint_db *db = NULL;
	struct maint_result people = { 0 };
	int ret, r;

	ret = lists_load(&l, cfg);
	if (ret)
		return ret;
	ret = -1;
	for (size_t i = 0; i < l.bpf_maintainers_nr; i++)
		push_address(to, &l, &l.bpf_maintainers[i]);
	if (!l.bpf_maintainers_nr) {
		r = maint_db_load_repo(&db, repo);
		if (r < 0)
			goto out;
		if (!r && maint_section_people(db, "BPF [GENERAL]", true,
					       &people))
			goto out;
		for (size_t i = 0; i < people.nr; i++) {
			struct address a = { people.v[i].name, people.v[i].addr };

			if (people.v[i].kind == MAINT_PERSON)
				push_address(to, &l, &a);
		}
	}
	if (!to->nr) {
		error("no BPF maintainers: no 'BPF [GENERAL]' section with M: "
		      "lines in MAINTAINERS");
		hint("name them in git-bpf's config: [lists] bpf-maintainers");
		goto out;
	}
	/* the lists in Cc, netdev first */
	if (!has_address(to, l.netdev.addr))
		push_address(cc, &l, &l.netdev);
	if (!has_address(to, l.bpf.addr))
		push_address(cc, &l, &l.bpf);
	ret = 0;
out:
	maint_result_release(&people);
	maint_db_free(db);
	lists_release(&l);
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
	char *s = stable_short_oid(ctx, &fix->oid);
	struct strbuf has = STRBUF_INIT;

	strbuf_addf(out, "commit %s (\"%s\")\n\n", s, fix->subject);
	/* the maintainers know mainline, not the sender's name for it */
	add_field(out, "mainline:");
	if (fix->release >= 0)
		add_mainline(out, ctx, fix);
	else if (fix->in_mainline)
		strbuf_addstr(out, "merged, not yet in a release");
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
		by = stable_short_oid(ctx, &v->by);
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

int stable_compose(struct message_set *ms, const struct stable_ctx *ctx,
		   const struct stable_fix *fixes, size_t nr,
		   const struct strvec *to, const struct strvec *cc,
		   const char *from_name, const char *from_addr,
		   long long t, int tz)
{
	struct strbuf body = STRBUF_INIT, subject = STRBUF_INIT;
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

	m = message_set_add_mail(ms, &(struct mail_fields){
		.from_name = from_name, .from_addr = from_addr,
		.date = t, .tz = tz, .subject = subject.buf,
		.to = to, .cc = cc, .body = body.buf });
	ms->kind = "stable-request";
	ms->cover_text = strbuf_detach(&body, NULL);
	strbuf_release(&subject);

	/* The one rule that must never break, whatever a subject holds. */
	if (lists_names_never_mailed(m->text))
		return error("refusing a request that names "
			     "stable@vger.kernel.org");
	return 0;
}
