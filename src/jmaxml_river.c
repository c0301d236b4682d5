/* jmaxml_river.c — river flood forecasts: 指定河川洪水予報 (VXKOii, one
 * number per office) and 水位周知河川に関する情報 (VXSUii), old names
 * (氾濫注意情報 … 氾濫発生情報) and the level names of the 2026 reform
 * (レベル２氾濫注意報 … レベル５氾濫特別警報).
 *
 * What is read, and from where (指定河川洪水予報 XML の解説 §2(2)-(3),
 * 水位周知河川に関する情報 XML の解説, and the samples 16_* and 91_*):
 *
 *   the forecast  Head/Headline/Information[@type="…（予報区域）"] (VXKO)
 *                 or "…（発表区間）" (VXSU): Kind Name/Code/Condition and
 *                 the forecast section (Areas/Area Name, Code) — the river
 *                 the document is about, kept in alert->subject.
 *   the station   the first Body/Warning/Item/Stations/Station (Name,
 *                 Code type="水位観測所"), kept in alert->subject.
 *   the places    every Body/Warning/Item/Areas/Area that has a CityCode
 *                 (the 浸水想定地区 items: the municipalities where the
 *                 river may flood), one item each, routed directly.
 *
 * Some documents list no municipality (16_13: empty Body; 16_05 and the
 * 2022 samples: the placeholder CityCode 0000000).  They get one item for
 * the forecast section itself (BC_AREA_RIVER), which reaches places only
 * once places knows which municipalities the section covers.
 *
 * Kind/Code (表１ and 表２ of the VXKO manual; VXSU 表１):
 *   10        解除 (…解除)            LIFTED, named without "解除"
 *   20 30 40  new issue (…（発表）)    ISSUED
 *   21 31 41  VXKO: continued          CONTINUED;  VXSU: the only code
 *                                      of its level, so ISSUED
 *   22        注意報 after a warning   DOWNGRADED (no LastKind: "issued")
 *   51 53     flooding has begun       ISSUED
 * Level: the "レベルN" of the name; old names by their word: 注意 2, 警戒 3,
 * 危険 4, 発生 5 (the manual's 表３: 警戒レベル相当).
 */
#include <stdlib.h>
#include <string.h>

#include "jmaxml_internal.h"

#define TABLE "FloodForecast"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Cut suffix off s if s ends with it. */
static bool strip_suffix(char *s, const char *suffix)
{
	if (!ends_with(s, suffix))
		return false;
	s[strlen(s) - strlen(suffix)] = '\0';
	return true;
}

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

/* 警戒レベル of a flood forecast name. */
static int flood_level(const char *name)
{
	static const struct { const char *word; int level; } words[] = {
		{ "レベル５", 5 }, { "レベル４", 4 }, { "レベル３", 3 },
		{ "レベル２", 2 }, { "氾濫発生", 5 }, { "氾濫危険", 4 },
		{ "氾濫警戒", 3 }, { "氾濫注意", 2 },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(name, words[i].word))
			return words[i].level;
	return 0;
}

