// SPDX-License-Identifier: GPL-2.0
/* graph: reading git's commit-graph (objects/info/commit-graph and the
 * commit-graphs/ chain) and walking history with it. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph.h"
#include "repo.h"
#include "strbuf.h"
#include "util.h"

#define GRAPH_NO_PARENT		0x70000000u
#define GRAPH_EXTRA_EDGES	0x80000000u
#define GRAPH_LAST_EDGE		0x80000000u
#define GRAPH_DATA_SIZE		(GIT_OID_RAWSZ + 16)

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get_be64(const unsigned char *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

/* Map one graph file and check its layout; false when it is not one
 * this code reads, and then history is walked without it. */
static bool graph_layer_open(struct graph_layer *l, const char *path)
{
	const unsigned char *p, *fanout = NULL, *oids = NULL, *data = NULL;
	const unsigned char *edges = NULL;
	size_t oids_len = 0, data_len = 0, edges_len = 0;
	struct stat st;
	unsigned int chunks;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(l, 0, sizeof(*l));
	if (fd < 0)
		return false;
	if (fstat(fd, &st) || st.st_size < 8 + 12 ||
	    (uint64_t)st.st_size > SIZE_MAX / 2) {
		close(fd);
		return false;
	}
	l->size = (size_t)st.st_size;
	l->map = mmap(NULL, l->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (l->map == MAP_FAILED) {
		l->map = NULL;
		return false;
	}
	p = l->map;
	/* "CGPH", version 1, SHA-1 */
	if (memcmp(p, "CGPH", 4) || p[4] != 1 || p[5] != 1)
		goto bad;
	chunks = p[6];
	if (8 + (size_t)(chunks + 1) * 12 > l->size)
		goto bad;
	for (unsigned int i = 0; i < chunks; i++) {
		const unsigned char *e = p + 8 + i * 12;
		uint64_t off = get_be64(e + 4), next = get_be64(e + 16);
		size_t len;

		if (off > next || next > l->size)
			goto bad;
		len = (size_t)(next - off);
		switch (get_be32(e)) {
		case 0x4f494446:	/* OIDF: fanout */
			if (len != 256 * 4)
				goto bad;
			fanout = p + off;
			break;
		case 0x4f49444c:	/* OIDL: sorted ids */
			oids = p + off;
			oids_len = len;
			break;
		case 0x43444154:	/* CDAT: tree, parents, generation */
			data = p + off;
			data_len = len;
			break;
		case 0x45444745:	/* EDGE: octopus parents */
			edges = p + off;
			edges_len = len;
			break;
		}
	}
	if (!fanout || !oids || !data)
		goto bad;
	l->nr = get_be32(fanout + 255 * 4);
	if (oids_len != (size_t)l->nr * GIT_OID_RAWSZ ||
	    data_len != (size_t)l->nr * GRAPH_DATA_SIZE)
		goto bad;
	l->fanout = fanout;
	l->oids = oids;
	l->data = data;
	l->edges = edges;
	l->edges_nr = edges_len / 4;
	return true;
bad:
	munmap(l->map, l->size);
	memset(l, 0, sizeof(*l));
	return false;
}

void graph_free(struct commit_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nr; i++)
		munmap(g->layers[i].map, g->layers[i].size);
	free(g->layers);
	free(g->seen);
	free(g);
}

static bool graph_add(struct commit_graph *g, const char *path)
{
	struct graph_layer l;

	if (!graph_layer_open(&l, path))
		return false;
	if ((uint64_t)g->total + l.nr >= GRAPH_NO_PARENT) {
		munmap(l.map, l.size);
		return false;
	}
	l.base = g->total;
	g->total += l.nr;
	ALLOC_GROW(g->layers, g->nr + 1, g->alloc);
	g->layers[g->nr++] = l;
	return true;
}

