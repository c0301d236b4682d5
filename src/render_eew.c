/* render_eew.c — Earthquake Early Warning (VXSE43; VXSE44/45 when
 * eew_forecast is on): the shaking expected in each seismic area, when it
 * arrives, and "protect yourself now".
 *
 * The headline names the area the warning was issued for (the item's
 * 地震情報／細分区域) and the intensity expected there; the nationwide
 * headline names the prefectures concerned.  Templates: templates/eew/.
 */
#include "render_seismic.h"

#include <stdio.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_TITLE, S_FACTS, S_MAXINT, S_EPI };

static bool is_warning(const struct bc_item *it)
{
	return it->value.code[0] == '1';
}

/* The strongest shaking expected in an area ("4 or more" counts as 4). */
static int top_rank(const struct bc_item *it)
{
	int a = bc_rd_intensity_order(it->term.code);
	int b = strcmp(it->upto.code, "over") == 0
		? 0 : bc_rd_intensity_order(it->upto.code);
	return a > b ? a : b;
}

/* Warned areas first, then by the strongest shaking, then the earliest
 * arrival (already arrived before expected). */
static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	return (is_warning(it) ? 1000 : 0) + top_rank(it) * 10 +
	       (it->cond.ja[0] ? 1 : 0);
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	enum bc_severity s = BC_SEV_UNKNOWN;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		int k = top_rank(it);
		enum bc_severity x = k >= bc_rd_intensity_order("6-")
			? BC_SEV_EXTREME
			: k >= bc_rd_intensity_order("5-") ? BC_SEV_SEVERE
			: k >= bc_rd_intensity_order("4") ? BC_SEV_MODERATE
			: BC_SEV_MINOR;
		if (is_warning(it) && x < BC_SEV_SEVERE)
			x = BC_SEV_SEVERE;
		s = x > s ? x : s;
	}
	*level = 0;
	*sev = n ? s : a->severity;
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	struct bc_buf *t0 = &r->scratch[0], *t1 = &r->scratch[1],
		      *epi = &r->scratch[2], *mag = &r->scratch[3];
	char fb[64];
	enum bc_err e;
	/* The information's own name: 緊急地震速報（警報）, （予報）,
	 * （地震動予報）. */
	struct bc_term title = { .table = "", .code = "" };
	bc_strlcpy_utf8(title.ja, a->control_title, sizeof title.ja);
	c->slot[S_TITLE] = strdup(bc_rd_term(r, lang, &title, fb, sizeof fb));
	bc_buf_reset(t0);
	bc_buf_reset(t1);
	bc_buf_reset(epi);
	bc_buf_reset(mag);
	e = bc_rd_intensity_range(r, lang, &a->seismic.fc_from,
				  &a->seismic.fc_to, t1);
	c->slot[S_MAXINT] = bc_rd_dup(t1);
	if (!e)
		e = bc_rd_epi_mag(r, lang, epi, mag);
	c->slot[S_EPI] = bc_rd_dup(epi);
	if (!e && a->quake.present)
		e = bc_rd_datetime(r, lang, a->quake.origin_time, t0);
	if (e)
		return e;
	if (a->quake.present) {
		bc_buf_reset(t1);
		struct bc_var v[] = { { "time", t0->data ? t0->data : "" },
				      { "epicenter", epi->data },
				      { "magnitude", mag->data },
				      { "intensity", c->slot[S_MAXINT] } };
		e = bc_rd_expand(r, lang, "eew.body", v, 4, t1);
		if (e)
			return e;
		c->slot[S_FACTS] = bc_rd_dup(t1);
	} else {
		c->slot[S_FACTS] = strdup("");
	}
	for (int i = S_TITLE; i <= S_EPI; i++)
		if (!c->slot[i])
			return BC_E_NOMEM;
	return BC_E_OK;
}

