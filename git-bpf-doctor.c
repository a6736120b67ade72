// SPDX-License-Identifier: GPL-2.0
/* git-bpf-doctor: check the machine and the tree for BPF work: LLVM and
 * pahole, the kernel config against the selftests', the git and SMTP setup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>

#include <curl/curl.h>

#include "cmd.h"
#include "config.h"
#include "doctor.h"
#include "repo.h"
#include "util.h"

static const char *const doctor_usage[] = {
	"git bpf doctor [--config=FILE] [--json]",
	NULL
};

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

int main(int argc, char **argv)
{
	struct doctor_report report = { 0 };
	struct doctor_env env = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	const char *config_opt = NULL, *workdir;
	char *tree = NULL, *config_path = NULL;
	struct utsname uts;
	bool json = false;
	int ret = EXIT_USAGE;
	struct cmd_option options[] = {
		OPT_STRING(0, "config", &config_opt, "<file>",
			   "the kernel config to check (default: .config)"),
		OPT_JSON(&json),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, doctor_usage, 0);
	if (argc < 0)
		return cmd_exit_status(argc);
	if (argc) {
		error("unexpected argument '%s'", argv[0]);
		cmd_usage(stderr, options, doctor_usage);
		return EXIT_USAGE;
	}
	if (config_opt && access(config_opt, R_OK)) {
		error_errno("unable to read '%s'", config_opt);
		return EXIT_USAGE;
	}

	repo_library_init();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* Outside a repository the tree is the current directory, and the
	 * git checks say there is no repository. */
	repo = repo_open_quiet();
	workdir = repo ? git_repository_workdir(repo) : NULL;
	if (workdir) {
		tree = xstrdup(workdir);
		if (ends_with(tree, "/") && strlen(tree) > 1)
			tree[strlen(tree) - 1] = '\0';
	}
	if (config_opt)
		config_path = xstrdup(config_opt);
	else if (tree)
		config_path = xstrfmt("%s/.config", tree);
	else
		config_path = xstrdup(".config");
	if (config_load(&cfg, repo))
		goto out;
	if (uname(&uts)) {
		error_errno("uname");
		ret = EXIT_REFUSED;
		goto out;
	}

	env.tree = tree ? tree : ".";
	env.config_path = config_path;
	env.config_name = config_opt ? config_opt : ".config";
	env.llc = env_or("LLC", "llc");
	env.clang = env_or("CLANG", "clang");
	env.pahole = env_or("PAHOLE", "pahole");
	env.release = uts.release;
	env.machine = uts.machine;
	env.repo = repo;
	env.cfg = &cfg;
	env.smtp_timeout = 10;

	doctor_run(&report, &env);
	if (json) {
		char *text = doctor_json(&report);

		printf("%s\n", text);
		free(text);
	} else {
		doctor_print(&report, stdout, want_color(1));
	}
	ret = doctor_count(&report, DOCTOR_ERROR) ? EXIT_REFUSED : EXIT_OK;
out:
	doctor_report_release(&report);
	config_release(&cfg);
	git_repository_free(repo);
	free(tree);
	free(config_path);
	curl_global_cleanup();
	git_libgit2_shutdown();
	return ret;
}
