/* jmaxml_warning.c — weather warnings: the old VPWW53 (気象特別警報・警報・
 * 注意報) and VPWW54 (気象警報・注意報（Ｈ２７）), and the level-named
 * VPWW55–VPWW61 (気象警報・注意報（Ｒ０６）（…）, in force since
 * 2026-05-29).  All share one Body layout (jmx_mete).  The end of the file
 * reads the other warning-like documents that name municipalities one by
 * one: 土砂災害警戒情報 (VXWW50), 気象特別警報報知 (VPNO50) and
 * 竜巻注意情報 (VPHW50/51); each part says what it reads and why.
 *
 * Only Body/Warning[@type="気象警報・注意報（市町村等）"] is read: it names
 * every municipality, which is the unit bosaicast routes on (DESIGN §4);
 * the coarser Warning parts repeat the same facts per region.
 *
 * One bc_item per Kind per Item.  Kind/Status values, as JMA's manual
 * (気象特別警報・警報・注意報 解説資料 §3-2-4-1-1-1) lists them and as the
 * samples in tests/data/jmaxml use them, map as follows:
 *
 *   発表               ISSUED; UPGRADED or DOWNGRADED when a LastKind with
 *                      another code ranks lower or higher (class first:
 *                      注意報 < 警報 < 危険警報 < 特別警報, then level)
 *   継続               CONTINUED
 *   解除               LIFTED
 *   特別警報から警報   DOWNGRADED  (VPWW53 only; it has no LastKind, so
 *   特別警報から注意報 DOWNGRADED   item.last stays empty)
 *   警報から注意報     DOWNGRADED
 *   発表警報・注意報はなし  no item: the Kind then has no Name and no Code
 *                      and says that nothing is in force or lifted in that
 *                      municipality, so there is nothing to route there.
 *   anything else      NONE (still in force for severity), kept rather
 *                      than dropped so that a new status is not silent.
 *
 * Kind/Code "00" (解除, in code.WeatherWarning but "not used" in Kind per
 * the manual, and absent from every sample): lifted, with the term taken
 * from its LastKind; without a LastKind it names nothing and is skipped
 * like 発表警報・注意報はなし.
 */
#include <string.h>

#include "jmaxml_internal.h"

#define WARNING_TYPE "気象警報・注意報（市町村等）"

enum wclass { WC_NONE, WC_ADVISORY, WC_WARNING, WC_DANGER, WC_SPECIAL };

/* Class of a code.WeatherWarning code, from the ranges of the code table
 * (02–09 警報, 10–29 注意報, 32–39 特別警報, 42–49 危険警報; R06 解説資料
 * 別表3 警戒レベル等対応コード表). */
static enum wclass code_class(int code)
{
	if (code >= 2 && code <= 9)
		return WC_WARNING;
	if (code >= 10 && code <= 29)
		return WC_ADVISORY;
	if (code >= 32 && code <= 39)
		return WC_SPECIAL;
	if (code >= 42 && code <= 49)
		return WC_DANGER;
	return WC_NONE;
}

/* 警戒レベル of codes whose name carries no "レベルN" (the old VPWW53/54
 * names, 洪水 which R06 moved to VXKO).  Source: 気象警報・注意報（Ｒ０６）
 * 解説資料 別表7 経過措置電文コード等取扱 (shared/data/schema/xlsx_as_csv),
 * which pairs each old-format code with the level-named warnings it stands
 * for; where it stands for two (大雨警報 and 高潮警報 carry both レベル３
 * and the headline-only レベル４; 洪水警報 carries 氾濫 レベル３–５) the
 * lower level is taken, as the document itself does not say more.  Codes
 * 43/48/49 and 09/29/39 are only here for a name without its レベル.
 * Wind, snow, waves and the other advisories have no level (0).
 * 土砂災害警戒情報 (level 4) is VXWW50, not a Kind of these documents. */
