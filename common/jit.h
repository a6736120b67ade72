/* SPDX-License-Identifier: GPL-2.0 */
/* jit: who to work with on a new BPF instruction, per architecture whose
 * JIT (arch/NAME/net/) the series leaves alone, as bpf_devel_QA.rst asks. */
#ifndef GIT_BPF_JIT_H
#define GIT_BPF_JIT_H

#include <stdbool.h>
#include <git2.h>

#include "series.h"
#include "strbuf.h"
#include "util.h"

#define JIT_SECTION_PREFIX "BPF JIT for "
/* The fallback: this many authors, of the history this long before HEAD. */
#define JIT_LOG_AUTHORS 3
#define JIT_LOG_SECONDS (2LL * 365 * 24 * 60 * 60)

struct jit_arch {
	char *arch;		/* "arm64" */
	struct strvec people;	/* "Name <addr>", deduplicated */
	bool from_log;		/* no "BPF JIT for" section: git log authors */
};

struct jit_people {
	struct jit_arch *v;
	size_t nr, alloc;
};

/* The architectures with arch/NAME/net/ at HEAD that no patch of s
 * touches, sorted. */
void jit_arches(git_repository *repo, const struct series *s,
		struct strvec *out);

/*
 * For each of jit_arches(): the M: people of MAINTAINERS' "BPF JIT for
 * ..." sections with an F: pattern under arch/NAME/net/, else the
 * JIT_LOG_AUTHORS most frequent authors (through .mailmap) of commits
 * changing arch/NAME/net/ in the JIT_LOG_SECONDS before HEAD's commit
 * date (HEAD, not the clock, so the answer is the tree's).  An
 * architecture with neither is left out.  0, or -1 after an error.
 */
int jit_people_find(struct jit_people *out, git_repository *repo,
		    const struct series *s);
void jit_people_release(struct jit_people *jp);

/* Every person of jp once, in order (for Cc). */
void jit_people_all(const struct jit_people *jp, struct strvec *out);

/* "arm64: A <a>, B <b>" for one architecture; the log fallback says so. */
void jit_arch_format(struct strbuf *out, const struct jit_arch *a);

#endif
