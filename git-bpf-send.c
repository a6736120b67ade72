// SPDX-License-Identifier: GPL-2.0
/* git-bpf-send: compose a series as the BPF maintainers want it, check
 * it, and mail it or write it out (--dry-run, --stdout, -o DIR). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2/sys/repository.h>

#include "check.h"
#include "compose.h"
#include "config.h"
#include "message.h"
#include "repo.h"
#include "series.h"
#include "tree.h"
#include "util.h"

#define DEFAULT_RANGE "@{upstream}..HEAD"

static const char usage_text[] =
	"usage: git bpf send [<options>] [<range>]\n"
	"       git bpf send --resume [<smtp options>]\n"
	"\n"
	"    --tree=<tree>          bpf, bpf-next, iproute2 or iproute2-next\n"
	"    -v, --reroll-count=<n> version of the series (default: one more\n"
	"                           than the last sent from this branch)\n"
	"    --rfc                  [RFC PATCH ...]\n"
	"    --resend               [PATCH RESEND ...]: send the same patches again\n"
	"    --cover-letter=<file>  cover letter text (subject, blank line, body)\n"
	"    --to=<address>         add a To address (repeatable)\n"
	"    --cc=<address>         add a Cc address (repeatable)\n"
	"    --no-auto-cc           Cc only what --cc and [send] cc name\n"
	"    --no-check             do not run the checks before sending\n"
	"    --ignore=<rules>       drop the findings of these check rules\n"
	"    --dry-run              show each message's subject and recipients\n"
	"    --stdout               write the series as one mbox\n"
	"    -o, --output-directory=<dir>\n"
	"                           write one file a message, as format-patch\n"
	"    --smtp-server=<host>   --smtp-port=<port>   --smtp-user=<user>\n"
	"    --smtp-encryption=<ssl|tls|none>             --smtp-debug\n"
	"    --confirm=<auto|always|never>\n"
	"    --insecure-skip-certificate-check\n"
	"    --resume               send what is left of an interrupted send\n"
	"\n"
	"<range> defaults to " DEFAULT_RANGE ".\n";

enum {
	OPT_TREE = 256, OPT_RFC, OPT_RESEND, OPT_COVER, OPT_TO, OPT_CC,
	OPT_NO_AUTO_CC, OPT_NO_CHECK, OPT_IGNORE, OPT_DRY_RUN, OPT_STDOUT,
	OPT_RESUME, OPT_HELP,
};

static int parse_version(const char *arg, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (!*arg || *end || v < 1 || v > 1000)
		return error("bad version '%s': give a number from 1", arg);
	*out = (int)v;
	return 0;
}

/* deliver's and compose's 0 / -1 / -2 as exit codes */
static int exit_code(int ret)
{
	return !ret ? EXIT_OK : ret == -2 ? EXIT_USAGE : EXIT_REFUSED;
}

static int run_checks(git_repository *repo, const struct config *cfg,
		      struct series *s, const char *tree,
		      const struct strvec *ignore)
{
	struct check_result res = { 0 };
	struct check_opts opts = { 0 };
	int ret;

	opts.repo = repo;
	opts.cfg = cfg;
	opts.tree = tree;
	opts.ignore = ignore;
	if (check_series(&res, &opts, s)) {
		check_result_release(&res);
		return -2;
	}
	if (res.nr)
		check_print(stderr, &res, want_color(2));
	ret = check_exit_code(&res) ? -1 : 0;
	if (ret) {
		error("the series fails its checks");
		hint("fix the errors above, or send anyway with --no-check");
	}
	check_result_release(&res);
	return ret;
}

static int use_empty_index(git_repository *repo)
{
	git_index *idx = NULL;
	int ret = 0;

	if (git_repository_is_bare(repo))
		return 0;
	if (git_index_new(&idx) < 0 || git_repository_set_index(repo, idx) < 0)
		ret = git_err("unable to set up an index");
	git_index_free(idx);
	return ret;
}

