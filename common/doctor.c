// SPDX-License-Identifier: GPL-2.0
/* doctor: the checks of `git bpf doctor`, each an ok, warning or error
 * with the fix, from the tools' own output, the tree and the config. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "doctor.h"
#include "kernel.h"
#include "mail.h"
#include "smtp.h"
#include "tool.h"

#define SELFTESTS_CONFIG "tools/testing/selftests/bpf/config"
#define PAHOLE_MIN_MAJOR 1
#define PAHOLE_MIN_MINOR 16

struct doctor_check *doctor_add(struct doctor_report *r, const char *id,
				enum doctor_status status, const char *fix,
				const char *fmt, ...)
{
	struct doctor_check *c;
	va_list ap;
	char *message;

	/* formatted first: an argument may point into r->v */
	va_start(ap, fmt);
	message = xstrvfmt(fmt, ap);
	va_end(ap);
	ALLOC_GROW(r->v, r->nr + 1, r->alloc);
	c = &r->v[r->nr++];
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->status = status;
	c->message = message;
	c->fix = fix ? xstrdup(fix) : NULL;
	return c;
}

void doctor_report_release(struct doctor_report *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		free(r->v[i].message);
		free(r->v[i].fix);
		strvec_clear(&r->v[i].details);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

size_t doctor_count(const struct doctor_report *r, enum doctor_status s)
{
	size_t i, n = 0;

	for (i = 0; i < r->nr; i++)
		n += r->v[i].status == s;
	return n;
}

/*
 * Parsers.
 */
void doctor_llc_targets(const char *text, struct strvec *targets)
{
	const char *p = strstr(text, "Registered Targets:");

	if (!p)
		return;
	p = strchr(p, '\n');
	while (p && *p) {
		const char *line = p + 1, *end = strchrnul(line, '\n');
		const char *w = line, *we;

		while (w < end && (*w == ' ' || *w == '\t'))
			w++;
		we = w;
		while (we < end && !isspace((unsigned char)*we))
			we++;
		/* "    bpf        - BPF (host endian)" */
		if (we > w && w > line) {
			const char *d = we;

			while (d < end && *d == ' ')
				d++;
			if (d < end && *d == '-') {
				char *name = xstrndup(w, we - w);

				strvec_push_unique(targets, name, false);
				free(name);
			}
		}
		p = *end ? end : NULL;
	}
}

bool doctor_llc_has_cpu(const char *text, const char *cpu)
{
	const char *p = strstr(text, "Available CPUs for this target:");
	const char *stop;
	size_t len = strlen(cpu);

	if (!p)
		return false;
	stop = strstr(p, "Available features for this target:");
	while ((p = strchr(p, '\n')) && (!stop || p < stop)) {
		const char *w = ++p;

		while (*w == ' ' || *w == '\t')
			w++;
		if (!strncmp(w, cpu, len) &&
		    (w[len] == ' ' || w[len] == '\t' || w[len] == '\n'))
			return true;
	}
	return false;
}

/*
 * The checks.
 */
static char *tree_path(const struct doctor_env *env, const char *rel)
{
	if (!env->tree || !*env->tree || !strcmp(env->tree, "."))
		return xstrdup(rel);
	return xstrfmt("%s/%s", env->tree, rel);
}

static const char *config_name(const struct doctor_env *env)
{
	if (env->config_name)
		return env->config_name;
	return env->config_path ? env->config_path : ".config";
}

/* Read the kernel .config; 1 when there is none. */
static int read_kconfig(const struct doctor_env *env, struct kconfig *kc)
{
	struct strbuf sb = STRBUF_INIT;

	if (!env->config_path || strbuf_read_file(&sb, env->config_path)) {
		strbuf_release(&sb);
		return 1;
	}
	kconfig_parse(kc, sb.buf);
	strbuf_release(&sb);
	return 0;
}

static const char *const bpf_targets[] = { "bpf", "bpfel", "bpfeb" };

void doctor_check_llc(struct doctor_report *r, const struct doctor_env *env)
{
	const char *llc = env->llc;
	struct strbuf out = STRBUF_INIT, ver = STRBUF_INIT;
	struct strvec targets = STRVEC_INIT, missing = STRVEC_INIT;
	struct doctor_check *c;
	int v[3];
	size_t i;

	if (!tool_exists(llc)) {
		doctor_add(r, "llc-targets", DOCTOR_ERROR,
			   "install LLVM with its BPF targets (Debian: apt-get install llvm), or name it in $LLC",
			   "'%s' not found", llc);
		goto out;
	}
	if (tool_capture(&out, llc, "--version", NULL, NULL)) {
		doctor_add(r, "llc-targets", DOCTOR_ERROR,
			   "reinstall LLVM (Debian: apt-get install llvm)",
			   "'%s --version' failed", llc);
		goto out;
	}
	if (!tool_version_parse(out.buf, "LLVM version ", v)) {
		strbuf_addch(&ver, ' ');
		tool_version_str(&ver, v, 3);
	}
	doctor_llc_targets(out.buf, &targets);
	for (i = 0; i < ARRAY_SIZE(bpf_targets); i++)
		if (!strvec_has(&targets, bpf_targets[i], false))
			strvec_push(&missing, bpf_targets[i]);
	if (missing.nr) {
		c = doctor_add(r, "llc-targets", DOCTOR_ERROR,
			       "install an LLVM built with the BPF target (LLVM_TARGETS_TO_BUILD=\"BPF;...\")",
			       "%s%s lacks BPF targets", llc, ver.buf);
		for (i = 0; i < missing.nr; i++)
			strvec_pushf(&c->details, "target %s: missing",
				     missing.v[i]);
		goto out;
	}
	doctor_add(r, "llc-targets", DOCTOR_OK, NULL,
		   "%s%s has the bpf, bpfel and bpfeb targets", llc, ver.buf);

	strbuf_reset(&out);
	if (tool_capture(&out, llc, "-march", "bpf", "-mcpu=help") < 0) {
		doctor_add(r, "llc-cpu", DOCTOR_ERROR,
			   "reinstall LLVM (Debian: apt-get install llvm)",
			   "'%s -march bpf -mcpu=help' failed", llc);
		goto out;
	}
	strvec_clear(&missing);
	if (!doctor_llc_has_cpu(out.buf, "probe"))
		strvec_push(&missing, "probe");
	if (!doctor_llc_has_cpu(out.buf, "v3"))
		strvec_push(&missing, "v3");
	if (missing.nr) {
		c = doctor_add(r, "llc-cpu", DOCTOR_ERROR,
			       "install LLVM 9 or later: the selftests build with -mcpu=v3",
			       "%s%s does not know -mcpu=%s", llc, ver.buf,
			       missing.v[missing.nr - 1]);
		for (i = 0; i < missing.nr; i++)
			strvec_pushf(&c->details, "cpu %s: missing",
				     missing.v[i]);
		goto out;
	}
	doctor_add(r, "llc-cpu", DOCTOR_OK, NULL,
		   "%s knows -mcpu=probe and -mcpu=v3", llc);
out:
	strvec_clear(&targets);
	strvec_clear(&missing);
	strbuf_release(&ver);
	strbuf_release(&out);
}

void doctor_check_clang(struct doctor_report *r, const struct doctor_env *env)
{
	const char *clang = env->clang;
	struct strbuf out = STRBUF_INIT, ver = STRBUF_INIT;
	int v[3];

	if (!tool_exists(clang)) {
		doctor_add(r, "clang", DOCTOR_ERROR,
			   "install clang (Debian: apt-get install clang), or name it in $CLANG",
			   "'%s' not found", clang);
	} else if (tool_capture(&out, clang, "--version", NULL, NULL) ||
		   tool_version_parse(out.buf, "clang version ", v)) {
		doctor_add(r, "clang", DOCTOR_ERROR,
			   "reinstall clang (Debian: apt-get install clang)",
			   "'%s --version' failed or printed no clang version",
			   clang);
	} else {
		tool_version_str(&ver, v, 3);
		doctor_add(r, "clang", DOCTOR_OK, NULL, "%s %s", clang,
			   ver.buf);
	}
	strbuf_release(&ver);
	strbuf_release(&out);
}

void doctor_check_pahole(struct doctor_report *r,
			 const struct doctor_env *env)
{
	static const char fix[] =
		"install pahole 1.16 or later (Debian: apt-get install dwarves), or name it in $PAHOLE";
	const char *pahole = env->pahole, *btf;
	struct kconfig kc = { 0 };
	struct strbuf out = STRBUF_INIT;
	int v[3], have_config;
	bool needed, old;

	have_config = !read_kconfig(env, &kc);
	btf = kconfig_get(&kc, "CONFIG_DEBUG_INFO_BTF");
	needed = btf && !strcmp(btf, "y");

	if (!tool_exists(pahole)) {
		if (needed)
			doctor_add(r, "pahole", DOCTOR_ERROR, fix,
				   "'%s' not found, and '%s' sets CONFIG_DEBUG_INFO_BTF=y",
				   pahole, config_name(env));
		else if (have_config)
			doctor_add(r, "pahole", DOCTOR_OK, NULL,
				   "'%s' not found, not needed: '%s' does not set CONFIG_DEBUG_INFO_BTF=y",
				   pahole, config_name(env));
		else
			doctor_add(r, "pahole", DOCTOR_WARNING, fix,
				   "'%s' not found: kernels with CONFIG_DEBUG_INFO_BTF=y need it",
				   pahole);
		goto out;
	}
	if (tool_capture(&out, pahole, "--version", NULL, NULL) ||
	    tool_version_parse(out.buf, NULL, v)) {
		doctor_add(r, "pahole", needed ? DOCTOR_ERROR : DOCTOR_WARNING,
			   fix, "'%s --version' failed or printed no version",
			   pahole);
		goto out;
	}
	old = v[0] < PAHOLE_MIN_MAJOR ||
	      (v[0] == PAHOLE_MIN_MAJOR && v[1] < PAHOLE_MIN_MINOR);
	if (old && needed)
		doctor_add(r, "pahole", DOCTOR_ERROR, fix,
			   "%s %d.%d is older than 1.16, which CONFIG_DEBUG_INFO_BTF=y in '%s' needs",
			   pahole, v[0], v[1], config_name(env));
	else if (old)
		doctor_add(r, "pahole", DOCTOR_WARNING, fix,
			   "%s %d.%d is older than 1.16, which CONFIG_DEBUG_INFO_BTF=y needs",
			   pahole, v[0], v[1]);
	else
		doctor_add(r, "pahole", DOCTOR_OK, NULL, "%s %d.%d", pahole,
			   v[0], v[1]);
out:
	kconfig_release(&kc);
	strbuf_release(&out);
}

static void compare_fragment(struct doctor_report *r,
			     const struct doctor_env *env,
			     const struct kconfig *have, const char *id,
			     const char *rel, enum doctor_status severity)
{
	struct kconfig want = { 0 };
	struct strbuf sb = STRBUF_INIT, fix = STRBUF_INIT;
	struct strvec diffs = STRVEC_INIT;
	char *path = tree_path(env, rel);
	struct doctor_check *c;
	size_t n;

	if (strbuf_read_file(&sb, path)) {
		doctor_add(r, id, DOCTOR_WARNING,
			   "run git bpf doctor at the top of a kernel tree",
			   "'%s' not found: not a kernel tree?", rel);
		goto out;
	}
	kconfig_parse(&want, sb.buf);
	n = kconfig_compare(&want, have, &diffs);
	if (!n) {
		doctor_add(r, id, DOCTOR_OK, NULL,
			   "'%s' has the %zu options of %s",
			   config_name(env), want.nr, rel);
		goto out;
	}
	strbuf_addf(&fix, "scripts/kconfig/merge_config.sh -m %s %s && make olddefconfig",
		    config_name(env), rel);
	c = doctor_add(r, id, severity, fix.buf,
		       "'%s' lacks %zu of the %zu options of %s",
		       config_name(env), n, want.nr, rel);
	strvec_clear(&c->details);
	c->details = diffs;
	memset(&diffs, 0, sizeof(diffs));
out:
	strvec_clear(&diffs);
	kconfig_release(&want);
	strbuf_release(&fix);
	strbuf_release(&sb);
	free(path);
}

void doctor_check_kconfig(struct doctor_report *r,
			  const struct doctor_env *env)
{
	struct kconfig have = { 0 };
	char *arch = NULL, *path = NULL;

	if (read_kconfig(env, &have)) {
		doctor_add(r, "kernel-config", DOCTOR_WARNING,
			   "configure the tree (make defconfig), or give --config=FILE",
			   "no kernel config '%s' to compare with %s",
			   config_name(env), SELFTESTS_CONFIG);
		return;
	}
	compare_fragment(r, env, &have, "kernel-config", SELFTESTS_CONFIG,
			 DOCTOR_ERROR);
	/* the arch fragment is what vmtest.sh adds; it holds sizes and
	 * choices a developer's config may well differ in */
	if (env->machine && *env->machine) {
		arch = xstrfmt(SELFTESTS_CONFIG ".%s", env->machine);
		path = tree_path(env, arch);
		if (!access(path, F_OK))
			compare_fragment(r, env, &have, "kernel-config-arch",
					 arch, DOCTOR_WARNING);
	}
	free(arch);
	free(path);
	kconfig_release(&have);
}

void doctor_check_kernel(struct doctor_report *r,
			 const struct doctor_env *env)
{
	struct strbuf sb = STRBUF_INIT, ver = STRBUF_INIT;
	char *path = tree_path(env, "Makefile");

	if (strbuf_read_file(&sb, path) ||
	    kernel_makefile_version(&ver, sb.buf)) {
		doctor_add(r, "kernel-version", DOCTOR_WARNING,
			   "run git bpf doctor at the top of a kernel tree",
			   "'Makefile' names no kernel version: not a kernel tree?");
	} else if (kernel_release_matches(env->release, ver.buf)) {
		doctor_add(r, "kernel-version", DOCTOR_OK, NULL,
			   "running kernel %s is this tree's %s", env->release,
			   ver.buf);
	} else {
		doctor_add(r, "kernel-version", DOCTOR_WARNING,
			   "boot a kernel built from this tree to run its selftests (tools/testing/selftests/bpf/vmtest.sh runs them in a VM)",
			   "running kernel %s is not this tree's %s",
			   env->release, ver.buf);
	}
	strbuf_release(&ver);
	strbuf_release(&sb);
	free(path);
}

/*
 * SMTP: connect and say EHLO, nothing more.  libcurl's SMTP connect
 * phase is the greeting, EHLO and, when asked, STARTTLS; with
 * CURLOPT_CONNECT_ONLY it stops there, and without credentials it does
 * not authenticate, so no mail is ever begun.
 */
static int smtp_probe(const struct smtp_settings *set, const char *url,
		      long timeout, struct strbuf *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct stat st;
	CURL *curl;
	CURLcode rc;

	curl = curl_easy_init();
	if (!curl) {
		strbuf_addstr(err, "cannot start libcurl");
		return -1;
	}
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	if (set->encryption == SMTP_ENCRYPTION_TLS)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (set->ca && !stat(set->ca, &st) && S_ISDIR(st.st_mode))
		curl_easy_setopt(curl, CURLOPT_CAPATH, set->ca);
	else if (set->ca)
		curl_easy_setopt(curl, CURLOPT_CAINFO, set->ca);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		strbuf_addstr(err, *errbuf ? errbuf : curl_easy_strerror(rc));
	curl_easy_cleanup(curl);
	return rc == CURLE_OK ? 0 : -1;
}

/* The program a sendmailCmd starts: its first word, unquoted. */
static char *command_word(const char *cmd)
{
	struct strbuf w = STRBUF_INIT;
	char quote = 0;

	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	for (; *cmd; cmd++) {
		if (quote && *cmd == quote)
			quote = 0;
		else if (!quote && (*cmd == '"' || *cmd == '\''))
			quote = *cmd;
		else if (!quote && (*cmd == ' ' || *cmd == '\t'))
			break;
		else
			strbuf_addch(&w, *cmd);
	}
	return strbuf_detach(&w, NULL);
}

/* Where PATH finds prog (or prog itself when it names a path). */
static char *find_in_path(const char *prog)
{
	struct strvec dirs = STRVEC_INIT;
	const char *path = getenv("PATH");
	char *ret;

	if (strchr(prog, '/'))
		return xstrdup(prog);
	strvec_split(&dirs, path ? path : "", ':');
	ret = find_program_in(&dirs, prog);
	strvec_clear(&dirs);
	return ret;
}

/* A program transport: what runs, and whether it can. */
static void check_program(struct doctor_report *r,
			  const struct smtp_settings *set)
{
	static const char fix[] =
		"point sendemail.smtpServer (or sendemail.sendmailCmd) at an installed sendmail-like program, such as /usr/bin/msmtp";
	char *word = set->sendmail_cmd ? command_word(set->sendmail_cmd) :
		     xstrdup(set->program);
	char *path = *word ? find_in_path(word) : NULL;
	struct stat st;

	if (set->sendmail_cmd)
		doctor_add(r, "smtp-config", DOCTOR_OK, NULL,
			   "program: sendemail.sendmailCmd '%s', run by sh -c",
			   set->sendmail_cmd);
	else
		doctor_add(r, "smtp-config", DOCTOR_OK, NULL, "program: %s",
			   set->program);
	if (!path)
		doctor_add(r, "smtp-program", DOCTOR_ERROR, fix,
			   "'%s' is not in PATH", word);
	else if (stat(path, &st))
		doctor_add(r, "smtp-program", DOCTOR_ERROR, fix,
			   "'%s' does not exist", path);
	else if (!S_ISREG(st.st_mode) || access(path, X_OK))
		doctor_add(r, "smtp-program", DOCTOR_ERROR, fix,
			   "'%s' is not an executable file", path);
	else
		doctor_add(r, "smtp-program", DOCTOR_OK, NULL,
			   "%s is an executable file", path);
	free(path);
	free(word);
}

void doctor_check_smtp(struct doctor_report *r, const struct doctor_env *env)
{
	static const char fix[] =
		"git config --global sendemail.smtpServer HOST (and sendemail.smtpServerPort, sendemail.smtpEncryption, sendemail.smtpUser)";
	struct smtp_settings set;
	struct strbuf url = STRBUF_INIT, err = STRBUF_INIT;
	char *server, *cmd, *sendmail, *name;
	long timeout;

	server = config_get(env->cfg, "smtp.server", "sendemail.smtpServer");
	cmd = config_git(env->cfg, "sendemail.sendmailCmd");
	sendmail = smtp_find_sendmail();
	if ((!server || !*server) && (!cmd || !*cmd) && !sendmail) {
		doctor_add(r, "smtp-config", DOCTOR_WARNING, fix,
			   "no SMTP server configured: git bpf send can only write files");
		free(server);
		free(cmd);
		return;
	}
	free(server);
	free(cmd);
	free(sendmail);
	/* the same settings, defaults and refusals as delivery */
	if (smtp_settings_load(&set, env->cfg, NULL)) {
		doctor_add(r, "smtp-config", DOCTOR_ERROR, fix,
			   "the SMTP settings are not usable (the error above says why)");
		smtp_settings_release(&set);
		return;
	}
	if (smtp_is_program(&set)) {
		check_program(r, &set);
		smtp_settings_release(&set);
		return;
	}
	name = smtp_server_name(&set);
	doctor_add(r, "smtp-config", DOCTOR_OK, NULL,
		   "server %s, encryption %s, %s%s", name,
		   smtp_encryption_name(set.encryption),
		   set.user ? "user " : "no user", set.user ? set.user : "");
	strbuf_addf(&url, "%s://%s",
		    set.encryption == SMTP_ENCRYPTION_SSL ? "smtps" : "smtp",
		    name);
	if (set.domain)
		strbuf_addf(&url, "/%s", set.domain);
	timeout = env->smtp_timeout > 0 && env->smtp_timeout < set.timeout ?
		  env->smtp_timeout : set.timeout;
	if (smtp_probe(&set, url.buf, timeout, &err))
		doctor_add(r, "smtp-server", DOCTOR_ERROR,
			   "check the SMTP server, port and encryption in git config (sendemail.*) or [smtp], and the network",
			   "%s does not answer EHLO: %s", name, err.buf);
	else
		doctor_add(r, "smtp-server", DOCTOR_OK, NULL,
			   "%s answers EHLO%s", name,
			   set.encryption == SMTP_ENCRYPTION_NONE ? "" :
			   " over TLS");
	strbuf_release(&url);
	strbuf_release(&err);
	smtp_settings_release(&set);
	free(name);
}

/* Whether url is the kernel.org repository of tree ("bpf", "bpf-next"):
 * ".../bpf/bpf-next.git", with or without ".git" or a final slash. */
static bool url_is_tree(const char *url, const char *tree)
{
	struct strbuf sb = STRBUF_INIT;
	bool ok;

	strbuf_addstr(&sb, url);
	while (sb.len && sb.buf[sb.len - 1] == '/')
		strbuf_setlen(&sb, sb.len - 1);
	if (ends_with(sb.buf, ".git"))
		strbuf_setlen(&sb, sb.len - 4);
	ok = ends_with(sb.buf, tree) &&
	     sb.len > strlen(tree) + 4 &&
	     !strncmp(sb.buf + sb.len - strlen(tree) - 5, "/bpf/", 5);
	strbuf_release(&sb);
	return ok;
}

static void check_remotes(struct doctor_report *r,
			  const struct doctor_env *env)
{
	static const char *const trees[] = { "bpf", "bpf-next" };
	char *found[ARRAY_SIZE(trees)] = { NULL, NULL };
	struct strbuf fix = STRBUF_INIT, msg = STRBUF_INIT;
	git_strarray names = { 0 };
	size_t i, j, nfound = 0;

	if (git_remote_list(&names, env->repo))
		names.count = 0;
	for (i = 0; i < ARRAY_SIZE(trees); i++) {
		for (j = 0; j < names.count && !found[i]; j++) {
			git_remote *remote = NULL;
			const char *url;

			if (git_remote_lookup(&remote, env->repo,
					      names.strings[j]))
				continue;
			url = git_remote_url(remote);
			if (url && url_is_tree(url, trees[i]))
				found[i] = xstrdup(names.strings[j]);
			git_remote_free(remote);
		}
		for (j = 0; j < names.count && !found[i]; j++)
			if (!strcmp(names.strings[j], trees[i]))
				found[i] = xstrdup(names.strings[j]);
		if (found[i]) {
			strbuf_addf(&msg, "%s%s: remote '%s'",
				    nfound ? ", " : "", trees[i], found[i]);
			nfound++;
		} else {
			strbuf_addf(&fix, "%sgit remote add %s https://git.kernel.org/pub/scm/linux/kernel/git/bpf/%s.git",
				    fix.len ? " && " : "", trees[i], trees[i]);
		}
	}
	if (fix.len)
		doctor_add(r, "remotes", DOCTOR_WARNING, fix.buf,
			   "no remote for %s%s%s",
			   !found[0] ? "bpf" : "",
			   !found[0] && !found[1] ? " and " : "",
			   !found[1] ? "bpf-next" : "");
	else
		doctor_add(r, "remotes", DOCTOR_OK, NULL, "%s", msg.buf);
	for (i = 0; i < ARRAY_SIZE(trees); i++)
		free(found[i]);
	git_strarray_dispose(&names);
	strbuf_release(&fix);
	strbuf_release(&msg);
}

static void check_abbrev(struct doctor_report *r,
			 const struct doctor_env *env)
{
	static const char fix[] = "git config --global core.abbrev 12";
	char *v = config_git(env->cfg, "core.abbrev"), *end;
	long n = 0;

	if (v) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end)
			n = -1;
	}
	if (!v)
		doctor_add(r, "core-abbrev", DOCTOR_WARNING, fix,
			   "core.abbrev is not set: git shortens commit ids to 7 digits or so, Fixes: tags want 12");
	else if (n < 0 && strcasecmp(v, "no"))
		doctor_add(r, "core-abbrev", DOCTOR_WARNING, fix,
			   "core.abbrev is '%s': Fixes: tags want 12 digits",
			   v);
	else if (n >= 0 && n < 12)
		doctor_add(r, "core-abbrev", DOCTOR_WARNING, fix,
			   "core.abbrev is %ld: Fixes: tags want 12 digits", n);
	else
		doctor_add(r, "core-abbrev", DOCTOR_OK, NULL,
			   "core.abbrev is %s", v);
	free(v);
}

