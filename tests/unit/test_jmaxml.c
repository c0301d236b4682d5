/* test_jmaxml.c — the JMA XML parser against real JMA documents
 * (tests/data/jmaxml), hand-made bad inputs (tests/data/bad) and generated
 * extremes.  Expected values were read from the XML files by hand; the
 * epoch seconds were computed independently (Python calendar.timegm). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "alert.h"
#include "buf.h"
#include "jmaxml.h"

#define KURIBO "tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/"
#define MIERUNE "tests/data/jmaxml/MIERUNE-jmaxml/"
#define P2P "tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/"
#define BAD "tests/data/bad/"

static const char *data_dir(void)
{
	const char *d = getenv("BC_DATA_DIR");
	if (!d)
		d = getenv("BC_SOURCE_DIR");
	return d ? d : ".";
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			char *p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *slurp_rel(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", data_dir(), rel);
	char *d = slurp(path, len);
	if (!d)
		fail_msg("cannot read %s", path);
	return d;
}

/* Well-formed UTF-8 (lead byte and the right number of continuation
 * bytes; overlongs are not looked for here). */
static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 :
			(*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			return false;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

/* A reason must be one non-empty line of valid UTF-8. */
static void assert_one_line(const char *why)
{
	assert_non_null(why);
	assert_true(why[0] != '\0');
	assert_null(strchr(why, '\n'));
	assert_null(strchr(why, '\r'));
	assert_true(valid_utf8(why));
}

static struct bc_alert *parse_ok(const char *rel)
{
	size_t len;
	char *d = slurp_rel(rel, &len);
	struct bc_alert *a = NULL;
	char why[256];
	enum bc_err e = bc_jmaxml_parse(d, len, rel, NULL, &a, why,
					sizeof why);
	free(d);
	if (e != BC_E_OK)
		fail_msg("%s: %s: %s", rel, bc_errname(e), why);
	assert_non_null(a);
	return a;
}

static const struct bc_item *item_at(const struct bc_alert *a,
				     const char *area, const char *code)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].area_code, area) == 0 &&
		    strcmp(a->items[i].term.code, code) == 0)
			return &a->items[i];
	fail_msg("no item %s/%s", area, code);
	return NULL;
}

static bool has_area(const struct bc_alert *a, const char *area)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].area_code, area) == 0)
			return true;
	return false;
}

static size_t count_change(const struct bc_alert *a, enum bc_change c)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_items; i++)
		n += a->items[i].change == c;
	return n;
}

/* ------------------------------------------------------------------ */

static void test_kind_of_type(void **state)
{
	(void)state;
	static const char *const warning[] = {
		"VPWW53", "VPWW54", "VPWW55", "VPWW56", "VPWW57", "VPWW58",
		"VPWW59", "VPWW60", "VPWW61", "VPNO50" };
	for (size_t i = 0; i < sizeof warning / sizeof *warning; i++)
		assert_int_equal(bc_jmaxml_kind_of_type(warning[i]),
				 BC_KIND_WARNING);
	assert_int_equal(bc_jmaxml_kind_of_type("VXWW50"), BC_KIND_LANDSLIDE);
	assert_int_equal(bc_jmaxml_kind_of_type("VXKO50"), BC_KIND_FLOOD);
	assert_int_equal(bc_jmaxml_kind_of_type("VXKO89"), BC_KIND_FLOOD);
	assert_int_equal(bc_jmaxml_kind_of_type("VXKOii"), BC_KIND_FLOOD);
	assert_int_equal(bc_jmaxml_kind_of_type("VXSU51"), BC_KIND_FLOOD);
	assert_int_equal(bc_jmaxml_kind_of_type("VPOA50"), BC_KIND_RAIN);
	assert_int_equal(bc_jmaxml_kind_of_type("VPBS50"), BC_KIND_RAIN);
	assert_int_equal(bc_jmaxml_kind_of_type("VPHW50"), BC_KIND_TORNADO);
	assert_int_equal(bc_jmaxml_kind_of_type("VPHW51"), BC_KIND_TORNADO);
	assert_int_equal(bc_jmaxml_kind_of_type("VXSE43"), BC_KIND_EEW);
	/* Forecast-grade EEW: eew, gated by configuration downstream. */
	assert_int_equal(bc_jmaxml_kind_of_type("VXSE44"), BC_KIND_EEW);
	assert_int_equal(bc_jmaxml_kind_of_type("VXSE45"), BC_KIND_EEW);
	static const char *const quake[] = { "VXSE51", "VXSE52", "VXSE53",
					     "VXSE61", "VXSE62" };
	for (size_t i = 0; i < sizeof quake / sizeof *quake; i++)
		assert_int_equal(bc_jmaxml_kind_of_type(quake[i]),
				 BC_KIND_QUAKE);
	assert_int_equal(bc_jmaxml_kind_of_type("VTSE41"), BC_KIND_TSUNAMI);
	assert_int_equal(bc_jmaxml_kind_of_type("VTSE51"), BC_KIND_TSUNAMI);
	assert_int_equal(bc_jmaxml_kind_of_type("VTSE52"), BC_KIND_TSUNAMI);
	for (int i = 50; i <= 56; i++) {
		char t[8];
		snprintf(t, sizeof t, "VFVO%d", i);
		assert_int_equal(bc_jmaxml_kind_of_type(t), BC_KIND_VOLCANO);
	}
	assert_int_equal(bc_jmaxml_kind_of_type("VYSE50"), BC_KIND_NANKAI);
	assert_int_equal(bc_jmaxml_kind_of_type("VYSE51"), BC_KIND_NANKAI);
	assert_int_equal(bc_jmaxml_kind_of_type("VYSE52"), BC_KIND_NANKAI);
	assert_int_equal(bc_jmaxml_kind_of_type("VYSE60"), BC_KIND_NANKAI);

	/* Recognised but not broadcast, and unknown. */
	static const char *const none[] = {
		"VPFD51", "VPWW50", "VPWP50", "VXSE41", "VXSE42", "VXSE40",
		"VXSE56", "VFVO60", "VZSE40", "VXKO", "VXKO5", "VXKO500",
		"VXKOAB", "vpww55", "XXXX99", "" };
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		assert_int_equal(bc_jmaxml_kind_of_type(none[i]),
				 BC_KIND_NONE);
	assert_int_equal(bc_jmaxml_kind_of_type(NULL), BC_KIND_NONE);
}

