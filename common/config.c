// SPDX-License-Identifier: GPL-2.0
/* config: git-bpf's INI file read with inih, over a snapshot of the
 * user's git config; INI values win, the command line wins over both. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "config-env.h"
#include "strbuf.h"

static char *lower(const char *s)
{
	char *r = xstrdup(s);

	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

static int ini_entry(void *user, const char *section, const char *name,
		       const char *value)
{
	struct config *cfg = user;
	struct config_entry *e;
	char *sec, *key;

	if (!name)	/* a section header alone */
		return 1;
	sec = lower(section);
	key = lower(name);
	ALLOC_GROW(cfg->ini, cfg->ini_nr + 1, cfg->ini_alloc);
	e = &cfg->ini[cfg->ini_nr++];
	e->key = xstrfmt("%s.%s", sec, key);
	e->value = xstrdup(value ? value : "");
	free(sec);
	free(key);
	return 1;
}

/* inih's line buffer (INI_MAX_LINE, 200 in Debian's build) holds the
 * line, its newline and a NUL: a longer line is split and its tail
 * parsed as a line of its own, so a long comment could carry "cc =". */
#ifndef INI_MAX_LINE
#define INI_MAX_LINE 200
#endif
#define CONFIG_MAX_LINE (INI_MAX_LINE - 2)

/* Refuse what inih would not read as written: an over-long line, and (in
 * config_load) a NUL, after which it would silently stop. */
static int check_lines(const char *text, size_t len, const char *name)
{
	size_t lineno = 1;
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *nul = memchr(p, '\0', (size_t)(stop - p));

		if (nul)
			return error("'%s:%zu' holds a NUL byte", name, lineno);
		if ((size_t)(stop - p) > CONFIG_MAX_LINE)
			return error("'%s:%zu' is longer than %d bytes, the most a config line may be",
				     name, lineno, CONFIG_MAX_LINE);
		if (!nl)
			break;
		p = nl + 1;
		lineno++;
	}
	return 0;
}

int config_parse_ini(struct config *cfg, const char *text, const char *name)
{
	int line;

	if (check_lines(text, strlen(text), name))
		return -1;
	line = ini_parse_string(text, ini_entry, cfg);

	if (line > 0)
		return error("malformed line %d in '%s'", line, name);
	if (line < 0)
		return error("cannot parse '%s'", name);
	return 0;
}

static void warn_if_readable(const char *path)
{
	struct stat st;

	if (!stat(path, &st) && (st.st_mode & 077))
		warning("'%s' holds a password and is readable by others "
			"(mode %04o): chmod 600 '%s'", path,
			(unsigned)(st.st_mode & 07777), path);
}

/* Whether git's config sets key, or any identity's version of it,
 * without copying a value out. */
static int has_cb(const git_config_entry *e, void *data)
{
	(void)e;
	*(bool *)data = true;
	return 0;
}

static bool git_has(const struct config *cfg, const char *regexp)
{
	bool found = false;

	if (cfg->git)
		git_config_foreach_match(cfg->git, regexp, has_cb, &found);
	git_error_clear();
	return found;
}

/* git's config as git would see it: the files, then `git -c` above them
 * (attached to the repository when it was opened, else here). */
static int load_git(struct config *cfg, git_repository *repo)
{
	struct config_env env = { 0 };
	struct strbuf err = STRBUF_INIT;
	git_config *gc = NULL;
	int ret = 0;

	if (config_env_parse(&env, &err)) {
		ret = error("%s", err.buf);
		goto out;
	}
	if (repo ? git_repository_config(&gc, repo) :
		   git_config_open_default(&gc))
		goto out;	/* no config at all is no error */
	if (config_env_attach(gc, repo, &env)) {
		ret = error("cannot use the command line's config: %s",
			    git_error_last() ? git_error_last()->message : "");
		goto out;
	}
	if (git_config_snapshot(&cfg->git, gc))
		cfg->git = NULL;
	cfg->identity = config_git(cfg, "sendemail.identity");
out:
	git_config_free(gc);
	git_error_clear();
	config_env_release(&env);
	strbuf_release(&err);
	return ret;
}

