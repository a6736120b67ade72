// SPDX-License-Identifier: GPL-2.0
/* git-bpf-check: the BPF submission rules on a revision range or on
 * patch/mbox files, before anything is mailed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "repo.h"
#include "series.h"
#include "tree.h"
#include "util.h"

#define DEFAULT_RANGE "@{upstream}..HEAD"

static const char usage_text[] =
	"usage: git bpf check [--tree=<tree>] [--json] [--ignore=<rule>,...]\n"
	"                     [--checkpatch] [<range> | <file>...]\n"
	"\n"
	"    --tree=<tree>        bpf, bpf-next, iproute2 or iproute2-next\n"
	"                         (default: chosen from the series)\n"
	"    --json               print the findings as one JSON object\n"
	"    --ignore=<rules>     drop the findings of these rules\n"
	"    --checkpatch         also run the tree's scripts/checkpatch.pl\n"
	"    --list-rules         print the rules and exit\n"
	"\n"
	"<range> defaults to " DEFAULT_RANGE "; <file>s are patch or mbox files.\n";

static void list_rules(void)
{
	size_t nr;
	const struct check_rule *r = check_rules(&nr);

	for (size_t i = 0; i < nr; i++)
		printf("%-28s %-8s %s\n", r[i].id,
		       r[i].severity == CHECK_ERROR ? "error" : "warning",
		       r[i].what);
}

/* Whether the arguments name files (file mode) rather than a range. */
static bool args_are_files(int argc, char **argv)
{
	struct stat st;

	if (argc > 1)
		return true;
	return argc == 1 && !stat(argv[0], &st) && !S_ISDIR(st.st_mode);
}

static int load_default_range(struct series *s, git_repository *repo)
{
	char *upstream, *branch, *range;
	int ret;

	if (!tree_upstream(&upstream, repo)) {
		range = xstrfmt("%s..HEAD", upstream);
		ret = series_load_range(s, repo, range, SERIES_ALLOW_MERGES);
		free(range);
		free(upstream);
		return ret;
	}
	branch = repo_current_branch(repo);
	if (branch)
		error("branch '%s' has no upstream: give a range, e.g. 'git bpf check bpf-next/master..'",
		      branch);
	else
		error("HEAD is detached, so there is no upstream: give a range, e.g. 'git bpf check bpf-next/master..'");
	free(branch);
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tree", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "checkpatch", no_argument, NULL, 'c' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	struct strvec ignore = STRVEC_INIT;
	struct check_opts opts = { 0 };
	struct check_result res = { 0 };
	struct series s = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	bool json = false;
	int opt, ret = EXIT_USAGE;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			opts.tree = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'i':
			strvec_split(&ignore, optarg, ',');
			break;
		case 'c':
			opts.checkpatch = true;
			break;
		case 'l':
			list_rules();
			strvec_clear(&ignore);
			return EXIT_OK;
		case 'h':
			fputs(usage_text, stdout);
			strvec_clear(&ignore);
			return EXIT_OK;
		case 'H':
			execlp("man", "man", "git-bpf-check", (char *)NULL);
			error_errno("cannot run 'man git-bpf-check'");
			strvec_clear(&ignore);
			return EXIT_REFUSED;
		default:
			error("unknown option '%s'", argv[optind - 1]);
			fputs(usage_text, stderr);
			strvec_clear(&ignore);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	repo_library_init();
	if (args_are_files(argc, argv)) {
		/* opening a FIFO would wait for a writer: refuse it first */
		for (int i = 0; i < argc; i++) {
			struct stat st;

			if (!stat(argv[i], &st) && !S_ISREG(st.st_mode)) {
				error("'%s' is not a regular file", argv[i]);
				goto out;
			}
		}
		repo = repo_open_quiet();
		if (series_load_files(&s, repo, (const char *const *)argv,
				      (size_t)argc))
			goto out;
	} else {
		if (repo_open(&repo))
			goto out;
		if (argc ? series_load_range(&s, repo, argv[0],
					     SERIES_ALLOW_MERGES) :
			   load_default_range(&s, repo))
			goto out;
	}
	if (config_load(&cfg, repo))
		goto out;

	opts.repo = repo;
	opts.cfg = &cfg;
	opts.ignore = &ignore;
	if (check_series(&res, &opts, &s))
		goto out;
	if (json) {
		if (check_print_json(stdout, &res))
			goto out;
	} else {
		check_print(stdout, &res, want_color(1));
	}
	if (fflush(stdout)) {
		error_errno("unable to write the findings");
		goto out;
	}
	ret = check_exit_code(&res);
out:
	check_result_release(&res);
	series_release(&s);
	config_release(&cfg);
	git_repository_free(repo);
	strvec_clear(&ignore);
	git_libgit2_shutdown();
	return ret;
}
