// SPDX-License-Identifier: GPL-2.0
/* series: load a patch series from a revision range (libgit2, in-process)
 * or from patch and mbox files as git format-patch writes them. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diff.h"
#include "mail.h"
#include "mbox.h"
#include "repo.h"
#include "series.h"
#include "utf8.h"
#include "util.h"

/* Inputs larger than this are refused rather than read: a patch series
 * is megabytes, and memory must stay bounded on hostile input. */

static struct patch *series_add(struct series *s)
{
	struct patch *p;

	ALLOC_GROW(s->patches, s->nr + 1, s->alloc);
	p = &s->patches[s->nr++];
	memset(p, 0, sizeof(*p));
	p->nr = s->nr;
	return p;
}

static void add_path(struct patch *p, const char *path, const char *old_path,
		     char kind, unsigned old_mode, unsigned new_mode)
{
	struct touched_path *t;

	p->paths = xrealloc(p->paths, (p->paths_nr + 1) * sizeof(*p->paths));
	t = &p->paths[p->paths_nr++];
	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	t->old_path = xstrdup(old_path ? old_path : path);
	t->kind = kind;
	t->old_mode = old_mode;
	t->new_mode = new_mode;
}

/* Split message into subject (first paragraph, joined) and body. */
static void split_message(struct patch *p, const char *msg)
{
	struct strbuf subj = STRBUF_INIT;
	const char *s = msg, *body;

	while (*s == '\n')
		s++;
	for (;;) {
		const char *nl = strchrnul(s, '\n');
		struct strbuf line = STRBUF_INIT;

		strbuf_add(&line, s, (size_t)(nl - s));
		strbuf_trim(&line);
		if (!line.len) {
			strbuf_release(&line);
			break;
		}
		if (subj.len)
			strbuf_addch(&subj, ' ');
		strbuf_addbuf(&subj, &line);
		strbuf_release(&line);
		s = *nl ? nl + 1 : nl;
		if (!*s)
			break;
	}
	body = s;
	while (*body == '\n' || *body == ' ' || *body == '\t' || *body == '\r')
		body++;
	p->subject = strbuf_detach(&subj, NULL);
	p->body = xstrdup(body);
}

/* --- range mode ------------------------------------------------------ */

static int load_paths(struct patch *p, git_repository *repo,
		      git_commit *commit)
{
	struct diff_change *v;
	size_t nr;

	/* libgit2's tree-to-tree diff visits every entry of both trees,
	 * ten times git's cost on a kernel tree: walk only what differs */
	if (diff_changes(&v, &nr, repo, commit))
		return -1;
	for (size_t i = 0; i < nr; i++) {
		add_path(p, v[i].path, v[i].old_path, v[i].status,
			 v[i].old_mode, v[i].new_mode);
		p->paths[p->paths_nr - 1].binary = v[i].binary;
	}
	diff_changes_free(v, nr);
	return 0;
}

static void sig_copy(const git_signature *sig, char **name, char **email,
		     long long *t, int *tz)
{
	*name = xstrdup(sig->name ? sig->name : "");
	*email = xstrdup(sig->email ? sig->email : "");
	*t = (long long)sig->when.time;
	*tz = sig->when.offset;
}


static int load_commit(struct series *s, git_repository *repo,
		       git_commit *commit, unsigned flags)
{
	struct patch *p;
	const char *msg = git_commit_message(commit);
	const git_oid *id = git_commit_id(commit);

	if (git_commit_parentcount(commit) > 1 &&
	    !(flags & SERIES_ALLOW_MERGES))
		return error("'%.12s' (\"%s\") is a merge commit: a mailed "
			     "series must be linear", git_oid_tostr_s(id),
			     git_commit_summary(commit) ?
			     git_commit_summary(commit) : "");
	p = series_add(s);
	git_oid_tostr(p->oid, sizeof(p->oid), id);
	p->parents = git_commit_parentcount(commit);
	sig_copy(git_commit_author(commit), &p->author_name, &p->author_email,
		 &p->author_time, &p->author_tz);
	sig_copy(git_commit_committer(commit), &p->committer_name,
		 &p->committer_email, &p->commit_time, &p->commit_tz);
	p->message = xstrdup(msg ? msg : "");
	/* i18n.commitEncoding: convert as git log does for display */
	if (git_commit_message_encoding(commit) &&
	    strcasecmp(git_commit_message_encoding(commit), "UTF-8") &&
	    strcasecmp(git_commit_message_encoding(commit), "utf8")) {
		struct strbuf sb = STRBUF_INIT;
		char *where = xstrfmt("commit %.12s", p->oid);

		strbuf_addstr(&sb, p->message);
		if (!utf8_convert(&sb, git_commit_message_encoding(commit), where)) {
			free(p->message);
			p->message = strbuf_detach(&sb, NULL);
		}
		strbuf_release(&sb);
		free(where);
	}
	split_message(p, p->message);
	trailer_parse(&p->trailers, p->message, strlen(p->message));
	return load_paths(p, repo, commit);
}

/* The range as every message spells it: "A..B" in full ("A" and "A.."
 * are "A..HEAD", "..B" is "HEAD..B"); --root C is "C" from its root. */
static char *series_range_name(const char *range, unsigned flags)
{
	const char *dots = strstr(range, "..");

	if (flags & SERIES_ROOT)
		return xstrfmt("--root %s", range);
	if (!dots)
		return xstrfmt("%s..HEAD", range);
	if (dots == range)
		return xstrfmt("HEAD..%s", dots[2] ? dots + 2 : "HEAD");
	return xstrfmt("%.*s..%s", (int)(dots - range), range,
		       dots[2] ? dots + 2 : "HEAD");
}

