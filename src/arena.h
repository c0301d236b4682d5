/* arena.h — a bump allocator for strings loaded once and freed together
 * (dictionary cells, place names).  Avoids one malloc per string. */
#ifndef BC_ARENA_H
#define BC_ARENA_H

#include <stddef.h>

struct bc_arena {
	struct bc_arena_chunk *head; /* owned list of chunks */
	size_t total;                /* bytes handed out, for reports */
};

void bc_arena_init(struct bc_arena *a);
/* Free every chunk; strings from this arena become invalid. NULL ok. */
void bc_arena_free(struct bc_arena *a);
/* Copy n bytes plus a NUL into the arena; NULL on OOM. */
char *bc_arena_strndup(struct bc_arena *a, const char *s, size_t n);
char *bc_arena_strdup(struct bc_arena *a, const char *s);
/* Uninitialised, 8-byte aligned memory; NULL on OOM. */
void *bc_arena_alloc(struct bc_arena *a, size_t n);

#endif
