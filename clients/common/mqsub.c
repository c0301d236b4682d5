/* mqsub.c — subscriber connection for the reference clients (mqsub.h).
 *
 * libmosquitto is used directly here: the clients are programs of their
 * own that share bccore's helpers (JSON reader, text layout, logging), not
 * pipeline stages, so the rule that only src/publish.c touches
 * libmosquitto is about the broadcaster, not about them.
 *
 * Single-threaded: bc_mqsub_poll runs mosquitto_loop, whose callbacks run
 * inside it.  Reconnection is ours (not mosquitto_loop_forever's) so the
 * caller's loop keeps its own timers — a sign must keep its clock and its
 * "feed stale" line going while the broker is away.
 */
#include "mqsub.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include "log.h"

#define MOD "mqsub"
#define MAX_TOPICS 16
#define BACKOFF_MIN_MS 500
#define BACKOFF_MAX_MS 30000
#define PROBE_MS 3000

struct bc_mqsub {
	struct mosquitto *mosq;
	char host[256];
	int port;
	int keepalive;
	unsigned session_expiry;
	char *topics[MAX_TOPICS];
	size_t n_topics;
	bc_mqsub_msg_fn fn;
	void *ud;
	bool tcp;        /* socket open (connect called and not lost) */
	bool up;         /* CONNACK success and subscribed */
	long long next_try_ms;
	int backoff_ms;
	bool logged_down;
	bool lib;        /* mosquitto_lib_init called */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void schedule_retry(struct bc_mqsub *s)
{
	s->tcp = false;
	s->up = false;
	s->next_try_ms = now_ms() + s->backoff_ms;
	s->backoff_ms *= 2;
	if (s->backoff_ms > BACKOFF_MAX_MS)
		s->backoff_ms = BACKOFF_MAX_MS;
}

static void cb_connect(struct mosquitto *mosq, void *obj, int rc, int flags,
		       const mosquitto_property *props)
{
	struct bc_mqsub *s = obj;
	(void)flags;
	(void)props;
	if (rc != 0) {
		bc_warn(MOD, "broker %s:%d refused the connection: %s", s->host,
			s->port, mosquitto_reason_string(rc));
		return; /* the broker closes; cb_disconnect schedules */
	}
	int src = mosquitto_subscribe_multiple(mosq, NULL, (int)s->n_topics,
					       s->topics, 1, 0, NULL);
	if (src != MOSQ_ERR_SUCCESS) {
		bc_warn(MOD, "subscribing on %s:%d: %s", s->host, s->port,
			mosquitto_strerror(src));
		mosquitto_disconnect(mosq);
		return;
	}
	s->up = true;
	s->backoff_ms = BACKOFF_MIN_MS;
	s->logged_down = false;
	bc_info(MOD, "connected to %s:%d%s, subscribed to %zu topic(s)",
		s->host, s->port, (flags & 1) ? " (session resumed)" : "",
		s->n_topics);
}

static void cb_disconnect(struct mosquitto *mosq, void *obj, int rc,
			  const mosquitto_property *props)
{
	struct bc_mqsub *s = obj;
	(void)mosq;
	(void)props;
	if (rc == 0)
		bc_info(MOD, "disconnected from %s:%d", s->host, s->port);
	else if (s->up || !s->logged_down)
		bc_warn(MOD, "disconnected from %s:%d: %s", s->host, s->port,
			mosquitto_reason_string(rc));
	s->logged_down = true;
	schedule_retry(s);
}

static void cb_message(struct mosquitto *mosq, void *obj,
		       const struct mosquitto_message *m,
		       const mosquitto_property *props)
{
	struct bc_mqsub *s = obj;
	(void)mosq;
	(void)props;
	if (!m->topic || m->payloadlen < 0)
		return;
	s->fn(s->ud, m->topic, m->payload, (size_t)m->payloadlen, m->retain);
}

enum bc_err bc_mqsub_read_secret(const char *path, char *buf, size_t size,
				 char *why, size_t why_size)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return BC_E_IO;
	}
	if (!fgets(buf, (int)size, f)) {
		fclose(f);
		snprintf(why, why_size, "%s: empty", path);
		return BC_E_CONFIG;
	}
	fclose(f);
	buf[strcspn(buf, "\r\n")] = '\0';
	return BC_E_OK;
}

