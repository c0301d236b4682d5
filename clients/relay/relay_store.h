/* bc_relay_store.h — what bosaicast-relay has received and forwarded, in a
 * small SQLite database of its own, so that an alert is relayed once
 * across restarts.
 *
 * One row per (id, lang): the payload as received, and per destination
 * (webhook, file) whether it is not wanted, pending, done or refused.
 * Rows are written before anything is forwarded (WAL, synchronous=FULL),
 * so a crash loses nothing and a redelivery finds its row.
 */
#ifndef BC_RELAY_STORE_H
#define BC_RELAY_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum bc_relay_dest { RELAY_DEST_WEBHOOK, RELAY_DEST_FILE };
enum bc_relay_dest_state { RELAY_NONE, RELAY_PENDING, RELAY_DONE,
			RELAY_REFUSED };

struct bc_relay_store;

/* One alert due for forwarding; strings owned by the row
 * (bc_relay_row_free). */
struct bc_relay_row {
	char *id, *lang, *kind;
	char *payload;
	size_t payload_len;
	bool webhook_pending, file_pending;
	long attempts;
};

/* Open or create the database at path.  Caller owns *out. */
enum bc_err bc_relay_store_open(struct bc_relay_store **out, const char *path,
			     char *why, size_t why_size);
void bc_relay_store_close(struct bc_relay_store *s);

/* Record a received alert; *added is false if (id, lang) was already
 * there (then nothing changes). */
enum bc_err bc_relay_store_add(struct bc_relay_store *s, const char *id,
			    const char *lang, const char *kind,
			    const char *topic, const void *payload,
			    size_t len, bool webhook, bool file,
			    bool *added);
/* The oldest alert with a pending destination whose next attempt is due
 * at now_ms; *have is false if none. */
enum bc_err bc_relay_store_next_due(struct bc_relay_store *s, long long now_ms,
				 struct bc_relay_row *row, bool *have);
void bc_relay_row_free(struct bc_relay_row *row);
/* Set one destination's state; note is the outcome ("HTTP 200"). */
enum bc_err bc_relay_store_mark(struct bc_relay_store *s, const char *id,
			     const char *lang, enum bc_relay_dest dest,
			     enum bc_relay_dest_state st, const char *note);
/* Record a failed attempt and when to try again. */
enum bc_err bc_relay_store_retry(struct bc_relay_store *s, const char *id,
			      const char *lang, long attempts,
			      long long next_ms, const char *note);
/* Alerts with a destination still pending. */
enum bc_err bc_relay_store_pending(struct bc_relay_store *s, size_t *n);
/* Forget alerts received before before_ms whose destinations are all
 * settled. */
enum bc_err bc_relay_store_prune(struct bc_relay_store *s, long long before_ms);

#endif
