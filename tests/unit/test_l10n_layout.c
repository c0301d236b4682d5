/* test_l10n_layout.c — display widths and line wrapping for the signs.
 *
 * Widths are checked against glibc's wcwidth() in C.UTF-8, the table a
 * terminal on Debian (tmux, xterm) uses, for every code point of the
 * scripts bosaicast writes.  Wrapping is checked on headlines bosaicast
 * really publishes (Thai, Khmer, Burmese without spaces; Japanese and
 * Chinese double width) for what a reader would notice: no line wider
 * than the sign, no word or cluster cut, no line starting with a mark or
 * a closing bracket, nothing lost.  The expected word breaks were chosen
 * by reading the words, not by running the code. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "l10n.h"
#include "lang.h"

#define MAXL 256

static struct bc_l10n_line L[MAXL];

static size_t wrap_ok(enum bc_lang lang, const char *s, size_t width)
{
	size_t n = 0;
	enum bc_err e = bc_l10n_wrap(lang, s, strlen(s), width, L, MAXL, &n);
	assert_int_equal(e, BC_E_OK);
	return n;
}

static char *line_str(const char *s, size_t i)
{
	static char buf[4096];
	assert_true(L[i].len < sizeof buf);
	memcpy(buf, s + L[i].off, L[i].len);
	buf[L[i].len] = '\0';
	return buf;
}

/* Decode the first code point of s (valid UTF-8). */
static uint32_t first_cp(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	if (u[0] < 0xF0)
		return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
		       (u[2] & 0x3Fu);
	return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
	       ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

/* The last code point of s[0, n). */
static uint32_t last_cp(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 ? first_cp(s + i - 1) : 0;
}

/* Independent width: glibc's wcwidth, summed. */
static size_t glibc_width(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t cols = 0, i = 0;
	while (i < n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		assert_true(k != (size_t)-1 && k != (size_t)-2 && k != 0);
		int w = wcwidth(wc);
		cols += w > 0 ? (size_t)w : 0;
		i += k;
	}
	return cols;
}

/* The invariants every wrap must keep: no line wider than width (unless
 * it is one cluster), widths as glibc counts them, and the lines are the
 * text in order with only white space removed at the breaks. */
static void check_wrap(enum bc_lang lang, const char *s, size_t width,
		       size_t n)
{
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		const char *ln = s + L[i].off;
		assert_int_equal(L[i].cols, glibc_width(ln, L[i].len));
		if (L[i].cols > width && L[i].len > 4)
			fail_msg("line %zu \"%s\" is %zu wide (> %zu)", i,
				 line_str(s, i), L[i].cols, width);
		/* Skipped bytes between lines are white space only. */
		assert_true(L[i].off >= at);
		for (size_t k = at; k < L[i].off; k++)
			assert_non_null(strchr(" \t\n", s[k]));
		at = L[i].off + L[i].len;
		if (L[i].len) {
			assert_int_not_equal(ln[0], ' ');
			assert_int_not_equal(ln[L[i].len - 1], ' ');
		}
	}
	for (size_t k = at; s[k]; k++)
		assert_non_null(strchr(" \t\n", s[k]));
	(void)lang;
}

