/* source_feed.c — JMA's Atom PULL feeds through one libcurl multi handle
 * (source_feed.h says what and why).
 *
 * Life of an entry: a feed poll parses the feed (atom.c) and records each
 * entry it has not seen as pending, in one transaction with the feed's new
 * ETag; the document queue then takes pending entries one at a time from
 * the store, fetches the document and hands it to on_doc; only then is the
 * entry closed.  Everything that must survive a restart is in the store;
 * what is in memory is schedule and statistics.
 *
 * Two clocks: the monotonic one schedules (polls, backoff, curl's timer);
 * the wall clock dates what is persisted (next tries, last good read) and
 * aligns polls to the minute.
 */
#include "source_feed.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "alert.h"
#include "atom.h"
#include "buf.h"
#include "jmaxml.h"
#include "log.h"
#include "store_feed.h"

#ifndef BC_VERSION
#define BC_VERSION "0"
#endif

#define MOD "feed"
#define MAX_FEEDS BC_CONFIG_MAX_FEEDS
#define MAX_PARALLEL 8
#define MAX_REDIRS 3
/* JMA takes up to a minute to rewrite a feed; allow that and clock skew
 * before a live feed is thought to have moved past what was read. */
#define WINDOW_SLACK_S 120
#define NOT_FOUND_TRIES 3
#define RETRY_AFTER_MAX_MS (3600 * 1000)
#define PRUNE_EVERY_MS (3600 * 1000)
/* Entries are forgotten this long after max_age: by then a feed listing
 * one again would find it too old to fetch anyway. */
#define RETENTION_EXTRA_S (2 * 86400)

struct feed {
	char *url;
	char *long_url;            /* NULL: no long variant */
	struct bc_feed_state st;   /* as persisted */
	int64_t next_ms;           /* monotonic: next poll */
	int64_t slot_ms;           /* wall: the aligned slot of that poll, 0 */
	int64_t base_ms;           /* wall: slot (or start) of the last poll */
	int64_t started_ms;        /* monotonic: start of the last poll */
	int failures;
	bool busy;
	int64_t long_next_ms;
	int long_failures;
	bool long_busy;
};

enum xkind { X_FEED, X_LONG, X_DOC };

struct xfer {
	CURL *h;
	enum xkind kind;
	struct feed *feed;         /* X_FEED, X_LONG */
	struct bc_feed_pending doc; /* X_DOC */
	const char *url;
	struct bc_buf body;
	bool too_big;
	struct curl_slist *hdrs;
	char err[CURL_ERROR_SIZE];
};

struct sock {
	curl_socket_t fd;
	int what;                  /* CURL_POLL_IN/OUT/INOUT */
};

