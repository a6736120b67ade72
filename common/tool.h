/* SPDX-License-Identifier: GPL-2.0 */
/* tool: running the toolchain's programs (llc, clang, pahole) and reading
 * the versions they print, for doctor's checks and report's texts. */
#ifndef GIT_BPF_TOOL_H
#define GIT_BPF_TOOL_H

#include <stdbool.h>

struct strbuf;

/* Whether prog can be run, looked up in PATH as execvp would. */
bool tool_exists(const char *prog);
/* Run prog with up to three args (NULL ends them); its stdout and stderr
 * into out.  The exit status, -1 when it could not be run or timed out. */
int tool_capture(struct strbuf *out, const char *prog, const char *arg1,
		 const char *arg2, const char *arg3);

/* The "X.Y.Z" after marker ("LLVM version ", "clang version ") or the
 * first "X.Y" of `pahole --version` ("v1.24") when marker is NULL;
 * 0, or -1 when there is none.  v[] gets up to three numbers. */
int tool_version_parse(const char *text, const char *marker, int v[3]);
/* "X.Y", or "X.Y.Z" when parts > 2. */
void tool_version_str(struct strbuf *sb, const int v[3], int parts);
/*
 * "14.0.6" of `prog --version` as doctor's checks read it (marker "LLVM
 * version " for llc, "clang version " for clang), for the texts that
 * quote the toolchain (git bpf report --llvm).  0, or -1 when prog is
 * missing, fails or prints no version.
 */
int tool_version_of(struct strbuf *out, const char *prog,
		    const char *marker);

#endif
