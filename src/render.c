/* render.c — the localizer's core: payload JSON, fallbacks, lifecycle
 * words, areas.  See render.h for the contract, render_internal.h for how
 * kind families plug in, templates/README.md for the sentence patterns.
 *
 * Every message is built from three kinds of text: JMA terms (dictionary,
 * joined on the Japanese name or the code), sentence patterns (templates)
 * and place names (places).  A term or name missing in a language falls
 * back to English and is listed in "untranslated" by code, so a subscriber
 * can tell; nothing Japanese is ever copied into another language.
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "l10n.h"
#include "log.h"
#include "store.h"

/* Which family renders which kind.  Kinds without a family of their own
 * yet are rendered as warning-like items (a term and what happened). */
static const struct bc_rd_kind *kind_of(enum bc_kind k)
{
	switch (k) {
	case BC_KIND_QUAKE:
		return &bc_rd_quake;
	case BC_KIND_EEW:
		return &bc_rd_eew;
	case BC_KIND_TSUNAMI:
		return &bc_rd_tsunami;
	case BC_KIND_NANKAI:
		return &bc_rd_nankai;
	case BC_KIND_LANDSLIDE:
	case BC_KIND_RAIN:
	case BC_KIND_TORNADO:
		return &bc_rd_weather;
	case BC_KIND_FLOOD:
		return &bc_rd_flood;
	case BC_KIND_VOLCANO:
		return &bc_rd_volcano;
	default:
		return &bc_rd_warning;
	}
}

static void cache_clear(struct bc_rd_cache *c)
{
	free(c->issued_text);
	free(c->issued_raw);
	free(c->head_text);
	for (int i = 0; i < BC_RD_SLOTS; i++)
		free(c->slot[i]);
	memset(c, 0, sizeof *c);
}

enum bc_err bc_render_new(const struct bc_dict *dict,
			  const struct bc_places *places, struct bc_l10n *l10n,
			  struct bc_renderer **out)
{
	struct bc_renderer *r = calloc(1, sizeof *r);
	if (!r)
		return BC_E_NOMEM;
	r->dict = dict;
	r->places = places;
	r->l10n = l10n;
	for (size_t i = 0; i < sizeof r->core / sizeof r->core[0]; i++)
		bc_buf_init(&r->core[i], BC_RD_TEXT_MAX);
	for (size_t i = 0; i < sizeof r->scratch / sizeof r->scratch[0]; i++)
		bc_buf_init(&r->scratch[i], BC_RD_TEXT_MAX);
	*out = r;
	return BC_E_OK;
}

void bc_render_free(struct bc_renderer *r)
{
	if (!r)
		return;
	for (int l = 0; l < BC_LANG__COUNT; l++)
		cache_clear(&r->cache[l]);
	for (size_t i = 0; i < sizeof r->core / sizeof r->core[0]; i++)
		bc_buf_free(&r->core[i]);
	for (size_t i = 0; i < sizeof r->scratch / sizeof r->scratch[0]; i++)
		bc_buf_free(&r->scratch[i]);
	free(r);
}

/* ---- helpers ---------------------------------------------------------- */

/* bc_time_iso through the renderer's memo (render_internal.h says why).
 * Returns the renderer's copy, valid until the next few calls. */
static const char *iso_of(struct bc_renderer *r, time_t t, bool utc)
{
	size_t n = sizeof r->iso_memo / sizeof r->iso_memo[0];
	for (size_t i = 0; i < n; i++)
		if (r->iso_memo[i].used && r->iso_memo[i].t == t &&
		    r->iso_memo[i].utc == utc)
			return r->iso_memo[i].s;
	size_t k = r->iso_next++ % n;
	r->iso_memo[k].t = t;
	r->iso_memo[k].utc = utc;
	r->iso_memo[k].used = true;
	bc_time_iso(t, utc, r->iso_memo[k].s);
	return r->iso_memo[k].s;
}

