/* SPDX-License-Identifier: GPL-2.0 */
/* perl: the little of Perl that get_maintainer.pl leans on, so that maint
 * reads text as the script does: \s, trimming, and regexes (PCRE2). */
#ifndef GIT_BPF_PERL_H
#define GIT_BPF_PERL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdbool.h>
#include <stdint.h>
#include <pcre2.h>

struct strbuf;

/* Perl's \s */
bool perl_space(int c);
/* s/\s+$// */
void perl_rtrim(struct strbuf *sb);
/* s/^\s+|\s+$//g */
void perl_trim(struct strbuf *sb);

/* pat compiled with opts; NULL and the reason in err (when non-NULL). */
pcre2_code *perl_re_compile(const char *pat, uint32_t opts,
			    struct strbuf *err);
/* A regex we wrote ourselves: it compiles (else a BUG and abort). */
pcre2_code *perl_re_fixed(const char *pat);
/* Match re on s[0..len); captures into cap[2 * i], cap[2 * i + 1]
 * (start, end; -1 when unset) for i < ncap. */
bool perl_re_match(pcre2_match_data *md, pcre2_code *re, const char *s,
		   size_t len, long *cap, int ncap);
/* The capture cap of s into sb ("" when unset). */
void perl_re_cap(struct strbuf *sb, const char *s, const long *cap);

#endif
