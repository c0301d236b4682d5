/* test_l10n.c — the ICU layer: formatting in the 16 languages, NFC, UTF-8
 * validity, script checks, and kana romanisation against JMA's own English
 * names (data/places/area_kana_oracle.tsv).
 *
 * Expected outputs were checked by reading them as a reader of each
 * language would (and against CLDR 42, which ICU 72 ships), not copied
 * from the code. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "l10n.h"
#include "lang.h"

static struct bc_l10n *L;

/* 2020-06-22T14:00:00Z = 23:00 Japan time */
#define T_2300 ((time_t)1592834400)
/* 2020-06-22T15:30:00Z = 00:30 on the 23rd in Japan */
#define T_0030 ((time_t)1592839800)

static int setup(void **state)
{
	char why[256];
	enum bc_err e = bc_l10n_open(&L, why, sizeof why);
	if (e) {
		fprintf(stderr, "bc_l10n_open: %s\n", why);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	bc_l10n_close(L);
	L = NULL;
	bc_l10n_cleanup();
	return 0;
}

/* Each check formats into a fresh buffer and compares. */
#define CHECK_FMT(call, expect)                                              \
	do {                                                                 \
		struct bc_buf b_;                                            \
		bc_buf_init(&b_, 1 << 20);                                   \
		enum bc_err e_ = (call);                                     \
		assert_int_equal(e_, BC_E_OK);                               \
		assert_non_null(b_.data);                                    \
		assert_string_equal(b_.data, (expect));                      \
		bc_buf_free(&b_);                                            \
	} while (0)

#define DT(lang, t, expect) CHECK_FMT(bc_l10n_datetime(L, lang, t, &b_), expect)
#define TM(lang, t, expect) CHECK_FMT(bc_l10n_time(L, lang, t, &b_), expect)
#define DAY(lang, t, expect) CHECK_FMT(bc_l10n_day(L, lang, t, &b_), expect)
#define NUM(lang, v, f, expect)                                              \
	CHECK_FMT(bc_l10n_number(L, lang, v, f, &b_), expect)

static void test_open_close(void **state)
{
	struct bc_l10n *l = NULL;
	char why[128] = "x";
	assert_int_equal(bc_l10n_open(&l, why, sizeof why), BC_E_OK);
	assert_non_null(l);
	assert_string_equal(why, "");
	bc_l10n_close(l);
	bc_l10n_close(NULL);
	assert_int_equal(bc_l10n_open(NULL, why, sizeof why), BC_E_INVAL);
}

static void test_datetime(void **state)
{
	DT(BC_LANG_JA, T_2300, "2020年6月22日 23:00");
	/* やさしい日本語 writes the 12-hour clock: 午後11時 */
	DT(BC_LANG_JA_EASY, T_2300, "2020年6月22日 午後11:00");
	DT(BC_LANG_EN, T_2300, "Jun 22, 2020, 11:00 PM");
	DT(BC_LANG_ZH_HANS, T_2300, "2020年6月22日 23:00");
	DT(BC_LANG_ZH_HANT, T_2300, "2020年6月22日 下午11:00");
	DT(BC_LANG_KO, T_2300, "2020년 6월 22일 오후 11:00");
	DT(BC_LANG_ES, T_2300, "22 jun 2020, 23:00");
	DT(BC_LANG_PT, T_2300, "22 de jun. de 2020, 23:00");
	/* Indonesian separates hours and minutes with a dot */
	DT(BC_LANG_ID, T_2300, "22 Jun 2020, 23.00");
	/* Vietnamese puts the time first */
	DT(BC_LANG_VI, T_2300, "23:00 22 thg 6, 2020");
	DT(BC_LANG_TL, T_2300, "Hun 22, 2020, 11:00 PM");
	/* Thai counts years in the Buddhist era: 2020 CE = 2563 BE */
	DT(BC_LANG_TH, T_2300, "22 มิ.ย. 2563 23:00");
	/* Nepali and Burmese in their own digits */
	DT(BC_LANG_NE, T_2300, "२०२० जुन २२, २३:००");
	/* Khmer on the 24-hour clock: ICU writes "PM" in Latin letters */
	DT(BC_LANG_KM, T_2300, "22 មិថុនា 2020, 23:00");
	DT(BC_LANG_MY, T_2300, "၂၀၂၀၊ ဇွန် ၂၂ ၂၃:၀၀");
	DT(BC_LANG_MN, T_2300, "2020 оны 6-р сарын 22 23:00");
}

static void test_japan_time(void **state)
{
	/* 15:30Z is half past midnight of the next day in Japan */
	DT(BC_LANG_JA, T_0030, "2020年6月23日 0:30");
	DT(BC_LANG_EN, T_0030, "Jun 23, 2020, 12:30 AM");
	DT(BC_LANG_VI, T_0030, "00:30 23 thg 6, 2020");
	DT(BC_LANG_MY, T_0030, "၂၀၂၀၊ ဇွန် ၂၃ ၀:၃၀");
	TM(BC_LANG_JA, T_0030, "0:30");
	TM(BC_LANG_EN, T_0030, "12:30 AM");
	/* and at the year's end: 2019-12-31T15:00Z is New Year in Japan */
	DT(BC_LANG_JA, (time_t)1577804400, "2020年1月1日 0:00");
	DT(BC_LANG_EN, (time_t)1577804399, "Dec 31, 2019, 11:59 PM");
	/* Month and day alone, in Japan time too */
	DAY(BC_LANG_JA, T_0030, "6月23日");
	DAY(BC_LANG_EN, T_0030, "Jun 23");
	DAY(BC_LANG_EN, T_2300, "Jun 22");
	DAY(BC_LANG_MY, T_0030, "၂၃ ဇွန်");
}

static void test_time(void **state)
{
	TM(BC_LANG_JA, T_2300, "23:00");
	TM(BC_LANG_JA_EASY, T_2300, "午後11:00");
	TM(BC_LANG_EN, T_2300, "11:00 PM");
	TM(BC_LANG_ZH_HANT, T_2300, "下午11:00");
	TM(BC_LANG_KO, T_2300, "오후 11:00");
	TM(BC_LANG_ID, T_2300, "23.00");
	TM(BC_LANG_TH, T_2300, "23:00");
	TM(BC_LANG_NE, T_2300, "२३:००");
	TM(BC_LANG_MY, T_2300, "၂၃:၀၀");
	TM(BC_LANG_MN, T_2300, "23:00");
}

static void test_time_range(void **state)
{
	/* 1990-01-01T00:00:00Z and 2200-12-31T14:59:59Z (the last second of
	 * 2200 in Japan) */
	DT(BC_LANG_JA, (time_t)631152000, "1990年1月1日 9:00");
	DT(BC_LANG_JA, (time_t)7289621999LL, "2200年12月31日 23:59");
	DT(BC_LANG_EN, (time_t)7289621999LL, "Dec 31, 2200, 11:59 PM");

	/* Every language formats every month of the range without error. */
	struct bc_buf b;
	bc_buf_init(&b, 1 << 16);
	for (time_t t = 631152000; t < (time_t)7289622000LL; t += 2629746)
		for (int i = 0; i < BC_LANG__COUNT; i++) {
			bc_buf_reset(&b);
			assert_int_equal(bc_l10n_datetime(L, i, t, &b),
					 BC_E_OK);
			assert_true(b.len > 0);
			assert_true(bc_utf8_valid(b.data, b.len));
			assert_int_equal(bc_l10n_time(L, i, t, &b), BC_E_OK);
			/* no U+202F NARROW NO-BREAK SPACE (CLDR 42) */
			assert_null(strstr(b.data, "\xE2\x80\xAF"));
		}
	/* Far outside: refused, nothing appended. */
	bc_buf_reset(&b);
	assert_int_equal(bc_l10n_datetime(L, BC_LANG_EN, (time_t)INT64_MAX,
					  &b), BC_E_ABSURD);
	assert_int_equal(bc_l10n_datetime(L, BC_LANG_EN, (time_t)INT64_MIN,
					  &b), BC_E_ABSURD);
	assert_int_equal(bc_l10n_time(L, BC_LANG_EN, (time_t)-3000000000LL,
				      &b), BC_E_ABSURD);
	assert_int_equal(b.len, 0);
	assert_int_equal(bc_l10n_datetime(L, BC_LANG__COUNT, T_2300, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_datetime(L, (enum bc_lang)-1, T_2300, &b),
			 BC_E_INVAL);
	bc_buf_free(&b);
}

static void test_datetime_cache(void **state)
{
	/* The per-language cache of the last time must never return another
	 * time's text or another language's. */
	for (int k = 0; k < 3; k++) {
		DT(BC_LANG_JA, T_2300, "2020年6月22日 23:00");
		DT(BC_LANG_JA, T_0030, "2020年6月23日 0:30");
		DT(BC_LANG_JA_EASY, T_0030, "2020年6月23日 午前0:30");
		TM(BC_LANG_JA, T_2300, "23:00");
		DT(BC_LANG_EN, T_2300, "Jun 22, 2020, 11:00 PM");
	}
	/* Appending keeps what was in the buffer. */
	struct bc_buf b;
	bc_buf_init(&b, 1024);
	bc_buf_adds(&b, "at ");
	assert_int_equal(bc_l10n_time(L, BC_LANG_EN, T_2300, &b), BC_E_OK);
	assert_string_equal(b.data, "at 11:00 PM");
	/* A full buffer: BC_E_TOOBIG, content kept. */
	struct bc_buf small;
	bc_buf_init(&small, 4);
	assert_int_equal(bc_l10n_datetime(L, BC_LANG_EN, T_2300, &small),
			 BC_E_TOOBIG);
	assert_int_equal(small.len, 0);
	bc_buf_free(&small);
	bc_buf_free(&b);
}

static void test_number(void **state)
{
	NUM(BC_LANG_JA, 12345.67, 1, "12,345.7");
	NUM(BC_LANG_EN, 7.0, 1, "7.0");
	NUM(BC_LANG_EN, 10.0, 0, "10");
	NUM(BC_LANG_EN, 0.5, 2, "0.50");
	/* half up, as a magnitude is read: 6.25 -> 6.3, -6.25 -> -6.3 */
	NUM(BC_LANG_EN, 6.25, 1, "6.3");
	NUM(BC_LANG_EN, -6.25, 1, "-6.3");
	NUM(BC_LANG_EN, 2.5, 0, "3");
	/* the setting of frac is per call, not sticky */
	NUM(BC_LANG_EN, 12.0, 0, "12");
	NUM(BC_LANG_ES, 12345.67, 1, "12.345,7");
	NUM(BC_LANG_PT, 12345.67, 1, "12.345,7");
	NUM(BC_LANG_VI, 12345.67, 1, "12.345,7");
	NUM(BC_LANG_ID, 3.5, 1, "3,5");
	NUM(BC_LANG_TH, 12345.67, 1, "12,345.7");
	NUM(BC_LANG_MN, 12345.67, 1, "12,345.7");
	NUM(BC_LANG_KM, 7.2, 1, "7,2");
	/* Burmese (Myanmar digits) and Nepali (Devanagari digits) */
	NUM(BC_LANG_MY, 12345.67, 1, "၁၂,၃၄၅.၇");
	NUM(BC_LANG_MY, 7.2, 1, "၇.၂");
	NUM(BC_LANG_MY, 10, 0, "၁၀");
	NUM(BC_LANG_NE, 12345.67, 1, "१२,३४५.७");
	NUM(BC_LANG_NE, 7.2, 1, "७.२");
	/* Any double: huge ones have all their digits, NaN is refused. */
	struct bc_buf b;
	bc_buf_init(&b, 1 << 16);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, 1e308, 0, &b),
			 BC_E_OK);
	assert_int_equal(b.len, 309 + 102); /* digits and group commas */
	assert_memory_equal(b.data, "100,000,000,", 12);
	bc_buf_reset(&b);
	assert_int_equal(bc_l10n_number(L, BC_LANG_MY, -1e308, 9, &b),
			 BC_E_OK);
	assert_true(bc_utf8_valid(b.data, b.len));
	bc_buf_reset(&b);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, 5e-324, 2, &b),
			 BC_E_OK);
	assert_string_equal(b.data, "0.00");
	bc_buf_reset(&b);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, NAN, 1, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, INFINITY, 1, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, -INFINITY, 1, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, 1.0, -1, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_number(L, BC_LANG_EN, 1.0, 10, &b),
			 BC_E_INVAL);
	assert_int_equal(b.len, 0);
	bc_buf_free(&b);
}

