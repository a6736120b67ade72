// SPDX-License-Identifier: GPL-2.0
/* fuzz-fixes: fixes_parse() on any Fixes: value; ok must mean the exact
 * form "<12+ lowercase hex> ("<subject>")".  fuzz-needs: trailer */
#include "fuzz.h"
#include "trailer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fixes_tag f;
	char *value = fuzz_cstr(data, size);
	size_t i, n;

	memset(&f, 0, sizeof(f));
	fixes_parse(&f, value);
	n = strnlen(f.sha, sizeof(f.sha));
	FUZZ_CHECK(n < sizeof(f.sha));
	if (f.ok) {
		FUZZ_CHECK(n >= 12);
		for (i = 0; i < n; i++)
			FUZZ_CHECK((f.sha[i] >= '0' && f.sha[i] <= '9') ||
				   (f.sha[i] >= 'a' && f.sha[i] <= 'f'));
		FUZZ_CHECK(f.subject);
		FUZZ_CHECK(!strchr(f.subject, '\n'));
		FUZZ_CHECK(!strncmp(value, f.sha, n));
	} else {
		FUZZ_CHECK(f.why && *f.why);
	}
	fuzz_touch(f.subject);
	fixes_release(&f);
	free(value);
	return 0;
}
