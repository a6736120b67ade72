// SPDX-License-Identifier: GPL-2.0
/* deliver: journal a finished series in the outbox, then mail it over
 * SMTP or a program, so that an interrupted send resumes with nothing
 * lost or doubled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "credential.h"
#include "deliver.h"
#include "mail.h"
#include "message.h"
#include "outbox.h"
#include "sent.h"
#include "smtp.h"
#include "transport.h"
#include "util.h"

#define BAD_INPUT ERR_BAD_INPUT

/* One run of the transport over a message set, fresh or resumed. */
struct delivery {
	git_repository *repo;
	const struct config *cfg;
	const struct deliver_opts *opts;
	struct message_set *ms;
	struct outbox ob;
	struct smtp_settings set;
	struct smtp_overrides over;	/* what the command line said */
	char *server_name;
	struct credential cred;
	bool cred_from_git;		/* password from git credential */
	bool cred_rejected;		/* and git credential was told so */
	char **sender;			/* envelope sender, a message */
	struct strvec *rcpts;		/* envelope recipients, a message */
};

static void delivery_release(struct delivery *d)
{
	size_t i;

	if (d->sender)
		for (i = 0; i < d->ms->nr; i++) {
			free(d->sender[i]);
			strvec_clear(&d->rcpts[i]);
		}
	free(d->sender);
	free(d->rcpts);
	credential_release(&d->cred);
	free(d->server_name);
	smtp_settings_release(&d->set);
	outbox_release(&d->ob);
}

static bool is_pending(const struct delivery *d, size_t i)
{
	return !d->ob.accepted || !d->ob.accepted[i];
}

static size_t count_pending(const struct delivery *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->ms->nr; i++)
		n += is_pending(d, i);
	return n;
}

static int message_error(const struct delivery *d, size_t i,
			 const char *what)
{
	return error("message %zu/%zu '%s': %s", i + 1, d->ms->nr,
		     d->ms->v[i].subject ? d->ms->v[i].subject : "", what);
}

/*
 * The envelope of every message, worked out and checked before anything
 * is journaled or sent: a bad address is bad input, not half a series.
 */
static int prepare_envelopes(struct delivery *d)
{
	const char *fixed = d->set.envelope_sender;
	size_t i, j;

	if (fixed && !strcasecmp(fixed, "auto"))
		fixed = NULL;
	if (fixed && (!address_valid(fixed) || mail_header_unsafe(fixed)))
		return error("envelope sender '%s' is no valid address",
			     fixed);
	d->sender = xcalloc(d->ms->nr ? d->ms->nr : 1, sizeof(*d->sender));
	d->rcpts = xcalloc(d->ms->nr ? d->ms->nr : 1, sizeof(*d->rcpts));
	for (i = 0; i < d->ms->nr; i++) {
		const struct message *m = &d->ms->v[i];
		struct address a = { NULL, NULL };

		if (!m->text || !m->message_id || !m->subject)
			return message_error(d, i, "incomplete message");
		if (fixed) {
			d->sender[i] = xstrdup(fixed);
		} else {
			if (!m->from || address_parse(&a, m->from))
				return message_error(d, i,
						     "no valid sender address");
			d->sender[i] = a.addr;
			a.addr = NULL;
			address_release(&a);
		}
		for (j = 0; j < m->to.nr + m->cc.nr; j++) {
			const char *r = j < m->to.nr ? m->to.v[j] :
					m->cc.v[j - m->to.nr];

			if (mail_header_unsafe(r)) {
				struct strbuf msg = STRBUF_INIT;
				int ret;

				strbuf_addstr(&msg, "recipient '");
				for (; *r; r++)
					if (*r == '\n')
						strbuf_addstr(&msg, "\\n");
					else if (*r == '\r')
						strbuf_addstr(&msg, "\\r");
					else
						strbuf_addch(&msg, *r);
				strbuf_addstr(&msg, "' holds a line break");
				ret = message_error(d, i, msg.buf);
				strbuf_release(&msg);
				return ret;
			}
		}
		message_rcpts(m, &d->rcpts[i]);
		for (j = 0; j < d->rcpts[i].nr; j++)
			if (!address_valid(d->rcpts[i].v[j])) {
				char *what = xstrfmt("recipient '%s' is no valid address",
						     d->rcpts[i].v[j]);
				int ret = message_error(d, i, what);

				free(what);
				return ret;
			}
		if (!d->rcpts[i].nr)
			return message_error(d, i, "no recipients");
	}
	return 0;
}

