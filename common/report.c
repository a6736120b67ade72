// SPDX-License-Identifier: GPL-2.0
/* report: compose a BPF bug report: recipients from MAINTAINERS and the
 * buggy commits, a body template with the facts, placeholders refused. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kernel.h"
#include "lists.h"
#include "mail.h"
#include "maint.h"
#include "message.h"
#include "repo.h"
#include "report.h"
#include "tool.h"
#include "trailer.h"

#define BPF_SECTION "BPF [GENERAL]"
#define LLVM_SECTION "BPF [LLVM]"
#define REPORT_ABBREV 12

static const char ph_subject[] = "<one-line summary of the bug>";
static const char ph_what[] =
	"<what you ran, what you expected and what happened instead: the\n"
	"error, the verifier log or the kernel splat>";
static const char ph_how[] =
	"<the steps, the program or the selftest that show the bug>";

static const char *const placeholders[] = { ph_subject, ph_what, ph_how };

/* bpf_devel_QA.rst, "Reporting LLVM BPF issues": the BPF maintainers for
 * LLVM and kernel bits. */
static const char *const llvm_people[] = {
	"Yonghong Song <yhs@fb.com>",
	"Alexei Starovoitov <ast@kernel.org>",
	"Daniel Borkmann <daniel@iogearbox.net>",
};

static char *tool_version(const char *env, const char *prog,
			  const char *marker)
{
	const char *p = getenv(env);
	struct strbuf v = STRBUF_INIT;
	char *ret;

	if (!p || !*p)
		p = prog;
	if (tool_version_of(&v, p, marker))
		ret = xstrfmt("%s (no version found)", p);
	else
		ret = xstrfmt("%s %s", p, v.buf);
	strbuf_release(&v);
	return ret;
}

int report_llvm_init(struct report_llvm *l, const char *mcpu,
		     const char *log_path)
{
	struct strbuf log = STRBUF_INIT;

	memset(l, 0, sizeof(*l));
	if (log_path) {
		if (strbuf_read_file(&log, log_path) < 0) {
			strbuf_release(&log);
			return error_errno("unable to read '%s'", log_path);
		}
		if (memchr(log.buf, '\0', log.len)) {
			strbuf_release(&log);
			return error("'%s' holds a NUL byte: no verifier log",
				     log_path);
		}
		strbuf_rtrim(&log);
		l->log = strbuf_detach(&log, NULL);
	}
	l->llc = tool_version("LLC", "llc", "LLVM version ");
	l->clang = tool_version("CLANG", "clang", "clang version ");
	l->mcpu = mcpu ? xstrdup(mcpu) : NULL;
	return 0;
}

void report_llvm_release(struct report_llvm *l)
{
	free(l->llc);
	free(l->clang);
	free(l->mcpu);
	free(l->log);
	memset(l, 0, sizeof(*l));
}

/* "0123456789ab (\"subject\")" of a commit. */
static char *commit_ref(git_commit *c)
{
	char hex[GIT_OID_HEXSZ + 1];
	const char *summary = git_commit_summary(c);

	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	return xstrfmt("%.*s (\"%s\")", REPORT_ABBREV, hex,
		       summary ? summary : "");
}

int report_init(struct report *r, git_repository *repo)
{
	struct strbuf sb = STRBUF_INIT, ver = STRBUF_INIT;
	git_commit *head = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	r->repo = repo;
	rc = repo_read_head_file(repo, "Makefile", &sb);
	if (rc < 0) {
		strbuf_release(&sb);
		return -1;
	}
	if (!rc && !kernel_makefile_version(&ver, sb.buf))
		r->version = strbuf_detach(&ver, NULL);
	strbuf_release(&ver);
	strbuf_release(&sb);
	if (repo_commit(&head, repo, "HEAD")) {
		report_release(r);
		return -1;
	}
	r->head = commit_ref(head);
	git_commit_free(head);
	return 0;
}

void report_release(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		free(r->commits[i].line);
		free(r->commits[i].author);
		strvec_clear(&r->commits[i].signers);
		strvec_clear(&r->commits[i].paths);
	}
	free(r->commits);
	free(r->version);
	free(r->head);
	strvec_clear(&r->to);
	strvec_clear(&r->cc);
	memset(r, 0, sizeof(*r));
}

/* "Name <addr>" through .mailmap, as get_maintainer.pl and git log show
 * people. */