void bc_rd_untranslated(struct bc_renderer *r, const char *what,
			const char *code_)
{
	char code[64];
	snprintf(code, sizeof code, "%s:%s", what, code_);
	for (size_t i = 0; i < r->n_untr; i++)
		if (strcmp(r->untr[i], code) == 0)
			return;
	if (r->n_untr < BC_RD_MAX_UNTR)
		memcpy(r->untr[r->n_untr++], code, sizeof code);
}

char *bc_rd_dup(const struct bc_buf *b)
{
	return strdup(b->data ? b->data : "");
}

const char *bc_rd_term(struct bc_renderer *r, enum bc_lang lang,
		       const struct bc_term *t, char *fallback, size_t fb_size)
{
	const char *s = bc_dict_term(r->dict, t, lang);
	if (s)
		return s;
	bc_rd_untranslated(r, t->table[0] ? t->table : "term",
			   t->code[0] ? t->code : "?");
	if (bc_lang_is_japanese(lang) && t->ja[0])
		return t->ja;
	s = bc_dict_term(r->dict, t, BC_LANG_EN);
	if (s)
		return s;
	snprintf(fallback, fb_size, "%s %s", t->table[0] ? t->table : "code",
		 t->code[0] ? t->code : "?");
	return fallback;
}

const char *bc_rd_place(struct bc_renderer *r, enum bc_lang lang,
			enum bc_area_type type, const char *code)
{
	enum bc_name_src src = BC_NAME_OFFICIAL;
	const char *s = bc_places_name(r->places, type, code, lang, &src);
	if (!s || src == BC_NAME_FALLBACK || src == BC_NAME_CODE) {
		char what[32];
		snprintf(what, sizeof what, "place:%s", bc_area_type_name(type));
		bc_rd_untranslated(r, what, code);
	}
	return s ? s : code;
}

const char *bc_rd_phrase(struct bc_renderer *r, enum bc_lang lang,
			 const char *key)
{
	const char *s = bc_dict_key(r->dict, key, lang);
	if (s)
		return s;
	bc_rd_untranslated(r, "phrase", key);
	s = bc_dict_key(r->dict, key, BC_LANG_EN);
	return s ? s : key;
}

enum bc_err bc_rd_expand(struct bc_renderer *r, enum bc_lang lang,
			 const char *key, const struct bc_var *vars, size_t n,
			 struct bc_buf *out)
{
	const char *t = bc_dict_template(r->dict, key, lang);
	if (!t) {
		bc_rd_untranslated(r, "template", key);
		t = bc_dict_template(r->dict, key, BC_LANG_EN);
	}
	if (!t) {
		bc_err_log("render", "%s: template '%s' missing in every "
			   "language", r->a->source, key);
		return BC_E_DICT;
	}
	size_t mark = out->len;
	enum bc_err e = bc_dict_expand(t, vars, n, out);
	if (e == BC_E_DICT) {
		bc_err_log("render", "%s: template '%s' [%s] uses an unknown "
			   "placeholder", r->a->source, key, bc_lang_tag(lang));
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
	}
	return e;
}

void bc_rd_count(struct bc_renderer *r, enum bc_lang lang, size_t n,
		 char *buf, size_t size)
{
	struct bc_buf b;
	bc_buf_init(&b, 64);
	if (bc_l10n_number(r->l10n, lang, (double)n, 0, &b) == BC_E_OK &&
	    b.data)
		snprintf(buf, size, "%s", b.data);
	else
		snprintf(buf, size, "%zu", n);
	bc_buf_free(&b);
}

enum bc_err bc_rd_datetime(struct bc_renderer *r, enum bc_lang lang,
			   time_t t, struct bc_buf *out)
{
	return bc_l10n_datetime(r->l10n, lang, t, out);
}

int bc_rd_term_class(const struct bc_term *t)
{
	if (strstr(t->ja, "特別警報"))
		return 4;
	if (strstr(t->ja, "危険警報"))
		return 3;
	if (strstr(t->ja, "警報"))
		return 2;
	if (strstr(t->ja, "注意報"))
		return 1;
	return 0;
}

