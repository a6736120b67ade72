// SPDX-License-Identifier: GPL-2.0
/* git-bpf-status: where each version sent from a branch stands in
 * patchwork, and whether bpf or bpf-next applied it. */
#include <stdio.h>
#include <stdlib.h>

#include <curl/curl.h>

#include "cmd.h"
#include "config.h"
#include "repo.h"
#include "sent.h"
#include "status.h"
#include "util.h"

static const char *const status_usage[] = {
	"git bpf status [--all] [--patchwork | --no-patchwork] [--json] [<branch>...]",
	"",
	"<branch> defaults to the current branch.",
	NULL
};

/* --patchwork forces asking, --no-patchwork turns it off; neither: ask,
 * and say once when the server cannot be reached. */
static int patchwork_cb(const struct cmd_option *opt, const char *arg,
			bool unset)
{
	*(enum status_patchwork *)opt->value = unset ? STATUS_PW_OFF :
						       STATUS_PW_FORCE;
	return 0;
}

int main(int argc, char **argv)
{
	enum status_patchwork pw = STATUS_PW_AUTO;
	struct strvec branches = STRVEC_INIT;
	struct status_report r = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	bool all = false, json = false;
	int rc, ret = EXIT_USAGE;
	struct cmd_option options[] = {
		OPT_BOOL(0, "all", &all, "every branch with a sent/ tag"),
		OPT_CALLBACK_F(0, "patchwork", &pw, NULL,
			       "fail when patchwork cannot be asked "
			       "(--no-patchwork: do not ask it)",
			       CMD_OPT_NOARG | CMD_OPT_NEG, patchwork_cb),
		OPT_JSON(&json),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, status_usage, 0);
	if (argc < 0)
		return cmd_exit_status(argc);
	if (all && argc) {
		error("'--all' cannot be combined with the branch '%s'",
		      argv[0]);
		return EXIT_USAGE;
	}

	repo_library_init();
	if (repo_open(&repo) || config_load(&cfg, repo))
		goto out;
	if (all) {
		if (sent_branches(repo, &branches))
			goto out;
	} else if (argc) {
		for (int i = 0; i < argc; i++)
			strvec_push_unique(&branches, argv[i], false);
	} else {
		char *b = repo_current_branch(repo);

		if (!b) {
			error("HEAD is detached: name a branch, or give --all");
			goto out;
		}
		strvec_push(&branches, b);
		free(b);
	}

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = status_collect(&r, repo, &cfg, &branches, pw);
	curl_global_cleanup();
	/* nothing here is refused work: every failure is of the input */
	if (rc)
		goto out;
	if (r.pw_note && !json)
		fprintf(stderr, "note: %s\n", r.pw_note);
	if (!r.trees.nr && !json)
		fprintf(stderr, "note: no bpf or bpf-next branch found (set [trees] bpf and bpf-next): nothing can show as applied\n");
	if (all && !branches.nr && !json)
		printf("nothing sent from any branch\n");
	if (json ? status_print_json(stdout, &r) :
		   (status_print(stdout, &r), 0))
		goto out;
	if (fflush(stdout)) {
		error_errno("unable to write the status");
		goto out;
	}
	ret = EXIT_OK;
out:
	status_report_release(&r);
	strvec_clear(&branches);
	config_release(&cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
