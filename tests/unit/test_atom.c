/* Unit tests of the Atom feed reader (src/atom.c): a feed in JMA's
 * layout, every entry that must be left out and why, and the inputs that
 * must be refused (tests/data/atom), plus limits generated here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "atom.h"
#include "source.h"

#define DIR "tests/data/atom/"

static const struct bc_atom_limits lim = { 1u << 20, 1000 };

static char *load(const char *name, size_t *len)
{
	const char *root = getenv("BC_SOURCE_DIR");
	char path[1024], why[512];
	char *data = NULL;
	snprintf(path, sizeof path, "%s/%s%s", root ? root : ".", DIR, name);
	if (bc_read_file(path, 1u << 24, &data, len, why, sizeof why)) {
		fprintf(stderr, "%s\n", why);
		fail();
	}
	return data;
}

static time_t t_of(const char *iso)
{
	time_t t = 0;
	assert_int_equal(bc_time_parse(iso, &t), BC_E_OK);
	return t;
}

static void test_jma_layout(void **state)
{
	(void)state;
	size_t len;
	char *data = load("jma_extra.xml", &len);
	struct bc_atom_feed f;
	char why[256];
	assert_int_equal(bc_atom_parse(data, len, &lim, &f, why, sizeof why),
			 BC_E_OK);
	assert_int_equal(f.n, 4);
	assert_int_equal(f.skipped, 0);
	assert_true(f.updated == t_of("2021-02-16T23:34:05+09:00"));

	/* Document order, id = link, the JMA title. */
	const struct bc_atom_entry *e = &f.entries[0];
	assert_string_equal(e->title, "震源・震度に関する情報");
	assert_string_equal(e->id, "https://www.data.jma.go.jp/developer/"
			    "xml/data/20210216233339_0_VXSE53_010000.xml");
	assert_string_equal(e->url, e->id);
	assert_true(e->updated == t_of("2021-02-16T14:33:39Z"));
	/* An offset date is the same instant. */
	assert_true(f.entries[1].updated == t_of("2021-02-16T14:29:01Z"));
	/* A fractional second is dropped, not refused. */
	assert_true(f.entries[2].updated == t_of("2021-02-16T14:00:00Z"));
	assert_string_equal(f.entries[2].title, "府県天気予報（Ｒ１）");
	/* A urn id: the document is the alternate link, trimmed; the
	 * related link before it is not taken; &amp; is decoded. */
	e = &f.entries[3];
	assert_string_equal(e->id,
			    "urn:uuid:5a0e2d38-0000-4f57-b9a1-0123456789ab");
	assert_string_equal(e->url, "https://www.data.jma.go.jp/developer/"
			    "xml/data/20210216135512_0_VXWW50_460000.xml");
	assert_string_equal(e->title, "土砂災害警戒情報 & お知らせ");
	bc_atom_feed_free(&f);
	bc_atom_feed_free(&f); /* reusable, and freeing twice is harmless */
	free(data);
}

static void test_entries_left_out(void **state)
{
	(void)state;
	size_t len;
	char *data = load("bad_entries.xml", &len);
	struct bc_atom_feed f;
	char why[256];
	assert_int_equal(bc_atom_parse(data, len, &lim, &f, why, sizeof why),
			 BC_E_OK);
	/* Only the entry with a good id and date, and the one whose only
	 * link is not alternate (its id is the document), remain. */
	assert_int_equal(f.n, 2);
	assert_string_equal(f.entries[0].url, "https://example.org/10.xml");
	assert_string_equal(f.entries[1].url, "https://example.org/11.xml");
	assert_int_equal(f.skipped, 10);
	assert_non_null(strstr(f.skipped_why, "atom:id"));
	bc_atom_feed_free(&f);
	free(data);
}

struct bad_case {
	const char *file;
	enum bc_err err;
	const char *reason;
};

