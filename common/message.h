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

/* Envelope recipients: every address of To and Cc, deduplicated. */
void message_rcpts(const struct message *m, struct strvec *out);

#endif
