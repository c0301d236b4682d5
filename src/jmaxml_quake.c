/* jmaxml_quake.c — earthquake information: VXSE53 (震源・震度に関する情報),
 * VXSE51 (震度速報), VXSE52 (震源に関する情報), VXSE61 (顕著な地震の震源
 * 要素更新のお知らせ) and VXSE62 (長周期地震動に関する観測情報); and the
 * Body/Earthquake and Body/Comments parts every seismic family shares
 * (jmaxml_seismic.h).
 *
 * Body/Earthquake gives the quake (origin time, epicentre, hypocentre,
 * magnitude), Body/Intensity/Observation the intensities, Body/Comments
 * the fixed comments (固定付加文) by code.  Layout and value rules: JMA
 * 地震火山関連XML電文解説資料 Ⅱ(ⅰ)ウ.
 *
 * Items by type:
 * - VXSE53: one per Pref/Area/City: area_type CITY, term SeismicIntensity
 *   with the city's MaxInt ("5-", ja "震度５弱").  A city whose Condition
 *   is "震度５弱以上未入電" (a station there probably saw 5-lower or more
 *   but its value has not arrived) gets the code "5-?" and that Condition
 *   as ja, whatever MaxInt the other stations gave: "5 lower or more,
 *   unconfirmed" is the safer reading; a MaxInt given beside it is kept in
 *   item.value.
 * - VXSE51: one per Pref/Area (地震情報／細分区域, area_type QUAKE), term
 *   the area's MaxInt; places expands the area to its municipalities.
 * - VXSE62: one per Pref/Area (QUAKE), term the area's long-period ground
 *   motion class (LongPeriodIntensity "3", ja "長周期地震動階級３"), value
 *   its MaxInt; seismic.max_lg the highest class.
 * - VXSE52, VXSE61: none; the hypocentre is the news (national message).
 * A 取消 (cancellation) has no Earthquake and no Intensity: no items.
 */
#include <math.h>
#include <string.h>

#include "jmaxml_seismic.h"

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

bool bc_jx_intensity(const char *code, struct bc_term *t,
		     enum bc_severity *sev)
{
	const struct intensity *in = find_intensity(code);
	if (!in)
		return false;
	bc_jx_term(t, "SeismicIntensity", in->code, in->ja);
	if (sev)
		*sev = in->sev;
	return true;
}

int bc_jx_intensity_rank(const char *code)
{
	static const int n = sizeof intensities / sizeof intensities[0];
	if (strcmp(code, "over") == 0)
		return n + 1;
	for (int i = 0; i < n; i++)
		if (strcmp(intensities[i].code, code) == 0)
			return i + 1;
	return 0;
}

void bc_jx_term(struct bc_term *t, const char *table, const char *code,
		const char *ja)
{
	bc_strlcpy_utf8(t->table, table ? table : "", sizeof t->table);
	bc_strlcpy_utf8(t->code, code ? code : "", sizeof t->code);
	bc_strlcpy_utf8(t->ja, ja ? ja : "", sizeof t->ja);
}

const xmlNode *bc_jx_child(const xmlNode *el, const char *ns,
			   const char *name)
{
	if (!el)
		return NULL;
	for (const xmlNode *c = bc_jx_elem(el->children); c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, ns, name))
			return c;
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

enum bc_err bc_jx_earthquake(struct bc_jx *jx, const xmlNode *eq)
{
	struct bc_quake *q = &jx->alert->quake;
	const xmlNode *origin = NULL, *coord = NULL, *mag = NULL;
	enum bc_err e;

