/* route.h — which municipalities an alert concerns, and the MQTT topics
 * (DESIGN §4-5).
 *
 * The plan lists, for every municipality the alert concerns, the items
 * that concern it.  Topics are built here and nowhere else.
 */
#ifndef BC_ROUTE_H
#define BC_ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "alert.h"
#include "error.h"
#include "lang.h"
#include "places.h"

struct bc_route_city {
	char code[8];        /* municipality, 7 digits */
	char pref[3];
	uint32_t *items;     /* indices into alert->items, ascending */
	size_t n_items;
};

struct bc_route_plan {
	struct bc_route_city *cities; /* sorted by code */
	size_t n_cities;
	/* Items whose area could not be resolved to any municipality; they
	 * still appear in the national message, and in "untranslated". */
	uint32_t *unresolved;
	size_t n_unresolved;
};

/* Resolve every item of a to municipalities.  Fails with BC_E_TOOBIG past
 * max_cities.  Caller frees with bc_route_plan_free. */
enum bc_err bc_route_plan(const struct bc_places *places,
			  const struct bc_alert *a, size_t max_cities,
			  struct bc_route_plan *out);
void bc_route_plan_free(struct bc_route_plan *plan);
/* The plan entry for a municipality, or NULL. */
const struct bc_route_city *bc_route_find(const struct bc_route_plan *plan,
					  const char *city);

/* The root an alert is published under: the live root for actual
 * documents, the exercise root for 訓練/試験 — or NULL when exercises are
 * disabled, meaning "do not publish". */
const char *bc_route_root(const struct bc_alert *a, const char *live_root,
			  const char *exercise_root, int exercise_enabled);

/* Topic builders; return BC_E_TOOBIG if buf is too small. */
enum bc_err bc_route_topic_alert(char *buf, size_t size, const char *root,
				 enum bc_lang lang, enum bc_kind kind);
enum bc_err bc_route_topic_area(char *buf, size_t size, const char *root,
				const char *city, enum bc_lang lang,
				enum bc_kind kind);
enum bc_err bc_route_topic_state(char *buf, size_t size, const char *root,
				 const char *city, enum bc_lang lang);
enum bc_err bc_route_topic_status(char *buf, size_t size, const char *root);

#endif
