/* SPDX-License-Identifier: GPL-2.0 */
/* compose: a series turned into the mails the BPF maintainers ask for:
 * subject prefixes, version, cover letter, recipients and threading. */
#ifndef GIT_BPF_COMPOSE_H
#define GIT_BPF_COMPOSE_H

#include <stdbool.h>
#include <git2.h>

#include "config.h"
#include "message.h"
#include "output.h"
#include "series.h"
#include "tree.h"

struct compose_opts {
	const struct tree_choice *tree;
	int version;			/* -v; 0: one more than the last sent */
	bool rfc, resend;
	const char *cover_file;		/* --cover-letter=FILE */
	bool auto_cc;			/* false with --no-auto-cc */
	const struct strvec *to, *cc;	/* --to, --cc */
	long long now;			/* Date of the first mail; 0: now */
	int notes;			/* 1 --notes, -1 --no-notes, 0 format.notes */
	const char *notes_ref;		/* --notes=REF; NULL: the default ref */
	bool no_range_diff;		/* --no-range-diff */
	enum output_mode mode;		/* what becomes of the messages */
	bool reflect;			/* --reflect: to the sender alone */
};

/*
 * Compose the messages of a series loaded from a range: the cover
 * letter first when there is more than one patch.  0; -1 when it was
 * refused (an unchanged series without --resend, a cover letter still
 * holding the template) or failed; ERR_BAD_INPUT for bad input (unreadable
 * --cover-letter file, bad address).  The error is printed.
 */
int compose_series(struct message_set *ms, git_repository *repo,
		   const struct config *cfg, struct series *s,
		   const struct compose_opts *o);

/* "[RFC PATCH RESEND bpf-next v2 03/12]" for patch nr of total (nr 0:
 * the cover; total 1: no numbers). */
void compose_prefix(struct strbuf *out, const char *tree_prefix, int version,
		    bool rfc, bool resend, size_t nr, size_t total);

/* format-patch's file name: "v2-0001-bpf-Fix-foo.patch". */
char *compose_filename(int version, size_t nr, const char *subject);

#endif
