/* test_jsonread.c — the strict JSON reader the subscribers use on what the
 * broker hands them: real payloads (the golden files, written by Python's
 * json module, not by bosaicast), escapes, every refusal, every limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "json.h"
#include "jsonread.h"

static char *slurp(const char *rel, size_t *len)
{
	const char *root = getenv("BC_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

static struct bc_jr_doc *parse_ok(const char *s)
{
	struct bc_jr_doc *d = NULL;
	char why[128];
	enum bc_err e = bc_jr_parse(s, strlen(s), NULL, &d, why, sizeof why);
	if (e)
		fprintf(stderr, "unexpected refusal of %s: %s\n", s, why);
	assert_int_equal(e, BC_E_OK);
	assert_non_null(d);
	return d;
}

/* A golden file: the payloads bosaicast renders for a VPWW55 document,
 * pretty-printed by Python.  The values checked were read off the file. */
static void test_golden_payload(void **state)
{
	size_t len;
	char *text = slurp("tests/golden/warning-new-vpww55-soya.json", &len);
	struct bc_jr_doc *d = NULL;
	char why[128];
	assert_int_equal(bc_jr_parse(text, len, NULL, &d, why, sizeof why),
			 BC_E_OK);
	const struct bc_jr *root = bc_jr_root(d);
	assert_int_equal(bc_jr_type(root), BC_JR_ARR);
	assert_true(bc_jr_len(root) >= 16);

	const struct bc_jr *first = bc_jr_first(root);
	assert_string_equal(bc_jr_get_str(first, "topic"),
			    "bosai/v1/alerts/ja/warning");
	const struct bc_jr *p = bc_jr_get(first, "payload");
	long long v = 0;
	assert_true(bc_jr_int(bc_jr_get(p, "v"), &v));
	assert_int_equal(v, 1);
	assert_string_equal(bc_jr_get_str(p, "id"), "3e98fde5efd232ce");
	assert_string_equal(bc_jr_get_str(bc_jr_get(p, "jma"), "type"),
			    "VPWW55");
	assert_true(bc_jr_int(bc_jr_get(p, "level"), &v));
	assert_int_equal(v, 4);
	assert_int_equal(bc_jr_type(bc_jr_get(p, "expires")), BC_JR_NULL);
	assert_int_equal(bc_jr_type(bc_jr_get(bc_jr_get(p, "jma"), "url")),
			 BC_JR_NULL);
	const struct bc_jr *areas = bc_jr_get(p, "areas");
	assert_int_equal(bc_jr_len(areas), 10);
	assert_string_equal(bc_jr_get_str(bc_jr_first(areas), "name"),
			    "稚内市");
	/* The body holds real newlines, written as \n by Python. */
	const char *body = bc_jr_get_str(p, "body");
	assert_non_null(body);
	assert_non_null(strchr(body, '\n'));
	assert_non_null(strstr(body, "稚内市："));

	/* Member order is document order, keys are reachable. */
	const struct bc_jr *m = bc_jr_first(p);
	assert_string_equal(bc_jr_key(m), "v");
	m = bc_jr_next(m);
	assert_string_equal(bc_jr_key(m), "id");
	assert_null(bc_jr_key(bc_jr_first(areas)));

	/* Every element is a {topic, payload} with a 16-hex id. */
	size_t n = 0;
	for (const struct bc_jr *el = bc_jr_first(root); el;
	     el = bc_jr_next(el), n++) {
		const char *id = bc_jr_get_str(bc_jr_get(el, "payload"), "id");
		assert_non_null(id);
		assert_int_equal(strlen(id), 16);
		assert_int_equal(strspn(id, "0123456789abcdef"), 16);
	}
	assert_int_equal(n, bc_jr_len(root));
	bc_jr_free(d);
	free(text);
}