enum bc_err bc_rd_item_change(struct bc_renderer *r, enum bc_lang lang,
			      const struct bc_item *it, struct bc_buf *out)
{
	char fb1[64], fb2[64], fb3[64];
	const char *phen = bc_rd_term(r, lang, &it->term, fb1, sizeof fb1);
	struct bc_buf withcond;
	bc_buf_init(&withcond, 4096);
	if (strcmp(it->value.table, "WarningCondition") == 0 &&
	    it->value.ja[0]) {
		/* The hazard JMA names (土砂災害, 浸水害) tells a reader
		 * whether to fear a landslide or a flood. */
		struct bc_var cv[] = {
			{ "phenomenon", phen },
			{ "condition", bc_rd_term(r, lang, &it->value, fb3,
						  sizeof fb3) } };
		if (bc_rd_expand(r, lang, "warning.condition", cv, 2,
				 &withcond) == BC_E_OK && withcond.data)
			phen = withcond.data;
	}
	const char *key = NULL;
	switch (it->change) {
	case BC_CHANGE_ISSUED: key = "change.issued"; break;
	case BC_CHANGE_CONTINUED: key = "change.continued"; break;
	case BC_CHANGE_UPGRADED: key = "change.upgraded"; break;
	case BC_CHANGE_DOWNGRADED: key = "change.downgraded"; break;
	case BC_CHANGE_LIFTED: key = "change.lifted"; break;
	default: break;
	}
	if (!key) {
		enum bc_err e0 = bc_buf_adds(out, phen);
		bc_buf_free(&withcond);
		return e0;
	}
	/* An upgrade without a known previous kind reads as issued. */
	bool has_prev = it->last.ja[0] || it->last.code[0];
	if (!has_prev && (it->change == BC_CHANGE_UPGRADED ||
			  it->change == BC_CHANGE_DOWNGRADED))
		key = "change.issued";
	const char *prev = has_prev
		? bc_rd_term(r, lang, &it->last, fb2, sizeof fb2) : "";
	struct bc_buf ch;
	bc_buf_init(&ch, 4096);
	struct bc_var pv[] = { { "previous", prev } };
	enum bc_err e = bc_dict_expand(bc_rd_phrase(r, lang, key), pv, 1, &ch);
	struct bc_var v[] = { { "phenomenon", phen },
			      { "change", ch.data ? ch.data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, "item", v, 2, out);
	bc_buf_free(&ch);
	bc_buf_free(&withcond);
	return e;
}

enum bc_err bc_rd_city_list(struct bc_renderer *r, enum bc_lang lang,
			    const char *const *codes, size_t n, size_t max,
			    struct bc_buf *out)
{
	const char *names[BC_RD_LIST_BODY_NAMES + 1];
	size_t k = n < max ? n : max;
	if (k > BC_RD_LIST_BODY_NAMES)
		k = BC_RD_LIST_BODY_NAMES;
	for (size_t i = 0; i < k; i++)
		names[i] = bc_rd_place(r, lang, BC_AREA_CITY, codes[i]);
	if (k == n)
		return bc_l10n_list(r->l10n, lang, names, k, out);
	struct bc_buf t;
	bc_buf_init(&t, BC_RD_TEXT_MAX);
	enum bc_err e = bc_l10n_list(r->l10n, lang, names, k, &t);
	char cnt[32];
	bc_rd_count(r, lang, n - k, cnt, sizeof cnt);
	struct bc_var v[] = { { "places", t.data ? t.data : "" },
			      { "count", cnt } };
	if (!e)
		e = bc_rd_expand(r, lang, "list.more", v, 2, out);
	bc_buf_free(&t);
	return e;
}

/* ---- per-alert, per-language preparation ------------------------------ */

static enum bc_err prepare_once(struct bc_renderer *r, enum bc_lang lang)
{
	struct bc_rd_cache *c = &r->cache[lang];
	struct bc_buf *t0 = &r->core[0], *t1 = &r->core[1];
	bc_buf_reset(t0);
	bc_buf_reset(t1);
	enum bc_err e = bc_rd_datetime(r, lang, r->a->reported, t0);
	struct bc_var v[] = { { "time", t0->data ? t0->data : "" } };
	if (!e)
		e = bc_rd_expand(r, lang, "time.jst", v, 1, t1);
	if (e)
		return e;
	c->issued_raw = bc_rd_dup(t0);
	c->issued_text = bc_rd_dup(t1);
	if (!c->issued_raw || !c->issued_text)
		return BC_E_NOMEM;
	bc_buf_reset(t0);
	e = bc_rd_headline_text(r, lang, t0);
	if (e)
		return e;
	c->head_text = bc_rd_dup(t0);
	if (!c->head_text)
		return BC_E_NOMEM;
	if (r->kind->prepare)
		return r->kind->prepare(r, lang, c);
	return BC_E_OK;
}

/* Start a message in lang: the shared pieces, and the fallbacks they
 * needed, which every message of the language must list. */
static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang)
{
	struct bc_rd_cache *c = &r->cache[lang];
	r->n_untr = 0;
	if (!c->ready) {
		enum bc_err e = prepare_once(r, lang);
		if (e)
			return e;
		memcpy(c->untr, r->untr, sizeof c->untr);
		c->n_untr = r->n_untr;
		c->ready = true;
		return BC_E_OK;
	}
	memcpy(r->untr, c->untr, c->n_untr * sizeof c->untr[0]);
	r->n_untr = c->n_untr;
	return BC_E_OK;
}

