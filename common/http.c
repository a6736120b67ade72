// SPDX-License-Identifier: GPL-2.0
/* http: one GET over libcurl for the commands that read the list archive
 * or patchwork; the same TLS policy as the mail transport. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

#include "http.h"
#include "util.h"

#define HTTP_DEFAULT_TIMEOUT 30L
#define HTTP_DEFAULT_MAX (64u << 20)

bool http_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	char *bare = NULL;
	bool ret = false;
	size_t len = strlen(host);

	/* curl gives IPv6 literals in brackets */
	if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
		bare = xstrndup(host + 1, len - 2);
		host = bare;
	}
	if (!strcasecmp(host, "localhost") || ends_with(host, ".localhost"))
		ret = true;
	else if (inet_pton(AF_INET, host, &a4) == 1)
		ret = (ntohl(a4.s_addr) >> 24) == 127;
	else if (inet_pton(AF_INET6, host, &a6) == 1)
		ret = IN6_IS_ADDR_LOOPBACK(&a6);
	free(bare);
	return ret;
}

struct sink {
	struct strbuf *out;
	size_t start, max;
	bool too_big;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *p)
{
	struct sink *s = p;
	size_t n = size * nmemb;

	if (s->out->len - s->start + n > s->max) {
		s->too_big = true;
		return 0;
	}
	strbuf_add(s->out, data, n);
	return n;
}

/* error(), or the message into o->err for a caller that goes on. */
__attribute__((format(printf, 2, 3)))
static int fail(const struct http_options *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (o->err) {
		strbuf_reset(o->err);
		strbuf_vaddf(o->err, fmt, ap);
	} else {
		struct strbuf sb = STRBUF_INIT;

		strbuf_vaddf(&sb, fmt, ap);
		error("%s", sb.buf);
		strbuf_release(&sb);
	}
	va_end(ap);
	return -1;
}

/* The scheme must be https, or http to this machine. */
static int check_url(const char *url, const struct http_options *o)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int ret = -1;

	if (!u)
		return fail(o, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0)) {
		fail(o, "'%s' is not a URL", url);
		goto out;
	}
	if (!strcasecmp(scheme, "https") ||
	    (!strcasecmp(scheme, "http") && http_host_is_loopback(host)))
		ret = 0;
	else if (!strcasecmp(scheme, "http"))
		fail(o, "'%s' is plain http to another machine: use https", url);
	else
		fail(o, "'%s': only https URLs are fetched", url);
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ret;
}

int http_get(struct strbuf *out, long *status, const char *url,
	     const struct http_options *o)
{
	static const struct http_options none;
	char errbuf[CURL_ERROR_SIZE] = "";
	struct sink sink = { out, out->len, 0, false };
	long timeout;
	CURL *c;
	CURLcode rc;
	int ret = -1;

	if (!o)
		o = &none;
	*status = 0;
	if (check_url(url, o))
		return -1;
	timeout = o->timeout > 0 ? o->timeout : HTTP_DEFAULT_TIMEOUT;
	sink.max = o->max_size ? o->max_size : HTTP_DEFAULT_MAX;
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return fail(o, "cannot initialise libcurl");
	c = curl_easy_init();
	if (!c)
		return fail(o, "cannot initialise libcurl");

	rc = curl_easy_setopt(c, CURLOPT_URL, url);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	/* a redirect may not leave https, nor reach beyond loopback in http:
	 * curl cannot check the second, so redirects stay within https */
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER,
				      o->insecure ? 0L : 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST,
				      o->insecure ? 0L : 2L);
	if (!rc && o->ca) {
		struct stat st;

		if (!stat(o->ca, &st) && S_ISDIR(st.st_mode))
			rc = curl_easy_setopt(c, CURLOPT_CAPATH, o->ca);
		else
			rc = curl_easy_setopt(c, CURLOPT_CAINFO, o->ca);
	}
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_USERAGENT,
				      "git-bpf/" GIT_BPF_VERSION);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
	if (rc) {
		fail(o, "cannot set up libcurl: %s", curl_easy_strerror(rc));
		goto out;
	}

	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	if (sink.too_big) {
		fail(o, "'%s' is larger than %zu bytes", url, sink.max);
		goto out;
	}
	if (rc) {
		fail(o, "cannot fetch '%s': %s", url,
		      *errbuf ? errbuf : curl_easy_strerror(rc));
		goto out;
	}
	if (*status < 200 || *status > 299) {
		fail(o, "cannot fetch '%s': the server answered %ld", url,
		      *status);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		strbuf_setlen(out, sink.start);
	curl_easy_cleanup(c);
	return ret;
}

int http_gunzip(struct strbuf *out, const void *data, size_t len,
		const char *what)
{
	z_stream z = { 0 };
	size_t start = out->len;
	int rc;

	/* 32 + 15: accept a gzip or a zlib header */
	if (inflateInit2(&z, 32 + 15) != Z_OK)
		return error("cannot initialise zlib");
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	if ((size_t)z.avail_in != len) {
		inflateEnd(&z);
		return error("'%s' is too large", what);
	}
	do {
		strbuf_grow(out, 65536);
		z.next_out = (Bytef *)out->buf + out->len;
		z.avail_out = (uInt)(out->alloc - out->len - 1);
		rc = inflate(&z, Z_NO_FLUSH);
		strbuf_setlen(out, (size_t)((char *)z.next_out - out->buf));
		if (out->len - start > HTTP_DEFAULT_MAX * 4) {
			rc = Z_MEM_ERROR;
			break;
		}
		/* a gzip file may hold several members, one after another */
		if (rc == Z_STREAM_END && z.avail_in)
			rc = inflateReset(&z);
	} while (rc == Z_OK);
	inflateEnd(&z);
	if (rc != Z_STREAM_END) {
		strbuf_setlen(out, start);
		return error("'%s' is not valid gzip data%s", what,
			     rc == Z_MEM_ERROR ? " (or inflates too large)" :
			     "");
	}
	return 0;
}

void http_escape(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			strbuf_addch(out, (char)c);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}
