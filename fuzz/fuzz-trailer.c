// SPDX-License-Identifier: GPL-2.0
/* fuzz-trailer: trailer_parse() on any commit message, and fixes_parse()
 * on every Fixes: it finds.  fuzz-needs: trailer */
#include "fuzz.h"
#include "trailer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trailer_list tl;
	char *msg = fuzz_exact(data, size);
	size_t i;

	memset(&tl, 0, sizeof(tl));
	trailer_parse(&tl, msg, size);
	FUZZ_CHECK(tl.block_start <= size);
	for (i = 0; i < tl.nr; i++) {
		const struct trailer *t = &tl.v[i];

		FUZZ_CHECK(t->token && t->value && t->raw);
		fuzz_touch(t->token);
		fuzz_touch(t->raw);
		/* continuation lines are joined: one value, one line */
		FUZZ_CHECK(!strchr(t->value, '\n'));
		FUZZ_CHECK(t->line >= 1);
		if (trailer_is(t, "Fixes")) {
			struct fixes_tag f;

			memset(&f, 0, sizeof(f));
			fixes_parse(&f, t->value);
			FUZZ_CHECK(f.ok || f.why);
			fixes_release(&f);
		}
	}
	trailer_list_release(&tl);
	free(msg);
	return 0;
}