/* "seismic intensity 5-lower, main shaking expected at about 11:15 PM" */
static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	struct bc_buf in, arr;
	bc_buf_init(&in, 4096);
	bc_buf_init(&arr, 4096);
	enum bc_err e = bc_rd_intensity_range(r, lang, &it->term, &it->upto,
					      &in);
	const char *key = NULL;
	if (!e && (it->cond.ja[0] || !strcmp(it->value.code, "11") ||
		   !strcmp(it->value.code, "01"))) {
		key = "eew.arrival.now";
		e = bc_rd_expand(r, lang, key, NULL, 0, &arr);
	} else if (!e && it->when) {
		struct bc_buf tm;
		bc_buf_init(&tm, 256);
		key = "eew.arrival.at";
		e = bc_rd_clock(r, lang, it->when, &tm);
		struct bc_var tv[] = { { "time", tm.data ? tm.data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, key, tv, 1, &arr);
		bc_buf_free(&tm);
	}
	struct bc_var v[] = { { "intensity", in.data ? in.data : "" },
			      { "arrival", arr.data ? arr.data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, key ? "eew.detail"
					      : "eew.detail.noarrival",
				 v, key ? 2 : 1, out);
	bc_buf_free(&in);
	bc_buf_free(&arr);
	return e;
}

static enum bc_err area_line(struct bc_renderer *r, enum bc_lang lang,
			     const struct bc_item *it, struct bc_buf *body)
{
	struct bc_buf d;
	bc_buf_init(&d, BC_RD_TEXT_MAX);
	enum bc_err e = item(r, lang, it, &d);
	struct bc_var v[] = {
		{ "area", bc_rd_place(r, lang, it->area_type, it->area_code) },
		{ "detail", d.data ? d.data : "" } };
	if (!e && body->len)
		e = bc_buf_addc(body, '\n');
	if (!e)
		e = bc_rd_expand(r, lang, "eew.area", v, 2, body);
	bc_buf_free(&d);
	return e;
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	(void)place;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	const struct bc_item *top = &a->items[order[0]];
	struct bc_buf in;
	bc_buf_init(&in, 4096);
	enum bc_err e = bc_rd_intensity_range(r, lang, &top->term, &top->upto,
					      &in);
	struct bc_var hv[] = {
		{ "title", c->slot[S_TITLE] },
		{ "intensity", in.data ? in.data : "" },
		{ "area", bc_rd_place(r, lang, top->area_type,
				      top->area_code) } };
	if (!e)
		e = bc_rd_expand(r, lang, "eew.headline", hv, 3, headline);
	for (size_t i = 0; i < n && !e; i++)
		e = area_line(r, lang, &a->items[order[i]], body);
	if (!e && c->slot[S_FACTS][0]) {
		bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, c->slot[S_FACTS]);
	}
	bc_buf_free(&in);
	return e;
}

/* Items of the document, most important first (indices). */
static size_t order_all(const struct bc_alert *a, uint32_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n_items && k < max; i++)
		out[k++] = (uint32_t)i;
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && rank(a, &a->items[out[j]]) >
					     rank(a, &a->items[out[j - 1]]);
		     j--) {
			uint32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return k;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)g;
	(void)ng;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	uint32_t order[512];
	size_t n = order_all(a, order, 512);
	struct bc_buf areas;
	bc_buf_init(&areas, BC_RD_TEXT_MAX);
	enum bc_err e = BC_E_OK;
	const char *where = prefs;
	if (!prefs[0] && n) {
		/* No municipality resolved: name the areas themselves. */
		const char *codes[BC_RD_LIST_CITY_NAMES + 1];
		size_t k = 0;
		for (size_t i = 0; i < n && k < BC_RD_LIST_CITY_NAMES; i++)
			codes[k++] = a->items[order[i]].area_code;
		e = bc_rd_area_list(r, lang, BC_AREA_QUAKE, codes, k, k,
				    &areas);
		where = areas.data ? areas.data : "";
	}
	struct bc_var hv[] = { { "title", c->slot[S_TITLE] },
			       { "epicenter", c->slot[S_EPI] },
			       { "places", where } };
	if (!e)
		e = bc_rd_expand(r, lang, n ? "eew.headline.national"
					    : "eew.headline.none",
				 hv, n ? 3 : 2, headline);
	if (!e && c->slot[S_FACTS][0])
		e = bc_buf_adds(body, c->slot[S_FACTS]);
	for (size_t i = 0; i < n && !e; i++)
		e = area_line(r, lang, &a->items[order[i]], body);
	bc_buf_free(&areas);
	return e;
}

/* Protect yourself: wherever the warning applies or shaking of 4 or more
 * is expected.  The nationwide message (no items of its own) takes the
 * document's. */
static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	bool act = false;
	for (size_t i = 0; i < n && !act; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		act = is_warning(it) || top_rank(it) >=
				bc_rd_intensity_order("4");
	}
	if (!n)
		act = a->seismic.warning || a->severity >= BC_SEV_MODERATE;
	if (!act || max == 0)
		return 0;
	keys[0] = "action.eew.protect";
	return 1;
}

const struct bc_rd_kind bc_rd_eew = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
