/* SPDX-License-Identifier: GPL-2.0 */
/* message: a finished mail (headers and body as they will be sent) and a
 * set of them; the hand-off between composing (send, stable-request,
 * report) and writing them out or delivering them. */
#ifndef GIT_BPF_MESSAGE_H
#define GIT_BPF_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "config.h"
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

enum output_mode { OUTPUT_SEND, OUTPUT_DRY_RUN, OUTPUT_STDOUT, OUTPUT_DIR };

/*
 * --dry-run (a summary of each message: subject, To, Cc, then totals),
 * --stdout (one mbox, "From <id> Mon Sep 17 00:00:00 2001" separators),
 * -o DIR (one file a message, named as format-patch names them).
 * Implemented in common/output.c.
 */
int output_messages(const struct message_set *ms, enum output_mode mode,
		    const char *dir);

/* Delivery options, from the command line; unset fields come from
 * config ([smtp], then git's sendemail.*). */
struct deliver_opts {
	const char *smtp_server;
	const char *smtp_port;
	const char *smtp_encryption;	/* "ssl", "tls", "none" */
	const char *smtp_user;
	const char *confirm;		/* "auto", "always", "never" */
	const char *identity;		/* --identity: sendemail.<it>.* */
	bool no_identity;		/* --no-identity */
	bool smtp_debug;
	bool insecure;			/* --insecure-skip-certificate-check */
};

/*
 * Journal every message under $GIT_DIR/bpf/, confirm, deliver over
 * SMTP, mark each accepted message, and on success write the sent tag
 * (when ms->branch) and clear the journal.  Implemented in
 * common/deliver.c.  0 sent; ERR_FAILED (error printed, journal kept);
 * ERR_BAD_INPUT for bad input such as an unknown encryption or a bad
 * recipient (error printed, nothing journaled or sent: exit 2).
 * deliver_resume too.
 */
int deliver_messages(git_repository *repo, const struct config *cfg,
		     const struct deliver_opts *opts, struct message_set *ms);
/* Send what is left of an interrupted series (same Message-IDs). */
int deliver_resume(git_repository *repo, const struct config *cfg,
		   const struct deliver_opts *opts);
/* Drop an interrupted send's journal, printing the messages of it that
 * had gone out (subject, Message-ID).  0, or -1 with an error. */
int deliver_abort(git_repository *repo);
/* Whether an interrupted send is waiting in the journal. */
bool deliver_pending(git_repository *repo);

/*
 * The sent/<branch>-v<N> tags (common/sent.c).  The tag message holds
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
