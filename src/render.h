/* render.h — the localizer: one alert into one JSON payload (schema v1,
 * schema/payload-v1.json) per language, for the whole alert and for each
 * municipality it concerns.
 *
 * Words come from the dictionary, sentences from the per-language
 * templates, place names from places, and dates, numbers and lists from
 * l10n (ICU).  Nothing in Japanese script reaches a language other than ja
 * and ja-x-easy: what cannot be translated falls back to English and is
 * listed in the payload's "untranslated".
 *
 * Usage per alert: bc_render_begin once (does the work shared by every
 * message: times, names, the national lists), then bc_render_national and
 * bc_render_city per language and municipality.
 */
#ifndef BC_RENDER_H
#define BC_RENDER_H

#include <stddef.h>
#include <time.h>

#include "alert.h"
#include "buf.h"
#include "dict.h"
#include "error.h"
#include "l10n.h"
#include "places.h"
#include "route.h"

struct bc_renderer; /* opaque */

/* dict, places and l10n are borrowed for the renderer's lifetime. */
enum bc_err bc_render_new(const struct bc_dict *dict,
			  const struct bc_places *places, struct bc_l10n *l10n,
			  struct bc_renderer **out);
void bc_render_free(struct bc_renderer *r);

/* Prepare for one alert; a and plan are borrowed until the next begin.
 * sent is the UTC time written as "sent". */
enum bc_err bc_render_begin(struct bc_renderer *r, const struct bc_alert *a,
			    const struct bc_route_plan *plan, time_t sent);

/* The payload for the whole alert (alerts/{lang}/{kind}); replaces the
 * content of out. */
enum bc_err bc_render_national(struct bc_renderer *r, enum bc_lang lang,
			       struct bc_buf *out);
/* The payload for one municipality of the plan (areas/.../{kind}); the
 * localized headline is also left in headline and the place's own level
 * (0 = none) in *level (may be NULL), for the state.  Level and severity
 * in the payload are the place's: Sarufutsu under a level-3 warning reads
 * level 3 even when Wakkanai in the same document is at level 4. */
enum bc_err bc_render_city(struct bc_renderer *r, enum bc_lang lang,
			   const struct bc_route_city *city,
			   struct bc_buf *out, struct bc_buf *headline,
			   int *level);

/* Seconds a message about the current alert stays useful (MQTT Message
 * Expiry); 0 for none. */
uint32_t bc_render_expiry(const struct bc_renderer *r, time_t now);

/* The retained state payload for one place and language: every entry in
 * force, possibly none. */
struct bc_state_entry;
enum bc_err bc_render_state(struct bc_renderer *r, const char *city,
			    enum bc_lang lang,
			    const struct bc_state_entry *entries, size_t n,
			    time_t sent, struct bc_buf *out);

#endif
