// SPDX-License-Identifier: GPL-2.0
/* repo: opening the repository, and libgit2's last error turned into our
 * message once, where the library was called. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

git_repository *repo_open_quiet(void)
{
	git_repository *repo = NULL;

	/* as git finds it: GIT_DIR, GIT_CEILING_DIRECTORIES, discovery */
	if (git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV,
				    NULL))
		repo = NULL;
	git_error_clear();
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

int repo_abbrev(git_repository *repo)
{
	git_config *cfg = NULL;
	int32_t v = 12;
	git_buf buf = GIT_BUF_INIT;

	if (!repo || git_repository_config_snapshot(&cfg, repo)) {
		git_error_clear();
		return 12;
	}
	if (!git_config_get_string_buf(&buf, cfg, "core.abbrev")) {
		char *end;
		long n = strtol(buf.ptr, &end, 10);

		if (!*end && n >= 4 && n <= 40)
			v = (int32_t)n;
		else if (!strcmp(buf.ptr, "no"))
			v = 40;
	}
	git_buf_dispose(&buf);
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