enum bc_err bc_mqsub_new(struct bc_mqsub **out, const struct bc_mqsub_opts *o,
			 const char *const *topics, size_t n_topics,
			 bc_mqsub_msg_fn fn, void *ud, char *why,
			 size_t why_size)
{
	struct bc_mqsub *s = NULL;
	enum bc_err e = BC_E_OK;
	char secret[512] = "";
	int rc;

	*out = NULL;
	if (!n_topics || n_topics > MAX_TOPICS || !fn) {
		snprintf(why, why_size, "between 1 and %d topics", MAX_TOPICS);
		return BC_E_INVAL;
	}
	if (o->session_expiry && !o->client_id) {
		snprintf(why, why_size, "a kept session needs a client id");
		return BC_E_CONFIG;
	}
	s = calloc(1, sizeof *s);
	if (!s)
		return BC_E_NOMEM;
	snprintf(s->host, sizeof s->host, "%s", o->host ? o->host :
		 "127.0.0.1");
	s->port = o->port > 0 ? o->port : (o->cafile ? 8883 : 1883);
	s->keepalive = o->keepalive > 0 ? o->keepalive : 30;
	s->session_expiry = o->session_expiry;
	s->fn = fn;
	s->ud = ud;
	s->backoff_ms = BACKOFF_MIN_MS;
	for (size_t i = 0; i < n_topics; i++) {
		if (mosquitto_sub_topic_check(topics[i]) != MOSQ_ERR_SUCCESS) {
			snprintf(why, why_size, "bad topic filter '%s'",
				 topics[i]);
			e = BC_E_CONFIG;
			goto cleanup;
		}
		s->topics[i] = strdup(topics[i]);
		if (!s->topics[i]) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
		s->n_topics++;
	}
	mosquitto_lib_init();
	s->lib = true;
	s->mosq = mosquitto_new(o->client_id, o->session_expiry == 0, s);
	if (!s->mosq) {
		snprintf(why, why_size, "mosquitto_new: %s", strerror(errno));
		e = BC_E_BROKER;
		goto cleanup;
	}
	mosquitto_int_option(s->mosq, MOSQ_OPT_PROTOCOL_VERSION,
			     MQTT_PROTOCOL_V5);
	if (o->username) {
		if (o->password_file) {
			e = bc_mqsub_read_secret(o->password_file, secret,
						 sizeof secret, why, why_size);
			if (e)
				goto cleanup;
		}
		rc = mosquitto_username_pw_set(s->mosq, o->username,
					       o->password_file ? secret :
					       NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(why, why_size, "user name: %s",
				 mosquitto_strerror(rc));
			e = BC_E_CONFIG;
			goto cleanup;
		}
	}
	if (o->cafile) {
		rc = mosquitto_tls_set(s->mosq, o->cafile, NULL, NULL, NULL,
				       NULL);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(why, why_size, "TLS CA file %s: %s",
				 o->cafile, mosquitto_strerror(rc));
			e = BC_E_CONFIG;
			goto cleanup;
		}
	}
	mosquitto_connect_v5_callback_set(s->mosq, cb_connect);
	mosquitto_disconnect_v5_callback_set(s->mosq, cb_disconnect);
	mosquitto_message_v5_callback_set(s->mosq, cb_message);
	*out = s;
	s = NULL;
cleanup:
	memset(secret, 0, sizeof secret);
	bc_mqsub_free(s);
	return e;
}

void bc_mqsub_free(struct bc_mqsub *s)
{
	if (!s)
		return;
	if (s->mosq)
		mosquitto_destroy(s->mosq);
	for (size_t i = 0; i < s->n_topics; i++)
		free(s->topics[i]);
	if (s->lib)
		mosquitto_lib_cleanup();
	free(s);
}

