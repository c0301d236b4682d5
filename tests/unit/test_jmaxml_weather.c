/* test_jmaxml_weather.c — the weather-family and volcano parsers
 * (jmaxml_warning.c: VXWW50, VPNO50, VPHW50/51; jmaxml_river.c: VXKOii,
 * VXSUii; jmaxml_rain.c: VPOA50, VPBS50; jmaxml_volcano.c: VFVO50-56)
 * against JMA's own documents in tests/data/jmaxml.
 *
 * Every expected value was read from the XML by hand (counts of Items
 * checked with an independent ElementTree script); epoch seconds were
 * computed with Python's datetime from the ISO times in the documents. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "jmaxml.h"

#define KURIBO "tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/"
#define MIERUNE "tests/data/jmaxml/MIERUNE-jmaxml/"

static char *slurp(const char *rel, size_t *len)
{
	const char *dir = getenv("BC_DATA_DIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			char *p = realloc(buf, cap + 1);
			assert_non_null(p);
			buf = p;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Parse a document under its own file name (which carries its TTAAii). */
static struct bc_alert *parse(const char *rel)
{
	size_t len;
	char *d = slurp(rel, &len);
	struct bc_alert *a = NULL;
	char why[256];
	const char *name = strrchr(rel, '/') + 1;
	enum bc_err e = bc_jmaxml_parse(d, len, name, NULL, &a, why,
					sizeof why);
	free(d);
	if (e)
		fail_msg("%s: %s: %s", rel, bc_errname(e), why);
	return a;
}

static const struct bc_item *find(const struct bc_alert *a, const char *code)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].area_code, code) == 0)
			return &a->items[i];
	fail_msg("no item for area %s", code);
	return NULL;
}

static size_t count_change(const struct bc_alert *a, enum bc_change c)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_items; i++)
		n += a->items[i].change == c;
	return n;
}

/* ---- landslide ----------------------------------------------------------- */

/* Fukuoka, 2013: 25 municipalities still under the alert (継続), 26 where it
 * ends (解除), 9 with nothing (なし, not items). */
static void test_landslide_old(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "17_01_01_190529_VXWW50.xml");
	assert_string_equal(a->type, "VXWW50");
	assert_int_equal(a->kind, BC_KIND_LANDSLIDE);
	assert_int_equal(a->serial, 5);
	assert_int_equal(a->msg_type, BC_MSG_UPDATE);
	assert_int_equal(a->reported, 1377914700);
	assert_int_equal(a->n_items, 51);
	assert_int_equal(count_change(a, BC_CHANGE_CONTINUED), 25);
	assert_int_equal(count_change(a, BC_CHANGE_LIFTED), 26);
	const struct bc_item *it = find(a, "4010000"); /* 北九州市 */
	assert_int_equal(it->area_type, BC_AREA_CITY);
	assert_string_equal(it->area_name_ja, "北九州市");
	assert_string_equal(it->term.table, "SoilWarning");
	assert_string_equal(it->term.code, "3");
	assert_string_equal(it->term.ja, "土砂災害警戒情報");
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(it->level, 4);
	it = find(a, "4013000"); /* 福岡市: 解除 */
	assert_int_equal(it->change, BC_CHANGE_LIFTED);
	assert_string_equal(it->term.ja, "土砂災害警戒情報");
	for (size_t i = 0; i < a->n_items; i++)
		assert_true(strcmp(a->items[i].area_code, "4020700") != 0);
	assert_int_equal(a->level, 4);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);
}

/* Kanagawa, 2024, titled with the 2026 level name: three municipalities,
 * 発表; the Body also lists sub-areas (横浜市北部 1410011) with なし. */
static void test_landslide_r06(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "17_04_01_250630_VXWW50.xml");
	assert_string_equal(a->head_title, "神奈川県レベル４土砂災害危険警報");
	assert_int_equal(a->n_items, 3);
	const char *codes[] = { "1420600", "1438300", "1438400" };
	for (int i = 0; i < 3; i++) {
		const struct bc_item *it = find(a, codes[i]);
		assert_string_equal(it->term.table, "WeatherWarning");
		assert_string_equal(it->term.code, "49");
		assert_string_equal(it->term.ja, "レベル４土砂災害危険警報");
		assert_int_equal(it->change, BC_CHANGE_ISSUED);
		assert_int_equal(it->level, 4);
	}
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	bc_alert_free(a);
}

