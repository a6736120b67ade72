// SPDX-License-Identifier: GPL-2.0
/* git-bpf-send: compose a series as the BPF maintainers want it, check
 * it, and mail it or write it out (--dry-run, --stdout, -o DIR). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "compose.h"
#include "config.h"
#include "deliver.h"
#include "jit.h"
#include "message.h"
#include "output.h"
#include "repo.h"
#include "series.h"
#include "tree.h"
#include "util.h"

static const char *const send_usage[] = {
	"git bpf send [<options>] [<range>]",
	"git bpf send --resume [<delivery options>]",
	"git bpf send --abort",
	"",
	"<range> defaults to " TREE_DEFAULT_RANGE ".",
	NULL
};

static int parse_version(const struct cmd_option *opt, const char *arg,
			 bool unset)
{
	char *end;
	long v;

	if (unset)
		return 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 1 || v > 1000)
		return error("bad version '%s': give a number from 1", arg);
	*(int *)opt->value = (int)v;
	return 0;
}

/* --notes[=<ref>], --no-notes: as git format-patch takes them */
static int parse_notes(const struct cmd_option *opt, const char *arg,
		       bool unset)
{
	struct compose_opts *o = opt->value;

	o->notes = unset ? -1 : 1;
	o->notes_ref = unset ? NULL : arg;
	return 0;
}

/* --cc-jit: the JIT people of a series adding an instruction join --cc,
 * each said on stderr, never silently. */
static int add_jit_people(git_repository *repo, struct series *s,
			  struct strvec *cc)
{
	struct strbuf sb = STRBUF_INIT;
	struct jit_people jp;

	if (!check_series_new_insn(s)) {
		fprintf(stderr, "cc-jit: the series adds no BPF instruction: no JIT people added\n");
		return 0;
	}
	if (jit_people_find(&jp, repo, s))
		return -1;
	if (!jp.nr)
		fprintf(stderr, "cc-jit: no JIT the series leaves alone has people to name\n");
	for (size_t i = 0; i < jp.nr; i++) {
		strbuf_reset(&sb);
		jit_arch_format(&sb, &jp.v[i]);
		fprintf(stderr, "cc-jit: %s\n", sb.buf);
	}
	jit_people_all(&jp, cc);
	strbuf_release(&sb);
	jit_people_release(&jp);
	return 0;
}

static int run_checks(git_repository *repo, const struct config *cfg,
		      struct series *s, const struct tree_choice *tree,
		      const struct strvec *ignore, bool sending, bool resend)
{
	struct check_result res = { 0 };
	struct check_opts opts = { 0 };
	int ret;

	opts.repo = repo;
	opts.cfg = cfg;
	opts.choice = tree;
	opts.ignore = ignore;
	opts.no_send = !sending;
	opts.resend = resend;
	if (check_series(&res, &opts, s)) {
		check_result_release(&res);
		return ERR_BAD_INPUT;
	}
	/* the tree line is printed already, from the same choice */
	if (res.nr)
		check_print_findings(stderr, &res, want_color(2));
	ret = check_exit_code(&res) ? ERR_FAILED : 0;
	if (ret) {
		error("the series fails its checks");
		hint("fix the errors above, or send anyway with --no-check");
	}
	check_result_release(&res);
	return ret;
}

