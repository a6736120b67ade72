// SPDX-License-Identifier: GPL-2.0
/* quote: path names as git prints them in diffs and diffstats
 * (quote.c's quote_c_style() with core.quotePath, pprint_rename()). */
#include <stdbool.h>
#include <string.h>

#include "quote.h"

bool quote_needed(const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
			return true;
	}
	return false;
}

static void quote_body(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;
		const char *esc = NULL;

		switch (c) {
		case '\a': esc = "\\a"; break;
		case '\b': esc = "\\b"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\v': esc = "\\v"; break;
		case '\f': esc = "\\f"; break;
		case '\r': esc = "\\r"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		}
		if (esc)
			strbuf_addstr(out, esc);
		else if (c < 0x20 || c >= 0x7f)
			strbuf_addf(out, "\\%03o", c);
		else
			strbuf_addch(out, c);
	}
}

void quote_c_style(struct strbuf *out, const char *s)
{
	if (!quote_needed(s)) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	quote_body(out, s);
	strbuf_addch(out, '"');
}

void quote_two(struct strbuf *out, const char *prefix, const char *s)
{
	if (!quote_needed(s)) {
		strbuf_addf(out, "%s%s", prefix, s);
		return;
	}
	strbuf_addch(out, '"');
	strbuf_addstr(out, prefix);
	quote_body(out, s);
	strbuf_addch(out, '"');
}

void quote_pprint_rename(struct strbuf *name, const char *a, const char *b)
{
	const char *old_name = a, *new_name = b;
	int len_a = strlen(a), len_b = strlen(b);
	int pfx_length = 0, sfx_length = 0, pfx_adjust_for_slash;
	int a_midlen, b_midlen;

	if (quote_needed(a) || quote_needed(b)) {
		quote_c_style(name, a);
		strbuf_addstr(name, " => ");
		quote_c_style(name, b);
		return;
	}
	while (*old_name && *new_name && *old_name == *new_name) {
		if (*old_name == '/')
			pfx_length = old_name - a + 1;
		old_name++;
		new_name++;
	}
	old_name = a + len_a;
	new_name = b + len_b;
	pfx_adjust_for_slash = pfx_length ? 1 : 0;
	while (a + pfx_length - pfx_adjust_for_slash <= old_name &&
	       b + pfx_length - pfx_adjust_for_slash <= new_name &&
	       *old_name == *new_name) {
		if (*old_name == '/')
			sfx_length = len_a - (old_name - a);
		old_name--;
		new_name--;
	}
	a_midlen = len_a - pfx_length - sfx_length;
	b_midlen = len_b - pfx_length - sfx_length;
	if (a_midlen < 0)
		a_midlen = 0;
	if (b_midlen < 0)
		b_midlen = 0;
	if (pfx_length + sfx_length) {
		strbuf_add(name, a, pfx_length);
		strbuf_addch(name, '{');
	}
	strbuf_add(name, a + pfx_length, a_midlen);
	strbuf_addstr(name, " => ");
	strbuf_add(name, b + pfx_length, b_midlen);
	if (pfx_length + sfx_length) {
		strbuf_addch(name, '}');
		strbuf_add(name, a + len_a - sfx_length, sfx_length);
	}
}