enum bc_err bc_render_begin(struct bc_renderer *r, const struct bc_alert *a,
			    const struct bc_route_plan *plan, time_t sent)
{
	for (int l = 0; l < BC_LANG__COUNT; l++)
		cache_clear(&r->cache[l]);
	r->a = a;
	r->plan = plan;
	r->sent = sent;
	r->kind = kind_of(a->kind);
	return BC_E_OK;
}

uint32_t bc_render_expiry(const struct bc_renderer *r, time_t now)
{
	time_t x = r->a->valid_until;
	if (!x)
		return 0;
	return x > now ? (uint32_t)(x - now) : 1;
}

/* ---- shared message parts ------------------------------------------------ */

/* A document that withdraws an earlier one, or carries nothing to list:
 * the headline names the kind of information, the body says what
 * happened. */
static bool is_bare(const struct bc_renderer *r, size_t n_items)
{
	const struct bc_alert *a = r->a;
	return a->msg_type == BC_MSG_CANCEL ||
	       (n_items == 0 && a->kind == BC_KIND_QUAKE && !a->quake.present);
}

static enum bc_err bare_text(struct bc_renderer *r, enum bc_lang lang,
			     struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	char key[32];
	snprintf(key, sizeof key, "kind.%s", bc_kind_name(a->kind));
	enum bc_err e = bc_buf_adds(headline, bc_rd_phrase(r, lang, key));
	if (!e && a->msg_type == BC_MSG_CANCEL)
		e = bc_buf_adds(body, bc_rd_phrase(r, lang, "cancel.body"));
	return e;
}

/* Items of a place, most important first (indices into a->items). */
static size_t sorted_items(const struct bc_renderer *r, const uint32_t *idx,
			   size_t n, uint32_t *out, size_t max)
{
	const struct bc_alert *a = r->a;
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++)
		out[k++] = idx[i];
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 &&
		     r->kind->rank(a, &a->items[out[j]]) >
			     r->kind->rank(a, &a->items[out[j - 1]]); j--) {
			uint32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return k;
}

/* Prefix for drills, tests, corrections and cancellations, so that no
 * one can mistake one for a live alert. */