static int repo_commit_quiet(git_commit **out, git_repository *repo,
			     const char *rev)
{
	git_object *obj = NULL;
	int err;

	*out = NULL;
	err = git_revparse_single(&obj, repo, rev) ||
	      git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	git_error_clear();
	return err ? -1 : 0;
}

/*
 * "C^" (or "C~", "C^1", "C~1") where C is a root commit: the parent
 * that C does not have, so that "C^..C" names C as it does for every
 * other commit.  True with *root set to C.
 */
static bool parent_of_root(git_repository *repo, const char *rev,
			   git_oid *root)
{
	size_t n = strlen(rev);
	git_commit *c = NULL;
	char *base;
	bool yes = false;

	if (n > 2 && (!strcmp(rev + n - 2, "^1") || !strcmp(rev + n - 2, "~1")))
		n -= 2;
	else if (n > 1 && (rev[n - 1] == '^' || rev[n - 1] == '~'))
		n -= 1;
	else
		return false;
	base = xstrndup(rev, n);
	if (!repo_commit_quiet(&c, repo, base) && !git_commit_parentcount(c)) {
		git_oid_cpy(root, git_commit_id(c));
		yes = true;
	}
	git_commit_free(c);
	free(base);
	return yes;
}

/* Resolve "A..B" (or "A" as "A..HEAD") into the two ends; *from_root
 * when A is the parent a root commit lacks (all of B's history). */
static int parse_range(git_repository *repo, const char *range, bool root,
		       git_oid *from, bool *from_root, git_oid *to,
		       char **to_name)
{
	const char *dots = strstr(range, "..");
	char *a, *b;
	git_commit *ca = NULL, *cb = NULL;
	git_oid r;
	int ret = -1;

	*from_root = false;
	if (root) {
		/* format-patch --root C: C and everything below it */
		if (dots)
			return error("--root takes a revision, not the range '%s'",
				     range);
		if (repo_commit(&cb, repo, range))
			return -1;
		git_oid_cpy(to, git_commit_id(cb));
		git_commit_free(cb);
		*from_root = true;
		*to_name = xstrdup(range);
		return 0;
	}

	if (dots && dots[2] == '.')
		return error("symmetric range '%s' is not a series: use A..B",
			     range);
	if (dots) {
		a = xstrndup(range, (size_t)(dots - range));
		b = xstrdup(dots[2] ? dots + 2 : "HEAD");
		if (!*a) {
			free(a);
			a = xstrdup("HEAD");
		}
	} else {
		a = xstrdup(range);
		b = xstrdup("HEAD");
	}
	if (parent_of_root(repo, a, &r)) {
		*from_root = true;
	} else if (repo_commit(&ca, repo, a)) {
		goto out;
	}
	if (repo_commit(&cb, repo, b))
		goto out;
	if (!*from_root)
		git_oid_cpy(from, git_commit_id(ca));
	git_oid_cpy(to, git_commit_id(cb));
	*to_name = b;
	b = NULL;
	ret = 0;
out:
	git_commit_free(ca);
	git_commit_free(cb);
	free(a);
	free(b);
	return ret;
}

/* The branch the series' tip is on: HEAD's branch when the tip is HEAD,
 * or the branch named as the tip. */
static char *tip_branch(git_repository *repo, const char *to_name,
			const git_oid *to)
{
	git_reference *ref = NULL;
	char *name = NULL;

	if (!git_branch_lookup(&ref, repo, to_name, GIT_BRANCH_LOCAL)) {
		name = xstrdup(git_reference_shorthand(ref));
		git_reference_free(ref);
		return name;
	}
	git_error_clear();
	if (!git_repository_head(&ref, repo)) {
		if (git_reference_is_branch(ref) && git_reference_target(ref) &&
		    git_oid_equal(git_reference_target(ref), to))
			name = xstrdup(git_reference_shorthand(ref));
		git_reference_free(ref);
	}
	git_error_clear();
	return name ? name : xstrdup("");
}

/*
 * The usual series is a straight line of commits on top of its base:
 * follow first parents from the tip to the base, without merges, and
 * the range is exactly those commits.  libgit2's limited, topological
 * walk instead marks history below the base, a quarter of a send's time
 * on a kernel tree.  0 with *ids (oldest first) set, 1 when the range
 * is no such line (use the revision walk), -1 on error.
 */
