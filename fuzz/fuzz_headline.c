/* fuzz_headline.c — libFuzzer entry point for the headline translator
 * (render_text.c and bc_dict_sentence): the input becomes the
 * Head/Headline/Text of a real JMA document (震度速報, February 2021), which
 * is parsed and rendered in ja, ja-x-easy, en and zh-Hans with the
 * repository's dictionary (BOSAICAST_DATA_DIR, set by fuzz/run.sh).
 *
 * Whatever the headline, rendering must succeed or fail with a reason,
 * never crash, and no message other than Japanese may carry kana or kanji
 * from it; the matcher's captures must be ASCII numbers, times or
 * "offset:length" lists.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "dict.h"
#include "jmaxml.h"
#include "lang.h"
#include "log.h"
#include "pipeline.h"

#define DOC "tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/" \
	    "20210217140808_0_VXSE51_010000.xml"

static struct bc_pipeline *pl;
static struct bc_dict *dict;
static char *head, *tail; /* the document around its headline text */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static struct bc_config cfg;
	char why[512], path[1200];
	const char *dir = getenv("BOSAICAST_DATA_DIR");
	bc_log_set_level(BC_LOG_ERROR);
	bc_jmaxml_global_init();
	bc_config_defaults(&cfg);
	snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir ? dir : ".");
	if (bc_pipeline_open(&cfg, NULL, &pl, why, sizeof why) ||
	    bc_dict_load(cfg.data_dir, &dict, why, sizeof why)) {
		fprintf(stderr, "fuzz_headline: %s\n", why);
		abort();
	}
	snprintf(path, sizeof path, "%s/%s", cfg.data_dir, DOC);
	FILE *f = fopen(path, "rb");
	static char doc[1 << 16];
	size_t n = f ? fread(doc, 1, sizeof doc - 1, f) : 0;
	if (f)
		fclose(f);
	doc[n] = '\0';
	char *a = strstr(doc, "<Headline>");
	char *t = a ? strstr(a, "<Text>") : NULL;
	char *e = t ? strstr(t, "</Text>") : NULL;
	if (!e) {
		fprintf(stderr, "fuzz_headline: cannot read %s\n", path);
		abort();
	}
	head = strndup(doc, (size_t)(t + 6 - doc));
	tail = strdup(e);
	return 0;
}

/* Kana (U+3040–30FF: E3 81–83 ..) anywhere but Japanese; kanji too (any
 * CJK ideograph, lead bytes E4–E9) in English. */
static bool leaked(const char *s, size_t n, bool han_ok)
{
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
		if ((c == 0xe3 && d >= 0x81 && d <= 0x83) ||
		    (!han_ok && c >= 0xe4 && c <= 0xe9))
			return true;
	}
	return false;
}

static void check(void *ud, const struct bc_message *m)
{
	(void)ud;
	if (strstr(m->topic, "/ja/") || strstr(m->topic, "/ja-x-easy/"))
		return;
	const char *body = strstr(m->payload, "\"body\":\"");
	const char *end = body ? strstr(body, "\",\"actions\"") : NULL;
	bool han_ok = strstr(m->topic, "/zh-Hans/") != NULL;
	if (end && leaked(body, (size_t)(end - body), han_ok)) {
		fprintf(stderr, "Japanese in %s: %.*s\n", m->topic,
			(int)(end - body), body);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	struct bc_dict_caps caps;
	if (bc_dict_sentence(dict, (const char *)data, size, &caps)) {
		if (caps.n > BC_DICT_CAPS)
			abort();
		for (size_t i = 0; i < caps.n; i++)
			for (const char *p = caps.v[i].val; *p; p++)
				if (!(*p == ' ' || *p == '.' || *p == ':' ||
				      *p == ',' || (*p >= '0' && *p <= '9')))
					abort();
	}
	/* The input, XML-escaped, as the document's headline text. */
	struct bc_buf doc;
	bc_buf_init(&doc, 1u << 20);
	bc_buf_adds(&doc, head);
	for (size_t i = 0; i < size; i++) {
		char c = (char)data[i];
		if (c == '<')
			bc_buf_adds(&doc, "&lt;");
		else if (c == '&')
			bc_buf_adds(&doc, "&amp;");
		else if (c != '\0')
			bc_buf_addc(&doc, c);
	}
	bc_buf_adds(&doc, tail);
	char why[512];
	uint32_t langs = 1u << BC_LANG_JA | 1u << BC_LANG_JA_EASY |
			 1u << BC_LANG_EN | 1u << BC_LANG_ZH_HANS;
	bc_pipeline_render(pl, doc.data, doc.len, "fuzz.xml", langs, check,
			   NULL, why, sizeof why);
	bc_buf_free(&doc);
	return 0;
}
