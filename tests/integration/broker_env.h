/* broker_env.h — helpers for integration tests against the real broker.
 *
 * The ctest fixture `broker` (tests/integration/CMakeLists.txt) starts one
 * mosquitto per test run with scripts/broker.sh and exports its directory
 * as BC_BROKER_DIR; bc_broker_load() reads the port and passwords from it.
 * A missing or unreadable broker is a test FAILURE, never a skip.
 *
 * Also here, because most integration tests need them:
 *   - bc_rec_*: a recording MQTT v5 subscriber driven from the test's own
 *     poll loop (single-threaded, like the daemon), keeping every message
 *     with its properties;
 *   - bc_pump(): one poll round over a publisher and a recorder;
 *   - bc_capture_*: capture stderr to check log lines;
 *   - bc_broker_run(): run scripts/broker.sh (e.g. a private broker in a
 *     temporary directory for tests that stop and restart it).
 * Every wait is bounded; nothing sleeps blindly.
 */
#ifndef BC_TEST_BROKER_ENV_H
#define BC_TEST_BROKER_ENV_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include "publish.h"

struct bc_broker {
	char dir[PATH_MAX];
	int port;
	char password[128];             /* user "bosaicast" (the writer) */
	char reader_password[128];      /* user "reader" (read only) */
};

static inline int64_t bc_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline int bc__read_line(const char *dir, const char *name, char *out,
				size_t size)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "broker_env: cannot read %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	bool ok = fgets(out, (int)size, f) != NULL;
	fclose(f);
	if (!ok) {
		fprintf(stderr, "broker_env: %s is empty\n", path);
		return -1;
	}
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

/* Read the broker started in dir (NULL: $BC_BROKER_DIR).  -1 with a
 * message on stderr when there is none: fail the test on it. */
static inline int bc_broker_load(struct bc_broker *b, const char *dir)
{
	memset(b, 0, sizeof *b);
	if (!dir)
		dir = getenv("BC_BROKER_DIR");
	if (!dir || !*dir) {
		fprintf(stderr, "broker_env: BC_BROKER_DIR is not set (run "
			"through ctest, which starts the broker fixture)\n");
		return -1;
	}
	snprintf(b->dir, sizeof b->dir, "%s", dir);
	char port[32];
	if (bc__read_line(dir, "port", port, sizeof port) ||
	    bc__read_line(dir, "password", b->password, sizeof b->password) ||
	    bc__read_line(dir, "reader-password", b->reader_password,
			  sizeof b->reader_password))
		return -1;
	b->port = atoi(port);
	if (b->port <= 0 || b->port > 65535) {
		fprintf(stderr, "broker_env: bad port \"%s\" in %s\n", port,
			dir);
		return -1;
	}
	return 0;
}

/* Run scripts/broker.sh VERB DIR; its exit status (-1 if it could not
 * run).  The script bounds its own waits (10 s). */
static inline int bc_broker_run(const char *verb, const char *dir)
{
	const char *src = getenv("BC_SOURCE_DIR");
	char script[PATH_MAX];
	snprintf(script, sizeof script, "%s/scripts/broker.sh",
		 src ? src : ".");
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/bash", "bash", script, verb, dir, (char *)NULL);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- stderr capture ----------------------------------------------------- */

struct bc_capture {
	int saved;
	FILE *file;
};

static inline int bc_capture_start(struct bc_capture *c)
{
	fflush(stderr);
	c->saved = -1;
	c->file = tmpfile();
	if (!c->file)
		return -1;
	c->saved = dup(STDERR_FILENO);
	if (c->saved < 0 || dup2(fileno(c->file), STDERR_FILENO) < 0)
		return -1;
	return 0;
}

/* Restore stderr, echo what was captured to it, and return the text
 * (caller frees). */
static inline char *bc_capture_stop(struct bc_capture *c)
{
	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	long n = ftell(c->file);
	char *text = malloc(n > 0 ? (size_t)n + 1 : 1);
	if (!text) {
		fclose(c->file);
		return NULL;
	}
	rewind(c->file);
	size_t got = n > 0 ? fread(text, 1, (size_t)n, c->file) : 0;
	text[got] = '\0';
	fclose(c->file);
	fputs(text, stderr);
	return text;
}

static inline int bc_count_lines(const char *text, const char *needle)
{
	int n = 0;
	for (const char *l = text; l && *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);
		const char *hit = strstr(l, needle);
		if (hit && hit < l + len)
			n++;
		l = end ? end + 1 : l + len;
	}
	return n;
}

/* ---- recording subscriber ----------------------------------------------- */

struct bc_rec_msg {
	char *topic;
	char *payload;          /* NUL-terminated copy */
	size_t len;
	bool retain;
	int qos;
	char *content_type;     /* NULL: absent */
	long long expiry;       /* -1: absent */
	char *lang, *kind, *id; /* user properties, NULL: absent */
};

