// SPDX-License-Identifier: GPL-2.0
/* Unit tests of git bpf status' parts: patchwork's JSON answers, Link:
 * values naming a Message-ID, and http_get()'s error handed back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "patchwork.h"
#include "status.h"
#include "tap.h"

static void test_parse_patch(void **state)
{
	static const char json[] =
		"[{\"id\": 7, \"web_url\": \"https://pw/p/7/\", "
		"\"state\": \"changes-requested\", "
		"\"delegate\": {\"id\": 1, \"username\": \"bpf\"}}]";
	struct strbuf err = STRBUF_INIT;
	struct pw_patch p;

	assert_int_equal(patchwork_parse(json, strlen(json), &p, &err), 1);
	assert_string_equal(p.state, "changes-requested");
	assert_string_equal(p.delegate, "bpf");
	assert_string_equal(p.web_url, "https://pw/p/7/");
	pw_patch_release(&p);
	assert_int_equal(err.len, 0);
	strbuf_release(&err);
}

static void test_parse_no_delegate_and_empty(void **state)
{
	static const char one[] = "[{\"state\": \"new\", \"delegate\": null}]";
	struct strbuf err = STRBUF_INIT;
	struct pw_patch p;

	assert_int_equal(patchwork_parse(one, strlen(one), &p, &err), 1);
	assert_string_equal(p.state, "new");
	assert_null(p.delegate);
	assert_null(p.web_url);
	pw_patch_release(&p);
	assert_int_equal(patchwork_parse("[]", 2, &p, &err), 0);
	assert_null(p.state);
	strbuf_release(&err);
}

static void test_parse_nonsense(void **state)
{
	static const char *const bad[] = {
		"<html>gateway timeout</html>",
		"{\"detail\": \"Not found.\"}",
		"[{\"id\": 1}]",
		"[{\"state\": 3}]",
		"[1]",
	};
	struct pw_patch p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct strbuf err = STRBUF_INIT;

		assert_int_equal(patchwork_parse(bad[i], strlen(bad[i]), &p,
						 &err), -1);
		assert_null(p.state);
		assert_true(err.len > 0);
		strbuf_release(&err);
	}
}

static void test_link_names(void **state)
{
	const char *id = "<20231114.1-2-abc@example.org>";

	assert_true(status_link_names(" https://lore.kernel.org/r/20231114.1-2-abc@example.org", id));
	assert_true(status_link_names(" https://lore.kernel.org/bpf/20231114.1-2-abc@example.org/", id));
	assert_true(status_link_names(" https://patch.msgid.link/20231114.1-2-abc@example.org", id));
	assert_true(status_link_names(" https://lore.kernel.org/r/20231114.1-2-abc%40example.org", id));
	assert_true(status_link_names(" https://lore.kernel.org/r/20231114.1-2-abc@example.org", "20231114.1-2-abc@example.org"));
	/* a longer id holding this one is another message */
	assert_false(status_link_names(" https://lore.kernel.org/r/x20231114.1-2-abc@example.org", id));
	assert_false(status_link_names(" https://lore.kernel.org/r/20231114.1-2-abc@example.org.uk", id));
	assert_false(status_link_names(" https://lore.kernel.org/r/20231114.1-3-abc@example.org", id));
	assert_false(status_link_names("", id));
	assert_false(status_link_names(" https://x/", "<>"));
}

static void test_http_error_to_caller(void **state)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct http_options o = { .err = &err };
	long status;

	assert_int_equal(http_get(&out, &status, "http://example.org/x", &o),
			 -1);
	assert_string_equal(err.buf,
			    "'http://example.org/x' is plain http to another machine: use https");
	strbuf_release(&out);
	strbuf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_patch),
		cmocka_unit_test(test_parse_no_delegate_and_empty),
		cmocka_unit_test(test_parse_nonsense),
		cmocka_unit_test(test_link_names),
		cmocka_unit_test(test_http_error_to_caller),
	};

	RUN_TAP(tests);
}