static void check_list(enum bc_lang lang, const char *const *items, size_t n,
		       const char *expect)
{
	struct bc_buf b;
	bc_buf_init(&b, 1 << 20);
	assert_int_equal(bc_l10n_list(L, lang, items, n, &b), BC_E_OK);
	assert_string_equal(b.data ? b.data : "", expect);
	bc_buf_free(&b);
}

static void test_list(void **state)
{
	const char *const en[] = { "Tokyo", "Chiba", "Saitama" };
	check_list(BC_LANG_EN, en, 3, "Tokyo, Chiba, and Saitama");
	check_list(BC_LANG_EN, en, 2, "Tokyo and Chiba");
	check_list(BC_LANG_EN, en, 1, "Tokyo");
	check_list(BC_LANG_EN, en, 0, "");
	const char *const ja[] = { "東京都", "千葉県", "埼玉県" };
	check_list(BC_LANG_JA, ja, 3, "東京都、千葉県、埼玉県");
	const char *const vi[] = { "Tokyo", "Chiba", "Saitama" };
	check_list(BC_LANG_VI, vi, 3, "Tokyo, Chiba và Saitama");
	check_list(BC_LANG_ES, vi, 3, "Tokyo, Chiba y Saitama");
	check_list(BC_LANG_PT, vi, 3, "Tokyo, Chiba e Saitama");
	check_list(BC_LANG_ID, vi, 3, "Tokyo, Chiba, dan Saitama");
	check_list(BC_LANG_TL, vi, 3, "Tokyo, Chiba, at Saitama");
	const char *const zh[] = { "东京都", "千叶县", "埼玉县" };
	check_list(BC_LANG_ZH_HANS, zh, 3, "东京都、千叶县和埼玉县");
	const char *const ko[] = { "도쿄도", "지바현", "사이타마현" };
	check_list(BC_LANG_KO, ko, 3, "도쿄도, 지바현 및 사이타마현");
	const char *const th[] = { "โตเกียว", "ชิบะ", "ไซตามะ" };
	/* Thai writes no commas and no space before the last item */
	check_list(BC_LANG_TH, th, 3, "โตเกียว ชิบะ และไซตามะ");
	/* Nepali: CLDR 42 has "{0},{1}" for the first pair; we add the
	 * space Nepali prose has */
	const char *const ne[] = { "टोकियो", "चिबा", "साइतामा" };
	check_list(BC_LANG_NE, ne, 3, "टोकियो, चिबा र साइतामा");
	check_list(BC_LANG_NE, ne, 2, "टोकियो र चिबा");
	const char *const ne4[] = { "क", "ख", "ग", "घ" };
	check_list(BC_LANG_NE, ne4, 4, "क, ख, ग र घ");
	const char *const mn[] = { "Токио", "Чиба", "Сайтама" };
	check_list(BC_LANG_MN, mn, 3, "Токио, Чиба, Сайтама");
	const char *const km[] = { "តូក្យូ", "ឈីបា", "សៃតាម៉ា" };
	check_list(BC_LANG_KM, km, 3, "តូក្យូ, ឈីបា និង សៃតាម៉ា");

	/* Many items (every area of a nationwide alert): all there. */
	enum { N = 2000 };
	static char names[N][16];
	static const char *p[N];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "Area%d", i);
		p[i] = names[i];
	}
	struct bc_buf b;
	bc_buf_init(&b, 1 << 20);
	assert_int_equal(bc_l10n_list(L, BC_LANG_EN, p, N, &b), BC_E_OK);
	assert_non_null(strstr(b.data, "Area0, Area1, "));
	assert_non_null(strstr(b.data, ", and Area1999"));
	assert_non_null(strstr(b.data, "Area1000, Area1001"));

	/* Bad items */
	bc_buf_reset(&b);
	const char *const bad[] = { "ok", "\xC0\xAF" };
	assert_int_equal(bc_l10n_list(L, BC_LANG_EN, bad, 2, &b),
			 BC_E_ENCODING);
	const char *const null[] = { "ok", NULL };
	assert_int_equal(bc_l10n_list(L, BC_LANG_EN, null, 2, &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_list(L, BC_LANG_EN, NULL, 2, &b),
			 BC_E_INVAL);
	assert_int_equal(b.len, 0);
	bc_buf_free(&b);
}

