/* render_weather.c — the weather-family kinds that name places one by
 * one: landslide alerts (VXWW50), tornado watches (VPHW50/51) and heavy
 * rain (VPOA50, VPBS50).  Each item is a JMA term and what happened to
 * it, as for warnings; what differs is the opening line, the facts some
 * items carry (rain amount and time), the watch's end, and the action.
 *
 * Sentences: templates/weather/<lang>.tsv (keys in its README.md).
 * Actions: dictionaries/landslide.tsv, tornado.tsv, rain.tsv, with the
 * alert-level actions of phrases.tsv. */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_VALID };

static int change_weight(enum bc_change c)
{
	switch (c) {
	case BC_CHANGE_ISSUED:
	case BC_CHANGE_UPGRADED:
		return 3;
	case BC_CHANGE_DOWNGRADED:
		return 2;
	case BC_CHANGE_CONTINUED:
	case BC_CHANGE_NONE:
		return 1;
	default:
		return 0;
	}
}

/* What has happened (a sighting, a record) before what may happen. */
static int term_weight(const struct bc_term *t)
{
	if (strstr(t->ja, "目撃"))
		return 3;
	if (strcmp(t->code, "rainband") == 0)
		return 2;
	return 1;
}

/* In force before lifted; then level, then news first. */
static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	bool lifted = it->change == BC_CHANGE_LIFTED;
	return (lifted ? 0 : 100000) + it->level * 1000 +
	       term_weight(&it->term) * 10 + change_weight(it->change);
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
	/* Lifted here: the news is that it is over. */
	*sev = in_force ? a->severity : BC_SEV_MINOR;
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	struct bc_buf *t0 = &r->scratch[0], *t1 = &r->scratch[1];
	bc_buf_reset(t0);
	bc_buf_reset(t1);
	if (!r->a->valid_until)
		return BC_E_OK;
	/* A watch lapses: say when, so that nobody waits for an all-clear
	 * that JMA does not send. */
	enum bc_err e = bc_rd_datetime(r, lang, r->a->valid_until, t0);
	struct bc_var v[] = { { "time", t0->data ? t0->data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, "weather.valid", v, 1, t1);
	if (e)
		return e;
	c->slot[S_VALID] = bc_rd_dup(t1);
	return c->slot[S_VALID] ? BC_E_OK : BC_E_NOMEM;
}

/* The term and what happened to it, with the amount and time of rain
 * when the document gives them. */
static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	bool amount = strcmp(it->value.table, "RainAmount") == 0 &&
		      it->value.code[0];
	if (!amount && !it->when)
		return bc_rd_item_change(r, lang, it, out);
	struct bc_buf base, when, num;
	bc_buf_init(&base, BC_RD_TEXT_MAX);
	bc_buf_init(&when, 4096);
	bc_buf_init(&num, 64);
	enum bc_err e = bc_rd_item_change(r, lang, it, &base);
	if (!e && it->when)
		e = bc_l10n_time(r->l10n, lang, it->when, &when);
	if (!e && amount)
		e = bc_l10n_number(r->l10n, lang, atof(it->value.code), 0,
				   &num);
	struct bc_var v[3];
	size_t nv = 0;
	v[nv++] = (struct bc_var){ "item", base.data ? base.data : "" };
	if (amount)
		v[nv++] = (struct bc_var){ "amount", num.data ? num.data : "" };
	if (it->when)
		v[nv++] = (struct bc_var){ "time", when.data ? when.data : "" };
	const char *key = !amount ? "rain.item.time"
			: it->when ? "rain.item.amount"
				   : "rain.item.amount.only";
	if (!e)
		e = bc_rd_expand(r, lang, key, v, nv, out);
	bc_buf_free(&base);
	bc_buf_free(&when);
	bc_buf_free(&num);
	return e;
}

static const char *intro_key(enum bc_kind k)
{
	switch (k) {
	case BC_KIND_LANDSLIDE:
		return "landslide.intro";
	case BC_KIND_TORNADO:
		return "tornado.intro";
	default:
		return "rain.intro";
	}
}

