// SPDX-License-Identifier: GPL-2.0
/* config-env: `git -c` for our commands: the environment git sets, read as
 * git's config.c reads it, served to libgit2 as an in-memory backend. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2/sys/config.h>

#include "config-env.h"
#include "util.h"

static void env_push(struct config_env *env, char *key, const char *value)
{
	ALLOC_GROW(env->v, env->nr + 1, env->alloc);
	env->v[env->nr].key = key;
	env->v[env->nr].value = value ? xstrdup(value) : NULL;
	env->nr++;
}

void config_env_release(struct config_env *env)
{
	for (size_t i = 0; i < env->nr; i++) {
		free(env->v[i].key);
		free(env->v[i].value);
	}
	free(env->v);
	memset(env, 0, sizeof(*env));
}

static bool iskeychar(int c)
{
	return isalnum(c) || c == '-';
}

/* git_config_parse_key(): section and name checked and lower-cased, the
 * subsection between them kept as it is. */
static int canonical_key(const char *key, char **out, struct strbuf *err)
{
	const char *last_dot = strrchr(key, '.');
	size_t i, baselen;
	bool dot = false;
	char *k;

	if (!*key) {
		strbuf_addstr(err, "empty config key");
		return -1;
	}
	if (!last_dot || last_dot == key) {
		strbuf_addf(err, "config key '%s' has no section", key);
		return -1;
	}
	if (!last_dot[1]) {
		strbuf_addf(err, "config key '%s' has no variable name", key);
		return -1;
	}
	baselen = (size_t)(last_dot - key);
	k = xstrdup(key);
	for (i = 0; key[i]; i++) {
		unsigned char c = (unsigned char)key[i];

		if (c == '.')
			dot = true;
		if (!dot || i > baselen) {
			if (!iskeychar(c) || (i == baselen + 1 && !isalpha(c))) {
				strbuf_addf(err, "invalid config key '%s'", key);
				free(k);
				return -1;
			}
			c = (unsigned char)tolower(c);
		} else if (c == '\n') {
			strbuf_addf(err, "invalid config key '%s' (newline)",
				    key);
			free(k);
			return -1;
		}
		k[i] = (char)c;
	}
	*out = k;
	return 0;
}

static int add_pair(struct config_env *env, const char *key,
		    const char *value, struct strbuf *err)
{
	char *k;

	if (canonical_key(key, &k, err))
		return -1;
	env_push(env, k, value);
	return 0;
}

/* git's old form, a quoted 'key=value' (or 'key' alone). */
static int add_parameter(struct config_env *env, const char *text,
			 struct strbuf *err)
{
	const char *eq = strchr(text, '=');
	struct strbuf key = STRBUF_INIT;
	int ret;

	strbuf_add(&key, text, eq ? (size_t)(eq - text) : strlen(text));
	strbuf_trim(&key);
	if (!key.len) {
		strbuf_addf(err, "bogus config parameter '%s'", text);
		strbuf_release(&key);
		return -1;
	}
	ret = add_pair(env, key.buf, eq ? eq + 1 : NULL, err);
	strbuf_release(&key);
	return ret;
}

static bool need_bs_quote(char c)
{
	return c == '\'' || c == '!';
}

/*
 * git's sq_dequote_step(): unquote the single-quoted word at arg in
 * place.  *next is where the text goes on after it, or NULL at its end;
 * NULL return when arg is no such word (or next is NULL and something
 * follows).
 */
static char *sq_dequote_step(char *arg, char **next)
{
	char *dst = arg, *src = arg;
	char c;

	if (*src != '\'')
		return NULL;
	for (;;) {
		c = *++src;
		if (!c)
			return NULL;
		if (c != '\'') {
			*dst++ = c;
			continue;
		}
		/* out of the quotes */
		switch (*++src) {
		case '\0':
			*dst = '\0';
			if (next)
				*next = NULL;
			return arg;
		case '\\':
			/* '\'' and '\!' go on inside the quotes */
			if (need_bs_quote(src[1]) && src[2] == '\'') {
				*dst++ = src[1];
				src += 2;
				continue;
			}
			/* fall through */
		default:
			if (!next)
				return NULL;
			*dst = '\0';
			*next = src;
			return arg;
		}
	}
}

