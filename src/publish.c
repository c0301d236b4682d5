/* publish.c — the MQTT v5 publisher on top of libmosquitto.
 *
 * How it fits together:
 *
 * - One libmosquitto client object per connection attempt.  When a
 *   connection dies the object is destroyed and a fresh one is made for the
 *   next attempt.  libmosquitto would otherwise keep its own copy of every
 *   unacknowledged QoS 1 message and replay it after reconnecting, behind
 *   the outbox's back: the outbox already resends everything that was not
 *   acknowledged (on_connect), so the replay would only double the traffic
 *   and blur which mid belongs to which outbox row.
 *
 * - In flight: an open-addressing table mid -> (ack_id, topic) sized for the
 *   window, so a PUBACK costs a probe or two and a publish no allocation of
 *   ours.  The window is the smaller of PUB_WINDOW_MAX and the broker's
 *   Receive Maximum from CONNACK; libmosquitto's own send maximum is set to
 *   the same so that it never queues a message internally.
 *
 * - A refused message: mosquitto 2.0.11 answers a QoS 1 publish that its
 *   ACL denies with a v5 PUBACK carrying "Not authorized" (135), and one
 *   over message_size_limit with a failure code too (a 3.1.1 client would
 *   get a plain PUBACK, indistinguishable from success: we speak v5 only).
 *   Such a message leaves the window without on_ack (the outbox keeps it
 *   and resends it after the next reconnection), on_reject tells the owner,
 *   the first refusal per topic per connection is logged, and the next
 *   bc_pub_flush returns BC_E_BROKER.  Retrying it at once would only be
 *   refused again: an ACL fix needs an operator.
 *
 * - Callbacks from libmosquitto run inside mosquitto_loop_read; there we
 *   only update the table and call on_ack/on_reject.  The owner's on_connect
 *   runs after loop_read has returned, so that it may publish freely (a
 *   publish from inside a libmosquitto callback is only queued, not
 *   written).
 *
 * - Reconnection is ours, not libmosquitto's (which would sleep): after a
 *   failure the next attempt is due after a jittered exponential backoff,
 *   and bc_pub_io starts it when due.  An outage logs one line when it
 *   starts (again only if the broker starts refusing our login) and one
 *   when it ends.
 */
#include "publish.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include "log.h"

#define MOD "publish"

/* Messages in flight at most; below mosquitto's 65535 mids by far. */
#define PUB_WINDOW_MAX 1000
/* Table slots: a power of two, at least twice the window. */
#define PUB_SLOTS 2048
#define PUB_BACKOFF_MIN_MS 100
#define PUB_BACKOFF_MAX_MS 10000
/* A TCP connect or CONNACK that takes longer is abandoned and retried. */
#define PUB_CONNECT_TIMEOUT_MS 10000
/* How long bc_pub_close waits for its DISCONNECT to be written. */
#define PUB_CLOSE_TIMEOUT_MS 1000
/* Topics whose refusal was logged since the last connection. */
#define PUB_REJECT_LOGGED 64
/* Bytes of a topic kept for the refusal log line. */
#define PUB_TOPIC_KEEP 96
#define PUB_STR_MAX 65535

struct slot {
	uint64_t ack_id;
	uint64_t topic_hash;
	uint16_t mid;                   /* 0: free (mosquitto never uses 0) */
	bool used;                      /* ever used since the last clear */
	char topic[PUB_TOPIC_KEEP];     /* truncated copy, for the log */
};

enum conn_state { ST_WAITING, ST_CONNECTING, ST_CONNECTED };

/* An outage is logged when it starts and again only if its kind changes:
 * a broker that is down (transport) is worth one line, a broker that is
 * back but refuses our login needs a human and is worth another. */
enum { KIND_NONE, KIND_TRANSPORT, KIND_REFUSED };

struct bc_publisher {
	struct mosquitto *mosq;         /* NULL while waiting to retry */
	enum conn_state state;

	char *host;
	int port;
	char *client_id;
	char *username;
	char *password;
	char *tls_ca_file;
	char *tls_cert_file;
	char *tls_key_file;
	bool tls_insecure;
	int keepalive;
	char *will_topic;
	char *will_payload;
	void (*on_ack)(void *ud, uint64_t ack_id);
	void (*on_connect)(void *ud);
	void (*on_reject)(void *ud, uint64_t ack_id, const char *why);
	void *ud;

