// SPDX-License-Identifier: GPL-2.0
/* test-series: print the series model in a stable text form, so the
 * shell tests can compare what series_load_*() understood. */
#include <stdio.h>
#include <string.h>

#include "repo.h"
#include "series.h"
#include "util.h"

static void dump_patch(const struct patch *p, const char *what)
{
	printf("%s %zu\n", what, p->nr);
	if (*p->oid)
		printf("oid %s\n", p->oid);
	printf("author %s <%s> %lld %+05d\n", p->author_name, p->author_email,
	       p->author_time, (p->author_tz / 60) * 100 + p->author_tz % 60);
	if (p->prefix)
		printf("prefix %s\n", p->prefix);
	printf("subject %s\n", p->subject);
	for (size_t i = 0; i < p->trailers.nr; i++)
		printf("trailer %s: %s\n", p->trailers.v[i].token,
		       p->trailers.v[i].value);
	for (size_t i = 0; i < p->paths_nr; i++) {
		const struct touched_path *t = &p->paths[i];

		printf("path %c %06o %06o%s %s", t->kind, t->old_mode,
		       t->new_mode, t->binary ? " binary" : "", t->path);
		if (strcmp(t->path, t->old_path))
			printf(" (from %s)", t->old_path);
		printf("\n");
	}
	if (p->parents > 1)
		printf("merge\n");
}

int main(int argc, char **argv)
{
	git_repository *repo = NULL;
	struct series s;
	int ret = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: test-series (range RANGE | files FILE...)\n");
		return 2;
	}
	git_libgit2_init();
	repo = repo_open_quiet();
	if (!strcmp(argv[1], "range") || !strcmp(argv[1], "range-merges")) {
		if (!repo) {
			repo_open(&repo);
			goto out;
		}
		if (series_load_range(&s, repo, argv[2],
				      !strcmp(argv[1], "range-merges") ?
				      SERIES_ALLOW_MERGES : 0))
			goto out;
	} else if (series_load_files(&s, repo, (const char *const *)argv + 2,
				     (size_t)argc - 2)) {
		series_release(&s);
		goto out;
	}
	if (*s.base)
		printf("base %s\n", s.base);
	if (s.tip_ref && *s.tip_ref)
		printf("branch %s\n", s.tip_ref);
	if (s.cover)
		dump_patch(s.cover, "cover");
	for (size_t i = 0; i < s.nr; i++) {
		const char *diff;

		dump_patch(&s.patches[i], "patch");
		if (series_patch_diff(&s, &s.patches[i], &diff))
			goto out_release;
		printf("diff %zu bytes\n", strlen(diff));
	}
	ret = 0;
out_release:
	series_release(&s);
out:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