/* Can a TCP connection to the broker be made within PROBE_MS?  libmosquitto
 * connects in a blocking call that, towards a host that drops packets,
 * waits for the kernel's SYN retries (minutes): a sign's clock and its
 * "no connection" line would freeze that long.  A non-blocking probe first
 * keeps every attempt short; the real connect follows at once. */
static bool reachable(const struct bc_mqsub *s)
{
	struct addrinfo hints, *res = NULL;
	char port[16];
	bool ok = false;
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof port, "%d", s->port);
	if (getaddrinfo(s->host, port, &hints, &res) != 0)
		return false;
	for (struct addrinfo *a = res; a && !ok; a = a->ai_next) {
		int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK |
				SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
			ok = true;
		} else if (errno == EINPROGRESS) {
			struct pollfd pfd = { fd, POLLOUT, 0 };
			int err = 0;
			socklen_t len = sizeof err;
			if (poll(&pfd, 1, PROBE_MS) == 1 &&
			    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) ==
			    0 && err == 0)
				ok = true;
		}
		close(fd);
	}
	freeaddrinfo(res);
	return ok;
}

static void try_connect(struct bc_mqsub *s)
{
	if (!reachable(s)) {
		if (!s->logged_down)
			bc_warn(MOD, "cannot reach %s:%d (retrying)", s->host,
				s->port);
		s->logged_down = true;
		schedule_retry(s);
		return;
	}
	mosquitto_property *props = NULL;
	if (s->session_expiry)
		mosquitto_property_add_int32(&props,
					     MQTT_PROP_SESSION_EXPIRY_INTERVAL,
					     s->session_expiry);
	int rc = mosquitto_connect_bind_v5(s->mosq, s->host, s->port,
					   s->keepalive, NULL, props);
	mosquitto_property_free_all(&props);
	if (rc != MOSQ_ERR_SUCCESS) {
		if (!s->logged_down)
			bc_warn(MOD, "cannot connect to %s:%d: %s (retrying)",
				s->host, s->port,
				rc == MOSQ_ERR_ERRNO ? strerror(errno) :
				mosquitto_strerror(rc));
		s->logged_down = true;
		schedule_retry(s);
		return;
	}
	s->tcp = true;
}

void bc_mqsub_poll(struct bc_mqsub *s, int timeout_ms)
{
	if (!s->tcp) {
		long long now = now_ms();
		if (now < s->next_try_ms) {
			long long wait = s->next_try_ms - now;
			if (wait > timeout_ms)
				wait = timeout_ms;
			struct timespec ts = { (time_t)(wait / 1000),
					       (long)(wait % 1000) * 1000000 };
			nanosleep(&ts, NULL);
			return;
		}
		try_connect(s);
		if (!s->tcp)
			return;
	}
	int rc = mosquitto_loop(s->mosq, timeout_ms, 1);
	if (rc != MOSQ_ERR_SUCCESS && s->tcp) {
		/* Lost without a DISCONNECT (cb_disconnect may not have
		 * run): close and retry later. */
		if (!s->logged_down)
			bc_warn(MOD, "connection to %s:%d lost: %s", s->host,
				s->port, rc == MOSQ_ERR_ERRNO ?
				strerror(errno) : mosquitto_strerror(rc));
		s->logged_down = true;
		mosquitto_disconnect(s->mosq);
		schedule_retry(s);
	}
}

bool bc_mqsub_connected(const struct bc_mqsub *s)
{
	return s && s->up;
}

void bc_mqsub_disconnect(struct bc_mqsub *s)
{
	if (!s || !s->tcp)
		return;
	mosquitto_disconnect(s->mosq);
	/* Let the DISCONNECT go out. */
	for (int i = 0; i < 5 && s->tcp; i++)
		mosquitto_loop(s->mosq, 20, 1);
	s->tcp = false;
	s->up = false;
}
