// SPDX-License-Identifier: GPL-2.0
/* mbox: mail as it is saved to files: mbox splitting as git mailsplit
 * does it, one message's headers, and its text part decoded to UTF-8. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mail.h"
#include "mbox.h"
#include "utf8.h"
#include "util.h"

/* git mailsplit's is_from_line(): "From <x> <date with hh:mm:ss yyyy>". */
static bool is_from_line(const char *line, size_t len)
{
	const char *colon;

	if (len < 20 || memcmp("From ", line, 5))
		return false;
	colon = line + len - 2;
	line += 5;
	for (;;) {
		if (colon < line)
			return false;
		if (*--colon == ':')
			break;
	}
	if (colon - 4 < line || !colon[1] || !colon[2])
		return false;
	if (!isdigit((unsigned char)colon[-4]) ||
	    !isdigit((unsigned char)colon[-2]) ||
	    !isdigit((unsigned char)colon[-1]) ||
	    !isdigit((unsigned char)colon[1]) ||
	    !isdigit((unsigned char)colon[2]))
		return false;
	/* the year, read within the line (strtol would skip the newline) */
	{
		const char *y = colon + 3, *end = line - 5 + len;
		long year = 0;

		while (y < end && *y == ' ')
			y++;
		if (y >= end || !isdigit((unsigned char)*y))
			return false;
		while (y < end && isdigit((unsigned char)*y) && year < 100000)
			year = year * 10 + (*y++ - '0');
		if (year <= 90)
			return false;
	}
	return true;
}

const char *mbox_msg_header(const struct mbox_msg *m, const char *name)
{
	for (size_t i = 0; i < m->h_nr; i++)
		if (!strcasecmp(m->h[i].name, name))
			return m->h[i].value;
	return NULL;
}

void mbox_msg_release(struct mbox_msg *m)
{
	for (size_t i = 0; i < m->h_nr; i++) {
		free(m->h[i].name);
		free(m->h[i].value);
	}
	free(m->h);
	strbuf_release(&m->body);
}

/* Parse headers from text[0..len); returns the body offset, or -1. */
static long parse_headers(struct mbox_msg *m, const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - line) : len - pos;
		size_t colon;

		if (l && line[l - 1] == '\r')
			l--;
		if (!l)
			return (long)(pos + (nl ? (size_t)(nl - line) + 1 : len - pos));
		if ((line[0] == ' ' || line[0] == '\t') && m->h_nr) {
			struct mbox_header *h = &m->h[m->h_nr - 1];
			size_t s = 0;
			char *v;

			while (s < l && (line[s] == ' ' || line[s] == '\t'))
				s++;
			v = xstrfmt("%s %.*s", h->value, (int)(l - s), line + s);
			free(h->value);
			h->value = v;
		} else {
			const char *c = memchr(line, ':', l);

			if (!c)
				return -1;
			colon = (size_t)(c - line);
			for (size_t i = 0; i < colon; i++)
				if (line[i] <= ' ' || line[i] > '~')
					return -1;
			ALLOC_GROW(m->h, m->h_nr + 1, m->h_alloc);
			m->h[m->h_nr].name = xstrndup(line, colon);
			colon++;
			while (colon < l && (line[colon] == ' ' || line[colon] == '\t'))
				colon++;
			m->h[m->h_nr].value = xstrndup(line + colon, l - colon);
			m->h_nr++;
		}
		if (!nl)
			break;
		pos += (size_t)(nl - line) + 1;
	}
	return -1;	/* no blank line: the headers never end */
}

/* A parameter of a Content-Type value ("charset", "boundary"), or NULL. */
static char *content_param(const char *ct, const char *param)
{
	size_t plen = strlen(param), n = 0;
	const char *p = ct;

	while (p && (p = strcasestr(p, param))) {
		if ((p == ct || p[-1] == ';' || isspace((unsigned char)p[-1])) &&
		    p[plen] == '=')
			break;
		p += plen;
	}
	if (!p)
		return NULL;
	p += plen + 1;
	if (*p == '"') {
		p++;
		while (p[n] && p[n] != '"')
			n++;
	} else {
		while (p[n] && p[n] != ';' && !isspace((unsigned char)p[n]))
			n++;
	}
	return xstrndup(p, n);
}