	struct slot *slots;             /* PUB_SLOTS entries */
	size_t inflight;
	size_t window;
	/* Left the window unacknowledged since the last on_connect: lost to
	 * a disconnect, or refused by the broker. */
	size_t lost;
	size_t refused;

	int64_t next_try_ms;
	int64_t attempt_start_ms;
	int64_t outage_start_ms;
	int backoff_ms;
	unsigned attempts;              /* failed attempts in this outage */
	bool in_outage;
	bool ever_connected;
	bool connect_pending;           /* on_connect due after loop_read */
	bool refused_login;             /* CONNACK said no this attempt */
	/* Why the current attempt or connection failed, best first: our own
	 * verdict (refusal, timeout), libmosquitto's error log (the only
	 * place TLS failures are explained), the disconnect code. */
	char why[160];
	char lib_why[160];
	char disc_why[160];
	int logged_kind;                /* 0, KIND_TRANSPORT, KIND_REFUSED */
	uint64_t rng;

	uint64_t refused_topics[PUB_REJECT_LOGGED];
	size_t n_refused_topics;
};

static int lib_users;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t next_rand(struct bc_publisher *p)
{
	/* xorshift64*: jitter only, needs no quality beyond "not in step
	 * with the other broadcaster". */
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return p->rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- the mid -> ack_id table ---------------------------------------- */

static size_t slot_home(uint16_t mid)
{
	/* mids are handed out in sequence, so the identity spreads them
	 * perfectly over a table larger than the window. */
	return (size_t)mid & (PUB_SLOTS - 1);
}

/* Deletion leaves a tombstone rather than shifting the cluster back: with
 * sequential mids the cluster is the whole window, and a shift would cost
 * O(window) per PUBACK.  The next mid with the same home reuses it. */
static struct slot *slot_insert(struct bc_publisher *p, uint16_t mid)
{
	size_t i = slot_home(mid);
	for (size_t n = 0; n < PUB_SLOTS; n++, i = (i + 1) & (PUB_SLOTS - 1))
		if (p->slots[i].mid == 0)
			break;
	/* The window keeps the table at most half full, so a free slot
	 * always exists. */
	p->slots[i].mid = mid;
	p->slots[i].used = true;
	p->inflight++;
	return &p->slots[i];
}

static size_t slot_find(const struct bc_publisher *p, uint16_t mid)
{
	size_t i = slot_home(mid);
	for (size_t n = 0; n < PUB_SLOTS; n++, i = (i + 1) & (PUB_SLOTS - 1)) {
		if (p->slots[i].mid == mid)
			return i;
		if (!p->slots[i].used)
			break;          /* never used: the chain ends here */
	}
	return SIZE_MAX;
}

static void slot_remove(struct bc_publisher *p, size_t i)
{
	p->slots[i].mid = 0;            /* tombstone: used stays true */
	p->inflight--;
}

static void slots_clear(struct bc_publisher *p)
{
	for (size_t i = 0; i < PUB_SLOTS; i++) {
		p->slots[i].mid = 0;
		p->slots[i].used = false;
	}
	p->inflight = 0;
}

/* ---- libmosquitto callbacks (run inside mosquitto_loop_*) ------------- */

static void cb_connect(struct mosquitto *mosq, void *obj, int rc, int flags,
		       const mosquitto_property *props)
{
	struct bc_publisher *p = obj;
	(void)flags;
	if (rc != 0) {
		snprintf(p->why, sizeof p->why, "broker refused the connection: "
			 "%s (reason %d)", mosquitto_reason_string(rc), rc);
		p->refused_login = true;
		return;
	}
	uint16_t recv_max = 0;
	size_t window = PUB_WINDOW_MAX;
	if (mosquitto_property_read_int16(props, MQTT_PROP_RECEIVE_MAXIMUM,
					  &recv_max, false) &&
	    recv_max > 0 && recv_max < window)
		window = recv_max;
	p->window = window;
	p->state = ST_CONNECTED;
	/* Its log was only wanted for handshake errors; from here on it
	 * would be a line per packet. */
	mosquitto_log_callback_set(mosq, NULL);
	p->lib_why[0] = p->disc_why[0] = '\0';
	p->backoff_ms = PUB_BACKOFF_MIN_MS;
	p->n_refused_topics = 0;
	if (p->in_outage && p->ever_connected)
		bc_info(MOD, "reconnected to broker %s:%d after %.1f s "
			"(%u failed attempts); window %zu", p->host, p->port,
			(double)(now_ms() - p->outage_start_ms) / 1000.0,
			p->attempts, window);
	else if (p->in_outage)
		bc_info(MOD, "connected to broker %s:%d after %u failed "
			"attempts; window %zu", p->host, p->port, p->attempts,
			window);
	else
		bc_info(MOD, "connected to broker %s:%d as %s; window %zu",
			p->host, p->port, p->username ? p->username :
			"anonymous", window);
	p->in_outage = false;
	p->attempts = 0;
	p->logged_kind = KIND_NONE;
	p->ever_connected = true;
	p->connect_pending = true;
}

static void cb_disconnect(struct mosquitto *mosq, void *obj, int rc,
			  const mosquitto_property *props)
{
	struct bc_publisher *p = obj;
	(void)mosq;
	(void)props;
	if (p->disc_why[0])
		return;
	if (rc == MOSQ_ERR_ERRNO)
		snprintf(p->disc_why, sizeof p->disc_why, "%s",
			 strerror(errno));
	else if (rc == MOSQ_ERR_SUCCESS)
		snprintf(p->disc_why, sizeof p->disc_why,
			 "closed by the broker");
	else if (rc >= 128)     /* a v5 DISCONNECT from the broker */
		snprintf(p->disc_why, sizeof p->disc_why, "broker sent "
			 "DISCONNECT: %s (reason %d)",
			 mosquitto_reason_string(rc), rc);
	else
		snprintf(p->disc_why, sizeof p->disc_why, "%s",
			 mosquitto_strerror(rc));
}

/* libmosquitto says why a TLS handshake failed only through its log.
 * Set until the connection is up (see cb_connect). */
static void cb_log(struct mosquitto *mosq, void *obj, int level,
		   const char *msg)
{
	struct bc_publisher *p = obj;
	(void)mosq;
	if (level == MOSQ_LOG_ERR && !p->lib_why[0] && msg)
		snprintf(p->lib_why, sizeof p->lib_why, "%s", msg);
}

static bool topic_logged(struct bc_publisher *p, uint64_t h)
{
	for (size_t i = 0; i < p->n_refused_topics; i++)
		if (p->refused_topics[i] == h)
			return true;
	if (p->n_refused_topics < PUB_REJECT_LOGGED)
		p->refused_topics[p->n_refused_topics++] = h;
	/* Past the limit every new topic is logged: a flood of distinct
	 * refused topics is itself worth seeing. */
	return false;
}

static void cb_publish(struct mosquitto *mosq, void *obj, int mid,
		       int reason, const mosquitto_property *props)
{
	struct bc_publisher *p = obj;
	(void)mosq;
	if (mid <= 0 || mid > 0xffff)
		return;
	size_t i = slot_find(p, (uint16_t)mid);
	if (i == SIZE_MAX)
		return;         /* not ours: cannot happen with one object
				 * per connection, ignored all the same */
	uint64_t ack_id = p->slots[i].ack_id;
	slot_remove(p, i);
	if (reason < 128) {
		/* on_ack may publish again and reuse the slot. */
		if (p->on_ack)
			p->on_ack(p->ud, ack_id);
		return;
	}
	struct slot s = p->slots[i];
	/* A failure PUBACK: the broker will never deliver this message.
	 * Count it as refused, not delivered: the outbox keeps it. */
	p->refused++;
	const char *why = mosquitto_reason_string(reason);
	if (!topic_logged(p, s.topic_hash)) {
		char *detail = NULL;
		mosquitto_property_read_string(props, MQTT_PROP_REASON_STRING,
					       &detail, false);
		bc_warn(MOD, "broker refused message %llu on %s: %s (reason "
			"%d%s%s); kept unacknowledged, further refusals on "
			"this topic are not logged until the next connection",
			(unsigned long long)ack_id, s.topic, why, reason,
			detail ? ", " : "", detail ? detail : "");
		free(detail);
	}
	if (p->on_reject)
		p->on_reject(p->ud, ack_id, why);
}

/* ---- connection management ------------------------------------------- */

static void schedule_retry(struct bc_publisher *p, int64_t now)
{
	int b = p->backoff_ms;
	/* Jitter in [b/2, b] so that broadcasters restarted together do not
	 * hammer the broker in step. */
	int delay = b / 2 + (int)(next_rand(p) % (uint64_t)(b / 2 + 1));
	p->next_try_ms = now + delay;
	p->backoff_ms = b * 2 > PUB_BACKOFF_MAX_MS ? PUB_BACKOFF_MAX_MS : b * 2;
}

/* Drop the client object and everything in flight; plan the next try. */
static void connection_down(struct bc_publisher *p)
{
	int64_t now = now_ms();
	bool was_connected = p->state == ST_CONNECTED;
	if (p->mosq) {
		mosquitto_destroy(p->mosq);
		p->mosq = NULL;
	}
	if (!p->why[0])
		snprintf(p->why, sizeof p->why, "%s", p->lib_why[0] ?
			 p->lib_why : p->disc_why[0] ? p->disc_why :
			 "connection failed");
	/* mosquitto's messages end in a full stop; ours continue. */
	size_t wl = strlen(p->why);
	if (wl && p->why[wl - 1] == '.')
		p->why[wl - 1] = '\0';
	size_t dropped = p->inflight;
	p->lost += dropped;
	slots_clear(p);
	p->state = ST_WAITING;
	p->connect_pending = false;
	if (was_connected) {
		p->in_outage = true;
		p->outage_start_ms = now;
		p->attempts = 0;
		p->backoff_ms = PUB_BACKOFF_MIN_MS;
		bc_warn(MOD, "lost broker %s:%d: %s; %zu messages "
			"unacknowledged, reconnecting with backoff up to %d s",
			p->host, p->port, p->why, dropped,
			PUB_BACKOFF_MAX_MS / 1000);
		p->logged_kind = KIND_TRANSPORT;
	} else {
		if (!p->in_outage) {
			p->in_outage = true;
			p->outage_start_ms = p->attempt_start_ms;
		}
		p->attempts++;
		int kind = p->refused_login ? KIND_REFUSED : KIND_TRANSPORT;
		if (kind != p->logged_kind) {
			/* A refused login is a configuration error, not an
			 * outage: say so louder. */
			bc_log(kind == KIND_REFUSED ? BC_LOG_ERROR :
			       BC_LOG_WARN, MOD, "cannot connect to broker "
			       "%s:%d: %s; retrying with backoff up to %d s",
			       p->host, p->port, p->why,
			       PUB_BACKOFF_MAX_MS / 1000);
			p->logged_kind = kind;
		}
	}
	p->refused_login = false;
	p->why[0] = p->lib_why[0] = p->disc_why[0] = '\0';
	schedule_retry(p, now);
}

static int set_will(struct bc_publisher *p, struct mosquitto *mosq)
{
	mosquitto_property *props = NULL;
	int rc = mosquitto_property_add_string(&props, MQTT_PROP_CONTENT_TYPE,
					       "application/json");
	if (rc)
		goto cleanup;
	size_t len = p->will_payload ? strlen(p->will_payload) : 0;
	rc = mosquitto_will_set_v5(mosq, p->will_topic, (int)len,
				   p->will_payload, 1, true, props);
	if (!rc)
		props = NULL;   /* owned by mosquitto now */
cleanup:
	mosquitto_property_free_all(&props);
	return rc;
}

/* A new client object configured from opts.  On failure why says what. */
static enum bc_err make_client(struct bc_publisher *p, struct mosquitto **out)
{
	enum bc_err err = BC_E_CONFIG;
	struct mosquitto *mosq = mosquitto_new(p->client_id, true, p);
	int rc;
	if (!mosq) {
		snprintf(p->why, sizeof p->why, "mosquitto_new: %s",
			 strerror(errno));
		return errno == ENOMEM ? BC_E_NOMEM : BC_E_INVAL;
	}
	mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION,
			     MQTT_PROTOCOL_V5);
	mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, PUB_WINDOW_MAX);
	/* Alerts go out in bursts of a few to tens of thousands of small
	 * packets and latency matters more than segment count. */
	mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
	if (p->username) {
		rc = mosquitto_username_pw_set(mosq, p->username, p->password);
		if (rc) {
			snprintf(p->why, sizeof p->why, "user name: %s",
				 mosquitto_strerror(rc));
			goto fail;
		}
	}
	if (p->tls_ca_file) {
		rc = mosquitto_tls_set(mosq, p->tls_ca_file, NULL,
				       p->tls_cert_file, p->tls_key_file, NULL);
		if (rc) {
			snprintf(p->why, sizeof p->why, "TLS files (CA %s, "
				 "cert %s, key %s): %s", p->tls_ca_file,
				 p->tls_cert_file ? p->tls_cert_file : "-",
				 p->tls_key_file ? p->tls_key_file : "-",
				 mosquitto_strerror(rc));
			goto fail;
		}
		if (p->tls_insecure)
			mosquitto_tls_insecure_set(mosq, true);
	}
	if (p->will_topic) {
		rc = set_will(p, mosq);
		if (rc) {
			snprintf(p->why, sizeof p->why, "last will on %s: %s",
				 p->will_topic, mosquitto_strerror(rc));
			goto fail;
		}
	}
	mosquitto_connect_v5_callback_set(mosq, cb_connect);
	mosquitto_disconnect_v5_callback_set(mosq, cb_disconnect);
	mosquitto_publish_v5_callback_set(mosq, cb_publish);
	mosquitto_log_callback_set(mosq, cb_log);
	*out = mosq;
	return BC_E_OK;
