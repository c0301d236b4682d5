/* test_jmaxml_seismic.c — the seismic family parsers (jmaxml_eew.c,
 * jmaxml_quake.c for VXSE51/52/61/62, jmaxml_tsunami.c, jmaxml_nankai.c)
 * against real JMA documents of tests/data/jmaxml.  Every expected value
 * was read from the XML file by hand; epoch seconds were computed
 * independently (Python datetime.fromisoformat(...).timestamp()).  Bad
 * inputs are real documents edited in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "jmaxml.h"

#define KURIBO "tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/"
#define P2P "tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/"

static const char *data_dir(void)
{
	const char *d = getenv("BC_DATA_DIR");
	if (!d)
		d = getenv("BC_SOURCE_DIR");
	return d ? d : ".";
}

static char *slurp_rel(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", data_dir(), rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	if (fseek(f, 0, SEEK_END) != 0)
		fail_msg("cannot seek %s", path);
	long n = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
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

/* Parse a real document after replacing the first occurrence of from by
 * to; returns the error. */
static enum bc_err parse_edited(const char *rel, const char *from,
				const char *to, char *why, size_t why_size)
{
	size_t len;
	char *d = slurp_rel(rel, &len);
	char *at = strstr(d, from);
	if (!at)
		fail_msg("%s: '%s' not found", rel, from);
	size_t fl = strlen(from), tl = strlen(to);
	char *e = malloc(len - fl + tl + 1);
	assert_non_null(e);
	size_t pre = (size_t)(at - d);
	memcpy(e, d, pre);
	memcpy(e + pre, to, tl);
	memcpy(e + pre + tl, at + fl, len - pre - fl + 1);
	struct bc_alert *a = NULL;
	enum bc_err err = bc_jmaxml_parse(e, len - fl + tl, rel, NULL, &a, why,
					  why_size);
	bc_alert_free(a);
	free(e);
	free(d);
	return err;
}

static const struct bc_item *area(const struct bc_alert *a, const char *code)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].area_code, code) == 0)
			return &a->items[i];
	fail_msg("%s: no item for area %s", a->source, code);
	return NULL;
}

static size_t count_code(const struct bc_alert *a, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_items; i++)
		n += strcmp(a->items[i].term.code, code) == 0;
	return n;
}

/* ------------------------------------------------------------------ */
/* Earthquake Early Warning                                             */