static enum bc_err add_valid(struct bc_renderer *r, enum bc_lang lang,
			     struct bc_buf *body, bool in_force)
{
	const char *v = r->cache[lang].slot[S_VALID];
	if (!in_force || !v || !v[0])
		return BC_E_OK;
	bc_buf_addc(body, '\n');
	return bc_buf_adds(body, v);
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *top = &r->scratch[0];
	char cnt[32];
	bc_buf_reset(top);
	enum bc_err e = n ? item(r, lang, &a->items[order[0]], top) : BC_E_OK;
	bc_rd_count(r, lang, n ? n - 1 : 0, cnt, sizeof cnt);
	struct bc_var hv[] = { { "item", top->data ? top->data : "" },
			       { "place", place }, { "count", cnt } };
	if (!e)
		e = bc_rd_expand(r, lang, n > 1 ? "headline.more" : "headline",
				 hv, 3, headline);
	struct bc_var iv[] = { { "place", place }, { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, intro_key(a->kind), iv, 2, body);
	bool in_force = false;
	for (size_t i = 0; i < n && !e; i++) {
		const struct bc_item *it = &a->items[order[i]];
		in_force |= it->change != BC_CHANGE_LIFTED;
		bc_buf_addc(body, '\n');
		e = item(r, lang, it, body);
	}
	if (!e)
		e = add_valid(r, lang, body, in_force);
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *it = &r->scratch[2], *places = &r->scratch[3];
	char cnt[32];
	enum bc_err e = BC_E_OK;
	bc_buf_reset(it);
	bc_buf_reset(places);
	if (ng) {
		e = item(r, lang, &a->items[g[0].item], it);
		if (!e)
			e = bc_rd_city_list(r, lang, g[0].cities, g[0].n,
					    BC_RD_LIST_CITY_NAMES, places);
	} else if (a->n_items) {
		/* Nothing resolved to a municipality yet (an area places
		 * cannot expand): still say what was issued. */
		e = item(r, lang, &a->items[0], it);
	}
	bc_rd_count(r, lang, ng ? ng - 1 : 0, cnt, sizeof cnt);
	struct bc_var hv[] = {
		{ "item", it->data ? it->data : "" },
		{ "place", places->len ? places->data : prefs },
		{ "count", cnt } };
	if (!e)
		e = bc_rd_expand(r, lang, ng > 1 ? "headline.more" : "headline",
				 hv, 3, headline);
	struct bc_var iv[] = { { "place", prefs }, { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, intro_key(a->kind), iv, 2, body);
	bool in_force = false;
	for (size_t i = 0; i < ng && !e; i++) {
		bc_buf_reset(it);
		bc_buf_reset(places);
		in_force |= a->items[g[i].item].change != BC_CHANGE_LIFTED;
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
		e = add_valid(r, lang, body, in_force || !ng);
	return e;
}

static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	bool in_force = false, record = false, band = false, soon = false;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		in_force = true;
		record |= strcmp(it->term.table, "HazardousRain") == 0;
		band |= strcmp(it->term.code, "rainband") == 0;
		soon |= strcmp(it->term.code, "rainband-3h") == 0;
	}
	size_t k = 0;
	if (!in_force)
		return 0;
	switch (a->kind) {
	case BC_KIND_LANDSLIDE:
		if (k < max)
			keys[k++] = "action.level4";
		if (k < max)
			keys[k++] = "action.landslide";
		break;
	case BC_KIND_TORNADO:
		if (k < max)
			keys[k++] = "action.tornado";
		break;
	default:
		if (band && k < max)
			keys[k++] = "action.rain.rainband";
		if (record && k < max)
			keys[k++] = "action.rain.record";
		if (soon && !band && k < max)
			keys[k++] = "action.rain.rainband-3h";
		break;
	}
	return k;
}

const struct bc_rd_kind bc_rd_weather = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
