// SPDX-License-Identifier: GPL-2.0
/* deliver: journal a finished series in the outbox, then mail it over
 * SMTP, so that an interrupted send can be resumed without duplicates. */
#include <stdbool.h>

#include "message.h"
#include "util.h"

int deliver_messages(git_repository *repo, const struct config *cfg,
		     const struct deliver_opts *opts, struct message_set *ms)
{
	return error("sending mail is not implemented yet");
}

int deliver_resume(git_repository *repo, const struct config *cfg,
		   const struct deliver_opts *opts)
{
	return error("sending mail is not implemented yet");
}

bool deliver_pending(git_repository *repo)
{
	return false;
}