static void test_eew_warning(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "37_01_01_240613_VXSE43.xml");
	assert_string_equal(a->type, "VXSE43");
	assert_int_equal(a->kind, BC_KIND_EEW);
	assert_string_equal(a->event_id, "20240417231454");
	assert_int_equal(a->serial, 1);
	assert_int_equal(a->msg_type, BC_MSG_ALERT);
	assert_int_equal(a->reported, 1713363299);
	/* 9 Pref/Area of Body/Intensity/Forecast, seismic areas. */
	assert_int_equal(a->n_items, 9);
	const struct bc_item *it = &a->items[0];
	assert_int_equal(it->area_type, BC_AREA_QUAKE);
	assert_string_equal(it->area_code, "622");
	assert_string_equal(it->area_name_ja, "愛媛県南予");
	assert_string_equal(it->term.table, "SeismicIntensity");
	assert_string_equal(it->term.code, "5-");
	assert_string_equal(it->term.ja, "震度５弱");
	assert_string_equal(it->upto.code, ""); /* From 5- To 5- */
	assert_string_equal(it->value.table, "EarthquakeForecast");
	assert_string_equal(it->value.code, "11");
	assert_string_equal(it->cond.ja, "既に主要動到達と推測");
	assert_int_equal(it->when, 0);
	it = area(a, "632"); /* 高知県西部: 4, arrives 23:15:02 */
	assert_string_equal(it->term.code, "4");
	assert_string_equal(it->value.code, "10");
	assert_int_equal(it->when, 1713363302);
	assert_string_equal(it->cond.ja, "");
	it = area(a, "592"); /* 広島県南西部: From 3 To 4 */
	assert_string_equal(it->term.code, "3");
	assert_string_equal(it->upto.code, "4");
	assert_string_equal(it->upto.ja, "震度４");
	/* The quake and the document's own forecast. */
	assert_true(a->quake.present);
	assert_int_equal(a->quake.origin_time, 1713363288);
	assert_string_equal(a->quake.epicenter_code, "681");
	assert_int_equal(a->quake.depth_km, 30);
	assert_true(fabs(a->quake.magnitude - 5.8) < 1e-9);
	assert_string_equal(a->seismic.fc_from.code, "5-");
	assert_string_equal(a->seismic.fc_to.code, "");
	assert_string_equal(a->quake.max_int, "5-");
	assert_true(a->seismic.warning);
	assert_int_equal(a->quake.n_comments, 1);
	assert_string_equal(a->quake.comments[0], "0201");
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	assert_int_equal(a->level, 0);
	bc_alert_free(a);

	/* The 2011 warning: 6-upper, PLUM-method areas without a main
	 * shaking arrival (19) that still have an ArrivalTime. */
	a = parse_ok(P2P "37_04_01_110311_VXSE43.xml");
	assert_int_equal(a->serial, 5);
	assert_int_equal(a->n_items, 58);
	it = area(a, "221");
	assert_string_equal(it->value.code, "19");
	assert_string_equal(it->term.code, "6+");
	assert_int_equal(it->when, 1299822442);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	bc_alert_free(a);

	/* Noto, 2024: 4 to 5-lower in 石川県能登. */
	a = parse_ok(P2P "20240116184225_02245216_VXSE43.xml");
	assert_int_equal(a->n_items, 2);
	it = area(a, "390");
	assert_string_equal(it->term.code, "4");
	assert_string_equal(it->upto.code, "5-");
	it = area(a, "391");
	assert_int_equal(it->when, 1705398151);
	bc_alert_free(a);
}

/* A cancellation repeats the serial of what it cancels and names no
 * area. */
static void test_eew_cancel(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "37_01_03_240613_VXSE43.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	assert_int_equal(a->serial, 2);
	assert_string_equal(a->event_id, "20240417231454");
	assert_int_equal(a->n_items, 0);
	assert_false(a->quake.present);
	bc_alert_free(a);
}

/* Forecast-grade EEW is parsed (the pipeline decides whether to publish
 * it). */
static void test_eew_forecast_grade(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "36_01_01_240613_VXSE44.xml");
	assert_string_equal(a->type, "VXSE44");
	assert_int_equal(a->kind, BC_KIND_EEW);
	assert_int_equal(a->n_items, 0); /* intensity 3: no area listed */
	assert_string_equal(a->seismic.fc_from.code, "3");
	assert_false(a->seismic.warning);
	assert_true(fabs(a->quake.magnitude - 4.2) < 1e-9);
	bc_alert_free(a);
	a = parse_ok(KURIBO "77_01_01_240613_VXSE45.xml");
	assert_string_equal(a->type, "VXSE45");
	assert_int_equal(a->kind, BC_KIND_EEW);
	bc_alert_free(a);
}

/* ------------------------------------------------------------------ */
/* Earthquake information                                               */

static void test_vxse51_flash(void **state)
{
	(void)state;
	struct bc_alert *a =
		parse_ok(P2P "20210217140808_0_VXSE51_010000.xml");
	assert_string_equal(a->type, "VXSE51");
	assert_int_equal(a->kind, BC_KIND_QUAKE);
	assert_false(a->quake.present); /* no Earthquake element */
	assert_string_equal(a->quake.max_int, "3");
	assert_int_equal(a->n_items, 2);
	const struct bc_item *it = area(a, "222");
	assert_int_equal(it->area_type, BC_AREA_QUAKE);
	assert_string_equal(it->area_name_ja, "宮城県中部");
	assert_string_equal(it->term.code, "3");
	it = area(a, "251");
	assert_string_equal(it->area_name_ja, "福島県浜通り");
	assert_int_equal(a->quake.n_comments, 1);
	assert_string_equal(a->quake.comments[0], "0217");
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);

	a = parse_ok(KURIBO "32-35_10_01_220510_VXSE51.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	assert_int_equal(a->n_items, 0);
	bc_alert_free(a);
}

