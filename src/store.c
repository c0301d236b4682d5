/* store.c — SQLite behind store.h.  WAL journal, synchronous=NORMAL: a
 * committed transaction survives the process being killed (kill -9); it
 * is the broker acknowledgement, not the disk, that ends a message's life
 * in the outbox. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"



static const char *const sql[S__COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_DOC_BY_ID] = "SELECT 1 FROM docs WHERE id = ?1",
	/* A published report of the same stream that is newer: a later
	 * report time, or a higher serial (a cancellation may repeat the
	 * serial it cancels, so equal serials are not stale). */
	[S_DOC_NEWER] = "SELECT 1 FROM docs WHERE stream = ?1 AND verdict = 0 "
			"AND (reported > ?2 OR (?3 > 0 AND serial > ?3)) LIMIT 1",
	[S_DOC_INSERT] = "INSERT OR IGNORE INTO docs(id, stream, type, "
			 "event_id, serial, reported, msg_type, status, "
			 "verdict, source, received) VALUES (?1, ?2, ?3, ?4, "
			 "?5, ?6, ?7, ?8, ?9, ?10, strftime('%s','now'))",
	[S_DOC_LAST] = "SELECT MAX(reported) FROM docs WHERE verdict = 0",
	[S_STATE_CITIES_OF_STREAM] = "SELECT DISTINCT city FROM state "
				     "WHERE stream = ?1",
	[S_STATE_DELETE_STREAM] = "DELETE FROM state WHERE stream = ?1",
	[S_STATE_PUT] = "INSERT OR REPLACE INTO state(stream, city, lang, "
			"kind, id, level, since, expires, headline, scope) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	/* ?2 < 0: every language at once, grouped by language (one query
	 * per place instead of sixteen when a nationwide document rebuilds
	 * the state of 1 900 places); lang stays the first sort key, so
	 * each language's entries keep their order. */
	[S_STATE_LIST] = "SELECT stream, kind, id, level, since, expires, "
			 "headline, lang FROM state WHERE scope = ?3 AND "
			 "city = ?1 AND (?2 < 0 OR lang = ?2) "
			 "ORDER BY lang, since, stream",
	[S_STATE_EXPIRED_CITIES] = "SELECT DISTINCT scope || '|' || city "
				   "FROM state WHERE "
				   "expires > 0 AND expires <= ?1",
	[S_STATE_DELETE_EXPIRED] = "DELETE FROM state WHERE expires > 0 AND "
				   "expires <= ?1",
	[S_STATE_NEXT_EXPIRY] = "SELECT MIN(expires) FROM state WHERE "
				"expires > 0",
	/* created (?8) is bound from time(2), not strftime('%s','now'):
	 * the same second, without SQLite formatting and re-parsing a
	 * date string for each of a nationwide fan-out's 60 000 rows. */
	[S_OUT_ADD] = "INSERT INTO outbox(topic, payload, retain, expiry, "
		      "created, lang, kind, id) VALUES (?1, ?2, ?3, ?4, "
		      "?8, ?5, ?6, ?7)",
	[S_OUT_NEXT] = "SELECT seq, topic, payload, retain, expiry, created, "
		       "lang, kind, id FROM outbox WHERE seq > ?1 ORDER BY seq "
		       "LIMIT ?2",
	/* A range: PUBACKs come back in order, so the acknowledged seqs
	 * are mostly consecutive and one statement deletes a whole run. */
	[S_OUT_DONE] = "DELETE FROM outbox WHERE seq BETWEEN ?1 AND ?2",
	[S_OUT_COUNT] = "SELECT COUNT(*) FROM outbox",
};