/* ---- flood --------------------------------------------------------------- */

/* 牛津川, 2025, level 3: the forecast section and the station in the
 * subject, the five municipalities of the 浸水想定地区 item routed. */
static void test_flood_r06(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "16_09_01_260312_VXKOii.xml");
	assert_string_equal(a->type, "VXKOii");
	assert_int_equal(a->kind, BC_KIND_FLOOD);
	assert_int_equal(a->reported, 1754826600);
	const struct bc_subject *s = &a->subject;
	assert_true(s->present);
	assert_int_equal(s->type, BC_AREA_RIVER);
	assert_string_equal(s->code, "890904000300");
	assert_string_equal(s->name_ja, "牛津川");
	assert_string_equal(s->station_code, "89090400030000025");
	assert_string_equal(s->station_ja, "妙見橋");
	assert_int_equal(a->n_items, 5);
	const char *codes[] = { "4120100", "4120400", "4120800", "4142300",
				"4142400" };
	for (int i = 0; i < 5; i++) {
		const struct bc_item *it = find(a, codes[i]);
		assert_int_equal(it->area_type, BC_AREA_CITY);
		assert_string_equal(it->term.table, "FloodForecast");
		assert_string_equal(it->term.code, "30");
		assert_string_equal(it->term.ja, "レベル３氾濫警報");
		assert_int_equal(it->change, BC_CHANGE_ISSUED);
		assert_int_equal(it->level, 3);
	}
	assert_string_equal(find(a, "4142300")->area_name_ja, "大町町");
	assert_int_equal(a->level, 3);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);
}

/* 利根川中流部: the Body is empty, so the forecast section itself is the one
 * item, resolved through places. */
static void test_flood_no_places(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "16_13_01_251222_VXKOii.xml");
	assert_int_equal(a->n_items, 1);
	assert_int_equal(a->items[0].area_type, BC_AREA_RIVER);
	assert_string_equal(a->items[0].area_code, "830303000103");
	assert_string_equal(a->items[0].area_name_ja, "利根川中流部");
	assert_int_equal(a->items[0].level, 3);
	assert_string_equal(a->subject.station_code, "");
	bc_alert_free(a);

	/* The 2022 template sample: every CityCode is 0000000. */
	a = parse(KURIBO "16_01_01_220728_VXKOii.xml");
	assert_int_equal(a->n_items, 1);
	assert_int_equal(a->items[0].area_type, BC_AREA_RIVER);
	assert_string_equal(a->items[0].area_code, "123456789012");
	assert_string_equal(a->items[0].term.ja, "氾濫注意情報");
	assert_int_equal(a->items[0].level, 2);
	bc_alert_free(a);
}

/* 常呂川: code 10, レベル２氾濫注意報解除 — the advisory, lifted. */
static void test_flood_lifted(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "16_14_01_251222_VXKOii.xml");
	assert_true(a->n_items > 0);
	for (size_t i = 0; i < a->n_items; i++) {
		assert_string_equal(a->items[i].term.ja, "レベル２氾濫注意報");
		assert_string_equal(a->items[i].term.code, "10");
		assert_int_equal(a->items[i].change, BC_CHANGE_LIFTED);
	}
	assert_int_equal(a->severity, BC_SEV_MINOR);
	assert_int_equal(a->level, 0);
	bc_alert_free(a);
}

/* 善川 (水位周知河川): code 21 is this information's only level-2 code;
 * 大和町 comes twice (東部 and 西部) and is routed once. */
static void test_flood_vxsu(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "91_01_01_241031_VXSUii.xml");
	assert_string_equal(a->type, "VXSUii");
	assert_int_equal(a->kind, BC_KIND_FLOOD);
	assert_string_equal(a->subject.code, "8201813100");
	assert_string_equal(a->subject.name_ja, "善川");
	assert_string_equal(a->subject.station_code, "820181310000081");
	assert_string_equal(a->subject.station_ja, "塩浪");
	assert_int_equal(a->n_items, 2);
	assert_int_equal(find(a, "0442100")->change, BC_CHANGE_ISSUED);
	assert_int_equal(find(a, "0442400")->level, 2);
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	bc_alert_free(a);
}

/* ---- rain ---------------------------------------------------------------- */

