// SPDX-License-Identifier: GPL-2.0
/* Unit tests of git's -c as the environment carries it: the quoting of
 * GIT_CONFIG_PARAMETERS, the COUNT family, and the libgit2 level. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "config-env.h"
#include "strbuf.h"

static void expect(const struct config_env *env, size_t i, const char *key,
		   const char *value)
{
	assert_true(i < env->nr);
	assert_string_equal(env->v[i].key, key);
	if (value)
		assert_string_equal(env->v[i].value, value);
	else
		assert_null(env->v[i].value);
}

static void test_quoting(void **state)
{
	struct config_env env = { 0 };
	struct strbuf err = STRBUF_INIT;

	/* what git -c writes: 'key'='value', an escaped quote and ! */
	assert_int_equal(config_env_parse_parameters(&env,
		"'Core.Abbrev'='16' 'sendemail.Work.From'='O'\\''Brien '\\!'x'"
		"  'a.b'= 'c.d' 'e.f=g=h' 'i.j='", &err), 0);
	assert_int_equal(env.nr, 6);
	expect(&env, 0, "core.abbrev", "16");
	expect(&env, 1, "sendemail.Work.from", "O'Brien !x");
	expect(&env, 2, "a.b", NULL);		/* 'key'= is a bare key */
	expect(&env, 3, "c.d", NULL);		/* old style, bare */
	expect(&env, 4, "e.f", "g=h");		/* old style, first = */
	expect(&env, 5, "i.j", "");
	config_env_release(&env);
	strbuf_release(&err);
	(void)state;
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"'a.b", "a.b=c", "'a.b'=c", "'a.b'='c'd", "'a.b'x", "'nodot'",
		"'.b'='c'", "'a.'='c'", "'a.1b'='c'", "'a_b.c'='d'", "''",
		"'a.b\ncd.e'='f'",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct config_env env = { 0 };
		struct strbuf err = STRBUF_INIT;

		assert_int_equal(config_env_parse_parameters(&env, bad[i],
							     &err), -1);
		assert_true(err.len > 0);
		config_env_release(&env);
		strbuf_release(&err);
	}
	(void)state;
}

static void test_count_then_parameters(void **state)
{
	struct config_env env = { 0 };
	struct strbuf err = STRBUF_INIT;

	setenv("GIT_CONFIG_COUNT", "2", 1);
	setenv("GIT_CONFIG_KEY_0", "user.name", 1);
	setenv("GIT_CONFIG_VALUE_0", "from count", 1);
	setenv("GIT_CONFIG_KEY_1", "User.Email", 1);
	setenv("GIT_CONFIG_VALUE_1", "", 1);
	setenv("GIT_CONFIG_PARAMETERS", "'user.name'='from -c'", 1);
	assert_int_equal(config_env_parse(&env, &err), 0);
	assert_int_equal(env.nr, 3);
	expect(&env, 0, "user.name", "from count");
	expect(&env, 1, "user.email", "");
	expect(&env, 2, "user.name", "from -c");	/* later wins */
	config_env_release(&env);

	setenv("GIT_CONFIG_COUNT", "3", 1);
	assert_int_equal(config_env_parse(&env, &err), -1);
	assert_string_equal(err.buf, "missing config key 'GIT_CONFIG_KEY_2'");
	config_env_release(&env);
	unsetenv("GIT_CONFIG_COUNT");
	unsetenv("GIT_CONFIG_PARAMETERS");
	strbuf_release(&err);
	(void)state;
}

static int count_cb(const git_config_entry *e, void *data)
{
	(void)e;
	(*(int *)data)++;
	return 0;
}

/* The level libgit2 reads: the last entry wins, bare keys read empty,
 * snapshots keep it, writes go elsewhere. */
static void test_backend(void **state)
{
	struct config_env env = { 0 };
	struct strbuf err = STRBUF_INIT;
	git_config *cfg = NULL, *snap = NULL;
	git_buf buf = GIT_BUF_INIT;
	const char *s;
	int n = 0;

	git_libgit2_init();
	assert_int_equal(config_env_parse_parameters(&env,
		"'a.b'='one' 'a.b'='two' 'c.d' 'x.Sub.y'='z'", &err), 0);
	assert_int_equal(git_config_new(&cfg), 0);
	assert_int_equal(config_env_attach(cfg, NULL, &env), 0);
	/* a second attach leaves the first alone */
	assert_int_equal(config_env_attach(cfg, NULL, &env), 0);
	config_env_release(&env);
	assert_int_equal(git_config_snapshot(&snap, cfg), 0);
	git_config_free(cfg);
	assert_int_equal(git_config_get_string(&s, snap, "A.B"), 0);
	assert_string_equal(s, "two");
	assert_int_equal(git_config_get_string_buf(&buf, snap, "c.d"), 0);
	assert_string_equal(buf.ptr, "");
	git_buf_dispose(&buf);
	assert_int_equal(git_config_get_string(&s, snap, "x.Sub.Y"), 0);
	assert_string_equal(s, "z");
	assert_int_not_equal(git_config_get_string(&s, snap, "x.sub.y"), 0);
	assert_int_equal(git_config_get_bool(&n, snap, "c.d"), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(git_config_get_multivar_foreach(snap, "a.b", NULL,
							 count_cb, &n), 0);
	assert_int_equal(n, 2);
	assert_int_not_equal(git_config_set_string(snap, "a.b", "w"), 0);
	git_config_free(snap);
	git_libgit2_shutdown();
	strbuf_release(&err);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_count_then_parameters),
		cmocka_unit_test(test_backend),
	};

	RUN_TAP(tests);
}
