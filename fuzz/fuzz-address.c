// SPDX-License-Identifier: GPL-2.0
/* fuzz-address: address_parse() and address_list_parse() on any text
 * (trailers, --to/--cc, MAINTAINERS), address_format() back, and
 * mail_header_add_addresses() on values holding anything: the header
 * must stay one header.  recipient_parse() (trailers, [send] exclude)
 * must give the very addr-spec RCPT gets, and strbuf_add_escaped() no
 * control byte.  fuzz-needs: mail recipients */
#include "fuzz.h"
#include "mail.h"
#include "recipients.h"

/* A plain addr-spec: no source route, group, list or quoting in it. */
static void check_plain(const char *addr)
{
	const char *at = strchr(addr, '@');

	FUZZ_CHECK(at && at != addr && at[1] && !strchr(at + 1, '@'));
	FUZZ_CHECK(!strpbrk(addr, ":;,<>\"()[]\\ \t"));
}

/* What the trailer parser keeps is what the rules and RCPT see: the
 * addr-spec of its output, found as the recipients code finds it (the
 * last "<"), is the one address_parse() reads back. */
static void recipient(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	struct address a = { NULL, NULL };
	const char *lt;

	if (recipient_parse(&sb, text)) {
		strbuf_release(&sb);
		return;
	}
	FUZZ_CHECK(!address_parse_quiet(&a, sb.buf));
	check_plain(a.addr);
	lt = strrchr(sb.buf, '<');
	if (lt) {
		FUZZ_CHECK(!strncmp(lt + 1, a.addr, strlen(a.addr)));
		FUZZ_CHECK(!strcmp(lt + 1 + strlen(a.addr), ">"));
	} else {
		FUZZ_CHECK(!strcmp(sb.buf, a.addr));
	}
	address_release(&a);
	strbuf_release(&sb);
}

static void escaped(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *u;

	strbuf_add_escaped(&sb, (const char *)data, size);
	u = (const unsigned char *)sb.buf;
	for (size_t i = 0; i < sb.len; i++) {
		FUZZ_CHECK(u[i] >= 0x20 || u[i] == '\t');
		FUZZ_CHECK(u[i] != 0x7f);
		FUZZ_CHECK(!(u[i] == 0xc2 && i + 1 < sb.len &&
			     u[i + 1] >= 0x80 && u[i + 1] <= 0x9f));
	}
	strbuf_release(&sb);
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/* Equal but for white space at the ends and in runs, which quoting
 * need not keep. */
static bool same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *a != ' ' && *a != '\t' && *a == *b)
			a++, b++;
		if ((*a && *a != ' ' && *a != '\t') ||
		    (*b && *b != ' ' && *b != '\t'))
			return false;
	}
}

static void one(const char *text)
{
	struct address a = { NULL, NULL }, r = { NULL, NULL };
	struct strbuf sb = STRBUF_INIT;

	if (address_parse(&a, text)) {
		address_release(&a);
		return;
	}
	FUZZ_CHECK(a.name && a.addr);
	/* the name is RFC 2047-decoded and may hold anything; what
	 * address_format() writes of it may not */
	FUZZ_CHECK(!fuzz_has_ctl(a.addr));
	FUZZ_CHECK(address_valid(a.addr));
	check_plain(a.addr);
	address_format(&sb, a.name, a.addr, true);
	/* encoded words may be folded ("\n "), nothing else may break */
	for (const char *p = sb.buf; *p; p++) {
		FUZZ_CHECK(*p != '\r');
		FUZZ_CHECK(*p != '\n' || p[1] == ' ' || p[1] == '\t');
	}
	/* What we write, we read back the same (unfolded, as a reader
	 * sees it) */
	if (printable_ascii(a.name)) {
		char *q = sb.buf, *p;

		for (p = sb.buf; *p; p++)
			if (*p != '\n')
				*q++ = *p;
		*q = '\0';
		sb.len = (size_t)(q - sb.buf);
		if (address_parse(&r, sb.buf)) {
			fprintf(stderr, "text: '%s'\nformatted: '%s'\n", text,
				sb.buf);
			FUZZ_CHECK(!"formatted address parses");
		}
		if (strcmp(r.addr, a.addr) || !same_words(r.name, a.name)) {
			fprintf(stderr, "text: '%s'\nformatted: '%s'\n"
				"name '%s' -> '%s'\naddr '%s' -> '%s'\n",
				text, sb.buf, a.name, r.name, a.addr, r.addr);
			FUZZ_CHECK(!"address round trip");
		}
	}
	address_release(&r);
	address_release(&a);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);
	struct address *v = NULL;
	struct strvec sv = STRVEC_INIT;
	struct strbuf hdr = STRBUF_INIT;
	size_t nr = 0, i, start;

	one(text);
	recipient(text);
	escaped(data, size);
	if (!address_list_parse(&v, &nr, text)) {
		for (i = 0; i < nr; i++) {
			FUZZ_CHECK(v[i].name && v[i].addr);
			FUZZ_CHECK(!fuzz_has_ctl(v[i].addr));
			check_plain(v[i].addr);
		}
	}
	address_list_free(v, nr);

	/* NUL-separated values, each as a --cc would hand it over */
	for (start = 0, i = 0; i <= size; i++) {
		if (i < size && data[i])
			continue;
		text[i] = '\0';
		strvec_push(&sv, text + start);
		start = i + 1;
	}
	mail_header_add_addresses(&hdr, "Cc", &sv);
	if (hdr.len)
		fuzz_check_header(hdr.buf, hdr.len, "Cc");
	strbuf_release(&hdr);
	strvec_clear(&sv);
	free(text);
	return 0;
}
