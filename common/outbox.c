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

#include "outbox.h"
#include "strbuf.h"

#define OUTBOX_MAGIC "git-bpf outbox 1"

void outbox_init(struct outbox *ob, git_repository *repo)
{
	const char *gitdir = git_repository_path(repo);

	*ob = (struct outbox)OUTBOX_INIT;
	ob->bpf_dir = xstrfmt("%s%sbpf", gitdir,
			      ends_with(gitdir, "/") ? "" : "/");
	ob->dir = xstrfmt("%s/outbox", ob->bpf_dir);
}

bool outbox_exists(const struct outbox *ob)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	bool ret;

	strbuf_addf(&path, "%s/index", ob->dir);
	ret = !stat(path.buf, &st);
	strbuf_release(&path);
	return ret;
}

int outbox_lock(struct outbox *ob)
{
	if (mkdir(ob->bpf_dir, 0777) && errno != EEXIST)
		return error_errno("cannot create '%s'", ob->bpf_dir);
	ob->lock_fd = open(ob->bpf_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ob->lock_fd < 0)
		return error_errno("cannot open '%s'", ob->bpf_dir);
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

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return error_errno("cannot open '%s'", path);
	if (fsync(fd)) {
		close(fd);
		return error_errno("cannot sync '%s'", path);
	}
	close(fd);
	return 0;
}

static int write_file(const char *dir, const char *name, const char *data,
		      size_t len)
{
	char *path = xstrfmt("%s/%s", dir, name);
	int fd, ret = -1;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
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

/* Only the journal's own files live there: plain files, no subdirectory. */
static int remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 :
			error_errno("cannot open '%s'", dir);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) && errno != ENOENT)
			ret = error_errno("cannot remove '%s/%s'", dir,
					  e->d_name);
	}
	closedir(d);
	if (!ret && rmdir(dir) && errno != ENOENT)
		ret = error_errno("cannot remove '%s'", dir);
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

static int build_index(struct strbuf *sb, const struct message_set *ms,
		       const struct smtp_overrides *o)
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
	if (o && (add_line(sb, "server", o->server) ||
		  add_line(sb, "port", o->port) ||
		  add_line(sb, "encryption", o->encryption) ||
		  add_line(sb, "user", o->user)))
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

int outbox_create(struct outbox *ob, const struct message_set *ms,
		  const struct smtp_overrides *o)
{
	struct strbuf index = STRBUF_INIT;
	char *tmp = xstrfmt("%s.new", ob->dir);
	size_t i;
	int ret = -1;

	if (outbox_exists(ob)) {
		error("an interrupted send is waiting in '%s'", ob->dir);
		goto out;
	}
	if (build_index(&index, ms, o))
		goto out;
	if (mkdir(ob->bpf_dir, 0777) && errno != EEXIST) {
		error_errno("cannot create '%s'", ob->bpf_dir);
		goto out;
	}
	/* a journal half-written by a send that died before it began */
	if (remove_dir(tmp) || remove_dir(ob->dir))
		goto out;
	if (mkdir(tmp, 0700)) {
		error_errno("cannot create '%s'", tmp);
		goto out;
	}
	for (i = 0; i < ms->nr; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%04zu.eml", i + 1);
		if (write_file(tmp, name, ms->v[i].text,
			       strlen(ms->v[i].text)))
			goto out;
	}
	if (write_file(tmp, "cover.txt", ms->cover_text ? ms->cover_text : "",
		       ms->cover_text ? strlen(ms->cover_text) : 0) ||
	    write_file(tmp, "accepted", "", 0) ||
	    write_file(tmp, "index", index.buf, index.len) ||
	    fsync_path(tmp))
		goto out;
	if (rename(tmp, ob->dir)) {
		error_errno("cannot rename '%s' to '%s'", tmp, ob->dir);
		goto out;
	}
	if (fsync_path(ob->bpf_dir))
		goto out;
	free(ob->accepted);
	ob->nr = ms->nr;
	ob->accepted = xcalloc(ms->nr ? ms->nr : 1, sizeof(*ob->accepted));
	ret = 0;
out:
	if (ret)
		remove_dir(tmp);
	strbuf_release(&index);
	free(tmp);
	return ret;
}

