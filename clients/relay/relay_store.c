/* relay_store.c — the relay's memory of what it relayed (relay_store.h).
 *
 * SQLite directly: the relay is a program of its own, and its database is
 * not bosaicast's outbox (src/store*.c), which belongs to the broadcaster.
 */
#include "relay_store.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "log.h"

#define MOD "relay"

struct bc_relay_store {
	sqlite3 *db;
	sqlite3_stmt *add, *due, *mark_w, *mark_f, *retry, *pending, *prune;
};

static const char *const SCHEMA =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=FULL;"
	"CREATE TABLE IF NOT EXISTS alert("
	" id TEXT NOT NULL, lang TEXT NOT NULL, kind TEXT NOT NULL,"
	" topic TEXT NOT NULL, payload BLOB NOT NULL,"
	" received INTEGER NOT NULL,"     /* ms since the epoch */
	" webhook INTEGER NOT NULL,"      /* enum bc_relay_dest_state */
	" file INTEGER NOT NULL,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_try INTEGER NOT NULL DEFAULT 0,"
	" note TEXT,"
	" PRIMARY KEY(id, lang));"
	"CREATE INDEX IF NOT EXISTS alert_due ON alert(next_try)"
	" WHERE webhook = 1 OR file = 1;";

static enum bc_err db_err(struct bc_relay_store *s, const char *what)
{
	bc_err_log(MOD, "relay database: %s: %s", what, sqlite3_errmsg(s->db));
	return BC_E_DB;
}


enum bc_err bc_relay_store_open(struct bc_relay_store **out, const char *path,
				char *why, size_t why_size)
{
	struct bc_relay_store *s = NULL;
	enum bc_err e = BC_E_OK;
	char *msg = NULL;

	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return BC_E_NOMEM;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL)
	    != SQLITE_OK) {
		snprintf(why, why_size, "%s: %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "cannot open");
		e = BC_E_DB;
		goto cleanup;
	}
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_exec(s->db, SCHEMA, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(why, why_size, "%s: %s", path, msg ? msg : "schema");
		e = BC_E_DB;
		goto cleanup;
	}
	static const struct {
		size_t off;
		const char *sql;
	} stmts[] = {
		{ offsetof(struct bc_relay_store, add),
		  "INSERT OR IGNORE INTO alert(id, lang, kind, topic, payload,"
		  " received, webhook, file) VALUES(?,?,?,?,?,?,?,?)" },
		{ offsetof(struct bc_relay_store, due),
		  "SELECT id, lang, kind, payload, webhook = 1, file = 1,"
		  " attempts FROM alert WHERE (webhook = 1 OR file = 1)"
		  " AND next_try <= ? ORDER BY received, rowid LIMIT 1" },
		{ offsetof(struct bc_relay_store, mark_w),
		  "UPDATE alert SET webhook = ?, note = ? WHERE id = ? AND"
		  " lang = ?" },
		{ offsetof(struct bc_relay_store, mark_f),
		  "UPDATE alert SET file = ?, note = coalesce(?, note)"
		  " WHERE id = ? AND lang = ?" },
		{ offsetof(struct bc_relay_store, retry),
		  "UPDATE alert SET attempts = ?, next_try = ?, note = ?"
		  " WHERE id = ? AND lang = ?" },
		{ offsetof(struct bc_relay_store, pending),
		  "SELECT count(*) FROM alert WHERE webhook = 1 OR file = 1" },
		{ offsetof(struct bc_relay_store, prune),
		  "DELETE FROM alert WHERE received < ? AND webhook <> 1 AND"
		  " file <> 1" },
	};
	for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		sqlite3_stmt **st = (sqlite3_stmt **)((char *)s +
						      stmts[i].off);
		if (sqlite3_prepare_v2(s->db, stmts[i].sql, -1, st, NULL) !=
		    SQLITE_OK) {
			snprintf(why, why_size, "%s: %s", path,
				 sqlite3_errmsg(s->db));
			e = BC_E_DB;
			goto cleanup;
		}
	}
	*out = s;
	s = NULL;
cleanup:
	sqlite3_free(msg);
	bc_relay_store_close(s);
	return e;
}

