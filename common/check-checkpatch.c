// SPDX-License-Identifier: GPL-2.0
/* check-checkpatch: the tree's scripts/checkpatch.pl run as NIPA runs it,
 * one process per CPU, its verdicts cached per patch under $GIT_DIR/bpf/. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bpfdir.h"
#include "check-internal.h"
#include "mail.h"
#include "repo.h"
#include "strbuf.h"
#include "util.h"

extern char **environ;

/* NIPA's tests/patch/checkpatch: what it does not hold against a patch. */
static const char nipa_ignore[] =
	"COMMIT_LOG_LONG_LINE,MACRO_ARG_REUSE,ALLOC_SIZEOF_STRUCT,"
	"NO_AUTHOR_SIGN_OFF,GIT_COMMIT_ID,CAMELCASE,FILE_PATH_CHANGES,"
	"BAD_REPORTED_BY_LINK";

/* Where Debian's codespell keeps the dictionary checkpatch.pl reads. */
static const char *const codespell_dicts[] = {
	"/usr/share/codespell/dictionary.txt",
	"/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt",
};

/* Files besides the script whose contents change checkpatch's verdicts. */
static const char *const checkpatch_data[] = {
	"scripts/checkpatch.pl", "scripts/spelling.txt",
	"scripts/const_structs.checkpatch",
};

#define CACHE_MAX_ENTRIES	2000	/* pruned to 3/4 when over */
#define CACHE_MAX_ENTRY		(64 * 1024)

/* checkpatch.pl's own test for a full tree (else it wants --no-tree). */
static bool top_of_kernel_tree(const char *dir)
{
	static const char *const need[] = {
		"COPYING", "CREDITS", "Kbuild", "MAINTAINERS", "Makefile",
		"README", "Documentation", "arch", "include", "drivers",
		"fs", "init", "ipc", "kernel", "lib", "scripts",
	};

	for (size_t i = 0; i < ARRAY_SIZE(need); i++) {
		char *p = xstrfmt("%s/%s", dir, need[i]);
		bool ok = !access(p, F_OK);

		free(p);
		if (!ok)
			return false;
	}
	return true;
}

static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	bool found = false;

	while (path && *path && !found) {
		size_t n = strcspn(path, ":");
		char *p = xstrfmt("%.*s/%s", (int)n, n ? path : ".", name);

		found = !access(p, X_OK);
		free(p);
		path += n + (path[n] == ':');
	}
	return found;
}

int check_patch_text(struct check_ctx *c, struct patch *p, struct strbuf *out)
{
	const char *diff, *body = p->body ? p->body : "";
	char *from;

	if (series_patch_diff(c->s, p, &diff))
		return -1;
	strbuf_addf(out, "From %s Mon Sep 17 00:00:00 2001\n",
		    *p->oid ? p->oid : "0000000000000000000000000000000000000000");
	from = xstrfmt("%s <%s>", p->author_name ? p->author_name : "",
		       p->author_email ? p->author_email : "");
	strbuf_addf(out, "From: %s\nDate: ", from);
	free(from);
	mail_date(out, p->author_time, p->author_tz);
	strbuf_addf(out, "\nSubject: [PATCH] %s\n\n", p->subject ? p->subject : "");
	strbuf_addstr(out, body);
	strbuf_rtrim(out);
	strbuf_addstr(out, "\n---\n");
	strbuf_addstr(out, diff);
	if (out->len && out->buf[out->len - 1] != '\n')
		strbuf_addch(out, '\n');
	return 0;
}

/* --- the cache ------------------------------------------------------- */

/*
 * Entries are files named by a blob id in "$GIT_DIR/bpf/checkpatch",
 * opened only relative to that directory (bpfdir.c's trust rules), never
 * through a link, and read only when they are ours.
 */
struct cache {
	int dir_fd;		/* -1: no cache */
	char *salt;		/* the script's blobs and the flags */
};

