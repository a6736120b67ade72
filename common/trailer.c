// SPDX-License-Identifier: GPL-2.0
/* trailer: the trailer block of a commit message, found as git
 * interpret-trailers finds it, and the Fixes: tag's exact form. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "trailer.h"
#include "util.h"

/* Trailers git itself writes: one of them lets a block pass the 25% rule. */
static const char *const git_generated[] = {
	"Signed-off-by: ",
	"(cherry picked from commit ",
};

/* Length of "Token" when line starts with "Token:" (token of letters,
 * digits and dashes, as git accepts with the default ':' separator). */
static size_t token_len(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (isalnum((unsigned char)line[i]) || line[i] == '-'))
		i++;
	if (!i || i >= len || line[i] != ':')
		return 0;
	return i;
}

static bool is_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)line[i]))
			return false;
	return true;
}

/* Where the message ends: at a "---" line (the patch part), as git
 * interpret-trailers does for patches, else at len. */
static size_t message_end(const char *msg, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(msg + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (msg + pos)) : len - pos;

		if (l >= 3 && !memcmp(msg + pos, "---", 3) &&
		    (l == 3 || isspace((unsigned char)msg[pos + 3])))
			return pos;
		pos += l + (nl ? 1 : 0);
	}
	return len;
}

void trailer_parse(struct trailer_list *tl, const char *msg, size_t len)
{
	size_t end, start, pos, nlines = 0, ntrailers = 0, line_no = 1;
	bool generated = false, any_trailer = false;
	struct trailer *cur = NULL;

	memset(tl, 0, sizeof(*tl));
	end = message_end(msg, len);
	/* skip trailing blank lines */
	while (end > 0) {
		size_t ls = end;

		if (msg[ls - 1] == '\n')
			ls--;
		while (ls > 0 && msg[ls - 1] != '\n')
			ls--;
		if (!is_blank(msg + ls, end - ls))
			break;
		end = ls;
	}
	tl->block_start = len;
	if (!end)
		return;
	/* the last paragraph: back to the previous blank line */
	start = end;
	if (msg[start - 1] == '\n')
		start--;
	for (;;) {
		size_t ls = start;

		while (ls > 0 && msg[ls - 1] != '\n')
			ls--;
		if (is_blank(msg + ls, start - ls)) {
			start = start + (start < end && msg[start] == '\n');
			break;
		}
		if (!ls) {
			start = 0;
			break;
		}
		start = ls - 1;
	}
	/* The subject paragraph (the first) is never a trailer block. */
	if (start == 0)
		return;
	for (pos = 0; pos < start; pos++)
		if (msg[pos] == '\n')
			line_no++;

	/* first pass: classify lines */
	for (pos = start; pos < end;) {
		const char *line = msg + pos;
		const char *nl = memchr(line, '\n', end - pos);
		size_t l = nl ? (size_t)(nl - line) : end - pos;

		if (l && (line[0] == ' ' || line[0] == '\t') && any_trailer) {
			/* continuation: belongs to the previous line */
		} else {
			nlines++;
			any_trailer = false;
			for (size_t g = 0; g < ARRAY_SIZE(git_generated); g++)
				if (l >= strlen(git_generated[g]) &&
				    !strncasecmp(line, git_generated[g],
						 strlen(git_generated[g]))) {
					generated = true;
					any_trailer = true;
				}
			if (!any_trailer && token_len(line, l))
				any_trailer = true;
			if (any_trailer)
				ntrailers++;
		}
		pos += l + 1;
	}
	if (!ntrailers)
		return;
	if (ntrailers != nlines && !(generated && ntrailers * 4 >= nlines))
		return;

	tl->block_start = start;
	for (pos = start; pos < end;) {
		const char *line = msg + pos;
		const char *nl = memchr(line, '\n', end - pos);
		size_t l = nl ? (size_t)(nl - line) : end - pos;
		size_t tok = token_len(line, l);

		if (l && (line[0] == ' ' || line[0] == '\t') && cur) {
			struct strbuf v = STRBUF_INIT, raw = STRBUF_INIT;
			size_t s = 0;

			while (s < l && isspace((unsigned char)line[s]))
				s++;
			strbuf_addstr(&v, cur->value);
			strbuf_addch(&v, ' ');
			strbuf_add(&v, line + s, l - s);
			strbuf_rtrim(&v);
			free(cur->value);
			cur->value = strbuf_detach(&v, NULL);
			strbuf_addstr(&raw, cur->raw);
			strbuf_addch(&raw, '\n');
			strbuf_add(&raw, line, l);
			free(cur->raw);
			cur->raw = strbuf_detach(&raw, NULL);
		} else if (tok) {
			struct strbuf v = STRBUF_INIT;
			size_t s = tok + 1;

			while (s < l && (line[s] == ' ' || line[s] == '\t'))
				s++;
			strbuf_add(&v, line + s, l - s);
			strbuf_rtrim(&v);
			ALLOC_GROW(tl->v, tl->nr + 1, tl->alloc);
			cur = &tl->v[tl->nr++];
			cur->token = xstrndup(line, tok);
			cur->value = strbuf_detach(&v, NULL);
			cur->raw = xstrndup(line, l);
			cur->line = line_no;
		} else {
			cur = NULL;
		}
		line_no++;
		pos += l + 1;
	}
}

