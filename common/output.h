/* SPDX-License-Identifier: GPL-2.0 */
/* output: finished mails written instead of sent: a dry run's summary,
 * one mbox on stdout, or one file a message. */
#ifndef GIT_BPF_OUTPUT_H
#define GIT_BPF_OUTPUT_H

#include "message.h"

enum output_mode { OUTPUT_SEND, OUTPUT_DRY_RUN, OUTPUT_STDOUT, OUTPUT_DIR };

/*
 * --dry-run (a summary of each message: subject, To, Cc, then totals),
 * --stdout (one mbox, "From <id> Mon Sep 17 00:00:00 2001" separators),
 * -o DIR (one file a message, named as format-patch names them).
 */
int output_messages(const struct message_set *ms, enum output_mode mode,
		    const char *dir);

#endif