fail:
	mosquitto_destroy(mosq);
	return err;
}

/* Start connecting with a client object from make_client (taken over).
 * A failure is not an error: it schedules the next attempt. */
static void connect_client(struct bc_publisher *p, struct mosquitto *mosq)
{
	p->why[0] = p->lib_why[0] = p->disc_why[0] = '\0';
	p->attempt_start_ms = now_ms();
	p->mosq = mosq;
	p->state = ST_CONNECTING;
	/* Non-blocking connect.  A host name (not an address) is resolved
	 * with getaddrinfo here, which may block on DNS. */
	errno = 0;
	int rc = mosquitto_connect_bind_async(mosq, p->host, p->port,
					      p->keepalive, NULL);
	if (rc != MOSQ_ERR_SUCCESS) {
		char *w = p->disc_why;
		size_t ws = sizeof p->disc_why;
		if (rc == MOSQ_ERR_ERRNO)
			snprintf(w, ws, "%s", strerror(errno));
		else if (rc == MOSQ_ERR_EAI)
			snprintf(w, ws, "cannot resolve %s", p->host);
		else
			snprintf(w, ws, "%s", mosquitto_strerror(rc));
		connection_down(p);
	}
}

/* Start one connection attempt.  Only a configuration error is returned
 * (logged; the caller retries later, the files may come back). */
