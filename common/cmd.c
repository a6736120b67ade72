// SPDX-License-Identifier: GPL-2.0
/* cmd: the one option loop, the usage text and the completion, all from
 * a command's table of struct cmd_option (see cmd.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define USAGE_OPTS_WIDTH 26
#define USAGE_GAP 2

static bool takes_value(const struct cmd_option *o)
{
	switch (o->type) {
	case CMD_OPTION_STRING:
	case CMD_OPTION_INT:
	case CMD_OPTION_STRING_LIST:
		return true;
	case CMD_OPTION_CALLBACK:
		return !(o->flags & CMD_OPT_NOARG);
	default:
		return false;
	}
}

static bool is_option(const struct cmd_option *o)
{
	return o->type != CMD_OPTION_GROUP && o->type != CMD_OPTION_END;
}

int cmd_show_man(const char *page)
{
	fflush(stdout);
	execvp("man", (char *const[]){ "man", (char *)page, NULL });
	return error_errno("cannot run 'man %s'", page);
}

static void print_usage_lines(FILE *f, const char *const *usage,
			      const char *const **rest)
{
	const char *const *u = usage;

	for (; *u && **u; u++) {
		if (u == usage)
			fprintf(f, "usage: %s\n", *u);
		else if (**u == ' ')
			fprintf(f, "%s\n", *u);
		else
			fprintf(f, "   or: %s\n", *u);
	}
	*rest = *u ? u + 1 : NULL;
}

/* The help text from the column of the option's, wrapped at 80. */
static void print_help(FILE *f, const char *help)
{
	const int col = USAGE_OPTS_WIDTH + USAGE_GAP;
	int pos = col;

	while (*help) {
		size_t n = strcspn(help, " ");

		if (pos > col && pos + 1 + (int)n > 79) {
			fprintf(f, "\n%*s", col, "");
			pos = col;
		} else if (pos > col) {
			fputc(' ', f);
			pos++;
		}
		fwrite(help, 1, n, f);
		pos += (int)n;
		help += n;
		help += strspn(help, " ");
	}
	fputc('\n', f);
}

void cmd_usage(FILE *f, const struct cmd_option *opts,
	       const char *const *usage)
{
	const char *const *rest;
	bool need_newline = true;

	print_usage_lines(f, usage, &rest);
	for (const struct cmd_option *o = opts; o->type != CMD_OPTION_END;
	     o++) {
		int pos;

		if (o->type == CMD_OPTION_GROUP) {
			fputc('\n', f);
			need_newline = false;
			if (o->help && *o->help)
				fprintf(f, "%s\n", o->help);
			continue;
		}
		if (o->flags & CMD_OPT_HIDDEN)
			continue;
		if (need_newline) {
			fputc('\n', f);
			need_newline = false;
		}
		pos = fprintf(f, "    ");
		if (o->short_name)
			pos += fprintf(f, "-%c", o->short_name);
		if (o->short_name && o->long_name)
			pos += fprintf(f, ", ");
		if (o->long_name)
			pos += fprintf(f, "--%s%s",
				       (o->flags & CMD_OPT_NEG) &&
				       !starts_with(o->long_name, "no-") ?
				       "[no-]" : "", o->long_name);
		if (takes_value(o))
			pos += fprintf(f, "%s%s", o->long_name ? "=" : " ",
				       o->argh ? o->argh : "<value>");
		else if ((o->flags & CMD_OPT_OPTARG) && o->argh)
			pos += fprintf(f, "[=%s]", o->argh);
		if (pos > USAGE_OPTS_WIDTH) {
			fputc('\n', f);
			pos = 0;
		}
		fprintf(f, "%*s", USAGE_OPTS_WIDTH - pos + USAGE_GAP, "");
		print_help(f, o->help);
	}
	if (rest) {
		fputc('\n', f);
		for (; *rest; rest++)
			fprintf(f, "%s\n", *rest);
	}
}

/*
 * The negated forms, as git's show_negated_gitcomp(): with nr_noopts < 0
 * the "--x" of each negatable "--no-x"; otherwise the "--no-x" of the
 * others, after a "--" unless no option is itself a "no-" one, in which
 * case the first stays before it (so "--no<TAB>" shows one).
 */