static int linear_range(git_oid **ids, size_t *nr, git_repository *repo,
			const git_oid *from, const git_oid *to)
{
	git_oid *v = NULL, cur = *to;
	size_t n = 0, alloc = 0;
	int ret = 1;
	bool done = false;

	*ids = NULL;
	*nr = 0;
	/* from NULL: down to the root commit */
	while (!done && !(from && git_oid_equal(&cur, from))) {
		git_commit *c = NULL;

		if (n >= 1000 || git_commit_lookup(&c, repo, &cur)) {
			git_error_clear();
			goto out;
		}
		if (git_commit_parentcount(c) != 1 &&
		    (from || git_commit_parentcount(c))) {
			git_commit_free(c);
			goto out;
		}
		ALLOC_GROW(v, n + 1, alloc);
		v[n++] = cur;
		if (git_commit_parentcount(c))
			cur = *git_commit_parent_id(c, 0);
		else
			done = true;
		git_commit_free(c);
	}
	for (size_t i = 0; i < n / 2; i++) {
		git_oid t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
	*ids = v;
	*nr = n;
	return 0;
out:
	free(v);
	return ret;
}

static int load_commit_id(struct series *s, git_repository *repo,
			  const git_oid *id, unsigned flags)
{
	git_commit *c = NULL;
	int err;

	if (git_commit_lookup(&c, repo, id))
		return git_err("unable to read commit %s", git_oid_tostr_s(id));
	err = load_commit(s, repo, c, flags);
	git_commit_free(c);
	return err;
}

int series_load_range(struct series *s, git_repository *repo,
		      const char *range, unsigned flags)
{
	git_oid *line = NULL;
	size_t line_nr = 0;
	git_revwalk *walk = NULL;
	git_oid from, to, id;
	char *to_name = NULL;
	bool from_root;
	int ret = -1, err;

	memset(s, 0, sizeof(*s));
	s->source = SERIES_RANGE;
	s->repo = repo;
	if (parse_range(repo, range, flags & SERIES_ROOT, &from, &from_root,
			&to, &to_name))
		goto out;
	s->range = series_range_name(range, flags);
	s->tip_ref = tip_branch(repo, to_name, &to);
	if (!linear_range(&line, &line_nr, repo, from_root ? NULL : &from,
			  &to)) {
		for (size_t i = 0; i < line_nr; i++)
			if (load_commit_id(s, repo, &line[i], flags))
				goto out;
		goto loaded;
	}
	if (git_revwalk_new(&walk, repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) ||
	    git_revwalk_push(walk, &to) ||
	    (!from_root && git_revwalk_hide(walk, &from))) {
		git_err("unable to walk '%s'", range);
		goto out;
	}
	while (!(err = git_revwalk_next(&id, walk)))
		if (load_commit_id(s, repo, &id, flags))
			goto out;
	if (err != GIT_ITEROVER) {
		git_err("unable to walk '%s'", range);
		goto out;
	}
loaded:
	if (!s->nr && !(flags & SERIES_ALLOW_EMPTY)) {
		const char *dots = strstr(s->range, "..");

		/* say why, for check and send alike */
		if (dots)
			error("empty range '%s': every commit of '%s' is in '%.*s'",
			      s->range, dots + 2, (int)(dots - s->range),
			      s->range);
		else
			error("empty range '%s'", s->range);
		goto out;
	}
	if (s->nr) {
		git_commit *first = NULL;
		git_oid first_id;

		git_oid_fromstr(&first_id, s->patches[0].oid);
		if (!git_commit_lookup(&first, repo, &first_id) &&
		    git_commit_parentcount(first))
			git_oid_tostr(s->base, sizeof(s->base),
				      git_commit_parent_id(first, 0));
		git_commit_free(first);
	} else if (!from_root) {
		git_oid_tostr(s->base, sizeof(s->base), &from);
	}
	ret = 0;
out:
	if (ret)
		series_release(s);	/* nothing half-loaded for the caller */
	git_error_clear();
	git_revwalk_free(walk);
	free(line);
	free(to_name);
	return ret;
}

int series_patch_diff(struct series *s, struct patch *p, const char **out)
{
	struct strbuf text = STRBUF_INIT;
	git_commit *commit = NULL;
	git_oid id;
	int abbrev, ret;

	if (p->diff) {
		*out = p->diff;
		return 0;
	}
	if (s->source != SERIES_RANGE || !s->repo || !*p->oid) {
		p->diff = xstrdup("");
		*out = p->diff;
		return 0;
	}
	if (git_oid_fromstr(&id, p->oid) ||
	    git_commit_lookup(&commit, s->repo, &id))
		return git_err("unable to read commit %s", p->oid);
	abbrev = repo_abbrev(s->repo);
	ret = diff_commit(&text, NULL, s->repo, commit, abbrev);
	git_commit_free(commit);
	if (ret) {
		strbuf_release(&text);
		return ret;
	}
	p->diff = strbuf_detach(&text, NULL);
	p->diff_abbrev = abbrev;
	*out = p->diff;
	return 0;
}

const char *series_cached_diff(const struct series *s, const struct patch *p,
			       git_repository *repo, int abbrev)
{
	if (s->source != SERIES_RANGE || s->repo != repo || !repo ||
	    !*p->oid || !p->diff || p->diff_abbrev != abbrev)
		return NULL;
	return p->diff;
}

/* --- file mode ------------------------------------------------------- */

/* "PATCH bpf-next v2 3/7" -> 3 and 7; 0 when no number. */
static void prefix_numbers(const char *prefix, unsigned long *n,
			   unsigned long *total)
{
	const char *p = prefix;

	*n = *total = 0;
	while (p && *p) {
		char *end;
		unsigned long a;

		if (!isdigit((unsigned char)*p) ||
		    (p != prefix && p[-1] != ' ')) {
			p++;
			continue;
		}
		a = strtoul(p, &end, 10);
		if (*end == '/' && isdigit((unsigned char)end[1])) {
			char *end2;
			unsigned long b = strtoul(end + 1, &end2, 10);

			if (!*end2 || *end2 == ' ') {
				*n = a;
				*total = b;
				return;
			}
		}
		p = end;
	}
}

/* Strip "[...]" groups (and "Re:") off a subject; prefix gets their text. */
static void strip_subject(const char *subject, char **prefix, char **title)
{
	struct strbuf pre = STRBUF_INIT;
	const char *s = subject;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncasecmp(s, "re:", 3)) {
			s += 3;
			continue;
		}
		if (*s == '[') {
			const char *close = strchr(s, ']');

			if (!close)
				break;
			if (pre.len)
				strbuf_addch(&pre, ' ');
			strbuf_add(&pre, s + 1, (size_t)(close - s - 1));
			s = close + 1;
			continue;
		}
		break;
	}
	*prefix = pre.len ? strbuf_detach(&pre, NULL) : NULL;
	strbuf_release(&pre);
	*title = xstrdup(s);
}

