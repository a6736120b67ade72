/* SPDX-License-Identifier: GPL-2.0 */
/* maint: the kernel's MAINTAINERS file, matched as get_maintainer.pl
 * matches it (without git history). */
#ifndef GIT_BPF_MAINT_H
#define GIT_BPF_MAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

struct maint_db;

enum maint_kind { MAINT_PERSON, MAINT_LIST };

struct maint_recipient {
	enum maint_kind kind;
	char *name;	/* "" for most lists */
	char *addr;
	char *role;	/* "maintainer:BPF [GENERAL] (Safe Dynamic Programs and Tools)" */
};

struct maint_result {
	struct maint_recipient *v;
	size_t nr, alloc;
};

/* MAINTAINERS at HEAD of repo; 1 (and *out NULL) when the tree has none. */
int maint_db_load_repo(struct maint_db **out, git_repository *repo);
int maint_db_load_file(struct maint_db **out, const char *path);
int maint_db_parse(struct maint_db **out, const char *text, size_t len,
		   const char *name);
void maint_db_free(struct maint_db *db);

/* Who to mail for these paths (and, for K:, the patch text, may be NULL),
 * in get_maintainer.pl's order: people, then lists. */
int maint_match(struct maint_db *db, const char *const *paths, size_t nr,
		const char *patch_text, struct maint_result *out);
/* The people of the first section whose name starts with section
 * ("BPF [GENERAL]"), maintainers only when m_only. */
int maint_section_people(struct maint_db *db, const char *section,
			 bool m_only, struct maint_result *out);
void maint_result_release(struct maint_result *r);

#endif
