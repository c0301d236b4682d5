/* mqsub.h — the MQTT side of the reference subscribers (bosaicast-sign,
 * bosaicast-relay): one connection that subscribes to a few topics,
 * reconnects with backoff and hands each message to a callback.
 *
 * The subscribers are separate programs, not pipeline stages, so they use
 * libmosquitto directly here instead of going through src/publish.c (the
 * broadcaster's publisher).  MQTT v5, QoS 1 subscriptions.
 */
#ifndef BC_MQSUB_H
#define BC_MQSUB_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct bc_mqsub_opts {
	const char *host;          /* default 127.0.0.1 */
	int port;                  /* default 1883 (8883 with cafile) */
	const char *username;      /* NULL: anonymous */
	const char *password_file; /* first line is the password */
	const char *cafile;        /* TLS to the broker when set */
	const char *client_id;     /* NULL: the library picks one */
	/* Keep the session (and the broker's queue of QoS 1 messages for
	 * it) for this many seconds after a disconnect; 0 = clean start.
	 * Needs a fixed client_id. */
	unsigned session_expiry;
	int keepalive;             /* seconds; default 30 */
};

/* One message.  topic and payload are borrowed for the call.  retained:
 * delivered from the broker's retained store on subscribe. */
typedef void (*bc_mqsub_msg_fn)(void *ud, const char *topic,
				const void *payload, size_t len,
				bool retained);

struct bc_mqsub;

/* Set up (no network yet).  topics are copied.  why gets the reason on
 * failure (bad option, unreadable password file).  Caller owns *out. */
enum bc_err bc_mqsub_new(struct bc_mqsub **out, const struct bc_mqsub_opts *o,
			 const char *const *topics, size_t n_topics,
			 bc_mqsub_msg_fn fn, void *ud, char *why,
			 size_t why_size);
void bc_mqsub_free(struct bc_mqsub *s);

/* Run the connection for about timeout_ms: connect or reconnect when due
 * (backoff 0.5 s doubling to 30 s), subscribe after every connect, read
 * and dispatch messages.  Never blocks much longer than timeout_ms. */
void bc_mqsub_poll(struct bc_mqsub *s, int timeout_ms);
/* Connected and subscribed. */
bool bc_mqsub_connected(const struct bc_mqsub *s);
/* Cleanly disconnect (the session is kept if session_expiry > 0). */
void bc_mqsub_disconnect(struct bc_mqsub *s);

/* Read the first line of a password file into buf; why on failure. */
enum bc_err bc_mqsub_read_secret(const char *path, char *buf, size_t size,
				 char *why, size_t why_size);

#endif
