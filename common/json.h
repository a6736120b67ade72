/* SPDX-License-Identifier: GPL-2.0 */
/* json: how every command writes its --json answer (jansson), so that the
 * layout and the write errors are the same everywhere. */
#ifndef GIT_BPF_JSON_H
#define GIT_BPF_JSON_H

#include <jansson.h>
#include <stdio.h>

/* Write root, indented, and a newline to fp, then free root: 0, or -1
 * after an error naming the failed write. */
int json_print(FILE *fp, json_t *root);
/* A new object appended to the array arr, for the caller to fill: the
 * array holds the reference. */
json_t *json_append_object(json_t *arr);

#endif
