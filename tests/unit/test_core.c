/* Unit tests of the small core pieces: errors, buffers, JSON writer,
 * string map, arena, time parsing and ids, languages, config. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alert.h"
#include "arena.h"
#include "buf.h"
#include "config.h"
#include "error.h"
#include "json.h"
#include "lang.h"
#include "strmap.h"

static void test_errors(void **state)
{
	(void)state;
	assert_string_equal(bc_strerror(BC_E_OK), "success");
	assert_string_equal(bc_errname(BC_E_TOOBIG), "BC_E_TOOBIG");
	assert_string_equal(bc_strerror((enum bc_err)9999), "unknown error");
	for (int e = 0; e < BC_E__COUNT; e++) {
		assert_non_null(bc_strerror((enum bc_err)e));
		assert_true(strncmp(bc_errname((enum bc_err)e), "BC_E_", 5) == 0);
	}
}

static void test_buf_limit(void **state)
{
	(void)state;
	struct bc_buf b;
	bc_buf_init(&b, 10);
	assert_int_equal(bc_buf_adds(&b, "0123456789"), BC_E_OK);
	assert_int_equal(bc_buf_addc(&b, 'x'), BC_E_TOOBIG);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	bc_buf_reset(&b);
	assert_int_equal(bc_buf_printf(&b, "%d-%s", 42, "ab"), BC_E_OK);
	assert_string_equal(b.data, "42-ab");
	assert_int_equal(bc_buf_printf(&b, "%s", "too long text"),
			 BC_E_TOOBIG);
	size_t n;
	char *s = bc_buf_steal(&b, &n);
	assert_string_equal(s, "42-ab");
	assert_int_equal(n, 5);
	assert_null(b.data);
	free(s);
	bc_buf_free(&b);
	bc_buf_free(NULL);
}

static void test_json(void **state)
{
	(void)state;
	struct bc_buf b;
	struct bc_json j;
	bc_buf_init(&b, 4096);
	bc_json_init(&j, &b);
	bc_json_obj_open(&j);
	bc_json_key(&j, "a");
	bc_json_int(&j, -5);
	bc_json_key(&j, "s");
	bc_json_str(&j, "q\"\\\n\t\x01é");
	bc_json_key(&j, "arr");
	bc_json_arr_open(&j);
	bc_json_str(&j, "x");
	bc_json_null(&j);
	bc_json_bool(&j, true);
	bc_json_obj_open(&j);
	bc_json_obj_close(&j);
	bc_json_arr_close(&j);
	bc_json_key(&j, "n");
	bc_json_str(&j, NULL);
	bc_json_obj_close(&j);
	assert_int_equal(j.err, BC_E_OK);
	assert_string_equal(b.data,
			    "{\"a\":-5,\"s\":\"q\\\"\\\\\\n\\t\\u0001é\","
			    "\"arr\":[\"x\",null,true,{}],\"n\":null}");
	/* A value ending in ':' must not swallow the next comma. */
	bc_buf_reset(&b);
	bc_json_init(&j, &b);
	bc_json_arr_open(&j);
	bc_json_raw(&j, "1", 1);
	bc_json_str(&j, "a:");
	bc_json_str(&j, "b");
	bc_json_arr_close(&j);
	assert_string_equal(b.data, "[1,\"a:\",\"b\"]");
	/* Unbalanced close is an error, not a crash. */
	bc_buf_reset(&b);
	bc_json_init(&j, &b);
	bc_json_obj_close(&j);
	assert_int_equal(j.err, BC_E_INVAL);
	bc_buf_free(&b);
}

