// SPDX-License-Identifier: GPL-2.0
/* git-bpf-report: mail a BPF bug report to bpf@vger.kernel.org with the
 * maintainers and the buggy commits' authors in Cc, as the QA asks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "cmd.h"
#include "config.h"
#include "deliver.h"
#include "lists.h"
#include "mail.h"
#include "message.h"
#include "output.h"
#include "repo.h"
#include "report.h"
#include "sender.h"
#include "util.h"

static const char *const report_usage[] = {
	"git bpf report [--commit=SHA]... [--subject=TEXT] [--body=FILE]",
	"                      [--llvm [--mcpu=CPU] [--verifier-log=FILE]]",
	"                      [--cc=ADDR]... [--dry-run | --stdout | -o DIR]",
	"                      [<delivery options>]",
	NULL
};

struct report_opts {
	struct strvec commits, cc;
	const char *subject, *body;
	bool llvm;
	const char *mcpu, *verifier_log;
	struct cmd_output out;
	struct deliver_opts deliver;
};

static int parse_options(struct report_opts *o, int argc, char **argv)
{
	struct cmd_option options[] = {
		OPT_STRING_LIST(0, "commit", &o->commits, "<sha>",
				"the commit that brought the bug (repeatable): "
				"its author, signers and maintainers go in Cc",
				0),
		OPT_STRING(0, "subject", &o->subject, "<text>",
			   "the subject of the report"),
		OPT_STRING(0, "body", &o->body, "<file>",
			   "the report's text, instead of an editor "
			   "('-': stdin)"),
		OPT_STRING_LIST(0, "cc", &o->cc, "<addr>",
				"Cc someone more (repeatable)", 0),
		OPT_BOOL(0, "llvm", &o->llvm,
			 "an issue of LLVM's BPF back end: to netdev, the BPF "
			 "maintainers for LLVM and kernel in Cc"),
		OPT_STRING(0, "mcpu", &o->mcpu, "<cpu>",
			   "the -mcpu the program was built with (--llvm)"),
		OPT_STRING(0, "verifier-log", &o->verifier_log, "<file>",
			   "add the verifier's log to the text (--llvm)"),
		OPT_OUTPUT(&o->out),
		OPT_DELIVERY(&o->deliver),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, report_usage, 0);
	if (argc > 0) {
		error("unexpected argument '%s'", argv[0]);
		return CMD_BAD_USAGE;
	}
	if (argc < 0)
		return argc;
	if (!o->llvm && (o->mcpu || o->verifier_log)) {
		error("'%s' needs '--llvm'",
		      o->mcpu ? "--mcpu" : "--verifier-log");
		return CMD_BAD_USAGE;
	}
	if (o->mcpu && (!*o->mcpu || strcspn(o->mcpu, " \t\r\n") !=
					strlen(o->mcpu))) {
		error("'%s' is no -mcpu value", o->mcpu);
		return CMD_BAD_USAGE;
	}
	return argc;
}

/* The editor as git chooses it: GIT_EDITOR, core.editor, VISUAL, EDITOR,
 * vi.  Caller frees. */
static char *editor_command(const struct config *cfg)
{
	const char *v = getenv("GIT_EDITOR");
	char *c;

	if (v && *v)
		return xstrdup(v);
	c = config_git(cfg, "core.editor");
	if (c && *c)
		return c;
	free(c);
	v = getenv("VISUAL");
	if (v && *v)
		return xstrdup(v);
	v = getenv("EDITOR");
	if (v && *v)
		return xstrdup(v);
	return xstrdup("vi");
}

/*
 * Split an editor command into words without a shell: white space
 * separates them, '...' and "..." quote (so a path may hold spaces), a
 * backslash outside single quotes takes the next character as it is.
 */
static int split_words(struct strvec *out, const char *cmd)
{
	struct strbuf w = STRBUF_INIT;
	const char *p = cmd;
	bool in_word = false;
	char quote = 0;

	for (; *p; p++) {
		if (quote == '\'' && *p != '\'') {
			strbuf_addch(&w, *p);
		} else if (*p == '\\' && quote != '\'' && p[1]) {
			strbuf_addch(&w, *++p);
			in_word = true;
		} else if (quote && *p == quote) {
			quote = 0;
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p;
			in_word = true;
		} else if (!quote && (*p == ' ' || *p == '\t')) {
			if (in_word)
				strvec_push(out, w.buf);
			strbuf_reset(&w);
			in_word = false;
		} else {
			strbuf_addch(&w, *p);
			in_word = true;
		}
	}
	if (in_word)
		strvec_push(out, w.buf);
	strbuf_release(&w);
	if (quote)
		return error("unterminated quote in the editor '%s'", cmd);
	if (!out->nr)
		return error("the editor is empty");
	return 0;
}

/* Run the editor on path, no shell. */
static int run_editor(const char *cmd, const char *path)
{
	struct strvec argv = STRVEC_INIT;
	int rc;

	/* as git does, ":" means no editing at all */
	if (!strcmp(cmd, ":"))
		return 0;
	if (split_words(&argv, cmd)) {
		strvec_clear(&argv);
		return -1;
	}
	strvec_push(&argv, path);
	rc = run_command((const char *const *)argv.v, NULL, NULL, NULL);
	if (rc > 0)
		error("the editor '%s' failed (exit %d)", cmd, rc);
	strvec_clear(&argv);
	return rc ? -1 : 0;
}

