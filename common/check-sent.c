// SPDX-License-Identifier: GPL-2.0
/* check-sent: the rule that reads the versions sent from the branch
 * (the sent/<branch>-v<N> tags): repost-too-soon. */
#include <string.h>
#include <time.h>

#include "check-internal.h"
#include "sent.h"
#include "series.h"

#define REPOST_WAIT	(24 * 3600)	/* netdev: 24 hours between versions */

static void utc(char *buf, size_t len, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M UTC", &tm);
}

int check_repost(struct check_ctx *c)
{
	const struct series *s = c->s;
	struct sent_version *v = NULL;
	const struct sent_version *last;
	char sent[32], fine[32];
	long long now;
	size_t nr = 0;

	if (c->opts->no_send || c->opts->resend || !c->repo || !s->nr ||
	    s->source != SERIES_RANGE || !s->tip_ref || !*s->tip_ref)
		return 0;
	if (sent_list(c->repo, s->tip_ref, &v, &nr))
		return -1;
	if (!nr)
		goto out;
	last = &v[nr - 1];
	/* the version sent itself is no new version */
	if (!strcmp(last->tip, s->patches[s->nr - 1].oid))
		goto out;
	now = c->opts->now ? c->opts->now : (long long)time(NULL);
	if (now - last->date >= REPOST_WAIT)
		goto out;
	utc(sent, sizeof(sent), last->date);
	utc(fine, sizeof(fine), last->date + REPOST_WAIT);
	check_addf(c, NULL, "repost-too-soon", -1,
		   "'%s' was sent at %s: the next version can go from %s",
		   last->tag, sent, fine);
out:
	sent_list_free(v, nr);
	return 0;
}
