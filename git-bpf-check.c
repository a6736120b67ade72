// SPDX-License-Identifier: GPL-2.0
/* git-bpf-check: the BPF submission rules on a revision range or on
 * patch/mbox files, before anything is mailed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "config.h"
#include "repo.h"
#include "series.h"
#include "tree.h"
#include "util.h"

static const char *const check_usage[] = {
	"git bpf check [<options>] [<range> | --root <rev> | <file>...]",
	"",
	"<range> defaults to " TREE_DEFAULT_RANGE "; <file>s are patch or mbox files.",
	NULL
};

static void list_rules(void)
{
	size_t nr;
	const struct check_rule *r = check_rules(&nr);

	for (size_t i = 0; i < nr; i++)
		printf("%-28s %-8s %s\n", r[i].id,
		       r[i].severity == CHECK_ERROR ? "error" : "warning",
		       r[i].what);
}

/* --checkpatch insists on it, --no-checkpatch skips it; neither: when
 * the tree has it. */
static int checkpatch_cb(const struct cmd_option *opt, const char *arg,
			 bool unset)
{
	(void)arg;
	*(enum check_checkpatch *)opt->value = unset ? CHECK_CHECKPATCH_OFF :
						CHECK_CHECKPATCH_ON;
	return 0;
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
	char *range;
	int ret;

	if (tree_default_range(&range, repo, "check"))
		return -1;
	ret = series_load_range(s, repo, range, SERIES_ALLOW_MERGES);
	free(range);
	return ret;
}

int main(int argc, char **argv)
{
	struct strvec ignore = STRVEC_INIT;
	struct check_opts opts = { 0 };
	struct check_result res = { 0 };
	struct series s = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	bool json = false, rules = false, root = false;
	int ret = EXIT_USAGE;
	struct cmd_option options[] = {
		OPT_STRING(0, "tree", &opts.tree, "<tree>",
			   "bpf, bpf-next, iproute2 or iproute2-next "
			   "(default: chosen from the series)"),
		OPT_JSON(&json),
		OPT_STRING_LIST(0, "ignore", &ignore, "<rules>",
				"drop the findings of these rules", ','),
		OPT_CALLBACK_F(0, "checkpatch", &opts.checkpatch, NULL,
			       "run the tree's scripts/checkpatch.pl (default: "
			       "when the tree has it; --no-checkpatch skips it)",
			       CMD_OPT_NOARG | CMD_OPT_NEG, checkpatch_cb),
		OPT_STRING(0, "hook", &opts.hook, "<program>",
			   "run it on each patch, the mbox text on its stdin "
			   "(overrides [check] hook)"),
		OPT_BOOL(0, "list-rules", &rules, "print the rules and exit"),
		OPT_BOOL(0, "root", &root,
			 "<rev> and all of its history, as format-patch --root"),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, check_usage, 0);
	if (argc < 0) {
		ret = cmd_exit_status(argc);
		goto out_opts;
	}
	if (rules) {
		list_rules();
		ret = EXIT_OK;
		goto out_opts;
	}

	repo_library_init();
	if (root && argc != 1) {
		error("--root takes one revision");
		goto out;
	}
	if (!root && args_are_files(argc, argv)) {
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
					     SERIES_ALLOW_MERGES |
					     (root ? SERIES_ROOT : 0)) :
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
	git_libgit2_shutdown();
out_opts:
	strvec_clear(&ignore);
	return ret;
}