/* Append a subject to a message's name, control bytes shown as '?'. */
static void where_add_subject(struct strbuf *where, const char *subject)
{
	strbuf_addstr(where, " (\"");
	for (const char *c = subject; *c; c++)
		strbuf_addch(where, (unsigned char)*c < ' ' || *c == 0x7f ?
			     '?' : *c);
	strbuf_addstr(where, "\")");
}

/*
 * The first text/plain part of a MIME multipart body, as mail clients
 * send replies (text and HTML alternatives): its headers in part, its
 * text in *text.  Nested multiparts are searched, depth bounded.
 */
static bool multipart_text(struct mbox_msg *part, const char **text, size_t *tlen,
			   const char *body, size_t len, const char *ct,
			   int depth)
{
	char *boundary = content_param(ct, "boundary");
	struct strbuf delim = STRBUF_INIT;
	const char *p = body, *end = body + len, *part_at = NULL;
	bool found = false;

	if (!boundary || !*boundary || depth > 4) {
		free(boundary);
		return false;
	}
	strbuf_addf(&delim, "--%s", boundary);
	while (p < end && !found) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t l = (size_t)((nl ? nl : end) - p);

		if (l && p[l - 1] == '\r')
			l--;
		if (l >= delim.len && !memcmp(p, delim.buf, delim.len)) {
			if (part_at) {
				struct mbox_msg m = { 0 };
				size_t plen = (size_t)(p - part_at);
				long off = parse_headers(&m, part_at, plen);
				const char *pct = mbox_msg_header(&m, "Content-Type");

				if (off < 0) {
					mbox_msg_release(&m);
				} else if (pct && istarts_with(pct, "multipart/")) {
					found = multipart_text(part, text, tlen,
							       part_at + off,
							       plen - (size_t)off,
							       pct, depth + 1);
					mbox_msg_release(&m);
				} else if (!pct || istarts_with(pct, "text/plain")) {
					*part = m;
					*text = part_at + off;
					*tlen = plen - (size_t)off;
					found = true;
				} else {
					mbox_msg_release(&m);
				}
			}
			/* "--boundary--" closes the multipart */
			if (l >= delim.len + 2 && !memcmp(p + delim.len, "--", 2))
				break;
			part_at = next;
		}
		p = next;
	}
	free(boundary);
	strbuf_release(&delim);
	return found;
}

