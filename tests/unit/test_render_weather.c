/* test_render_weather.c — what people read for the weather-family kinds
 * and volcanoes: one real document per kind through bc_pipeline_render
 * with the repository's dictionaries, templates and place data
 * (BC_DATA_DIR), checking the English and Japanese headline, body and
 * actions of the nationwide message and of one municipality. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "render_fixture.h"

static int setup(void **state)
{
	(void)state;
	return fixture_open();
}

static int teardown(void **state)
{
	(void)state;
	fixture_close();
	return 0;
}

static void test_landslide(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "17_04_01_250630_VXWW50.xml", &c);
	/* National and three municipalities, three languages. */
	assert_int_equal(c.n, 3 * 4);
	const char *p = payload(&c, "bosai/v1/alerts/en/landslide");
	has(p, "\"headline\":\"Odawara City, Manazuru Town, and Yugawara Town: "
	       "Level 4 Urgent Warning (Landslide) issued\"");
	has(p, "\"body\":\"Landslide alert information for Kanagawa "
	       "Prefecture, Nov 2, 2024, 6:50 PM (Japan time):");
	has(p, "\"actions\":[\"Alert level 4: Everyone in a dangerous place "
	       "must evacuate now.\",\"If you are near a cliff");
	has(p, "\"level\":4");
	has(p, "\"severity\":\"severe\"");
	p = payload(&c, "bosai/v1/areas/14/1420600/ja/landslide");
	has(p, "\"headline\":\"小田原市：レベル４土砂災害危険警報を発表しました\"");
	has(p, "\"actions\":[\"警戒レベル４：");
	p = payload(&c, "bosai/v1/areas/14/1420600/vi/landslide");
	has(p, "Cảnh báo nguy hiểm tai họa sạt lở đất cấp độ 4 đã được phát");
	collected_free(&c);

	/* Lifted here (福岡市): no action, minor. */
	render(KURIBO "17_01_01_190529_VXWW50.xml", &c);
	p = payload(&c, "bosai/v1/areas/40/4013100/en/landslide");
	has(p, "Landslide Alert Information lifted");
	has(p, "\"actions\":[]");
	has(p, "\"severity\":\"minor\"");
	collected_free(&c);
}

static void test_flood(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "16_09_01_260312_VXKOii.xml", &c);
	const char *p = payload(&c, "bosai/v1/alerts/ja/flood");
	has(p, "\"headline\":\"牛津川：レベル３氾濫警報を発表しました（佐賀市、"
	       "多久市、小城市ほか2か所）\"");
	has(p, "水位観測所：妙見橋");
	p = payload(&c, "bosai/v1/alerts/en/flood");
	has(p, ": Level 3 Warning (River Flooding) issued (Saga City, Taku "
	       "City, and Ogi City (and 2 more))\"");
	has(p, "Level 3 Warning (River Flooding) issued: Saga City, Taku City, "
	       "Ogi City, Omachi Town, and Kohoku Town");
	has(p, "\"actions\":[\"Alert level 3: Evacuation of the elderly, etc.");
	has(p, "Stay away from the river.");
	/* Station names exist in Japanese only. */
	has_not(p, "妙見橋");
	p = payload(&c, "bosai/v1/areas/41/4142400/vi/flood");
	has(p, "Cảnh báo nước sông tràn bờ cấp độ 3 đã được phát");
	collected_free(&c);
}

static void test_rain(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "82_01_02_250630_VPBS50.xml", &c);
	const char *p = payload(&c, "bosai/v1/areas/01/0154300/en/rain");
	has(p, "\"headline\":\"Bihoro Town: Record Short-Duration Heavy Rain "
	       "Information issued: about 100 mm of rain in one hour, at 1:10 "
	       "PM (Japan time)\"");
	has(p, "Heavy rain information for Bihoro Town, Jul 13, 2023, 1:29 PM "
	       "(Japan time):");
	has(p, "\"actions\":[\"Rain heavier than seen in years");
	p = payload(&c, "bosai/v1/areas/01/0154300/ja/rain");
	has(p, "\"headline\":\"美幌町：記録的短時間大雨情報を発表しました（13:10、"
	       "１時間に約100ミリ）\"");
	collected_free(&c);
}