static enum bc_err decorate(struct bc_renderer *r, enum bc_lang lang,
			    struct bc_buf *headline)
{
	const struct bc_alert *a = r->a;
	/* A place name first may be written in lower case ("cidade de
	 * Wakkanai"): a headline starts with a capital. */
	enum bc_err ce = bc_l10n_capitalize(headline);
	if (ce)
		return ce;
	const char *mark = NULL, *mt = NULL;
	if (a->status == BC_STATUS_EXERCISE)
		mark = bc_rd_phrase(r, lang, "status.exercise");
	else if (a->status == BC_STATUS_TEST)
		mark = bc_rd_phrase(r, lang, "status.test");
	if (a->msg_type == BC_MSG_CORRECTION)
		mt = bc_rd_phrase(r, lang, "msg.correction");
	else if (a->msg_type == BC_MSG_CANCEL)
		mt = bc_rd_phrase(r, lang, "msg.cancel");
	if (!mark && !mt)
		return BC_E_OK;
	struct bc_buf t;
	bc_buf_init(&t, BC_RD_TEXT_MAX);
	if (mark)
		bc_buf_printf(&t, "[%s] ", mark);
	if (mt)
		bc_buf_printf(&t, "[%s] ", mt);
	enum bc_err e = bc_buf_add(&t, headline->data ? headline->data : "",
				   headline->len);
	bc_buf_reset(headline);
	if (!e)
		e = bc_buf_add(headline, t.data, t.len);
	bc_buf_free(&t);
	return e;
}

static void json_head(struct bc_renderer *r, struct bc_json *j,
		      enum bc_lang lang, int level, enum bc_severity sev)
{
	const struct bc_alert *a = r->a;
	bc_json_obj_open(j);
	bc_json_key(j, "v");
	bc_json_int(j, 1);
	bc_json_key(j, "id");
	bc_json_str(j, a->id);
	bc_json_key(j, "kind");
	bc_json_str(j, bc_kind_name(a->kind));
	bc_json_key(j, "jma");
	bc_json_obj_open(j);
	bc_json_key(j, "type");
	bc_json_str(j, a->type);
	bc_json_key(j, "event");
	bc_json_str(j, a->event_id);
	bc_json_key(j, "serial");
	bc_json_int(j, a->serial);
	bc_json_key(j, "title");
	bc_json_str(j, a->control_title);
	bc_json_key(j, "reported");
	bc_json_str(j, iso_of(r, a->reported, false));
	bc_json_key(j, "url");
	if (strncmp(a->source, "http://", 7) == 0 ||
	    strncmp(a->source, "https://", 8) == 0)
		bc_json_str(j, a->source);
	else
		bc_json_null(j);
	bc_json_obj_close(j);
	bc_json_key(j, "status");
	bc_json_str(j, bc_doc_status_name(a->status));
	bc_json_key(j, "msgType");
	bc_json_str(j, bc_msg_type_name(a->msg_type));
	bc_json_key(j, "severity");
	bc_json_str(j, bc_severity_name(sev));
	bc_json_key(j, "level");
	if (level > 0)
		bc_json_int(j, level);
	else
		bc_json_null(j);
	bc_json_key(j, "lang");
	bc_json_str(j, bc_lang_tag(lang));
}

static void json_texts(struct bc_renderer *r, struct bc_json *j,
		       enum bc_lang lang, const struct bc_buf *headline,
		       const struct bc_buf *body, const uint32_t *idx,
		       size_t n)
{
	bc_json_key(j, "headline");
	bc_json_str(j, headline->data ? headline->data : "");
	bc_json_key(j, "body");
	bc_json_str(j, body->data ? body->data : "");
	bc_json_key(j, "actions");
	bc_json_arr_open(j);
	if (r->a->msg_type != BC_MSG_CANCEL && r->kind->actions) {
		const char *keys[8];
		size_t k = r->kind->actions(r->a, idx, n, keys, 8);
		for (size_t i = 0; i < k; i++)
			bc_json_str(j, bc_rd_phrase(r, lang, keys[i]));
	}
	bc_json_arr_close(j);
}

static void json_tail(struct bc_renderer *r, struct bc_json *j,
		      enum bc_lang lang)
{
	const struct bc_alert *a = r->a;
	bc_json_key(j, "issued");
	bc_json_str(j, iso_of(r, a->reported, false));
	bc_json_key(j, "issuedText");
	bc_json_str(j, r->cache[lang].issued_text);
	bc_json_key(j, "expires");
	if (a->valid_until) {
		bc_json_str(j, iso_of(r, a->valid_until, false));
	} else {
		bc_json_null(j);
	}
	bc_json_key(j, "untranslated");
	bc_json_arr_open(j);
	for (size_t i = 0; i < r->n_untr; i++)
		bc_json_str(j, r->untr[i]);
	bc_json_arr_close(j);
	bc_json_key(j, "sent");
	bc_json_str(j, iso_of(r, r->sent, true));
	bc_json_obj_close(j);
}

