/* bc_sub — a recording MQTT v5 subscriber for the tests and the demo.
 *
 *   bc_sub -p PORT [-h HOST] [-u USER -P PASS] -t FILTER [-t FILTER...]
 *          [-n COUNT] [-W IDLE_MS] [-T TOTAL_MS] [--ready FILE] [--raw]
 *
 * Subscribes at QoS 1, says "ready" (in FILE, or on stderr) once every
 * SUBACK is in, then prints one JSON line per message:
 *
 *   {"topic":"…","retain":false,"qos":1,"content_type":"application/json",
 *    "expiry":3600,"user":{"lang":"en","kind":"quake","id":"…"},
 *    "recv_ns":1745199300123456789,"payload":{…}}
 *
 * The payload is embedded as is when it looks like JSON (first non-space
 * character { or [), else as a JSON string.  --raw prints "topic payload".
 * Exit: 0 after COUNT messages, or when IDLE_MS pass without a message, or
 * at TOTAL_MS; 2 if that happens before COUNT messages arrived; 1 on error.
 *
 * For the reliability tests: -i ID sets the client id; --session keeps an
 * MQTT v5 session on the broker (clean start off, one-hour session
 * expiry), so QoS 1 messages published while we are away are queued for
 * us; --reconnect survives the broker going away (retries every 100 ms
 * until TOTAL_MS) instead of exiting.
 *
 * A test tool: it may block in mosquitto_connect, the product never does.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include "buf.h"
#include "json.h"

#define MAX_FILTERS 64
#define LINE_MAX_BYTES (64u << 20)

static struct {
	const char *host;
	int port;
	const char *user;
	const char *pass;
	const char *filters[MAX_FILTERS];
	int n_filters;
	long count;             /* 0: unlimited */
	long idle_ms;           /* 0: none */
	long total_ms;          /* 0: none */
	const char *ready_file;
	bool raw;
	const char *client_id;
	bool session;
	bool reconnect;
} opt = { .host = "127.0.0.1" };

static long received;
static int subacks;
static bool ready;
static int connect_rc = -1;
static int64_t last_msg_ms;
static volatile sig_atomic_t stop;
static struct bc_buf line;

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void say_ready(void)
{
	if (!opt.ready_file) {
		fputs("ready\n", stderr);
		return;
	}
	/* Written then renamed, so a poller never sees half a file. */
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", opt.ready_file);
	FILE *f = fopen(tmp, "w");
	if (!f || fputs("ready\n", f) < 0 || fclose(f) != 0 ||
	    rename(tmp, opt.ready_file) != 0) {
		fprintf(stderr, "bc_sub: cannot write %s: %s\n",
			opt.ready_file, strerror(errno));
		exit(1);
	}
}

static void on_connect(struct mosquitto *mosq, void *obj, int rc, int flags,
		       const mosquitto_property *props)
{
	(void)obj;
	(void)flags;
	(void)props;
	connect_rc = rc;
	if (rc) {
		fprintf(stderr, "bc_sub: connection refused: %s\n",
			mosquitto_reason_string(rc));
		return;
	}
	for (int i = 0; i < opt.n_filters; i++) {
		int r = mosquitto_subscribe_v5(mosq, NULL, opt.filters[i], 1, 0,
					       NULL);
		if (r) {
			fprintf(stderr, "bc_sub: subscribe %s: %s\n",
				opt.filters[i], mosquitto_strerror(r));
			exit(1);
		}
	}
}

static void on_subscribe(struct mosquitto *mosq, void *obj, int mid,
			 int qos_count, const int *granted,
			 const mosquitto_property *props)
{
	(void)mosq;
	(void)obj;
	(void)mid;
	(void)props;
	for (int i = 0; i < qos_count; i++) {
		if (granted[i] >= 128) {
			fprintf(stderr, "bc_sub: subscription refused: %s\n",
				mosquitto_reason_string(granted[i]));
			exit(1);
		}
	}
	if (++subacks == opt.n_filters && !ready) {
		ready = true;
		last_msg_ms = mono_ms();
		say_ready();
	}
}

static void put_payload(struct bc_buf *b, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
			 p[i] == '\n'))
		i++;
	if (i < n && (p[i] == '{' || p[i] == '[')) {
		/* Trusted to be JSON; raw newlines can only be whitespace
		 * there, so folding them keeps one message per line. */
		size_t start = b->len;
		bc_buf_add(b, p, n);
		for (size_t k = start; k < b->len; k++)
			if (b->data[k] == '\n' || b->data[k] == '\r')
				b->data[k] = ' ';
		return;
	}
	bc_json_quote(b, p, n);
}

