#include "strmap.h"

#include <stdlib.h>
#include <string.h>

uint32_t bc_strhash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

void bc_strmap_init(struct bc_strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
}

void bc_strmap_free(struct bc_strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	bc_strmap_init(m);
}

static struct bc_strmap_slot *find(const struct bc_strmap *m, const char *key,
				   size_t n, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct bc_strmap_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && strncmp(s->key, key, n) == 0 &&
		    s->key[n] == '\0')
			return s;
	}
}

static enum bc_err grow(struct bc_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct bc_strmap_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return BC_E_NOMEM;
	struct bc_strmap old = *m;
	m->slots = slots;
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.slots[i].key)
			continue;
		struct bc_strmap_slot *s = find(m, old.slots[i].key,
						strlen(old.slots[i].key),
						old.slots[i].hash);
		*s = old.slots[i];
	}
	free(old.slots);
	return BC_E_OK;
}

enum bc_err bc_strmap_put(struct bc_strmap *m, const char *key, void *value,
			  void **old)
{
	if ((m->n + 1) * 4 > m->cap * 3) {
		enum bc_err e = grow(m);
		if (e)
			return e;
	}
	size_t n = strlen(key);
	uint32_t h = bc_strhash(key, n);
	struct bc_strmap_slot *s = find(m, key, n, h);
	if (old)
		*old = s->key ? s->value : NULL;
	if (!s->key) {
		s->key = key;
		s->hash = h;
		m->n++;
	}
	s->value = value;
	return BC_E_OK;
}

void *bc_strmap_getn(const struct bc_strmap *m, const char *key, size_t n)
{
	if (!m->cap)
		return NULL;
	struct bc_strmap_slot *s = find(m, key, n, bc_strhash(key, n));
	return s->key ? s->value : NULL;
}

void *bc_strmap_get(const struct bc_strmap *m, const char *key)
{
	return bc_strmap_getn(m, key, strlen(key));
}