/* Unquote a path from a diff header ("a/x" or "\"a/\\303\\251\""). */
static char *diff_path(const char *s, size_t len, size_t *used)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	if (len && s[0] == '"') {
		for (i = 1; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < len) {
				i++;
				if (i + 2 < len && s[i] >= '0' && s[i] <= '3' &&
				    s[i + 1] >= '0' && s[i + 1] <= '7' &&
				    s[i + 2] >= '0' && s[i + 2] <= '7') {
					strbuf_addch(&sb, (char)(((s[i] - '0') << 6) |
								 ((s[i + 1] - '0') << 3) |
								 (s[i + 2] - '0')));
					i += 2;
				} else if (s[i] == 'n') {
					strbuf_addch(&sb, '\n');
				} else if (s[i] == 't') {
					strbuf_addch(&sb, '\t');
				} else {
					strbuf_addch(&sb, s[i]);
				}
			} else {
				strbuf_addch(&sb, s[i]);
			}
		}
		if (i < len)
			i++;
	} else {
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		strbuf_add(&sb, s, i);
	}
	if (used)
		*used = i;
	if (starts_with(sb.buf, "a/") || starts_with(sb.buf, "b/")) {
		char *r = xstrdup(sb.buf + 2);

		strbuf_release(&sb);
		return r;
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * Walk a diff: record touched paths, check every hunk is whole, and
 * cut the signature ("-- " after the last hunk).  Returns the diff's
 * length, or -1 when a hunk is truncated.
 */
static long scan_diff(struct patch *p, const char *d, size_t len)
{
	size_t pos = 0, end = len;
	long old_left = 0, new_left = 0;
	struct touched_path *cur = NULL;
	bool cur_has_body = true;

	while (pos < len) {
		const char *line = d + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - line) : len - pos;
		size_t next = pos + l + (nl ? 1 : 0);

		if (old_left > 0 || new_left > 0) {
			if (l && line[0] == '\\') {
				/* "\ No newline at end of file" */
			} else if (!l || line[0] == ' ') {
				old_left--;
				new_left--;
			} else if (line[0] == '-') {
				old_left--;
			} else if (line[0] == '+') {
				new_left--;
			} else {
				return -1;
			}
			if (old_left < 0 || new_left < 0)
				return -1;
			pos = next;
			continue;
		}
		if (l == 3 && !memcmp(line, "-- ", 3)) {
			end = pos;
			break;
		}
		if (starts_with(line, "diff --git ")) {
			const char *a = line + 11;

			if (!cur_has_body)
				return -1;	/* the previous file lost its body */
			cur_has_body = false;
			size_t used = 0;
			char *pa = diff_path(a, l - 11, &used);
			char *pb = used + 1 < l - 11 ?
				diff_path(a + used + 1, l - 11 - used - 1, NULL) :
				xstrdup(pa);

			add_path(p, pb, pa, 'M', 0100644, 0100644);
			cur = &p->paths[p->paths_nr - 1];
			free(pa);
			free(pb);
			pos = next;
			continue;
		}
		/* a file section says what changed, or it was cut short */
		if (starts_with(line, "new file mode ") ||
		    starts_with(line, "deleted file mode ") ||
		    starts_with(line, "new mode ") ||
		    starts_with(line, "rename to ") ||
		    starts_with(line, "copy to ") ||
		    starts_with(line, "Binary files ") ||
		    starts_with(line, "GIT binary patch") ||
		    starts_with(line, "@@ -"))
			cur_has_body = true;
		if (cur && starts_with(line, "new file mode ")) {
			cur->kind = 'A';
			cur->old_mode = 0;
			cur->new_mode = (unsigned)strtoul(line + 14, NULL, 8);
		} else if (cur && starts_with(line, "deleted file mode ")) {
			cur->kind = 'D';
			cur->new_mode = 0;
			cur->old_mode = (unsigned)strtoul(line + 18, NULL, 8);
			free(cur->path);
			cur->path = xstrdup(cur->old_path);
		} else if (cur && starts_with(line, "old mode ")) {
			cur->old_mode = (unsigned)strtoul(line + 9, NULL, 8);
		} else if (cur && starts_with(line, "new mode ")) {
			cur->new_mode = (unsigned)strtoul(line + 9, NULL, 8);
			if ((cur->old_mode & 0170000) != (cur->new_mode & 0170000))
				cur->kind = 'T';
		} else if (cur && starts_with(line, "rename from ")) {
			cur->kind = 'R';
		} else if (cur && starts_with(line, "copy from ")) {
			cur->kind = 'C';
		} else if (cur && (starts_with(line, "GIT binary patch") ||
				   (starts_with(line, "Binary files ") &&
				    l > 7 && !memcmp(line + l - 7, " differ", 7)))) {
			cur->binary = true;
		} else if (starts_with(line, "@@ -")) {
			const char *q = line + 4;
			char *e;
			long a, b = 1, c, dd = 1;

			a = strtol(q, &e, 10);
			if (*e == ',')
				b = strtol(e + 1, &e, 10);
			if (strncmp(e, " +", 2))
				return -1;
			c = strtol(e + 2, &e, 10);
			if (*e == ',')
				dd = strtol(e + 1, &e, 10);
			if (strncmp(e, " @@", 3) || a < 0 || b < 0 || c < 0 || dd < 0)
				return -1;
			old_left = b;
			new_left = dd;
		}
		pos = next;
	}
	if (old_left > 0 || new_left > 0 || !cur_has_body)
		return -1;
	return (long)end;
}

