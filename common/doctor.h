/* SPDX-License-Identifier: GPL-2.0 */
/* doctor: the checks of `git bpf doctor` (LLVM, pahole, the kernel config
 * against the selftests' fragments, the git and SMTP setup), each a result. */
#ifndef GIT_BPF_DOCTOR_H
#define GIT_BPF_DOCTOR_H

#include <stdbool.h>
#include <stdio.h>
#include <git2.h>

#include "config.h"
#include "strbuf.h"
#include "util.h"

enum doctor_status { DOCTOR_OK, DOCTOR_WARNING, DOCTOR_ERROR };

struct doctor_check {
	const char *id;			/* stable name: "llc-targets" */
	enum doctor_status status;
	char *message;
	char *fix;			/* what to do; NULL when ok */
	struct strvec details;		/* one item a line (config options) */
};

struct doctor_report {
	struct doctor_check *v;
	size_t nr, alloc;
};

/* What the checks look at; the command fills it, tests point it at
 * their own trees, files and programs. */
struct doctor_env {
	const char *tree;		/* top of the kernel tree */
	const char *config_path;	/* the kernel .config, to read */
	const char *config_name;	/* the same, as messages name it */
	const char *llc, *clang, *pahole;	/* program names or paths */
	const char *release;		/* uname -r */
	const char *machine;		/* uname -m */
	git_repository *repo;		/* NULL outside a repository */
	const struct config *cfg;
	long smtp_timeout;		/* seconds */
};

struct doctor_check *doctor_add(struct doctor_report *r, const char *id,
				enum doctor_status status, const char *fix,
				const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void doctor_report_release(struct doctor_report *r);
size_t doctor_count(const struct doctor_report *r, enum doctor_status s);

/* Run every check, in the order they are printed. */
void doctor_run(struct doctor_report *r, const struct doctor_env *env);

void doctor_print(const struct doctor_report *r, FILE *fp, bool color);
/* The report as one JSON object; caller frees. */
char *doctor_json(const struct doctor_report *r);

/* The checks one by one. */
void doctor_check_llc(struct doctor_report *r, const struct doctor_env *env);
void doctor_check_clang(struct doctor_report *r, const struct doctor_env *env);
void doctor_check_pahole(struct doctor_report *r,
			 const struct doctor_env *env);
void doctor_check_kconfig(struct doctor_report *r,
			  const struct doctor_env *env);
void doctor_check_kernel(struct doctor_report *r,
			 const struct doctor_env *env);
void doctor_check_smtp(struct doctor_report *r, const struct doctor_env *env);
void doctor_check_git(struct doctor_report *r, const struct doctor_env *env);

/*
 * Parsers of the tools' output, for the checks and the unit tests.
 */
/* The registered targets of `llc --version` ("bpf", "bpfel", ...). */
void doctor_llc_targets(const char *text, struct strvec *targets);
/* Whether `llc -march bpf -mcpu=help` lists cpu. */
bool doctor_llc_has_cpu(const char *text, const char *cpu);

#endif
