/* SPDX-License-Identifier: GPL-2.0 */
/* bpfdir: $GIT_DIR/bpf, where git-bpf keeps its journal and cover draft,
 * trusted only when it is ours: owned by us, writable by nobody else. */
#ifndef GIT_BPF_BPFDIR_H
#define GIT_BPF_BPFDIR_H

#include <stdbool.h>
#include <git2.h>

/* "$GIT_DIR/bpf" for repo (the caller frees it); nothing is touched. */
char *bpf_dir_path(git_repository *repo);
/*
 * Open path as git-bpf's directory: made 0700 when create says so and it
 * is missing, never followed through a symlink, and refused unless it is
 * a directory owned by us that neither group nor others can write.
 * 0 with *fd open (or -1 when it is missing and !create); -1 after an
 * error; -2 after an error and a hint when it is not ours (bad input).
 */
int bpf_dir_open(int *fd, const char *path, bool create);
/*
 * A directory of git-bpf's own under "$GIT_DIR/bpf" (a cache): both made
 * 0700 when missing, neither followed through a symlink.  Its fd, or -1
 * when either is not ours (owned by us, writable by nobody else) or
 * cannot be made; nothing is printed, the caller goes on without it.
 */
int bpf_subdir_open(git_repository *repo, const char *name);
/* Whether fd (a file or directory opened under the bpf directory) is ours
 * and writable by nobody else. */
bool bpf_fd_trusted(int fd);

#endif
