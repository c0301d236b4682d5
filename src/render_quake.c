/* render_quake.c — earthquake information: epicentre, depth, magnitude,
 * and the seismic intensity observed in each place (VXSE53); the
 * intensity flash report by seismic area (VXSE51); the hypocentre alone
 * (VXSE52) and its update (VXSE61); long-period ground motion classes by
 * seismic area (VXSE62).  The new types' sentences are in
 * templates/quake/. */
#include "render_seismic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_FACTS, S_MAXINT, S_EPICENTER, S_COMMENTS, S_MAG, S_LG };

static bool type_is(const struct bc_alert *a, const char *t)
{
	return strcmp(a->type, t) == 0;
}

/* Long-period ground motion items (VXSE62) rank by their class. */
static bool is_lg(const struct bc_item *it)
{
	return strcmp(it->term.table, "LongPeriodIntensity") == 0;
}

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
	if (is_lg(it))
		return (it->term.code[0] - '0') * 100 +
		       intensity_rank(it->value.code);
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
	if (type_is(a, "VXSE62")) {
		static const enum bc_severity lg[] = {
			BC_SEV_MINOR, BC_SEV_MINOR, BC_SEV_MODERATE,
			BC_SEV_SEVERE, BC_SEV_EXTREME };
		for (size_t i = 0; i < n; i++) {
			int k = a->items[idx[i]].term.code[0] - '0';
			best = k > best && k <= 4 ? k : best;
		}
		*level = 0;
		*sev = n ? lg[best] : a->severity;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int k = intensity_rank(a->items[idx[i]].term.code);
		best = k > best ? k : best;
	}
	*level = 0;  /* intensities are not warning levels */
	/* The hypocentre reports carry no intensity: the document's own. */
	*sev = n || a->n_items ? severity_of(best) : a->severity;
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

