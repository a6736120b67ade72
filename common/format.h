/* SPDX-License-Identifier: GPL-2.0 */
/* format: the text git format-patch writes for a commit (message body,
 * then the diff engine's diffstat, summary and diff), byte for byte. */
#ifndef GIT_BPF_FORMAT_H
#define GIT_BPF_FORMAT_H

#include <stdbool.h>
#include <git2.h>

#include "strbuf.h"

struct formatted_patch {
	char oid[GIT_OID_HEXSZ + 1];
	char *subject;		/* first paragraph, lines joined by a space */
	char *body;		/* the message after the subject paragraph, as
				 * format-patch prints it: "" or lines ending
				 * in "\n" */
	char *stat;		/* diffstat, totals and summary lines */
	char *diff;		/* "diff --git ..." to the end */
	char *patch_id;		/* git patch-id --stable, hex */
	bool message_8bit;	/* subject or body is not ASCII */
};

/*
 * Format one commit against its first parent (the empty tree for a root
 * commit) with abbrev hex digits in index lines.  diff is the commit's
 * diff when the caller already has it (series_patch_diff() at the same
 * abbrev), else NULL and it is computed.  0, or -1 after an error
 * naming the commit.
 */
int format_commit(struct formatted_patch *out, git_repository *repo,
		  git_commit *commit, int abbrev, const char *diff);
void formatted_patch_release(struct formatted_patch *fp);

/*
 * The mail text after the headers: body, "---", commentary, stat, blank
 * line, diff, then the signature block "-- \n<signature>\n\n" when
 * signature is not NULL.  commentary (NULL or "" for none) is what
 * format-patch puts between "---" and the stat: notes, a range-diff;
 * it ends in a newline and a blank line is added after it.
 */
void format_patch_body(struct strbuf *out, const struct formatted_patch *fp,
		       const char *commentary, const char *signature);

/* Split a commit message as git's pretty printer does for mail. */
void format_split_message(const char *msg, struct strbuf *subject,
			  struct strbuf *body);

#endif
