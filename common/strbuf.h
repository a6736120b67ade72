/* SPDX-License-Identifier: GPL-2.0 */
/* strbuf: the one growable string buffer every module uses for text that
 * comes from users or repositories; always NUL-terminated. */
#ifndef GIT_BPF_STRBUF_H
#define GIT_BPF_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;	/* never NULL after strbuf_init(); "" when empty */
	size_t len;
	size_t alloc;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { strbuf_slopbuf, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
static inline void strbuf_reset(struct strbuf *sb) { strbuf_setlen(sb, 0); }
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_rtrim(struct strbuf *sb);
void strbuf_trim(struct strbuf *sb);
/* Read a whole file; -1 with errno set on failure (sb keeps what it had). */
int strbuf_read_file(struct strbuf *sb, const char *path);
/* Read all of fd. */
int strbuf_read_fd(struct strbuf *sb, int fd);
/*
 * Append len bytes of s with every control byte shown as "\xNN": C0 but
 * TAB (so LF and CR too), DEL, and C1 (U+0080..U+009F in UTF-8, or a lone
 * byte 0x80..0x9f).  ESC sequences thus reach no terminal.  For what is
 * printed; mail text itself is never passed through this.
 */
void strbuf_add_escaped(struct strbuf *sb, const char *s, size_t len);
int strbuf_starts_with(const struct strbuf *sb, const char *prefix);

#endif
