/* render_quake.c — earthquake information: epicentre, depth, magnitude,
 * and the seismic intensity observed in each place. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_FACTS, S_MAXINT, S_EPICENTER, S_COMMENTS };

/* Intensity order: "1" < … < "5-?" (5-lower or more, not yet received)
 * < "5-" < "5+" < … < "7". */
static int intensity_rank(const char *code)
{
	static const char *const order[] = { "1", "2", "3", "4", "5-?", "5-",
					     "5+", "6-", "6+", "7" };
	for (int i = 0; i < 10; i++)
		if (strcmp(code, order[i]) == 0)
			return i + 1;
	return 0;
}

static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	return intensity_rank(it->term.code);
}

static enum bc_severity severity_of(int k)
{
	return k >= intensity_rank("6-") ? BC_SEV_EXTREME
	     : k >= intensity_rank("5-?") ? BC_SEV_SEVERE
	     : k >= intensity_rank("4") ? BC_SEV_MODERATE
	     : BC_SEV_MINOR;
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	int best = 0;
	for (size_t i = 0; i < n; i++) {
		int k = intensity_rank(a->items[idx[i]].term.code);
		best = k > best ? k : best;
	}
	*level = 0;  /* intensities are not warning levels */
	*sev = severity_of(best);
}

/* Copy a JMA comment, turning the code table's literal "\n" into a line
 * break. */
