/* SPDX-License-Identifier: GPL-2.0 */
/* patchwork: where a mailed patch stands in the patchwork REST API
 * ([lists] patchwork, project netdevbpf), one message at a time. */
#ifndef GIT_BPF_PATCHWORK_H
#define GIT_BPF_PATCHWORK_H

#include <stdbool.h>

#include "config.h"
#include "http.h"
#include "strbuf.h"

#define PATCHWORK_DEFAULT_API "https://patchwork.kernel.org/api/1.2"
#define PATCHWORK_DEFAULT_PROJECT "netdevbpf"

struct patchwork {
	char *api;		/* without a trailing slash */
	char *project;
	struct http_options http;
	struct strbuf err;	/* why the last request failed */
};

/* A patch as patchwork knows it. */
struct pw_patch {
	char *state;		/* "accepted", "changes-requested", ... */
	char *delegate;		/* username, NULL when none */
	char *web_url;		/* NULL when the server gave none */
};

/*
 * The API, project and timeout from [lists] patchwork, patchwork-project
 * and patchwork-timeout.  0, or -1 after an error naming a bad value.
 */
int patchwork_init(struct patchwork *pw, const struct config *cfg);
void patchwork_release(struct patchwork *pw);

/*
 * The patch whose Message-ID is msgid (with or without angle brackets):
 * 1 with *out filled, 0 when patchwork has none, -1 when the server
 * could not be asked or gave no sense (the reason in pw->err).
 */
int patchwork_patch(struct patchwork *pw, const char *msgid,
		    struct pw_patch *out);
/* The answer to /patches/?msgid=: a JSON list; the same returns, the
 * reason of a -1 in err. */
int patchwork_parse(const char *json, size_t len, struct pw_patch *out,
		    struct strbuf *err);
void pw_patch_release(struct pw_patch *p);

#endif
