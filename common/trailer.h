/* SPDX-License-Identifier: GPL-2.0 */
/* trailer: trailers found the way git interpret-trailers finds them, and
 * the Fixes: tag parser. */
#ifndef GIT_BPF_TRAILER_H
#define GIT_BPF_TRAILER_H

#include <stdbool.h>
#include <stddef.h>

struct trailer {
	char *token;	/* as written, e.g. "Signed-off-by" */
	char *value;	/* continuation lines joined by a single space */
	char *raw;	/* the line(s) exactly as written, without final \n */
	size_t line;	/* 1-based line of the message the trailer starts on */
};

struct trailer_list {
	struct trailer *v;
	size_t nr, alloc;
	size_t block_start;	/* byte offset of the trailer block in the
				 * message, or the message length when none */
};

/*
 * Find the trailer block of a commit message: its last paragraph, when
 * every line is a trailer, or when a git-generated trailer
 * (Signed-off-by:, (cherry picked from commit ...)) is there and at least
 * a quarter of the lines are trailers.  Text after a "---" line is the
 * patch, not the message.  Continuation lines start with white space.
 */
void trailer_parse(struct trailer_list *tl, const char *msg, size_t len);
void trailer_list_release(struct trailer_list *tl);
/* Token comparison is case-insensitive, as in git. */
bool trailer_is(const struct trailer *t, const char *token);

/* A Fixes: tag split into its parts.  ok is set only for the exact form
 * "Fixes: <12+ lowercase hex> ("<subject>")". */
struct fixes_tag {
	char sha[65];		/* the hex as written (truncated at 64) */
	char *subject;		/* between (" and "), NULL when absent */
	bool ok;
	const char *why;	/* when !ok: what is wrong, for the finding */
};
/* value: the text after "Fixes:" and its blanks; pass the trailer's raw
 * text there (not the joined value) so that a wrapped tag is caught. */
void fixes_parse(struct fixes_tag *f, const char *value);
void fixes_release(struct fixes_tag *f);
/* Whether a Fixes: tag's quoted subject names summary, shortened or not
 * with "..." at its end, its start or (between blanks) its middle, as
 * NIPA's verify_fixes allows. */
bool fixes_subject_matches(const char *quoted, const char *summary);

#endif
