// SPDX-License-Identifier: GPL-2.0
/* maint-addr: get_maintainer.pl's parse_email(), format_email() and
 * mailmap_email(), with the .mailmap and .get_maintainer.ignore they use. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "maint-addr.h"
#include "perl.h"
#include "strbuf.h"
#include "util.h"

struct maint_addr {
	pcre2_code *re_email[3];
	pcre2_code *re_mailmap[4];
	pcre2_match_data *md;
	struct strmap names, addrs;	/* Perl's hashes for .mailmap */
	struct strvec ignore;
};

struct maint_addr *maint_addr_new(void)
{
	struct maint_addr *ma = xcalloc(1, sizeof(*ma));

	ma->md = pcre2_match_data_create(16, NULL);
	if (!ma->md)
		die_oom();
	ma->re_email[0] = perl_re_fixed("^([^<]+)<(.+\\@.*)>.*$");
	ma->re_email[1] = perl_re_fixed("^\\s*<(.+\\@\\S*)>.*$");
	ma->re_email[2] = perl_re_fixed("^(.+\\@\\S*).*$");
	return ma;
}

void maint_addr_free(struct maint_addr *ma)
{
	size_t i;

	if (!ma)
		return;
	for (i = 0; i < ARRAY_SIZE(ma->re_email); i++)
		pcre2_code_free(ma->re_email[i]);
	for (i = 0; i < ARRAY_SIZE(ma->re_mailmap); i++)
		pcre2_code_free(ma->re_mailmap[i]);
	pcre2_match_data_free(ma->md);
	strmap_clear(&ma->names);
	strmap_clear(&ma->addrs);
	strvec_clear(&ma->ignore);
	free(ma);
}

/* s/^\"|\"$//g */
static void sb_unquote_ends(struct strbuf *sb)
{
	if (sb->len && sb->buf[0] == '"') {
		memmove(sb->buf, sb->buf + 1, sb->len);
		sb->len--;
	}
	if (sb->len && sb->buf[sb->len - 1] == '"')
		sb->buf[--sb->len] = '\0';
}

/* $name =~ /[^\w \-]/i on bytes: anything but ASCII words, space, dash. */
static bool must_quote(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (!(isascii(c) && (isalnum(c) || c == '_' || c == ' ' ||
				     c == '-')))
			return true;
	}
	return false;
}

/* s/(?<!\\)"/\\"/g, then "$name" */
static void sb_quote_name(struct strbuf *sb)
{
	struct strbuf q = STRBUF_INIT;
	size_t i;

	strbuf_addch(&q, '"');
	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == '"' && (!i || sb->buf[i - 1] != '\\'))
			strbuf_addch(&q, '\\');
		strbuf_addch(&q, sb->buf[i]);
	}
	strbuf_addch(&q, '"');
	strbuf_release(sb);
	*sb = q;
}

/* What parse_email() and format_email() both do to the two parts. */
static void tidy(struct strbuf *name, struct strbuf *addr)
{
	perl_trim(name);
	sb_unquote_ends(name);
	perl_trim(addr);
	if (must_quote(name->buf))
		sb_quote_name(name);
}

void maint_addr_parse(struct maint_addr *ma, const char *line,
		      struct strbuf *name, struct strbuf *addr)
{
	size_t len = strlen(line);
	long cap[4];

	strbuf_reset(name);
	strbuf_reset(addr);
	if (perl_re_match(ma->md, ma->re_email[0], line, len, cap, 2)) {
		perl_re_cap(name, line, cap);
		perl_re_cap(addr, line, cap + 2);
	} else if (perl_re_match(ma->md, ma->re_email[1], line, len, cap, 1) ||
		   perl_re_match(ma->md, ma->re_email[2], line, len, cap, 1)) {
		perl_re_cap(addr, line, cap);
	}
	tidy(name, addr);
}

void maint_addr_format(struct strbuf *out, const char *name_in,
		       const char *addr_in)
{
	struct strbuf name = STRBUF_INIT, addr = STRBUF_INIT;

	strbuf_addstr(&name, name_in);
	strbuf_addstr(&addr, addr_in);
	tidy(&name, &addr);
	strbuf_reset(out);
	if (!name.len)
		strbuf_addbuf(out, &addr);
	else
		strbuf_addf(out, "%s <%s>", name.buf, addr.buf);
	strbuf_release(&name);
	strbuf_release(&addr);
}

void maint_addr_mailmap(struct maint_addr *ma, const char *line,
			struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT, addr = STRBUF_INIT;
	struct strbuf email = STRBUF_INIT;
	const char *rn, *ra;

	maint_addr_parse(ma, line, &name, &addr);
	maint_addr_format(&email, name.buf, addr.buf);
	rn = strmap_get(&ma->names, email.buf);
	ra = strmap_get(&ma->addrs, email.buf);
	if (!rn && !ra) {
		rn = strmap_get(&ma->names, addr.buf);
		ra = strmap_get(&ma->addrs, addr.buf);
	}
	maint_addr_format(out, rn ? rn : name.buf, ra ? ra : addr.buf);
	strbuf_release(&name);
	strbuf_release(&addr);
	strbuf_release(&email);
}

/* The next line of *p into line; false at the end of the text. */
static bool next_line(const char **p, struct strbuf *line)
{
	const char *nl = strchrnul(*p, '\n');

	if (!**p)
		return false;
	strbuf_reset(line);
	strbuf_add(line, *p, (size_t)(nl - *p));
	*p = *nl ? nl + 1 : nl;
	return true;
}

