// SPDX-License-Identifier: GPL-2.0
/* lists: the never-mail rule, in one place for send, stable-request and
 * report. */
#include <string.h>
#include <strings.h>

#include "lists.h"
#include "util.h"

static const char *const never_mailed[] = {
	"stable@vger.kernel.org",
	"stable@kernel.org",
};

bool lists_never_mail(const char *addr)
{
	for (size_t i = 0; i < ARRAY_SIZE(never_mailed); i++)
		if (!strcasecmp(addr, never_mailed[i]))
			return true;
	return false;
}

bool lists_names_never_mailed(const char *text)
{
	for (size_t i = 0; i < ARRAY_SIZE(never_mailed); i++)
		if (strcasestr(text, never_mailed[i]))
			return true;
	return false;
}