static int load_settings(struct delivery *d)
{
	if (smtp_settings_load(&d->set, d->cfg, &d->over))
		return -1;
	d->set.debug = d->opts->smtp_debug;
	d->set.insecure = d->opts->insecure;
	d->server_name = smtp_server_name(&d->set);
	return 0;
}

/* Every recipient of the messages still to go, for the confirmation. */
static void collect(const struct delivery *d, bool cc, struct strvec *out)
{
	size_t i, j;

	for (i = 0; i < d->ms->nr; i++) {
		const struct strvec *list = cc ? &d->ms->v[i].cc :
					    &d->ms->v[i].to;

		if (!is_pending(d, i))
			continue;
		for (j = 0; j < list->nr; j++)
			strvec_push_unique(out, list->v[j], true);
	}
}

static void print_list(const char *name, const struct strvec *v)
{
	size_t i;

	if (!v->nr)
		return;
	for (i = 0; i < v->nr; i++) {
		char *e = xescaped(v->v[i]);

		if (i)
			printf(",\n    %s", e);
		else
			printf("%s: %s", name, e);
		free(e);
	}
	printf("\n");
}

/* 1 go ahead, 0 the user said no, <0 error. */
static int ask_confirmation(struct delivery *d)
{
	char *mode = d->opts->confirm ? xstrdup(d->opts->confirm) :
		     config_get(d->cfg, "send.confirm", "sendemail.confirm");
	struct strvec to = STRVEC_INIT, cc = STRVEC_INIT;
	bool tty = isatty(0) && isatty(1);
	char answer[64];
	size_t i, n = count_pending(d);
	int ret = 1;

	if (!mode || !strcmp(mode, "auto") || !strcmp(mode, "cc") ||
	    !strcmp(mode, "compose")) {	/* git send-email's spellings */
		if (!tty)
			goto out;
	} else if (!strcmp(mode, "never")) {
		goto out;
	} else if (!strcmp(mode, "always")) {
		if (!tty) {
			ret = error("cannot ask for confirmation: no terminal");
			hint("use --confirm=never to send without asking");
			goto out;
		}
	} else {
		ret = BAD_INPUT;
		error("unknown confirm mode '%s' (auto, always or never)",
		      mode);
		goto out;
	}

	printf("%zu message%s to %s (%s):\n", n, n == 1 ? "" : "s",
	       d->server_name, smtp_is_program(&d->set) ? "program" :
	       smtp_encryption_name(d->set.encryption));
	for (i = 0; i < d->ms->nr; i++)
		if (is_pending(d, i)) {
			char *e = xescaped(d->ms->v[i].subject);

			printf("  %s\n", e);
			free(e);
		}
	collect(d, false, &to);
	collect(d, true, &cc);
	print_list("To", &to);
	print_list("Cc", &cc);
	printf("Send %s? [y/N] ", n == 1 ? "it" : "them");
	fflush(stdout);
	if (!fgets(answer, sizeof(answer), stdin))
		answer[0] = '\0';
	if (strcasecmp(answer, "y\n") && strcasecmp(answer, "yes\n")) {
		printf("nothing sent\n");
		ret = 0;
	}
out:
	strvec_clear(&to);
	strvec_clear(&cc);
	free(mode);
	return ret;
}

static int get_password(struct delivery *d)
{
	/* a program logs in by itself: no password is ever handed to one */
	if (!d->set.user || d->set.pass || smtp_is_program(&d->set) ||
	    (d->set.auth && !strcmp(d->set.auth, "none")))
		return 0;
	credential_init(&d->cred, "smtp", d->server_name, d->set.user);
	secret_protect();
	if (credential_fill(&d->cred))
		return -1;
	d->set.pass = xstrdup(d->cred.password);
	d->cred_from_git = true;
	return 0;
}

/*
 * Whether the server certainly took nothing of the message it failed
 * on: it refused the login, the connection or the message.  A timeout
 * or a lost connection may have come after the data went through.
 */
static bool nothing_went_out(struct transport *s)
{
	switch (transport_failure(s)) {
	case SMTP_FAIL_AUTH:
	case SMTP_FAIL_CONNECT:
	case SMTP_FAIL_REFUSED:
		return true;
	default:
		return false;
	}
}

