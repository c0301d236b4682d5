/* strmap.h — a string-keyed open-addressing hash map.
 *
 * Keys are borrowed (the caller keeps them alive, typically in an arena);
 * values are opaque pointers.  Grows by doubling; lookups never allocate.
 */
#ifndef BC_STRMAP_H
#define BC_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct bc_strmap {
	struct bc_strmap_slot {
		const char *key;
		uint32_t hash;
		void *value;
	} *slots;
	size_t cap;   /* power of two, or 0 */
	size_t n;
};

uint32_t bc_strhash(const char *s, size_t n);

void bc_strmap_init(struct bc_strmap *m);
void bc_strmap_free(struct bc_strmap *m);
/* Insert or replace.  *old (if non-NULL) receives the previous value or
 * NULL. */
enum bc_err bc_strmap_put(struct bc_strmap *m, const char *key, void *value,
			  void **old);
void *bc_strmap_get(const struct bc_strmap *m, const char *key);
/* Lookup with an explicit length (key need not be NUL-terminated). */
void *bc_strmap_getn(const struct bc_strmap *m, const char *key, size_t n);

#endif
