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
	{ "report", "git-bpf-report", "mail a bug report to the BPF list and maintainers" },
	{ "doctor", "git-bpf-doctor", "check the toolchain, kernel config and mail setup" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: git bpf [--version] [--help] <command> [<args>]\n\n"
		   "These are the git bpf commands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
		fprintf(f, "   %-16s%s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'git bpf help <command>' shows the manual of a command.\n");
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

static int show_man(const char *page)
{
	execlp("man", "man", page, (char *)NULL);
	return error_errno("cannot run 'man %s'", page), EXIT_REFUSED;
}

int main(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("git-bpf version %s\n", GIT_BPF_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		char *page;

		if (argc < 3)
			return show_man("git-bpf");
		c = find_cmd(argv[2]);
		if (!c)
			return unknown_cmd(argv[2]);
		page = xstrfmt("git-bpf-%s", c->exe + strlen("git-bpf-"));
		return show_man(page);
	}
	if (argv[1][0] == '-') {
		error("unknown option '%s'", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	c = find_cmd(argv[1]);
	if (!c)
		return unknown_cmd(argv[1]);
	return run(c, argc - 1, argv + 1);
}
