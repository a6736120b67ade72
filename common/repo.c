// SPDX-License-Identifier: GPL-2.0
/* repo: opening the repository, and libgit2's last error turned into our
 * message once, where the library was called. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <git2/sys/repository.h>

#include "config-env.h"

#include "repo.h"
#include "strbuf.h"
#include "util.h"

void repo_library_init(void)
{
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

int git_err(const char *fmt, ...)
{
	const git_error *e = git_error_last();
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (e && e->message && *e->message)
		error("%s: %s", sb.buf, e->message);
	else
		error("%s", sb.buf);
	strbuf_release(&sb);
	git_error_clear();
	return -1;
}

/* git's -c, from the start: every snapshot of the repository's config,
 * ours or libgit2's own, sees it.  A bad one is config_load()'s error. */
static void attach_cmdline_config(git_repository *repo)
{
	struct config_env env = { 0 };
	struct strbuf err = STRBUF_INIT;
	git_config *cfg = NULL;

	if (!config_env_parse(&env, &err) && env.nr &&
	    !git_repository_config(&cfg, repo))
		config_env_attach(cfg, repo, &env);
	git_config_free(cfg);
	git_error_clear();
	config_env_release(&env);
	strbuf_release(&err);
}

/*
 * No command reads or writes the index, but libgit2's diff driver lookup
 * reads (and checksums) all of it for .gitattributes: 8 MB and a third
 * of a check's time in a kernel tree.  git reads the work tree's
 * .gitattributes first too, so an empty in-memory index changes nothing
 * a patch shows.
 */
static void use_empty_index(git_repository *repo)
{
	git_index *idx = NULL;

	if (!git_repository_is_bare(repo) && !git_index_new(&idx))
		git_repository_set_index(repo, idx);
	git_index_free(idx);
	git_error_clear();
}

git_repository *repo_open_quiet(void)
{
	git_repository *repo = NULL;

	/* as git finds it: GIT_DIR, GIT_CEILING_DIRECTORIES, discovery */
	if (git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV,
				    NULL))
		repo = NULL;
	git_error_clear();
	if (repo) {
		attach_cmdline_config(repo);
		use_empty_index(repo);
	}
	return repo;
}

int repo_open(git_repository **out)
{
	char cwd[4096];

	*out = repo_open_quiet();
	if (*out)
		return 0;
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, ".");
	return error("not a git repository: '%s'", cwd);
}

/* The objects in one pack, from its .idx fan-out; 0 when unreadable. */
static unsigned long pack_objects(int dirfd, const char *idx)
{
	unsigned char head[8], last[4];
	off_t at = 255 * 4;
	unsigned long n = 0;
	int fd = openat(dirfd, idx, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return 0;
	if (pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head))
		goto out;
	if (!memcmp(head, "\377tOc", 4))
		at += 8;	/* version 2 and on: magic and version first */
	if (pread(fd, last, sizeof(last), at) == (ssize_t)sizeof(last))
		n = (unsigned long)last[0] << 24 | (unsigned long)last[1] << 16 |
		    (unsigned long)last[2] << 8 | last[3];
out:
	close(fd);
	return n;
}

static unsigned long count_packed(const char *objects)
{
	char *path = xstrfmt("%s/pack", objects);
	DIR *d = opendir(path);
	struct dirent *e;
	unsigned long n = 0;

	free(path);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *pack;

		if (len < 5 || strcmp(e->d_name + len - 4, ".idx"))
			continue;
		/* an .idx counts when its pack is there, as in git */
		pack = xstrfmt("%.*s.pack", (int)(len - 4), e->d_name);
		if (!faccessat(dirfd(d), pack, F_OK, 0))
			n += pack_objects(dirfd(d), e->d_name);
		free(pack);
	}
	closedir(d);
	return n;
}

/*
 * git's repo_approximate_object_count(): the objects of the packs,
 * here and in the alternates (loose objects are not counted).
 */