/* The repository's commit-graph, or NULL when it has none we can read. */
struct commit_graph *graph_open(git_repository *repo)
{
	struct commit_graph *g = xcalloc(1, sizeof(*g));
	struct strbuf path = STRBUF_INIT, chain = STRBUF_INIT;
	const char *dir = git_repository_commondir(repo);
	bool ok;

	strbuf_addf(&path, "%sobjects/info/commit-graph", dir);
	ok = graph_add(g, path.buf);
	if (!ok) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%sobjects/info/commit-graphs/"
			    "commit-graph-chain", dir);
		ok = !strbuf_read_file(&chain, path.buf);
		for (char *line = chain.buf; ok && *line; ) {
			char *nl = strchrnul(line, '\n');

			strbuf_reset(&path);
			strbuf_addf(&path, "%sobjects/info/commit-graphs/"
				    "graph-%.*s.graph", dir, (int)(nl - line),
				    line);
			ok = graph_add(g, path.buf);
			line = *nl ? nl + 1 : nl;
		}
	}
	strbuf_release(&path);
	strbuf_release(&chain);
	if (!ok || !g->total) {
		graph_free(g);
		return NULL;
	}
	g->seen = xcalloc(g->total, sizeof(*g->seen));
	return g;
}

/* Position of a commit in the graph, GRAPH_NONE when it is not there. */
uint32_t graph_find(const struct commit_graph *g, const git_oid *oid)
{
	const unsigned char *id = oid->id;

	for (size_t i = 0; i < g->nr; i++) {
		const struct graph_layer *l = &g->layers[i];
		uint32_t lo = id[0] ? get_be32(l->fanout + (id[0] - 1) * 4) : 0;
		uint32_t hi = get_be32(l->fanout + id[0] * 4);

		if (hi > l->nr || lo > hi)
			continue;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = memcmp(l->oids + (size_t)mid * GIT_OID_RAWSZ, id,
				       GIT_OID_RAWSZ);

			if (!c)
				return l->base + mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return GRAPH_NONE;
}

static const struct graph_layer *graph_layer_of(const struct commit_graph *g,
						uint32_t pos)
{
	for (size_t i = g->nr; i > 0; i--)
		if (pos >= g->layers[i - 1].base)
			return &g->layers[i - 1];
	return NULL;
}

static const unsigned char *graph_data(const struct commit_graph *g,
				       uint32_t pos)
{
	const struct graph_layer *l = graph_layer_of(g, pos);

	return l->data + (size_t)(pos - l->base) * GRAPH_DATA_SIZE;
}

void graph_oid(const struct commit_graph *g, uint32_t pos, git_oid *out)
{
	const struct graph_layer *l = graph_layer_of(g, pos);

	git_oid_fromraw(out, l->oids + (size_t)(pos - l->base) * GIT_OID_RAWSZ);
}

/* The committer time. */
git_time_t graph_time(const struct commit_graph *g, uint32_t pos)
{
	const unsigned char *d = graph_data(g, pos) + GIT_OID_RAWSZ + 8;

	return (git_time_t)((uint64_t)(get_be32(d) & 3) << 32 | get_be32(d + 4));
}

/* Topological level: above the level of every parent. */
uint32_t graph_generation(const struct commit_graph *g, uint32_t pos)
{
	return get_be32(graph_data(g, pos) + GIT_OID_RAWSZ + 8) >> 2;
}

/* Parents of pos into out (grown as needed); -1 when the graph is
 * inconsistent. */
int graph_parents(const struct commit_graph *g, uint32_t pos,
		  uint32_t **out, size_t *nr, size_t *alloc)
{
	const struct graph_layer *l = graph_layer_of(g, pos);
	const unsigned char *d = graph_data(g, pos) + GIT_OID_RAWSZ;
	uint32_t p1 = get_be32(d), p2 = get_be32(d + 4);

	*nr = 0;
	if (p1 == GRAPH_NO_PARENT)
		return 0;
	if (p1 >= g->total)
		return -1;
	ALLOC_GROW(*out, 1, *alloc);
	(*out)[(*nr)++] = p1;
	if (p2 == GRAPH_NO_PARENT)
		return 0;
	if (!(p2 & GRAPH_EXTRA_EDGES)) {
		if (p2 >= g->total)
			return -1;
		ALLOC_GROW(*out, *nr + 1, *alloc);
		(*out)[(*nr)++] = p2;
		return 0;
	}
	for (size_t i = p2 & ~GRAPH_EXTRA_EDGES; ; i++) {
		uint32_t e;

		if (i >= l->edges_nr)
			return -1;
		e = get_be32(l->edges + i * 4);
		if ((e & ~GRAPH_LAST_EDGE) >= g->total)
			return -1;
		ALLOC_GROW(*out, *nr + 1, *alloc);
		(*out)[(*nr)++] = e & ~GRAPH_LAST_EDGE;
		if (e & GRAPH_LAST_EDGE)
			return 0;
	}
}

void reach_walk_release(struct reach_walk *w)
{
	free(w->pos);
	free(w->ids);
	oidset_clear(&w->done);
	free(w->parents);
}

void reach_push(struct reach_walk *w, const struct commit_graph *g,
		const git_oid *oid)
{
	uint32_t pos = graph_find(g, oid);

	if (pos != GRAPH_NONE) {
		ALLOC_GROW(w->pos, w->pos_nr + 1, w->pos_alloc);
		w->pos[w->pos_nr++] = pos;
		return;
	}
	if (!oidset_insert(&w->done, oid))
		return;
	ALLOC_GROW(w->ids, w->ids_nr + 1, w->ids_alloc);
	w->ids[w->ids_nr++] = *oid;
}

/*
 * Whether commit to is from or one of its ancestors: 1 yes, 0 no, -1 on
 * error.  The graph holds every ancestor of a commit it holds, so a
 * target outside it is reached through outside commits only, and a
 * target inside it only through commits of higher generation.
 */
int graph_reaches(struct commit_graph *g, git_repository *repo,
		  const git_oid *from, const git_oid *to)
{
	struct reach_walk w = { 0 };
	uint32_t target = graph_find(g, to), min_gen = 0;
	int ret = 0;

	if (target != GRAPH_NONE)
		min_gen = graph_generation(g, target);
	if (!++g->walk) {
		memset(g->seen, 0, g->total * sizeof(*g->seen));
		g->walk = 1;
	}
	reach_push(&w, g, from);
	while (w.ids_nr || w.pos_nr) {
		uint32_t pos, gen;

		if (w.ids_nr) {
			git_oid id = w.ids[--w.ids_nr];
			git_commit *c = NULL;

			if (git_oid_equal(&id, to)) {
				ret = 1;
				break;
			}
			if (git_commit_lookup(&c, repo, &id)) {
				ret = git_err("unable to read commit %s",
					      git_oid_tostr_s(&id));
				break;
			}
			for (unsigned int i = 0; i < git_commit_parentcount(c); i++)
				reach_push(&w, g, git_commit_parent_id(c, i));
			git_commit_free(c);
			continue;
		}
		pos = w.pos[--w.pos_nr];
		if (target == GRAPH_NONE)
			continue;	/* no commit in the graph reaches it */
		if (pos == target) {
			ret = 1;
			break;
		}
		gen = graph_generation(g, pos);
		/* 0: a graph from before generation numbers, no pruning */
		if (g->seen[pos] == g->walk || (gen && gen <= min_gen))
			continue;
		g->seen[pos] = g->walk;
		if (graph_parents(g, pos, &w.parents, &w.parents_nr,
				  &w.parents_alloc)) {
			ret = error("the commit-graph of the repository is "
				    "corrupt; remove it or run 'git "
				    "commit-graph write'");
			break;
		}
		ALLOC_GROW(w.pos, w.pos_nr + w.parents_nr, w.pos_alloc);
		for (size_t i = 0; i < w.parents_nr; i++)
			w.pos[w.pos_nr++] = w.parents[i];
	}
	reach_walk_release(&w);
	return ret;
}