static void cache_init(struct cache *k, git_repository *repo,
		       const char *workdir, const struct strvec *flags)
{
	struct strbuf salt = STRBUF_INIT;

	k->dir_fd = -1;
	strbuf_addstr(&salt, "git-bpf checkpatch 1\n");
	for (size_t i = 0; i < ARRAY_SIZE(checkpatch_data); i++) {
		char *path = xstrfmt("%s%s", workdir, checkpatch_data[i]);
		git_oid id;

		if (!git_odb_hashfile(&id, path, GIT_OBJECT_BLOB))
			strbuf_addf(&salt, "%s %s\n", checkpatch_data[i],
				    git_oid_tostr_s(&id));
		git_error_clear();
		free(path);
	}
	for (size_t i = 0; i < flags->nr; i++)
		strbuf_addf(&salt, "%s\n", flags->v[i]);
	k->salt = strbuf_detach(&salt, NULL);
	if (!repo)
		return;
	k->dir_fd = bpf_subdir_open(repo, "checkpatch");
	if (k->dir_fd < 0) {
		char *dir = bpf_dir_path(repo);

		warning("not caching checkpatch.pl's results: '%s/checkpatch' is not a directory only we can write",
			dir);
		free(dir);
	}
}

static void cache_release(struct cache *k)
{
	if (k->dir_fd >= 0)
		close(k->dir_fd);
	free(k->salt);
}

/* The entry's name: the blob id of the salt and the patch text. */
static char *cache_key(const struct cache *k, const struct strbuf *text)
{
	struct strbuf key = STRBUF_INIT;
	git_oid id;

	strbuf_addstr(&key, k->salt);
	strbuf_addbuf(&key, text);
	git_odb_hash(&id, key.buf, key.len, GIT_OBJECT_BLOB);
	strbuf_release(&key);
	return xstrdup(git_oid_tostr_s(&id));
}

/* The cached lines for a patch, or false. */
static bool cache_get(const struct cache *k, const char *name,
		      struct strbuf *out)
{
	int fd = openat(k->dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	bool ok = false;

	if (fd < 0)
		return false;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && bpf_fd_trusted(fd) &&
	    st.st_size <= CACHE_MAX_ENTRY && !strbuf_read_fd(out, fd))
		ok = true;
	close(fd);
	if (!ok)
		strbuf_reset(out);
	return ok;
}

struct entry {
	char *name;
	time_t mtime;
};

