/* test_render_seismic.c — what people read: the seismic families through
 * the whole pipeline (bc_pipeline_render) with the repository's real data
 * (BC_DATA_DIR: dictionaries, templates, places) on real JMA documents.
 *
 * The words checked are the ones a reader must get: the category, the
 * place the alert was issued for, the recommended action first, Japan
 * time.  Place names are taken from the place data (bc_places_name), not
 * written here, so that a better name upstream does not break the test;
 * fixed words ("Major Tsunami Warning", "high ground") are JMA's and the
 * dictionary's, checked as text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "jmaxml.h"
#include "l10n.h"
#include "lang.h"
#include "pipeline.h"
#include "places.h"

#define KURIBO "tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/"
#define P2P "tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/"

static const char *data_dir(void)
{
	const char *d = getenv("BC_DATA_DIR");
	if (!d)
		d = getenv("BC_SOURCE_DIR");
	return d ? d : ".";
}

/* Every message of one rendering. */
struct msgs {
	char **topic, **payload;
	size_t n, cap;
};

static void collect(void *ud, const struct bc_message *m)
{
	struct msgs *s = ud;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->topic = realloc(s->topic, s->cap * sizeof *s->topic);
		s->payload = realloc(s->payload, s->cap * sizeof *s->payload);
		assert_non_null(s->topic);
		assert_non_null(s->payload);
	}
	s->topic[s->n] = strdup(m->topic);
	s->payload[s->n] = strndup(m->payload, m->len);
	assert_non_null(s->topic[s->n]);
	assert_non_null(s->payload[s->n]);
	s->n++;
}

static void msgs_free(struct msgs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->topic[i]);
		free(s->payload[i]);
	}
	free(s->topic);
	free(s->payload);
	memset(s, 0, sizeof *s);
}

struct fixture {
	struct bc_config cfg;
	struct bc_pipeline *p;
	struct bc_places *places;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char why[512];
	assert_non_null(f);
	bc_config_defaults(&f->cfg);
	snprintf(f->cfg.data_dir, sizeof f->cfg.data_dir, "%s", data_dir());
	f->cfg.eew_forecast = true;
	if (bc_pipeline_open(&f->cfg, NULL, &f->p, why, sizeof why))
		fail_msg("pipeline: %s", why);
	if (bc_places_load(data_dir(), &f->places, why, sizeof why))
		fail_msg("places: %s", why);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	bc_pipeline_close(f->p);
	bc_places_free(f->places);
	free(f);
	return 0;
}

static void render(struct fixture *f, const char *rel, struct msgs *out)
{
	char path[1024], why[512];
	snprintf(path, sizeof path, "%s/%s", data_dir(), rel);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot read %s", path);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *d = malloc((size_t)n + 1);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	memset(out, 0, sizeof *out);
	enum bc_err e = bc_pipeline_render(f->p, d, (size_t)n, rel,
					   BC_LANG_ALL, collect, out, why,
					   sizeof why);
	free(d);
	if (e)
		fail_msg("%s: %s: %s", rel, bc_errname(e), why);
}

static const char *find(const struct msgs *s, const char *topic)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->topic[i], topic) == 0)
			return s->payload[i];
	fail_msg("no message on %s", topic);
	return NULL;
}

/* The string value of the first "key" in a payload, unescaped (the
 * writer escapes only quotes, backslashes and control characters); the
 * i-th element when the value is an array of strings.  Caller frees. */
static char *field(const char *payload, const char *key, int i)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *p = strstr(payload, pat);
	if (!p)
		fail_msg("no %s in %s", key, payload);
	p += strlen(pat);
	if (*p == '[') {
		p++;
		for (int k = 0; k < i; k++) {
			if (*p != '"')
				return NULL;
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\')
					p++;
			p++;
			if (*p == ',')
				p++;
		}
	}
	if (*p != '"')
		return NULL;
	char *out = malloc(strlen(p) + 1), *o = out;
	assert_non_null(out);
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		p++;
		*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
	}
	*o = '\0';
	return out;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("'%s' does not contain '%s'", hay ? hay : "(null)",
			 needle);
}

