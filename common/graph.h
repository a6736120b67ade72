/* SPDX-License-Identifier: GPL-2.0 */
/* graph: git's commit-graph file read directly, for history walks at
 * memory speed (libgit2 1.5 inflates every commit it walks). */
#ifndef GIT_BPF_GRAPH_H
#define GIT_BPF_GRAPH_H

#include <stdbool.h>
#include <stdint.h>
#include <git2.h>

#include "oidset.h"

/*
 * libgit2 (1.5) walks history by inflating every commit, some 10 us
 * each: finding the first release holding a commit can walk a whole
 * release cycle, several times over.  git keeps what such walks need in
 * the commit-graph (objects/info/commit-graph, or a chain of them under
 * objects/info/commit-graphs/), which git gc writes by default: the
 * parents and the generation number of every commit, in a few bytes.
 * With it a walk visits only commits whose generation is above the
 * target's, at memory speed.  Commits newer than the graph are read
 * through libgit2 on the way; without a graph libgit2 does the walks.
 */

/* A position that is no commit of the graph. */
#define GRAPH_NONE		UINT32_MAX

struct graph_layer {
	unsigned char *map;
	size_t size;
	uint32_t nr;		/* commits in this layer */
	uint32_t base;		/* commits in the layers below it */
	const unsigned char *fanout, *oids, *data, *edges;
	size_t edges_nr;
};

struct commit_graph {
	struct graph_layer *layers;	/* base first */
	size_t nr, alloc;
	uint32_t total;
	uint32_t *seen;		/* the walk that last visited each commit */
	uint32_t walk;
};

/* A walk's to-do list: commits in the graph by position, the others by
 * id (newer than the graph, read through libgit2). */
struct reach_walk {
	uint32_t *pos;
	size_t pos_nr, pos_alloc;
	git_oid *ids;
	size_t ids_nr, ids_alloc;
	struct oidset done;	/* ids already walked */
	uint32_t *parents;
	size_t parents_nr, parents_alloc;
};

/* The repository's commit-graph (one file or a chain), or NULL when it
 * has none this code reads. */
struct commit_graph *graph_open(git_repository *repo);
void graph_free(struct commit_graph *g);

/* Position of a commit in the graph, GRAPH_NONE when it is not there. */
uint32_t graph_find(const struct commit_graph *g, const git_oid *oid);
void graph_oid(const struct commit_graph *g, uint32_t pos, git_oid *out);
/* The committer time. */
git_time_t graph_time(const struct commit_graph *g, uint32_t pos);
/* Topological level: above the level of every parent (0: a graph from
 * before generation numbers). */
uint32_t graph_generation(const struct commit_graph *g, uint32_t pos);
/* Parents of pos into out (grown as needed); -1 when the graph is
 * inconsistent. */
int graph_parents(const struct commit_graph *g, uint32_t pos,
		  uint32_t **out, size_t *nr, size_t *alloc);

/* Queue oid on w: by position when the graph has it, else by id (once). */
void reach_push(struct reach_walk *w, const struct commit_graph *g,
		const git_oid *oid);
void reach_walk_release(struct reach_walk *w);

/*
 * Whether commit to is from or one of its ancestors: 1 yes, 0 no, -1 on
 * error (printed).
 */
int graph_reaches(struct commit_graph *g, git_repository *repo,
		  const git_oid *from, const git_oid *to);

#endif