/* Where the diff part of a body starts: "diff --git", "Index: " or a
 * "--- " line followed by "+++ ". */
static const char *find_diff(const char *body)
{
	const char *p = body;

	while (*p) {
		if (starts_with(p, "diff --git ") || starts_with(p, "Index: ") ||
		    (starts_with(p, "--- ") && strstr(p, "\n+++ ") ==
		     strchrnul(p, '\n')))
			return p;
		p = strchrnul(p, '\n');
		if (*p)
			p++;
	}
	return NULL;
}

static void free_patch(struct patch *q);

/* Whether a message's headers make it a reply: "Re:" before or among
 * the subject's [...] groups. */
static bool subject_is_reply(const char *subject)
{
	const char *s = subject;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncasecmp(s, "re:", 3))
			return true;
		if (*s != '[' || !strchr(s, ']'))
			return false;
		s = strchr(s, ']') + 1;
	}
}

/* The text of an in-body header block and blank lines, skipped. */
static const char *skip_body_headers(const char *body)
{
	while (starts_with(body, "From: ") || starts_with(body, "Date: ") ||
	       starts_with(body, "Subject: "))
		body = *strchrnul(body, '\n') ? strchrnul(body, '\n') + 1 :
			strchrnul(body, '\n');
	while (*body == '\n')
		body++;
	return body;
}

/* Whether a subject is numbered 0/N, as a cover letter is. */
static bool subject_is_cover(const char *subject)
{
	char *prefix = NULL, *title = NULL;
	unsigned long n, t;

	strip_subject(subject, &prefix, &title);
	prefix_numbers(prefix, &n, &t);
	free(prefix);
	free(title);
	return t && !n;
}

/*
 * A reply, not a patch: "Re:" in the subject, or an answer (In-Reply-To)
 * with no diff of its own that is no cover letter (numbered 0/N while
 * the thread has no cover yet: answers keep the subject they answer).
 * A reply that quotes a patch quotes it with "> ", so no diff is found.
 */
static bool msg_is_reply(const struct mbox_msg *m, const char *subject,
			 bool have_cover)
{
	if (subject_is_reply(subject))
		return true;
	if (!mbox_msg_header(m, "In-Reply-To"))
		return false;
	if (find_diff(skip_body_headers(m->body.buf)))
		return false;
	return have_cover || !subject_is_cover(subject);
}

static bool series_has_cover(const struct series *s)
{
	for (size_t i = 0; i < s->nr; i++) {
		unsigned long n, t;

		prefix_numbers(s->patches[i].prefix, &n, &t);
		if (t && !n)
			return true;
	}
	return false;
}

/* How errors name a message: "'FILE'", or "'FILE' message N" in an mbox
 * of several. */
static void message_where(struct strbuf *where, const char *name,
			  size_t index, size_t count)
{
	if (count > 1)
		strbuf_addf(where, "'%s' message %zu", name, index);
	else
		strbuf_addf(where, "'%s'", name);
}

