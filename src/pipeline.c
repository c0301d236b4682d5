/* pipeline.c — parse → route → render → state + outbox, per document. */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "jmaxml.h"
#include "json.h"
#include "l10n.h"
#include "lang.h"
#include "log.h"
#include "places.h"
#include "render.h"
#include "route.h"

#define PAYLOAD_MAX (4u << 20)
#define TOPIC_MAX 256

struct bc_pipeline {
	const struct bc_config *cfg;  /* borrowed */
	struct bc_store *store;       /* borrowed, may be NULL */
	struct bc_places *places;
	struct bc_dict *dict;
	struct bc_l10n *l10n;
	struct bc_renderer *renderer;
	struct bc_buf payload, headline;
};

void bc_pipeline_close(struct bc_pipeline *p)
{
	if (!p)
		return;
	bc_render_free(p->renderer);
	bc_l10n_close(p->l10n);
	bc_dict_free(p->dict);
	bc_places_free(p->places);
	bc_buf_free(&p->payload);
	bc_buf_free(&p->headline);
	free(p);
}

enum bc_err bc_pipeline_open(const struct bc_config *cfg,
			     struct bc_store *store, struct bc_pipeline **out,
			     char *why, size_t why_size)
{
	*out = NULL;
	struct bc_pipeline *p = calloc(1, sizeof *p);
	if (!p)
		return BC_E_NOMEM;
	p->cfg = cfg;
	p->store = store;
	bc_buf_init(&p->payload, PAYLOAD_MAX);
	bc_buf_init(&p->headline, 64 * 1024);
	enum bc_err e = bc_places_load(cfg->data_dir, &p->places, why,
				       why_size);
	if (!e)
		e = bc_dict_load(cfg->data_dir, &p->dict, why, why_size);
	if (!e)
		e = bc_l10n_open(&p->l10n, why, why_size);
	if (!e)
		e = bc_render_new(p->dict, p->places, p->l10n, &p->renderer);
	if (e) {
		bc_pipeline_close(p);
		return e;
	}
	*out = p;
	return BC_E_OK;
}

static enum bc_err parse(struct bc_pipeline *p, const char *data, size_t len,
			 const char *name, struct bc_alert **a, char *why,
			 size_t why_size)
{
	struct bc_jmaxml_limits lim = {
		.max_bytes = p->cfg->max_document_bytes,
		.max_items = p->cfg->max_items,
	};
	enum bc_err e = bc_jmaxml_parse(data, len, name, &lim, a, why,
					why_size);
	if (e)
		return e;
	/* Forecast-grade EEW is parsed but only published when enabled. */
	if (!p->cfg->eew_forecast && (strcmp((*a)->type, "VXSE44") == 0 ||
				      strcmp((*a)->type, "VXSE45") == 0)) {
		snprintf(why, why_size, "%s (forecast-grade EEW) is off "
			 "(eew_forecast = off)", (*a)->type);
		bc_alert_free(*a);
		*a = NULL;
		return BC_E_UNSUPPORTED;
	}
	return BC_E_OK;
}

enum bc_err bc_pipeline_render(struct bc_pipeline *p, const char *data,
			       size_t len, const char *name, uint32_t langs,
			       void (*emit)(void *ud,
					    const struct bc_message *m),
			       void *ud, char *why, size_t why_size)
{
	struct bc_alert *a = NULL;
	struct bc_route_plan plan = { 0 };
	char topic[TOPIC_MAX];
	enum bc_err e = parse(p, data, len, name, &a, why, why_size);
	if (e)
		return e;
	const char *root = a->status == BC_STATUS_ACTUAL
				   ? p->cfg->root : p->cfg->exercise_root;
	e = bc_route_plan(p->places, a, p->cfg->max_cities, &plan);
	if (e) {
		snprintf(why, why_size, "cannot route: %s", bc_strerror(e));
		goto cleanup;
	}
	bc_render_begin(p->renderer, a, &plan, time(NULL));
	uint32_t expiry = bc_render_expiry(p->renderer, time(NULL));
	for (int l = 0; l < BC_LANG__COUNT && !e; l++) {
		if (!(langs & (1u << l)))
			continue;
		enum bc_lang lang = (enum bc_lang)l;
		struct bc_message m = {
			.topic = topic, .expiry_s = expiry,
			.lang = bc_lang_tag(lang), .kind = bc_kind_name(a->kind),
			.id = a->id,
		};
		e = bc_render_national(p->renderer, lang, &p->payload);
		if (!e)
			e = bc_route_topic_alert(topic, sizeof topic, root,
						 lang, a->kind);
		if (!e) {
			m.payload = p->payload.data;
			m.len = p->payload.len;
			emit(ud, &m);
		}
		for (size_t c = 0; c < plan.n_cities && !e; c++) {
			e = bc_render_city(p->renderer, lang, &plan.cities[c],
					   &p->payload, &p->headline, NULL);
			if (!e)
				e = bc_route_topic_area(topic, sizeof topic,
							root,
							plan.cities[c].code,
							lang, a->kind);
			if (!e) {
				m.payload = p->payload.data;
				m.len = p->payload.len;
				emit(ud, &m);
			}
		}
	}
	if (e)
		snprintf(why, why_size, "cannot render: %s", bc_strerror(e));
cleanup:
	bc_route_plan_free(&plan);
	bc_alert_free(a);
	return e;
}

