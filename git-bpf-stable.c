// SPDX-License-Identifier: GPL-2.0
/* git-bpf-stable: `git bpf stable-request`, asking the BPF maintainers
 * (netdev in Cc) to queue mainline fixes for the stable branches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "deliver.h"
#include "mail.h"
#include "message.h"
#include "output.h"
#include "repo.h"
#include "sender.h"
#include "stable.h"
#include "util.h"

static const char *const stable_usage[] = {
	"git bpf stable-request [options] <commit>...",
	NULL
};

struct stable_opts {
	bool note, json, force;
	const char *mainline;
	struct cmd_output out;
	struct deliver_opts deliver;
};

/* the commits at argv[0..argc) on success */
static int parse_options(int *argc, char **argv, struct stable_opts *o)
{
	struct cmd_option options[] = {
		OPT_BOOL(0, "note", &o->note,
			 "print the text for under a patch's '---' line"),
		OPT_JSON(&o->json),
		OPT_BOOL(0, "force", &o->force,
			 "ask even for fixes not yet in mainline"),
		OPT_STRING(0, "mainline", &o->mainline, "<ref>",
			   "mainline's branch (default: [trees] mainline)"),
		OPT_OUTPUT(&o->out),
		OPT_DELIVERY(&o->deliver),
		OPT_END()
	};
	int n = cmd_parse_options(*argc, argv, options, stable_usage,
				  CMD_STOP_AT_NON_OPTION);

	if (n < 0)
		return n;
	*argc = n;
	if (!n) {
		error("no commit given");
		cmd_usage(stderr, options, stable_usage);
		return CMD_BAD_USAGE;
	}
	if (o->note && o->json)
		return error("--note and --json exclude each other"),
		       CMD_BAD_USAGE;
	if ((o->note || o->json) && o->out.mode != OUTPUT_SEND)
		return error("--%s prints no mail: drop --dry-run, --stdout "
			     "and -o", o->note ? "note" : "json"),
		       CMD_BAD_USAGE;
	return 0;
}

static int print_notes(const struct stable_ctx *ctx,
		       const struct stable_fix *fixes, size_t nr)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < nr; i++)
		n += fixes[i].needed > 0;
	for (size_t i = 0; i < nr; i++) {
		char hex[GIT_OID_HEXSZ + 1];

		if (!fixes[i].needed)
			continue;
		if (out.len)
			strbuf_addch(&out, '\n');
		if (n > 1) {
			git_oid_tostr(hex, (size_t)ctx->abbrev + 1, &fixes[i].oid);
			strbuf_addf(&out, "%s (\"%s\"):\n", hex,
				    fixes[i].subject);
		}
		stable_note(&out, ctx, &fixes[i]);
	}
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return n ? EXIT_OK : EXIT_REFUSED;
}

static int request(git_repository *repo, const struct config *cfg,
		   const struct stable_opts *o, const struct stable_ctx *ctx,
		   const struct stable_fix *fixes, size_t nr)
{
	struct message_set ms = { 0 };
	struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
	struct address from = { NULL, NULL };
	time_t now = time(NULL);
	int ret = EXIT_USAGE, r;

	if (stable_recipients(repo, cfg, &to, &cc) ||
	    sender_resolve(&from, cfg))
		goto out;
	if (stable_compose(&ms, ctx, fixes, nr, &to, &cc, from.name, from.addr,
			   (long long)now, mail_local_tz((long long)now)))
		goto out;
	if (o->out.mode != OUTPUT_SEND) {
		ret = output_messages(&ms, o->out.mode, o->out.dir) ?
		      EXIT_REFUSED : EXIT_OK;
		goto out;
	}
	r = deliver_messages(repo, cfg, &o->deliver, &ms);
	ret = exit_status(r);
out:
	message_set_release(&ms);
	address_release(&from);
	strvec_clear(&to);
	strvec_clear(&cc);
	return ret;
}

int main(int argc, char **argv)
{
	struct stable_opts o = { .out = { OUTPUT_SEND, NULL } };
	struct config cfg = { 0 };
	struct stable_ctx ctx = { 0 };
	struct stable_fix *fixes = NULL;
	struct strbuf out = STRBUF_INIT;
	git_repository *repo = NULL;
	size_t nr = 0, needed = 0, outside = 0;
	int r, ret = EXIT_USAGE;
	FILE *report;

	r = parse_options(&argc, argv, &o);
	if (r)
		return cmd_exit_status(r);
	/* with --stdout the mbox owns standard output */
	report = o.out.mode == OUTPUT_STDOUT ? stderr : stdout;

	repo_library_init();
	/*
	 * Each stable commit is read once, from all over a kernel-sized
	 * pack: caching them, or keeping big pack windows mapped, only
	 * costs memory.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)(4 << 20));
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)(32 << 20));
	if (repo_open(&repo) || config_load(&cfg, repo) ||
	    config_use_identity(&cfg, o.deliver.identity,
				o.deliver.no_identity) ||
	    stable_ctx_init(&ctx, repo, &cfg, o.mainline))
		goto out;
	/* a kernel's history without a commit-graph takes seconds to walk */
	if (!ctx.graph && ctx.rel_nr >= 50)
		hint("'git commit-graph write --reachable' makes this faster");
	nr = (size_t)argc;
	fixes = xcalloc(nr, sizeof(*fixes));
	if (stable_analyze(&ctx, (const char *const *)argv, nr, fixes))
		goto out;
	for (size_t i = 0; i < nr; i++) {
		needed += fixes[i].needed > 0;
		outside += !fixes[i].in_mainline;
	}

	if (o.json) {
		ret = stable_print_json(stdout, &ctx, fixes, nr) ? EXIT_REFUSED :
		      needed ? EXIT_OK : EXIT_REFUSED;
		goto out;
	}
	if (o.note) {
		ret = print_notes(&ctx, fixes, nr);
		if (ret)
			fprintf(stderr, "nothing to request: every stable "
				"branch has the fix or lacks the bug\n");
		goto out;
	}

	for (size_t i = 0; i < nr; i++) {
		if (i)
			strbuf_addch(&out, '\n');
		stable_describe(&out, &ctx, &fixes[i]);
	}
	fwrite(out.buf, 1, out.len, report);
	fflush(report);

	ret = EXIT_REFUSED;
	for (size_t i = 0; i < nr; i++) {
		char hex[GIT_OID_HEXSZ + 1];

		if (fixes[i].in_mainline)
			continue;
		git_oid_tostr(hex, (size_t)ctx.abbrev + 1, &fixes[i].oid);
		warning("%s (\"%s\") is not in mainline ('%s') yet", hex,
			fixes[i].subject, ctx.mainline_name);
	}
	if (outside && !o.force) {
		hint("the BPF maintainers queue fixes for stable once they "
		     "are in mainline; --force asks anyway");
		goto out;
	}
	if (!needed) {
		fprintf(report, "\nnothing to request: every stable branch "
			"has %s or lacks the bug\n", nr > 1 ? "the fixes" :
			"the fix");
		goto out;
	}
	fputc('\n', report);
	fflush(report);
	ret = request(repo, &cfg, &o, &ctx, fixes, nr);
out:
	for (size_t i = 0; i < nr; i++)
		stable_fix_release(&fixes[i]);
	free(fixes);
	strbuf_release(&out);
	stable_ctx_release(&ctx);
	config_release(&cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
