/* jmaxml_quake.c — earthquake information, VXSE53 (震源・震度に関する情報).
 *
 * Body/Earthquake gives the quake (origin time, epicentre, hypocentre,
 * magnitude), Body/Intensity/Observation the intensities down to the
 * municipality, Body/Comments the fixed comments (固定付加文) by code.
 * Layout and value rules: JMA 地震火山関連XML電文解説資料 Ⅱ(ⅰ)ウ(ウ).
 *
 * One bc_item per Pref/Area/City: area_type CITY, term SeismicIntensity
 * with the city's MaxInt ("5-", ja "震度５弱").  A city whose Condition is
 * "震度５弱以上未入電" (a station there probably saw 5-lower or more but
 * its value has not arrived) gets the code "5-?" and that Condition as ja,
 * whatever MaxInt the other stations gave: "5 lower or more, unconfirmed"
 * is the safer reading; a MaxInt given beside it is kept in item.value.
 * A 取消 (cancellation) has no Earthquake and no Intensity: no items.
 */
#include <math.h>
#include <string.h>

#include "jmaxml_internal.h"

#define UNRECEIVED "震度５弱以上未入電"

struct intensity {
	const char *code;
	const char *ja;
	enum bc_severity sev;
};

/* JMA's seismic intensity classes and how they rank for severity. */
static const struct intensity intensities[] = {
	{ "1", "震度１", BC_SEV_MINOR },
	{ "2", "震度２", BC_SEV_MINOR },
	{ "3", "震度３", BC_SEV_MINOR },
	{ "4", "震度４", BC_SEV_MODERATE },
	{ "5-", "震度５弱", BC_SEV_SEVERE },
	{ "5+", "震度５強", BC_SEV_SEVERE },
	{ "6-", "震度６弱", BC_SEV_EXTREME },
	{ "6+", "震度６強", BC_SEV_EXTREME },
	{ "7", "震度７", BC_SEV_EXTREME },
};

static const struct intensity *find_intensity(const char *code)
{
	for (size_t i = 0; i < sizeof intensities / sizeof intensities[0]; i++)
		if (strcmp(intensities[i].code, code) == 0)
			return &intensities[i];
	return NULL;
}

static enum bc_err read_intensity(struct bc_jx *jx, const xmlNode *el,
				  const struct intensity **out)
{
	char s[16];
	bc_jx_text(el, s, sizeof s);
	*out = find_intensity(s);
	if (!*out)
		return bc_jx_fail(jx, BC_E_PARSE, el,
				  "unknown seismic intensity '%s'", s);
	return BC_E_OK;
}

static void set_term(struct bc_term *t, const char *code, const char *ja)
{
	memcpy(t->table, "SeismicIntensity", sizeof "SeismicIntensity");
	bc_strlcpy_utf8(t->code, code, sizeof t->code);
	bc_strlcpy_utf8(t->ja, ja, sizeof t->ja);
}

/* ISO 6709 as JMA writes it: "+34.3+135.2-10000/" (degrees, degrees,
 * height in metres, negative below sea level), "+37.5+138.6/" (depth
 * unknown), "+37.5+138.6+0/" (ごく浅い), "" (震源要素不明). */
static enum bc_err read_coordinate(struct bc_jx *jx, const xmlNode *el)
{
	struct bc_quake *q = &jx->alert->quake;
	char s[64];
	const char *p;
	double lat, lon, h;

	q->lat = q->lon = NAN;
	q->depth_km = -1;
	if (bc_jx_text(el, s, sizeof s) == 0)
		return BC_E_OK;
	if ((s[0] != '+' && s[0] != '-') || !bc_jx_decimal(s, &lat, &p) ||
	    (*p != '+' && *p != '-') || !bc_jx_decimal(p, &lon, &p))
		goto bad;
	if (*p == '+' || *p == '-') {
		if (!bc_jx_decimal(p, &h, &p))
			goto bad;
	} else {
		h = NAN;
	}
	if (*p != '/' || p[1] != '\0')
		goto bad;
	if (lat < -90 || lat > 90)
		return bc_jx_fail(jx, BC_E_ABSURD, el,
				  "latitude %.1f out of range", lat);
	if (lon < -180 || lon > 180)
		return bc_jx_fail(jx, BC_E_ABSURD, el,
				  "longitude %.1f out of range", lon);
	q->lat = lat;
	q->lon = lon;
	if (!isnan(h)) {
		double depth_m = -h;
		if (depth_m < 0 || depth_m > 1000000)
			return bc_jx_fail(jx, BC_E_ABSURD, el,
					  "depth %.0f km out of range "
					  "(0-1000 km)", depth_m / 1000);
		q->depth_km = (int)((depth_m + 500) / 1000);
	}
	return BC_E_OK;
bad:
	return bc_jx_fail(jx, BC_E_PARSE, el, "bad coordinate '%s'", s);
}

