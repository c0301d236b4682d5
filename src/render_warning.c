/* render_warning.c — warning-like kinds: a JMA term per place and what
 * happened to it (issued, continued, upgraded, downgraded, lifted).
 * Weather warnings, and the default for kinds without a family. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

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

/* In force before lifted; then by level, class, and news first. */
static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	bool lifted = it->change == BC_CHANGE_LIFTED;
	return (lifted ? 0 : 100000) + it->level * 1000 +
	       bc_rd_term_class(&it->term) * 10 + change_weight(it->change);
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	if (a->kind != BC_KIND_WARNING) {
		/* Kinds without per-item grading keep the document's. */
		*level = a->level;
		*sev = a->severity;
		return;
	}
	int lv = 0, best = -1;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		int c = bc_rd_term_class(&it->term);
		int s = c == 4 ? BC_SEV_EXTREME : c >= 2 ? BC_SEV_SEVERE
		      : c == 1 ? BC_SEV_MODERATE : BC_SEV_MINOR;
		best = s > best ? s : best;
		lv = it->level > lv ? it->level : lv;
	}
	*level = lv;
	/* Nothing left in force here: the news is that it is over. */
	*sev = best < 0 ? BC_SEV_MINOR : (enum bc_severity)best;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	return bc_rd_item_change(r, lang, it, out);
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
		e = bc_rd_expand(r, lang, "warning.intro", iv, 2, body);
	bool in_force = false;
	for (size_t i = 0; i < n && !e; i++) {
		const struct bc_item *it = &a->items[order[i]];
		in_force |= it->change != BC_CHANGE_LIFTED;
		bc_buf_addc(body, '\n');
		e = item(r, lang, it, body);
	}
	if (!e && !in_force) {
		bc_buf_addc(body, '\n');
		e = bc_rd_expand(r, lang, "warning.none", iv, 1, body);
	}
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *it = &r->scratch[0], *places = &r->scratch[1];
	char cnt[32];
	enum bc_err e = BC_E_OK;
	bc_buf_reset(it);
	bc_buf_reset(places);
	if (ng) {
		e = item(r, lang, &a->items[g[0].item], it);
		if (!e)
			e = bc_rd_city_list(r, lang, g[0].cities, g[0].n,
					    BC_RD_LIST_CITY_NAMES, places);
	}
	bc_rd_count(r, lang, ng ? ng - 1 : 0, cnt, sizeof cnt);
	struct bc_var hv[] = {
		{ "item", it->data ? it->data : "" },
		{ "place", places->data ? places->data : prefs },
		{ "count", cnt } };
	if (!e)
		e = bc_rd_expand(r, lang, ng > 1 ? "headline.more" : "headline",
				 hv, 3, headline);
	struct bc_var iv[] = { { "place", prefs }, { "time", c->issued_raw } };
	if (!e)
		e = bc_rd_expand(r, lang, "warning.intro", iv, 2, body);
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

/* The action for the highest warning level still in force. */
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
	if (level < 2 || level > 5 || max == 0)
		return 0;
	keys[0] = by_level[level];
	return 1;
}

const struct bc_rd_kind bc_rd_warning = {
	.prepare = NULL,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
