/* render.c — the localizer.  See render.h for the contract and
 * templates/README.md for the sentence patterns it fills.
 *
 * Every message is built from three kinds of text: JMA terms (dictionary,
 * joined on the Japanese name or the code), sentence patterns (templates)
 * and place names (places).  A term or name missing in a language falls
 * back to English and is listed in "untranslated" by code, so a subscriber
 * can tell; nothing Japanese is ever copied into another language.
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "log.h"
#include "store.h"

#define TEXT_MAX (256u * 1024)
#define PAYLOAD_MAX (4u << 20)
#define MAX_UNTR 64
#define LIST_CITY_NAMES 3      /* names in a headline before "and N more" */
#define LIST_BODY_NAMES 30     /* names in a nationwide body line */

/* Work shared by every message of one alert in one language. */
struct lang_cache {
	bool ready;
	char *issued_text;   /* "{time} (Japan time)" */
	char *issued_raw;    /* the date and time alone */
	char *origin_time;   /* quake origin, localized */
	char *epicenter;
	char *depth;
	char *magnitude;
	char *max_int;
	char *quake_facts;   /* expanded quake.body */
	char *comments;      /* translated fixed comments, one per line */
	/* What fell back while preparing: part of every message. */
	char untr[MAX_UNTR][64];
	size_t n_untr;
};

struct bc_renderer {
	const struct bc_dict *dict;
	const struct bc_places *places;
	struct bc_l10n *l10n;

	const struct bc_alert *a;
	const struct bc_route_plan *plan;
	time_t sent;
	struct lang_cache cache[BC_LANG__COUNT];

	/* Codes of what fell back for the message being built. */
	char untr[MAX_UNTR][64];
	size_t n_untr;

	struct bc_buf t[6];  /* scratch texts */
};

static void cache_clear(struct lang_cache *c)
{
	free(c->issued_text);
	free(c->issued_raw);
	free(c->origin_time);
	free(c->epicenter);
	free(c->depth);
	free(c->magnitude);
	free(c->max_int);
	free(c->quake_facts);
	free(c->comments);
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
	for (size_t i = 0; i < sizeof r->t / sizeof r->t[0]; i++)
		bc_buf_init(&r->t[i], TEXT_MAX);
	*out = r;
	return BC_E_OK;
}

void bc_render_free(struct bc_renderer *r)
{
	if (!r)
		return;
	for (int l = 0; l < BC_LANG__COUNT; l++)
		cache_clear(&r->cache[l]);
	for (size_t i = 0; i < sizeof r->t / sizeof r->t[0]; i++)
		bc_buf_free(&r->t[i]);
	free(r);
}

/* ---- small helpers ---------------------------------------------------- */

/* Note "<what>:<code>" (e.g. "WeatherWarning:99", "place:city:0410001")
 * in the message's untranslated list, once. */
static void untranslated(struct bc_renderer *r, const char *what,
			 const char *code_)
{
	char code[64];
	snprintf(code, sizeof code, "%s:%s", what, code_);
	for (size_t i = 0; i < r->n_untr; i++)
		if (strcmp(r->untr[i], code) == 0)
			return;
	if (r->n_untr < MAX_UNTR)
		memcpy(r->untr[r->n_untr++], code, sizeof code);
}

static char *dup_buf(const struct bc_buf *b)
{
	return strdup(b->data ? b->data : "");
}

/* A JMA term in lang; English if lang lacks it; else the code table and
 * code (never Japanese outside ja). */