static enum bc_err start_attempt(struct bc_publisher *p)
{
	struct mosquitto *mosq = NULL;
	p->why[0] = '\0';
	enum bc_err err = make_client(p, &mosq);
	if (err) {
		bc_err_log(MOD, "cannot set up the broker connection: %s",
			   p->why);
		p->why[0] = '\0';
		return err;
	}
	connect_client(p, mosq);
	return BC_E_OK;
}

/* ---- public API -------------------------------------------------------- */

static enum bc_err dup_opt(const char *s, char **out, const char *name,
			   char *why, size_t why_size)
{
	*out = NULL;
	if (!s)
		return BC_E_OK;
	if (strlen(s) > PUB_STR_MAX) {
		snprintf(why, why_size, "%s longer than %d bytes", name,
			 PUB_STR_MAX);
		return BC_E_TOOBIG;
	}
	*out = strdup(s);
	if (!*out) {
		snprintf(why, why_size, "out of memory");
		return BC_E_NOMEM;
	}
	return BC_E_OK;
}

static enum bc_err check_opts(const struct bc_pub_opts *o, char *why,
			      size_t why_size)
{
	if (o->port < 0 || o->port > 65535) {
		snprintf(why, why_size, "port %d out of range", o->port);
		return BC_E_INVAL;
	}
	if (o->keepalive < 0 || (o->keepalive > 0 && o->keepalive < 5) ||
	    o->keepalive > 65535) {
		snprintf(why, why_size, "keepalive %d s: must be 5..65535",
			 o->keepalive);
		return BC_E_INVAL;
	}
	if (o->password && !o->username) {
		snprintf(why, why_size, "a password needs a user name");
		return BC_E_INVAL;
	}
	if ((o->tls_cert_file != NULL) != (o->tls_key_file != NULL)) {
		snprintf(why, why_size, "TLS client certificate and key go "
			 "together");
		return BC_E_INVAL;
	}
	if ((o->tls_cert_file || o->tls_insecure) && !o->tls_ca_file) {
		snprintf(why, why_size, "TLS options need a CA file");
		return BC_E_INVAL;
	}
	const char *files[] = { o->tls_ca_file, o->tls_cert_file,
				o->tls_key_file };
	for (size_t i = 0; i < 3; i++) {
		if (files[i] && access(files[i], R_OK) != 0) {
			snprintf(why, why_size, "cannot read TLS file %s: %s",
				 files[i], strerror(errno));
			return BC_E_CONFIG;
		}
	}
	if (o->will_payload && !o->will_topic) {
		snprintf(why, why_size, "a will payload needs a will topic");
		return BC_E_INVAL;
	}
	if (o->will_topic &&
	    mosquitto_pub_topic_check(o->will_topic) != MOSQ_ERR_SUCCESS) {
		snprintf(why, why_size, "invalid will topic \"%s\"",
			 o->will_topic);
		return BC_E_INVAL;
	}
	return BC_E_OK;
}