static void test_type_of_title(void **state)
{
	(void)state;
	assert_string_equal(bc_jmaxml_type_of_title("震源・震度に関する情報"),
			    "VXSE53");
	assert_string_equal(bc_jmaxml_type_of_title("緊急地震速報（警報）"),
			    "VXSE43");
	assert_string_equal(bc_jmaxml_type_of_title("緊急地震速報（予報）"),
			    "VXSE44");
	assert_string_equal(
		bc_jmaxml_type_of_title("気象特別警報・警報・注意報"),
		"VPWW53");
	assert_string_equal(bc_jmaxml_type_of_title(
				    "気象警報・注意報（Ｒ０６）（土砂災害）"),
			    "VPWW56");
	assert_string_equal(
		bc_jmaxml_type_of_title("気象警報・注意報（Ｒ０６）（土砂）"),
		"VPWW56");
	assert_string_equal(bc_jmaxml_type_of_title("津波警報・注意報・予報a"),
			    "VTSE41");
	assert_null(bc_jmaxml_type_of_title("宇宙天気予報"));
	assert_null(bc_jmaxml_type_of_title(""));
	assert_null(bc_jmaxml_type_of_title(NULL));

	/* Every title of the corpus index is known, and maps to a type the
	 * index pairs with that title. */
	size_t len;
	char *idx = slurp_rel("tests/data/jmaxml/INDEX.tsv", &len);
	size_t rows = 0;
	for (char *line = strtok(idx, "\n"); line; line = strtok(NULL, "\n")) {
		char *col[5] = { 0 };
		char *p = line;
		for (int c = 0; c < 5 && p; c++) {
			col[c] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!col[3] || strcmp(col[0], "source_dir") == 0)
			continue;
		const char *t = bc_jmaxml_type_of_title(col[3]);
		if (!t)
			fail_msg("title %s (%s) unknown", col[3], col[2]);
		/* Same family of codes: the first four letters agree. */
		assert_memory_equal(t, col[2], 4);
		rows++;
	}
	free(idx);
	assert_true(rows > 600);
}

/* ------------------------------------------------------------------ */
/* Warnings                                                             */

/* Old format, Nara, 2011-09-03 12:00 JST: 大雨特別警報 issued over the
 * prefecture, 40 municipalities with 4 Kinds each. */
static void test_vpww53_nara(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_08_01_130412_VPWW53.xml");
	assert_string_equal(a->type, "VPWW53");
	assert_int_equal(a->kind, BC_KIND_WARNING);
	assert_string_equal(a->control_title, "気象特別警報・警報・注意報");
	assert_string_equal(a->head_title, "奈良県気象警報・注意報");
	assert_string_equal(a->office_ja, "奈良地方気象台");
	assert_int_equal(a->status, BC_STATUS_ACTUAL);
	/* 発表, but most Kinds are 継続: an update of earlier reports. */
	assert_int_equal(a->msg_type, BC_MSG_UPDATE);
	assert_int_equal(a->serial, 0);
	assert_string_equal(a->event_id, "");
	assert_int_equal(a->reported, 1315018800); /* 2011-09-03T03:00Z */
	assert_int_equal(a->control_time, 1315018800);
	assert_int_equal(a->valid_until, 0);
	assert_true(strncmp(a->headline_ja, "【特別警報（大雨）】", 30) == 0);
	assert_int_equal(a->n_items, 160);
	assert_int_equal(strlen(a->id), 16);
	assert_true(strstr(a->source, "15_08_01_130412_VPWW53.xml") != NULL);

	const struct bc_item *it = &a->items[0];
	assert_int_equal(it->area_type, BC_AREA_CITY);
	assert_string_equal(it->area_code, "2920100");
	assert_string_equal(it->area_name_ja, "奈良市");
	assert_string_equal(it->term.table, "WeatherWarning");
	assert_string_equal(it->term.code, "33");
	assert_string_equal(it->term.ja, "大雨特別警報");
	assert_int_equal(it->change, BC_CHANGE_ISSUED);
	assert_int_equal(it->level, 5);
	assert_string_equal(it->value.table, "WarningCondition");
	assert_string_equal(it->value.ja, "土砂災害");
	assert_string_equal(it->last.code, "");

	it = item_at(a, "2920100", "14");
	assert_string_equal(it->term.ja, "雷注意報");
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(it->level, 0);
	assert_string_equal(it->value.ja, "");
	it = item_at(a, "2920100", "18");
	assert_string_equal(it->term.ja, "洪水注意報");
	assert_int_equal(it->level, 2);
	it = item_at(a, "2920200", "33");
	assert_string_equal(it->area_name_ja, "大和高田市");
	assert_string_equal(it->value.ja, "土砂災害、浸水害");
	it = item_at(a, "2920200", "04");
	assert_string_equal(it->term.ja, "洪水警報");
	assert_int_equal(it->level, 3);

	assert_int_equal(a->severity, BC_SEV_EXTREME);
	assert_int_equal(a->level, 5);
	assert_false(a->quake.present);
	bc_alert_free(a);
}

/* Old format, Wakayama, 2013-08-09: the special warning ends; Kinds are
 * 解除 (60), 特別警報から警報 (18) and 特別警報から注意報 (30). */
static void test_vpww53_downgrades(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_09_03_130826_VPWW53.xml");
	assert_int_equal(a->n_items, 108);
	assert_int_equal(count_change(a, BC_CHANGE_LIFTED), 60);
	assert_int_equal(count_change(a, BC_CHANGE_DOWNGRADED), 48);
	const struct bc_item *it = &a->items[0];
	assert_string_equal(it->term.code, "33");
	assert_int_equal(it->change, BC_CHANGE_LIFTED);
	assert_string_equal(it->value.ja, "土砂災害、浸水害");
	it = &a->items[2];
	assert_string_equal(it->term.ja, "波浪警報");
	assert_int_equal(it->change, BC_CHANGE_DOWNGRADED);
	/* In force: 波浪警報 and 強風注意報, neither with a level. */
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	assert_int_equal(a->level, 0);
	assert_int_equal(a->msg_type, BC_MSG_UPDATE);
	assert_int_equal(a->reported, 1376014380); /* 2013-08-09T02:13Z */
	bc_alert_free(a);
}

