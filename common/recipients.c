// SPDX-License-Identifier: GPL-2.0
/* recipients: To and Cc of each message of a series, deduplicated
 * case-insensitively, in a stable order, never stable@vger.kernel.org. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"
#include "mail.h"
#include "recipients.h"
#include "repo.h"
#include "trailer.h"

int recipient_parse(struct strbuf *out, const char *text)
{
	struct address a = { NULL, NULL };
	char *cut = NULL;
	const char *hash;
	int ret = -1;

	if (mail_header_unsafe(text))
		return -1;
	/* "addr # 6.1+": the kernel's note after a trailer's address */
	for (hash = text; (hash = strchr(hash, '#')); hash++)
		if (hash > text && isspace((unsigned char)hash[-1]) &&
		    !strchr(hash, '"') && !strchr(hash, '>')) {
			cut = xstrndup(text, (size_t)(hash - text));
			text = cut;
			break;
		}
	/* the one parser whatever the source: what RCPT gets is what
	 * the never-mail and exclude rules see */
	if (!address_parse_quiet(&a, text)) {
		/* a name that decodes to control bytes is no name worth
		 * keeping */
		for (const char *p = a.name; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				a.name[0] = '\0';
				break;
			}
		address_format(out, a.name, a.addr, false);
		ret = 0;
	}
	address_release(&a);
	free(cut);
	return ret;
}

/* The addr-spec of a stored recipient ("Name <addr>" or "addr"). */
static const char *addr_of(const char *r, struct strbuf *tmp)
{
	const char *lt = strrchr(r, '<');

	if (!lt)
		return r;
	strbuf_reset(tmp);
	strbuf_add(tmp, lt + 1, strcspn(lt + 1, ">"));
	return tmp->buf;
}

static bool has_addr(const struct strvec *list, const char *addr)
{
	struct strbuf tmp = STRBUF_INIT;
	bool found = false;
	size_t i;

	for (i = 0; i < list->nr && !found; i++)
		found = !strcasecmp(addr_of(list->v[i], &tmp), addr);
	strbuf_release(&tmp);
	return found;
}

/* Add a normalized recipient unless it is excluded or there already. */
static void add_one(struct recipients *r, struct strvec *list,
		    const struct strvec *also, const char *rcpt,
		    const char *sender)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *addr = addr_of(rcpt, &tmp);
	char *a = xstrdup(addr);

	if (lists_check(&r->lists, a) == LISTS_MAIL &&
	    !(sender && !strcasecmp(a, sender)) &&
	    !has_addr(list, a) && !(also && has_addr(also, a)))
		strvec_push(list, rcpt);
	free(a);
	strbuf_release(&tmp);
}

/* Parse user-given addresses (--to, --cc, config): bad ones are errors. */
static int add_given(struct recipients *r, struct strvec *list,
		     const struct strvec *also, const struct strvec *given,
		     const char *source)
{
	size_t i;

	for (i = 0; given && i < given->nr; i++) {
		struct address *v = NULL;
		size_t n = 0, j;

		/* address_list_parse() named the address, line breaks
		 * escaped: one error line is enough */
		if (address_list_parse(&v, &n, given->v[i])) {
			if (source)
				hint("it comes from %s", source);
			return ERR_BAD_INPUT;
		}
		for (j = 0; j < n; j++) {
			struct strbuf sb = STRBUF_INIT;

			address_format(&sb, v[j].name, v[j].addr, false);
			add_one(r, list, also, sb.buf, NULL);
			strbuf_release(&sb);
		}
		address_list_free(v, n);
	}
	return 0;
}

/* The command line's addresses, then the configuration's. */
static int add_given_both(struct recipients *r, struct strvec *list,
			  const struct strvec *also, const struct strvec *opt,
			  const struct strvec *cfg, const char *source)
{
	int ret = add_given(r, list, also, opt, NULL);

	return ret ? ret : add_given(r, list, also, cfg, source);
}

static int add_maint(struct recipients *r, struct strvec *cc,
		     const struct maint_result *mr)
{
	size_t i;

	for (i = 0; i < mr->nr; i++) {
		struct strbuf sb = STRBUF_INIT;

		/* what git bpf maintainers shows must be what is mailed */
		if (!address_valid(mr->v[i].addr) ||
		    strpbrk(mr->v[i].name, "<>")) {
			address_format(&sb, mr->v[i].name, mr->v[i].addr,
				       false);
			error("MAINTAINERS entry '%s' (%s) is no plain address",
			      sb.buf, mr->v[i].role ? mr->v[i].role : "");
			strbuf_release(&sb);
			return ERR_BAD_INPUT;
		}
		address_format(&sb, mr->v[i].name, mr->v[i].addr, false);
		add_one(r, cc, &r->to, sb.buf, NULL);
		strbuf_release(&sb);
	}
	return 0;
}

