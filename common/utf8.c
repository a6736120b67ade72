// SPDX-License-Identifier: GPL-2.0
/* utf8: the one UTF-8 decoder, the width git-bpf gives text, word
 * wrapping, and conversion of other charsets to UTF-8 (iconv). */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

size_t utf8_decode(const char *s, size_t n, unsigned *cp, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned c;

	if (u[0] < 0x80) {
		len = 1;
		c = u[0];
		goto out;
	}
	if ((u[0] & 0xe0) == 0xc0)
		len = 2, c = u[0] & 0x1f;
	else if ((u[0] & 0xf0) == 0xe0)
		len = 3, c = u[0] & 0x0f;
	else if ((u[0] & 0xf8) == 0xf0)
		len = 4, c = u[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (!(flags & UTF8_LAX) &&
	    ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	     (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	     (c >= 0xd800 && c <= 0xdfff)))
		return 0;
out:
	if (cp)
		*cp = c;
	return len;
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t l = utf8_decode(s + i, n - i, NULL, 0);

		if (!l)
			return false;
		i += l;
	}
	return true;
}

static bool is_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

size_t utf8_width(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		w += !is_continuation(s[i]);
	return w;
}

const char *utf8_next_char(const char *s)
{
	if (!*s)
		return s;
	s++;
	while (is_continuation(*s))
		s++;
	return s;
}

static void add_spaces(struct strbuf *out, int n)
{
	while (n-- > 0)
		strbuf_addch(out, ' ');
}

void utf8_wrap(struct strbuf *out, const char *text, int width,
	       int indent1, int indent2, unsigned flags)
{
	bool lines = flags & UTF8_WRAP_LINES;
	bool line_start = true;		/* no word on this line yet */
	const char *p = text;
	int col = indent1;

	add_spaces(out, indent1);
	while (*p) {
		const char *w;
		int wlen;

		if (lines && *p == '\n') {
			strbuf_addch(out, '\n');
			add_spaces(out, indent2);
			col = indent2;
			line_start = true;
			p++;
			continue;
		}
		if (lines && *p == ' ') {
			p++;
			continue;
		}
		w = p;
		while (*p && *p != ' ' && !(lines && *p == '\n'))
			p++;
		wlen = flags & UTF8_WRAP_BYTES ? (int)(p - w) :
		       (int)utf8_width(w, p - w);
		if (!line_start && col + 1 + wlen > width) {
			strbuf_addch(out, '\n');
			add_spaces(out, indent2);
			col = indent2;
			line_start = true;
		}
		if (!line_start) {
			strbuf_addch(out, ' ');
			col++;
		}
		strbuf_add(out, w, p - w);
		col += wlen;
		line_start = false;
		if (!lines)
			while (*p == ' ')
				p++;
	}
	if (!lines || !line_start)
		strbuf_addch(out, '\n');
}

int utf8_convert(struct strbuf *sb, const char *charset, const char *where)
{
	iconv_t cd;
	struct strbuf out = STRBUF_INIT;
	char *in = sb->buf;
	size_t inleft = sb->len;

	cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return error("%s: unknown charset '%s'", where, charset);
	strbuf_grow(&out, sb->len * 2 + 16);
	while (inleft) {
		char *o = out.buf + out.len;
		size_t oleft = out.alloc - out.len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		out.len = (size_t)(o - out.buf);
		if (r == (size_t)-1) {
			if (errno == E2BIG) {
				strbuf_grow(&out, inleft * 2 + 16);
				continue;
			}
			iconv_close(cd);
			strbuf_release(&out);
			return error("%s: text is not valid %s", where, charset);
		}
	}
	out.buf[out.len] = '\0';
	iconv_close(cd);
	strbuf_release(sb);
	*sb = out;
	return 0;
}
