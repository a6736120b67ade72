// SPDX-License-Identifier: GPL-2.0
/* format: the mail text git format-patch writes for a commit: the
 * message as pretty.c splits it, around the diff engine's stat and diff. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "format.h"
#include "repo.h"
#include "util.h"

/* ---- the message, as pretty.c prints it for mail */

static bool is_blank(const char *line, size_t *len)
{
	while (*len && isspace((unsigned char)line[*len - 1]))
		(*len)--;
	return !*len;
}

void format_split_message(const char *msg, struct strbuf *subject,
			  struct strbuf *body)
{
	const char *p = msg;
	bool first = true;

	/* skip_blank_lines() */
	while (*p) {
		const char *nl = strchrnul(p, '\n');
		size_t len = nl - p;

		if (!is_blank(p, &len))
			break;
		p = *nl ? nl + 1 : nl;
	}
	/* format_subject(): the first paragraph, joined by spaces */
	while (*p) {
		const char *line = p, *nl = strchrnul(p, '\n');
		size_t len = nl - line;

		p = *nl ? nl + 1 : nl;
		if (is_blank(line, &len))
			break;
		if (!first)
			strbuf_addch(subject, ' ');
		strbuf_add(subject, line, len);
		first = false;
	}
	/* pp_remainder(): leading blank lines dropped, every line
	 * right-trimmed, then the whole right-trimmed */
	first = true;
	while (*p) {
		const char *line = p, *nl = strchrnul(p, '\n');
		size_t len = nl - line;

		p = *nl ? nl + 1 : nl;
		if (is_blank(line, &len) && first)
			continue;
		first = false;
		strbuf_add(body, line, len);
		strbuf_addch(body, '\n');
	}
	strbuf_rtrim(body);
	if (body->len)
		strbuf_addch(body, '\n');
}

static bool has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

int format_commit(struct formatted_patch *out, git_repository *repo,
		  git_commit *commit, int abbrev, const char *diff)
{
	struct strbuf subject = STRBUF_INIT, body = STRBUF_INIT;
	struct strbuf stat = STRBUF_INIT, text = STRBUF_INIT;
	const char *msg = git_commit_message_raw(commit);
	int ret = -1;

	memset(out, 0, sizeof(*out));
	git_oid_tostr(out->oid, sizeof(out->oid), git_commit_id(commit));
	if (diff_commit(diff ? NULL : &text, &stat, repo, commit, abbrev))
		goto out;
	if (diff)
		strbuf_addstr(&text, diff);
	format_split_message(msg ? msg : "", &subject, &body);
	out->message_8bit = has_non_ascii(subject.buf) ||
			    has_non_ascii(body.buf);
	diff_patch_id(&out->patch_id, text.buf);
	out->subject = strbuf_detach(&subject, NULL);
	out->body = strbuf_detach(&body, NULL);
	out->stat = strbuf_detach(&stat, NULL);
	out->diff = strbuf_detach(&text, NULL);
	ret = 0;
out:
	strbuf_release(&subject);
	strbuf_release(&body);
	strbuf_release(&stat);
	strbuf_release(&text);
	return ret;
}

void formatted_patch_release(struct formatted_patch *fp)
{
	free(fp->subject);
	free(fp->body);
	free(fp->stat);
	free(fp->diff);
	free(fp->patch_id);
	fp->subject = fp->body = fp->stat = fp->diff = fp->patch_id = NULL;
}

void format_patch_body(struct strbuf *out, const struct formatted_patch *fp,
		       const char *commentary, const char *signature)
{
	strbuf_addstr(out, fp->body);
	strbuf_addstr(out, "---\n");
	if (commentary && *commentary) {
		strbuf_addstr(out, commentary);
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, fp->stat);
	strbuf_addch(out, '\n');
	strbuf_addstr(out, fp->diff);
	if (signature)
		strbuf_addf(out, "-- \n%s\n\n", signature);
}
