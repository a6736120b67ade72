// SPDX-License-Identifier: GPL-2.0
/* mail: addresses, RFC 2047 words and header folding as git format-patch
 * writes them, dates, Message-IDs, and transfer-encoding decoders. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "mail.h"
#include "utf8.h"

static bool non_ascii(int c)
{
	return (unsigned char)c >= 0x80;
}

bool mail_header_unsafe(const char *text)
{
	return strpbrk(text, "\r\n") != NULL;
}

bool rfc2047_needed(const char *text)
{
	for (const char *p = text; *p; p++) {
		/* as git's is_rfc2047_special(): control bytes too, so a
		 * CR can never end a header line */
		if (non_ascii(*p) || (unsigned char)*p < 0x20 || *p == 0x7f)
			return true;
		if (p[0] == '=' && p[1] == '?')
			return true;
	}
	return false;
}

/*
 * A word longer than this cannot be wrapped and would break the 998-byte
 * line limit of RFC 5322; such text is RFC 2047-encoded instead, since
 * encoded words can be split anywhere.
 */
#define MAIL_LONGEST_WORD 900

static bool has_long_word(const char *text)
{
	size_t run = 0;

	for (const char *p = text; *p; p++) {
		run = isspace((unsigned char)*p) ? 0 : run + 1;
		if (run > MAIL_LONGEST_WORD)
			return true;
	}
	return false;
}

/* Whether wrapping text could start a line with blanks only: git's
 * wrapper keeps runs of blanks, so a run at a break makes a line of
 * white space, which a reader takes for the end of the header. */
static bool has_blank_run(const char *text)
{
	for (const char *p = text; *p; p++)
		if (isspace((unsigned char)p[0]) && isspace((unsigned char)p[1]))
			return true;
	return false;
}

static size_t last_line_length(const struct strbuf *sb)
{
	size_t i = sb->len;

	while (i && sb->buf[i - 1] != '\n')
		i--;
	return sb->len - i;
}

enum rfc2047_type { RFC2047_SUBJECT, RFC2047_ADDRESS };

static bool is_rfc2047_special(char ch, enum rfc2047_type type)
{
	if (non_ascii(ch) || !isprint((unsigned char)ch))
		return true;
	if (isspace((unsigned char)ch) || ch == '=' || ch == '?' || ch == '_')
		return true;
	if (type != RFC2047_ADDRESS)
		return false;
	return !(isalnum((unsigned char)ch) || ch == '!' || ch == '*' ||
		 ch == '+' || ch == '-' || ch == '/');
}

/* git's add_rfc2047(): Q-encoding, words broken before 76 columns. */
static void add_rfc2047(struct strbuf *sb, const char *line, size_t len,
			enum rfc2047_type type)
{
	static const size_t max_encoded_length = 76;
	size_t line_len = last_line_length(sb);

	strbuf_addstr(sb, "=?UTF-8?q?");
	line_len += strlen("UTF-8") + 5;
	while (len) {
		const unsigned char *p = (const unsigned char *)line;
		/* git's mbs_chrlen(): an invalid byte is one character */
		size_t chrlen = utf8_decode(line, len, NULL, UTF8_LAX);
		bool special;
		size_t enc_len;

		if (!chrlen)
			chrlen = 1;
		special = chrlen > 1 || is_rfc2047_special(*line, type);
		enc_len = special ? 3 * chrlen : 1;

		if (line_len + enc_len + 2 > max_encoded_length) {
			strbuf_addstr(sb, "?=\n =?UTF-8?q?");
			line_len = strlen("UTF-8") + 5 + 1;
		}
		for (size_t i = 0; i < chrlen; i++) {
			if (special)
				strbuf_addf(sb, "=%02X", p[i]);
			else
				strbuf_addch(sb, p[i]);
		}
		line_len += enc_len;
		line += chrlen;
		len -= chrlen;
	}
	strbuf_addstr(sb, "?=");
}

/*
 * git's strbuf_add_wrapped_text() for ASCII text: fill lines to width,
 * breaking at white space; indent1 < 0 means that many columns are
 * already used on the current line.
 */
