// SPDX-License-Identifier: GPL-2.0
/* output: finished messages written without the network: a --dry-run
 * summary, one mbox on stdout, or one file a message in a directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "mail.h"
#include "message.h"
#include "output.h"

static const char zero_oid[] = "0000000000000000000000000000000000000000";

/* The mbox separator line git format-patch writes. */
static void mbox_from_line(struct strbuf *sb, const struct message *m)
{
	strbuf_addf(sb, "From %s Mon Sep 17 00:00:00 2001\n",
		    m->commit[0] ? m->commit : zero_oid);
}

static void print_dry_run(const struct message_set *ms)
{
	struct strvec all = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < ms->nr; i++) {
		const struct message *m = &ms->v[i];

		/* subjects and names come from commits: no terminal control */
		if (i)
			strbuf_addch(&sb, '\n');
		if (m->subject)
			strbuf_add_escaped(&sb, m->subject, strlen(m->subject));
		strbuf_addch(&sb, '\n');
		for (j = 0; j < m->to.nr; j++) {
			strbuf_addstr(&sb, "  To: ");
			strbuf_add_escaped(&sb, m->to.v[j], strlen(m->to.v[j]));
			strbuf_addch(&sb, '\n');
		}
		for (j = 0; j < m->cc.nr; j++) {
			strbuf_addstr(&sb, "  Cc: ");
			strbuf_add_escaped(&sb, m->cc.v[j], strlen(m->cc.v[j]));
			strbuf_addch(&sb, '\n');
		}
		message_rcpts(m, &all);
	}
	strbuf_addf(&sb, "\ndry run: %zu message%s to %zu recipient%s, "
		    "nothing sent\n", ms->nr, ms->nr == 1 ? "" : "s",
		    all.nr, all.nr == 1 ? "" : "s");
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	strvec_clear(&all);
}

static int write_stdout(const struct message_set *ms)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < ms->nr; i++) {
		const struct message *m = &ms->v[i];

		mbox_from_line(&sb, m);
		strbuf_addstr(&sb, m->text);
		/* mbox readers need a blank line before the next "From " */
		if (sb.len && sb.buf[sb.len - 1] != '\n')
			strbuf_addch(&sb, '\n');
		if (i + 1 < ms->nr && !ends_with(sb.buf, "\n\n"))
			strbuf_addch(&sb, '\n');
	}
	if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout))
		ret = error_errno("unable to write to standard output");
	strbuf_release(&sb);
	return ret;
}

static int mkdir_p(const char *dir)
{
	char *p, *tmp = xstrdup(dir);
	int ret = 0;

	for (p = tmp + 1; ; p++) {
		char c = *p;

		if (c != '/' && c)
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) && errno != EEXIST) {
			ret = error_errno("unable to create directory '%s'", tmp);
			break;
		}
		*p = c;
		if (!c)
			break;
	}
	free(tmp);
	return ret;
}

static int write_file(const char *path, const struct strbuf *sb)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return error_errno("unable to create '%s'", path);
	if (fwrite(sb->buf, 1, sb->len, f) != sb->len) {
		fclose(f);
		return error_errno("unable to write '%s'", path);
	}
	if (fclose(f))
		return error_errno("unable to write '%s'", path);
	return 0;
}

static int write_dir(const struct message_set *ms, const char *dir)
{
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
	size_t i;
	int ret = 0;

	if (!dir || !*dir)
		return error("no output directory given");
	if (mkdir_p(dir))
		return -1;
	for (i = 0; i < ms->nr && !ret; i++) {
		const struct message *m = &ms->v[i];

		strbuf_reset(&sb);
		strbuf_reset(&path);
		mbox_from_line(&sb, m);
		strbuf_addstr(&sb, m->text);
		if (sb.buf[sb.len - 1] != '\n')
			strbuf_addch(&sb, '\n');
		strbuf_addstr(&path, dir);
		if (!ends_with(dir, "/"))
			strbuf_addch(&path, '/');
		if (m->filename)
			strbuf_addstr(&path, m->filename);
		else
			strbuf_addf(&path, "%04zu-message.patch", i);
		ret = write_file(path.buf, &sb);
		if (!ret)
			printf("%s\n", path.buf);
	}
	strbuf_release(&sb);
	strbuf_release(&path);
	return ret;
}

int output_messages(const struct message_set *ms, enum output_mode mode,
		    const char *dir)
{
	switch (mode) {
	case OUTPUT_DRY_RUN:
		print_dry_run(ms);
		return 0;
	case OUTPUT_STDOUT:
		return write_stdout(ms);
	case OUTPUT_DIR:
		return write_dir(ms, dir);
	case OUTPUT_SEND:
		break;
	}
	return error("output_messages: sending is deliver_messages()'s job");
}
