// SPDX-License-Identifier: GPL-2.0
/* check-hook: the user's own per-patch check ([check] hook, --hook), run
 * the way git runs its hooks: a program, the patch on its stdin. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check-internal.h"
#include "strbuf.h"
#include "util.h"

extern char **environ;

#define HOOK_MAX_LINES	50	/* findings one patch's hook may add */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Run cmd with in on stdin, stdout and stderr into out, for at most
 * timeout_ms.  *status is its exit status (128+N for signal N), or -1
 * when it was killed for taking too long.  0, or -1 after an error.
 */
static int run_hook(const char *cmd, const struct strbuf *in,
		    struct strbuf *out, long long timeout_ms, int *status)
{
	const char *argv[] = { cmd, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 }, ws, err;
	long long deadline = now_ms() + timeout_ms;
	size_t written = 0;
	void (*old_pipe)(int);
	bool killed = false;
	pid_t pid;

	if (pipe2(inp, O_CLOEXEC) || pipe2(outp, O_CLOEXEC)) {
		err = error_errno("cannot run the hook '%s'", cmd);
		goto fail;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, inp[0], 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 2);
	/* its own process group, so that a timeout kills what it started */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	fflush(stdout);
	fflush(stderr);
	err = posix_spawnp(&pid, cmd, &fa, &attr, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(inp[0]);
	close(outp[1]);
	inp[0] = outp[1] = -1;
	if (err) {
		errno = err;
		err = error_errno("cannot run the hook '%s'", cmd);
		goto fail;
	}
	fcntl(inp[1], F_SETFL, O_NONBLOCK);
	old_pipe = signal(SIGPIPE, SIG_IGN);
	while (outp[0] >= 0) {
		struct pollfd pf[2] = { { outp[0], POLLIN, 0 }, { inp[1], POLLOUT, 0 } };
		long long left = deadline - now_ms();
		int n;

		if (inp[1] >= 0 && written == in->len) {
			close(inp[1]);
			inp[1] = -1;
		}
		if (left <= 0) {
			killed = true;
			break;
		}
		n = poll(pf, inp[1] >= 0 ? 2 : 1, (int)(left > 1000 ? 1000 : left));
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (pf[0].revents) {
			char buf[4096];
			ssize_t r = read(outp[0], buf, sizeof(buf));

			if (r > 0 && out->len < 1024 * 1024)
				strbuf_add(out, buf, (size_t)r);
			else if (r == 0 || (r < 0 && errno != EINTR &&
					    errno != EAGAIN)) {
				close(outp[0]);
				outp[0] = -1;
			}
		}
		if (inp[1] >= 0 && pf[1].revents) {
			ssize_t w = write(inp[1], in->buf + written,
					  in->len - written);

			if (w > 0)
				written += (size_t)w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR)
				written = in->len;	/* it stopped reading */
		}
	}
	signal(SIGPIPE, old_pipe);
	/* its output closed: give it what is left of the time to exit */
	while (!killed) {
		pid_t w = waitpid(pid, &ws, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			err = error_errno("waitpid for the hook '%s'", cmd);
			goto fail;
		}
		if (now_ms() >= deadline)
			killed = true;
		else
			usleep(10000);
	}
	if (killed) {
		kill(-pid, SIGKILL);
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		*status = -1;
	} else {
		*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	}
	err = 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (inp[i] >= 0)
			close(inp[i]);
		if (outp[i] >= 0)
			close(outp[i]);
	}
	return err;
}

static int hook_timeout(const struct config *cfg, long long *ms)
{
	const char *v = cfg ? config_ini(cfg, "check.hook-timeout") : NULL;
	char *end;
	long s;

	*ms = 60 * 1000;
	if (!v)
		return 0;
	errno = 0;
	s = strtol(v, &end, 10);
	if (errno || end == v || *end || s < 1 || s > 24 * 3600)
		return error("bad [check] hook-timeout '%s': give seconds, from 1", v);
	*ms = (long long)s * 1000;
	return 0;
}

int check_hook(struct check_ctx *c)
{
	const char *cmd = c->opts->hook;
	long long timeout;

	if (!cmd && c->opts->cfg)
		cmd = config_ini(c->opts->cfg, "check.hook");
	if (!cmd || !*cmd)
		return 0;
	if (hook_timeout(c->opts->cfg, &timeout))
		return -1;
	for (size_t i = 0; i < c->s->nr; i++) {
		struct patch *p = &c->s->patches[i];
		struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
		size_t lines = 0;
		int status;

		if (p->parents > 1)
			continue;
		if (check_patch_text(c, p, &in) ||
		    run_hook(cmd, &in, &out, timeout, &status)) {
			strbuf_release(&in);
			strbuf_release(&out);
			return -1;
		}
		strbuf_release(&in);
		if (status < 0) {
			check_addf(c, p, "hook", CHECK_ERROR,
				   "'%s' did not finish in %lld s and was killed",
				   cmd, timeout / 1000);
			strbuf_release(&out);
			continue;
		}
		for (const char *s = out.buf; *s;) {
			const char *nl = strchrnul(s, '\n');
			size_t l = (size_t)(nl - s);

			if (l && lines++ < HOOK_MAX_LINES)
				check_addf(c, p, "hook",
					   status ? CHECK_ERROR : CHECK_WARNING,
					   "%.*s", (int)l, s);
			s = *nl ? nl + 1 : nl;
		}
		if (lines > HOOK_MAX_LINES)
			check_addf(c, p, "hook", status ? CHECK_ERROR : CHECK_WARNING,
				   "... and %zu more lines", lines - HOOK_MAX_LINES);
		if (status && !lines)
			check_addf(c, p, "hook", CHECK_ERROR,
				   "'%s' failed (exit status %d)", cmd, status);
		strbuf_release(&out);
	}
	return 0;
}
