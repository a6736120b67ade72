/* SPDX-License-Identifier: GPL-2.0 */
/* sender: who every mail is from (patches, stable requests, bug
 * reports), resolved one way for all of them. */
#ifndef GIT_BPF_SENDER_H
#define GIT_BPF_SENDER_H

#include "config.h"
#include "mail.h"

/*
 * [send] from, else git's sendemail.from, else user.name and
 * user.email.  0 with *from set (name may be ""), or -1 with the error
 * when the configured address is bad or there is no user.email: bad
 * input (exit 2).  Release with address_release().
 */
int sender_resolve(struct address *from, const struct config *cfg);

#endif
