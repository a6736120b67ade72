/* SPDX-License-Identifier: GPL-2.0 */
/* reviews: the review tags (Acked-by, Reviewed-by, ...) the list gave the
 * last version sent from a branch, and the branch rewritten to carry them. */
#ifndef GIT_BPF_REVIEWS_H
#define GIT_BPF_REVIEWS_H

#include <stdbool.h>
#include <stdio.h>
#include <git2.h>

#include "sent.h"
#include "series.h"

struct review_tag {
	char *token;		/* "Acked-by", spelled as we write it */
	char *value;		/* "Name <addr>", or the URL of a Link: */
	char *from;		/* the reply's sender */
	char *where;		/* the reply, as series_thread_read() names it */
	bool foreign;		/* names someone other than the sender */
};

struct review_patch {
	size_t nr;		/* 1-based, in the sent version */
	const struct patch *commit;	/* today's commit, NULL when none */
	bool by_subject;	/* matched by subject, not by patch-id */
	struct review_tag *tags;	/* new ones, in the order found */
	size_t tags_nr, tags_alloc;
};

struct reviews {
	char *tag;		/* "sent/spill-v1" */
	struct review_patch *v;	/* one a patch of the sent version */
	size_t nr;
	size_t added;		/* new tags, over all patches */
	size_t replies;		/* replies read that answer our messages */
};

/* Whether token is one of the tags a review gives (Acked-by, ...). */
bool reviews_is_tag(const char *token);

/*
 * Find, in the thread's replies to the messages of sent version sv,
 * the tags to add to today's commits (the series s, loaded from a
 * range): matched by patch-id, else by subject; tags already in a
 * commit are left out.  Warnings go to stderr (a tag naming someone
 * other than its sender, a patch matched by subject or not at all).
 * 0, or -1 after an error (a thread none of whose messages are ours).
 */
int reviews_find(struct reviews *out, git_repository *repo,
		 const struct sent_version *sv, const struct series *s,
		 const struct thread *t, const char *thread_name);
void reviews_release(struct reviews *r);

/* Human output: per patch with something new, its subject and
 * "+ Tag: value" lines, then a count. */
void reviews_print(FILE *fp, const struct reviews *r);
int reviews_print_json(FILE *fp, const struct reviews *r);

/*
 * Rewrite the range's commits with the new tags after their trailers
 * (authors, trees and the rest of each message kept byte for byte;
 * committer the user), then move the branch s->tip_ref, with a reflog
 * entry.  Nothing is moved on any error.  0 or -1.
 */
int reviews_apply(git_repository *repo, const struct series *s,
		  const struct reviews *r);

/* The message msg with tags (lines "Token: value") added after its
 * trailer block, or as a new block; the rest kept byte for byte. */
void reviews_add_to_message(struct strbuf *out, const char *msg,
			    const struct strvec *lines);

#endif