static int bogus(struct strbuf *err)
{
	strbuf_addstr(err, "bogus format in 'GIT_CONFIG_PARAMETERS'");
	return -1;
}

int config_env_parse_parameters(struct config_env *env, const char *text,
				struct strbuf *err)
{
	char *copy = xstrdup(text), *cur = copy;
	int ret = -1;

	while (cur && *cur) {
		const char *key = sq_dequote_step(cur, &cur);

		if (!key) {
			bogus(err);
			goto out;
		}
		if (!cur || isspace((unsigned char)*cur)) {
			if (add_parameter(env, key, err))
				goto out;
		} else if (*cur == '=') {
			const char *value;

			cur++;
			if (*cur == '\'') {
				value = sq_dequote_step(cur, &cur);
				if (!value ||
				    (cur && !isspace((unsigned char)*cur))) {
					bogus(err);
					goto out;
				}
			} else if (!*cur || isspace((unsigned char)*cur)) {
				value = NULL;	/* 'key'= is a bare key */
			} else {
				bogus(err);
				goto out;
			}
			if (add_pair(env, key, value, err))
				goto out;
		} else {
			bogus(err);
			goto out;
		}
		if (cur)
			while (isspace((unsigned char)*cur))
				cur++;
	}
	ret = 0;
out:
	free(copy);
	return ret;
}

int config_env_parse(struct config_env *env, struct strbuf *err)
{
	const char *count = getenv("GIT_CONFIG_COUNT");
	const char *params = getenv("GIT_CONFIG_PARAMETERS");

	if (count) {
		char *end;
		unsigned long n = strtoul(count, &end, 10);

		if (*end) {
			strbuf_addf(err, "bogus count '%s' in 'GIT_CONFIG_COUNT'",
				    count);
			return -1;
		}
		if (n > INT_MAX) {
			strbuf_addstr(err, "too many entries in 'GIT_CONFIG_COUNT'");
			return -1;
		}
		for (unsigned long i = 0; i < n; i++) {
			char name[64];
			const char *key, *value;

			snprintf(name, sizeof(name), "GIT_CONFIG_KEY_%lu", i);
			key = getenv(name);
			if (!key) {
				strbuf_addf(err, "missing config key '%s'", name);
				return -1;
			}
			snprintf(name, sizeof(name), "GIT_CONFIG_VALUE_%lu", i);
			value = getenv(name);
			if (!value) {
				strbuf_addf(err, "missing config value '%s'",
					    name);
				return -1;
			}
			if (add_pair(env, key, value, err))
				return -1;
		}
	}
	if (params && config_env_parse_parameters(env, params, err))
		return -1;
	return 0;
}

/*
 * The backend: entries shared, read-only, by the backend and each
 * snapshot of it; libgit2 hands out pointers to them, which live as long
 * as the config they came from.
 */
struct env_data {
	unsigned int refs;
	git_config_entry *entries;
	size_t nr;
};

struct env_backend {
	git_config_backend parent;
	struct env_data *data;
};

struct env_iter {
	git_config_iterator parent;
	struct env_data *data;
	size_t pos;
};

static void entry_keep(git_config_entry *e)
{
	(void)e;	/* owned by the backend */
}

static void data_put(struct env_data *d)
{
	if (!d || --d->refs)
		return;
	for (size_t i = 0; i < d->nr; i++) {
		free((char *)d->entries[i].name);
		free((char *)d->entries[i].value);
	}
	free(d->entries);
	free(d);
}

static int readonly(void)
{
	git_error_set_str(GIT_ERROR_CONFIG,
			  "the command line's config is read-only");
	return -1;
}

static int be_open(git_config_backend *b, git_config_level_t level,
		   const git_repository *repo)
{
	struct env_data *d = ((struct env_backend *)b)->data;

	(void)repo;
	for (size_t i = 0; i < d->nr; i++)
		d->entries[i].level = level;
	return 0;
}

