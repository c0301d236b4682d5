/* jmaxml_rain.c — record short-time heavy rain and linear rainbands:
 * 記録的短時間大雨情報 (VPOA50) and the parts of 府県気象防災速報 (VPBS50)
 * that say the same things.
 *
 * VPOA50 (記録的短時間大雨情報 XML; samples 18_*): Body/Warning[@type=
 * "記録的短時間大雨情報（発表細分）"] names forecast areas with Kind/Code 1
 * (発表) or 0 (なし); the amount and the time are only in the headline
 * text ("１９時４０分北海道で記録的短時間大雨\n札幌市中央区付近で約１００
 * ミリ\n…").  Each area with code 1 is an item; the text gives every item
 * the largest amount written and the time of the first line, when they
 * can be read.
 *
 * VPBS50 (気象解説情報形式 XML, 別表2 情報タグキーワード) says which of
 * its parts it carries in Head/Headline/Information[@type="情報タグ"]/
 * Item/Kind/Condition, with the forecast areas it is issued for.  Parts
 * broadcast here:
 *   記録雨            record short-time heavy rain (successor of VPOA50):
 *                     Body/MeteorologicalInfos/…/Item with an Area of
 *                     codeType 気象・地震・火山情報／市町村等 names the
 *                     municipality, jmx_eb:Precipitation the amount and
 *                     Time the time: one item per municipality.
 *   線状降水帯発生    linear rainband (顕著な大雨に関する気象情報): one
 *                     item per tagged forecast area, with the Event Time
 *                     the Body gives for that area.
 *   線状降水帯直前    linear rainband expected within 3 hours (線状降水帯
 *                     直前予測): likewise.
 * Any other part (短時間大雪, 大雨, 台風, …) is not this kind's news: the
 * document is skipped (BC_E_UNSUPPORTED, naming the part).
 *
 * Terms: HazardousRain/1 記録的短時間大雨情報 for record rain; the tag for
 * the rainband parts (table InfoTag, codes "rainband", "rainband-3h").
 * Item value: the amount in whole mm as value.code (table "RainAmount"),
 * JMA's wording ("約１００ミリ") as value.ja; item when: the observation or
 * event time.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jmaxml_internal.h"

#define NAME_RECORD "記録的短時間大雨情報"
#define TAG_RECORD "記録雨"
#define TAG_BAND "線状降水帯発生"
#define TAG_BAND_SOON "線状降水帯直前"

static void name_code(const xmlNode *el, const char *ns, char *name,
		      size_t name_size, char *code, size_t code_size)
{
	name[0] = code[0] = '\0';
	for (const xmlNode *c = bc_jx_elem(el->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, ns, "Name"))
			bc_jx_text(c, name, name_size);
		else if (bc_jx_is(c, ns, "Code"))
			bc_jx_text(c, code, code_size);
	}
}

static const xmlNode *child(const xmlNode *el, const char *ns,
			    const char *name)
{
	for (const xmlNode *c = el ? bc_jx_elem(el->children) : NULL; c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, ns, name))
			return c;
	return NULL;
}

/* A digit, ASCII or full-width (EF BC 90..99); its value, or -1. */
static int digit_at(const unsigned char *p, size_t *len)
{
	if (p[0] >= '0' && p[0] <= '9') {
		*len = 1;
		return p[0] - '0';
	}
	if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
		*len = 3;
		return p[2] - 0x90;
	}
	return -1;
}

/* The number written just before each "ミリ" of a VPOA50 headline; the
 * largest, or -1. */
static long headline_amount(const char *text)
{
	static const char mm[] = "ミリ";
	long best = -1;
	for (const char *p = text; (p = strstr(p, mm)); p += sizeof mm - 1) {
		/* Walk back over the digits (each 1 or 3 bytes). */
		const char *q = p;
		long v = 0, scale = 1;
		int n = 0;
		for (;;) {
			size_t len;
			if (q - text >= 3 &&
			    digit_at((const unsigned char *)q - 3, &len) >= 0 &&
			    len == 3)
				q -= 3;
			else if (q - text >= 1 &&
				 digit_at((const unsigned char *)q - 1, &len) >=
					 0 && len == 1)
				q -= 1;
			else
				break;
			size_t l2;
			v += digit_at((const unsigned char *)q, &l2) * scale;
			scale *= 10;
			/* Rain in one hour stays under a few hundred mm. */
			if (++n > 4)
				break;
		}
		if (n > 0 && n <= 4 && v > best)
			best = v;
	}
	return best;
}