static void test_rain_vpoa50(void **state)
{
	(void)state;
	/* 石狩 and 後志 (code 1), not 空知 (0); "１９時４０分" and "約１００ミリ"
	 * (the larger of 100 and 90) from the headline text. */
	struct bc_alert *a = parse(KURIBO "18_03_01_190412_VPOA50.xml");
	assert_int_equal(a->kind, BC_KIND_RAIN);
	assert_int_equal(a->n_items, 2);
	const struct bc_item *it = find(a, "016010");
	assert_int_equal(it->area_type, BC_AREA_FORECAST);
	assert_string_equal(it->term.table, "HazardousRain");
	assert_string_equal(it->term.code, "1");
	assert_string_equal(it->value.table, "RainAmount");
	assert_string_equal(it->value.code, "100");
	assert_int_equal(it->when, 1553769600);
	assert_non_null(find(a, "016030"));
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);

	/* Osaka 2010: "１１時３０分…大阪市中央区で１３０ミリ", the prefecture. */
	a = parse(KURIBO "18_01_01_100806_VPOA50.xml");
	assert_int_equal(a->n_items, 1);
	assert_string_equal(a->items[0].area_code, "270000");
	assert_string_equal(a->items[0].value.code, "130");
	assert_int_equal(a->items[0].when, 1275445800);
	bc_alert_free(a);
}

static void test_rain_vpbs50(void **state)
{
	(void)state;
	/* 記録雨: 美幌町 (0154300), 約100 mm at 13:10; the AMeDAS station
	 * reading (美幌, 93 mm) is not a place. */
	struct bc_alert *a = parse(KURIBO "82_01_02_250630_VPBS50.xml");
	assert_int_equal(a->n_items, 1);
	assert_int_equal(a->items[0].area_type, BC_AREA_CITY);
	assert_string_equal(a->items[0].area_code, "0154300");
	assert_string_equal(a->items[0].term.ja, "記録的短時間大雨情報");
	assert_string_equal(a->items[0].value.code, "100");
	assert_int_equal(a->items[0].when, 1689221400);
	bc_alert_free(a);

	/* 線状降水帯発生 over three areas of Chiba, each at 10:10. */
	a = parse(MIERUNE "82_01_01_241031_VPBS50.xml");
	assert_int_equal(a->n_items, 3);
	const char *codes[] = { "120010", "120020", "120030" };
	for (int i = 0; i < 3; i++) {
		const struct bc_item *it = find(a, codes[i]);
		assert_int_equal(it->area_type, BC_AREA_FORECAST);
		assert_string_equal(it->term.table, "InfoTag");
		assert_string_equal(it->term.code, "rainband");
		assert_string_equal(it->term.ja, "線状降水帯発生");
		assert_int_equal(it->when, 1694135400);
	}
	bc_alert_free(a);

	/* 線状降水帯直前: 福岡地方 at 01:50, the others at 02:00. */
	a = parse(KURIBO "82_03_02_260324_VPBS50.xml");
	assert_int_equal(a->n_items, 3);
	assert_string_equal(find(a, "400010")->term.code, "rainband-3h");
	assert_int_equal(find(a, "400030")->when - find(a, "400010")->when,
			 600);
	bc_alert_free(a);
}

/* A part not broadcast (短時間大雪) is skipped, naming type and part. */
static void test_rain_skipped_part(void **state)
{
	(void)state;
	size_t len;
	char *d = slurp(KURIBO "82_01_03_241031_VPBS50.xml", &len);
	struct bc_alert *a = NULL;
	char why[256];
	assert_int_equal(bc_jmaxml_parse(d, len, "82_01_03_241031_VPBS50.xml",
					 NULL, &a, why, sizeof why),
			 BC_E_UNSUPPORTED);
	assert_null(a);
	assert_true(strncmp(why, "VPBS50 ", 7) == 0);
	assert_non_null(strstr(why, "短時間大雪"));
	free(d);
}

/* ---- tornado ------------------------------------------------------------- */

/* Saitama, with a sighting in 南部: the sighting area first, then the 58
 * municipalities of Kind/Code 1; the watch ends at 10:30. */
