/* SPDX-License-Identifier: GPL-2.0 */
/* maint-addr: addresses as get_maintainer.pl reads and prints them
 * (parse_email(), format_email()), its .mailmap and .get_maintainer.ignore. */
#ifndef GIT_BPF_MAINT_ADDR_H
#define GIT_BPF_MAINT_ADDR_H

#include <stdbool.h>

struct maint_addr;
struct strbuf;

struct maint_addr *maint_addr_new(void);
void maint_addr_free(struct maint_addr *ma);

/* parse_email(): the name (quoted when it must be) and address of line. */
void maint_addr_parse(struct maint_addr *ma, const char *line,
		      struct strbuf *name, struct strbuf *addr);
/* format_email(): "Name <addr>", or addr alone when name is empty. */
void maint_addr_format(struct strbuf *out, const char *name,
		       const char *addr);

/* Use this .mailmap text (get_maintainer.pl's reading of it). */
void maint_addr_set_mailmap(struct maint_addr *ma, const char *text);
/* mailmap_email(): line as .mailmap maps it, formatted. */
void maint_addr_mailmap(struct maint_addr *ma, const char *line,
			struct strbuf *out);

/* Use this .get_maintainer.ignore text. */
void maint_addr_set_ignore(struct maint_addr *ma, const char *text);
/* Whether .get_maintainer.ignore names this address ("Name <addr>" or
 * the bare address). */
bool maint_addr_ignores(struct maint_addr *ma, const char *name,
			const char *addr);

#endif