struct bc_rec {
	struct mosquitto *mosq;
	char filter[256];
	struct bc_rec_msg *msgs;
	size_t n, cap;
	int connects;
	int subacks;            /* SUBACKs since the last connect */
	int connack;            /* last CONNACK reason, -1 before any */
};

static inline char *bc__dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static inline void bc__rec_on_connect(struct mosquitto *m, void *obj, int rc,
				      int flags,
				      const mosquitto_property *props)
{
	struct bc_rec *r = obj;
	(void)flags;
	(void)props;
	r->connack = rc;
	if (rc)
		return;
	r->connects++;
	r->subacks = 0;
	mosquitto_subscribe_v5(m, NULL, r->filter, 1, 0, NULL);
}

static inline void bc__rec_on_subscribe(struct mosquitto *m, void *obj,
					int mid, int n, const int *granted,
					const mosquitto_property *props)
{
	struct bc_rec *r = obj;
	(void)m;
	(void)mid;
	(void)props;
	if (n >= 1 && granted[0] < 128)
		r->subacks++;
}

static inline void bc__rec_on_message(struct mosquitto *m, void *obj,
				      const struct mosquitto_message *msg,
				      const mosquitto_property *props)
{
	struct bc_rec *r = obj;
	(void)m;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct bc_rec_msg *g = realloc(r->msgs, cap * sizeof *g);
		if (!g)
			abort();        /* a test helper: OOM is fatal */
		r->msgs = g;
		r->cap = cap;
	}
	struct bc_rec_msg *x = &r->msgs[r->n++];
	memset(x, 0, sizeof *x);
	x->topic = bc__dup(msg->topic);
	x->len = (size_t)msg->payloadlen;
	x->payload = malloc(x->len + 1);
	if (!x->payload)
		abort();
	if (x->len)
		memcpy(x->payload, msg->payload, x->len);
	x->payload[x->len] = '\0';
	x->retain = msg->retain;
	x->qos = msg->qos;
	mosquitto_property_read_string(props, MQTT_PROP_CONTENT_TYPE,
				       &x->content_type, false);
	uint32_t e;
	x->expiry = mosquitto_property_read_int32(
		props, MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, &e, false) ?
		(long long)e : -1;
	const mosquitto_property *p = props;
	bool skip = false;
	for (;;) {
		char *k = NULL, *v = NULL;
		p = mosquitto_property_read_string_pair(
			p, MQTT_PROP_USER_PROPERTY, &k, &v, skip);
		if (!p)
			break;
		skip = true;
		char **slot = !strcmp(k, "lang") ? &x->lang :
			      !strcmp(k, "kind") ? &x->kind :
			      !strcmp(k, "id") ? &x->id : NULL;
		if (slot && !*slot) {
			*slot = v;
			v = NULL;
		}
		free(k);
		free(v);
	}
}

/* Read everything the socket holds, write what is queued, run timers. */
static inline void bc_rec_service(struct bc_rec *r, bool readable)
{
	struct mosquitto *m = r->mosq;
	int fd = mosquitto_socket(m);
	if (fd < 0)
		return;
	if (readable) {
		int avail = 1;
		for (int i = 0; i < 100000 && avail > 0; i++) {
			if (mosquitto_loop_read(m, 1) ||
			    mosquitto_socket(m) < 0 ||
			    ioctl(fd, FIONREAD, &avail) != 0)
				break;
		}
	}
	if (mosquitto_socket(m) >= 0 && mosquitto_want_write(m))
		mosquitto_loop_write(m, 1);
	if (mosquitto_socket(m) >= 0)
		mosquitto_loop_misc(m);
}

/* One poll round of at most timeout_ms over the recorder alone. */
static inline void bc_rec_pump(struct bc_rec *r, int timeout_ms)
{
	int fd = mosquitto_socket(r->mosq);
	if (fd < 0) {
		poll(NULL, 0, timeout_ms);
		return;
	}
	struct pollfd pfd = { fd, POLLIN, 0 };
	if (mosquitto_want_write(r->mosq))
		pfd.events |= POLLOUT;
	int n = poll(&pfd, 1, timeout_ms);
	bc_rec_service(r, n > 0 && (pfd.revents & (POLLIN | POLLHUP |
						   POLLERR)));
}

/* Wait until the subscription is acknowledged (after a connect). */
static inline int bc_rec_wait_ready(struct bc_rec *r, int timeout_ms)
{
	int64_t end = bc_mono_ms() + timeout_ms;
	while (r->subacks < 1 && r->connack <= 0 && bc_mono_ms() < end)
		bc_rec_pump(r, 20);
	if (r->subacks < 1) {
		fprintf(stderr, "broker_env: subscriber on %s not ready "
			"(CONNACK %d)\n", r->filter, r->connack);
		return -1;
	}
	return 0;
}