static void test_tornado(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "19_10_04_250630_VPHW51.xml", &c);
	const char *p = payload(&c, "bosai/v1/areas/11/1110100/en/tornado");
	has(p, "\"headline\":\"Nishi Ward (Saitama): Tornado watch information "
	       "(tornado sighted) issued (+1 more)\"");
	has(p, "Valid until Jul 17, 2015, 10:30 AM (Japan time).");
	has(p, "go into a sturdy building and stay away from windows.");
	has(p, "\"expires\":\"2015-07-17T10:30:00+09:00\"");
	/* 秩父市 is outside the watch (なし) and the sighting area. */
	for (size_t i = 0; i < c.n; i++)
		assert_null(strstr(c.topic[i], "/1120700/"));
	p = payload(&c, "bosai/v1/alerts/ja/tornado");
	has(p, "竜巻注意情報（目撃情報あり）を発表しました");
	collected_free(&c);
}

static void test_notice(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "62_01_01_130412_VPNO50.xml", &c);
	const char *p = payload(&c, "bosai/v1/alerts/en/warning");
	has(p, ": Heavy Rain Emergency Warning issued\"");
	has(p, "\"level\":5");
	has(p, "\"actions\":[\"Alert level 5: Your life is in danger.");
	p = payload(&c, "bosai/v1/areas/29/2920100/ja/warning");
	has(p, "\"headline\":\"奈良市：大雨特別警報を発表しました\"");
	collected_free(&c);
}

static void test_volcano(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "45_01_01_200522_VFVO50.xml", &c);
	assert_int_equal(c.n, 3 * 5);
	const char *p = payload(&c, "bosai/v1/alerts/ja/volcano");
	/* The headline says the level; the body what applies here. */
	has(p, "\"headline\":\"浅間山：レベル３（入山規制）を発表しました（レベル１"
	       "（活火山であることに留意）から切り替え）（嬬恋村、小諸市、軽井沢町"
	       "ほか1か所）\"");
	has(p, "嬬恋村、小諸市、軽井沢町、御代田町：火口周辺警報：入山規制等を発表"
	       "しました");
	p = payload(&c, "bosai/v1/areas/20/2032100/en/volcano");
	has(p, ": Level 3 (Do not approach the volcano) issued, upgraded from "
	       "Level 1 (Potential for increased activity) (Karuizawa Town)\"");
	has(p, "\\nNear-crater Warning: entry restrictions, etc. issued\\n");
	/* JMA's headline: the danger radius exists only there. */
	has(p, "within about 4 km of the crater.");
	has(p, "\"actions\":[\"Climbing or entering the mountain is banned or "
	       "restricted. Do not enter the dangerous area.\"]");
	has(p, "\"level\":3");
	collected_free(&c);

	/* The eruption flash: when, and what to do at once. */
	render(KURIBO "67_01_01_140927_VFVO56.xml", &c);
	p = payload(&c, "bosai/v1/alerts/en/volcano");
	has(p, ": Eruption at about Sep 27, 2014, 11:53 AM (Japan time).");
	has(p, "\"actions\":[\"An eruption has occurred.");
	has(p, "\"severity\":\"extreme\"");
	p = payload(&c, "bosai/v1/alerts/ja/volcano");
	has(p, "御嶽山：2014年9月27日 11:53ごろ、噴火");
	collected_free(&c);

	/* Ash: the amounts, and the cinders first. */
	render(KURIBO "66_01_02_210514_VFVO54.xml", &c);
	p = payload(&c, "bosai/v1/areas/46/4620100/en/volcano");
	has(p, ": Falling small volcanic rocks (Kagoshima City)\"");
	has(p, "Moderate ashfall");
	has(p, "\"actions\":[\"Small volcanic rocks may be carried by the wind "
	       "and fall. Go indoors or under a sturdy roof.\",\"Moderate "
	       "ashfall is expected.");
	collected_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_landslide),
		cmocka_unit_test(test_flood),
		cmocka_unit_test(test_rain),
		cmocka_unit_test(test_tornado),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_volcano),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
