/* SPDX-License-Identifier: GPL-2.0 */
/* config-env: git's `-c key=value`, as git hands it to its subcommands in
 * the environment, made a config level above every file. */
#ifndef GIT_BPF_CONFIG_ENV_H
#define GIT_BPF_CONFIG_ENV_H

#include <stddef.h>
#include <git2.h>

#include "strbuf.h"

struct config_env_entry {
	char *key;	/* canonical: section and name lower case */
	char *value;	/* NULL for a bare key ("-c core.bare": true) */
};

struct config_env {
	struct config_env_entry *v;
	size_t nr, alloc;
};

/*
 * Read GIT_CONFIG_COUNT with its GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n>,
 * then GIT_CONFIG_PARAMETERS ('key'='value' pairs in git's shell
 * quoting, and the older 'key=value'), in git's order, so a later entry
 * wins as it does in git.  0, or -1 with the reason in err (env may
 * hold what came before it).
 */
int config_env_parse(struct config_env *env, struct strbuf *err);
/* Parse one GIT_CONFIG_PARAMETERS value (tests and fuzzing). */
int config_env_parse_parameters(struct config_env *env, const char *text,
				struct strbuf *err);
void config_env_release(struct config_env *env);

/*
 * Make env's entries a read-only level of cfg above the repository's
 * (GIT_CONFIG_LEVEL_APP), unless cfg has that level already: every
 * snapshot taken from cfg afterwards sees them.  0, or -1 after
 * libgit2's error.
 */
int config_env_attach(git_config *cfg, const git_repository *repo,
		      const struct config_env *env);

#endif
