/* SPDX-License-Identifier: GPL-2.0 */
/* repo: opening the repository and turning libgit2 errors into ours, once,
 * at the boundary. */
#ifndef GIT_BPF_REPO_H
#define GIT_BPF_REPO_H

#include <git2.h>

/*
 * git_libgit2_init() and what every command wants of it: objects read
 * are not re-hashed (git does not either; a 700 KB MAINTAINERS costs a
 * millisecond each time).  Pair with git_libgit2_shutdown().
 */
void repo_library_init(void);

/* Print "error: <what>: <libgit2's message>" and return -1. */
int git_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the repository containing the current directory (as git does,
 * honouring GIT_DIR).  -1 and "error: not a git repository: '<cwd>'". */
int repo_open(git_repository **out);
/* The same, without the error when there is none (file mode). */
git_repository *repo_open_quiet(void);

/* core.abbrev read as git reads it ("auto" as git computes it, "no" the
 * full 40); 12 when unset or unusable (what kernel developers set). */
int repo_abbrev(git_repository *repo);
/* git's automatic length for a repository of count packed objects. */
int repo_abbrev_auto(unsigned long count);

/* Resolve a revision to a commit; error naming it when unknown. */
int repo_commit(git_commit **out, git_repository *repo, const char *rev);

/* Short name of the branch HEAD is on, or NULL when detached; caller frees. */
char *repo_current_branch(git_repository *repo);

/* Read a blob at HEAD (path like "MAINTAINERS") into out; 1 when absent,
 * 0 found, -1 error. */
struct strbuf;
int repo_read_head_file(git_repository *repo, const char *path,
			struct strbuf *out);

#endif
