/* SPDX-License-Identifier: GPL-2.0 */
/* series: the one model of a patch series every command consumes, loaded
 * from a revision range (libgit2) or from patch/mbox files. */
#ifndef GIT_BPF_SERIES_H
#define GIT_BPF_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "strbuf.h"
#include "trailer.h"
#include "util.h"

struct touched_path {
	char *path;		/* new path (old path for a deletion) */
	char *old_path;		/* differs from path for renames and copies */
	char kind;		/* 'A', 'M', 'D', 'R', 'C', 'T' as git diff --name-status */
	bool binary;
	unsigned old_mode, new_mode;	/* 0 when absent */
};

struct patch {
	size_t nr;		/* 1-based position in the series */
	char oid[GIT_OID_HEXSZ + 1];	/* commit id; "" when a file names none */
	unsigned parents;	/* range mode; 1 for patch files */
	char *author_name, *author_email;
	long long author_time;	/* seconds since the epoch */
	int author_tz;		/* minutes east of UTC */
	char *committer_name, *committer_email;
	long long commit_time;
	int commit_tz;
	char *subject;		/* first paragraph, lines joined by a space,
				 * subject prefix removed in file mode */
	char *prefix;		/* file mode: what stood in [...] ("PATCH bpf 1/2"),
				 * NULL when there was none; range mode: NULL */
	char *message;		/* whole commit message: subject, blank, body */
	char *body;		/* the message after the subject paragraph */
	struct trailer_list trailers;
	struct touched_path *paths;
	size_t paths_nr;
	char *diff;		/* file mode: the text from "diff --git" or
				 * the first "---"/"Index:" on; range mode:
				 * NULL until series_patch_diff() */
	int diff_abbrev;	/* range mode: the abbrev of diff's index
				 * lines, once it is set */
	char *message_id;	/* file mode: Message-ID header, if any */
	char *in_reply_to;	/* file mode */
	char *sender;		/* file mode: the From: header ("Name <addr>") */
	char *recipients;	/* file mode: the To: and Cc: headers, decoded
				 * and joined by ", "; NULL when there are none */
	char *source;		/* file mode: "'FILE'", or "'FILE' message N
				 * (\"Subject\")" in an mbox */
};

enum series_source { SERIES_RANGE, SERIES_FILES };

struct series {
	enum series_source source;
	git_repository *repo;	/* borrowed; may be NULL in file mode */
	char base[GIT_OID_HEXSZ + 1];	/* range mode: parent of the oldest
					 * patch; file mode: base-commit: of
					 * the cover, or "" */
	char *tip_ref;		/* range mode: the branch the tip is on
				 * (short name, "" when detached) */
	struct patch *patches;	/* oldest first */
	size_t nr, alloc;
	struct patch *cover;	/* file mode: the cover letter, or NULL */
	size_t replies;		/* file mode: answers in a thread mbox,
				 * skipped */
	char *range;		/* range mode: "A..B", as messages spell it */
};

/* Flags for series_load_range(). */
#define SERIES_ALLOW_MERGES	(1u << 0)	/* keep merges (check reports them) */
#define SERIES_ALLOW_EMPTY	(1u << 1)	/* an empty range is no error */
#define SERIES_ROOT		(1u << 2)	/* RANGE is one revision: all of its
						 * history, as format-patch --root */

/*
 * Load RANGE ("A..B", or a single revision "A" meaning "A..HEAD" as
 * git format-patch reads it; "C^..C" of a root commit C is C alone).  Returns 0, or -1 after printing an error
 * that names the culprit (unknown revision, empty range, merge commit).
 */
int series_load_range(struct series *s, git_repository *repo,
		      const char *range, unsigned flags);

/*
 * Load patch or mbox files, in the order given (messages inside an mbox
 * keep their order; numbered patches are then sorted by their N/M).
 * Returns 0, or -1 after printing an error naming the file.
 */
int series_load_files(struct series *s, git_repository *repo,
		      const char *const *files, size_t nr);

/* Parse one buffer holding one or many messages (mbox); name is used in
 * messages.  The building block of series_load_files(), exposed for tests
 * and fuzzing. */
int series_parse_mbox(struct series *s, const char *buf, size_t len,
		      const char *name);

/*
 * The diff of a patch as text ("diff --git ..." onward, as git shows it),
 * cached in p->diff.  Range mode computes it with the diff engine (the
 * diff alone: no message, no stat), at repo_abbrev() digits.
 */
int series_patch_diff(struct series *s, struct patch *p, const char **out);

/*
 * The diff series_patch_diff() already made of p's commit in repo with
 * abbrev digits, so that a run (check, then send) diffs a commit once;
 * NULL when it made none.
 */
const char *series_cached_diff(const struct series *s, const struct patch *p,
			       git_repository *repo, int abbrev);

/* Whether any patch touches a path starting with prefix. */
bool series_touches(const struct series *s, const char *prefix);
bool patch_touches(const struct patch *p, const char *prefix);

void series_release(struct series *s);

/*
 * A thread as the list archive (lore's t.mbox.gz), b4 mbox or a mail
 * client saves it: every message, patches and replies alike.
 */
struct thread_msg {
	char *where;		/* "'FILE' message 5 (\"Subject\")" */
	char *message_id;	/* "<id>", or NULL */
	char *in_reply_to;	/* "<id>" (the first), or NULL */
	struct strvec references;	/* "<id>"s as listed */
	char *from;		/* decoded From: */
	char *subject;		/* decoded Subject: */
	char *body;		/* the text part, UTF-8, LF line ends */
	bool reply;		/* an answer, not a patch or cover letter */
};

struct thread {
	struct thread_msg *v;
	size_t nr, alloc;
	bool have_cover;	/* a 0/N message that is no reply was read */
};

/* Add the messages of an mbox file or a maildir (cur/ and new/) to t.
 * 0, or -1 after an error naming the file. */
int series_thread_read(struct thread *t, const char *path);
/* The same on a buffer (an mbox, or one message); name for messages. */
int series_thread_parse(struct thread *t, const char *buf, size_t len,
			const char *name);
void series_thread_release(struct thread *t);

/* Format "%.*s" of an abbreviated oid (len hex digits). */
const char *patch_short_oid(const struct patch *p, int len);

#endif
