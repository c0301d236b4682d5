/* jmaxml_tsunami.c — tsunami: VTSE41 (津波警報・注意報・予報a), VTSE51
 * (津波情報a: arrival times and heights expected, and observed at tide
 * stations) and VTSE52 (沖合の津波観測に関する情報: offshore observations
 * and what they mean for the coast).  JMA 地震火山関連XML電文解説資料
 * Ⅱ(ⅰ)ア.
 *
 * One bc_item per coast (津波予報区, area_type TSUNAMI; places expands a
 * coast to the municipalities on it):
 * - term: Category/Kind (TsunamiWarning: 52 大津波警報, 53 大津波警報：
 *   発表 — kept as 大津波警報, the issuing being the change —, 51 津波警報,
 *   62 津波注意報, 71-73 津波予報（若干の海面変動）, 50/60 解除, 00 津波
 *   なし); last: LastKind; change from the two.  A VTSE52 estimate has no
 *   Kind: term stays empty.
 * - value: the maximum height expected (TsunamiMaxHeight, code from
 *   JMA's fixed descriptions: "huge" 巨大, "high" 高い, "over10" １０ｍ超,
 *   "10", "5", "3", "1", "under0.2" ０．２ｍ未満); "" when none is given.
 * - when: the first wave's expected arrival; cond: what JMA says instead
 *   or besides (TsunamiCondition: 第１波の到達を確認, 津波到達中と推測,
 *   ただちに津波来襲と予測, …).
 * - observed, obs_flags, obs_when: the highest wave observed so far at a
 *   station of the coast (VTSE51 Observation), merged into the coast's
 *   item or, if the coast has none, an item of its own.
 * The highest observation of the document, offshore stations included,
 * is also in alert->seismic.
 *
 * Validity: JMA never cancels a tsunami forecast (若干の海面変動); a
 * document that leaves only forecasts in force carries Head/ValidDateTime
 * (read by jmaxml.c into valid_until).  Should one lack it, valid_until is
 * set to 24 hours after the report, the longest validity JMA's samples
 * give, so that the forecast still leaves the state.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jmaxml_seismic.h"

#define FORECAST_FALLBACK_VALIDITY (24 * 3600)

/* Order of the categories: what a coast is under. */
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
	return 0; /* 00 津波なし, 50 警報解除, 60 津波注意報解除 */
}

static enum bc_severity severity_of(int rank)
{
	static const enum bc_severity s[] = { BC_SEV_MINOR, BC_SEV_MINOR,
					      BC_SEV_MODERATE, BC_SEV_SEVERE,
					      BC_SEV_EXTREME };
	return s[rank];
}

static enum bc_change change_of(const char *kind, const char *last)
{
	int k = kind_rank(kind), l = kind_rank(last);
	if (!strcmp(kind, "50") || !strcmp(kind, "60"))
		return BC_CHANGE_LIFTED;
	if (!strcmp(kind, "00"))
		return l ? BC_CHANGE_LIFTED : BC_CHANGE_NONE;
	/* 72, 73: a warning or advisory lifted, the forecast remains. */
	if (!strcmp(kind, "72") || !strcmp(kind, "73"))
		return BC_CHANGE_DOWNGRADED;
	if (l == 0)
		return BC_CHANGE_ISSUED;
	if (k > l)
		return BC_CHANGE_UPGRADED;
	if (k < l)
		return BC_CHANGE_DOWNGRADED;
	/* 53 "大津波警報：発表" after 52: issued again (switched). */
	return strcmp(kind, "53") == 0 && strcmp(last, "53") != 0
		? BC_CHANGE_ISSUED : BC_CHANGE_CONTINUED;
}

/* JMA's fixed height descriptions (the value alone cannot tell "10 m"
 * from "over 10 m", and 巨大/高い have none). */
static const struct {
	const char *ja, *code;
} heights[] = {
	{ "巨大", "huge" },        { "高い", "high" },
	{ "１０ｍ超", "over10" },  { "１０ｍ", "10" },
	{ "５ｍ", "5" },           { "３ｍ", "3" },
	{ "１ｍ", "1" },           { "０．２ｍ未満", "under0.2" },
};

static void read_max_height(const xmlNode *mh, struct bc_term *t)
{
	const xmlNode *th = bc_jx_child(mh, BC_JX_NS_EB, "TsunamiHeight");
	const char *d = th ? bc_jx_attr(th, "description") : NULL;
	if (!d || !*d)
		return;
	for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++)
		if (strcmp(d, heights[i].ja) == 0) {
			bc_jx_term(t, "TsunamiMaxHeight", heights[i].code, d);
			return;
		}
	/* A description this table does not know: kept, listed as
	 * untranslated by the renderer. */
	bc_jx_term(t, "TsunamiMaxHeight", "", d);
}

