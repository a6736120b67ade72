// SPDX-License-Identifier: GPL-2.0
/* smtp: SMTP over libcurl, the shape of curl's docs/examples/smtp-tls.c:
 * one easy handle kept for the series, our own CRLF, checks always on. */
#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smtp.h"
#include "strbuf.h"

#define SMTP_DEFAULT_TIMEOUT 60

struct upload {
	const char *text;
	size_t len, pos;
	bool lf_pending;	/* the LF of a CRLF did not fit the buffer */
	bool end_added;		/* the text lacked a final newline */
	int (*before_end)(void *arg);	/* once, before the final "." */
	void *arg;
};

struct smtp {
	CURL *curl;
	const struct smtp_settings *set;
	char *name;			/* "server:port" */
	char errbuf[CURL_ERROR_SIZE];
	struct upload up;
	int (*before_end)(void *arg);	/* for the next smtp_send() */
	void *before_end_arg;
	struct strbuf line;		/* a reply line being assembled */
	struct strbuf reply;		/* the last reply, lines joined */
	bool reply_done;
	int reply_code;
	struct strbuf refusal;		/* the last 4xx/5xx reply: curl may
					 * say QUIT after it */
	bool in_auth;			/* between AUTH and its final reply */
	bool auth_tried;		/* we said AUTH in this session */
	bool authenticated;
	enum smtp_failure failure;
	struct strbuf reason;
};

const char *smtp_encryption_name(enum smtp_encryption e)
{
	switch (e) {
	case SMTP_ENCRYPTION_SSL:
		return "ssl";
	case SMTP_ENCRYPTION_TLS:
		return "tls";
	default:
		return "none";
	}
}

bool smtp_server_is_loopback(const char *server)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (!strcasecmp(server, "localhost") ||
	    ends_with(server, ".localhost"))
		return true;
	if (inet_pton(AF_INET, server, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, server, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

bool smtp_is_program(const struct smtp_settings *s)
{
	return s->program || s->sendmail_cmd;
}

char *smtp_server_name(const struct smtp_settings *s)
{
	if (s->sendmail_cmd)
		return xstrdup(s->sendmail_cmd);
	if (s->program)
		return xstrdup(s->program);
	if (strchr(s->server, ':'))
		return xstrfmt("[%s]:%ld", s->server, s->port);
	return xstrfmt("%s:%ld", s->server, s->port);
}

/* A value from the command line, else [smtp], else git's sendemail. */
static char *setting(const struct config *cfg, const char *cmdline,
		     const char *ini_key, const char *git_key)
{
	if (cmdline)
		return xstrdup(cmdline);
	return config_get(cfg, ini_key, git_key);
}

/* Host names and addresses only: this goes into a URL. */
static bool valid_host(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".-_:", *s))
			return false;
	return true;
}

