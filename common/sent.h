/* SPDX-License-Identifier: GPL-2.0 */
/* sent: the record of each version mailed from a branch, kept as the
 * annotated tags sent/<branch>-v<N>. */
#ifndef GIT_BPF_SENT_H
#define GIT_BPF_SENT_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "message.h"
#include "strbuf.h"
#include "util.h"

/*
 * The sent/<branch>-v<N> tags.  The tag message holds
 * the cover text, then trailer-like lines the code reads back:
 *   Base-commit: <sha>
 *   Message-ID: <id>          (one a message, cover first)
 *   Patch-ID: <patch-id>      (one a patch, in order)
 */
struct sent_version {
	int version;
	char *tag;			/* "sent/main-v2" */
	char *cover_message_id;
	struct strvec message_ids;
	struct strvec patch_ids;
	char *cover_text;
	char base[GIT_OID_HEXSZ + 1];	/* Base-commit:, "" when absent */
	char tip[GIT_OID_HEXSZ + 1];	/* the tag's commit: the series' tip */
	long long date;			/* when it was sent (the tagger's time) */
	git_oid target;			/* what the tag points at: the tip */
	long long time;			/* the tagger's date: when it went */
	int tz;				/* its offset, minutes east of UTC */
};
/* Highest version sent from branch; 0 when none. */
int sent_last_version(git_repository *repo, const char *branch);
/* Read every version sent from branch, oldest first. */
int sent_list(git_repository *repo, const char *branch,
	      struct sent_version **out, size_t *nr);
void sent_list_free(struct sent_version *v, size_t nr);
/*
 * Whether s (loaded from a range) is the series v recorded: the same
 * commit messages and the same diffs (patch_ids, one a patch, in
 * order), so that a reworded message makes a new version.  1 the same,
 * 0 not, -1 after an error.  Older tags that lack a readable tip are
 * compared by patch-id alone.
 */
struct series;
int sent_same_series(git_repository *repo, const struct sent_version *v,
		     const struct series *s, const char *const *patch_ids);
/* The branches with at least one sent tag, sorted. */
int sent_branches(git_repository *repo, struct strvec *out);
/* Write the annotated tag for a completed send. */
int sent_tag_write(git_repository *repo, const struct message_set *ms);

#endif