struct bc_feed {
	struct bc_feed_opts o;
	char *user_agent;
	char *ca_file;
	CURLM *multi;
	struct feed feeds[MAX_FEEDS];
	size_t n_feeds;
	size_t rr;                 /* round robin over feeds */
	struct xfer *x[MAX_PARALLEL];
	size_t n_x;
	bool doc_busy;
	int64_t doc_check_ms;      /* monotonic; INT64_MAX: on an event */
	int64_t next_prune_ms;
	struct sock socks[BC_FEED_MAX_FDS];
	size_t n_socks;
	int64_t timer_ms;          /* curl's, monotonic; -1 none */
	uint64_t rng;
	struct bc_feed_stats stats;
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t rnd(struct bc_feed *f)
{
	/* xorshift64*: jitter only, nothing secret. */
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 0x2545F4914F6CDD1DULL;
}

/* Exponential backoff with "equal jitter": a wait in [d/2, d] where d
 * doubles per failure from backoff_min up to backoff_max, so that many
 * clients that failed together do not come back together. */
static int64_t backoff_ms(struct bc_feed *f, int failures)
{
	int64_t d = f->o.backoff_min_ms;
	for (int i = 1; i < failures && d < f->o.backoff_max_ms; i++)
		d *= 2;
	if (d > f->o.backoff_max_ms)
		d = f->o.backoff_max_ms;
	return d / 2 + (int64_t)(rnd(f) % (uint64_t)(d / 2 + 1));
}

static void fmt_s(char *buf, size_t size, int64_t ms)
{
	if (ms < 1000)
		snprintf(buf, size, "%lld ms", (long long)ms);
	else
		snprintf(buf, size, "%lld.%01lld s", (long long)(ms / 1000),
			 (long long)(ms % 1000 / 100));
}

/* ------------------------------------------------------------------ */
/* libcurl callbacks.                                                   */

static int on_socket(CURL *e, curl_socket_t s, int what, void *userp,
		     void *socketp)
{
	struct bc_feed *f = userp;
	size_t i;
	for (i = 0; i < f->n_socks; i++)
		if (f->socks[i].fd == s)
			break;
	if (what == CURL_POLL_REMOVE) {
		if (i < f->n_socks)
			f->socks[i] = f->socks[--f->n_socks];
		return 0;
	}
	if (i == f->n_socks) {
		if (f->n_socks == BC_FEED_MAX_FDS)
			return -1; /* curl fails that transfer */
		f->n_socks++;
	}
	f->socks[i].fd = s;
	f->socks[i].what = what;
	return 0;
}

static int on_timer(CURLM *m, long timeout_ms, void *userp)
{
	struct bc_feed *f = userp;
	f->timer_ms = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
	return 0;
}

static size_t on_write(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;
	enum bc_err e = bc_buf_add(&x->body, p, n);
	if (e == BC_E_TOOBIG)
		x->too_big = true;
	return e ? 0 : n; /* 0 aborts the transfer */
}

/* ------------------------------------------------------------------ */
/* Transfers.                                                           */

static void xfer_free(struct xfer *x)
{
	if (!x)
		return;
	curl_easy_cleanup(x->h);
	curl_slist_free_all(x->hdrs);
	bc_buf_free(&x->body);
	free(x);
}

/* A header value safe to send back: printable ASCII, bounded. */
static bool header_ok(const char *v, size_t max)
{
	size_t n = strlen(v);
	if (n == 0 || n >= max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
			return false;
	return true;
}

static enum bc_err add_header(struct xfer *x, const char *name,
			      const char *value)
{
	char line[512];
	snprintf(line, sizeof line, "%s: %s", name, value);
	struct curl_slist *l = curl_slist_append(x->hdrs, line);
	if (!l)
		return BC_E_NOMEM;
	x->hdrs = l;
	return BC_E_OK;
}

static enum bc_err start(struct bc_feed *f, enum xkind kind, struct feed *fd,
			 const struct bc_feed_pending *doc)
{
	struct xfer *x = calloc(1, sizeof *x);
	if (!x)
		return BC_E_NOMEM;
	x->kind = kind;
	x->feed = fd;
	if (doc) {
		x->doc = *doc;
		x->url = x->doc.url;
	} else {
		x->url = kind == X_LONG ? fd->long_url : fd->url;
	}
	bc_buf_init(&x->body, kind == X_DOC ? f->o.max_doc_bytes
					    : f->o.max_feed_bytes);
	x->h = curl_easy_init();
	if (!x->h) {
		xfer_free(x);
		return BC_E_NOMEM;
	}
	CURL *h = x->h;
	bool https = strncasecmp(x->url, "https:", 6) == 0;
	CURLcode rc = CURLE_OK;
#define OPT(o, v) if (rc == CURLE_OK) rc = curl_easy_setopt(h, o, v)
	OPT(CURLOPT_URL, x->url);
	OPT(CURLOPT_PRIVATE, x);
	OPT(CURLOPT_WRITEFUNCTION, on_write);
	OPT(CURLOPT_WRITEDATA, x);
	OPT(CURLOPT_ERRORBUFFER, x->err);
	OPT(CURLOPT_NOSIGNAL, 1L);
	OPT(CURLOPT_USERAGENT, f->user_agent);
	/* "": every encoding this libcurl decodes (gzip, deflate, br,
	 * zstd); the byte limit counts decoded bytes (on_write). */
	OPT(CURLOPT_ACCEPT_ENCODING, "");
	OPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->body.max);
	OPT(CURLOPT_PROTOCOLS_STR, "http,https");
	OPT(CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
	OPT(CURLOPT_FOLLOWLOCATION, 1L);
	OPT(CURLOPT_MAXREDIRS, (long)MAX_REDIRS);
	OPT(CURLOPT_CONNECTTIMEOUT_MS, (long)f->o.connect_timeout_ms);
	OPT(CURLOPT_TIMEOUT_MS, (long)f->o.timeout_ms);
	OPT(CURLOPT_SSL_VERIFYPEER, 1L);
	OPT(CURLOPT_SSL_VERIFYHOST, 2L);
	if (f->ca_file)
		OPT(CURLOPT_CAINFO, f->ca_file);
	if (kind == X_FEED) {
		/* Conditional GET with what the server said last time; a
		 * long feed is read whole (a catch-up needs all of it). */
		enum bc_err e = BC_E_OK;
		if (header_ok(fd->st.etag, sizeof fd->st.etag))
			e = add_header(x, "If-None-Match", fd->st.etag);
		if (!e && header_ok(fd->st.last_modified,
				    sizeof fd->st.last_modified))
			e = add_header(x, "If-Modified-Since",
				       fd->st.last_modified);
		if (e) {
			xfer_free(x);
			return e;
		}
	}
	if (x->hdrs)
		OPT(CURLOPT_HTTPHEADER, x->hdrs);
#undef OPT
	if (rc != CURLE_OK) {
		bc_err_log(MOD, "%s: cannot set up the request: %s", x->url,
			   curl_easy_strerror(rc));
		xfer_free(x);
		return BC_E_NET;
	}
	if (curl_multi_add_handle(f->multi, h) != CURLM_OK) {
		xfer_free(x);
		return BC_E_NOMEM;
	}
	f->x[f->n_x++] = x;
	f->stats.busy = true;
	if (kind == X_FEED) {
		fd->busy = true;
		fd->started_ms = mono_ms();
		fd->base_ms = fd->slot_ms ? fd->slot_ms : wall_ms();
	} else if (kind == X_LONG) {
		fd->long_busy = true;
	} else {
		f->doc_busy = true;
	}
	return BC_E_OK;
}

/* One line saying why a transfer did not give a usable body. */
static void failure_reason(const struct xfer *x, CURLcode rc, long status,
			   char *why, size_t size)
{
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(why, size, "body over the limit of %zu bytes",
			 x->body.max);
	else if (rc != CURLE_OK)
		snprintf(why, size, "%s", x->err[0] ? x->err
						    : curl_easy_strerror(rc));
	else
		snprintf(why, size, "HTTP %ld", status);
	for (char *p = why; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
}

static int64_t retry_after_ms(const struct xfer *x)
{
	curl_off_t ra = 0;
	if (curl_easy_getinfo(x->h, CURLINFO_RETRY_AFTER, &ra) != CURLE_OK ||
	    ra <= 0)
		return 0;
	return ra > RETRY_AFTER_MAX_MS / 1000 ? RETRY_AFTER_MAX_MS
					      : (int64_t)ra * 1000;
}

/* ------------------------------------------------------------------ */
/* Feeds.                                                               */

/* Whether an entry is worth a request: a title that names a JMA type
 * bosaicast does not broadcast is not.  An unknown title is fetched. */
static bool wanted(const char *title, char *why, size_t size)
{
	const char *type = bc_jmaxml_type_of_title(title);
	if (!type || bc_jmaxml_kind_of_type(type) != BC_KIND_NONE)
		return true;
	snprintf(why, size, "%s (%s) is not broadcast", type, title);
	return false;
}

/* Record the entries of a feed not seen before.  For a catch-up only
 * those updated since `since`: older ones were read before the gap. */
static enum bc_err record(struct bc_feed *f, const struct bc_atom_feed *af,
			  bool catchup, time_t since, const char *src)
{
	time_t now = time(NULL);
	size_t fresh = 0, skipped = 0;
	for (size_t i = 0; i < af->n; i++) {
		const struct bc_atom_entry *e = &af->entries[i];
		if (catchup && e->updated < since)
			continue;
		char why[400] = "";
		struct bc_feed_entry_rec r = {
			.id = e->id, .url = e->url, .feed = src,
			.title = e->title, .updated = e->updated,
			.state = BC_ENTRY_PENDING, .catchup = catchup,
		};
		if (e->updated < now - f->o.max_age_s) {
			r.state = BC_ENTRY_SKIPPED;
			r.why = "older than feed_max_age";
		} else if (!f->o.fetch_all && !wanted(e->title, why,
						      sizeof why)) {
			r.state = BC_ENTRY_SKIPPED;
			r.why = why;
		}
		bool added = false;
		enum bc_err err = bc_store_feed_entry_add(f->o.store, &r,
							  &added);
		if (err)
			return err;
		if (!added)
			continue;
		f->stats.entries_new++;
		if (r.state == BC_ENTRY_PENDING)
			fresh++;
		else
			skipped++;
	}
	if (fresh || skipped)
		bc_info(MOD, "%s: %zu entries, %zu new: %zu to fetch, %zu not "
			"fetched", src, af->n, fresh + skipped, fresh,
			skipped);
	else
		bc_debug(MOD, "%s: %zu entries, none new", src, af->n);
	if (af->skipped)
		bc_warn(MOD, "%s: %zu entries left out: %s", src, af->skipped,
			af->skipped_why);
	if (fresh)
		f->doc_check_ms = 0;
	return BC_E_OK;
}

/* When to poll a feed next after a good read: `interval` after the last
 * poll's slot, on the wall-clock phase poll_offset_s when the interval is
 * whole minutes. */
static void plan_next_poll(struct bc_feed *f, struct feed *fd)
{
	int64_t iv = f->o.interval_ms;
	if (f->o.poll_offset_s >= 0 && iv % 60000 == 0) {
		int64_t off = (int64_t)f->o.poll_offset_s * 1000;
		int64_t base = fd->base_ms + iv;
		int64_t r = ((base - off) % iv + iv) % iv;
		int64_t slot = r ? base + (iv - r) : base;
		int64_t wait = slot - wall_ms();
		fd->slot_ms = slot;
		fd->next_ms = mono_ms() + (wait > 0 ? wait : 0);
	} else {
		fd->slot_ms = 0;
		fd->next_ms = fd->started_ms + iv;
	}
}

static void feed_failed(struct bc_feed *f, struct feed *fd, enum xkind kind,
			const char *url, const char *why, int64_t retry_after)
{
	int *n = kind == X_LONG ? &fd->long_failures : &fd->failures;
	(*n)++;
	f->stats.feed_errors++;
	int64_t wait = backoff_ms(f, *n);
	if (retry_after > wait)
		wait = retry_after;
	char ws[32];
	fmt_s(ws, sizeof ws, wait);
	bc_warn(MOD, "%s: %s (failure %d in a row); next try in %s", url, why,
		*n, ws);
	if (kind == X_LONG) {
		fd->long_next_ms = mono_ms() + wait;
	} else {
		fd->slot_ms = 0;
		fd->next_ms = mono_ms() + wait;
	}
}

static const char *response_header(CURL *h, const char *name)
{
	struct curl_header *hh = NULL;
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hh) != CURLHE_OK ||
	    !hh || !hh->value)
		return "";
	return hh->value;
}

/* A live feed answered 200 (af set) or 304 (af NULL). */
static enum bc_err feed_read(struct bc_feed *f, struct feed *fd,
			     struct xfer *x, const struct bc_atom_feed *af)
{
	struct bc_feed_state st = fd->st;
	time_t now = time(NULL);
	int reach = f->o.window_s > 2 * WINDOW_SLACK_S
			    ? f->o.window_s - WINDOW_SLACK_S
			    : f->o.window_s / 2;
	bool gap = st.last_ok && now - st.last_ok > reach;
	if (gap && !st.catchup_since && fd->long_url)
		st.catchup_since = st.last_ok;
	st.last_ok = now;
	if (af) {
		const char *etag = response_header(x->h, "ETag");
		const char *lm = response_header(x->h, "Last-Modified");
		snprintf(st.etag, sizeof st.etag, "%s",
			 header_ok(etag, sizeof st.etag) ? etag : "");
		snprintf(st.last_modified, sizeof st.last_modified, "%s",
			 header_ok(lm, sizeof st.last_modified) ? lm : "");
	}
	enum bc_err e = bc_store_begin(f->o.store);
	if (!e && af)
		e = record(f, af, false, 0, fd->url);
	if (!e)
		e = bc_store_feed_put(f->o.store, fd->url, &st);
	if (!e)
		e = bc_store_commit(f->o.store);
	if (e) {
		bc_store_rollback(f->o.store);
		return e;
	}
	if (gap && fd->long_url)
		bc_info(MOD, "%s: not read for %lld s, longer than it reaches "
			"back: catching up from %s", fd->url,
			(long long)(now - fd->st.last_ok), fd->long_url);
	else if (gap)
		bc_warn(MOD, "%s: not read for %lld s and no long feed to "
			"catch up from: entries may have been missed",
			fd->url, (long long)(now - fd->st.last_ok));
	if (gap && fd->long_url)
		fd->long_next_ms = 0;
	fd->st = st;
	return BC_E_OK;
}

/* The long feed of a catch-up answered. */
static enum bc_err long_read(struct bc_feed *f, struct feed *fd,
			     const struct bc_atom_feed *af)
{
	struct bc_feed_state st = fd->st;
	time_t since = st.catchup_since - WINDOW_SLACK_S;
	st.catchup_since = 0;
	enum bc_err e = bc_store_begin(f->o.store);
	if (!e)
		e = record(f, af, true, since, fd->long_url);
	if (!e)
		e = bc_store_feed_put(f->o.store, fd->url, &st);
	if (!e)
		e = bc_store_commit(f->o.store);
	if (e) {
		bc_store_rollback(f->o.store);
		return e;
	}
	fd->st = st;
	f->stats.catchups++;
	return BC_E_OK;
}

static enum bc_err finish_feed(struct bc_feed *f, struct xfer *x,
			       CURLcode rc, long status)
{
	struct feed *fd = x->feed;
	char why[CURL_ERROR_SIZE + 400];
	enum bc_err e = BC_E_OK;
	if (x->kind == X_LONG)
		fd->long_busy = false;
	else
		fd->busy = false;

	bool not_modified = rc == CURLE_OK && status == 304 &&
			    x->kind == X_FEED;
	if (!not_modified && (rc != CURLE_OK || status != 200 ||
			      x->too_big)) {
		failure_reason(x, rc, status, why, sizeof why);
		feed_failed(f, fd, x->kind, x->url, why, retry_after_ms(x));
		return BC_E_OK;
	}
	f->stats.polls++;
	struct bc_atom_feed af = { 0 };
	if (not_modified) {
		f->stats.not_modified++;
		bc_debug(MOD, "%s: not modified", x->url);
	} else {
		struct bc_atom_limits lim = { f->o.max_feed_bytes,
					      f->o.max_feed_entries };
		char pwhy[300];
		enum bc_err pe = bc_atom_parse(x->body.data, x->body.len, &lim,
					       &af, pwhy, sizeof pwhy);
		if (pe) {
			snprintf(why, sizeof why, "not a usable Atom feed: %s",
				 pwhy);
			bc_atom_feed_free(&af);
			feed_failed(f, fd, x->kind, x->url, why, 0);
			return pe == BC_E_NOMEM ? pe : BC_E_OK;
		}
	}
	if (x->kind == X_LONG)
		e = long_read(f, fd, &af);
	else
		e = feed_read(f, fd, x, not_modified ? NULL : &af);
	bc_atom_feed_free(&af);
	if (e) {
		feed_failed(f, fd, x->kind, x->url, "cannot record the feed "
			    "in the store", 0);
		return e;
	}
	if (x->kind == X_LONG) {
		fd->long_failures = 0;
	} else {
		fd->failures = 0;
		plan_next_poll(f, fd);
	}
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* Documents.                                                           */

static enum bc_err doc_retry(struct bc_feed *f, const struct xfer *x,
			     const char *why, int64_t retry_after)
{
	int64_t wait = backoff_ms(f, x->doc.attempts + 1);
	if (retry_after > wait)
		wait = retry_after;
	char ws[32];
	fmt_s(ws, sizeof ws, wait);
	bc_warn(MOD, "%s: %s (attempt %d); next try in %s", x->url, why,
		x->doc.attempts + 1, ws);
	return bc_store_feed_entry_retry(f->o.store, x->doc.id,
					 wall_ms() + wait, why);
}

static enum bc_err finish_doc(struct bc_feed *f, struct xfer *x, CURLcode rc,
			      long status)
{
	char why[CURL_ERROR_SIZE + 64];
	f->doc_busy = false;
	f->doc_check_ms = 0;
	if (rc == CURLE_OK && status == 200 && !x->too_big) {
		f->stats.docs++;
		enum bc_err e = f->o.on_doc(f->o.ud, x->url,
					    x->body.data ? x->body.data : "",
					    x->body.len);
		if (e == BC_E_RETRY || e == BC_E_DB || e == BC_E_NOMEM) {
			snprintf(why, sizeof why, "not handled: %s",
				 bc_strerror(e));
			return doc_retry(f, x, why, 0);
		}
		return bc_store_feed_entry_finish(
			f->o.store, x->doc.id,
			e ? BC_ENTRY_FAILED : BC_ENTRY_DONE,
			e ? bc_strerror(e) : NULL);
	}
	f->stats.doc_errors++;
	failure_reason(x, rc, status, why, sizeof why);
	bool gone = rc == CURLE_OK && (status == 404 || status == 410);
	bool permanent =
		x->too_big || rc == CURLE_FILESIZE_EXCEEDED ||
		rc == CURLE_UNSUPPORTED_PROTOCOL ||
		rc == CURLE_URL_MALFORMAT ||
		(gone && x->doc.attempts + 1 >= NOT_FOUND_TRIES) ||
		(rc == CURLE_OK && !gone && status >= 400 && status < 500 &&
		 status != 408 && status != 429);
	if (!permanent && x->doc.updated < time(NULL) - f->o.max_age_s) {
		permanent = true;
		snprintf(why + strlen(why), sizeof why - strlen(why),
			 ", and older than feed_max_age");
	}
	if (!permanent)
		return doc_retry(f, x, why, retry_after_ms(x));
	bc_err_log(MOD, "%s: given up after %d attempts: %s", x->url,
		   x->doc.attempts + 1, why);
	return bc_store_feed_entry_finish(f->o.store, x->doc.id,
					  BC_ENTRY_FAILED, why);
}

/* ------------------------------------------------------------------ */
/* The loop.                                                            */

static enum bc_err reap(struct bc_feed *f)
{
	enum bc_err err = BC_E_OK;
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(f->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct xfer *x = NULL;
		CURLcode rc = m->data.result;
		CURL *h = m->easy_handle;
		long status = 0;
		curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&x);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		curl_multi_remove_handle(f->multi, h);
		for (size_t i = 0; i < f->n_x; i++) {
			if (f->x[i] == x) {
				f->x[i] = f->x[--f->n_x];
				break;
			}
		}
		f->stats.busy = f->n_x > 0;
		if (!x)
			continue;
		f->stats.bytes += x->body.len;
		enum bc_err e = x->kind == X_DOC ? finish_doc(f, x, rc, status)
						 : finish_feed(f, x, rc, status);
		if (e && !err)
			err = e;
		xfer_free(x);
	}
	return err;
}

static bool catchup_owed(const struct feed *fd)
{
	return fd->long_url && fd->st.catchup_since != 0;
}

/* Start what is due, feeds first.  *started counts what started. */
static enum bc_err schedule(struct bc_feed *f, int *started)
{
	int64_t now = mono_ms();
	enum bc_err err = BC_E_OK;
	*started = 0;
	for (size_t k = 0; k < f->n_feeds; k++) {
		struct feed *fd = &f->feeds[(f->rr + k) % f->n_feeds];
		if (f->n_x >= (size_t)f->o.max_parallel)
			break;
		if (!fd->busy && now >= fd->next_ms) {
			enum bc_err e = start(f, X_FEED, fd, NULL);
			if (e) {
				feed_failed(f, fd, X_FEED, fd->url,
					    bc_strerror(e), 0);
				err = e;
			} else {
				(*started)++;
			}
		}
		if (catchup_owed(fd) && !fd->long_busy &&
		    now >= fd->long_next_ms &&
		    f->n_x < (size_t)f->o.max_parallel) {
			enum bc_err e = start(f, X_LONG, fd, NULL);
			if (e) {
				feed_failed(f, fd, X_LONG, fd->long_url,
					    bc_strerror(e), 0);
				err = e;
			} else {
				(*started)++;
			}
		}
	}
	f->rr = f->n_feeds ? (f->rr + 1) % f->n_feeds : 0;
	if (f->doc_busy || f->n_x >= (size_t)f->o.max_parallel ||
	    now < f->doc_check_ms)
		return err;
	struct bc_feed_pending p;
	bool found = false;
	int64_t wall = wall_ms();
	enum bc_err e = bc_store_feed_next(f->o.store, wall, &p, &found);
	/* Pending since before a long stop: too old to announce now. */
	for (int k = 0; !e && found && k < 64 &&
	     p.updated < wall / 1000 - f->o.max_age_s; k++) {
		bc_info(MOD, "%s: not fetched: older than feed_max_age", p.url);
		e = bc_store_feed_entry_finish(f->o.store, p.id,
					       BC_ENTRY_SKIPPED,
					       "older than feed_max_age");
		if (!e)
			e = bc_store_feed_next(f->o.store, wall, &p, &found);
	}
	if (!e && found && p.updated < wall / 1000 - f->o.max_age_s) {
		f->doc_check_ms = 0; /* more of them: the next turn goes on */
		return err;
	}
	if (!e && found) {
		e = start(f, X_DOC, NULL, &p);
		if (!e)
			(*started)++;
	} else if (!e) {
		int64_t t;
		e = bc_store_feed_next_try(f->o.store, &t, &found);
		if (!e)
			f->doc_check_ms = found ? now + (t > wall ? t - wall : 0)
						: INT64_MAX;
	}
	if (e) {
		f->doc_check_ms = now + 1000;
		if (!err)
			err = e;
	}
	return err;
}

static void prune(struct bc_feed *f)
{
	size_t n = 0;
	time_t before = time(NULL) - f->o.max_age_s - RETENTION_EXTRA_S;
	if (bc_store_feed_prune(f->o.store, before, &n) == BC_E_OK && n)
		bc_info(MOD, "forgot %zu feed entries recorded before %lld", n,
			(long long)before);
	f->next_prune_ms = mono_ms() + PRUNE_EVERY_MS;
}

size_t bc_feed_pollfds(const struct bc_feed *f, struct pollfd *fds,
		       size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n_socks && n < max; i++) {
		short ev = 0;
		if (f->socks[i].what & CURL_POLL_IN)
			ev |= POLLIN;
		if (f->socks[i].what & CURL_POLL_OUT)
			ev |= POLLOUT;
		fds[n].fd = f->socks[i].fd;
		fds[n].events = ev;
		fds[n].revents = 0;
		n++;
	}
	return n;
}