static void test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		bool ok;
	} cases[] = {
		{ "", 0, true },
		{ "plain ASCII, long enough for the 8-byte path.", 46, true },
		{ "é", 2, true },
		{ "東京", 6, true },
		{ "\xF0\x9F\x8C\x8A", 4, true },          /* U+1F30A wave */
		{ "\xF4\x8F\xBF\xBF", 4, true },          /* U+10FFFF */
		{ "\xEF\xBF\xBD", 3, true },              /* U+FFFD */
		{ "a\0b", 3, true },                      /* NUL is UTF-8 */
		{ "\xC0\xAF", 2, false },                 /* overlong '/' */
		{ "\xC1\xBF", 2, false },                 /* overlong */
		{ "\xE0\x80\xAF", 3, false },             /* overlong */
		{ "\xE0\x9F\xBF", 3, false },             /* overlong U+07FF */
		{ "\xF0\x8F\xBF\xBF", 4, false },         /* overlong U+FFFF */
		{ "\xED\xA0\x80", 3, false },             /* U+D800 */
		{ "\xED\xBF\xBF", 3, false },             /* U+DFFF */
		{ "\xED\x9F\xBF", 3, true },              /* U+D7FF */
		{ "\xF4\x90\x80\x80", 4, false },         /* U+110000 */
		{ "\xF5\x80\x80\x80", 4, false },
		{ "\xFF", 1, false },
		{ "\x80", 1, false },                     /* lone continuation */
		{ "\xE6\x9D", 2, false },                 /* truncated 東 */
		{ "abcdefgh\xE6\x9D", 10, false },        /* truncated after fast path */
		{ "\xF0\x9F\x8C", 3, false },             /* truncated emoji */
		{ "\xE6\x9D" "a", 3, false },             /* broken sequence */
		{ "\xC3\xA9\xC3", 3, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (bc_utf8_valid(cases[i].s, cases[i].n) != cases[i].ok)
			fail_msg("case %zu: expected %s", i,
				 cases[i].ok ? "valid" : "invalid");
	}
	assert_true(bc_utf8_valid(NULL, 0));
	assert_false(bc_utf8_valid(NULL, 1));
	/* The length is what counts, not a NUL: a truncation is caught even
	 * when the next byte would complete it. */
	assert_false(bc_utf8_valid("東", 2));
}