static void show_negated_gitcomp(const struct cmd_option *opts, int nr_noopts)
{
	bool printed_dashdash = false;

	for (const struct cmd_option *o = opts; o->type != CMD_OPTION_END;
	     o++) {
		const char *name;

		if (!is_option(o) || !o->long_name ||
		    (o->flags & CMD_OPT_HIDDEN) || !(o->flags & CMD_OPT_NEG))
			continue;
		if (skip_prefix(o->long_name, "no-", &name)) {
			if (nr_noopts < 0)
				printf(" --%s", name);
		} else if (nr_noopts >= 0) {
			if (nr_noopts && !printed_dashdash) {
				printf(" --");
				printed_dashdash = true;
			}
			printf(" --no-%s", o->long_name);
			nr_noopts++;
		}
	}
}

/* --git-completion-helper: what git's show_gitcomp() prints. */
static void show_gitcomp(const struct cmd_option *opts)
{
	int nr_noopts = 0;
	bool first = true;

	for (const struct cmd_option *o = opts; o->type != CMD_OPTION_END;
	     o++) {
		if (!is_option(o) || !o->long_name ||
		    (o->flags & CMD_OPT_HIDDEN))
			continue;
		if (starts_with(o->long_name, "no-"))
			nr_noopts++;
		printf("%s--%s%s", first ? "" : " ", o->long_name,
		       takes_value(o) ? "=" : "");
		first = false;
	}
	show_negated_gitcomp(opts, -1);
	show_negated_gitcomp(opts, nr_noopts);
	putchar('\n');
}

static int set_value(const struct cmd_option *o, const char *name,
		     const char *arg, bool unset)
{
	switch (o->type) {
	case CMD_OPTION_BOOL:
		*(bool *)o->value = !unset;
		return 0;
	case CMD_OPTION_STRING:
		*(const char **)o->value = unset ? NULL : arg;
		return 0;
	case CMD_OPTION_INT: {
		char *end;
		long v;

		if (unset) {
			*(int *)o->value = 0;
			return 0;
		}
		errno = 0;
		v = strtol(arg, &end, 10);
		if (!*arg || *end || errno || v < INT_MIN || v > INT_MAX)
			return error("option '%s' expects a number, not '%s'",
				     name, arg);
		*(int *)o->value = (int)v;
		return 0;
	}
	case CMD_OPTION_STRING_LIST:
		if (unset)
			strvec_clear(o->value);
		else if (o->defval)
			strvec_split(o->value, arg, (char)o->defval);
		else
			strvec_push(o->value, arg);
		return 0;
	case CMD_OPTION_CALLBACK:
		return o->callback(o, arg, unset);
	default:
		return 0;
	}
}

/*
 * The option a long name (up to '=') means: exact, negated, or the one
 * option it abbreviates, as getopt_long() and git allow.
 */
static const struct cmd_option *find_long(const struct cmd_option *opts,
					  const char *name, size_t len,
					  bool *unset, bool *ambiguous)
{
	const struct cmd_option *abbrev = NULL;
	bool abbrev_unset = false;

	*ambiguous = false;
	for (const struct cmd_option *o = opts; o->type != CMD_OPTION_END;
	     o++) {
		const char *neg = NULL;
		char *no = NULL;

		if (!is_option(o) || !o->long_name)
			continue;
		if (strlen(o->long_name) == len &&
		    !strncmp(o->long_name, name, len)) {
			*unset = false;
			return o;
		}
		if (o->flags & CMD_OPT_NEG) {
			if (!skip_prefix(o->long_name, "no-", &neg))
				neg = no = xstrfmt("no-%s", o->long_name);
			if (strlen(neg) == len && !strncmp(neg, name, len)) {
				free(no);
				*unset = true;
				return o;
			}
		}
		if (!strncmp(o->long_name, name, len) ||
		    (neg && !strncmp(neg, name, len))) {
			if (abbrev && abbrev != o)
				*ambiguous = true;
			abbrev = o;
			abbrev_unset = strncmp(o->long_name, name, len);
		}
		free(no);
	}
	if (*ambiguous)
		return NULL;
	*unset = abbrev_unset;
	return abbrev;
}

static int bad_option(const char *fmt, const char *arg,
		      const struct cmd_option *opts, const char *const *usage)
{
	error(fmt, arg);
	cmd_usage(stderr, opts, usage);
	return CMD_BAD_USAGE;
}

