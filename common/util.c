// SPDX-License-Identifier: GPL-2.0
/* util: git-style messages, checked allocation, strvec, and running a
 * program by argv without a shell. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

extern char **environ;

/* One line, whatever the culprit in quotes holds: control bytes escaped. */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT, msg = STRBUF_INIT;

	strbuf_addstr(&sb, prefix);
	strbuf_vaddf(&msg, fmt, ap);
	strbuf_add_escaped(&sb, msg.buf, msg.len);
	strbuf_addch(&sb, '\n');
	fflush(stdout);
	fputs(sb.buf, stderr);
	strbuf_release(&msg);
	strbuf_release(&sb);
}

char *xescaped(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add_escaped(&sb, s, strlen(s));
	return strbuf_detach(&sb, NULL);
}

void fputs_escaped(const char *s, FILE *fp)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add_escaped(&sb, s, strlen(s));
	fwrite(sb.buf, 1, sb.len, fp);
	strbuf_release(&sb);
}

void puts_escaped(const char *s)
{
	fputs_escaped(s, stdout);
	putchar('\n');
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

int error_errno(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	error("%s: %s", sb.buf, strerror(saved));
	strbuf_release(&sb);
	errno = saved;
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("hint: ", fmt, ap);
	va_end(ap);
}

void die_oom(void)
{
	static const char msg[] = "fatal: out of memory\n";

	if (write(2, msg, sizeof(msg) - 1) < 0)
		abort();
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die_oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		die_oom();
	return p;
}

char *xstrvfmt(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_vaddf(&sb, fmt, ap);
	return strbuf_detach(&sb, NULL);
}

char *xstrfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xstrvfmt(fmt, ap);
	va_end(ap);
	return s;
}

void strvec_push(struct strvec *sv, const char *s)
{
	ALLOC_GROW(sv->v, sv->nr + 2, sv->alloc);
	sv->v[sv->nr++] = xstrdup(s);
	sv->v[sv->nr] = NULL;
}

void strvec_pushf(struct strvec *sv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xstrvfmt(fmt, ap);
	va_end(ap);
	strvec_push(sv, s);
	free(s);
}

bool strvec_has(const struct strvec *sv, const char *s, bool icase)
{
	for (size_t i = 0; i < sv->nr; i++)
		if (icase ? !strcasecmp(sv->v[i], s) : !strcmp(sv->v[i], s))
			return true;
	return false;
}

bool strvec_push_unique(struct strvec *sv, const char *s, bool icase)
{
	if (strvec_has(sv, s, icase))
		return false;
	strvec_push(sv, s);
	return true;
}

void strvec_split(struct strvec *sv, const char *list, char sep)
{
	const char *p = list;

	while (*p) {
		const char *end = strchrnul(p, sep);

		if (end > p) {
			char *item = xstrndup(p, (size_t)(end - p));

			strvec_push(sv, item);
			free(item);
		}
		p = *end ? end + 1 : end;
	}
}

void strvec_clear(struct strvec *sv)
{
	for (size_t i = 0; i < sv->nr; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->nr = sv->alloc = 0;
}

static size_t strset_hash(const char *s, bool icase)
{
	size_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (icase && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static struct strset_slot *strset_slot(const struct strset *set,
					const char *s)
{
	size_t i = strset_hash(s, set->icase) & (set->cap - 1);

	while (set->slots[i].key &&
	       (set->icase ? strcasecmp(set->slots[i].key, s) :
			     strcmp(set->slots[i].key, s)))
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

bool strset_has(const struct strset *set, const char *s)
{
	return set->cap && strset_slot(set, s)->key;
}

bool strset_get(const struct strset *set, const char *s, size_t *val)
{
	const struct strset_slot *slot;

	if (!set->cap)
		return false;
	slot = strset_slot(set, s);
	if (!slot->key)
		return false;
	*val = slot->val;
	return true;
}

/* The slot for s, made (with number 0) when s is new; *fresh says so. */
static struct strset_slot *strset_claim(struct strset *set, const char *s,
					bool *fresh)
{
	struct strset_slot *slot;

	if ((set->nr + 1) * 2 > set->cap) {
		struct strset bigger = { NULL, 0, set->cap ? set->cap * 2 : 16,
					 set->icase };

		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i].key)
				*strset_slot(&bigger, set->slots[i].key) =
					set->slots[i];
		bigger.nr = set->nr;
		free(set->slots);
		*set = bigger;
	}
	slot = strset_slot(set, s);
	*fresh = !slot->key;
	if (*fresh) {
		slot->key = xstrdup(s);
		slot->val = 0;
		set->nr++;
	}
	return slot;
}

bool strset_add(struct strset *set, const char *s)
{
	bool fresh;

	strset_claim(set, s, &fresh);
	return fresh;
}

bool strset_put(struct strset *set, const char *s, size_t val)
{
	bool fresh;

	strset_claim(set, s, &fresh)->val = val;
	return fresh;
}

void strset_clear(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i].key);
	free(set->slots);
	set->slots = NULL;
	set->nr = set->cap = 0;
}