static int code_level(int code)
{
	switch (code) {
	case 33: /* 大雨特別警報 */
	case 38: /* 高潮特別警報 */
	case 39: /* 土砂災害特別警報 */
		return 5;
	case 43: /* 大雨危険警報 */
	case 48: /* 高潮危険警報 */
	case 49: /* 土砂災害危険警報 */
		return 4;
	case 3:  /* 大雨警報 */
	case 4:  /* 洪水警報 */
	case 8:  /* 高潮警報 */
	case 9:  /* 土砂災害警報 */
		return 3;
	case 10: /* 大雨注意報 */
	case 18: /* 洪水注意報 */
	case 19: /* 高潮注意報 */
	case 29: /* 土砂災害注意報 */
		return 2;
	default:
		return 0;
	}
}

/* The N of "レベルN" in a name (full-width or ASCII digit), 0 if none. */
static int name_level(const char *name)
{
	static const char lv[] = "レベル";
	const char *p = strstr(name, lv);
	if (!p)
		return 0;
	const unsigned char *d = (const unsigned char *)p + sizeof lv - 1;
	if (d[0] >= '1' && d[0] <= '5')
		return d[0] - '0';
	/* "１".."５" are EF BC 91..95. */
	if (d[0] == 0xEF && d[1] == 0xBC && d[2] >= 0x91 && d[2] <= 0x95)
		return d[2] - 0x90;
	return 0;
}

/* Two decimal digits, as JMA writes Kind/Code; -1 otherwise. */
static int code_number(const char *code)
{
	if (code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' ||
	    code[2] != '\0')
		return -1;
	return (code[0] - '0') * 10 + (code[1] - '0');
}

static int term_level(const struct bc_term *t)
{
	int n = name_level(t->ja);
	return n ? n : code_level(code_number(t->code));
}

static enum wclass term_class(const struct bc_term *t)
{
	return code_class(code_number(t->code));
}

/* Compare two terms by class, then level: >0 if a ranks above b. */
static int term_rank_cmp(const struct bc_term *a, const struct bc_term *b)
{
	int ca = (int)term_class(a), cb = (int)term_class(b);
	if (ca != cb)
		return ca - cb;
	return term_level(a) - term_level(b);
}

static enum bc_severity class_severity(enum wclass c)
{
	switch (c) {
	case WC_SPECIAL:
		return BC_SEV_EXTREME;
	case WC_DANGER:
	case WC_WARNING:
		return BC_SEV_SEVERE;
	case WC_ADVISORY:
		return BC_SEV_MODERATE;
	default:
		return BC_SEV_UNKNOWN;
	}
}

/* Read Name and Code of a Kind or LastKind into t (table WeatherWarning). */
static void read_term(const xmlNode *kind, struct bc_term *t)
{
	for (const xmlNode *c = bc_jx_elem(kind->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_METE, "Name"))
			bc_jx_text(c, t->ja, sizeof t->ja);
		else if (bc_jx_is(c, BC_JX_NS_METE, "Code"))
			bc_jx_text(c, t->code, sizeof t->code);
	}
	if (t->ja[0] || t->code[0])
		memcpy(t->table, "WeatherWarning", sizeof "WeatherWarning");
}

static enum bc_change status_change(const char *s, const struct bc_term *now,
				    const struct bc_term *last)
{
	if (strcmp(s, "発表") == 0) {
		if (!last->code[0] || strcmp(last->code, now->code) == 0)
			return BC_CHANGE_ISSUED;
		int r = term_rank_cmp(now, last);
		return r > 0 ? BC_CHANGE_UPGRADED :
		       r < 0 ? BC_CHANGE_DOWNGRADED : BC_CHANGE_ISSUED;
	}
	if (strcmp(s, "継続") == 0)
		return BC_CHANGE_CONTINUED;
	if (strcmp(s, "解除") == 0)
		return BC_CHANGE_LIFTED;
	if (strcmp(s, "特別警報から警報") == 0 ||
	    strcmp(s, "特別警報から注意報") == 0 ||
	    strcmp(s, "警報から注意報") == 0)
		return BC_CHANGE_DOWNGRADED;
	return BC_CHANGE_NONE;
}

