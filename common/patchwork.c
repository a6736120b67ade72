// SPDX-License-Identifier: GPL-2.0
/* patchwork: one GET of /patches/?project=P&msgid=M a message, its state,
 * delegate and web link read out of the JSON answer with jansson. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "patchwork.h"
#include "util.h"

#define PATCHWORK_TIMEOUT 30L
#define PATCHWORK_MAX_SIZE (4u << 20)

int patchwork_init(struct patchwork *pw, const struct config *cfg)
{
	const char *api = config_ini(cfg, "lists.patchwork");
	const char *project = config_ini(cfg, "lists.patchwork-project");
	const char *timeout = config_ini(cfg, "lists.patchwork-timeout");
	size_t len;

	memset(pw, 0, sizeof(*pw));
	strbuf_init(&pw->err, 0);
	pw->api = xstrdup(api && *api ? api : PATCHWORK_DEFAULT_API);
	len = strlen(pw->api);
	while (len && pw->api[len - 1] == '/')
		pw->api[--len] = '\0';
	pw->project = xstrdup(project && *project ? project :
			      PATCHWORK_DEFAULT_PROJECT);
	pw->http.timeout = PATCHWORK_TIMEOUT;
	if (timeout) {
		char *end;
		long t = strtol(timeout, &end, 10);

		if (end == timeout || *end || t < 1 || t > 3600) {
			patchwork_release(pw);
			return error("'%s' is no number of seconds (1 to 3600) for '[lists] patchwork-timeout'",
				     timeout);
		}
		pw->http.timeout = t;
	}
	pw->http.max_size = PATCHWORK_MAX_SIZE;
	pw->http.err = &pw->err;
	return 0;
}

void patchwork_release(struct patchwork *pw)
{
	free(pw->api);
	free(pw->project);
	strbuf_release(&pw->err);
	memset(pw, 0, sizeof(*pw));
}

void pw_patch_release(struct pw_patch *p)
{
	free(p->state);
	free(p->delegate);
	free(p->web_url);
	memset(p, 0, sizeof(*p));
}

static char *json_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) && *json_string_value(v) ?
		xstrdup(json_string_value(v)) : NULL;
}

int patchwork_parse(const char *json, size_t len, struct pw_patch *out,
		    struct strbuf *err)
{
	json_error_t jerr;
	json_t *root, *p, *d;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	root = json_loadb(json, len, 0, &jerr);
	if (!root) {
		strbuf_addf(err, "not JSON: %s (line %d)", jerr.text,
			    jerr.line);
		return -1;
	}
	if (!json_is_array(root)) {
		strbuf_addstr(err, "not a list of patches");
		goto out;
	}
	if (!json_array_size(root)) {
		ret = 0;
		goto out;
	}
	p = json_array_get(root, 0);
	out->state = json_is_object(p) ? json_str(p, "state") : NULL;
	if (!out->state) {
		strbuf_addstr(err, "a patch without a state");
		goto out;
	}
	d = json_object_get(p, "delegate");
	if (json_is_object(d))
		out->delegate = json_str(d, "username");
	out->web_url = json_str(p, "web_url");
	ret = 1;
out:
	if (ret < 0)
		pw_patch_release(out);
	json_decref(root);
	return ret;
}

int patchwork_patch(struct patchwork *pw, const char *msgid,
		    struct pw_patch *out)
{
	struct strbuf url = STRBUF_INIT, body = STRBUF_INIT;
	struct strbuf why = STRBUF_INIT;
	size_t len = strlen(msgid);
	char *bare;
	long status;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (len >= 2 && msgid[0] == '<' && msgid[len - 1] == '>')
		bare = xstrndup(msgid + 1, len - 2);
	else
		bare = xstrdup(msgid);
	strbuf_addf(&url, "%s/patches/?project=", pw->api);
	http_escape(&url, pw->project);
	strbuf_addstr(&url, "&msgid=");
	http_escape(&url, bare);
	if (http_get(&body, &status, url.buf, &pw->http))
		goto out;
	ret = patchwork_parse(body.buf, body.len, out, &why);
	if (ret < 0) {
		strbuf_reset(&pw->err);
		strbuf_addf(&pw->err, "'%s' answered no list of patches: %s",
			    url.buf, why.buf);
	}
out:
	free(bare);
	strbuf_release(&url);
	strbuf_release(&body);
	strbuf_release(&why);
	return ret;
}
