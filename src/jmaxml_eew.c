/* jmaxml_eew.c — Earthquake Early Warning: VXSE43 (緊急地震速報（警報）),
 * and the forecast grade VXSE44 (緊急地震速報（予報）) and VXSE45
 * (緊急地震速報（地震動予報）), which share the layout.  JMA 地震火山関連
 * XML電文解説資料 Ⅱ(ⅰ)イ.
 *
 * Body/Earthquake is the (preliminary) quake; Body/Intensity/Forecast
 * lists, per EEW region (Pref, 緊急地震速報／府県予報区) and seismic area
 * (Pref/Area, 地震情報／細分区域), the intensity expected there
 * (ForecastInt From/To), whether the warning covers it
 * (Category/Kind: 1x warning, 0x forecast; x1 "already arrived", x9 no
 * arrival time estimated — PLUM method), and when the main shaking
 * arrives (ArrivalTime) or that it already has (Condition).
 *
 * One bc_item per Pref/Area: area_type QUAKE (places expands it to its
 * municipalities), term the lower intensity ("5-"), upto the upper one
 * when different ("over" = "or more"), value the category
 * (EarthquakeForecast code), when the arrival, cond the Condition.
 * Serials count up within one EventID and may arrive out of order; a
 * 取消 carries no Body but a Text: no items.
 */
#include <string.h>

#include "jmaxml_seismic.h"

/* ForecastInt From/To: an intensity, "over" (To only: "or more"), "0"
 * (below 1) or "不明".  Codes the table does not know are kept as codes,
 * so that the renderer can list them as untranslated. */
static void forecast_int(const xmlNode *el, struct bc_term *t,
			 enum bc_severity *sev)
{
	char s[16];
	bc_jx_text(el, s, sizeof s);
	if (bc_jx_intensity(s, t, sev))
		return;
	*sev = BC_SEV_UNKNOWN;
	if (strcmp(s, "over") == 0)
		bc_jx_term(t, "SeismicIntensity", "over", "程度以上");
	else
		bc_jx_term(t, "SeismicIntensity", s, "");
}

static void read_range(const xmlNode *fi, struct bc_term *from,
		       struct bc_term *to, enum bc_severity *sev)
{
	enum bc_severity s1 = BC_SEV_UNKNOWN, s2 = BC_SEV_UNKNOWN;
	const xmlNode *f = bc_jx_child(fi, BC_JX_NS_SEIS, "From");
	const xmlNode *t = bc_jx_child(fi, BC_JX_NS_SEIS, "To");
	memset(from, 0, sizeof *from);
	memset(to, 0, sizeof *to);
	if (f)
		forecast_int(f, from, &s1);
	if (t)
		forecast_int(t, to, &s2);
	if (!f && t) {
		*from = *to;
		memset(to, 0, sizeof *to);
	}
	/* "From 4 To 4" is one class. */
	if (strcmp(from->code, to->code) == 0)
		memset(to, 0, sizeof *to);
	*sev = s1 > s2 ? s1 : s2;
}

static enum bc_err read_area(struct bc_jx *jx, const xmlNode *area,
			     enum bc_severity *sev)
{
	struct bc_alert *a = jx->alert;
	const xmlNode *code = NULL, *name = NULL, *fi = NULL, *kind = NULL;
	const xmlNode *arr = NULL, *cond = NULL;
	struct bc_item *it;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(area->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Code"))
			code = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Name"))
			name = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "ForecastInt"))
			fi = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Category"))
			kind = bc_jx_child(c, BC_JX_NS_SEIS, "Kind");
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "ArrivalTime"))
			arr = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Condition"))
			cond = c;
	}
	if (!code || !code->children)
		return bc_jx_fail(jx, BC_E_PARSE, area,
				  "Forecast/Pref/Area without Code");
	if ((e = bc_jx_add_item(jx, area, &it)))
		return e;
	it->area_type = BC_AREA_QUAKE;
	bc_jx_text(code, it->area_code, sizeof it->area_code);
	bc_jx_text(name, it->area_name_ja, sizeof it->area_name_ja);
	it->change = BC_CHANGE_NONE;
	enum bc_severity s = BC_SEV_UNKNOWN;
	if (fi)
		read_range(fi, &it->term, &it->upto, &s);
	if (kind) {
		char kc[8], kn[64];
		bc_jx_text(bc_jx_child(kind, BC_JX_NS_SEIS, "Code"), kc,
			   sizeof kc);
		bc_jx_text(bc_jx_child(kind, BC_JX_NS_SEIS, "Name"), kn,
			   sizeof kn);
		bc_jx_term(&it->value, "EarthquakeForecast", kc, kn);
		/* 10, 11, 19: the warning covers this area: people there
		 * must act now, whatever the intensity. */
		if (kc[0] == '1') {
			a->seismic.warning = true;
			if (s < BC_SEV_SEVERE)
				s = BC_SEV_SEVERE;
		}
	}
	if (arr && (e = bc_jx_time(jx, arr, "Area/ArrivalTime", &it->when)))
		return e;
	if (cond) {
		char cs[96];
		bc_jx_text(cond, cs, sizeof cs);
		bc_jx_term(&it->cond, "EarthquakeCondition", "", cs);
	}
	if (s > *sev)
		*sev = s;
	return BC_E_OK;
}

static enum bc_err read_forecast(struct bc_jx *jx, const xmlNode *fc,
				 enum bc_severity *sev)
{
	struct bc_alert *a = jx->alert;
	enum bc_err e;
	for (const xmlNode *c = bc_jx_elem(fc->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "ForecastInt")) {
			enum bc_severity s;
			read_range(c, &a->seismic.fc_from, &a->seismic.fc_to,
				   &s);
			if (a->seismic.fc_from.ja[0] &&
			    strcmp(a->seismic.fc_from.code, "over") != 0)
				bc_strlcpy_utf8(a->quake.max_int,
						a->seismic.fc_from.code,
						sizeof a->quake.max_int);
			continue;
		}
		if (!bc_jx_is(c, BC_JX_NS_SEIS, "Pref"))
			continue;
		for (const xmlNode *ar = bc_jx_elem(c->children); ar;
		     ar = bc_jx_elem(ar->next)) {
			if (!bc_jx_is(ar, BC_JX_NS_SEIS, "Area"))
				continue;
			if ((e = read_area(jx, ar, sev)))
				return e;
		}
	}
	return BC_E_OK;
}

enum bc_err bc_jx_eew(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	enum bc_severity sev = BC_SEV_UNKNOWN;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(body->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Earthquake")) {
			if ((e = bc_jx_earthquake(jx, c)))
				return e;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Intensity")) {
			const xmlNode *fc =
				bc_jx_child(c, BC_JX_NS_SEIS, "Forecast");
			if (fc && (e = read_forecast(jx, fc, &sev)))
				return e;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Comments")) {
			bc_jx_comments(jx, c);
		}
	}
	/* A warning is issued when 5-lower or more is expected somewhere. */
	if (a->seismic.warning && sev < BC_SEV_SEVERE)
		sev = BC_SEV_SEVERE;
	a->level = 0;
	a->severity = a->msg_type == BC_MSG_CANCEL ? BC_SEV_MINOR : sev;
	return BC_E_OK;
}