static void test_vxse52_61_hypocenter(void **state)
{
	(void)state;
	struct bc_alert *a =
		parse_ok(P2P "20210217140847_0_VXSE52_010000.xml");
	assert_string_equal(a->type, "VXSE52");
	assert_int_equal(a->n_items, 0); /* hypocentre only */
	assert_true(a->quake.present);
	assert_string_equal(a->quake.epicenter_ja, "福島県沖");
	assert_int_equal(a->quake.depth_km, 50);
	assert_true(fabs(a->quake.magnitude - 4.5) < 1e-9);
	assert_string_equal(a->quake.comments[0], "0215");
	bc_alert_free(a);

	/* The degree-and-minute position (+3447.1+13829.9) is not taken
	 * for degrees, even when the degree one carries the Tokyo datum. */
	a = parse_ok(P2P "32-35_07_09_100915_VXSE61.xml");
	assert_string_equal(a->type, "VXSE61");
	assert_true(fabs(a->quake.lat - 34.8) < 1e-9);
	assert_true(fabs(a->quake.lon - 138.5) < 1e-9);
	assert_int_equal(a->quake.depth_km, 20);
	assert_true(fabs(a->quake.magnitude - 6.5) < 1e-9);
	assert_int_equal(a->n_items, 0);
	bc_alert_free(a);
	a = parse_ok(KURIBO "32-35_06_10_100915_VXSE61.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	bc_alert_free(a);
}

static void test_vxse62_long_period(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "78_01_01_240613_VXSE62.xml");
	assert_string_equal(a->type, "VXSE62");
	assert_int_equal(a->n_items, 5);
	const struct bc_item *it = area(a, "220"); /* 宮城県北部 */
	assert_int_equal(it->area_type, BC_AREA_QUAKE);
	assert_string_equal(it->term.table, "LongPeriodIntensity");
	assert_string_equal(it->term.code, "3");
	assert_string_equal(it->term.ja, "長周期地震動階級３");
	assert_string_equal(it->value.code, "4");
	it = area(a, "212"); /* 岩手県内陸北部: class 1, intensity 5- */
	assert_string_equal(it->term.code, "1");
	assert_string_equal(it->value.code, "5-");
	assert_string_equal(a->seismic.max_lg.code, "3");
	assert_string_equal(a->quake.max_int, "5-");
	assert_int_equal(a->quake.origin_time, 1605892980);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);
}

/* ------------------------------------------------------------------ */
/* Tsunami                                                              */

