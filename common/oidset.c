// SPDX-License-Identifier: GPL-2.0
/* oidset: a set of git object ids (commits a walk has seen). */
#include <stdlib.h>
#include <string.h>

#include "oidset.h"
#include "util.h"

static size_t oidset_slot(const struct oidset *set, const git_oid *oid)
{
	size_t i = ((size_t)oid->id[0] << 24 | (size_t)oid->id[1] << 16 |
		    (size_t)oid->id[2] << 8 | oid->id[3]) & (set->alloc - 1);
	static const git_oid zero;

	while (!git_oid_equal(&set->v[i], oid) && !git_oid_equal(&set->v[i], &zero))
		i = (i + 1) & (set->alloc - 1);
	return i;
}

bool oidset_insert(struct oidset *set, const git_oid *oid)
{
	size_t i;

	if (git_oid_is_zero(oid))
		return false;
	if (2 * (set->nr + 1) > set->alloc) {
		struct oidset bigger = { NULL, 0, set->alloc ? 2 * set->alloc : 64 };

		bigger.v = xcalloc(bigger.alloc, sizeof(*bigger.v));
		for (size_t j = 0; j < set->alloc; j++)
			if (!git_oid_is_zero(&set->v[j]))
				bigger.v[oidset_slot(&bigger, &set->v[j])] =
					set->v[j];
		bigger.nr = set->nr;
		free(set->v);
		*set = bigger;
	}
	i = oidset_slot(set, oid);
	if (!git_oid_is_zero(&set->v[i]))
		return false;
	set->v[i] = *oid;
	set->nr++;
	return true;
}

void oidset_clear(struct oidset *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}
