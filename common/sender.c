// SPDX-License-Identifier: GPL-2.0
/* sender: who every mail is from, as git send-email decides it, with
 * git-bpf's own [send] from first. */
#include <stdlib.h>

#include "sender.h"

int sender_resolve(struct address *from, const struct config *cfg)
{
	char *v = config_get(cfg, "send.from", "sendemail.from");
	int ret;

	from->name = from->addr = NULL;
	if (v) {
		ret = address_parse(from, v);
		free(v);
		return ret;
	}
	from->addr = config_git(cfg, "user.email");
	if (!from->addr || !address_valid(from->addr)) {
		ret = error("no sender address: set user.email (or [send] "
			    "from)");
		hint("git config --global user.email you@example.org");
		address_release(from);
		return ret;
	}
	from->name = config_git(cfg, "user.name");
	if (!from->name)
		from->name = xstrdup("");
	return 0;
}