static int parse_message(struct series *s, const char *text, size_t len,
			 const char *name, size_t index, size_t count)
{
	struct mbox_msg m = { 0 };
	struct patch *p = NULL;
	struct strbuf where = STRBUF_INIT, subj = STRBUF_INIT;
	struct address from = { 0 };
	const char *v, *body, *cut, *diff;
	int ret = -1;

	message_where(&where, name, index, count);
	if (mbox_msg_read(&m, &where, text, len, count > 1))
		goto out;
	v = mbox_msg_header(&m, "Subject");
	rfc2047_decode(&subj, v, strlen(v));
	if (count > 1 && msg_is_reply(&m, subj.buf, series_has_cover(s))) {
		/* a thread: the answers are not the series */
		s->replies++;
		ret = 0;
		goto out;
	}

	p = series_add(s);
	p->source = xstrdup(where.buf);
	memcpy(p->oid, m.from_line_oid, sizeof(p->oid));
	p->parents = 1;
	strip_subject(subj.buf, &p->prefix, &p->subject);
	v = mbox_msg_header(&m, "From");
	{
		struct strbuf dec = STRBUF_INIT;

		rfc2047_decode(&dec, v, strlen(v));
		p->sender = strbuf_detach(&dec, NULL);
	}
	if (address_parse(&from, p->sender)) {
		error("%s: invalid From: header", where.buf);
		goto out;
	}
	p->author_name = xstrdup(from.name);
	p->author_email = xstrdup(from.addr);
	address_release(&from);
	for (size_t i = 0; i < m.h_nr; i++) {
		struct strbuf dec = STRBUF_INIT, all = STRBUF_INIT;

		if (strcasecmp(m.h[i].name, "To") &&
		    strcasecmp(m.h[i].name, "Cc"))
			continue;
		rfc2047_decode(&dec, m.h[i].value, strlen(m.h[i].value));
		if (p->recipients)
			strbuf_addf(&all, "%s, ", p->recipients);
		strbuf_addbuf(&all, &dec);
		free(p->recipients);
		p->recipients = strbuf_detach(&all, NULL);
		strbuf_release(&dec);
	}
	if ((v = mbox_msg_header(&m, "Message-ID")))
		p->message_id = xstrdup(v);
	if ((v = mbox_msg_header(&m, "In-Reply-To")))
		p->in_reply_to = xstrdup(v);
	if ((v = mbox_msg_header(&m, "Date"))) {
		struct tm tm = { 0 };
		char *e = strptime(strchr(v, ',') ? strchr(v, ',') + 1 : v,
				   " %d %b %Y %H:%M:%S", &tm);

		if (e) {
			int sign = 1, hh = 0, mm = 0;

			while (*e == ' ')
				e++;
			if (*e == '-' || *e == '+') {
				sign = *e == '-' ? -1 : 1;
				if (strlen(e) >= 5 && isdigit((unsigned char)e[1])) {
					hh = (e[1] - '0') * 10 + (e[2] - '0');
					mm = (e[3] - '0') * 10 + (e[4] - '0');
				}
			}
			p->author_tz = sign * (hh * 60 + mm);
			p->author_time = (long long)timegm(&tm) -
					 (long long)p->author_tz * 60;
		}
	}

	body = m.body.buf;
	/* in-body From:/Date:/Subject: as git mailinfo reads them */
	while (starts_with(body, "From: ") || starts_with(body, "Date: ") ||
	       starts_with(body, "Subject: ")) {
		const char *nl = strchrnul(body, '\n');
		char *line = xstrndup(body, (size_t)(nl - body));

		if (starts_with(line, "From: ") &&
		    !address_parse(&from, line + 6)) {
			free(p->author_name);
			free(p->author_email);
			p->author_name = xstrdup(from.name);
			p->author_email = xstrdup(from.addr);
			address_release(&from);
		} else if (starts_with(line, "Subject: ")) {
			free(p->subject);
			p->subject = xstrdup(line + 9);
		}
		free(line);
		body = *nl ? nl + 1 : nl;
	}
	while (*body == '\n')
		body++;
	p->committer_name = xstrdup(p->author_name);
	p->committer_email = xstrdup(p->author_email);
	p->commit_time = p->author_time;
	p->commit_tz = p->author_tz;

	diff = find_diff(body);
	/* the message ends at the first "---" line, as git mailinfo does */
	cut = NULL;
	for (const char *q = body; *q && (!diff || q < diff);) {
		const char *nl = strchrnul(q, '\n');

		if (nl - q >= 3 && !strncmp(q, "---", 3) &&
		    (nl - q == 3 || isspace((unsigned char)q[3]))) {
			cut = q;
			break;
		}
		q = *nl ? nl + 1 : nl;
	}
	if (!cut)
		cut = diff ? diff : body + strlen(body);
	{
		struct strbuf msgtext = STRBUF_INIT;

		strbuf_addstr(&msgtext, p->subject);
		strbuf_addstr(&msgtext, "\n\n");
		strbuf_add(&msgtext, body, (size_t)(cut - body));
		strbuf_rtrim(&msgtext);
		strbuf_addch(&msgtext, '\n');
		p->message = strbuf_detach(&msgtext, NULL);
	}
	{
		char *title = p->subject;

		split_message(p, p->message);
		free(p->subject);
		p->subject = title;
	}
	trailer_parse(&p->trailers, p->message, strlen(p->message));
	if (diff) {
		long dl = scan_diff(p, diff, strlen(diff));

		if (dl < 0) {
			error("%s: the patch is truncated or corrupt", where.buf);
			goto out;
		}
		p->diff = xstrndup(diff, (size_t)dl);
	}
	/* base-commit: as format-patch --base writes it */
	{
		const char *b = strstr(m.body.buf, "\nbase-commit: ");

		if (b && strlen(b + 14) >= GIT_OID_HEXSZ) {
			bool hex = true;

			for (size_t i = 0; i < GIT_OID_HEXSZ; i++)
				if (!isxdigit((unsigned char)b[14 + i]))
					hex = false;
			if (hex) {
				memcpy(s->base, b + 14, GIT_OID_HEXSZ);
				s->base[GIT_OID_HEXSZ] = '\0';
			}
		}
	}
	ret = 0;
out:
	if (ret && p) {
		/* drop the half-read patch */
		free_patch(p);
		s->nr--;
	}
	strbuf_release(&subj);
	strbuf_release(&where);
	mbox_msg_release(&m);
	return ret;
}

static int parse_mbox(struct series *s, const char *buf, size_t len,
		      const char *name);

int series_parse_mbox(struct series *s, const char *buf, size_t len,
		      const char *name)
{
	/* the parsers below may rely on a NUL after the text */
	struct strbuf copy = STRBUF_INIT;
	int ret;

	strbuf_add(&copy, buf, len);
	ret = parse_mbox(s, copy.buf, copy.len, name);
	strbuf_release(&copy);
	return ret;
}

static int parse_mbox(struct series *s, const char *buf, size_t len,
		      const char *name)
{
	size_t *starts, nstarts;
	int ret = 0;

	if (mbox_split(&starts, &nstarts, buf, len, name))
		return -1;
	if (!nstarts)
		return parse_message(s, buf, len, name, 1, 1);
	for (size_t i = 0; i < nstarts && !ret; i++) {
		size_t end = i + 1 < nstarts ? starts[i + 1] : len;

		ret = parse_message(s, buf + starts[i], end - starts[i], name,
				    i + 1, nstarts);
	}
	free(starts);
	return ret;
}

/* --- threads --------------------------------------------------------- */