static void add_wrapped(struct strbuf *buf, const char *text, int indent1,
			int indent2, int width)
{
	int indent = indent1, w;
	const char *bol = text, *space;

	if (indent < 0) {
		w = -indent;
		space = text;
	} else {
		w = indent;
		space = NULL;
	}
	for (;;) {
		char c = *text;

		if (!c || isspace((unsigned char)c)) {
			if (w <= width || !space) {
				const char *start = bol;

				if (!c && text == start)
					return;
				if (space)
					start = space;
				else
					for (int i = 0; i < indent; i++)
						strbuf_addch(buf, ' ');
				strbuf_add(buf, start, (size_t)(text - start));
				if (!c)
					return;
				space = text;
				if (c == '\t') {
					w |= 0x07;
				} else if (c == '\n') {
					space++;
					if (*space == '\n') {
						strbuf_addch(buf, '\n');
						goto new_line;
					} else if (!isalnum((unsigned char)*space)) {
						goto new_line;
					} else {
						strbuf_addch(buf, ' ');
					}
				}
				w++;
				text++;
			} else {
new_line:
				strbuf_addch(buf, '\n');
				text = bol = space + !!isspace((unsigned char)*space);
				space = NULL;
				w = indent = indent2;
			}
			continue;
		}
		w++;
		text++;
	}
}

/* Header text without the white space around it: a trailing blank
 * would make the wrapper end the header on an empty line. */
static char *header_text(const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, value);
	strbuf_trim(&sb);
	return strbuf_detach(&sb, NULL);
}

/*
 * The rest of a header line, after "Name: " (and a subject's prefix):
 * encoded when it must be or when wrapping it could make a line of
 * blanks, else wrapped at 78 as git wraps it; then the newline.
 */
static void add_header_value(struct strbuf *out, const char *value)
{
	if (rfc2047_needed(value) || has_long_word(value) ||
	    (last_line_length(out) + strlen(value) > 78 && has_blank_run(value)))
		add_rfc2047(out, value, strlen(value), RFC2047_SUBJECT);
	else
		add_wrapped(out, value, -(int)last_line_length(out), 1, 78);
	strbuf_addch(out, '\n');
}

void mail_subject_add(struct strbuf *out, const char *prefix,
		      const char *value)
{
	char *title = header_text(value);

	strbuf_addstr(out, "Subject: ");
	if (prefix && *prefix) {
		strbuf_addstr(out, prefix);
		strbuf_addch(out, ' ');
	}
	add_header_value(out, title);
	free(title);
}

void mail_header_add(struct strbuf *out, const char *name, const char *raw)
{
	char *value = header_text(raw);

	strbuf_addstr(out, name);
	strbuf_addstr(out, ": ");
	add_header_value(out, value);
	free(value);
}

static bool needs_rfc822_quoting(const char *s)
{
	return strpbrk(s, "()<>@,;:\\\".[]") != NULL;
}

static void add_rfc822_quoted(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

/* How long the name is once quoted as add_rfc822_quoted() quotes it. */
static size_t quoted_length(const char *name)
{
	size_t n = strlen(name) + 2;

	for (const char *p = name; *p; p++)
		n += *p == '\\' || *p == '"';
	return n;
}

/* git's pp_user_info() in email mode, the header name given. */
void mail_from_add(struct strbuf *out, const char *hdr, const char *name,
		   const char *addr)
{
	size_t max_length = 78;

	strbuf_addstr(out, hdr);
	strbuf_addstr(out, ": ");
	if (!name || !*name) {
		strbuf_addstr(out, addr);
		strbuf_addch(out, '\n');
		return;
	}
	if (rfc2047_needed(name) || has_long_word(name) ||
	    quoted_length(name) > MAIL_LONGEST_WORD || has_blank_run(name)) {
		add_rfc2047(out, name, strlen(name), RFC2047_ADDRESS);
		max_length = 76;
	} else if (needs_rfc822_quoting(name)) {
		struct strbuf q = STRBUF_INIT;

		add_rfc822_quoted(&q, name);
		add_wrapped(out, q.buf, -(int)last_line_length(out), 1,
			    (int)max_length);
		strbuf_release(&q);
	} else {
		add_wrapped(out, name, -(int)last_line_length(out), 1,
			    (int)max_length);
	}
	if (max_length < last_line_length(out) + 2 + strlen(addr) + 1)
		strbuf_addch(out, '\n');
	strbuf_addf(out, " <%s>\n", addr);
}

void address_format(struct strbuf *out, const char *name, const char *addr,
		    bool encode)
{
	if (!name || !*name) {
		strbuf_addstr(out, addr);
		return;
	}
	if (encode && (rfc2047_needed(name) || has_long_word(name) ||
		       quoted_length(name) > MAIL_LONGEST_WORD))
		add_rfc2047(out, name, strlen(name), RFC2047_ADDRESS);
	else if (needs_rfc822_quoting(name))
		add_rfc822_quoted(out, name);
	else
		strbuf_addstr(out, name);
	strbuf_addf(out, " <%s>", addr);
}

void mail_header_add_addresses(struct strbuf *out, const char *name,
			       const struct strvec *addrs)
{
	size_t written = 0;

	/*
	 * Only what parses as an address is written, re-formatted: a value
	 * that does not (empty, a line break, too long) never reaches the
	 * header raw.  Callers report bad addresses before composing.
	 */
	for (size_t i = 0; i < addrs->nr; i++) {
		struct address a;

		if (!*addrs->v[i] || mail_header_unsafe(addrs->v[i]) ||
		    address_parse_quiet(&a, addrs->v[i]))
			continue;
		strbuf_addstr(out, written ? ",\n\t" : name);
		if (!written)
			strbuf_addstr(out, ": ");
		address_format(out, a.name, a.addr, true);
		address_release(&a);
		written++;
	}
	if (written)
		strbuf_addch(out, '\n');
}

/* RFC 5322 atext, and UTF-8 (RFC 6532) */
static bool atext(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || strchr("!#$%&'*+-/=?^_`{|}~", c);
}

/* A dot-atom: atoms of chars joined by single dots. */
static bool dot_atom(const char *s, size_t len, bool (*ok)(unsigned char))
{
	if (!len || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
			continue;
		}
		if (!s[i] || !ok((unsigned char)s[i]))
			return false;
	}
	return true;
}