enum bc_err bc_pub_open(const struct bc_pub_opts *opts,
			struct bc_publisher **out, char *why,
			size_t why_size)
{
	char dummy[1];
	struct bc_publisher *p = NULL;
	enum bc_err err;
	if (!why || !why_size) {
		why = dummy;
		why_size = sizeof dummy;
	}
	why[0] = '\0';
	if (!opts || !out) {
		snprintf(why, why_size, "no options");
		return BC_E_INVAL;
	}
	*out = NULL;
	err = check_opts(opts, why, why_size);
	if (err)
		return err;
	p = calloc(1, sizeof *p);
	if (!p)
		goto nomem;
	p->slots = calloc(PUB_SLOTS, sizeof *p->slots);
	if (!p->slots)
		goto nomem;
	if (lib_users++ == 0)
		mosquitto_lib_init();
	char defid[128];
	if (!opts->client_id) {
		char host[64] = "localhost";
		gethostname(host, sizeof host - 1);
		host[sizeof host - 1] = '\0';
		snprintf(defid, sizeof defid, "bosaicast-%s-%ld", host,
			 (long)getpid());
	}
	if ((err = dup_opt(opts->host ? opts->host : "127.0.0.1", &p->host,
			   "host", why, why_size)) ||
	    (err = dup_opt(opts->client_id ? opts->client_id : defid,
			   &p->client_id, "client id", why, why_size)) ||
	    (err = dup_opt(opts->username, &p->username, "user name", why,
			   why_size)) ||
	    (err = dup_opt(opts->password, &p->password, "password", why,
			   why_size)) ||
	    (err = dup_opt(opts->tls_ca_file, &p->tls_ca_file, "CA file", why,
			   why_size)) ||
	    (err = dup_opt(opts->tls_cert_file, &p->tls_cert_file,
			   "certificate file", why, why_size)) ||
	    (err = dup_opt(opts->tls_key_file, &p->tls_key_file, "key file",
			   why, why_size)) ||
	    (err = dup_opt(opts->will_topic, &p->will_topic, "will topic", why,
			   why_size)) ||
	    (err = dup_opt(opts->will_payload, &p->will_payload,
			   "will payload", why, why_size)))
		goto cleanup;
	p->port = opts->port ? opts->port : 1883;
	p->tls_insecure = opts->tls_insecure;
	p->keepalive = opts->keepalive ? opts->keepalive : 30;
	p->on_ack = opts->on_ack;
	p->on_connect = opts->on_connect;
	p->on_reject = opts->on_reject;
	p->ud = opts->ud;
	p->window = PUB_WINDOW_MAX;
	p->backoff_ms = PUB_BACKOFF_MIN_MS;
	p->rng = ((uint64_t)now_ms() << 20) ^ (uint64_t)getpid() ^
		 (uint64_t)(uintptr_t)p;
	if (!p->rng)
		p->rng = 1;

	/* What only libmosquitto can check (TLS files, the will) fails the
	 * open, rather than every retry later. */
	struct mosquitto *mosq = NULL;
	err = make_client(p, &mosq);
	if (err) {
		snprintf(why, why_size, "%s", p->why);
		goto cleanup;
	}
	connect_client(p, mosq);
	*out = p;
	return BC_E_OK;
nomem:
	snprintf(why, why_size, "out of memory");
	err = BC_E_NOMEM;
cleanup:
	bc_pub_close(p);
	return err;
}

