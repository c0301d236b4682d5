/* jmaxml_warning.c — weather warnings: the old VPWW53 (気象特別警報・警報・
 * 注意報) and VPWW54 (気象警報・注意報（Ｈ２７）), and the level-named
 * VPWW55–VPWW61 (気象警報・注意報（Ｒ０６）（…）, in force since
 * 2026-05-29).  All share one Body layout (jmx_mete).
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