static const char schema[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = NORMAL;"
	"PRAGMA foreign_keys = OFF;"
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	"INSERT OR IGNORE INTO meta VALUES ('schema', '1');"
	"CREATE TABLE IF NOT EXISTS docs("
	" id TEXT PRIMARY KEY, stream TEXT NOT NULL, type TEXT NOT NULL,"
	" event_id TEXT, serial INTEGER, reported INTEGER, msg_type TEXT,"
	" status TEXT, verdict INTEGER, source TEXT, received INTEGER);"
	"CREATE INDEX IF NOT EXISTS docs_stream ON docs(stream, reported);"
	"CREATE TABLE IF NOT EXISTS state("
	" scope INTEGER NOT NULL, stream TEXT NOT NULL, city TEXT NOT NULL,"
	" lang INTEGER NOT NULL,"
	" kind TEXT, id TEXT, level INTEGER, since INTEGER, expires INTEGER,"
	" headline TEXT, PRIMARY KEY(stream, city, lang));"
	"CREATE INDEX IF NOT EXISTS state_city ON state(scope, city, lang);"
	"CREATE INDEX IF NOT EXISTS state_expires ON state(expires)"
	" WHERE expires > 0;"
	"CREATE TABLE IF NOT EXISTS outbox("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,"
	" payload BLOB NOT NULL, retain INTEGER, expiry INTEGER,"
	" created INTEGER, lang TEXT, kind TEXT, id TEXT);";

enum bc_err bc_store__fail(struct bc_store *s, const char *what)
{
	bc_err_log("store", "%s: %s: %s", s->path, what,
		   sqlite3_errmsg(s->db));
	return BC_E_DB;
}

#define db_fail bc_store__fail

void bc_store_close(struct bc_store *s)
{
	if (!s)
		return;
	if (s->on_close)
		s->on_close(s);
	for (int i = 0; i < S__COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s);
}

/* SQLite's automatic checkpoint (after a commit that takes the WAL past
 * 1 000 pages) copies the WAL into the database and fsyncs, inside the
 * commit of whatever document happened to cross the line: about one
 * alert in fifty paid several milliseconds for it (the one-municipality
 * p99 of BENCHMARKS.md).  Instead the daemon checkpoints when it is idle
 * (bc_store_checkpoint); this hook only records the WAL's size, and
 * checkpoints at once when a long burst lets the WAL grow past
 * WAL_FORCE_FRAMES (~64 MB) without an idle moment. */
#define WAL_FORCE_FRAMES 16384

static int wal_hook(void *ud, sqlite3 *db, const char *name, int frames)
{
	struct bc_store *s = ud;
	s->wal_frames = frames;
	if (frames >= WAL_FORCE_FRAMES) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
					  NULL, NULL);
		s->wal_frames = 0;
	}
	return SQLITE_OK;
}

bool bc_store_checkpoint_due(const struct bc_store *s)
{
	return s->wal_frames > 0;
}

enum bc_err bc_store_checkpoint(struct bc_store *s)
{
	if (s->wal_frames <= 0)
		return BC_E_OK;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
					   SQLITE_CHECKPOINT_PASSIVE, NULL,
					   NULL);
	s->wal_frames = 0;
	return rc == SQLITE_OK ? BC_E_OK : db_fail(s, "checkpoint");
}

enum bc_err bc_store_open(const char *path, struct bc_store **out, char *why,
			  size_t why_size)
{
	*out = NULL;
	struct bc_store *s = calloc(1, sizeof *s);
	if (!s)
		return BC_E_NOMEM;
	snprintf(s->path, sizeof s->path, "%s", path);
	char *err = NULL;
	if (sqlite3_open_v2(path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK ||
	    sqlite3_exec(s->db, schema, NULL, NULL, &err) != SQLITE_OK) {
		snprintf(why, why_size, "%s: %s", path,
			 err ? err : (s->db ? sqlite3_errmsg(s->db)
					    : "cannot open"));
		sqlite3_free(err);
		bc_store_close(s);
		return BC_E_DB;
	}
	/* After sqlite3_wal_hook: setting the hook replaces SQLite's
	 * automatic checkpoint (which is itself a WAL hook). */
	sqlite3_wal_hook(s->db, wal_hook, s);
	for (int i = 0; i < S__COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &s->st[i],
				       NULL) != SQLITE_OK) {
			snprintf(why, why_size, "%s: %s", path,
				 sqlite3_errmsg(s->db));
			bc_store_close(s);
			return BC_E_DB;
		}
	}
	*out = s;
	return BC_E_OK;
}

/* Run a statement that returns no rows. */
static enum bc_err step_done(struct bc_store *s, sqlite3_stmt *st,
			     const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_fail(s, what);
	return BC_E_OK;
}

enum bc_err bc_store_begin(struct bc_store *s)
{
	return step_done(s, s->st[S_BEGIN], "begin");
}

enum bc_err bc_store_commit(struct bc_store *s)
{
	return step_done(s, s->st[S_COMMIT], "commit");
}

void bc_store_rollback(struct bc_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		step_done(s, s->st[S_ROLLBACK], "rollback");
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* ---- documents ------------------------------------------------------- */

void bc_store_stream_key(const struct bc_alert *a, char *key, size_t size)
{
	if (a->event_id[0])
		snprintf(key, size, "%s|%s", a->type, a->event_id);
	else
		snprintf(key, size, "%s|%s|%s", a->type, a->office_ja,
			 a->head_title);
}

enum bc_err bc_store_doc_verdict(struct bc_store *s, const struct bc_alert *a,
				 enum bc_doc_verdict *verdict)
{
	sqlite3_stmt *st = s->st[S_DOC_BY_ID];
	bind_text(st, 1, a->id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		*verdict = BC_DOC_DUPLICATE;
		return BC_E_OK;
	}
	if (rc != SQLITE_DONE)
		return db_fail(s, "document lookup");

	char stream[320];
	bc_store_stream_key(a, stream, sizeof stream);
	st = s->st[S_DOC_NEWER];
	bind_text(st, 1, stream);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)a->reported);
	sqlite3_bind_int(st, 3, a->serial);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, "stream lookup");
	*verdict = rc == SQLITE_ROW ? BC_DOC_STALE : BC_DOC_NEW;
	return BC_E_OK;
}