static void test_cp_width_matches_glibc(void **state)
{
	static const uint32_t ranges[][2] = {
		{ 0x20, 0x24F },     /* Latin, Vietnamese letters */
		{ 0x300, 0x36F },    /* combining diacritics */
		{ 0x400, 0x4FF },    /* Cyrillic (Mongolian) */
		{ 0x900, 0x97F },    /* Devanagari (Nepali) */
		{ 0xE00, 0xE7F },    /* Thai */
		{ 0x1000, 0x109F },  /* Myanmar */
		{ 0x1100, 0x11FF },  /* Hangul Jamo */
		{ 0x1780, 0x17FF },  /* Khmer */
		{ 0x1E00, 0x1EFF },  /* Latin extended additional (vi) */
		{ 0x2000, 0x206F },  /* punctuation, ZWSP, ZWJ */
		{ 0x3000, 0x30FF },  /* CJK punctuation, kana */
		{ 0x4E00, 0x9FFF },  /* CJK ideographs */
		{ 0xAC00, 0xD7A3 },  /* Hangul syllables */
		{ 0xFF00, 0xFFEF },  /* full- and half-width forms */
		{ 0x1F300, 0x1F64F },/* emoji */
	};
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	size_t checked = 0, bad = 0;
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			int g = wcwidth((wchar_t)cp);
			if (g < 0)
				continue; /* unassigned for glibc */
			checked++;
			int w = bc_l10n_cp_width(cp);
			if (w != g) {
				if (bad++ < 20)
					fprintf(stderr, "U+%04X: ours %d, "
						"glibc %d\n", cp, w, g);
			}
		}
	assert_true(checked > 30000);
	assert_int_equal(bad, 0);
	/* What the signs rely on, spelled out. */
	assert_int_equal(bc_l10n_cp_width(0x65E5), 2);  /* 日 */
	assert_int_equal(bc_l10n_cp_width(0x0E48), 0);  /* Thai mai ek */
	assert_int_equal(bc_l10n_cp_width(0x17D2), 0);  /* Khmer coeng */
	assert_int_equal(bc_l10n_cp_width(0x17C1), 1);  /* Khmer vowel e */
	assert_int_equal(bc_l10n_cp_width(0x1B), 0);    /* ESC */
}

static void test_width(void **state)
{
	size_t c = 99;
	assert_int_equal(bc_l10n_width("日本 abc", 10, &c), BC_E_OK);
	assert_int_equal(c, 8);
	/* ที่ = consonant + two marks: one column */
	assert_int_equal(bc_l10n_width("ที่", strlen("ที่"), &c), BC_E_OK);
	assert_int_equal(c, 1);
	/* ខ្មែរ: ខ, coeng+ម (subscript), ែ (spacing), រ */
	assert_int_equal(bc_l10n_width("ខ្មែរ", strlen("ខ្មែរ"), &c),
			 BC_E_OK);
	assert_int_equal(c, 4);
	assert_int_equal(bc_l10n_width("\xff", 1, &c), BC_E_ENCODING);
	assert_int_equal(c, 0);
	assert_int_equal(bc_l10n_width("", 0, &c), BC_E_OK);
	assert_int_equal(c, 0);
}

static void test_wrap_english(void **state)
{
	const char *s = "Wakkanai City: Level 4 Urgent Warning (Heavy Rain) "
			"issued, upgraded from Level 3 Warning (Heavy Rain)";
	size_t n = wrap_ok(BC_LANG_EN, s, 30);
	check_wrap(BC_LANG_EN, s, 30, n);
	assert_int_equal(n, 4);
	assert_string_equal(line_str(s, 0), "Wakkanai City: Level 4 Urgent");
	assert_string_equal(line_str(s, 1), "Warning (Heavy Rain) issued,");
	assert_string_equal(line_str(s, 2), "upgraded from Level 3 Warning");
	assert_string_equal(line_str(s, 3), "(Heavy Rain)");
	/* Wide enough: one line. */
	assert_int_equal(wrap_ok(BC_LANG_EN, s, 200), 1);
}

static void test_wrap_thai(void **state)
{
	/* "announce" + "warn/danger": a dictionary break, not a column
	 * cut ("ประกาศเต" would be 8 columns). */
	const char *w = "ประกาศเตือนภัย";
	size_t n = wrap_ok(BC_LANG_TH, w, 8);
	check_wrap(BC_LANG_TH, w, 8, n);
	assert_int_equal(n, 2);
	assert_string_equal(line_str(w, 0), "ประกาศ");
	assert_string_equal(line_str(w, 1), "เตือนภัย");

	const char *s = "เมืองวะคันไน: ประกาศเตือนภัยฉุกเฉินฝนตกหนักระดับ 4 "
			"ออกแล้ว (ยกระดับจากประกาศเตือนภัยฝนตกหนักระดับ 3)";
	for (size_t width = 10; width <= 40; width += 3) {
		n = wrap_ok(BC_LANG_TH, s, width);
		check_wrap(BC_LANG_TH, s, width, n);
		assert_true(n >= 2);
		for (size_t i = 0; i < n; i++) {
			uint32_t f = first_cp(s + L[i].off);
			uint32_t l = last_cp(s + L[i].off, L[i].len);
			/* no line starts with a vowel or tone mark */
			assert_false(f == 0x0E31 ||
				     (f >= 0x0E33 && f <= 0x0E3A) ||
				     (f >= 0x0E45 && f <= 0x0E4E));
			/* no line ends with a vowel written before its
			 * consonant (เ แ โ ใ ไ) */
			assert_false(l >= 0x0E40 && l <= 0x0E44);
		}
	}
}

