// SPDX-License-Identifier: GPL-2.0
/* fuzz-outbox: the journal reader (outbox_load()) on any index and marks
 * file, as a crash or a hand could leave them: an error or a journal
 * whose every message has its text, id, subject and sender; never a
 * crash.  fuzz-needs: outbox bpfdir */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "outbox.h"

static git_repository *repo;
static char *outbox_dir;

static void put(const char *name, const uint8_t *data, size_t size)
{
	char *path = xstrfmt("%s/%s", outbox_dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(write(fd, data, size) == (ssize_t)size);
	close(fd);
	free(path);
}

/* One repository for the run, with message files the index may name. */
static void setup(void)
{
	char tmpl[] = "/tmp/git-bpf-fuzz-outbox.XXXXXX";
	char *bpf;

	FUZZ_CHECK(mkdtemp(tmpl));
	git_libgit2_init();
	FUZZ_CHECK(!git_repository_init(&repo, tmpl, 0));
	bpf = xstrfmt("%s/.git/bpf", tmpl);
	outbox_dir = xstrfmt("%s/outbox", bpf);
	FUZZ_CHECK(!mkdir(bpf, 0700) && !mkdir(outbox_dir, 0700));
	free(bpf);
	for (int i = 1; i <= 3; i++) {
		char name[16];

		snprintf(name, sizeof(name), "%04d.eml", i);
		put(name, (const uint8_t *)"Subject: x\n\nbody\n", 17);
	}
	put("cover.txt", (const uint8_t *)"", 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t ilen = nul ? (size_t)(nul - data) : size;
	struct message_set ms = { 0 };
	struct outbox ob;

	if (!repo)
		setup();
	/* the index up to the first NUL, the marks after it */
	put("index", data, ilen);
	put("accepted", nul ? nul + 1 : data, nul ? size - ilen - 1 : 0);
	outbox_init(&ob, repo);
	FUZZ_CHECK(!outbox_lock(&ob));
	if (!outbox_load(&ob, &ms)) {
		FUZZ_CHECK(ms.nr && ms.nr <= 3 && ob.nr == ms.nr);
		for (size_t i = 0; i < ms.nr; i++) {
			FUZZ_CHECK(ms.v[i].text && ms.v[i].message_id &&
				   ms.v[i].subject && ms.v[i].from);
			/* a message is accepted or in flight, not both */
			FUZZ_CHECK(!(ob.accepted[i] && ob.in_flight[i]));
		}
	}
	message_set_release(&ms);
	outbox_release(&ob);
	return 0;
}
