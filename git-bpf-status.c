// SPDX-License-Identifier: GPL-2.0
/* git-bpf-status: where each version sent from a branch stands in
 * patchwork, and whether bpf or bpf-next applied it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "message.h"
#include "repo.h"
#include "status.h"
#include "util.h"

static const char usage_text[] =
	"usage: git bpf status [--all] [--patchwork | --no-patchwork] [--json]\n"
	"                      [<branch>...]\n"
	"\n"
	"    --all             every branch with a sent/ tag\n"
	"    --patchwork       fail when patchwork cannot be asked\n"
	"    --no-patchwork    do not ask patchwork: what the trees applied only\n"
	"    --json            print the status as one JSON object\n"
	"\n"
	"<branch> defaults to the current branch.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "patchwork", no_argument, NULL, 'p' },
		{ "no-patchwork", no_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	enum status_patchwork pw = STATUS_PW_AUTO;
	struct strvec branches = STRVEC_INIT;
	struct status_report r = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	bool all = false, json = false;
	int opt, rc, ret = EXIT_USAGE;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			all = true;
			break;
		case 'p':
			pw = STATUS_PW_FORCE;
			break;
		case 'P':
			pw = STATUS_PW_OFF;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'H':
			execlp("man", "man", "git-bpf-status", (char *)NULL);
			error_errno("cannot run 'man git-bpf-status'");
			return EXIT_REFUSED;
		default:
			error("unknown option '%s'", argv[optind - 1]);
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (all && optind < argc) {
		error("'--all' cannot be combined with the branch '%s'",
		      argv[optind]);
		return EXIT_USAGE;
	}

	repo_library_init();
	if (repo_open(&repo) || config_load(&cfg, repo))
		goto out;
	if (all) {
		if (sent_branches(repo, &branches))
			goto out;
	} else if (optind < argc) {
		for (int i = optind; i < argc; i++)
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