static int parse_long(const struct cmd_option *opts, const char *const *usage,
		      int argc, char **argv, int *i)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct cmd_option *o;
	bool unset, ambiguous;
	const char *arg = NULL;
	char *shown;
	int ret;

	o = find_long(opts, name, len, &unset, &ambiguous);
	if (!o) {
		shown = xstrfmt("--%.*s", (int)len, name);
		ret = bad_option(ambiguous ? "ambiguous option '%s'" :
				 "unknown option '%s'", shown, opts, usage);
		free(shown);
		return ret;
	}
	shown = xstrfmt("--%s%s", unset && !starts_with(o->long_name, "no-") ?
			"no-" : "", o->long_name);
	if (takes_value(o) && !unset) {
		if (eq)
			arg = eq + 1;
		else if (*i + 1 < argc)
			arg = argv[++*i];
		else {
			error("option '%s' needs a value", shown);
			ret = CMD_BAD_USAGE;
			goto out;
		}
	} else if (eq && (o->flags & CMD_OPT_OPTARG) && !unset) {
		arg = eq + 1;
	} else if (eq) {
		error("option '%s' takes no value", shown);
		ret = CMD_BAD_USAGE;
		goto out;
	}
	ret = set_value(o, shown, arg, unset) ? CMD_BAD_USAGE : 0;
out:
	free(shown);
	return ret;
}

static int parse_short(const struct cmd_option *opts, const char *const *usage,
		       int argc, char **argv, int *i)
{
	const char *p = argv[*i] + 1;

	for (; *p; p++) {
		const struct cmd_option *o = opts;
		char shown[3] = { '-', *p, '\0' };
		const char *arg = NULL;

		while (o->type != CMD_OPTION_END &&
		       !(is_option(o) && o->short_name == *p))
			o++;
		if (o->type == CMD_OPTION_END)
			return bad_option("unknown option '%s'", shown, opts,
					  usage);
		if (takes_value(o)) {
			if (p[1])
				arg = p + 1;
			else if (*i + 1 < argc)
				arg = argv[++*i];
			else
				return error("option '%s' needs a value",
					     shown), CMD_BAD_USAGE;
			return set_value(o, shown, arg, false) ?
			       CMD_BAD_USAGE : 0;
		}
		if (set_value(o, shown, NULL, false))
			return CMD_BAD_USAGE;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int cmd_parse_options(int argc, char **argv, const struct cmd_option *opts,
		      const char *const *usage, unsigned int flags)
{
	int nr = 0, i, ret;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--")) {
			if (flags & CMD_KEEP_DASHDASH)
				argv[nr++] = argv[i];
			i++;
			break;
		}
		if (arg[0] != '-' || !arg[1]) {
			if (flags & CMD_STOP_AT_NON_OPTION)
				break;
			argv[nr++] = argv[i];
			continue;
		}
		if (!strcmp(arg, "-h")) {
			cmd_usage(stdout, opts, usage);
			return CMD_DONE;
		}
		if (!strcmp(arg, "--help")) {
			char *page = xstrdup(base_name(argv[0]));

			cmd_show_man(page);
			free(page);
			return CMD_FAILED;
		}
		if (!strcmp(arg, "--git-completion-helper")) {
			show_gitcomp(opts);
			return CMD_DONE;
		}
		ret = arg[1] == '-' ? parse_long(opts, usage, argc, argv, &i) :
				      parse_short(opts, usage, argc, argv, &i);
		if (ret)
			return ret;
	}
	for (; i < argc; i++)
		argv[nr++] = argv[i];
	argv[nr] = NULL;
	return nr;
}

int cmd_output_cb(const struct cmd_option *opt, const char *arg, bool unset)
{
	struct cmd_output *out = opt->value;
	enum output_mode mode = !strcmp(opt->long_name, "dry-run") ?
				OUTPUT_DRY_RUN :
				!strcmp(opt->long_name, "stdout") ?
				OUTPUT_STDOUT : OUTPUT_DIR;

	if (unset)
		return 0;
	if (out->mode != OUTPUT_SEND && out->mode != mode)
		return error("--dry-run, --stdout and -o exclude each other");
	out->mode = mode;
	if (mode == OUTPUT_DIR)
		out->dir = arg;
	return 0;
}

int cmd_confirm_cb(const struct cmd_option *opt, const char *arg, bool unset)
{
	if (!unset && strcmp(arg, "auto") && strcmp(arg, "always") &&
	    strcmp(arg, "never"))
		return error("--confirm takes auto, always or never, not '%s'",
			     arg);
	*(const char **)opt->value = unset ? NULL : arg;
	return 0;
}
