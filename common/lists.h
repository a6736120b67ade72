/* SPDX-License-Identifier: GPL-2.0 */
/* lists: the mailing lists and addresses every mailing command shares
 * ([lists], [send] exclude), and the rule that git-bpf never mails the
 * stable list. */
#ifndef GIT_BPF_LISTS_H
#define GIT_BPF_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "mail.h"

/* git-bpf's config as the mailing commands read it, each value parsed
 * with the address parser (a value may hold a list: "A <a@x>, b@y"). */
struct lists {
	struct address bpf;		/* [lists] bpf, else the BPF list */
	struct address netdev;		/* [lists] netdev, else netdev's */
	struct address *bpf_maintainers;	/* [lists] bpf-maintainers */
	size_t bpf_maintainers_nr;
	struct address *llvm;		/* [lists] llvm */
	size_t llvm_nr;
	struct address *exclude;	/* [send] exclude */
	size_t exclude_nr;
};

/*
 * Read and parse the keys above once (cfg may be NULL: the defaults).
 * 0, or ERR_BAD_INPUT with the bad address and its key printed.
 */
int lists_load(struct lists *l, const struct config *cfg);
void lists_release(struct lists *l);

enum lists_verdict {
	LISTS_MAIL,		/* mail it */
	LISTS_NEVER,		/* the stable list: never mailed */
	LISTS_EXCLUDED,		/* in [send] exclude */
};

/* The rules every recipient goes through: what becomes of addr (an
 * addr-spec, any case).  l may be NULL: the never-mail rule alone. */
enum lists_verdict lists_check(const struct lists *l, const char *addr);

/*
 * Whether addr (an addr-spec, any case) is the stable list, which
 * git-bpf never mails: backports are asked of the BPF maintainers with
 * stable-request, and bug reports go to the BPF list
 * (bpf_devel_QA.rst).
 */
bool lists_never_mail(const char *addr);
/* Whether text (a header value, a whole mail) names the stable list
 * anywhere: the last guard before a mail leaves. */
bool lists_names_never_mailed(const char *text);

#endif
