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

/* Whether git's config sets key, without copying its value out. */
static bool git_has(const struct config *cfg, const char *key)
{
	git_config_entry *e = NULL;
	bool ret;

	if (!cfg->git)
		return false;
	ret = !git_config_get_entry(&e, cfg->git, key);
	git_config_entry_free(e);
	git_error_clear();
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
	git_config *gc = NULL;

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

	if (repo) {
		if (git_repository_config_snapshot(&cfg->git, repo))
			cfg->git = NULL;
	} else if (!git_config_open_default(&gc)) {
		if (git_config_snapshot(&cfg->git, gc))
			cfg->git = NULL;
		git_config_free(gc);
	}
	git_error_clear();
	/* the password, wherever it was read from, is in memory from here
	 * on: no core dump may show it */
	if (config_ini(cfg, "smtp.pass") || git_has(cfg, "sendemail.smtpPass"))
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

char *config_git(const struct config *cfg, const char *key)
{
	git_buf buf = GIT_BUF_INIT;
	char *ret = NULL;

	if (!cfg->git || !key)
		return NULL;
	if (!git_config_get_string_buf(&buf, cfg->git, key))
		ret = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_error_clear();
	return ret;
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
