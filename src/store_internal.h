/* store_internal.h — what the store's files share (store.c, and one file
 * per further concern such as store_feed.c).  Only these files touch
 * SQLite. */
#ifndef BC_STORE_INTERNAL_H
#define BC_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

enum stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK,
	S_DOC_BY_ID, S_DOC_NEWER, S_DOC_INSERT, S_DOC_LAST,
	S_STATE_CITIES_OF_STREAM, S_STATE_DELETE_STREAM, S_STATE_PUT,
	S_STATE_LIST, S_STATE_EXPIRED_CITIES, S_STATE_DELETE_EXPIRED,
	S_STATE_NEXT_EXPIRY,
	S_OUT_ADD, S_OUT_NEXT, S_OUT_DONE, S_OUT_COUNT,
	S__COUNT
};

struct bc_store {
	sqlite3 *db;
	sqlite3_stmt *st[S__COUNT];
	char path[512];
	/* Another concern's own state (prepared statements...), released
	 * by its on_close before the database closes. */
	void *ext;
	void (*on_close)(struct bc_store *s);
	/* Frames in the WAL after the last commit (the WAL hook), for
	 * bc_store_checkpoint. */
	int wal_frames;
};

/* Log the SQLite error of what failed, once, and return BC_E_DB. */
enum bc_err bc_store__fail(struct bc_store *s, const char *what);

#endif
