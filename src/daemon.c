/* daemon.c — the run loop.
 *
 * Every document is committed to the store (state + outbox) before any of
 * its messages is sent; the loop then drains the outbox in order, and a
 * row leaves the outbox only when the broker has acknowledged it.  After a
 * reconnection or a restart the loop starts again from the oldest row not
 * acknowledged, so nothing is lost; subscribers dedupe by id.
 */
#include "daemon.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "pipeline.h"
#include "publish.h"
#include "route.h"
#include "source.h"
#include "source_feed.h"
#include "store.h"

#define OUTBOX_BATCH 512
#define MAX_ACKS 65536
/* The spool sweep (source.h): how often, and how long a file must have
 * been left untouched before a sweep takes it. */
#define SPOOL_SWEEP_MS 1000
#define SPOOL_SETTLE_S 2
/* Quiet time (no document, no acknowledgement) before a checkpoint. */
#define CHECKPOINT_IDLE_MS 250

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct daemon {
	const struct bc_config *cfg;
	struct bc_store *store;
	struct bc_pipeline *pipe;
	struct bc_publisher *pub;
	struct bc_spool *spool;
	struct bc_feed *feed;
	uint64_t last_sent;          /* highest seq handed to the publisher */
	uint64_t *acks;              /* acknowledged, not yet deleted */
	size_t n_acks;
	bool resend;                 /* reconnected: start from the oldest */
	time_t started;
	char status_topic[256];
	uint64_t published, failed_docs, docs;
	/* A document was processed: the heartbeat's lastDocument and counts
	 * changed, so say it now rather than at the next beat. */
	bool status_dirty;
	int64_t last_busy_ms;        /* monotonic: last document or ack */
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_ack(void *ud, uint64_t seq)
{
	struct daemon *d = ud;
	if (seq == 0) /* status messages are not in the outbox */
		return;
	if (d->n_acks == MAX_ACKS)
		return; /* flushed every loop turn; cannot really happen */
	d->acks[d->n_acks++] = seq;
	d->published++;
	d->last_busy_ms = now_ms();
}

static void on_connect(void *ud)
{
	struct daemon *d = ud;
	d->resend = true;
}

static enum bc_spool_outcome handle(void *ud, const char *path,
				    const char *data, size_t len, char *why,
				    size_t why_size)
{
	struct daemon *d = ud;
	struct bc_ingest_result res;
	d->docs++;
	d->status_dirty = true;
	enum bc_err e = bc_pipeline_ingest(d->pipe, data, len, path, &res);
	d->last_busy_ms = now_ms();
	if (e == BC_E_OK || e == BC_E_UNSUPPORTED)
		return BC_SPOOL_DONE;
	if (e == BC_E_DB || e == BC_E_NOMEM || e == BC_E_RETRY)
		return BC_SPOOL_RETRY;
	d->failed_docs++;
	snprintf(why, why_size, "%s", bc_strerror(e));
	return BC_SPOOL_FAILED;
}

/* A document fetched by the feed source.  DB/NOMEM/RETRY tell the feed
 * to fetch it again later; any other error is final for it. */
static enum bc_err feed_doc(void *ud, const char *url, const char *data,
			    size_t len)
{
	struct daemon *d = ud;
	struct bc_ingest_result res;
	d->docs++;
	d->status_dirty = true;
	enum bc_err e = bc_pipeline_ingest(d->pipe, data, len, url, &res);
	d->last_busy_ms = now_ms();
	if (e == BC_E_OK || e == BC_E_UNSUPPORTED)
		return BC_E_OK;
	if (e != BC_E_DB && e != BC_E_NOMEM && e != BC_E_RETRY)
		d->failed_docs++;
	return e;
}

static void flush_acks(struct daemon *d)
{
	if (!d->n_acks)
		return;
	if (bc_store_outbox_done(d->store, d->acks, d->n_acks) == BC_E_OK)
		d->n_acks = 0;
}

/* Hand pending outbox rows to the publisher until it pushes back. */
static void drain(struct daemon *d)
{
	if (!bc_pub_connected(d->pub))
		return;
	if (d->resend) {
		flush_acks(d);
		d->last_sent = 0;
		d->resend = false;
	}
	for (;;) {
		struct bc_outbox_msg *msgs = NULL;
		size_t n = 0;
		if (bc_store_outbox_next(d->store, d->last_sent, OUTBOX_BATCH,
					 &msgs, &n) != BC_E_OK || n == 0) {
			bc_store_outbox_free(msgs, n);
			return;
		}
		time_t now = time(NULL);
		size_t i;
		for (i = 0; i < n; i++) {
			struct bc_outbox_msg *m = &msgs[i];
			uint32_t expiry = m->expiry_s;
			if (expiry) {
				/* Count the time spent waiting in the
				 * outbox; an expired alert is not sent. */
				time_t left = m->created + (time_t)expiry - now;
				if (left <= 0) {
					bc_info("publish", "%s: expired in the "
						"outbox, not sent", m->topic);
					on_ack(d, m->seq);
					d->last_sent = m->seq;
					continue;
				}
				expiry = (uint32_t)left;
			}
			struct bc_pub_msg pm = {
				.topic = m->topic, .payload = m->payload,
				.len = m->len, .retain = m->retain,
				.expiry_s = expiry,
				.lang = m->lang[0] ? m->lang : NULL,
				.kind = m->kind[0] ? m->kind : NULL,
				.id = m->id[0] ? m->id : NULL,
				.ack_id = m->seq,
			};
			enum bc_err e = bc_pub_send(d->pub, &pm);
			if (e == BC_E_RETRY)
				break;
			if (e) {
				/* Permanent for this message (bad topic, too
				 * big): drop it rather than stall the outbox
				 * behind it forever. */
				bc_err_log("publish", "%s: dropped, cannot be "
					   "published: %s", m->topic,
					   bc_strerror(e));
				on_ack(d, m->seq);
			}
			d->last_sent = m->seq;
		}
		bc_store_outbox_free(msgs, n);
		if (i < n)
			return;
	}
}

static void publish_status(struct daemon *d)
{
	uint64_t backlog = 0;
	bc_store_outbox_count(d->store, &backlog);
	char sources[256];
	char feed[32];
	snprintf(feed, sizeof feed, d->feed ? "\"%s\"" : "null",
		 d->feed ? bc_feed_health(d->feed) : "");
	snprintf(sources, sizeof sources,
		 "{\"spool\":%s,\"feed\":%s,\"documents\":%llu,"
		 "\"rejected\":%llu}",
		 d->spool ? "\"ok\"" : "null", feed,
		 (unsigned long long)d->docs,
		 (unsigned long long)d->failed_docs);
	char *payload = NULL;
	if (bc_pipeline_status(d->pipe, true, d->started, backlog, sources,
			       &payload) != BC_E_OK)
		return;
	struct bc_pub_msg m = { .topic = d->status_topic, .payload = payload,
				.len = strlen(payload), .retain = true };
	bc_pub_send(d->pub, &m);
	free(payload);
}

static bool ingest_path(struct daemon *d, const char *path)
{
	char why[1024];
	char *data = NULL;
	size_t len = 0;
	enum bc_err e;
	if (strcmp(path, "-") == 0)
		e = bc_read_fd(0, "<stdin>", d->cfg->max_document_bytes, &data,
			       &len, why, sizeof why);
	else
		e = bc_read_file(path, d->cfg->max_document_bytes, &data, &len,
				 why, sizeof why);
	if (e) {
		bc_err_log("ingest", "%s", why);
		return false;
	}
	d->docs++;
	d->status_dirty = true;
	struct bc_ingest_result res;
	e = bc_pipeline_ingest(d->pipe, data, len,
			       strcmp(path, "-") ? path : "<stdin>", &res);
	free(data);
	if (e && e != BC_E_UNSUPPORTED)
		d->failed_docs++;
	return e == BC_E_OK || e == BC_E_UNSUPPORTED;
}

int bc_daemon_run(const struct bc_config *cfg,
		  const struct bc_daemon_opts *opts)
{
	struct daemon d = { .cfg = cfg, .started = time(NULL) };
	char why[1024] = "";
	int status = 0;
	char *will = NULL;

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	stop_flag = 0;

	d.acks = calloc(MAX_ACKS, sizeof *d.acks);
	if (!d.acks) {
		status = 1;
		goto cleanup;
	}
	if (bc_route_topic_status(d.status_topic, sizeof d.status_topic,
				  cfg->root) != BC_E_OK ||
	    bc_store_open(cfg->db, &d.store, why, sizeof why) != BC_E_OK ||
	    bc_pipeline_open(cfg, d.store, &d.pipe, why, sizeof why) !=
		    BC_E_OK) {
		bc_err_log("run", "cannot start: %s", why);
		status = 2;
		goto cleanup;
	}
	if (bc_pipeline_status(d.pipe, false, d.started, 0, NULL, &will)) {
		status = 1;
		goto cleanup;
	}
	struct bc_pub_opts po = {
		.host = cfg->mqtt_host, .port = cfg->mqtt_port,
		.client_id = cfg->mqtt_client_id[0] ? cfg->mqtt_client_id : NULL,
		.username = cfg->mqtt_username[0] ? cfg->mqtt_username : NULL,
		.password = cfg->mqtt_password[0] ? cfg->mqtt_password : NULL,
		.tls_ca_file = cfg->mqtt_tls_ca[0] ? cfg->mqtt_tls_ca : NULL,
		.tls_cert_file = cfg->mqtt_tls_cert[0] ? cfg->mqtt_tls_cert
						       : NULL,
		.tls_key_file = cfg->mqtt_tls_key[0] ? cfg->mqtt_tls_key : NULL,
		.keepalive = cfg->mqtt_keepalive,
		.will_topic = d.status_topic, .will_payload = will,
		.on_ack = on_ack, .on_connect = on_connect, .ud = &d,
	};
	if (bc_pub_open(&po, &d.pub, why, sizeof why) != BC_E_OK) {
		bc_err_log("run", "cannot start the publisher: %s", why);
		status = 2;
		goto cleanup;
	}
	if (cfg->spool_dir[0]) {
		if (bc_spool_open(cfg->spool_dir, cfg->max_document_bytes,
				  &d.spool, why, sizeof why) != BC_E_OK) {
			bc_err_log("run", "cannot watch the spool: %s", why);
			status = 2;
			goto cleanup;
		}
	}
	if (cfg->n_feeds &&
	    bc_feed_open_config(cfg, d.store, feed_doc, &d, &d.feed, why,
				sizeof why) != BC_E_OK) {
		bc_err_log("run", "cannot start the feed source: %s", why);
		status = 2;
		goto cleanup;
	}
	bc_info("run", "bosaicast started: broker %s:%d, root %s, spool %s, "
		"exercises %s", cfg->mqtt_host, cfg->mqtt_port, cfg->root,
		cfg->spool_dir[0] ? cfg->spool_dir : "(none)",
		cfg->exercise ? "on" : "off");

	for (size_t i = 0; i < opts->n_files; i++)
		if (!ingest_path(&d, opts->files[i]))
			status = 1;
	/* Documents already waiting; one still being written (modified in
	 * the last SPOOL_SETTLE_S) is left to its close/rename event or to a
	 * later sweep. */
	size_t spool_pending = 0;
	bool spool_events = d.spool != NULL;
	if (d.spool)
		bc_spool_sweep(d.spool, handle, &d, SPOOL_SETTLE_S,
			       &spool_pending);

	int64_t next_status = 0, next_expiry_check = 0, next_rescan = 0;
	int64_t deadline = opts->once ? now_ms() + opts->once_timeout_ms : 0;
	bool was_connected = false;
	while (!stop_flag) {
		int64_t now = now_ms();
		bool connected = bc_pub_connected(d.pub);
		if (connected && (!was_connected || now >= next_status ||
				  d.status_dirty)) {
			d.status_dirty = false;
			publish_status(&d);
			next_status = now + cfg->status_interval * 1000LL;
		}
		was_connected = connected;
		if (now >= next_expiry_check) {
			size_t n = 0;
			time_t ne = bc_store_state_next_expiry(d.store);
			if (ne && ne <= time(NULL))
				bc_pipeline_expire(d.pipe, time(NULL), &n);
			if (n)
				bc_info("run", "state of %zu places expired "
					"and republished", n);
			next_expiry_check = now + 1000;
		}
		if (d.spool && now >= next_rescan) {
			/* Retries, and whatever inotify did not announce. */
			bc_spool_sweep(d.spool, handle, &d, SPOOL_SETTLE_S,
				       &spool_pending);
			next_rescan = now + SPOOL_SWEEP_MS;
		}
		drain(&d);
		flush_acks(&d);
		/* The WAL checkpoint (fsync) when nothing is going on, never
		 * in the commit of an alert (store.c says why). */
		if (now - d.last_busy_ms >= CHECKPOINT_IDLE_MS &&
		    bc_pub_inflight(d.pub) == 0 &&
		    bc_store_checkpoint_due(d.store))
			bc_store_checkpoint(d.store);
		if (opts->once) {
			/* COUNT(*) walks the whole outbox: only ask when
			 * the answer can end the run (nothing in flight) or
			 * is to be reported (the deadline). */
			uint64_t backlog = 1;
			if (bc_pub_inflight(d.pub) == 0 || now >= deadline)
				bc_store_outbox_count(d.store, &backlog);
			bool feed_idle = true;
			if (d.feed) {
				/* Feeds polled at least once, nothing in flight. */
				struct bc_feed_stats fs;
				bc_feed_get_stats(d.feed, &fs);
				feed_idle = fs.polls + fs.feed_errors >= cfg->n_feeds &&
					    !fs.busy;
			}
			if (backlog == 0 && bc_pub_inflight(d.pub) == 0 &&
			    connected && !spool_pending && feed_idle)
				break;
			if (now >= deadline) {
				bc_err_log("run", "--once: gave up after %d ms "
					   "with %llu messages unsent",
					   opts->once_timeout_ms,
					   (unsigned long long)backlog);
				status = 1;
				break;
			}
		}

		struct pollfd fds[2 + BC_FEED_MAX_FDS];
		int nfds = 0, pub_i = -1, spool_i = -1, feed_i = -1;
		size_t nfeed = 0;
		int pfd = bc_pub_fd(d.pub);
		if (pfd >= 0) {
			pub_i = nfds;
			fds[nfds].fd = pfd;
			fds[nfds].events = POLLIN |
				(bc_pub_want_write(d.pub) ? POLLOUT : 0);
			nfds++;
		}
		if (spool_events) {
			spool_i = nfds;
			fds[nfds].fd = bc_spool_fd(d.spool);
			fds[nfds].events = POLLIN;
			nfds++;
		}
		int timeout = 100;
		if (d.feed) {
			feed_i = nfds;
			nfeed = bc_feed_pollfds(d.feed, fds + nfds,
						BC_FEED_MAX_FDS);
			nfds += (int)nfeed;
			int ft = bc_feed_timeout_ms(d.feed);
			if (ft >= 0 && ft < timeout)
				timeout = ft;
		}
		int rc = poll(fds, (nfds_t)nfds, timeout);
		if (rc < 0 && errno != EINTR) {
			bc_err_log("run", "poll: %s", strerror(errno));
			status = 1;
			break;
		}
		bool rd = rc > 0 && pub_i >= 0 &&
			  (fds[pub_i].revents & (POLLIN | POLLERR | POLLHUP));
		bool wr = rc > 0 && pub_i >= 0 && (fds[pub_i].revents & POLLOUT);
		bc_pub_io(d.pub, rd, wr);
		if (rc > 0 && spool_i >= 0 &&
		    (fds[spool_i].revents & (POLLERR | POLLNVAL))) {
			bc_warn("run", "spool: inotify descriptor failed; "
				"sweeping the directory every %d ms instead",
				SPOOL_SWEEP_MS);
			spool_events = false;
		} else if (rc > 0 && spool_i >= 0 &&
			   (fds[spool_i].revents & POLLIN)) {
			bc_spool_events(d.spool, handle, &d);
		}
		if (d.feed)
			bc_feed_perform(d.feed, feed_i >= 0 ? fds + feed_i : NULL,
					rc > 0 ? nfeed : 0);
	}

	if (d.pub && bc_pub_connected(d.pub)) {
		/* A clean stop sends no will: say offline ourselves. */
		struct bc_pub_msg m = { .topic = d.status_topic,
					.payload = will, .len = strlen(will),
					.retain = true };
		bc_pub_send(d.pub, &m);
		bc_pub_flush(d.pub, 2000);
		flush_acks(&d);
	}
	bc_info("run", "bosaicast stopped: %llu documents, %llu messages "
		"acknowledged by the broker", (unsigned long long)d.docs,
		(unsigned long long)d.published);
cleanup:
	bc_pub_close(d.pub);
	bc_feed_close(d.feed); /* borrows the store: closed before it */
	bc_spool_close(d.spool);
	bc_pipeline_close(d.pipe);
	bc_store_close(d.store);
	free(d.acks);
	free(will);
	return status;
}
