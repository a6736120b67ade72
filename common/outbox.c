// SPDX-License-Identifier: GPL-2.0
/* outbox: write the series to disk before the first byte goes out, mark
 * each message the server accepts, and read it all back for --resume. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpfdir.h"
#include "outbox.h"
#include "strbuf.h"

#define OUTBOX_MAGIC "git-bpf outbox 1"
#define OPEN_DIR (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

void outbox_init(struct outbox *ob, git_repository *repo)
{
	*ob = (struct outbox)OUTBOX_INIT;
	ob->bpf_dir = bpf_dir_path(repo);
	ob->dir = xstrfmt("%s/outbox", ob->bpf_dir);
}

/* A journal is a real directory holding a real index, links never count. */
static bool journal_at(int bpf_fd, const char *bpf_dir)
{
	struct stat st;
	char *path;
	bool ret;

	if (bpf_fd >= 0)
		return !fstatat(bpf_fd, "outbox", &st, AT_SYMLINK_NOFOLLOW) &&
		       S_ISDIR(st.st_mode) &&
		       !fstatat(bpf_fd, "outbox/index", &st,
				AT_SYMLINK_NOFOLLOW) &&
		       S_ISREG(st.st_mode);
	path = xstrfmt("%s/outbox", bpf_dir);
	ret = !lstat(bpf_dir, &st) && S_ISDIR(st.st_mode) &&
	      !lstat(path, &st) && S_ISDIR(st.st_mode);
	free(path);
	if (!ret)
		return false;
	path = xstrfmt("%s/outbox/index", bpf_dir);
	ret = !lstat(path, &st) && S_ISREG(st.st_mode);
	free(path);
	return ret;
}

bool outbox_exists(const struct outbox *ob)
{
	return journal_at(ob->lock_fd, ob->bpf_dir);
}

int outbox_lock(struct outbox *ob)
{
	int ret = bpf_dir_open(&ob->lock_fd, ob->bpf_dir, true);

	if (ret)
		return ret;
	if (flock(ob->lock_fd, LOCK_EX | LOCK_NB)) {
		int e = errno;

		close(ob->lock_fd);
		ob->lock_fd = -1;
		if (e == EWOULDBLOCK)
			return error("another 'git bpf send' is sending from this repository");
		errno = e;
		return error_errno("cannot lock '%s'", ob->bpf_dir);
	}
	return 0;
}

static int write_file(int dir_fd, const char *dir, const char *name,
		      const char *data, size_t len)
{
	char *path = xstrfmt("%s/%s", dir, name);
	int fd, ret = -1;

	fd = openat(dir_fd, name,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		error_errno("cannot create '%s'", path);
		goto out;
	}
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_errno("cannot write '%s'", path);
			close(fd);
			goto out;
		}
		data += n;
		len -= n;
	}
	if (fsync(fd)) {
		error_errno("cannot sync '%s'", path);
		close(fd);
		goto out;
	}
	if (close(fd)) {
		error_errno("cannot write '%s'", path);
		goto out;
	}
	ret = 0;
out:
	free(path);
	return ret;
}

/*
 * Remove the journal directory name under $GIT_DIR/bpf.  Only the
 * journal's own files live there: plain files, no subdirectory.  A link
 * (or a file) in its place is removed itself, never what it points at.
 */
static int remove_dir(struct outbox *ob, const char *name)
{
	struct dirent *e;
	DIR *d;
	int fd, ret = 0;

	fd = openat(ob->lock_fd, name, OPEN_DIR);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno != ELOOP && errno != ENOTDIR)
			return error_errno("cannot open '%s/%s'", ob->bpf_dir,
					   name);
		if (unlinkat(ob->lock_fd, name, 0) && errno != ENOENT)
			return error_errno("cannot remove '%s/%s'",
					   ob->bpf_dir, name);
		return 0;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return error_errno("cannot open '%s/%s'", ob->bpf_dir, name);
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		/* unlinkat() without AT_REMOVEDIR never follows a link */
		if (unlinkat(fd, e->d_name, 0) && errno != ENOENT)
			ret = error_errno("cannot remove '%s/%s/%s'",
					  ob->bpf_dir, name, e->d_name);
	}
	closedir(d);
	if (!ret && unlinkat(ob->lock_fd, name, AT_REMOVEDIR) &&
	    errno != ENOENT)
		ret = error_errno("cannot remove '%s/%s'", ob->bpf_dir, name);
	return ret;
}

static int add_line(struct strbuf *sb, const char *key, const char *value)
{
	if (!value)
		return 0;
	if (strchr(value, '\n'))
		return error("cannot journal a %s holding a line break", key);
	strbuf_addf(sb, "%s %s\n", key, value);
	return 0;
}