int bc_feed_timeout_ms(const struct bc_feed *f)
{
	int64_t t = INT64_MAX;
	if (f->timer_ms >= 0)
		t = f->timer_ms;
	if (f->n_x < (size_t)f->o.max_parallel) {
		for (size_t i = 0; i < f->n_feeds; i++) {
			const struct feed *fd = &f->feeds[i];
			if (!fd->busy && fd->next_ms < t)
				t = fd->next_ms;
			if (catchup_owed(fd) && !fd->long_busy &&
			    fd->long_next_ms < t)
				t = fd->long_next_ms;
		}
		if (!f->doc_busy && f->doc_check_ms < t)
			t = f->doc_check_ms;
	}
	if (t == INT64_MAX)
		return -1;
	int64_t d = t - mono_ms();
	return d <= 0 ? 0 : d > INT_MAX ? INT_MAX : (int)d;
}

enum bc_err bc_feed_perform(struct bc_feed *f, const struct pollfd *fds,
			    size_t n)
{
	int running = 0;
	for (size_t i = 0; i < n; i++) {
		if (!fds[i].revents)
			continue;
		int ev = 0;
		if (fds[i].revents & POLLIN)
			ev |= CURL_CSELECT_IN;
		if (fds[i].revents & POLLOUT)
			ev |= CURL_CSELECT_OUT;
		if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
			ev |= CURL_CSELECT_ERR;
		curl_multi_socket_action(f->multi, fds[i].fd, ev, &running);
	}
	if (f->timer_ms >= 0 && mono_ms() >= f->timer_ms) {
		f->timer_ms = -1;
		curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
					 &running);
	}
	enum bc_err err = reap(f);
	/* What starts may finish at once (a refused connection): a few
	 * rounds, bounded. */
	for (int round = 0; round < 4; round++) {
		int started = 0;
		enum bc_err e = schedule(f, &started);
		if (e && !err)
			err = e;
		if (!started)
			break;
		curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0,
					 &running);
		e = reap(f);
		if (e && !err)
			err = e;
	}
	if (mono_ms() >= f->next_prune_ms)
		prune(f);
	return err;
}