enum bc_err bc_store_doc_record(struct bc_store *s, const struct bc_alert *a,
				enum bc_doc_verdict verdict)
{
	char stream[320];
	bc_store_stream_key(a, stream, sizeof stream);
	sqlite3_stmt *st = s->st[S_DOC_INSERT];
	bind_text(st, 1, a->id);
	bind_text(st, 2, stream);
	bind_text(st, 3, a->type);
	bind_text(st, 4, a->event_id);
	sqlite3_bind_int(st, 5, a->serial);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)a->reported);
	bind_text(st, 7, bc_msg_type_name(a->msg_type));
	bind_text(st, 8, bc_doc_status_name(a->status));
	sqlite3_bind_int(st, 9, (int)verdict);
	bind_text(st, 10, a->source);
	return step_done(s, st, "record document");
}

time_t bc_store_last_report(struct bc_store *s)
{
	sqlite3_stmt *st = s->st[S_DOC_LAST];
	time_t t = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		t = (time_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return t;
}

/* ---- state ------------------------------------------------------------ */

void bc_store_cities_free(char **cities, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cities[i]);
	free(cities);
}

/* Append the text column 0 of every row of st to a string array. */
static enum bc_err collect(struct bc_store *s, sqlite3_stmt *st,
			   char ***cities, size_t *n, const char *what)
{
	enum bc_err e = BC_E_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (!c)
			continue;
		char **p = realloc(*cities, (*n + 1) * sizeof *p);
		if (!p) {
			e = BC_E_NOMEM;
			break;
		}
		*cities = p;
		if (!(p[*n] = strdup(c))) {
			e = BC_E_NOMEM;
			break;
		}
		(*n)++;
	}
	if (!e && rc != SQLITE_DONE)
		e = db_fail(s, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return e;
}

enum bc_err bc_store_state_clear_stream(struct bc_store *s, const char *stream,
					char ***cities, size_t *n_cities)
{
	sqlite3_stmt *st = s->st[S_STATE_CITIES_OF_STREAM];
	bind_text(st, 1, stream);
	enum bc_err e = collect(s, st, cities, n_cities, "state cities");
	if (e)
		return e;
	st = s->st[S_STATE_DELETE_STREAM];
	bind_text(st, 1, stream);
	return step_done(s, st, "clear state");
}

enum bc_err bc_store_state_put(struct bc_store *s,
			       const struct bc_state_entry *e)
{
	sqlite3_stmt *st = s->st[S_STATE_PUT];
	bind_text(st, 1, e->stream);
	bind_text(st, 2, e->city);
	sqlite3_bind_int(st, 3, e->lang);
	bind_text(st, 4, e->kind);
	bind_text(st, 5, e->id);
	sqlite3_bind_int(st, 6, e->level);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)e->since);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)e->expires);
	bind_text(st, 9, e->headline ? e->headline : "");
	sqlite3_bind_int(st, 10, e->scope);
	return step_done(s, st, "put state");
}