/* One Kind of one Item: at most one bc_item. */
static enum bc_err read_kind(struct bc_jx *jx, const xmlNode *kind)
{
	struct bc_term now = { "", "", "" }, last = { "", "", "" };
	char status[64] = "", cond[96] = "";
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(kind->children); c;
	     c = bc_jx_elem(c->next)) {
		if (!c->ns || !c->ns->href ||
		    strcmp((const char *)c->ns->href, BC_JX_NS_METE) != 0)
			continue;
		const char *n = (const char *)c->name;
		if (strcmp(n, "Name") == 0)
			bc_jx_text(c, now.ja, sizeof now.ja);
		else if (strcmp(n, "Code") == 0)
			bc_jx_text(c, now.code, sizeof now.code);
		else if (strcmp(n, "Status") == 0)
			bc_jx_text(c, status, sizeof status);
		else if (strcmp(n, "Condition") == 0)
			bc_jx_text(c, cond, sizeof cond);
		else if (strcmp(n, "LastKind") == 0)
			read_term(c, &last);
	}
	if (now.ja[0] || now.code[0])
		memcpy(now.table, "WeatherWarning", sizeof "WeatherWarning");

	enum bc_change change;
	if (strcmp(status, "発表警報・注意報はなし") == 0)
		return BC_E_OK;
	if (strcmp(now.code, "00") == 0) {
		if (!last.code[0])
			return BC_E_OK;
		now = last;
		change = BC_CHANGE_LIFTED;
	} else if (!now.code[0] && !now.ja[0]) {
		/* A Kind that names nothing has nothing to route. */
		return BC_E_OK;
	} else {
		change = status_change(status, &now, &last);
	}

	struct bc_item *it;
	if ((e = bc_jx_add_item(jx, kind, &it)))
		return e;
	it->area_type = BC_AREA_CITY;
	it->term = now;
	it->last = last;
	it->change = change;
	it->level = term_level(&now);
	if (cond[0]) {
		memcpy(it->value.table, "WarningCondition",
		       sizeof "WarningCondition");
		memcpy(it->value.ja, cond, sizeof it->value.ja);
	}
	return BC_E_OK;
}

static enum bc_err read_item(struct bc_jx *jx, const xmlNode *item)
{
	struct bc_alert *a = jx->alert;
	size_t first = a->n_items;
	const xmlNode *area = NULL;
	enum bc_err e;

	/* Kinds come before Area: items are made as Kinds are met and get
	 * their area once it is known. */
	for (const xmlNode *c = bc_jx_elem(item->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_METE, "Kind")) {
			if ((e = read_kind(jx, c)))
				return e;
		} else if (!area && bc_jx_is(c, BC_JX_NS_METE, "Area")) {
			area = c;
		}
	}
	if (a->n_items == first)
		return BC_E_OK;
	if (!area)
		return bc_jx_fail(jx, BC_E_PARSE, item, "Item without Area");

	char code[16] = "", name[96] = "";
	for (const xmlNode *c = bc_jx_elem(area->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_METE, "Name"))
			bc_jx_text(c, name, sizeof name);
		else if (bc_jx_is(c, BC_JX_NS_METE, "Code"))
			bc_jx_text(c, code, sizeof code);
	}
	if (!code[0])
		return bc_jx_fail(jx, BC_E_PARSE, area, "Area without Code");
	for (size_t i = first; i < a->n_items; i++) {
		memcpy(a->items[i].area_code, code, sizeof code);
		memcpy(a->items[i].area_name_ja, name, sizeof name);
	}
	return BC_E_OK;
}

