// SPDX-License-Identifier: GPL-2.0
/* fuzz-address: address_parse() and address_list_parse() on any text
 * (trailers, --to/--cc, MAINTAINERS), address_format() back, and
 * mail_header_add_addresses() on values holding anything: the header
 * must stay one header.  fuzz-needs: mail */
#include "fuzz.h"
#include "mail.h"

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
	if (!address_list_parse(&v, &nr, text)) {
		for (i = 0; i < nr; i++) {
			FUZZ_CHECK(v[i].name && v[i].addr);
			FUZZ_CHECK(!fuzz_has_ctl(v[i].addr));
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
