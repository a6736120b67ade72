/* SPDX-License-Identifier: GPL-2.0 */
/* deliver: a set of mails journaled, confirmed and sent over SMTP, and
 * the resume or abort of a send that was cut short. */
#ifndef GIT_BPF_DELIVER_H
#define GIT_BPF_DELIVER_H

#include <stdbool.h>
#include <git2.h>

#include "config.h"
#include "message.h"

/* Delivery options, from the command line; unset fields come from
 * config ([smtp], then git's sendemail.*). */
struct deliver_opts {
	const char *smtp_server;
	const char *smtp_port;
	const char *smtp_encryption;	/* "ssl", "tls", "none" */
	const char *smtp_user;
	const char *confirm;		/* "auto", "always", "never" */
	const char *identity;		/* --identity: sendemail.<it>.* */
	bool no_identity;		/* --no-identity */
	bool smtp_debug;
	bool insecure;			/* --insecure-skip-certificate-check */
};

/*
 * Journal every message under $GIT_DIR/bpf/, confirm, deliver over
 * SMTP, mark each accepted message, and on success write the sent tag
 * (when ms->branch) and clear the journal.  0 sent; ERR_FAILED
 * (error printed, journal kept); ERR_BAD_INPUT for bad input such as an unknown encryption or a bad
 * recipient (error printed, nothing journaled or sent: exit 2).
 * deliver_resume too.
 */
int deliver_messages(git_repository *repo, const struct config *cfg,
		     const struct deliver_opts *opts, struct message_set *ms);
/* Send what is left of an interrupted series (same Message-IDs). */
int deliver_resume(git_repository *repo, const struct config *cfg,
		   const struct deliver_opts *opts);
/* Drop an interrupted send's journal, printing the messages of it that
 * had gone out (subject, Message-ID).  0, or -1 with an error. */
int deliver_abort(git_repository *repo);
/* Whether an interrupted send is waiting in the journal. */
bool deliver_pending(git_repository *repo);

#endif
