/* SPDX-License-Identifier: GPL-2.0 */
/* lists: the mailing-list rules every mailing command shares, the first
 * being that git-bpf never mails the stable list. */
#ifndef GIT_BPF_LISTS_H
#define GIT_BPF_LISTS_H

#include <stdbool.h>

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