enum bc_err bc_jx_warning(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	enum bc_err e;

	for (const xmlNode *w = bc_jx_elem(body->children); w;
	     w = bc_jx_elem(w->next)) {
		if (!bc_jx_is(w, BC_JX_NS_METE, "Warning"))
			continue;
		const char *type = bc_jx_attr(w, "type");
		if (!type || strcmp(type, WARNING_TYPE) != 0)
			continue;
		for (const xmlNode *it = bc_jx_elem(w->children); it;
		     it = bc_jx_elem(it->next)) {
			if (!bc_jx_is(it, BC_JX_NS_METE, "Item"))
				continue;
			if ((e = read_item(jx, it)))
				return e;
		}
	}

	/* Severity and level over what is still in force: a report that only
	 * lifts says that nothing is left (minor). */
	enum bc_severity sev = BC_SEV_UNKNOWN;
	bool in_force = false;
	int level = 0;
	for (size_t i = 0; i < a->n_items; i++) {
		const struct bc_item *it = &a->items[i];
		if (it->change == BC_CHANGE_LIFTED)
			continue;
		in_force = true;
		enum bc_severity s = class_severity(term_class(&it->term));
		if (s > sev)
			sev = s;
		if (it->level > level)
			level = it->level;
	}
	a->severity = in_force ? sev : BC_SEV_MINOR;
	a->level = level;
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* Helpers shared with the other weather-family parsers.                */

const xmlNode *bc_jx_head_of(const xmlNode *body)
{
	if (!body || !body->parent)
		return NULL;
	for (const xmlNode *c = bc_jx_elem(body->parent->children); c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_IB, "Head"))
			return c;
	return NULL;
}

/* Name and Code children of an Area (or Kind) in namespace ns. */
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

/* Severity and level of what is still in force; a report that only lifts
 * is minor news. */
static void summarise(struct bc_alert *a, enum bc_severity in_force_sev)
{
	bool in_force = false;
	int level = 0;
	for (size_t i = 0; i < a->n_items; i++) {
		if (a->items[i].change == BC_CHANGE_LIFTED)
			continue;
		in_force = true;
		if (a->items[i].level > level)
			level = a->items[i].level;
	}
	a->severity = in_force ? in_force_sev : BC_SEV_MINOR;
	a->level = level;
}

/* ------------------------------------------------------------------ */
/* 土砂災害警戒情報 (VXWW50).                                             */

/* Body/Warning[@type="土砂災害警戒情報"] lists every municipality of the
 * prefecture (or sub-areas such as 横浜市北部) with Kind/Code from
 * code.SoilWarning: 3 警戒 (Status 発表 or 継続), 1 解除, 0 なし.  The
 * information is 警戒レベル４相当 (JMA's headline says so: 【警戒レベル４
 * 相当情報［土砂災害］】), so every item is level 4.
 *
 * Since the 2026 reform the same telegram is titled レベル４土砂災害危険
 * 警報 (17_04_* samples: Head/Title "神奈川県レベル４土砂災害危険警報",
 * Kind still 警戒/3); items then carry that level name (WeatherWarning
 * 49), so that one warning has one name whichever telegram brings it.
 * Before, they carry JMA's name of the information, 土砂災害警戒情報. */
#define LANDSLIDE_TYPE "土砂災害警戒情報"
#define LANDSLIDE_R06 "レベル４土砂災害危険警報"

