/* SPDX-License-Identifier: GPL-2.0 */
/* tap.h: cmocka with TAP output, so prove counts every C unit test. */
#ifndef GIT_BPF_TAP_H
#define GIT_BPF_TAP_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define RUN_TAP(tests)							\
	do {								\
		cmocka_set_message_output(CM_OUTPUT_TAP);		\
		return cmocka_run_group_tests(tests, NULL, NULL);	\
	} while (0)

#endif