/* ---- ingest ------------------------------------------------------------- */

/* The key under which an alert's state lives: the next report of the same
 * stream replaces it.  Quake reports of one event (震度速報, 震源・震度
 * 情報, …) replace each other whatever their type. */
static void state_key(const struct bc_alert *a, char *key, size_t size)
{
	const char *scope = a->status == BC_STATUS_ACTUAL ? "live" : "x";
	if (a->kind == BC_KIND_QUAKE && a->event_id[0] &&
	    strcmp(a->type, "VXSE62") != 0) {
		/* 震度速報, 震源・震度情報, 震源要素更新: one event, one
		 * entry; long-period ground motion (VXSE62) sits beside it. */
		snprintf(key, size, "%s|quake|%s", scope, a->event_id);
	} else if (a->kind == BC_KIND_EEW && a->event_id[0]) {
		snprintf(key, size, "%s|eew|%s", scope, a->event_id);
	} else if (strcmp(a->type, "VTSE41") == 0 ||
		   a->kind == BC_KIND_NANKAI) {
		/* The latest tsunami warning bulletin, and the latest Nankai
		 * or Hokkaido-Sanriku information of each type, say all that
		 * is in force: their EventIDs change within one event. */
		snprintf(key, size, "%s|%s|%s", scope, bc_kind_name(a->kind),
			 a->type);
	} else {
		char s[320];
		bc_store_stream_key(a, s, sizeof s);
		snprintf(key, size, "%s|%s", scope, s);
	}
}

/* Reports of something that happened (a quake, record rain, an eruption,
 * observed tsunami heights) rather than of a condition that lasts until
 * JMA lifts it: they leave the state after event_state_ttl. */
static bool is_event_report(const struct bc_alert *a)
{
	static const char *const types[] = { "VTSE51", "VTSE52", "VFVO51",
					     "VFVO52", "VFVO56", "VYSE51",
					     "VYSE52" };
	if (a->kind == BC_KIND_QUAKE || a->kind == BC_KIND_EEW ||
	    a->kind == BC_KIND_RAIN)
		return true;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(a->type, types[i]) == 0)
			return true;
	return false;
}

static time_t state_expires(const struct bc_pipeline *p,
			    const struct bc_alert *a)
{
	if (a->valid_until)
		return a->valid_until;
	if (is_event_report(a) && p->cfg->quake_state_ttl > 0)
		return a->reported + p->cfg->quake_state_ttl;
	return 0;
}

/* Whether a municipality still has something in force after this report. */
static bool in_force(const struct bc_alert *a, const struct bc_route_city *c)
{
	if (a->msg_type == BC_MSG_CANCEL)
		return false;
	for (size_t i = 0; i < c->n_items; i++)
		if (a->items[c->items[i]].change != BC_CHANGE_LIFTED)
			return true;
	return false;
}

struct state_collect {
	struct bc_state_entry *v;
	size_t n, cap;
	char **strings;  /* owned copies of headlines */
};

static void collect_entry(void *ud, const struct bc_state_entry *e)
{
	struct state_collect *sc = ud;
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 8;
		struct bc_state_entry *v = realloc(sc->v, cap * sizeof *v);
		char **s = realloc(sc->strings, cap * sizeof *s);
		if (v)
			sc->v = v;
		if (s)
			sc->strings = s;
		if (!v || !s)
			return;
		sc->cap = cap;
	}
	char *h = strdup(e->headline ? e->headline : "");
	if (!h)
		return;
	sc->v[sc->n] = *e;
	sc->v[sc->n].headline = h;
	sc->strings[sc->n] = h;
	sc->n++;
}