static int build_index(struct strbuf *sb, const struct message_set *ms)
{
	char num[32];
	size_t i, j;

	strbuf_addstr(sb, OUTBOX_MAGIC "\n");
	snprintf(num, sizeof(num), "%d", ms->version);
	if (add_line(sb, "kind", ms->kind) ||
	    add_line(sb, "branch", ms->branch) ||
	    add_line(sb, "version", num) ||
	    add_line(sb, "base", ms->base[0] ? ms->base : NULL))
		return -1;
	for (i = 0; i < ms->nr; i++) {
		const struct message *m = &ms->v[i];

		strbuf_addf(sb, "message %04zu.eml\n", i + 1);
		if (add_line(sb, "id", m->message_id) ||
		    add_line(sb, "subject", m->subject) ||
		    add_line(sb, "from", m->from) ||
		    add_line(sb, "filename", m->filename) ||
		    add_line(sb, "patch-id", m->patch_id) ||
		    add_line(sb, "commit", m->commit[0] ? m->commit : NULL))
			return -1;
		for (j = 0; j < m->to.nr; j++)
			if (add_line(sb, "to", m->to.v[j]))
				return -1;
		for (j = 0; j < m->cc.nr; j++)
			if (add_line(sb, "cc", m->cc.v[j]))
				return -1;
	}
	strbuf_addstr(sb, "end\n");
	return 0;
}

int outbox_create(struct outbox *ob, const struct message_set *ms)
{
	struct strbuf index = STRBUF_INIT;
	char *tmp = xstrfmt("%s.new", ob->dir);
	int tmp_fd = -1;
	size_t i;
	int ret = -1;

	if (ob->lock_fd < 0) {
		error("'%s' is not locked", ob->bpf_dir);
		goto out;
	}
	if (outbox_exists(ob)) {
		error("an interrupted send is waiting in '%s'", ob->dir);
		goto out;
	}
	if (build_index(&index, ms))
		goto out;
	/* a journal half-written by a send that died before it began */
	if (remove_dir(ob, "outbox.new") || remove_dir(ob, "outbox"))
		goto out;
	if (mkdirat(ob->lock_fd, "outbox.new", 0700)) {
		error_errno("cannot create '%s'", tmp);
		goto out;
	}
	tmp_fd = openat(ob->lock_fd, "outbox.new", OPEN_DIR);
	if (tmp_fd < 0) {
		error_errno("cannot open '%s'", tmp);
		goto out;
	}
	for (i = 0; i < ms->nr; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%04zu.eml", i + 1);
		if (write_file(tmp_fd, tmp, name, ms->v[i].text,
			       strlen(ms->v[i].text)))
			goto out;
	}
	if (write_file(tmp_fd, tmp, "cover.txt",
		       ms->cover_text ? ms->cover_text : "",
		       ms->cover_text ? strlen(ms->cover_text) : 0) ||
	    write_file(tmp_fd, tmp, "accepted", "", 0) ||
	    write_file(tmp_fd, tmp, "index", index.buf, index.len))
		goto out;
	if (fsync(tmp_fd)) {
		error_errno("cannot sync '%s'", tmp);
		goto out;
	}
	if (renameat(ob->lock_fd, "outbox.new", ob->lock_fd, "outbox")) {
		error_errno("cannot rename '%s' to '%s'", tmp, ob->dir);
		goto out;
	}
	if (fsync(ob->lock_fd)) {
		error_errno("cannot sync '%s'", ob->bpf_dir);
		goto out;
	}
	ob->dir_fd = tmp_fd;
	tmp_fd = -1;
	free(ob->accepted);
	ob->nr = ms->nr;
	ob->accepted = xcalloc(ms->nr ? ms->nr : 1, sizeof(*ob->accepted));
	free(ob->in_flight);
	ob->in_flight = xcalloc(ms->nr ? ms->nr : 1, sizeof(*ob->in_flight));
	ret = 0;
out:
	if (tmp_fd >= 0)
		close(tmp_fd);
	if (ret && ob->lock_fd >= 0)
		remove_dir(ob, "outbox.new");
	strbuf_release(&index);
	free(tmp);
	return ret;
}

static int journal_damaged(const struct outbox *ob, const char *what, size_t line)
{
	return error("the outbox journal '%s/index' is damaged (line %zu: %s)",
		     ob->dir, line, what);
}

/* A file of the journal: a plain file of ours, never a link. */
static char *read_text(const struct outbox *ob, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", ob->dir, name);
	struct stat st;
	int fd;

	fd = openat(ob->dir_fd, name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			error("'%s' is a symlink: the journal holds none", path);
		else
			error_errno("cannot read '%s'", path);
		goto fail;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !bpf_fd_trusted(fd)) {
		error("'%s' is no file of this journal's", path);
		goto fail;
	}
	if (strbuf_read_fd(&sb, fd) < 0) {
		error_errno("cannot read '%s'", path);
		goto fail;
	}
	close(fd);
	free(path);
	return strbuf_detach(&sb, NULL);
fail:
	if (fd >= 0)
		close(fd);
	strbuf_release(&sb);
	free(path);
	return NULL;
}

