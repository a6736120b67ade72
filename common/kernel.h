/* SPDX-License-Identifier: GPL-2.0 */
/* kernel: facts of a kernel tree read from its text: a .config or config
 * fragment, and the version its top Makefile names. */
#ifndef GIT_BPF_KERNEL_H
#define GIT_BPF_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;
struct strvec;

/* A kernel .config or config fragment: CONFIG_ name and value, "n" for
 * "# CONFIG_FOO is not set". */
struct kconfig_entry {
	char *name;
	char *value;
};
struct kconfig {
	struct kconfig_entry *v;
	size_t nr, alloc;
};
void kconfig_parse(struct kconfig *kc, const char *text);
const char *kconfig_get(const struct kconfig *kc, const char *name);
void kconfig_release(struct kconfig *kc);
/* Options of want that have is lacks or sets otherwise, one line each
 * ("CONFIG_FOO: missing, want y"); "y" satisfies "m", and an option
 * wanted "n" may be absent.  Returns how many. */
size_t kconfig_compare(const struct kconfig *want, const struct kconfig *have,
		       struct strvec *out);

/* "6.1.0-rc3" from the top Makefile's VERSION, PATCHLEVEL, SUBLEVEL and
 * EXTRAVERSION, as `make kernelversion` prints it; -1 when the text has
 * no VERSION. */
int kernel_makefile_version(struct strbuf *out, const char *makefile);
/* Whether a kernel release (uname -r) was built from a tree of version. */
bool kernel_release_matches(const char *release, const char *version);

#endif
