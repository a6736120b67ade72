/* SPDX-License-Identifier: GPL-2.0 */
/* credential: the SMTP password from `git credential`, so that whatever
 * helper the user set up for git send-email serves git-bpf as well. */
#ifndef GIT_BPF_CREDENTIAL_H
#define GIT_BPF_CREDENTIAL_H

struct credential {
	char *protocol;		/* "smtp" */
	char *host;		/* "server:port", as git send-email asks */
	char *username;
	char *password;		/* wiped when released */
};
#define CREDENTIAL_INIT { NULL, NULL, NULL, NULL }

/* Set the fields that name the credential; password stays unset. */
void credential_init(struct credential *c, const char *protocol,
		     const char *host, const char *username);
void credential_release(struct credential *c);

/* `git credential fill`: 0 with c->password set (and c->username when it
 * was unset), or -1 after an error. */
int credential_fill(struct credential *c);
/* `git credential approve` after a login that worked, `reject` after one
 * the server refused.  0, or -1 after an error. */
int credential_approve(const struct credential *c);
int credential_reject(const struct credential *c);

#endif
