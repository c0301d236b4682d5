/* route.c — from items to municipalities, and the topic scheme. */
#include "route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

void bc_route_plan_free(struct bc_route_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n_cities; i++)
		free(plan->cities[i].items);
	free(plan->cities);
	free(plan->unresolved);
	memset(plan, 0, sizeof *plan);
}

static enum bc_err push_u32(uint32_t **v, size_t *n, uint32_t x)
{
	/* Grow at powers of two: capacity is implied by n. */
	if ((*n & (*n - 1)) == 0) {
		size_t cap = *n ? *n * 2 : 4;
		uint32_t *p = realloc(*v, cap * sizeof *p);
		if (!p)
			return BC_E_NOMEM;
		*v = p;
	}
	(*v)[(*n)++] = x;
	return BC_E_OK;
}

static int cmp_city(const void *a, const void *b)
{
	return strcmp(((const struct bc_route_city *)a)->code,
		      ((const struct bc_route_city *)b)->code);
}

enum bc_err bc_route_plan(const struct bc_places *places,
			  const struct bc_alert *a, size_t max_cities,
			  struct bc_route_plan *out)
{
	struct bc_strmap index;
	size_t cap = 0;
	enum bc_err e = BC_E_OK;
	memset(out, 0, sizeof *out);
	bc_strmap_init(&index);

	for (size_t i = 0; i < a->n_items && !e; i++) {
		const struct bc_item *it = &a->items[i];
		size_t n = 0;
		const char *const *cities = bc_places_expand(
			places, it->area_type, it->area_code, &n);
		if (n == 0) {
			e = push_u32(&out->unresolved, &out->n_unresolved,
				     (uint32_t)i);
			continue;
		}
		for (size_t c = 0; c < n && !e; c++) {
			void *v = bc_strmap_get(&index, cities[c]);
			size_t ci;
			if (v) {
				ci = (size_t)v - 1;
			} else {
				if (out->n_cities == max_cities) {
					e = BC_E_TOOBIG;
					break;
				}
				if (out->n_cities == cap) {
					size_t nc = cap ? cap * 2 : 64;
					struct bc_route_city *p = realloc(
						out->cities, nc * sizeof *p);
					if (!p) {
						e = BC_E_NOMEM;
						break;
					}
					out->cities = p;
					cap = nc;
				}
				ci = out->n_cities++;
				struct bc_route_city *rc = &out->cities[ci];
				memset(rc, 0, sizeof *rc);
				snprintf(rc->code, sizeof rc->code, "%s",
					 cities[c]);
				bc_places_pref_of(rc->code, rc->pref);
				/* Keys borrow the places' strings, which
				 * outlive the plan. */
				e = bc_strmap_put(&index, cities[c],
						  (void *)(ci + 1), NULL);
				if (e)
					break;
			}
			struct bc_route_city *rc = &out->cities[ci];
			/* An item may reach a city twice through overlapping
			 * areas; list it once. */
			if (rc->n_items && rc->items[rc->n_items - 1] == i)
				continue;
			e = push_u32(&rc->items, &rc->n_items, (uint32_t)i);
		}
	}
	bc_strmap_free(&index);
	if (e) {
		bc_route_plan_free(out);
		return e;
	}
	if (out->n_cities) /* qsort(NULL, 0) is undefined */
		qsort(out->cities, out->n_cities, sizeof *out->cities,
		      cmp_city);
	return BC_E_OK;
}

const struct bc_route_city *bc_route_find(const struct bc_route_plan *plan,
					  const char *city)
{
	struct bc_route_city key;
	snprintf(key.code, sizeof key.code, "%s", city);
	if (!plan->n_cities)
		return NULL;
	return bsearch(&key, plan->cities, plan->n_cities,
		       sizeof *plan->cities, cmp_city);
}

const char *bc_route_root(const struct bc_alert *a, const char *live_root,
			  const char *exercise_root, int exercise_enabled)
{
	if (a->status == BC_STATUS_ACTUAL)
		return live_root;
	return exercise_enabled ? exercise_root : NULL;
}

static enum bc_err fmt(char *buf, size_t size, int n)
{
	return n < 0 || (size_t)n >= size ? BC_E_TOOBIG : BC_E_OK;
}

enum bc_err bc_route_topic_alert(char *buf, size_t size, const char *root,
				 enum bc_lang lang, enum bc_kind kind)
{
	return fmt(buf, size, snprintf(buf, size, "%s/alerts/%s/%s", root,
				       bc_lang_tag(lang), bc_kind_name(kind)));
}

enum bc_err bc_route_topic_area(char *buf, size_t size, const char *root,
				const char *city, enum bc_lang lang,
				enum bc_kind kind)
{
	return fmt(buf, size,
		   snprintf(buf, size, "%s/areas/%.2s/%s/%s/%s", root, city,
			    city, bc_lang_tag(lang), bc_kind_name(kind)));
}

enum bc_err bc_route_topic_state(char *buf, size_t size, const char *root,
				 const char *city, enum bc_lang lang)
{
	return fmt(buf, size,
		   snprintf(buf, size, "%s/areas/%.2s/%s/%s/state", root, city,
			    city, bc_lang_tag(lang)));
}

enum bc_err bc_route_topic_status(char *buf, size_t size, const char *root)
{
	return fmt(buf, size, snprintf(buf, size, "%s/status", root));
}