static void test_tornado(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "19_10_04_250630_VPHW51.xml");
	assert_string_equal(a->type, "VPHW51");
	assert_int_equal(a->kind, BC_KIND_TORNADO);
	assert_int_equal(a->valid_until, 1437096600);
	assert_int_equal(a->n_items, 1 + 58);
	const struct bc_item *it = &a->items[0];
	assert_int_equal(it->area_type, BC_AREA_FORECAST);
	assert_string_equal(it->area_code, "110010");
	assert_string_equal(it->term.ja, "竜巻注意情報（目撃情報あり）");
	it = find(a, "1110000");
	assert_int_equal(it->area_type, BC_AREA_CITY);
	assert_string_equal(it->term.table, "HazardousWindWatch");
	assert_string_equal(it->term.code, "1");
	assert_string_equal(it->term.ja, "竜巻注意情報");
	assert_int_equal(it->change, BC_CHANGE_ISSUED);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);

	/* Without sightings: only municipalities. */
	a = parse(KURIBO "19_10_01_150916_VPHW50.xml");
	for (size_t i = 0; i < a->n_items; i++)
		assert_int_equal(a->items[i].area_type, BC_AREA_CITY);
	assert_true(a->valid_until > a->reported);
	bc_alert_free(a);
}

/* ---- special warning notice ------------------------------------------------ */

static void test_notice(void **state)
{
	(void)state;
	/* 27 municipalities (五條市 as 北部 and 南部), one Kind each. */
	struct bc_alert *a = parse(KURIBO "62_01_01_130412_VPNO50.xml");
	assert_int_equal(a->kind, BC_KIND_WARNING);
	assert_int_equal(a->n_items, 27);
	const struct bc_item *it = find(a, "2920701");
	assert_string_equal(it->term.table, "WeatherWarning");
	assert_string_equal(it->term.code, "33");
	assert_string_equal(it->term.ja, "大雨特別警報");
	assert_int_equal(it->change, BC_CHANGE_ISSUED);
	assert_int_equal(it->level, 5);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	assert_int_equal(a->level, 5);
	bc_alert_free(a);

	/* Hyogo: 41 municipalities carrying 82 emergency warnings. */
	a = parse(KURIBO "62_02_01_130906_VPNO50.xml");
	assert_int_equal(a->n_items, 82);
	bc_alert_free(a);

	/* 【特別警報解除】: the prefecture, its emergency warnings lifted. */
	a = parse(KURIBO "62_01_05_130412_VPNO50.xml");
	assert_int_equal(a->n_items, 1);
	assert_int_equal(a->items[0].area_type, BC_AREA_FORECAST);
	assert_string_equal(a->items[0].area_code, "290000");
	assert_string_equal(a->items[0].term.ja, "特別警報");
	assert_int_equal(a->items[0].change, BC_CHANGE_LIFTED);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);
}

/* ---- volcano ------------------------------------------------------------- */

/* 浅間山 raised from level 1 to 3; four municipalities get 火口周辺警報：
 * 入山規制等 (the 防災対応 list) rather than the bare 火口周辺警報. */
static void test_volcano_warning(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "45_01_01_200522_VFVO50.xml");
	assert_int_equal(a->kind, BC_KIND_VOLCANO);
	assert_int_equal(a->reported, 1590120180);
	const struct bc_subject *s = &a->subject;
	assert_true(s->present);
	assert_int_equal(s->type, BC_AREA_VOLCANO);
	assert_string_equal(s->code, "306");
	assert_string_equal(s->name_ja, "浅間山");
	assert_string_equal(s->term.code, "13");
	assert_string_equal(s->last.code, "11");
	assert_int_equal(s->change, BC_CHANGE_UPGRADED);
	assert_int_equal(s->level, 3);
	assert_int_equal(a->n_items, 4);
	const char *codes[] = { "1042500", "2020800", "2032100", "2032300" };
	for (int i = 0; i < 4; i++) {
		const struct bc_item *it = find(a, codes[i]);
		assert_int_equal(it->area_type, BC_AREA_CITY);
		assert_string_equal(it->term.table, "VolcanicWarning");
		assert_string_equal(it->term.code, "43");
		assert_string_equal(it->last.code, "45");
		assert_int_equal(it->change, BC_CHANGE_ISSUED);
		assert_int_equal(it->level, 3);
	}
	assert_int_equal(a->level, 3);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);

	/* 箱根山 to level 5: one municipality, 噴火警報：避難等. */
	a = parse(KURIBO "45_02_01_200522_VFVO50.xml");
	assert_int_equal(a->n_items, 1);
	assert_string_equal(a->items[0].term.code, "41");
	assert_int_equal(a->items[0].level, 5);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	bc_alert_free(a);
}

