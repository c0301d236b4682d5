/* source_feed.h — JMA's Atom PULL feeds as a document source (DESIGN §9).
 * The only module that touches libcurl.
 *
 * It polls each configured feed with a conditional GET (If-None-Match /
 * If-Modified-Since from the last answer), records every new entry in the
 * store (store_feed.h), fetches each entry's document once, and hands it
 * to a callback.  All I/O goes through one curl multi handle driven by the
 * caller's poll loop: bc_feed_pollfds() says which sockets to watch,
 * bc_feed_timeout_ms() how long poll may sleep, bc_feed_perform() does
 * whatever is due.  Nothing blocks and no thread is started.
 *
 * JMA's etiquette, and the defaults that follow it (config.h keys):
 *   - JMA's high-frequency feeds (regular, extra, eqvol, other .xml) are
 *     rewritten once a minute and list at least the last ten minutes;
 *     the long feeds (*_l.xml) are rewritten hourly and list several
 *     days.  Polling faster than once a minute gains nothing, so
 *     feed_interval = 60 s.  JMA's own staff advise polling with
 *     If-Modified-Since, and, when polling every minute, at about 20 s
 *     past the minute, after the feeds are rewritten: feed_poll_offset =
 *     20 aligns polls to hh:mm:20 (wall clock) when the interval is a
 *     whole number of minutes.  Two polls of one feed are never closer
 *     than the interval.
 *   - JMA blocked addresses that fetched the same files again and again
 *     (notice of 2021-03-16 on its PULL page): a document is fetched
 *     once, whatever restarts happen, and a feed is fetched again only
 *     when it changed (304 Not Modified otherwise).
 *   - Entries whose title names a JMA type bosaicast does not broadcast
 *     (forecasts, the bulk of regular.xml) are recorded, not fetched.
 *   - At most feed_max_parallel (2) transfers at once; documents are
 *     fetched one at a time, in the order JMA issued them.
 *   - Errors back off exponentially (from 5 s, doubling, up to
 *     feed_backoff_max = 300 s, with jitter), and Retry-After is obeyed.
 *   - User-Agent names bosaicast, its version and a contact placeholder
 *     ("feed_user_agent" replaces it: put a real contact there).
 *   - gzip (and whatever else libcurl decodes) is accepted.
 * A quiet hour (nothing new) costs 60 conditional GETs per feed, each
 * answered 304: 240 for JMA's four high-frequency feeds.
 *
 * Catch-up: when a live feed has not been read successfully for longer
 * than it reaches back (feed_window = 600 s, less 120 s for the minute
 * JMA takes to rewrite it and clock skew), its long variant (extra.xml ->
 * extra_l.xml) is read once and every entry since the last good read is
 * fetched, newest first, so that the store records a superseded report as
 * stale rather than announcing it.  The debt is kept in the store: a
 * restart in the middle still pays it.  Entries older than feed_max_age
 * (a day) are recorded and never fetched.
 *
 * Robustness: connect and whole-transfer timeouts, a byte limit on every
 * body (decoded; Content-Length is refused early), at most 3 redirects
 * (https never downgrades to http), http(s) only, TLS peer and host
 * verified (feed_ca_file to add a CA; verification cannot be turned off).
 * A truncated or failed document is tried again with backoff until it is
 * older than feed_max_age; a 404 is given up after 3 tries, any other
 * 4xx and an oversize body at once.
 */
#ifndef BC_SOURCE_FEED_H
#define BC_SOURCE_FEED_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"

/* Enough pollfd slots for bc_feed_pollfds, whatever the configuration. */
#define BC_FEED_MAX_FDS 32

struct bc_feed; /* opaque */

/* One fetched document, borrowed for the call.  Return BC_E_OK when it
 * was handled (published, duplicate, skipped — and also when it was bad
 * input, which refetching would not mend: return the error, it is
 * recorded); BC_E_RETRY, BC_E_DB or BC_E_NOMEM to have it fetched and
 * handed over again later. */
