// SPDX-License-Identifier: GPL-2.0
/* git-bpf-stable: placeholder until the command lands. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: git bpf stable\n");
		return 0;
	}
	fprintf(stderr, "error: 'git bpf stable' is not implemented yet\n");
	return 1;
}