void strmap_put(struct strmap *map, const char *key, const char *val)
{
	size_t i;

	if (strset_get(&map->keys, key, &i)) {
		free(map->vals.v[i]);
		map->vals.v[i] = xstrdup(val);
		return;
	}
	strset_put(&map->keys, key, map->vals.nr);
	strvec_push(&map->vals, val);
}

const char *strmap_get(const struct strmap *map, const char *key)
{
	size_t i;

	return strset_get(&map->keys, key, &i) ? map->vals.v[i] : NULL;
}

void strmap_clear(struct strmap *map)
{
	strset_clear(&map->keys);
	strvec_clear(&map->vals);
}

bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

bool istarts_with(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

bool skip_prefix(const char *s, const char *prefix, const char **out)
{
	size_t n = strlen(prefix);

	if (strncmp(s, prefix, n))
		return false;
	if (out)
		*out = s + n;
	return true;
}

bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

void secret_protect(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

char *find_program_in(const struct strvec *dirs, const char *prog)
{
	for (size_t i = 0; i < dirs->nr; i++) {
		char *p = xstrfmt("%s/%s", dirs->v[i], prog);

		if (!access(p, X_OK))
			return p;
		free(p);
	}
	return NULL;
}

bool want_color(int fd)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc && *nc)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fd);
}

/* Feed in, drain out, without deadlocking on full pipes. */
static int pump(int infd, const struct strbuf *in, int outfd,
		struct strbuf *out)
{
	size_t off = 0;

	if (infd >= 0 && (!in || !in->len)) {
		close(infd);
		infd = -1;
	}
	while (infd >= 0 || outfd >= 0) {
		fd_set r, w;
		int maxfd = -1;

		FD_ZERO(&r);
		FD_ZERO(&w);
		if (infd >= 0) {
			FD_SET(infd, &w);
			maxfd = infd;
		}
		if (outfd >= 0) {
			FD_SET(outfd, &r);
			if (outfd > maxfd)
				maxfd = outfd;
		}
		if (select(maxfd + 1, &r, &w, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (infd >= 0 && FD_ISSET(infd, &w)) {
			ssize_t n = write(infd, in->buf + off, in->len - off);

			if (n < 0 && errno != EINTR && errno != EAGAIN) {
				close(infd);
				infd = -1;
			} else if (n > 0) {
				off += (size_t)n;
				if (off == in->len) {
					close(infd);
					infd = -1;
				}
			}
		}
		if (outfd >= 0 && FD_ISSET(outfd, &r)) {
			ssize_t n;

			strbuf_grow(out, 65536);
			n = read(outfd, out->buf + out->len,
				 out->alloc - out->len - 1);
			if (n < 0 && errno != EINTR && errno != EAGAIN) {
				close(outfd);
				outfd = -1;
			} else if (n == 0) {
				close(outfd);
				outfd = -1;
			} else if (n > 0) {
				out->len += (size_t)n;
				out->buf[out->len] = '\0';
			}
		}
	}
	return 0;
}

int run_command(const char *const *argv, const struct strbuf *in,
		struct strbuf *out, const char *dir)
{
	posix_spawn_file_actions_t fa;
	int inpipe[2] = { -1, -1 }, outpipe[2] = { -1, -1 };
	int status, ret = -1;
	pid_t pid;
	void (*old_pipe)(int);

	if (in && pipe(inpipe))
		return error_errno("cannot run '%s'", argv[0]);
	if (out && pipe(outpipe)) {
		if (in) {
			close(inpipe[0]);
			close(inpipe[1]);
		}
		return error_errno("cannot run '%s'", argv[0]);
	}
	posix_spawn_file_actions_init(&fa);
	if (in) {
		posix_spawn_file_actions_adddup2(&fa, inpipe[0], 0);
		posix_spawn_file_actions_addclose(&fa, inpipe[1]);
		posix_spawn_file_actions_addclose(&fa, inpipe[0]);
	}
	if (out) {
		posix_spawn_file_actions_adddup2(&fa, outpipe[1], 1);
		posix_spawn_file_actions_addclose(&fa, outpipe[0]);
		posix_spawn_file_actions_addclose(&fa, outpipe[1]);
	}
	if (dir)
		posix_spawn_file_actions_addchdir_np(&fa, dir);
	fflush(stdout);
	fflush(stderr);
	errno = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			     environ);
	posix_spawn_file_actions_destroy(&fa);
	if (in)
		close(inpipe[0]);
	if (out)
		close(outpipe[1]);
	if (errno) {
		error_errno("cannot run '%s'", argv[0]);
		if (in)
			close(inpipe[1]);
		if (out)
			close(outpipe[0]);
		return -1;
	}
	old_pipe = signal(SIGPIPE, SIG_IGN);
	pump(in ? inpipe[1] : -1, in, out ? outpipe[0] : -1, out);
	signal(SIGPIPE, old_pipe);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return error_errno("waitpid for '%s'", argv[0]);
	if (WIFEXITED(status))
		ret = WEXITSTATUS(status);
	else
		ret = 128 + WTERMSIG(status);
	return ret;
}
