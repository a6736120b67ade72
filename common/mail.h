/* SPDX-License-Identifier: GPL-2.0 */
/* mail: RFC 5322 pieces shared by the reader and the writers: addresses,
 * RFC 2047 encoded words, header folding, Message-IDs, dates. */
#ifndef GIT_BPF_MAIL_H
#define GIT_BPF_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"
#include "util.h"

/* One mailbox: display name (may be "") and addr-spec. */
struct address {
	char *name;
	char *addr;
};

/*
 * Parse one address: "Name <a@b>", "\"Last, First\" <a@b>", "a@b",
 * "a@b (Name)".  0, or -1 with an error naming the text when it is no
 * valid address or holds CR, LF or NUL.
 */
int address_parse(struct address *a, const char *text);
/* The same without the error message. */
int address_parse_quiet(struct address *a, const char *text);
/* Split a header value on top-level commas and parse each; -1 on the
 * first bad one (error printed). */
int address_list_parse(struct address **out, size_t *nr, const char *text);
void address_release(struct address *a);
void address_list_free(struct address *v, size_t nr);
/* "Name <addr>" (name quoted when needed, RFC 2047-encoded when not
 * ASCII), or "addr" when the name is empty. */
void address_format(struct strbuf *out, const char *name, const char *addr,
		    bool encode);
/* Whether addr is a plausible addr-spec (local@domain, no spaces, no
 * control characters). */
bool address_valid(const char *addr);

/* Decode RFC 2047 encoded words in a header value into UTF-8. */
void rfc2047_decode(struct strbuf *out, const char *in, size_t len);
/* Whether text needs encoding in a header (non-ASCII or control bytes). */
bool rfc2047_needed(const char *text);
/*
 * Append "Name: value" folded as git format-patch folds it: value
 * encoded as =?UTF-8?q?...?= words when needed, lines kept under 78
 * columns; ends with "\n".
 */
void mail_header_add(struct strbuf *out, const char *name, const char *value);
/*
 * "Subject: <prefix> <title>\n" exactly as git format-patch writes it:
 * prefix ("[PATCH bpf 1/2]", may be NULL or "") kept as it is, title
 * RFC 2047-encoded when needed, else wrapped at 78 columns.
 */
void mail_subject_add(struct strbuf *out, const char *prefix,
		      const char *title);
/* "From: Name <addr>\n" exactly as git format-patch writes it. */
void mail_from_add(struct strbuf *out, const char *hdr, const char *name,
		   const char *addr);
/* Like mail_header_add for address-list headers (To, Cc), one address a
 * line after the first as git send-email writes them. */
void mail_header_add_addresses(struct strbuf *out, const char *name,
			       const struct strvec *addrs);

/* RFC 2822 date as git writes it: "Mon, 2 Jan 2006 15:04:05 -0700". */
void mail_date(struct strbuf *out, long long t, int tz_minutes);
/* The local time zone's offset from UTC at t, in minutes (0 when the
 * time cannot be converted). */
int mail_local_tz(long long t);
/* A new Message-ID "<YYYYMMDDHHMMSS.PID-N-git-bpf@domain>" without the
 * angle brackets' absence: includes them. */
char *mail_message_id(const char *from_addr, long long t, unsigned n);

/* Whether a value would break a header: CR, LF or NUL. */
bool mail_header_unsafe(const char *text);

/* Decode quoted-printable or base64 bodies (Content-Transfer-Encoding). */
int mail_decode_qp(struct strbuf *out, const char *in, size_t len);
int mail_decode_base64(struct strbuf *out, const char *in, size_t len);

#endif
