/* SPDX-License-Identifier: GPL-2.0 */
/* http: fetching a document over HTTPS with libcurl (lore threads,
 * patchwork's REST API): certificates checked, plain http to loopback only. */
#ifndef GIT_BPF_HTTP_H
#define GIT_BPF_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct http_options {
	const char *ca;		/* CA file or directory; NULL: the system's */
	long timeout;		/* seconds for connect and for silence; 0: 30 */
	size_t max_size;	/* refuse larger bodies; 0: 64 MiB */
	bool insecure;		/* no certificate checks (the user said so) */
	struct strbuf *err;	/* when set, a failure's message goes here
				 * (one line, no "error: ") instead of to
				 * stderr, for callers that carry on without
				 * the answer */
};

/* Whether a host name or address is this machine. */
bool http_host_is_loopback(const char *host);

/*
 * GET url into out (appended).  *status gets the HTTP status (0 when no
 * answer came).  0 on a 2xx answer; -1 after an error naming the URL
 * (printed, or put in o->err):
 * refused scheme (http:// to another host), no connection, a non-2xx
 * status, a body over max_size.
 */
int http_get(struct strbuf *out, long *status, const char *url,
	     const struct http_options *o);

/* Inflate gzip (or zlib) data into out; -1 after an error naming what. */
int http_gunzip(struct strbuf *out, const void *data, size_t len,
		const char *what);

/* Percent-encode s for a URL path segment or query value. */
void http_escape(struct strbuf *out, const char *s);

#endif
