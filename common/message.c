// SPDX-License-Identifier: GPL-2.0
/* message: the one writer of every mail's headers, and the set of
 * finished mails handed from the composers (send, stable-request,
 * report) to output and delivery. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "message.h"

struct message *message_set_add(struct message_set *ms)
{
	struct message *m;

	ALLOC_GROW(ms->v, ms->nr + 1, ms->alloc);
	m = &ms->v[ms->nr++];
	memset(m, 0, sizeof(*m));
	return m;
}

#define MAX_LINE	998	/* RFC 5322 */

static bool long_lines(const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchrnul(p, '\n');

		if (nl - p > MAX_LINE)
			return true;
		p = *nl ? nl + 1 : nl;
	}
	return false;
}

/* Quoted-printable, for the rare body a mail server would cut. */
static void qp_encode(struct strbuf *out, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchrnul(p, '\n');
		int col = 0;

		for (; p < nl; p++) {
			unsigned char c = *p;
			bool at_end = p + 1 == nl;
			int w = (c == '=' || c > 126 || (c < 32 && c != '\t') ||
				 ((c == ' ' || c == '\t') && at_end)) ? 3 : 1;

			if (col + w > 75) {
				strbuf_addstr(out, "=\n");
				col = 0;
			}
			if (w == 3)
				strbuf_addf(out, "=%02X", c);
			else
				strbuf_addch(out, c);
			col += w;
		}
		if (*nl) {
			strbuf_addch(out, '\n');
			p = nl + 1;
		}
	}
}

static void headers_add(struct strbuf *sb, const struct message *m,
			const struct mail_fields *f, bool qp)
{
	struct strbuf date = STRBUF_INIT;

	mail_from_add(sb, "From", f->from_name, f->from_addr);
	mail_date(&date, f->date, f->tz);
	mail_header_add(sb, "Date", date.buf);
	mail_subject_add(sb, f->subject_prefix, f->subject);
	strbuf_addf(sb, "Message-ID: %s\n", m->message_id);
	if (f->in_reply_to)
		strbuf_addf(sb, "In-Reply-To: %s\nReferences: %s\n",
			    f->in_reply_to, f->in_reply_to);
	mail_header_add_addresses(sb, "To", &m->to);
	mail_header_add_addresses(sb, "Cc", &m->cc);
	strbuf_addstr(sb, "MIME-Version: 1.0\n"
		      "Content-Type: text/plain; charset=UTF-8\n");
	strbuf_addf(sb, "Content-Transfer-Encoding: %s\n",
		    qp ? "quoted-printable" : "8bit");
	strbuf_addf(sb, "X-Mailer: git-bpf %s\n", GIT_BPF_VERSION);
	strbuf_release(&date);
}

struct message *message_set_add_mail(struct message_set *ms,
				     const struct mail_fields *f)
{
	struct message *m = message_set_add(ms);
	struct strbuf sb = STRBUF_INIT;
	bool qp = long_lines(f->body);
	size_t i;

	m->message_id = f->message_id ? xstrdup(f->message_id) :
			mail_message_id(f->from_addr, f->date, 1);
	if (f->subject_prefix && *f->subject_prefix)
		m->subject = xstrfmt("%s %s", f->subject_prefix, f->subject);
	else
		m->subject = xstrdup(f->subject);
	m->filename = f->filename ? xstrdup(f->filename) :
		      message_filename(1, 1, m->subject, ".eml");
	address_format(&sb, f->from_name, f->from_addr, false);
	m->from = strbuf_detach(&sb, NULL);
	for (i = 0; i < f->to->nr; i++)
		strvec_push_unique(&m->to, f->to->v[i], true);
	for (i = 0; f->cc && i < f->cc->nr; i++)
		strvec_push_unique(&m->cc, f->cc->v[i], true);

	headers_add(&sb, m, f, qp);
	strbuf_addch(&sb, '\n');
	if (qp)
		qp_encode(&sb, f->body);
	else
		strbuf_addstr(&sb, f->body);
	if (*f->body && sb.buf[sb.len - 1] != '\n')
		strbuf_addch(&sb, '\n');
	m->text = strbuf_detach(&sb, NULL);
	return m;
}

static bool istitlechar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_';
}

/* git's format_sanitized_subject(). */
static void sanitized_subject(struct strbuf *sb, const char *msg)
{
	size_t start_len = sb->len, i, len = strlen(msg);
	int space = 2;

	for (i = 0; i < len; i++) {
		if (istitlechar(msg[i])) {
			if (space == 1)
				strbuf_addch(sb, '-');
			space = 0;
			strbuf_addch(sb, msg[i]);
			if (msg[i] == '.')
				while (msg[i + 1] == '.')
					i++;
		} else {
			space |= 1;
		}
	}
	while (sb->len > start_len &&
	       (sb->buf[sb->len - 1] == '.' || sb->buf[sb->len - 1] == '-'))
		strbuf_setlen(sb, sb->len - 1);
}

char *message_filename(int version, size_t nr, const char *subject,
		       const char *ext)
{
	struct strbuf sb = STRBUF_INIT, subj = STRBUF_INIT;
	/* format.filenameMaxLength 64, less ".patch" and one */
	size_t max_len = 64 - (strlen(".patch") + 1);

	if (version > 1)
		strbuf_addf(&sb, "v%d-", version);
	sanitized_subject(&subj, subject);
	strbuf_addf(&sb, "%04zu-%s", nr, subj.buf);
	if (sb.len > max_len)
		strbuf_setlen(&sb, max_len);
	strbuf_addstr(&sb, ext);
	strbuf_release(&subj);
	return strbuf_detach(&sb, NULL);
}

static void message_release(struct message *m)
{
	free(m->message_id);
	free(m->subject);
	free(m->from);
	strvec_clear(&m->to);
	strvec_clear(&m->cc);
	free(m->text);
	free(m->filename);
	free(m->patch_id);
	memset(m, 0, sizeof(*m));
}

void message_set_release(struct message_set *ms)
{
	size_t i;

	for (i = 0; i < ms->nr; i++)
		message_release(&ms->v[i]);
	free(ms->v);
	ms->v = NULL;
	ms->nr = ms->alloc = 0;
	free(ms->branch);
	ms->branch = NULL;
	free(ms->cover_text);
	ms->cover_text = NULL;
}

static void rcpts_add(const struct strvec *list, struct strvec *out)
{
	size_t i;

	for (i = 0; i < list->nr; i++) {
		struct address a = { NULL, NULL };

		/* The composers only store addresses they parsed, so a
		 * failure here is a bug upstream; keep the text as is. */
		if (address_parse(&a, list->v[i])) {
			strvec_push_unique(out, list->v[i], true);
			continue;
		}
		strvec_push_unique(out, a.addr, true);
		address_release(&a);
	}
}

void message_rcpts(const struct message *m, struct strvec *out)
{
	rcpts_add(&m->to, out);
	rcpts_add(&m->cc, out);
}