static int set_field(char **field, const char *v)
{
	if (*field)
		return -1;
	*field = xstrdup(v);
	return 0;
}

static int parse_index(struct outbox *ob, struct message_set *ms, char *text)
{
	struct message *m = NULL;
	char *line, *next;
	size_t lineno = 1;
	bool ended = false;

	if (!skip_prefix(text, OUTBOX_MAGIC "\n", (const char **)&line))
		return journal_damaged(ob, "not a git-bpf outbox", 1);
	for (; *line; line = next) {
		char *key = line, *v;
		int bad = 0;

		lineno++;
		next = strchr(line, '\n');
		if (!next)
			return journal_damaged(ob, "cut short", lineno);
		*next++ = '\0';
		if (ended)
			return journal_damaged(ob, "text after the end", lineno);
		if (!strcmp(line, "end")) {
			ended = true;
			continue;
		}
		v = strchr(line, ' ');
		if (!v)
			return journal_damaged(ob, "no value", lineno);
		*v++ = '\0';

		if (!strcmp(key, "message")) {
			char name[32];

			m = message_set_add(ms);
			snprintf(name, sizeof(name), "%04zu.eml", ms->nr);
			if (strcmp(v, name))
				return journal_damaged(ob, "messages out of order",
					       lineno);
			m->text = read_text(ob, name);
			if (!m->text)
				return -1;
		} else if (!m) {
			if (!strcmp(key, "kind"))
				bad = set_field(&ob->kind, v);
			else if (!strcmp(key, "branch"))
				bad = set_field(&ms->branch, v);
			else if (!strcmp(key, "version"))
				ms->version = atoi(v);
			else if (!strcmp(key, "base"))
				bad = strlen(v) >= sizeof(ms->base) ||
				      !strcpy(ms->base, v);
			else if (!strcmp(key, "server") ||
				 !strcmp(key, "port") ||
				 !strcmp(key, "encryption") ||
				 !strcmp(key, "user"))
				; /* older journals: today's config decides */
			else
				bad = -1;
		} else if (!strcmp(key, "id")) {
			bad = set_field(&m->message_id, v);
		} else if (!strcmp(key, "subject")) {
			bad = set_field(&m->subject, v);
		} else if (!strcmp(key, "from")) {
			bad = set_field(&m->from, v);
		} else if (!strcmp(key, "filename")) {
			bad = set_field(&m->filename, v);
		} else if (!strcmp(key, "patch-id")) {
			bad = set_field(&m->patch_id, v);
		} else if (!strcmp(key, "commit")) {
			bad = strlen(v) >= sizeof(m->commit) ||
			      !strcpy(m->commit, v);
		} else if (!strcmp(key, "to")) {
			strvec_push(&m->to, v);
		} else if (!strcmp(key, "cc")) {
			strvec_push(&m->cc, v);
		} else {
			bad = -1;
		}
		if (bad)
			return journal_damaged(ob, key, lineno);
	}
	if (!ended)
		return journal_damaged(ob, "cut short", lineno);
	if (!ms->nr)
		return journal_damaged(ob, "no messages", lineno);
	for (size_t i = 0; i < ms->nr; i++)
		if (!ms->v[i].message_id || !ms->v[i].subject ||
		    !ms->v[i].from)
			return journal_damaged(ob, "a message lacks its id, subject or sender", lineno);
	ms->kind = ob->kind ? ob->kind : "series";
	return 0;
}

/*
 * "NNNN <id>": the server accepted message NNNN; "flight NNNN <id>": its
 * final "." was about to go, so it may have been delivered; "unsent NNNN
 * <id>": the server refused it after all.  A message's last line counts,
 * an accepted one stays accepted.  Lines torn by a crash (no newline) or
 * naming another id are ignored: such a message counts as not accepted
 * and is sent again.
 */
static void parse_accepted(struct outbox *ob, const struct message_set *ms,
			   const char *text)
{
	const char *line, *next;

	for (line = text; *line; line = next) {
		const char *nl = strchr(line, '\n'), *p;
		bool flight = false, unsent = false;
		unsigned long n;
		char *end;

		if (!nl)
			break;
		next = nl + 1;
		if (skip_prefix(line, "flight ", &p))
			flight = true;
		else if (skip_prefix(line, "unsent ", &p))
			unsent = true;
		else
			p = line;
		if (*p < '0' || *p > '9')
			continue;
		n = strtoul(p, &end, 10);
		if (*end != ' ' || !n || n > ms->nr)
			continue;
		end++;
		if ((size_t)(nl - end) != strlen(ms->v[n - 1].message_id) ||
		    strncmp(end, ms->v[n - 1].message_id, nl - end))
			continue;
		if (flight || unsent)
			ob->in_flight[n - 1] = flight;
		else
			ob->accepted[n - 1] = true;
	}
	for (size_t i = 0; i < ms->nr; i++)
		if (ob->accepted[i])
			ob->in_flight[i] = false;
}