static void assert_starts(const char *s, const char *prefix)
{
	if (!s || strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("'%s' does not start with '%s'", s ? s : "(null)",
			 prefix);
}

static const char *name(struct fixture *f, enum bc_area_type t,
			const char *code, enum bc_lang lang)
{
	const char *s = bc_places_name(f->places, t, code, lang, NULL);
	if (!s)
		fail_msg("no %s name for %s", bc_lang_tag(lang), code);
	return s;
}

/* No message may carry an unexpanded placeholder, Japanese outside ja
 * (the corpus test checks scripts in depth), or an empty headline. */
static void assert_sane(const struct msgs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		char *h = field(s->payload[i], "headline", 0);
		assert_non_null(h);
		assert_true(h[0] != '\0');
		assert_null(strchr(h, '{'));
		free(h);
		char *b = field(s->payload[i], "body", 0);
		assert_null(strchr(b, '{'));
		free(b);
	}
}

/* ------------------------------------------------------------------ */

/* A Major Tsunami Warning (11 March 2011, 14:49): the coast, the category,
 * "move to high ground" first, arrival and height. */
static void test_major_tsunami_warning(void **state)
{
	struct fixture *f = *state;
	struct msgs s;
	render(f, KURIBO "32-39_11_02_250206_VTSE41.xml", &s);
	assert_sane(&s);

	const char *en = find(&s, "bosai/v1/alerts/en/tsunami");
	char *h = field(en, "headline", 0);
	char want[512];
	snprintf(want, sizeof want, "Major Tsunami Warning issued: %s",
		 name(f, BC_AREA_TSUNAMI, "210", BC_LANG_EN));
	assert_string_equal(h, want);
	free(h);
	char *a0 = field(en, "actions", 0), *a1 = field(en, "actions", 1);
	assert_starts(a0, "Evacuate immediately to a safe place as high as you can");
	assert_contains(a1, "until the warning is lifted");
	free(a0);
	free(a1);
	char *b = field(en, "body", 0);
	assert_contains(b, "as of Mar 11, 2011, 2:49 PM (Japan time)");
	snprintf(want, sizeof want, "%s: Major Tsunami Warning issued; "
		 "expected height: huge; first wave expected at 3:00 PM",
		 name(f, BC_AREA_TSUNAMI, "220", BC_LANG_EN));
	assert_contains(b, want);
	assert_contains(b, "Tsunami Advisory issued");
	assert_contains(b, "Tsunami Forecast (slight sea level change)");
	free(b);
	assert_contains(en, "\"severity\":\"extreme\"");
	assert_contains(en, "\"expires\":null");

	const char *ja = find(&s, "bosai/v1/alerts/ja/tsunami");
	h = field(ja, "headline", 0);
	assert_string_equal(h, "岩手県：大津波警報を発表しました");
	free(h);
	a0 = field(ja, "actions", 0);
	assert_starts(a0, "ただちに高台");
	free(a0);
	b = field(ja, "body", 0);
	assert_contains(b, "宮城県：大津波警報を発表しました、予想される津波の"
			   "高さ：巨大、第１波の到達予想時刻：15:00");
	free(b);

	const char *vi = find(&s, "bosai/v1/alerts/vi/tsunami");
	h = field(vi, "headline", 0);
	assert_starts(h, "Cảnh báo sóng thần lớn");
	free(h);

	/* A municipality on that coast, when places expands the coast: its
	 * own message names the coast it was issued for. */
	size_t nc = 0;
	const char *const *cities =
		bc_places_expand(f->places, BC_AREA_TSUNAMI, "210", &nc);
	if (nc) {
		char topic[128];
		snprintf(topic, sizeof topic, "bosai/v1/areas/%.2s/%s/en/"
			 "tsunami", cities[0], cities[0]);
		const char *c = find(&s, topic);
		h = field(c, "headline", 0);
		assert_contains(h, "Major Tsunami Warning issued: ");
		assert_contains(h, name(f, BC_AREA_TSUNAMI, "210",
					BC_LANG_EN));
		free(h);
		a0 = field(c, "actions", 0);
		assert_starts(a0, "Evacuate immediately to a safe place as high as you can");
		free(a0);
	} else {
		printf("note: no municipalities for tsunami coast 210 in the "
		       "place data: municipality messages not checked\n");
	}
	msgs_free(&s);
}

