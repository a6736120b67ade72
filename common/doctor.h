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
/* The "X.Y.Z" after marker ("LLVM version ", "clang version ") or the
 * first "X.Y" of `pahole --version` ("v1.24") when marker is NULL;
 * 0, or -1 when there is none.  v[] gets up to three numbers. */
int doctor_tool_version(const char *text, const char *marker, int v[3]);

/* A kernel .config or config fragment: CONFIG_ name and value, "n" for
 * "# CONFIG_FOO is not set". */
struct kconfig_entry {
	char *name;
	char *value;
};
struct kconfig {
	struct kconfig_entry *v;
	size_t nr, alloc;
};
void kconfig_parse(struct kconfig *kc, const char *text);
const char *kconfig_get(const struct kconfig *kc, const char *name);
void kconfig_release(struct kconfig *kc);
/* Options of want that have is lacks or sets otherwise, one line each
 * ("CONFIG_FOO: missing, want y"); "y" satisfies "m", and an option
 * wanted "n" may be absent.  Returns how many. */
size_t kconfig_compare(const struct kconfig *want, const struct kconfig *have,
		       struct strvec *out);

/*
 * "14.0.6" of `prog --version` as the checks read it (marker "LLVM
 * version " for llc, "clang version " for clang), for the texts that
 * quote the toolchain (git bpf report --llvm).  0, or -1 when prog is
 * missing, fails or prints no version.
 */
int doctor_tool_version_of(struct strbuf *out, const char *prog,
			   const char *marker);

/* "6.1.0-rc3" from the top Makefile's VERSION, PATCHLEVEL, SUBLEVEL and
 * EXTRAVERSION, as `make kernelversion` prints it; -1 when the text has
 * no VERSION. */
int kernel_makefile_version(struct strbuf *out, const char *makefile);
/* Whether a kernel release (uname -r) was built from a tree of version. */
bool kernel_release_matches(const char *release, const char *version);

#endif