/* Old format H27, Yamaguchi: everything 発表 (a first report). */
static void test_vpww54_first_report(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_11_01_150916_VPWW54.xml");
	assert_string_equal(a->type, "VPWW54");
	assert_string_equal(a->office_ja, "下関地方気象台");
	assert_int_equal(a->control_time, 1434963600); /* 2015-06-22T09Z */
	assert_int_equal(a->n_items, 56);
	assert_int_equal(count_change(a, BC_CHANGE_ISSUED), 56);
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	const struct bc_item *it = &a->items[0];
	assert_string_equal(it->area_code, "3520100");
	assert_string_equal(it->area_name_ja, "下関市");
	assert_string_equal(it->term.ja, "高潮警報");
	assert_string_equal(it->term.code, "08");
	assert_int_equal(it->level, 3);
	it = item_at(a, "3520100", "21");
	assert_string_equal(it->term.ja, "乾燥注意報");
	assert_int_equal(it->level, 0);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	assert_int_equal(a->level, 3);
	bc_alert_free(a);
}

/* New format, Wakkanai: Wakkanai city goes from レベル３大雨警報 to
 * レベル４大雨危険警報 (LastKind 03). */
static void test_vpww55_upgrade(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_16_03_241226_VPWW55.xml");
	assert_string_equal(a->type, "VPWW55");
	assert_string_equal(a->control_title,
			    "気象警報・注意報（Ｒ０６）（大雨）");
	assert_string_equal(a->head_title, "宗谷地方大雨警報・注意報");
	assert_string_equal(a->office_ja, "稚内地方気象台");
	assert_int_equal(a->control_time, 1592834400); /* 2020-06-22T14Z */
	assert_int_equal(a->reported, 1592834400);
	assert_int_equal(a->n_items, 10);
	const struct bc_item *it = &a->items[0];
	assert_string_equal(it->area_code, "0121400");
	assert_string_equal(it->area_name_ja, "稚内市");
	assert_string_equal(it->term.code, "43");
	assert_string_equal(it->term.ja, "レベル４大雨危険警報");
	assert_string_equal(it->last.table, "WeatherWarning");
	assert_string_equal(it->last.code, "03");
	assert_string_equal(it->last.ja, "レベル３大雨警報");
	assert_int_equal(it->change, BC_CHANGE_UPGRADED);
	assert_int_equal(it->level, 4);
	it = item_at(a, "0151100", "03");
	assert_string_equal(it->area_name_ja, "猿払村");
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(it->level, 3);
	it = item_at(a, "0152000", "10");
	assert_string_equal(it->term.ja, "レベル２大雨注意報");
	assert_int_equal(it->level, 2);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	assert_int_equal(a->level, 4);
	assert_int_equal(a->msg_type, BC_MSG_UPDATE);
	assert_true(strstr(a->headline_ja, "レベル４大雨危険警報") != NULL);
	bc_alert_free(a);
}

/* New format, Matsue: one 解除, three municipalities with
 * 発表警報・注意報はなし (no item). */
static void test_vpww55_lifted_and_none(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_17_01_251222_VPWW55.xml");
	assert_int_equal(a->n_items, 16);
	const struct bc_item *it = item_at(a, "3252800", "10");
	assert_string_equal(it->area_name_ja, "隠岐の島町");
	assert_int_equal(it->change, BC_CHANGE_LIFTED);
	assert_string_equal(it->last.code, "10");
	assert_int_equal(count_change(a, BC_CHANGE_LIFTED), 1);
	/* 海士町, 西ノ島町, 知夫村: nothing in force, nothing lifted. */
	assert_false(has_area(a, "3252500"));
	assert_false(has_area(a, "3252600"));
	assert_false(has_area(a, "3252700"));
	it = item_at(a, "3220100", "03");
	assert_string_equal(it->area_name_ja, "松江市");
	assert_int_equal(a->level, 3);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);
}

static void test_vpww56_58_61(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_16_01_241031_VPWW56.xml");
	assert_string_equal(a->type, "VPWW56");
	const struct bc_item *it = item_at(a, "0121400", "49");
	assert_string_equal(it->term.ja, "レベル４土砂災害危険警報");
	assert_string_equal(it->last.code, "09");
	assert_int_equal(it->change, BC_CHANGE_UPGRADED);
	assert_int_equal(it->level, 4);
	assert_int_equal(item_at(a, "0151200", "29")->level, 2);
	assert_int_equal(a->level, 4);
	bc_alert_free(a);

	/* 暴風警報 from 強風注意報: no level, still an upgrade. */
	a = parse_ok(KURIBO "15_16_04_251222_VPWW58.xml");
	assert_string_equal(a->type, "VPWW58");
	it = item_at(a, "0121400", "05");
	assert_string_equal(it->term.ja, "暴風警報");
	assert_string_equal(it->last.code, "15");
	assert_int_equal(it->change, BC_CHANGE_UPGRADED);
	assert_int_equal(it->level, 0);
	assert_int_equal(a->level, 0);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);

	/* Only advisories: moderate. */
	a = parse_ok(KURIBO "15_16_07_250825_VPWW61.xml");
	assert_string_equal(a->type, "VPWW61");
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	assert_int_equal(a->level, 0);
	bc_alert_free(a);
}

/* New format 高潮, Kyoto: the 高潮予報区間 part is not read; 5 of 25
 * municipalities have a warning. */
