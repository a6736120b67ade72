// SPDX-License-Identifier: GPL-2.0
/* git-bpf-maintainers: who to mail for files, a revision range or patch
 * files, from the tree's MAINTAINERS as scripts/get_maintainer.pl says. */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "maint.h"
#include "repo.h"
#include "series.h"
#include "strbuf.h"
#include "tree.h"
#include "util.h"

static const char *const maintainers_usage[] = {
	"git bpf maintainers [<options>] [<range> | <file>... | [--] <path>...]",
	"",
	"<range> defaults to " TREE_DEFAULT_RANGE ".",
	NULL
};

struct opts {
	bool roles, lists, people, keywords, force_paths, ties, json;
};

/* Where the arguments' paths are resolved. */
struct ctx {
	struct opts o;
	git_repository *repo;
	struct maint_db *db;
	char *root;		/* absolute, resolved; paths are below it */
	char *prefix;		/* cwd below root: "" or "dir/" */
	bool head_tree;		/* the tree is HEAD's, not the file system */
};

enum arg_kind { ARG_PATH, ARG_PATCH, ARG_RANGE };

static bool looks_like_patch(const struct strbuf *sb)
{
	const char *p = sb->buf;

	if (starts_with(p, "From ") || starts_with(p, "diff --git ") ||
	    starts_with(p, "--- "))
		return true;
	return strstr(p, "\ndiff --git ") ||
	       (strstr(p, "\n--- ") && strstr(p, "\n+++ "));
}

/*
 * The path relative to the top of the tree, as canonpath() leaves it;
 * -1 with an error when it is outside.
 */
static int tree_path(struct ctx *c, const char *arg, struct strbuf *out,
		     bool quiet)
{
	struct strbuf full = STRBUF_INIT;
	struct strvec parts = STRVEC_INIT;
	const char *p;
	size_t i;
	int ret = 0;

	strbuf_reset(out);
	if (arg[0] == '/') {
		size_t rl = strlen(c->root);

		if (strncmp(arg, c->root, rl) ||
		    (arg[rl] && arg[rl] != '/' && strcmp(c->root, "/"))) {
			ret = quiet ? -1 : error("'%s' is outside the tree "
						 "'%s'", arg, c->root);
			goto out;
		}
		strbuf_addstr(&full, arg + rl);
	} else {
		strbuf_addf(&full, "%s%s", c->prefix, arg);
	}
	for (p = full.buf; *p;) {
		size_t n = strcspn(p, "/");
		char *part = xstrndup(p, n);

		if (!strcmp(part, "..")) {
			if (!parts.nr) {
				free(part);
				ret = quiet ? -1 : error("'%s' is outside the "
							 "tree '%s'", arg,
							 c->root);
				goto out;
			}
			free(parts.v[--parts.nr]);
			parts.v[parts.nr] = NULL;
		} else if (n && strcmp(part, ".")) {
			strvec_push(&parts, part);
		}
		free(part);
		p += n;
		while (*p == '/')
			p++;
	}
	for (i = 0; i < parts.nr; i++) {
		if (i)
			strbuf_addch(out, '/');
		strbuf_addstr(out, parts.v[i]);
	}
	if (out->len && maint_db_is_dir(c->db, out->buf))
		strbuf_addch(out, '/');
out:
	strbuf_release(&full);
	strvec_clear(&parts);
	return ret;
}

/* What an argument names: a path of the tree, a patch file, a range. */
static int classify(struct ctx *c, const char *arg, bool path_only,
		    enum arg_kind *kind, struct strbuf *path)
{
	struct strbuf content = STRBUF_INIT;
	bool inside, tracked;
	struct stat st;
	int ret = 0;