/* FirstHeight: the expected (or observed) first arrival, or a condition
 * in its place. */
static enum bc_err read_first(struct bc_jx *jx, const xmlNode *fh,
			      time_t *when, struct bc_term *cond)
{
	const xmlNode *at = bc_jx_child(fh, BC_JX_NS_SEIS, "ArrivalTime");
	const xmlNode *cd = bc_jx_child(fh, BC_JX_NS_SEIS, "Condition");
	enum bc_err e;
	if (at && (e = bc_jx_time(jx, at, "FirstHeight/ArrivalTime", when)))
		return e;
	if (cd) {
		char s[96];
		bc_jx_text(cd, s, sizeof s);
		bc_jx_term(cond, "TsunamiCondition", "", s);
	}
	return BC_E_OK;
}

static struct bc_item *find_area(struct bc_alert *a, const char *code)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (a->items[i].area_type == BC_AREA_TSUNAMI &&
		    strcmp(a->items[i].area_code, code) == 0)
			return &a->items[i];
	return NULL;
}

static enum bc_err area_item(struct bc_jx *jx, const xmlNode *item,
			     const xmlNode *area, bool merge,
			     struct bc_item **out)
{
	char code[16], name[96];
	*out = NULL;
	bc_jx_text(bc_jx_child(area, BC_JX_NS_SEIS, "Code"), code,
		   sizeof code);
	bc_jx_text(bc_jx_child(area, BC_JX_NS_SEIS, "Name"), name,
		   sizeof name);
	if (!code[0])
		return BC_E_OK; /* offshore: no coast */
	if (merge && (*out = find_area(jx->alert, code)))
		return BC_E_OK;
	enum bc_err e = bc_jx_add_item(jx, item, out);
	if (e)
		return e;
	(*out)->area_type = BC_AREA_TSUNAMI;
	bc_strlcpy_utf8((*out)->area_code, code, sizeof (*out)->area_code);
	bc_strlcpy_utf8((*out)->area_name_ja, name,
			sizeof (*out)->area_name_ja);
	return BC_E_OK;
}

static enum bc_err read_forecast_item(struct bc_jx *jx, const xmlNode *item,
				      enum bc_severity *sev)
{
	const xmlNode *area = bc_jx_child(item, BC_JX_NS_SEIS, "Area");
	const xmlNode *cat = bc_jx_child(item, BC_JX_NS_SEIS, "Category");
	struct bc_item *it;
	enum bc_err e;
	if (!area || !cat)
		return bc_jx_fail(jx, BC_E_PARSE, item,
				  "Forecast/Item without Area or Category");
	if ((e = area_item(jx, item, area, false, &it)))
		return e;
	if (!it)
		return bc_jx_fail(jx, BC_E_PARSE, area,
				  "Forecast/Item/Area without Code");
	const xmlNode *k = bc_jx_child(cat, BC_JX_NS_SEIS, "Kind");
	const xmlNode *l = bc_jx_child(cat, BC_JX_NS_SEIS, "LastKind");
	char kc[8], kn[96], lc[8] = "", ln[96] = "";
	bc_jx_text(bc_jx_child(k, BC_JX_NS_SEIS, "Code"), kc, sizeof kc);
	bc_jx_text(bc_jx_child(k, BC_JX_NS_SEIS, "Name"), kn, sizeof kn);
	if (!kc[0])
		return bc_jx_fail(jx, BC_E_PARSE, cat,
				  "Category/Kind without Code");
	if (l) {
		bc_jx_text(bc_jx_child(l, BC_JX_NS_SEIS, "Code"), lc,
			   sizeof lc);
		bc_jx_text(bc_jx_child(l, BC_JX_NS_SEIS, "Name"), ln,
			   sizeof ln);
	}
	it->change = change_of(kc, lc);
	/* 53 "大津波警報：発表" is the Major Tsunami Warning newly issued or
	 * switched to: the class is 大津波警報, the "：発表" is what change
	 * already says. */
	if (!strcmp(kc, "53"))
		snprintf(kn, sizeof kn, "%s", "大津波警報");
	if (!strcmp(lc, "53"))
		snprintf(ln, sizeof ln, "%s", "大津波警報");
	bc_jx_term(&it->term, "TsunamiWarning", kc, kn);
	if (lc[0])
		bc_jx_term(&it->last, "TsunamiWarning", lc, ln);
	const xmlNode *fh = bc_jx_child(item, BC_JX_NS_SEIS, "FirstHeight");
	if (fh && (e = read_first(jx, fh, &it->when, &it->cond)))
		return e;
	const xmlNode *mh = bc_jx_child(item, BC_JX_NS_SEIS, "MaxHeight");
	if (mh)
		read_max_height(mh, &it->value);
	if (it->change != BC_CHANGE_LIFTED) {
		enum bc_severity s = severity_of(kind_rank(kc));
		if (s > *sev)
			*sev = s;
	}
	return BC_E_OK;
}