static void test_tsunami_major_warning(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-39_11_02_250206_VTSE41.xml");
	assert_string_equal(a->type, "VTSE41");
	assert_int_equal(a->kind, BC_KIND_TSUNAMI);
	assert_int_equal(a->reported, 1299822540);
	assert_int_equal(a->n_items, 43);
	/* 大津波警報：発表 (53): the Major Tsunami Warning, newly issued. */
	const struct bc_item *it = &a->items[0];
	assert_int_equal(it->area_type, BC_AREA_TSUNAMI);
	assert_string_equal(it->area_code, "210");
	assert_string_equal(it->area_name_ja, "岩手県");
	assert_string_equal(it->term.table, "TsunamiWarning");
	assert_string_equal(it->term.code, "53");
	assert_string_equal(it->term.ja, "大津波警報");
	assert_string_equal(it->last.code, "00");
	assert_int_equal(it->change, BC_CHANGE_ISSUED);
	assert_string_equal(it->value.code, "huge");
	assert_string_equal(it->value.ja, "巨大");
	assert_string_equal(it->cond.ja, "津波到達中と推測");
	assert_int_equal(it->when, 0);
	it = area(a, "220"); /* 宮城県: arrival 15:00 */
	assert_int_equal(it->when, 1299823200);
	assert_string_equal(it->cond.ja, "");
	it = area(a, "101"); /* 北海道太平洋沿岸中部: 津波警報, 高い, 15:30 */
	assert_string_equal(it->term.code, "51");
	assert_string_equal(it->value.code, "high");
	assert_int_equal(it->when, 1299825000);
	it = area(a, "100"); /* 津波注意報 without a height */
	assert_string_equal(it->term.code, "62");
	assert_string_equal(it->value.ja, "");
	assert_int_equal(count_code(a, "53"), 3);
	assert_int_equal(count_code(a, "51"), 5);
	assert_int_equal(count_code(a, "62"), 15);
	assert_int_equal(count_code(a, "71"), 20);
	/* Warnings are in force: no validity end. */
	assert_int_equal(a->valid_until, 0);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	assert_int_equal(a->quake.origin_time, 1299822360);
	assert_string_equal(a->quake.epicenter_code, "288");
	assert_true(isnan(a->quake.magnitude));
	assert_string_equal(a->quake.magnitude_desc, "Ｍ８を超える巨大地震");
	assert_int_equal(a->quake.n_comments, 7);
	assert_string_equal(a->quake.comments[2], "0121");
	bc_alert_free(a);

	/* A later report (15:12): 大津波警報 after 津波警報 (53/51), 津波警報
	 * after 津波注意報, 津波注意報 after the forecast are upgrades. */
	a = parse_ok(KURIBO "32-39_11_11_250206_VTSE41.xml");
	size_t up = 0, cont = 0, iss = 0;
	for (size_t i = 0; i < a->n_items; i++) {
		up += a->items[i].change == BC_CHANGE_UPGRADED;
		cont += a->items[i].change == BC_CHANGE_CONTINUED;
		iss += a->items[i].change == BC_CHANGE_ISSUED;
	}
	assert_int_equal(up, 2 + 5 + 13);
	assert_int_equal(cont, 4 + 2 + 10 + 7);
	assert_int_equal(iss, 8);
	for (size_t i = 0; i < a->n_items; i++)
		if (!strcmp(a->items[i].term.code, "53")) {
			assert_string_equal(a->items[i].last.code, "51");
			assert_string_equal(a->items[i].last.ja, "津波警報");
			assert_int_equal(a->items[i].change,
					 BC_CHANGE_UPGRADED);
		}
	bc_alert_free(a);

	/* All lifted (2016 drill): warnings lifted (50), forecasts left after
	 * a warning (73). */
	a = parse_ok(P2P "32-39_12_13_191025_VTSE41.xml");
	assert_int_equal(a->status, BC_STATUS_EXERCISE);
	assert_int_equal(count_code(a, "50"), 15);
	assert_int_equal(count_code(a, "73"), 29);
	for (size_t i = 0; i < a->n_items; i++) {
		const char *c = a->items[i].term.code;
		enum bc_change ch = a->items[i].change;
		if (!strcmp(c, "50") || !strcmp(c, "60"))
			assert_int_equal(ch, BC_CHANGE_LIFTED);
		if (!strcmp(c, "73"))
			assert_int_equal(ch, BC_CHANGE_DOWNGRADED);
	}
	assert_int_equal(a->valid_until, 1472778000);
	bc_alert_free(a);
}

/* The forecast left after the advisories are lifted carries its validity
 * end, which JMA never cancels. */
static void test_tsunami_forecast_validity(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-39_11_13_250206_VTSE41.xml");
	assert_int_equal(a->reported, 1300006680);
	assert_int_equal(a->valid_until, 1300093200);
	assert_int_equal(a->n_items, 66);
	assert_int_equal(count_code(a, "71"), 51);
	assert_int_equal(count_code(a, "72"), 15);
	for (size_t i = 0; i < a->n_items; i++)
		if (!strcmp(a->items[i].term.code, "72"))
			assert_int_equal(a->items[i].change,
					 BC_CHANGE_DOWNGRADED);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);

	/* Real, 2023: 6 forecasts and 9 switched from advisories. */
	a = parse_ok(P2P "20231009120003_08446949_VTSE41.xml");
	assert_int_equal(a->valid_until, 1696842000);
	bc_alert_free(a);

	/* Without ValidDateTime (edited out), a forecast-only document still
	 * gets an end: 24 hours after the report. */
	size_t len;
	char *d = slurp_rel(P2P "20231009120003_08446949_VTSE41.xml", &len);
	static const char vdt[] =
		"<ValidDateTime>2023-10-09T18:00:00+09:00</ValidDateTime>";
	char *v = strstr(d, vdt);
	assert_non_null(v);
	memmove(v, v + sizeof vdt - 1, len - (size_t)(v - d) - sizeof vdt + 2);
	len -= sizeof vdt - 1;
	a = NULL;
	char why[256];
	assert_int_equal(bc_jmaxml_parse(d, len, "edited_VTSE41.xml", NULL,
					 &a, why, sizeof why), BC_E_OK);
	assert_int_equal(a->valid_until, 1696820400 + 24 * 3600);
	bc_alert_free(a);
	free(d);
}