static void add_comment(struct bc_buf *out, const char *txt)
{
	for (const char *c = txt; *c; c++) {
		if (c[0] == '\\' && c[1] == 'n') {
			bc_buf_addc(out, '\n');
			c++;
		} else {
			bc_buf_addc(out, *c);
		}
	}
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	const struct bc_quake *q = &a->quake;
	struct bc_buf *t0 = &r->scratch[0], *t1 = &r->scratch[1],
		      *dep = &r->scratch[2], *mag = &r->scratch[3];
	char fb[64];
	enum bc_err e;
	if (!q->present)
		return BC_E_OK;

	const char *epi = q->epicenter_code[0]
		? bc_rd_place(r, lang, BC_AREA_EPICENTER, q->epicenter_code)
		: bc_rd_phrase(r, lang, "quake.epicenter.unknown");
	const char *maxint;
	struct bc_term it = { .table = "SeismicIntensity" };
	if (q->max_int[0]) {
		snprintf(it.code, sizeof it.code, "%s", q->max_int);
		maxint = bc_rd_term(r, lang, &it, fb, sizeof fb);
	} else {
		maxint = bc_rd_phrase(r, lang, "quake.intensity.unknown");
	}

	bc_buf_reset(dep);
	bc_buf_reset(t1);
	if (q->depth_km > 0) {
		e = bc_l10n_number(r->l10n, lang, q->depth_km, 0, t1);
		struct bc_var dv[] = { { "depth", t1->data ? t1->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "quake.depth.km", dv, 1, dep);
	} else {
		e = bc_rd_expand(r, lang, q->depth_km == 0
					? "quake.depth.shallow"
					: "quake.depth.unknown", NULL, 0, dep);
	}
	bc_buf_reset(mag);
	if (!e && isnan(q->magnitude))
		e = bc_rd_expand(r, lang, "quake.magnitude.unknown", NULL, 0,
				 mag);
	else if (!e)
		e = bc_l10n_number(r->l10n, lang, q->magnitude, 1, mag);
	bc_buf_reset(t0);
	if (!e)
		e = bc_rd_datetime(r, lang, q->origin_time ? q->origin_time
							   : a->reported, t0);
	if (e)
		return e;
	bc_buf_reset(t1);
	struct bc_var qv[] = {
		{ "time", t0->data }, { "epicenter", epi },
		{ "depth", dep->data }, { "magnitude", mag->data },
		{ "intensity", maxint },
	};
	e = bc_rd_expand(r, lang, "quake.body", qv, 5, t1);
	if (e)
		return e;
	c->slot[S_FACTS] = bc_rd_dup(t1);
	c->slot[S_MAXINT] = strdup(maxint);
	c->slot[S_EPICENTER] = strdup(epi);

	bc_buf_reset(t0);
	for (int i = 0; i < q->n_comments; i++) {
		struct bc_term ct = { .table = "AdditionalCommentEarthquake" };
		snprintf(ct.code, sizeof ct.code, "%s", q->comments[i]);
		if (i)
			bc_buf_addc(t0, '\n');
		add_comment(t0, bc_rd_term(r, lang, &ct, fb, sizeof fb));
	}
	c->slot[S_COMMENTS] = bc_rd_dup(t0);
	for (int i = S_FACTS; i <= S_COMMENTS; i++)
		if (!c->slot[i])
			return BC_E_NOMEM;
	return BC_E_OK;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	char fb[64];
	return bc_buf_adds(out, bc_rd_term(r, lang, &it->term, fb, sizeof fb));
}

static void add_comments(struct bc_buf *body, const struct bc_rd_cache *c)
{
	if (c->slot[S_COMMENTS] && c->slot[S_COMMENTS][0]) {
		bc_buf_addc(body, '\n');
		bc_buf_adds(body, c->slot[S_COMMENTS]);
	}
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *inten = &r->scratch[0];
	bc_buf_reset(inten);
	enum bc_err e = n ? item(r, lang, &r->a->items[order[0]], inten)
			  : bc_buf_adds(inten, c->slot[S_MAXINT]);
	struct bc_var v[] = { { "intensity", inten->data ? inten->data : "" },
			      { "place", place } };
	if (!e)
		e = bc_rd_expand(r, lang, "quake.headline", v, 2, headline);
	if (!e)
		e = bc_buf_adds(body, c->slot[S_FACTS]);
	if (!e && n) {
		bc_buf_addc(body, '\n');
		e = bc_rd_expand(r, lang, "quake.city", v, 2, body);
	}
	if (!e)
		add_comments(body, c);
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)prefs;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *places = &r->scratch[1];
	struct bc_var hv[] = { { "intensity", c->slot[S_MAXINT] },
			       { "epicenter", c->slot[S_EPICENTER] } };
	enum bc_err e = bc_rd_expand(r, lang, "quake.headline.national", hv, 2,
				     headline);
	if (!e)
		e = bc_buf_adds(body, c->slot[S_FACTS]);
	for (size_t i = 0; i < ng && !e; i++) {
		char fb[64];
		const char *inten = bc_rd_term(r, lang, &r->a->items[g[i].item].term,
					       fb, sizeof fb);
		bc_buf_reset(places);
		e = bc_rd_city_list(r, lang, g[i].cities, g[i].n,
				    BC_RD_LIST_BODY_NAMES, places);
		struct bc_var v[] = { { "intensity", inten },
				      { "places", places->data ? places->data : "" } };
		bc_buf_addc(body, '\n');
		if (!e)
			e = bc_rd_expand(r, lang, "quake.intensity.places", v,
					 2, body);
	}
	if (!e)
		add_comments(body, c);
	return e;
}

static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	size_t k = 0;
	int best = 0;
	for (size_t i = 0; i < n; i++) {
		int x = intensity_rank(a->items[idx[i]].term.code);
		best = x > best ? x : best;
	}
	/* A tsunami is possible or warned: the first thing to do. */
	bool tsunami = false;
	for (int i = 0; i < a->quake.n_comments; i++)
		if (!strcmp(a->quake.comments[i], "0211") ||
		    !strcmp(a->quake.comments[i], "0216") ||
		    !strcmp(a->quake.comments[i], "0226") ||
		    !strcmp(a->quake.comments[i], "0149"))
			tsunami = true;
	if (tsunami && k < max)
		keys[k++] = "action.quake.tsunami";
	if (best >= intensity_rank("5-?") && k < max)
		keys[k++] = "action.quake.protect";
	if (best >= intensity_rank("4") && k < max)
		keys[k++] = "action.quake.aftershock";
	return k;
}

const struct bc_rd_kind bc_rd_quake = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
