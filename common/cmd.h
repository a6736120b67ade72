/* SPDX-License-Identifier: GPL-2.0 */
/* cmd: options as data, as git's parse-options: one table per command
 * drives parsing, the usage text, the errors and the completion. */
#ifndef GIT_BPF_CMD_H
#define GIT_BPF_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output.h"
#include "util.h"

enum cmd_option_type {
	CMD_OPTION_END,
	CMD_OPTION_GROUP,	/* a heading in the usage text */
	CMD_OPTION_BOOL,	/* bool *: set true (false when negated) */
	CMD_OPTION_STRING,	/* const char **: points into argv */
	CMD_OPTION_INT,		/* int * */
	CMD_OPTION_STRING_LIST,	/* struct strvec *: repeatable; split at
				 * defval when it is not 0 */
	CMD_OPTION_CALLBACK,	/* cb(opt, arg, unset) */
};

enum cmd_option_flags {
	CMD_OPT_NOARG = 1 << 0,	/* a callback that takes no value */
	CMD_OPT_NEG = 1 << 1,	/* --no-<name> unsets (for "no-x": --x) */
	CMD_OPT_HIDDEN = 1 << 2, /* not in the usage nor the completion */
	CMD_OPT_OPTARG = 1 << 3, /* with CMD_OPT_NOARG: "--x=<v>" as well
				  * as "--x" (git's PARSE_OPT_OPTARG) */
};

struct cmd_option;
/* 0, or -1 with the error printed (bad usage: exit 2).  arg is NULL for
 * CMD_OPT_NOARG options and when unset. */
typedef int cmd_option_cb(const struct cmd_option *opt, const char *arg,
			  bool unset);

struct cmd_option {
	enum cmd_option_type type;
	char short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* "<tree>" in the usage; NULL: no value */
	const char *help;
	unsigned int flags;
	cmd_option_cb *callback;
	intptr_t defval;
};

#define OPT_END() { .type = CMD_OPTION_END }
#define OPT_GROUP(h) { .type = CMD_OPTION_GROUP, .help = (h) }
#define OPT_BOOL_F(s, l, v, h, f)					\
	{ .type = CMD_OPTION_BOOL, .short_name = (s), .long_name = (l),	\
	  .value = (v), .help = (h),					\
	  .flags = (f) }
#define OPT_BOOL(s, l, v, h) OPT_BOOL_F(s, l, v, h, 0)
#define OPT_STRING(s, l, v, a, h)					\
	{ .type = CMD_OPTION_STRING, .short_name = (s), .long_name = (l), \
	  .value = (v), .argh = (a), .help = (h) }
#define OPT_INT(s, l, v, a, h)						\
	{ .type = CMD_OPTION_INT, .short_name = (s), .long_name = (l),	\
	  .value = (v), .argh = (a), .help = (h) }
/* sep: 0, or the character that splits one value into several */
#define OPT_STRING_LIST(s, l, v, a, h, sep)				\
	{ .type = CMD_OPTION_STRING_LIST, .short_name = (s),		\
	  .long_name = (l), .value = (v), .argh = (a), .help = (h),	\
	  .defval = (sep) }
#define OPT_CALLBACK_F(s, l, v, a, h, f, cb)				\
	{ .type = CMD_OPTION_CALLBACK, .short_name = (s),		\
	  .long_name = (l), .value = (v), .argh = (a), .help = (h),	\
	  .flags = (f), .callback = (cb) }
#define OPT_CALLBACK(s, l, v, a, h, cb) OPT_CALLBACK_F(s, l, v, a, h, 0, cb)

/* The shared groups. */
#define OPT_JSON(v) OPT_BOOL(0, "json", v, "print the result as one JSON object")

/* --dry-run, --stdout and -o DIR: one of them at most. */
struct cmd_output {
	enum output_mode mode;
	const char *dir;
};
int cmd_output_cb(const struct cmd_option *opt, const char *arg, bool unset);
#define OPT_OUTPUT(o)							\
	OPT_CALLBACK_F(0, "dry-run", (o), NULL,				\
		       "show each mail's subject and recipients, send nothing", \
		       CMD_OPT_NOARG, cmd_output_cb),			\
	OPT_CALLBACK_F(0, "stdout", (o), NULL,				\
		       "write the mails to standard output as one mbox", \
		       CMD_OPT_NOARG, cmd_output_cb),			\
	OPT_CALLBACK('o', "output-directory", (o), "<dir>",		\
		     "write one file a mail into <dir>", cmd_output_cb)

/* How the mail goes out; unset fields come from config. */
int cmd_confirm_cb(const struct cmd_option *opt, const char *arg, bool unset);
#define OPT_DELIVERY(d)							\
	OPT_GROUP("delivery (default: [smtp], then sendemail.*)"),	\
	OPT_STRING(0, "smtp-server", &(d)->smtp_server, "<host>",	\
		   "the SMTP server"),					\
	OPT_STRING(0, "smtp-port", &(d)->smtp_port, "<port>",		\
		   "its port"),						\
	OPT_STRING(0, "smtp-encryption", &(d)->smtp_encryption,		\
		   "<ssl|tls|none>", "how the connection is protected"),	\
	OPT_STRING(0, "smtp-user", &(d)->smtp_user, "<user>",		\
		   "the user to log in as"),				\
	OPT_CALLBACK(0, "confirm", &(d)->confirm, "<auto|always|never>", \
		     "ask before sending", cmd_confirm_cb),		\
	OPT_BOOL(0, "smtp-debug", &(d)->smtp_debug,			\
		 "show the SMTP conversation"),				\
	OPT_BOOL(0, "insecure-skip-certificate-check", &(d)->insecure,	\
		 "do not verify the server's certificate"),		\
	OPT_STRING(0, "identity", &(d)->identity, "<name>",		\
		   "read sendemail.<name>.* over sendemail.*"),		\
	OPT_BOOL(0, "no-identity", &(d)->no_identity,			\
		 "ignore sendemail.identity")

enum cmd_parse_flags {
	CMD_STOP_AT_NON_OPTION = 1 << 0, /* options come before arguments */
	CMD_KEEP_DASHDASH = 1 << 1,	/* leave "--" among the arguments */
};

/*
 * What cmd_parse_options() returns, instead of the count of arguments
 * left, when the command should stop: its exit status is
 * cmd_exit_status() of it.
 */
enum {
	CMD_FAILED = ERR_FAILED,	/* --help could not run man: exit 1 */
	CMD_BAD_USAGE = ERR_BAD_INPUT,	/* the error is printed: exit 2 */
	CMD_DONE = -3,		/* -h, --git-completion-helper: exit 0 */
};
static inline int cmd_exit_status(int r)
{
	return r == CMD_DONE ? EXIT_OK : exit_status(r);
}

/*
 * The only option loop.  Takes the options of argv[1..] as the table
 * says; leaves the other arguments, in order, at argv[0..n) and returns
 * n (or one of the CMD_* above).  -h prints the usage to stdout,
 * --help runs "man git-bpf-<cmd>" (the name argv[0] has),
 * --git-completion-helper prints the long options as git does.
 * usage: "git bpf check [<options>] ..." lines (a line that begins
 * with a blank continues the one before), NULL-terminated; after an
 * empty line, the rest is printed below the options.
 */
int cmd_parse_options(int argc, char **argv, const struct cmd_option *opts,
		      const char *const *usage, unsigned int flags);

/* The usage text from the table (-h; stderr after a bad option). */
void cmd_usage(FILE *f, const struct cmd_option *opts,
	       const char *const *usage);

/* Run "man page"; returns only when it could not, with the error. */
int cmd_show_man(const char *page);

#endif
