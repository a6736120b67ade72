// SPDX-License-Identifier: GPL-2.0
/* compose: the cover letter and patch mails of a series, with the
 * headers, threading and recipients of DESIGN.md's "git bpf send". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bpfdir.h"
#include "compose.h"
#include "diff.h"
#include "format.h"
#include "mail.h"
#include "recipients.h"
#include "repo.h"
#include "sender.h"
#include "sent.h"
#include "utf8.h"

#define COVER_SUBJECT	"*** SUBJECT HERE ***"
#define COVER_BLURB	"*** BLURB HERE ***"

void compose_prefix(struct strbuf *out, const char *tree_prefix, int version,
		    bool rfc, bool resend, size_t nr, size_t total)
{
	strbuf_addstr(out, rfc ? "[RFC PATCH" : "[PATCH");
	if (resend)
		strbuf_addstr(out, " RESEND");
	if (tree_prefix && *tree_prefix)
		strbuf_addf(out, " %s", tree_prefix);
	if (version > 1)
		strbuf_addf(out, " v%d", version);
	if (total > 1) {
		int width = 1;
		size_t t = total;

		while (t >= 10) {
			t /= 10;
			width++;
		}
		strbuf_addf(out, " %0*zu/%zu", width, nr, total);
	}
	strbuf_addch(out, ']');
}

char *compose_filename(int version, size_t nr, const char *subject)
{
	return message_filename(version, nr, subject, ".patch");
}

/* ---- the sender, dates and message bodies */

/* What every mail of the series shares: the sender, its Date (in the
 * local zone) and Subject, and its Message-ID. */
static void mail_fill(struct mail_fields *m, const struct address *from,
		      long long date, const char *prefix, const char *title,
		      const char *message_id)
{
	m->from_name = from->name;
	m->from_addr = from->addr;
	m->date = date;
	m->tz = mail_local_tz(date);
	m->subject_prefix = prefix;
	m->subject = title;
	m->message_id = message_id;
}

/* ---- the cover letter's text */

/* The editor as git runs it: the configured command through the shell
 * (it may hold arguments), the file as its argument, never spliced in. */
static int run_editor(const struct config *cfg, const char *path)
{
	const char *env = getenv("GIT_EDITOR");
	char *cfg_editor = NULL, *cmd;
	int ret;

	if (!env || !*env) {
		cfg_editor = config_git(cfg, "core.editor");
		env = cfg_editor;
	}
	if (!env || !*env)
		env = getenv("VISUAL");
	if (!env || !*env)
		env = getenv("EDITOR");
	if (!env || !*env)
		env = "vi";
	cmd = xstrfmt("%s \"$@\"", env);
	{
		const char *argv[] = { "sh", "-c", cmd, env, path, NULL };

		ret = run_command(argv, NULL, NULL, NULL);
	}
	if (ret > 0)
		ret = error("the editor '%s' failed", env);
	free(cmd);
	free(cfg_editor);
	return ret;
}

static void strip_comments(struct strbuf *sb)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = sb->buf;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		if (*p != '#') {
			strbuf_add(&out, p, nl - p);
			strbuf_addch(&out, '\n');
		}
		p = *nl ? nl + 1 : nl;
	}
	strbuf_release(sb);
	*sb = out;
}

static int cover_from_editor(struct strbuf *text, git_repository *repo,
			     const struct config *cfg, const char *branch)
{
	char *dir = bpf_dir_path(repo);
	char *path = xstrfmt("%s/COVER_EDITMSG", dir);
	struct strbuf tmpl = STRBUF_INIT;
	int dir_fd = -1, fd = -1;
	int ret;

	ret = bpf_dir_open(&dir_fd, dir, true);
	if (ret)
		goto out;
	ret = -1;
	strbuf_addstr(&tmpl, COVER_SUBJECT "\n\n" COVER_BLURB "\n\n"
		"# The cover letter of the series: a subject line, a blank line,\n"
		"# then what the series does and why.  For a new version, say\n"
		"# what changed since the last one.  Lines starting with '#' are\n"
		"# dropped.  To keep the text for next time, put it in the branch\n");
	strbuf_addf(&tmpl, "# description: git branch --edit-description %s\n",
		    branch ? branch : "");
	/* a fresh file of ours: whatever was there (a link too) goes */
	if (unlinkat(dir_fd, "COVER_EDITMSG", 0) && errno != ENOENT) {
		error_errno("unable to remove '%s'", path);
		goto out;
	}
	fd = openat(dir_fd, "COVER_EDITMSG",
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, tmpl.buf, tmpl.len) != (ssize_t)tmpl.len) {
		error_errno("unable to write '%s'", path);
		goto out;
	}
	if (close(fd)) {
		fd = -1;
		error_errno("unable to write '%s'", path);
		goto out;
	}
	fd = -1;
	if (run_editor(cfg, path))
		goto out;
	fd = openat(dir_fd, "COVER_EDITMSG", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || strbuf_read_fd(text, fd) < 0) {
		error_errno("unable to read '%s'", path);
		goto out;
	}
	strip_comments(text);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (dir_fd >= 0)
		close(dir_fd);
	strbuf_release(&tmpl);
	free(dir);
	free(path);
	return ret;
}

