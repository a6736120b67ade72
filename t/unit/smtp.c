// SPDX-License-Identifier: GPL-2.0
/* Unit tests of delivery's parts that need no server: the SMTP settings
 * and their precedence, and the outbox journal's round trip. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "deliver.h"
#include "message.h"
#include "outbox.h"
#include "smtp.h"
#include "strbuf.h"
#include "tap.h"

static int load(struct smtp_settings *s, const char *ini,
		const struct smtp_overrides *o)
{
	struct config cfg = { 0 };
	int ret;

	assert_int_equal(config_parse_ini(&cfg, ini, "test.ini"), 0);
	ret = smtp_settings_load(s, &cfg, o);
	config_release(&cfg);
	return ret;
}

static void test_defaults(void **state)
{
	struct smtp_settings s;

	assert_int_equal(load(&s, "[smtp]\nserver = smtp.example.org\n",
			      NULL), 0);
	assert_string_equal(s.server, "smtp.example.org");
	assert_int_equal(s.encryption, SMTP_ENCRYPTION_TLS);
	assert_int_equal(s.port, 587);
	assert_int_equal(s.timeout, 60);
	assert_null(s.user);
	assert_null(s.pass);
	smtp_settings_release(&s);

	/* a local relay: nothing on the wire to protect */
	assert_int_equal(load(&s, "[smtp]\nserver = localhost\n", NULL), 0);
	assert_int_equal(s.encryption, SMTP_ENCRYPTION_NONE);
	assert_int_equal(s.port, 25);
	smtp_settings_release(&s);

	assert_int_equal(load(&s, "[smtp]\nserver = mail.example.org\n"
			      "port = 465\n", NULL), 0);
	assert_int_equal(s.encryption, SMTP_ENCRYPTION_SSL);
	smtp_settings_release(&s);

	assert_int_equal(load(&s, "[smtp]\nserver = mail.example.org\n"
			      "encryption = SSL\ntimeout = 5\n", NULL), 0);
	assert_int_equal(s.encryption, SMTP_ENCRYPTION_SSL);
	assert_int_equal(s.port, 465);
	assert_int_equal(s.timeout, 5);
	smtp_settings_release(&s);
}

static void test_overrides(void **state)
{
	struct smtp_overrides o = { "other.example.org", "2525", "none",
				    NULL };
	struct smtp_settings s;
	char *name;

	assert_int_equal(load(&s, "[smtp]\nserver = smtp.example.org\n"
			      "port = 587\nencryption = tls\n", &o), 0);
	assert_string_equal(s.server, "other.example.org");
	assert_int_equal(s.port, 2525);
	assert_int_equal(s.encryption, SMTP_ENCRYPTION_NONE);
	name = smtp_server_name(&s);
	assert_string_equal(name, "other.example.org:2525");
	free(name);
	smtp_settings_release(&s);

	o = (struct smtp_overrides){ "::1", NULL, "tls", "me" };
	assert_int_equal(load(&s, "[smtp]\nuser = you\npass = pw\n", &o), 0);
	assert_string_equal(s.user, "me");
	assert_string_equal(s.pass, "pw");
	name = smtp_server_name(&s);
	assert_string_equal(name, "[::1]:587");
	free(name);
	smtp_settings_release(&s);
}

static void test_bad_settings(void **state)
{
	static const char *const bad[] = {
		"[smtp]\nserver = smtp.example.org/x\n",
		"[smtp]\nserver = smtp.example.org\nencryption = maybe\n",
		"[smtp]\nserver = smtp.example.org\nport = 0\n",
		"[smtp]\nserver = smtp.example.org\nport = 65536\n",
		"[smtp]\nserver = smtp.example.org\nport = 25x\n",
		"[smtp]\nserver = smtp.example.org\ntimeout = never\n",
		"[smtp]\nserver = smtp.example.org\nca = /nonexistent/ca.pem\n",
		/* a password in clear text over the network */
		"[smtp]\nserver = smtp.example.org\nencryption = none\n"
		"user = me\n",
	};
	struct smtp_settings s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(load(&s, bad[i], NULL), -1);
		smtp_settings_release(&s);
	}
	/* ... which a relay on this machine may have */
	assert_int_equal(load(&s, "[smtp]\nserver = 127.0.0.1\n"
			      "encryption = none\nuser = me\n", NULL), 0);
	smtp_settings_release(&s);
}

/* as git send-email chooses: an absolute path is a program, and with no
 * server at all an installed sendmail is */
