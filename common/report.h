/* SPDX-License-Identifier: GPL-2.0 */
/* report: a BPF bug report as bpf_devel_QA.rst asks for it: to the list,
 * the maintainers and the buggy commits' authors in Cc, never to stable@. */
#ifndef GIT_BPF_REPORT_H
#define GIT_BPF_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "config.h"
#include "message.h"
#include "strbuf.h"
#include "util.h"

/* A commit the report names as the one that brought the bug. */
struct report_commit {
	char oid[GIT_OID_HEXSZ + 1];
	char *line;		/* commit 0123456789ab ("bpf: Foo") */
	char *author;		/* "Name <addr>", through .mailmap */
	struct strvec signers;	/* Signed-off-by:, through .mailmap */
	struct strvec paths;	/* files it touched */
};

/*
 * An issue of LLVM's BPF back end (--llvm): the QA wants it on netdev
 * with the BPF maintainers for LLVM and kernel in Cc, and the toolchain
 * named.
 */
struct report_llvm {
	char *llc, *clang;	/* "llc 14.0.6", or "llc (no version found)" */
	char *mcpu;		/* --mcpu, NULL: llc's default */
	char *log;		/* the verifier log's text, NULL: none */
};

struct report {
	git_repository *repo;	/* borrowed */
	const struct report_llvm *llvm;	/* borrowed; NULL: a kernel bug */
	char *version;		/* "6.1.0" from the top Makefile, or NULL */
	char *head;		/* 0123456789ab ("Linux 6.1"), or NULL */
	struct report_commit *commits;
	size_t nr, alloc;
	struct strvec to, cc;	/* "Name <addr>" */
};

/* Kernel version and HEAD of the tree. */
int report_init(struct report *r, git_repository *repo);
void report_release(struct report *r);
/* Add the commit rev names; -1 after an error naming it. */
int report_add_commit(struct report *r, const char *rev);
/* The toolchain as git bpf doctor finds it ($LLC, $CLANG, else llc and
 * clang in PATH); the log read from log_path when it is not NULL (-1
 * after an error naming it). */
int report_llvm_init(struct report_llvm *l, const char *mcpu,
		     const char *log_path);
void report_llvm_release(struct report_llvm *l);

/*
 * With r->llvm: To netdev ([lists] netdev, else netdev@vger.kernel.org),
 * Cc the M: people of a "BPF [LLVM]" section of MAINTAINERS with the BPF
 * maintainers (below), else [lists] llvm, else the three the QA names;
 * then the commits' people and extra_cc as below.
 *
 * Otherwise To: the list ([lists] bpf, else bpf@vger.kernel.org).  Cc: the BPF
 * maintainers ([lists] bpf-maintainers, else the M: lines of MAINTAINERS'
 * "BPF [GENERAL]" section), then for each commit its author, signers
 * and the maintainers and lists of the files it touched, then extra_cc.
 * One entry an address; [send] exclude and stable@ are never mailed.
 * -1 after an error (no maintainers to be found, a bad address).
 */
int report_recipients(struct report *r, const struct config *cfg,
		      const struct strvec *extra_cc);

/* The text handed to the editor: subject line, sections with
 * placeholders, the facts, and '#' comments saying what to do. */
void report_template(struct strbuf *out, const struct report *r,
		     const char *subject);
/* Split edited text: '#' lines dropped, the first line the subject, the
 * rest (trimmed) the body. */
void report_parse_edited(const char *text, struct strbuf *subject,
			 struct strbuf *body);
/* Append to a body given with --body the facts it lacks: the kernel
 * version and each commit's line. */
void report_add_facts(struct strbuf *body, const struct report *r);
/* Append the verifier log of an LLVM report (--verifier-log), after
 * the editing, so that none of its lines is taken for a comment. */
void report_add_log(struct strbuf *body, const struct report *r);
/* 0, or -1 with an error when the subject or body is empty, holds a
 * template placeholder, or the subject is no single line. */
int report_check_text(const char *subject, const char *body);

/* The mail, for output_messages() or deliver_messages(). */
int report_compose(struct message_set *ms, const struct report *r,
		   const char *subject, const char *body,
		   const char *from_name, const char *from_addr,
		   long long t, int tz);

#endif