static char *person(git_mailmap *mm, const char *name, const char *email)
{
	const char *rn = name, *re = email;
	struct strbuf sb = STRBUF_INIT;

	if (mm && git_mailmap_resolve(&rn, &re, mm, name, email)) {
		git_error_clear();
		rn = name;
		re = email;
	}
	address_format(&sb, rn, re, false);
	return strbuf_detach(&sb, NULL);
}

static int commit_paths(struct report_commit *rc, git_repository *repo,
			git_commit *c)
{
	git_tree *tree = NULL, *ptree = NULL;
	git_commit *parent = NULL;
	git_diff *diff = NULL;
	size_t i, n;
	int ret = -1;

	if (git_commit_tree(&tree, c))
		goto fail;
	if (git_commit_parentcount(c) &&
	    (git_commit_parent(&parent, c, 0) ||
	     git_commit_tree(&ptree, parent)))
		goto fail;
	if (git_diff_tree_to_tree(&diff, repo, ptree, tree, NULL))
		goto fail;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->old_file.path)
			strvec_push_unique(&rc->paths, d->old_file.path,
					   false);
		if (d->new_file.path)
			strvec_push_unique(&rc->paths, d->new_file.path,
					   false);
	}
	ret = 0;
	goto out;
fail:
	git_err("cannot diff commit %s", rc->oid);
out:
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return ret;
}

int report_add_commit(struct report *r, const char *rev)
{
	struct trailer_list tl = { 0 };
	struct report_commit *rc;
	git_mailmap *mm = NULL;
	git_signature *author = NULL;
	git_commit *c = NULL;
	const char *msg;
	char *ref;
	size_t i;
	int ret = -1;

	if (repo_commit(&c, r->repo, rev))
		return -1;
	if (git_mailmap_from_repository(&mm, r->repo)) {
		git_error_clear();
		mm = NULL;
	}
	ALLOC_GROW(r->commits, r->nr + 1, r->alloc);
	rc = &r->commits[r->nr++];
	memset(rc, 0, sizeof(*rc));
	git_oid_tostr(rc->oid, sizeof(rc->oid), git_commit_id(c));
	ref = commit_ref(c);
	rc->line = xstrfmt("commit %s", ref);
	free(ref);

	if (git_commit_author_with_mailmap(&author, c, mm)) {
		git_err("cannot read the author of commit %s", rc->oid);
		goto out;
	}
	rc->author = person(NULL, author->name, author->email);

	msg = git_commit_message(c);
	trailer_parse(&tl, msg, strlen(msg));
	for (i = 0; i < tl.nr; i++) {
		struct address a = { 0 };
		char *p;

		if (!trailer_is(&tl.v[i], "Signed-off-by"))
			continue;
		if (address_parse(&a, tl.v[i].value)) {
			warning("commit %.12s: skipping Signed-off-by: %s",
				rc->oid, tl.v[i].value);
			continue;
		}
		p = person(mm, a.name, a.addr);
		strvec_push_unique(&rc->signers, p, true);
		free(p);
		address_release(&a);
	}
	ret = commit_paths(rc, r->repo, c);
out:
	trailer_list_release(&tl);
	git_signature_free(author);
	git_mailmap_free(mm);
	git_commit_free(c);
	return ret;
}

/*
 * Recipients.
 */
struct rcpt_state {
	struct strvec seen;	/* addresses */
	struct lists lists;	/* [lists], [send] exclude */
};

/* Add "Name <addr>" to list unless the address is there already or
 * must not be mailed. */
static void add_address(struct rcpt_state *st, struct strvec *list,
			const char *name, const char *addr)
{
	struct strbuf sb = STRBUF_INIT;

	if (lists_check(&st->lists, addr) != LISTS_MAIL ||
	    strvec_has(&st->seen, addr, true))
		return;
	strvec_push(&st->seen, addr);
	address_format(&sb, name, addr, false);
	strvec_push(list, sb.buf);
	strbuf_release(&sb);
}

/* The same for "Name <addr>" text; -1 when it is no address. */
static int add_rcpt(struct rcpt_state *st, struct strvec *list,
		    const char *text)
{
	struct address a = { 0 };

	if (address_parse(&a, text))
		return -1;
	add_address(st, list, a.name, a.addr);
	address_release(&a);
	return 0;
}

static void add_addresses(struct rcpt_state *st, struct strvec *list,
			  const struct address *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		add_address(st, list, v[i].name, v[i].addr);
}

static void add_maint_result(struct rcpt_state *st, struct strvec *list,
			     const struct maint_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < res->nr; i++) {
		strbuf_reset(&sb);
		address_format(&sb, res->v[i].name, res->v[i].addr, false);
		add_rcpt(st, list, sb.buf);
	}
	strbuf_release(&sb);
}