static void test_wrap_khmer(void **state)
{
	/* rain / fall / strong: ភ្លៀង ធ្លាក់ ខ្លាំង, four columns each */
	const char *w = "ភ្លៀងធ្លាក់ខ្លាំង";
	size_t n = wrap_ok(BC_LANG_KM, w, 9);
	check_wrap(BC_LANG_KM, w, 9, n);
	assert_int_equal(n, 2);
	assert_string_equal(line_str(w, 0), "ភ្លៀងធ្លាក់");
	assert_string_equal(line_str(w, 1), "ខ្លាំង");

	const char *s = "ទីក្រុង វ៉ាកកាណៃ: ការប្រកាសអាសន្នគ្រោះថ្នាក់អំពី"
			"ភ្លៀងធ្លាក់ខ្លាំងកម្រិត 4 ត្រូវបានចេញផ្សាយ";
	for (size_t width = 8; width <= 40; width += 4) {
		n = wrap_ok(BC_LANG_KM, s, width);
		check_wrap(BC_LANG_KM, s, width, n);
		for (size_t i = 0; i < n; i++) {
			uint32_t f = first_cp(s + L[i].off);
			/* no line starts inside a cluster: a dependent
			 * vowel, sign or coeng */
			assert_false(f >= 0x17B6 && f <= 0x17D3);
			/* and none ends with a coeng */
			assert_int_not_equal(last_cp(s + L[i].off, L[i].len),
					     0x17D2);
		}
	}
}

static void test_wrap_burmese(void **state)
{
	const char *s = "ဝါကားနာယိ မြို့: အဆင့် ၄ မိုးသည်းထန်စွာရွာခြင်း "
			"အန္တရာယ်သတိပေးချက် ထုတ်ပြန်ပြီ";
	for (size_t width = 8; width <= 40; width += 4) {
		size_t n = wrap_ok(BC_LANG_MY, s, width);
		check_wrap(BC_LANG_MY, s, width, n);
		for (size_t i = 0; i < n; i++) {
			uint32_t f = first_cp(s + L[i].off);
			/* no line starts with a dependent vowel, a medial,
			 * asat or virama */
			assert_false(f >= 0x102B && f <= 0x103E);
			assert_int_not_equal(last_cp(s + L[i].off, L[i].len),
					     0x1039);
		}
	}
	/* A dictionary break inside a run that ends with a line break is
	 * not a forced break (ICU 72 reports it with the run's status):
	 * this fits on one line. */
	const char *t = "၂၃:၀၀ (ဂျပန်စံတော်ချိန်):\nအဆင့်";
	size_t n = wrap_ok(BC_LANG_MY, t, 40);
	assert_int_equal(n, 2);
	assert_string_equal(line_str(t, 0), "၂၃:၀၀ (ဂျပန်စံတော်ချိန်):");
	assert_string_equal(line_str(t, 1), "အဆင့်");
	/* The long run without spaces is broken inside, not cut blindly:
	 * at 12 columns it needs several lines, and each is a whole
	 * syllable sequence (checked above). */
	assert_true(wrap_ok(BC_LANG_MY, s, 12) >= 4);
}