/* A forecast-only document: its validity end is the message's expiry,
 * the action is care at sea, never "evacuate". */
static void test_tsunami_forecast_expires(void **state)
{
	struct fixture *f = *state;
	struct msgs s;
	render(f, KURIBO "32-39_11_13_250206_VTSE41.xml", &s);
	assert_sane(&s);
	const char *en = find(&s, "bosai/v1/alerts/en/tsunami");
	assert_contains(en, "\"expires\":\"2011-03-14T18:00:00+09:00\"");
	char *a0 = field(en, "actions", 0);
	assert_starts(a0, "Slight sea level changes are expected");
	free(a0);
	char *h = field(en, "headline", 0);
	assert_contains(h, "Tsunami Forecast (slight sea level change)");
	free(h);
	msgs_free(&s);

	/* Lifted: said so explicitly, no action. */
	render(f, KURIBO "38-39_02_04_250206_VTSE41.xml", &s);
	en = find(&s, "bosai/v1/alerts/en/tsunami");
	h = field(en, "headline", 0);
	assert_starts(h, "Tsunami Advisory lifted: ");
	free(h);
	assert_contains(en, "\"actions\":[]");
	msgs_free(&s);
}

/* An Earthquake Early Warning: protect yourself now, the area and the
 * intensity expected there, the epicentre. */
static void test_eew(void **state)
{
	struct fixture *f = *state;
	struct msgs s;
	render(f, KURIBO "37_01_01_240613_VXSE43.xml", &s);
	assert_sane(&s);
	const char *en = find(&s, "bosai/v1/alerts/en/eew");
	char *h = field(en, "headline", 0);
	char want[512];
	snprintf(want, sizeof want, "Earthquake Early Warning (%s): strong "
		 "shaking expected in ",
		 name(f, BC_AREA_EPICENTER, "681", BC_LANG_EN));
	assert_starts(h, want);
	assert_contains(h, name(f, BC_AREA_PREF, "38", BC_LANG_EN));
	free(h);
	char *a0 = field(en, "actions", 0);
	assert_starts(a0, "Protect yourself now");
	free(a0);
	char *b = field(en, "body", 0);
	assert_contains(b, "magnitude 5.8 (preliminary)");
	snprintf(want, sizeof want, "%s: seismic intensity 5-lower, main "
		 "shaking has probably already arrived",
		 name(f, BC_AREA_QUAKE, "622", BC_LANG_EN));
	assert_contains(b, want);
	snprintf(want, sizeof want, "%s: seismic intensity 4, main shaking "
		 "expected at about 11:15 PM",
		 name(f, BC_AREA_QUAKE, "632", BC_LANG_EN));
	assert_contains(b, want);
	free(b);

	const char *ja = find(&s, "bosai/v1/alerts/ja/eew");
	h = field(ja, "headline", 0);
	assert_starts(h, "緊急地震速報（警報）　豊後水道で地震");
	free(h);
	a0 = field(ja, "actions", 0);
	assert_contains(a0, "身の安全");
	free(a0);

	/* A municipality of 愛媛県南予: its area and intensity. */
	size_t nc = 0;
	const char *const *cities =
		bc_places_expand(f->places, BC_AREA_QUAKE, "622", &nc);
	assert_true(nc > 0);
	char topic[128];
	snprintf(topic, sizeof topic, "bosai/v1/areas/%.2s/%s/en/eew",
		 cities[0], cities[0]);
	const char *c = find(&s, topic);
	h = field(c, "headline", 0);
	snprintf(want, sizeof want, "Earthquake Early Warning: seismic "
		 "intensity 5-lower expected in %s",
		 name(f, BC_AREA_QUAKE, "622", BC_LANG_EN));
	assert_string_equal(h, want);
	free(h);
	a0 = field(c, "actions", 0);
	assert_starts(a0, "Protect yourself now");
	free(a0);
	snprintf(topic, sizeof topic, "bosai/v1/areas/%.2s/%s/vi/eew",
		 cities[0], cities[0]);
	h = field(find(&s, topic), "headline", 0);
	assert_starts(h, "Cảnh báo động đất khẩn cấp: dự kiến cường độ "
			 "địa chấn 5 yếu tại ");
	free(h);
	msgs_free(&s);

	/* Its cancellation: said so, no action. */
	render(f, KURIBO "37_01_03_240613_VXSE43.xml", &s);
	en = find(&s, "bosai/v1/alerts/en/eew");
	assert_contains(en, "\"msgType\":\"cancel\"");
	assert_contains(en, "\"actions\":[]");
	h = field(en, "headline", 0);
	assert_contains(h, "Earthquake Early Warning");
	free(h);
	msgs_free(&s);
}