/* An editor only where someone can use it: stdin and stderr both a
 * terminal (an editor on a pipe waits for ever). */
static bool can_edit(void)
{
	return isatty(0) && isatty(2);
}

/*
 * The user's cover text: --cover-letter=FILE, the branch description,
 * else an editor on a template.  A single patch needs none (1, text
 * empty); nor does a dry run, which shows the placeholder subject.
 */
static int cover_text(struct strbuf *text, git_repository *repo,
		      const struct config *cfg, const char *branch,
		      const struct compose_opts *o, size_t nr)
{
	if (o->cover_file) {
		if (strbuf_read_file(text, o->cover_file) < 0) {
			error_errno("unable to read '%s'", o->cover_file);
			return ERR_BAD_INPUT;
		}
	} else {
		char *key = branch ? xstrfmt("branch.%s.description", branch) : NULL;
		char *desc = key ? config_git(cfg, key) : NULL;

		free(key);
		if (desc) {
			strbuf_addstr(text, desc);
			free(desc);
		} else if (nr == 1) {
			return 1;
		} else if (o->mode == OUTPUT_DRY_RUN) {
			strbuf_addstr(text, COVER_SUBJECT);
			return 0;
		} else if (!can_edit()) {
			error("no cover letter for the %zu patches, and no "
			      "terminal to write one in", nr);
			hint("give the cover letter with --cover-letter=FILE or "
			     "git branch --edit-description");
			return -1;
		} else {
			int r = cover_from_editor(text, repo, cfg, branch);

			if (r) {
				hint("give the cover letter with --cover-letter=FILE or "
				     "git branch --edit-description");
				return r;
			}
		}
	}
	if (strstr(text->buf, COVER_SUBJECT) || strstr(text->buf, COVER_BLURB)) {
		error("the cover letter still holds the placeholder '%s'",
		      strstr(text->buf, COVER_SUBJECT) ? COVER_SUBJECT :
		      COVER_BLURB);
		return -1;
	}
	strbuf_trim(text);
	if (!text->len) {
		error("the cover letter is empty");
		return -1;
	}
	return 0;
}

struct author_group {
	const char *name;
	struct strvec subjects;
};

/* The first CR not followed by LF: SMTP servers refuse the message
 * ("554 bare CR"), and --resume could never finish the series. */
static const char *bare_cr(const char *s)
{
	for (; (s = strchr(s, '\r')); s++)
		if (s[1] != '\n')
			return s;
	return NULL;
}

static int refuse_bare_cr(const struct formatted_patch *fp)
{
	const char *where = bare_cr(fp->subject) ? "subject" :
			    bare_cr(fp->body) ? "message" :
			    bare_cr(fp->diff) ? "diff" : NULL;

	if (!where)
		return 0;
	error("commit '%.12s' holds a bare CR (one not followed by LF) in its %s: no mail server takes it",
	      fp->oid, where);
	return ERR_BAD_INPUT;
}

