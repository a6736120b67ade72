// SPDX-License-Identifier: GPL-2.0
/* transport: SMTP sessions in batches, or a sendmail-like program run
 * with an argv (no shell but the one sendemail.sendmailCmd asks for). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "transport.h"

extern char **environ;

struct transport {
	const struct smtp_settings *set;
	struct smtp *smtp;		/* the session, when SMTP */
	long in_session;		/* messages on this connection */
	bool authenticated;
	enum smtp_failure failure;
	struct strbuf reason;
	int (*before_end)(void *arg);	/* for the next message only */
	void *before_end_arg;
};

int transport_open(struct transport **out, const struct smtp_settings *s)
{
	struct transport *t = xcalloc(1, sizeof(*t));

	t->set = s;
	strbuf_init(&t->reason, 0);
	if (!smtp_is_program(s) && smtp_open(&t->smtp, s)) {
		transport_close(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* The program's words, on one line: "a; b" for "a\nb\n". */
static void add_output(struct strbuf *reason, const struct strbuf *out)
{
	struct strbuf one = STRBUF_INIT;
	const char *p = out->buf;
	bool first = true;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		strbuf_reset(&one);
		strbuf_add(&one, p, (size_t)(nl - p));
		strbuf_trim(&one);
		if (one.len) {
			strbuf_addstr(reason, first ? ": " : "; ");
			strbuf_addbuf(reason, &one);
			first = false;
		}
		p = *nl ? nl + 1 : nl;
	}
	strbuf_release(&one);
}

/* Feed text to fd_in while collecting fd_out, until both are done. */
static int pump(int fd_in, int fd_out, const char *text, size_t len,
		struct strbuf *out)
{
	size_t pos = 0;

	fcntl(fd_in, F_SETFL, fcntl(fd_in, F_GETFL) | O_NONBLOCK);
	while (fd_out >= 0 || fd_in >= 0) {
		struct pollfd p[2];
		int n = 0, in_at = -1, out_at = -1;

		if (fd_in >= 0) {
			p[n] = (struct pollfd){ .fd = fd_in, .events = POLLOUT };
			in_at = n++;
		}
		if (fd_out >= 0) {
			p[n] = (struct pollfd){ .fd = fd_out, .events = POLLIN };
			out_at = n++;
		}
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (in_at >= 0 && p[in_at].revents) {
			ssize_t w = pos < len ?
				    write(fd_in, text + pos, len - pos) : 0;

			if (w > 0)
				pos += (size_t)w;
			/* all written, or the program stopped reading */
			if (pos == len || (w < 0 && errno != EAGAIN &&
					   errno != EINTR)) {
				close(fd_in);
				fd_in = -1;
			}
		}
		if (out_at >= 0 && p[out_at].revents) {
			char buf[4096];
			ssize_t r = read(fd_out, buf, sizeof(buf));

			if (r > 0) {
				strbuf_add(out, buf, (size_t)r);
			} else if (r == 0 || (errno != EAGAIN &&
					      errno != EINTR)) {
				close(fd_out);
				fd_out = -1;
			}
		}
	}
	return 0;
}

int transport_run_program(const struct smtp_settings *s, const char *sender,
			  const struct strvec *rcpts, const char *text,
			  size_t len, struct strbuf *out,
			  struct strbuf *reason)
{
	struct strvec argv = STRVEC_INIT;
	posix_spawn_file_actions_t fa;
	const char *name = s->sendmail_cmd ? s->sendmail_cmd : s->program;
	int in[2] = { -1, -1 }, outp[2] = { -1, -1 };
	sighandler_t old_pipe;
	pid_t pid;
	int status, rc, ret = -1;

	if (s->sendmail_cmd) {
		/* exactly git's: the command text, then "$@" */
		strvec_push(&argv, "sh");
		strvec_push(&argv, "-c");
		strvec_pushf(&argv, "%s \"$@\"", s->sendmail_cmd);
		strvec_push(&argv, "-");
	} else {
		strvec_push(&argv, s->program);
	}
	for (size_t i = 0; i < s->server_options.nr; i++)
		strvec_push(&argv, s->server_options.v[i]);
	if (sender) {
		strvec_push(&argv, "-f");
		strvec_push(&argv, sender);
	}
	strvec_push(&argv, "-i");
	for (size_t i = 0; i < rcpts->nr; i++)
		strvec_push(&argv, rcpts->v[i]);

	if (pipe2(in, O_CLOEXEC) || pipe2(outp, O_CLOEXEC)) {
		strbuf_addf(reason, "cannot run '%s': %s", name,
			    strerror(errno));
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 2);
	fflush(stdout);
	fflush(stderr);
	rc = s->sendmail_cmd ?
	     posix_spawnp(&pid, "sh", &fa, NULL, argv.v, environ) :
	     posix_spawn(&pid, s->program, &fa, NULL, argv.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(outp[1]);
	in[0] = outp[1] = -1;
	if (rc) {
		strbuf_addf(reason, "cannot run '%s': %s", name, strerror(rc));
		goto out;
	}
	/* a program that exits before it read the message must not kill
	 * us: its exit status says what happened */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	pump(in[1], outp[0], text, len, out);
	signal(SIGPIPE, old_pipe);
	in[1] = outp[0] = -1;	/* pump closed them */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			strbuf_addf(reason, "cannot wait for '%s': %s", name,
				    strerror(errno));
			goto out;
		}
	if (WIFEXITED(status) && !WEXITSTATUS(status)) {
		ret = 0;
		goto out;
	}
	if (WIFEXITED(status))
		strbuf_addf(reason, "'%s' exited with status %d", name,
			    WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		strbuf_addf(reason, "'%s' was killed by signal %d", name,
			    WTERMSIG(status));
	else
		strbuf_addf(reason, "'%s' failed", name);
	add_output(reason, out);
out:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (outp[i] >= 0)
			close(outp[i]);
	}
	strvec_clear(&argv);
	return ret;
}

static int send_program(struct transport *t, const char *from,
			const struct strvec *rcpts, const char *text,
			size_t len)
{
	struct strbuf out = STRBUF_INIT;
	int ret;

	ret = transport_run_program(t->set, t->set->envelope_sender ? from :
				    NULL, rcpts, text, len, &out, &t->reason);
	if (ret) {
		t->failure = strncmp(t->reason.buf, "cannot run", 10) ?
			     SMTP_FAIL_OTHER : SMTP_FAIL_CONNECT;
	} else if (out.len) {
		/* what it says of a message it took is the user's to see */
		fwrite(out.buf, 1, out.len, stderr);
	}
	strbuf_release(&out);
	return ret;
}

/* Provider quotas: a batch a connection, then a pause, then a new login. */
static int next_session(struct transport *t)
{
	const struct smtp_settings *s = t->set;

	if (!s->batch_size || t->in_session < s->batch_size)
		return 0;
	smtp_close(t->smtp);
	t->smtp = NULL;
	t->in_session = 0;
	if (s->relogin_delay)
		sleep((unsigned int)s->relogin_delay);
	return smtp_open(&t->smtp, s);
}

void transport_before_end(struct transport *t, int (*fn)(void *arg),
			  void *arg)
{
	t->before_end = fn;
	t->before_end_arg = arg;
}

int transport_send(struct transport *t, const char *from,
		   const struct strvec *rcpts, const char *text, size_t len)
{
	int (*before_end)(void *arg) = t->before_end;

	t->before_end = NULL;
	strbuf_reset(&t->reason);
	t->failure = SMTP_FAIL_NONE;
	if (smtp_is_program(t->set)) {
		/* once the program runs, its fate is unknown until it exits */
		if (before_end && before_end(t->before_end_arg)) {
			t->failure = SMTP_FAIL_OTHER;
			strbuf_addstr(&t->reason,
				      "cannot record the message as in flight");
			return -1;
		}
		return send_program(t, from, rcpts, text, len);
	}
	if (next_session(t)) {
		t->failure = SMTP_FAIL_OTHER;
		strbuf_addstr(&t->reason, "cannot set up a new SMTP session");
		return -1;
	}
	if (before_end)
		smtp_before_end(t->smtp, before_end, t->before_end_arg);
	if (smtp_send(t->smtp, from, rcpts, text, len)) {
		t->failure = smtp_failure(t->smtp);
		strbuf_addstr(&t->reason, smtp_reason(t->smtp));
		t->authenticated = t->authenticated ||
				   smtp_authenticated(t->smtp);
		return -1;
	}
	t->authenticated = t->authenticated || smtp_authenticated(t->smtp);
	t->in_session++;
	return 0;
}

enum smtp_failure transport_failure(const struct transport *t)
{
	return t->failure;
}

const char *transport_reason(const struct transport *t)
{
	return t->reason.buf;
}

bool transport_authenticated(const struct transport *t)
{
	return t->authenticated;
}

void transport_close(struct transport *t)
{
	if (!t)
		return;
	smtp_close(t->smtp);
	strbuf_release(&t->reason);
	free(t);
}
