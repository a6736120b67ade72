/* SPDX-License-Identifier: GPL-2.0 */
/* quote: path names as git prints them in diffs and diffstats, C-style
 * quoted when they hold a control byte, '"', '\\' or a non-ASCII byte. */
#ifndef GIT_BPF_QUOTE_H
#define GIT_BPF_QUOTE_H

#include <stdbool.h>

#include "strbuf.h"

/* Whether git quotes s (core.quotePath, its default). */
bool quote_needed(const char *s);
/* s, quoted in "..." with C escapes when it needs it. */
void quote_c_style(struct strbuf *out, const char *s);
/* git's quote_two(): prefix ("a/") and s quoted together. */
void quote_two(struct strbuf *out, const char *prefix, const char *s);
/* git's pprint_rename(): "dir/{a => b}/file", or both names quoted. */
void quote_pprint_rename(struct strbuf *out, const char *a, const char *b);

#endif