int outbox_load(struct outbox *ob, struct message_set *ms)
{
	char *index = NULL, *accepted = NULL;
	int ret = -1;

	if (ob->lock_fd < 0) {
		error("'%s' is not locked", ob->bpf_dir);
		goto out;
	}
	if (ob->dir_fd < 0) {
		ob->dir_fd = openat(ob->lock_fd, "outbox", OPEN_DIR);
		if (ob->dir_fd < 0) {
			error_errno("cannot open '%s'", ob->dir);
			goto out;
		}
	}
	if (!bpf_fd_trusted(ob->dir_fd)) {
		error("'%s' is not private to you: git-bpf trusts no journal there",
		      ob->dir);
		goto out;
	}
	index = read_text(ob, "index");
	if (!index)
		goto out;
	if (parse_index(ob, ms, index))
		goto out;
	ms->cover_text = read_text(ob, "cover.txt");
	accepted = read_text(ob, "accepted");
	if (!ms->cover_text || !accepted)
		goto out;
	free(ob->accepted);
	ob->nr = ms->nr;
	ob->accepted = xcalloc(ms->nr, sizeof(*ob->accepted));
	free(ob->in_flight);
	ob->in_flight = xcalloc(ms->nr, sizeof(*ob->in_flight));
	parse_accepted(ob, ms, accepted);
	ret = 0;
out:
	free(index);
	free(accepted);
	return ret;
}

/* Append a line to the marks and make it durable before going on. */
static int write_mark(struct outbox *ob, const char *kind, size_t i,
		      const char *message_id)
{
	char *line;
	size_t len;
	int ret = -1;

	if (ob->accepted_fd < 0) {
		char *path = xstrfmt("%s/accepted", ob->dir);

		ob->accepted_fd = openat(ob->dir_fd, "accepted",
					 O_WRONLY | O_APPEND | O_NOFOLLOW |
					 O_CLOEXEC);
		if (ob->accepted_fd < 0) {
			error_errno("cannot open '%s'", path);
			free(path);
			return -1;
		}
		free(path);
	}
	line = xstrfmt("%s%04zu %s\n", kind, i + 1, message_id);
	len = strlen(line);
	if (write(ob->accepted_fd, line, len) != (ssize_t)len ||
	    fsync(ob->accepted_fd))
		error_errno("cannot record in '%s/accepted' that message %zu %s",
			    ob->dir, i + 1, !*kind ? "was sent" :
			    *kind == 'f' ? "is going out" : "was refused");
	else
		ret = 0;
	free(line);
	return ret;
}

int outbox_mark(struct outbox *ob, size_t i, const char *message_id)
{
	if (write_mark(ob, "", i, message_id))
		return -1;
	if (i < ob->nr) {
		ob->accepted[i] = true;
		ob->in_flight[i] = false;
	}
	return 0;
}

int outbox_mark_in_flight(struct outbox *ob, size_t i, const char *message_id)
{
	if (write_mark(ob, "flight ", i, message_id))
		return -1;
	if (i < ob->nr)
		ob->in_flight[i] = true;
	return 0;
}

int outbox_mark_unsent(struct outbox *ob, size_t i, const char *message_id)
{
	if (write_mark(ob, "unsent ", i, message_id))
		return -1;
	if (i < ob->nr)
		ob->in_flight[i] = false;
	return 0;
}

int outbox_clear(struct outbox *ob)
{
	if (ob->accepted_fd >= 0) {
		close(ob->accepted_fd);
		ob->accepted_fd = -1;
	}
	if (ob->dir_fd >= 0) {
		close(ob->dir_fd);
		ob->dir_fd = -1;
	}
	if (remove_dir(ob, "outbox"))
		return -1;
	if (fsync(ob->lock_fd))
		return error_errno("cannot sync '%s'", ob->bpf_dir);
	return 0;
}

void outbox_release(struct outbox *ob)
{
	if (ob->accepted_fd >= 0)
		close(ob->accepted_fd);
	if (ob->dir_fd >= 0)
		close(ob->dir_fd);
	if (ob->lock_fd >= 0)
		close(ob->lock_fd);
	free(ob->bpf_dir);
	free(ob->dir);
	free(ob->accepted);
	free(ob->in_flight);
	free(ob->kind);
	*ob = (struct outbox)OUTBOX_INIT;
}
