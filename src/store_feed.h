/* store_feed.h — what the feed source (source_feed.c) keeps in the store,
 * so that a restart neither refetches nor re-broadcasts anything:
 *
 *   feed_state    per feed URL: the ETag and Last-Modified of the last
 *                 feed read (for conditional GET), when it was last read
 *                 successfully, and from when a catch-up from the long
 *                 feed is owed;
 *   feed_entries  per entry id: its document URL, title and date, and
 *                 where it stands (pending, done, failed, skipped), with
 *                 the attempts and the next try of a pending one.
 *
 * An entry is recorded as pending when a feed first lists it and marked
 * done only after its document was handed over and the handler said so:
 * a crash in between fetches it again, and the store's document dedupe
 * (bc_store_doc_verdict) then refuses it, so it is published once.
 */
#ifndef BC_STORE_FEED_H
#define BC_STORE_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "store.h"

/* Create the tables (if needed) and prepare the statements; released by
 * bc_store_close.  Call once per store before any function below; a
 * second call is a no-op. */
enum bc_err bc_store_feed_open(struct bc_store *s);

struct bc_feed_state {
	char etag[256];            /* "" none */
	char last_modified[64];    /* "" none */
	time_t last_ok;            /* last successful read, 0 never */
	time_t catchup_since;      /* catch-up owed from here, 0 none */
};

/* The state of a feed; zeroed if it was never recorded. */
enum bc_err bc_store_feed_get(struct bc_store *s, const char *feed_url,
			      struct bc_feed_state *st);
enum bc_err bc_store_feed_put(struct bc_store *s, const char *feed_url,
			      const struct bc_feed_state *st);

enum bc_entry_state {
	BC_ENTRY_PENDING = 0,   /* to fetch */
	BC_ENTRY_DONE = 1,      /* fetched and handed over */
	BC_ENTRY_FAILED = 2,    /* given up; why says why */
	BC_ENTRY_SKIPPED = 3,   /* never fetched (type not broadcast, too
				 * old); why says why */
};

struct bc_feed_entry_rec {
	const char *id;
	const char *url;
	const char *feed;          /* the feed that listed it */
	const char *title;
	time_t updated;
	enum bc_entry_state state;
	/* Listed by a long feed during a catch-up: fetched newest first,
	 * after the live ones, so that a newer report of a stream is
	 * published and the older ones it replaced are only recorded. */
	bool catchup;
	const char *why;           /* NULL ok */
};

/* Record an entry unless its id is known; *added says whether it was
 * new (may be NULL). */
enum bc_err bc_store_feed_entry_add(struct bc_store *s,
				    const struct bc_feed_entry_rec *e,
				    bool *added);
/* Whether an entry id is known, and its state. */
enum bc_err bc_store_feed_entry_get(struct bc_store *s, const char *id,
				    bool *known, enum bc_entry_state *state);

/* The next pending entry due by now_ms (wall clock, milliseconds since
 * the epoch): live entries oldest first, then catch-up entries newest
 * first.  *found false if none. */
struct bc_feed_pending {
	char id[1025];
	char url[1025];
	time_t updated;
	time_t seen;               /* when first recorded */
	int attempts;
};
enum bc_err bc_store_feed_next(struct bc_store *s, int64_t now_ms,
			       struct bc_feed_pending *p, bool *found);
/* Earliest next try (wall clock ms) of a pending entry; *found false if
 * none is pending. */
enum bc_err bc_store_feed_next_try(struct bc_store *s, int64_t *t_ms,
				   bool *found);
/* A fetch failed for now: count the attempt, try again at next_try_ms. */
enum bc_err bc_store_feed_entry_retry(struct bc_store *s, const char *id,
				      int64_t next_try_ms, const char *why);
/* Close an entry: done, failed or skipped (why NULL ok). */
enum bc_err bc_store_feed_entry_finish(struct bc_store *s, const char *id,
				       enum bc_entry_state state,
				       const char *why);
/* Entries in a state (for status and tests). */
enum bc_err bc_store_feed_count(struct bc_store *s,
				enum bc_entry_state state, size_t *n);
/* Forget entries recorded before `before` (whatever their state). */
enum bc_err bc_store_feed_prune(struct bc_store *s, time_t before,
				size_t *n);

#endif
