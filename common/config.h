/* SPDX-License-Identifier: GPL-2.0 */
/* config: git-bpf's own INI file (inih) over the user's git config
 * (libgit2); command-line values are applied by each command on top. */
#ifndef GIT_BPF_CONFIG_H
#define GIT_BPF_CONFIG_H

#include <stdbool.h>
#include <git2.h>

#include "util.h"

struct config_entry {
	char *key;	/* "section.name", both lower case */
	char *value;
};

struct config {
	char *ini_path;		/* the INI file read, or NULL when none */
	struct config_entry *ini;
	size_t ini_nr, ini_alloc;
	git_config *git;	/* snapshot of git config, with `git -c`
				 * above the files; or NULL */
	char *identity;		/* sendemail.identity or --identity */
};

/*
 * Read $GIT_BPF_CONFIG, else $XDG_CONFIG_HOME/git-bpf/config, else
 * ~/.config/git-bpf/config (a missing default file is fine, a missing
 * $GIT_BPF_CONFIG is not), and a snapshot of git config (the
 * repository's when repo is non-NULL) with git's `-c` (the environment
 * git passes on) above it.  Returns 0, or -1 after an error naming the
 * file and line, or what is wrong with the `-c` environment.
 */
int config_load(struct config *cfg, git_repository *repo);
/* Parse INI text (for tests and fuzzing); name is used in messages. */
int config_parse_ini(struct config *cfg, const char *text, const char *name);
void config_release(struct config *cfg);

/* The last value of an INI key ("smtp.server"), or NULL. */
const char *config_ini(const struct config *cfg, const char *key);
/* Every value of an INI key, in order; values holding commas are split
 * on them when split is set (for address and rule lists). */
void config_ini_all(const struct config *cfg, const char *key, bool split,
		    struct strvec *out);
/*
 * A git config string ("sendemail.smtpServer"), or NULL; caller frees.
 * A sendemail.KEY is read as git send-email reads it: the identity's
 * sendemail.<identity>.KEY first, and a key without a value is unset.
 */
char *config_git(const struct config *cfg, const char *key);
/* Every value of a git key, in order (the identity's, when it has any). */
void config_git_all(const struct config *cfg, const char *key,
		    struct strvec *out);
/* --identity=NAME (name) or --no-identity (none) over sendemail.identity;
 * neither given keeps what config_load read.  0, or -1 after an error. */
int config_use_identity(struct config *cfg, const char *name, bool none);
/* INI key first, then git key (either may be NULL); caller frees. */
char *config_get(const struct config *cfg, const char *ini_key,
		 const char *git_key);
/* Boolean with git's spellings; def when unset; -1 and an error when the
 * value is no boolean. */
int config_bool(const struct config *cfg, const char *ini_key,
		const char *git_key, int def);
/* Parse a boolean the way git does: 1, 0, or -1 when it is none. */
int config_parse_bool(const char *v);

#endif
