/* SPDX-License-Identifier: GPL-2.0 */
/* outbox: the journal of a series being mailed, under $GIT_DIR/bpf/outbox,
 * so that a send that stops halfway resumes with the very same bytes. */
#ifndef GIT_BPF_OUTBOX_H
#define GIT_BPF_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "message.h"
#include "smtp.h"

/*
 * On disk, in $GIT_DIR/bpf/outbox/:
 *   index        what the messages are: "key value" lines, ends in "end"
 *   cover.txt    the cover text for the sent tag
 *   NNNN.eml     each message's text, exactly as composed
 *   accepted     "NNNN <message-id>" a line, appended as the server
 *                accepts each message; "flight NNNN <message-id>" just
 *                before its final ".", "unsent NNNN <message-id>" when
 *                the server refused it after all
 * Only messages and marks are kept, never transport settings or secrets:
 * a resume goes where today's configuration says.  Everything is opened
 * under the checked $GIT_DIR/bpf (see bpfdir.h), never through a link.
 */
struct outbox {
	char *bpf_dir;		/* $GIT_DIR/bpf */
	char *dir;		/* $GIT_DIR/bpf/outbox */
	int lock_fd;		/* flock()ed $GIT_DIR/bpf, -1 when not held */
	int dir_fd;		/* $GIT_DIR/bpf/outbox, once created or read */
	int accepted_fd;
	bool *accepted;		/* one a message */
	bool *in_flight;	/* its final "." went, no answer recorded */
	size_t nr;
	char *kind;		/* ms->kind points here after outbox_load */
};
#define OUTBOX_INIT { .lock_fd = -1, .dir_fd = -1, .accepted_fd = -1 }

/* Paths for repo's journal; nothing is touched. */
void outbox_init(struct outbox *ob, git_repository *repo);
/* Whether a journal is waiting in repo (an interrupted send). */
bool outbox_exists(const struct outbox *ob);
/* Hold $GIT_DIR/bpf against a second send; -1 with an error when one is
 * running, -2 when the directory is not ours (see bpf_dir_open()).  The
 * lock goes with the process, whatever ends it. */
int outbox_lock(struct outbox *ob);
/* Journal every message (each file fsync()ed, the directory renamed into
 * place) before anything is sent.  -1 with an error. */
int outbox_create(struct outbox *ob, const struct message_set *ms);
/* Read the journal back into ms (same text, ids, recipients) and which
 * messages were accepted.  -1 with an error when it is damaged. */
int outbox_load(struct outbox *ob, struct message_set *ms);
/* Record, durably, that the server accepted message i. */
int outbox_mark(struct outbox *ob, size_t i, const char *message_id);
/* Record, durably, that message i's final "." is about to go: from then
 * on it may have been delivered. */
int outbox_mark_in_flight(struct outbox *ob, size_t i, const char *message_id);
/* Record that the server refused message i after its final ".". */
int outbox_mark_unsent(struct outbox *ob, size_t i, const char *message_id);
/* Remove the journal once the series is all out. */
int outbox_clear(struct outbox *ob);
/* Unlock and free (the journal stays on disk). */
void outbox_release(struct outbox *ob);

#endif
