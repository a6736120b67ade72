// SPDX-License-Identifier: GPL-2.0
/* message: the set of finished mails handed from the composers (send,
 * stable-request, report) to output and delivery. */
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