static void test_wrap_cjk(void **state)
{
	const char *s = "稚内市：レベル４大雨危険警報を発表しました"
			"（レベル３大雨警報から切り替え）";
	for (size_t width = 6; width <= 40; width++) {
		size_t n = wrap_ok(BC_LANG_JA, s, width);
		check_wrap(BC_LANG_JA, s, width, n);
		for (size_t i = 0; i < n; i++) {
			uint32_t f = first_cp(s + L[i].off);
			uint32_t l = last_cp(s + L[i].off, L[i].len);
			/* kinsoku: no line starts with closing punctuation
			 * or a small kana / prolonged sound mark ... */
			assert_false(f == 0xFF09 || f == 0x3001 ||
				     f == 0x3002 || f == 0xFF1A ||
				     f == 0x30FC);
			/* ... and none ends with an opening bracket */
			assert_int_not_equal(l, 0xFF08);
		}
	}
	/* Ten ideographs fill twenty columns exactly. */
	const char *t = "一二三四五六七八九十百";
	size_t n = wrap_ok(BC_LANG_ZH_HANS, t, 20);
	assert_int_equal(n, 2);
	assert_int_equal(L[0].cols, 20);
	assert_string_equal(line_str(t, 0), "一二三四五六七八九十");
	/* Width 21: the 11th does not fit in the one column left. */
	n = wrap_ok(BC_LANG_ZH_HANS, t, 21);
	assert_int_equal(n, 2);
	/* A double-width character on a one-column sign: alone, not cut. */
	n = wrap_ok(BC_LANG_JA, "日本", 1);
	assert_int_equal(n, 2);
	assert_int_equal(L[0].cols, 2);
	assert_int_equal(L[1].cols, 2);
}

static void test_wrap_breaks_and_limits(void **state)
{
	const char *s = "first\n\nthird line here\n";
	size_t n = wrap_ok(BC_LANG_EN, s, 40);
	assert_int_equal(n, 3);
	assert_string_equal(line_str(s, 0), "first");
	assert_int_equal(L[1].len, 0);
	assert_string_equal(line_str(s, 2), "third line here");

	/* A word longer than the line is cut between clusters: e + U+0301
	 * stays together. */
	const char *acc = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
			  "e\xcc\x81";
	n = wrap_ok(BC_LANG_EN, acc, 2);
	assert_int_equal(n, 3);
	assert_int_equal(L[0].len, 6);
	assert_int_equal(L[0].cols, 2);
	assert_int_equal(L[2].len, 3);
	const char *lw = "abcdefghij klm";
	n = wrap_ok(BC_LANG_EN, lw, 4);
	assert_int_equal(n, 4);
	assert_string_equal(line_str(lw, 0), "abcd");
	assert_string_equal(line_str(lw, 1), "efgh");
	assert_string_equal(line_str(lw, 2), "ij");
	assert_string_equal(line_str(lw, 3), "klm");
	/* Spaces at the start of a wrapped line are dropped. */
	const char *sp = "aaa      bbb";
	n = wrap_ok(BC_LANG_EN, sp, 5);
	assert_int_equal(n, 2);
	assert_string_equal(line_str(sp, 1), "bbb");

	/* Cut after max_lines: TOOBIG, lines still good. */
	size_t got = 0;
	const char *en = "one two three four five six seven";
	assert_int_equal(bc_l10n_wrap(BC_LANG_EN, en, strlen(en), 5, L, 2,
				      &got), BC_E_TOOBIG);
	assert_int_equal(got, 2);
	assert_string_equal(line_str(en, 0), "one");
	assert_string_equal(line_str(en, 1), "two");
	/* Bad input. */
	assert_int_equal(bc_l10n_wrap(BC_LANG_EN, "a\xffz", 3, 5, L, MAXL,
				      &got), BC_E_ENCODING);
	assert_int_equal(bc_l10n_wrap(BC_LANG_EN, "abc", 3, 0, L, MAXL, &got),
			 BC_E_INVAL);
	assert_int_equal(bc_l10n_wrap(BC_LANG_EN, "", 0, 5, L, MAXL, &got),
			 BC_E_OK);
	assert_int_equal(got, 0);
	/* Every language opens its break iterator. */
	for (int lang = 0; lang < BC_LANG__COUNT; lang++) {
		assert_int_equal(bc_l10n_wrap((enum bc_lang)lang, en,
					      strlen(en), 12, L, MAXL, &got),
				 BC_E_OK);
		/* "one two" "three four" "five six" "seven" */
		assert_int_equal(got, 4);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cp_width_matches_glibc),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap_english),
		cmocka_unit_test(test_wrap_thai),
		cmocka_unit_test(test_wrap_khmer),
		cmocka_unit_test(test_wrap_burmese),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_wrap_breaks_and_limits),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	bc_l10n_cleanup();
	return rc;
}