static const char *term_text(struct bc_renderer *r, enum bc_lang lang,
			     const struct bc_term *t, char *fallback,
			     size_t fb_size)
{
	const char *s = bc_dict_term(r->dict, t, lang);
	if (s)
		return s;
	untranslated(r, t->table[0] ? t->table : "term",
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

static const char *place_text(struct bc_renderer *r, enum bc_lang lang,
			      enum bc_area_type type, const char *code)
{
	enum bc_name_src src = BC_NAME_OFFICIAL;
	const char *s = bc_places_name(r->places, type, code, lang, &src);
	if (!s || src == BC_NAME_FALLBACK || src == BC_NAME_CODE)
	{
		char what[32];
		snprintf(what, sizeof what, "place:%s", bc_area_type_name(type));
		untranslated(r, what, code);
	}
	return s ? s : code;
}

/* A phrase row by key; English, then the key itself, as fallbacks. */
static const char *phrase(struct bc_renderer *r, enum bc_lang lang,
			  const char *key)
{
	const char *s = bc_dict_key(r->dict, key, lang);
	if (s)
		return s;
	untranslated(r, "phrase", key);
	s = bc_dict_key(r->dict, key, BC_LANG_EN);
	return s ? s : key;
}

/* Expand template key in lang into out (appending).  A missing template
 * falls back to English; an expansion error is a bug in the data and is
 * logged. */
static enum bc_err expand(struct bc_renderer *r, enum bc_lang lang,
			  const char *key, const struct bc_var *vars,
			  size_t n, struct bc_buf *out)
{
	const char *t = bc_dict_template(r->dict, key, lang);
	if (!t) {
		untranslated(r, "template", key);
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

/* Class of a warning term for ranking: 特別警報 > 危険警報 > 警報 > 注意報. */
static int term_class(const struct bc_term *t)
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

static int change_weight(enum bc_change c)
{
	switch (c) {
	case BC_CHANGE_ISSUED:
	case BC_CHANGE_UPGRADED:
		return 3;
	case BC_CHANGE_DOWNGRADED:
		return 2;
	case BC_CHANGE_CONTINUED:
	case BC_CHANGE_NONE:
		return 1;
	default:
		return 0;
	}
}

/* Intensity order for quakes: "1" < … < "5-" < "5+" < … < "7". */
static int intensity_rank(const char *code)
{
	static const char *const order[] = { "1", "2", "3", "4", "5-?", "5-",
					     "5+", "6-", "6+", "7" };
	for (int i = 0; i < 10; i++)
		if (strcmp(code, order[i]) == 0)
			return i + 1;
	return 0;
}

/* Ranking of an item: in-force items by severity, news first; lifted
 * items last. */
static long item_rank(const struct bc_alert *a, const struct bc_item *it)
{
	if (a->kind == BC_KIND_QUAKE)
		return intensity_rank(it->term.code);
	bool lifted = it->change == BC_CHANGE_LIFTED;
	return (lifted ? 0 : 100000) + it->level * 1000 +
	       term_class(&it->term) * 10 + change_weight(it->change);
}

/* n in the language's digits, into buf. */
static void count_text(struct bc_renderer *r, enum bc_lang lang, size_t n,
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

/* A document that withdraws an earlier one, or carries nothing to list:
 * the headline names the kind of information, the body says what
 * happened.  Fills headline and body. */
static bool is_bare(const struct bc_alert *a)
{
	return a->msg_type == BC_MSG_CANCEL ||
	       (a->kind == BC_KIND_QUAKE && !a->quake.present);
}

static enum bc_err bare_text(struct bc_renderer *r, enum bc_lang lang,
			     struct bc_buf *headline, struct bc_buf *body)
{
	const struct bc_alert *a = r->a;
	char key[32];
	snprintf(key, sizeof key, "kind.%s", bc_kind_name(a->kind));
	enum bc_err e = bc_buf_adds(headline, phrase(r, lang, key));
	if (!e && a->msg_type == BC_MSG_CANCEL)
		e = bc_buf_adds(body, phrase(r, lang, "cancel.body"));
	return e;
}

/* Level and severity of what concerns one place: the highest over its
 * items still in force.  Kinds without per-item grading keep the
 * document's. */
static void place_summary(const struct bc_alert *a, const uint32_t *idx,
			  size_t n, int *level, enum bc_severity *sev)
{
	if (a->kind != BC_KIND_QUAKE && a->kind != BC_KIND_WARNING) {
		*level = a->level;
		*sev = a->severity;
		return;
	}
	int lv = 0, best = -1;
	for (size_t i = 0; i < n; i++) {
		const struct bc_item *it = &a->items[idx[i]];
		int s;
		if (a->kind == BC_KIND_QUAKE) {
			int k = intensity_rank(it->term.code);
			s = k >= intensity_rank("6-") ? BC_SEV_EXTREME
			  : k >= intensity_rank("5-?") ? BC_SEV_SEVERE
			  : k >= intensity_rank("4") ? BC_SEV_MODERATE
			  : BC_SEV_MINOR;
		} else {
			if (it->change == BC_CHANGE_LIFTED)
				continue;
			int c = term_class(&it->term);
			s = c == 4 ? BC_SEV_EXTREME : c >= 2 ? BC_SEV_SEVERE
			  : c == 1 ? BC_SEV_MODERATE : BC_SEV_MINOR;
			lv = it->level > lv ? it->level : lv;
		}
		best = s > best ? s : best;
	}
	*level = lv;
	/* Nothing left in force here: the news is that it is over. */
	*sev = best < 0 ? BC_SEV_MINOR : (enum bc_severity)best;
}

/* ---- per-language shared pieces ---------------------------------------- */

static enum bc_err prepare_once(struct bc_renderer *r, enum bc_lang lang);

/* Start a message in lang: the shared pieces, and the fallbacks they
 * needed, which every message of the language must list. */
static enum bc_err prepare(struct bc_renderer *r, enum bc_lang lang)
{
	struct lang_cache *c = &r->cache[lang];
	r->n_untr = 0;
	if (!c->ready) {
		enum bc_err e = prepare_once(r, lang);
		if (e)
			return e;
		memcpy(c->untr, r->untr, sizeof c->untr);
		c->n_untr = r->n_untr;
		return BC_E_OK;
	}
	memcpy(r->untr, c->untr, c->n_untr * sizeof c->untr[0]);
	r->n_untr = c->n_untr;
	return BC_E_OK;
}

static enum bc_err prepare_once(struct bc_renderer *r, enum bc_lang lang)
{
	struct lang_cache *c = &r->cache[lang];
	const struct bc_alert *a = r->a;
	struct bc_buf *t0 = &r->t[0], *t1 = &r->t[1];
	enum bc_err e;

	bc_buf_reset(t0);
	bc_buf_reset(t1);
	e = bc_l10n_datetime(r->l10n, lang, a->reported, t0);
	if (e)
		return e;
	struct bc_var v[] = { { "time", t0->data } };
	e = expand(r, lang, "time.jst", v, 1, t1);
	if (e)
		return e;
	c->issued_text = dup_buf(t1);
	c->issued_raw = dup_buf(t0);

	if (a->quake.present) {
		const struct bc_quake *q = &a->quake;
		bc_buf_reset(t0);
		e = bc_l10n_datetime(r->l10n, lang,
				     q->origin_time ? q->origin_time
						    : a->reported, t0);
		if (e)
			return e;
		c->origin_time = dup_buf(t0);
		c->epicenter = strdup(q->epicenter_code[0]
			? place_text(r, lang, BC_AREA_EPICENTER,
				     q->epicenter_code)
			: phrase(r, lang, "quake.epicenter.unknown"));

		bc_buf_reset(t0);
		bc_buf_reset(t1);
		if (q->depth_km > 0) {
			e = bc_l10n_number(r->l10n, lang, q->depth_km, 0, t1);
			struct bc_var dv[] = { { "depth", t1->data } };
			if (!e)
				e = expand(r, lang, "quake.depth.km", dv, 1, t0);
		} else {
			e = expand(r, lang, q->depth_km == 0
					? "quake.depth.shallow"
					: "quake.depth.unknown", NULL, 0, t0);
		}
		if (e)
			return e;
		c->depth = dup_buf(t0);

		bc_buf_reset(t0);
		if (isnan(q->magnitude))
			e = expand(r, lang, "quake.magnitude.unknown", NULL, 0,
				   t0);
		else
			e = bc_l10n_number(r->l10n, lang, q->magnitude, 1, t0);
		if (e)
			return e;
		c->magnitude = dup_buf(t0);

		char fb[64];
		if (q->max_int[0]) {
			struct bc_term it = { .table = "SeismicIntensity" };
			snprintf(it.code, sizeof it.code, "%s", q->max_int);
			c->max_int = strdup(term_text(r, lang, &it, fb,
						      sizeof fb));
		} else {
			c->max_int = strdup(phrase(r, lang,
						   "quake.intensity.unknown"));
		}

		bc_buf_reset(t0);
		struct bc_var qv[] = {
			{ "time", c->origin_time }, { "epicenter", c->epicenter },
			{ "depth", c->depth }, { "magnitude", c->magnitude },
			{ "intensity", c->max_int },
		};
		e = expand(r, lang, "quake.body", qv, 5, t0);
		if (e)
			return e;
		c->quake_facts = dup_buf(t0);

		bc_buf_reset(t0);
		for (int i = 0; i < q->n_comments; i++) {
			struct bc_term ct = { .table =
						      "AdditionalCommentEarthquake" };
			snprintf(ct.code, sizeof ct.code, "%s", q->comments[i]);
			if (i)
				bc_buf_addc(t0, '\n');
			/* JMA's code table writes line breaks inside a
			 * comment as a literal "\n". */
			const char *txt = term_text(r, lang, &ct, fb, sizeof fb);
			for (const char *c2 = txt; *c2; c2++) {
				if (c2[0] == '\\' && c2[1] == 'n') {
					bc_buf_addc(t0, '\n');
					c2++;
				} else {
					bc_buf_addc(t0, *c2);
				}
			}
		}
		c->comments = dup_buf(t0);
	}
	if (!c->issued_text || !c->issued_raw || (a->quake.present &&
				(!c->origin_time || !c->epicenter ||
				 !c->depth || !c->magnitude || !c->max_int ||
				 !c->quake_facts || !c->comments)))
		return BC_E_NOMEM;
	c->ready = true;
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
	return BC_E_OK;
}

static time_t expires_at(const struct bc_alert *a)
{
	if (a->valid_until)
		return a->valid_until;
	return 0;
}

uint32_t bc_render_expiry(const struct bc_renderer *r, time_t now)
{
	time_t x = expires_at(r->a);
	if (!x)
		return 0;
	return x > now ? (uint32_t)(x - now) : 1;
}

/* ---- items ------------------------------------------------------------ */

/* "{phenomenon}: {change}" for one item, appended to out. */
static enum bc_err item_text(struct bc_renderer *r, enum bc_lang lang,
			     const struct bc_item *it, struct bc_buf *out)
{
	char fb1[64], fb2[64];
	const char *phen = term_text(r, lang, &it->term, fb1, sizeof fb1);
	if (r->a->kind == BC_KIND_QUAKE)
		return bc_buf_adds(out, phen);

	struct bc_buf *ch = &r->t[5];
	bc_buf_reset(ch);
	const char *key = NULL;
	switch (it->change) {
	case BC_CHANGE_ISSUED: key = "change.issued"; break;
	case BC_CHANGE_CONTINUED: key = "change.continued"; break;
	case BC_CHANGE_UPGRADED: key = "change.upgraded"; break;
	case BC_CHANGE_DOWNGRADED: key = "change.downgraded"; break;
	case BC_CHANGE_LIFTED: key = "change.lifted"; break;
	default: break;
	}
	if (!key)
		return bc_buf_adds(out, phen);
	const char *prev = it->last.ja[0] || it->last.code[0]
		? term_text(r, lang, &it->last, fb2, sizeof fb2) : "";
	struct bc_var pv[] = { { "previous", prev } };
	enum bc_err e = bc_dict_expand(phrase(r, lang, key), pv, 1, ch);
	if (e)
		return e;
	struct bc_var v[] = { { "phenomenon", phen }, { "change", ch->data } };
	return expand(r, lang, "item", v, 2, out);
}

/* Items of a city, best first (indices into a->items). */
static size_t sorted_items(const struct bc_alert *a, const uint32_t *idx,
			   size_t n, uint32_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++)
		out[k++] = idx[i];
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 &&
		     item_rank(a, &a->items[out[j]]) >
			     item_rank(a, &a->items[out[j - 1]]); j--) {
			uint32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return k;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_head(struct bc_renderer *r, struct bc_json *j,
		      enum bc_lang lang, int level, enum bc_severity sev)
{
	const struct bc_alert *a = r->a;
	char iso[26];
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
	bc_time_iso(a->reported, false, iso);
	bc_json_str(j, iso);
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

static void json_tail(struct bc_renderer *r, struct bc_json *j,
		      enum bc_lang lang)
{
	const struct bc_alert *a = r->a;
	char iso[26];
	bc_json_key(j, "issued");
	bc_time_iso(a->reported, false, iso);
	bc_json_str(j, iso);
	bc_json_key(j, "issuedText");
	bc_json_str(j, r->cache[lang].issued_text);
	bc_json_key(j, "expires");
	time_t x = expires_at(a);
	if (x) {
		bc_time_iso(x, false, iso);
		bc_json_str(j, iso);
	} else {
		bc_json_null(j);
	}
	bc_json_key(j, "untranslated");
	bc_json_arr_open(j);
	for (size_t i = 0; i < r->n_untr; i++)
		bc_json_str(j, r->untr[i]);
	bc_json_arr_close(j);
	bc_json_key(j, "sent");
	bc_time_iso(r->sent, true, iso);
	bc_json_str(j, iso);
	bc_json_obj_close(j);
}

/* Recommended actions for the most important item in force. */
static void json_actions(struct bc_renderer *r, struct bc_json *j,
			 enum bc_lang lang, const uint32_t *idx, size_t n)
{
	const struct bc_alert *a = r->a;
	bc_json_key(j, "actions");
	bc_json_arr_open(j);
	if (a->msg_type == BC_MSG_CANCEL) {
		bc_json_arr_close(j);
		return;
	}
	if (a->kind == BC_KIND_QUAKE) {
		int best = 0;
		for (size_t i = 0; i < n; i++) {
			int k = intensity_rank(a->items[idx[i]].term.code);
			best = k > best ? k : best;
		}
		bool tsunami = false;
		for (int i = 0; i < a->quake.n_comments; i++)
			if (!strcmp(a->quake.comments[i], "0211") ||
			    !strcmp(a->quake.comments[i], "0216") ||
			    !strcmp(a->quake.comments[i], "0226") ||
			    !strcmp(a->quake.comments[i], "0149"))
				tsunami = true;
		if (tsunami)
			bc_json_str(j, phrase(r, lang, "action.quake.tsunami"));
		if (best >= intensity_rank("5-?"))
			bc_json_str(j, phrase(r, lang, "action.quake.protect"));
		if (best >= intensity_rank("4"))
			bc_json_str(j,
				    phrase(r, lang, "action.quake.aftershock"));
	} else {
		int level = 0;
		for (size_t i = 0; i < n; i++) {
			const struct bc_item *it = &a->items[idx[i]];
			if (it->change != BC_CHANGE_LIFTED && it->level > level)
				level = it->level;
		}
		if (level >= 2) {
			char key[32];
			snprintf(key, sizeof key, "action.level%d", level);
			bc_json_str(j, phrase(r, lang, key));
		}
	}
	bc_json_arr_close(j);
}

/* Headline prefix for corrections and exercises, then the text. */
static enum bc_err decorate(struct bc_renderer *r, enum bc_lang lang,
			    struct bc_buf *headline)
{
	const struct bc_alert *a = r->a;
	const char *mark = NULL;
	if (a->status == BC_STATUS_EXERCISE)
		mark = phrase(r, lang, "status.exercise");
	else if (a->status == BC_STATUS_TEST)
		mark = phrase(r, lang, "status.test");
	const char *mt = NULL;
	if (a->msg_type == BC_MSG_CORRECTION)
		mt = phrase(r, lang, "msg.correction");
	else if (a->msg_type == BC_MSG_CANCEL)
		mt = phrase(r, lang, "msg.cancel");
	if (!mark && !mt)
		return BC_E_OK;
	struct bc_buf *t = &r->t[4];
	bc_buf_reset(t);
	if (mark)
		bc_buf_printf(t, "[%s] ", mark);
	if (mt)
		bc_buf_printf(t, "[%s] ", mt);
	bc_buf_add(t, headline->data, headline->len);
	bc_buf_reset(headline);
	return bc_buf_add(headline, t->data, t->len);
}

/* Localized names of the first max cities of idx (plan positions), joined
 * by the list pattern, with "and N more" past max. */
static enum bc_err city_list(struct bc_renderer *r, enum bc_lang lang,
			     const char *const *codes, size_t n, size_t max,
			     struct bc_buf *out)
{
	const char *names[LIST_BODY_NAMES + 1];
	size_t k = n < max ? n : max;
	if (k > LIST_BODY_NAMES)
		k = LIST_BODY_NAMES;
	for (size_t i = 0; i < k; i++)
		names[i] = place_text(r, lang, BC_AREA_CITY, codes[i]);
	if (k == n)
		return bc_l10n_list(r->l10n, lang, names, k, out);
	/* out may be one of the renderer's scratch buffers: build the list
	 * in a buffer of its own. */
	struct bc_buf t;
	bc_buf_init(&t, TEXT_MAX);
	enum bc_err e = bc_l10n_list(r->l10n, lang, names, k, &t);
	char cnt[32];
	count_text(r, lang, n - k, cnt, sizeof cnt);
	struct bc_var v[] = { { "places", t.data ? t.data : "" },
			      { "count", cnt } };
	if (!e)
		e = expand(r, lang, "list.more", v, 2, out);
	bc_buf_free(&t);
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
	struct lang_cache *c = &r->cache[lang];
	const char *place = place_text(r, lang, BC_AREA_CITY, city->code);
	uint32_t order[256];
	size_t n = sorted_items(a, city->items, city->n_items, order, 256);
	struct bc_buf *body = &r->t[1], *item = &r->t[2];
	bc_buf_reset(body);
	bc_buf_reset(headline);
	bc_buf_reset(item);

	if (n)
		e = item_text(r, lang, &a->items[order[0]], item);
	if (e)
		return e;
	char cnt[32];
	count_text(r, lang, n ? n - 1 : 0, cnt, sizeof cnt);

	if (is_bare(a)) {
		e = bare_text(r, lang, headline, body);
	} else if (a->kind == BC_KIND_QUAKE) {
		struct bc_var hv[] = { { "intensity", item->data ? item->data : "" },
				       { "place", place } };
		e = expand(r, lang, "quake.headline", hv, 2, headline);
		if (!e)
			e = bc_buf_adds(body, c->quake_facts);
		struct bc_var cv[] = { { "place", place },
				       { "intensity", item->data ? item->data : "" } };
		if (!e && n) {
			bc_buf_addc(body, '\n');
			e = expand(r, lang, "quake.city", cv, 2, body);
		}
		if (!e && c->comments[0]) {
			bc_buf_addc(body, '\n');
			e = bc_buf_adds(body, c->comments);
		}
	} else {
		struct bc_var hv[] = { { "item", item->data ? item->data : "" },
				       { "place", place }, { "count", cnt } };
		e = expand(r, lang, n > 1 ? "headline.more" : "headline", hv,
			   3, headline);
		struct bc_var iv[] = { { "place", place },
				       { "time", c->issued_raw } };
		if (!e)
			e = expand(r, lang, "warning.intro", iv, 2, body);
		bool in_force = false;
		for (size_t i = 0; i < n && !e; i++) {
			const struct bc_item *it = &a->items[order[i]];
			in_force |= it->change != BC_CHANGE_LIFTED;
			bc_buf_addc(body, '\n');
			e = item_text(r, lang, it, body);
		}
		if (!e && !in_force) {
			bc_buf_addc(body, '\n');
			e = expand(r, lang, "warning.none", iv, 1, body);
		}
	}
	if (!e && lang == BC_LANG_JA && a->headline_ja[0]) {
		bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, a->headline_ja);
	}
	if (!e)
		e = decorate(r, lang, headline);
	if (e)
		return e;

	enum bc_severity sev;
	int lv;
	place_summary(a, order, n, &lv, &sev);
	if (level)
		*level = lv;
	bc_buf_reset(out);
	struct bc_json j;
	bc_json_init(&j, out);
	json_head(r, &j, lang, lv, sev);
	bc_json_key(&j, "headline");
	bc_json_str(&j, headline->data);
	bc_json_key(&j, "body");
	bc_json_str(&j, body->data);
	json_actions(r, &j, lang, order, n);
	bc_json_key(&j, "areas");
	bc_json_arr_open(&j);
	bc_json_obj_open(&j);
	bc_json_key(&j, "code");
	bc_json_str(&j, city->code);
	bc_json_key(&j, "name");
	bc_json_str(&j, place);
	bc_json_key(&j, "detail");
	bc_buf_reset(item);
	for (size_t i = 0; i < n && !e; i++) {
		if (i)
			bc_buf_adds(item, "; ");
		e = item_text(r, lang, &a->items[order[i]], item);
	}
	bc_json_str(&j, item->data ? item->data : "");
	bc_json_obj_close(&j);
	bc_json_arr_close(&j);
	json_tail(r, &j, lang);
	return e ? e : j.err;
}

/* ---- nationwide message ------------------------------------------------- */

/* Items grouped by what they say (term, change, previous term), each with
 * the cities it concerns. */
struct group {
	uint32_t item;         /* representative */
	const char **cities;
	size_t n, cap;
};

static bool same_statement(const struct bc_item *x, const struct bc_item *y)
{
	return x->change == y->change && !strcmp(x->term.ja, y->term.ja) &&
	       !strcmp(x->term.code, y->term.code) &&
	       !strcmp(x->last.ja, y->last.ja);
}

static void groups_free(struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(g[i].cities);
	free(g);
}

static enum bc_err build_groups(const struct bc_renderer *r,
				struct group **out, size_t *n_out)
{
	const struct bc_alert *a = r->a;
	const struct bc_route_plan *p = r->plan;
	struct group *g = NULL;
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
					struct group *ng = realloc(g, cap * sizeof *ng);
					if (!ng)
						goto oom;
					g = ng;
				}
				memset(&g[n], 0, sizeof g[n]);
				g[n].item = c->items[k];
				n++;
			}
			struct group *gr = &g[gi];
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
	/* Most important statement first. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 &&
		     item_rank(a, &a->items[g[j].item]) >
			     item_rank(a, &a->items[g[j - 1].item]); j--) {
			struct group t = g[j];
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
	struct group *g = NULL;
	size_t ng = 0;
	enum bc_err e = prepare(r, lang);
	if (!e)
		e = build_groups(r, &g, &ng);
	if (e)
		return e;
	struct lang_cache *c = &r->cache[lang];
	struct bc_buf *headline = &r->t[0], *body = &r->t[1],
		      *item = &r->t[2], *places = &r->t[3];
	bc_buf_reset(headline);
	bc_buf_reset(body);
	bc_buf_reset(item);

	/* Prefectures concerned, for the intro line. */
	const char *prefs[48];
	size_t n_prefs = 0;
	for (size_t i = 0; i < p->n_cities && n_prefs < 48; i++) {
		const char *pn = place_text(r, lang, BC_AREA_PREF,
					    p->cities[i].pref);
		if (!n_prefs || strcmp(prefs[n_prefs - 1], pn) != 0)
			prefs[n_prefs++] = pn;
	}
	struct bc_buf preflist;
	bc_buf_init(&preflist, TEXT_MAX);
	e = bc_l10n_list(r->l10n, lang, prefs, n_prefs, &preflist);

	if (!e && is_bare(a)) {
		e = bare_text(r, lang, headline, body);
	} else if (!e && a->kind == BC_KIND_QUAKE) {
		struct bc_var hv[] = { { "intensity", c->max_int },
				       { "epicenter", c->epicenter } };
		e = expand(r, lang, "quake.headline.national", hv, 2,
			   headline);
		if (!e)
			e = bc_buf_adds(body, c->quake_facts);
		for (size_t i = 0; i < ng && !e; i++) {
			char fb[64];
			const char *inten = term_text(r, lang,
						      &a->items[g[i].item].term,
						      fb, sizeof fb);
			bc_buf_reset(places);
			e = city_list(r, lang, g[i].cities, g[i].n,
				      LIST_BODY_NAMES, places);
			struct bc_var v[] = { { "intensity", inten },
					      { "places", places->data ? places->data : "" } };
			bc_buf_addc(body, '\n');
			if (!e)
				e = expand(r, lang, "quake.intensity.places",
					   v, 2, body);
		}
		if (!e && c->comments[0]) {
			bc_buf_addc(body, '\n');
			e = bc_buf_adds(body, c->comments);
		}
	} else if (!e) {
		if (ng) {
			e = item_text(r, lang, &a->items[g[0].item], item);
			bc_buf_reset(places);
			if (!e)
				e = city_list(r, lang, g[0].cities, g[0].n,
					      LIST_CITY_NAMES, places);
		}
		char cnt[32];
		count_text(r, lang, ng ? ng - 1 : 0, cnt, sizeof cnt);
		struct bc_var hv[] = {
			{ "item", item->data ? item->data : "" },
			{ "place", places->data ? places->data
						 : (preflist.data ? preflist.data : "") },
			{ "count", cnt } };
		if (!e)
			e = expand(r, lang, ng > 1 ? "headline.more" : "headline",
				   hv, 3, headline);
		struct bc_var iv[] = { { "place", preflist.data ? preflist.data : "" },
				       { "time", c->issued_raw } };
		if (!e)
			e = expand(r, lang, "warning.intro", iv, 2, body);
		for (size_t i = 0; i < ng && !e; i++) {
			bc_buf_reset(item);
			e = item_text(r, lang, &a->items[g[i].item], item);
			bc_buf_reset(places);
			if (!e)
				e = city_list(r, lang, g[i].cities, g[i].n,
					      LIST_BODY_NAMES, places);
			struct bc_var v[] = { { "item", item->data ? item->data : "" },
					      { "places", places->data ? places->data : "" } };
			bc_buf_addc(body, '\n');
			if (!e)
				e = expand(r, lang, "item.places", v, 2, body);
		}
	}
	if (!e && lang == BC_LANG_JA && a->headline_ja[0]) {
		bc_buf_addc(body, '\n');
		e = bc_buf_adds(body, a->headline_ja);
	}
	if (!e)
		e = decorate(r, lang, headline);
	bc_buf_free(&preflist);
	if (e)
		goto cleanup;

	bc_buf_reset(out);
	struct bc_json j;
	bc_json_init(&j, out);
	json_head(r, &j, lang, a->level, a->severity);
	bc_json_key(&j, "headline");
	bc_json_str(&j, headline->data);
	bc_json_key(&j, "body");
	bc_json_str(&j, body->data);
	{
		/* Actions for the most important item anywhere. */
		uint32_t all[1] = { ng ? g[0].item : 0 };
		json_actions(r, &j, lang, all, ng ? 1 : 0);
	}
	bc_json_key(&j, "areas");
	bc_json_arr_open(&j);
	for (size_t ci = 0; ci < p->n_cities && !e; ci++) {
		const struct bc_route_city *city = &p->cities[ci];
		uint32_t order[256];
		size_t n = sorted_items(a, city->items, city->n_items, order,
					256);
		bc_json_obj_open(&j);
		bc_json_key(&j, "code");
		bc_json_str(&j, city->code);
		bc_json_key(&j, "name");
		bc_json_str(&j, place_text(r, lang, BC_AREA_CITY, city->code));
		bc_json_key(&j, "detail");
		bc_buf_reset(item);
		for (size_t i = 0; i < n && !e; i++) {
			if (i)
				bc_buf_adds(item, "; ");
			e = item_text(r, lang, &a->items[order[i]], item);
		}
		bc_json_str(&j, item->data ? item->data : "");
		bc_json_obj_close(&j);
	}
	for (size_t i = 0; i < p->n_unresolved && !e; i++) {
		const struct bc_item *it = &a->items[p->unresolved[i]];
		bc_json_obj_open(&j);
		bc_json_key(&j, "code");
		bc_json_str(&j, it->area_code);
		bc_json_key(&j, "name");
		/* A code JMA's tables no longer know (a merged town in an
		 * old document): Japanese readers get the document's own
		 * name; everyone else the code, listed as untranslated. */
		const char *nm = place_text(r, lang, it->area_type,
					    it->area_code);
		if (bc_lang_is_japanese(lang) && it->area_name_ja[0] &&
		    strcmp(nm, it->area_code) == 0)
			nm = it->area_name_ja;
		bc_json_str(&j, nm);
		bc_json_key(&j, "detail");
		bc_buf_reset(item);
		e = item_text(r, lang, it, item);
		bc_json_str(&j, item->data ? item->data : "");
		bc_json_obj_close(&j);
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
	char iso[26];
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
	enum bc_name_src src;
	const char *name = bc_places_name(r->places, BC_AREA_CITY, city, lang,
					  &src);
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
		bc_time_iso(e->since, false, iso);
		bc_json_str(&j, iso);
		bc_json_key(&j, "expires");
		if (e->expires) {
			bc_time_iso(e->expires, false, iso);
			bc_json_str(&j, iso);
		} else {
			bc_json_null(&j);
		}
		bc_json_obj_close(&j);
	}
	bc_json_arr_close(&j);
	bc_json_key(&j, "updated");
	bc_time_iso(sent, true, iso);
	bc_json_str(&j, iso);
	bc_json_obj_close(&j);
	return j.err;
}