static int by_mtime(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* Keep the cache bounded: drop the oldest quarter when it is full. */
static void cache_prune(const struct cache *k)
{
	int fd = dup(k->dir_fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct entry *v = NULL;
	size_t nr = 0, alloc = 0;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		struct stat st;

		if (strlen(de->d_name) != GIT_OID_HEXSZ ||
		    fstatat(k->dir_fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		ALLOC_GROW(v, nr + 1, alloc);
		v[nr].name = xstrdup(de->d_name);
		v[nr++].mtime = st.st_mtime;
	}
	if (nr > CACHE_MAX_ENTRIES) {
		qsort(v, nr, sizeof(*v), by_mtime);
		for (size_t i = 0; i < nr - CACHE_MAX_ENTRIES * 3 / 4; i++)
			unlinkat(k->dir_fd, v[i].name, 0);
	}
	for (size_t i = 0; i < nr; i++)
		free(v[i].name);
	free(v);
	closedir(d);
}

static void cache_put(const struct cache *k, const char *name,
		      const struct strbuf *lines)
{
	char *tmp;
	int fd;

	if (lines->len > CACHE_MAX_ENTRY)
		return;
	tmp = xstrfmt("%s.%ld.tmp", name, (long)getpid());
	fd = openat(k->dir_fd, tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(tmp);
		return;
	}
	if (write(fd, lines->buf, lines->len) != (ssize_t)lines->len ||
	    close(fd) || renameat(k->dir_fd, tmp, k->dir_fd, name))
		unlinkat(k->dir_fd, tmp, 0);
	free(tmp);
}

/* --- running it ------------------------------------------------------ */

struct job {
	struct strvec argv;	/* the command and its patch files */
	char *out;		/* where its stdout went */
	pid_t pid;
	int status;
};

static int spawn_job(struct job *j, const char *workdir)
{
	posix_spawn_file_actions_t fa;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, j->out,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addchdir_np(&fa, workdir);
	fflush(stdout);
	fflush(stderr);
	err = posix_spawnp(&j->pid, j->argv.v[0], &fa, NULL,
			   (char *const *)j->argv.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		errno = err;
		j->pid = 0;
		return error_errno("cannot run '%s'", j->argv.v[0]);
	}
	return 0;
}

static int wait_job(struct job *j)
{
	int status;

	while (waitpid(j->pid, &status, 0) < 0)
		if (errno != EINTR)
			return error_errno("waitpid for '%s'", j->argv.v[1]);
	j->pid = 0;
	j->status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
	return 0;
}

static long cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : n;
}

/* "FILE:12: WARNING:TYPE: text" -> "WARNING:TYPE: text" when FILE is
 * file, else NULL. */
static const char *finding_of(const char *line, const char *file)
{
	const char *rest, *level;

	if (!skip_prefix(line, file, &rest) || *rest != ':')
		return NULL;
	level = strstr(rest, ": ");
	if (!level)
		return NULL;
	level += 2;
	if (starts_with(level, "ERROR:") || starts_with(level, "WARNING:") ||
	    starts_with(level, "CHECK:"))
		return level;
	return NULL;
}

/* Fold one patch's "LEVEL:TYPE: text" lines in as findings. */
static void add_findings(struct check_ctx *c, const struct patch *p,
			 const char *lines)
{
	while (*lines) {
		const char *nl = strchrnul(lines, '\n'), *text;
		char *line = xstrndup(lines, (size_t)(nl - lines));

		lines = *nl ? nl + 1 : nl;
		if (skip_prefix(line, "ERROR:", &text))
			check_addf(c, p, "checkpatch", CHECK_ERROR, "%s", text);
		else if (skip_prefix(line, "WARNING:", &text) ||
			 skip_prefix(line, "CHECK:", &text))
			check_addf(c, p, "checkpatch", CHECK_WARNING, "%s", text);
		free(line);
	}
}

/* The flags NIPA gives checkpatch.pl, and ours for parsing its output. */
static void checkpatch_flags(struct strvec *flags, bool kernel_tree)
{
	strvec_push(flags, "--terse");
	strvec_push(flags, "--show-types");
	strvec_push(flags, "--no-summary");
	strvec_push(flags, "--color=never");
	strvec_push(flags, "--strict");
	strvec_push(flags, "--max-line-length=80");
	strvec_pushf(flags, "--ignore=%s", nipa_ignore);
	for (size_t i = 0; i < ARRAY_SIZE(codespell_dicts); i++)
		if (!access(codespell_dicts[i], R_OK) && in_path("codespell")) {
			strvec_push(flags, "--codespell");
			strvec_pushf(flags, "--codespellfile=%s",
				     codespell_dicts[i]);
			break;
		}
	if (!kernel_tree)
		strvec_push(flags, "--no-tree");
}

static int write_file(const char *path, const struct strbuf *sb)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);

	if (fd < 0)
		return error_errno("unable to write '%s'", path);
	if (write(fd, sb->buf, sb->len) != (ssize_t)sb->len) {
		close(fd);
		return error_errno("unable to write '%s'", path);
	}
	if (close(fd))
		return error_errno("unable to write '%s'", path);
	return 0;
}

/* Characters checkpatch.pl's typo pattern holds to be inside a word. */
static bool word_char(unsigned char ch)
{
	return isalnum(ch) || ch == '_' || ch == '-' || ch == '\'' ||
	       ch == '`';
}