/* The report's subject and body, from --body or the editor. */
static int get_text(const struct report *r, const struct report_opts *o,
		    const struct config *cfg, struct strbuf *subject,
		    struct strbuf *body)
{
	struct strbuf tmpl = STRBUF_INIT, edited = STRBUF_INIT;
	char *path = NULL, *editor = NULL;
	FILE *f;
	int ret = -1;

	if (o->body) {
		if (!strcmp(o->body, "-") ? strbuf_read_fd(body, 0) :
					    strbuf_read_file(body, o->body))
			return error_errno("unable to read '%s'", o->body);
		strbuf_addstr(subject, o->subject);
		strbuf_trim(subject);
		report_add_facts(body, r);
		if (body->len && body->buf[body->len - 1] != '\n')
			strbuf_addch(body, '\n');
		return 0;
	}

	path = xstrfmt("%sBPF_REPORT_EDITMSG",
		       git_repository_path(r->repo));
	report_template(&tmpl, r, o->subject);
	f = fopen(path, "w");
	if (!f) {
		error_errno("unable to write '%s'", path);
		goto out;
	}
	if (fwrite(tmpl.buf, 1, tmpl.len, f) != tmpl.len || fclose(f)) {
		error_errno("unable to write '%s'", path);
		goto out;
	}
	editor = editor_command(cfg);
	if (run_editor(editor, path))
		goto out;
	if (strbuf_read_file(&edited, path)) {
		error_errno("unable to read '%s'", path);
		goto out;
	}
	report_parse_edited(edited.buf, subject, body);
	ret = 0;
out:
	free(editor);
	free(path);
	strbuf_release(&tmpl);
	strbuf_release(&edited);
	return ret;
}

int main(int argc, char **argv)
{
	struct report_opts o = { .commits = STRVEC_INIT, .cc = STRVEC_INIT,
				 .out = { OUTPUT_SEND, NULL } };
	struct report_llvm llvm = { 0 };
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT;
	struct message_set ms = { 0 };
	struct report r = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	struct address from = { NULL, NULL };
	time_t now;
	size_t i;
	int ret = EXIT_USAGE, rc;

	rc = parse_options(&o, argc, argv);
	if (rc) {
		ret = cmd_exit_status(rc);
		goto out_opts;
	}
	if (o.subject && mail_header_unsafe(o.subject)) {
		error("the subject holds a line break");
		goto out_opts;
	}
	if (o.body && !o.subject) {
		error("--body needs --subject");
		goto out_opts;
	}
	if (o.body && strcmp(o.body, "-") && access(o.body, R_OK)) {
		error_errno("unable to read '%s'", o.body);
		goto out_opts;
	}

	for (i = 0; i < o.cc.nr; i++)
		if (lists_names_never_mailed(o.cc.v[i]))
			warning("not mailing '%s': bug reports go to the BPF list, stable@ takes no reports",
				o.cc.v[i]);

	repo_library_init();
	if (repo_open(&repo))
		goto out;
	if (config_load(&cfg, repo) ||
	    config_use_identity(&cfg, o.deliver.identity,
				o.deliver.no_identity) ||
	    sender_resolve(&from, &cfg))
		goto out;
	if (report_init(&r, repo))
		goto out;
	if (o.llvm) {
		if (report_llvm_init(&llvm, o.mcpu, o.verifier_log))
			goto out;
		r.llvm = &llvm;
	}
	for (i = 0; i < o.commits.nr; i++)
		if (report_add_commit(&r, o.commits.v[i]))
			goto out;
	if (report_recipients(&r, &cfg, &o.cc))
		goto out;

	ret = EXIT_REFUSED;
	if (get_text(&r, &o, &cfg, &subject, &body))
		goto out;
	if (report_check_text(subject.buf, body.buf)) {
		if (!o.body)
			hint("your text is in '%sBPF_REPORT_EDITMSG'",
			     git_repository_path(repo));
		goto out;
	}
	report_add_log(&body, &r);
	now = time(NULL);
	if (report_compose(&ms, &r, subject.buf, body.buf, from.name, from.addr,
			   (long long)now, mail_local_tz((long long)now)))
		goto out;

	if (o.out.mode != OUTPUT_SEND) {
		ret = output_messages(&ms, o.out.mode, o.out.dir) ?
		      EXIT_REFUSED : EXIT_OK;
		goto out;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = deliver_messages(repo, &cfg, &o.deliver, &ms);
	curl_global_cleanup();
	ret = exit_status(rc);
out:
	report_release(&r);
	report_llvm_release(&llvm);
	message_set_release(&ms);
	strbuf_release(&subject);
	strbuf_release(&body);
	config_release(&cfg);
	git_repository_free(repo);
	address_release(&from);
	git_libgit2_shutdown();
out_opts:
	strvec_clear(&o.commits);
	strvec_clear(&o.cc);
	return ret;
}