static void test_strmap_arena(void **state)
{
	(void)state;
	struct bc_arena a;
	struct bc_strmap m;
	bc_arena_init(&a);
	bc_strmap_init(&m);
	char key[32];
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		char *k = bc_arena_strdup(&a, key);
		assert_non_null(k);
		assert_int_equal(bc_strmap_put(&m, k, (void *)(intptr_t)(i + 1),
					       NULL), BC_E_OK);
	}
	assert_int_equal(m.n, 10000);
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal((intptr_t)bc_strmap_get(&m, key), i + 1);
	}
	assert_null(bc_strmap_get(&m, "k10000"));
	assert_int_equal((intptr_t)bc_strmap_getn(&m, "k12xyz", 3), 13);
	void *old;
	assert_int_equal(bc_strmap_put(&m, "k5", (void *)7, &old), BC_E_OK);
	assert_int_equal((intptr_t)old, 6);
	assert_int_equal(m.n, 10000);
	/* A big allocation gets its own chunk. */
	assert_non_null(bc_arena_alloc(&a, 200000));
	bc_strmap_free(&m);
	bc_arena_free(&a);
}

static void test_time(void **state)
{
	(void)state;
	time_t t;
	assert_int_equal(bc_time_parse("2020-06-22T23:00:00+09:00", &t), BC_E_OK);
	assert_int_equal(t, 1592834400);
	assert_int_equal(bc_time_parse("2020-06-22T14:00:00Z", &t), BC_E_OK);
	assert_int_equal(t, 1592834400);
	char iso[26];
	bc_time_iso(t, false, iso);
	assert_string_equal(iso, "2020-06-22T23:00:00+09:00");
	bc_time_iso(t, true, iso);
	assert_string_equal(iso, "2020-06-22T14:00:00Z");
	/* Day rollover into Japan time. */
	assert_int_equal(bc_time_parse("2024-12-31T15:30:00Z", &t), BC_E_OK);
	bc_time_iso(t, false, iso);
	assert_string_equal(iso, "2025-01-01T00:30:00+09:00");
	assert_int_equal(bc_time_parse("1850-01-01T00:00:00Z", &t), BC_E_ABSURD);
	assert_int_equal(bc_time_parse("2020-13-01T00:00:00Z", &t), BC_E_ABSURD);
	assert_int_equal(bc_time_parse("2020-06-22 23:00:00+09:00", &t), BC_E_PARSE);
	assert_int_equal(bc_time_parse("2020-06-22T23:00:00", &t), BC_E_PARSE);
	assert_int_equal(bc_time_parse("2020-06-22T23:00:00+0900", &t), BC_E_PARSE);
	assert_int_equal(bc_time_parse("2020-06-22T23:00:00Zjunk", &t), BC_E_PARSE);
	assert_int_equal(bc_time_parse(NULL, &t), BC_E_PARSE);
}

static void test_alert_id_and_utf8(void **state)
{
	(void)state;
	struct bc_alert *a = bc_alert_new(), *b = bc_alert_new();
	assert_non_null(a);
	assert_true(isnan(a->quake.magnitude));
	strcpy(a->type, "VXSE53");
	strcpy(a->event_id, "20210216160700");
	a->serial = 1;
	a->reported = 1613459280;
	*b = *a;
	b->items = NULL;
	bc_alert_compute_id(a);
	bc_alert_compute_id(b);
	assert_int_equal(strlen(a->id), 16);
	assert_string_equal(a->id, b->id);
	b->serial = 2;
	bc_alert_compute_id(b);
	assert_string_not_equal(a->id, b->id);
	/* A cancellation repeating the serial gets its own id. */
	b->serial = 1;
	b->msg_type = BC_MSG_CANCEL;
	bc_alert_compute_id(b);
	assert_string_not_equal(a->id, b->id);

	struct bc_item *it;
	for (int i = 0; i < 3; i++)
		assert_int_equal(bc_alert_add_item(a, 3, &it), BC_E_OK);
	assert_int_equal(bc_alert_add_item(a, 3, &it), BC_E_TOOBIG);
	assert_int_equal(a->n_items, 3);

	char small[8];
	assert_false(bc_strlcpy_utf8(small, "あいうえお", sizeof small));
	assert_string_equal(small, "あい"); /* 6 bytes, never half a char */
	assert_true(bc_strlcpy_utf8(small, "abc", sizeof small));
	bc_alert_free(a);
	bc_alert_free(b);
	bc_alert_free(NULL);

	assert_string_equal(bc_kind_name(BC_KIND_TSUNAMI), "tsunami");
	assert_int_equal(bc_kind_parse("volcano"), BC_KIND_VOLCANO);
	assert_int_equal(bc_kind_parse("nope"), BC_KIND_NONE);
}

