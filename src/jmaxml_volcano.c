/* jmaxml_volcano.c — volcano documents (jmx_volc Body): 噴火警報・予報
 * (VFVO50), 火山の状況に関する解説情報 (VFVO51), 噴火に関する火山観測報
 * (VFVO52), 降灰予報 定時/速報/詳細 (VFVO53-55) and 噴火速報 (VFVO56).
 *
 * Every one of them is a list of Body/VolcanoInfo[@type], each a list of
 * Items with Kind (Name, Code from code.VolcanicWarning, Condition),
 * LastKind, Areas and, for eruptions, EventTime (地震火山関連 XML 電文
 * 解説資料 §11-2(4)).  What the types say and what becomes of them:
 *
 *   …（対象火山）, 噴火に関する火山観測報, 噴火速報   (Areas 火山名)
 *       the volcano: its alert level (11-15) or keyword (21-25), the
 *       phenomenon (51-65) or the ash-forecast type (06-08).  The first
 *       volcano is the document's subject (alert->subject); a volcano
 *       becomes an item of its own (BC_AREA_VOLCANO, routed through
 *       places' expansion) only when the document names no municipality,
 *       as VFVO51 and VFVO52 do.
 *   噴火警報・予報（対象市町村の防災対応等）             (市町村等)
 *       per municipality, the warning with what it means there (41-49,
 *       e.g. 噴火警報：避難等): the item of that municipality.
 *   …（対象市町村等）                                   (市町村等)
 *       per municipality: the warning (01-05) where the 防災対応 list
 *       did not already name the place; the eruption (VFVO56); each
 *       expected ashfall or falling cinders (70-75, several per place).
 *   …（対象海上予報区）                                 marine: not read.
 *
 * Kind/Condition (§11-2(4)-1-1-3): 発表 and 切替 ISSUED, 引上げ UPGRADED,
 * 引下げ DOWNGRADED, 継続 CONTINUED, 解除 LIFTED — a lifted item names
 * what was lifted (its LastKind), as "噴火予報：警報解除 lifted" would not
 * say which warning ended.  No Condition (eruptions, ash): NONE.
 */
#include <stdlib.h>
#include <string.h>

#include "jmaxml_internal.h"

#define TABLE "VolcanicWarning"
#define TYPE_ACTIONS "噴火警報・予報（対象市町村の防災対応等）"

static const xmlNode *child(const xmlNode *el, const char *name)
{
	for (const xmlNode *c = el ? bc_jx_elem(el->children) : NULL; c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_VOLC, name))
			return c;
	return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A Kind or LastKind: term and Condition. */
static void read_kind(const xmlNode *k, struct bc_term *t, char *cond,
		      size_t cond_size)
{
	memset(t, 0, sizeof *t);
	if (cond)
		cond[0] = '\0';
	if (!k)
		return;
	bc_jx_text(child(k, "Name"), t->ja, sizeof t->ja);
	bc_jx_text(child(k, "Code"), t->code, sizeof t->code);
	if (cond)
		bc_jx_text(child(k, "Condition"), cond, cond_size);
	if (t->ja[0] || t->code[0])
		memcpy(t->table, TABLE, sizeof TABLE);
}

static enum bc_change change_of(const char *cond)
{
	static const struct { const char *w; enum bc_change c; } map[] = {
		{ "発表", BC_CHANGE_ISSUED }, { "切替", BC_CHANGE_ISSUED },
		{ "引上げ", BC_CHANGE_UPGRADED },
		{ "引下げ", BC_CHANGE_DOWNGRADED },
		{ "継続", BC_CHANGE_CONTINUED }, { "解除", BC_CHANGE_LIFTED },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(cond, map[i].w) == 0)
			return map[i].c;
	return BC_CHANGE_NONE;
}