void bc_pub_close(struct bc_publisher *p)
{
	if (!p)
		return;
	if (p->mosq && p->state == ST_CONNECTING) {
		/* The broker may already hold our CONNECT: a bare close
		 * now would publish the will.  Let the handshake finish
		 * (bounded) so that the DISCONNECT below can cancel it. */
		int64_t deadline = now_ms() + PUB_CLOSE_TIMEOUT_MS;
		void (*on_connect)(void *) = p->on_connect;
		p->on_connect = NULL;   /* no resend while closing */
		while (p->mosq && p->state == ST_CONNECTING &&
		       now_ms() < deadline) {
			struct pollfd pfd = { mosquitto_socket(p->mosq),
					      POLLIN, 0 };
			if (mosquitto_want_write(p->mosq))
				pfd.events |= POLLOUT;
			int n = poll(&pfd, 1, 10);
			bc_pub_io(p, n > 0 && (pfd.revents & (POLLIN | POLLHUP |
							      POLLERR)),
				  n > 0 && (pfd.revents & POLLOUT));
		}
		p->on_connect = on_connect;
	}
	if (p->mosq && p->state == ST_CONNECTED) {
		/* DISCONNECT with reason 0: the broker drops the will. */
		int rc = mosquitto_disconnect_v5(p->mosq,
						 MQTT_RC_NORMAL_DISCONNECTION,
						 NULL);
		int64_t deadline = now_ms() + PUB_CLOSE_TIMEOUT_MS;
		while (rc == MOSQ_ERR_SUCCESS &&
		       mosquitto_socket(p->mosq) >= 0 &&
		       mosquitto_want_write(p->mosq)) {
			int64_t left = deadline - now_ms();
			if (left <= 0) {
				bc_warn(MOD, "DISCONNECT to %s:%d not written "
					"within %d ms; closing anyway",
					p->host, p->port,
					PUB_CLOSE_TIMEOUT_MS);
				break;
			}
			struct pollfd pfd = { mosquitto_socket(p->mosq),
					      POLLOUT, 0 };
			if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
				break;
			rc = mosquitto_loop_write(p->mosq, 1);
		}
		bc_info(MOD, "disconnected from broker %s:%d; %zu messages "
			"were unacknowledged", p->host, p->port, p->inflight);
	}
	if (p->mosq)
		mosquitto_destroy(p->mosq);
	if (p->slots && lib_users > 0 && --lib_users == 0)
		mosquitto_lib_cleanup();
	free(p->slots);
	free(p->host);
	free(p->client_id);
	free(p->username);
	if (p->password) {
		/* explicit_bzero is not in C11; a volatile loop is not elided */
		volatile char *v = p->password;
		while (*v)
			*v++ = 0;
	}
	free(p->password);
	free(p->tls_ca_file);
	free(p->tls_cert_file);
	free(p->tls_key_file);
	free(p->will_topic);
	free(p->will_payload);
	free(p);
}