static void test_vpww57_storm_surge(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "15_16_02_251222_VPWW57.xml");
	assert_string_equal(a->type, "VPWW57");
	assert_string_equal(a->office_ja,
			    "近畿地方整備局 京都府 京都地方気象台");
	assert_int_equal(a->n_items, 5);
	const struct bc_item *it = &a->items[0];
	assert_string_equal(it->area_name_ja, "舞鶴市");
	assert_string_equal(it->term.ja, "レベル４高潮危険警報");
	assert_int_equal(it->change, BC_CHANGE_UPGRADED);
	assert_int_equal(it->level, 4);
	it = item_at(a, "2621200", "08");
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(it->level, 3);
	for (size_t i = 0; i < a->n_items; i++)
		assert_int_equal(a->items[i].area_type, BC_AREA_CITY);
	bc_alert_free(a);
}

/* ------------------------------------------------------------------ */
/* Earthquakes                                                          */

/* A real telegram, 2021-02-17 08:30 JST off Fukushima, M3.7, max 1. */
static void test_vxse53_small(void **state)
{
	(void)state;
	struct bc_alert *a =
		parse_ok(P2P "20210216233339_0_VXSE53_010000.xml");
	assert_string_equal(a->type, "VXSE53");
	assert_int_equal(a->kind, BC_KIND_QUAKE);
	assert_string_equal(a->head_title, "震源・震度情報");
	assert_string_equal(a->office_ja, "気象庁");
	assert_string_equal(a->event_id, "20210217083059");
	assert_int_equal(a->serial, 1);
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	assert_int_equal(a->status, BC_STATUS_ACTUAL);
	assert_int_equal(a->control_time, 1613518418); /* 23:33:38Z */
	assert_int_equal(a->reported, 1613518380);     /* 08:33 JST */
	assert_string_equal(a->headline_ja,
			    "１７日０８時３１分ころ、地震がありました。");
	const struct bc_quake *q = &a->quake;
	assert_true(q->present);
	assert_int_equal(q->origin_time, 1613518200);  /* 08:30 JST */
	assert_string_equal(q->epicenter_code, "289");
	assert_string_equal(q->epicenter_ja, "福島県沖");
	assert_float_equal(q->lat, 37.6, 1e-9);
	assert_float_equal(q->lon, 141.6, 1e-9);
	assert_int_equal(q->depth_km, 50);
	assert_float_equal(q->magnitude, 3.7, 1e-9);
	assert_string_equal(q->magnitude_desc, "");
	assert_string_equal(q->max_int, "1");
	assert_int_equal(q->n_comments, 1);
	assert_string_equal(q->comments[0], "0215");
	assert_int_equal(a->n_items, 1);
	const struct bc_item *it = &a->items[0];
	assert_int_equal(it->area_type, BC_AREA_CITY);
	assert_string_equal(it->area_code, "0721100");
	assert_string_equal(it->area_name_ja, "田村市");
	assert_string_equal(it->term.table, "SeismicIntensity");
	assert_string_equal(it->term.code, "1");
	assert_string_equal(it->term.ja, "震度１");
	assert_int_equal(it->change, BC_CHANGE_NONE);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	assert_int_equal(a->level, 0);
	bc_alert_free(a);
}

/* ごく浅い: depth 0. */
static void test_vxse53_shallow(void **state)
{
	(void)state;
	struct bc_alert *a =
		parse_ok(P2P "20210216071046_0_VXSE53_270000.xml");
	assert_string_equal(a->quake.epicenter_ja, "大阪府南部");
	assert_int_equal(a->quake.depth_km, 0);
	assert_float_equal(a->quake.lat, 34.3, 1e-9);
	assert_float_equal(a->quake.magnitude, 1.5, 1e-9);
	assert_int_equal(a->quake.n_comments, 2);
	assert_string_equal(a->quake.comments[1], "0262");
	assert_string_equal(a->items[0].area_name_ja, "和歌山市");
	bc_alert_free(a);
}

/* 2008 Iwate-Miyagi, first report: max 6+, 620 cities, three with
 * 震度５弱以上未入電. */
static void test_vxse53_iwate_miyagi(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-35_06_03_240613_VXSE53.xml");
	const struct bc_quake *q = &a->quake;
	assert_int_equal(a->reported, 1213400820);
	assert_int_equal(q->origin_time, 1213400580);
	assert_string_equal(q->epicenter_code, "213");
	assert_string_equal(q->epicenter_ja, "岩手県内陸南部");
	assert_float_equal(q->lat, 39.0, 1e-9);
	assert_float_equal(q->lon, 140.9, 1e-9);
	assert_int_equal(q->depth_km, 10);
	assert_float_equal(q->magnitude, 7.0, 1e-9);
	assert_string_equal(q->max_int, "6+");
	assert_int_equal(q->n_comments, 3);
	assert_string_equal(q->comments[0], "0215");
	assert_string_equal(q->comments[1], "0241");
	assert_string_equal(q->comments[2], "0262");
	assert_int_equal(a->n_items, 620);
	const struct bc_item *it = &a->items[0];
	assert_string_equal(it->area_name_ja, "奥州市");
	assert_string_equal(it->term.code, "6+");
	assert_string_equal(it->term.ja, "震度６強");
	it = item_at(a, "0342200", "5-");
	assert_string_equal(it->term.ja, "震度５弱");
	/* No MaxInt, only the Condition. */
	it = item_at(a, "0338100", "5-?");
	assert_string_equal(it->area_name_ja, "金ケ崎町");
	assert_string_equal(it->term.ja, "震度５弱以上未入電");
	assert_string_equal(it->value.code, "");
	/* MaxInt 4 and the Condition: 5-? with the 4 kept aside. */
	it = item_at(a, "0636500", "5-?");
	assert_string_equal(it->area_name_ja, "大蔵村");
	assert_string_equal(it->value.code, "4");
	assert_string_equal(it->value.ja, "震度４");
	size_t unreceived = 0;
	for (size_t i = 0; i < a->n_items; i++)
		unreceived += strcmp(a->items[i].term.code, "5-?") == 0;
	assert_int_equal(unreceived, 3);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	assert_int_equal(a->level, 0);
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	bc_alert_free(a);

	a = parse_ok(KURIBO "32-35_06_04_240613_VXSE53.xml");
	assert_int_equal(a->serial, 2);
	assert_int_equal(a->msg_type, BC_MSG_UPDATE);
	assert_string_equal(a->event_id, "20080614084350");
	bc_alert_free(a);
}

