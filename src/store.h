/* store.h — the on-disk store (SQLite, WAL): the outbox, the record of
 * every document seen, and the state of what is in force per place.  The
 * only module that touches SQLite.
 *
 * One document is ingested in one transaction: its record, its state
 * changes and every message rendered from it land together or not at all,
 * so `kill -9` at any moment loses nothing and duplicates nothing.
 */
#ifndef BC_STORE_H
#define BC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "alert.h"
#include "error.h"

struct bc_store; /* opaque */

/* Open (creating if needed) the store at path; ":memory:" for tests. */
enum bc_err bc_store_open(const char *path, struct bc_store **out, char *why,
			  size_t why_size);
void bc_store_close(struct bc_store *s);
/* Checkpoints are not run inside commits (store.c says why): call
 * bc_store_checkpoint when idle if bc_store_checkpoint_due says the WAL
 * has frames the database file lacks. */
bool bc_store_checkpoint_due(const struct bc_store *s);
enum bc_err bc_store_checkpoint(struct bc_store *s);

enum bc_err bc_store_begin(struct bc_store *s);
enum bc_err bc_store_commit(struct bc_store *s);
void bc_store_rollback(struct bc_store *s);

/* ---- documents ---------------------------------------------------- */

/* Where a document stands against what was already seen.  The stream of
 * a document is its JMA EventID and type (warnings, which have no
 * EventID: type and office). */
enum bc_doc_verdict {
	BC_DOC_NEW,        /* publish */
	BC_DOC_DUPLICATE,  /* the same document again: drop */
	BC_DOC_STALE,      /* older than one published: record only */
};
/* Stream key of an alert, written into key (at least 320 bytes). */
void bc_store_stream_key(const struct bc_alert *a, char *key, size_t size);
enum bc_err bc_store_doc_verdict(struct bc_store *s, const struct bc_alert *a,
				 enum bc_doc_verdict *verdict);
enum bc_err bc_store_doc_record(struct bc_store *s, const struct bc_alert *a,
				enum bc_doc_verdict verdict);
/* Latest JMA report time recorded (0 if none), for the status topic. */
time_t bc_store_last_report(struct bc_store *s);

/* ---- state: what is in force, per municipality and language ---------- */

struct bc_state_entry {
	int scope;                 /* 0 live, 1 exercise: separate states */
	char stream[400];
	char city[8];
	int lang;
	char kind[16];
	char id[17];
	int level;
	time_t since;
	time_t expires;            /* 0: none */
	const char *headline;      /* borrowed from the caller / the row */
};

/* Remove every entry of a stream; the cities that had one are appended
 * to *cities (caller frees each and the array; see bc_store_cities_free).
 * A stream belongs to one scope. */
enum bc_err bc_store_state_clear_stream(struct bc_store *s, const char *stream,
					char ***cities, size_t *n_cities);
enum bc_err bc_store_state_put(struct bc_store *s,
			       const struct bc_state_entry *e);
/* Visit a place's entries in one language and scope, oldest first; lang
 * < 0 visits every language, one after the other in enum order (each
 * oldest first), e->lang saying which. */
enum bc_err bc_store_state_list(struct bc_store *s, int scope,
				const char *city, int lang,
				void (*cb)(void *ud,
					   const struct bc_state_entry *e),
				void *ud);
/* Remove entries whose expiry is <= now; their cities go to *cities,
 * each prefixed by its scope digit and a '|' ("0|1310100"). */
enum bc_err bc_store_state_expire(struct bc_store *s, time_t now,
				  char ***cities, size_t *n_cities);
/* Earliest expiry in the state after now, or 0. */
time_t bc_store_state_next_expiry(struct bc_store *s);
void bc_store_cities_free(char **cities, size_t n);

/* ---- outbox --------------------------------------------------------- */

struct bc_outbox_msg {
	uint64_t seq;              /* order of insertion; the ack id */
	char *topic;               /* owned by the row buffer */
	char *payload;
	size_t len;
	bool retain;
	uint32_t expiry_s;
	time_t created;            /* expiry counts from here */
	char lang[12], kind[16], id[17];
};

enum bc_err bc_store_outbox_add(struct bc_store *s, const char *topic,
				const char *payload, size_t len, bool retain,
				uint32_t expiry_s, const char *lang,
				const char *kind, const char *id);
/* Up to max pending messages with seq > after, in order.  The caller
 * frees with bc_store_outbox_free. */
enum bc_err bc_store_outbox_next(struct bc_store *s, uint64_t after,
				 size_t max, struct bc_outbox_msg **msgs,
				 size_t *n);
void bc_store_outbox_free(struct bc_outbox_msg *msgs, size_t n);
/* Mark acknowledged (deletes them). */
enum bc_err bc_store_outbox_done(struct bc_store *s, const uint64_t *seqs,
				 size_t n);
/* Pending messages. */
enum bc_err bc_store_outbox_count(struct bc_store *s, uint64_t *n);

#endif