void bc_relay_store_close(struct bc_relay_store *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->add);
	sqlite3_finalize(s->due);
	sqlite3_finalize(s->mark_w);
	sqlite3_finalize(s->mark_f);
	sqlite3_finalize(s->retry);
	sqlite3_finalize(s->pending);
	sqlite3_finalize(s->prune);
	sqlite3_close(s->db);
	free(s);
}

static long long wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum bc_err bc_relay_store_add(struct bc_relay_store *s, const char *id,
			       const char *lang, const char *kind,
			       const char *topic, const void *payload,
			       size_t len, bool webhook, bool file,
			       bool *added)
{
	sqlite3_stmt *st = s->add;
	*added = false;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, topic, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, payload, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, wall_ms());
	sqlite3_bind_int(st, 7, webhook ? RELAY_PENDING : RELAY_NONE);
	sqlite3_bind_int(st, 8, file ? RELAY_PENDING : RELAY_NONE);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_err(s, "recording an alert");
	*added = sqlite3_changes(s->db) > 0;
	return BC_E_OK;
}

static char *col_dup(sqlite3_stmt *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(st, i);
	int n = sqlite3_column_bytes(st, i);
	char *o = malloc((size_t)n + 1);
	if (!o)
		return NULL;
	if (n)
		memcpy(o, p, (size_t)n);
	o[n] = '\0';
	if (len)
		*len = (size_t)n;
	return o;
}

void bc_relay_row_free(struct bc_relay_row *row)
{
	if (!row)
		return;
	free(row->id);
	free(row->lang);
	free(row->kind);
	free(row->payload);
	memset(row, 0, sizeof *row);
}

enum bc_err bc_relay_store_next_due(struct bc_relay_store *s,
				    long long now_ms, struct bc_relay_row *row,
				    bool *have)
{
	sqlite3_stmt *st = s->due;
	memset(row, 0, sizeof *row);
	*have = false;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, now_ms);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return BC_E_OK;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_err(s, "finding due alerts");
	}
	row->id = col_dup(st, 0, NULL);
	row->lang = col_dup(st, 1, NULL);
	row->kind = col_dup(st, 2, NULL);
	row->payload = col_dup(st, 3, &row->payload_len);
	row->webhook_pending = sqlite3_column_int(st, 4) != 0;
	row->file_pending = sqlite3_column_int(st, 5) != 0;
	row->attempts = (long)sqlite3_column_int64(st, 6);
	sqlite3_reset(st);
	if (!row->id || !row->lang || !row->kind || !row->payload) {
		bc_relay_row_free(row);
		return BC_E_NOMEM;
	}
	*have = true;
	return BC_E_OK;
}

enum bc_err bc_relay_store_mark(struct bc_relay_store *s, const char *id,
				const char *lang, enum bc_relay_dest dest,
				enum bc_relay_dest_state state,
				const char *note)
{
	sqlite3_stmt *st = dest == RELAY_DEST_WEBHOOK ? s->mark_w : s->mark_f;
	sqlite3_reset(st);
	sqlite3_bind_int(st, 1, state);
	if (note)
		sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, lang, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? BC_E_OK : db_err(s, "marking an alert");
}

enum bc_err bc_relay_store_retry(struct bc_relay_store *s, const char *id,
				 const char *lang, long attempts,
				 long long next_ms, const char *note)
{
	sqlite3_stmt *st = s->retry;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, attempts);
	sqlite3_bind_int64(st, 2, next_ms);
	sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, lang, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? BC_E_OK : db_err(s, "scheduling a retry");
}

enum bc_err bc_relay_store_pending(struct bc_relay_store *s, size_t *n)
{
	sqlite3_stmt *st = s->pending;
	*n = 0;
	sqlite3_reset(st);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? BC_E_OK : db_err(s, "counting");
}

enum bc_err bc_relay_store_prune(struct bc_relay_store *s,
				 long long before_ms)
{
	sqlite3_stmt *st = s->prune;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, before_ms);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_err(s, "pruning");
	if (sqlite3_changes(s->db) > 0)
		bc_info(MOD, "forgot %d alert(s) relayed long ago",
			sqlite3_changes(s->db));
	return BC_E_OK;
}