/* The cancellation of that report: no Earthquake, no items, valid. */
static void test_vxse53_cancel(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-35_06_06_100915_VXSE53.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	assert_int_equal(a->serial, 3);
	assert_string_equal(a->event_id, "20080614084350");
	assert_int_equal(a->reported, 1213401960); /* 2008-06-14T00:06Z */
	assert_false(a->quake.present);
	assert_int_equal(a->n_items, 0);
	assert_string_equal(a->headline_ja, "震源・震度情報を取り消します。");
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);
}

/* A drill (訓練), Suruga Bay, max 5-. */
static void test_vxse53_exercise(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-35_01_03_240613_VXSE53.xml");
	assert_int_equal(a->status, BC_STATUS_EXERCISE);
	assert_string_equal(a->quake.epicenter_ja, "駿河湾");
	assert_string_equal(a->quake.max_int, "5-");
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);
}

/* 2011 Tohoku: "Ｍ８を超える巨大地震", max 7. */
static void test_vxse53_tohoku(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(P2P "32-39_11_05_120615_VXSE53.xml");
	const struct bc_quake *q = &a->quake;
	assert_string_equal(q->epicenter_ja, "三陸沖");
	assert_true(isnan(q->magnitude));
	assert_string_equal(q->magnitude_desc, "Ｍ８を超える巨大地震");
	assert_string_equal(q->max_int, "7");
	assert_int_equal(q->depth_km, 10);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	assert_int_equal(a->n_items, 1275);
	bc_alert_free(a);
}

/* A distant quake (Kamchatka): unknown depth and magnitude, no
 * intensity in Japan. */
static void test_vxse53_distant(void **state)
{
	(void)state;
	struct bc_alert *a =
		parse_ok(P2P "20230410231623_04156158_VXSE53.xml");
	const struct bc_quake *q = &a->quake;
	assert_string_equal(q->epicenter_ja, "カムチャツカ半島付近");
	assert_float_equal(q->lat, 56.7, 1e-9);
	assert_float_equal(q->lon, 161.4, 1e-9);
	assert_int_equal(q->depth_km, -1);
	assert_true(isnan(q->magnitude));
	assert_string_equal(q->magnitude_desc, "Ｍ不明");
	assert_string_equal(q->max_int, "");
	assert_int_equal(a->n_items, 0);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);

	/* South America, west longitude written "-072.6". */
	a = parse_ok(KURIBO "32-39_05_02_100831_VXSE53.xml");
	assert_float_equal(a->quake.lat, -36.1, 1e-9);
	assert_float_equal(a->quake.lon, -72.6, 1e-9);
	assert_int_equal(a->quake.depth_km, 60);
	assert_float_equal(a->quake.magnitude, 8.6, 1e-9);
	bc_alert_free(a);
}

/* The corpus has no VXSE53 訂正 and no 試験 warning: edit real ones. */
static char *replace_once(const char *s, const char *old, const char *new)
{
	const char *p = strstr(s, old);
	assert_non_null(p);
	size_t a = (size_t)(p - s), o = strlen(old), n = strlen(new);
	char *r = malloc(strlen(s) - o + n + 1);
	assert_non_null(r);
	memcpy(r, s, a);
	memcpy(r + a, new, n);
	strcpy(r + a + n, p + o);
	return r;
}

static void test_correction_and_test_status(void **state)
{
	(void)state;
	size_t len;
	char *d = slurp_rel(P2P "20210216233339_0_VXSE53_010000.xml", &len);
	char *c = replace_once(d, "<InfoType>発表</InfoType>",
			       "<InfoType>訂正</InfoType>");
	struct bc_alert *a = NULL, *b = NULL;
	char why[256];
	assert_int_equal(bc_jmaxml_parse(c, strlen(c), "c.xml", NULL, &a, why,
					 sizeof why), BC_E_OK);
	assert_int_equal(a->msg_type, BC_MSG_CORRECTION);
	/* The id keeps a correction apart from the report it corrects. */
	assert_int_equal(bc_jmaxml_parse(d, len, "d.xml", NULL, &b, why,
					 sizeof why), BC_E_OK);
	assert_string_not_equal(a->id, b->id);
	bc_alert_free(a);
	bc_alert_free(b);
	free(c);

	c = replace_once(d, "<Status>通常</Status>", "<Status>試験</Status>");
	assert_int_equal(bc_jmaxml_parse(c, strlen(c), "t.xml", NULL, &a, why,
					 sizeof why), BC_E_OK);
	assert_int_equal(a->status, BC_STATUS_TEST);
	bc_alert_free(a);
	free(c);

	c = replace_once(d, "<InfoType>発表</InfoType>",
			 "<InfoType>遅延</InfoType>");
	assert_int_equal(bc_jmaxml_parse(c, strlen(c), "l.xml", NULL, &a, why,
					 sizeof why), BC_E_OK);
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	bc_alert_free(a);
	free(c);

	/* An empty Serial is 0, a ValidDateTime is read. */
	c = replace_once(d, "<Serial>1</Serial>",
			 "<ValidDateTime>2021-02-18T08:33:00+09:00"
			 "</ValidDateTime><Serial/>");
	assert_int_equal(bc_jmaxml_parse(c, strlen(c), "s.xml", NULL, &a, why,
					 sizeof why), BC_E_OK);
	assert_int_equal(a->serial, 0);
	assert_int_equal(a->valid_until, 1613518380 + 86400);
	bc_alert_free(a);
	free(c);
	free(d);
}