static bool trailer_mails(const struct trailer *t)
{
	return trailer_is(t, "Cc") || ends_with(t->token, "-by") ||
	       ends_with(t->token, "-By");
}

/*
 * The addresses of tl's trailers.  One of the series' own commits (commit
 * given) that holds an address we would not mail as written is refused;
 * those of other commits (a Fixes: target's) are dropped with a warning.
 * A value with no "@" is no address (Reported-by: a bot's name).
 */
static int add_trailers(struct recipients *r, struct strvec *cc,
			const struct trailer_list *tl, const char *sender,
			const char *commit)
{
	size_t i;

	for (i = 0; i < tl->nr; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (!trailer_mails(&tl->v[i]))
			continue;
		if (!recipient_parse(&sb, tl->v[i].value)) {
			add_one(r, cc, &r->to, sb.buf, sender);
		} else if (strchr(tl->v[i].value, '@') && commit) {
			error("trailer '%s: %s' of commit '%.12s' is no plain address",
			      tl->v[i].token, tl->v[i].value, commit);
			strbuf_release(&sb);
			return ERR_BAD_INPUT;
		} else if (strchr(tl->v[i].value, '@')) {
			warning("not mailing trailer '%s: %s': no plain address",
				tl->v[i].token, tl->v[i].value);
		}
		strbuf_release(&sb);
	}
	return 0;
}

/* "Keep the actual commit authors in Cc": the author and signers of
 * each commit a Fixes: tag names. */
static void add_fixes(struct recipients *r, struct strvec *cc,
		      git_repository *repo, const struct trailer_list *tl,
		      const char *sender)
{
	size_t i;

	for (i = 0; repo && i < tl->nr; i++) {
		struct fixes_tag f;
		git_object *obj = NULL;
		git_commit *c;
		git_oid oid;
		size_t len;

		if (!trailer_is(&tl->v[i], "Fixes"))
			continue;
		fixes_parse(&f, tl->v[i].value);
		len = strlen(f.sha);
		if (len >= 4 && len <= GIT_OID_HEXSZ &&
		    !git_oid_fromstrn(&oid, f.sha, len) &&
		    !git_object_lookup_prefix(&obj, repo, &oid, len,
					      GIT_OBJECT_COMMIT)) {
			const git_signature *a;
			struct trailer_list sobs = { 0 };
			struct strbuf sb = STRBUF_INIT;
			const char *msg;

			c = (git_commit *)obj;
			a = git_commit_author(c);
			address_format(&sb, a->name, a->email, false);
			/* someone else's commit: a bad author is dropped, as
			 * its trailers are, not a reason to refuse the send */
			if (address_valid(a->email) &&
			    !mail_header_unsafe(a->name))
				add_one(r, cc, &r->to, sb.buf, sender);
			else
				warning("not mailing '%s', the author of Fixes: target '%s': no plain address",
					sb.buf, f.sha);
			strbuf_release(&sb);
			msg = git_commit_message(c);
			trailer_parse(&sobs, msg, strlen(msg));
			add_trailers(r, cc, &sobs, sender, NULL);
			trailer_list_release(&sobs);
			git_object_free(obj);
		}
		git_error_clear();
		fixes_release(&f);
	}
}

/* Add the addresses v, as "Name <addr>", unless they are in also. */
static void add_addresses(struct recipients *r, struct strvec *list,
			  const struct strvec *also, const struct address *v,
			  size_t nr)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < nr; i++) {
		strbuf_reset(&sb);
		address_format(&sb, v[i].name, v[i].addr, false);
		add_one(r, list, also, sb.buf, NULL);
	}
	strbuf_release(&sb);
}

