/* render_nankai.c — Nankai Trough Earthquake Extra Information (VYSE50)
 * and its commentary (VYSE51/52), and the Hokkaido/Sanriku-oki subsequent
 * earthquake advisory (VYSE60).
 *
 * JMA's text is prose for Japanese readers; other languages get the name
 * of the information with its keyword, what it means (one fixed
 * explanation per keyword) and the standard recommended actions of the
 * government's guidelines for that keyword.  Each municipality's message
 * names its prefecture, the area the information was routed by
 * (jmaxml_nankai.c).  Templates: templates/nankai/.
 */
#include "render_seismic.h"

#include <string.h>

/* Slots of struct bc_rd_cache this family fills. */
enum { S_INFO, S_EXPLAIN };

enum keyword { KW_INVESTIGATING, KW_WARNING, KW_ADVISORY, KW_ENDED,
	       KW_COMMENTARY, KW_REGULAR, KW_SANRIKU };

static enum keyword keyword_of(const struct bc_alert *a)
{
	const char *c = a->seismic.info.code;
	if (!strcmp(a->type, "VYSE60"))
		return KW_SANRIKU;
	if (!strncmp(c, "11", 2))
		return KW_INVESTIGATING;
	if (!strcmp(c, "120"))
		return KW_WARNING;
	if (!strcmp(c, "130"))
		return KW_ADVISORY;
	if (!strcmp(c, "190"))
		return KW_ENDED;
	/* The keyword, when the code is new to us, still says it. */
	const char *ja = a->seismic.info.ja;
	if (strstr(ja, "巨大地震警戒"))
		return KW_WARNING;
	if (strstr(ja, "巨大地震注意"))
		return KW_ADVISORY;
	if (strstr(ja, "調査終了"))
		return KW_ENDED;
	if (strstr(ja, "調査中"))
		return KW_INVESTIGATING;
	return !strcmp(c, "200") || !strcmp(a->type, "VYSE52") ? KW_REGULAR
							       : KW_COMMENTARY;
}

static const char *const explain_key[] = {
	[KW_INVESTIGATING] = "nankai.explain.investigating",
	[KW_WARNING] = "nankai.explain.warning",
	[KW_ADVISORY] = "nankai.explain.advisory",
	[KW_ENDED] = "nankai.explain.ended",
	[KW_COMMENTARY] = "nankai.explain.commentary",
	[KW_REGULAR] = "nankai.explain.regular",
	[KW_SANRIKU] = "nankai.explain.sanriku",
};

static long rank(const struct bc_alert *a, const struct bc_item *it)
{
	(void)a;
	(void)it;
	return 0; /* one statement per document */
}

static void summary(const struct bc_alert *a, const uint32_t *idx, size_t n,
		    int *level, enum bc_severity *sev)
{
	(void)idx;
	(void)n;
	*level = 0;
	*sev = a->severity;
}

static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_rd_cache *c)
{
	const struct bc_alert *a = r->a;
	char fb[64];
	c->slot[S_INFO] = strdup(a->seismic.info.ja[0]
		? bc_rd_term(r, lang, &a->seismic.info, fb, sizeof fb)
		: bc_rd_phrase(r, lang, "kind.nankai"));
	struct bc_buf *t = &r->scratch[0];
	bc_buf_reset(t);
	enum bc_err e = bc_rd_expand(r, lang, explain_key[keyword_of(a)], NULL,
				     0, t);
	c->slot[S_EXPLAIN] = bc_rd_dup(t);
	if (e)
		return e;
	return c->slot[S_INFO] && c->slot[S_EXPLAIN] ? BC_E_OK : BC_E_NOMEM;
}

static enum bc_err item(struct bc_renderer *r, enum bc_lang lang,
			const struct bc_item *it, struct bc_buf *out)
{
	(void)it;
	return bc_buf_adds(out, r->cache[lang].slot[S_INFO]);
}

static enum bc_err city(struct bc_renderer *r, enum bc_lang lang,
			const char *place, const uint32_t *order, size_t n,
			struct bc_buf *headline, struct bc_buf *body)
{
	(void)place;
	(void)n;
	const struct bc_rd_cache *c = &r->cache[lang];
	const struct bc_item *top = &r->a->items[order[0]];
	struct bc_var hv[] = {
		{ "info", c->slot[S_INFO] },
		{ "area", bc_rd_place(r, lang, top->area_type,
				      top->area_code) } };
	enum bc_err e = bc_rd_expand(r, lang, "nankai.headline", hv, 2,
				     headline);
	if (!e)
		e = bc_buf_adds(body, c->slot[S_EXPLAIN]);
	return e;
}

static enum bc_err national(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_rd_group *g, size_t ng,
			    const char *prefs, struct bc_buf *headline,
			    struct bc_buf *body)
{
	(void)g;
	(void)ng;
	const struct bc_alert *a = r->a;
	const struct bc_rd_cache *c = &r->cache[lang];
	enum bc_err e = bc_buf_adds(headline, c->slot[S_INFO]);
	if (!e)
		e = bc_buf_adds(body, c->slot[S_EXPLAIN]);
	struct bc_var v[] = { { "places", prefs } };
	if (!e && prefs[0] && a->n_items) {
		bc_buf_addc(body, '\n');
		e = bc_rd_expand(r, lang, "nankai.areas", v, 1, body);
	}
	return e;
}

/* The government's standard response for each keyword (内閣府「南海トラフ
 * 地震の多様な発生形態に備えた防災対応検討ガイドライン」; 北海道・三陸沖
 * 後発地震注意情報 guidelines). */
static size_t actions(const struct bc_alert *a, const uint32_t *idx, size_t n,
		      const char **keys, size_t max)
{
	(void)idx;
	(void)n;
	const char *k[3] = { NULL, NULL, NULL };
	switch (keyword_of(a)) {
	case KW_WARNING:
		k[0] = "action.nankai.warning";
		k[1] = "action.nankai.prepare";
		k[2] = "action.nankai.follow";
		break;
	case KW_ADVISORY:
		k[0] = "action.nankai.prepare";
		k[1] = "action.nankai.follow";
		break;
	case KW_INVESTIGATING:
		k[0] = "action.nankai.investigating";
		break;
	case KW_ENDED:
		k[0] = "action.nankai.ended";
		break;
	case KW_COMMENTARY:
		k[0] = "action.nankai.follow";
		break;
	case KW_SANRIKU:
		k[0] = "action.sanriku.prepare";
		k[1] = "action.nankai.follow";
		break;
	case KW_REGULAR:
		break;
	}
	size_t m = 0;
	for (size_t i = 0; i < 3 && k[i] && m < max; i++)
		keys[m++] = k[i];
	return m;
}

const struct bc_rd_kind bc_rd_nankai = {
	.prepare = prepare,
	.rank = rank,
	.summary = summary,
	.item = item,
	.city = city,
	.national = national,
	.actions = actions,
};
