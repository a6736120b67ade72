// SPDX-License-Identifier: GPL-2.0
/* git-bpf-report: placeholder until the command lands. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: git bpf report\n");
		return 0;
	}
	fprintf(stderr, "error: 'git bpf report' is not implemented yet\n");
	return 1;
}