int mbox_msg_read(struct mbox_msg *m, struct strbuf *where, const char *text,
		  size_t len, bool many)
{
	struct mbox_msg part = { 0 };
	const char *v, *body;
	size_t body_len;
	char *charset = NULL;
	long off;
	int ret = -1;

	strbuf_init(&m->body, 0);
	if (len >= 5 && !memcmp(text, "From ", 5)) {
		const char *nl = memchr(text, '\n', len);
		size_t l = nl ? (size_t)(nl - text) : len;

		if (l >= 5 + GIT_OID_HEXSZ) {
			bool hex = true;

			for (size_t i = 0; i < GIT_OID_HEXSZ; i++)
				if (!isxdigit((unsigned char)text[5 + i]))
					hex = false;
			if (hex)
				memcpy(m->from_line_oid, text + 5, GIT_OID_HEXSZ);
		}
		text += nl ? l + 1 : l;
		len -= nl ? l + 1 : l;
	}
	off = parse_headers(m, text, len);
	if (off < 0 || !mbox_msg_header(m, "Subject") || !mbox_msg_header(m, "From"))
		return error("%s is not a patch: no mail headers (From:, Subject:)",
			     where->buf);
	if (many) {
		struct strbuf subj = STRBUF_INIT;

		v = mbox_msg_header(m, "Subject");
		rfc2047_decode(&subj, v, strlen(v));
		where_add_subject(where, subj.buf);
		strbuf_release(&subj);
	}
	body = text + off;
	body_len = len - (size_t)off;
	v = mbox_msg_header(m, "Content-Type");
	if (v && istarts_with(v, "multipart/") &&
	    multipart_text(&part, &body, &body_len, body, body_len, v, 0))
		v = mbox_msg_header(&part, "Content-Type");
	else
		part.h_nr = 0;
	charset = content_param(v, "charset");
	v = part.h_nr ? mbox_msg_header(&part, "Content-Transfer-Encoding") :
			mbox_msg_header(m, "Content-Transfer-Encoding");
	if (v && !strcasecmp(v, "quoted-printable"))
		mail_decode_qp(&m->body, body, body_len);
	else if (v && !strcasecmp(v, "base64")) {
		if (mail_decode_base64(&m->body, body, body_len)) {
			error("%s: invalid base64 body", where->buf);
			goto out;
		}
	} else
		strbuf_add(&m->body, body, body_len);
	/* CRLF mail: the diff must be read with LF ends */
	{
		size_t w = 0;

		for (size_t r = 0; r < m->body.len; r++)
			if (!(m->body.buf[r] == '\r' && r + 1 < m->body.len &&
			      m->body.buf[r + 1] == '\n'))
				m->body.buf[w++] = m->body.buf[r];
		strbuf_setlen(&m->body, w);
	}
	if (charset && strcasecmp(charset, "utf-8") &&
	    strcasecmp(charset, "us-ascii")) {
		if (utf8_convert(&m->body, charset, where->buf))
			goto out;
	} else if (!utf8_valid(m->body.buf, m->body.len)) {
		error("%s is not valid UTF-8%s", where->buf,
		      charset ? "" : " and names no charset");
		goto out;
	}
	if (memchr(m->body.buf, '\0', m->body.len)) {
		error("%s holds a NUL byte", where->buf);
		goto out;
	}
	ret = 0;
out:
	free(charset);
	mbox_msg_release(&part);
	return ret;
}


int mbox_split(size_t **out, size_t *nr, const char *buf, size_t len,
	       const char *name)
{
	size_t starts_alloc = 0, nstarts = 0, pos = 0;
	size_t *starts = NULL;

	*out = NULL;
	*nr = 0;
	if (memchr(buf, '\0', len))
		return error("'%s' is not a patch: it holds NUL bytes", name);
	while (pos < len) {
		const char *line = buf + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - line) : len - pos;

		if ((pos == 0 || (pos >= 2 && buf[pos - 2] == '\n') ||
		     nstarts) && is_from_line(line, l)) {
			if (nstarts >= MBOX_MAX_MESSAGES) {
				free(starts);
				return error("'%s' holds more than %d messages",
					     name, MBOX_MAX_MESSAGES);
			}
			ALLOC_GROW(starts, nstarts + 1, starts_alloc);
			starts[nstarts++] = pos;
		}
		pos += l + (nl ? 1 : 0);
	}
	if (nstarts && starts[0] != 0) {
		size_t k = 0;

		while (k < starts[0] && isspace((unsigned char)buf[k]))
			k++;
		if (k < starts[0]) {
			free(starts);
			return error("'%s' is not a patch or mbox file", name);
		}
	}
	*out = starts;
	*nr = nstarts;
	return 0;
}


int mbox_read_file(struct strbuf *buf, const char *path, int dirfd,
		   int oflags)
{
	struct stat st;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | oflags);

	if (fd < 0)
		return error_errno("unable to read '%s'", path);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return error("'%s' is not a regular file", path);
	}
	if ((unsigned long long)st.st_size > MBOX_MAX_FILE) {
		close(fd);
		return error("'%s' is too large (%lld bytes; a series "
			     "file may hold at most %u MiB)", path,
			     (long long)st.st_size, MBOX_MAX_FILE >> 20);
	}
	if (strbuf_read_fd(buf, fd)) {
		error_errno("unable to read '%s'", path);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