static bool domain_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '-' || c == '_';
}

/*
 * A plain RFC 5322 addr-spec: dot-atom "@" dot-atom.  No quoted local
 * part, no domain literal, no source route ("@a:b@c"), no group, no
 * obsolete forms: what RCPT gets is what the rules were applied to.
 */
bool address_valid(const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t len = strlen(addr);

	/* RFC 5321: a path is at most 256 octets, so an address 254 */
	if (!at || strchr(at + 1, '@') || len > 254)
		return false;
	if (!dot_atom(addr, (size_t)(at - addr), atext) ||
	    !dot_atom(at + 1, strlen(at + 1), domain_char))
		return false;
	if (!strchr(at + 1, '.') && strcasecmp(at + 1, "localhost"))
		return false;
	return true;
}

static char *trim_dup(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* Past a quoted-string or comment starting at *p (a '"' or '('),
 * quoted-pairs and nested comments included; NULL when it never ends.
 * The text inside (quoted-pairs undone) goes to out when given. */
static const char *skip_quoted(const char *p, struct strbuf *out)
{
	char open = *p++;
	int depth = 1;

	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			if (out)
				strbuf_addch(out, *p);
			continue;
		}
		if (open == '"' && *p == '"')
			return p + 1;
		if (open == '(' && *p == '(')
			depth++;
		if (open == '(' && *p == ')' && !--depth)
			return p + 1;
		if (out)
			strbuf_addch(out, *p);
	}
	return NULL;
}

static int address_parse_core(struct address *a, const char *text,
			      bool quiet);

int address_parse(struct address *a, const char *text)
{
	return address_parse_core(a, text, false);
}

int address_parse_quiet(struct address *a, const char *text)
{
	return address_parse_core(a, text, true);
}

/*
 * RFC 5322 mailbox: name-addr ([display-name] "<" addr-spec ">") or a
 * bare addr-spec, optionally followed by a comment taken as the name
 * ("a@b (Name)").  The display name is a phrase: atoms, dots, quoted
 * strings (quoted-pairs undone) and comments; specials outside quotes
 * (a second "<", "@", ",", ";", ":") make it no mailbox.
 */