/* Cc the BPF maintainers: [lists] bpf-maintainers, else the M: lines of
 * MAINTAINERS' BPF section. */
static int bpf_maintainers(struct rcpt_state *st, struct report *r,
			   struct maint_db *db)
{
	struct maint_result res = { 0 };
	int ret = -1;

	if (st->lists.bpf_maintainers_nr) {
		add_addresses(st, &r->cc, st->lists.bpf_maintainers,
			      st->lists.bpf_maintainers_nr);
	} else if (!db) {
		error("no MAINTAINERS at HEAD to name the BPF maintainers");
		hint("list them in [lists] bpf-maintainers of git-bpf's config");
		goto out;
	} else {
		if (maint_section_people(db, BPF_SECTION, true, &res))
			goto out;
		if (!res.nr) {
			error("MAINTAINERS has no '%s' section with M: lines",
			      BPF_SECTION);
			goto out;
		}
		add_maint_result(st, &r->cc, &res);
	}
	ret = 0;
out:
	maint_result_release(&res);
	return ret;
}

int report_recipients(struct report *r, const struct config *cfg,
		      const struct strvec *extra_cc)
{
	struct rcpt_state st = { STRVEC_INIT };
	struct maint_result res = { 0 };
	struct maint_db *db = NULL;
	bool llvm_section = false;
	size_t i, j;
	int ret, rc;

	ret = lists_load(&st.lists, cfg);
	if (ret)
		return ret;
	ret = -1;
	add_addresses(&st, &r->to, r->llvm ? &st.lists.netdev :
		      &st.lists.bpf, 1);

	rc = maint_db_load_repo(&db, r->repo);
	if (rc < 0)
		goto out;
	if (r->llvm && db && maint_has_section(db, LLVM_SECTION)) {
		if (maint_section_people(db, LLVM_SECTION, true, &res))
			goto out;
		llvm_section = res.nr > 0;
		add_maint_result(&st, &r->cc, &res);
		maint_result_release(&res);
	}
	if (r->llvm && !llvm_section) {
		add_addresses(&st, &r->cc, st.lists.llvm, st.lists.llvm_nr);
		for (i = 0; !st.lists.llvm_nr && i < ARRAY_SIZE(llvm_people); i++)
			add_rcpt(&st, &r->cc, llvm_people[i]);
	} else if (bpf_maintainers(&st, r, db)) {
		goto out;
	}

	for (i = 0; i < r->nr; i++) {
		const struct report_commit *c = &r->commits[i];

		add_rcpt(&st, &r->cc, c->author);
		for (j = 0; j < c->signers.nr; j++)
			add_rcpt(&st, &r->cc, c->signers.v[j]);
		if (db && c->paths.nr) {
			if (maint_match(db, (const char *const *)c->paths.v,
					c->paths.nr, NULL, &res))
				goto out;
			add_maint_result(&st, &r->cc, &res);
			maint_result_release(&res);
		}
	}
	for (i = 0; extra_cc && i < extra_cc->nr; i++)
		if (add_rcpt(&st, &r->cc, extra_cc->v[i]))
			goto out;
	ret = 0;
out:
	maint_result_release(&res);
	maint_db_free(db);
	strvec_clear(&st.seen);
	lists_release(&st.lists);
	return ret;
}

/*
 * The text.
 */
/* The toolchain lines of an LLVM report. */
static void add_llvm_facts(struct strbuf *out, const struct report_llvm *l)
{
	strbuf_addf(out, "LLVM: %s, %s\n", l->llc, l->clang);
	if (l->mcpu)
		strbuf_addf(out, "-mcpu: %s\n", l->mcpu);
	else
		strbuf_addstr(out, "-mcpu: generic (llc's default)\n");
}

static void add_facts(struct strbuf *out, const struct report *r,
		      bool llvm, bool version, bool *commit_wanted)
{
	size_t i;
	bool header = false;

	if (llvm && r->llvm)
		add_llvm_facts(out, r->llvm);
	if (version) {
		strbuf_addf(out, "Kernel version: %s",
			    r->version ? r->version : "unknown");
		if (r->head)
			strbuf_addf(out, " (tree at %s)", r->head);
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < r->nr; i++) {
		if (commit_wanted && !commit_wanted[i])
			continue;
		if (!header)
			strbuf_addstr(out, "Introduced by:\n");
		header = true;
		strbuf_addf(out, "%s\n", r->commits[i].line);
	}
}

