/* test_render_text.c — JMA's free-text headline in every language: the
 * sentence matcher of the dictionary (bc_dict_sentence) on the
 * repository's own rows, and what subscribers read for real documents,
 * including one whose headline the dictionary knows only in part. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dict.h"
#include "render_fixture.h"

static struct bc_dict *dict;

static int setup(void **state)
{
	(void)state;
	char why[512];
	if (fixture_open())
		return -1;
	if (bc_dict_load(cfg.data_dir, &dict, why, sizeof why)) {
		fprintf(stderr, "cannot load the dictionary: %s\n", why);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bc_dict_free(dict);
	fixture_close();
	return 0;
}

/* The key a sentence matches (NULL for none) and its captures. */
static const char *match(const char *s, struct bc_dict_caps *caps)
{
	return bc_dict_sentence(dict, s, strlen(s), caps);
}

static void cap_is(const struct bc_dict_caps *c, size_t i, const char *name,
		   const char *val)
{
	assert_true(i < c->n);
	assert_string_equal(c->v[i].name, name);
	assert_string_equal(c->v[i].val, val);
}

static void test_sentences(void **state)
{
	(void)state;
	struct bc_dict_caps c;
	/* A fixed comment row, found with its final 。 added. */
	assert_string_equal(match("ただちに避難してください", &c),
			    "AdditionalCommentEarthquake.0149");
	assert_int_equal(c.n, 0);
	/* Day, hour and minute in full-width digits; "きょう" optional. */
	assert_string_equal(match("１７日２３時０６分ころ、地震による強い揺れを感じ"
				  "ました", &c), "text.quake.strong-shaking");
	cap_is(&c, 0, "time", "17 23 06");
	assert_string_equal(match("きょう５日０６時５６分ころ、地震がありました",
				  &c), "text.quake.occurred");
	cap_is(&c, 0, "time", "5 06 56");
	/* Two captures in one sentence. */
	assert_string_equal(match("２１日０２時２３分ころの地震により、長周期地震動"
				  "階級３を観測した地域があります", &c),
			    "text.quake.long-period");
	cap_is(&c, 0, "time", "21 02 23");
	cap_is(&c, 1, "num", "3");
	assert_string_equal(match("〔警戒レベル３相当から４相当に切替〕", &c),
			    "text.flood.level-switch");
	cap_is(&c, 0, "num", "3");
	cap_is(&c, 1, "num2", "4");
	/* A wildcard (the crater's name) and a number. */
	assert_string_equal(match("山頂火口から概ね４ｋｍの範囲で大きな噴石や火砕流"
				  "に警戒してください", &c),
			    "text.volcano.boulders-pf");
	assert_int_equal(c.n, 1);
	cap_is(&c, 0, "num", "4");
	/* A wildcard takes at least one character. */
	assert_null(match("では、氾濫が続く", &c));
	assert_non_null(match("最上川中流では、氾濫が続く", &c));
	/* Lists of words joined by "や" and "、". */
	assert_string_equal(match("和歌山県では、土砂災害や低い土地の浸水、河川の増水"
				  "、暴風、高波に警戒してください", &c),
			    "text.warning.alert-terms");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].name, "terms");
	/* Five words: four separators in the offsets list. */
	size_t commas = 0;
	for (const char *q = c.v[0].val; *q; q++)
		commas += *q == ',';
	assert_int_equal(commas, 4);
	/* A word the list does not know stops the match. */
	assert_null(match("和歌山県では、土砂災害や竜巻に警戒してください", &c));
	assert_string_equal(match("宗谷地方にレベル４大雨危険警報を発表しています",
				  &c), "text.warning.in-effect");
	cap_is(&c, 0, "names", "15:30");
	/* A day and JMA's division of it. */
	assert_string_equal(match("山口県では、２３日朝まで高潮に警戒してください",
				  &c), "text.warning.alert-until");
	cap_is(&c, 0, "day", "23");
	assert_string_equal(c.v[1].name, "div");
	assert_string_equal(c.v[2].name, "terms");
	assert_null(match("山口県では、２３日真夜中まで高潮に警戒してください",
			  &c));
	/* A time without its minute, an unknown sentence, a near miss. */
	assert_null(match("１７日２３時ころ、地震がありました", &c));
	assert_null(match("この文は辞書にありません", &c));
	assert_null(match("ただちに避難してください！", &c));
	assert_int_equal(c.n, 0);
}