static void test_program(void **state)
{
	struct smtp_settings s;
	struct smtp_overrides o = { .server = "mail.example.org" };
	char *sendmail = smtp_find_sendmail(), *name;

	assert_int_equal(load(&s, "[smtp]\nserver = /usr/bin/msmtp\n"
			      "port = nonsense\n", NULL), 0);
	assert_true(smtp_is_program(&s));
	assert_string_equal(s.program, "/usr/bin/msmtp");
	assert_null(s.server);
	name = smtp_server_name(&s);
	assert_string_equal(name, "/usr/bin/msmtp");
	free(name);
	smtp_settings_release(&s);

	/* the command line's host wins over the INI file's program */
	assert_int_equal(load(&s, "[smtp]\nserver = /usr/bin/msmtp\n", &o), 0);
	assert_false(smtp_is_program(&s));
	assert_string_equal(s.server, "mail.example.org");
	smtp_settings_release(&s);

	if (sendmail) {
		assert_int_equal(load(&s, "[smtp]\nport = 25\n", NULL), 0);
		assert_string_equal(s.program, sendmail);
	} else {
		assert_int_equal(load(&s, "[smtp]\nport = 25\n", NULL), -1);
	}
	smtp_settings_release(&s);
	free(sendmail);
	(void)state;
}

static void test_loopback(void **state)
{
	assert_true(smtp_server_is_loopback("localhost"));
	assert_true(smtp_server_is_loopback("LocalHost"));
	assert_true(smtp_server_is_loopback("127.0.0.1"));
	assert_true(smtp_server_is_loopback("127.1.2.3"));
	assert_true(smtp_server_is_loopback("::1"));
	assert_false(smtp_server_is_loopback("128.0.0.1"));
	assert_false(smtp_server_is_loopback("localhost.example.org"));
	assert_false(smtp_server_is_loopback("::2"));
}

struct fixture {
	char dir[64];
	git_repository *repo;
};

static int setup_repo(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/git-bpf-unit-smtp.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	git_libgit2_init();
	if (git_repository_init(&f->repo, f->dir, false))
		return -1;
	*state = f;
	return 0;
}

static int teardown_repo(void **state)
{
	struct fixture *f = *state;
	const char *argv[] = { "rm", "-rf", f->dir, NULL };

	git_repository_free(f->repo);
	git_libgit2_shutdown();
	run_command(argv, NULL, NULL, NULL);
	free(f);
	return 0;
}

static void make_set(struct message_set *ms)
{
	static const char *const texts[] = {
		"Subject: [PATCH 0/2] cover\n\nthe cover\n",
		"Subject: [PATCH 1/2] one\n\n.\n..two dots\r\nno end",
		"Subject: =?UTF-8?q?[PATCH_2/2]_caf=C3=A9?=\n\n\xff\xfe\n",
	};
	size_t i;

	memset(ms, 0, sizeof(*ms));
	ms->kind = "series";
	ms->branch = xstrdup("topic");
	ms->version = 3;
	strcpy(ms->base, "0123456789abcdef0123456789abcdef01234567");
	ms->cover_text = xstrdup("cover\n\nwith lines\n");
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		struct message *m = message_set_add(ms);

		m->message_id = xstrfmt("<%zu-git-bpf@example.org>", i);
		m->subject = xstrfmt("[PATCH %zu/2] caf\xc3\xa9 %zu", i, i);
		m->from = xstrdup("J\xc3\xa9 <je@example.org>");
		strvec_push(&m->to, "bpf@vger.kernel.org");
		strvec_push(&m->cc, "A <a@example.org>");
		strvec_push(&m->cc, "b@example.org");
		m->text = xstrdup(texts[i]);
		m->filename = xstrfmt("000%zu-x.patch", i);
		if (i) {
			m->patch_id = xstrfmt("%040zu", i);
			snprintf(m->commit, sizeof(m->commit), "%040zu", i);
		}
	}
}