	if (q->present) {
		/* A further earthquake (tsunami documents cite each one that
		 * contributes): only its time is checked; the first one is
		 * the one the messages describe. */
		time_t t;
		jx->alert->seismic.n_earthquakes++;
		const xmlNode *o = bc_jx_child(eq, BC_JX_NS_SEIS, "OriginTime");
		if (!o)
			return bc_jx_fail(jx, BC_E_PARSE, eq,
					  "missing Earthquake/OriginTime");
		return bc_jx_time(jx, o, "Earthquake/OriginTime", &t);
	}
	q->present = true;
	jx->alert->seismic.n_earthquakes++;
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
					/* VXSE61 adds the position in
					 * degrees and minutes
					 * ("+3447.1+13829.9…", type
					 * 震源位置（度分）): not degrees. */
					const char *ct = bc_jx_attr(h, "type");
					if (ct && strstr(ct, "度分"))
						continue;
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

/* Long-period ground motion classes (長周期地震動階級, JMA's 1-4; 0 is
 * "below class 1") and the severity of what people on upper floors of
 * tall buildings felt. */
static bool lg_class(const char *code, struct bc_term *t,
		     enum bc_severity *sev)
{
	static const char *const ja[] = {
		"長周期地震動階級０", "長周期地震動階級１",
		"長周期地震動階級２", "長周期地震動階級３",
		"長周期地震動階級４" };
	static const enum bc_severity sv[] = {
		BC_SEV_MINOR, BC_SEV_MINOR, BC_SEV_MODERATE, BC_SEV_SEVERE,
		BC_SEV_EXTREME };
	if (code[0] < '0' || code[0] > '4' || code[1])
		return false;
	int k = code[0] - '0';
	bc_jx_term(t, "LongPeriodIntensity", code, ja[k]);
	*sev = sv[k];
	return true;
}

/* VXSE51 and VXSE62: one item per seismic-information area. */
static enum bc_err read_area(struct bc_jx *jx, const xmlNode *area,
			     bool lg, enum bc_severity *sev)
{
	const xmlNode *name = NULL, *code = NULL, *maxint = NULL, *maxlg = NULL;
	struct bc_item *it;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(area->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_SEIS, "Name"))
			name = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "Code"))
			code = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "MaxInt"))
			maxint = c;
		else if (bc_jx_is(c, BC_JX_NS_SEIS, "MaxLgInt"))
			maxlg = c;
	}
	if (!code || !code->children)
		return bc_jx_fail(jx, BC_E_PARSE, area, "Area without Code");
	if (lg ? !maxlg : !maxint)
		return BC_E_OK; /* says nothing about shaking here */
	const struct intensity *in = NULL;
	if (maxint && (e = read_intensity(jx, maxint, &in)))
		return e;
	struct bc_term lgt;
	enum bc_severity lsev = BC_SEV_MINOR;
	if (lg) {
		char s[16];
		bc_jx_text(maxlg, s, sizeof s);
		if (!lg_class(s, &lgt, &lsev))
			return bc_jx_fail(jx, BC_E_PARSE, maxlg,
					  "unknown long-period ground motion "
					  "class '%s'", s);
	}
	if ((e = bc_jx_add_item(jx, area, &it)))
		return e;
	it->area_type = BC_AREA_QUAKE;
	bc_jx_text(code, it->area_code, sizeof it->area_code);
	bc_jx_text(name, it->area_name_ja, sizeof it->area_name_ja);
	it->change = BC_CHANGE_NONE;
	if (lg) {
		it->term = lgt;
		if (in)
			set_term(&it->value, in->code, in->ja);
		if (lsev > *sev)
			*sev = lsev;
		struct bc_seismic *sm = &jx->alert->seismic;
		if (strcmp(lgt.code, sm->max_lg.code) > 0)
			sm->max_lg = lgt;
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
	const char *type = jx->alert->type;
	/* 震度速報 and 長周期地震動 information go no finer than the
	 * seismic-information area; 震源・震度情報 down to the city. */
	bool by_area = strcmp(type, "VXSE51") == 0 ||
		       strcmp(type, "VXSE62") == 0;
	bool lg = strcmp(type, "VXSE62") == 0;
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
			if (by_area) {
				if ((e = read_area(jx, ar, lg, sev)))
					return e;
				continue;
			}
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

void bc_jx_comments(struct bc_jx *jx, const xmlNode *comments)
{
	for (const xmlNode *k = bc_jx_elem(comments->children); k;
	     k = bc_jx_elem(k->next)) {
		if (bc_jx_is(k, BC_JX_NS_SEIS, "WarningComment") ||
		    bc_jx_is(k, BC_JX_NS_SEIS, "ForecastComment") ||
		    bc_jx_is(k, BC_JX_NS_SEIS, "VarComment"))
			read_comment_codes(jx, k);
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
			if ((e = bc_jx_earthquake(jx, c)))
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
			bc_jx_comments(jx, c);
		}
	}
	/* Quakes have intensities, not warning levels. */
	a->level = 0;
	a->severity = sev;
	return BC_E_OK;
}