static void check_nfc(const char *in, const char *expect, bool was_nfc)
{
	struct bc_buf b;
	bc_buf_init(&b, 1 << 20);
	assert_int_equal(bc_l10n_is_nfc(in, strlen(in)), was_nfc);
	assert_int_equal(bc_l10n_nfc(in, strlen(in), &b), BC_E_OK);
	assert_string_equal(b.data ? b.data : "", expect);
	assert_true(bc_l10n_is_nfc(b.data ? b.data : "", b.len));
	bc_buf_free(&b);
}

static void test_nfc(void **state)
{
	check_nfc("", "", true);
	check_nfc("Tokyo M7.2", "Tokyo M7.2", true);
	check_nfc("Ñandú", "Ñandú", true);
	/* decomposed é, Vietnamese ệ (e + dot below + circumflex), Hangul
	 * jamo, kana + combining voiced mark */
	check_nfc("Cafe\xCC\x81", "Café", false);
	check_nfc("Vie\xCC\xA3\xCC\x82t Nam", "Việt Nam", false);
	check_nfc("Vie\xCC\x82\xCC\xA3t", "Việt", false);
	check_nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "한", false);
	check_nfc("\xE3\x81\x8B\xE3\x82\x99", "が", false);
	/* already NFC beyond U+0300 */
	check_nfc("Động đất", "Động đất", true);
	check_nfc("地震 じしん 지진 แผ่นดินไหว भूकम्प", "地震 じしん 지진 "
		  "แผ่นดินไหว भूकम्प", true);
	/* Singletons: U+212B ANGSTROM SIGN is Å in NFC; CJK compatibility
	 * ideograph U+F91D becomes U+6B04 */
	check_nfc("\xE2\x84\xAB", "Å", false);
	check_nfc("\xEF\xA4\x9D", "欄", false);

	/* A long decomposed text (past the stack buffers) */
	struct bc_buf in, out;
	bc_buf_init(&in, 1 << 20);
	bc_buf_init(&out, 1 << 20);
	for (int i = 0; i < 5000; i++)
		bc_buf_adds(&in, "Vie\xCC\xA3\xCC\x82t ");
	assert_false(bc_l10n_is_nfc(in.data, in.len));
	assert_int_equal(bc_l10n_nfc(in.data, in.len, &out), BC_E_OK);
	assert_int_equal(out.len, 5000 * strlen("Việt "));
	assert_true(bc_l10n_is_nfc(out.data, out.len));

	/* Not UTF-8 */
	bc_buf_reset(&out);
	assert_int_equal(bc_l10n_nfc("a\xED\xA0\x80", 4, &out),
			 BC_E_ENCODING);
	assert_int_equal(bc_l10n_nfc("\xC0\xAF", 2, &out), BC_E_ENCODING);
	assert_int_equal(out.len, 0);
	assert_false(bc_l10n_is_nfc("\xC0\xAF", 2));
	assert_false(bc_l10n_is_nfc("e\xCC", 2));
	bc_buf_free(&in);
	bc_buf_free(&out);
}

