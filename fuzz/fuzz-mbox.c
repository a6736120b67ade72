// SPDX-License-Identifier: GPL-2.0
/* fuzz-mbox: series_parse_mbox() on any bytes, as `git bpf check FILE`
 * reads patches and mboxes that others wrote.  fuzz-needs: series */
#include "fuzz.h"
#include "series.h"

static void check_patch(const struct patch *p)
{
	size_t i;

	fuzz_touch(p->author_name);
	fuzz_touch(p->author_email);
	fuzz_touch(p->committer_name);
	fuzz_touch(p->committer_email);
	fuzz_touch(p->prefix);
	fuzz_touch(p->message);
	fuzz_touch(p->body);
	fuzz_touch(p->diff);
	fuzz_touch(p->message_id);
	fuzz_touch(p->in_reply_to);
	fuzz_touch(p->sender);
	fuzz_touch(p->source);
	FUZZ_CHECK(strlen(p->oid) <= GIT_OID_HEXSZ);
	/* "lines joined by a space": a subject never spans lines */
	if (p->subject)
		FUZZ_CHECK(!strchr(p->subject, '\n'));
	for (i = 0; i < p->trailers.nr; i++) {
		const struct trailer *t = &p->trailers.v[i];

		fuzz_touch(t->token);
		fuzz_touch(t->raw);
		FUZZ_CHECK(!t->value || !strchr(t->value, '\n'));
	}
	for (i = 0; i < p->paths_nr; i++) {
		FUZZ_CHECK(p->paths[i].path);
		fuzz_touch(p->paths[i].old_path);
	}
	patch_short_oid(p, 12);
	patch_touches(p, "kernel/bpf/");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct series s;
	char *buf = fuzz_exact(data, size);
	size_t i;

	memset(&s, 0, sizeof(s));
	s.source = SERIES_FILES;
	if (!series_parse_mbox(&s, buf, size, "fuzz.mbox")) {
		FUZZ_CHECK(s.nr <= s.alloc || !s.alloc);
		for (i = 0; i < s.nr; i++)
			check_patch(&s.patches[i]);
		if (s.cover)
			check_patch(s.cover);
		FUZZ_CHECK(strlen(s.base) <= GIT_OID_HEXSZ);
		series_touches(&s, "tools/testing/selftests/bpf/");
	}
	series_release(&s);
	/* the thread reader (git bpf trailers) on the same bytes */
	{
		struct thread t = { 0 };

		if (!series_thread_parse(&t, buf, size, "fuzz.mbox"))
			for (i = 0; i < t.nr; i++) {
				FUZZ_CHECK(t.v[i].where && t.v[i].from &&
					   t.v[i].subject && t.v[i].body);
				fuzz_touch(t.v[i].message_id);
				fuzz_touch(t.v[i].in_reply_to);
			}
		series_thread_release(&t);
	}
	free(buf);
	return 0;
}