static void collect_reset(struct state_collect *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->strings[i]);
	sc->n = 0;
}

static int cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Render and queue the retained state of each city in every language. */
static enum bc_err republish_state(struct bc_pipeline *p, int scope,
				   const char *root, char **cities, size_t n,
				   size_t *queued)
{
	struct state_collect sc = { 0 };
	char topic[TOPIC_MAX];
	enum bc_err e = BC_E_OK;
	if (n > 1) /* cities may be NULL when there are none */
		qsort(cities, n, sizeof *cities, cmp_cstr);
	time_t now = time(NULL);
	for (size_t i = 0; i < n && !e; i++) {
		if (i && strcmp(cities[i], cities[i - 1]) == 0)
			continue;
		/* One query for every language of the place (they come
		 * grouped by language, in enum order); then the entries of
		 * language l are sc.v[k .. k + m). */
		collect_reset(&sc);
		e = bc_store_state_list(p->store, scope, cities[i], -1,
					collect_entry, &sc);
		size_t k = 0;
		for (int l = 0; l < BC_LANG__COUNT && !e; l++) {
			while (k < sc.n && sc.v[k].lang < l)
				k++;
			size_t m = 0;
			while (k + m < sc.n && sc.v[k + m].lang == l)
				m++;
			if (!(p->cfg->languages & (1u << l)))
				continue;
			e = bc_render_state(p->renderer, cities[i],
					    (enum bc_lang)l, sc.v + k, m, now,
					    &p->payload);
			if (!e)
				e = bc_route_topic_state(topic, sizeof topic,
							 root, cities[i],
							 (enum bc_lang)l);
			if (!e)
				e = bc_store_outbox_add(
					p->store, topic, p->payload.data,
					p->payload.len, true, 0,
					bc_lang_tag((enum bc_lang)l), "state",
					"");
			if (!e)
				(*queued)++;
		}
	}
	collect_reset(&sc);
	free(sc.v);
	free(sc.strings);
	return e;
}

