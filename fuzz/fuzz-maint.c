// SPDX-License-Identifier: GPL-2.0
/* fuzz-maint: maint_db_parse() on any MAINTAINERS text, then
 * maint_match() for fixed paths and for the F: patterns of the text
 * itself, with the text as the patch for K:.  fuzz-needs: maint */
#include "fuzz.h"
#include "maint.h"

#define MAX_PATHS 12

static void check_result(const struct maint_result *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		FUZZ_CHECK(r->v[i].addr && r->v[i].name && r->v[i].role);
		FUZZ_CHECK(!fuzz_has_ctl(r->v[i].addr));
		FUZZ_CHECK(!fuzz_has_ctl(r->v[i].name));
		FUZZ_CHECK(r->v[i].kind == MAINT_PERSON ||
			   r->v[i].kind == MAINT_LIST);
		/* people first, then lists */
		if (i)
			FUZZ_CHECK(!(r->v[i - 1].kind == MAINT_LIST &&
				     r->v[i].kind == MAINT_PERSON));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[] = {
		"kernel/bpf/verifier.c", "tools/lib/bpf/libbpf.c",
		"include/uapi/linux/bpf.h", "net/core/filter.c",
		"Documentation/bpf/index.rst", "a", "",
	};
	const char *paths[MAX_PATHS];
	char *text = fuzz_exact(data, size), *copy = fuzz_cstr(data, size);
	char *line, *save = NULL;
	struct maint_db *db = NULL;
	struct maint_result r;
	size_t nr = 0, i;

	memset(&r, 0, sizeof(r));
	if (maint_db_parse(&db, text, size, "fuzz/MAINTAINERS"))
		goto out;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		paths[nr++] = fixed[i];
	for (line = strtok_r(copy, "\n", &save); line && nr < MAX_PATHS;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "F:", 2))
			paths[nr++] = line + 2 + strspn(line + 2, " \t");

	if (!maint_match(db, paths, nr, copy, &r))
		check_result(&r);
	maint_result_release(&r);
	memset(&r, 0, sizeof(r));
	if (!maint_match(db, paths, nr, NULL, &r))
		check_result(&r);
	maint_result_release(&r);
	memset(&r, 0, sizeof(r));
	if (!maint_section_people(db, "BPF", false, &r))
		check_result(&r);
	maint_result_release(&r);
out:
	maint_db_free(db);
	free(text);
	free(copy);
	return 0;
}