static int journal_damaged(const struct outbox *ob, const char *what, size_t line)
{
	return error("the outbox journal '%s/index' is damaged (line %zu: %s)",
		     ob->dir, line, what);
}

static char *read_text(const struct outbox *ob, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("%s/%s", ob->dir, name);

	if (strbuf_read_file(&sb, path) < 0) {
		error_errno("cannot read '%s'", path);
		strbuf_release(&sb);
		free(path);
		return NULL;
	}
	free(path);
	return strbuf_detach(&sb, NULL);
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
			else if (!strcmp(key, "server"))
				bad = set_field(&ob->server, v);
			else if (!strcmp(key, "port"))
				bad = set_field(&ob->port, v);
			else if (!strcmp(key, "encryption"))
				bad = set_field(&ob->encryption, v);
			else if (!strcmp(key, "user"))
				bad = set_field(&ob->user, v);
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

/* Lines torn by a crash (no newline) or naming another id are ignored:
 * such a message counts as not accepted and is sent again. */
static void parse_accepted(struct outbox *ob, const struct message_set *ms,
			   const char *text)
{
	const char *line, *next;

	for (line = text; *line; line = next) {
		char *end;
		unsigned long n;
		const char *nl = strchr(line, '\n');

		if (!nl)
			break;
		next = nl + 1;
		n = strtoul(line, &end, 10);
		if (end == line || *end != ' ' || !n || n > ms->nr)
			continue;
		end++;
		if ((size_t)(nl - end) == strlen(ms->v[n - 1].message_id) &&
		    !strncmp(end, ms->v[n - 1].message_id, nl - end))
			ob->accepted[n - 1] = true;
	}
}

int outbox_load(struct outbox *ob, struct message_set *ms)
{
	char *index = NULL, *accepted = NULL;
	int ret = -1;

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
	parse_accepted(ob, ms, accepted);
	ret = 0;
out:
	free(index);
	free(accepted);
	return ret;
}

int outbox_mark(struct outbox *ob, size_t i, const char *message_id)
{
	char *line;
	size_t len;
	int ret = -1;

	if (ob->accepted_fd < 0) {
		char *path = xstrfmt("%s/accepted", ob->dir);

		ob->accepted_fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		if (ob->accepted_fd < 0) {
			error_errno("cannot open '%s'", path);
			free(path);
			return -1;
		}
		free(path);
	}
	line = xstrfmt("%04zu %s\n", i + 1, message_id);
	len = strlen(line);
	if (write(ob->accepted_fd, line, len) != (ssize_t)len ||
	    fsync(ob->accepted_fd))
		error_errno("cannot record in '%s/accepted' that message %zu was sent", ob->dir, i + 1);
	else
		ret = 0;
	free(line);
	if (!ret && i < ob->nr)
		ob->accepted[i] = true;
	return ret;
}

int outbox_clear(struct outbox *ob)
{
	if (ob->accepted_fd >= 0) {
		close(ob->accepted_fd);
		ob->accepted_fd = -1;
	}
	if (remove_dir(ob->dir))
		return -1;
	return fsync_path(ob->bpf_dir);
}

void outbox_release(struct outbox *ob)
{
	if (ob->accepted_fd >= 0)
		close(ob->accepted_fd);
	if (ob->lock_fd >= 0)
		close(ob->lock_fd);
	free(ob->bpf_dir);
	free(ob->dir);
	free(ob->accepted);
	free(ob->kind);
	free(ob->server);
	free(ob->port);
	free(ob->encryption);
	free(ob->user);
	*ob = (struct outbox)OUTBOX_INIT;
}
