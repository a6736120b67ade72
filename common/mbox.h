/* SPDX-License-Identifier: GPL-2.0 */
/* mbox: mail as it is saved to files: mbox splitting as git mailsplit
 * does it, one message's headers, and its text part decoded to UTF-8. */
#ifndef GIT_BPF_MBOX_H
#define GIT_BPF_MBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "strbuf.h"

#define MBOX_MAX_FILE		(64u << 20)	/* bytes a file may hold */
#define MBOX_MAX_MESSAGES	5000		/* messages a file or maildir */

struct mbox_header {
	char *name;
	char *value;	/* unfolded, not yet decoded */
};

struct mbox_msg {
	struct mbox_header *h;
	size_t h_nr, h_alloc;
	struct strbuf body;
	char from_line_oid[GIT_OID_HEXSZ + 1];	/* "From <oid> ..." line, or "" */
};

/* The first header called name (any case), or NULL. */
const char *mbox_msg_header(const struct mbox_msg *m, const char *name);
void mbox_msg_release(struct mbox_msg *m);

/*
 * Read one message: the mbox "From " line, the headers, and the body
 * decoded (transfer encoding, the text part of a multipart, CRLF,
 * charset) into m->body as UTF-8 with LF ends.  where names the
 * message; the subject is added to it when the message is one of many.
 * 0, or -1 after an error naming the message.
 */
int mbox_msg_read(struct mbox_msg *m, struct strbuf *where, const char *text,
		  size_t len, bool many);

/*
 * Where the messages of an mbox start: "From " lines at the start or
 * after a blank line.  *nr is 0 for one message without a "From " line
 * (.eml).  0, or -1 after an error naming the file.
 */
int mbox_split(size_t **out, size_t *nr, const char *buf, size_t len,
	       const char *name);

/* Read the regular file path (openat() under dirfd with oflags added,
 * O_NOFOLLOW for one), at most MBOX_MAX_FILE bytes.  0, or -1 after an
 * error naming it. */
int mbox_read_file(struct strbuf *buf, const char *path, int dirfd,
		   int oflags);

#endif
