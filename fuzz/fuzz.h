/* SPDX-License-Identifier: GPL-2.0 */
/* fuzz.h: what every libFuzzer target shares: copies of the input that
 * end exactly where the input ends, and the checks of a safe header. */
#ifndef GIT_BPF_FUZZ_H
#define GIT_BPF_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/common_interface_defs.h>

/* Stop on a broken promise: libFuzzer reports the abort as a crash and
 * saves the input.  The summary reaches the log even when the target's
 * own stderr is closed (-close_fd_mask=2). */
#define FUZZ_STR2(x) #x
#define FUZZ_STR(x) FUZZ_STR2(x)
#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			__sanitizer_report_error_summary(		\
				"check failed at " __FILE__ ":"		\
				FUZZ_STR(__LINE__) ": " #cond);		\
			abort();					\
		}							\
	} while (0)

/* The input in a buffer of exactly size bytes (no NUL after it), so
 * AddressSanitizer sees a parser that reads past the length it was given.
 * malloc(0) may return NULL: give one byte then, which is never read. */
static inline char *fuzz_exact(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	FUZZ_CHECK(p);
	if (size)
		memcpy(p, data, size);
	return p;
}

/* The input as a C string (ends at its first NUL, if any). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);

	FUZZ_CHECK(p);
	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}

/* Touch every byte of a string that must be NUL-terminated. */
static inline size_t fuzz_touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static inline bool fuzz_has_ctl(const char *s)
{
	for (; s && *s; s++)
		if (*s == '\r' || *s == '\n')
			return true;
	return false;
}

/*
 * A header as the writers must emit it: "Name: " first, one "\n" at
 * the end, every other line a continuation (starts with SP or HT and has
 * something besides white space, or an MTA may take it for the end of
 * the headers), no CR, NUL or other control byte but HT, no line longer
 * than RFC 5322's 998 octets.  That is what stops a value from adding or splitting a header.
 */
static inline void fuzz_check_header(const char *h, size_t len,
				     const char *name)
{
	size_t nl = strlen(name), i, start = 0;

	FUZZ_CHECK(len > nl + 1);
	FUZZ_CHECK(!memcmp(h, name, nl) && h[nl] == ':');
	FUZZ_CHECK(h[len - 1] == '\n');
	FUZZ_CHECK(strlen(h) == len);
	for (i = 0; i < len; i++) {
		FUZZ_CHECK(h[i] != '\r');
		/* control bytes must be encoded; only HT and LF stay */
		FUZZ_CHECK((unsigned char)h[i] >= 0x20 || h[i] == '\t' ||
			   h[i] == '\n');
		FUZZ_CHECK(h[i] != 0x7f);
		if (h[i] != '\n')
			continue;
		FUZZ_CHECK(i - start <= 998);
		if (start) {
			size_t j;
			bool text = false;

			FUZZ_CHECK(h[start] == ' ' || h[start] == '\t');
			for (j = start; j < i; j++)
				if (h[j] != ' ' && h[j] != '\t')
					text = true;
			FUZZ_CHECK(text);
		}
		start = i + 1;
	}
}

/* Whether s is well-formed UTF-8 (no overlongs or surrogates). */
static inline bool fuzz_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, min, cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if (i + need >= n)
			return false;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += need + 1;
	}
	return true;
}

#endif