void report_template(struct strbuf *out, const struct report *r,
		     const char *subject)
{
	size_t i;

	strbuf_addf(out, "%s\n\n", subject && *subject ? subject : ph_subject);
	strbuf_addf(out, "What happened:\n%s\n\n", ph_what);
	strbuf_addf(out, "How to reproduce:\n%s\n\n", ph_how);
	add_facts(out, r, true, true, NULL);
	strbuf_addstr(out,
		"\n"
		"# Describe the bug above: the first line is the subject, the rest\n"
		"# the body.  Lines starting with '#' are dropped; a report that is\n"
		"# empty or still holds a <...> placeholder is not sent.\n");
	if (r->llvm && r->llvm->log)
		strbuf_addstr(out, "# The verifier log is added after your text.\n");
	for (i = 0; i < r->to.nr; i++)
		strbuf_addf(out, "# To: %s\n", r->to.v[i]);
	for (i = 0; i < r->cc.nr; i++)
		strbuf_addf(out, "# Cc: %s\n", r->cc.v[i]);
}

void report_parse_edited(const char *text, struct strbuf *subject,
			 struct strbuf *body)
{
	const char *p = text;
	bool have_subject = false;

	while (*p) {
		const char *end = strchrnul(p, '\n');
		size_t len = end - p;

		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (*p == '#') {
			/* a comment */
		} else if (!have_subject) {
			if (len) {
				strbuf_add(subject, p, len);
				strbuf_trim(subject);
				have_subject = true;
			}
		} else {
			strbuf_add(body, p, len);
			strbuf_addch(body, '\n');
		}
		p = *end ? end + 1 : end;
	}
	strbuf_trim(body);
	if (body->len)
		strbuf_addch(body, '\n');
}

void report_add_facts(struct strbuf *body, const struct report *r)
{
	struct strbuf facts = STRBUF_INIT;
	bool *wanted = xcalloc(r->nr + 1, sizeof(*wanted));
	bool version = r->version && !strstr(body->buf, r->version);
	bool llvm = r->llvm && !strstr(body->buf, r->llvm->llc);
	size_t i;

	for (i = 0; i < r->nr; i++) {
		char hex[REPORT_ABBREV + 1];

		memcpy(hex, r->commits[i].oid, REPORT_ABBREV);
		hex[REPORT_ABBREV] = '\0';
		wanted[i] = !strstr(body->buf, hex);
	}
	add_facts(&facts, r, llvm, version, wanted);
	if (facts.len) {
		strbuf_rtrim(body);
		if (body->len)
			strbuf_addstr(body, "\n\n");
		strbuf_addbuf(body, &facts);
	}
	strbuf_release(&facts);
	free(wanted);
}

void report_add_log(struct strbuf *body, const struct report *r)
{
	if (!r->llvm || !r->llvm->log)
		return;
	strbuf_rtrim(body);
	if (body->len)
		strbuf_addstr(body, "\n\n");
	strbuf_addf(body, "Verifier log:\n%s\n", r->llvm->log);
}

int report_check_text(const char *subject, const char *body)
{
	size_t i;

	if (!subject || !*subject)
		return error("the report has no subject");
	if (mail_header_unsafe(subject))
		return error("the subject holds a line break");
	if (!body || !*body)
		return error("the report has no text");
	for (i = 0; i < ARRAY_SIZE(placeholders); i++) {
		const char *ph = placeholders[i];
		size_t len = strchrnul(ph, '\n') - ph;

		/* the first line of a placeholder is enough to know it */
		if (!strncmp(subject, ph, len) || memmem(body, strlen(body),
							 ph, len))
			return error("the report still holds the placeholder '%.*s'",
				     (int)len, ph);
	}
	return 0;
}

int report_compose(struct message_set *ms, const struct report *r,
		   const char *subject, const char *body,
		   const char *from_name, const char *from_addr,
		   long long t, int tz)
{
	struct strvec rcpts = STRVEC_INIT;
	struct message *m;
	size_t i;
	int ret = 0;

	m = message_set_add_mail(ms, &(struct mail_fields){
		.from_name = from_name, .from_addr = from_addr,
		.date = t, .tz = tz, .subject = subject,
		.to = &r->to, .cc = &r->cc, .body = body });
	ms->kind = "report";
	ms->cover_text = xstrdup(body);

	/* the QA's one hard rule for reports: never to stable@ */
	message_rcpts(m, &rcpts);
	for (i = 0; i < rcpts.nr; i++)
		if (lists_names_never_mailed(rcpts.v[i]))
			ret = error("refusing a report to '%s'", rcpts.v[i]);
	strvec_clear(&rcpts);
	return ret;
}