/* 震度速報: the time of the shaking exists only in the headline. */
static void test_quake_flash(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(P2P "20210217140808_0_VXSE51_010000.xml", &c);
	const char *p = payload(&c, "bosai/v1/alerts/en/quake");
	has(p, "Strong shaking from an earthquake was felt at about Feb 17, "
	       "2021, 11:06");
	has(p, "The areas where seismic intensity 3 or more was observed "
	       "follow.");
	has(p, "\"untranslated\":[]");
	p = payload(&c, "bosai/v1/alerts/ja/quake");
	has(p, "１７日２３時０６分ころ、地震による強い揺れを感じました。");
	collected_free(&c);
}

/* The place names of the tornado headline are not carried: the message
 * names its places itself. */
static void test_tornado(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "19_10_04_250630_VPHW51.xml", &c);
	const char *p = payload(&c, "bosai/v1/areas/11/1110100/en/tornado");
	has(p, "Watch the sky.");
	has(p, "move into a sturdy building");
	has(p, "\"untranslated\":[]");
	p = payload(&c, "bosai/v1/areas/11/1110100/vi/tornado");
	has_not(p, "埼玉");
	has(p, "\"untranslated\":[]");
	collected_free(&c);
}

/* Lists of hazards rendered with the language's list pattern, the
 * warning's own name as the dictionary writes it. */
static void test_lists(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "15_16_03_241226_VPWW55.xml", &c);
	const char *p = payload(&c, "bosai/v1/areas/01/0121400/en/warning");
	has(p, "In effect for the area of this information: Level 4 Urgent "
	       "Warning (Heavy Rain).");
	has(p, "\"untranslated\":[]");
	collected_free(&c);
	/* "４日昼過ぎまで": the day resolved to the report's month. */
	render(KURIBO "15_08_03_160628_VPWW53.xml", &c);
	p = payload(&c, "bosai/v1/alerts/en/warning");
	has(p, "[Emergency Warning] Be on alert for landslide until early "
	       "afternoon (noon to 3 pm) on Sep 4 in the area of this "
	       "information.");
	collected_free(&c);
	render(KURIBO "15_09_01_160628_VPWW53.xml", &c);
	p = payload(&c, "bosai/v1/alerts/en/warning");
	has(p, "[Emergency Warning] Be on alert for landslide, flooding of "
	       "low-lying land, rising rivers, storm, and high waves in the "
	       "area of this information.");
	collected_free(&c);
}

/* A drill said only in the headline must survive translation. */
static void test_drill(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render(KURIBO "32-39_12_02_250206_VTSE41.xml", &c);
	has(payload(&c, "bosai-exercise/v1/alerts/en/tsunami"),
	    "*** This is a drill. ***");
	collected_free(&c);
}

/* What the dictionary knows is translated, the rest is left out and
 * named in untranslated; Japanese readers get JMA's text verbatim. */
static void test_unknown_sentence(void **state)
{
	(void)state;
	struct collected c = { 0 };
	render("tests/data/headline/unknown-sentence-VTSE41.xml", &c);
	const char *topics[] = { "bosai/v1/alerts/en/tsunami",
				 "bosai/v1/areas/03/0320200/en/tsunami" };
	for (size_t i = 0; i < 2; i++) {
		const char *p = payload(&c, topics[i]);
		has(p, "Evacuate immediately.");
		/* The reader is told there is more, not only the feed. */
		has(p, "Part of this information is only in Japanese");
		has(p, "\"untranslated\":[\"text:headline\"]");
		has_not(p, "辞書");
	}
	const char *p = payload(&c, "bosai/v1/areas/03/0320200/vi/tsunami");
	has(p, "\"untranslated\":[\"text:headline\"]");
	has_not(p, "辞書");
	p = payload(&c, "bosai/v1/areas/03/0320200/ja/tsunami");
	has(p, "この文は辞書にありません。ただちに避難してください。");
	has(p, "\"untranslated\":[]");
	collected_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_quake_flash),
		cmocka_unit_test(test_tornado),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_drill),
		cmocka_unit_test(test_unknown_sentence),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