static enum bc_err queue_document(struct bc_pipeline *p,
				  const struct bc_alert *a,
				  const struct bc_route_plan *plan,
				  const char *root, struct bc_ingest_result *res)
{
	const struct bc_config *cfg = p->cfg;
	char topic[TOPIC_MAX], skey[400];
	char **cities = NULL;
	size_t n_cities = 0;
	struct bc_route_plan cplan = { 0 };
	int scope = a->status == BC_STATUS_ACTUAL ? 0 : 1;
	time_t now = time(NULL);
	state_key(a, skey, sizeof skey);
	/* A report that names no place (a hypocentre alone, a nationwide
	 * commentary) leaves the state as it is: it must not erase the
	 * intensities an earlier report of the same event put there.  A
	 * cancellation names none either, but withdraws. */
	bool touches_state = plan->n_cities > 0 || a->msg_type == BC_MSG_CANCEL;

	enum bc_err e = touches_state
		? bc_store_state_clear_stream(p->store, skey, &cities, &n_cities)
		: BC_E_OK;
	if (e)
		goto cleanup;
	/* A cancellation names no places: it concerns the places of what it
	 * withdraws, which the state still lists.  Each gets an explicit
	 * cancellation on its own topic, not just a quieter state. */
	if (a->msg_type == BC_MSG_CANCEL && plan->n_cities == 0 && n_cities) {
		cplan.cities = calloc(n_cities, sizeof *cplan.cities);
		if (!cplan.cities) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
		for (size_t i = 0; i < n_cities; i++) {
			snprintf(cplan.cities[i].code, sizeof cplan.cities[i].code,
				 "%s", cities[i]);
			bc_places_pref_of(cplan.cities[i].code,
					  cplan.cities[i].pref);
		}
		cplan.n_cities = n_cities;
		plan = &cplan;
	}
	bc_render_begin(p->renderer, a, plan, now);
	uint32_t expiry = bc_render_expiry(p->renderer, now);
	time_t st_exp = state_expires(p, a);
	const char *kind = bc_kind_name(a->kind);
	/* The state entry's fields common to every place and language,
	 * written once rather than for each of up to 30 000 entries. */
	struct bc_state_entry se = {
		.scope = scope, .since = a->reported, .expires = st_exp,
	};
	snprintf(se.stream, sizeof se.stream, "%s", skey);
	snprintf(se.kind, sizeof se.kind, "%s", kind);
	snprintf(se.id, sizeof se.id, "%s", a->id);
	for (int l = 0; l < BC_LANG__COUNT && !e; l++) {
		if (!(cfg->languages & (1u << l)))
			continue;
		enum bc_lang lang = (enum bc_lang)l;
		const char *tag = bc_lang_tag(lang);
		e = bc_render_national(p->renderer, lang, &p->payload);
		if (!e)
			e = bc_route_topic_alert(topic, sizeof topic, root,
						 lang, a->kind);
		if (!e)
			e = bc_store_outbox_add(p->store, topic,
						p->payload.data, p->payload.len,
						false, expiry, tag, kind, a->id);
		if (!e)
			res->messages++;
		for (size_t c = 0; c < plan->n_cities && !e; c++) {
			const struct bc_route_city *city = &plan->cities[c];
			int level = 0;
			e = bc_render_city(p->renderer, lang, city,
					   &p->payload, &p->headline, &level);
			if (!e)
				e = bc_route_topic_area(topic, sizeof topic,
							root, city->code,
							lang, a->kind);
			if (!e)
				e = bc_store_outbox_add(
					p->store, topic, p->payload.data,
					p->payload.len, false, expiry, tag,
					kind, a->id);
			if (!e)
				res->messages++;
			if (!e && in_force(a, city)) {
				se.lang = l;
				se.level = level;
				se.headline = p->headline.data;
				snprintf(se.city, sizeof se.city, "%s",
					 city->code);
				e = bc_store_state_put(p->store, &se);
			}
		}
	}
	/* Every place whose state may have changed: those that had an entry
	 * of this stream, and those this report concerns. */
	for (size_t c = 0; c < plan->n_cities && !e && plan != &cplan; c++) {
		char **v = realloc(cities, (n_cities + 1) * sizeof *v);
		if (!v) {
			e = BC_E_NOMEM;
			break;
		}
		cities = v;
		if (!(cities[n_cities] = strdup(plan->cities[c].code))) {
			e = BC_E_NOMEM;
			break;
		}
		n_cities++;
	}
	if (!e)
		e = republish_state(p, scope, root, cities, n_cities,
				    &res->messages);
cleanup:
	free(cplan.cities);
	bc_store_cities_free(cities, n_cities);
	return e;
}

enum bc_err bc_pipeline_ingest(struct bc_pipeline *p, const char *data,
			       size_t len, const char *name,
			       struct bc_ingest_result *res)
{
	struct bc_alert *a = NULL;
	struct bc_route_plan plan = { 0 };
	char why[512] = "";
	bool txn = false;
	memset(res, 0, sizeof *res);
	enum bc_err e = parse(p, data, len, name, &a, why, sizeof why);
	if (e == BC_E_UNSUPPORTED) {
		res->skipped = true;
		res->err = e;
		bc_info("ingest", "%s: skipped: %s", name, why);
		return e;
	}
	if (e) {
		res->err = e;
		bc_err_log("ingest", "%s: rejected: %s: %s", name,
			   bc_strerror(e), why);
		return e;
	}
	snprintf(res->type, sizeof res->type, "%s", a->type);
	snprintf(res->id, sizeof res->id, "%s", a->id);
	res->kind = a->kind;