/* Nankai Trough Extra Information (Megaquake Warning): the name with its
 * keyword, the prefectures, advance evacuation first. */
static void test_nankai_warning(void **state)
{
	struct fixture *f = *state;
	struct msgs s;
	render(f, KURIBO "74_01_04_200512_VYSE50.xml", &s);
	assert_sane(&s);
	const char *en = find(&s, "bosai/v1/alerts/en/nankai");
	char *h = field(en, "headline", 0);
	assert_string_equal(h, "Nankai Trough Earthquake Extra Information "
			       "(Megaquake Warning)");
	free(h);
	char *a0 = field(en, "actions", 0), *a1 = field(en, "actions", 1);
	assert_contains(a0, "advance evacuation");
	assert_starts(a1, "Check your earthquake preparedness");
	free(a0);
	free(a1);
	char *b = field(en, "body", 0);
	assert_contains(b, "higher than usual");
	assert_contains(b, name(f, BC_AREA_PREF, "22", BC_LANG_EN));
	free(b);
	assert_contains(en, "\"severity\":\"severe\"");

	const char *ja = find(&s, "bosai/v1/alerts/ja/nankai");
	h = field(ja, "headline", 0);
	assert_string_equal(h, "南海トラフ地震臨時情報（巨大地震警戒）");
	free(h);

	/* Shizuoka city: its prefecture is named. */
	const char *c = find(&s, "bosai/v1/areas/22/2210100/en/nankai");
	h = field(c, "headline", 0);
	char want[512];
	snprintf(want, sizeof want, "Nankai Trough Earthquake Extra "
		 "Information (Megaquake Warning): %s",
		 name(f, BC_AREA_PREF, "22", BC_LANG_EN));
	assert_string_equal(h, want);
	free(h);
	/* Hokkaido is outside the Nankai Trough area. */
	for (size_t i = 0; i < s.n; i++)
		assert_null(strstr(s.topic[i], "/areas/01/"));
	msgs_free(&s);
}

/* 震度速報: intensity by seismic area, named in the municipality's
 * message. */
static void test_intensity_flash(void **state)
{
	struct fixture *f = *state;
	struct msgs s;
	render(f, P2P "20210217140808_0_VXSE51_010000.xml", &s);
	assert_sane(&s);
	const char *en = find(&s, "bosai/v1/alerts/en/quake");
	char *h = field(en, "headline", 0);
	assert_starts(h, "Earthquake: maximum seismic intensity 3 in ");
	assert_contains(h, name(f, BC_AREA_QUAKE, "222", BC_LANG_EN));
	free(h);
	size_t nc = 0;
	const char *const *cities =
		bc_places_expand(f->places, BC_AREA_QUAKE, "251", &nc);
	assert_true(nc > 0);
	char topic[128], want[512];
	snprintf(topic, sizeof topic, "bosai/v1/areas/%.2s/%s/en/quake",
		 cities[0], cities[0]);
	h = field(find(&s, topic), "headline", 0);
	snprintf(want, sizeof want, "Seismic intensity 3 observed in %s",
		 name(f, BC_AREA_QUAKE, "251", BC_LANG_EN));
	assert_string_equal(h, want);
	free(h);
	msgs_free(&s);
}

int main(void)
{
	bc_jmaxml_global_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_major_tsunami_warning),
		cmocka_unit_test(test_tsunami_forecast_expires),
		cmocka_unit_test(test_eew),
		cmocka_unit_test(test_nankai_warning),
		cmocka_unit_test(test_intensity_flash),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	bc_jmaxml_global_cleanup();
	/* ICU's transliterator registry lives until u_cleanup: without it
	 * valgrind reports it as possibly lost (scripts/valgrind.sh). */
	bc_l10n_cleanup();
	return rc;
}
