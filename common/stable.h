/* SPDX-License-Identifier: GPL-2.0 */
/* stable: which stable branches still need a mainline fix, found from the
 * release tags, the Fixes: tags and the backports already queued. */
#ifndef GIT_BPF_STABLE_H
#define GIT_BPF_STABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <git2.h>

#include "config.h"
#include "message.h"
#include "strbuf.h"

/* A mainline release tag: vX.Y or vX.Y-rcN (v2.6.N for the old ones). */
struct stable_release {
	char *name;
	int major, minor, rc;	/* rc is 0 for the release itself */
	git_oid commit;
	git_time_t time;	/* committer time of the tagged commit */
};

/* One commit of a stable branch that mainline lacks. */
struct stable_commit {
	git_oid oid;
	char *author_email;
	git_time_t author_time;
	char *subject;
	char *paths;		/* the paths it changes, once needed */
	git_oid patch_id;
	signed char patch_id_state;	/* 0 unknown, 1 known, -1 none */
};

/* A commit id a stable commit names as its upstream commit. */
struct stable_upref {
	char hex[GIT_OID_HEXSZ + 1];	/* as written, lower case */
	size_t commit;			/* index in the branch's commits */
};

struct stable_branch {
	char *name;		/* "linux-6.1.y" */
	char *shorthand;	/* "stable/linux-6.1.y" */
	int major, minor;
	git_oid tip;
	size_t base;		/* index of vX.Y in the releases */
	bool scanned;
	git_time_t since;	/* commits older than this are not read */
	struct stable_commit *commits;	/* base..tip, from since on */
	size_t commits_nr, commits_alloc;
	struct stable_upref *refs;
	size_t refs_nr, refs_alloc;
};

struct commit_graph;

/* Where a lookup of a commit's first release ended up (cached). */
struct stable_known {
	git_oid oid;
	long release;		/* index in releases, -1 when none holds it */
};

struct stable_ctx {
	git_repository *repo;
	char *mainline_name;	/* as configured or found: "origin/master" */
	git_oid mainline;
	struct stable_release *rel;	/* oldest first */
	size_t rel_nr, rel_alloc;
	struct stable_branch *br;	/* newest first */
	size_t br_nr, br_alloc;
	struct stable_known *known;
	size_t known_nr, known_alloc;
	int abbrev;
	struct commit_graph *graph;	/* the commit-graph, NULL when none */
};

enum stable_state {
	STABLE_NEEDS,		/* has the bug, lacks the fix */
	STABLE_HAS_RELEASE,	/* the release it is based on holds the fix */
	STABLE_HAS_BACKPORT,	/* a commit names the fix as its upstream */
	STABLE_HAS_PATCH_ID,	/* a commit makes the same change */
	STABLE_NO_BUG,		/* older than the bug */
};

/* A commit a Fixes: tag names. */
struct stable_target {
	char *written;		/* the id as the tag writes it */
	char *subject;		/* the commit's subject, else the quoted one */
	git_oid oid;
	bool known;		/* resolved in this repository */
	long release;		/* first release holding it, -1 none */
	git_time_t time;	/* its committer time */
};

struct stable_verdict {
	const struct stable_branch *branch;
	enum stable_state state;
	git_oid by;		/* the backport, for HAS_BACKPORT/PATCH_ID */
};

struct stable_fix {
	git_oid oid;
	char *subject;
	char *author_email;
	git_time_t author_time, time;
	bool in_mainline;
	long release;		/* first release holding the fix, -1 none */
	struct stable_target *targets;
	size_t targets_nr, targets_alloc;
	long bug_release;	/* first release holding any target, -1 */
	struct stable_verdict *verdicts;	/* one a branch, same order */
	size_t verdicts_nr;
	size_t needed;		/* branches in STABLE_NEEDS */
	char *paths;		/* the paths it changes, once compared */
	git_oid patch_id;
	signed char patch_id_state;	/* 0 unknown, 1 known, -1 none */
};

/*
 * Find mainline (mainline when non-NULL, else [trees] mainline, else the
 * remote-tracking master of a remote whose URL ends in torvalds/linux.git,
 * else origin/master), the release tags and the stable branches (local
 * linux-X.Y.y, or under the [trees] stable remote).  0, or -1 after an
 * error naming what is missing.
 */
int stable_ctx_init(struct stable_ctx *ctx, git_repository *repo,
		    const struct config *cfg, const char *mainline);
void stable_ctx_release(struct stable_ctx *ctx);

/* Everything about each commit (revisions), into fixes[nr], which the
 * caller releases even on error.  0, or -1 after an error. */
int stable_analyze(struct stable_ctx *ctx, const char *const *revs,
		   size_t nr, struct stable_fix *fixes);
void stable_fix_release(struct stable_fix *fix);
/* A commit id cut to core.abbrev; caller frees. */
char *stable_short_oid(const struct stable_ctx *ctx, const git_oid *oid);

/* Implemented in common/stable-mail.c, from here on. */

/* The analysis as a person reads it, a few indented lines a commit. */
void stable_describe(struct strbuf *out, const struct stable_ctx *ctx,
		     const struct stable_fix *fix);
/* The analysis of every fix as one JSON object (--json).  0, or -1 after
 * an error. */
int stable_print_json(FILE *fp, const struct stable_ctx *ctx,
		      const struct stable_fix *fixes, size_t nr);
/* The text for under a patch's "---" line. */
void stable_note(struct strbuf *out, const struct stable_ctx *ctx,
		 const struct stable_fix *fix);

/* The recipients: To the BPF maintainers ([lists] bpf-maintainers, else
 * the M: lines of MAINTAINERS' "BPF [GENERAL]"), Cc netdev and bpf.
 * Never stable@vger.kernel.org.  0, or -1 after an error. */
int stable_recipients(git_repository *repo, const struct config *cfg,
		      struct strvec *to, struct strvec *cc);

/*
 * The request mail for the fixes that need queueing (fix->needed), from
 * from_name <from_addr>, dated t (tz in minutes east of UTC), added to
 * ms.  0, or -1 after an error.
 */
int stable_compose(struct message_set *ms, const struct stable_ctx *ctx,
		   const struct stable_fix *fixes, size_t nr,
		   const struct strvec *to, const struct strvec *cc,
		   const char *from_name, const char *from_addr,
		   long long t, int tz);

/* Pieces exposed for the unit tests. */
bool stable_parse_release(const char *name, int *major, int *minor, int *rc);
bool stable_parse_branch(const char *name, int *major, int *minor);
/* Append to out the upstream commit ids that msg names ("commit <id>
 * upstream", "[ Upstream commit <id> ]", "(cherry picked from commit
 * <id>)"), lower case, 12 to 40 digits. */
void stable_upstream_ids(const char *msg, struct strvec *out);
/* Releases for a person: "v6.1", "v6.1 and v6.2", "v5.15 to v6.2". */
void stable_release_span(struct strbuf *out, const struct stable_ctx *ctx,
			 long first, long last);

#endif
