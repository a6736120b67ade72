/* SPDX-License-Identifier: GPL-2.0 */
/* maint: the kernel's MAINTAINERS file, matched as get_maintainer.pl
 * matches it (without git history). */
#ifndef GIT_BPF_MAINT_H
#define GIT_BPF_MAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

struct maint_db;
struct series;
struct strbuf;
struct config;
struct strvec;

enum maint_kind { MAINT_PERSON, MAINT_LIST };

struct maint_recipient {
	enum maint_kind kind;
	char *name;	/* "" for most lists; unquoted */
	char *addr;
	char *role;	/* "maintainer:BPF [GENERAL] (Safe Dynamic Programs and Tools)" */
	/*
	 * get_maintainer.pl orders sections of equal pattern depth in Perl
	 * hash order, which changes from run to run.  tie is 0 when this
	 * recipient's place is fixed, else the number of the group of tied
	 * sections it came from (recipients of one group may come in any
	 * order); alt_roles lists, tab-separated, every role it could have
	 * been given then, and alt_emails every "Name <addr>" it could have
	 * been printed as (one name with two addresses in two sections).
	 * For comparing with get_maintainer.pl.
	 */
	unsigned tie;
	char *alt_roles;
	char *alt_emails;
};

struct maint_result {
	struct maint_recipient *v;
	size_t nr, alloc;
};

/* MAINTAINERS at HEAD of repo; 1 (and *out NULL) when the tree has none.
 * Directories, file contents (for K:), .mailmap and
 * .get_maintainer.ignore are read from the same HEAD tree. */
int maint_db_load_repo(struct maint_db **out, git_repository *repo);
/* MAINTAINERS from path; the rest from the current directory, the way
 * get_maintainer.pl --mpath=FILE reads them. */
int maint_db_load_file(struct maint_db **out, const char *path);
/* Parse text alone: no directories, contents or .mailmap. */
int maint_db_parse(struct maint_db **out, const char *text, size_t len,
		   const char *name);
void maint_db_free(struct maint_db *db);
/* Use this .mailmap text (get_maintainer.pl's reading of it). */
void maint_db_set_mailmap(struct maint_db *db, const char *text);
/* Match K: keywords (on by default, as in get_maintainer.pl). */
void maint_db_set_keywords(struct maint_db *db, bool on);
/* Whether the tree has a directory / a regular file at path. */
bool maint_db_is_dir(struct maint_db *db, const char *path);
bool maint_db_is_file(struct maint_db *db, const char *path);
/* Use this .get_maintainer.ignore text. */
void maint_db_set_ignore(struct maint_db *db, const char *text);
/* Whether .get_maintainer.ignore names this address ("Name <addr>" or
 * the bare address); get_maintainer.pl applies it to signers found in
 * history only, so callers use it for the authors they add. */
bool maint_db_ignores(struct maint_db *db, const char *name,
		      const char *addr);

/*
 * Who to mail, in get_maintainer.pl's order: people, then lists.
 * Without patch_text the paths are files of the tree, as with
 * get_maintainer.pl -f: K: keywords are matched on their contents.
 * With patch_text, it is read as get_maintainer.pl reads a patch (the
 * files of its diff headers join paths; K: on its lines).
 */
int maint_match(struct maint_db *db, const char *const *paths, size_t nr,
		const char *patch_text, struct maint_result *out);
/* Several patch texts (one per patch or mbox file) as one query, the
 * way get_maintainer.pl reads several patch files. */
int maint_match_patches(struct maint_db *db, const char *const *texts,
			size_t nr, struct maint_result *out);
/* Every patch of a series (message and diff) as one query. */
int maint_match_series(struct maint_db *db, struct series *s,
		       struct maint_result *out);
/* The people of the first section whose name starts with section
 * ("BPF [GENERAL]"), maintainers only when m_only. */
int maint_section_people(struct maint_db *db, const char *section,
			 bool m_only, struct maint_result *out);
/* Whether a section's name starts with section. */
bool maint_has_section(struct maint_db *db, const char *section);
/* The M: people of every section whose name starts with prefix ("BPF
 * JIT for ") and that has an F: pattern starting with dir
 * ("arch/x86/net/"); the number of such sections. */
int maint_section_people_under(struct maint_db *db, const char *prefix,
			       const char *dir, struct maint_result *out);
/* The names of the sections whose F:/N: cover file (X: honoured),
 * deepest pattern first, as get_maintainer.pl --sections lists them;
 * returns their number.  names may be NULL. */
size_t maint_file_sections(struct maint_db *db, const char *file,
			   struct strvec *names);
/* For a tree without MAINTAINERS: [lists] bpf (default
 * bpf@vger.kernel.org) and [lists] bpf-maintainers from config. */
int maint_config_fallback(const struct config *cfg, struct maint_result *out);
/* "Name <addr>" quoted as get_maintainer.pl prints it. */
void maint_recipient_format(const struct maint_recipient *r,
			    struct strbuf *out);
void maint_result_release(struct maint_result *r);

#endif
