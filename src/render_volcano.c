/* render_volcano.c — volcano documents (VFVO50-56): the volcano
 * (alert->subject) with its alert level and any eruption, then what
 * applies to each municipality: the warning and what it means there, the
 * eruption, the ash or cinders expected.  Documents that name no
 * municipality (VFVO51, VFVO52) are items per volcano.
 *
 * Sentences: templates/volcano/<lang>.tsv (keys in its README.md); terms
 * and actions: dictionaries/volcano.tsv. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_NAME, S_STATE, S_EVENT, S_LEVEL, S_MANY };

static int code_num(const struct bc_term *t)
{
	const char *c = t->code;
	if (c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9' || c[2])
		return -1;
	return (c[0] - '0') * 10 + (c[1] - '0');
}

/* Codes that say how dangerous the volcano is (level or keyword), as
 * opposed to a phenomenon or a forecast type. */
static bool is_state(const struct bc_term *t)
{
	int n = code_num(t);
	return (n >= 11 && n <= 15) || (n >= 21 && n <= 25) || n == 35 ||
	       n == 36;
}

static bool is_eruption(const struct bc_term *t)
{
	int n = code_num(t);
	return n >= 51 && n <= 65;
}

/* Importance of a code: the gravest warning first, then eruptions, then
 * ash by amount. */
static int code_weight(int n)
{
	switch (n) {
	case 46: case 41: case 25: case 15: return 90;
	case 47: case 24: case 14: return 80;
	case 1: case 3: case 42: case 44: case 23: case 13: return 70;
	case 2: case 43: case 48: case 49: case 22: case 12: return 60;
	case 51: case 52: case 54: case 56: return 55;
	case 61: case 62: case 64: return 50;
	case 73: return 45;
	case 75: return 42;
	case 72: return 40;
	case 71: case 70: return 30;
	default: return 10;
	}
}

static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	bool lifted = it->change == BC_CHANGE_LIFTED;
	return (lifted ? 0 : 100000) + it->level * 1000 +
	       code_weight(code_num(&it->term));
}

/* Danger class (5 gravest) of a level or keyword code; 0 for others. */
static int danger_of(int n)
{
	switch (n) {
	case 15: case 25: case 41: case 46: return 5;
	case 14: case 24: case 47: return 4;
	case 13: case 23: case 42: case 43: case 1: case 3: case 44: return 3;
	case 12: case 22: case 2: case 48: case 49: return 2;
	default: return 0;
	}
}

/* How grave one item is where it applies (the document's severity is
 * that of its gravest item anywhere: Sapporo hears about Meakandake at
 * level 2, not about Kuchinoerabujima at level 5). */
static enum bc_severity item_severity(const struct bc_alert *a,
				      const struct bc_item *it)
{
	int n = code_num(&it->term);
	switch (danger_of(n)) {
	case 5: return BC_SEV_EXTREME;
	case 4: case 3: return BC_SEV_SEVERE;
	case 2: return BC_SEV_MODERATE;
	default: break;
	}
	if (is_eruption(&it->term))
		return strcmp(a->type, "VFVO56") == 0 ? BC_SEV_EXTREME
						    : BC_SEV_SEVERE;
	return n == 73 ? BC_SEV_SEVERE
	     : n == 72 || n == 75 ? BC_SEV_MODERATE : BC_SEV_MINOR;
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	int lv = 0;
	enum bc_severity best = BC_SEV_MINOR;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		lv = it->level > lv ? it->level : lv;
		enum bc_severity s = item_severity(a, it);
		best = s > best ? s : best;
	}
	*level = lv;
	/* Nothing left in force here: the news is that it is over. */
	*sev = best;
}

/* A volcano's name in lang: places' name; the document's own for Japanese
 * readers; else "volcano no. <code>". */