static void test_bad_inputs(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{ "bad_doctype.xml", BC_E_PARSE, "DTD not allowed" },
		{ "bad_xxe.xml", BC_E_PARSE, "DTD not allowed" },
		{ "bad_rss.xml", BC_E_NAMESPACE, "'rss', not an Atom feed" },
		{ "bad_no_namespace.xml", BC_E_NAMESPACE,
		  "'feed', not an Atom feed" },
		{ "bad_html.html", BC_E_NAMESPACE, "'html', not an Atom" },
		{ "bad_text.txt", BC_E_PARSE, "line 1" },
		{ "bad_truncated.xml", BC_E_PARSE, "line" },
		{ "bad_utf8.xml", BC_E_ENCODING, "not valid UTF-8" },
		{ "bad_deep.xml", BC_E_TOOBIG, "nested deeper than 32" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *data = load(cases[i].file, &len);
		struct bc_atom_feed f;
		char why[256] = "unset";
		enum bc_err e = bc_atom_parse(data, len, &lim, &f, why,
					      sizeof why);
		printf("%-22s %-14s %s\n", cases[i].file, bc_errname(e), why);
		assert_int_equal(e, cases[i].err);
		assert_non_null(strstr(why, cases[i].reason));
		assert_null(strchr(why, '\n'));
		assert_int_equal(f.n, 0);
		bc_atom_feed_free(&f);
		free(data);
	}
}

static void test_limits(void **state)
{
	(void)state;
	struct bc_atom_feed f;
	char why[256];
	/* Bytes: refused before parsing. */
	size_t len;
	char *data = load("jma_extra.xml", &len);
	struct bc_atom_limits small = { len - 1, 1000 };
	assert_int_equal(bc_atom_parse(data, len, &small, &f, why, sizeof why),
			 BC_E_TOOBIG);
	assert_non_null(strstr(why, "limit"));
	bc_atom_feed_free(&f);
	/* Entries: a feed over the limit is refused, not cut. */
	struct bc_atom_limits three = { 1u << 20, 3 };
	assert_int_equal(bc_atom_parse(data, len, &three, &f, why, sizeof why),
			 BC_E_TOOBIG);
	assert_non_null(strstr(why, "more than 3 entries"));
	bc_atom_feed_free(&f);
	free(data);

	/* A NUL byte (and with it UTF-16 guessing) is refused. */
	static const char nul[] = "<feed xmlns=\"http://www.w3.org/2005/"
				  "Atom\">\0</feed>";
	assert_int_equal(bc_atom_parse(nul, sizeof nul - 1, &lim, &f, why,
				       sizeof why), BC_E_ENCODING);
	bc_atom_feed_free(&f);
	assert_int_equal(bc_atom_parse("", 0, &lim, &f, why, sizeof why),
			 BC_E_PARSE);
	bc_atom_feed_free(&f);

	/* 20 000 entries within the limit: all read, memory bounded by
	 * the entries (no tree). */
	size_t n = 20000, cap = n * 200 + 200, used = 0;
	char *big = malloc(cap);
	assert_non_null(big);
	used += (size_t)snprintf(big + used, cap - used,
				 "<feed xmlns=\"http://www.w3.org/2005/"
				 "Atom\">");
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(big + used, cap - used,
					 "<entry><id>https://x.example/%zu."
					 "xml</id><updated>2021-02-16T14:33:"
					 "39Z</updated></entry>", i);
	used += (size_t)snprintf(big + used, cap - used, "</feed>");
	struct bc_atom_limits many = { 16u << 20, 20000 };
	assert_int_equal(bc_atom_parse(big, used, &many, &f, why, sizeof why),
			 BC_E_OK);
	assert_int_equal(f.n, 20000);
	assert_string_equal(f.entries[19999].url,
			    "https://x.example/19999.xml");
	bc_atom_feed_free(&f);
	many.max_entries = 19999;
	assert_int_equal(bc_atom_parse(big, used, &many, &f, why, sizeof why),
			 BC_E_TOOBIG);
	bc_atom_feed_free(&f);
	free(big);
}

static void test_encoding_declaration_ignored(void **state)
{
	(void)state;
	/* UTF-8 bytes that claim Shift_JIS: read as the UTF-8 they are. */
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
		"<title>震度速報</title><id>https://x.example/1.xml</id>"
		"<updated>2021-02-16T14:33:39Z</updated></entry></feed>";
	struct bc_atom_feed f;
	char why[256];
	assert_int_equal(bc_atom_parse(doc, sizeof doc - 1, &lim, &f, why,
				       sizeof why), BC_E_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.entries[0].title, "震度速報");
	bc_atom_feed_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jma_layout),
		cmocka_unit_test(test_entries_left_out),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_encoding_declaration_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
