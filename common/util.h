/* SPDX-License-Identifier: GPL-2.0 */
/* util: messages in git's form (error/warning/hint), checked allocation,
 * and a growable vector of strings. */
#ifndef GIT_BPF_UTIL_H
#define GIT_BPF_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes shared by every command (DESIGN.md). */
#define EXIT_OK		0
#define EXIT_REFUSED	1
#define EXIT_USAGE	2

/* What library code returns besides 0, its error printed already. */
enum {
	ERR_FAILED = -1,	/* the work failed or was refused: exit 1 */
	ERR_BAD_INPUT = -2,	/* bad usage or bad input: exit 2 */
};

/* The one mapping from 0 and the ERR_* codes to the exit status. */
static inline int exit_status(int ret)
{
	return !ret ? EXIT_OK : ret == ERR_BAD_INPUT ? EXIT_USAGE :
	       EXIT_REFUSED;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Print "error: ..." to stderr and return -1, so callers can
 * "return error(...)". */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "error: <msg>: <strerror(errno)>" and return -1. */
int error_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Only main() exits; allocation failure is the one exception. */
/* s with control bytes shown as "\xNN" (strbuf_add_escaped()), for a
 * terminal; the caller frees it. */
char *xescaped(const char *s);
/* puts(s) and fputs(s, fp) with control bytes shown as "\xNN". */
void puts_escaped(const char *s);
void fputs_escaped(const char *s, FILE *fp);
void die_oom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xstrvfmt(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/* Grow an array to hold at least nr elements. */
#define ALLOC_GROW(arr, nr, alloc)					\
	do {								\
		if ((nr) > (alloc)) {					\
			size_t _n = (alloc) < 8 ? 8 : (alloc) * 2;	\
			if (_n < (nr))					\
				_n = (nr);				\
			(arr) = xrealloc((arr), _n * sizeof(*(arr)));	\
			(alloc) = _n;					\
		}							\
	} while (0)

struct strvec {
	char **v;	/* NULL-terminated once anything was pushed */
	size_t nr, alloc;
};
#define STRVEC_INIT { NULL, 0, 0 }

void strvec_push(struct strvec *sv, const char *s);
void strvec_pushf(struct strvec *sv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Push s unless an equal string (case-insensitively when icase) is there. */
bool strvec_push_unique(struct strvec *sv, const char *s, bool icase);
bool strvec_has(const struct strvec *sv, const char *s, bool icase);
/* Push each non-empty piece of list between separators ("a,b,,c"). */
void strvec_split(struct strvec *sv, const char *list, char sep);
void strvec_clear(struct strvec *sv);

/*
 * A set of strings for "seen it already?" questions over many items
 * (addresses, names): hashed, so membership costs no scan.  Each member
 * may carry a number (an index into the caller's arrays), which makes it
 * a map.  Zero initialised is empty; icase compares ASCII
 * case-insensitively.
 */
struct strset_slot {
	char *key;
	size_t val;
};

struct strset {
	struct strset_slot *slots;
	size_t nr, cap;
	bool icase;
};

/* Add s; false when an equal string was there already. */
bool strset_add(struct strset *set, const char *s);
bool strset_has(const struct strset *set, const char *s);
/* Add s or replace its number; false when s was there already. */
bool strset_put(struct strset *set, const char *s, size_t val);
/* The number s carries; false when s is not a member. */
bool strset_get(const struct strset *set, const char *s, size_t *val);
void strset_clear(struct strset *set);

/* A map from strings to strings (Perl's %hash): a strset whose numbers
 * index the values.  Zero initialised is empty; set keys.icase before
 * the first put to compare keys case-insensitively. */
struct strmap {
	struct strset keys;
	struct strvec vals;
};

/* Store val under key, replacing what was there. */
void strmap_put(struct strmap *map, const char *key, const char *val);
/* The value stored under key; NULL when there is none. */
const char *strmap_get(const struct strmap *map, const char *key);
void strmap_clear(struct strmap *map);

bool starts_with(const char *s, const char *prefix);
bool skip_prefix(const char *s, const char *prefix, const char **out);
bool ends_with(const char *s, const char *suffix);
bool istarts_with(const char *s, const char *prefix);

/* A password is about to be held in memory: no core dump may carry it
 * off (and no same-user ptrace read it). */
void secret_protect(void);

/* "dir/prog" for the first of dirs where prog is executable; NULL when
 * none has it. */
char *find_program_in(const struct strvec *dirs, const char *prog);

/* Whether stdout/stderr should be coloured (a terminal and no NO_COLOR). */
bool want_color(int fd);

/* Run argv (no shell); its stdout captured into out when non-NULL, stdin
 * fed from in when non-NULL.  Returns the exit status, or -1 with a
 * message when it could not be run. */
struct strbuf;
int run_command(const char *const *argv, const struct strbuf *in,
		struct strbuf *out, const char *dir);

#endif