/* ------------------------------------------------------------------ */
/* Open and close.                                                      */

void bc_feed_opts_from_config(struct bc_feed_opts *o,
			      const struct bc_config *cfg)
{
	memset(o, 0, sizeof *o);
	o->interval_ms = cfg->feed_interval * 1000;
	o->poll_offset_s = cfg->feed_poll_offset;
	o->timeout_ms = cfg->feed_timeout * 1000;
	o->connect_timeout_ms = cfg->feed_connect_timeout * 1000;
	o->max_feed_bytes = cfg->feed_max_bytes;
	o->max_feed_entries = cfg->feed_max_entries;
	o->max_doc_bytes = cfg->max_document_bytes;
	o->max_parallel = cfg->feed_max_parallel;
	o->backoff_min_ms = 5000;
	o->backoff_max_ms = cfg->feed_backoff_max * 1000;
	o->window_s = cfg->feed_window;
	o->max_age_s = cfg->feed_max_age;
	o->user_agent = cfg->feed_user_agent[0] ? cfg->feed_user_agent : NULL;
	o->ca_file = cfg->feed_ca_file[0] ? cfg->feed_ca_file : NULL;
}

void bc_feed_close(struct bc_feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_x; i++) {
		curl_multi_remove_handle(f->multi, f->x[i]->h);
		xfer_free(f->x[i]);
	}
	if (f->multi)
		curl_multi_cleanup(f->multi);
	for (size_t i = 0; i < f->n_feeds; i++) {
		free(f->feeds[i].url);
		free(f->feeds[i].long_url);
	}
	free(f->user_agent);
	free(f->ca_file);
	free(f);
	curl_global_cleanup();
}