static enum bc_err map_publish_err(int rc)
{
	switch (rc) {
	case MOSQ_ERR_NOMEM:
		return BC_E_NOMEM;
	case MOSQ_ERR_INVAL:
	case MOSQ_ERR_MALFORMED_UTF8:
		return BC_E_INVAL;
	case MOSQ_ERR_PAYLOAD_SIZE:
	case MOSQ_ERR_OVERSIZE_PACKET:
		return BC_E_TOOBIG;
	case MOSQ_ERR_NO_CONN:
	case MOSQ_ERR_CONN_LOST:
	case MOSQ_ERR_ERRNO:
		return BC_E_RETRY;
	default:
		return BC_E_BROKER;
	}
}

static int build_props(const struct bc_pub_msg *m, mosquitto_property **pl)
{
	int rc = mosquitto_property_add_string(pl, MQTT_PROP_CONTENT_TYPE,
					       "application/json");
	if (!rc && m->expiry_s)
		rc = mosquitto_property_add_int32(
			pl, MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, m->expiry_s);
	if (!rc && m->lang)
		rc = mosquitto_property_add_string_pair(
			pl, MQTT_PROP_USER_PROPERTY, "lang", m->lang);
	if (!rc && m->kind)
		rc = mosquitto_property_add_string_pair(
			pl, MQTT_PROP_USER_PROPERTY, "kind", m->kind);
	if (!rc && m->id)
		rc = mosquitto_property_add_string_pair(
			pl, MQTT_PROP_USER_PROPERTY, "id", m->id);
	return rc;
}

enum bc_err bc_pub_send(struct bc_publisher *p, const struct bc_pub_msg *m)
{
	mosquitto_property *props = NULL;
	enum bc_err err = BC_E_OK;
	int mid = 0;
	if (!p || !m || !m->topic || (m->len && !m->payload))
		return BC_E_INVAL;
	if (m->len > 268435455)         /* the MQTT maximum */
		return BC_E_TOOBIG;
	if (p->state != ST_CONNECTED || !p->mosq ||
	    p->inflight >= p->window)
		return BC_E_RETRY;
	int rc = build_props(m, &props);
	if (rc) {
		err = map_publish_err(rc);
		goto cleanup;
	}
	rc = mosquitto_publish_v5(p->mosq, &mid, m->topic, (int)m->len,
				  m->payload, 1, m->retain, props);
	if (rc) {
		err = map_publish_err(rc);
		goto cleanup;
	}
	struct slot *s = slot_insert(p, (uint16_t)mid);
	s->ack_id = m->ack_id;
	s->topic_hash = hash_str(m->topic);
	size_t n = strlen(m->topic);
	if (n >= sizeof s->topic) {
		memcpy(s->topic, m->topic, sizeof s->topic - 4);
		memcpy(s->topic + sizeof s->topic - 4, "...", 4);
	} else {
		memcpy(s->topic, m->topic, n + 1);
	}
cleanup:
	mosquitto_property_free_all(&props);
	return err;
}

