// SPDX-License-Identifier: GPL-2.0
/* check-nipa: rules for what the netdev/BPF CI (NIPA) and the mail path
 * refuse that the QA document does not spell out. */
#include <string.h>

#include "check-internal.h"
#include "maint.h"
#include "strbuf.h"
#include "util.h"

/* Offset of the first CR not followed by LF in s[0..n), or n. */
static size_t bare_cr(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '\r', n - (size_t)(p - s)));
	     p++)
		if ((size_t)(p - s) + 1 >= n || p[1] != '\n')
			return (size_t)(p - s);
	return n;
}

/* 1-based line of offset off in s. */
static size_t line_of(const char *s, size_t off)
{
	size_t nr = 1;

	for (size_t i = 0; i < off; i++)
		nr += s[i] == '\n';
	return nr;
}

/* A carriage return on its own ends the line for an SMTP server, which
 * then refuses the message, and a series stops there half sent. */
int check_bare_cr(struct check_ctx *c)
{
	for (size_t i = 0; i < c->s->nr; i++) {
		struct patch *p = &c->s->patches[i];
		const char *subj = p->subject ? p->subject : "";
		const char *msg = p->message ? p->message : "", *diff;
		size_t n;

		if (p->parents > 1)
			continue;
		if (bare_cr(subj, strlen(subj)) < strlen(subj)) {
			check_addf(c, p, "bare-cr", -1,
				   "a carriage return in the subject");
			continue;
		}
		n = strlen(msg);
		if (bare_cr(msg, n) < n) {
			check_addf(c, p, "bare-cr", -1,
				   "a carriage return without a line feed on line %zu of the message",
				   line_of(msg, bare_cr(msg, n)));
			continue;
		}
		if (series_patch_diff(c->s, p, &diff))
			return -1;
		n = strlen(diff);
		if (bare_cr(diff, n) < n) {
			size_t off = bare_cr(diff, n);

			check_addf(c, p, "bare-cr", -1,
				   "a carriage return without a line feed on line %zu of the diff",
				   line_of(diff, off));
		}
	}
	return 0;
}

/* NIPA's maintainers test leaves these to their parents' entries. */
static bool needs_entry(const char *path)
{
	const char *base = strrchr(path, '/');

	if (starts_with(path, "Documentation/") ||
	    starts_with(path, "tools/testing/"))
		return false;
	base = base ? base + 1 : path;
	return strcmp(base, "Makefile") && strcmp(base, "Kconfig");
}

/* A new file that only THE REST covers reaches nobody who knows it. */
int check_new_files(struct check_ctx *c)
{
	struct maint_db *db = NULL;
	int ret = 0;

	if (!c->repo)
		return 0;
	for (size_t i = 0; i < c->s->nr; i++) {
		const struct patch *p = &c->s->patches[i];

		for (size_t k = 0; k < p->paths_nr; k++) {
			const struct touched_path *t = &p->paths[k];
			struct strvec names = STRVEC_INIT;
			struct strbuf q = STRBUF_INIT;
			bool covered = false;

			if ((t->kind != 'A' && t->kind != 'C' &&
			     t->kind != 'R') || !needs_entry(t->path))
				continue;
			if (!db) {
				int err = maint_db_load_repo(&db, c->repo);

				if (err) {
					ret = err < 0 ? -1 : 0;
					goto out;
				}
			}
			maint_file_sections(db, t->path, &names);
			for (size_t n = 0; n < names.nr; n++)
				if (strcmp(names.v[n], "THE REST"))
					covered = true;
			strvec_clear(&names);
			if (covered)
				continue;
			check_add_clean(&q, t->path, 100);
			check_addf(c, p, "new-file-unmaintained", -1,
				   "adds %s, which no MAINTAINERS section covers but THE REST",
				   q.buf);
			strbuf_release(&q);
		}
	}
out:
	maint_db_free(db);
	return ret;
}