/* One correct alert sentence per language. */
static const char *const good[BC_LANG__COUNT] = {
	[BC_LANG_JA] = "【緊急地震速報】千代田区で震度５強。強い揺れに警戒してください。"
		       "津波の心配はありません。M7.2",
	[BC_LANG_JA_EASY] = "じしんが ありました。つよい ゆれに きをつけて "
			    "ください。つなみは ありません。",
	[BC_LANG_EN] = "Earthquake: seismic intensity 5+ in Chiyoda City "
		       "(M7.2, depth 10 km). No tsunami expected.",
	[BC_LANG_ZH_HANS] = "地震：千代田区震度5强（M7.2）。无海啸风险。请注意强烈摇晃。",
	[BC_LANG_ZH_HANT] = "地震：千代田區震度5強（M7.2）。無海嘯風險。請注意「強烈搖晃」。",
	[BC_LANG_KO] = "지진: 지요다구 진도 5강 (M7.2). 쓰나미 걱정은 없습니다.",
	[BC_LANG_ES] = "Terremoto: intensidad sísmica 5+ en Chiyoda (M7,2). "
		       "No hay riesgo de tsunami.",
	[BC_LANG_PT] = "Terremoto: intensidade sísmica 5+ em Chiyoda. "
		       "Não há risco de tsunami.",
	[BC_LANG_ID] = "Gempa bumi: intensitas seismik 5+ di Chiyoda. "
		       "Tidak ada ancaman tsunami.",
	[BC_LANG_VI] = "Động đất: cường độ địa chấn 5+ tại Chiyoda. "
		       "Không có nguy cơ sóng thần.",
	[BC_LANG_TL] = "Lindol: seismic intensity 5+ sa Chiyoda. "
		       "Walang banta ng tsunami.",
	[BC_LANG_TH] = "แผ่นดินไหว: ความรุนแรง 5+ ที่ชิโยดะ ไม่มีความเสี่ยงสึนามิ ฿0",
	[BC_LANG_NE] = "भूकम्प: चियोदामा भूकम्पीय तीव्रता ५+। सुनामीको खतरा छैन।",
	[BC_LANG_KM] = "រញ្ជួយដី៖ កម្រិត 5+ នៅ Chiyoda។ គ្មានហានិភ័យរលកយក្សស៊ូណាមិទេ។",
	[BC_LANG_MY] = "ငလျင်: ချိယိုဒါတွင် ငလျင်ပြင်းအား ၅+။ ဆူနာမီ အန္တရာယ် မရှိပါ။",
	[BC_LANG_MN] = "Газар хөдлөлт: Чиёда хотод 5+ баллын хүчтэй (M7.2). "
		       "Цунамийн аюул байхгүй.",
};

static bool mismatch(const char *s, enum bc_lang lang, unsigned *cp)
{
	return bc_l10n_script_mismatch(s, strlen(s), lang, cp);
}

static bool has_ja(const char *s, bool han_counts)
{
	return bc_l10n_has_japanese(s, strlen(s), han_counts);
}

static void test_script_good(void **state)
{
	for (int i = 0; i < BC_LANG__COUNT; i++) {
		unsigned cp = 0;
		if (mismatch(good[i], i, &cp))
			fail_msg("%s: U+%04X flagged in a correct text",
				 bc_lang_tag(i), cp);
		if (bc_lang_is_japanese(i))
			continue;
		bool zh = i == BC_LANG_ZH_HANS || i == BC_LANG_ZH_HANT;
		if (has_ja(good[i], !zh))
			fail_msg("%s: Japanese found in a correct text",
				 bc_lang_tag(i));
	}
	assert_true(has_ja(good[BC_LANG_JA], true));
	assert_true(has_ja(good[BC_LANG_JA], false));
	assert_true(has_ja(good[BC_LANG_JA_EASY], false));
}

struct leak {
	enum bc_lang lang;
	const char *s;
	unsigned cp; /* first offending code point */
};