static int address_parse_core(struct address *a, const char *text,
			      bool quiet)
{
	struct strbuf name = STRBUF_INIT, bare = STRBUF_INIT;
	struct strbuf comment = STRBUF_INIT;
	const char *p, *lt = NULL, *gt = NULL;

	a->name = a->addr = NULL;
	if (strpbrk(text, "\r\n")) {
		/* never echo the break itself: it would forge output lines */
		struct strbuf shown = STRBUF_INIT;

		for (p = text; *p; p++) {
			if (*p == '\r')
				strbuf_addstr(&shown, "\\r");
			else if (*p == '\n')
				strbuf_addstr(&shown, "\\n");
			else
				strbuf_addch(&shown, *p);
		}
		if (!quiet)
			error("address '%s' holds a line break", shown.buf);
		strbuf_release(&shown);
		return -1;
	}
	for (p = text; *p; ) {
		if (*p == '"' || *p == '(') {
			const char *end = skip_quoted(p, NULL);

			if (!end || gt)
				goto bad;
			if (*p == '"') {
				skip_quoted(p, &name);
			} else if (!comment.len) {
				skip_quoted(p, &comment);
				strbuf_add(&name, p, (size_t)(end - p));
			} else {
				strbuf_add(&name, p, (size_t)(end - p));
			}
			p = end;
			continue;
		}
		if (*p == '<') {
			if (lt)
				goto bad;
			lt = p;
			gt = strchr(lt, '>');
			if (!gt)
				goto bad;
			p = gt + 1;
			continue;
		}
		if (gt && !isspace((unsigned char)*p))
			goto bad;	/* only white space after the angle-addr */
		if (*p == '>')
			goto bad;
		strbuf_addch(&bare, *p);
		if (*p != '@' || lt)
			strbuf_addch(&name, *p);
		p++;
	}
	if (lt) {
		/* the phrase before "<" may hold none of the specials that
		 * would make it an address, a list or a group */
		for (p = text; p < lt; p++) {
			if (*p == '"' || *p == '(') {
				const char *end = skip_quoted(p, NULL);

				if (!end || end > lt)
					goto bad;
				p = end - 1;
				continue;
			}
			/* an RFC 2047 encoded word is one atom, whatever it
			 * encodes */
			if (p[0] == '=' && p[1] == '?') {
				const char *q = strchr(p + 2, '?');

				q = q ? strchr(q + 1, '?') : NULL;
				q = q ? strstr(q + 1, "?=") : NULL;
				if (q && q < lt) {
					p = q + 1;
					continue;
				}
			}
			if (strchr("@,;:", *p))
				goto bad;
		}
		a->addr = trim_dup(lt + 1, (size_t)(gt - lt - 1));
		strbuf_trim(&name);
		strbuf_reset(&bare);
		rfc2047_decode(&bare, name.buf, name.len);
		a->name = strbuf_detach(&bare, NULL);
	} else {
		/* a bare addr-spec: any quote in it makes it invalid below */
		if (strchr(text, '"'))
			goto bad;
		a->addr = trim_dup(bare.buf, bare.len);
		strbuf_trim(&comment);
		a->name = strbuf_detach(&comment, NULL);
	}
	if (!address_valid(a->addr))
		goto bad;
	strbuf_release(&name);
	strbuf_release(&bare);
	strbuf_release(&comment);
	return 0;
bad:
	address_release(a);
	strbuf_release(&name);
	strbuf_release(&bare);
	strbuf_release(&comment);
	return quiet ? -1 : error("invalid address '%s'", text);
}

int address_list_parse(struct address **out, size_t *nr, const char *text)
{
	size_t alloc = 0, start = 0, i;
	bool quoted = false;
	int depth = 0;

	*out = NULL;
	*nr = 0;
	for (i = 0;; i++) {
		char c = text[i];

		if (c == '"' && (i == 0 || text[i - 1] != '\\'))
			quoted = !quoted;
		else if (!quoted && (c == '<' || c == '('))
			depth++;
		else if (!quoted && (c == '>' || c == ')'))
			depth--;
		if (!c || (c == ',' && !quoted && depth <= 0)) {
			char *one = trim_dup(text + start, i - start);

			if (*one) {
				ALLOC_GROW(*out, *nr + 1, alloc);
				if (address_parse(&(*out)[*nr], one)) {
					free(one);
					address_list_free(*out, *nr);
					*out = NULL;
					*nr = 0;
					return -1;
				}
				(*nr)++;
			}
			free(one);
			start = i + 1;
		}
		if (!c)
			break;
	}
	return 0;
}

void address_release(struct address *a)
{
	free(a->name);
	free(a->addr);
	a->name = a->addr = NULL;
}