static void test_tsunami_lifted(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "38-39_02_04_250206_VTSE41.xml");
	assert_string_equal(a->event_id, "20151114055157 20151114061750");
	assert_int_equal(a->n_items, 3);
	for (size_t i = 0; i < a->n_items; i++) {
		assert_string_equal(a->items[i].term.code, "60");
		assert_string_equal(a->items[i].last.code, "62");
		assert_int_equal(a->items[i].change, BC_CHANGE_LIFTED);
	}
	assert_string_equal(a->items[0].area_code, "771");
	assert_int_equal(a->valid_until, 0); /* nothing left in force */
	assert_int_equal(a->severity, BC_SEV_MINOR);
	/* Two earthquakes cited; the first (05:51, M7.0) is described. */
	assert_int_equal(a->seismic.n_earthquakes, 2);
	assert_int_equal(a->quake.origin_time, 1447447860);
	assert_true(fabs(a->quake.magnitude - 7.0) < 1e-9);
	bc_alert_free(a);

	a = parse_ok(KURIBO "38-39_03_01_210805_VTSE41.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	assert_int_equal(a->n_items, 0);
	bc_alert_free(a);

	/* Real, 2023: advisories of 1 m, the tsunami already arriving. */
	a = parse_ok(P2P "20231009064018_06274659_VTSE41.xml");
	assert_int_equal(a->n_items, 2);
	const struct bc_item *it = area(a, "320");
	assert_string_equal(it->term.code, "62");
	assert_string_equal(it->value.code, "1");
	assert_string_equal(it->value.ja, "１ｍ");
	assert_string_equal(it->cond.ja, "津波到達中と推測");
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	bc_alert_free(a);
}

/* Observed heights (VTSE51) go to their coast; the document keeps the
 * highest. */
static void test_tsunami_observed(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "32-39_12_06_250206_VTSE51.xml");
	assert_string_equal(a->type, "VTSE51");
	/* 静岡県: 御前崎 1.5, 西伊豆町田子 2.8 and rising (２．８ｍ以上),
	 * 焼津 1.9 — all at 07:15. */
	const struct bc_item *it = area(a, "380");
	assert_string_equal(it->observed.code, "2.8");
	assert_string_equal(it->observed.ja, "２．８ｍ以上");
	assert_true(it->obs_flags & BC_OBS_RISING);
	assert_int_equal(it->obs_when, 1472681700);
	/* 三重県南部 saw nothing yet (観測中): no value. */
	it = area(a, "400");
	assert_string_equal(it->observed.code, "");
	/* Highest of the document: 3.1 m at 那智勝浦町浦神 (和歌山県). */
	assert_string_equal(a->seismic.obs_height.code, "3.1");
	assert_string_equal(a->seismic.obs_station_ja, "那智勝浦町浦神");
	assert_false(a->seismic.obs_flags & BC_OBS_OFFSHORE);
	assert_string_equal(area(a, "530")->observed.code, "3.1");
	bc_alert_free(a);

	a = parse_ok(KURIBO "38-39_02_03_250206_VTSE51.xml");
	assert_int_equal(a->serial, 2);
	it = area(a, "772");
	assert_string_equal(it->term.code, "62"); /* merged into its coast */
	assert_string_equal(it->observed.code, "0.3");
	assert_int_equal(it->obs_when, 1447451100);
	assert_false(it->obs_flags & BC_OBS_RISING);
	bc_alert_free(a);
}

