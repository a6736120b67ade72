// SPDX-License-Identifier: GPL-2.0
/* credential: ask `git credential` for the SMTP password, and tell it
 * whether the server took it; git runs the user's helpers and prompts. */
#include <stdlib.h>
#include <string.h>

#include "credential.h"
#include "strbuf.h"
#include "util.h"

void credential_init(struct credential *c, const char *protocol,
		     const char *host, const char *username)
{
	c->protocol = protocol ? xstrdup(protocol) : NULL;
	c->host = host ? xstrdup(host) : NULL;
	c->username = username ? xstrdup(username) : NULL;
	c->password = NULL;
}

static void wipe(char *s)
{
	if (s)
		explicit_bzero(s, strlen(s));
	free(s);
}

void credential_release(struct credential *c)
{
	free(c->protocol);
	free(c->host);
	free(c->username);
	wipe(c->password);
	c->protocol = c->host = c->username = c->password = NULL;
}

/* A value with a newline or NUL would let one attribute forge another. */
static int add_attr(struct strbuf *sb, const char *key, const char *value)
{
	if (!value)
		return 0;
	/* never echoed: it may be the password, or hold it */
	if (strchr(value, '\n') || strchr(value, '\r'))
		return error("the credential's %s holds a line break", key);
	strbuf_addf(sb, "%s=%s\n", key, value);
	return 0;
}

static int describe(struct strbuf *sb, const struct credential *c,
		    bool with_password)
{
	if (add_attr(sb, "protocol", c->protocol) ||
	    add_attr(sb, "host", c->host) ||
	    add_attr(sb, "username", c->username) ||
	    (with_password && add_attr(sb, "password", c->password)))
		return -1;
	strbuf_addch(sb, '\n');
	return 0;
}

/* The exit code of `git credential ACTION`, or -1 when it did not run
 * (error printed). */
static int run_credential(const char *action, const struct strbuf *in,
			  struct strbuf *out)
{
	const char *argv[] = { "git", "credential", action, NULL };

	return run_command(argv, in, out, NULL);
}

int credential_fill(struct credential *c)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	char *line, *next;
	int ret = -1, status;

	if (describe(&in, c, false))
		goto out;
	status = run_credential("fill", &in, &out);
	if (status) {
		if (status > 0)
			error("no password for '%s' at '%s': 'git credential fill' failed", c->username ? c->username : "",
			      c->host);
		goto out;
	}
	for (line = out.buf; *line; line = next) {
		const char *v;

		next = strchrnul(line, '\n');
		if (*next)
			*next++ = '\0';
		if (skip_prefix(line, "password=", &v)) {
			wipe(c->password);
			c->password = xstrdup(v);
		} else if (skip_prefix(line, "username=", &v) &&
			   !c->username) {
			c->username = xstrdup(v);
		}
	}
	if (!c->password || !*c->password) {
		error("'git credential fill' gave no password for '%s'",
		      c->host);
		goto out;
	}
	/* a CR would end the AUTH line early; the rest would go out as a
	 * command of its own.  Refused before any use, never shown. */
	if (strpbrk(c->password, "\r\n") ||
	    (c->username && strpbrk(c->username, "\r\n"))) {
		error("the %s 'git credential fill' gave for '%s' holds a line break (CR); it is not used",
		      strpbrk(c->password, "\r\n") ? "password" : "username",
		      c->host);
		hint("fix the entry in your credential helper; nothing was sent");
		wipe(c->password);
		c->password = NULL;
		goto out;
	}
	ret = 0;
out:
	explicit_bzero(out.buf, out.len);
	strbuf_release(&out);
	strbuf_release(&in);
	return ret;
}

static int credential_tell(const struct credential *c, const char *action)
{
	struct strbuf in = STRBUF_INIT;
	int ret = -1;

	if (!describe(&in, c, true)) {
		ret = run_credential(action, &in, NULL);
		if (ret > 0)
			ret = error("'git credential %s' failed (exit code %d)",
				    action, ret);
	}
	explicit_bzero(in.buf, in.len);
	strbuf_release(&in);
	return ret;
}

int credential_approve(const struct credential *c)
{
	return credential_tell(c, "approve");
}

int credential_reject(const struct credential *c)
{
	return credential_tell(c, "reject");
}