int config_load(struct config *cfg, git_repository *repo)
{
	const char *env = getenv("GIT_BPF_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct strbuf text = STRBUF_INIT;
	char *path = NULL;
	bool must_exist = false;

	memset(cfg, 0, sizeof(*cfg));
	if (env && *env) {
		path = xstrdup(env);
		must_exist = true;
	} else if (xdg && *xdg) {
		path = xstrfmt("%s/git-bpf/config", xdg);
	} else if (home && *home) {
		path = xstrfmt("%s/.config/git-bpf/config", home);
	}
	if (path) {
		if (strbuf_read_file(&text, path) < 0) {
			if (must_exist || errno != ENOENT) {
				error_errno("unable to read '%s'", path);
				free(path);
				strbuf_release(&text);
				return -1;
			}
			free(path);
			path = NULL;
		} else if (check_lines(text.buf, text.len, path) ||
			   config_parse_ini(cfg, text.buf, path)) {
			free(path);
			strbuf_release(&text);
			config_release(cfg);
			return -1;
		}
	}
	strbuf_release(&text);
	cfg->ini_path = path;
	if (path && config_ini(cfg, "smtp.pass"))
		warn_if_readable(path);

	if (load_git(cfg, repo)) {
		config_release(cfg);
		return -1;
	}
	/* the password, wherever it was read from, is in memory from here
	 * on: no core dump may show it */
	if (config_ini(cfg, "smtp.pass") ||
	    git_has(cfg, "^sendemail\\.(.*\\.)?smtppass$"))
		secret_protect();
	return 0;
}

void config_release(struct config *cfg)
{
	for (size_t i = 0; i < cfg->ini_nr; i++) {
		free(cfg->ini[i].key);
		free(cfg->ini[i].value);
	}
	free(cfg->ini);
	free(cfg->ini_path);
	free(cfg->identity);
	git_config_free(cfg->git);
	memset(cfg, 0, sizeof(*cfg));
}

const char *config_ini(const struct config *cfg, const char *key)
{
	for (size_t i = cfg->ini_nr; i > 0; i--)
		if (!strcasecmp(cfg->ini[i - 1].key, key))
			return cfg->ini[i - 1].value;
	return NULL;
}

void config_ini_all(const struct config *cfg, const char *key, bool split,
		    struct strvec *out)
{
	for (size_t i = 0; i < cfg->ini_nr; i++) {
		const char *v = cfg->ini[i].value, *comma;

		if (strcasecmp(cfg->ini[i].key, key))
			continue;
		if (!split) {
			strvec_push(out, v);
			continue;
		}
		while (*v) {
			struct strbuf one = STRBUF_INIT;

			comma = strchr(v, ',');
			strbuf_add(&one, v, comma ? (size_t)(comma - v) : strlen(v));
			strbuf_trim(&one);
			if (one.len)
				strvec_push(out, one.buf);
			strbuf_release(&one);
			if (!comma)
				break;
			v = comma + 1;
		}
	}
}

static char *git_string(const struct config *cfg, const char *key)
{
	git_buf buf = GIT_BUF_INIT;
	char *ret = NULL;

	if (!git_config_get_string_buf(&buf, cfg->git, key))
		ret = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_error_clear();
	return ret;
}

/* "sendemail.smtpServer" as the identity's "sendemail.work.smtpServer";
 * NULL when there is no identity or the key is none of sendemail's. */
static char *identity_key(const struct config *cfg, const char *key)
{
	if (!cfg->identity || !*cfg->identity ||
	    strncasecmp(key, "sendemail.", 10) || strchr(key + 10, '.') ||
	    !strcasecmp(key, "sendemail.identity"))
		return NULL;
	return xstrfmt("sendemail.%s.%s", cfg->identity, key + 10);
}

/* git send-email reads a single-valued key only when it has a value: a
 * bare "smtpServer" line leaves the next level to speak. */
static bool has_value(const struct config *cfg, const char *key)
{
	git_config_entry *e = NULL;
	bool ret;

	ret = !git_config_get_entry(&e, cfg->git, key) && e->value;
	git_config_entry_free(e);
	git_error_clear();
	return ret;
}

char *config_git(const struct config *cfg, const char *key)
{
	char *ikey, *ret = NULL;

	if (!cfg->git || !key)
		return NULL;
	ikey = identity_key(cfg, key);
	if (ikey && has_value(cfg, ikey))
		ret = git_string(cfg, ikey);
	else if (!strncasecmp(key, "sendemail.", 10) && !has_value(cfg, key))
		ret = NULL;
	else
		ret = git_string(cfg, key);
	free(ikey);
	return ret;
}

struct all_data {
	struct strvec *out;
	bool seen;
};

static int all_cb(const git_config_entry *e, void *data)
{
	struct all_data *a = data;

	a->seen = true;
	if (e->value)
		strvec_push(a->out, e->value);
	return 0;
}

void config_git_all(const struct config *cfg, const char *key,
		    struct strvec *out)
{
	struct all_data a = { out, false };
	char *ikey;

	if (!cfg->git)
		return;
	ikey = identity_key(cfg, key);
	if (ikey)
		git_config_get_multivar_foreach(cfg->git, ikey, NULL, all_cb,
						&a);
	if (!a.seen)
		git_config_get_multivar_foreach(cfg->git, key, NULL, all_cb,
						&a);
	git_error_clear();
	free(ikey);
}

int config_use_identity(struct config *cfg, const char *name, bool none)
{
	if (!name && !none)
		return 0;	/* sendemail.identity, read by config_load */
	if (!none && strchr(name, '\n'))
		return error("identity '%s' holds a line break", name);
	free(cfg->identity);
	cfg->identity = none ? NULL : xstrdup(name);
	return 0;
}

char *config_get(const struct config *cfg, const char *ini_key,
		 const char *git_key)
{
	const char *v = ini_key ? config_ini(cfg, ini_key) : NULL;

	if (v)
		return xstrdup(v);
	return config_git(cfg, git_key);
}

int config_parse_bool(const char *v)
{
	static const char *const yes[] = { "1", "true", "yes", "on" };
	static const char *const no[] = { "0", "false", "no", "off", "" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcasecmp(v, yes[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (!strcasecmp(v, no[i]))
			return 0;
	return -1;
}

int config_bool(const struct config *cfg, const char *ini_key,
		const char *git_key, int def)
{
	char *v = config_get(cfg, ini_key, git_key);
	int b;

	if (!v)
		return def;
	b = config_parse_bool(v);
	if (b < 0)
		error("'%s' is not a boolean value for '%s'", v,
		      ini_key && config_ini(cfg, ini_key) ? ini_key : git_key);
	free(v);
	return b;
}