	inside = !tree_path(c, arg, path, !path_only);
	if (path_only) {
		if (!inside)
			return -1;
		if (path->len && !maint_db_is_dir(c->db, path->buf) &&
		    !maint_db_is_file(c->db, path->buf))
			warning("'%s' is not in the tree", arg);
		*kind = ARG_PATH;
		return 0;
	}
	/* a file of the commit is a path, whatever it holds */
	tracked = c->head_tree && inside && path->len &&
		  (maint_db_is_file(c->db, path->buf) ||
		   maint_db_is_dir(c->db, path->buf));
	if (tracked) {
		*kind = ARG_PATH;
		return 0;
	}
	if (!stat(arg, &st) && S_ISREG(st.st_mode)) {
		bool binary;

		if (strbuf_read_file(&content, arg) < 0) {
			ret = error_errno("unable to read '%s'", arg);
			strbuf_release(&content);
			return ret;
		}
		binary = memchr(content.buf, '\0', content.len);
		if (inside && (binary || !looks_like_patch(&content)))
			*kind = ARG_PATH;
		else if (binary)
			ret = error("'%s' is a binary file, not a patch", arg);
		else
			*kind = ARG_PATCH;
		strbuf_release(&content);
		return ret;
	}
	if (!stat(arg, &st) && S_ISDIR(st.st_mode) && inside) {
		*kind = ARG_PATH;
		return 0;
	}
	if (c->repo) {
		git_revspec spec;

		if (!git_revparse(&spec, c->repo, arg)) {
			git_object_free(spec.from);
			git_object_free(spec.to);
			*kind = ARG_RANGE;
			return 0;
		}
		git_error_clear();
	}
	return error("'%s' is neither a path of the tree, a patch file nor a "
		     "revision (use '--' before paths not in the tree)", arg);
}

/* "\tR:a\tR:b" for --show-ties from "a\tb" */
static void add_tagged(struct strbuf *line, const char *tag, const char *list)
{
	const char *p = list;

	while (p && *p) {
		size_t n = strcspn(p, "\t");

		strbuf_addf(line, "\t%s%.*s", tag, (int)n, p);
		p += n;
		if (*p)
			p++;
	}
}

static void print_result(const struct ctx *c, const struct maint_result *r)
{
	struct strbuf line = STRBUF_INIT;
	json_t *root = NULL, *arr = NULL;
	size_t i;

	if (c->o.json) {
		root = json_object();
		arr = json_array();
		json_object_set_new(root, "recipients", arr);
	}
	for (i = 0; i < r->nr; i++) {
		const struct maint_recipient *m = &r->v[i];

		if (m->kind == MAINT_PERSON ? !c->o.people : !c->o.lists)
			continue;
		if (c->o.json) {
			json_t *o = json_object();

			json_object_set_new(o, "kind", json_string(
				m->kind == MAINT_PERSON ? "person" : "list"));
			json_object_set_new(o, "name", json_string(m->name));
			json_object_set_new(o, "address", json_string(m->addr));
			json_object_set_new(o, "role", json_string(m->role));
			json_array_append_new(arr, o);
			continue;
		}
		strbuf_reset(&line);
		if (c->o.ties)
			strbuf_addf(&line, "%u\t", m->tie);
		maint_recipient_format(m, &line);
		if (c->o.roles)
			strbuf_addf(&line, " (%s)", m->role);
		if (c->o.ties) {
			add_tagged(&line, "R:", m->alt_roles);
			add_tagged(&line, "E:", m->alt_emails);
		}
		/* names from MAINTAINERS: no terminal control */
		puts_escaped(line.buf);
	}
	if (root) {
		char *s = json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII);

		if (s)
			puts(s);
		free(s);
		json_decref(root);
	}
	strbuf_release(&line);
}

static int query_range(struct ctx *c, const char *range,
		       struct maint_result *res)
{
	struct series s = { 0 };
	int ret;

	if (!c->repo)
		return error("'%s' is a revision range, but this is no git "
			     "repository", range);
	ret = series_load_range(&s, c->repo, range, SERIES_ALLOW_MERGES);
	if (!ret)
		ret = maint_match_series(c->db, &s, res);
	series_release(&s);
	return ret;
}

static int query_patches(struct ctx *c, const struct strvec *files,
			 struct maint_result *res)
{
	struct strvec texts = STRVEC_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (strbuf_read_file(&sb, files->v[i]) < 0) {
			ret = error_errno("unable to read '%s'", files->v[i]);
			strbuf_release(&sb);
			break;
		}
		if (!looks_like_patch(&sb))
			warning("'%s' does not look like a patch", files->v[i]);
		strvec_push(&texts, sb.buf);
		strbuf_release(&sb);
	}
	if (!ret)
		ret = maint_match_patches(c->db, (const char *const *)texts.v,
					  texts.nr, res);
	strvec_clear(&texts);
	return ret;
}