static int parse_long(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

char *smtp_find_sendmail(void)
{
	const char *path = getenv("PATH");
	struct strvec dirs = STRVEC_INIT;
	char *ret;

	strvec_push(&dirs, "/usr/sbin");
	strvec_push(&dirs, "/usr/lib");
	if (path)
		strvec_split(&dirs, path, ':');
	ret = find_program_in(&dirs, "sendmail");
	strvec_clear(&dirs);
	return ret;
}

/* Which server, or which program: see smtp.h. */
static int choose_transport(struct smtp_settings *s, const struct config *cfg,
			    const struct smtp_overrides *o)
{
	const char *ini = config_ini(cfg, "smtp.server");
	char *server = o->server ? xstrdup(o->server) :
		       ini ? xstrdup(ini) : NULL;

	if (!server) {
		s->sendmail_cmd = config_git(cfg, "sendemail.sendmailCmd");
		if (s->sendmail_cmd && *s->sendmail_cmd)
			return 0;
		free(s->sendmail_cmd);
		s->sendmail_cmd = NULL;
		server = config_git(cfg, "sendemail.smtpServer");
	}
	if (!server || !*server) {
		free(server);
		s->program = smtp_find_sendmail();
		if (s->program)
			return 0;
		error("no SMTP server configured");
		hint("set 'server' in the [smtp] section of git-bpf's config, or git's 'sendemail.smtpServer'");
		return -1;
	}
	if (server[0] == '/') {
		s->program = server;
		return 0;
	}
	s->server = server;
	return 0;
}

/* sendemail.smtpAuth: mechanism names as send-email checks them (RFC
 * 4422), and only those libcurl speaks, so a typo is no silent AUTH. */
static int check_auth(struct smtp_settings *s)
{
	static const char *const known[] = {
		"PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "NTLM", "GSSAPI",
		"EXTERNAL", "XOAUTH2", "OAUTHBEARER",
	};
	struct strvec mechs = STRVEC_INIT;
	int ret = 0;

	for (char *p = s->auth; *p; p++)
		if (*p == '\t')
			*p = ' ';
	strvec_split(&mechs, s->auth, ' ');
	for (size_t i = 0; i < mechs.nr && !ret; i++) {
		size_t k = 0;

		while (k < ARRAY_SIZE(known) && strcmp(known[k], mechs.v[i]))
			k++;
		if (k == ARRAY_SIZE(known))
			ret = error("unknown SMTP auth mechanism '%s' in sendemail.smtpAuth (%s)",
				    mechs.v[i], "PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5, NTLM, GSSAPI, EXTERNAL, XOAUTH2, OAUTHBEARER or none");
		else if (!strcmp(mechs.v[i], "XOAUTH2") ||
			 !strcmp(mechs.v[i], "OAUTHBEARER"))
			s->oauth = true;
	}
	if (!ret && !mechs.nr)
		ret = error("sendemail.smtpAuth names no mechanism");
	strvec_clear(&mechs);
	return ret;
}

/* A number setting, val (freed here) between min and max: 1 set, 0
 * unset (*out kept), -1 after an error naming what it is. */
static int number_setting(long *out, char *val, long min, long max,
			  const char *what, const char *unit)
{
	int ret = 0;

	if (val)
		ret = parse_long(val, min, max, out) ?
		      error("SMTP %s '%s' is no %s", what, val, unit) : 1;
	free(val);
	return ret;
}

static int load_options(struct smtp_settings *s, const struct config *cfg)
{
	int batch, delay;

	config_git_all(cfg, "sendemail.smtpServerOption", &s->server_options);
	s->auth = config_git(cfg, "sendemail.smtpAuth");
	if (s->auth && strcmp(s->auth, "none") && check_auth(s))
		return -1;
	batch = number_setting(&s->batch_size,
			       config_git(cfg, "sendemail.smtpBatchSize"),
			       0, 1000000, "batch size", "number of messages");
	if (batch < 0)
		return -1;
	delay = number_setting(&s->relogin_delay,
			       config_git(cfg, "sendemail.smtpReloginDelay"),
			       0, 86400, "relogin delay", "number of seconds");
	if (delay < 0)
		return -1;
	if (delay && !batch)
		return error("sendemail.smtpReloginDelay needs sendemail.smtpBatchSize");
	return 0;
}

/* Unset: STARTTLS, required, unless port 465 says implicit TLS; none to
 * a local relay, as nothing crosses the wire. */
static int choose_encryption(struct smtp_settings *s, const char *enc,
			     const char *port)
{
	if (!enc || !*enc)
		s->encryption = port && !strcmp(port, "465") ?
				SMTP_ENCRYPTION_SSL :
				smtp_server_is_loopback(s->server) ?
				SMTP_ENCRYPTION_NONE : SMTP_ENCRYPTION_TLS;
	else if (!strcasecmp(enc, "ssl") || !strcasecmp(enc, "smtps"))
		s->encryption = SMTP_ENCRYPTION_SSL;
	else if (!strcasecmp(enc, "tls") || !strcasecmp(enc, "starttls"))
		s->encryption = SMTP_ENCRYPTION_TLS;
	else if (!strcasecmp(enc, "none"))
		s->encryption = SMTP_ENCRYPTION_NONE;
	else
		return error("unknown SMTP encryption '%s' (ssl, tls or none)",
			     enc);
	return 0;
}

/* The encryption, then the port: its default follows the encryption. */
static int load_encryption(struct smtp_settings *s, const struct config *cfg,
			   const struct smtp_overrides *o)
{
	char *enc = setting(cfg, o->encryption, "smtp.encryption",
			    "sendemail.smtpEncryption");
	char *port = setting(cfg, o->port, "smtp.port",
			     "sendemail.smtpServerPort");
	int ret = choose_encryption(s, enc, port);

	free(enc);
	if (port && (ret || !*port)) {
		free(port);
		port = NULL;
	}
	s->port = s->encryption == SMTP_ENCRYPTION_SSL ? 465 :
		  s->encryption == SMTP_ENCRYPTION_TLS ? 587 : 25;
	if (number_setting(&s->port, port, 1, 65535, "port", "port number") < 0)
		ret = -1;
	return ret;
}

int smtp_settings_load(struct smtp_settings *s, const struct config *cfg,
		       const struct smtp_overrides *o)
{
	static const struct smtp_overrides none;
	struct stat st;

	if (!o)
		o = &none;
	memset(s, 0, sizeof(*s));
	if (choose_transport(s, cfg, o) || load_options(s, cfg))
		return -1;
	s->user = setting(cfg, o->user, "smtp.user", "sendemail.smtpUser");
	s->pass = config_get(cfg, "smtp.pass", "sendemail.smtpPass");
	s->ca = config_get(cfg, "smtp.ca", "sendemail.smtpSSLCertPath");
	s->domain = config_get(cfg, "smtp.domain", "sendemail.smtpDomain");
	s->envelope_sender = config_get(cfg, "smtp.envelope-sender",
					"sendemail.envelopeSender");
	/* the program has its own settings; ours never reach it */
	if (smtp_is_program(s))
		return 0;
	if (!valid_host(s->server))
		return error("SMTP server '%s' is no host name or address",
			     s->server);
	if (load_encryption(s, cfg, o))
		return -1;
	s->timeout = SMTP_DEFAULT_TIMEOUT;
	if (number_setting(&s->timeout, config_get(cfg, "smtp.timeout", NULL),
			   1, 3600, "timeout", "number of seconds (1 to 3600)") < 0)
		return -1;
	if (s->user && !*s->user) {
		free(s->user);
		s->user = NULL;
	}
	if (s->domain && !valid_host(s->domain))
		return error("SMTP domain '%s' is no host name", s->domain);
	/* git send-email turns certificate checks off for this */
	if (s->ca && !*s->ca)
		return error("the CA certificates setting is empty; git bpf checks certificates unless told --insecure-skip-certificate-check");
	if (s->ca && stat(s->ca, &st))
		return error_errno("cannot use the CA certificates '%s'",
				   s->ca);
	if (s->user && s->encryption == SMTP_ENCRYPTION_NONE &&
	    !smtp_server_is_loopback(s->server)) {
		error("refusing to send the password of '%s' unencrypted to '%s'", s->user, s->server);
		hint("set the SMTP encryption to 'tls' or 'ssl'");
		return -1;
	}
	return 0;
}

void smtp_settings_release(struct smtp_settings *s)
{
	free(s->program);
	free(s->sendmail_cmd);
	strvec_clear(&s->server_options);
	free(s->auth);
	free(s->server);
	free(s->user);
	if (s->pass)
		explicit_bzero(s->pass, strlen(s->pass));
	free(s->pass);
	free(s->ca);
	free(s->domain);
	free(s->envelope_sender);
	memset(s, 0, sizeof(*s));
}

/* LF becomes CRLF unless a CR is already there (as git send-email's
 * Net::SMTP does); the text always ends with CRLF. */
static size_t read_text(char *buf, size_t size, size_t nitems, void *arg)
{
	struct upload *u = arg;
	size_t room = size * nitems, n = 0;

	while (n < room) {
		char c;

		if (u->lf_pending) {
			buf[n++] = '\n';
			u->lf_pending = false;
			continue;
		}
		if (u->pos == u->len) {
			if (u->end_added || !u->len ||
			    u->text[u->len - 1] == '\n')
				break;
			u->end_added = true;
			buf[n++] = '\r';
			u->lf_pending = true;
			continue;
		}
		c = u->text[u->pos++];
		if (c == '\n' && (u->pos < 2 || u->text[u->pos - 2] != '\r')) {
			buf[n++] = '\r';
			u->lf_pending = true;
			continue;
		}
		buf[n++] = c;
	}
	/* curl sends the final "." once we say there is no more: the
	 * last moment the message is surely not delivered yet */
	if (!n && u->before_end) {
		int (*fn)(void *) = u->before_end;

		u->before_end = NULL;
		if (fn(u->arg))
			return CURL_READFUNC_ABORT;
	}
	return n;
}

static void debug_print(const char *dir, const char *text, size_t len)
{
	fprintf(stderr, "%s %.*s\n", dir, (int)len, text);
}

/* Print what we say without what must stay secret: the AUTH argument and
 * every answer to the server's 334 challenges are credentials. */
static void debug_out(struct smtp *s, const char *line, size_t len)
{
	if (len >= 5 && !strncasecmp(line, "AUTH ", 5)) {
		size_t mech = 5;

		while (mech < len && line[mech] != ' ')
			mech++;
		s->in_auth = true;
		s->auth_tried = true;
		if (!s->set->debug)
			return;
		if (mech < len)
			fprintf(stderr, "> %.*s <redacted>\n", (int)mech, line);
		else
			debug_print(">", line, len);
		return;
	}
	if (!s->set->debug)
		return;
	if (s->in_auth)
		fprintf(stderr, "> <redacted>\n");
	else
		debug_print(">", line, len);
}

static void reply_line(struct smtp *s, const char *line, size_t len)
{
	bool last = len < 4 || line[3] != '-';

	if (s->reply_done) {
		strbuf_reset(&s->reply);
		s->reply_done = false;
	}
	/* "550 first line second line": the code once, every line's text */
	if (!s->reply.len)
		strbuf_add(&s->reply, line, len < 3 ? len : 3);
	if (len > 4) {
		strbuf_addch(&s->reply, ' ');
		strbuf_add(&s->reply, line + 4, len - 4);
	}
	if (!last)
		return;
	s->reply_code = atoi(s->reply.buf);
	s->reply_done = true;
	if (s->reply_code >= 400) {
		strbuf_reset(&s->refusal);
		strbuf_addbuf(&s->refusal, &s->reply);
	}
	if (s->in_auth && s->reply_code != 334) {
		s->in_auth = false;
		if (s->reply_code == 235)
			s->authenticated = true;
	}
}

static void each_line(struct smtp *s, curl_infotype type, const char *data,
		      size_t size)
{
	const char *end = data + size;

	while (data < end) {
		const char *nl = memchr(data, '\n', end - data);
		size_t n = (nl ? nl : end) - data;

		strbuf_add(&s->line, data, n);
		data += n;
		if (!nl)
			return;	/* the rest of the line comes next call */
		data++;
		strbuf_rtrim(&s->line);
		if (type == CURLINFO_HEADER_IN) {
			if (s->set->debug)
				debug_print("<", s->line.buf, s->line.len);
			reply_line(s, s->line.buf, s->line.len);
		} else {
			debug_out(s, s->line.buf, s->line.len);
		}
		strbuf_reset(&s->line);
	}
}

static int on_debug(CURL *curl, curl_infotype type, char *data, size_t size,
		    void *arg)
{
	struct smtp *s = arg;

	switch (type) {
	case CURLINFO_HEADER_IN:
	case CURLINFO_HEADER_OUT:
		each_line(s, type, data, size);
		break;
	case CURLINFO_TEXT:
		if (s->set->debug) {
			while (size && (data[size - 1] == '\n' ||
					data[size - 1] == '\r'))
				size--;
			debug_print("*", data, size);
		}
		break;
	default:
		/* message text and TLS records: not part of the dialogue */
		break;
	}
	return 0;
}

int smtp_open(struct smtp **out, const struct smtp_settings *set)
{
	struct smtp *s;
	struct strbuf url = STRBUF_INIT, opts = STRBUF_INIT;
	bool no_auth = set->auth && !strcmp(set->auth, "none");
	bool password_mechs = false;
	CURLcode rc;
	CURL *c;
	int ret = -1;

	/* sendemail.smtpAuth "PLAIN LOGIN": curl's "AUTH=PLAIN;AUTH=LOGIN" */
	if (set->auth && !no_auth) {
		struct strvec mechs = STRVEC_INIT;

		strvec_split(&mechs, set->auth, ' ');
		for (size_t i = 0; i < mechs.nr; i++) {
			struct strbuf m = STRBUF_INIT;

			strbuf_addstr(&m, mechs.v[i]);
			strbuf_trim(&m);
			if (m.len) {
				strbuf_addf(&opts, "%sAUTH=%s",
					    opts.len ? ";" : "", m.buf);
				if (strcmp(m.buf, "XOAUTH2") &&
				    strcmp(m.buf, "OAUTHBEARER"))
					password_mechs = true;
			}
			strbuf_release(&m);
		}
		strvec_clear(&mechs);
	}

	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return error("cannot initialise libcurl");
	c = curl_easy_init();
	if (!c) {
		curl_global_cleanup();
		return error("cannot initialise libcurl");
	}
	s = xcalloc(1, sizeof(*s));
	s->curl = c;
	s->set = set;
	s->name = smtp_server_name(set);
	strbuf_init(&s->line, 0);
	strbuf_init(&s->reply, 0);
	strbuf_init(&s->refusal, 0);
	strbuf_init(&s->reason, 0);

	strbuf_addf(&url, "%s://%s",
		    set->encryption == SMTP_ENCRYPTION_SSL ? "smtps" : "smtp",
		    s->name);
	if (set->domain)
		strbuf_addf(&url, "/%s", set->domain);

	rc = curl_easy_setopt(c, CURLOPT_URL, url.buf);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (!rc && set->encryption == SMTP_ENCRYPTION_TLS)
		rc = curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER,
				      set->insecure ? 0L : 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST,
				      set->insecure ? 0L : 2L);
	if (!rc && set->ca) {
		struct stat st;

		if (!stat(set->ca, &st) && S_ISDIR(st.st_mode))
			rc = curl_easy_setopt(c, CURLOPT_CAPATH, set->ca);
		else
			rc = curl_easy_setopt(c, CURLOPT_CAINFO, set->ca);
	}
	if (!rc && set->user && !no_auth) {
		rc = curl_easy_setopt(c, CURLOPT_USERNAME, set->user);
		if (!rc && opts.len)
			rc = curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, opts.buf);
		/* a token for XOAUTH2 and OAUTHBEARER, a password for the
		 * others: the one secret, as the list allows */
		if (!rc && set->pass && set->oauth)
			rc = curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER,
					      set->pass);
		if (!rc && set->pass && (!set->oauth || password_mechs))
			rc = curl_easy_setopt(c, CURLOPT_PASSWORD, set->pass);
	}
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, set->timeout);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
				      set->timeout);
	if (!rc)	/* a server that takes the data and stalls */
		rc = curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, set->timeout);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_READFUNCTION, read_text);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_READDATA, &s->up);
	/* Always on: the callback keeps the server's last reply for our
	 * errors, and prints the dialogue only with --smtp-debug. */
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
	if (!rc)
		rc = curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	if (rc) {
		error("cannot set up libcurl for '%s': %s", url.buf,
		      curl_easy_strerror(rc));
		smtp_close(s);
		goto out;
	}
	*out = s;
	ret = 0;