static int group_cmp(const void *a, const void *b)
{
	const struct author_group *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* git shortlog as format-patch puts it in the cover letter. */
static void shortlog(struct strbuf *out, const struct series *s,
		     char **subjects)
{
	struct author_group *g = xcalloc(s->nr + 1, sizeof(*g));
	size_t ng = 0, i, j;

	for (i = 0; i < s->nr; i++) {
		const char *name = s->patches[i].author_name;

		for (j = 0; j < ng; j++)
			if (!strcmp(g[j].name, name))
				break;
		if (j == ng)
			g[ng++].name = name;
		strvec_push(&g[j].subjects, subjects[i]);
	}
	if (ng)
		qsort(g, ng, sizeof(*g), group_cmp);
	for (i = 0; i < ng; i++) {
		strbuf_addf(out, "%s (%zu):\n", g[i].name, g[i].subjects.nr);
		for (j = 0; j < g[i].subjects.nr; j++)
			utf8_wrap(out, g[i].subjects.v[j], 72, 2, 4, 0);
		strbuf_addch(out, '\n');
		strvec_clear(&g[i].subjects);
	}
	free(g);
}

static int cover_stat(struct strbuf *out, git_repository *repo,
		      const struct series *s)
{
	git_commit *base = NULL, *tip = NULL;
	git_tree *bt = NULL, *tt = NULL;
	git_oid oid;
	int ret = -1;

	if (git_oid_fromstr(&oid, s->patches[s->nr - 1].oid) < 0 ||
	    git_commit_lookup(&tip, repo, &oid) < 0 ||
	    git_commit_tree(&tt, tip) < 0) {
		git_err("unable to read the series' tip");
		goto out;
	}
	if (s->base[0] && (git_oid_fromstr(&oid, s->base) < 0 ||
			   git_commit_lookup(&base, repo, &oid) < 0 ||
			   git_commit_tree(&bt, base) < 0)) {
		git_err("unable to read the series' base");
		goto out;
	}
	ret = diff_tree_stat(out, repo, bt, tt);
out:
	git_tree_free(bt);
	git_tree_free(tt);
	git_commit_free(base);
	git_commit_free(tip);
	return ret;
}

/* ---- what format-patch puts under "---": notes, a range-diff */

/* git's expand_notes_ref(). */
static char *notes_ref_expand(const char *ref)
{
	if (starts_with(ref, "refs/notes/"))
		return xstrdup(ref);
	if (starts_with(ref, "notes/"))
		return xstrfmt("refs/%s", ref);
	return xstrfmt("refs/notes/%s", ref);
}

/* The notes ref to show: --notes[=REF], else format.notes (a bool or a
 * ref), as format-patch has it; NULL for none. */
static int notes_ref_choose(char **out, git_repository *repo,
			    const struct config *cfg,
			    const struct compose_opts *o)
{
	char *val = NULL;
	const char *ref = o->notes_ref;
	git_buf buf = GIT_BUF_INIT;
	int on = 0, ret = 0;

	*out = NULL;
	if (o->notes < 0)
		return 0;
	if (o->notes > 0) {
		on = 1;
	} else {
		val = config_git(cfg, "format.notes");
		if (!val)
			return 0;
		if (git_config_parse_bool(&on, val) < 0) {
			git_error_clear();
			on = 1;
			ref = val;
		}
	}
	if (on && ref && *ref) {
		*out = notes_ref_expand(ref);
	} else if (on) {
		if (git_note_default_ref(&buf, repo) < 0)
			ret = git_err("unable to find the default notes ref");
		else
			*out = xstrdup(buf.ptr);
	}
	git_buf_dispose(&buf);
	free(val);
	return ret;
}

/* The commit's note under ref as git's format_note() shows it in a
 * mail: "\nNotes:\n" (another ref: "\nNotes (name):\n"), each line
 * indented by four. */
static int add_notes(struct strbuf *out, git_repository *repo,
		     const char *ref, const char *hex)
{
	git_note *note = NULL;
	const char *msg, *p, *name = ref;
	size_t len;
	git_oid oid;
	int r;

	if (git_oid_fromstr(&oid, hex) < 0)
		return git_err("bad commit id '%s'", hex);
	r = git_note_read(&note, repo, ref, &oid);
	if (r == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (r < 0)
		return git_err("unable to read the note of '%s' in '%s'",
			       hex, ref);
	msg = git_note_message(note);
	len = strlen(msg);
	if (len && msg[len - 1] == '\n')
		len--;
	if (!strcmp(ref, "refs/notes/commits")) {
		strbuf_addstr(out, "\nNotes:\n");
	} else {
		skip_prefix(name, "refs/", &name);
		skip_prefix(name, "notes/", &name);
		strbuf_addf(out, "\nNotes (%s):\n", name);
	}
	for (p = msg; p < msg + len; ) {
		const char *nl = memchr(p, '\n', msg + len - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(msg + len - p);

		strbuf_addstr(out, "    ");
		strbuf_add(out, p, n);
		strbuf_addch(out, '\n');
		p += n + 1;
	}
	git_note_free(note);
	return 0;
}

/*
 * "Range-diff against vN:" and what git range-diff prints between the
 * last version sent (base..tip of its tag) and this one.  libgit2 has
 * no range-diff: git's own runs, with an argv.
 */
static int range_diff(struct strbuf *out, git_repository *repo,
		      const struct sent_version *v, const struct series *s,
		      const char *notes_ref)
{
	struct strbuf rd = STRBUF_INIT;
	char *git_dir = xstrfmt("--git-dir=%s", git_repository_path(repo));
	char *notes = notes_ref ? xstrfmt("--notes=%s", notes_ref) :
			 xstrdup("--no-notes");
	char *old = xstrfmt("%s..%s", v->base, v->tip);
	char *cur = xstrfmt("%s..%s", s->base, s->patches[s->nr - 1].oid);
	const char *argv[] = { "git", git_dir, "range-diff", "--no-color",
			       notes, old, cur, NULL };
	int ret = 0, r;

	if (!v->base[0] || !v->tip[0] || !s->base[0])
		goto out;
	r = run_command(argv, NULL, &rd, NULL);
	if (r) {
		if (r > 0)
			error("'git range-diff %s %s' failed", old, cur);
		hint("--no-range-diff sends the series without one");
		ret = -1;
		goto out;
	}
	strbuf_addf(out, "Range-diff against v%d:\n", v->version);
	strbuf_addbuf(out, &rd);
out:
	strbuf_release(&rd);
	free(git_dir);
	free(notes);
	free(old);
	free(cur);
	return ret;
}

/* ---- versions */

static void add_links(struct strbuf *out, const struct config *cfg,
		      const struct sent_version *v, size_t nr, int version)
{
	const char *lore = config_ini(cfg, "lists.lore");
	size_t i, shown = 0;

	if (!lore || !*lore)
		lore = "https://lore.kernel.org/bpf";
	for (i = 0; i < nr; i++) {
		const char *id = v[i].cover_message_id;
		size_t len;

		if (v[i].version >= version || !id)
			continue;
		if (*id == '<')
			id++;
		len = strcspn(id, ">");
		strbuf_addf(out, "v%d: %s%s%.*s/\n", v[i].version, lore,
			    ends_with(lore, "/") ? "" : "/", (int)len, id);
		shown++;
	}
	if (shown)
		strbuf_addch(out, '\n');
}

static const char *signature(const struct config *cfg, char **owned)
{
	*owned = config_git(cfg, "format.signature");
	if (*owned)
		return *owned;
	*owned = xstrfmt("git-bpf %s", GIT_BPF_VERSION);
	return *owned;
}

int compose_series(struct message_set *ms, git_repository *repo,
		   const struct config *cfg, struct series *s,
		   const struct compose_opts *o)
{
	struct formatted_patch *fp = NULL;
	struct sent_version *versions = NULL;
	struct recipients rc = { 0 };
	struct recipients_opts ro = { 0 };
	struct address from = { NULL, NULL };
	struct strbuf sb = STRBUF_INIT, prefix = STRBUF_INIT;
	struct strbuf cover = STRBUF_INIT, rdiff = STRBUF_INIT;
	struct strbuf changes = STRBUF_INIT, below = STRBUF_INIT;
	char **diffs = NULL, **subjects = NULL, *sig_owned = NULL;
	char *cover_id = NULL, *notes_ref = NULL;
	const char *branch = s->tip_ref && *s->tip_ref ? s->tip_ref : NULL;
	const char *tree_prefix = tree_subject_prefix(o->tree->id);
	const char *sig;
	size_t nversions = 0, i, nr = s->nr;
	long long now = o->now ? o->now : (long long)time(NULL);
	int abbrev = repo_abbrev(repo), version, last = 0, ret = -1;
	unsigned n = 0;

	if (!nr) {
		error("no patches to send");
		return ERR_BAD_INPUT;
	}
	ret = sender_resolve(&from, cfg) ? ERR_BAD_INPUT : 0;
	if (ret)
		goto out;
	ret = -1;
	sig = signature(cfg, &sig_owned);

	fp = xcalloc(nr, sizeof(*fp));
	diffs = xcalloc(nr + 1, sizeof(*diffs));
	subjects = xcalloc(nr + 1, sizeof(*subjects));
	for (i = 0; i < nr; i++) {
		git_commit *c;
		git_oid oid;
		int r;

		if (git_oid_fromstr(&oid, s->patches[i].oid) < 0 ||
		    git_commit_lookup(&c, repo, &oid) < 0) {
			git_err("unable to read commit '%s'", s->patches[i].oid);
			goto out;
		}
		r = format_commit(&fp[i], repo, c, abbrev,
				  series_cached_diff(s, &s->patches[i],
						     repo, abbrev));
		git_commit_free(c);
		if (r)
			goto out;
		r = refuse_bare_cr(&fp[i]);
		if (r) {
			ret = r;
			goto out;
		}
		diffs[i] = fp[i].diff;
		subjects[i] = fp[i].subject;
	}

	/* the version, and a refusal to mail the same patches again */
	if (branch && sent_list(repo, branch, &versions, &nversions))
		goto out;
	if (nversions)
		last = versions[nversions - 1].version;
	version = o->version ? o->version :
		  o->resend ? (last ? last : 1) : last + 1;
	if (!o->resend && !o->reflect && nversions) {
		const char **ids = xcalloc(nr, sizeof(*ids));
		int same;

		for (i = 0; i < nr; i++)
			ids[i] = fp[i].patch_id;
		same = sent_same_series(repo, &versions[nversions - 1], s, ids);
		free(ids);
		if (same < 0)
			goto out;
		if (same) {
			error("the patches are those of '%s', sent already",
			      versions[nversions - 1].tag);
			hint("use --resend to send them again");
			goto out;
		}
	}
	if (notes_ref_choose(&notes_ref, repo, cfg, o))
		goto out;
	if (!o->no_range_diff && nversions && version > 1 &&
	    range_diff(&rdiff, repo, &versions[nversions - 1], s, notes_ref))
		goto out;

	ro.to = o->to;
	ro.cc = o->cc;
	ro.auto_cc = o->auto_cc;
	ro.sender = from.addr;
	ret = recipients_compute(&rc, repo, cfg, s, o->tree,
				 (const char *const *)diffs, &ro);
	if (ret)
		goto out;
	ret = -1;
	if (o->reflect) {
		/* a dress rehearsal: the sender alone, nothing recorded */
		strvec_clear(&rc.to);
		strvec_clear(&rc.cover_cc);
		for (i = 0; i < rc.nr; i++)
			strvec_clear(&rc.cc[i]);
		address_format(&sb, from.name, from.addr, false);
		strvec_push(&rc.to, sb.buf);
		strbuf_reset(&sb);
	}

	ms->kind = "series";
	ms->branch = branch && !o->reflect ? xstrdup(branch) : NULL;
	ms->version = version;
	memcpy(ms->base, s->base, sizeof(ms->base));

	if (nr > 1) {
		struct strbuf subj = STRBUF_INIT, body = STRBUF_INIT;
		struct mail_fields m = { 0 };
		char *name;
		int r;

		r = cover_text(&cover, repo, cfg, branch, o, nr);
		if (r) {
			ret = r;
			goto out;
		}
		format_split_message(cover.buf, &subj, &body);
		ms->cover_text = xstrfmt("%s\n\n%s", subj.buf, body.buf);
		strbuf_reset(&sb);
		if (body.len) {
			strbuf_addbuf(&sb, &body);
			strbuf_addch(&sb, '\n');
		}
		add_links(&sb, cfg, versions, nversions, version);
		shortlog(&sb, s, subjects);
		if (cover_stat(&sb, repo, s)) {
			strbuf_release(&subj);
			strbuf_release(&body);
			goto out;
		}
		strbuf_addch(&sb, '\n');
		strbuf_addbuf(&sb, &rdiff);
		if (s->base[0])
			strbuf_addf(&sb, "\nbase-commit: %s\n", s->base);
		strbuf_addf(&sb, "-- \n%s\n\n", sig);

		compose_prefix(&prefix, tree_prefix, version, o->rfc,
			       o->resend, 0, nr);
		cover_id = mail_message_id(from.addr, now, n++);
		name = version > 1 ?
			xstrfmt("v%d-0000-cover-letter.patch", version) :
			xstrdup("0000-cover-letter.patch");
		mail_fill(&m, &from, now, prefix.buf, subj.buf, cover_id);
		m.to = &rc.to;
		m.cc = &rc.cover_cc;
		m.body = sb.buf;
		m.filename = name;
		message_set_add_mail(ms, &m);
		free(name);
		strbuf_release(&subj);
		strbuf_release(&body);
	} else {
		struct strbuf subj = STRBUF_INIT;
		int r;

		ms->cover_text = xstrfmt("%s\n\n%s", fp[0].subject, fp[0].body);
		/* the changelog of a single patch goes under its "---" */
		r = cover_text(&cover, repo, cfg, branch, o, nr);
		if (r < 0) {
			ret = r;
			goto out;
		}
		if (!r)
			format_split_message(cover.buf, &subj, &changes);
		strbuf_release(&subj);
		strbuf_trim(&changes);
		if (changes.len)
			strbuf_addch(&changes, '\n');
	}

	for (i = 0; i < nr; i++) {
		const struct patch *p = &s->patches[i];
		struct mail_fields m = { 0 };
		struct message *msg;
		char *id, *name;

		strbuf_reset(&sb);
		if (strcasecmp(p->author_email, from.addr) ||
		    strcmp(p->author_name, from.name)) {
			struct strbuf a = STRBUF_INIT;

			address_format(&a, p->author_name, p->author_email, false);
			strbuf_addf(&sb, "From: %s\n\n", a.buf);
			strbuf_release(&a);
		}
		strbuf_reset(&below);
		if (nr == 1)
			strbuf_addbuf(&below, &changes);
		if (notes_ref && add_notes(&below, repo, notes_ref, fp[i].oid))
			goto out;
		if (nr == 1 && rdiff.len) {
			if (below.len)
				strbuf_addch(&below, '\n');
			strbuf_addbuf(&below, &rdiff);
		}
		format_patch_body(&sb, &fp[i], below.buf, sig);
		strbuf_reset(&prefix);
		compose_prefix(&prefix, tree_prefix, version, o->rfc,
			       o->resend, i + 1, nr);
		id = mail_message_id(from.addr, now, n++);
		name = compose_filename(version, i + 1, fp[i].subject);
		mail_fill(&m, &from, now + (long long)(nr > 1 ? i + 1 : i),
			  prefix.buf, fp[i].subject, id);
		m.in_reply_to = cover_id;
		m.to = &rc.to;
		m.cc = &rc.cc[i];
		m.body = sb.buf;
		m.filename = name;
		msg = message_set_add_mail(ms, &m);
		msg->patch_id = xstrdup(fp[i].patch_id);
		memcpy(msg->commit, fp[i].oid, sizeof(msg->commit));
		free(name);
		free(id);
	}
	/* whatever else went into a message (the cover text, an author) */
	for (i = 0; i < ms->nr; i++) {
		if (!bare_cr(ms->v[i].text))
			continue;
		if (ms->v[i].commit[0])
			error("the message of commit '%.12s' holds a bare CR (one not followed by LF): no mail server takes it",
			      ms->v[i].commit);
		else
			error("the cover letter holds a bare CR (one not followed by LF): no mail server takes it");
		ret = ERR_BAD_INPUT;
		goto out;
	}
	ret = 0;
out:
	for (i = 0; fp && i < nr; i++)
		formatted_patch_release(&fp[i]);
	free(fp);
	free(diffs);
	free(subjects);
	free(cover_id);
	free(sig_owned);
	sent_list_free(versions, nversions);
	recipients_release(&rc);
	address_release(&from);
	strbuf_release(&sb);
	strbuf_release(&prefix);
	strbuf_release(&cover);
	strbuf_release(&rdiff);
	strbuf_release(&changes);
	strbuf_release(&below);
	free(notes_ref);
	return ret;
}