/* iproute2's BPF work goes to netdev with the BPF maintainers in Cc. */
static int bpf_maintainers(struct recipients *r, struct strvec *out)
{
	struct maint_result mr = { 0 };

	if (r->lists.bpf_maintainers_nr) {
		add_addresses(r, out, &r->to, r->lists.bpf_maintainers,
			      r->lists.bpf_maintainers_nr);
		return 0;
	}
	if (r->db && !maint_section_people(r->db, "BPF [GENERAL]", true, &mr)) {
		int ret = add_maint(r, out, &mr);

		maint_result_release(&mr);
		return ret;
	}
	else if (!r->db) {
		static const char *const fallback[] = {
			"Alexei Starovoitov <ast@kernel.org>",
			"Daniel Borkmann <daniel@iogearbox.net>",
			"Andrii Nakryiko <andrii@kernel.org>",
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(fallback); i++)
			add_one(r, out, &r->to, fallback[i], NULL);
	}
	maint_result_release(&mr);
	return 0;
}

int recipients_compute(struct recipients *r, git_repository *repo,
		       const struct config *cfg, struct series *s,
		       const struct tree_choice *tc, const char *const *diffs,
		       const struct recipients_opts *o)
{
	struct strvec cfg_to = STRVEC_INIT, cfg_cc = STRVEC_INIT;
	struct strvec common_cc = STRVEC_INIT;
	size_t i, j;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	ret = lists_load(&r->lists, cfg);
	if (ret)
		goto out;
	ret = -1;
	config_ini_all(cfg, "send.to", true, &cfg_to);
	config_ini_all(cfg, "send.cc", true, &cfg_cc);

	add_addresses(r, &r->to, NULL, tc->iproute2 ? &r->lists.netdev :
		      &r->lists.bpf, 1);
	ret = add_given_both(r, &r->to, NULL, o->to, &cfg_to,
			     "[send] to in the config");
	if (ret)
		goto out;
	ret = -1;
	if (o->auto_cc && repo && maint_db_load_repo(&r->db, repo) < 0)
		goto out;
	if (o->auto_cc && tc->iproute2) {
		ret = bpf_maintainers(r, &common_cc);
		if (ret)
			goto out;
		ret = -1;
	}

	r->nr = s->nr;
	r->cc = xcalloc(s->nr ? s->nr : 1, sizeof(*r->cc));
	for (i = 0; i < s->nr; i++) {
		struct patch *p = &s->patches[i];
		struct strvec *cc = &r->cc[i];

		for (j = 0; j < common_cc.nr; j++)
			add_one(r, cc, &r->to, common_cc.v[j], NULL);
		if (o->auto_cc) {
			struct strvec paths = STRVEC_INIT;
			struct maint_result mr = { 0 };
			size_t k;

			for (k = 0; k < p->paths_nr; k++) {
				strvec_push(&paths, p->paths[k].path);
				if (p->paths[k].old_path &&
				    strcmp(p->paths[k].old_path, p->paths[k].path))
					strvec_push(&paths, p->paths[k].old_path);
			}
			if (r->db && paths.nr &&
			    maint_match(r->db, (const char *const *)paths.v,
					paths.nr, diffs ? diffs[i] : NULL, &mr)) {
				strvec_clear(&paths);
				maint_result_release(&mr);
				goto out;
			}
			ret = add_maint(r, cc, &mr);
			maint_result_release(&mr);
			strvec_clear(&paths);
			if (!ret)
				ret = add_trailers(r, cc, &p->trailers,
						   o->sender, p->oid);
			if (ret)
				goto out;
			ret = -1;
			add_fixes(r, cc, repo, &p->trailers, o->sender);
		}
		ret = add_given_both(r, cc, &r->to, o->cc, &cfg_cc,
				     "[send] cc in the config");
		if (ret)
			goto out;
		ret = -1;
		for (j = 0; j < cc->nr; j++)
			add_one(r, &r->cover_cc, &r->to, cc->v[j], NULL);
	}
	if (!s->nr) {
		ret = add_given_both(r, &r->cover_cc, &r->to, o->cc, &cfg_cc,
				     "[send] cc in the config");
		if (ret)
			goto out;
	}
	ret = 0;
out:
	strvec_clear(&cfg_to);
	strvec_clear(&cfg_cc);
	strvec_clear(&common_cc);
	return ret;
}

void recipients_release(struct recipients *r)
{
	size_t i;

	strvec_clear(&r->to);
	for (i = 0; i < r->nr; i++)
		strvec_clear(&r->cc[i]);
	free(r->cc);
	strvec_clear(&r->cover_cc);
	lists_release(&r->lists);
	maint_db_free(r->db);
	memset(r, 0, sizeof(*r));
}
