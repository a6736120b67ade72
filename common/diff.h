/* SPDX-License-Identifier: GPL-2.0 */
/* diff: the diff engine: a commit's changes, its diff text, diffstat and
 * summary as git prints them, byte for byte, and its patch-id. */
#ifndef GIT_BPF_DIFF_H
#define GIT_BPF_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "strbuf.h"

/* Width git format-patch gives the diffstat (MAIL_DEFAULT_WRAP). */
#define DIFF_STAT_WIDTH 72

/*
 * A commit against its first parent (the empty tree for a root commit),
 * with abbrev hex digits in index lines: the diff ("diff --git ..." to the
 * end) appended to text, the diffstat, totals and summary lines to stat.
 * Either may be NULL, and what is not asked for is not computed.  0, or
 * -1 after an error naming the commit.
 */
int diff_commit(struct strbuf *text, struct strbuf *stat,
		git_repository *repo, git_commit *commit, int abbrev);

/*
 * An id of the change that survives a rebase: the diff without index
 * lines, hunk positions and white space, hashed.  Equal ids mean the
 * same patch, as with git patch-id --stable.  *out is hex, to free.
 */
void diff_patch_id(char **out, const char *diff);
/* The same of a commit, computing the diff alone.  0 or -1. */
int diff_commit_patch_id(char **out, git_repository *repo,
			 git_commit *commit);

/* Diffstat and summary of two trees (old may be NULL), as format-patch
 * puts it in the cover letter.  0 or -1 (error printed). */
int diff_tree_stat(struct strbuf *out, git_repository *repo,
		   git_tree *old_tree, git_tree *new_tree);

/* A file a commit touches, as git diff -M --name-status sees it. */
struct diff_change {
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
int diff_changes(struct diff_change **out, size_t *nr,
		 git_repository *repo, git_commit *commit);
void diff_changes_free(struct diff_change *v, size_t nr);

#endif