/* Every word of text, lower case: what a typo could be found as. */
static void add_words(struct strset *words, const struct strbuf *text)
{
	struct strbuf w = STRBUF_INIT;

	for (size_t i = 0; i <= text->len; i++) {
		unsigned char ch = i < text->len ? (unsigned char)text->buf[i] : 0;

		if (ch && ch < 0x80 && word_char(ch)) {
			strbuf_addch(&w, (char)tolower(ch));
			continue;
		}
		if (w.len)
			strset_add(words, w.buf);
		strbuf_reset(&w);
	}
	strbuf_release(&w);
}

/*
 * checkpatch.pl makes one regular expression of the whole codespell
 * dictionary (37,000 words) at start-up, in every process, and runs it
 * over every line.  It finds a typo only as a whole word, between
 * characters that are no word characters; so the entries whose word
 * stands nowhere in the patches can change no verdict, and each process
 * gets a dictionary without them (entries that are no single word are
 * all kept).  The name of that file, in dir, or NULL to use the whole.
 */
static char *small_dictionary(const struct strvec *flags, const char *dir,
			      const struct strset *words)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, key = STRBUF_INIT;
	const char *from = NULL;
	char *path = NULL;

	for (size_t f = 0; f < flags->nr; f++)
		skip_prefix(flags->v[f], "--codespellfile=", &from);
	if (!from || strbuf_read_file(&in, from) < 0)
		goto out;
	for (const char *s = in.buf; *s;) {
		const char *nl = strchrnul(s, '\n'), *k = s, *arrow;
		bool keep = true;

		while (k < nl && isspace((unsigned char)*k))
			k++;
		arrow = memmem(k, (size_t)(nl - k), "->", 2);
		if (arrow && arrow > k) {
			bool one_word = true;

			strbuf_reset(&key);
			for (const char *c = k; c < arrow && one_word; c++) {
				one_word = (unsigned char)*c < 0x80 &&
					   word_char((unsigned char)*c);
				strbuf_addch(&key, (char)tolower(*c));
			}
			/* not one word: kept, whatever checkpatch makes of it */
			keep = !one_word || strset_has(words, key.buf);
		}
		if (keep)
			strbuf_add(&out, s, (size_t)(nl - s + (*nl == '\n')));
		s = *nl ? nl + 1 : nl;
	}
	path = xstrfmt("%s/dictionary.txt", dir);
	if (write_file(path, &out)) {
		free(path);
		path = NULL;
	}
out:
	strbuf_release(&in);
	strbuf_release(&out);
	strbuf_release(&key);
	return path;
}

/*
 * What checkpatch.pl spends on a patch, in rough milliseconds: a file it
 * has not seen in this process costs a get_maintainer.pl run in a full
 * tree (is_maintained_obsolete(), remembered per process), the text a
 * few milliseconds a kilobyte.
 */
#define COST_NEW_FILE	250
#define COST_PER_KB	3	/* and 1 a patch, so that each process gets one */

struct load {
	struct strset seen;	/* the paths this process has been given */
	size_t cost;
};

static size_t patch_cost(const struct patch *p, const struct strset *seen,
			 bool kernel_tree)
{
	size_t cost = 1 + (p->diff ? strlen(p->diff) : 0) * COST_PER_KB / 1024;

	for (size_t f = 0; kernel_tree && f < p->paths_nr; f++)
		if (!seen || !strset_has(seen, p->paths[f].path))
			cost += COST_NEW_FILE;
	return cost;
}

/*
 * Deal the patches to be checked (files->v[i] non-empty) out to the
 * processes: the costliest first, each to the process it leaves least
 * loaded, counting the files that process has seen already, so that
 * patches on the same files share one get_maintainer.pl run and the
 * processes end together.
 */
static void deal(struct series *s, const struct strvec *files,
		 struct job *jobs, size_t njobs, bool kernel_tree)
{
	struct load *load = xcalloc(njobs ? njobs : 1, sizeof(*load));
	size_t *order = xcalloc(s->nr ? s->nr : 1, sizeof(*order));
	size_t *alone = xcalloc(s->nr ? s->nr : 1, sizeof(*alone));
	size_t *job_of = xcalloc(s->nr ? s->nr : 1, sizeof(*job_of));
	size_t m = 0;

