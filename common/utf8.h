/* SPDX-License-Identifier: GPL-2.0 */
/* utf8: the one UTF-8 decoder, the width git-bpf gives text, word
 * wrapping, and conversion of other charsets to UTF-8. */
#ifndef GIT_BPF_UTF8_H
#define GIT_BPF_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* utf8_decode(): only the shape of a sequence counts (a lead byte and
 * its continuation bytes); overlong forms, surrogates and code points
 * past U+10FFFF pass, as a mail encoder that must not split them needs. */
#define UTF8_LAX	(1u << 0)

/*
 * The sequence at s (n > 0 bytes left): its length, 1 for ASCII, with
 * its code point in *cp when cp is not NULL; 0 when s starts no valid
 * sequence (a stray continuation byte, a truncated sequence, and unless
 * UTF8_LAX an overlong form, a surrogate or a code point past U+10FFFF).
 */
size_t utf8_decode(const char *s, size_t n, unsigned *cp, unsigned flags);

/* Whether s[0..n) is valid UTF-8 (NUL bytes are). */
bool utf8_valid(const char *s, size_t n);

/*
 * Columns of s[0..n): one for each byte that is not a continuation
 * byte, so one a character.  (git's utf8_width() gives East Asian wide
 * characters two columns and combining marks none; the diffstat and
 * shortlog here have always counted characters.)
 */
size_t utf8_width(const char *s, size_t n);

/* Past the character at s: its first byte and the continuation bytes
 * after it. */
const char *utf8_next_char(const char *s);

/* How utf8_wrap() reads the text. */
#define UTF8_WRAP_BYTES	(1u << 0)	/* a byte a column */
#define UTF8_WRAP_LINES	(1u << 1)	/* "\n" ends a line, blanks at a
					 * line's start are dropped, and
					 * nothing is added after a line
					 * that holds no word */

/*
 * Append text wrapped at width columns, words separated by spaces: the
 * first line indented by indent1 spaces, the others by indent2, each
 * line ended by "\n".  Without flags, git's strbuf_add_wrapped_text() for
 * plain words, as shortlog uses it.
 */
void utf8_wrap(struct strbuf *out, const char *text, int width,
	       int indent1, int indent2, unsigned flags);

/* Convert sb from charset to UTF-8 in place.  0, or -1 after an error
 * that starts with where (an unknown charset, invalid text). */
int utf8_convert(struct strbuf *sb, const char *charset, const char *where);

#endif
