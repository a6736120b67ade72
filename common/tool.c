// SPDX-License-Identifier: GPL-2.0
/* tool: run llc, clang or pahole with a time limit and read the version
 * it prints. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "tool.h"
#include "util.h"

extern char **environ;

#define TOOL_TIMEOUT_MS 20000

/*
 * Running the tools.  They print their help to stderr (llc -mcpu=help),
 * so both streams are captured; stdin is /dev/null so that none waits
 * for input, and a tool that hangs is killed.
 */

bool tool_exists(const char *prog)
{
	const char *path = getenv("PATH"), *p, *end;
	struct strbuf sb = STRBUF_INIT;
	bool found = false;

	if (!*prog)
		return false;
	if (strchr(prog, '/'))
		return !access(prog, X_OK);
	for (p = path ? path : "/usr/bin:/bin"; !found; p = end + 1) {
		end = strchrnul(p, ':');
		strbuf_reset(&sb);
		if (end == p)
			strbuf_addch(&sb, '.');
		else
			strbuf_add(&sb, p, end - p);
		strbuf_addf(&sb, "/%s", prog);
		found = !access(sb.buf, X_OK);
		if (!*end)
			break;
	}
	strbuf_release(&sb);
	return found;
}

int tool_capture(struct strbuf *out, const char *prog, const char *arg1,
		   const char *arg2, const char *arg3)
{
	const char *argv[] = { prog, arg1, arg2, arg3, NULL };
	posix_spawn_file_actions_t fa;
	int fds[2], status, ret = -1, waited = 0;
	pid_t pid;
	char buf[4096];

	if (pipe(fds))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	fflush(stdout);
	fflush(stderr);
	errno = posix_spawnp(&pid, prog, &fa, NULL, (char *const *)argv,
			     environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (errno) {
		close(fds[0]);
		return -1;
	}
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		ssize_t n;
		int pr = poll(&pfd, 1, TOOL_TIMEOUT_MS);

		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			waited = 1;
			break;
		}
		strbuf_add(out, buf, n);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (waited && WIFEXITED(status))
		ret = WEXITSTATUS(status);
	return ret;
}

int tool_version_parse(const char *text, const char *marker, int v[3])
{
	const char *p = text;
	int i;

	v[0] = v[1] = v[2] = 0;
	if (marker) {
		p = strstr(text, marker);
		if (!p)
			return -1;
		p += strlen(marker);
	} else {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == 'v')
			p++;
	}
	if (!isdigit((unsigned char)*p))
		return -1;
	for (i = 0; i < 3; i++) {
		long n;
		char *end;

		errno = 0;
		n = strtol(p, &end, 10);
		if (end == p || errno || n < 0 || n > 1000000)
			return i ? 0 : -1;
		v[i] = n;
		if (*end != '.' || !isdigit((unsigned char)end[1]))
			break;
		p = end + 1;
	}
	return 0;
}

void tool_version_str(struct strbuf *sb, const int v[3], int parts)
{
	strbuf_addf(sb, "%d.%d", v[0], v[1]);
	if (parts > 2)
		strbuf_addf(sb, ".%d", v[2]);
}

int tool_version_of(struct strbuf *out, const char *prog,
		    const char *marker)
{
	struct strbuf text = STRBUF_INIT;
	int v[3], ret = -1;

	if (tool_exists(prog) &&
	    !tool_capture(&text, prog, "--version", NULL, NULL) &&
	    !tool_version_parse(text.buf, marker, v)) {
		tool_version_str(out, v, 3);
		ret = 0;
	}
	strbuf_release(&text);
	return ret;
}