/* One entry of "areas": code, name, and what applies there. */
static enum bc_err json_area(struct bc_renderer *r, struct bc_json *j,
			     enum bc_lang lang, const char *code,
			     const char *name, const uint32_t *order, size_t n)
{
	struct bc_buf *detail = &r->core[4];
	enum bc_err e = BC_E_OK;
	bc_buf_reset(detail);
	for (size_t i = 0; i < n && !e; i++) {
		if (i)
			e = bc_buf_adds(detail, "; ");
		if (!e)
			e = r->kind->item(r, lang, &r->a->items[order[i]],
					  detail);
	}
	bc_json_obj_open(j);
	bc_json_key(j, "code");
	bc_json_str(j, code);
	bc_json_key(j, "name");
	bc_json_str(j, name);
	bc_json_key(j, "detail");
	bc_json_str(j, detail->data ? detail->data : "");
	bc_json_obj_close(j);
	return e;
}

/* ---- municipality message ------------------------------------------------ */

enum bc_err bc_render_city(struct bc_renderer *r, enum bc_lang lang,
			   const struct bc_route_city *city,
			   struct bc_buf *out, struct bc_buf *headline,
			   int *level)
{
	const struct bc_alert *a = r->a;
	enum bc_err e = prepare(r, lang);
	if (e)
		return e;
	const char *place = bc_rd_place(r, lang, BC_AREA_CITY, city->code);
	uint32_t order[256];
	size_t n = sorted_items(r, city->items, city->n_items, order, 256);
	struct bc_buf *body = &r->core[1];
	bc_buf_reset(body);
	bc_buf_reset(headline);

	if (is_bare(r, n))
		e = bare_text(r, lang, headline, body);
	else
		e = r->kind->city(r, lang, place, order, n, headline, body);
	if (!e && r->cache[lang].head_text[0]) {
		/* JMA's own words: verbatim in Japanese, the sentences the
		 * dictionary knows elsewhere. */
		if (body->len)
			bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, r->cache[lang].head_text);
	}
	if (!e)
		e = decorate(r, lang, headline);
	if (e)
		return e;

	enum bc_severity sev;
	int lv;
	r->kind->summary(a, order, n, &lv, &sev);
	if (level)
		*level = lv;
	bc_buf_reset(out);
	struct bc_json j;
	bc_json_init(&j, out);
	json_head(r, &j, lang, lv, sev);
	json_texts(r, &j, lang, headline, body, order, n);
	bc_json_key(&j, "areas");
	bc_json_arr_open(&j);
	e = json_area(r, &j, lang, city->code, place, order, n);
	bc_json_arr_close(&j);
	json_tail(r, &j, lang);
	return e ? e : j.err;
}

/* ---- nationwide message ---------------------------------------------------- */

static bool same_statement(const struct bc_item *x, const struct bc_item *y)
{
	return x->change == y->change && !strcmp(x->term.ja, y->term.ja) &&
	       !strcmp(x->term.code, y->term.code) &&
	       !strcmp(x->last.ja, y->last.ja) &&
	       !strcmp(x->value.ja, y->value.ja) &&
	       !strcmp(x->value.code, y->value.code) && x->when == y->when;
}

static void groups_free(struct bc_rd_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].cities);
	free(g);
}