/* Every type but VXSE53 (whose texts are the original ones, below). */
static enum bc_err prepare_more(struct bc_renderer *r, enum bc_lang lang,
				struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	const struct bc_quake *q = &a->quake;
	struct bc_buf *t0 = &r->scratch[0], *epi = &r->scratch[1],
		      *mag = &r->scratch[2];
	char fb[64];
	enum bc_err e = BC_E_OK;
	struct bc_term it = { .table = "SeismicIntensity" };
	if (q->max_int[0]) {
		snprintf(it.code, sizeof it.code, "%s", q->max_int);
		c->slot[S_MAXINT] = strdup(bc_rd_term(r, lang, &it, fb,
						      sizeof fb));
	} else {
		c->slot[S_MAXINT] = strdup(bc_rd_phrase(
			r, lang, "quake.intensity.unknown"));
	}
	bc_buf_reset(t0);
	bc_buf_reset(epi);
	bc_buf_reset(mag);
	e = bc_rd_epi_mag(r, lang, epi, mag);
	c->slot[S_EPICENTER] = bc_rd_dup(epi);
	c->slot[S_MAG] = bc_rd_dup(mag);
	c->slot[S_LG] = strdup(a->seismic.max_lg.code[0]
		? bc_rd_term(r, lang, &a->seismic.max_lg, fb, sizeof fb) : "");
	if (e)
		return e;
	if (type_is(a, "VXSE51")) {
		struct bc_var v[] = { { "time", c->issued_raw } };
		e = bc_rd_expand(r, lang, "quake.flash.body", v, 1, t0);
	} else if (type_is(a, "VXSE62") && q->present) {
		/* The intensity is known here: the full facts. */
		struct bc_buf tm, dep, num;
		bc_buf_init(&tm, 256);
		bc_buf_init(&dep, 256);
		bc_buf_init(&num, 256);
		e = bc_rd_datetime(r, lang, q->origin_time, &tm);
		if (!e && q->depth_km > 0) {
			e = bc_l10n_number(r->l10n, lang, q->depth_km, 0,
					   &num);
			struct bc_var dv[] = {
				{ "depth", num.data ? num.data : "" } };
			if (!e)
				e = bc_rd_expand(r, lang, "quake.depth.km", dv,
						 1, &dep);
		} else if (!e) {
			e = bc_rd_expand(r, lang, q->depth_km == 0
						? "quake.depth.shallow"
						: "quake.depth.unknown",
					 NULL, 0, &dep);
		}
		struct bc_var qv[] = {
			{ "time", tm.data ? tm.data : "" },
			{ "epicenter", c->slot[S_EPICENTER] },
			{ "depth", dep.data ? dep.data : "" },
			{ "magnitude", c->slot[S_MAG] },
			{ "intensity", c->slot[S_MAXINT] ? c->slot[S_MAXINT]
							 : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "quake.body", qv, 5, t0);
		bc_buf_free(&tm);
		bc_buf_free(&dep);
		bc_buf_free(&num);
	} else {
		e = bc_rd_hypocenter(r, lang, t0);
	}
	c->slot[S_FACTS] = bc_rd_dup(t0);
	bc_buf_reset(t0);
	if (!e)
		e = bc_rd_comments(r, lang, t0);
	c->slot[S_COMMENTS] = bc_rd_dup(t0);
	if (e)
		return e;
	for (int i = S_FACTS; i <= S_LG; i++)
		if (!c->slot[i])
			return BC_E_NOMEM;
	return BC_E_OK;
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
	if (!type_is(a, "VXSE53"))
		return prepare_more(r, lang, c);
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

/* One seismic area's line: "Miyagi Chubu: seismic intensity 3" or, for
 * long-period ground motion, "Miyagi Hokubu: class 3, seismic intensity
 * 4". */
static enum bc_err area_line(struct bc_renderer *r, enum bc_lang lang,
			     const struct bc_item *it, struct bc_buf *body)
{
	char fb[64], fb2[64];
	const char *area = bc_rd_place(r, lang, it->area_type, it->area_code);
	const char *t = bc_rd_term(r, lang, &it->term, fb, sizeof fb);
	enum bc_err e = BC_E_OK;
	if (body->len)
		e = bc_buf_addc(body, '\n');
	if (e)
		return e;
	if (is_lg(it)) {
		struct bc_var v[] = {
			{ "area", area }, { "lgclass", t },
			{ "intensity", it->value.code[0]
				? bc_rd_term(r, lang, &it->value, fb2,
					     sizeof fb2)
				: bc_rd_phrase(r, lang,
					       "quake.intensity.unknown") } };
		return bc_rd_expand(r, lang, "quake.lg.area", v, 3, body);
	}
	struct bc_var v[] = { { "intensity", t }, { "place", area } };
	return bc_rd_expand(r, lang, "quake.city", v, 2, body);
}

/* VXSE51 and VXSE62 by seismic area: the area the report was issued for
 * is named in the municipality's message. */
static enum bc_err city_by_area(struct bc_renderer *r, enum bc_lang lang,
				const uint32_t *order, size_t n,
				struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	const struct bc_item *top = &a->items[order[0]];
	char fb[64];
	bool lg = is_lg(top);
	struct bc_var hv[] = {
		{ lg ? "lgclass" : "intensity",
		  bc_rd_term(r, lang, &top->term, fb, sizeof fb) },
		{ "area", bc_rd_place(r, lang, top->area_type,
				      top->area_code) } };
	enum bc_err e = bc_rd_expand(r, lang, lg ? "quake.lg.headline"
						 : "quake.flash.headline",
				     hv, 2, headline);
	if (!e)
		e = bc_buf_adds(body, c->slot[S_FACTS]);
	if (!e && lg) {
		bc_buf_addc(body, '\n');
		e = bc_rd_expand(r, lang, "quake.lg.intro", NULL, 0, body);
	}
	for (size_t i = 0; i < n && !e; i++)
		e = area_line(r, lang, &a->items[order[i]], body);
	if (!e)
		add_comments(body, c);
	return e;
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	if (!type_is(r->a, "VXSE53") && n)
		return city_by_area(r, lang, order, n, headline, body);
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

/* The document's items, grouped by what they say (intensity or class),
 * strongest first: one body line per group, listing seismic areas
 * whether or not places could resolve them. */
static enum bc_err area_groups(struct bc_renderer *r, enum bc_lang lang,
			       struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	size_t n = a->n_items;
	uint32_t *ord = malloc((n ? n : 1) * sizeof *ord);
	const char **codes = malloc((n ? n : 1) * sizeof *codes);
	struct bc_buf *list = &r->scratch[0];
	char fb[64];
	enum bc_err e = BC_E_OK;
	bool lg = type_is(a, "VXSE62");
	if (!ord || !codes) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		ord[i] = (uint32_t)i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && rank(a, &a->items[ord[j]]) >
					     rank(a, &a->items[ord[j - 1]]);
		     j--) {
			uint32_t t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (size_t i = 0; i < n && !e;) {
		const struct bc_item *it = &a->items[ord[i]];
		size_t k = 0, j = i;
		while (j < n && !strcmp(a->items[ord[j]].term.code,
					it->term.code))
			codes[k++] = a->items[ord[j++]].area_code;
		const char *t = bc_rd_term(r, lang, &it->term, fb, sizeof fb);
		if (i == 0) {
			bc_buf_reset(list);
			e = bc_rd_area_list(r, lang, it->area_type, codes, k,
					    BC_RD_LIST_CITY_NAMES, list);
			struct bc_var hv[] = {
				{ lg ? "lgclass" : "intensity", t },
				{ lg ? "epicenter" : "places",
				  lg ? c->slot[S_EPICENTER]
				     : list->data ? list->data : "" } };
			if (!e)
				e = bc_rd_expand(r, lang, lg
					? "quake.lg.headline.national"
					: "quake.flash.headline.national",
					hv, 2, headline);
			if (!e && lg) {
				bc_buf_addc(body, '\n');
				e = bc_rd_expand(r, lang, "quake.lg.intro",
						 NULL, 0, body);
			}
		}
		bc_buf_reset(list);
		if (!e)
			e = bc_rd_area_list(r, lang, it->area_type, codes, k,
					    BC_RD_LIST_BODY_NAMES, list);
		struct bc_var v[] = { { lg ? "lgclass" : "intensity", t },
				      { "places", list->data ? list->data
							     : "" } };
		bc_buf_addc(body, '\n');
		if (!e)
			e = bc_rd_expand(r, lang, lg ? "quake.lg.places"
						     : "quake.intensity.places",
					 v, 2, body);
		i = j;
	}
	if (!e && !n)
		e = bc_buf_adds(headline, bc_rd_phrase(r, lang, "kind.quake"));
cleanup:
	free(ord);
	free(codes);
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)prefs;
	const struct bc_rd_cache *c = &r->cache[lang];
	if (!type_is(r->a, "VXSE53")) {
		enum bc_err e = bc_buf_adds(body, c->slot[S_FACTS]);
		if (!e && (type_is(r->a, "VXSE52") ||
			   type_is(r->a, "VXSE61"))) {
			struct bc_var hv[] = {
				{ "epicenter", c->slot[S_EPICENTER] },
				{ "magnitude", c->slot[S_MAG] } };
			e = bc_rd_expand(r, lang, type_is(r->a, "VXSE61")
						? "quake.update.headline"
						: "quake.hypo.headline",
					 hv, 2, headline);
		} else if (!e) {
			e = area_groups(r, lang, headline, body);
		}
		if (!e)
			add_comments(body, c);
		return e;
	}
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
	if (type_is(a, "VXSE62")) {
		int lg = a->seismic.max_lg.code[0] - '0';
		for (size_t i = 0; i < n; i++)
			if (is_lg(&a->items[idx[i]])) {
				int x = a->items[idx[i]].term.code[0] - '0';
				lg = i == 0 || x > lg ? x : lg;
			}
		if (n)
			best = 0;
		for (size_t i = 0; i < n; i++) {
			int x = intensity_rank(a->items[idx[i]].value.code);
			best = x > best ? x : best;
		}
		if (!n)
			best = intensity_rank(a->quake.max_int);
		if (lg >= 3 && k < max)
			keys[k++] = "action.quake.longperiod";
	}
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