static void test_script_leaks(void **state)
{
	static const struct leak leaks[] = {
		/* a Japanese place name left in the text */
		{ BC_LANG_VI, "Động đất tại 千代田区.", 0x5343 },
		{ BC_LANG_EN, "Tsunami warning for とうきょう.", 0x3068 },
		{ BC_LANG_EN, "Kanto region (カントウ)", 0x30AB },
		{ BC_LANG_EN, "Half-width ﾄｳｷｮｳ", 0xFF84 },
		{ BC_LANG_ES, "Alerta de tsunami。", 0x3002 },
		{ BC_LANG_PT, "Aviso: Tóquio、Chiba", 0x3001 },
		{ BC_LANG_ID, "Peringatan 「tsunami」", 0x300C },
		{ BC_LANG_TL, "Babala: ５ metro", 0xFF15 },
		{ BC_LANG_TL, "Babala！", 0xFF01 },
		{ BC_LANG_EN, "Level\xE3\x80\x80" "5", 0x3000 },
		{ BC_LANG_EN, "Tokyo ー", 0x30FC },
		{ BC_LANG_TH, "แผ่นดินไหวที่ 東京", 0x6771 },
		{ BC_LANG_NE, "भूकम्प 震度", 0x9707 },
		{ BC_LANG_KM, "រញ្ជួយដី ゆれ", 0x3086 },
		{ BC_LANG_MY, "ငလျင် つなみ", 0x3064 },
		{ BC_LANG_MN, "Газар хөдлөлт 地震", 0x5730 },
		/* Korean is Hangul only: Hanja is a leak */
		{ BC_LANG_KO, "지진 東京都", 0x6771 },
		{ BC_LANG_KO, "쓰나미 つなみ", 0x3064 },
		/* Chinese: kana */
		{ BC_LANG_ZH_HANS, "海啸警报：しずおか", 0x3057 },
		{ BC_LANG_ZH_HANT, "海嘯警報：ー", 0x30FC },
		/* other scripts in the wrong language */
		{ BC_LANG_TH, "แผ่นดินไหว भूकम्प", 0x092D },
		{ BC_LANG_NE, "भूकम्प แผ่นดินไหว", 0x0E41 },
		{ BC_LANG_MN, "Газар 지진", 0xC9C0 },
		{ BC_LANG_MY, "ငလျင် រញ្ជួយដី", 0x179A },
		{ BC_LANG_KM, "រញ្ជួយដី ငလျင်", 0x1004 },
		{ BC_LANG_EN, "Earthquake Землетрясение", 0x0417 },
		{ BC_LANG_VI, "Động đất 지진", 0xC9C0 },
		/* the Devanagari danda belongs to Nepali, not Thai */
		{ BC_LANG_TH, "แผ่นดินไหว।", 0x0964 },
		/* not UTF-8 */
		{ BC_LANG_EN, "bad \xC0\xAF", 0xFFFD },
		/* unassigned and private use */
		{ BC_LANG_EN, "x\xEE\x80\x80", 0xE000 },
		{ BC_LANG_EN, "x\xF3\xB0\x80\x80", 0xF0000 },
	};
	for (size_t i = 0; i < sizeof leaks / sizeof *leaks; i++) {
		unsigned cp = 0;
		const struct leak *k = &leaks[i];
		if (!mismatch(k->s, k->lang, &cp))
			fail_msg("%s \"%s\": no mismatch found",
				 bc_lang_tag(k->lang), k->s);
		if (cp != k->cp)
			fail_msg("%s \"%s\": U+%04X, expected U+%04X",
				 bc_lang_tag(k->lang), k->s, cp, k->cp);
	}

	/* What is fine everywhere: Latin codes, digits, punctuation,
	 * symbols, combining marks */
	for (int i = 0; i < BC_LANG__COUNT; i++) {
		unsigned cp = 0;
		assert_false(mismatch("M7.2 10 km 50% JMA °C ℃ → ✓ — “quoted”", i,
				      &cp));
		assert_false(mismatch("", i, &cp));
	}
	/* Japanese text is fine in both Japanese outputs; Chinese and
	 * Korean typography accepts full-width punctuation */
	unsigned cp = 0;
	assert_false(mismatch("東京都、ｶﾀｶﾅ、ひらがな・カタカナ ー 々", BC_LANG_JA,
			      &cp));
	assert_false(mismatch("东京，大阪！（注意）", BC_LANG_ZH_HANS, &cp));
	assert_false(mismatch("《지진》 〈주의〉 ・ ！", BC_LANG_KO, &cp));
	assert_false(mismatch("भूकम्प।", BC_LANG_NE, &cp));
	assert_false(mismatch("ငလျင်။", BC_LANG_MY, &cp));
	assert_false(mismatch("Chú ý: Đ ơ ư ̀ ", BC_LANG_VI, &cp));
	/* NULL cp is allowed */
	assert_true(bc_l10n_script_mismatch("東", 3, BC_LANG_EN, NULL));
}

