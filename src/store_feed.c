/* store_feed.c — the feed source's tables in the store (store_feed.h).
 * Its prepared statements hang off the store's ext slot and are
 * finalized by on_close; a concern that held the slot before is chained,
 * not dropped. */
#include "store_feed.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "store_internal.h"

#define FEED_EXT_MAGIC 0x66656564u /* "feed" */

enum feed_stmt {
	F_GET, F_PUT, F_ADD, F_ENTRY, F_NEXT, F_NEXT_TRY, F_RETRY, F_FINISH,
	F_COUNT, F_PRUNE, F__COUNT
};

static const char *const feed_sql[F__COUNT] = {
	[F_GET] = "SELECT etag, last_modified, last_ok, catchup_since "
		  "FROM feed_state WHERE url = ?1",
	[F_PUT] = "INSERT OR REPLACE INTO feed_state(url, etag, "
		  "last_modified, last_ok, catchup_since) "
		  "VALUES (?1, ?2, ?3, ?4, ?5)",
	[F_ADD] = "INSERT OR IGNORE INTO feed_entries(id, url, feed, title, "
		  "updated, state, catchup, why, seen, closed) VALUES (?1, "
		  "?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%s','now'), "
		  "CASE WHEN ?6 = 0 THEN NULL ELSE strftime('%s','now') END)",
	[F_ENTRY] = "SELECT state FROM feed_entries WHERE id = ?1",
	/* Live entries in the order JMA issued them; a catch-up's newest
	 * first (store_feed.h). */
	[F_NEXT] = "SELECT id, url, updated, seen, attempts FROM feed_entries "
		   "WHERE state = 0 AND next_try <= ?1 ORDER BY catchup, "
		   "CASE WHEN catchup THEN -updated ELSE updated END, seen, id "
		   "LIMIT 1",
	[F_NEXT_TRY] = "SELECT MIN(next_try) FROM feed_entries WHERE state = 0",
	[F_RETRY] = "UPDATE feed_entries SET attempts = attempts + 1, "
		    "next_try = ?2, why = ?3 WHERE id = ?1 AND state = 0",
	[F_FINISH] = "UPDATE feed_entries SET state = ?2, why = ?3, "
		     "closed = strftime('%s','now') WHERE id = ?1",
	[F_COUNT] = "SELECT COUNT(*) FROM feed_entries WHERE state = ?1",
	[F_PRUNE] = "DELETE FROM feed_entries WHERE seen < ?1",
};

static const char feed_schema[] =
	"CREATE TABLE IF NOT EXISTS feed_state("
	" url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
	" last_ok INTEGER, catchup_since INTEGER);"
	"CREATE TABLE IF NOT EXISTS feed_entries("
	" id TEXT PRIMARY KEY, url TEXT NOT NULL, feed TEXT, title TEXT,"
	" updated INTEGER, state INTEGER NOT NULL,"
	" catchup INTEGER NOT NULL DEFAULT 0,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_try INTEGER NOT NULL DEFAULT 0,"
	" seen INTEGER NOT NULL, closed INTEGER, why TEXT);"
	"CREATE INDEX IF NOT EXISTS feed_entries_pending"
	" ON feed_entries(catchup, updated) WHERE state = 0;"
	"CREATE INDEX IF NOT EXISTS feed_entries_seen ON feed_entries(seen);";

struct feed_ext {
	uint32_t magic;
	sqlite3_stmt *st[F__COUNT];
	void *prev_ext;
	void (*prev_close)(struct bc_store *s);
};

static void feed_close(struct bc_store *s)
{
	struct feed_ext *x = s->ext;
	for (int i = 0; i < F__COUNT; i++)
		sqlite3_finalize(x->st[i]);
	s->ext = x->prev_ext;
	s->on_close = x->prev_close;
	free(x);
	if (s->on_close)
		s->on_close(s);
}

static struct feed_ext *ext(struct bc_store *s)
{
	struct feed_ext *x = s->ext;
	if (!x || s->on_close != feed_close || x->magic != FEED_EXT_MAGIC) {
		bc_err_log("store", "%s: feed tables used before "
			   "bc_store_feed_open", s->path);
		return NULL;
	}
	return x;
}

enum bc_err bc_store_feed_open(struct bc_store *s)
{
	if (s->on_close == feed_close)
		return BC_E_OK;
	char *err = NULL;
	if (sqlite3_exec(s->db, feed_schema, NULL, NULL, &err) != SQLITE_OK) {
		bc_err_log("store", "%s: feed tables: %s", s->path,
			   err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return BC_E_DB;
	}
	struct feed_ext *x = calloc(1, sizeof *x);
	if (!x)
		return BC_E_NOMEM;
	x->magic = FEED_EXT_MAGIC;
	for (int i = 0; i < F__COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, feed_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &x->st[i],
				       NULL) != SQLITE_OK) {
			enum bc_err e = bc_store__fail(s, "prepare feed "
						       "statement");
			for (int k = 0; k < i; k++)
				sqlite3_finalize(x->st[k]);
			free(x);
			return e;
		}
	}
	x->prev_ext = s->ext;
	x->prev_close = s->on_close;
	s->ext = x;
	s->on_close = feed_close;
	return BC_E_OK;
}