typedef enum bc_err (*bc_feed_doc_fn)(void *ud, const char *url,
				      const char *data, size_t len);

struct bc_feed_opts {
	const char *const *urls;   /* feeds to poll */
	size_t n_urls;
	int interval_ms;           /* between polls of one feed */
	int poll_offset_s;         /* -1: no wall-clock alignment */
	int timeout_ms;            /* whole transfer */
	int connect_timeout_ms;
	size_t max_feed_bytes;
	size_t max_feed_entries;
	size_t max_doc_bytes;
	int max_parallel;          /* 1..8 */
	int backoff_min_ms;        /* first wait after an error */
	int backoff_max_ms;
	int window_s;              /* how far back a live feed reaches */
	int max_age_s;             /* older entries are not fetched */
	const char *user_agent;    /* NULL: the default */
	const char *ca_file;       /* NULL: the system's */
	bool fetch_all;            /* fetch even types not broadcast */
	struct bc_store *store;    /* borrowed; bc_feed_open opens its tables */
	bc_feed_doc_fn on_doc;
	void *ud;
};

/* Options from the configuration (feed_* keys, max_document_bytes);
 * urls, store, on_doc and ud are left for the caller.  Cannot fail. */
void bc_feed_opts_from_config(struct bc_feed_opts *o,
			      const struct bc_config *cfg);

/* Start polling (the first poll of every feed is due at once).  The
 * strings of o are copied; store is borrowed until bc_feed_close.
 * Caller owns *out.  why names what is wrong. */
enum bc_err bc_feed_open(const struct bc_feed_opts *o, struct bc_feed **out,
			 char *why, size_t why_size);
/* The same for the daemon: every "feed" of cfg, with its settings.
 * BC_E_NOTFOUND (and *out NULL) when cfg names no feed. */
enum bc_err bc_feed_open_config(const struct bc_config *cfg,
				struct bc_store *store, bc_feed_doc_fn on_doc,
				void *ud, struct bc_feed **out, char *why,
				size_t why_size);
/* Abort transfers in flight (their entries stay pending) and free.  NULL
 * ok. */
void bc_feed_close(struct bc_feed *f);

/* Fill up to max pollfds with the sockets to watch (fd and events;
 * revents cleared) and return how many. */
size_t bc_feed_pollfds(const struct bc_feed *f, struct pollfd *fds,
		       size_t max);
/* Milliseconds until bc_feed_perform has something to do without a
 * socket event; -1: nothing scheduled. */
int bc_feed_timeout_ms(const struct bc_feed *f);
/* Handle the revents of the pollfds bc_feed_pollfds filled (n may be 0,
 * e.g. after a poll timeout), finish transfers, hand documents to
 * on_doc, start what is due.  Returns BC_E_OK, or BC_E_DB/BC_E_NOMEM when
 * the store or memory failed (the feed goes on and tries again). */
enum bc_err bc_feed_perform(struct bc_feed *f, const struct pollfd *fds,
			    size_t n);

struct bc_feed_stats {
	uint64_t polls;            /* feed requests answered */
	uint64_t not_modified;     /* of which 304 */
	uint64_t feed_errors;      /* failed feed requests */
	uint64_t catchups;         /* long feeds read */
	uint64_t entries_new;      /* entries recorded */
	uint64_t docs;             /* documents handed to on_doc */
	uint64_t doc_errors;       /* failed document requests */
	uint64_t bytes;            /* bodies received, decoded */
	size_t failing;            /* feeds whose last poll failed */
	bool busy;                 /* a transfer is in flight */
};
void bc_feed_get_stats(const struct bc_feed *f, struct bc_feed_stats *st);
/* "ok", or "degraded" when some feed's last poll failed: for the status
 * topic.  Static string. */
const char *bc_feed_health(const struct bc_feed *f);

#endif