static int be_get(git_config_backend *b, const char *key,
		  git_config_entry **out)
{
	struct env_data *d = ((struct env_backend *)b)->data;

	for (size_t i = d->nr; i > 0; i--)
		if (!strcmp(d->entries[i - 1].name, key)) {
			*out = &d->entries[i - 1];
			return 0;
		}
	return GIT_ENOTFOUND;
}

static int be_set(git_config_backend *b, const char *key, const char *value)
{
	(void)b, (void)key, (void)value;
	return readonly();
}

static int be_set_multivar(git_config_backend *b, const char *name,
			   const char *regexp, const char *value)
{
	(void)b, (void)name, (void)regexp, (void)value;
	return readonly();
}

static int be_del(git_config_backend *b, const char *key)
{
	(void)b, (void)key;
	return readonly();
}

static int be_del_multivar(git_config_backend *b, const char *key,
			   const char *regexp)
{
	(void)b, (void)key, (void)regexp;
	return readonly();
}

static int be_lock(git_config_backend *b)
{
	(void)b;
	return readonly();
}

static int be_unlock(git_config_backend *b, int success)
{
	(void)b, (void)success;
	return readonly();
}

static int iter_next(git_config_entry **out, git_config_iterator *it)
{
	struct env_iter *i = (struct env_iter *)it;

	if (i->pos >= i->data->nr)
		return GIT_ITEROVER;
	*out = &i->data->entries[i->pos++];
	return 0;
}

static void iter_free(git_config_iterator *it)
{
	struct env_iter *i = (struct env_iter *)it;

	data_put(i->data);
	free(i);
}

static int be_iterator(git_config_iterator **out, git_config_backend *b)
{
	struct env_iter *i = xcalloc(1, sizeof(*i));

	i->parent.backend = b;
	i->parent.next = iter_next;
	i->parent.free = iter_free;
	i->data = ((struct env_backend *)b)->data;
	i->data->refs++;
	*out = &i->parent;
	return 0;
}

static void be_free(git_config_backend *b)
{
	struct env_backend *e = (struct env_backend *)b;

	if (!e)
		return;
	data_put(e->data);
	free(e);
}

static git_config_backend *backend_new(struct env_data *d);

static int be_snapshot(git_config_backend **out, git_config_backend *b)
{
	struct env_data *d = ((struct env_backend *)b)->data;

	d->refs++;
	*out = backend_new(d);
	return 0;
}

static git_config_backend *backend_new(struct env_data *d)
{
	struct env_backend *e = xcalloc(1, sizeof(*e));

	git_config_init_backend(&e->parent, GIT_CONFIG_BACKEND_VERSION);
	e->parent.readonly = 1;
	e->parent.open = be_open;
	e->parent.get = be_get;
	e->parent.set = be_set;
	e->parent.set_multivar = be_set_multivar;
	e->parent.del = be_del;
	e->parent.del_multivar = be_del_multivar;
	e->parent.iterator = be_iterator;
	e->parent.snapshot = be_snapshot;
	e->parent.lock = be_lock;
	e->parent.unlock = be_unlock;
	e->parent.free = be_free;
	e->data = d;
	return &e->parent;
}

int config_env_attach(git_config *cfg, const git_repository *repo,
		      const struct config_env *env)
{
	git_config *level = NULL;
	git_config_backend *b;
	struct env_data *d;

	if (!env->nr)
		return 0;
	if (!git_config_open_level(&level, cfg, GIT_CONFIG_LEVEL_APP)) {
		git_config_free(level);
		return 0;	/* attached already */
	}
	git_error_clear();
	d = xcalloc(1, sizeof(*d));
	d->refs = 1;
	d->entries = xcalloc(env->nr, sizeof(*d->entries));
	for (size_t i = 0; i < env->nr; i++) {
		git_config_entry *e = &d->entries[d->nr++];

		e->name = xstrdup(env->v[i].key);
		e->value = env->v[i].value ? xstrdup(env->v[i].value) : NULL;
		e->free = entry_keep;
	}
	b = backend_new(d);
	if (git_config_add_backend(cfg, b, GIT_CONFIG_LEVEL_APP, repo, 0)) {
		b->free(b);
		return -1;
	}
	return 0;
}