/* "HH時MM分" at the start of the VPOA50 headline (after blank lines), in
 * Japan time on the day of the report; 0 if absent.  A time later than the
 * report is the previous day's. */
static time_t headline_time(const char *text, time_t reported)
{
	const unsigned char *p = (const unsigned char *)text;
	int v[2] = { 0, 0 };
	while (*p == '\n' || *p == '\r' || *p == ' ')
		p++;
	for (int f = 0; f < 2; f++) {
		int n = 0;
		size_t len;
		int d;
		while ((d = digit_at(p, &len)) >= 0 && n < 2) {
			v[f] = v[f] * 10 + d;
			p += len;
			n++;
		}
		const char *unit = f ? "分" : "時";
		if (n == 0 || strncmp((const char *)p, unit, strlen(unit)) != 0)
			return 0;
		p += strlen(unit);
	}
	if (v[0] > 23 || v[1] > 59)
		return 0;
	time_t jst = reported + 9 * 3600;
	time_t day = jst - jst % 86400;
	time_t t = day + v[0] * 3600 + v[1] * 60 - 9 * 3600;
	if (t > reported)
		t -= 86400;
	return t;
}

static enum bc_err add_item(struct bc_jx *jx, const xmlNode *at,
			    enum bc_area_type type, const char *code,
			    const char *name, const struct bc_term *term,
			    long amount, const char *amount_ja, time_t when)
{
	struct bc_item *it;
	enum bc_err e = bc_jx_add_item(jx, at, &it);
	if (e)
		return e;
	it->area_type = type;
	bc_strlcpy_utf8(it->area_code, code, sizeof it->area_code);
	bc_strlcpy_utf8(it->area_name_ja, name, sizeof it->area_name_ja);
	it->term = *term;
	it->change = BC_CHANGE_ISSUED;
	it->when = when;
	if (amount >= 0) {
		memcpy(it->value.table, "RainAmount", sizeof "RainAmount");
		snprintf(it->value.code, sizeof it->value.code, "%d",
			 (int)(amount % 100000));
		bc_strlcpy_utf8(it->value.ja, amount_ja, sizeof it->value.ja);
	}
	return BC_E_OK;
}

static enum bc_err vpoa50(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	const struct bc_term term = { "HazardousRain", "1", NAME_RECORD };
	long amount = headline_amount(a->headline_ja);
	time_t when = headline_time(a->headline_ja, a->reported);
	char amount_ja[32] = "";
	enum bc_err e;
	if (amount >= 0)
		snprintf(amount_ja, sizeof amount_ja, "%ldミリ", amount);
	for (const xmlNode *w = bc_jx_elem(body->children); w;
	     w = bc_jx_elem(w->next)) {
		if (!bc_jx_is(w, BC_JX_NS_METE, "Warning"))
			continue;
		for (const xmlNode *item = bc_jx_elem(w->children); item;
		     item = bc_jx_elem(item->next)) {
			char kn[96], kc[16], name[96], code[16];
			if (!bc_jx_is(item, BC_JX_NS_METE, "Item"))
				continue;
			const xmlNode *kind = child(item, BC_JX_NS_METE,
						    "Kind");
			const xmlNode *area = child(item, BC_JX_NS_METE,
						    "Area");
			if (!kind)
				continue;
			name_code(kind, BC_JX_NS_METE, kn, sizeof kn, kc,
				  sizeof kc);
			if (strcmp(kc, "1") != 0)
				continue; /* なし */
			if (!area)
				return bc_jx_fail(jx, BC_E_PARSE, item,
						  "Item without Area");
			name_code(area, BC_JX_NS_METE, name, sizeof name, code,
				  sizeof code);
			if (!code[0])
				return bc_jx_fail(jx, BC_E_PARSE, area,
						  "Area without Code");
			if ((e = add_item(jx, item, BC_AREA_FORECAST, code,
					  name, &term, amount, amount_ja,
					  when)))
				return e;
		}
	}
	return BC_E_OK;
}