enum bc_err bc_store_state_list(struct bc_store *s, int scope,
				const char *city, int lang,
				void (*cb)(void *ud,
					   const struct bc_state_entry *e),
				void *ud)
{
	sqlite3_stmt *st = s->st[S_STATE_LIST];
	bind_text(st, 1, city);
	sqlite3_bind_int(st, 2, lang);
	sqlite3_bind_int(st, 3, scope);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bc_state_entry e;
		memset(&e, 0, sizeof e);
		e.scope = scope;
		snprintf(e.stream, sizeof e.stream, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		snprintf(e.city, sizeof e.city, "%s", city);
		e.lang = sqlite3_column_int(st, 7);
		snprintf(e.kind, sizeof e.kind, "%s",
			 (const char *)sqlite3_column_text(st, 1));
		snprintf(e.id, sizeof e.id, "%s",
			 (const char *)sqlite3_column_text(st, 2));
		e.level = sqlite3_column_int(st, 3);
		e.since = (time_t)sqlite3_column_int64(st, 4);
		e.expires = (time_t)sqlite3_column_int64(st, 5);
		e.headline = (const char *)sqlite3_column_text(st, 6);
		cb(ud, &e);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? BC_E_OK : db_fail(s, "list state");
}

enum bc_err bc_store_state_expire(struct bc_store *s, time_t now,
				  char ***cities, size_t *n_cities)
{
	sqlite3_stmt *st = s->st[S_STATE_EXPIRED_CITIES];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	enum bc_err e = collect(s, st, cities, n_cities, "expired cities");
	if (e)
		return e;
	st = s->st[S_STATE_DELETE_EXPIRED];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	return step_done(s, st, "expire state");
}

time_t bc_store_state_next_expiry(struct bc_store *s)
{
	sqlite3_stmt *st = s->st[S_STATE_NEXT_EXPIRY];
	time_t t = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		t = (time_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return t;
}

/* ---- outbox ----------------------------------------------------------- */

enum bc_err bc_store_outbox_add(struct bc_store *s, const char *topic,
				const char *payload, size_t len, bool retain,
				uint32_t expiry_s, const char *lang,
				const char *kind, const char *id)
{
	sqlite3_stmt *st = s->st[S_OUT_ADD];
	bind_text(st, 1, topic);
	sqlite3_bind_blob64(st, 2, payload, len, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, retain);
	sqlite3_bind_int64(st, 4, expiry_s);
	bind_text(st, 5, lang);
	bind_text(st, 6, kind);
	bind_text(st, 7, id);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)time(NULL));
	return step_done(s, st, "outbox add");
}

void bc_store_outbox_free(struct bc_outbox_msg *msgs, size_t n)
{
	if (!msgs)
		return;
	for (size_t i = 0; i < n; i++) {
		free(msgs[i].topic);
		free(msgs[i].payload);
	}
	free(msgs);
}

static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

enum bc_err bc_store_outbox_next(struct bc_store *s, uint64_t after,
				 size_t max, struct bc_outbox_msg **msgs,
				 size_t *n)
{
	*msgs = NULL;
	*n = 0;
	struct bc_outbox_msg *v = calloc(max ? max : 1, sizeof *v);
	if (!v)
		return BC_E_NOMEM;
	sqlite3_stmt *st = s->st[S_OUT_NEXT];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)after);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	enum bc_err e = BC_E_OK;
	size_t k = 0;
	int rc;
	while (k < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bc_outbox_msg *m = &v[k];
		m->seq = (uint64_t)sqlite3_column_int64(st, 0);
		const char *topic = (const char *)sqlite3_column_text(st, 1);
		int plen = sqlite3_column_bytes(st, 2);
		const void *pl = sqlite3_column_blob(st, 2);
		m->topic = strdup(topic ? topic : "");
		m->payload = malloc((size_t)plen + 1);
		if (!m->topic || !m->payload) {
			free(m->topic);
			free(m->payload);
			e = BC_E_NOMEM;
			break;
		}
		if (plen)
			memcpy(m->payload, pl, (size_t)plen);
		m->payload[plen] = '\0';
		m->len = (size_t)plen;
		m->retain = sqlite3_column_int(st, 3) != 0;
		m->expiry_s = (uint32_t)sqlite3_column_int64(st, 4);
		m->created = (time_t)sqlite3_column_int64(st, 5);
		copy_col(st, 6, m->lang, sizeof m->lang);
		copy_col(st, 7, m->kind, sizeof m->kind);
		copy_col(st, 8, m->id, sizeof m->id);
		k++;
	}
	if (!e && k < max && rc != SQLITE_DONE)
		e = db_fail(s, "outbox read");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (e) {
		bc_store_outbox_free(v, k);
		return e;
	}
	*msgs = v;
	*n = k;
	return BC_E_OK;
}

enum bc_err bc_store_outbox_done(struct bc_store *s, const uint64_t *seqs,
				 size_t n)
{
	if (n == 0)
		return BC_E_OK;
	bool own = sqlite3_get_autocommit(s->db) != 0;
	enum bc_err e = own ? bc_store_begin(s) : BC_E_OK;
	sqlite3_stmt *st = s->st[S_OUT_DONE];
	for (size_t i = 0; i < n && !e;) {
		/* seqs[i..j] are consecutive integers: every seq of the
		 * range was acknowledged, so the range deletes no other. */
		size_t j = i;
		while (j + 1 < n && seqs[j + 1] == seqs[j] + 1)
			j++;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seqs[i]);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)seqs[j]);
		e = step_done(s, st, "outbox done");
		i = j + 1;
	}
	if (own) {
		if (e)
			bc_store_rollback(s);
		else
			e = bc_store_commit(s);
	}
	return e;
}

enum bc_err bc_store_outbox_count(struct bc_store *s, uint64_t *n)
{
	sqlite3_stmt *st = s->st[S_OUT_COUNT];
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BC_E_OK : db_fail(s, "outbox count");
}
