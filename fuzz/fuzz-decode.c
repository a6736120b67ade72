// SPDX-License-Identifier: GPL-2.0
/* fuzz-decode: the quoted-printable and base64 body decoders on any
 * bytes, as mbox bodies come.  fuzz-needs: mail */
#include "fuzz.h"
#include "mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	char *in = fuzz_exact(data, size);

	if (!mail_decode_qp(&out, in, size))
		FUZZ_CHECK(out.len <= size);
	FUZZ_CHECK(out.buf[out.len] == '\0');
	strbuf_reset(&out);
	if (!mail_decode_base64(&out, in, size))
		FUZZ_CHECK(out.len <= size / 4 * 3 + 3);
	FUZZ_CHECK(out.buf[out.len] == '\0');
	strbuf_release(&out);
	free(in);
	return 0;
}