out:
	strbuf_release(&url);
	strbuf_release(&opts);
	return ret;
}


/* Turn curl's code, its error buffer and the last reply into one reason. */
static void explain(struct smtp *s, CURLcode rc)
{
	const char *why = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);

	strbuf_reset(&s->reason);
	switch (rc) {
	case CURLE_LOGIN_DENIED:
		if (!s->auth_tried) {
			/* no mechanism to try: the secret is not to blame */
			s->failure = SMTP_FAIL_CONNECT;
			strbuf_addf(&s->reason,
				    "'%s' offers no AUTH mechanism that %s",
				    s->name, s->set->auth ?
				    "sendemail.smtpAuth allows" :
				    "libcurl speaks");
			return;
		}
		s->failure = SMTP_FAIL_AUTH;
		strbuf_addf(&s->reason, "'%s' refused the login of '%s'",
			    s->name, s->set->user ? s->set->user : "");
		if (s->refusal.len)
			strbuf_addf(&s->reason, ": %s", s->refusal.buf);
		return;
	case CURLE_COULDNT_RESOLVE_HOST:
		s->failure = SMTP_FAIL_CONNECT;
		strbuf_addf(&s->reason, "cannot resolve '%s'", s->set->server);
		return;
	case CURLE_COULDNT_CONNECT: {
		long os_errno = 0;

		s->failure = SMTP_FAIL_CONNECT;
		curl_easy_getinfo(s->curl, CURLINFO_OS_ERRNO, &os_errno);
		strbuf_addf(&s->reason, "cannot connect to '%s': %s", s->name,
			    os_errno ? strerror(os_errno) : why);
		return;
	}
	case CURLE_PEER_FAILED_VERIFICATION:
		s->failure = SMTP_FAIL_CONNECT;
		strbuf_addf(&s->reason,
			    "the certificate of '%s' does not verify: %s",
			    s->name, why);
		return;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		s->failure = SMTP_FAIL_CONNECT;
		strbuf_addf(&s->reason, "no TLS connection to '%s': %s",
			    s->name, why);
		return;
	case CURLE_USE_SSL_FAILED:
		s->failure = SMTP_FAIL_CONNECT;
		strbuf_addf(&s->reason, "'%s' does not offer STARTTLS",
			    s->name);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		s->failure = SMTP_FAIL_TIMEOUT;
		strbuf_addf(&s->reason,
			    "no reply from '%s' within %ld seconds (%s)",
			    s->name, s->set->timeout, why);
		return;
	default:
		break;
	}
	if (s->refusal.len) {
		s->failure = SMTP_FAIL_REFUSED;
		strbuf_addbuf(&s->reason, &s->refusal);
		return;
	}
	s->failure = SMTP_FAIL_OTHER;
	/* curl's own words here ("response reading failed (errno: 0)")
	 * and the OS errno (that of the QUIT after) say less than this */
	if (rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING) {
		strbuf_addf(&s->reason, "'%s' closed the connection", s->name);
	} else if (rc == CURLE_SEND_ERROR) {
		strbuf_addf(&s->reason, "the connection to '%s' broke", s->name);
	} else {
		strbuf_addf(&s->reason, "%s (talking to '%s')", why, s->name);
	}
}