bool bc_pub_connected(const struct bc_publisher *p)
{
	return p && p->state == ST_CONNECTED;
}

size_t bc_pub_inflight(const struct bc_publisher *p)
{
	return p ? p->inflight : 0;
}

int bc_pub_fd(const struct bc_publisher *p)
{
	if (!p || !p->mosq)
		return -1;
	return mosquitto_socket(p->mosq);
}

bool bc_pub_want_write(const struct bc_publisher *p)
{
	if (!p || !p->mosq || mosquitto_socket(p->mosq) < 0)
		return false;
	return mosquitto_want_write(p->mosq);
}

enum bc_err bc_pub_io(struct bc_publisher *p, bool readable, bool writable)
{
	if (!p)
		return BC_E_INVAL;
	if (!p->mosq) {
		if (now_ms() < p->next_try_ms)
			return BC_E_OK;
		enum bc_err err = start_attempt(p);
		if (err) {
			/* e.g. a TLS file vanished: keep trying, it may come
			 * back, but the owner should know. */
			schedule_retry(p, now_ms());
			return err;
		}
		if (!p->mosq)
			return BC_E_OK;
	}
	struct mosquitto *mosq = p->mosq;
	if (readable)
		mosquitto_loop_read(mosq, 1);
	/* After a read, acks may have let on_ack queue more messages from
	 * inside the callback (queued, not written): write them now rather
	 * than a poll round later. */
	if (mosquitto_socket(mosq) >= 0 &&
	    (writable || (p->state == ST_CONNECTED &&
			  mosquitto_want_write(mosq))))
		mosquitto_loop_write(mosq, 1);
	if (mosquitto_socket(mosq) >= 0)
		mosquitto_loop_misc(mosq);
	if (mosquitto_socket(mosq) < 0) {
		connection_down(p);
		return BC_E_OK;
	}
	if (p->state == ST_CONNECTING &&
	    now_ms() - p->attempt_start_ms > PUB_CONNECT_TIMEOUT_MS) {
		snprintf(p->why, sizeof p->why, "no CONNACK within %d s",
			 PUB_CONNECT_TIMEOUT_MS / 1000);
		connection_down(p);
		return BC_E_OK;
	}
	if (p->connect_pending) {
		p->connect_pending = false;
		if (p->on_connect) {
			/* The owner resends everything unacknowledged now. */
			p->lost = 0;
			p->refused = 0;
			p->on_connect(p->ud);
		}
	}
	return BC_E_OK;
}

enum bc_err bc_pub_flush(struct bc_publisher *p, int timeout_ms)
{
	if (!p)
		return BC_E_INVAL;
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	for (;;) {
		if (p->inflight == 0 && p->lost == 0) {
			enum bc_err err = p->refused ? BC_E_BROKER : BC_E_OK;
			p->refused = 0;
			return err;
		}
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return BC_E_RETRY;
		int wait = left > 100 ? 100 : (int)left;
		int fd = bc_pub_fd(p);
		bool rd = false, wr = false;
		if (fd >= 0) {
			struct pollfd pfd = { fd, POLLIN, 0 };
			if (bc_pub_want_write(p))
				pfd.events |= POLLOUT;
			int n = poll(&pfd, 1, wait);
			if (n < 0 && errno != EINTR)
				return BC_E_IO;
			rd = n > 0 && (pfd.revents & (POLLIN | POLLHUP |
						      POLLERR));
			wr = n > 0 && (pfd.revents & POLLOUT);
		} else {
			int64_t until = p->next_try_ms - now_ms();
			if (until > wait)
				until = wait;
			if (until > 0)
				poll(NULL, 0, (int)until);
		}
		enum bc_err err = bc_pub_io(p, rd, wr);
		if (err && err != BC_E_RETRY)
			return err;
	}
}