	for (size_t i = 0; i < s->nr; i++)
		if (*files->v[i]) {
			alone[i] = patch_cost(&s->patches[i], NULL, kernel_tree);
			order[m++] = i;
		}
	/* costliest first; a stable insertion sort keeps the series order */
	for (size_t a = 1; a < m; a++)
		for (size_t b = a; b && alone[order[b]] > alone[order[b - 1]]; b--) {
			size_t t = order[b];

			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	for (size_t k = 0; k < m; k++) {
		struct patch *p = &s->patches[order[k]];
		size_t best = 0, best_total = SIZE_MAX;

		for (size_t j = 0; j < njobs; j++) {
			size_t total = load[j].cost +
				       patch_cost(p, &load[j].seen, kernel_tree);

			if (total < best_total) {
				best = j;
				best_total = total;
			}
		}
		load[best].cost = best_total;
		for (size_t f = 0; f < p->paths_nr; f++)
			strset_add(&load[best].seen, p->paths[f].path);
		job_of[order[k]] = best;
	}
	/* each process gets its patches in series order */
	for (size_t i = 0; i < s->nr; i++)
		if (*files->v[i])
			strvec_push(&jobs[job_of[i]].argv, files->v[i]);
	for (size_t j = 0; j < njobs; j++)
		strset_clear(&load[j].seen);
	free(load);
	free(order);
	free(alone);
	free(job_of);
}

/*
 * Each patch not in the cache goes to a file of a fresh directory; the
 * files are dealt out to one checkpatch.pl per CPU (its start-up costs
 * far more than a patch), and what each says of a patch is cached.
 */
int check_checkpatch(struct check_ctx *c)
{
	const char *workdir = c->repo ? git_repository_workdir(c->repo) : NULL;
	const char *tmp = getenv("TMPDIR");
	bool required = c->opts->checkpatch == CHECK_CHECKPATCH_ON;
	struct strvec flags = STRVEC_INIT, files = STRVEC_INIT, keys = STRVEC_INIT;
	struct strbuf *found = NULL;
	struct job *jobs = NULL;
	struct cache cache = { .dir_fd = -1 };
	char *script = NULL, *dir = NULL, *dict = NULL;
	struct strset words = { 0 };
	size_t todo = 0, njobs = 0, n = c->s->nr;
	bool kernel_tree;
	int ret = -1;

	if (!workdir) {
		if (!required)
			return 0;
		return error("--checkpatch needs a kernel work tree with 'scripts/checkpatch.pl'");
	}
	script = xstrfmt("%sscripts/checkpatch.pl", workdir);
	if (access(script, R_OK)) {
		ret = required ? error("'%s' not found: --checkpatch runs the tree's own checkpatch.pl",
				       script) : 0;
		goto out;
	}
	if (!in_path("perl")) {
		ret = required ? error("no 'perl' to run '%s'", script) : 0;
		goto out;
	}
	kernel_tree = top_of_kernel_tree(workdir);
	checkpatch_flags(&flags, kernel_tree);
	cache_init(&cache, c->repo, workdir, &flags);
	found = xcalloc(n ? n : 1, sizeof(*found));
	dir = xstrfmt("%s/git-bpf-checkpatch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		error_errno("unable to make a directory in '%s'",
			    tmp && *tmp ? tmp : "/tmp");
		free(dir);
		dir = NULL;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct patch *p = &c->s->patches[i];
		struct strbuf text = STRBUF_INIT;
		char *path;

		strbuf_init(&found[i], 0);
		/* a merge gets a file name no output line can match */
		if (p->parents > 1) {
			strvec_push(&files, "");
			strvec_push(&keys, "");
			continue;
		}
		if (check_patch_text(c, p, &text)) {
			strbuf_release(&text);
			goto out;
		}
		path = cache.dir_fd >= 0 ? cache_key(&cache, &text) : xstrdup("");
		strvec_push(&keys, path);
		free(path);
		if (*keys.v[i] && cache_get(&cache, keys.v[i], &found[i])) {
			strvec_push(&files, "");
			strbuf_release(&text);
			continue;
		}
		path = xstrfmt("%s/%04zu.patch", dir, i + 1);
		strvec_push(&files, path);
		add_words(&words, &text);
		if (write_file(path, &text)) {
			*files.v[i] = '\0';
			free(path);
			strbuf_release(&text);
			goto out;
		}
		free(path);
		strbuf_release(&text);
		todo++;
	}