void smtp_before_end(struct smtp *s, int (*fn)(void *arg), void *arg)
{
	s->before_end = fn;
	s->before_end_arg = arg;
}

int smtp_send(struct smtp *s, const char *from, const struct strvec *rcpts,
	      const char *text, size_t len)
{
	struct curl_slist *list = NULL, *l;
	char *mail_from = xstrfmt("<%s>", from);
	CURLcode rc;
	size_t i;

	for (i = 0; i < rcpts->nr; i++) {
		char *r = xstrfmt("<%s>", rcpts->v[i]);

		l = curl_slist_append(list, r);
		free(r);
		if (!l)
			die_oom();
		list = l;
	}
	s->up = (struct upload){ .text = text, .len = len,
				 .before_end = s->before_end,
				 .arg = s->before_end_arg };
	s->before_end = NULL;
	s->errbuf[0] = '\0';
	s->reply_done = false;
	s->reply_code = 0;
	strbuf_reset(&s->reply);
	strbuf_reset(&s->refusal);
	strbuf_reset(&s->line);
	s->failure = SMTP_FAIL_NONE;

	rc = curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, mail_from);
	if (!rc)
		rc = curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, list);
	if (!rc) {
		/* a server that hangs up while we write must not kill us:
		 * that is an error to report, with the journal kept */
		sighandler_t old_pipe = signal(SIGPIPE, SIG_IGN);

		rc = curl_easy_perform(s->curl);
		signal(SIGPIPE, old_pipe);
	}
	/* the handle must not point at the list once it is freed */
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(list);
	free(mail_from);
	if (rc) {
		explain(s, rc);
		return -1;
	}
	return 0;
}

enum smtp_failure smtp_failure(const struct smtp *s)
{
	return s->failure;
}

const char *smtp_reason(const struct smtp *s)
{
	return s->reason.buf;
}

bool smtp_authenticated(const struct smtp *s)
{
	return s->authenticated;
}

void smtp_close(struct smtp *s)
{
	sighandler_t old_pipe;

	if (!s)
		return;
	old_pipe = signal(SIGPIPE, SIG_IGN);	/* QUIT to a closed peer */
	curl_easy_cleanup(s->curl);
	signal(SIGPIPE, old_pipe);
	curl_global_cleanup();
	free(s->name);
	strbuf_release(&s->line);
	strbuf_release(&s->reply);
	strbuf_release(&s->refusal);
	strbuf_release(&s->reason);
	free(s);
}