/* Connect to b (user NULL: anonymous) and subscribe to filter at QoS 1;
 * returns once the SUBACK is in.  0 or -1. */
static inline int bc_rec_open(struct bc_rec *r, const struct bc_broker *b,
			      const char *user, const char *pass,
			      const char *filter)
{
	static int seq;
	memset(r, 0, sizeof *r);
	r->connack = -1;
	snprintf(r->filter, sizeof r->filter, "%s", filter);
	mosquitto_lib_init();
	char id[64];
	snprintf(id, sizeof id, "bc-rec-%ld-%d", (long)getpid(), ++seq);
	r->mosq = mosquitto_new(id, true, r);
	if (!r->mosq)
		return -1;
	mosquitto_int_option(r->mosq, MOSQ_OPT_PROTOCOL_VERSION,
			     MQTT_PROTOCOL_V5);
	mosquitto_int_option(r->mosq, MOSQ_OPT_RECEIVE_MAXIMUM, 65535);
	if (user)
		mosquitto_username_pw_set(r->mosq, user, pass);
	mosquitto_connect_v5_callback_set(r->mosq, bc__rec_on_connect);
	mosquitto_subscribe_v5_callback_set(r->mosq, bc__rec_on_subscribe);
	mosquitto_message_v5_callback_set(r->mosq, bc__rec_on_message);
	/* Blocking connect to loopback: fine in a test. */
	int rc = mosquitto_connect(r->mosq, "127.0.0.1", b->port, 30);
	if (rc) {
		fprintf(stderr, "broker_env: subscriber cannot connect to "
			"port %d: %s\n", b->port, mosquitto_strerror(rc));
		return -1;
	}
	return bc_rec_wait_ready(r, 10000);
}

/* Reconnect after the broker came back; resubscribes. 0 or -1. */
static inline int bc_rec_reconnect(struct bc_rec *r, int timeout_ms)
{
	int64_t end = bc_mono_ms() + timeout_ms;
	r->subacks = 0;
	r->connack = -1;
	while (mosquitto_reconnect(r->mosq) != MOSQ_ERR_SUCCESS) {
		if (bc_mono_ms() >= end)
			return -1;
		poll(NULL, 0, 50);
	}
	return bc_rec_wait_ready(r, (int)(end - bc_mono_ms()));
}

static inline void bc_rec_close(struct bc_rec *r)
{
	if (!r->mosq)
		return;
	mosquitto_disconnect(r->mosq);
	mosquitto_destroy(r->mosq);
	for (size_t i = 0; i < r->n; i++) {
		struct bc_rec_msg *x = &r->msgs[i];
		free(x->topic);
		free(x->payload);
		free(x->content_type);
		free(x->lang);
		free(x->kind);
		free(x->id);
	}
	free(r->msgs);
	memset(r, 0, sizeof *r);
	mosquitto_lib_cleanup();
}

/* One poll round of at most timeout_ms over a publisher (may be NULL) and
 * a recorder (may be NULL), servicing whichever is ready; the publisher's
 * timers run every round. */
static inline void bc_pump(struct bc_publisher *p, struct bc_rec *r,
			   int timeout_ms)
{
	struct pollfd pfd[2];
	int n = 0, ip = -1, ir = -1;
	if (p && bc_pub_fd(p) >= 0) {
		pfd[n] = (struct pollfd){ bc_pub_fd(p), POLLIN, 0 };
		if (bc_pub_want_write(p))
			pfd[n].events |= POLLOUT;
		ip = n++;
	}
	if (r && r->mosq && mosquitto_socket(r->mosq) >= 0) {
		pfd[n] = (struct pollfd){ mosquitto_socket(r->mosq), POLLIN,
					  0 };
		if (mosquitto_want_write(r->mosq))
			pfd[n].events |= POLLOUT;
		ir = n++;
	}
	int k = poll(n ? pfd : NULL, (nfds_t)n, timeout_ms);
	if (k < 0)
		k = 0;
	if (p)
		bc_pub_io(p, ip >= 0 && k && (pfd[ip].revents &
					      (POLLIN | POLLHUP | POLLERR)),
			  ip >= 0 && k && (pfd[ip].revents & POLLOUT));
	if (r && r->mosq)
		bc_rec_service(r, ir >= 0 && k &&
			       (pfd[ir].revents & (POLLIN | POLLHUP |
						   POLLERR)));
}

/* Pump until cond holds or timeout_ms passes; ok receives cond. */
#define BC_PUMP_UNTIL(ok, p, r, cond, timeout_ms)                            \
	do {                                                                 \
		int64_t bc__end = bc_mono_ms() + (timeout_ms);               \
		while (!(cond) && bc_mono_ms() < bc__end)                    \
			bc_pump((p), (r), 10);                               \
		(ok) = (cond);                                               \
	} while (0)

#endif
