// SPDX-License-Identifier: GPL-2.0
/* git-bpf-trailers: the review tags the list gave the last version sent
 * from the branch, shown or added to the branch's commits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "http.h"
#include "repo.h"
#include "reviews.h"
#include "sent.h"
#include "series.h"
#include "tree.h"
#include "util.h"

#define DEFAULT_LORE "https://lore.kernel.org/bpf"

static const char *const trailers_usage[] = {
	"git bpf trailers [<options>] [<range>]",
	"",
	"<range> defaults to " TREE_DEFAULT_RANGE "; without --mbox the thread comes from lore.",
	NULL
};

static int load_range(struct series *s, git_repository *repo,
		      const char *range)
{
	char *upstream, *r;
	int ret;

	if (range)
		return series_load_range(s, repo, range, 0);
	if (tree_upstream(&upstream, repo))
		return error("the branch has no upstream: give a range, e.g. "
			     "'git bpf trailers bpf-next/master..'");
	r = xstrfmt("%s..HEAD", upstream);
	ret = series_load_range(s, repo, r, 0);
	free(r);
	free(upstream);
	return ret;
}

/* The thread of the cover letter (or single patch) from the archive:
 * {[lists] lore}/{message-id}/t.mbox.gz. */
static int fetch_thread(struct thread *t, const struct config *cfg,
			const struct sent_version *sv)
{
	struct strbuf url = STRBUF_INIT, gz = STRBUF_INIT, mbox = STRBUF_INIT;
	const char *lore = config_ini(cfg, "lists.lore");
	const char *id = sv->message_ids.v[0];
	char *bare;
	long status;
	int ret = -1;

	if (!lore || !*lore)
		lore = DEFAULT_LORE;
	strbuf_addstr(&url, lore);
	while (url.len && url.buf[url.len - 1] == '/')
		strbuf_setlen(&url, url.len - 1);
	strbuf_addch(&url, '/');
	bare = xstrndup(id + (*id == '<'), strcspn(id + (*id == '<'), ">"));
	http_escape(&url, bare);
	free(bare);
	strbuf_addstr(&url, "/t.mbox.gz");
	if (http_get(&gz, &status, url.buf, NULL) ||
	    http_gunzip(&mbox, gz.buf, gz.len, url.buf))
		goto out;
	ret = series_thread_parse(t, mbox.buf, mbox.len, url.buf);
out:
	strbuf_release(&url);
	strbuf_release(&gz);
	strbuf_release(&mbox);
	return ret;
}

int main(int argc, char **argv)
{
	struct strvec mboxes = STRVEC_INIT;
	struct sent_version *sv = NULL;
	struct reviews r = { 0 };
	struct thread t = { 0 };
	struct series s = { 0 };
	struct config cfg = { 0 };
	git_repository *repo = NULL;
	bool json = false, update = false;
	size_t nsv = 0;
	char *name = NULL;
	int ret = EXIT_USAGE;
	struct cmd_option options[] = {
		OPT_BOOL(0, "update", &update,
			 "add the new tags to the commits of the range"),
		OPT_STRING_LIST(0, "mbox", &mboxes, "<file>",
				"read the thread from an mbox or maildir "
				"(repeatable)", 0),
		OPT_JSON(&json),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, trailers_usage, 0);
	if (argc < 0) {
		strvec_clear(&mboxes);
		return cmd_exit_status(argc);
	}
	if (argc > 1) {
		error("one range at most, not '%s'", argv[1]);
		cmd_usage(stderr, options, trailers_usage);
		strvec_clear(&mboxes);
		return EXIT_USAGE;
	}

	repo_library_init();
	if (repo_open(&repo) || config_load(&cfg, repo) ||
	    load_range(&s, repo, argc ? argv[0] : NULL))
		goto out;
	if (!s.tip_ref || !*s.tip_ref) {
		error("'%s' does not end at a branch, so no version of it "
		      "was sent", s.range);
		goto out;
	}
	if (sent_list(repo, s.tip_ref, &sv, &nsv))
		goto out;
	if (!nsv) {
		error("nothing was sent from branch '%s' (no sent/%s-v* tag)",
		      s.tip_ref, s.tip_ref);
		goto out;
	}
	if (!sv[nsv - 1].message_ids.nr) {
		error("'%s' records no Message-ID", sv[nsv - 1].tag);
		goto out;
	}
	for (size_t i = 0; i < mboxes.nr; i++)
		if (series_thread_read(&t, mboxes.v[i]))
			goto out;
	if (!mboxes.nr && fetch_thread(&t, &cfg, &sv[nsv - 1]))
		goto out;
	name = mboxes.nr == 1 ? xstrfmt("'%s'", mboxes.v[0]) :
	       mboxes.nr ? xstrdup("the mboxes given") :
	       xstrdup("the thread on lore");
	if (reviews_find(&r, repo, &sv[nsv - 1], &s, &t, name))
		goto out;
	if (update && r.added && reviews_apply(repo, &s, &r)) {
		ret = EXIT_REFUSED;
		goto out;
	}
	if (json ? reviews_print_json(stdout, &r) :
		   (reviews_print(stdout, &r), 0))
		goto out;
	if (update && r.added)
		printf("updated '%s'\n", s.tip_ref);
	if (fflush(stdout)) {
		error_errno("unable to write the output");
		goto out;
	}
	ret = r.added ? EXIT_OK : EXIT_REFUSED;
out:
	reviews_release(&r);
	series_thread_release(&t);
	series_release(&s);
	sent_list_free(sv, nsv);
	config_release(&cfg);
	git_repository_free(repo);
	strvec_clear(&mboxes);
	free(name);
	git_libgit2_shutdown();
	return ret;
}