static void done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static enum bc_err step_done(struct bc_store *s, sqlite3_stmt *st,
			     const char *what)
{
	int rc = sqlite3_step(st);
	done(st);
	return rc == SQLITE_DONE ? BC_E_OK : bc_store__fail(s, what);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void column_copy(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", v ? (const char *)v : "");
}

enum bc_err bc_store_feed_get(struct bc_store *s, const char *feed_url,
			      struct bc_feed_state *fs)
{
	struct feed_ext *x = ext(s);
	memset(fs, 0, sizeof *fs);
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_GET];
	bind_text(st, 1, feed_url);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		column_copy(st, 0, fs->etag, sizeof fs->etag);
		column_copy(st, 1, fs->last_modified,
			    sizeof fs->last_modified);
		fs->last_ok = (time_t)sqlite3_column_int64(st, 2);
		fs->catchup_since = (time_t)sqlite3_column_int64(st, 3);
	}
	done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bc_store__fail(s, "read feed state");
	return BC_E_OK;
}

enum bc_err bc_store_feed_put(struct bc_store *s, const char *feed_url,
			      const struct bc_feed_state *fs)
{
	struct feed_ext *x = ext(s);
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_PUT];
	bind_text(st, 1, feed_url);
	bind_text(st, 2, fs->etag);
	bind_text(st, 3, fs->last_modified);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)fs->last_ok);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)fs->catchup_since);
	return step_done(s, st, "write feed state");
}

enum bc_err bc_store_feed_entry_add(struct bc_store *s,
				    const struct bc_feed_entry_rec *e,
				    bool *added)
{
	struct feed_ext *x = ext(s);
	if (added)
		*added = false;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_ADD];
	bind_text(st, 1, e->id);
	bind_text(st, 2, e->url);
	bind_text(st, 3, e->feed);
	bind_text(st, 4, e->title);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)e->updated);
	sqlite3_bind_int(st, 6, (int)e->state);
	sqlite3_bind_int(st, 7, e->catchup ? 1 : 0);
	bind_text(st, 8, e->why);
	enum bc_err err = step_done(s, st, "record feed entry");
	if (!err && added)
		*added = sqlite3_changes(s->db) > 0;
	return err;
}

enum bc_err bc_store_feed_entry_get(struct bc_store *s, const char *id,
				    bool *known, enum bc_entry_state *state)
{
	struct feed_ext *x = ext(s);
	*known = false;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_ENTRY];
	bind_text(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*known = true;
		if (state)
			*state = (enum bc_entry_state)sqlite3_column_int(st, 0);
	}
	done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bc_store__fail(s, "look up feed entry");
	return BC_E_OK;
}

enum bc_err bc_store_feed_next(struct bc_store *s, int64_t now_ms,
			       struct bc_feed_pending *p, bool *found)
{
	struct feed_ext *x = ext(s);
	*found = false;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_NEXT];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now_ms);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		column_copy(st, 0, p->id, sizeof p->id);
		column_copy(st, 1, p->url, sizeof p->url);
		p->updated = (time_t)sqlite3_column_int64(st, 2);
		p->seen = (time_t)sqlite3_column_int64(st, 3);
		p->attempts = sqlite3_column_int(st, 4);
		*found = true;
	}
	done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bc_store__fail(s, "next feed entry");
	return BC_E_OK;
}

enum bc_err bc_store_feed_next_try(struct bc_store *s, int64_t *t_ms,
				   bool *found)
{
	struct feed_ext *x = ext(s);
	*found = false;
	*t_ms = 0;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_NEXT_TRY];
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*t_ms = (int64_t)sqlite3_column_int64(st, 0);
		*found = true;
	}
	done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return bc_store__fail(s, "next feed retry");
	return BC_E_OK;
}

enum bc_err bc_store_feed_entry_retry(struct bc_store *s, const char *id,
				      int64_t next_try_ms, const char *why)
{
	struct feed_ext *x = ext(s);
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_RETRY];
	bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)next_try_ms);
	bind_text(st, 3, why);
	return step_done(s, st, "feed entry retry");
}

enum bc_err bc_store_feed_entry_finish(struct bc_store *s, const char *id,
				       enum bc_entry_state state,
				       const char *why)
{
	struct feed_ext *x = ext(s);
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_FINISH];
	bind_text(st, 1, id);
	sqlite3_bind_int(st, 2, (int)state);
	bind_text(st, 3, why);
	return step_done(s, st, "close feed entry");
}

enum bc_err bc_store_feed_count(struct bc_store *s,
				enum bc_entry_state state, size_t *n)
{
	struct feed_ext *x = ext(s);
	*n = 0;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_COUNT];
	sqlite3_bind_int(st, 1, (int)state);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	done(st);
	if (rc != SQLITE_ROW)
		return bc_store__fail(s, "count feed entries");
	return BC_E_OK;
}

enum bc_err bc_store_feed_prune(struct bc_store *s, time_t before, size_t *n)
{
	struct feed_ext *x = ext(s);
	*n = 0;
	if (!x)
		return BC_E_INVAL;
	sqlite3_stmt *st = x->st[F_PRUNE];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)before);
	enum bc_err e = step_done(s, st, "prune feed entries");
	if (!e)
		*n = (size_t)sqlite3_changes(s->db);
	return e;
}