	const char *root = bc_route_root(a, p->cfg->root,
					 p->cfg->exercise_root,
					 p->cfg->exercise);
	e = bc_route_plan(p->places, a, p->cfg->max_cities, &plan);
	if (e) {
		bc_err_log("ingest", "%s: rejected: cannot route: %s", name,
			   bc_strerror(e));
		goto cleanup;
	}
	res->cities = plan.n_cities;
	if ((e = bc_store_begin(p->store)))
		goto cleanup;
	txn = true;
	if ((e = bc_store_doc_verdict(p->store, a, &res->verdict)))
		goto cleanup;
	if (res->verdict == BC_DOC_DUPLICATE) {
		bc_info("ingest", "%s: %s %s duplicate of a document already "
			"seen: not published again", name, a->type, a->id);
		goto cleanup;
	}
	if (res->verdict == BC_DOC_NEW && !root) {
		bc_info("ingest", "%s: %s %s is a %s document and exercises "
			"are off: recorded, not published", name, a->type,
			a->id, bc_doc_status_name(a->status));
	} else if (res->verdict == BC_DOC_NEW) {
		e = queue_document(p, a, &plan, root, res);
		if (e)
			goto cleanup;
	} else {
		bc_info("ingest", "%s: %s %s serial %d is older than a report "
			"already published: recorded, not announced", name,
			a->type, a->id, a->serial);
	}
	if ((e = bc_store_doc_record(p->store, a, res->verdict)))
		goto cleanup;
	e = bc_store_commit(p->store);
	txn = false;
	if (!e && res->verdict == BC_DOC_NEW && root)
		bc_info("ingest", "%s: %s %s %s serial %d: %zu places, %zu "
			"messages queued", name, a->type, a->id,
			bc_msg_type_name(a->msg_type), a->serial,
			plan.n_cities, res->messages);
cleanup:
	if (txn)
		bc_store_rollback(p->store);
	if (e && e != BC_E_UNSUPPORTED)
		bc_err_log("ingest", "%s: not published: %s", name,
			   bc_strerror(e));
	res->err = e;
	bc_route_plan_free(&plan);
	bc_alert_free(a);
	return e;
}

enum bc_err bc_pipeline_expire(struct bc_pipeline *p, time_t now, size_t *n)
{
	char **cities = NULL;
	size_t n_cities = 0, queued = 0;
	*n = 0;
	enum bc_err e = bc_store_begin(p->store);
	if (e)
		return e;
	e = bc_store_state_expire(p->store, now, &cities, &n_cities);
	/* Entries come back as "scope|city": republish each scope apart. */
	for (int scope = 0; scope < 2 && !e; scope++) {
		char **mine = calloc(n_cities ? n_cities : 1, sizeof *mine);
		size_t k = 0;
		if (!mine) {
			e = BC_E_NOMEM;
			break;
		}
		for (size_t i = 0; i < n_cities; i++)
			if (cities[i][0] == '0' + scope && cities[i][1] == '|')
				mine[k++] = strdup(cities[i] + 2);
		for (size_t i = 0; i < k && !e; i++)
			if (!mine[i])
				e = BC_E_NOMEM;
		if (!e && k)
			e = republish_state(p, scope,
					    scope ? p->cfg->exercise_root
						  : p->cfg->root,
					    mine, k, &queued);
		bc_store_cities_free(mine, k);
		*n += k;
	}
	bc_store_cities_free(cities, n_cities);
	if (e) {
		bc_store_rollback(p->store);
		return e;
	}
	return bc_store_commit(p->store);
}

enum bc_err bc_pipeline_status(struct bc_pipeline *p, bool online,
			       time_t started, uint64_t backlog,
			       const char *sources_json, char **payload)
{
	struct bc_buf b;
	struct bc_json j;
	char iso[26];
	bc_buf_init(&b, 64 * 1024);
	bc_json_init(&j, &b);
	bc_json_obj_open(&j);
	bc_json_key(&j, "v");
	bc_json_int(&j, 1);
	bc_json_key(&j, "kind");
	bc_json_str(&j, "status");
	bc_json_key(&j, "online");
	bc_json_bool(&j, online);
	if (online) {
		bc_json_key(&j, "since");
		bc_time_iso(started, true, iso);
		bc_json_str(&j, iso);
		bc_json_key(&j, "lastDocument");
		time_t last = p->store ? bc_store_last_report(p->store) : 0;
		if (last) {
			bc_time_iso(last, false, iso);
			bc_json_str(&j, iso);
		} else {
			bc_json_null(&j);
		}
		bc_json_key(&j, "backlog");
		bc_json_int(&j, (long long)backlog);
		bc_json_key(&j, "exercise");
		bc_json_bool(&j, p->cfg->exercise);
		bc_json_key(&j, "sources");
		if (sources_json)
			bc_json_raw(&j, sources_json, strlen(sources_json));
		else
			bc_json_null(&j);
		bc_json_key(&j, "sent");
		bc_time_iso(time(NULL), true, iso);
		bc_json_str(&j, iso);
	}
	bc_json_obj_close(&j);
	if (j.err) {
		bc_buf_free(&b);
		return j.err;
	}
	*payload = bc_buf_steal(&b, NULL);
	return *payload ? BC_E_OK : BC_E_NOMEM;
}