enum bc_err bc_jx_landslide(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	struct bc_term term = { "SoilWarning", "3", LANDSLIDE_TYPE };
	enum bc_err e;

	if (strstr(a->head_title, LANDSLIDE_R06))
		term = (struct bc_term){ "WeatherWarning", "49",
					 LANDSLIDE_R06 };
	for (const xmlNode *w = bc_jx_elem(body->children); w;
	     w = bc_jx_elem(w->next)) {
		const char *type = bc_jx_attr(w, "type");
		if (!bc_jx_is(w, BC_JX_NS_METE, "Warning") || !type ||
		    strcmp(type, LANDSLIDE_TYPE) != 0)
			continue;
		for (const xmlNode *item = bc_jx_elem(w->children); item;
		     item = bc_jx_elem(item->next)) {
			if (!bc_jx_is(item, BC_JX_NS_METE, "Item"))
				continue;
			char kcode[16] = "", status[32] = "", code[16] = "",
			     name[96] = "", kname[96];
			const xmlNode *area = NULL;
			for (const xmlNode *c = bc_jx_elem(item->children); c;
			     c = bc_jx_elem(c->next)) {
				if (bc_jx_is(c, BC_JX_NS_METE, "Kind")) {
					name_code(c, BC_JX_NS_METE, kname,
						  sizeof kname, kcode,
						  sizeof kcode);
					for (const xmlNode *s =
						     bc_jx_elem(c->children);
					     s; s = bc_jx_elem(s->next))
						if (bc_jx_is(s, BC_JX_NS_METE,
							     "Status"))
							bc_jx_text(s, status,
								   sizeof status);
				} else if (bc_jx_is(c, BC_JX_NS_METE, "Area")) {
					area = c;
				}
			}
			enum bc_change change;
			if (strcmp(kcode, "0") == 0 || !kcode[0])
				continue; /* なし: nothing to route there */
			if (strcmp(kcode, "1") == 0)
				change = BC_CHANGE_LIFTED;
			else if (strcmp(kcode, "3") != 0)
				change = BC_CHANGE_NONE; /* unknown: kept */
			else if (strcmp(status, "継続") == 0)
				change = BC_CHANGE_CONTINUED;
			else
				change = BC_CHANGE_ISSUED;
			if (!area)
				return bc_jx_fail(jx, BC_E_PARSE, item,
						  "Item without Area");
			name_code(area, BC_JX_NS_METE, name, sizeof name, code,
				  sizeof code);
			if (!code[0])
				return bc_jx_fail(jx, BC_E_PARSE, area,
						  "Area without Code");
			struct bc_item *it;
			if ((e = bc_jx_add_item(jx, item, &it)))
				return e;
			it->area_type = BC_AREA_CITY;
			bc_strlcpy_utf8(it->area_code, code,
					sizeof it->area_code);
			bc_strlcpy_utf8(it->area_name_ja, name,
					sizeof it->area_name_ja);
			it->term = term;
			it->change = change;
			it->level = 4;
		}
	}
	summarise(a, BC_SEV_SEVERE);
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* 気象特別警報報知 (VPNO50).                                             */

/* The Body is empty: everything is in Head/Headline/Information.  While
 * emergency warnings are in force, Information[@type="気象特別警報報知
 * （市町村等）"] names each municipality with one Kind per emergency
 * warning (code.WeatherWarning 32-38); they become items "issued".  When
 * the last one ends, only the prefecture remains, with Kind 解除/00, and
 * the headline says how it ended (manual §2-8-1): 【警報に切り替え】,
 * 【注意報に切り替え】 or 【特別警報解除】.  That becomes one item for the
 * prefecture's forecast area: the emergency warning lifted, or replaced by
 * warnings or advisories. */
#define NOTICE_CITY "気象特別警報報知（市町村等）"
#define NOTICE_PREF "気象特別警報報知（府県予報区等）"

static enum bc_err notice_item(struct bc_jx *jx, const xmlNode *item,
			       enum bc_area_type type)
{
	const xmlNode *areas = NULL;
	char code[16] = "", name[96] = "";
	enum bc_err e;
	for (const xmlNode *c = bc_jx_elem(item->children); c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_IB, "Areas"))
			areas = c;
	const xmlNode *area = areas ? bc_jx_elem(areas->children) : NULL;
	if (!area || !bc_jx_is(area, BC_JX_NS_IB, "Area"))
		return bc_jx_fail(jx, BC_E_PARSE, item, "Item without Area");
	name_code(area, BC_JX_NS_IB, name, sizeof name, code, sizeof code);
	if (!code[0])
		return bc_jx_fail(jx, BC_E_PARSE, area, "Area without Code");

	for (const xmlNode *k = bc_jx_elem(item->children); k;
	     k = bc_jx_elem(k->next)) {
		if (!bc_jx_is(k, BC_JX_NS_IB, "Kind"))
			continue;
		struct bc_term t = { "WeatherWarning", "", "" };
		struct bc_term last = { "", "", "" };
		enum bc_change change = BC_CHANGE_ISSUED;
		name_code(k, BC_JX_NS_IB, t.ja, sizeof t.ja, t.code,
			  sizeof t.code);
		if (strcmp(t.code, "00") == 0) {
			const char *h = jx->alert->headline_ja;
			if (type == BC_AREA_CITY)
				continue; /* not a state of a municipality */
			t = (struct bc_term){ "", "", "特別警報" };
			change = BC_CHANGE_LIFTED;
			if (strstr(h, "【警報に切り替え】") ||
			    strstr(h, "【注意報に切り替え】")) {
				last = t;
				snprintf(t.ja, sizeof t.ja, "%s",
					 strstr(h, "【警報") ? "警報" : "注意報");
				change = BC_CHANGE_DOWNGRADED;
			}
		} else if (type != BC_AREA_CITY || !t.code[0]) {
			/* The prefecture summary of what the municipalities
			 * carry: they are routed one by one. */
			continue;
		}
		struct bc_item *it;
		if ((e = bc_jx_add_item(jx, k, &it)))
			return e;
		it->area_type = type;
		bc_strlcpy_utf8(it->area_code, code, sizeof it->area_code);
		bc_strlcpy_utf8(it->area_name_ja, name,
				sizeof it->area_name_ja);
		it->term = t;
		it->last = last;
		it->change = change;
		it->level = change == BC_CHANGE_ISSUED ? term_level(&t) : 0;
	}
	return BC_E_OK;
}

