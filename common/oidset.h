/* SPDX-License-Identifier: GPL-2.0 */
/* oidset: a set of git object ids, open addressing. */
#ifndef GIT_BPF_OIDSET_H
#define GIT_BPF_OIDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

struct oidset {
	git_oid *v;		/* open addressing; the zero id is "empty" */
	size_t nr, alloc;	/* alloc is 0 or a power of two */
};

/* Add oid; false when it was there already (or is the zero id). */
bool oidset_insert(struct oidset *set, const git_oid *oid);
void oidset_clear(struct oidset *set);

#endif