static enum bc_err read_magnitude(struct bc_jx *jx, const xmlNode *el)
{
	struct bc_quake *q = &jx->alert->quake;
	char s[32];
	double m;
	const char *end;

	bc_jx_text(el, s, sizeof s);
	if (strcmp(s, "NaN") == 0) {
		/* Unknown, or too big to measure yet: the description says
		 * which ("Ｍ不明", "Ｍ８を超える巨大地震"). */
		const char *d = bc_jx_attr(el, "description");
		if (!d || !*d)
			d = bc_jx_attr(el, "condition");
		q->magnitude = NAN;
		bc_strlcpy_utf8(q->magnitude_desc, d && *d ? d : "不明",
				sizeof q->magnitude_desc);
		return BC_E_OK;
	}
	if (!bc_jx_decimal(s, &m, &end) || *end)
		return bc_jx_fail(jx, BC_E_PARSE, el, "bad magnitude '%s'", s);
	if (m < -1 || m > 10)
		return bc_jx_fail(jx, BC_E_ABSURD, el,
				  "magnitude %.1f out of range (-1 to 10)", m);
	q->magnitude = m;
	return BC_E_OK;
}

static enum bc_err read_earthquake(struct bc_jx *jx, const xmlNode *eq)
{
	struct bc_quake *q = &jx->alert->quake;
	const xmlNode *origin = NULL, *coord = NULL, *mag = NULL;
	enum bc_err e;

	q->present = true;
	for (const xmlNode *c = bc_jx_elem(eq->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "OriginTime")) {
			origin = c;
		} else if (!mag && bc_jx_is(c, BC_JX_NS_EB, "Magnitude")) {
			mag = c;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Hypocenter")) {
			const xmlNode *area = bc_jx_elem(c->children);
			while (area && !bc_jx_is(area, BC_JX_NS_SEIS, "Area"))
				area = bc_jx_elem(area->next);
			if (!area)
				continue;
			for (const xmlNode *h = bc_jx_elem(area->children); h;
			     h = bc_jx_elem(h->next)) {
				if (bc_jx_is(h, BC_JX_NS_SEIS, "Name")) {
					bc_jx_text(h, q->epicenter_ja,
						   sizeof q->epicenter_ja);
				} else if (bc_jx_is(h, BC_JX_NS_SEIS, "Code")) {
					bc_jx_text(h, q->epicenter_code,
						   sizeof q->epicenter_code);
				} else if (bc_jx_is(h, BC_JX_NS_EB,
						    "Coordinate")) {
					/* Old documents give the Tokyo datum
					 * (datum="日本測地系") beside WGS 84:
					 * prefer the one without a datum. */
					if (!coord ||
					    (bc_jx_attr(coord, "datum") &&
					     !bc_jx_attr(h, "datum")))
						coord = h;
				}
			}
		}
	}
	if (!origin)
		return bc_jx_fail(jx, BC_E_PARSE, eq,
				  "missing Earthquake/OriginTime");
	if ((e = bc_jx_time(jx, origin, "Earthquake/OriginTime",
			    &q->origin_time)))
		return e;
	if (coord && (e = read_coordinate(jx, coord)))
		return e;
	if (mag && (e = read_magnitude(jx, mag)))
		return e;
	return BC_E_OK;
}