static void test_has_japanese(void **state)
{
	/* kana and kana marks count in every language */
	assert_true(has_ja("つなみ", false));
	assert_true(has_ja("ツナミ", false));
	assert_true(has_ja("ﾂﾅﾐ", false));
	assert_true(has_ja("Tokyo ー", false));
	assert_true(has_ja("ﾞ", false));
	/* Han: any Han outside Chinese */
	assert_true(has_ja("Tsunami 津波", true));
	assert_false(has_ja("Tsunami", true));
	/* Chinese may write Han, but not the Japanese forms */
	assert_false(has_ja("海啸警报 东京都 千叶县 北海道", false));
	assert_false(has_ja("海嘯警報 東京都 千葉縣 廣島縣", false));
	assert_true(has_ja("広島県", false));   /* 广岛县 / 廣島縣 */
	assert_true(has_ja("広岛县", false));   /* the ICU trap of DESIGN §2 */
	assert_true(has_ja("気象庁", false));   /* 气象厅 / 氣象廳 */
	assert_true(has_ja("新宿駅", false));   /* 站 */
	assert_true(has_ja("発表", false));
	assert_true(has_ja("佐々木", false));   /* 々 */
	assert_true(has_ja("線状降水帯", false)); /* 带 / 帶 */
	/* kokuji that JMA's own Chinese place names write are allowed */
	assert_false(has_ja("栃木县 田野畑村 水俣市 高畠町", false));
	/* Japanese punctuation: a leak outside the CJK languages; part of
	 * Chinese typography */
	assert_true(has_ja("Warning。", true));
	assert_true(has_ja("Warning、Chiba", true));
	assert_true(has_ja("「Warning」", true));
	assert_true(has_ja("Level５", true));
	assert_true(has_ja("Level\xE3\x80\x80" "5", true));
	assert_false(has_ja("警报。千叶、东京「注意」！", false));
	/* text copied from a PDF: KANGXI RADICAL SUN for 日 */
	assert_true(has_ja("\xE2\xBD\x87" "本", true));
	/* edges */
	assert_false(has_ja("", true));
	assert_false(bc_l10n_has_japanese(NULL, 0, true));
	assert_false(has_ja("\xC0\xAF", true));
	assert_true(has_ja("\xC0\xAF" "つ", false));
	/* only the first n bytes count */
	assert_false(bc_l10n_has_japanese("abc津波", 3, true));
}

/* Every correct text stays correct after NFC, and every leak is still
 * caught inside a long text: the checks look at every character. */
static void test_script_long(void **state)
{
	struct bc_buf b;
	bc_buf_init(&b, 1 << 20);
	for (int i = 0; i < 200; i++)
		bc_buf_adds(&b, good[BC_LANG_VI]);
	unsigned cp = 0;
	assert_false(bc_l10n_script_mismatch(b.data, b.len, BC_LANG_VI, &cp));
	bc_buf_adds(&b, "ー");
	assert_true(bc_l10n_script_mismatch(b.data, b.len, BC_LANG_VI, &cp));
	assert_int_equal(cp, 0x30FC);
	assert_true(bc_l10n_has_japanese(b.data, b.len, true));
	bc_buf_free(&b);
}

static void check_latin(const char *kana, const char *expect)
{
	struct bc_buf b;
	bc_buf_init(&b, 1024);
	enum bc_err e = bc_l10n_kana_to_latin(L, kana, &b);
	if (e)
		fail_msg("\"%s\": %s", kana, bc_strerror(e));
	if (strcmp(b.data ? b.data : "", expect) != 0)
		fail_msg("\"%s\" -> \"%s\", expected \"%s\"", kana,
			 b.data ? b.data : "", expect);
	bc_buf_free(&b);
}

static void test_kana_basic(void **state)
{
	check_latin("とうきょう", "Tokyo");
	check_latin("ちよだく", "Chiyodaku");
	check_latin("おおさか", "Osaka");
	check_latin("きょうと", "Kyoto");
	check_latin("ほっかいどう", "Hokkaido");
	check_latin("しずおか", "Shizuoka");
	check_latin("ちば", "Chiba");
	check_latin("つくば", "Tsukuba");
	check_latin("ふくしま", "Fukushima");
	check_latin("じょうえつ", "Joetsu");
	check_latin("かづの", "Kazuno");       /* づ -> zu */
	check_latin("ちぢわ", "Chijiwa");      /* ぢ -> ji */
	check_latin("くっちゃん", "Kutchan");  /* っち -> tch */
	check_latin("べっぷ", "Beppu");
	check_latin("てんえい", "Tenei");      /* no n' */
	check_latin("なんよう", "Nanyo");
	check_latin("なんぶ", "Nambu");        /* ん before b -> m */
	check_latin("ごてんば", "Gotemba");
	check_latin("さんむ", "Sammu");
	check_latin("りゅうおう", "Ryuo");
	check_latin("ひろお", "Hiroo");        /* final お kept */
	check_latin("かつうら", "Katsuura");   /* 浦 */
	check_latin("やまのうち", "Yamanouchi");
	check_latin("こうち", "Kochi");
	check_latin("みなみ・あわじ", "Minami Awaji");
	/* katakana, half-width katakana, the long-vowel mark */
	check_latin("トウキョウ", "Tokyo");
	check_latin("ﾄｳｷｮｳ", "Tokyo");
	check_latin("ｶﾞｯｺｳ", "Gakko");
	check_latin("サッポロ", "Sapporo");
	check_latin("ラーメン", "Ramen");
	check_latin("アルプス", "Arupusu");
	check_latin("ヴィーナス", "Vinasu");
	check_latin("フェリー", "Feri");
	check_latin("ティー", "Ti");
	check_latin("おーさか", "Osaka");
	check_latin("", "");

	struct bc_buf b;
	bc_buf_init(&b, 1024);
	/* kanji cannot be romanised: nothing, and an error */
	assert_int_equal(bc_l10n_kana_to_latin(L, "東京", &b), BC_E_INVAL);
	assert_int_equal(bc_l10n_kana_to_latin(L, "とうきょう都", &b),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_kana_to_latin(L, "\xE3\x81", &b),
			 BC_E_ENCODING);
	assert_int_equal(b.len, 0);
	char big[2048];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(bc_l10n_kana_to_latin(L, big, &b), BC_E_TOOBIG);
	assert_int_equal(bc_l10n_kana_to_latin(L, NULL, &b), BC_E_INVAL);
	bc_buf_free(&b);
}

