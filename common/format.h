/* SPDX-License-Identifier: GPL-2.0 */
/* format: the text git format-patch writes for a commit (message body,
 * diffstat, summary and diff, byte for byte), computed in-process. */
#ifndef GIT_BPF_FORMAT_H
#define GIT_BPF_FORMAT_H

#include <stdbool.h>
#include <git2.h>

#include "strbuf.h"

/* Width git format-patch gives the diffstat (MAIL_DEFAULT_WRAP). */
#define FORMAT_STAT_WIDTH 72

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
 * commit) with abbrev hex digits in index lines.  0, or -1 after an
 * error naming the commit.
 */
int format_commit(struct formatted_patch *out, git_repository *repo,
		  git_commit *commit, int abbrev);
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

/* Diffstat and summary of two trees (old may be NULL), as format-patch
 * puts it in the cover letter.  0 or -1 (error printed). */
int format_tree_stat(struct strbuf *out, git_repository *repo,
		     git_tree *old_tree, git_tree *new_tree);

/* A file a commit touches, as git diff -M --name-status sees it. */
struct format_change {
	char *path;		/* new path (old path for a deletion) */
	char *old_path;		/* differs from path for renames */
	char status;		/* 'A', 'D', 'M', 'R' */
	unsigned old_mode, new_mode;	/* 0 when absent */
	bool binary;
};

/*
 * The files a commit changes against its first parent, in git's order,
 * renames found as git finds them.  Walks only the subtrees that differ,
 * where libgit2's tree-to-tree diff visits every entry of both trees.
 * 0, or -1 after an error.
 */
int format_changes(struct format_change **out, size_t *nr,
		   git_repository *repo, git_commit *commit);
void format_changes_free(struct format_change *v, size_t nr);

/* Split a commit message as git's pretty printer does for mail. */
void format_split_message(const char *msg, struct strbuf *subject,
			  struct strbuf *body);

/* Append text wrapped as git shortlog wraps it (width, indent1 for the
 * first line, indent2 for the others). */
void format_wrap(struct strbuf *out, const char *text, int width,
		 int indent1, int indent2);

#endif