/* The "<id>"s of a header value, in order (a bare id is taken whole). */
static void msg_ids(struct strvec *out, const char *v)
{
	const char *p = v;

	while (p && (p = strchr(p, '<'))) {
		const char *e = strchr(p, '>');

		if (!e)
			break;
		if (e > p + 1) {
			char *id = xstrndup(p, (size_t)(e - p + 1));

			strvec_push(out, id);
			free(id);
		}
		p = e + 1;
	}
	if (!out->nr && v) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, v);
		strbuf_trim(&sb);
		if (sb.len && !strpbrk(sb.buf, " \t"))
			strvec_pushf(out, "<%s>", sb.buf);
		strbuf_release(&sb);
	}
}

static char *first_msg_id(const char *v)
{
	struct strvec ids = STRVEC_INIT;
	char *id;

	msg_ids(&ids, v);
	id = ids.nr ? xstrdup(ids.v[0]) : NULL;
	strvec_clear(&ids);
	return id;
}

static int thread_message(struct thread *t, const char *text, size_t len,
			  const char *name, size_t index, size_t count)
{
	struct thread_msg *tm;
	struct strbuf where = STRBUF_INIT, dec = STRBUF_INIT;
	struct mbox_msg m = { 0 };
	const char *v;
	int ret = -1;

	message_where(&where, name, index, count);
	if (mbox_msg_read(&m, &where, text, len, count > 1))
		goto out;
	ALLOC_GROW(t->v, t->nr + 1, t->alloc);
	tm = &t->v[t->nr++];
	memset(tm, 0, sizeof(*tm));
	tm->where = strbuf_detach(&where, NULL);
	tm->message_id = first_msg_id(mbox_msg_header(&m, "Message-ID"));
	tm->in_reply_to = first_msg_id(mbox_msg_header(&m, "In-Reply-To"));
	msg_ids(&tm->references, mbox_msg_header(&m, "References"));
	v = mbox_msg_header(&m, "From");
	rfc2047_decode(&dec, v, strlen(v));
	tm->from = strbuf_detach(&dec, NULL);
	v = mbox_msg_header(&m, "Subject");
	rfc2047_decode(&dec, v, strlen(v));
	tm->subject = strbuf_detach(&dec, NULL);
	tm->reply = msg_is_reply(&m, tm->subject, t->have_cover);
	if (!tm->reply && subject_is_cover(tm->subject))
		t->have_cover = true;
	tm->body = strbuf_detach(&m.body, NULL);
	ret = 0;
out:
	strbuf_release(&where);
	strbuf_release(&dec);
	mbox_msg_release(&m);
	return ret;
}

int series_thread_parse(struct thread *t, const char *buf, size_t len,
			const char *name)
{
	struct strbuf copy = STRBUF_INIT;
	size_t *starts = NULL, nstarts;
	int ret = -1;

	/* the parsers rely on a NUL after the text */
	strbuf_add(&copy, buf, len);
	if (mbox_split(&starts, &nstarts, copy.buf, copy.len, name))
		goto out;
	if (!nstarts) {
		ret = thread_message(t, copy.buf, copy.len, name, 1, 1);
		goto out;
	}
	ret = 0;
	for (size_t i = 0; i < nstarts && !ret; i++) {
		size_t end = i + 1 < nstarts ? starts[i + 1] : copy.len;

		ret = thread_message(t, copy.buf + starts[i], end - starts[i],
				     name, i + 1, nstarts);
	}
out:
	free(starts);
	strbuf_release(&copy);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A maildir: every file of cur/ and new/, in name order (delivery
 * order, for the names mail clients give). */
static int thread_read_maildir(struct thread *t, const char *path)
{
	static const char *const subdirs[] = { "cur", "new" };
	struct strvec names = STRVEC_INIT;
	int ret = -1;

	for (size_t i = 0; i < ARRAY_SIZE(subdirs); i++) {
		char *dir = xstrfmt("%s/%s", path, subdirs[i]);
		DIR *d = opendir(dir);
		struct dirent *de;

		if (!d) {
			if (errno == ENOENT) {
				free(dir);
				continue;
			}
			error_errno("unable to read '%s'", dir);
			free(dir);
			goto out;
		}
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			if (names.nr >= MBOX_MAX_MESSAGES) {
				error("'%s' holds more than %d messages", path,
				      MBOX_MAX_MESSAGES);
				closedir(d);
				free(dir);
				goto out;
			}
			strvec_pushf(&names, "%s/%s", dir, de->d_name);
		}
		closedir(d);
		free(dir);
	}
	if (names.nr)
		qsort(names.v, names.nr, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.nr; i++) {
		struct strbuf buf = STRBUF_INIT;

		if (mbox_read_file(&buf, names.v[i], AT_FDCWD, O_NOFOLLOW) ||
		    series_thread_parse(t, buf.buf, buf.len, names.v[i])) {
			strbuf_release(&buf);
			goto out;
		}
		strbuf_release(&buf);
	}
	ret = 0;
out:
	strvec_clear(&names);
	return ret;
}

int series_thread_read(struct thread *t, const char *path)
{
	struct strbuf buf = STRBUF_INIT;
	struct stat st;
	int ret;

	if (stat(path, &st))
		return error_errno("unable to read '%s'", path);
	if (S_ISDIR(st.st_mode)) {
		char *cur = xstrfmt("%s/cur", path), *nw = xstrfmt("%s/new", path);
		bool maildir = !access(cur, F_OK) || !access(nw, F_OK);

		free(cur);
		free(nw);
		if (!maildir)
			return error("'%s' is a directory but no maildir "
				     "(no cur/ or new/)", path);
		return thread_read_maildir(t, path);
	}
	if (mbox_read_file(&buf, path, AT_FDCWD, O_NOFOLLOW))
		return -1;
	if (!buf.len) {
		strbuf_release(&buf);
		return error("'%s' is empty", path);
	}
	ret = series_thread_parse(t, buf.buf, buf.len, path);
	strbuf_release(&buf);
	return ret;
}

