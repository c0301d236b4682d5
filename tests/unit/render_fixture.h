/* render_fixture.h — what the render tests that read payloads as text
 * share: a pipeline over the repository's data (BC_DATA_DIR), one real
 * document rendered into memory in en, ja and vi, and lookups in what
 * came out.  Header-only, included once by each test executable (after
 * cmocka.h). */
#ifndef BC_TEST_RENDER_FIXTURE_H
#define BC_TEST_RENDER_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "jmaxml.h"
#include "l10n.h"
#include "lang.h"
#include "pipeline.h"

#define KURIBO "tests/data/jmaxml/kuribo001-research_jmaxml_20260326_Samples/"
#define P2P "tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go/"

struct collected {
	char *topic[4096];
	char *payload[4096];
	size_t n;
};

static struct bc_pipeline *pl;
static struct bc_config cfg;

static void collect(void *ud, const struct bc_message *m)
{
	struct collected *c = ud;
	if (c->n == 4096)
		return;
	c->topic[c->n] = strdup(m->topic);
	c->payload[c->n] = strndup(m->payload, m->len);
	c->n++;
}

static void collected_free(struct collected *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->topic[i]);
		free(c->payload[i]);
	}
	c->n = 0;
}

/* Open the pipeline on BC_DATA_DIR; -1 (with a line on stderr) if not. */
static int fixture_open(void)
{
	char why[512];
	const char *dir = getenv("BC_DATA_DIR");
	bc_config_defaults(&cfg);
	snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir ? dir : ".");
	bc_jmaxml_global_init();
	if (bc_pipeline_open(&cfg, NULL, &pl, why, sizeof why)) {
		fprintf(stderr, "cannot open the pipeline: %s\n", why);
		return -1;
	}
	return 0;
}

static void fixture_close(void)
{
	bc_pipeline_close(pl);
	bc_jmaxml_global_cleanup();
	bc_l10n_cleanup();
}

/* Render one document (a path relative to BC_DATA_DIR) in en, ja and vi
 * into c. */
static void render(const char *rel, struct collected *c)
{
	char path[1024], why[512];
	snprintf(path, sizeof path, "%s/%s", cfg.data_dir, rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	static char buf[4u << 20];
	size_t len = fread(buf, 1, sizeof buf, f);
	fclose(f);
	uint32_t langs = 1u << BC_LANG_EN | 1u << BC_LANG_JA |
			 1u << BC_LANG_VI;
	enum bc_err e = bc_pipeline_render(pl, buf, len, strrchr(rel, '/') + 1,
					   langs, collect, c, why, sizeof why);
	if (e)
		fail_msg("%s: %s: %s", rel, bc_errname(e), why);
}

static const char *payload(const struct collected *c, const char *topic)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->topic[i], topic) == 0)
			return c->payload[i];
	fail_msg("no message on %s", topic);
	return NULL;
}

/* The payload has this text (JSON-escaped as written here). */
static void has(const char *p, const char *text)
{
	if (!strstr(p, text))
		fail_msg("'%s' not in %s", text, p);
}

static void has_not(const char *p, const char *text)
{
	if (strstr(p, text))
		fail_msg("'%s' unexpectedly in %s", text, p);
}

#endif