static void test_values_and_escapes(void **state)
{
	struct bc_jr_doc *d = parse_ok(
		" {\"a\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/ \\t\","
		"\"n\":-12.5e1,\"i\":9007199254740993,\"z\":0,\"neg\":-0,"
		"\"t\":true,\"f\":false,\"nul\":null,\"e\":[],\"o\":{},"
		"\"raw\":\"ไทย 日本\"} \n");
	const struct bc_jr *r = bc_jr_root(d);
	size_t len = 0;
	const char *a = bc_jr_str(bc_jr_get(r, "a"), &len);
	assert_string_equal(a, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" / \t");
	assert_int_equal(len, strlen(a));
	double dv = 0;
	assert_true(bc_jr_num(bc_jr_get(r, "n"), &dv));
	assert_true(dv == -125.0);
	long long iv = 0;
	assert_false(bc_jr_int(bc_jr_get(r, "n"), &iv));
	assert_true(bc_jr_int(bc_jr_get(r, "i"), &iv));
	assert_true(iv == 9007199254740993LL); /* exact, not via double */
	assert_true(bc_jr_int(bc_jr_get(r, "z"), &iv));
	assert_int_equal(iv, 0);
	bool b = false;
	assert_true(bc_jr_bool(bc_jr_get(r, "t"), &b));
	assert_true(b);
	assert_true(bc_jr_bool(bc_jr_get(r, "f"), &b));
	assert_false(b);
	assert_int_equal(bc_jr_type(bc_jr_get(r, "nul")), BC_JR_NULL);
	assert_int_equal(bc_jr_type(bc_jr_get(r, "e")), BC_JR_ARR);
	assert_int_equal(bc_jr_len(bc_jr_get(r, "e")), 0);
	assert_null(bc_jr_first(bc_jr_get(r, "o")));
	assert_string_equal(bc_jr_get_str(r, "raw"), "ไทย 日本");
	/* Wrong types and absent keys answer NULL / false, never crash. */
	assert_null(bc_jr_get_str(r, "n"));
	assert_null(bc_jr_get(r, "missing"));
	assert_null(bc_jr_get(bc_jr_get(r, "a"), "x"));
	assert_false(bc_jr_bool(NULL, &b));
	assert_int_equal(bc_jr_type(NULL), BC_JR_NONE);
	assert_int_equal(bc_jr_len(bc_jr_get(r, "a")), 0);
	bc_jr_free(d);

	/* Scalars at the top level are JSON too. */
	d = parse_ok("\"x\"");
	assert_string_equal(bc_jr_str(bc_jr_root(d), NULL), "x");
	bc_jr_free(d);
	d = parse_ok("42");
	assert_true(bc_jr_int(bc_jr_root(d), &iv));
	assert_int_equal(iv, 42);
	bc_jr_free(d);
}

/* What bosaicast's own writer produces, the reader reads back. */
static void test_writer_round_trip(void **state)
{
	struct bc_buf b;
	bc_buf_init(&b, 1 << 16);
	struct bc_json j;
	bc_json_init(&j, &b);
	bc_json_obj_open(&j);
	bc_json_key(&j, "s");
	bc_json_str(&j, "line1\nline2\t\x01 \"x\" \\ ខ្មែរ");
	bc_json_key(&j, "n");
	bc_json_int(&j, -7);
	bc_json_key(&j, "a");
	bc_json_arr_open(&j);
	bc_json_null(&j);
	bc_json_bool(&j, true);
	bc_json_arr_close(&j);
	bc_json_obj_close(&j);
	assert_int_equal(j.err, BC_E_OK);
	struct bc_jr_doc *d = parse_ok(b.data);
	const struct bc_jr *r = bc_jr_root(d);
	assert_string_equal(bc_jr_get_str(r, "s"),
			    "line1\nline2\t\x01 \"x\" \\ ខ្មែរ");
	long long iv = 0;
	assert_true(bc_jr_int(bc_jr_get(r, "n"), &iv));
	assert_int_equal(iv, -7);
	assert_int_equal(bc_jr_len(bc_jr_get(r, "a")), 2);
	bc_jr_free(d);
	bc_buf_free(&b);
}

struct bad {
	const char *text;
	size_t len; /* 0: strlen */
	enum bc_err err;
};