/* The name's TTAAii picks between types that share a title. */
static void test_type_from_name(void **state)
{
	(void)state;
	size_t len;
	char *d = slurp_rel(P2P "37_02_01_100915_VXSE40.xml", &len);
	struct bc_alert *a = NULL;
	char why[256];
	/* The old EEW warning format (VXSE40) shares its title with VXSE43:
	 * the name says which, and VXSE40 is not broadcast. */
	assert_int_equal(bc_jmaxml_parse(d, len, "x/37_02_01_VXSE40.xml",
					 NULL, &a, why, sizeof why),
			 BC_E_UNSUPPORTED);
	assert_null(a);
	assert_true(strncmp(why, "VXSE40 ", 7) == 0);
	/* Without a name the title alone gives the current type. */
	assert_int_equal(bc_jmaxml_parse(d, len, NULL, NULL, &a, why,
					 sizeof why), BC_E_OK);
	assert_string_equal(a->type, "VXSE43");
	bc_alert_free(a);
	/* A name that disagrees with the title loses. */
	assert_int_equal(bc_jmaxml_parse(d, len, "a_VPWW55.xml", NULL, &a,
					 why, sizeof why), BC_E_OK);
	assert_string_equal(a->type, "VXSE43");
	bc_alert_free(a);
	free(d);

	/* Per-office types (VXKOii): the name supplies the number. */
	d = slurp_rel(KURIBO "16_01_01_220728_VXKOii.xml", &len);
	assert_int_equal(bc_jmaxml_parse(d, len, "20260101_0_VXKO52_220000.xml",
					 NULL, &a, why, sizeof why), BC_E_OK);
	assert_string_equal(a->type, "VXKO52");
	assert_int_equal(a->kind, BC_KIND_FLOOD);
	bc_alert_free(a);
	free(d);
}

/* ------------------------------------------------------------------ */
/* Bad inputs                                                           */

static enum bc_err err_by_name(const char *name)
{
	for (int e = 0; e < BC_E__COUNT; e++)
		if (strcmp(bc_errname((enum bc_err)e), name) == 0)
			return (enum bc_err)e;
	fail_msg("unknown error name %s", name);
	return BC_E__COUNT;
}

struct bad_case {
	char file[128];
	enum bc_err err;
	char why[256];
};