void trailer_list_release(struct trailer_list *tl)
{
	for (size_t i = 0; i < tl->nr; i++) {
		free(tl->v[i].token);
		free(tl->v[i].value);
		free(tl->v[i].raw);
	}
	free(tl->v);
	memset(tl, 0, sizeof(*tl));
}

bool trailer_is(const struct trailer *t, const char *token)
{
	return !strcasecmp(t->token, token);
}

void fixes_parse(struct fixes_tag *f, const char *value)
{
	const char *p = value, *q;
	bool leading = false;
	size_t n = 0;

	memset(f, 0, sizeof(*f));
	/* "commit 0123456789ab (...)", as prose would say it: NIPA names the
	 * word, and the id after it is still worth looking up */
	if (!strncasecmp(p, "commit", 6) && (p[6] == ' ' || p[6] == '\t')) {
		const char *h = p + 6;

		while (*h == ' ' || *h == '\t')
			h++;
		if (isxdigit((unsigned char)*h)) {
			leading = true;
			p = h;
		}
	}
	while (isxdigit((unsigned char)p[n]))
		n++;
	memcpy(f->sha, p, n < sizeof(f->sha) - 1 ? n : sizeof(f->sha) - 1);
	f->sha[n < sizeof(f->sha) - 1 ? n : sizeof(f->sha) - 1] = '\0';
	for (size_t i = 0; f->sha[i]; i++)
		f->sha[i] = (char)tolower((unsigned char)f->sha[i]);
	q = p + n;
	/* the quoted subject, wherever it is */
	{
		const char *open = strstr(q, "(\"");
		const char *close = strrchr(q, ')');

		if (open && close && close > open + 1 && close[-1] == '"' &&
		    close - 1 > open + 1)
			f->subject = xstrndup(open + 2,
					      (size_t)(close - 1 - (open + 2)));
	}
	if (!n) {
		f->why = "no commit id";
		return;
	}
	if (leading) {
		f->why = "drop the word 'commit' before the id";
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (isupper((unsigned char)p[i])) {
			f->why = "the commit id is not lower case";
			return;
		}
	if (n < 12) {
		f->why = "the commit id has fewer than 12 digits";
		return;
	}
	if (n > 40) {
		f->why = "the commit id has more than 40 digits";
		return;
	}
	if (strchr(value, '\n')) {
		f->why = "the tag is wrapped over several lines";
		return;
	}
	if (strncmp(q, " (\"", 3)) {
		/* "abc (subject)": the quotes are what is missing */
		if (!strncmp(q, " (", 2) && q[2] != ' ' && q[2] != '"')
			f->why = "the subject is not in quotes: write (\"subject\")";
		else
			f->why = "not followed by exactly one space and (\"subject\")";
		return;
	}
	if (!f->subject || strlen(q) < 5 || strcmp(q + strlen(q) - 2, "\")")) {
		const char *close = NULL;

		/* ("subject"). or ("subject") and more: say what follows */
		for (const char *c = strstr(q, "(\""); c && (c = strstr(c + 1, "\")"));)
			close = c + 1;
		if (!close)
			f->why = "the subject is not closed by \")";
		else if (!strcmp(close + 1, "."))
			f->why = "a full stop after the closing \")";
		else if (!close[1 + strspn(close + 1, " \t")])
			f->why = "white space after the closing \")";
		else
			f->why = "text after the closing \")";
		return;
	}
	f->ok = true;
}

/* Compare after trimming blanks, as NIPA's verify_fixes does. */
static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static bool same(const char *a, size_t an, const char *b, size_t bn)
{
	trim(&a, &an);
	trim(&b, &bn);
	return an == bn && !memcmp(a, b, an);
}

bool fixes_subject_matches(const char *quoted, const char *summary)
{
	size_t qn = strlen(quoted), sn = strlen(summary);
	const char *q = quoted, *mid;

	trim(&q, &qn);
	trim(&summary, &sn);
	if (qn > 3 && !memcmp(q + qn - 3, "...", 3)) {
		qn -= 3;
		trim(&q, &qn);
		return qn && qn <= sn && same(q, qn, summary, qn);
	}
	if (qn > 3 && !memcmp(q, "...", 3)) {
		q += 3, qn -= 3;
		trim(&q, &qn);
		return qn && qn <= sn && same(q, qn, summary + sn - qn, qn);
	}
	mid = memmem(q, qn, " ... ", 5);
	if (mid) {
		size_t n1 = (size_t)(mid - q), n2 = qn - n1 - 5;
		const char *s2 = mid + 5;

		return n1 + n2 <= sn &&
		       same(q, n1, summary, n1) &&
		       same(s2, n2, summary + sn - n2, n2);
	}
	return same(q, qn, summary, sn);
}

void fixes_release(struct fixes_tag *f)
{
	free(f->subject);
	f->subject = NULL;
}