enum bc_err bc_jx_notice(struct bc_jx *jx, const xmlNode *body)
{
	const xmlNode *head = bc_jx_head_of(body), *hl = NULL;
	enum bc_err e;
	if (head)
		for (const xmlNode *c = bc_jx_elem(head->children); c;
		     c = bc_jx_elem(c->next))
			if (bc_jx_is(c, BC_JX_NS_IB, "Headline"))
				hl = c;
	if (!hl)
		return bc_jx_fail(jx, BC_E_PARSE, head, "VPNO50 without "
				  "Head/Headline");
	size_t n_city = 0;
	for (int pass = 0; pass < 2; pass++) {
		/* Municipalities first; the prefecture only when none is
		 * left (everything lifted). */
		const char *want = pass ? NOTICE_PREF : NOTICE_CITY;
		if (pass && n_city)
			break;
		for (const xmlNode *inf = bc_jx_elem(hl->children); inf;
		     inf = bc_jx_elem(inf->next)) {
			const char *type = bc_jx_attr(inf, "type");
			if (!bc_jx_is(inf, BC_JX_NS_IB, "Information") ||
			    !type || strcmp(type, want) != 0)
				continue;
			for (const xmlNode *it = bc_jx_elem(inf->children); it;
			     it = bc_jx_elem(it->next)) {
				if (!bc_jx_is(it, BC_JX_NS_IB, "Item"))
					continue;
				e = notice_item(jx, it, pass ? BC_AREA_FORECAST
							     : BC_AREA_CITY);
				if (e)
					return e;
			}
		}
		n_city = jx->alert->n_items;
	}
	summarise(jx->alert, BC_SEV_EXTREME);
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* 竜巻注意情報 (VPHW50) and 竜巻注意情報（目撃情報付き） (VPHW51).          */

/* Body/Warning[@type="竜巻注意情報（市町村等）"] lists the prefecture's
 * municipalities with Kind/Code 1 (竜巻注意情報, Status 発表) or 0 (なし).
 * The watch lapses at Head/ValidDateTime (about an hour later), which
 * jmaxml.c puts in valid_until, so state expires with it.
 *
 * VPHW51 adds Head/Headline/Information[@type="竜巻注意情報（目撃情報
 * あり）"] (manual 竜巻注意情報 XML の解説 (2)【注】): the areas where a
 * tornado or other violent gust is believed to have happened, from
 * sightings.  Each becomes an item of its own (a forecast area or a
 * municipality, as its codeType says), so that those places hear that it
 * has already happened nearby. */
#define TORNADO_CITY "竜巻注意情報（市町村等）"
#define TORNADO_SIGHT "竜巻注意情報（目撃情報あり）"
#define TORNADO_NAME "竜巻注意情報"

static enum bc_err tornado_sightings(struct bc_jx *jx, const xmlNode *head)
{
	enum bc_err e;
	for (const xmlNode *hl = head ? bc_jx_elem(head->children) : NULL; hl;
	     hl = bc_jx_elem(hl->next)) {
		if (!bc_jx_is(hl, BC_JX_NS_IB, "Headline"))
			continue;
		for (const xmlNode *inf = bc_jx_elem(hl->children); inf;
		     inf = bc_jx_elem(inf->next)) {
			const char *type = bc_jx_attr(inf, "type");
			if (!bc_jx_is(inf, BC_JX_NS_IB, "Information") ||
			    !type || strcmp(type, TORNADO_SIGHT) != 0)
				continue;
			for (const xmlNode *item = bc_jx_elem(inf->children);
			     item; item = bc_jx_elem(item->next))
			for (const xmlNode *as = bc_jx_elem(item->children);
			     as; as = bc_jx_elem(as->next)) {
				if (!bc_jx_is(as, BC_JX_NS_IB, "Areas"))
					continue;
				const char *ct = bc_jx_attr(as, "codeType");
				enum bc_area_type at =
					ct && strstr(ct, "市町村等")
						? BC_AREA_CITY
						: BC_AREA_FORECAST;
				for (const xmlNode *ar = bc_jx_elem(as->children);
				     ar; ar = bc_jx_elem(ar->next)) {
					char name[96], code[16];
					if (!bc_jx_is(ar, BC_JX_NS_IB, "Area"))
						continue;
					name_code(ar, BC_JX_NS_IB, name,
						  sizeof name, code,
						  sizeof code);
					if (!code[0])
						continue;
					struct bc_item *it;
					if ((e = bc_jx_add_item(jx, ar, &it)))
						return e;
					it->area_type = at;
					bc_strlcpy_utf8(it->area_code, code,
							sizeof it->area_code);
					bc_strlcpy_utf8(it->area_name_ja, name,
							sizeof it->area_name_ja);
					it->term = (struct bc_term){
						"HazardousWindWatch", "",
						TORNADO_SIGHT };
					it->change = BC_CHANGE_ISSUED;
				}
			}
		}
	}
	return BC_E_OK;
}

enum bc_err bc_jx_tornado(struct bc_jx *jx, const xmlNode *body)
{
	enum bc_err e = tornado_sightings(jx, bc_jx_head_of(body));
	if (e)
		return e;
	for (const xmlNode *w = bc_jx_elem(body->children); w;
	     w = bc_jx_elem(w->next)) {
		const char *type = bc_jx_attr(w, "type");
		if (!bc_jx_is(w, BC_JX_NS_METE, "Warning") || !type ||
		    strcmp(type, TORNADO_CITY) != 0)
			continue;
		for (const xmlNode *item = bc_jx_elem(w->children); item;
		     item = bc_jx_elem(item->next)) {
			char kname[96] = "", kcode[16] = "", name[96] = "",
			     code[16] = "";
			const xmlNode *area = NULL;
			if (!bc_jx_is(item, BC_JX_NS_METE, "Item"))
				continue;
			for (const xmlNode *c = bc_jx_elem(item->children); c;
			     c = bc_jx_elem(c->next)) {
				if (bc_jx_is(c, BC_JX_NS_METE, "Kind"))
					name_code(c, BC_JX_NS_METE, kname,
						  sizeof kname, kcode,
						  sizeof kcode);
				else if (bc_jx_is(c, BC_JX_NS_METE, "Area"))
					area = c;
			}
			if (strcmp(kcode, "1") != 0)
				continue; /* なし */
			if (!area)
				return bc_jx_fail(jx, BC_E_PARSE, item,
						  "Item without Area");
			name_code(area, BC_JX_NS_METE, name, sizeof name, code,
				  sizeof code);
			if (!code[0])
				return bc_jx_fail(jx, BC_E_PARSE, area,
						  "Area without Code");
			struct bc_item *it;
			if ((e = bc_jx_add_item(jx, item, &it)))
				return e;
			it->area_type = BC_AREA_CITY;
			bc_strlcpy_utf8(it->area_code, code,
					sizeof it->area_code);
			bc_strlcpy_utf8(it->area_name_ja, name,
					sizeof it->area_name_ja);
			it->term = (struct bc_term){ "HazardousWindWatch", "1",
						     TORNADO_NAME };
			it->change = BC_CHANGE_ISSUED;
		}
	}
	summarise(jx->alert, BC_SEV_SEVERE);
	return BC_E_OK;
}