/* Without a range: the branch's commits its upstream lacks. */
static bool have_upstream(git_repository *repo)
{
	git_object *obj = NULL;
	char *branch;

	if (!git_revparse_single(&obj, repo, "@{upstream}")) {
		git_object_free(obj);
		return true;
	}
	git_error_clear();
	branch = repo_current_branch(repo);
	if (branch)
		error("branch '%s' has no upstream: give a range, e.g. "
		      "'git bpf send bpf-next/master..'", branch);
	else
		error("HEAD is detached, so there is no upstream: give a "
		      "range, e.g. 'git bpf send bpf-next/master..'");
	free(branch);
	return false;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tree", required_argument, NULL, OPT_TREE },
		{ "reroll-count", required_argument, NULL, 'v' },
		{ "rfc", no_argument, NULL, OPT_RFC },
		{ "resend", no_argument, NULL, OPT_RESEND },
		{ "cover-letter", required_argument, NULL, OPT_COVER },
		{ "to", required_argument, NULL, OPT_TO },
		{ "cc", required_argument, NULL, OPT_CC },
		{ "no-auto-cc", no_argument, NULL, OPT_NO_AUTO_CC },
		{ "no-check", no_argument, NULL, OPT_NO_CHECK },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "stdout", no_argument, NULL, OPT_STDOUT },
		{ "output-directory", required_argument, NULL, 'o' },
		{ "resume", no_argument, NULL, OPT_RESUME },
		{ "help", no_argument, NULL, OPT_HELP },
		DELIVER_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct strvec to = STRVEC_INIT, cc = STRVEC_INIT, ignore = STRVEC_INIT;
	struct deliver_opts dopts = { 0 };
	struct compose_opts copts = { 0 };
	struct tree_choice tc = { 0 };
	struct message_set ms = { 0 };
	struct series s = { 0 };
	struct config cfg = { 0 };
	enum output_mode mode = OUTPUT_SEND;
	git_repository *repo = NULL;
	const char *tree = NULL, *dir = NULL, *range = DEFAULT_RANGE;
	bool no_check = false, no_auto_cc = false, resume = false;
	bool loaded = false;
	int opt, ret = EXIT_USAGE, r;
	int modes = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "hv:o:", longopts, NULL)) != -1) {
		r = deliver_option(&dopts, opt, optarg);
		if (r < 0)
			goto out;
		if (r)
			continue;
		switch (opt) {
		case OPT_TREE:
			tree = optarg;
			break;
		case 'v':
			if (parse_version(optarg, &copts.version))
				goto out;
			break;
		case OPT_RFC:
			copts.rfc = true;
			break;
		case OPT_RESEND:
			copts.resend = dopts.resend = true;
			break;
		case OPT_COVER:
			copts.cover_file = optarg;
			break;
		case OPT_TO:
			strvec_push(&to, optarg);
			break;
		case OPT_CC:
			strvec_push(&cc, optarg);
			break;
		case OPT_NO_AUTO_CC:
			no_auto_cc = true;
			break;
		case OPT_NO_CHECK:
			no_check = true;
			break;
		case OPT_IGNORE:
			strvec_split(&ignore, optarg, ',');
			break;
		case OPT_DRY_RUN:
			mode = OUTPUT_DRY_RUN;
			modes++;
			break;
		case OPT_STDOUT:
			mode = OUTPUT_STDOUT;
			modes++;
			break;
		case 'o':
			mode = OUTPUT_DIR;
			dir = optarg;
			modes++;
			break;
		case OPT_RESUME:
			resume = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			ret = EXIT_OK;
			goto out;
		case OPT_HELP:
			execlp("man", "man", "git-bpf-send", (char *)NULL);
			error_errno("cannot run 'man git-bpf-send'");
			ret = EXIT_REFUSED;
			goto out;
		default:
			if (optopt && optopt < 256 && strchr("vo", optopt))
				error("option '-%c' needs a value", optopt);
			else
				error("unknown option '%s'", argv[optind - 1]);
			fputs(usage_text, stderr);
			goto out;
		}
	}
	if (modes > 1) {
		error("--dry-run, --stdout and -o exclude each other");
		goto out;
	}
	if (optind + 1 < argc) {
		error("one range at most, not '%s'", argv[optind + 1]);
		goto out;
	}
	if (optind < argc)
		range = argv[optind];
	if (resume && (optind < argc || modes)) {
		error("--resume takes no range and no output option");
		goto out;
	}

	repo_library_init();
	/*
	 * The checks, the recipients and the mails each read the same
	 * blobs: keep them in libgit2's cache (blobs are not cached by
	 * default).
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB,
			 (size_t)4 << 20);
	if (repo_open(&repo) || config_load(&cfg, repo))
		goto out;
	if (resume) {
		ret = exit_code(deliver_resume(repo, &cfg, &dopts));
		goto out;
	}

	/*
	 * Nothing here needs the index, but libgit2's diff driver lookup
	 * reads (and checksums) all of it for .gitattributes: on a kernel
	 * tree that is a third of the time.  git reads the work tree's
	 * .gitattributes too, so an empty in-memory index changes nothing.
	 */
	if (use_empty_index(repo))
		goto out;

	if (optind == argc && !have_upstream(repo))
		goto out;
	loaded = true;
	if (series_load_range(&s, repo, range,
			      no_check ? 0 : SERIES_ALLOW_MERGES))
		goto out;
	if (tree_select(&tc, repo, &cfg, &s, tree))
		goto out;
	if (tc.reason)
		fprintf(stderr, "%s\n", tc.reason);
	if (!no_check) {
		r = run_checks(repo, &cfg, &s, tc.name, &ignore);
		if (r) {
			ret = exit_code(r);
			goto out;
		}
	}
	r = config_bool(&cfg, "send.auto-cc", NULL, 1);
	if (r < 0)
		goto out;
	copts.tree = &tc;
	copts.auto_cc = r && !no_auto_cc;
	copts.to = &to;
	copts.cc = &cc;
	r = compose_series(&ms, repo, &cfg, &s, &copts);
	if (r) {
		ret = exit_code(r);
		goto out;
	}
	if (mode == OUTPUT_SEND)
		ret = exit_code(deliver_messages(repo, &cfg, &dopts, &ms));
	else
		ret = output_messages(&ms, mode, dir) ? EXIT_REFUSED : EXIT_OK;
out:
	message_set_release(&ms);
	tree_choice_release(&tc);
	if (loaded)
		series_release(&s);
	config_release(&cfg);
	git_repository_free(repo);
	if (repo || loaded)
		git_libgit2_shutdown();
	strvec_clear(&to);
	strvec_clear(&cc);
	strvec_clear(&ignore);
	return ret;
}