static size_t load_bad_cases(struct bad_case *cases, size_t max)
{
	size_t len, n = 0;
	char *m = slurp_rel(BAD "expected.tsv", &len);
	for (char *line = strtok(m, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#')
			continue;
		char *f = line, *e = strchr(f, '\t');
		assert_non_null(e);
		*e++ = '\0';
		char *w = strchr(e, '\t');
		assert_non_null(w);
		*w++ = '\0';
		assert_true(n < max);
		snprintf(cases[n].file, sizeof cases[n].file, "%s", f);
		cases[n].err = err_by_name(e);
		snprintf(cases[n].why, sizeof cases[n].why, "%s", w);
		n++;
	}
	free(m);
	return n;
}

static enum bc_err parse_rel(const char *rel, struct bc_alert **a,
			     char *why, size_t why_size)
{
	size_t len;
	char *d = slurp_rel(rel, &len);
	enum bc_err e = bc_jmaxml_parse(d, len, rel, NULL, a, why, why_size);
	free(d);
	return e;
}

static void test_bad_inputs(void **state)
{
	(void)state;
	static struct bad_case cases[128];
	size_t n = load_bad_cases(cases, 128);
	assert_true(n >= 40);

	/* libxml2 must not write to stderr itself: catch fd 2. */
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	FILE *cap = tmpfile();
	assert_non_null(cap);
	dup2(fileno(cap), STDERR_FILENO);

	for (size_t i = 0; i < n; i++) {
		char rel[256], why[256];
		struct bc_alert *a = (struct bc_alert *)1;
		snprintf(rel, sizeof rel, BAD "%s", cases[i].file);
		enum bc_err e = parse_rel(rel, &a, why, sizeof why);
		if (e != cases[i].err || (e && !strstr(why, cases[i].why))) {
			dup2(saved, STDERR_FILENO);
			fail_msg("%s: got %s '%s', want %s '%s'",
				 cases[i].file, bc_errname(e), why,
				 bc_errname(cases[i].err), cases[i].why);
		}
		if (e) {
			assert_null(a);
			assert_one_line(why);
		} else {
			assert_non_null(a);
			bc_alert_free(a);
		}
	}

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fseek(cap, 0, SEEK_END);
	long written = ftell(cap);
	fclose(cap);
	assert_int_equal(written, 0);
	printf("bad inputs: %zu cases, all refused as expected\n", n);
}

/* The XInclude case parsed; make sure nothing was included. */
static void test_xinclude_not_processed(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(BAD "xinclude_ignored.xml");
	assert_null(strstr(a->headline_ja, "root:"));
	assert_int_equal(a->n_items, 1);
	bc_alert_free(a);
}

static void test_size_limit(void **state)
{
	(void)state;
	size_t len;
	char *d = slurp_rel(P2P "20210216233339_0_VXSE53_010000.xml", &len);
	struct bc_alert *a = NULL;
	char why[256];
	struct bc_jmaxml_limits lim = { len - 1, 100 };
	assert_int_equal(bc_jmaxml_parse(d, len, "x", &lim, &a, why,
					 sizeof why), BC_E_TOOBIG);
	assert_null(a);
	assert_one_line(why);
	assert_non_null(strstr(why, "over the limit"));
	lim.max_bytes = len;
	assert_int_equal(bc_jmaxml_parse(d, len, "x", &lim, &a, why,
					 sizeof why), BC_E_OK);
	bc_alert_free(a);
	free(d);

	/* Default limit: 4 MiB plus one byte, refused before parsing. */
	size_t big = BC_JMAXML_DEFAULT_MAX_BYTES + 1;
	char *huge = malloc(big);
	assert_non_null(huge);
	memset(huge, ' ', big);
	memcpy(huge, "<Report>", 8);
	assert_int_equal(bc_jmaxml_parse(huge, big, "big", NULL, &a, why,
					 sizeof why), BC_E_TOOBIG);
	assert_one_line(why);
	free(huge);

	/* Bad arguments. */
	assert_int_equal(bc_jmaxml_parse(NULL, 10, "x", NULL, &a, why,
					 sizeof why), BC_E_INVAL);
	assert_int_equal(bc_jmaxml_parse("<a/>", 4, "x", NULL, NULL, why,
					 sizeof why), BC_E_INVAL);
	/* No why buffer at all is fine. */
	assert_int_equal(bc_jmaxml_parse("<a/>", 4, "x", NULL, &a, NULL, 0),
			 BC_E_NAMESPACE);
}

/* A why buffer too small for the reason is cut at a UTF-8 boundary. */
static void test_small_why(void **state)
{
	(void)state;
	size_t len;
	char *d = slurp_rel(BAD "unsupported_type.xml", &len);
	struct bc_alert *a = NULL;
	char why[12];
	memset(why, 'x', sizeof why);
	assert_int_equal(bc_jmaxml_parse(d, len, "x", NULL, &a, why, 11),
			 BC_E_UNSUPPORTED);
	assert_true(strlen(why) <= 10);
	/* "VPFD51 (府" would need 11 bytes: the 府 must not be split. */
	assert_string_equal(why, "VPFD51 (");
	assert_int_equal(why[11], 'x');
	free(d);

	/* A long non-ASCII root name and namespace are quoted in part,
	 * never split inside a character. */
	char big[256];
	d = slurp_rel(BAD "long_root_name.xml", &len);
	assert_int_equal(bc_jmaxml_parse(d, len, "x", NULL, &a, big,
					 sizeof big), BC_E_NAMESPACE);
	assert_one_line(big);
	for (size_t n = 20; n < 120; n += 7) {
		assert_int_equal(bc_jmaxml_parse(d, len, "x", NULL, &a, big, n),
				 BC_E_NAMESPACE);
		assert_true(strlen(big) < n);
		assert_true(valid_utf8(big));
	}
	free(d);
}

/* 100 000 municipalities in one valid VPWW55: over the 20 000 default. */
static char *many_items_doc(size_t n, size_t *len)
{
	struct bc_buf b;
	bc_buf_init(&b, 64u << 20);
	bc_buf_adds(&b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<Report xmlns=\"http://xml.kishou.go.jp/jmaxml1/\">"
		"<Control><Title>気象警報・注意報（Ｒ０６）（大雨）</Title>"
		"<DateTime>2026-06-01T00:00:00Z</DateTime><Status>通常</Status>"
		"<EditorialOffice>x</EditorialOffice>"
		"<PublishingOffice>x</PublishingOffice></Control>"
		"<Head xmlns=\"http://xml.kishou.go.jp/jmaxml1/"
		"informationBasis1/\"><Title>t</Title>"
		"<ReportDateTime>2026-06-01T09:00:00+09:00</ReportDateTime>"
		"<EventID/><InfoType>発表</InfoType><Serial/></Head>"
		"<Body xmlns=\"http://xml.kishou.go.jp/jmaxml1/body/"
		"meteorology1/\">"
		"<Warning type=\"気象警報・注意報（市町村等）\">");
	for (size_t i = 0; i < n; i++)
		bc_buf_printf(&b, "<Item><Kind><Name>レベル３大雨警報</Name>"
			      "<Code>03</Code><Status>発表</Status></Kind>"
			      "<Area><Name>c</Name><Code>%07zu</Code></Area>"
			      "</Item>", i);
	assert_int_equal(bc_buf_adds(&b, "</Warning></Body></Report>\n"),
			 BC_E_OK);
	return bc_buf_steal(&b, len);
}

static void test_item_limit(void **state)
{
	(void)state;
	size_t len;
	char *d = many_items_doc(100000, &len);
	struct bc_jmaxml_limits lim = { 64u << 20,
					BC_JMAXML_DEFAULT_MAX_ITEMS };
	struct bc_alert *a = NULL;
	char why[256];
	assert_int_equal(bc_jmaxml_parse(d, len, "many", &lim, &a, why,
					 sizeof why), BC_E_TOOBIG);
	assert_null(a);
	assert_one_line(why);
	assert_non_null(strstr(why, "more than 20000 items"));
	/* With room for them all, every one is there. */
	lim.max_items = 100000;
	assert_int_equal(bc_jmaxml_parse(d, len, "many", &lim, &a, why,
					 sizeof why), BC_E_OK);
	assert_int_equal(a->n_items, 100000);
	assert_string_equal(a->items[99999].area_code, "0099999");
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	assert_int_equal(a->level, 3);
	bc_alert_free(a);
	free(d);
}

/* ------------------------------------------------------------------ */
/* Threads: each parse has its own error state.                         */

static const char *const thread_files[] = {
	BAD "truncated.xml", BAD "mismatched_tag.xml", BAD "billion_laughs.xml",
	BAD "not_xml.txt", BAD "undefined_entity.xml",
	P2P "20210216233339_0_VXSE53_010000.xml",
	KURIBO "15_16_03_241226_VPWW55.xml",
};
#define N_THREAD_FILES (sizeof thread_files / sizeof thread_files[0])

struct thread_doc {
	char *data;
	size_t len;
	enum bc_err err;
	char why[256];
};

static struct thread_doc thread_docs[N_THREAD_FILES];

static void *thread_main(void *arg)
{
	long bad = 0;
	for (int round = 0; round < 30; round++) {
		for (size_t i = 0; i < N_THREAD_FILES; i++) {
			size_t k = (i + (size_t)arg) % N_THREAD_FILES;
			struct bc_alert *a = NULL;
			char why[256];
			enum bc_err e = bc_jmaxml_parse(
				thread_docs[k].data, thread_docs[k].len,
				thread_files[k], NULL, &a, why, sizeof why);
			if (e != thread_docs[k].err ||
			    (e && strcmp(why, thread_docs[k].why) != 0))
				bad++;
			bc_alert_free(a);
		}
	}
	return (void *)bad;
}

static void test_threads(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_THREAD_FILES; i++) {
		struct thread_doc *t = &thread_docs[i];
		struct bc_alert *a = NULL;
		t->data = slurp_rel(thread_files[i], &t->len);
		t->err = bc_jmaxml_parse(t->data, t->len, thread_files[i],
					 NULL, &a, t->why, sizeof t->why);
		bc_alert_free(a);
	}
	pthread_t th[4];
	for (long i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, thread_main,
						(void *)i), 0);
	long bad = 0;
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(th[i], &r);
		bad += (long)r;
	}
	for (size_t i = 0; i < N_THREAD_FILES; i++)
		free(thread_docs[i].data);
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ */
/* The whole corpus                                                     */