/* JMA's long feed beside a live one: extra.xml -> extra_l.xml. */
static char *long_variant(const char *url)
{
	size_t n = strlen(url);
	if (n < 5 || strcmp(url + n - 4, ".xml") != 0 ||
	    (n >= 6 && strcmp(url + n - 6, "_l.xml") == 0))
		return NULL;
	char *l = malloc(n + 3);
	if (l)
		snprintf(l, n + 3, "%.*s_l.xml", (int)(n - 4), url);
	return l;
}

static enum bc_err check_opts(const struct bc_feed_opts *o, char *why,
			      size_t why_size)
{
	const char *bad = NULL;
	if (!o->n_urls || o->n_urls > MAX_FEEDS || !o->urls)
		bad = "between 1 and 8 feeds";
	else if (!o->store || !o->on_doc)
		bad = "a store and a document handler";
	else if (o->interval_ms < 1 || o->timeout_ms < 1 ||
		 o->connect_timeout_ms < 1)
		bad = "positive interval and timeouts";
	else if (o->max_parallel < 1 || o->max_parallel > MAX_PARALLEL)
		bad = "feed_max_parallel between 1 and 8";
	else if (!o->max_feed_bytes || !o->max_doc_bytes ||
		 !o->max_feed_entries)
		bad = "non-zero size limits";
	else if (o->backoff_min_ms < 2 || o->backoff_max_ms < o->backoff_min_ms)
		bad = "a backoff range";
	else if (o->window_s < 1 || o->max_age_s < 1)
		bad = "positive feed_window and feed_max_age";
	if (!bad) {
		for (size_t i = 0; i < o->n_urls; i++) {
			const char *u = o->urls[i];
			if (!u || (strncasecmp(u, "http://", 7) != 0 &&
				   strncasecmp(u, "https://", 8) != 0)) {
				snprintf(why, why_size, "feed '%s' is not an "
					 "http(s) URL", u ? u : "(null)");
				return BC_E_CONFIG;
			}
		}
		return BC_E_OK;
	}
	snprintf(why, why_size, "feed source needs %s", bad);
	return BC_E_CONFIG;
}