static void check_identity(struct doctor_report *r,
			   const struct doctor_env *env)
{
	char *name = config_git(env->cfg, "user.name");
	char *email = config_git(env->cfg, "user.email");

	if (!name || !*name)
		doctor_add(r, "user-name", DOCTOR_ERROR,
			   "git config --global user.name 'Your Name'",
			   "user.name is not set: patches and reports need your name");
	else
		doctor_add(r, "user-name", DOCTOR_OK, NULL,
			   "user.name is '%s'", name);
	if (!email || !*email)
		doctor_add(r, "user-email", DOCTOR_ERROR,
			   "git config --global user.email you@example.org",
			   "user.email is not set: patches and reports need your address");
	else if (!address_valid(email))
		doctor_add(r, "user-email", DOCTOR_ERROR,
			   "git config --global user.email you@example.org",
			   "user.email '%s' is no mail address", email);
	else
		doctor_add(r, "user-email", DOCTOR_OK, NULL,
			   "user.email is '%s'", email);
	free(name);
	free(email);
}

void doctor_check_git(struct doctor_report *r, const struct doctor_env *env)
{
	if (env->repo)
		check_remotes(r, env);
	else
		doctor_add(r, "remotes", DOCTOR_WARNING,
			   "run git bpf doctor in your kernel repository",
			   "not in a git repository: no remotes to check");
	check_abbrev(r, env);
	check_identity(r, env);
}