void series_thread_release(struct thread *t)
{
	for (size_t i = 0; i < t->nr; i++) {
		struct thread_msg *m = &t->v[i];

		free(m->where);
		free(m->message_id);
		free(m->in_reply_to);
		strvec_clear(&m->references);
		free(m->from);
		free(m->subject);
		free(m->body);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int cmp_patch_nr(const void *a, const void *b)
{
	unsigned long na, ta, nb, tb;

	prefix_numbers(((const struct patch *)a)->prefix, &na, &ta);
	prefix_numbers(((const struct patch *)b)->prefix, &nb, &tb);
	return (na > nb) - (na < nb);
}

static int load_files(struct series *s, const char *const *files, size_t nr);

int series_load_files(struct series *s, git_repository *repo,
		      const char *const *files, size_t nr)
{
	memset(s, 0, sizeof(*s));
	s->source = SERIES_FILES;
	s->repo = repo;
	if (load_files(s, files, nr)) {
		series_release(s);	/* nothing half-loaded for the caller */
		return -1;
	}
	return 0;
}

static int load_files(struct series *s, const char *const *files, size_t nr)
{
	bool all_numbered = true;
	size_t cover_at = SIZE_MAX;

	for (size_t i = 0; i < nr; i++) {
		struct strbuf buf = STRBUF_INIT;

		if (mbox_read_file(&buf, files[i], AT_FDCWD, 0)) {
			strbuf_release(&buf);
			return -1;
		}
		if (!buf.len) {
			strbuf_release(&buf);
			return error("'%s' is empty", files[i]);
		}
		if (parse_mbox(s, buf.buf, buf.len, files[i])) {
			strbuf_release(&buf);
			return -1;
		}
		strbuf_release(&buf);
	}
	if (!s->nr)
		return error("no patches in the files given");
	for (size_t i = 0; i < s->nr; i++) {
		unsigned long n, t;

		prefix_numbers(s->patches[i].prefix, &n, &t);
		if (!t)
			all_numbered = false;
	}
	if (all_numbered)
		qsort(s->patches, s->nr, sizeof(*s->patches), cmp_patch_nr);
	/* the cover: numbered 0, or a message without a diff */
	for (size_t i = 0; i < s->nr; i++) {
		unsigned long n, t;

		prefix_numbers(s->patches[i].prefix, &n, &t);
		if ((t && !n) || (!s->patches[i].diff && !s->patches[i].paths_nr &&
				  strstr(s->patches[i].subject, "*** SUBJECT HERE ***"))) {
			cover_at = i;
			break;
		}
	}
	if (cover_at == SIZE_MAX && s->nr > 1 && !s->patches[0].diff)
		cover_at = 0;
	if (cover_at != SIZE_MAX) {
		s->cover = xmalloc(sizeof(*s->cover));
		*s->cover = s->patches[cover_at];
		memmove(s->patches + cover_at, s->patches + cover_at + 1,
			(s->nr - cover_at - 1) * sizeof(*s->patches));
		s->nr--;
		s->cover->nr = 0;
	}
	for (size_t i = 0; i < s->nr; i++) {
		s->patches[i].nr = i + 1;
		if (!s->patches[i].diff)
			return error("%s holds no patch",
				     s->patches[i].source ? s->patches[i].source :
				     "'input'");
	}
	if (!s->nr)
		return error("no patches in the files given, only a cover letter");
	return 0;
}

bool patch_touches(const struct patch *p, const char *prefix)
{
	for (size_t i = 0; i < p->paths_nr; i++)
		if (starts_with(p->paths[i].path, prefix) ||
		    starts_with(p->paths[i].old_path, prefix))
			return true;
	return false;
}

bool series_touches(const struct series *s, const char *prefix)
{
	for (size_t i = 0; i < s->nr; i++)
		if (patch_touches(&s->patches[i], prefix))
			return true;
	return false;
}

const char *patch_short_oid(const struct patch *p, int len)
{
	static char buf[GIT_OID_HEXSZ + 1];

	if (len < 4 || len > GIT_OID_HEXSZ)
		len = 12;
	snprintf(buf, sizeof(buf), "%.*s", len, p->oid);
	return buf;
}

static void free_patch(struct patch *q)
{
	free(q->author_name);
	free(q->author_email);
	free(q->committer_name);
	free(q->committer_email);
	free(q->subject);
	free(q->prefix);
	free(q->message);
	free(q->body);
	trailer_list_release(&q->trailers);
	for (size_t k = 0; k < q->paths_nr; k++) {
		free(q->paths[k].path);
		free(q->paths[k].old_path);
	}
	free(q->paths);
	free(q->diff);
	free(q->message_id);
	free(q->in_reply_to);
	free(q->recipients);
	free(q->sender);
	free(q->source);
	memset(q, 0, sizeof(*q));
}

void series_release(struct series *s)
{
	for (size_t i = 0; i < s->nr; i++)
		free_patch(&s->patches[i]);
	free(s->patches);
	if (s->cover) {
		free_patch(s->cover);
		free(s->cover);
	}
	free(s->range);
	free(s->tip_ref);
	memset(s, 0, sizeof(*s));
}