enum bc_err bc_feed_open(const struct bc_feed_opts *o, struct bc_feed **out,
			 char *why, size_t why_size)
{
	*out = NULL;
	enum bc_err e = check_opts(o, why, why_size);
	if (e)
		return e;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, why_size, "libcurl cannot start");
		return BC_E_NET;
	}
	struct bc_feed *f = calloc(1, sizeof *f);
	if (!f) {
		curl_global_cleanup();
		return BC_E_NOMEM;
	}
	f->o = *o;
	f->o.urls = NULL;
	f->timer_ms = -1;
	f->rng = (uint64_t)wall_ms() ^ ((uint64_t)getpid() << 32) ^
		 (uint64_t)(uintptr_t)f;
	if (!f->rng)
		f->rng = 1;
	char ua[BC_CONFIG_STR];
	snprintf(ua, sizeof ua, "%s", o->user_agent ? o->user_agent :
		 "bosaicast/" BC_VERSION " (JMA PULL feed reader; contact: "
		 "not configured, set feed_user_agent)");
	f->user_agent = strdup(ua);
	f->ca_file = o->ca_file ? strdup(o->ca_file) : NULL;
	f->multi = curl_multi_init();
	if (!f->user_agent || (o->ca_file && !f->ca_file) || !f->multi) {
		e = BC_E_NOMEM;
		goto fail;
	}
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	/* Never more connections to JMA than transfers allowed at once. */
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
			  (long)o->max_parallel);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
			  (long)o->max_parallel);

	e = bc_store_feed_open(o->store);
	if (e) {
		snprintf(why, why_size, "cannot open the feed tables of the "
			 "store");
		goto fail;
	}
	for (size_t i = 0; i < o->n_urls; i++) {
		struct feed *fd = &f->feeds[f->n_feeds];
		fd->url = strdup(o->urls[i]);
		if (!fd->url) {
			e = BC_E_NOMEM;
			goto fail;
		}
		fd->long_url = long_variant(fd->url);
		f->n_feeds++;
		e = bc_store_feed_get(o->store, fd->url, &fd->st);
		if (e) {
			snprintf(why, why_size, "cannot read the state of %s",
				 fd->url);
			goto fail;
		}
	}
	prune(f);
	bc_info(MOD, "polling %zu feeds every %d ms%s, at most %d transfers "
		"at once", f->n_feeds, o->interval_ms,
		o->poll_offset_s >= 0 && o->interval_ms % 60000 == 0
			? " (aligned to the minute)" : "",
		o->max_parallel);
	*out = f;
	return BC_E_OK;