	njobs = todo < (size_t)cpus() ? todo : (size_t)cpus();
	jobs = xcalloc(njobs ? njobs : 1, sizeof(*jobs));
	if (todo)
		dict = small_dictionary(&flags, dir, &words);
	for (size_t j = 0; j < njobs; j++) {
		strvec_push(&jobs[j].argv, "perl");
		strvec_push(&jobs[j].argv, script);
		for (size_t f = 0; f < flags.nr; f++)
			if (dict && starts_with(flags.v[f], "--codespellfile="))
				strvec_pushf(&jobs[j].argv, "--codespellfile=%s",
					     dict);
			else
				strvec_push(&jobs[j].argv, flags.v[f]);
		jobs[j].out = xstrfmt("%s/out.%zu", dir, j);
	}
	deal(c->s, &files, jobs, njobs, kernel_tree);
	for (size_t j = 0; j < njobs; j++)
		if (spawn_job(&jobs[j], workdir))
			goto out;
	for (size_t j = 0; j < njobs; j++)
		if (wait_job(&jobs[j]))
			goto out;

	for (size_t j = 0; j < njobs; j++) {
		struct strbuf res = STRBUF_INIT;
		size_t lines = 0;

		if (strbuf_read_file(&res, jobs[j].out) < 0) {
			strbuf_release(&res);
			goto out;
		}
		for (const char *s = res.buf; *s;) {
			const char *nl = strchrnul(s, '\n');
			char *line = xstrndup(s, (size_t)(nl - s));

			s = *nl ? nl + 1 : nl;
			for (size_t i = 0; i < n; i++) {
				const char *f = *files.v[i] ?
						finding_of(line, files.v[i]) : NULL;

				if (f) {
					strbuf_addf(&found[i], "%s\n", f);
					lines++;
					break;
				}
			}
			free(line);
		}
		strbuf_release(&res);
		/* 0 clean, 1 findings; anything else, or 1 with nothing
		 * we understood, is checkpatch.pl failing */
		if (jobs[j].status > 1 || (jobs[j].status && !lines)) {
			error("'%s' failed (exit status %d)", script,
			      jobs[j].status);
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (*files.v[i] && *keys.v[i])
			cache_put(&cache, keys.v[i], &found[i]);
	if (cache.dir_fd >= 0 && todo)
		cache_prune(&cache);
	for (size_t i = 0; i < n; i++)
		add_findings(c, &c->s->patches[i], found[i].buf);
	ret = 0;
out:
	for (size_t j = 0; jobs && j < njobs; j++) {
		if (jobs[j].pid) {
			kill(jobs[j].pid, SIGTERM);
			wait_job(&jobs[j]);
		}
		if (jobs[j].out)
			unlink(jobs[j].out);
		free(jobs[j].out);
		strvec_clear(&jobs[j].argv);
	}
	free(jobs);
	for (size_t i = 0; dir && i < files.nr; i++)
		if (*files.v[i])
			unlink(files.v[i]);
	if (dict)
		unlink(dict);
	free(dict);
	strset_clear(&words);
	if (dir)
		rmdir(dir);
	for (size_t i = 0; found && i < n; i++)
		strbuf_release(&found[i]);
	free(found);
	free(dir);
	free(script);
	cache_release(&cache);
	strvec_clear(&flags);
	strvec_clear(&files);
	strvec_clear(&keys);
	return ret;
}