static void test_refusals(void **state)
{
	static const struct bad cases[] = {
		{ "", 0, BC_E_PARSE },
		{ "   ", 0, BC_E_PARSE },
		{ "{", 0, BC_E_PARSE },
		{ "{\"a\":1,}", 0, BC_E_PARSE },
		{ "[1,]", 0, BC_E_PARSE },
		{ "[1 2]", 0, BC_E_PARSE },
		{ "{'a':1}", 0, BC_E_PARSE },
		{ "{a:1}", 0, BC_E_PARSE },
		{ "{\"a\" 1}", 0, BC_E_PARSE },
		{ "{\"a\":1,\"a\":2}", 0, BC_E_PARSE },
		{ "// c\n{}", 0, BC_E_PARSE },
		{ "{} x", 0, BC_E_PARSE },
		{ "{}{}", 0, BC_E_PARSE },
		{ "01", 0, BC_E_PARSE },
		{ "-", 0, BC_E_PARSE },
		{ "1.", 0, BC_E_PARSE },
		{ ".5", 0, BC_E_PARSE },
		{ "1e", 0, BC_E_PARSE },
		{ "+1", 0, BC_E_PARSE },
		{ "NaN", 0, BC_E_PARSE },
		{ "Infinity", 0, BC_E_PARSE },
		{ "1e999", 0, BC_E_ABSURD },
		{ "tru", 0, BC_E_PARSE },
		{ "nul", 0, BC_E_PARSE },
		{ "\"abc", 0, BC_E_PARSE },
		{ "\"a\nb\"", 0, BC_E_PARSE },
		{ "\"a\\x\"", 0, BC_E_PARSE },
		{ "\"\\u12\"", 0, BC_E_PARSE },
		{ "\"\\u0000\"", 0, BC_E_PARSE },
		{ "\"\\ud800\"", 0, BC_E_ENCODING },
		{ "\"\\ud800\\u0041\"", 0, BC_E_ENCODING },
		{ "\"\\udc00\"", 0, BC_E_ENCODING },
		{ "\"\xc3\"", 0, BC_E_ENCODING },
		{ "\"\xc0\xaf\"", 0, BC_E_ENCODING },        /* overlong / */
		{ "\"\xed\xa0\x80\"", 0, BC_E_ENCODING },    /* surrogate */
		{ "\"\xf4\x90\x80\x80\"", 0, BC_E_ENCODING },/* > U+10FFFF */
		{ "\"\xff\"", 0, BC_E_ENCODING },
		{ "\"a\0b\"", 5, BC_E_PARSE },                /* raw NUL */
		{ "[1]\0", 4, BC_E_PARSE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct bad *c = &cases[i];
		size_t len = c->len ? c->len : strlen(c->text);
		struct bc_jr_doc *d = (struct bc_jr_doc *)1;
		char why[128] = "";
		enum bc_err e = bc_jr_parse(c->text, len, NULL, &d, why,
					    sizeof why);
		if (e != c->err)
			fprintf(stderr, "case %zu: got %s (%s)\n", i,
				bc_errname(e), why);
		assert_int_equal(e, c->err);
		assert_null(d);
		assert_true(strncmp(why, "offset ", 7) == 0);
	}
}

static void test_limits(void **state)
{
	struct bc_jr_doc *d = NULL;
	char why[128];
	struct bc_jr_limits lim = { 64, 3, 10, 2 };

	/* bytes */
	char big[100];
	memset(big, ' ', sizeof big);
	big[0] = '1';
	assert_int_equal(bc_jr_parse(big, sizeof big, &lim, &d, why,
				     sizeof why), BC_E_TOOBIG);
	/* depth: 3 levels pass, 4 do not */
	assert_int_equal(bc_jr_parse("[[[1]]]", 7, &lim, &d, why, sizeof why),
			 BC_E_OK);
	bc_jr_free(d);
	assert_int_equal(bc_jr_parse("[[[[1]]]]", 9, &lim, &d, why,
				     sizeof why), BC_E_TOOBIG);
	assert_non_null(strstr(why, "deeper"));
	/* values: 10 pass, 11 do not */
	const char *ten = "[1,2,3,4,5,6,7,8,9]";
	assert_int_equal(bc_jr_parse(ten, strlen(ten), &lim, &d, why,
				     sizeof why), BC_E_OK);
	bc_jr_free(d);
	const char *eleven = "[1,2,3,4,5,6,7,8,9,0]";
	assert_int_equal(bc_jr_parse(eleven, strlen(eleven), &lim, &d, why,
				     sizeof why), BC_E_TOOBIG);
	/* members */
	const char *three = "{\"a\":1,\"b\":2,\"c\":3}";
	assert_int_equal(bc_jr_parse(three, strlen(three), &lim, &d, why,
				     sizeof why), BC_E_TOOBIG);
	/* Default depth: 32 nested arrays pass, 33 do not; a deep attack
	 * (100 000 '[') is refused, not a stack overflow. */
	size_t deep = 100000;
	char *s = malloc(deep * 2);
	assert_non_null(s);
	for (size_t i = 0; i < deep; i++) {
		s[i] = '[';
		s[deep * 2 - 1 - i] = ']';
	}
	assert_int_equal(bc_jr_parse(s + deep - 32, 64, NULL, &d, why,
				     sizeof why), BC_E_OK);
	bc_jr_free(d);
	assert_int_equal(bc_jr_parse(s + deep - 33, 66, NULL, &d, why,
				     sizeof why), BC_E_TOOBIG);
	assert_int_equal(bc_jr_parse(s, deep * 2, NULL, &d, why, sizeof why),
			 BC_E_TOOBIG);
	free(s);
	/* A configured depth beyond the hard cap is capped. */
	struct bc_jr_limits huge = { 1u << 20, 1 << 30, 1000000, 10 };
	s = malloc(600);
	memset(s, '[', 300);
	memset(s + 300, ']', 300);
	assert_int_equal(bc_jr_parse(s, 600, &huge, &d, why, sizeof why),
			 BC_E_TOOBIG);
	free(s);
	/* Arguments */
	assert_int_equal(bc_jr_parse("1", 1, NULL, NULL, NULL, 0),
			 BC_E_INVAL);
	assert_int_equal(bc_jr_parse(NULL, 3, NULL, &d, NULL, 0), BC_E_INVAL);
	bc_jr_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_payload),
		cmocka_unit_test(test_values_and_escapes),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