fail:
	if (e == BC_E_NOMEM)
		snprintf(why, why_size, "out of memory");
	bc_feed_close(f);
	return e;
}

enum bc_err bc_feed_open_config(const struct bc_config *cfg,
				struct bc_store *store, bc_feed_doc_fn on_doc,
				void *ud, struct bc_feed **out, char *why,
				size_t why_size)
{
	const char *urls[BC_CONFIG_MAX_FEEDS];
	struct bc_feed_opts o;
	*out = NULL;
	if (!cfg->n_feeds) {
		snprintf(why, why_size, "no feed configured");
		return BC_E_NOTFOUND;
	}
	bc_feed_opts_from_config(&o, cfg);
	for (size_t i = 0; i < cfg->n_feeds; i++)
		urls[i] = cfg->feeds[i];
	o.urls = urls;
	o.n_urls = cfg->n_feeds;
	o.store = store;
	o.on_doc = on_doc;
	o.ud = ud;
	return bc_feed_open(&o, out, why, why_size);
}

void bc_feed_get_stats(const struct bc_feed *f, struct bc_feed_stats *st)
{
	*st = f->stats;
	st->failing = 0;
	for (size_t i = 0; i < f->n_feeds; i++)
		if (f->feeds[i].failures)
			st->failing++;
}

const char *bc_feed_health(const struct bc_feed *f)
{
	for (size_t i = 0; i < f->n_feeds; i++)
		if (f->feeds[i].failures)
			return "degraded";
	return "ok";
}