static void report_failure(struct delivery *d, struct transport *s, size_t i)
{
	size_t left = count_pending(d), n = d->ms->nr;

	switch (transport_failure(s)) {
	case SMTP_FAIL_AUTH:
		error("%s", transport_reason(s));
		if (d->cred_from_git && d->cred_rejected)
			hint("the %s came from 'git credential'; it was told the login failed",
			     d->set.oauth ? "token" : "password");
		break;
	case SMTP_FAIL_CONNECT:
		error("%s", transport_reason(s));
		if (strstr(transport_reason(s), "certificate"))
			hint("name the server's CA certificates with 'ca' in the [smtp] section of git-bpf's config");
		break;
	case SMTP_FAIL_REFUSED:
		error("message %zu/%zu '%s' refused: %s", i + 1, n,
		      d->ms->v[i].subject, transport_reason(s));
		break;
	default:
		error("message %zu/%zu '%s' not sent: %s", i + 1, n,
		      d->ms->v[i].subject, transport_reason(s));
		break;
	}
	if (d->ob.in_flight && d->ob.in_flight[i])
		hint("message %zu/%zu %s may have been delivered: all of it went out and no answer came", i + 1, n, d->ms->v[i].message_id);
	if (left == n && nothing_went_out(s)) {
		hint("nothing was sent, and nothing waits: run the same command again once the problem is fixed");
		return;
	}
	if (left == n)
		hint("nothing was sent; the series waits in '%s'", d->ob.dir);
	else
		hint("%zu of %zu messages were sent; the other %zu wait in '%s'",
		     n - left, n, left, d->ob.dir);
	hint("'git bpf send --resume' sends %s once the problem is fixed",
	     left == n ? "it" : "them");
	hint("'git bpf send --abort' drops %s", left == n ? "it" : "them");
}

/* The sent tag, then the journal goes: the series is out. */
static int finish(struct delivery *d)
{
	if (d->ms->branch && sent_tag_write(d->repo, d->ms)) {
		hint("every message was sent; 'git bpf send --resume' retries writing the tag");
		return -1;
	}
	return outbox_clear(&d->ob);
}

/* The message being sent, for the mark before its final ".". */
struct flight {
	struct delivery *d;
	size_t i;
	bool marked;
};

static int mark_in_flight(void *arg)
{
	struct flight *f = arg;

	if (outbox_mark_in_flight(&f->d->ob, f->i,
				  f->d->ms->v[f->i].message_id))
		return -1;
	f->marked = true;
	return 0;
}

static int send_pending(struct delivery *d)
{
	struct transport *s = NULL;
	bool approved = false;
	size_t i;
	int ret = -1;

	if (d->set.insecure && !smtp_is_program(&d->set))
		warning("certificate checks are off (--insecure-skip-certificate-check): anyone on the way to '%s' can read and change the mail%s",
			d->server_name, d->set.user ? " and the password" : "");
	if (transport_open(&s, &d->set))
		return -1;
	for (i = 0; i < d->ms->nr; i++) {
		const struct message *m = &d->ms->v[i];
		struct flight f = { d, i, false };

		if (!is_pending(d, i))
			continue;
		transport_before_end(s, mark_in_flight, &f);
		if (transport_send(s, d->sender[i], &d->rcpts[i], m->text,
				   strlen(m->text))) {
			/* an answer came: surely not delivered */
			if (f.marked && transport_failure(s) == SMTP_FAIL_REFUSED &&
			    outbox_mark_unsent(&d->ob, i, m->message_id))
				goto out;
			if (transport_authenticated(s) && d->cred_from_git &&
			    !approved)
				credential_approve(&d->cred);
			else if (transport_failure(s) == SMTP_FAIL_AUTH &&
				 d->cred_from_git)
				d->cred_rejected = !credential_reject(&d->cred);
			report_failure(d, s, i);
			/* a journal of which nothing went out blocks nothing */
			if (count_pending(d) == d->ms->nr &&
			    nothing_went_out(s))
				outbox_clear(&d->ob);
			goto out;
		}
		if (!approved && d->cred_from_git &&
		    transport_authenticated(s)) {
			credential_approve(&d->cred);
			approved = true;
		}
		if (outbox_mark(&d->ob, i, m->message_id))
			goto out;
		{
			char *e = xescaped(m->subject);

			printf("sent %zu/%zu %s\n", i + 1, d->ms->nr, e);
			free(e);
		}
		fflush(stdout);
	}
	ret = 0;
out:
	transport_close(s);
	return ret;
}

static int refuse_pending(struct delivery *d)
{
	error("an interrupted send is waiting in '%s'", d->ob.dir);
	hint("'git bpf send --resume' sends what is left of it; 'git bpf send --abort' drops it");
	return -1;
}

/* Today's settings, the envelopes, the user's yes and the password,
 * for a send and a resume alike: 0 to go on, else what to return. */
