// SPDX-License-Identifier: GPL-2.0
/* lists: [lists] and [send] exclude read once, and the never-mail rule,
 * in one place for send, stable-request and report. */
#include <string.h>
#include <strings.h>

#include "lists.h"
#include "util.h"

static const char *const never_mailed[] = {
	"stable@vger.kernel.org",
	"stable@kernel.org",
};

/* Every value of key, each an address list, appended to *v. */
static int load_all(struct address **v, size_t *nr, const struct config *cfg,
		    const char *key)
{
	struct strvec vals = STRVEC_INIT;
	size_t alloc = 0;
	int ret = 0;

	config_ini_all(cfg, key, false, &vals);
	for (size_t i = 0; i < vals.nr && !ret; i++) {
		struct address *one;
		size_t n;

		if (address_list_parse(&one, &n, vals.v[i])) {
			ret = ERR_BAD_INPUT;
			break;
		}
		ALLOC_GROW(*v, *nr + n, alloc);
		memcpy(*v + *nr, one, n * sizeof(*one));
		*nr += n;
		free(one);
	}
	strvec_clear(&vals);
	return ret;
}

/* A list's address: the key's last value, else the default. */
static int load_one(struct address *a, const struct config *cfg,
		    const char *key, const char *dflt)
{
	const char *val = cfg ? config_ini(cfg, key) : NULL;

	return address_parse(a, val && *val ? val : dflt) ? ERR_BAD_INPUT : 0;
}

int lists_load(struct lists *l, const struct config *cfg)
{
	const char *key = "lists.bpf";
	int ret;

	memset(l, 0, sizeof(*l));
	ret = load_one(&l->bpf, cfg, key, "bpf@vger.kernel.org");
	if (!ret) {
		key = "lists.netdev";
		ret = load_one(&l->netdev, cfg, key, "netdev@vger.kernel.org");
	}
	if (!ret && cfg) {
		key = "lists.bpf-maintainers";
		ret = load_all(&l->bpf_maintainers, &l->bpf_maintainers_nr,
			       cfg, key);
	}
	if (!ret && cfg) {
		key = "lists.llvm";
		ret = load_all(&l->llvm, &l->llvm_nr, cfg, key);
	}
	if (!ret && cfg) {
		key = "send.exclude";
		ret = load_all(&l->exclude, &l->exclude_nr, cfg, key);
	}
	if (ret) {
		const char *dot = strchr(key, '.');

		hint("it is in [%.*s] %s of git-bpf's config",
		     (int)(dot - key), key, dot + 1);
		lists_release(l);
	}
	return ret;
}

void lists_release(struct lists *l)
{
	address_release(&l->bpf);
	address_release(&l->netdev);
	address_list_free(l->bpf_maintainers, l->bpf_maintainers_nr);
	address_list_free(l->llvm, l->llvm_nr);
	address_list_free(l->exclude, l->exclude_nr);
	memset(l, 0, sizeof(*l));
}

enum lists_verdict lists_check(const struct lists *l, const char *addr)
{
	if (lists_never_mail(addr))
		return LISTS_NEVER;
	for (size_t i = 0; l && i < l->exclude_nr; i++)
		if (!strcasecmp(addr, l->exclude[i].addr))
			return LISTS_EXCLUDED;
	return LISTS_MAIL;
}

bool lists_never_mail(const char *addr)
{
	for (size_t i = 0; i < ARRAY_SIZE(never_mailed); i++)
		if (!strcasecmp(addr, never_mailed[i]))
			return true;
	return false;
}

bool lists_names_never_mailed(const char *text)
{
	for (size_t i = 0; i < ARRAY_SIZE(never_mailed); i++)
		if (strcasestr(text, never_mailed[i]))
			return true;
	return false;
}
