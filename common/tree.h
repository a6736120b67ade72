/* SPDX-License-Identifier: GPL-2.0 */
/* tree: which tree a series is for (bpf, bpf-next, iproute2, iproute2-next)
 * and where that tree's branch is, shared by check and send. */
#ifndef GIT_BPF_TREE_H
#define GIT_BPF_TREE_H

#include <stdbool.h>
#include <git2.h>

#include "config.h"
#include "series.h"

enum tree_id {
	TREE_BPF,
	TREE_BPF_NEXT,
	TREE_IPROUTE2,
	TREE_IPROUTE2_NEXT,
	TREE_NR
};

struct tree_choice {
	enum tree_id id;
	const char *name;	/* "bpf", "bpf-next", "iproute2", "iproute2-next" */
	char *branch;		/* full ref of the tree's branch
				 * ("refs/remotes/bpf/master"), NULL when
				 * none was found */
	char *reason;		/* "tree: bpf (all patches carry Fixes: tags)" */
	bool forced;		/* given by --tree */
	bool iproute2;		/* the id is one of the iproute2 trees */
};

/*
 * Choose the tree for a series.  forced (--tree), when non-NULL, wins and
 * must be a tree name.  File mode reads the tree from the subject prefix.
 * Otherwise: an iproute2 repository gives iproute2 (base in the iproute2
 * branch and Fixes: tags) or iproute2-next; a kernel series gives bpf when
 * its base is in the bpf branch and every patch but selftests carries a
 * Fixes: tag, else bpf-next.  repo, cfg and s may be NULL.  Returns 0, or
 * -1 after an error naming an unknown forced tree.
 */
int tree_select(struct tree_choice *out, git_repository *repo,
		const struct config *cfg, const struct series *s,
		const char *forced);
void tree_choice_release(struct tree_choice *tc);
/* dst becomes a choice of its own equal to src (release both). */
void tree_choice_copy(struct tree_choice *dst, const struct tree_choice *src);

/* "bpf-next" to TREE_BPF_NEXT; -1 when it names no tree. */
int tree_parse(const char *name);
const char *tree_name(enum tree_id id);
/* What goes after PATCH in the subject: "bpf", "bpf-next",
 * "iproute2 master", "iproute2 net-next" (bpf_devel_QA.rst). */
const char *tree_subject_prefix(enum tree_id id);
/* The tree a subject prefix ("PATCH bpf-next v2 1/3", "RFC PATCH
 * iproute2 net-next") names, or -1. */
int tree_from_prefix(const char *prefix);

/*
 * The full ref of a tree's branch: the INI key [trees] NAME when set
 * (any revision git understands: "bpf/master", "refs/remotes/bpf/master"),
 * else the master (or main) branch of the remote whose URL ends in
 * NAME.git.  0 with *out set, 1 with *out NULL when there is none, -1
 * after an error (a configured ref that does not resolve).  Caller frees.
 */
int tree_branch(char **out, git_repository *repo, const struct config *cfg,
		enum tree_id id);

/* 1 when commit hex is branch's tip or one of its ancestors, 0 when not,
 * -1 when either cannot be found (no error printed). */
int tree_contains(git_repository *repo, const char *branch, const char *hex);
/* "refs/remotes/bpf/master" as "bpf/master", for messages. */
const char *tree_branch_short(const char *ref);

/*
 * The full ref of the current branch's upstream (branch.<b>.remote and
 * .merge), as @{upstream} means it, without libgit2's remote lookup
 * (whose config regexes leak in libgit2 1.5).  0 with *out set, 1 when
 * detached or there is no upstream.  Caller frees.
 */
int tree_upstream(char **out, git_repository *repo);

/* What a command works on without a range (the text of its usage). */
#define TREE_DEFAULT_RANGE "@{upstream}..HEAD"
/*
 * That range with the upstream spelled out; -1 with "branch 'b' has no
 * upstream: give a range, e.g. 'git bpf <cmd> bpf-next/master..HEAD'" (or
 * the detached HEAD's) when there is none.  Caller frees *out.
 */
int tree_default_range(char **out, git_repository *repo, const char *cmd);
/* Whether HEAD's tree is a kernel tree (it has kernel/bpf/). */
bool tree_repo_is_kernel(git_repository *repo);
/* Why the tree's branch could not be found, for a message ("no bpf-next
 * branch: ...; this is no kernel tree ..."); NULL when t has a branch.
 * Caller frees. */
char *tree_no_branch_why(git_repository *repo, const struct tree_choice *t);

/* Whether HEAD's tree looks like iproute2 (ip/ip.c and tc/tc.c). */
bool tree_repo_is_iproute2(git_repository *repo);

#endif
