/* render_tsunami.c — tsunami warnings, advisories and forecasts per coast
 * (VTSE41), tsunami information with observed heights (VTSE51), offshore
 * observations (VTSE52).
 *
 * Each coast (津波予報区) is named in every message about it, the
 * municipality's included: "Major Tsunami Warning issued: Iwate
 * Prefecture".  Per coast: the category and what happened to it, the
 * highest wave expected, the first wave's arrival (or JMA's condition in
 * its place), the highest wave observed.  Under a warning, "move to high
 * ground now" is the first action.  Templates: templates/tsunami/.
 */
#include "render_seismic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_FACTS, S_COMMENTS, S_OBS };

static int kind_rank(const char *code)
{
	if (!strcmp(code, "52") || !strcmp(code, "53"))
		return 4;
	if (!strcmp(code, "51"))
		return 3;
	if (!strcmp(code, "62"))
		return 2;
	if (!strcmp(code, "71") || !strcmp(code, "72") || !strcmp(code, "73"))
		return 1;
	return 0;
}

/* An estimate without a category (VTSE52) counts by its height. */
static int estimate_rank(const char *height)
{
	if (!strcmp(height, "huge") || !strcmp(height, "over10") ||
	    !strcmp(height, "10") || !strcmp(height, "5"))
		return 4;
	if (!strcmp(height, "high") || !strcmp(height, "3"))
		return 3;
	if (!strcmp(height, "1"))
		return 2;
	return height[0] ? 1 : 0;
}

/* What the coast is under now: 0 = nothing (lifted). */
static int class_of(const struct bc_item *it)
{
	if (it->change == BC_CHANGE_LIFTED)
		return 0;
	if (!it->term.code[0])
		return estimate_rank(it->value.code);
	return kind_rank(it->term.code);
}

static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	int lifted_from = it->change == BC_CHANGE_LIFTED
		? kind_rank(it->last.code) : 0;
	return class_of(it) * 1000L + lifted_from * 10L +
	       (it->change == BC_CHANGE_ISSUED ||
		it->change == BC_CHANGE_UPGRADED ? 1 : 0);
}

static enum bc_severity severity_of(int cls)
{
	static const enum bc_severity s[] = { BC_SEV_MINOR, BC_SEV_MINOR,
					      BC_SEV_MODERATE, BC_SEV_SEVERE,
					      BC_SEV_EXTREME };
	return s[cls];
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	int best = 0;
	for (size_t i = 0; i < n; i++) {
		int c = class_of(&a->items[idx[i]]);
		best = c > best ? c : best;
	}
	*level = 0;
	*sev = n ? severity_of(best) : a->severity;
}

/* An observed height: "2.8 m (3:21 PM)", "2.8 m and rising (3:21 PM)",
 * "slight". */
