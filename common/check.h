/* SPDX-License-Identifier: GPL-2.0 */
/* check: the BPF submission rules (DESIGN.md "git bpf check") run on a
 * series, as findings that check prints and send refuses on. */
#ifndef GIT_BPF_CHECK_H
#define GIT_BPF_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <git2.h>

#include "config.h"
#include "series.h"
#include "tree.h"
#include "util.h"

enum check_severity { CHECK_WARNING, CHECK_ERROR };

struct check_rule {
	const char *id;			/* "fixes-format" */
	enum check_severity severity;
	const char *what;		/* one line, for -h and the man page */
	const char *hint;		/* how to fix a finding, or NULL */
};

struct finding {
	size_t patch;		/* 1-based; 0 for the series or cover letter */
	char commit[GIT_OID_HEXSZ + 1];	/* "" when there is none */
	char *subject;		/* the patch's subject, "" for the series */
	const char *rule;	/* a check_rule id, static */
	enum check_severity severity;
	char *message;		/* valid UTF-8, one line */
};

struct check_result {
	struct finding *v;
	size_t nr, alloc;
	size_t patches;		/* patches in the series */
	size_t replies;		/* answers in a thread mbox, not checked */
	size_t errors, warnings;
	struct tree_choice tree;
	struct strvec hints;	/* one per rule that fired, in order */
	int abbrev;		/* digits of a commit id in the output:
				 * core.abbrev */
};

enum check_checkpatch {
	CHECK_CHECKPATCH_AUTO,	/* when the tree has it, perl too, and
				 * [check] checkpatch is not false */
	CHECK_CHECKPATCH_OFF,
	CHECK_CHECKPATCH_ON,	/* an error when it cannot run */
};

struct check_opts {
	git_repository *repo;		/* may be NULL in file mode */
	const struct config *cfg;	/* may be NULL */
	const char *tree;		/* --tree, NULL to choose */
	const struct tree_choice *choice; /* the tree the caller chose
					 * (send): taken as it is, and
					 * tree is not looked at */
	const struct strvec *ignore;	/* rule ids; with [check] ignore */
	enum check_checkpatch checkpatch;	/* the tree's scripts/checkpatch.pl */
	bool rfc;			/* the series goes out as RFC (patch
					 * files say so in their prefix) */
	long long now;			/* for merge-window; 0: time(NULL) */
	bool no_send;			/* the series is not being mailed
					 * (--dry-run, --stdout, -o, --reflect) */
	bool resend;			/* the same version again */
	const char *hook;		/* --hook, else [check] hook; NULL */
};

/* The rule table, in DESIGN.md's order. */
const struct check_rule *check_rules(size_t *nr);
const struct check_rule *check_rule_find(const char *id);
/* The NIPA test that corresponds to rule id ("verify_fixes"), or NULL. */
const char *check_rule_nipa(const char *id);

/*
 * Run every rule on s (loaded with SERIES_ALLOW_MERGES in range mode)
 * and choose its tree.  Findings of ignored rules (opts->ignore and the
 * INI's [check] ignore) are dropped.  Returns 0, or -1 after an error
 * (unknown rule in an ignore list, unknown tree, a checkpatch.pl that
 * cannot run).  out is to be released either way.
 */
int check_series(struct check_result *out, const struct check_opts *opts,
		 struct series *s);
void check_result_release(struct check_result *r);

/* Human output: the tree line, one line a finding, then the hints. */
void check_print(FILE *fp, const struct check_result *r, bool color);
/* The same without the tree line (for send, which prints its own). */
void check_print_findings(FILE *fp, const struct check_result *r, bool color);
/* {"tree": ..., "patches": N, "findings": [...]} and a newline. */
int check_print_json(FILE *fp, const struct check_result *r);

/* Whether a patch of s adds a BPF instruction (an opcode in the UAPI
 * headers, a case of the interpreter), as insn-without-tests sees it. */
bool check_series_new_insn(struct series *s);

/* Exit status for the result: 1 when an error finding remains, else 0. */
int check_exit_code(const struct check_result *r);

#endif