struct corpus {
	char *index;            /* INDEX.tsv, owned */
	char **keys;            /* "dir/basename" */
	char **types;
	size_t n;
	size_t ok, unsupported, items;
	double t_parse, t_libxml;
	size_t bytes;
};

static const char *corpus_type(const struct corpus *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0)
			return c->types[i];
	return NULL;
}

/* Every type bosaicast broadcasts must parse; VPBS50 may be skipped when
 * it carries only a part that is not broadcast (短時間大雪). */
static bool in_scope(const char *type)
{
	return bc_jmaxml_kind_of_type(type) != BC_KIND_NONE;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void corpus_file(struct corpus *c, const char *dir, const char *base,
			const char *path)
{
	char key[512];
	snprintf(key, sizeof key, "%s/%s", dir, base);
	const char *type = corpus_type(c, key);
	if (!type)
		fail_msg("%s is not in INDEX.tsv", key);
	size_t len;
	char *d = slurp(path, &len);
	assert_non_null(d);
	struct bc_alert *a = NULL;
	char why[256];

	double t0 = now_s();
	enum bc_err e = bc_jmaxml_parse(d, len, base, NULL, &a, why,
					sizeof why);
	double t1 = now_s();
	/* The yardstick: libxml2 alone building the same tree. */
	xmlDocPtr doc = xmlReadMemory(d, (int)len, NULL, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOBLANKS |
				      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	double t2 = now_s();
	xmlFreeDoc(doc);
	c->t_parse += t1 - t0;
	c->t_libxml += t2 - t1;
	c->bytes += len;

	if (in_scope(type) && !(e == BC_E_UNSUPPORTED &&
				strcmp(type, "VPBS50") == 0)) {
		if (e != BC_E_OK)
			fail_msg("%s (%s): %s: %s", key, type, bc_errname(e),
				 why);
		/* The name picks the same type as the index. */
		assert_string_equal(a->type, type);
		c->ok++;
		c->items += a->n_items;
	} else {
		if (e != BC_E_UNSUPPORTED)
			fail_msg("%s (%s): %s: %s (want BC_E_UNSUPPORTED)",
				 key, type, bc_errname(e), why);
		assert_one_line(why);
		if (strncmp(why, type, 4) != 0)
			fail_msg("%s: why '%s' does not name %s", key, why,
				 type);
		c->unsupported++;
	}
	assert_true(e != BC_E_OK || a != NULL);
	bc_alert_free(a);
	free(d);
}

static void corpus_walk(struct corpus *c, const char *root, const char *rel)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	DIR *dir = opendir(path);
	assert_non_null(dir);
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		char sub[1024], full[1280];
		snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "",
			 de->d_name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		struct stat st;
		assert_int_equal(stat(full, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			corpus_walk(c, root, sub);
			continue;
		}
		size_t n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		/* INDEX.tsv keys on the top folder and the file name. */
		char top[256];
		snprintf(top, sizeof top, "%.*s", (int)strcspn(sub, "/"), sub);
		corpus_file(c, top, de->d_name, full);
	}
	closedir(dir);
}

static void test_corpus(void **state)
{
	(void)state;
	struct corpus c = { 0 };
	size_t len;
	c.index = slurp_rel("tests/data/jmaxml/INDEX.tsv", &len);
	size_t cap = 1024;
	c.keys = calloc(cap, sizeof *c.keys);
	c.types = calloc(cap, sizeof *c.types);
	assert_non_null(c.keys);
	assert_non_null(c.types);
	for (char *line = strtok(c.index, "\n"); line && c.n < cap;
	     line = strtok(NULL, "\n")) {
		char *dir = line, *file = strchr(dir, '\t');
		if (!file)
			continue;
		*file++ = '\0';
		char *type = strchr(file, '\t');
		if (!type)
			continue;
		*type++ = '\0';
		char *end = strchr(type, '\t');
		if (end)
			*end = '\0';
		char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		char key[512];
		snprintf(key, sizeof key, "%s/%s", dir, base);
		c.keys[c.n] = strdup(key);
		c.types[c.n] = type;
		c.n++;
	}

	char root[1024];
	snprintf(root, sizeof root, "%s/tests/data/jmaxml", data_dir());
	corpus_walk(&c, root, "");

	printf("corpus: %zu documents, %zu parsed OK (%zu items), "
	       "%zu unsupported\n", c.ok + c.unsupported, c.ok, c.items,
	       c.unsupported);
	printf("corpus: %.1f MB, bc_jmaxml_parse %.3f s, libxml2 alone "
	       "%.3f s, ratio %.2f\n", (double)c.bytes / 1e6, c.t_parse,
	       c.t_libxml, c.t_libxml > 0 ? c.t_parse / c.t_libxml : 0);
	assert_true(c.ok >= 360);
	assert_true(c.unsupported >= 300);
	for (size_t i = 0; i < c.n; i++)
		free(c.keys[i]);
	free(c.keys);
	free(c.types);
	free(c.index);
}

int main(void)
{
	bc_jmaxml_global_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_of_type),
		cmocka_unit_test(test_type_of_title),
		cmocka_unit_test(test_vpww53_nara),
		cmocka_unit_test(test_vpww53_downgrades),
		cmocka_unit_test(test_vpww54_first_report),
		cmocka_unit_test(test_vpww55_upgrade),
		cmocka_unit_test(test_vpww55_lifted_and_none),
		cmocka_unit_test(test_vpww56_58_61),
		cmocka_unit_test(test_vpww57_storm_surge),
		cmocka_unit_test(test_vxse53_small),
		cmocka_unit_test(test_vxse53_shallow),
		cmocka_unit_test(test_vxse53_iwate_miyagi),
		cmocka_unit_test(test_vxse53_cancel),
		cmocka_unit_test(test_vxse53_exercise),
		cmocka_unit_test(test_vxse53_tohoku),
		cmocka_unit_test(test_vxse53_distant),
		cmocka_unit_test(test_correction_and_test_status),
		cmocka_unit_test(test_type_from_name),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_xinclude_not_processed),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_small_why),
		cmocka_unit_test(test_item_limit),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_corpus),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	bc_jmaxml_global_cleanup();
	return r;
}