static enum bc_err build_groups(const struct bc_renderer *r,
				struct bc_rd_group **out, size_t *n_out)
{
	const struct bc_alert *a = r->a;
	const struct bc_route_plan *p = r->plan;
	struct bc_rd_group *g = NULL;
	size_t n = 0, cap = 0;
	for (size_t ci = 0; ci < p->n_cities; ci++) {
		const struct bc_route_city *c = &p->cities[ci];
		for (size_t k = 0; k < c->n_items; k++) {
			const struct bc_item *it = &a->items[c->items[k]];
			size_t gi;
			for (gi = 0; gi < n; gi++)
				if (same_statement(&a->items[g[gi].item], it))
					break;
			if (gi == n) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					struct bc_rd_group *ng =
						realloc(g, cap * sizeof *ng);
					if (!ng)
						goto oom;
					g = ng;
				}
				memset(&g[n], 0, sizeof g[n]);
				g[n].item = c->items[k];
				n++;
			}
			struct bc_rd_group *gr = &g[gi];
			if (gr->n && gr->cities[gr->n - 1] == c->code)
				continue;
			if (gr->n == gr->cap) {
				gr->cap = gr->cap ? gr->cap * 2 : 16;
				const char **nc = realloc(gr->cities,
							  gr->cap * sizeof *nc);
				if (!nc)
					goto oom;
				gr->cities = nc;
			}
			gr->cities[gr->n++] = c->code;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 &&
		     r->kind->rank(a, &a->items[g[j].item]) >
			     r->kind->rank(a, &a->items[g[j - 1].item]); j--) {
			struct bc_rd_group t = g[j];
			g[j] = g[j - 1];
			g[j - 1] = t;
		}
	*out = g;
	*n_out = n;
	return BC_E_OK;
oom:
	groups_free(g, n);
	return BC_E_NOMEM;
}

enum bc_err bc_render_national(struct bc_renderer *r, enum bc_lang lang,
			       struct bc_buf *out)
{
	const struct bc_alert *a = r->a;
	const struct bc_route_plan *p = r->plan;
	struct bc_rd_group *g = NULL;
	size_t ng = 0;
	enum bc_err e = prepare(r, lang);
	if (!e)
		e = build_groups(r, &g, &ng);
	if (e)
		return e;
	struct bc_buf *headline = &r->core[0], *body = &r->core[1],
		      *prefs = &r->core[2];
	bc_buf_reset(headline);
	bc_buf_reset(body);
	bc_buf_reset(prefs);

	/* Prefectures concerned (the plan is sorted by code, so each
	 * prefecture's municipalities are together). */
	const char *pnames[48];
	size_t np = 0;
	for (size_t i = 0; i < p->n_cities && np < 48; i++) {
		if (i && strcmp(p->cities[i].pref, p->cities[i - 1].pref) == 0)
			continue;
		pnames[np++] = bc_rd_place(r, lang, BC_AREA_PREF,
					   p->cities[i].pref);
	}
	e = bc_l10n_list(r->l10n, lang, pnames, np, prefs);

