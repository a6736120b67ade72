/* SPDX-License-Identifier: GPL-2.0 */
/* recipients: who a series goes to: the tree's list, the maintainers of
 * the touched files, trailer addresses and the authors of fixed commits. */
#ifndef GIT_BPF_RECIPIENTS_H
#define GIT_BPF_RECIPIENTS_H

#include <stdbool.h>
#include <git2.h>

#include "config.h"
#include "lists.h"
#include "maint.h"
#include "series.h"
#include "strbuf.h"
#include "tree.h"
#include "util.h"

struct recipients_opts {
	const struct strvec *to;	/* --to */
	const struct strvec *cc;	/* --cc */
	bool auto_cc;			/* false: --no-auto-cc or [send] auto-cc */
	const char *sender;		/* the From address, never in Cc */
};

struct recipients {
	struct strvec to;		/* the same for every message */
	struct strvec *cc;		/* one a patch, series order */
	size_t nr;
	struct strvec cover_cc;		/* the union, for the cover */
	struct maint_db *db;		/* NULL when the tree has none */
	struct lists lists;		/* [lists], [send] exclude */
};

/*
 * Work out the recipients of each patch of s for tree tc.  diffs[i] is
 * patch i's diff text (for MAINTAINERS K: patterns; may be NULL).
 * 0; ERR_BAD_INPUT after an error about a bad --to/--cc/[send] or
 * [lists] address (exit 2); -1 after any other error.
 */
int recipients_compute(struct recipients *r, git_repository *repo,
		       const struct config *cfg, struct series *s,
		       const struct tree_choice *tc, const char *const *diffs,
		       const struct recipients_opts *o);
void recipients_release(struct recipients *r);

/*
 * Parse "Name <addr>" or "addr" quietly, for text that may be no
 * address at all (trailers): the address normalized into out, or -1.
 */
int recipient_parse(struct strbuf *out, const char *text);

#endif
