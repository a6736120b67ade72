/* SPDX-License-Identifier: GPL-2.0 */
/* check-internal: what the rule files of check share; not for commands,
 * which use check.h. */
#ifndef GIT_BPF_CHECK_INTERNAL_H
#define GIT_BPF_CHECK_INTERNAL_H

#include "check.h"
#include "strbuf.h"

struct check_ctx {
	struct check_result *r;
	const struct check_opts *opts;
	struct series *s;
	git_repository *repo;		/* NULL in file mode outside a repo */
	struct strvec ignore;		/* --ignore and [check] ignore */
};

/* Add a finding for patch p (NULL: the series) unless the rule is
 * ignored; severity -1 takes the rule's own. */
void check_addf(struct check_ctx *c, const struct patch *p, const char *rule,
		int severity, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Append s as one line of valid UTF-8, cut after max bytes with "...". */
void check_add_clean(struct strbuf *sb, const char *s, size_t max);

/* Rules that read diffs and the repository (check-code.c).  The ones
 * returning int give -1 after an error that should stop the check. */
int check_uapi(struct check_ctx *c);
int check_insn(struct check_ctx *c);
void check_merge_window(struct check_ctx *c);
/* check-checkpatch.c */
int check_checkpatch(struct check_ctx *c);
/* The patch as git format-patch writes it (mbox text), which
 * checkpatch.pl and hooks read. */
int check_patch_text(struct check_ctx *c, struct patch *p, struct strbuf *out);
/* repost-too-soon (check-sent.c) */
int check_repost(struct check_ctx *c);
/* check-nipa.c */
int check_bare_cr(struct check_ctx *c);
int check_new_files(struct check_ctx *c);
int check_apply(struct check_ctx *c);
int check_recipients(struct check_ctx *c);
/* check-hook.c */
int check_hook(struct check_ctx *c);

#endif
