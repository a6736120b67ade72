/* SPDX-License-Identifier: GPL-2.0 */
/* transport: one way to hand a message over, whichever git send-email
 * would use: SMTP (smtp.c) or a sendmail-like program. */
#ifndef GIT_BPF_TRANSPORT_H
#define GIT_BPF_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "smtp.h"
#include "util.h"

struct transport;

/* Nothing is sent or run yet; s must outlive the transport. */
int transport_open(struct transport **out, const struct smtp_settings *s);
/*
 * Hand one message over: 0 once it was accepted (the server said 250,
 * the program exited 0); -1 otherwise, the reason in transport_failure()
 * and transport_reason().  A program gets "-f from" only when an
 * envelope sender is configured, as in git send-email.  Over SMTP a
 * connection carries sendemail.smtpBatchSize messages at most; the next
 * one waits sendemail.smtpReloginDelay seconds and logs in afresh.
 */
int transport_send(struct transport *t, const char *from,
		   const struct strvec *rcpts, const char *text, size_t len);
/*
 * For the next transport_send() only: call fn(arg) once the message is
 * past the point of no return and before it is taken (over SMTP, before
 * the final "."; a program, before it starts); when fn fails the message
 * is not sent.  The journal's in-flight mark hangs here.
 */
void transport_before_end(struct transport *t, int (*fn)(void *arg),
			  void *arg);
enum smtp_failure transport_failure(const struct transport *t);
const char *transport_reason(const struct transport *t);
/* Whether the server accepted our login (never for a program). */
bool transport_authenticated(const struct transport *t);
void transport_close(struct transport *t);

/*
 * Run the program of s for one message as git send-email runs it:
 * sendemail.smtpServer as argv[0], or sendmailCmd through
 * sh -c '<cmd> "$@"' - ..., with the server options, "-f sender" (when
 * sender is non-NULL), "-i" and the recipients as arguments, never in
 * the command text, and the message on standard input.  0 when it
 * exited 0; -1 with why in reason (its output included).  What it says
 * goes to out.
 */
int transport_run_program(const struct smtp_settings *s, const char *sender,
			  const struct strvec *rcpts, const char *text,
			  size_t len, struct strbuf *out,
			  struct strbuf *reason);

#endif