/* Lowered to level 1: 嬬恋村 and 草津町 have 火口周辺警報：入山規制等 lifted
 * (named by its LastKind), 中之条町 keeps 活火山であることに留意. */
static void test_volcano_lifted(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "45_03_01_200731_VFVO50.xml");
	assert_string_equal(a->subject.code, "350");
	assert_int_equal(a->subject.change, BC_CHANGE_DOWNGRADED);
	assert_int_equal(a->subject.level, 1);
	assert_int_equal(a->n_items, 3);
	const struct bc_item *it = find(a, "1042500");
	assert_string_equal(it->term.code, "43");
	assert_int_equal(it->change, BC_CHANGE_LIFTED);
	it = find(a, "1042100");
	assert_string_equal(it->term.code, "45");
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);
}

static void test_volcano_eruption(void **state)
{
	(void)state;
	/* 噴火速報 御嶽山 11:53 頃, four municipalities. */
	struct bc_alert *a = parse(KURIBO "67_01_01_140927_VFVO56.xml");
	assert_string_equal(a->subject.code, "312");
	assert_string_equal(a->subject.term.code, "52");
	assert_int_equal(a->subject.when, 1411786380);
	assert_int_equal(a->n_items, 4);
	assert_string_equal(find(a, "2042900")->term.ja, "噴火");
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	bc_alert_free(a);

	/* Its correction (噴火したもよう, 11:52). */
	a = parse(KURIBO "67_01_03_140927_VFVO56.xml");
	assert_int_equal(a->msg_type, BC_MSG_CORRECTION);
	assert_string_equal(a->subject.term.code, "62");
	assert_int_equal(a->subject.when, 1411786380 - 60);
	bc_alert_free(a);

	/* 火山観測報: no municipality, so the volcano is the item. */
	a = parse(KURIBO "43_01_01_200522_VFVO52.xml");
	assert_int_equal(a->n_items, 1);
	assert_int_equal(a->items[0].area_type, BC_AREA_VOLCANO);
	assert_string_equal(a->items[0].area_code, "306");
	assert_int_equal(a->subject.when, 1590126300);
	bc_alert_free(a);
}

/* The monthly summary of all volcanoes: 112 volcano items, no subject. */
static void test_volcano_summary(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "44_01_01_151008_VFVO51.xml");
	assert_false(a->subject.present);
	assert_int_equal(a->n_items, 112);
	const struct bc_item *it = find(a, "509"); /* 口永良部島 */
	assert_int_equal(it->area_type, BC_AREA_VOLCANO);
	assert_int_equal(it->level, 5);
	assert_int_equal(it->change, BC_CHANGE_CONTINUED);
	assert_int_equal(a->level, 5);
	bc_alert_free(a);
}

/* 降灰予報（速報）桜島: eruption at 12:31, valid to 13:31, three forecasts
 * for 鹿児島市 (やや多量, 少量, 小さな噴石). */
static void test_volcano_ash(void **state)
{
	(void)state;
	struct bc_alert *a = parse(KURIBO "66_01_02_210514_VFVO54.xml");
	assert_string_equal(a->type, "VFVO54");
	assert_string_equal(a->subject.code, "506");
	assert_string_equal(a->subject.term.code, "07");
	assert_int_equal(a->subject.when, 1620963060);
	assert_int_equal(a->valid_until, 1620966660);
	assert_int_equal(a->n_items, 3);
	assert_string_equal(a->items[0].term.code, "72");
	assert_string_equal(a->items[1].term.code, "71");
	assert_string_equal(a->items[2].term.code, "75");
	for (int i = 0; i < 3; i++) {
		assert_string_equal(a->items[i].area_code, "4620100");
		assert_int_equal(a->items[i].change, BC_CHANGE_NONE);
		assert_int_equal(a->items[i].level, 0);
	}
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	bc_alert_free(a);
}

/* A copy of a real document with every "from" replaced by "to", parsed
 * under its own name: the error and the reason. */
