/* SPDX-License-Identifier: GPL-2.0 */
/* maint-file: MAINTAINERS as get_maintainer.pl keeps it (its lines, its
 * sections), the tree it came with, and which sections cover a file. */
#ifndef GIT_BPF_MAINT_FILE_H
#define GIT_BPF_MAINT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <git2.h>

#include "perl.h"

struct strbuf;

/*
 * get_maintainer.pl keeps MAINTAINERS as one array of lines (@typevalue):
 * "T:value" lines and, between them, the section names.  Blank and
 * comment lines are dropped, so a section is a run of "T:" lines and its
 * name is the line before the run.  Everything below indexes that array
 * the way the script does, so that its quirks carry over.
 */
struct maint_tv {
	char type;		/* 'A'..'Z'; 0 for a name (or any other) line */
	unsigned lineno;	/* in the MAINTAINERS file */
	char *text;		/* "F:value" as get_maintainer.pl keeps it */
	const char *value;	/* text + 2 for typed lines */
	size_t sec;		/* the section the line belongs to */
	/* F: and X: (value is the glob turned into a regex) */
	size_t lit_len;		/* literal prefix every match starts with */
	char *lit;
	bool plain;		/* the whole pattern is that literal */
	signed char dir;	/* -1: not looked up yet */
	/* F:, X:, N:, K: */
	pcre2_code *re;
	pcre2_code *re_patch;	/* K: with the "^[+-].*" of patch lines */
	bool bad;		/* a regex that does not compile: ignored */
	bool jitted;
	bool warned;
};

struct maint_section {
	size_t start, end;	/* find_starting_index, find_ending_index */
	char *name;		/* get_subsystem_name: cut to 50 columns */
	char *mrole;		/* get_maintainer_role: "maintainer:NAME" */
};

struct maint_file {
	char *name;		/* "MAINTAINERS" for messages */
	struct maint_tv *tv;
	size_t nr, alloc;
	struct maint_section *secs;
	size_t secs_nr, secs_alloc;
	size_t *kw;		/* indices of K: lines */
	size_t kw_nr, kw_alloc;
	/* where directories, contents and dotfiles come from */
	git_repository *repo;	/* borrowed */
	git_tree *tree;		/* HEAD tree, or NULL */
	char *root;		/* a directory, or NULL */
	pcre2_match_data *md;
};

void maint_file_init(struct maint_file *mf, const char *name);
/* Read MAINTAINERS text into mf, warning about lines the script would
 * misread. */
void maint_file_parse(struct maint_file *mf, const char *text, size_t len);
void maint_file_release(struct maint_file *mf);

/* A warning "NAME:LINE: ..." about a line of MAINTAINERS. */
void maint_file_warn(struct maint_file *mf, unsigned lineno, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/* The file at path in the tree (or under root) appended to out; 1 when
 * there is none. */
int maint_file_read(struct maint_file *mf, const char *path,
		    struct strbuf *out);
/* 'd' for a directory, 'f' for a regular file at path, else 0. */
int maint_file_type(struct maint_file *mf, const char *path);

/* A section whose F: or N: covers a file, and the depth of the pattern. */
struct maint_hit {
	size_t sec;
	long depth;
};

/* The sections that cover file (X: honoured), deepest pattern first, into
 * *hits (grown as ALLOC_GROW grows it); their number. */
size_t maint_file_hits(struct maint_file *mf, const char *file,
		       struct maint_hit **hits, size_t *alloc);

#endif
