#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (64u * 1024)

struct bc_arena_chunk {
	struct bc_arena_chunk *next;
	size_t used, cap;
	_Alignas(8) unsigned char data[];
};

void bc_arena_init(struct bc_arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void bc_arena_free(struct bc_arena *a)
{
	if (!a)
		return;
	struct bc_arena_chunk *c = a->head;
	while (c) {
		struct bc_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *bc_arena_alloc(struct bc_arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct bc_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > CHUNK ? n : CHUNK;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	a->total += n;
	return p;
}

char *bc_arena_strndup(struct bc_arena *a, const char *s, size_t n)
{
	char *p = bc_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bc_arena_strdup(struct bc_arena *a, const char *s)
{
	return bc_arena_strndup(a, s, strlen(s));
}