static enum bc_err parse_edited(const char *rel, const char *from,
				const char *to, char *why, size_t why_size)
{
	size_t len;
	char *d = slurp(rel, &len);
	size_t fl = strlen(from), tl = strlen(to), n = 0;
	char *out = malloc(len * 2 + 1);
	assert_non_null(out);
	for (size_t i = 0; i < len;) {
		if (i + fl <= len && memcmp(d + i, from, fl) == 0) {
			memcpy(out + n, to, tl);
			n += tl;
			i += fl;
		} else {
			out[n++] = d[i++];
		}
	}
	struct bc_alert *a = NULL;
	enum bc_err e = bc_jmaxml_parse(out, n, strrchr(rel, '/') + 1, NULL,
					&a, why, why_size);
	assert_true(e != BC_E_OK || a != NULL);
	bc_alert_free(a);
	free(out);
	free(d);
	return e;
}

/* What the parsers refuse, and that they say why. */
static void test_bad_inputs(void **state)
{
	(void)state;
	char why[256];
	/* A flood forecast that does not say which river section. */
	assert_int_equal(parse_edited(KURIBO "16_09_01_260312_VXKOii.xml",
				      "（予報区域）", "（予報区）", why,
				      sizeof why), BC_E_PARSE);
	assert_non_null(strstr(why, "forecast section"));
	/* A VPBS50 without its 情報タグ. */
	assert_int_equal(parse_edited(KURIBO "82_01_02_250630_VPBS50.xml",
				      "情報タグ", "情報", why, sizeof why),
			 BC_E_PARSE);
	/* Rain of 9999 mm in an hour. */
	assert_int_equal(parse_edited(KURIBO "82_01_02_250630_VPBS50.xml",
				      "condition=\"約\">100<",
				      "condition=\"約\">9999<", why,
				      sizeof why), BC_E_ABSURD);
	/* A volcano document that names no volcano. */
	assert_int_equal(parse_edited(KURIBO "67_01_01_140927_VFVO56.xml",
				      "codeType=\"火山名\"", "codeType=\"x\"",
				      why, sizeof why), BC_E_PARSE);
	assert_non_null(strstr(why, "no volcano"));
	/* Landslide items without their area (Area renamed, still
	 * well-formed). */
	assert_int_equal(parse_edited(KURIBO "17_04_01_250630_VXWW50.xml",
				      "Area>", "Arex>", why, sizeof why),
			 BC_E_PARSE);
	assert_non_null(strstr(why, "Item without Area"));
	/* An eruption time out of range. */
	assert_int_equal(parse_edited(KURIBO "67_01_01_140927_VFVO56.xml",
				      "2014-09-27T11:53:00+09:00",
				      "1850-09-27T11:53:00+09:00", why,
				      sizeof why), BC_E_ABSURD);
}

/* Every sample of these types parses. */
static void test_all_samples(void **state)
{
	(void)state;
	static const char *const files[] = {
		KURIBO "16_04_01_220728_VXKOii.xml",
		KURIBO "16_05_01_210630_VXKOii.xml",
		KURIBO "16_11_02_260312_VXKOii.xml",
		KURIBO "16_12_01_260312_VXKOii.xml",
		KURIBO "17_03_09_190529_VXWW50.xml",
		KURIBO "18_02_01_111226_VPOA50.xml",
		KURIBO "19_04_01_140425_VPHW51.xml",
		KURIBO "43_02_01_200522_VFVO52.xml",
		KURIBO "43_03_01_200522_VFVO52.xml",
		KURIBO "44_03_01_200731_VFVO51.xml",
		KURIBO "66_01_01_210517_VFVO53.xml",
		KURIBO "66_01_03_210514_VFVO55.xml",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct bc_alert *a = parse(files[i]);
		assert_true(a->n_items > 0);
		assert_true(a->id[0] != '\0');
		bc_alert_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_landslide_old),
		cmocka_unit_test(test_landslide_r06),
		cmocka_unit_test(test_flood_r06),
		cmocka_unit_test(test_flood_no_places),
		cmocka_unit_test(test_flood_lifted),
		cmocka_unit_test(test_flood_vxsu),
		cmocka_unit_test(test_rain_vpoa50),
		cmocka_unit_test(test_rain_vpbs50),
		cmocka_unit_test(test_rain_skipped_part),
		cmocka_unit_test(test_tornado),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_volcano_warning),
		cmocka_unit_test(test_volcano_lifted),
		cmocka_unit_test(test_volcano_eruption),
		cmocka_unit_test(test_volcano_summary),
		cmocka_unit_test(test_volcano_ash),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_all_samples),
	};
	bc_jmaxml_global_init();
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	bc_jmaxml_global_cleanup();
	return rc;
}
