// SPDX-License-Identifier: GPL-2.0
/* test-config: print what config_get() answers for INI and git keys, so
 * the shell tests can check file lookup, precedence and errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "config.h"
#include "repo.h"

int main(int argc, char **argv)
{
	git_repository *repo;
	struct config cfg;
	int ret = 0;

	if (argc < 2 || argc % 2 == 0) {
		fprintf(stderr, "usage: test-config INI-KEY GIT-KEY...\n");
		return 2;
	}
	git_libgit2_init();
	repo = repo_open_quiet();
	if (config_load(&cfg, repo)) {
		ret = 2;
		goto out;
	}
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *ini = strcmp(argv[i], "-") ? argv[i] : NULL;
		const char *git = strcmp(argv[i + 1], "-") ? argv[i + 1] : NULL;
		char *v = config_get(&cfg, ini, git);

		printf("%s=%s\n", ini ? ini : git, v ? v : "(unset)");
		free(v);
	}
	if (getenv("TEST_CONFIG_DUMPABLE")) {
		struct rlimit rl;

		getrlimit(RLIMIT_CORE, &rl);
		printf("dumpable=%d core=%llu\n", prctl(PR_GET_DUMPABLE),
		       (unsigned long long)rl.rlim_cur);
	}
	config_release(&cfg);
out:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
