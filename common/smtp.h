/* SPDX-License-Identifier: GPL-2.0 */
/* smtp: the mail transport, SMTP over libcurl with one connection for a
 * whole series; TLS with certificate checks, AUTH, timeouts. */
#ifndef GIT_BPF_SMTP_H
#define GIT_BPF_SMTP_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "util.h"

enum smtp_encryption {
	SMTP_ENCRYPTION_NONE,	/* "none": plain text, loopback only for AUTH */
	SMTP_ENCRYPTION_TLS,	/* "tls": STARTTLS, required */
	SMTP_ENCRYPTION_SSL,	/* "ssl": TLS from the first byte (smtps) */
};

struct smtp_settings {
	/* a program instead of SMTP, as git send-email runs one: */
	char *program;		/* an absolute sendemail.smtpServer, or the
				 * sendmail found when nothing is set */
	char *sendmail_cmd;	/* sendemail.sendmailCmd, run by sh -c */
	struct strvec server_options;	/* sendemail.smtpServerOption */
	char *server;		/* host name or address; NULL: a program */
	long port;
	enum smtp_encryption encryption;
	char *user;		/* NULL: no AUTH */
	char *pass;		/* from config; NULL: ask git credential */
	char *ca;		/* CA file or directory; NULL: the system's */
	char *domain;		/* the name we give in EHLO; NULL: curl's */
	char *envelope_sender;	/* MAIL FROM; NULL: the message's From */
	char *auth;		/* sendemail.smtpAuth: mechanisms allowed,
				 * NULL any; "none": no AUTH at all */
	bool oauth;		/* the secret is an OAuth 2.0 bearer token */
	long batch_size;	/* messages a connection; 0: no limit */
	long relogin_delay;	/* seconds between two connections */
	long timeout;		/* seconds: connect, and each reply */
	bool insecure;		/* no certificate checks (loudly) */
	bool debug;		/* print the dialogue, secrets redacted */
};

/* What the command line says; NULL fields are not given. */
struct smtp_overrides {
	const char *server, *port, *encryption, *user;
};

/*
 * Fill s from the command line, then git-bpf's [smtp] section, then git's
 * sendemail.* keys.  0, or -1 after an error naming the bad value (no
 * server, unknown encryption, bad port...): the caller's bad input.
 * The transport is a program when the server is an absolute path or
 * sendemail.sendmailCmd is set (the INI file's and the command line's
 * server win over it), and when nothing names a server but a sendmail
 * is installed, as git send-email chooses.
 */
int smtp_settings_load(struct smtp_settings *s, const struct config *cfg,
		       const struct smtp_overrides *o);
void smtp_settings_release(struct smtp_settings *s);
const char *smtp_encryption_name(enum smtp_encryption e);
/* "server:port", as git credential and our messages name the server;
 * the program or the command for those. */
char *smtp_server_name(const struct smtp_settings *s);
/* git send-email's default program: the first executable sendmail in
 * /usr/sbin, /usr/lib, then PATH; NULL when none.  Caller frees. */
char *smtp_find_sendmail(void);
/* Whether s runs a program rather than speaking SMTP. */
bool smtp_is_program(const struct smtp_settings *s);
/* Whether the server is this machine (nothing on the wire to protect). */
bool smtp_server_is_loopback(const char *server);

/* Why smtp_send failed. */
enum smtp_failure {
	SMTP_FAIL_NONE,
	SMTP_FAIL_REFUSED,	/* the server answered 4xx/5xx to the message */
	SMTP_FAIL_AUTH,		/* the server refused the login */
	SMTP_FAIL_CONNECT,	/* no connection, no TLS, bad certificate */
	SMTP_FAIL_TIMEOUT,	/* no answer in time */
	SMTP_FAIL_OTHER,	/* connection lost and the like */
};

struct smtp;

/* One session (a libcurl easy handle) for a series; nothing is sent yet:
 * the connection opens with the first message and is kept. */
int smtp_open(struct smtp **out, const struct smtp_settings *s);
/*
 * Send one message: envelope sender and recipients (bare addresses), and
 * the text with LF line ends (sent with CRLF, dot-stuffed by libcurl).
 * 0 when the server accepted it; -1 otherwise, the reason in
 * smtp_failure() and smtp_reason() (nothing printed).
 */
int smtp_send(struct smtp *s, const char *from, const struct strvec *rcpts,
	      const char *text, size_t len);
/*
 * For the next smtp_send() only: call fn(arg) once the whole text is
 * handed over and before the final "." that makes the server take it;
 * when fn fails, the message is abandoned (not sent).
 */
void smtp_before_end(struct smtp *s, int (*fn)(void *arg), void *arg);
enum smtp_failure smtp_failure(const struct smtp *s);
/* "550 5.1.1 <a@b>: no such user" or "cannot connect to 'h:25': ..." */
const char *smtp_reason(const struct smtp *s);
/* Whether the server accepted our login in this session. */
bool smtp_authenticated(const struct smtp *s);
/* Say QUIT and free; smtp_close(NULL) does nothing. */
void smtp_close(struct smtp *s);

#endif