static void test_lang(void **state)
{
	(void)state;
	assert_int_equal(BC_LANG__COUNT, 16);
	assert_string_equal(bc_lang_tag(BC_LANG_JA_EASY), "ja-x-easy");
	assert_int_equal(bc_lang_parse("my"), BC_LANG_MY);
	assert_int_equal(bc_lang_parse("fr"), -1);
	assert_int_equal(bc_lang_parse_list("ja,en,vi"),
			 (1u << BC_LANG_JA) | (1u << BC_LANG_EN) |
				 (1u << BC_LANG_VI));
	assert_int_equal(bc_lang_parse_list("all"), BC_LANG_ALL);
	assert_int_equal(bc_lang_parse_list("ja,,en"), 0);
	assert_int_equal(bc_lang_parse_list("ja,xx"), 0);
	assert_string_equal(bc_lang_icu_locale(BC_LANG_TL), "fil_PH");
}

static void test_config(void **state)
{
	(void)state;
	struct bc_config c;
	char why[256];
	bc_config_defaults(&c);
	assert_string_equal(c.root, "bosai/v1");
	assert_int_equal(c.mqtt_port, 1883);
	assert_false(c.exercise);
	assert_int_equal(bc_config_set(&c, "mqtt-port", "18830", why, sizeof why), BC_E_OK);
	assert_int_equal(c.mqtt_port, 18830);
	assert_int_equal(bc_config_set(&c, "mqtt_port", "0", why, sizeof why), BC_E_CONFIG);
	assert_non_null(strstr(why, "mqtt_port"));
	assert_int_equal(bc_config_set(&c, "mqtt_port", "12x", why, sizeof why), BC_E_CONFIG);
	assert_int_equal(bc_config_set(&c, "exercise", "on", why, sizeof why), BC_E_OK);
	assert_true(c.exercise);
	assert_int_equal(bc_config_set(&c, "exercise", "maybe", why, sizeof why), BC_E_CONFIG);
	assert_int_equal(bc_config_set(&c, "languages", "en,vi", why, sizeof why), BC_E_OK);
	assert_int_equal(c.languages, (1u << BC_LANG_EN) | (1u << BC_LANG_VI));
	assert_int_equal(bc_config_set(&c, "languages", "klingon", why, sizeof why), BC_E_CONFIG);
	assert_int_equal(bc_config_set(&c, "no_such_key", "1", why, sizeof why), BC_E_CONFIG);
	assert_non_null(strstr(why, "unknown key"));

	char path[] = "/tmp/bc_test_conf_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "# comment\n\nroot = test/v1  # trailing\n"
			   "max_items=50\nlog_level = debug\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(bc_config_load_file(&c, path, why, sizeof why), BC_E_OK);
	assert_string_equal(c.root, "test/v1");
	assert_int_equal(c.max_items, 50);
	FILE *f = fopen(path, "w");
	fputs("root = a\nbogus line\n", f);
	fclose(f);
	assert_int_equal(bc_config_load_file(&c, path, why, sizeof why), BC_E_CONFIG);
	assert_non_null(strstr(why, ":2:"));
	f = fopen(path, "w");
	fputs("   \n", f);
	fclose(f);
	snprintf(c.mqtt_password_file, sizeof c.mqtt_password_file, "%s", path);
	assert_int_equal(bc_config_finish(&c, why, sizeof why), BC_E_CONFIG);
	f = fopen(path, "w");
	fputs("s3cret\n", f);
	fclose(f);
	assert_int_equal(bc_config_finish(&c, why, sizeof why), BC_E_OK);
	assert_string_equal(c.mqtt_password, "s3cret");
	unlink(path);
	assert_int_equal(bc_config_load_file(&c, path, why, sizeof why), BC_E_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_strmap_arena),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_alert_id_and_utf8),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
