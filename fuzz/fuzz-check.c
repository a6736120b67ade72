// SPDX-License-Identifier: GPL-2.0
/* fuzz-check: any bytes through what `git bpf check FILE` does with them:
 * the mbox reader, every rule in file mode, the human and JSON printers.
 * fuzz-needs: series check */
#include "fuzz.h"
#include "check.h"
#include "series.h"

static FILE *sink;

static const char *const trees[] = { NULL, "bpf", "bpf-next", "iproute2" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* as series_load_files() hands it over: a NUL after the text */
	char *buf = fuzz_cstr(data, size);
	struct check_opts opts;
	struct check_result r;
	struct series s;
	size_t i;

	if (!sink)
		sink = fopen("/dev/null", "w");
	memset(&s, 0, sizeof(s));
	s.source = SERIES_FILES;
	if (series_parse_mbox(&s, buf, size, "fuzz.mbox") || !s.nr)
		goto out;
	memset(&opts, 0, sizeof(opts));
	opts.tree = trees[size % 4];
	opts.now = 1700000000;
	memset(&r, 0, sizeof(r));
	if (!check_series(&r, &opts, &s)) {
		for (i = 0; i < r.nr; i++) {
			const struct finding *f = &r.v[i];

			FUZZ_CHECK(f->rule && f->message && f->subject);
			/* "valid UTF-8, one line" */
			FUZZ_CHECK(!strchr(f->message, '\n'));
			FUZZ_CHECK(fuzz_utf8_valid((const unsigned char *)f->message,
						   strlen(f->message)));
			FUZZ_CHECK(!strchr(f->subject, '\n'));
			FUZZ_CHECK(f->patch <= r.patches);
		}
		check_print(sink, &r, false);
		check_print(sink, &r, true);
		check_print_json(sink, &r);
		check_exit_code(&r);
	}
	check_result_release(&r);
out:
	series_release(&s);
	free(buf);
	return 0;
}