/* Offshore observations (VTSE52): estimates per coast, the highest
 * offshore value for the document. */
static void test_tsunami_offshore(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "61_11_02_250206_VTSE52.xml");
	assert_string_equal(a->type, "VTSE52");
	assert_int_equal(a->serial, 2);
	assert_int_equal(a->n_items, 2);
	const struct bc_item *it = area(a, "201");
	assert_string_equal(it->term.code, ""); /* an estimate, no category */
	assert_string_equal(it->value.code, "huge");
	assert_string_equal(it->cond.ja, "早いところでは既に津波到達と推定");
	assert_int_equal(it->when, 1299822960);
	assert_string_equal(area(a, "210")->value.code, "huge");
	/* 青森八戸沖 1.0 m at 14:52 beats 岩手沖９０ｋｍＡ 0.5 m (rising). */
	assert_string_equal(a->seismic.obs_height.code, "1.0");
	assert_string_equal(a->seismic.obs_station_ja, "青森八戸沖");
	assert_true(a->seismic.obs_flags & BC_OBS_OFFSHORE);
	assert_false(a->seismic.obs_flags & BC_OBS_RISING);
	assert_int_equal(a->seismic.obs_when, 1299822720);
	assert_int_equal(a->severity, BC_SEV_EXTREME);
	bc_alert_free(a);
}

/* ------------------------------------------------------------------ */
/* Nankai Trough and Hokkaido/Sanriku-oki                              */

static bool has_pref(const struct bc_alert *a, const char *pref)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (a->items[i].area_type == BC_AREA_PREF &&
		    !strcmp(a->items[i].area_code, pref))
			return true;
	return false;
}

static void test_nankai(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "74_01_04_200512_VYSE50.xml");
	assert_string_equal(a->type, "VYSE50");
	assert_int_equal(a->kind, BC_KIND_NANKAI);
	assert_string_equal(a->seismic.info.table, "NankaiInfoSerial");
	assert_string_equal(a->seismic.info.code, "120");
	assert_string_equal(a->seismic.info.ja,
			    "南海トラフ地震臨時情報（巨大地震警戒）");
	/* The 29 prefectures of the Nankai Trough 防災対策推進地域. */
	assert_int_equal(a->n_items, 29);
	assert_true(has_pref(a, "22"));  /* 静岡 */
	assert_true(has_pref(a, "39"));  /* 高知 */
	assert_true(has_pref(a, "47"));  /* 沖縄 */
	assert_true(has_pref(a, "08"));  /* 茨城 */
	assert_false(has_pref(a, "01")); /* 北海道 */
	assert_false(has_pref(a, "42")); /* 長崎 */
	assert_int_equal(a->items[0].change, BC_CHANGE_ISSUED);
	assert_string_equal(a->items[0].term.ja, a->seismic.info.ja);
	assert_int_equal(a->severity, BC_SEV_SEVERE);
	bc_alert_free(a);

	a = parse_ok(KURIBO "74_01_05_200512_VYSE50.xml");
	assert_string_equal(a->seismic.info.code, "130");
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	bc_alert_free(a);

	a = parse_ok(KURIBO "74_01_03_200512_VYSE50.xml");
	assert_string_equal(a->seismic.info.code, "113");
	assert_string_equal(a->seismic.info.ja,
			    "南海トラフ地震臨時情報（調査中）");
	bc_alert_free(a);

	a = parse_ok(KURIBO "74_01_07_200512_VYSE50.xml");
	assert_string_equal(a->seismic.info.code, "190");
	assert_int_equal(a->n_items, 29);
	assert_int_equal(a->items[0].change, BC_CHANGE_LIFTED);
	assert_int_equal(a->severity, BC_SEV_MINOR);
	bc_alert_free(a);

	a = parse_ok(KURIBO "74_03_01_220318_VYSE50.xml");
	assert_int_equal(a->msg_type, BC_MSG_CANCEL);
	assert_int_equal(a->n_items, 0);
	bc_alert_free(a);
}