/* The 情報タグ of a VPBS50: its Condition and its Areas element. */
static const xmlNode *info_tag(const xmlNode *head, char *tag, size_t size)
{
	tag[0] = '\0';
	const xmlNode *hl = child(head, BC_JX_NS_IB, "Headline");
	for (const xmlNode *inf = hl ? bc_jx_elem(hl->children) : NULL; inf;
	     inf = bc_jx_elem(inf->next)) {
		const char *type = bc_jx_attr(inf, "type");
		if (!bc_jx_is(inf, BC_JX_NS_IB, "Information") || !type ||
		    strcmp(type, "情報タグ") != 0)
			continue;
		const xmlNode *item = child(inf, BC_JX_NS_IB, "Item");
		const xmlNode *kind = child(item, BC_JX_NS_IB, "Kind");
		bc_jx_text(child(kind, BC_JX_NS_IB, "Condition"), tag, size);
		return child(item, BC_JX_NS_IB, "Areas");
	}
	return NULL;
}

/* Walk the Body's MeteorologicalInfo/Item elements. */
typedef enum bc_err (*obs_fn)(struct bc_jx *jx, const xmlNode *item,
			      void *ud);

static enum bc_err each_obs(struct bc_jx *jx, const xmlNode *body, obs_fn fn,
			    void *ud)
{
	enum bc_err e;
	for (const xmlNode *ms = bc_jx_elem(body->children); ms;
	     ms = bc_jx_elem(ms->next)) {
		if (!bc_jx_is(ms, BC_JX_NS_METE, "MeteorologicalInfos"))
			continue;
		for (const xmlNode *m = bc_jx_elem(ms->children); m;
		     m = bc_jx_elem(m->next)) {
			if (!bc_jx_is(m, BC_JX_NS_METE, "MeteorologicalInfo"))
				continue;
			for (const xmlNode *it = bc_jx_elem(m->children); it;
			     it = bc_jx_elem(it->next))
				if (bc_jx_is(it, BC_JX_NS_METE, "Item") &&
				    (e = fn(jx, it, ud)))
					return e;
		}
	}
	return BC_E_OK;
}

/* 記録雨: the municipality near which the record was analysed. */
static enum bc_err record_obs(struct bc_jx *jx, const xmlNode *item, void *ud)
{
	const struct bc_term *term = ud;
	const xmlNode *area = child(item, BC_JX_NS_METE, "Area");
	const char *ct = bc_jx_attr(area, "codeType");
	if (!area || !ct || !strstr(ct, "市町村等"))
		return BC_E_OK; /* an AMeDAS station, not a place */
	const xmlNode *prop = child(child(item, BC_JX_NS_METE, "Kind"),
				    BC_JX_NS_METE, "Property");
	const xmlNode *part = child(prop, BC_JX_NS_METE, "PrecipitationPart");
	const xmlNode *pr = child(part, BC_JX_NS_EB, "Precipitation");
	char name[96], code[16], num[32] = "", desc[64] = "";
	long amount = -1;
	time_t when = 0;
	enum bc_err e;
	name_code(area, BC_JX_NS_METE, name, sizeof name, code, sizeof code);
	if (!code[0])
		return bc_jx_fail(jx, BC_E_PARSE, area, "Area without Code");
	if (pr) {
		double v;
		const char *end;
		const char *d = bc_jx_attr(pr, "description");
		bc_jx_text(pr, num, sizeof num);
		if (bc_jx_decimal(num, &v, &end) && *end == '\0') {
			if (v < 0 || v > 1000)
				return bc_jx_fail(jx, BC_E_ABSURD, pr,
						  "rain of %s mm in an hour",
						  num);
			amount = lround(v);
		}
		if (d)
			bc_strlcpy_utf8(desc, d, sizeof desc);
	}
	const xmlNode *t = child(part, BC_JX_NS_METE, "Time");
	if (t && (e = bc_jx_time(jx, t, "PrecipitationPart/Time", &when)))
		return e;
	return add_item(jx, item, BC_AREA_CITY, code, name, term, amount, desc,
			when);
}

