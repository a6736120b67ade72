// SPDX-License-Identifier: GPL-2.0
/* kernel: parse and compare kernel configs, and read the kernel version
 * from a tree's top Makefile, for doctor and report. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "strbuf.h"
#include "util.h"

/*
 * Kernel config.
 */
void kconfig_parse(struct kconfig *kc, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *end = strchrnul(p, '\n'), *name, *nend;
		const char *val = NULL, *vend = NULL;
		bool not_set = false;

		if (skip_prefix(p, "# ", &name))
			not_set = true;
		else
			name = p;
		nend = name;
		if (starts_with(name, "CONFIG_"))
			while (nend < end && (isalnum((unsigned char)*nend) ||
					      *nend == '_'))
				nend++;
		if (nend - name <= 7) {
			/* no option on this line */
		} else if (not_set) {
			if (!strncmp(nend, " is not set", 11)) {
				val = "n";
				vend = val + 1;
			}
		} else if (*nend == '=') {
			val = nend + 1;
			vend = end;
			/* fragments may end lines in spaces or CR */
			while (vend > val && isspace((unsigned char)vend[-1]))
				vend--;
		}
		if (val) {
			struct kconfig_entry *e;

			ALLOC_GROW(kc->v, kc->nr + 1, kc->alloc);
			e = &kc->v[kc->nr++];
			e->name = xstrndup(name, nend - name);
			e->value = xstrndup(val, vend - val);
		}
		p = *end ? end + 1 : end;
	}
}

const char *kconfig_get(const struct kconfig *kc, const char *name)
{
	size_t i = kc->nr;

	/* the last assignment wins, as in kconfig */
	while (i--)
		if (!strcmp(kc->v[i].name, name))
			return kc->v[i].value;
	return NULL;
}

void kconfig_release(struct kconfig *kc)
{
	size_t i;

	for (i = 0; i < kc->nr; i++) {
		free(kc->v[i].name);
		free(kc->v[i].value);
	}
	free(kc->v);
	memset(kc, 0, sizeof(*kc));
}

size_t kconfig_compare(const struct kconfig *want, const struct kconfig *have,
		       struct strvec *out)
{
	size_t i, n = 0;

	for (i = 0; i < want->nr; i++) {
		const char *name = want->v[i].name;
		const char *w = kconfig_get(want, name), *h;

		/* an option a fragment repeats is compared once, at its
		 * last assignment */
		if (w != want->v[i].value)
			continue;
		h = kconfig_get(have, name);
		if (!strcmp(w, "n")) {
			if (!h || !strcmp(h, "n"))
				continue;
		} else if (h && (!strcmp(h, w) ||
				 (!strcmp(w, "m") && !strcmp(h, "y")))) {
			continue;
		}
		if (!h)
			strvec_pushf(out, "%s: missing, want %s", name, w);
		else if (!strcmp(h, "n"))
			strvec_pushf(out, "%s: not set, want %s", name, w);
		else
			strvec_pushf(out, "%s: %s, want %s", name, h, w);
		n++;
	}
	return n;
}

/*
 * Kernel version.
 */
static const char *makefile_var(const char *text, const char *name,
				 size_t *len)
{
	const char *p = text;
	size_t nlen = strlen(name);

	while (*p) {
		const char *end = strchrnul(p, '\n');

		if (!strncmp(p, name, nlen) &&
		    (p[nlen] == ' ' || p[nlen] == '\t' || p[nlen] == '=')) {
			const char *v = p + nlen, *ve = end;

			while (*v == ' ' || *v == '\t')
				v++;
			if (*v == '=') {
				v++;
				while (v < end && (*v == ' ' || *v == '\t'))
					v++;
				while (ve > v && isspace((unsigned char)ve[-1]))
					ve--;
				*len = ve - v;
				return v;
			}
		}
		p = *end ? end + 1 : end;
	}
	return NULL;
}

int kernel_makefile_version(struct strbuf *out, const char *makefile)
{
	static const char *const names[] = { "VERSION", "PATCHLEVEL",
					     "SUBLEVEL" };
	const char *v;
	size_t len, i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		v = makefile_var(makefile, names[i], &len);
		if (!i && (!v || !len || !isdigit((unsigned char)*v)))
			return -1;
		/* as the kernel's KERNELVERSION: an empty part ends it */
		if (!v || !len)
			break;
		if (i)
			strbuf_addch(out, '.');
		strbuf_add(out, v, len);
	}
	v = makefile_var(makefile, "EXTRAVERSION", &len);
	if (v)
		strbuf_add(out, v, len);
	return 0;
}

bool kernel_release_matches(const char *release, const char *version)
{
	size_t len = strlen(version);

	return *version && !strncmp(release, version, len) &&
	       !isdigit((unsigned char)release[len]);
}