/* One query: the arguments of the command line or of a --batch line. */
static int run_query(struct ctx *c, char **args, size_t nr)
{
	struct strvec paths = STRVEC_INIT, patches = STRVEC_INIT;
	struct maint_result res = { 0 };
	struct strbuf path = STRBUF_INIT;
	const char *range = NULL;
	bool dashdash = false;
	size_t i;
	int ret = 0;

	for (i = 0; i < nr && !ret; i++) {
		enum arg_kind kind;

		if (!dashdash && !strcmp(args[i], "--")) {
			dashdash = true;
			continue;
		}
		if (classify(c, args[i], dashdash || c->o.force_paths, &kind,
			     &path)) {
			ret = -1;
			break;
		}
		if (kind == ARG_PATH)
			strvec_push(&paths, path.buf);
		else if (kind == ARG_PATCH)
			strvec_push(&patches, args[i]);
		else if (range)
			ret = error("more than one revision range: '%s' and "
				    "'%s'", range, args[i]);
		else
			range = args[i];
	}
	if (!ret && !!paths.nr + !!patches.nr + !!range > 1)
		ret = error("paths, patch files and a revision range cannot "
			    "be mixed");
	if (!ret && !paths.nr && !patches.nr && !range)
		range = TREE_DEFAULT_RANGE;
	if (ret)
		;
	else if (paths.nr)
		ret = maint_match(c->db, (const char *const *)paths.v,
				  paths.nr, NULL, &res);
	else if (patches.nr)
		ret = query_patches(c, &patches, &res);
	else
		ret = query_range(c, range, &res);
	if (!ret)
		print_result(c, &res);
	maint_result_release(&res);
	strvec_clear(&paths);
	strvec_clear(&patches);
	strbuf_release(&path);
	return ret;
}

static int run_batch(struct ctx *c)
{
	struct strbuf line = STRBUF_INIT;
	int failed = 0, ch;

	for (;;) {
		char *arg;

		strbuf_reset(&line);
		while ((ch = getchar()) != EOF && ch != '\n')
			strbuf_addch(&line, (char)ch);
		if (ch == EOF && !line.len)
			break;
		if (line.len && line.buf[line.len - 1] == '\r')
			strbuf_setlen(&line, line.len - 1);
		arg = line.buf;
		if (line.len && run_query(c, &arg, 1))
			failed = 1;
		putchar('\n');
		if (fflush(stdout))
			break;
	}
	strbuf_release(&line);
	return failed ? -1 : 0;
}

static bool has_upstream(git_repository *repo)
{
	char *up = NULL;
	bool yes = repo && !tree_upstream(&up, repo);

	free(up);
	return yes;
}

/* A tree without MAINTAINERS: the BPF list and maintainers from config. */
static int run_fallback(struct ctx *c)
{
	struct maint_result res = { 0 };
	struct config cfg = { 0 };
	int ret;

	fprintf(stderr, "note: no MAINTAINERS in this tree; using the BPF "
		"list and maintainers from config ([lists] bpf, "
		"[lists] bpf-maintainers)\n");
	ret = config_load(&cfg, c->repo);
	if (!ret)
		ret = maint_config_fallback(&cfg, &res);
	if (!ret)
		print_result(c, &res);
	maint_result_release(&res);
	config_release(&cfg);
	return ret;
}

static char *resolved(const char *path)
{
	char *r = realpath(path, NULL);

	if (!r)
		r = xstrdup(path);
	return r;
}

/* root and prefix: the top of the work tree and where we are in it */
static void set_root(struct ctx *c, const char *top)
{
	char *cwd = resolved(".");
	size_t len;

	c->root = resolved(top);
	len = strlen(c->root);
	while (len > 1 && c->root[len - 1] == '/')
		c->root[--len] = '\0';
	if (!strncmp(cwd, c->root, len) && (cwd[len] == '/' || !cwd[len]) &&
	    cwd[len])
		c->prefix = xstrfmt("%s/", cwd + len + 1);
	else
		c->prefix = xstrdup("");
	free(cwd);
}