static void test_nankai_commentary_and_sanriku(void **state)
{
	(void)state;
	struct bc_alert *a = parse_ok(KURIBO "75_01_02_200512_VYSE51.xml");
	assert_int_equal(a->serial, 2);
	assert_string_equal(a->seismic.info.ja, "南海トラフ地震関連解説情報");
	assert_int_equal(a->n_items, 29); /* 臨時解説 */
	assert_int_equal(a->items[0].change, BC_CHANGE_NONE);
	bc_alert_free(a);

	a = parse_ok(KURIBO "75_01_04_200512_VYSE52.xml");
	assert_string_equal(a->type, "VYSE52");
	assert_int_equal(a->n_items, 0); /* 定例解説: nationwide only */
	bc_alert_free(a);

	a = parse_ok(KURIBO "80_01_01_240821_VYSE60.xml");
	assert_string_equal(a->type, "VYSE60");
	assert_string_equal(a->seismic.info.ja,
			    "北海道・三陸沖後発地震注意情報");
	assert_int_equal(a->n_items, 7);
	static const char *const p[] = { "01", "02", "03", "04", "07", "08",
					  "12" };
	for (size_t i = 0; i < 7; i++)
		assert_true(has_pref(a, p[i]));
	assert_int_equal(a->severity, BC_SEV_MODERATE);
	bc_alert_free(a);
}

/* ------------------------------------------------------------------ */
/* Bad inputs                                                           */

static void test_bad(void **state)
{
	(void)state;
	char why[256];
	/* An observed height of 2,800 m. */
	assert_int_equal(parse_edited(KURIBO "32-39_12_06_250206_VTSE51.xml",
				      ">2.8<", ">2800<", why, sizeof why),
			 BC_E_ABSURD);
	assert_non_null(strstr(why, "2800"));
	/* A forecast coast without its code. */
	assert_int_equal(parse_edited(KURIBO "32-39_11_02_250206_VTSE41.xml",
				      "<Code>210</Code>", "", why, sizeof why),
			 BC_E_PARSE);
	/* An EEW area without its code. */
	assert_int_equal(parse_edited(KURIBO "37_01_01_240613_VXSE43.xml",
				      "<Code>622</Code><Category>",
				      "<Category>", why, sizeof why),
			 BC_E_PARSE);
	/* An EEW arrival time in 1850. */
	assert_int_equal(parse_edited(KURIBO "37_01_01_240613_VXSE43.xml",
				      "<ArrivalTime>2024-04-17T23:15:02",
				      "<ArrivalTime>1850-04-17T23:15:02", why,
				      sizeof why),
			 BC_E_ABSURD);
	/* 臨時情報 without its keyword. */
	assert_int_equal(parse_edited(KURIBO "74_01_04_200512_VYSE50.xml",
				      "<Name>巨大地震警戒</Name>", "", why,
				      sizeof why),
			 BC_E_PARSE);
	/* A long-period class JMA does not have. */
	assert_int_equal(parse_edited(KURIBO "78_01_01_240613_VXSE62.xml",
				      "<MaxLgInt>3</MaxLgInt>\n            "
				      "<IntensityStation>",
				      "<MaxLgInt>9</MaxLgInt>\n            "
				      "<IntensityStation>", why, sizeof why),
			 BC_E_PARSE);
}

int main(void)
{
	bc_jmaxml_global_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eew_warning),
		cmocka_unit_test(test_eew_cancel),
		cmocka_unit_test(test_eew_forecast_grade),
		cmocka_unit_test(test_vxse51_flash),
		cmocka_unit_test(test_vxse52_61_hypocenter),
		cmocka_unit_test(test_vxse62_long_period),
		cmocka_unit_test(test_tsunami_major_warning),
		cmocka_unit_test(test_tsunami_forecast_validity),
		cmocka_unit_test(test_tsunami_lifted),
		cmocka_unit_test(test_tsunami_observed),
		cmocka_unit_test(test_tsunami_offshore),
		cmocka_unit_test(test_nankai),
		cmocka_unit_test(test_nankai_commentary_and_sanriku),
		cmocka_unit_test(test_bad),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	bc_jmaxml_global_cleanup();
	return rc;
}
