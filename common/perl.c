// SPDX-License-Identifier: GPL-2.0
/* perl: Perl's \s, trimming and regexes, as get_maintainer.pl has them,
 * for maint and the modules it is made of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"
#include "strbuf.h"

bool perl_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

void perl_rtrim(struct strbuf *sb)
{
	while (sb->len && perl_space((unsigned char)sb->buf[sb->len - 1]))
		sb->len--;
	sb->buf[sb->len] = '\0';
}

void perl_trim(struct strbuf *sb)
{
	size_t i = 0;

	perl_rtrim(sb);
	while (i < sb->len && perl_space((unsigned char)sb->buf[i]))
		i++;
	if (i) {
		memmove(sb->buf, sb->buf + i, sb->len - i + 1);
		sb->len -= i;
	}
}

pcre2_code *perl_re_compile(const char *pat, uint32_t opts,
			    struct strbuf *err)
{
	PCRE2_SIZE off;
	int code;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opts,
			   &code, &off, NULL);
	if (!re && err) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		strbuf_addf(err, "%s at offset %zu", (char *)msg, (size_t)off);
	}
	return re;
}

pcre2_code *perl_re_fixed(const char *pat)
{
	struct strbuf err = STRBUF_INIT;
	pcre2_code *re = perl_re_compile(pat, 0, &err);

	if (!re) {
		fprintf(stderr, "BUG: maint regex '%s': %s\n", pat, err.buf);
		abort();
	}
	return re;
}

/*
 * A MAINTAINERS pattern is a regular expression from the tree, and one
 * can backtrack for ever (perl, and get_maintainer.pl, would hang on it):
 * a match that takes more steps than this counts as no match.  A path
 * against the kernel's own F: and N: patterns needs a few hundred; a K:
 * keyword scans a whole patch, so the bound grows with the subject and
 * reaches PCRE2's own (10 million) at 100 KB.
 */
#define PERL_RE_STEPS		100000
#define PERL_RE_STEPS_A_BYTE	100

bool perl_re_match(pcre2_match_data *md, pcre2_code *re, const char *s,
		   size_t len, long *cap, int ncap)
{
	static pcre2_match_context *limits;
	PCRE2_SIZE *ov;
	int rc, i;

	if (!limits)
		limits = pcre2_match_context_create(NULL);
	if (limits)
		pcre2_set_match_limit(limits, len > UINT32_MAX / 200 ? UINT32_MAX :
				      PERL_RE_STEPS +
				      (uint32_t)len * PERL_RE_STEPS_A_BYTE);
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, limits);
	if (rc < 0)
		return false;
	ov = pcre2_get_ovector_pointer(md);
	for (i = 0; i < ncap; i++) {
		size_t a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];

		if (rc > i + 1 && a != PCRE2_UNSET) {
			cap[2 * i] = (long)a;
			cap[2 * i + 1] = (long)b;
		} else {
			cap[2 * i] = cap[2 * i + 1] = -1;
		}
	}
	return true;
}

void perl_re_cap(struct strbuf *sb, const char *s, const long *cap)
{
	strbuf_reset(sb);
	if (cap[0] >= 0)
		strbuf_add(sb, s + cap[0], (size_t)(cap[1] - cap[0]));
}