/* An observed maximum: the value in metres as written ("2.8"), its
 * description ("２．８ｍ以上", "微弱") and what qualifies it. */
static enum bc_err read_observed(struct bc_jx *jx, const xmlNode *mh,
				 struct bc_term *h, unsigned *flags,
				 time_t *when, double *metres)
{
	const xmlNode *th = bc_jx_child(mh, BC_JX_NS_EB, "TsunamiHeight");
	const xmlNode *cd = bc_jx_child(mh, BC_JX_NS_SEIS, "Condition");
	const xmlNode *dt = bc_jx_child(mh, BC_JX_NS_SEIS, "DateTime");
	char cs[64] = "";
	enum bc_err e;
	*metres = NAN;
	*flags = 0;
	*when = 0;
	memset(h, 0, sizeof *h);
	bc_jx_text(cd, cs, sizeof cs);
	if (strstr(cs, "微弱"))
		*flags |= BC_OBS_WEAK;
	if (strstr(cs, "観測中"))
		*flags |= BC_OBS_OBSERVING;
	if (dt && (e = bc_jx_time(jx, dt, "MaxHeight/DateTime", when)))
		return e;
	if (!th)
		return BC_E_OK;
	char v[32];
	const char *d = bc_jx_attr(th, "description");
	const char *c = bc_jx_attr(th, "condition");
	bc_jx_text(th, v, sizeof v);
	double m;
	const char *end;
	if (!bc_jx_decimal(v, &m, &end) || *end)
		return BC_E_OK; /* NaN: no value (yet) */
	if (m < 0 || m > 100)
		return bc_jx_fail(jx, BC_E_ABSURD, th,
				  "observed tsunami height %.1f m out of "
				  "range (0-100 m)", m);
	if ((c && strstr(c, "上昇中")) || (d && strstr(d, "以上")))
		*flags |= BC_OBS_RISING;
	bc_jx_term(h, "TsunamiObserved", v, d);
	*metres = m;
	return BC_E_OK;
}

/* The document-wide highest observation. */
static void note_highest(struct bc_alert *a, const struct bc_term *h,
			 unsigned flags, time_t when, double m,
			 const char *station, double *best)
{
	if (isnan(m) || (!isnan(*best) && m <= *best))
		return;
	*best = m;
	a->seismic.obs_height = *h;
	a->seismic.obs_flags = flags;
	a->seismic.obs_when = when;
	bc_strlcpy_utf8(a->seismic.obs_station_ja, station,
			sizeof a->seismic.obs_station_ja);
}

static enum bc_err read_observation_item(struct bc_jx *jx,
					 const xmlNode *item, double *best)
{
	const xmlNode *area = bc_jx_child(item, BC_JX_NS_SEIS, "Area");
	struct bc_item *it = NULL;
	double coast_best = NAN;
	enum bc_err e;
	if (area && (e = area_item(jx, item, area, true, &it)))
		return e;
	for (const xmlNode *st = bc_jx_elem(item->children); st;
	     st = bc_jx_elem(st->next)) {
		if (!bc_jx_is(st, BC_JX_NS_SEIS, "Station"))
			continue;
		const xmlNode *mh = bc_jx_child(st, BC_JX_NS_SEIS, "MaxHeight");
		if (!mh)
			continue;
		struct bc_term h;
		unsigned flags;
		time_t when;
		double m;
		char name[64];
		if ((e = read_observed(jx, mh, &h, &flags, &when, &m)))
			return e;
		bc_jx_text(bc_jx_child(st, BC_JX_NS_SEIS, "Name"), name,
			   sizeof name);
		if (!it)
			flags |= BC_OBS_OFFSHORE;
		note_highest(jx->alert, &h, flags, when, m, name, best);
		if (!it || isnan(m) || (!isnan(coast_best) && m <= coast_best))
			continue;
		coast_best = m;
		it->observed = h;
		it->obs_flags = flags;
		it->obs_when = when;
	}
	return BC_E_OK;
}

