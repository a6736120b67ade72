// SPDX-License-Identifier: GPL-2.0
/* fuzz-rfc2047: rfc2047_decode() on any header value, and
 * mail_header_add() on any subject: the header must stay one header
 * and decode back to the subject.  fuzz-needs: mail */
#include "fuzz.h"
#include "mail.h"

/* White space runs (SP, HT, CR, LF) to one space, none at the ends:
 * folding may move white space, and must not change anything else. */
static void squeeze(struct strbuf *out, const char *s, size_t n)
{
	bool ws = false;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			ws = true;
			continue;
		}
		if (ws && out->len)
			strbuf_addch(out, ' ');
		ws = false;
		strbuf_addch(out, c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf dec = STRBUF_INIT, hdr = STRBUF_INIT;
	struct strbuf unfolded = STRBUF_INIT, back = STRBUF_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *in = fuzz_exact(data, size), *value;
	size_t i, vlen;

	rfc2047_decode(&dec, in, size);
	FUZZ_CHECK(dec.buf[dec.len] == '\0');
	free(in);

	value = fuzz_cstr(data, size);
	vlen = strlen(value);
	rfc2047_needed(value);
	mail_header_add(&hdr, "Subject", value);
	fuzz_check_header(hdr.buf, hdr.len, "Subject");

	/* Unfold (drop each line break) and decode what follows "Subject:" */
	for (i = strlen("Subject:"); i < hdr.len - 1; i++)
		if (hdr.buf[i] != '\n')
			strbuf_addch(&unfolded, hdr.buf[i]);
	rfc2047_decode(&back, unfolded.buf, unfolded.len);
	if (fuzz_utf8_valid((const unsigned char *)value, vlen)) {
		squeeze(&a, value, vlen);
		squeeze(&b, back.buf, back.len);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len)) {
			fprintf(stderr, "subject:  '%s'\nheader:   '%s'\n"
				"decoded:  '%s'\n", value, hdr.buf, back.buf);
			FUZZ_CHECK(!"subject survives encoding");
		}
	}
	strbuf_release(&dec);
	strbuf_release(&hdr);
	strbuf_release(&unfolded);
	strbuf_release(&back);
	strbuf_release(&a);
	strbuf_release(&b);
	free(value);
	return 0;
}