void doctor_run(struct doctor_report *r, const struct doctor_env *env)
{
	doctor_check_llc(r, env);
	doctor_check_clang(r, env);
	doctor_check_pahole(r, env);
	doctor_check_kconfig(r, env);
	doctor_check_kernel(r, env);
	doctor_check_smtp(r, env);
	doctor_check_git(r, env);
}

static const char *const status_names[] = { "ok", "warning", "error" };
static const char *const status_colors[] = { "\033[32m", "\033[33m",
					     "\033[31m" };

void doctor_print(const struct doctor_report *r, FILE *fp, bool color)
{
	size_t i, j, nerr, nwarn;

	for (i = 0; i < r->nr; i++) {
		const struct doctor_check *c = &r->v[i];

		fprintf(fp, "%s%s%s: %s: %s\n",
			color ? status_colors[c->status] : "",
			status_names[c->status], color ? "\033[m" : "",
			c->id, c->message);
		for (j = 0; j < c->details.nr; j++)
			fprintf(fp, "    %s\n", c->details.v[j]);
		if (c->fix)
			fprintf(fp, "    fix: %s\n", c->fix);
	}
	nerr = doctor_count(r, DOCTOR_ERROR);
	nwarn = doctor_count(r, DOCTOR_WARNING);
	fprintf(fp, "%zu check%s: %zu ok, %zu warning%s, %zu error%s\n",
		r->nr, r->nr == 1 ? "" : "s", doctor_count(r, DOCTOR_OK),
		nwarn, nwarn == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s");
}

char *doctor_json(const struct doctor_report *r)
{
	json_t *root = json_object(), *checks = json_array();
	char *text, *ret;
	size_t i, j;

	for (i = 0; i < r->nr; i++) {
		const struct doctor_check *c = &r->v[i];
		json_t *o = json_object(), *d = json_array();

		json_object_set_new(o, "check", json_string(c->id));
		json_object_set_new(o, "status",
				    json_string(status_names[c->status]));
		json_object_set_new(o, "message", json_string(c->message));
		json_object_set_new(o, "fix", c->fix ? json_string(c->fix) :
						      json_null());
		for (j = 0; j < c->details.nr; j++)
			json_array_append_new(d, json_string(c->details.v[j]));
		json_object_set_new(o, "details", d);
		json_array_append_new(checks, o);
	}
	json_object_set_new(root, "checks", checks);
	json_object_set_new(root, "ok",
			    json_integer(doctor_count(r, DOCTOR_OK)));
	json_object_set_new(root, "warnings",
			    json_integer(doctor_count(r, DOCTOR_WARNING)));
	json_object_set_new(root, "errors",
			    json_integer(doctor_count(r, DOCTOR_ERROR)));
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		die_oom();
	/* jansson's allocator is malloc, but hand back our own copy so
	 * callers free what they got from us */
	ret = xstrdup(text);
	free(text);
	return ret;
}