static enum bc_err volcano_name(struct bc_renderer *r, enum bc_lang lang,
				const char *code, const char *name_ja,
				struct bc_buf *out)
{
	const char *nm = bc_rd_place(r, lang, BC_AREA_VOLCANO, code);
	if (strcmp(nm, code) != 0)
		return bc_buf_adds(out, nm);
	if (bc_lang_is_japanese(lang) && name_ja[0])
		return bc_buf_adds(out, name_ja);
	struct bc_var v[] = { { "code", code } };
	return bc_rd_expand(r, lang, "volcano.code", v, 1, out);
}

/* How many volcanoes the items name (VFVO51's monthly summary names
 * dozens). */
static size_t n_volcanoes(const struct bc_alert *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_items; i++) {
		const struct bc_item *it = &a->items[i];
		if (it->area_type != BC_AREA_VOLCANO)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = a->items[k].area_type == BC_AREA_VOLCANO &&
			       !strcmp(a->items[k].area_code, it->area_code);
		n += !seen;
	}
	return n;
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	const struct bc_subject *s = &a->subject;
	struct bc_buf *t0 = &r->scratch[0], *t1 = &r->scratch[1],
		      *t2 = &r->scratch[2];
	enum bc_err e;
	/* Whether several volcanoes are named, kept in S_MANY ("1" or ""):
	 * every municipality's message asks again, and n_volcanoes is
	 * quadratic in the items (a VFVO51 summary: 16 000 messages over
	 * hundreds of items took half a second). */
	bool many = n_volcanoes(a) > 1;
	if (!(c->slot[S_MANY] = strdup(many ? "1" : "")))
		return BC_E_NOMEM;
	bc_buf_reset(t0);
	if (many)
		e = bc_rd_expand(r, lang, "volcano.all", NULL, 0, t0);
	else
		e = volcano_name(r, lang, s->code, s->name_ja, t0);
	if (e)
		return e;
	if (!(c->slot[S_NAME] = bc_rd_dup(t0)))
		return BC_E_NOMEM;

	/* "Asamayama: Level 3 (Do not approach the volcano), raised from
	 * Level 1 (…)" — once, whatever the municipality. */
	bc_buf_reset(t1);
	bc_buf_reset(t2);
	if (!many && is_state(&s->term)) {
		struct bc_item it = { .term = s->term, .last = s->last,
				      .change = s->change };
		e = bc_rd_item_change(r, lang, &it, t2);
		struct bc_var v[] = { { "volcano", c->slot[S_NAME] },
				      { "item", t2->data ? t2->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "volcano.state", v, 2, t1);
		if (e)
			return e;
	}
	if (!(c->slot[S_STATE] = bc_rd_dup(t1)) ||
	    !(c->slot[S_LEVEL] = bc_rd_dup(t2)))
		return BC_E_NOMEM;

	/* When it erupted: the eruption flash and observation say so, and
	 * ash forecasts give the eruption they follow. */
	bc_buf_reset(t1);
	if (s->when) {
		char fb[64];
		struct bc_term erupt = { "VolcanicWarning", "52", "噴火" };
		const struct bc_term *ph = is_eruption(&s->term) ? &s->term
								 : &erupt;
		bc_buf_reset(t2);
		e = bc_rd_datetime(r, lang, s->when, t2);
		struct bc_var v[] = {
			{ "volcano", c->slot[S_NAME] },
			{ "phenomenon", bc_rd_term(r, lang, ph, fb, sizeof fb) },
			{ "time", t2->data ? t2->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "volcano.event", v, 3, t1);
		if (e)
			return e;
	}
	c->slot[S_EVENT] = bc_rd_dup(t1);
	return c->slot[S_EVENT] ? BC_E_OK : BC_E_NOMEM;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	return bc_rd_item_change(r, lang, it, out);
}

/* What a headline says about a place whose most important item is it:
 * the volcano's alert level when the document gives one and the item is
 * the warning that goes with it (噴火警戒レベル３ is what people know),
 * else the item itself. */
static enum bc_err headline_item(struct bc_renderer *r, enum bc_lang lang,
				 const struct bc_item *it, struct bc_buf *out)
{
	const char *lv = r->cache[lang].slot[S_LEVEL];
	int n = code_num(&it->term);
	if (lv && lv[0] && n >= 1 && n <= 49)
		return bc_buf_adds(out, lv);
	return item(r, lang, it, out);
}

static void add_slot(struct bc_buf *body, const char *s)
{
	if (s && s[0]) {
		bc_buf_addc(body, '\n');
		bc_buf_adds(body, s);
	}
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *top = &r->scratch[0], *name = &r->scratch[1];
	bc_buf_reset(top);
	bc_buf_reset(name);
	enum bc_err e = n ? headline_item(r, lang, &a->items[order[0]], top)
			  : BC_E_OK;
	/* Of several volcanoes, the one this place hears about. */
	if (!e && n && c->slot[S_MANY][0] &&
	    a->items[order[0]].area_type == BC_AREA_VOLCANO)
		e = volcano_name(r, lang, a->items[order[0]].area_code,
				 a->items[order[0]].area_name_ja, name);
	else if (!e)
		e = bc_buf_adds(name, c->slot[S_NAME]);
	struct bc_var hv[] = { { "volcano", name->data ? name->data : "" },
			       { "item", top->data ? top->data : "" },
			       { "place", place } };
	if (!e)
		e = bc_rd_expand(r, lang, "volcano.headline", hv, 3, headline);
	struct bc_var iv[] = { { "volcano", c->slot[S_NAME] },
			       { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, "volcano.intro", iv, 2, body);
	if (!e) {
		add_slot(body, c->slot[S_EVENT]);
		add_slot(body, c->slot[S_STATE]);
	}
	for (size_t i = 0; i < n && !e; i++) {
		const struct bc_item *it = &a->items[order[i]];
		/* A volcano item is the state line again, and the eruption
		 * the event line already told. */
		if (it->area_type == BC_AREA_VOLCANO && c->slot[S_STATE][0])
			continue;
		if (is_eruption(&it->term) && c->slot[S_EVENT][0] &&
		    !strcmp(it->term.code, a->subject.term.code))
			continue;
		bc_buf_addc(body, '\n');
		if (it->area_type != BC_AREA_VOLCANO) {
			e = item(r, lang, it, body);
			continue;
		}
		/* Of several volcanoes, each line says which. */
		bc_buf_reset(top);
		bc_buf_reset(name);
		e = item(r, lang, it, top);
		if (!e)
			e = volcano_name(r, lang, it->area_code,
					 it->area_name_ja, name);
		struct bc_var v[] = { { "volcano", name->data ? name->data : "" },
				      { "item", top->data ? top->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "volcano.headline.volcano", v,
					 2, body);
	}
	return e;
}

/* Nationwide body lines for documents about volcanoes only: each
 * statement with the volcanoes it concerns. */
static enum bc_err volcano_lines(struct bc_renderer *r, enum bc_lang lang,
				 struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	struct bc_buf *it = &r->scratch[2], *names = &r->scratch[3];
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < a->n_items && !e; i++) {
		const struct bc_item *x = &a->items[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(a->items[k].term.code, x->term.code) &&
			       a->items[k].change == x->change &&
			       !strcmp(a->items[k].last.code, x->last.code);
		if (seen || x->area_type != BC_AREA_VOLCANO)
			continue;
		const char *list[BC_RD_LIST_BODY_NAMES];
		struct bc_buf nb[BC_RD_LIST_BODY_NAMES];
		size_t n = 0;
		for (size_t k = i; k < a->n_items && n < BC_RD_LIST_BODY_NAMES;
		     k++) {
			const struct bc_item *y = &a->items[k];
			if (y->area_type != BC_AREA_VOLCANO ||
			    strcmp(y->term.code, x->term.code) ||
			    y->change != x->change ||
			    strcmp(y->last.code, x->last.code))
				continue;
			bc_buf_init(&nb[n], 1024);
			e = volcano_name(r, lang, y->area_code,
					 y->area_name_ja, &nb[n]);
			list[n] = nb[n].data ? nb[n].data : "";
			n++;
			if (e)
				break;
		}
		bc_buf_reset(it);
		bc_buf_reset(names);
		if (!e)
			e = item(r, lang, x, it);
		if (!e)
			e = bc_l10n_list(r->l10n, lang, list, n, names);
		for (size_t k = 0; k < n; k++)
			bc_buf_free(&nb[k]);
		struct bc_var v[] = { { "item", it->data ? it->data : "" },
				      { "places", names->data ? names->data : "" } };
		bc_buf_addc(body, '\n');
		if (!e)
			e = bc_rd_expand(r, lang, "item.places", v, 2, body);
	}
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
	bool cities = false;
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < a->n_items && !cities; i++)
		cities = a->items[i].area_type == BC_AREA_CITY;
	bc_buf_reset(it);
	bc_buf_reset(places);
	if (ng) {
		e = headline_item(r, lang, &a->items[g[0].item], it);
		if (!e && cities)
			e = bc_rd_city_list(r, lang, g[0].cities, g[0].n,
					    BC_RD_LIST_CITY_NAMES, places);
	} else if (a->n_items) {
		uint32_t best = 0;
		for (uint32_t i = 1; i < a->n_items; i++)
			if (rank(a, &a->items[i]) > rank(a, &a->items[best]))
				best = i;
		e = item(r, lang, &a->items[best], it);
	}
	struct bc_var hv[] = { { "volcano", c->slot[S_NAME] },
			       { "item", it->data ? it->data : "" },
			       { "place", places->data ? places->data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, places->len ? "volcano.headline"
						      : "volcano.headline.volcano",
				 hv, places->len ? 3 : 2, headline);
	struct bc_var iv[] = { { "volcano", c->slot[S_NAME] },
			       { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, "volcano.intro", iv, 2, body);
	if (!e) {
		add_slot(body, c->slot[S_EVENT]);
		add_slot(body, c->slot[S_STATE]);
	}
	if (!cities) {
		/* One volcano: its state or eruption line said it all. */
		if (!e && (n_volcanoes(a) > 1 ||
			   (!c->slot[S_STATE][0] && !c->slot[S_EVENT][0])))
			e = volcano_lines(r, lang, body);
		return e;
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
	return e;
}

static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	static const char *const by_danger[] = {
		NULL, NULL, "action.volcano.crater", "action.volcano.mountain",
		"action.volcano.prepare", "action.volcano.evacuate" };
	const struct bc_subject *s = &a->subject;
	int danger = 0;
	bool erupt = false, heavy = false, ash = false, cinders = false;
	if (s->present && s->change != BC_CHANGE_LIFTED) {
		danger = danger_of(code_num(&s->term));
		erupt = is_eruption(&s->term);
	}
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		int c = code_num(&it->term);
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		if (danger_of(c) > danger)
			danger = danger_of(c);
		erupt |= is_eruption(&it->term);
		heavy |= c == 73;
		ash |= c == 72;
		cinders |= c == 75;
	}
	/* Only the eruption flash asks people on the mountain to take
	 * refuge at once; an observation report is news of the same. */
	erupt &= strcmp(a->type, "VFVO56") == 0 ||
		 strcmp(a->type, "VFVO52") == 0;
	size_t k = 0;
	if (erupt && k < max)
		keys[k++] = "action.volcano.eruption";
	if (danger >= 2 && k < max)
		keys[k++] = by_danger[danger];
	if (cinders && k < max)
		keys[k++] = "action.volcano.cinders";
	if (heavy && k < max)
		keys[k++] = "action.volcano.ash.heavy";
	else if (ash && k < max)
		keys[k++] = "action.volcano.ash";
	return k;
}

const struct bc_rd_kind bc_rd_volcano = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