static void test_outbox_round_trip(void **state)
{
	struct fixture *f = *state;
	struct outbox ob, again;
	struct strbuf index = STRBUF_INIT;
	struct message_set ms, back = { 0 };
	char *path;
	int fd;
	size_t i, j;

	make_set(&ms);
	outbox_init(&ob, f->repo);
	assert_false(outbox_exists(&ob));
	assert_int_equal(outbox_lock(&ob), 0);
	assert_int_equal(outbox_create(&ob, &ms), 0);
	assert_true(outbox_exists(&ob));
	assert_true(deliver_pending(f->repo));
	/* a second send is refused while one waits */
	assert_int_equal(outbox_create(&ob, &ms), -1);
	assert_int_equal(outbox_mark(&ob, 1, ms.v[1].message_id), 0);

	/* another process (or a second open) cannot take the lock */
	outbox_init(&again, f->repo);
	assert_int_equal(outbox_lock(&again), -1);
	outbox_release(&again);
	outbox_release(&ob);

	/* a line torn by a crash and a stale id count as not accepted */
	path = xstrfmt("%s/.git/bpf/outbox/accepted", f->dir);
	fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0003 <nope@example.org>\n0001 <0-git", 35),
			 35);
	close(fd);
	free(path);

	outbox_init(&ob, f->repo);
	assert_int_equal(outbox_lock(&ob), 0);
	assert_int_equal(outbox_load(&ob, &back), 0);
	assert_int_equal(back.nr, ms.nr);
	assert_string_equal(back.kind, "series");
	assert_string_equal(back.branch, "topic");
	assert_int_equal(back.version, 3);
	assert_string_equal(back.base, ms.base);
	assert_string_equal(back.cover_text, ms.cover_text);
	/* the journal names no transport: a resume goes by today's config */
	path = xstrfmt("%s/.git/bpf/outbox/index", f->dir);
	assert_int_equal(strbuf_read_file(&index, path), 0);
	assert_null(strstr(index.buf, "\nserver "));
	assert_null(strstr(index.buf, "\nencryption "));
	strbuf_release(&index);
	free(path);
	for (i = 0; i < ms.nr; i++) {
		const struct message *a = &ms.v[i], *b = &back.v[i];

		assert_string_equal(a->text, b->text);
		assert_string_equal(a->message_id, b->message_id);
		assert_string_equal(a->subject, b->subject);
		assert_string_equal(a->from, b->from);
		assert_string_equal(a->filename, b->filename);
		assert_string_equal(a->commit, b->commit);
		if (a->patch_id)
			assert_string_equal(a->patch_id, b->patch_id);
		else
			assert_null(b->patch_id);
		assert_int_equal(a->to.nr, b->to.nr);
		assert_int_equal(a->cc.nr, b->cc.nr);
		for (j = 0; j < a->cc.nr; j++)
			assert_string_equal(a->cc.v[j], b->cc.v[j]);
		assert_int_equal(ob.accepted[i], i == 1);
	}
	assert_int_equal(outbox_clear(&ob), 0);
	assert_false(outbox_exists(&ob));
	assert_false(deliver_pending(f->repo));
	outbox_release(&ob);
	message_set_release(&back);
	message_set_release(&ms);
}

static void test_outbox_damaged(void **state)
{
	struct fixture *f = *state;
	struct outbox ob;
	struct message_set ms, back = { 0 };
	struct strbuf index = STRBUF_INIT;
	char *path;
	FILE *fp;

	make_set(&ms);
	outbox_init(&ob, f->repo);
	assert_int_equal(outbox_lock(&ob), 0);
	assert_int_equal(outbox_create(&ob, &ms), 0);
	path = xstrfmt("%s/.git/bpf/outbox/index", f->dir);
	assert_int_equal(strbuf_read_file(&index, path), 0);
	/* cut before "end": the journal is not trusted */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fwrite(index.buf, 1, index.len - 4, fp);
	fclose(fp);
	assert_int_equal(outbox_load(&ob, &back), -1);
	message_set_release(&back);
	assert_int_equal(outbox_clear(&ob), 0);
	outbox_release(&ob);
	strbuf_release(&index);
	free(path);
	message_set_release(&ms);
}

static void test_outbox_refuses_newline(void **state)
{
	struct fixture *f = *state;
	struct outbox ob;
	struct message_set ms;

	make_set(&ms);
	strvec_push(&ms.v[2].cc, "evil@example.org\nBcc: x@example.org");
	outbox_init(&ob, f->repo);
	assert_int_equal(outbox_lock(&ob), 0);
	assert_int_equal(outbox_create(&ob, &ms), -1);
	assert_false(outbox_exists(&ob));
	outbox_release(&ob);
	message_set_release(&ms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_bad_settings),
		cmocka_unit_test(test_program),
		cmocka_unit_test(test_loopback),
		cmocka_unit_test_setup_teardown(test_outbox_round_trip,
						setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_outbox_damaged,
						setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_outbox_refuses_newline,
						setup_repo, teardown_repo),
	};

	RUN_TAP(tests);
}