static void on_message(struct mosquitto *mosq, void *obj,
		       const struct mosquitto_message *m,
		       const mosquitto_property *props)
{
	(void)mosq;
	(void)obj;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	if (opt.count && received >= opt.count)
		return;         /* past COUNT within the same read */
	last_msg_ms = mono_ms();
	received++;
	if (opt.raw) {
		fputs(m->topic, stdout);
		fputc(' ', stdout);
		fwrite(m->payload, 1, (size_t)m->payloadlen, stdout);
		fputc('\n', stdout);
		return;
	}
	struct bc_buf *b = &line;
	bc_buf_reset(b);
	bc_buf_adds(b, "{\"topic\":");
	bc_json_quote(b, m->topic, strlen(m->topic));
	bc_buf_printf(b, ",\"retain\":%s,\"qos\":%d,\"content_type\":",
		      m->retain ? "true" : "false", m->qos);
	char *ct = NULL;
	if (mosquitto_property_read_string(props, MQTT_PROP_CONTENT_TYPE, &ct,
					   false)) {
		bc_json_quote(b, ct, strlen(ct));
		free(ct);
	} else {
		bc_buf_adds(b, "null");
	}
	uint32_t expiry = 0;
	if (mosquitto_property_read_int32(props,
					  MQTT_PROP_MESSAGE_EXPIRY_INTERVAL,
					  &expiry, false))
		bc_buf_printf(b, ",\"expiry\":%lu", (unsigned long)expiry);
	else
		bc_buf_adds(b, ",\"expiry\":null");
	bc_buf_adds(b, ",\"user\":{");
	const mosquitto_property *up = props;
	bool first = true;
	for (;;) {
		char *k = NULL, *v = NULL;
		up = mosquitto_property_read_string_pair(
			up, MQTT_PROP_USER_PROPERTY, &k, &v, !first);
		if (!up)
			break;
		if (!first)
			bc_buf_addc(b, ',');
		bc_json_quote(b, k, strlen(k));
		bc_buf_addc(b, ':');
		bc_json_quote(b, v, strlen(v));
		free(k);
		free(v);
		first = false;
	}
	bc_buf_printf(b, "},\"recv_ns\":%lld,\"payload\":",
		      (long long)now.tv_sec * 1000000000LL + now.tv_nsec);
	put_payload(b, m->payload, (size_t)m->payloadlen);
	bc_buf_adds(b, "}\n");
	if (b->data)
		fwrite(b->data, 1, b->len, stdout);
	else
		fprintf(stderr, "bc_sub: message on %s too large to print\n",
			m->topic);
}

/* One poll round.  mosquitto_loop reads a single packet per call when
 * only QoS 1 traffic comes in, which caps a burst at one select per
 * message; here everything already in the socket is read at once. */
static int pump(struct mosquitto *mosq)
{
	int fd = mosquitto_socket(mosq);
	if (fd < 0)
		return MOSQ_ERR_NO_CONN;
	struct pollfd pfd = { fd, POLLIN, 0 };
	if (mosquitto_want_write(mosq))
		pfd.events |= POLLOUT;
	int n = poll(&pfd, 1, 50);
	if (n < 0)
		return errno == EINTR ? MOSQ_ERR_SUCCESS : MOSQ_ERR_ERRNO;
	int rc = MOSQ_ERR_SUCCESS;
	if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
		int avail = 1;
		for (int i = 0; i < 100000 && avail > 0 && !rc; i++) {
			rc = mosquitto_loop_read(mosq, 1);
			if (mosquitto_socket(mosq) < 0 ||
			    ioctl(fd, FIONREAD, &avail) != 0)
				break;
		}
	}
	if (!rc && mosquitto_socket(mosq) >= 0 && mosquitto_want_write(mosq))
		rc = mosquitto_loop_write(mosq, 1);
	if (!rc && mosquitto_socket(mosq) >= 0)
		rc = mosquitto_loop_misc(mosq);
	if (!rc && mosquitto_socket(mosq) < 0)
		rc = MOSQ_ERR_CONN_LOST;
	return rc;
}

static void usage(void)
{
	fputs("usage: bc_sub -p PORT [-h HOST] [-u USER -P PASS] -t FILTER "
	      "[-t FILTER...]\n"
	      "              [-n COUNT] [-W IDLE_MS] [-T TOTAL_MS] "
	      "[--ready FILE] [--raw]\n"
	      "              [-i CLIENT_ID] [--session] [--reconnect]\n",
	      stderr);
	exit(1);
}

static long num_arg(const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi) {
		fprintf(stderr, "bc_sub: bad number \"%s\"\n", s);
		exit(1);
	}
	return v;
}