static unsigned long approximate_object_count(git_repository *repo)
{
	const char *common = git_repository_commondir(repo);
	char *objects = xstrfmt("%s%sobjects", common,
				ends_with(common, "/") ? "" : "/");
	char *alt_path = xstrfmt("%s/info/alternates", objects);
	struct strbuf alt = STRBUF_INIT;
	unsigned long n = count_packed(objects);

	if (strbuf_read_file(&alt, alt_path) >= 0) {
		char *line = alt.buf, *nl;

		for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			if (!*line || *line == '#')
				continue;
			if (*line == '/') {
				n += count_packed(line);
			} else {
				char *rel = xstrfmt("%s/%s", objects, line);

				n += count_packed(rel);
				free(rel);
			}
			if (!nl)
				break;
		}
	}
	strbuf_release(&alt);
	free(alt_path);
	free(objects);
	return n;
}

int repo_abbrev_auto(unsigned long count)
{
	int len = 0;

	/* find_unique_abbrev_r(): 2^len objects expect a collision at
	 * 2^(len/2); four bits a hex digit; never under 7 */
	while (count >>= 1)
		len++;
	len = (len + 1 + 1) / 2;
	return len < 7 ? 7 : len;
}

int repo_abbrev(git_repository *repo)
{
	git_config *cfg = NULL;
	git_config_entry *e = NULL;
	int32_t v = 12;

	/* no repository: no libgit2 call, not even git_error_clear(), whose
	 * thread-local state needs git_libgit2_init() */
	if (!repo)
		return 12;
	if (git_repository_config_snapshot(&cfg, repo)) {
		git_error_clear();
		return 12;
	}
	/* git_default_core_config()'s reading of it */
	if (!git_config_get_entry(&e, cfg, "core.abbrev") && e->value) {
		const char *s = e->value;
		/* git_parse_maybe_bool_text(): words, not numbers */
		bool no = !*s || !strcasecmp(s, "false") ||
			  !strcasecmp(s, "no") || !strcasecmp(s, "off");
		char *end;
		long long n;

		errno = 0;
		n = strtoll(s, &end, 0);
		if (!strcasecmp(s, "auto")) {
			v = repo_abbrev_auto(approximate_object_count(repo));
		} else if (no) {
			v = GIT_OID_HEXSZ;
		} else if (!errno && end != s && n >= 4 && n <= GIT_OID_HEXSZ &&
			   !*end) {
			v = (int32_t)n;
		}
	}
	git_config_entry_free(e);
	git_config_free(cfg);
	git_error_clear();
	return v;
}

int repo_commit(git_commit **out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL;

	*out = NULL;
	if (git_revparse_single(&obj, repo, rev)) {
		git_error_clear();
		return error("unknown revision '%s'", rev);
	}
	if (git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT)) {
		git_object_free(obj);
		git_error_clear();
		return error("'%s' is not a commit", rev);
	}
	git_object_free(obj);
	return 0;
}

char *repo_current_branch(git_repository *repo)
{
	git_reference *head = NULL;
	char *name = NULL;

	if (git_repository_head(&head, repo)) {
		git_error_clear();
		return NULL;
	}
	if (git_reference_is_branch(head))
		name = xstrdup(git_reference_shorthand(head));
	git_reference_free(head);
	return name;
}

int repo_read_head_file(git_repository *repo, const char *path,
			struct strbuf *out)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int ret = 1;

	if (git_revparse_single(&obj, repo, "HEAD^{tree}")) {
		git_error_clear();
		return 1;	/* unborn HEAD: nothing there */
	}
	tree = (git_tree *)obj;
	if (git_tree_entry_bypath(&entry, tree, path)) {
		git_error_clear();
		goto out;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		goto out;
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(entry))) {
		ret = git_err("unable to read '%s' at HEAD", path);
		goto out;
	}
	strbuf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	ret = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return ret;
}