/* s/#.*$// */
static void cut_comment(struct strbuf *line)
{
	char *hash = strchr(line->buf, '#');

	if (hash)
		strbuf_setlen(line, (size_t)(hash - line->buf));
}

/* A .mailmap name and address as the script rebuilds them: the name's
 * trailing blanks gone, then parse_email("$name <$address>"). */
static void mailmap_person(struct maint_addr *ma, struct strbuf *name,
			   struct strbuf *addr, struct strbuf *tmp)
{
	perl_rtrim(name);
	strbuf_reset(tmp);
	strbuf_addf(tmp, "%s <%s>", name->buf, addr->buf);
	maint_addr_parse(ma, tmp->buf, name, addr);
}

void maint_addr_set_mailmap(struct maint_addr *ma, const char *text)
{
	struct strbuf line = STRBUF_INIT, n = STRBUF_INIT, a = STRBUF_INIT;
	struct strbuf tmp = STRBUF_INIT, wn = STRBUF_INIT, wa = STRBUF_INIT;
	struct strbuf key = STRBUF_INIT;
	const char *p = text;

	strmap_clear(&ma->names);
	strmap_clear(&ma->addrs);
	if (!ma->re_mailmap[0]) {
		ma->re_mailmap[0] = perl_re_fixed("^([^<]+)<([^>]+)>$");
		ma->re_mailmap[1] = perl_re_fixed("^<([^>]+)>\\s*<([^>]+)>$");
		ma->re_mailmap[2] =
			perl_re_fixed("^(.+)<([^>]+)>\\s*<([^>]+)>$");
		ma->re_mailmap[3] =
			perl_re_fixed("^(.+)<([^>]+)>\\s*(.+)\\s*<([^>]+)>$");
	}
	while (next_line(&p, &line)) {
		const char *s;
		long cap[8];

		cut_comment(&line);
		perl_trim(&line);
		if (!line.len)
			continue;
		s = line.buf;
		if (perl_re_match(ma->md, ma->re_mailmap[0], s, line.len,
				  cap, 2)) {
			/* Proper Name <commit@email.xx> */
			perl_re_cap(&n, s, cap);
			perl_re_cap(&a, s, cap + 2);
			mailmap_person(ma, &n, &a, &tmp);
			strmap_put(&ma->names, a.buf, n.buf);
		} else if (perl_re_match(ma->md, ma->re_mailmap[1], s,
					 line.len, cap, 2)) {
			/* <proper@email.xx> <commit@email.xx> */
			perl_re_cap(&a, s, cap);
			perl_re_cap(&wa, s, cap + 2);
			strmap_put(&ma->addrs, wa.buf, a.buf);
		} else if (perl_re_match(ma->md, ma->re_mailmap[2], s,
					 line.len, cap, 3)) {
			/* Proper Name <proper@email.xx> <commit@email.xx> */
			perl_re_cap(&n, s, cap);
			perl_re_cap(&a, s, cap + 2);
			perl_re_cap(&wa, s, cap + 4);
			mailmap_person(ma, &n, &a, &tmp);
			strmap_put(&ma->names, wa.buf, n.buf);
			strmap_put(&ma->addrs, wa.buf, a.buf);
		} else if (perl_re_match(ma->md, ma->re_mailmap[3], s,
					 line.len, cap, 4)) {
			/* Proper Name <proper@email.xx> Commit Name
			 * <commit@email.xx> */
			perl_re_cap(&n, s, cap);
			perl_re_cap(&a, s, cap + 2);
			perl_re_cap(&wn, s, cap + 4);
			perl_re_cap(&wa, s, cap + 6);
			mailmap_person(ma, &n, &a, &tmp);
			mailmap_person(ma, &wn, &wa, &tmp);
			maint_addr_format(&key, wn.buf, wa.buf);
			strmap_put(&ma->names, key.buf, n.buf);
			strmap_put(&ma->addrs, key.buf, a.buf);
		}
	}
	strbuf_release(&line);
	strbuf_release(&n);
	strbuf_release(&a);
	strbuf_release(&tmp);
	strbuf_release(&wn);
	strbuf_release(&wa);
	strbuf_release(&key);
}

void maint_addr_set_ignore(struct maint_addr *ma, const char *text)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = text;

	strvec_clear(&ma->ignore);
	while (next_line(&p, &line)) {
		perl_trim(&line);
		cut_comment(&line);
		if (line.len && strchr(line.buf, '@'))
			strvec_push(&ma->ignore, line.buf);
	}
	strbuf_release(&line);
}

bool maint_addr_ignores(struct maint_addr *ma, const char *name,
			const char *addr)
{
	struct strbuf email = STRBUF_INIT, n = STRBUF_INIT, a = STRBUF_INIT;
	bool found = false;
	size_t i;

	if (!addr)
		return false;
	maint_addr_format(&email, name ? name : "", addr);
	for (i = 0; i < ma->ignore.nr && !found; i++) {
		/* get_maintainer.pl compares "Name <addr>" lines; the
		 * address alone is what callers without names have */
		maint_addr_parse(ma, ma->ignore.v[i], &n, &a);
		found = !strcmp(ma->ignore.v[i], email.buf) ||
			!strcasecmp(a.buf, addr);
	}
	strbuf_release(&email);
	strbuf_release(&n);
	strbuf_release(&a);
	return found;
}
