/* SPDX-License-Identifier: GPL-2.0 */
/* message: a finished mail (headers and body as they will be sent) and a
 * set of them; the hand-off between composing (send, stable-request,
 * report) and writing them out or delivering them. */
#ifndef GIT_BPF_MESSAGE_H
#define GIT_BPF_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "strbuf.h"
#include "util.h"

struct message {
	char *message_id;	/* with angle brackets */
	char *subject;		/* decoded, with its [PATCH ...] prefix */
	char *from;		/* "Name <addr>" of the sender */
	struct strvec to, cc;	/* "Name <addr>" or "addr", deduplicated */
	char *text;		/* the whole message: headers, blank line,
				 * body; LF line ends (CRLF is made on the wire) */
	char *filename;		/* format-patch name, "0001-foo.patch" */
	char *patch_id;		/* stable patch-id of a patch, NULL for a cover */
	char commit[GIT_OID_HEXSZ + 1];	/* the patch's commit for the mbox
					 * "From <sha>" line; "" otherwise */
};

struct message_set {
	struct message *v;
	size_t nr, alloc;
	const char *kind;	/* "series", "stable-request", "report" */
	char *branch;		/* for sent/<branch>-v<N>; NULL: no tag */
	int version;
	char base[GIT_OID_HEXSZ + 1];
	char *cover_text;	/* body of the cover (or of the single mail),
				 * recorded in the sent tag */
};

void message_set_release(struct message_set *ms);
struct message *message_set_add(struct message_set *ms);

/* What one mail says, for message_set_add_mail(). */
struct mail_fields {
	const char *from_name, *from_addr;	/* the sender */
	long long date;			/* seconds since the epoch */
	int tz;				/* its zone, minutes east of UTC */
	const char *subject_prefix;	/* "[PATCH bpf 1/2]", or NULL */
	const char *subject;		/* the title, as the user wrote it */
	const char *message_id;		/* with angle brackets; NULL: a
					 * new one */
	const char *in_reply_to;	/* the cover's Message-ID, or NULL */
	const struct strvec *to, *cc;	/* "Name <addr>" or "addr"; cc may
					 * be NULL */
	const char *body;		/* LF line ends */
	const char *filename;		/* for -o DIR; NULL: from the
					 * subject, ending ".eml" */
};

/*
 * The one mail writer: add a message to ms with its headers (From,
 * Date, Subject, Message-ID, In-Reply-To and References, To, Cc, MIME,
 * Content-Transfer-Encoding, X-Mailer) written as git format-patch and
 * send-email write them, and the body; quoted-printable when a line is
 * longer than SMTP carries (998), else 8bit.  Patches, cover letters,
 * stable requests and bug reports all come from here.
 */
struct message *message_set_add_mail(struct message_set *ms,
				     const struct mail_fields *f);

/* format-patch's file name, "v2-0001-bpf-Fix-foo" and ext (".patch";
 * ".eml" for mails that hold no patch: stable requests, reports). */
char *message_filename(int version, size_t nr, const char *subject,
		       const char *ext);

/* Envelope recipients: every address of To and Cc, deduplicated. */
void message_rcpts(const struct message *m, struct strvec *out);

#endif
