// SPDX-License-Identifier: GPL-2.0
/* bpfdir: open $GIT_DIR/bpf only when it is ours, so that nobody else can
 * plant a journal, a link or a draft where git-bpf reads and removes. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpfdir.h"
#include "util.h"

char *bpf_dir_path(git_repository *repo)
{
	const char *gitdir = git_repository_path(repo);

	return xstrfmt("%s%sbpf", gitdir, ends_with(gitdir, "/") ? "" : "/");
}

bool bpf_fd_trusted(int fd)
{
	struct stat st;

	return !fstat(fd, &st) && st.st_uid == geteuid() &&
	       !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* Open path as bpf_dir_open() does; say why it is refused unless quiet. */
static int dir_open(int *fd, const char *path, bool create, bool quiet)
{
	const struct passwd *pw;
	struct stat st;
	int ret = -2;

	*fd = -1;
	/* 0700 whatever the umask: mkdir() only ever takes bits away */
	if (create && mkdir(path, 0700) && errno != EEXIST)
		return quiet ? -1 : error_errno("cannot create '%s'", path);
	*fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0) {
		if (errno == ENOENT && !create)
			return 0;
		if (errno == ELOOP || errno == ENOTDIR) {
			if (quiet)
				return ERR_BAD_INPUT;
			error("'%s' is no directory of git-bpf's (a symlink or a file)",
			      path);
			hint("remove it; git-bpf makes the directory it needs");
			return ERR_BAD_INPUT;
		}
		return quiet ? -1 : error_errno("cannot open '%s'", path);
	}
	if (fstat(*fd, &st)) {
		ret = quiet ? -1 : error_errno("cannot stat '%s'", path);
		goto fail;
	}
	if (quiet && !bpf_fd_trusted(*fd))
		goto fail;
	if (st.st_uid != geteuid()) {
		error("'%s' belongs to another user (uid %u): git-bpf trusts no journal there",
		      path, (unsigned int)st.st_uid);
		pw = getpwuid(geteuid());
		if (pw)
			hint("remove it, or if it is yours: chown -R %s '%s' && chmod 700 '%s'",
			     pw->pw_name, path, path);
		else
			hint("remove it, or if it is yours: chown -R %u '%s' && chmod 700 '%s'",
			     (unsigned int)geteuid(), path, path);
		goto fail;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		error("'%s' is writable by %s: git-bpf trusts no journal there",
		      path, st.st_mode & S_IWOTH ? "others" : "its group");
		hint("make it private: chmod 700 '%s'", path);
		goto fail;
	}
	return 0;
fail:
	close(*fd);
	*fd = -1;
	return ret;
}

int bpf_dir_open(int *fd, const char *path, bool create)
{
	return dir_open(fd, path, create, false);
}

int bpf_subdir_open(git_repository *repo, const char *name)
{
	char *path = bpf_dir_path(repo);
	int dir_fd, fd = -1;

	if (dir_open(&dir_fd, path, true, true) || dir_fd < 0)
		goto out;
	if (mkdirat(dir_fd, name, 0700) && errno != EEXIST)
		goto out;
	fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd >= 0 && !bpf_fd_trusted(fd)) {
		close(fd);
		fd = -1;
	}
out:
	if (dir_fd >= 0)
		close(dir_fd);
	free(path);
	return fd;
}
