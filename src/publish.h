/* publish.h — the MQTT v5 publisher.  The only module that touches
 * libmosquitto.
 *
 * Single-threaded and non-blocking: the daemon's poll loop watches
 * bc_pub_fd() and calls bc_pub_io(); the publisher never blocks and never
 * starts a thread.  Every message is QoS 1 with MQTT v5 properties
 * (content type application/json, message expiry when non-zero, user
 * properties lang, kind, id).  A message counts as delivered only when its
 * PUBACK arrives (on_ack); until then the outbox keeps it, so a broker
 * outage is a retry, never a loss.
 */
#ifndef BC_PUBLISH_H
#define BC_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct bc_publisher; /* opaque */

struct bc_pub_opts {
	const char *host;          /* "127.0.0.1" */
	int port;                  /* 1883 */
	const char *client_id;     /* NULL: "bosaicast-<host>-<pid>" */
	const char *username;      /* NULL: anonymous */
	const char *password;
	const char *tls_ca_file;   /* non-NULL enables TLS */
	const char *tls_cert_file; /* client certificate, optional */
	const char *tls_key_file;
	bool tls_insecure;         /* skip host-name check (tests only) */
	int keepalive;             /* seconds, 0: 30 */
	/* Last will, set at connect: retained on will_topic. NULL: none. */
	const char *will_topic;
	const char *will_payload;
	/* Called when a PUBACK (or PUBREC for completeness) confirms a
	 * message given to bc_pub_send; ack_id is what the caller passed. */
	void (*on_ack)(void *ud, uint64_t ack_id);
	/* Called after each successful (re)connection, e.g. to republish
	 * status and resend everything unacknowledged. */
	void (*on_connect)(void *ud);
	/* Optional.  Called when the broker answers a message with a failure
	 * reason code (mosquitto answers "Not authorized" when the ACL
	 * forbids the topic): the message was not delivered and leaves the
	 * in-flight window without on_ack, so the outbox keeps it and resends
	 * it with everything else after the next (re)connection, or on its
	 * own schedule.  why is a static string. */
	void (*on_reject)(void *ud, uint64_t ack_id, const char *why);
	void *ud;
};

struct bc_pub_msg {
	const char *topic;
	const void *payload;
	size_t len;
	bool retain;
	uint32_t expiry_s;         /* 0: no Message Expiry Interval */
	const char *lang;          /* user properties; NULL omits */
	const char *kind;
	const char *id;
	uint64_t ack_id;           /* handed back through on_ack */
};

/* Create the publisher and start connecting (asynchronously).  Strings in
 * opts are copied.  Caller owns *out. */
enum bc_err bc_pub_open(const struct bc_pub_opts *opts,
			struct bc_publisher **out, char *why,
			size_t why_size);
/* Disconnect cleanly (sending no will) and free.  NULL is fine.  Waits
 * up to about a second for a handshake under way to finish (so that the
 * DISCONNECT can cancel the will) and up to a second for the DISCONNECT
 * to be written.  Messages still in flight are not acknowledged. */
void bc_pub_close(struct bc_publisher *p);

/* Queue one message.  BC_E_RETRY when not connected or when the in-flight
 * window is full (the caller keeps it in the outbox and tries again).
 * m and its strings are only read during the call.  Callable from on_ack
 * and on_connect; never call bc_pub_close from a callback. */
enum bc_err bc_pub_send(struct bc_publisher *p, const struct bc_pub_msg *m);

bool bc_pub_connected(const struct bc_publisher *p);
/* Messages sent but not yet acknowledged. */
size_t bc_pub_inflight(const struct bc_publisher *p);

/* Socket to poll (-1 while disconnected) and whether POLLOUT is wanted. */
int bc_pub_fd(const struct bc_publisher *p);
bool bc_pub_want_write(const struct bc_publisher *p);
/* Do the I/O the poll loop found ready (readable/writable may both be
 * false: then only timers run), plus keepalives and reconnection with
 * backoff.  Call at least every 100 ms.  Errors are logged once per
 * outage; the return is BC_E_OK unless the publisher is unusable. */
enum bc_err bc_pub_io(struct bc_publisher *p, bool readable, bool writable);

/* Drive I/O until every sent message is acknowledged or timeout_ms
 * passes; BC_E_RETRY on timeout. For one-shot runs and tests.
 * BC_E_BROKER as soon as nothing is left in flight if the broker refused
 * a message (see on_reject) since the last flush or reconnection.
 * Messages dropped by a disconnect count as outstanding until on_connect
 * has run (where the owner resends them). */
enum bc_err bc_pub_flush(struct bc_publisher *p, int timeout_ms);

#endif
