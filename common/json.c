// SPDX-License-Identifier: GPL-2.0
/* json: the one writer of the commands' --json output. */
#include "json.h"
#include "util.h"

int json_print(FILE *fp, json_t *root)
{
	int ret = 0;

	if (json_dumpf(root, fp, JSON_INDENT(2)) || fputc('\n', fp) == EOF)
		ret = error_errno("unable to write the JSON output");
	json_decref(root);
	return ret;
}

json_t *json_append_object(json_t *arr)
{
	json_t *o = json_object();

	if (!o || json_array_append_new(arr, o))
		die_oom();
	return o;
}