static int code_num(const struct bc_term *t)
{
	const char *c = t->code;
	if (c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9' || c[2])
		return -1;
	return (c[0] - '0') * 10 + (c[1] - '0');
}

/* 噴火警戒レベル of レベル１…５ (11-15). */
static int level_of(const struct bc_term *t)
{
	int n = code_num(t);
	return n >= 11 && n <= 15 ? n - 10 : 0;
}

/* How grave a term is, for the document's severity. */
static enum bc_severity severity_of(const struct bc_term *t,
				    const char *type)
{
	switch (code_num(t)) {
	case 15: case 25: case 46:
		return BC_SEV_EXTREME;
	case 14: case 24: case 47: case 13: case 23: case 1: case 41:
	case 42: case 48: case 3: case 44: case 73:
		return BC_SEV_SEVERE;
	case 51: case 52: case 54: case 56: case 61: case 62: case 64:
		/* An eruption flash means people on the mountain must take
		 * refuge now. */
		return strcmp(type, "VFVO56") == 0 ? BC_SEV_EXTREME
						    : BC_SEV_SEVERE;
	case 12: case 22: case 2: case 43: case 49: case 72: case 75:
		return BC_SEV_MODERATE;
	case 11: case 21: case 45: case 4: case 5: case 71: case 70:
	case 6: case 7: case 8: case 55: case 65:
		return BC_SEV_MINOR;
	default:
		return BC_SEV_UNKNOWN;
	}
}

static enum bc_err event_time(struct bc_jx *jx, const xmlNode *el,
			      time_t *out)
{
	const xmlNode *t = child(child(el, "EventTime"), "EventDateTime");
	return t ? bc_jx_time(jx, t, "EventTime/EventDateTime", out)
		 : BC_E_OK;
}

static int cmp_area(const void *x, const void *y)
{
	return strcmp(((const struct bc_item *)x)->area_code,
		      ((const struct bc_item *)y)->area_code);
}

/* Is code among the first upto items (sorted by area code)? */
static bool has_city(const struct bc_alert *a, const char *code, size_t upto)
{
	struct bc_item key;
	if (!upto)
		return false;
	bc_strlcpy_utf8(key.area_code, code, sizeof key.area_code);
	return bsearch(&key, a->items, upto, sizeof *a->items, cmp_area);
}

/* One Item of a VolcanoInfo: the volcano (subject, and item when wanted)
 * or one item per municipality. */
static enum bc_err read_item(struct bc_jx *jx, const xmlNode *item,
			     bool volcano_items, size_t skip_known)
{
	struct bc_alert *a = jx->alert;
	struct bc_subject *s = &a->subject;
	struct bc_term term, last;
	char cond[32];
	time_t when = 0;
	enum bc_err e;

	read_kind(child(item, "Kind"), &term, cond, sizeof cond);
	read_kind(child(item, "LastKind"), &last, NULL, 0);
	if ((e = event_time(jx, item, &when)))
		return e;
	enum bc_change change = change_of(cond);
	if (change == BC_CHANGE_LIFTED && last.ja[0]) {
		term = last;
		memset(&last, 0, sizeof last);
	}
	const xmlNode *areas = child(item, "Areas");
	const char *ct = bc_jx_attr(areas, "codeType");
	bool is_volcano = ct && strcmp(ct, "火山名") == 0;
	bool is_city = ct && strstr(ct, "市町村等");
	if (!is_volcano && !is_city)
		return BC_E_OK;
	for (const xmlNode *ar = areas ? bc_jx_elem(areas->children) : NULL; ar;
	     ar = bc_jx_elem(ar->next)) {
		char name[96] = "", code[16] = "";
		if (!bc_jx_is(ar, BC_JX_NS_VOLC, "Area"))
			continue;
		bc_jx_text(child(ar, "Name"), name, sizeof name);
		bc_jx_text(child(ar, "Code"), code, sizeof code);
		if (!code[0])
			return bc_jx_fail(jx, BC_E_PARSE, ar,
					  "Area without Code");
		if (is_volcano && !s->present) {
			s->present = true;
			s->type = BC_AREA_VOLCANO;
			bc_strlcpy_utf8(s->code, code, sizeof s->code);
			bc_strlcpy_utf8(s->name_ja, name, sizeof s->name_ja);
			s->term = term;
			s->last = last;
			s->change = change;
			s->level = level_of(&term);
			s->when = when;
		}
		if (is_volcano && !volcano_items)
			continue;
		if (is_city && has_city(a, code, skip_known))
			continue;
		struct bc_item *it;
		if ((e = bc_jx_add_item(jx, ar, &it)))
			return e;
		it->area_type = is_volcano ? BC_AREA_VOLCANO : BC_AREA_CITY;
		bc_strlcpy_utf8(it->area_code, code, sizeof it->area_code);
		bc_strlcpy_utf8(it->area_name_ja, name,
				sizeof it->area_name_ja);
		it->term = term;
		it->last = last;
		it->change = change;
		it->when = when;
		it->level = is_volcano ? level_of(&term) : 0;
	}
	return BC_E_OK;
}

/* Run read_item over the VolcanoInfos whose type passes want(). */
static enum bc_err pass(struct bc_jx *jx, const xmlNode *body,
			bool (*want)(const char *type), bool volcano_items,
			size_t skip_known)
{
	enum bc_err e;
	for (const xmlNode *vi = bc_jx_elem(body->children); vi;
	     vi = bc_jx_elem(vi->next)) {
		const char *type = bc_jx_attr(vi, "type");
		if (!bc_jx_is(vi, BC_JX_NS_VOLC, "VolcanoInfo") || !type ||
		    !want(type))
			continue;
		for (const xmlNode *it = bc_jx_elem(vi->children); it;
		     it = bc_jx_elem(it->next))
			if (bc_jx_is(it, BC_JX_NS_VOLC, "Item") &&
			    (e = read_item(jx, it, volcano_items,
					   skip_known)))
				return e;
	}
	return BC_E_OK;
}

static bool is_actions(const char *t)
{
	return strcmp(t, TYPE_ACTIONS) == 0;
}

static bool is_cities(const char *t)
{
	return ends_with(t, "（対象市町村等）");
}

static bool is_volcano_type(const char *t)
{
	return !is_actions(t) && !is_cities(t) &&
	       !ends_with(t, "（対象海上予報区）");
}

static bool any_cities(const xmlNode *body)
{
	for (const xmlNode *vi = bc_jx_elem(body->children); vi;
	     vi = bc_jx_elem(vi->next)) {
		const char *type = bc_jx_attr(vi, "type");
		if (!bc_jx_is(vi, BC_JX_NS_VOLC, "VolcanoInfo") || !type ||
		    !(is_actions(type) || is_cities(type)))
			continue;
		for (const xmlNode *it = bc_jx_elem(vi->children); it;
		     it = bc_jx_elem(it->next)) {
			const char *ct = bc_jx_attr(child(it, "Areas"),
						    "codeType");
			if (ct && strstr(ct, "市町村等"))
				return true;
		}
	}
	return false;
}

enum bc_err bc_jx_volcano(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	bool cities = any_cities(body);
	enum bc_err e;

	/* The volcano first (the subject), then what each municipality
	 * must do, then the rest of the municipality lists, leaving out
	 * places whose warning the 防災対応 list already gave. */
	if ((e = pass(jx, body, is_volcano_type, !cities, 0)))
		return e;
	size_t first = a->n_items;
	if ((e = pass(jx, body, is_actions, false, 0)))
		return e;
	size_t known = a->n_items;
	/* Sorted, so that the lists after it look places up in O(log n). */
	if (first == 0 && known > 1)
		qsort(a->items, known, sizeof *a->items, cmp_area);
	else if (first)
		known = 0; /* volcano items came first: nothing to skip */
	if ((e = pass(jx, body, is_cities, false, known)))
		return e;
	struct bc_subject *s = &a->subject;
	if (!s->present)
		return bc_jx_fail(jx, BC_E_PARSE, body, "%s names no volcano",
				  a->type);
	/* A summary of many volcanoes (VFVO51 全国の活火山) is about none of
	 * them in particular: its items say which is at what level. */
	for (size_t i = 0; i < a->n_items; i++)
		if (a->items[i].area_type == BC_AREA_VOLCANO &&
		    strcmp(a->items[i].area_code, s->code) != 0) {
			s->present = false;
			break;
		}
	if (!s->when) {
		/* VFVO54/55 give the eruption under VolcanoObservation. */
		const xmlNode *obs = child(body, "VolcanoObservation");
		if ((e = event_time(jx, obs, &s->when)))
			return e;
	}
	/* The level of each municipality is the volcano's. */
	for (size_t i = 0; i < a->n_items; i++) {
		struct bc_item *it = &a->items[i];
		if (it->area_type == BC_AREA_CITY &&
		    code_num(&it->term) >= 1 && code_num(&it->term) <= 49 &&
		    it->change != BC_CHANGE_LIFTED)
			it->level = s->level;
		if (!it->when && it->area_type == BC_AREA_CITY)
			it->when = s->when;
	}

	enum bc_severity sev = BC_SEV_UNKNOWN;
	int level = 0;
	bool in_force = false;
	for (size_t i = 0; i < a->n_items; i++) {
		const struct bc_item *it = &a->items[i];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		in_force = true;
		enum bc_severity x = severity_of(&it->term, a->type);
		sev = x > sev ? x : sev;
		level = it->level > level ? it->level : level;
	}
	if (s->change != BC_CHANGE_LIFTED) {
		enum bc_severity x = severity_of(&s->term, a->type);
		sev = x > sev ? x : sev;
		level = s->level > level ? s->level : level;
	}
	a->severity = in_force || s->change != BC_CHANGE_LIFTED ? sev
								 : BC_SEV_MINOR;
	a->level = level;
	return BC_E_OK;
}