static bool is_city_code(const char *s)
{
	if (strlen(s) != 7 || strcmp(s, "0000000") == 0)
		return false;
	for (int i = 0; i < 7; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The forecast from Head/Headline: term, change and the section. */
static enum bc_err read_forecast(struct bc_jx *jx, const xmlNode *head,
				 struct bc_term *term, enum bc_change *change)
{
	struct bc_alert *a = jx->alert;
	struct bc_subject *s = &a->subject;
	bool vxsu = strncmp(a->type, "VXSU", 4) == 0;
	const xmlNode *hl = NULL;
	for (const xmlNode *c = head ? bc_jx_elem(head->children) : NULL; c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_IB, "Headline"))
			hl = c;
	for (const xmlNode *inf = hl ? bc_jx_elem(hl->children) : NULL; inf;
	     inf = bc_jx_elem(inf->next)) {
		const char *type = bc_jx_attr(inf, "type");
		if (!bc_jx_is(inf, BC_JX_NS_IB, "Information") || !type ||
		    !(ends_with(type, "（予報区域）") ||
		      ends_with(type, "（発表区間）")))
			continue;
		const xmlNode *item = bc_jx_elem(inf->children);
		if (!item || !bc_jx_is(item, BC_JX_NS_IB, "Item"))
			return bc_jx_fail(jx, BC_E_PARSE, inf,
					  "Information without Item");
		for (const xmlNode *c = bc_jx_elem(item->children); c;
		     c = bc_jx_elem(c->next)) {
			if (bc_jx_is(c, BC_JX_NS_IB, "Kind")) {
				name_code(c, BC_JX_NS_IB, term->ja,
					  sizeof term->ja, term->code,
					  sizeof term->code);
			} else if (bc_jx_is(c, BC_JX_NS_IB, "Areas")) {
				const xmlNode *ar = bc_jx_elem(c->children);
				if (ar && bc_jx_is(ar, BC_JX_NS_IB, "Area"))
					name_code(ar, BC_JX_NS_IB, s->name_ja,
						  sizeof s->name_ja, s->code,
						  sizeof s->code);
			}
		}
		break;
	}
	if (!term->ja[0] || !s->code[0])
		return bc_jx_fail(jx, BC_E_PARSE, hl ? hl : head,
				  "%s without the forecast section and its "
				  "Kind (Head/Headline/Information)", a->type);
	memcpy(term->table, TABLE, sizeof TABLE);
	s->present = true;
	s->type = BC_AREA_RIVER;

	const char *c = term->code;
	if (strcmp(c, "10") == 0) {
		strip_suffix(term->ja, "解除");
		*change = BC_CHANGE_LIFTED;
	} else if (strcmp(c, "22") == 0) {
		*change = BC_CHANGE_DOWNGRADED;
	} else if (!vxsu && (strcmp(c, "21") == 0 || strcmp(c, "31") == 0 ||
			     strcmp(c, "41") == 0)) {
		*change = BC_CHANGE_CONTINUED;
	} else {
		*change = BC_CHANGE_ISSUED;
	}
	return BC_E_OK;
}

static enum bc_err add_item(struct bc_jx *jx, const xmlNode *at,
			    enum bc_area_type type, const char *code,
			    const char *name, const struct bc_term *term,
			    enum bc_change change)
{
	struct bc_item *it;
	enum bc_err e = bc_jx_add_item(jx, at, &it);
	if (e)
		return e;
	it->area_type = type;
	bc_strlcpy_utf8(it->area_code, code, sizeof it->area_code);
	bc_strlcpy_utf8(it->area_name_ja, name, sizeof it->area_name_ja);
	it->term = *term;
	it->change = change;
	it->level = flood_level(term->ja);
	return BC_E_OK;
}

/* One Body/Warning/Item: its station, and the municipalities it names. */
static enum bc_err read_warning_item(struct bc_jx *jx, const xmlNode *item,
				     const struct bc_term *term,
				     enum bc_change change)
{
	struct bc_subject *s = &jx->alert->subject;
	enum bc_err e;
	for (const xmlNode *c = bc_jx_elem(item->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_METE, "Stations") &&
		    !s->station_code[0]) {
			const xmlNode *st = bc_jx_elem(c->children);
			if (st && bc_jx_is(st, BC_JX_NS_METE, "Station"))
				name_code(st, BC_JX_NS_METE, s->station_ja,
					  sizeof s->station_ja,
					  s->station_code,
					  sizeof s->station_code);
			continue;
		}
		if (!bc_jx_is(c, BC_JX_NS_METE, "Areas"))
			continue;
		for (const xmlNode *ar = bc_jx_elem(c->children); ar;
		     ar = bc_jx_elem(ar->next)) {
			char city[16] = "", cname[96] = "";
			if (!bc_jx_is(ar, BC_JX_NS_METE, "Area"))
				continue;
			for (const xmlNode *f = bc_jx_elem(ar->children); f;
			     f = bc_jx_elem(f->next)) {
				if (bc_jx_is(f, BC_JX_NS_METE, "CityCode"))
					bc_jx_text(f, city, sizeof city);
				else if (bc_jx_is(f, BC_JX_NS_METE, "City"))
					bc_jx_text(f, cname, sizeof cname);
			}
			if (!is_city_code(city))
				continue;
			if ((e = add_item(jx, ar, BC_AREA_CITY, city, cname,
					  term, change)))
				return e;
		}
	}
	return BC_E_OK;
}

static int cmp_area(const void *x, const void *y)
{
	return strcmp(((const struct bc_item *)x)->area_code,
		      ((const struct bc_item *)y)->area_code);
}

/* A municipality flooded from two stations is listed twice: keep one
 * (the items of a forecast differ only by place).  Sorting keeps this
 * O(n log n) however many Areas a document holds. */
static void dedupe(struct bc_alert *a)
{
	if (a->n_items < 2)
		return;
	qsort(a->items, a->n_items, sizeof *a->items, cmp_area);
	size_t k = 1;
	for (size_t i = 1; i < a->n_items; i++)
		if (strcmp(a->items[i].area_code, a->items[k - 1].area_code))
			a->items[k++] = a->items[i];
	a->n_items = k;
}

enum bc_err bc_jx_river(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	struct bc_term term = { "", "", "" };
	enum bc_change change = BC_CHANGE_NONE;
	enum bc_err e = read_forecast(jx, bc_jx_head_of(body), &term, &change);
	if (e)
		return e;
	for (const xmlNode *w = bc_jx_elem(body->children); w;
	     w = bc_jx_elem(w->next)) {
		if (!bc_jx_is(w, BC_JX_NS_METE, "Warning"))
			continue;
		for (const xmlNode *it = bc_jx_elem(w->children); it;
		     it = bc_jx_elem(it->next))
			if (bc_jx_is(it, BC_JX_NS_METE, "Item") &&
			    (e = read_warning_item(jx, it, &term, change)))
				return e;
	}
	dedupe(a);
	if (a->n_items == 0 &&
	    (e = add_item(jx, body, BC_AREA_RIVER, a->subject.code,
			  a->subject.name_ja, &term, change)))
		return e;

	int level = flood_level(term.ja);
	if (change == BC_CHANGE_LIFTED) {
		a->severity = BC_SEV_MINOR;
		a->level = 0;
	} else {
		a->severity = level >= 5 ? BC_SEV_EXTREME
			    : level >= 3 ? BC_SEV_SEVERE
			    : level == 2 ? BC_SEV_MODERATE : BC_SEV_UNKNOWN;
		a->level = level;
	}
	return BC_E_OK;
}
