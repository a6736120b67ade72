// SPDX-License-Identifier: GPL-2.0
/* git-bpf: the dispatcher; runs git-bpf-<cmd> from its own directory,
 * then PATH, as git runs git-<cmd>. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "strbuf.h"
#include "util.h"

struct cmd {
	const char *name;
	const char *exe;
	const char *help;
};

static const struct cmd cmds[] = {
	{ "check", "git-bpf-check", "check a series against the BPF submission rules" },
	{ "send", "git-bpf-send", "compose a series for the bpf or bpf-next tree and mail it" },
	{ "stable-request", "git-bpf-stable", "ask the BPF maintainers to queue fixes for stable" },
	{ "maintainers", "git-bpf-maintainers", "who to mail, from the tree's MAINTAINERS" },
	{ "status", "git-bpf-status", "where each sent version stands in patchwork and the trees" },
	{ "trailers", "git-bpf-trailers", "add the review tags the list gave the last version" },
	{ "report", "git-bpf-report", "mail a bug report to the BPF list and maintainers" },
	{ "doctor", "git-bpf-doctor", "check the toolchain, kernel config and mail setup" },
};

/* The usage lines, with the commands listed below the options. */
static const char *const *usage_lines(struct strvec *lines)
{
	strvec_push(lines, "git bpf [--version] [--help] <command> [<args>]");
	strvec_push(lines, "");
	strvec_push(lines, "These are the git bpf commands:");
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
		strvec_pushf(lines, "   %-16s%s", cmds[i].name, cmds[i].help);
	strvec_push(lines, "");
	strvec_push(lines, "'git bpf help <command>' shows the manual of a command.");
	return (const char *const *)lines->v;
}

static const struct cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	/* the executable's own suffix works too: "git bpf stable" */
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(cmds[i].exe + strlen("git-bpf-"), name))
			return &cmds[i];
	return NULL;
}

/* Damerau-free Levenshtein distance, small strings only. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) :
					     (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof(prev[0]));
	}
	return prev[lb];
}

static int unknown_cmd(const char *name)
{
	bool first = true;

	error("'%s' is not a git bpf command", name);
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
		size_t d = distance(name, cmds[i].name);

		if (d > 2 && !(strlen(name) >= 3 &&
			       starts_with(cmds[i].name, name)))
			continue;
		fprintf(stderr, "%s\t%s\n", first ?
			"\nThe most similar command is" : "", cmds[i].name);
		first = false;
	}
	return EXIT_USAGE;
}

/* Our own directory, so a build tree runs its own commands. */
static char *self_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(path);
}

static int run(const struct cmd *c, int argc, char **argv)
{
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	char *dir = self_dir();

	args[0] = (char *)c->exe;
	for (int i = 1; i < argc; i++)
		args[i] = argv[i];
	if (dir) {
		char *full = xstrfmt("%s/%s", dir, c->exe);

		if (!access(full, X_OK))
			execv(full, args);
		free(full);
		free(dir);
	}
	execvp(c->exe, args);
	error_errno("cannot run '%s'", c->exe);
	free(args);
	return errno == ENOENT ? EXIT_USAGE : EXIT_REFUSED;
}

int main(int argc, char **argv)
{
	struct strvec lines = STRVEC_INIT;
	const char *const *usage = usage_lines(&lines);
	bool version = false, list = false;
	struct cmd_option options[] = {
		OPT_BOOL(0, "version", &version, "print the version"),
		OPT_BOOL(0, "list-cmds", &list, "print the commands, one a line"),
		OPT_END()
	};
	const struct cmd *c;
	char *page = NULL;
	int ret;

	ret = cmd_parse_options(argc, argv, options, usage,
				CMD_STOP_AT_NON_OPTION);
	if (ret < 0) {
		ret = cmd_exit_status(ret);
		goto out;
	}
	argc = ret;
	ret = EXIT_OK;
	if (version || (argc && !strcmp(argv[0], "version"))) {
		printf("git-bpf version %s\n", GIT_BPF_VERSION);
	} else if (list) {
		for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
			printf("%s\n", cmds[i].name);
	} else if (!argc) {
		cmd_usage(stdout, options, usage);
	} else if (!strcmp(argv[0], "help")) {
		c = argc > 1 ? find_cmd(argv[1]) : NULL;
		if (argc > 1 && !c) {
			ret = unknown_cmd(argv[1]);
			goto out;
		}
		page = c ? xstrdup(c->exe) : xstrdup("git-bpf");
		cmd_show_man(page);
		ret = EXIT_REFUSED;
	} else {
		c = find_cmd(argv[0]);
		ret = c ? run(c, argc, argv) : unknown_cmd(argv[0]);
	}
out:
	free(page);
	strvec_clear(&lines);
	return ret;
}