static void parse(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "ready", required_argument, NULL, 'r' },
		{ "raw", no_argument, NULL, 'R' },
		{ "session", no_argument, NULL, 'S' },
		{ "reconnect", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, '?' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "p:h:u:P:t:n:W:T:i:", longs,
				NULL)) != -1) {
		switch (c) {
		case 'p': opt.port = (int)num_arg(optarg, 1, 65535); break;
		case 'h': opt.host = optarg; break;
		case 'u': opt.user = optarg; break;
		case 'P': opt.pass = optarg; break;
		case 't':
			if (opt.n_filters == MAX_FILTERS) {
				fprintf(stderr, "bc_sub: at most %d filters\n",
					MAX_FILTERS);
				exit(1);
			}
			if (mosquitto_sub_topic_check(optarg)) {
				fprintf(stderr, "bc_sub: bad filter \"%s\"\n",
					optarg);
				exit(1);
			}
			opt.filters[opt.n_filters++] = optarg;
			break;
		case 'n': opt.count = num_arg(optarg, 1, 1L << 40); break;
		case 'W': opt.idle_ms = num_arg(optarg, 1, 1L << 40); break;
		case 'T': opt.total_ms = num_arg(optarg, 1, 1L << 40); break;
		case 'r': opt.ready_file = optarg; break;
		case 'R': opt.raw = true; break;
		case 'i': opt.client_id = optarg; break;
		case 'S': opt.session = true; break;
		case 'C': opt.reconnect = true; break;
		default: usage();
		}
	}
	if (optind != argc || !opt.port || !opt.n_filters ||
	    (opt.pass && !opt.user))
		usage();
}

int main(int argc, char **argv)
{
	int status = 1;
	struct mosquitto *mosq = NULL;
	mosquitto_property *cprops = NULL;
	parse(argc, argv);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	bc_buf_init(&line, LINE_MAX_BYTES);
	mosquitto_lib_init();
	char id[64];
	snprintf(id, sizeof id, "bc_sub-%ld", (long)getpid());
	mosq = mosquitto_new(opt.client_id ? opt.client_id : id, !opt.session,
			     NULL);
	if (!mosq) {
		fprintf(stderr, "bc_sub: mosquitto_new: %s\n", strerror(errno));
		goto cleanup;
	}
	mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	/* Let the broker stream a whole burst without waiting for our acks. */
	mosquitto_int_option(mosq, MOSQ_OPT_RECEIVE_MAXIMUM, 65535);
	if (opt.user)
		mosquitto_username_pw_set(mosq, opt.user, opt.pass);
	mosquitto_connect_v5_callback_set(mosq, on_connect);
	mosquitto_subscribe_v5_callback_set(mosq, on_subscribe);
	mosquitto_message_v5_callback_set(mosq, on_message);
	int64_t start = mono_ms();
	if (opt.session)
		mosquitto_property_add_int32(&cprops,
					     MQTT_PROP_SESSION_EXPIRY_INTERVAL,
					     3600);
	int rc = mosquitto_connect_bind_v5(mosq, opt.host, opt.port, 30, NULL,
					   cprops);
	if (rc) {
		fprintf(stderr, "bc_sub: cannot connect to %s:%d: %s\n",
			opt.host, opt.port, rc == MOSQ_ERR_ERRNO ?
			strerror(errno) : mosquitto_strerror(rc));
		goto cleanup;
	}
	last_msg_ms = start;
	while (!stop) {
		long before = received;
		rc = pump(mosq);
		if (received != before)
			fflush(stdout);
		if (connect_rc > 0)
			goto cleanup;
		if (rc && opt.reconnect) {
			/* The broker went away: come back when it does.  The
			 * session (with --session) holds what we missed. */
			while (!stop && (!opt.total_ms ||
					 mono_ms() - start < opt.total_ms)) {
				struct timespec ts = { 0, 100 * 1000000L };
				nanosleep(&ts, NULL);
				if (mosquitto_reconnect(mosq) == MOSQ_ERR_SUCCESS)
					break;
			}
			last_msg_ms = mono_ms();
			continue;
		}
		if (rc) {
			fprintf(stderr, "bc_sub: connection lost: %s\n",
				rc == MOSQ_ERR_ERRNO ? strerror(errno) :
				mosquitto_strerror(rc));
			goto cleanup;
		}
		if (opt.count && received >= opt.count)
			break;
		int64_t now = mono_ms();
		if (opt.total_ms && now - start >= opt.total_ms)
			break;
		/* Idle counts from "ready" on, not from the connect. */
		if (ready && opt.idle_ms && now - last_msg_ms >= opt.idle_ms)
			break;
	}
	fflush(stdout);
	status = opt.count && received < opt.count ? 2 : 0;
	mosquitto_disconnect(mosq);
cleanup:
	mosquitto_property_free_all(&cprops);
	mosquitto_destroy(mosq);
	mosquitto_lib_cleanup();
	bc_buf_free(&line);
	return status;
}