static enum bc_err observed_text(struct bc_renderer *r, enum bc_lang lang,
				 const struct bc_term *h, unsigned flags,
				 time_t when, struct bc_buf *out)
{
	struct bc_buf num, m, tm;
	enum bc_err e = BC_E_OK;
	if (!h->code[0]) {
		if (flags & BC_OBS_WEAK)
			return bc_rd_expand(r, lang, "tsunami.obs.weak",
					    NULL, 0, out);
		return BC_E_OK;
	}
	bc_buf_init(&num, 256);
	bc_buf_init(&m, 256);
	bc_buf_init(&tm, 256);
	double v = strtod(h->code, NULL);
	e = bc_l10n_number(r->l10n, lang, v, 1, &num);
	struct bc_var mv[] = { { "value", num.data ? num.data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, "tsunami.metres", mv, 1, &m);
	if (!e && when)
		e = bc_rd_clock(r, lang, when, &tm);
	struct bc_var v2[] = { { "height", m.data ? m.data : "" },
			       { "time", tm.data ? tm.data : "" } };
	const char *key = flags & BC_OBS_RISING ? "tsunami.obs.rising"
						: "tsunami.obs";
	if (!e && !when)
		key = flags & BC_OBS_RISING ? "tsunami.obs.rising.notime"
					    : "tsunami.obs.notime";
	if (!e)
		e = bc_rd_expand(r, lang, key, v2, when ? 2 : 1, out);
	bc_buf_free(&num);
	bc_buf_free(&m);
	bc_buf_free(&tm);
	return e;
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	const struct bc_seismic *sm = &a->seismic;
	struct bc_buf *t0 = &r->scratch[0], *t1 = &r->scratch[1];
	enum bc_err e;
	bc_buf_reset(t0);
	e = bc_rd_hypocenter(r, lang, t0);
	c->slot[S_FACTS] = bc_rd_dup(t0);
	bc_buf_reset(t0);
	if (!e)
		e = bc_rd_comments(r, lang, t0);
	c->slot[S_COMMENTS] = bc_rd_dup(t0);
	bc_buf_reset(t0);
	bc_buf_reset(t1);
	if (!e && (sm->obs_height.code[0] || sm->obs_flags & BC_OBS_WEAK)) {
		e = observed_text(r, lang, &sm->obs_height,
				  sm->obs_flags & ~BC_OBS_OFFSHORE,
				  sm->obs_when, t1);
		struct bc_var v[] = {
			{ "observed", t1->data ? t1->data : "" } };
		const char *key = sm->obs_flags & BC_OBS_OFFSHORE
			? "tsunami.highest.offshore" : "tsunami.highest.coast";
		if (!e)
			e = bc_rd_expand(r, lang, key, v, 1, t0);
	}
	c->slot[S_OBS] = bc_rd_dup(t0);
	if (e)
		return e;
	for (int i = S_FACTS; i <= S_OBS; i++)
		if (!c->slot[i])
			return BC_E_NOMEM;
	return BC_E_OK;
}

/* The category and what happened to it: "Major Tsunami Warning issued",
 * "Tsunami Advisory lifted" (a lift is told by the category it ends). */
static enum bc_err phenomenon(struct bc_renderer *r, enum bc_lang lang,
			      const struct bc_item *it, struct bc_buf *out)
{
	if (!it->term.code[0] && !it->term.ja[0])
		return bc_rd_expand(r, lang, it->value.ja[0]
					? "tsunami.estimate"
					: "tsunami.observation", NULL, 0, out);
	if (it->change == BC_CHANGE_LIFTED && it->last.code[0] &&
	    kind_rank(it->last.code)) {
		struct bc_item t = *it;
		t.term = it->last;
		memset(&t.last, 0, sizeof t.last);
		memset(&t.value, 0, sizeof t.value);
		return bc_rd_item_change(r, lang, &t, out);
	}
	struct bc_item t = *it;
	/* bc_rd_item_change reads value only for warning conditions. */
	memset(&t.value, 0, sizeof t.value);
	return bc_rd_item_change(r, lang, &t, out);
}

/* Height, arrival, condition and observation, joined. */
static enum bc_err details(struct bc_renderer *r, enum bc_lang lang,
			   const struct bc_item *it, struct bc_buf *out)
{
	struct bc_buf p;
	char fb[64];
	enum bc_err e = BC_E_OK;
	bc_buf_init(&p, 4096);
	if (it->change != BC_CHANGE_LIFTED && it->value.ja[0]) {
		struct bc_var v[] = { { "height", bc_rd_term(r, lang,
				&it->value, fb, sizeof fb) } };
		e = bc_rd_expand(r, lang, "tsunami.height", v, 1, &p);
		if (!e)
			e = bc_rd_join(r, lang, out, p.data);
	}
	if (!e && it->change != BC_CHANGE_LIFTED && it->when) {
		struct bc_buf tm;
		bc_buf_init(&tm, 256);
		bc_buf_reset(&p);
		e = bc_rd_clock(r, lang, it->when, &tm);
		struct bc_var v[] = { { "time", tm.data ? tm.data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "tsunami.arrival", v, 1, &p);
		if (!e)
			e = bc_rd_join(r, lang, out, p.data);
		bc_buf_free(&tm);
	}
	if (!e && it->cond.ja[0])
		e = bc_rd_join(r, lang, out,
			       bc_rd_term(r, lang, &it->cond, fb, sizeof fb));
	if (!e && (it->observed.code[0] || it->obs_flags & BC_OBS_WEAK)) {
		struct bc_buf o;
		bc_buf_init(&o, 4096);
		bc_buf_reset(&p);
		e = observed_text(r, lang, &it->observed, it->obs_flags,
				  it->obs_when, &o);
		struct bc_var v[] = { { "observed", o.data ? o.data : "" } };
		if (!e && o.len)
			e = bc_rd_expand(r, lang, "tsunami.observed", v, 1, &p);
		if (!e && p.len)
			e = bc_rd_join(r, lang, out, p.data);
		bc_buf_free(&o);
	}
	bc_buf_free(&p);
	return e;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	struct bc_buf t;
	bc_buf_init(&t, BC_RD_TEXT_MAX);
	enum bc_err e = phenomenon(r, lang, it, &t);
	if (!e)
		e = details(r, lang, it, &t);
	if (!e)
		e = bc_buf_add(out, t.data ? t.data : "", t.len);
	bc_buf_free(&t);
	return e;
}

static enum bc_err add_line(struct bc_buf *body, const char *s)
{
	if (!s || !s[0])
		return BC_E_OK;
	if (body->len)
		bc_buf_addc(body, '\n');
	return bc_buf_adds(body, s);
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	(void)place;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *ph = &r->scratch[0], *line = &r->scratch[1],
		      *d = &r->scratch[2];
	const struct bc_item *top = &a->items[order[0]];
	bc_buf_reset(ph);
	enum bc_err e = phenomenon(r, lang, top, ph);
	struct bc_var hv[] = {
		{ "item", ph->data ? ph->data : "" },
		{ "area", bc_rd_place(r, lang, top->area_type,
				      top->area_code) } };
	if (!e)
		e = bc_rd_expand(r, lang, "tsunami.headline", hv, 2, headline);
	for (size_t i = 0; i < n && !e; i++) {
		const struct bc_item *it = &a->items[order[i]];
		bc_buf_reset(d);
		bc_buf_reset(line);
		e = item(r, lang, it, d);
		struct bc_var v[] = {
			{ "area", bc_rd_place(r, lang, it->area_type,
					      it->area_code) },
			{ "detail", d->data ? d->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "tsunami.line", v, 2, line);
		if (!e)
			e = add_line(body, line->data);
	}
	if (!e)
		e = add_line(body, c->slot[S_FACTS]);
	return e;
}

static bool same(const struct bc_item *x, const struct bc_item *y)
{
	return x->change == y->change && x->when == y->when &&
	       !strcmp(x->term.code, y->term.code) &&
	       !strcmp(x->term.ja, y->term.ja) &&
	       !strcmp(x->last.code, y->last.code) &&
	       !strcmp(x->value.ja, y->value.ja) &&
	       !strcmp(x->cond.ja, y->cond.ja) &&
	       !strcmp(x->observed.code, y->observed.code) &&
	       x->obs_flags == y->obs_flags && x->obs_when == y->obs_when;
}

/* Every coast of the document, resolved to municipalities or not: the
 * nationwide message is the one that must name them all. */
static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)g;
	(void)ng;
	(void)prefs;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	size_t n = a->n_items;
	uint32_t *ord = NULL;
	const char **codes = NULL;
	bool *done = NULL;
	struct bc_buf *ph = &r->scratch[0], *line = &r->scratch[1],
		      *d = &r->scratch[2], *list = &r->scratch[3];
	enum bc_err e = BC_E_OK;
	if (n) {
		ord = malloc(n * sizeof *ord);
		codes = malloc(n * sizeof *codes);
		done = calloc(n, sizeof *done);
		if (!ord || !codes || !done) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
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
	if (!n) {
		/* Offshore observations only, or nothing at all. */
		e = bc_buf_adds(headline, bc_rd_phrase(r, lang,
						       "kind.tsunami"));
		if (!e)
			e = add_line(body, c->slot[S_OBS]);
		if (!e && !c->slot[S_OBS][0])
			e = bc_rd_expand(r, lang, "tsunami.none", NULL, 0,
					 body);
	}
	struct bc_var iv[] = { { "time", c->issued_raw } };
	const char *intro = "tsunami.intro";
	if (!strcmp(a->type, "VTSE51"))
		intro = "tsunami.intro.info";
	else if (!strcmp(a->type, "VTSE52"))
		intro = "tsunami.intro.offshore";
	if (!e && n)
		e = bc_rd_expand(r, lang, intro, iv, 1, body);
	bool first = true;
	for (size_t i = 0; i < n && !e; i++) {
		if (done[ord[i]])
			continue;
		const struct bc_item *it = &a->items[ord[i]];
		size_t k = 0;
		for (size_t j = i; j < n; j++)
			if (!done[ord[j]] && same(it, &a->items[ord[j]])) {
				done[ord[j]] = true;
				codes[k++] = a->items[ord[j]].area_code;
			}
		if (first) {
			bc_buf_reset(ph);
			bc_buf_reset(list);
			e = phenomenon(r, lang, it, ph);
			if (!e)
				e = bc_rd_area_list(r, lang, it->area_type,
						    codes, k,
						    BC_RD_LIST_CITY_NAMES,
						    list);
			struct bc_var hv[] = {
				{ "item", ph->data ? ph->data : "" },
				{ "area", list->data ? list->data : "" } };
			if (!e)
				e = bc_rd_expand(r, lang, "tsunami.headline",
						 hv, 2, headline);
			first = false;
		}
		bc_buf_reset(d);
		bc_buf_reset(list);
		bc_buf_reset(line);
		if (!e)
			e = item(r, lang, it, d);
		if (!e)
			e = bc_rd_area_list(r, lang, it->area_type, codes, k,
					    BC_RD_LIST_BODY_NAMES, list);
		struct bc_var v[] = { { "area", list->data ? list->data : "" },
				      { "detail", d->data ? d->data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "tsunami.line", v, 2, line);
		if (!e)
			e = add_line(body, line->data);
	}
	if (!e && n)
		e = add_line(body, c->slot[S_OBS]);
	if (!e)
		e = add_line(body, c->slot[S_FACTS]);
	if (!e)
		e = add_line(body, c->slot[S_COMMENTS]);
cleanup:
	free(ord);
	free(codes);
	free(done);
	return e;
}

/* Under a warning, moving to high ground comes first, then staying there;
 * under an advisory, leaving the water; under a forecast, care at sea.
 * The nationwide message (no items of its own) takes the document's. */
static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	int best = 0;
	for (size_t i = 0; i < n; i++) {
		int c = class_of(&a->items[idx[i]]);
		best = c > best ? c : best;
	}
	for (size_t i = 0; !n && i < a->n_items; i++) {
		int c = class_of(&a->items[i]);
		best = c > best ? c : best;
	}
	size_t k = 0;
	if (best >= 3) {
		if (k < max)
			keys[k++] = "action.tsunami.evacuate";
		if (k < max)
			keys[k++] = "action.tsunami.stay";
	} else if (best == 2 && k < max) {
		keys[k++] = "action.tsunami.advisory";
	} else if (best == 1 && k < max) {
		keys[k++] = "action.tsunami.forecast";
	}
	return k;
}

const struct bc_rd_kind bc_rd_tsunami = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