/* Linear rainband: the time the Body gives for the item's area. */
struct band {
	size_t first, last;  /* the tag's items */
};

static enum bc_err band_obs(struct bc_jx *jx, const xmlNode *item, void *ud)
{
	struct band *b = ud;
	struct bc_alert *a = jx->alert;
	const xmlNode *area = child(item, BC_JX_NS_METE, "Area");
	const xmlNode *prop = child(child(item, BC_JX_NS_METE, "Kind"),
				    BC_JX_NS_METE, "Property");
	const xmlNode *ev = child(child(prop, BC_JX_NS_METE, "EventPart"),
				  BC_JX_NS_METE, "Event");
	const xmlNode *t = child(ev, BC_JX_NS_METE, "Time");
	char name[96], code[16];
	time_t when;
	enum bc_err e;
	if (!area || !t)
		return BC_E_OK;
	name_code(area, BC_JX_NS_METE, name, sizeof name, code, sizeof code);
	if ((e = bc_jx_time(jx, t, "Event/Time", &when)))
		return e;
	for (size_t i = b->first; i < b->last; i++)
		if (strcmp(a->items[i].area_code, code) == 0)
			a->items[i].when = when;
	return BC_E_OK;
}

static enum bc_err vpbs50(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	char tag[64];
	const xmlNode *areas = info_tag(bc_jx_head_of(body), tag, sizeof tag);
	enum bc_err e;
	if (!tag[0])
		return bc_jx_fail(jx, BC_E_PARSE, body, "VPBS50 without "
				  "Information[@type=\"情報タグ\"]");
	bool record = strcmp(tag, TAG_RECORD) == 0;
	if (!record && strcmp(tag, TAG_BAND) != 0 &&
	    strcmp(tag, TAG_BAND_SOON) != 0)
		return bc_jx_fail(jx, BC_E_UNSUPPORTED, NULL,
				  "%s (%s) part '%s' is not broadcast "
				  "(only 記録雨, 線状降水帯発生, "
				  "線状降水帯直前)", a->type, a->control_title,
				  tag);

	struct bc_term term = { "InfoTag", "", "" };
	if (record) {
		term = (struct bc_term){ "HazardousRain", "1", NAME_RECORD };
		if ((e = each_obs(jx, body, record_obs, &term)))
			return e;
		if (a->n_items)
			return BC_E_OK;
		/* No municipality named: the areas it is issued for. */
	} else {
		/* The tag itself is the term; its code here is ASCII. */
		snprintf(term.code, sizeof term.code, "%s",
			 strcmp(tag, TAG_BAND) == 0 ? "rainband"
						    : "rainband-3h");
		bc_strlcpy_utf8(term.ja, tag, sizeof term.ja);
	}
	size_t first = a->n_items;
	for (const xmlNode *ar = areas ? bc_jx_elem(areas->children) : NULL; ar;
	     ar = bc_jx_elem(ar->next)) {
		char name[96], code[16];
		if (!bc_jx_is(ar, BC_JX_NS_IB, "Area"))
			continue;
		name_code(ar, BC_JX_NS_IB, name, sizeof name, code,
			  sizeof code);
		if (!code[0])
			return bc_jx_fail(jx, BC_E_PARSE, ar,
					  "Area without Code");
		if ((e = add_item(jx, ar, BC_AREA_FORECAST, code, name, &term,
				  -1, "", 0)))
			return e;
	}
	if (!record) {
		struct band b = { first, a->n_items };
		if ((e = each_obs(jx, body, band_obs, &b)))
			return e;
	}
	return BC_E_OK;
}

enum bc_err bc_jx_rain(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	enum bc_err e = strcmp(a->type, "VPOA50") == 0 ? vpoa50(jx, body)
						       : vpbs50(jx, body);
	if (e)
		return e;
	if (a->n_items == 0)
		return bc_jx_fail(jx, BC_E_PARSE, body,
				  "%s names no area", a->type);
	/* Record rain comes with a level-4 situation (the danger map at
	 * 危険); a linear rainband with life-threatening rain.  Neither is
	 * itself a 警戒レベル, so the level stays 0. */
	a->severity = BC_SEV_SEVERE;
	a->level = 0;
	return BC_E_OK;
}