int main(int argc, char **argv)
{
	struct strvec to = STRVEC_INIT, cc = STRVEC_INIT, ignore = STRVEC_INIT;
	struct deliver_opts dopts = { 0 };
	struct compose_opts copts = { 0 };
	struct tree_choice tc = { 0 };
	struct message_set ms = { 0 };
	struct series s = { 0 };
	struct config cfg = { 0 };
	struct cmd_output output = { OUTPUT_SEND, NULL };
	git_repository *repo = NULL;
	const char *tree = NULL;
	char *range = NULL;
	bool no_check = false, no_auto_cc = false, resume = false;
	bool abort_send = false;
	bool loaded = false, cc_jit = false, root = false;
	int ret = EXIT_USAGE, r;
	struct cmd_option options[] = {
		OPT_STRING(0, "tree", &tree, "<tree>",
			   "bpf, bpf-next, iproute2 or iproute2-next"),
		OPT_CALLBACK('v', "reroll-count", &copts.version, "<n>",
			     "version of the series (default: one more than "
			     "the last sent from this branch)", parse_version),
		OPT_BOOL(0, "rfc", &copts.rfc, "[RFC PATCH ...]"),
		OPT_BOOL(0, "resend", &copts.resend,
			 "[PATCH RESEND ...]: send the same patches again"),
		OPT_STRING(0, "cover-letter", &copts.cover_file, "<file>",
			   "cover letter text (subject, blank line, body); "
			   "the body is the changelog, for a single patch "
			   "under its --- line"),
		OPT_CALLBACK_F(0, "notes", &copts, "<ref>",
			       "add each commit's git notes under its --- line",
			       CMD_OPT_NOARG | CMD_OPT_OPTARG | CMD_OPT_NEG,
			       parse_notes),
		OPT_BOOL(0, "no-range-diff", &copts.no_range_diff,
			 "no range-diff against the last version sent"),
		OPT_STRING_LIST(0, "to", &to, "<address>",
				"add a To address (repeatable)", 0),
		OPT_STRING_LIST(0, "cc", &cc, "<address>",
				"add a Cc address (repeatable)", 0),
		OPT_BOOL(0, "no-auto-cc", &no_auto_cc,
			 "Cc only what --cc and [send] cc name"),
		OPT_BOOL(0, "cc-jit", &cc_jit,
			 "a new BPF instruction: Cc the JIT people of the "
			 "architectures the series leaves alone"),
		OPT_BOOL(0, "no-check", &no_check,
			 "do not run the checks before sending"),
		OPT_STRING_LIST(0, "ignore", &ignore, "<rules>",
				"drop the findings of these check rules", ','),
		OPT_OUTPUT(&output),
		OPT_BOOL(0, "reflect", &copts.reflect,
			 "send the series to yourself (From) alone, as it "
			 "would go out; record nothing"),
		OPT_BOOL(0, "resume", &resume,
			 "send what is left of an interrupted send"),
		OPT_BOOL(0, "abort", &abort_send,
			 "drop an interrupted send, naming what went out"),
		OPT_BOOL(0, "root", &root,
			 "<range> is one revision: it and all of its history, "
			 "as format-patch --root"),
		OPT_DELIVERY(&dopts),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, send_usage, 0);
	if (argc < 0) {
		ret = cmd_exit_status(argc);
		goto out;
	}
	if (argc > 1) {
		error("one range at most, not '%s'", argv[1]);
		goto out;
	}
	if (root && !argc) {
		error("--root takes one revision");
		goto out;
	}
	if (resume && (argc || output.mode != OUTPUT_SEND)) {
		error("--resume takes no range and no output option");
		goto out;
	}
	if (abort_send && (resume || argc || output.mode != OUTPUT_SEND)) {
		error("--abort takes no range, no output option and no --resume");
		goto out;
	}
	if (copts.reflect && output.mode != OUTPUT_SEND) {
		error("--reflect sends: it excludes --dry-run, --stdout and -o");
		goto out;
	}

	repo_library_init();
	/*
	 * The checks, the recipients and the mails each read the same
	 * blobs: keep them in libgit2's cache (blobs are not cached by
	 * default).
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB,
			 (size_t)4 << 20);
	if (repo_open(&repo) || config_load(&cfg, repo) ||
	    config_use_identity(&cfg, dopts.identity, dopts.no_identity))
		goto out;
	if (resume) {
		ret = exit_status(deliver_resume(repo, &cfg, &dopts));
		goto out;
	}
	if (abort_send) {
		ret = exit_status(deliver_abort(repo));
		goto out;
	}

	if (argc)
		range = xstrdup(argv[0]);
	else if (tree_default_range(&range, repo, "send"))
		goto out;
	loaded = true;
	if (series_load_range(&s, repo, range,
			      (no_check ? 0 : SERIES_ALLOW_MERGES) |
			      (root ? SERIES_ROOT : 0)))
		goto out;
	if (tree_select(&tc, repo, &cfg, &s, tree))
		goto out;
	if (tc.reason)
		fprintf(stderr, "%s\n", tc.reason);
	if (!no_check) {
		r = run_checks(repo, &cfg, &s, &tc, &ignore,
			       output.mode == OUTPUT_SEND && !copts.reflect,
			       copts.resend);
		if (r) {
			ret = exit_status(r);
			goto out;
		}
	}
	if (cc_jit && add_jit_people(repo, &s, &cc))
		goto out;
	r = config_bool(&cfg, "send.auto-cc", NULL, 1);
	if (r < 0)
		goto out;
	copts.tree = &tc;
	copts.auto_cc = r && !no_auto_cc;
	copts.to = &to;
	copts.cc = &cc;
	copts.mode = output.mode;
	r = compose_series(&ms, repo, &cfg, &s, &copts);
	if (r) {
		ret = exit_status(r);
		goto out;
	}
	if (output.mode == OUTPUT_SEND)
		ret = exit_status(deliver_messages(repo, &cfg, &dopts, &ms));
	else
		ret = output_messages(&ms, output.mode, output.dir) ?
		      EXIT_REFUSED : EXIT_OK;
out:
	message_set_release(&ms);
	tree_choice_release(&tc);
	if (loaded)
		series_release(&s);
	config_release(&cfg);
	git_repository_free(repo);
	if (repo || loaded)
		git_libgit2_shutdown();
	strvec_clear(&to);
	strvec_clear(&cc);
	strvec_clear(&ignore);
	free(range);
	return ret;
}
