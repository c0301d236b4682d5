/* test_dict.c — the dictionary linter (every check fires on a small broken
 * dictionary written to a temp directory, and stays quiet on a clean one),
 * the .xlsx reader (tests/data/xlsx/, built by make_fixtures.py) and the
 * import of JMA's official dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dict.h"
#include "lang.h"
#include "xlsx.h"

static const char *src_dir(void)
{
	const char *d = getenv("BC_SOURCE_DIR");
	return d ? d : ".";
}

/* ---- temp trees ------------------------------------------------------- */

static int rm_one(const char *p, const struct stat *st, int flag,
		  struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

static void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *mk_root(void)
{
	const char *base = getenv("BC_BINARY_DIR");
	char *root = malloc(1024);
	assert_non_null(root);
	snprintf(root, 1024, "%s/test_dict.XXXXXX", base ? base : "/tmp");
	assert_non_null(mkdtemp(root));
	char p[1100];
	snprintf(p, sizeof p, "%s/dictionaries", root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/templates", root);
	assert_int_equal(mkdir(p, 0755), 0);
	return root;
}

static void put(const char *root, const char *rel, const char *text)
{
	char p[1200];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct bc_buf b;
	bc_buf_init(&b, 64u << 20);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(bc_buf_add(&b, chunk, n), BC_E_OK);
	fclose(f);
	size_t len;
	return bc_buf_steal(&b, &len);
}

/* ---- a small clean dictionary, then one defect at a time -------------- */

/* The official 大雨 row, one word per language (and a clean template). */
static const char *const good_word[BC_LANG__COUNT] = {
	"大雨", "大雨（おおあめ）", "Heavy rain", "大雨", "大雨", "폭우",
	"Lluvia torrencial", "Chuva forte", "hujan deras", "Mưa to",
	"Malakas na ulan", "ฝนตกหนัก", "ठूलो वर्षा", "ភ្លៀងធ្លាក់ខ្លាំង",
	"မိုးသည်းထန်စွာရွာခြင်း", "Аадар бороо",
};

static const char header[] =
	"key\tinfo_type\tcode_table\tcode\tja\tja-x-easy\ten\tzh-Hans\t"
	"zh-Hant\tko\tes\tpt\tid\tvi\ttl\tth\tne\tkm\tmy\tmn\tprovenance\t"
	"note\n";

/* One row: cells from w[] (NULL entries from good_word). */
static void row(struct bc_buf *b, const char *key, const char *table,
		const char *const *w, const char *note)
{
	bc_buf_printf(b, "%s\t\t%s\t", key, table);
	for (int l = 0; l < BC_LANG__COUNT; l++)
		bc_buf_printf(b, "\t%s", w && w[l] ? w[l] : good_word[l]);
	bc_buf_printf(b, "\t*=authored\t%s\n", note ? note : "");
}

/* Templates: key "t" = "{a}" in every language, except where tmpl[l]
 * says otherwise (a "" entry leaves the key out of that language). */
static void templates(const char *root, const char *const *tmpl)
{
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		char rel[64], text[512];
		snprintf(rel, sizeof rel, "templates/%s.tsv",
			 bc_lang_tag((enum bc_lang)l));
		const char *t = tmpl && tmpl[l] ? tmpl[l] : "{a}";
		snprintf(text, sizeof text, "# test\n%s%s%s", *t ? "t\t" : "",
			 t, *t ? "\n" : "");
		put(root, rel, text);
	}
}

struct lint {
	char *root;
	size_t problems;
	char *report;
	enum bc_err load;
	char why[1024];
};

/* Write dictionaries/a.tsv = header + rows, the templates, load, check. */
static void run(struct lint *t, const char *rows, const char *const *tmpl)
{
	t->root = mk_root();
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	bc_buf_adds(&b, "# test dictionary\n");
	bc_buf_adds(&b, header);
	bc_buf_adds(&b, rows);
	put(t->root, "dictionaries/a.tsv", b.data);
	bc_buf_free(&b);
	templates(t->root, tmpl);
	struct bc_dict *d = NULL;
	t->why[0] = '\0';
	t->load = bc_dict_load(t->root, &d, t->why, sizeof t->why);
	t->problems = 0;
	t->report = NULL;
	if (!t->load) {
		struct bc_buf rep;
		bc_buf_init(&rep, 1u << 20);
		t->problems = bc_dict_check(d, &rep);
		size_t len;
		t->report = bc_buf_steal(&rep, &len);
		bc_dict_free(d);
	}
}

static void done(struct lint *t)
{
	rm_rf(t->root);
	free(t->root);
	free(t->report);
}

/* The report holds a line with file:line and every needle. */
static void expect(const struct lint *t, int line, const char *needle,
		   const char *needle2)
{
	assert_int_equal(t->load, BC_E_OK);
	char where[64];
	snprintf(where, sizeof where, "a.tsv:%d: ", line);
	bool found = false;
	for (const char *p = t->report; p && *p && !found;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char buf[2048];
		snprintf(buf, sizeof buf, "%.*s", (int)n, p);
		found = strstr(buf, where) && strstr(buf, needle) &&
			(!needle2 || strstr(buf, needle2));
		p = nl ? nl + 1 : p + n;
	}
	if (!found)
		fail_msg("no line with '%s' '%s' '%s' in:\n%s", where, needle,
			 needle2 ? needle2 : "", t->report);
	assert_true(t->problems >= 1);
}

static void lint_one(int line_unused, const char *key, int lang,
		     const char *cell, const char *needle,
		     const char *needle2)
{
	(void)line_unused;
	const char *w[BC_LANG__COUNT] = { 0 };
	w[lang] = cell;
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	row(&b, key, "", w, NULL);
	struct lint t;
	run(&t, b.data, NULL);
	bc_buf_free(&b);
	expect(&t, 3, needle, needle2);
	done(&t);
}

static void test_clean(void **state)
{
	(void)state;
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.ok", "", NULL, NULL);
	struct lint t;
	run(&t, b.data, NULL);
	assert_int_equal(t.load, BC_E_OK);
	if (t.problems)
		fail_msg("clean fixture: %s", t.report);
	done(&t);
	bc_buf_free(&b);
}

static void test_missing_language(void **state)
{
	(void)state;
	lint_one(3, "x.a", BC_LANG_KO, "", "x.a: missing ko", NULL);
	/* a template key missing in one language */
	const char *tm[BC_LANG__COUNT] = { 0 };
	tm[BC_LANG_TH] = "";
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.ok", "", NULL, NULL);
	struct lint t;
	run(&t, b.data, tm);
	bc_buf_free(&b);
	assert_non_null(strstr(t.report, "template 't' missing in th"));
	assert_non_null(strstr(t.report, "templates/en.tsv:2:"));
	done(&t);
	/* a whole template file missing fails the load, naming it */
	t.root = mk_root();
	put(t.root, "dictionaries/a.tsv", header);
	templates(t.root, NULL);
	char p[1200];
	snprintf(p, sizeof p, "%s/templates/km.tsv", t.root);
	assert_int_equal(unlink(p), 0);
	struct bc_dict *d = NULL;
	assert_int_not_equal(bc_dict_load(t.root, &d, t.why, sizeof t.why),
			     BC_E_OK);
	assert_null(d);
	assert_non_null(strstr(t.why, "km.tsv"));
	t.report = NULL;
	done(&t);
}

static void test_placeholders(void **state)
{
	(void)state;
	const char *w[BC_LANG__COUNT] = { 0 };
	w[BC_LANG_JA] = "{place}の大雨";
	for (int l = 1; l < BC_LANG__COUNT; l++)
		w[l] = l == BC_LANG_VI ? "Mưa to" : "{place}";
	w[BC_LANG_TH] = "{place}ฝนตกหนัก";
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.p", "", w, NULL);
	struct lint t;
	run(&t, b.data, NULL);
	bc_buf_free(&b);
	expect(&t, 3, "x.p [vi]: placeholders {} differ from ja {place}",
	       NULL);
	assert_int_equal(t.problems, 1); /* "{place}ฝนตกหนัก" is fine */
	done(&t);
	/* template placeholders differ from English */
	const char *tm[BC_LANG__COUNT] = { 0 };
	tm[BC_LANG_MY] = "{b}";
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.ok", "", NULL, NULL);
	run(&t, b.data, tm);
	bc_buf_free(&b);
	assert_non_null(strstr(t.report, "templates/my.tsv:2: template 't': "
				     "placeholders {b} differ from en {a}"));
	done(&t);
	/* a brace that would make the renderer fail */
	lint_one(3, "x.b", BC_LANG_EN, "Heavy {rain", "x.b [en]",
		 "does not open {name}");
	lint_one(3, "x.c", BC_LANG_EN, "Heavy rain}", "x.c [en]",
		 "closes nothing");
}

static void test_script(void **state)
{
	(void)state;
	/* a Khmer letter in Thai */
	lint_one(3, "x.s", BC_LANG_TH, "ฝนตก\xe1\x9e\x80", "x.s [th]",
		 "not in the language's script (Thai)");
	/* Japanese left in English */
	lint_one(3, "x.j", BC_LANG_EN, "Heavy 大雨", "x.j [en]",
		 "Japanese script");
	/* Mongolian with a Latin "A" homoglyph (as in JMA's place data) */
	lint_one(3, "x.h", BC_LANG_MN, "Aадар бороо", "x.h [mn]",
		 "word 'Aадар' mixes Latn and Cyrl");
	/* Latin glued to Thai, Devanagari, Khmer, Burmese */
	lint_one(3, "x.t", BC_LANG_TH, "ฝนตกหนักrain", "x.t [th]",
		 "mixes Thai and Latn");
	lint_one(3, "x.n", BC_LANG_NE, "ठूलोx वर्षा", "x.n [ne]",
		 "mixes Deva and Latn");
	lint_one(3, "x.k", BC_LANG_KM, "ភ្លៀងa", "x.k [km]", "mixes Khmr");
	lint_one(3, "x.m", BC_LANG_MY, "မိုးa", "x.m [my]", "mixes Mymr");
	/* an untranslated English word in a Thai text */
	lint_one(3, "x.u", BC_LANG_TH, "ฝนตกหนัก heavy", "x.u [th]",
		 "Latin word 'heavy'");
}

static void test_nfc_and_whitespace(void **state)
{
	(void)state;
	/* "Mưa" with U+0301-style decomposition: ư + combining */
	lint_one(3, "x.f", BC_LANG_VI, "Mu\xcc\x9b\x61 to", "x.f [vi]",
		 "not NFC");
	lint_one(3, "x.l", BC_LANG_EN, " Heavy rain", "x.l [en]",
		 "leading whitespace");
	lint_one(3, "x.r", BC_LANG_EN, "Heavy rain ", "x.r [en]",
		 "trailing whitespace");
	lint_one(3, "x.d", BC_LANG_EN, "Heavy  rain", "x.d [en]",
		 "doubled whitespace");
	lint_one(3, "x.e", BC_LANG_JA_EASY, "大雨（おおあめ）\xe3\x80\x80"
		 "\xe3\x80\x80です", "x.e [ja-x-easy]", "doubled whitespace");
	lint_one(3, "x.z", BC_LANG_EN, "Heavy\xe2\x80\x8brain", "x.z [en]",
		 "invisible character (U+200B)");
	lint_one(3, "x.n", BC_LANG_EN, "Heavy\xc2\xa0 rain", "x.n [en]",
		 "doubled whitespace");
}

static void test_duplicates(void **state)
{
	(void)state;
	struct lint t;
	struct bc_buf b;
	/* a duplicate key fails the load with file:line */
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.a", "", NULL, NULL);
	row(&b, "x.a", "", NULL, NULL);
	run(&t, b.data, NULL);
	bc_buf_free(&b);
	assert_int_equal(t.load, BC_E_DICT);
	assert_non_null(strstr(t.why, "a.tsv:4: duplicate key 'x.a'"));
	done(&t);
	/* a template key twice in one language */
	const char *tm[BC_LANG__COUNT] = { 0 };
	tm[BC_LANG_ES] = "{a}\nt\t{a}";
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.ok", "", NULL, NULL);
	run(&t, b.data, tm);
	bc_buf_free(&b);
	assert_int_equal(t.load, BC_E_DICT);
	assert_non_null(strstr(t.why, "es.tsv:3: template 't' is already"));
	done(&t);
	/* the same Japanese term translated two ways */
	const char *w[BC_LANG__COUNT] = { 0 };
	w[BC_LANG_ID] = "hujan lebat";
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.a", "", NULL, NULL);
	row(&b, "x.b", "", w, NULL);
	run(&t, b.data, NULL);
	bc_buf_free(&b);
	expect(&t, 4, "Japanese term '大雨' is translated differently [id]",
	       "x.a");
	done(&t);
	/* ...which is fine when every language agrees */
	bc_buf_init(&b, 1u << 20);
	row(&b, "x.a", "", NULL, NULL);
	row(&b, "x.b", "", NULL, NULL);
	run(&t, b.data, NULL);
	bc_buf_free(&b);
	assert_int_equal(t.problems, 0);
	done(&t);
}

/* Glossary 大雨, 警報, 特別警報 and a row 大雨特別警報 built from them. */
static void glossary_case(const char *const *w, const char *note,
			  struct lint *t)
{
	static const char *const warn[BC_LANG__COUNT] = {
		"警報", "けいほう", "Warning", "警报", "警報", "경보",
		"Alerta", "Alerta", "Peringatan", "Cảnh báo", "Babala",
		"ประกาศเตือนภัย", "चेतावनी", "ការប្រកាសអាសន្ន", "သတိပေးချက်",
		"сэрэмжлүүлэг",
	};
	static const char *const special[BC_LANG__COUNT] = {
		"特別警報", "とくべつけいほう", "Emergency Warning", "特别警报",
		"特別警報", "특별 경보", "Alerta especial", "Alerta especial",
		"Peringatan Khusus", "Cảnh báo đặc biệt", "Malubhang babala",
		"ประกาศเตือนภัยพิเศษ", "विशेष चेतावनी",
		"ការប្រកាសអាសន្នពិសេស", "အရေးပေါ်သတိပေးချက်",
		"тусгай сэрэмжлүүлэг",
	};
	struct bc_buf b;
	bc_buf_init(&b, 1u << 20);
	row(&b, "g.rain", BC_DICT_GLOSSARY_TABLE, NULL, NULL);
	row(&b, "g.warn", BC_DICT_GLOSSARY_TABLE, warn, NULL);
	row(&b, "g.special", BC_DICT_GLOSSARY_TABLE, special, NULL);
	row(&b, "x.ew", "", w, note);
	run(t, b.data, NULL);
	bc_buf_free(&b);
}

static void test_glossary(void **state)
{
	(void)state;
	/* Every language uses its glossary words (with case changes and a
	 * Mongolian genitive suffix): clean.  The 警報 inside 特別警報 is
	 * 特別警報's, so tl need not repeat "Babala" (it does anyway). */
	const char *ok[BC_LANG__COUNT] = {
		"大雨特別警報", "大雨（おおあめ）の　とくべつけいほう",
		"HEAVY RAIN EMERGENCY WARNING", "大雨特别警报", "大雨特別警報",
		"폭우 특별 경보", "Alerta especial de lluvia torrencial",
		"Alerta especial de chuva forte",
		"Peringatan Khusus Hujan Deras", "Cảnh báo đặc biệt mưa to",
		"Malubhang babala ng malakas na ulan",
		"ประกาศเตือนภัยพิเศษฝนตกหนัก", "ठूलो वर्षा विशेष चेतावनी",
		"ការប្រកាសអាសន្នពិសេសអំពីភ្លៀងធ្លាក់ខ្លាំង",
		"မိုးသည်းထန်စွာရွာခြင်း အရေးပေါ်သတိပေးချက်",
		"аадар борооны тусгай сэрэмжлүүлэг",
	};
	struct lint t;
	glossary_case(ok, NULL, &t);
	assert_int_equal(t.load, BC_E_OK);
	if (t.problems)
		fail_msg("%s", t.report);
	done(&t);

	/* English drops the glossary word for 大雨 */
	const char *bad[BC_LANG__COUNT];
	memcpy(bad, ok, sizeof bad);
	bad[BC_LANG_EN] = "Rainstorm Emergency Warning";
	glossary_case(bad, NULL, &t);
	expect(&t, 6, "x.ew [en]: ja uses glossary term '大雨' (g.rain",
	       "'Heavy rain'");
	assert_int_equal(t.problems, 1);
	done(&t);

	/* ...unless the note exempts it, with a reason */
	glossary_case(bad, "[exempt 大雨 en: test reason]", &t);
	assert_int_equal(t.problems, 0);
	done(&t);
	glossary_case(bad, "[exempt 大雨 *: test reason]", &t);
	/* "*" also exempts languages that do use the word: stale there */
	expect(&t, 6, "x.ew [vi]: exemption for '大雨' is not needed", NULL);
	done(&t);
	/* an exemption without a reason is malformed */
	glossary_case(bad, "[exempt 大雨 en]", &t);
	expect(&t, 6, "x.ew: malformed exemption", NULL);
	done(&t);
	/* an exemption for a term the row does not use */
	glossary_case(ok, "[exempt 洪水 en: test]", &t);
	expect(&t, 6, "exemption for '洪水', which is not a glossary term",
	       NULL);
	done(&t);
	/* a stale exemption */
	glossary_case(ok, "[exempt 大雨 en: test]", &t);
	expect(&t, 6, "x.ew [en]: exemption for '大雨' is not needed", NULL);
	done(&t);
	/* 特別警報 named with the plain 警報 word only */
	memcpy(bad, ok, sizeof bad);
	bad[BC_LANG_VI] = "Cảnh báo mưa to";
	glossary_case(bad, NULL, &t);
	expect(&t, 6, "x.ew [vi]: ja uses glossary term '特別警報'", NULL);
	assert_int_equal(t.problems, 1); /* not also 警報: it is inside */
	done(&t);
}

/* ---- the xlsx reader ------------------------------------------------------ */

static enum bc_err open_fixture(const char *name,
				const struct bc_xlsx_limits *lim,
				struct bc_xlsx **x, char *why, size_t n)
{
	char p[1024];
	struct bc_xlsx_limits d;
	bc_xlsx_default_limits(&d);
	snprintf(p, sizeof p, "%s/tests/data/xlsx/%s", src_dir(), name);
	return bc_xlsx_open(p, lim ? lim : &d, x, why, n);
}

static void test_xlsx_good(void **state)
{
	(void)state;
	struct bc_xlsx *x = NULL;
	char why[512];
	assert_int_equal(open_fixture("jma_small.xlsx", NULL, &x, why,
				      sizeof why), BC_E_OK);
	assert_int_equal(bc_xlsx_sheets(x), 1);
	assert_string_equal(bc_xlsx_sheet_name(x, 0), "多言語辞書");
	assert_int_equal(bc_xlsx_rows(x, 0), 9);
	assert_string_equal(bc_xlsx_cell(x, 0, 2, 1), "No.");
	assert_string_equal(bc_xlsx_cell(x, 0, 2, 18), "モンゴル語");
	assert_string_equal(bc_xlsx_cell(x, 0, 2, 22), "更新履歴");
	assert_string_equal(bc_xlsx_cell(x, 0, 3, 4), "レベル３高潮警報");
	assert_string_equal(bc_xlsx_cell(x, 0, 3, 21), "8");   /* number */
	/* rich text: the runs, not the phonetic reading たいふう */
	assert_string_equal(bc_xlsx_cell(x, 0, 5, 4), "台風情報");
	assert_string_equal(bc_xlsx_cell(x, 0, 6, 1), "4");   /* inline */
	assert_string_equal(bc_xlsx_cell(x, 0, 6, 21), "14");
	assert_string_equal(bc_xlsx_cell(x, 0, 3, 99), "");
	assert_string_equal(bc_xlsx_cell(x, 0, 999, 1), "");
	bc_xlsx_free(x);
	bc_xlsx_free(NULL);
}

static void test_xlsx_bad(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		enum bc_err e;
		const char *why;
	} cases[] = {
		{ "not_a_zip.xlsx", BC_E_PARSE, "not a ZIP archive" },
		{ "bomb.xlsx", BC_E_TOOBIG,
		  "xl/worksheets/sheet1.xml: 68158253 bytes uncompressed" },
		{ "missing_part.xlsx", BC_E_NOTFOUND,
		  "xl/worksheets/sheet1.xml: missing part" },
		{ "malformed.xlsx", BC_E_PARSE, "xl/worksheets/sheet1.xml: "
						"line 1:" },
		{ "dtd.xlsx", BC_E_PARSE, "xl/sharedStrings.xml: DTD not "
					  "allowed" },
		{ "no_such_file.xlsx", BC_E_IO, "No such file" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bc_xlsx *x = (struct bc_xlsx *)1;
		char why[512] = "";
		enum bc_err e = open_fixture(cases[i].file, NULL, &x, why,
					     sizeof why);
		if (e != cases[i].e || !strstr(why, cases[i].why))
			fail_msg("%s: %s (%s)", cases[i].file, why,
				 bc_errname(e));
		assert_null(x);
		assert_null(strchr(why, '\n'));
	}
	/* Every limit bites: entries, cells, a cell's size, the file. */
	struct bc_xlsx_limits lim;
	struct bc_xlsx *x = NULL;
	char why[512];
	bc_xlsx_default_limits(&lim);
	lim.max_entries = 3;
	assert_int_equal(open_fixture("jma_small.xlsx", &lim, &x, why,
				      sizeof why), BC_E_TOOBIG);
	assert_non_null(strstr(why, "entries in the archive"));
	bc_xlsx_default_limits(&lim);
	lim.max_cells = 20;
	assert_int_equal(open_fixture("jma_small.xlsx", &lim, &x, why,
				      sizeof why), BC_E_TOOBIG);
	bc_xlsx_default_limits(&lim);
	lim.max_cell_bytes = 16;
	assert_int_equal(open_fixture("jma_small.xlsx", &lim, &x, why,
				      sizeof why), BC_E_TOOBIG);
	assert_non_null(strstr(why, "longer than 16 bytes"));
	bc_xlsx_default_limits(&lim);
	lim.max_file = 1000;
	assert_int_equal(open_fixture("jma_small.xlsx", &lim, &x, why,
				      sizeof why), BC_E_TOOBIG);
	bc_xlsx_default_limits(&lim);
	lim.max_total = 4000;
	assert_int_equal(open_fixture("jma_small.xlsx", &lim, &x, why,
				      sizeof why), BC_E_TOOBIG);
	assert_null(x);
}

/* ---- import ---------------------------------------------------------------- */

/* The data row of key in a TSV text (without the newline), or NULL. */
static char *row_of(const char *text, const char *key)
{
	char k[128];
	snprintf(k, sizeof k, "\n%s\t", key);
	const char *p = strstr(text, k);
	if (!p)
		return NULL;
	p++;
	const char *nl = strchr(p, '\n');
	return strndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

static void import_fixture(const char *data_dir, const char *out,
			   const char *file, enum bc_err want,
			   struct bc_dict_import_stats *st, char *why,
			   size_t n)
{
	char p[1024];
	snprintf(p, sizeof p, "%s/tests/data/xlsx/%s", src_dir(), file);
	struct bc_dict_import_opts o = {
		.data_dir = data_dir, .xlsx_path = p, .out_dir = out,
		.date = "2026-11-26",
	};
	struct bc_buf rep;
	bc_buf_init(&rep, 1u << 20);
	enum bc_err e = bc_dict_import(&o, st, &rep, why, n);
	if (e != want)
		fail_msg("%s: %s %s", file, bc_errname(e), why);
	bc_buf_free(&rep);
}

/* The repository's dictionaries, imported into --out: what changed. */
static void test_import_out(void **state)
{
	(void)state;
	char *root = mk_root();
	char out[1100], why[1024], p[1200];
	snprintf(out, sizeof out, "%s/dictionaries", root);
	struct bc_dict_import_stats st;
	import_fixture(src_dir(), out, "jma_small.xlsx", BC_E_OK, &st, why,
		       sizeof why);
	assert_int_equal(st.official_rows, 5);
	assert_int_equal(st.matched, 4);
	assert_int_equal(st.unmatched, 1);
	/* vi of 雷注意報; en of comment 0215, joined on its code, and of
	 * 0203, the same Japanese text under another code */
	assert_int_equal(st.replaced, 3);
	/* my of 雷注意報: JMA's Burmese is its warning word, and the row's
	 * note says [override my: ...] */
	assert_int_equal(st.overridden, 1);

	snprintf(p, sizeof p, "%s/weather_warning.tsv", out);
	char *ww = slurp(p);
	assert_non_null(ww);
	char *r = row_of(ww, "WeatherWarning.14");
	assert_non_null(r);
	assert_non_null(strstr(r, "\tThông tin lưu ý giông sét\t"));
	/* es came with stray spaces, a line break and a decomposed é:
	 * cleaned, equal to the shipped text, so only confirmed. */
	assert_non_null(strstr(r, "\tAdvertencia de tormentas eléctricas\t"));
	/* every imported language official; ja-x-easy keeps its status */
	assert_non_null(strstr(r, "\t*=jma-official ja-x-easy="));
	assert_null(strstr(r, "ja-x-easy=jma-official"));
	assert_non_null(strstr(r, "JMA import (jma_small.xlsx, 2026-11-26, "
				  "No. 4): replaced vi, confirmed"));
	free(r);
	free(ww);

	/* joined on the code alone: ja (the XML join key) stays */
	snprintf(p, sizeof p, "%s/earthquake.tsv", out);
	char *eq = slurp(p);
	r = row_of(eq, "AdditionalCommentEarthquake.0215");
	assert_non_null(r);
	assert_non_null(strstr(r, "\tこの地震による津波の心配はありません。\t"));
	assert_non_null(strstr(r, "\tThis earthquake poses no tsunami "
				  "risk.\t"));
	assert_non_null(strstr(r, "en=jma-official"));
	free(r);
	r = row_of(eq, "AdditionalCommentEarthquake.0203");
	assert_non_null(r);
	assert_non_null(strstr(r, "\tThis earthquake poses no tsunami "
				  "risk.\t"));
	free(r);
	free(eq);

	/* untouched files are copied byte for byte */
	snprintf(p, sizeof p, "%s/phrases.tsv", out);
	char *a = slurp(p);
	snprintf(p, sizeof p, "%s/dictionaries/phrases.tsv", src_dir());
	char *b = slurp(p);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(a);
	free(b);

	/* the official row with no counterpart is kept, not lost */
	snprintf(p, sizeof p, "%s/%s", out, BC_DICT_STAGING_FILE);
	char *s = slurp(p);
	assert_non_null(s);
	r = row_of(s, "jma.3");
	assert_non_null(r);
	assert_non_null(strstr(r, "\t台風情報\t\tTropical Cyclone Information"
				  "\t"));
	assert_null(strstr(r, "たいふう"));
	free(r);
	free(s);

	/* the result loads (the staging file is not loaded) and lints */
	char tdir[1200];
	snprintf(tdir, sizeof tdir, "%s/templates", root);
	rmdir(tdir);
	snprintf(p, sizeof p, "%s/templates", src_dir());
	assert_int_equal(symlink(p, tdir), 0);
	struct bc_dict *d = NULL;
	assert_int_equal(bc_dict_load(root, &d, why, sizeof why), BC_E_OK);
	struct bc_term t = { 0 };
	snprintf(t.ja, sizeof t.ja, "雷注意報");
	assert_string_equal(bc_dict_term(d, &t, BC_LANG_VI),
			    "Thông tin lưu ý giông sét");
	snprintf(t.ja, sizeof t.ja, "台風情報");
	assert_null(bc_dict_term(d, &t, BC_LANG_EN));
	struct bc_buf rep;
	bc_buf_init(&rep, 1u << 20);
	size_t problems = bc_dict_check(d, &rep);
	if (problems)
		fail_msg("%s", rep.data);
	bc_buf_free(&rep);
	bc_dict_free(d);
	rm_rf(root);
	free(root);
}

/* In place: only the changed files are rewritten; a bad workbook writes
 * nothing. */
static void test_import_in_place(void **state)
{
	(void)state;
	char *root = mk_root();
	char p[1200], q[1200], why[1024];
	static const char *const files[] = {
		"earthquake.tsv", "glossary.tsv", "phrases.tsv",
		"weather_warning.tsv",
	};
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/dictionaries/%s", src_dir(),
			 files[i]);
		char *t = slurp(p);
		assert_non_null(t);
		snprintf(q, sizeof q, "dictionaries/%s", files[i]);
		put(root, q, t);
		free(t);
	}
	struct bc_dict_import_stats st;
	static const char *const bad[] = {
		"not_a_zip.xlsx", "bomb.xlsx", "missing_part.xlsx",
		"malformed.xlsx", "dtd.xlsx", "wrong_header.xlsx",
	};
	for (size_t i = 0; i < 6; i++) {
		enum bc_err want = i == 1 ? BC_E_TOOBIG :
				   i == 2 ? BC_E_NOTFOUND : BC_E_PARSE;
		import_fixture(root, NULL, bad[i], want, &st, why, sizeof why);
	}
	assert_non_null(strstr(why, "wrong header"));
	assert_non_null(strstr(why, "コード"));
	assert_non_null(strstr(why, "モンゴル語"));
	snprintf(p, sizeof p, "%s/dictionaries/%s", root,
		 BC_DICT_STAGING_FILE);
	assert_int_equal(access(p, F_OK), -1);

	struct stat before, after;
	snprintf(p, sizeof p, "%s/dictionaries/phrases.tsv", root);
	assert_int_equal(stat(p, &before), 0);
	import_fixture(root, NULL, "jma_small.xlsx", BC_E_OK, &st, why,
		       sizeof why);
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino); /* not rewritten */
	snprintf(p, sizeof p, "%s/dictionaries/weather_warning.tsv", root);
	char *ww = slurp(p);
	assert_non_null(strstr(ww, "Thông tin lưu ý giông sét"));
	free(ww);
	snprintf(p, sizeof p, "%s/dictionaries/%s", root,
		 BC_DICT_STAGING_FILE);
	assert_int_equal(access(p, F_OK), 0);
	/* importing again changes nothing more */
	import_fixture(root, NULL, "jma_small.xlsx", BC_E_OK, &st, why,
		       sizeof why);
	assert_int_equal(st.replaced, 0);
	assert_int_equal(st.confirmed, 0);
	rm_rf(root);
	free(root);
}

static void test_cli(void **state)
{
	(void)state;
	char *args[] = { "import" };
	assert_int_equal(bc_dict_cli(src_dir(), args, 1), 2);
	char *args2[] = { "frobnicate" };
	assert_int_equal(bc_dict_cli(src_dir(), args2, 1), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_missing_language),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_nfc_and_whitespace),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_glossary),
		cmocka_unit_test(test_xlsx_good),
		cmocka_unit_test(test_xlsx_bad),
		cmocka_unit_test(test_import_out),
		cmocka_unit_test(test_import_in_place),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