void address_list_free(struct address *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		address_release(&v[i]);
	free(v);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const signed char b64[256] = {
	['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6,
	['G'] = 7, ['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12,
	['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18,
	['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
	['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30,
	['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
	['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48,
	['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54,
	['2'] = 55, ['3'] = 56, ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60,
	['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64,
};

int mail_decode_base64(struct strbuf *out, const char *in, size_t len)
{
	unsigned acc = 0;
	int bits = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == '=')
			break;
		if (isspace(c))
			continue;
		if (!b64[c])
			return -1;
		acc = (acc << 6) | (unsigned)(b64[c] - 1);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			strbuf_addch(out, (char)((acc >> bits) & 0xff));
		}
	}
	return 0;
}

int mail_decode_qp(struct strbuf *out, const char *in, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (in[i] != '=') {
			strbuf_addch(out, in[i]);
			continue;
		}
		if (i + 1 < len && in[i + 1] == '\n') {
			i++;	/* soft line break */
			continue;
		}
		if (i + 2 < len && in[i + 1] == '\r' && in[i + 2] == '\n') {
			i += 2;
			continue;
		}
		if (i + 2 < len && hexval(in[i + 1]) >= 0 &&
		    hexval(in[i + 2]) >= 0) {
			strbuf_addch(out, (char)(hexval(in[i + 1]) * 16 +
						 hexval(in[i + 2])));
			i += 2;
			continue;
		}
		strbuf_addch(out, '=');
	}
	return 0;
}

/* One encoded word "=?charset?q|b?text?=" at p; its length, 0 if none. */
static size_t decode_word(struct strbuf *out, const char *p, size_t len)
{
	const char *q1, *q2, *end;
	char enc;

	if (len < 8 || p[0] != '=' || p[1] != '?')
		return 0;
	q1 = memchr(p + 2, '?', len - 2);
	if (!q1 || q1 + 3 >= p + len || q1[2] != '?')
		return 0;
	enc = (char)tolower((unsigned char)q1[1]);
	if (enc != 'q' && enc != 'b')
		return 0;
	q2 = q1 + 3;
	end = NULL;
	for (const char *s = q2; s + 1 < p + len; s++)
		if (s[0] == '?' && s[1] == '=') {
			end = s;
			break;
		}
	if (!end)
		return 0;
	if (enc == 'b') {
		if (mail_decode_base64(out, q2, (size_t)(end - q2)))
			return 0;
	} else {
		for (const char *s = q2; s < end; s++) {
			if (*s == '_')
				strbuf_addch(out, ' ');
			else if (*s == '=' && s + 2 < end + 1 &&
				 hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
				strbuf_addch(out, (char)(hexval(s[1]) * 16 +
							 hexval(s[2])));
				s += 2;
			} else
				strbuf_addch(out, *s);
		}
	}
	/* charsets other than UTF-8 and ASCII are kept as bytes */
	return (size_t)(end + 2 - p);
}

void rfc2047_decode(struct strbuf *out, const char *in, size_t len)
{
	size_t i = 0;
	bool last_was_word = false;

	while (i < len) {
		size_t n = decode_word(out, in + i, len - i);

		if (n) {
			i += n;
			last_was_word = true;
			continue;
		}
		/* white space between two encoded words is dropped */
		if (last_was_word && isspace((unsigned char)in[i])) {
			size_t j = i;

			while (j < len && isspace((unsigned char)in[j]))
				j++;
			if (j < len && in[j] == '=' && j + 1 < len &&
			    in[j + 1] == '?') {
				struct strbuf tmp = STRBUF_INIT;
				size_t m = decode_word(&tmp, in + j, len - j);

				if (m) {
					strbuf_addbuf(out, &tmp);
					strbuf_release(&tmp);
					i = j + m;
					continue;
				}
				strbuf_release(&tmp);
			}
		}
		last_was_word = false;
		strbuf_addch(out, in[i]);
		i++;
	}
}

int mail_local_tz(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

void mail_date(struct strbuf *out, long long t, int tz_minutes)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t local = (time_t)(t + (long long)tz_minutes * 60);
	struct tm tm;
	int off = tz_minutes < 0 ? -tz_minutes : tz_minutes;

	gmtime_r(&local, &tm);
	strbuf_addf(out, "%s, %d %s %d %02d:%02d:%02d %c%02d%02d",
		    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		    tz_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

char *mail_message_id(const char *from_addr, long long t, unsigned n)
{
	const char *at = from_addr ? strrchr(from_addr, '@') : NULL;
	const char *domain = at && at[1] ? at + 1 : "localhost";
	time_t tt = (time_t)t;
	struct tm tm;
	unsigned rnd = 0;
	FILE *f = fopen("/dev/urandom", "rb");

	if (f) {
		if (fread(&rnd, sizeof(rnd), 1, f) != 1)
			rnd = (unsigned)getpid();
		fclose(f);
	}
	gmtime_r(&tt, &tm);
	return xstrfmt("<%04d%02d%02d%02d%02d%02d.%u-%u-%08x@%s>",
		       tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		       tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)getpid(),
		       n, rnd, domain);
}