/* VTSE52: what the offshore observations mean for a coast. */
static enum bc_err read_estimation_item(struct bc_jx *jx, const xmlNode *item,
					enum bc_severity *sev)
{
	const xmlNode *area = bc_jx_child(item, BC_JX_NS_SEIS, "Area");
	struct bc_item *it;
	enum bc_err e;
	if (!area)
		return BC_E_OK;
	if ((e = area_item(jx, item, area, true, &it)))
		return e;
	if (!it)
		return BC_E_OK;
	const xmlNode *fh = bc_jx_child(item, BC_JX_NS_SEIS, "FirstHeight");
	if (fh && (e = read_first(jx, fh, &it->when, &it->cond)))
		return e;
	const xmlNode *mh = bc_jx_child(item, BC_JX_NS_SEIS, "MaxHeight");
	if (mh)
		read_max_height(mh, &it->value);
	/* Estimates at warning height (巨大, 高い, 3 m and more) are why
	 * JMA publishes this information. */
	const char *c = it->value.code;
	enum bc_severity s = !strcmp(c, "huge") || !strcmp(c, "over10") ||
			     !strcmp(c, "10") || !strcmp(c, "5")
		? BC_SEV_EXTREME
		: !strcmp(c, "high") || !strcmp(c, "3") ? BC_SEV_SEVERE
		: BC_SEV_MODERATE;
	if (s > *sev)
		*sev = s;
	return BC_E_OK;
}

static enum bc_err read_part(struct bc_jx *jx, const xmlNode *part,
			     enum bc_severity *sev, double *best)
{
	bool fc = bc_jx_is(part, BC_JX_NS_SEIS, "Forecast");
	bool ob = bc_jx_is(part, BC_JX_NS_SEIS, "Observation");
	enum bc_err e = BC_E_OK;
	for (const xmlNode *item = bc_jx_elem(part->children); item && !e;
	     item = bc_jx_elem(item->next)) {
		if (!bc_jx_is(item, BC_JX_NS_SEIS, "Item"))
			continue;
		if (fc)
			e = read_forecast_item(jx, item, sev);
		else if (ob)
			e = read_observation_item(jx, item, best);
		else
			e = read_estimation_item(jx, item, sev);
	}
	return e;
}

/* Forecasts first (JMA writes Observation before Forecast in VTSE51), so
 * that observations and estimates join the coast's forecast item. */
static enum bc_err read_tsunami(struct bc_jx *jx, const xmlNode *ts,
				enum bc_severity *sev)
{
	double best = NAN;
	enum bc_err e = BC_E_OK;
	for (const xmlNode *p = bc_jx_elem(ts->children); p && !e;
	     p = bc_jx_elem(p->next))
		if (bc_jx_is(p, BC_JX_NS_SEIS, "Forecast"))
			e = read_part(jx, p, sev, &best);
	for (const xmlNode *p = bc_jx_elem(ts->children); p && !e;
	     p = bc_jx_elem(p->next))
		if (bc_jx_is(p, BC_JX_NS_SEIS, "Observation") ||
		    bc_jx_is(p, BC_JX_NS_SEIS, "Estimation"))
			e = read_part(jx, p, sev, &best);
	return e;
}

enum bc_err bc_jx_tsunami(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	enum bc_severity sev = BC_SEV_MINOR;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(body->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Tsunami")) {
			if ((e = read_tsunami(jx, c, &sev)))
				return e;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Earthquake")) {
			if ((e = bc_jx_earthquake(jx, c)))
				return e;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Comments")) {
			bc_jx_comments(jx, c);
		}
	}
	/* Observed heights at warning level raise the document's severity
	 * even when the category says less (VTSE52 has none). */
	if (a->seismic.obs_height.code[0] && sev < BC_SEV_MODERATE)
		sev = BC_SEV_MODERATE;

	bool forecast = false, more = false;
	for (size_t i = 0; i < a->n_items; i++) {
		const struct bc_item *it = &a->items[i];
		if (it->change == BC_CHANGE_LIFTED || !it->term.code[0])
			continue;
		if (kind_rank(it->term.code) == 1)
			forecast = true;
		else
			more = true;
	}
	if (!strcmp(a->type, "VTSE41") && forecast && !more &&
	    !a->valid_until && a->msg_type != BC_MSG_CANCEL) {
		a->valid_until = a->reported + FORECAST_FALLBACK_VALIDITY;
		bc_warn(BC_JX_LOG, "%s: tsunami forecast without "
			"Head/ValidDateTime: valid for 24 hours",
			a->source[0] ? a->source : "(memory)");
	}
	a->level = 0;
	a->severity = a->msg_type == BC_MSG_CANCEL ? BC_SEV_MINOR : sev;
	return BC_E_OK;
}