int main(int argc, char **argv)
{
	struct ctx c = { .o = { true, true, true, true, false, false, false } };
	const char *maintainers = NULL;
	bool batch = false, no_roles = false, no_lists = false;
	bool no_people = false, no_keywords = false;
	int ret = EXIT_USAGE, r;
	struct cmd_option options[] = {
		OPT_BOOL(0, "no-roles", &no_roles,
			 "print addresses only, without (role:SECTION)"),
		OPT_BOOL_F(0, "norolestats", &no_roles,
			   "get_maintainer.pl's name of --no-roles",
			   CMD_OPT_HIDDEN),
		OPT_BOOL(0, "no-lists", &no_lists, "leave out the mailing lists"),
		OPT_BOOL(0, "no-people", &no_people,
			 "leave out maintainers and reviewers"),
		OPT_BOOL(0, "no-keywords", &no_keywords,
			 "do not match K: on file contents or patch lines"),
		OPT_STRING(0, "maintainers", &maintainers, "<file>",
			   "read this MAINTAINERS (the tree is the current "
			   "directory) instead of the one at HEAD"),
		OPT_BOOL('f', "file", &c.o.force_paths,
			 "the arguments are paths of the tree"),
		OPT_BOOL(0, "batch", &batch,
			 "one query per line of standard input, each answer "
			 "followed by an empty line"),
		OPT_BOOL(0, "show-ties", &c.o.ties,
			 "mark recipients whose order get_maintainer.pl leaves "
			 "to chance"),
		OPT_JSON(&c.o.json),
		OPT_END()
	};

	argc = cmd_parse_options(argc, argv, options, maintainers_usage,
				 CMD_STOP_AT_NON_OPTION | CMD_KEEP_DASHDASH);
	if (argc < 0)
		return cmd_exit_status(argc);
	c.o.roles = !no_roles;
	c.o.lists = !no_lists;
	c.o.people = !no_people;
	c.o.keywords = !no_keywords;
	/* a "--" before the arguments: what follows are paths */
	if (argc && !strcmp(argv[0], "--")) {
		c.o.force_paths = true;
		argc--;
		argv++;
	}
	if (batch && argc) {
		error("--batch reads its queries from standard input, not "
		      "'%s'", argv[0]);
		return EXIT_USAGE;
	}

	repo_library_init();
	/* --batch reads blobs all over the pack: map it in small windows
	 * and few of them, or the resident set grows with the pack */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)(4 << 20));
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)(32 << 20));
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)(16 << 20));
	c.repo = repo_open_quiet();
	if (maintainers) {
		if (maint_db_load_file(&c.db, maintainers))
			goto out;
		set_root(&c, ".");
	} else if (c.repo && !git_repository_is_bare(c.repo)) {
		r = maint_db_load_repo(&c.db, c.repo);
		if (r < 0)
			goto out;
		c.head_tree = true;
		set_root(&c, git_repository_workdir(c.repo));
	} else if (c.repo) {
		r = maint_db_load_repo(&c.db, c.repo);
		if (r < 0)
			goto out;
		c.head_tree = true;
		set_root(&c, ".");
	} else if (!access("MAINTAINERS", F_OK)) {
		/* an unpacked tarball, as get_maintainer.pl is run in */
		if (maint_db_load_file(&c.db, "MAINTAINERS"))
			goto out;
		set_root(&c, ".");
	}
	if (!batch && !argc && !has_upstream(c.repo)) {
		/* the default range has no start: nothing was asked */
		error("no path, range or patch file given, and no upstream "
		      "for the default range " TREE_DEFAULT_RANGE);
		cmd_usage(stderr, options, maintainers_usage);
		goto out;
	}
	if (!c.db) {
		ret = run_fallback(&c) ? EXIT_USAGE : EXIT_OK;
		goto out;
	}
	if (!c.o.keywords)
		maint_db_set_keywords(c.db, false);
	if (batch)
		r = run_batch(&c);
	else
		r = run_query(&c, argv, (size_t)argc);
	if (fflush(stdout)) {
		error_errno("unable to write the recipients");
		goto out;
	}
	ret = r ? EXIT_USAGE : EXIT_OK;
out:
	maint_db_free(c.db);
	git_repository_free(c.repo);
	free(c.root);
	free(c.prefix);
	git_libgit2_shutdown();
	return ret;
}