static int prepare(struct delivery *d)
{
	int ok;

	if (load_settings(d) || prepare_envelopes(d))
		return BAD_INPUT;
	ok = ask_confirmation(d);
	if (ok <= 0)
		return ok < 0 ? ok : -1;
	return get_password(d) ? -1 : 0;
}

int deliver_messages(git_repository *repo, const struct config *cfg,
		     const struct deliver_opts *opts, struct message_set *ms)
{
	struct delivery d = { .repo = repo, .cfg = cfg, .opts = opts,
			      .ms = ms, .ob = OUTBOX_INIT };
	int ret = -1;

	if (!repo)
		return error("sending needs a git repository for its outbox");
	d.over = (struct smtp_overrides){ opts->smtp_server, opts->smtp_port,
		opts->smtp_encryption, opts->smtp_user };
	outbox_init(&d.ob, repo);
	if (!ms->nr) {
		ret = error("no messages to send");
		goto out;
	}
	ret = outbox_lock(&d.ob);
	if (ret)
		goto out;
	ret = -1;
	if (outbox_exists(&d.ob)) {
		refuse_pending(&d);
		goto out;
	}
	ret = prepare(&d);
	if (ret)
		goto out;
	ret = -1;
	if (outbox_create(&d.ob, ms))
		goto out;
	if (send_pending(&d))
		goto out;
	ret = finish(&d);
out:
	delivery_release(&d);
	return ret;
}

int deliver_resume(git_repository *repo, const struct config *cfg,
		   const struct deliver_opts *opts)
{
	struct message_set ms = { 0 };
	struct delivery d = { .repo = repo, .cfg = cfg, .opts = opts,
			      .ms = &ms, .ob = OUTBOX_INIT };
	size_t left;
	int ret = -1;

	if (!repo)
		return error("sending needs a git repository for its outbox");
	outbox_init(&d.ob, repo);
	ret = outbox_lock(&d.ob);
	if (ret)
		goto out;
	ret = -1;
	if (!outbox_exists(&d.ob)) {
		error("no interrupted send to resume in '%s'", d.ob.dir);
		goto out;
	}
	if (outbox_load(&d.ob, &ms))
		goto out;
	/* today's command line and configuration: the journal names none */
	d.over = (struct smtp_overrides){ opts->smtp_server, opts->smtp_port,
		opts->smtp_encryption, opts->smtp_user };
	left = count_pending(&d);
	printf("resuming: %zu of %zu messages were sent, %zu to go\n",
	       ms.nr - left, ms.nr, left);
	for (size_t i = 0; i < ms.nr; i++) {
		if (!d.ob.in_flight[i])
			continue;
		warning("message %zu/%zu '%s' %s may have been delivered: the send stopped after all of it went out, before the server's answer was recorded",
			i + 1, ms.nr, ms.v[i].subject, ms.v[i].message_id);
		hint("it is sent again with the same Message-ID, so the list archive keeps one copy");
	}
	if (!left) {
		ret = finish(&d);
		goto out;
	}
	ret = prepare(&d);
	if (ret)
		goto out;
	ret = -1;
	if (send_pending(&d))
		goto out;
	ret = finish(&d);
out:
	delivery_release(&d);
	message_set_release(&ms);
	return ret;
}

int deliver_abort(git_repository *repo)
{
	struct message_set ms = { 0 };
	struct outbox ob = OUTBOX_INIT;
	size_t i, sent = 0;
	int ret = -1;

	if (!repo)
		return error("--abort needs a git repository for its outbox");
	outbox_init(&ob, repo);
	if (outbox_lock(&ob))
		goto out;
	if (!outbox_exists(&ob)) {
		error("no interrupted send to abort in '%s'", ob.dir);
		goto out;
	}
	if (outbox_load(&ob, &ms))
		goto out;
	for (i = 0; i < ms.nr; i++)
		sent += ob.accepted && ob.accepted[i];
	if (outbox_clear(&ob))
		goto out;
	printf("dropped the interrupted send: %zu of %zu messages had gone out%s\n",
	       sent, ms.nr, sent ? ":" : "");
	for (i = 0; i < ms.nr; i++)
		if (ob.accepted && ob.accepted[i])
			printf("  %s %s\n", ms.v[i].subject, ms.v[i].message_id);
	ret = 0;
out:
	outbox_release(&ob);
	message_set_release(&ms);
	return ret;
}

bool deliver_pending(git_repository *repo)
{
	struct outbox ob;
	bool ret;

	if (!repo)
		return false;
	outbox_init(&ob, repo);
	ret = outbox_exists(&ob);
	outbox_release(&ob);
	return ret;
}