static FILE *open_data(const char *rel)
{
	const char *dir = getenv("BC_DATA_DIR");
	if (!dir)
		dir = getenv("BC_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	return f;
}

static void test_kana_oracle(void **state)
{
	FILE *f = open_data("data/places/area_kana_oracle.tsv");
	char line[1024];
	size_t total = 0, ok = 0;
	bool header = false;
	struct bc_buf b;
	bc_buf_init(&b, 1024);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!header) {
			assert_string_equal(line, "code\tkana\texpected");
			header = true;
			continue;
		}
		char *code = line, *kana = strchr(code, '\t');
		assert_non_null(kana);
		*kana++ = '\0';
		char *expect = strchr(kana, '\t');
		assert_non_null(expect);
		*expect++ = '\0';
		bc_buf_reset(&b);
		enum bc_err e = bc_l10n_kana_to_latin(L, kana, &b);
		total++;
		if (e == BC_E_OK && strcmp(b.data ? b.data : "", expect) == 0) {
			ok++;
			continue;
		}
		printf("kana mismatch %s %s: JMA \"%s\", ours \"%s\"%s%s\n",
		       code, kana, expect, b.data ? b.data : "",
		       e ? " error " : "", e ? bc_errname(e) : "");
	}
	fclose(f);
	bc_buf_free(&b);
	assert_true(header);
	assert_true(total > 1700);
	printf("kana oracle: %zu of %zu match JMA's English (%.2f %%)\n", ok,
	       total, 100.0 * (double)ok / (double)total);
	assert_true(ok * 100 >= total * 97);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void cap_is(const char *in, const char *want)
{
	struct bc_buf b;
	bc_buf_init(&b, 1024);
	bc_buf_adds(&b, in);
	assert_int_equal(bc_l10n_capitalize(&b), BC_E_OK);
	assert_string_equal(b.data ? b.data : "", want);
	bc_buf_free(&b);
}

static void test_capitalize(void **state)
{
	(void)state;
	cap_is("cidade de Wakkanai: alerta", "Cidade de Wakkanai: alerta");
	cap_is("ñu", "Ñu");
	cap_is("phường Chuo", "Phường Chuo");
	cap_is("иватэ аймаг", "Иватэ аймаг");
	/* Already upper case, no case, not a letter: unchanged. */
	cap_is("Coast of Iwate", "Coast of Iwate");
	cap_is("เมืองมิยาโกะ", "เมืองมิยาโกะ");
	cap_is("岩手県", "岩手県");
	cap_is("[訓練] x", "[訓練] x");
	cap_is("", "");
	/* A capital of another length in UTF-8: ɐ (2 bytes) → Ɐ (3 bytes). */
	cap_is("\xc9\x90x", "\xe2\xb1\xafx");
	struct bc_buf b;
	bc_buf_init(&b, 64);
	bc_buf_add(&b, "\xc3(", 2);
	assert_int_equal(bc_l10n_capitalize(&b), BC_E_ENCODING);
	bc_buf_free(&b);
}

static void test_speed(void **state)
{
	enum { N = 30000 };
	struct bc_buf b;
	bc_buf_init(&b, 1 << 20);
	size_t bytes = 0;

	/* Distinct times, every language: the formatter does the work. */
	double t0 = now_ms();
	for (int i = 0; i < N; i++) {
		bc_buf_reset(&b);
		assert_int_equal(bc_l10n_datetime(L, i % BC_LANG__COUNT,
						  T_2300 + (time_t)i * 60, &b),
				 BC_E_OK);
		bytes += b.len;
	}
	double t1 = now_ms();
	/* One alert: the same report time in every message. */
	for (int i = 0; i < N; i++) {
		bc_buf_reset(&b);
		assert_int_equal(bc_l10n_datetime(L, i % BC_LANG__COUNT,
						  T_2300, &b), BC_E_OK);
		bytes += b.len;
	}
	double t2 = now_ms();
	for (int i = 0; i < N; i++) {
		bc_buf_reset(&b);
		assert_int_equal(bc_l10n_number(L, i % BC_LANG__COUNT,
						i * 0.1, 1, &b), BC_E_OK);
		bytes += b.len;
	}
	double t3 = now_ms();
	printf("speed: %d datetimes (distinct) %.1f ms, %d datetimes (same "
	       "time) %.1f ms, %d numbers %.1f ms (%zu bytes)\n", N, t1 - t0,
	       N, t2 - t1, N, t3 - t2, bytes);
	bc_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_close),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_japan_time),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_time_range),
		cmocka_unit_test(test_datetime_cache),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_script_good),
		cmocka_unit_test(test_script_leaks),
		cmocka_unit_test(test_has_japanese),
		cmocka_unit_test(test_script_long),
		cmocka_unit_test(test_kana_basic),
		cmocka_unit_test(test_kana_oracle),
		cmocka_unit_test(test_capitalize),
		cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