	if (!e && is_bare(r, ng))
		e = bare_text(r, lang, headline, body);
	else if (!e)
		e = r->kind->national(r, lang, g, ng,
				      prefs->data ? prefs->data : "", headline,
				      body);
	if (!e && r->cache[lang].head_text[0]) {
		if (body->len)
			bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, r->cache[lang].head_text);
	}
	if (!e)
		e = decorate(r, lang, headline);
	if (e)
		goto cleanup;

	/* Level and severity of the whole document: its most important
	 * statement anywhere. */
	uint32_t top[1] = { ng ? g[0].item : 0 };
	bc_buf_reset(out);
	struct bc_json j;
	bc_json_init(&j, out);
	json_head(r, &j, lang, a->level, a->severity);
	json_texts(r, &j, lang, headline, body, top, ng ? 1 : 0);
	bc_json_key(&j, "areas");
	bc_json_arr_open(&j);
	/* Municipalities when the document names them (warnings, intensity
	 * per town); the areas it was issued for otherwise (tsunami coasts,
	 * EEW regions): a tsunami warning lists its coasts, not the 1 900
	 * towns they expand to — those have their own topics. */
	bool coarse = false;
	for (size_t i = 0; i < a->n_items && !coarse; i++)
		coarse = a->items[i].area_type != BC_AREA_CITY;
	for (size_t ci = 0; ci < p->n_cities && !e && !coarse; ci++) {
		const struct bc_route_city *city = &p->cities[ci];
		uint32_t order[256];
		size_t n = sorted_items(r, city->items, city->n_items, order,
					256);
		e = json_area(r, &j, lang, city->code,
			      bc_rd_place(r, lang, BC_AREA_CITY, city->code),
			      order, n);
	}
	for (size_t i = 0; i < a->n_items && !e && coarse; i++) {
		const struct bc_item *it = &a->items[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = a->items[k].area_type == it->area_type &&
			       !strcmp(a->items[k].area_code, it->area_code);
		if (seen)
			continue;
		uint32_t order[256];
		size_t n = 0;
		for (size_t k = i; k < a->n_items && n < 256; k++)
			if (a->items[k].area_type == it->area_type &&
			    !strcmp(a->items[k].area_code, it->area_code))
				order[n++] = (uint32_t)k;
		const char *nm = bc_rd_place(r, lang, it->area_type,
					     it->area_code);
		if (bc_lang_is_japanese(lang) && it->area_name_ja[0] &&
		    strcmp(nm, it->area_code) == 0)
			nm = it->area_name_ja;
		e = json_area(r, &j, lang, it->area_code, nm, order, n);
	}
	for (size_t i = 0; i < p->n_unresolved && !e && !coarse; i++) {
		const struct bc_item *it = &a->items[p->unresolved[i]];
		/* A code JMA's tables no longer know (a merged town in an
		 * old document): Japanese readers get the document's own
		 * name; everyone else the code, listed as untranslated. */
		const char *nm = bc_rd_place(r, lang, it->area_type,
					     it->area_code);
		if (bc_lang_is_japanese(lang) && it->area_name_ja[0] &&
		    strcmp(nm, it->area_code) == 0)
			nm = it->area_name_ja;
		uint32_t one[1] = { p->unresolved[i] };
		e = json_area(r, &j, lang, it->area_code, nm, one, 1);
	}
	bc_json_arr_close(&j);
	json_tail(r, &j, lang);
	if (!e)
		e = j.err;
cleanup:
	groups_free(g, ng);
	return e;
}

/* ---- state ----------------------------------------------------------------- */

enum bc_err bc_render_state(struct bc_renderer *r, const char *city,
			    enum bc_lang lang,
			    const struct bc_state_entry *entries, size_t n,
			    time_t sent, struct bc_buf *out)
{
	bc_buf_reset(out);
	struct bc_json j;
	bc_json_init(&j, out);
	bc_json_obj_open(&j);
	bc_json_key(&j, "v");
	bc_json_int(&j, 1);
	bc_json_key(&j, "kind");
	bc_json_str(&j, "state");
	bc_json_key(&j, "lang");
	bc_json_str(&j, bc_lang_tag(lang));
	bc_json_key(&j, "area");
	bc_json_obj_open(&j);
	bc_json_key(&j, "code");
	bc_json_str(&j, city);
	bc_json_key(&j, "name");
	const char *name = bc_places_name(r->places, BC_AREA_CITY, city, lang,
					  NULL);
	bc_json_str(&j, name ? name : city);
	bc_json_obj_close(&j);
	bc_json_key(&j, "alerts");
	bc_json_arr_open(&j);
	for (size_t i = 0; i < n; i++) {
		const struct bc_state_entry *e = &entries[i];
		bc_json_obj_open(&j);
		bc_json_key(&j, "kind");
		bc_json_str(&j, e->kind);
		bc_json_key(&j, "id");
		bc_json_str(&j, e->id);
		bc_json_key(&j, "headline");
		bc_json_str(&j, e->headline);
		bc_json_key(&j, "level");
		if (e->level > 0)
			bc_json_int(&j, e->level);
		else
			bc_json_null(&j);
		bc_json_key(&j, "since");
		bc_json_str(&j, iso_of(r, e->since, false));
		bc_json_key(&j, "expires");
		if (e->expires) {
			bc_json_str(&j, iso_of(r, e->expires, false));
		} else {
			bc_json_null(&j);
		}
		bc_json_obj_close(&j);
	}
	bc_json_arr_close(&j);
	bc_json_key(&j, "updated");
	bc_json_str(&j, iso_of(r, sent, true));
	bc_json_obj_close(&j);
	return j.err;
}
