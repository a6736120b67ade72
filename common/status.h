/* SPDX-License-Identifier: GPL-2.0 */
/* status: where each version sent from a branch stands: patchwork's
 * state for each message, and the commit of bpf or bpf-next applying it. */
#ifndef GIT_BPF_STATUS_H
#define GIT_BPF_STATUS_H

#include <stdbool.h>
#include <stdio.h>
#include <git2.h>

#include "config.h"
#include "patchwork.h"
#include "util.h"

enum status_patchwork {
	STATUS_PW_AUTO,		/* ask; offline is said once, not an error */
	STATUS_PW_OFF,		/* --no-patchwork */
	STATUS_PW_FORCE,	/* --patchwork: an unreachable server fails */
};

struct status_msg {
	char *message_id;		/* with angle brackets */
	size_t patch;			/* 1-based; 0 for the cover letter */
	int pw_found;			/* 1 known to patchwork, 0 not, -1
					 * not asked */
	struct pw_patch pw;
	const char *applied_tree;	/* "bpf", "bpf-next"; NULL: not */
	char applied[GIT_OID_HEXSZ + 1];
	const char *applied_by;		/* "patch-id" or "link" */
};

struct status_version {
	int version;
	char *tag;
	long long time;
	int tz;
	size_t patches;
	struct status_msg *msgs;
	size_t nr;
};

struct status_branch {
	char *name;
	struct status_version *v;
	size_t nr;
};

struct status_report {
	struct status_branch *b;
	size_t nr, alloc;
	int abbrev;
	bool pw_asked;			/* patchwork answered every question */
	char *pw_note;			/* why it was not asked or answered */
	struct strvec trees;		/* the tree branches looked at */
};

/*
 * The status of every version sent from each branch of branches.  0;
 * -1 after an error about the repository; -2 after an error about the
 * input (a branch that does not exist and sent nothing) or, with
 * STATUS_PW_FORCE, a patchwork that could not be asked.
 */
int status_collect(struct status_report *out, git_repository *repo,
		   const struct config *cfg, const struct strvec *branches,
		   enum status_patchwork pw_mode);
void status_report_release(struct status_report *r);

void status_print(FILE *fp, const struct status_report *r);
int status_print_json(FILE *fp, const struct status_report *r);

/* Whether a Link: value names the Message-ID msgid (with or without
 * angle brackets): https://lore.kernel.org/r/<id>, .../bpf/<id>/, and
 * the percent-encoded forms. */
bool status_link_names(const char *link, const char *msgid);

#endif
