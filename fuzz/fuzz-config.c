// SPDX-License-Identifier: GPL-2.0
/* fuzz-config: config_parse_ini() on any text, then every lookup a
 * command makes.  fuzz-needs: config */
#include "fuzz.h"
#include "config.h"

static const char *const keys[] = {
	"smtp.server", "smtp.pass", "smtp.user", "send.to", "send.cc",
	"send.never", "check.ignore", "trees.bpf", "lists.bpf", "",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char *text = fuzz_cstr(data, size);
	size_t i;

	memset(&cfg, 0, sizeof(cfg));
	if (!config_parse_ini(&cfg, text, "fuzz.ini")) {
		for (i = 0; i < cfg.ini_nr; i++) {
			const char *k = cfg.ini[i].key;

			FUZZ_CHECK(k && cfg.ini[i].value);
			/* "section.name", both lower case */
			for (; *k; k++)
				FUZZ_CHECK(!(*k >= 'A' && *k <= 'Z'));
			fuzz_touch(cfg.ini[i].value);
			config_parse_bool(cfg.ini[i].value);
		}
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			struct strvec sv = STRVEC_INIT;
			char *v;

			fuzz_touch(config_ini(&cfg, keys[i]));
			config_ini_all(&cfg, keys[i], true, &sv);
			strvec_clear(&sv);
			config_ini_all(&cfg, keys[i], false, &sv);
			strvec_clear(&sv);
			v = config_get(&cfg, keys[i], NULL);
			free(v);
			config_bool(&cfg, keys[i], NULL, 1);
		}
	}
	config_release(&cfg);
	free(text);
	return 0;
}
