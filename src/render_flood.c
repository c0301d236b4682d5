/* render_flood.c — river flood forecasts (VXKOii, VXSUii): the river the
 * forecast is for (alert->subject), the forecast and what happened to it,
 * the places where the river may flood, and the action of its level.
 *
 * Sentences: templates/flood/<lang>.tsv (keys in its README.md); terms
 * and actions: dictionaries/flood.tsv and the alert-level actions of
 * phrases.tsv. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_RIVER, S_STATION };

static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	bool lifted = it->change == BC_CHANGE_LIFTED;
	return (lifted ? 0 : 100000) + it->level * 1000 +
	       (it->change == BC_CHANGE_ISSUED) * 10;
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	int lv = 0;
	bool in_force = false;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		in_force = true;
		lv = it->level > lv ? it->level : lv;
	}
	*level = lv;
	*sev = in_force ? a->severity : BC_SEV_MINOR;
}

/* The river's name in lang: places' name of the forecast section; the
 * document's own for Japanese readers; else "river section <code>". */
static enum bc_err river_name(struct bc_renderer *r, enum bc_lang lang,
			      struct bc_buf *out)
{
	const struct bc_subject *s = &r->a->subject;
	const char *nm = bc_rd_place(r, lang, BC_AREA_RIVER, s->code);
	if (strcmp(nm, s->code) != 0)
		return bc_buf_adds(out, nm);
	if (bc_lang_is_japanese(lang) && s->name_ja[0])
		return bc_buf_adds(out, s->name_ja);
	struct bc_var v[] = { { "code", s->code } };
	return bc_rd_expand(r, lang, "flood.river.code", v, 1, out);
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_subject *s = &r->a->subject;
	struct bc_buf *t0 = &r->scratch[0];
	bc_buf_reset(t0);
	enum bc_err e = river_name(r, lang, t0);
	if (e)
		return e;
	if (!(c->slot[S_RIVER] = bc_rd_dup(t0)))
		return BC_E_NOMEM;
	bc_buf_reset(t0);
	/* Station names exist in Japanese only (WaterLevelStation has no
	 * reading): other languages go without. */
	if (bc_lang_is_japanese(lang) && s->station_ja[0]) {
		struct bc_var v[] = { { "station", s->station_ja } };
		if ((e = bc_rd_expand(r, lang, "flood.station", v, 1, t0)))
			return e;
	}
	c->slot[S_STATION] = bc_rd_dup(t0);
	return c->slot[S_STATION] ? BC_E_OK : BC_E_NOMEM;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	return bc_rd_item_change(r, lang, it, out);
}

static void add_station(struct bc_buf *body, const struct bc_rd_cache *c)
{
	if (c->slot[S_STATION] && c->slot[S_STATION][0]) {
		bc_buf_addc(body, '\n');
		bc_buf_adds(body, c->slot[S_STATION]);
	}
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *top = &r->scratch[0];
	bc_buf_reset(top);
	enum bc_err e = n ? item(r, lang, &a->items[order[0]], top) : BC_E_OK;
	struct bc_var hv[] = { { "river", c->slot[S_RIVER] },
			       { "item", top->data ? top->data : "" },
			       { "place", place } };
	if (!e)
		e = bc_rd_expand(r, lang, "flood.headline", hv, 3, headline);
	struct bc_var iv[] = { { "river", c->slot[S_RIVER] },
			       { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, "flood.intro", iv, 2, body);
	for (size_t i = 0; i < n && !e; i++) {
		bc_buf_addc(body, '\n');
		e = item(r, lang, &a->items[order[i]], body);
	}
	if (!e)
		add_station(body, c);
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)prefs;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *it = &r->scratch[2], *places = &r->scratch[3];
	enum bc_err e = BC_E_OK;
	bc_buf_reset(it);
	bc_buf_reset(places);
	if (ng) {
		e = item(r, lang, &a->items[g[0].item], it);
		if (!e)
			e = bc_rd_city_list(r, lang, g[0].cities, g[0].n,
					    BC_RD_LIST_CITY_NAMES, places);
	} else if (a->n_items) {
		e = item(r, lang, &a->items[0], it);
	}
	struct bc_var hv[] = { { "river", c->slot[S_RIVER] },
			       { "item", it->data ? it->data : "" },
			       { "place", places->data ? places->data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, ng ? "flood.headline"
					    : "flood.headline.river",
				 hv, ng ? 3 : 2, headline);
	struct bc_var iv[] = { { "river", c->slot[S_RIVER] },
			       { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, "flood.intro", iv, 2, body);
	if (!e && !ng && a->n_items) {
		bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, it->data ? it->data : "");
	}
	for (size_t i = 0; i < ng && !e; i++) {
		bc_buf_reset(it);
		bc_buf_reset(places);
		e = item(r, lang, &a->items[g[i].item], it);
		if (!e)
			e = bc_rd_city_list(r, lang, g[i].cities, g[i].n,
					    BC_RD_LIST_BODY_NAMES, places);
		struct bc_var v[] = { { "item", it->data ? it->data : "" },
				      { "places", places->data ? places->data : "" } };
		bc_buf_addc(body, '\n');
		if (!e)
			e = bc_rd_expand(r, lang, "item.places", v, 2, body);
	}
	if (!e)
		add_station(body, c);
	return e;
}

/* The alert-level action, and for a warning or worse, the river's own. */
static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	static const char *const by_level[] = { NULL, NULL, "action.level2",
						"action.level3",
						"action.level4",
						"action.level5" };
	int level = 0;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		if (it->change != BC_CHANGE_LIFTED && it->level > level)
			level = it->level;
	}
	size_t k = 0;
	if (level >= 2 && level <= 5 && k < max)
		keys[k++] = by_level[level];
	if (level >= 3 && k < max)
		keys[k++] = "action.flood";
	return k;
}

const struct bc_rd_kind bc_rd_flood = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