static enum bc_err read_city(struct bc_jx *jx, const xmlNode *city,
			     enum bc_severity *sev)
{
	const xmlNode *name = NULL, *code = NULL, *maxint = NULL;
	char cond[64] = "";
	const struct intensity *in = NULL;
	struct bc_item *it;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(city->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Name"))
			name = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Code"))
			code = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "MaxInt"))
			maxint = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Condition"))
			bc_jx_text(c, cond, sizeof cond);
	}
	if (maxint && (e = read_intensity(jx, maxint, &in)))
		return e;
	bool unreceived = strcmp(cond, UNRECEIVED) == 0;
	if (!in && !unreceived)
		return BC_E_OK; /* says nothing about shaking here */
	if (!code || !code->children)
		return bc_jx_fail(jx, BC_E_PARSE, city, "City without Code");
	if ((e = bc_jx_add_item(jx, city, &it)))
		return e;
	it->area_type = BC_AREA_CITY;
	bc_jx_text(code, it->area_code, sizeof it->area_code);
	bc_jx_text(name, it->area_name_ja, sizeof it->area_name_ja);
	it->change = BC_CHANGE_NONE;
	if (unreceived) {
		set_term(&it->term, "5-?", UNRECEIVED);
		if (in)
			set_term(&it->value, in->code, in->ja);
		if (*sev < BC_SEV_SEVERE)
			*sev = BC_SEV_SEVERE;
	} else {
		set_term(&it->term, in->code, in->ja);
		if (in->sev > *sev)
			*sev = in->sev;
	}
	return BC_E_OK;
}

static enum bc_err read_observation(struct bc_jx *jx, const xmlNode *obs,
				    enum bc_severity *sev)
{
	struct bc_quake *q = &jx->alert->quake;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(obs->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "MaxInt")) {
			const struct intensity *in;
			if ((e = read_intensity(jx, c, &in)))
				return e;
			memcpy(q->max_int, in->code, strlen(in->code) + 1);
			if (in->sev > *sev)
				*sev = in->sev;
			continue;
		}
		if (!bc_jx_is(c, BC_JX_NS_SEIS, "Pref"))
			continue;
		for (const xmlNode *ar = bc_jx_elem(c->children); ar;
		     ar = bc_jx_elem(ar->next)) {
			if (!bc_jx_is(ar, BC_JX_NS_SEIS, "Area"))
				continue;
			for (const xmlNode *ci = bc_jx_elem(ar->children); ci;
			     ci = bc_jx_elem(ci->next)) {
				if (!bc_jx_is(ci, BC_JX_NS_SEIS, "City"))
					continue;
				if ((e = read_city(jx, ci, sev)))
					return e;
			}
		}
	}
	return BC_E_OK;
}

/* Codes of 固定付加文, space separated ("0211 0241"). */
static void read_comment_codes(struct bc_jx *jx, const xmlNode *comment)
{
	struct bc_quake *q = &jx->alert->quake;
	const xmlNode *code = bc_jx_elem(comment->children);
	while (code && !bc_jx_is(code, BC_JX_NS_SEIS, "Code"))
		code = bc_jx_elem(code->next);
	if (!code)
		return;
	char s[128];
	bc_jx_text(code, s, sizeof s);
	const int max = (int)(sizeof q->comments / sizeof q->comments[0]);
	for (char *p = s; *p && q->n_comments < max;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t n = strcspn(p, " \t\n\r");
		if (n == 0)
			break;
		/* Codes are four digits; anything longer is not one. */
		if (n < sizeof q->comments[0]) {
			memcpy(q->comments[q->n_comments], p, n);
			q->comments[q->n_comments][n] = '\0';
			q->n_comments++;
		}
		p += n;
	}
}

enum bc_err bc_jx_quake(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	enum bc_severity sev = BC_SEV_MINOR;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(body->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Earthquake")) {
			if ((e = read_earthquake(jx, c)))
				return e;
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Intensity")) {
			for (const xmlNode *o = bc_jx_elem(c->children); o;
			     o = bc_jx_elem(o->next)) {
				if (!bc_jx_is(o, BC_JX_NS_SEIS, "Observation"))
					continue;
				if ((e = read_observation(jx, o, &sev)))
					return e;
			}
		} else if (bc_jx_is(c, BC_JX_NS_SEIS, "Comments")) {
			for (const xmlNode *k = bc_jx_elem(c->children); k;
			     k = bc_jx_elem(k->next)) {
				if (bc_jx_is(k, BC_JX_NS_SEIS,
					     "ForecastComment") ||
				    bc_jx_is(k, BC_JX_NS_SEIS, "VarComment"))
					read_comment_codes(jx, k);
			}
		}
	}
	/* Quakes have intensities, not warning levels. */
	a->level = 0;
	a->severity = sev;
	return BC_E_OK;
}
