/* test_publish.c — the MQTT publisher against a real mosquitto.
 *
 * Runs under the ctest fixture `broker` (see CMakeLists.txt here).  Every
 * test uses its own topics under bosai/test/publish/<pid>/, so it can share
 * the fixture broker with other tests; the restart test starts a private
 * broker.  All waits are bounded.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "broker_env.h"
#include "log.h"
#include "publish.h"

#define WAIT_MS 10000           /* a generous bound for things that take ms */

static struct bc_broker broker;
static char ns[128];            /* topic prefix of this run */

/* What the publisher's callbacks saw. */
struct seen {
	uint64_t acks[8192];
	size_t n_acks;
	uint64_t rejects[64];
	size_t n_rejects;
	int connects;
	/* The restart test's outbox: on_connect resends what is unacked. */
	struct bc_publisher *p;
	const struct bc_pub_msg *outbox;
	bool *acked;
	size_t outbox_n;
	size_t outbox_next;     /* first never-sent message */
	size_t cursor;          /* next to (re)send on this connection */
};

/* The daemon's outbox pass: send unacknowledged messages in order, from
 * where this connection got to, until the window is full. */
static void outbox_pass(struct seen *s)
{
	for (; s->cursor < s->outbox_next; s->cursor++) {
		if (s->acked[s->cursor])
			continue;
		if (bc_pub_send(s->p, &s->outbox[s->cursor]) != BC_E_OK)
			break;
	}
}

static void on_ack(void *ud, uint64_t id)
{
	struct seen *s = ud;
	if (s->acked && id < s->outbox_n)
		s->acked[id] = true;
	if (s->n_acks < sizeof s->acks / sizeof s->acks[0])
		s->acks[s->n_acks] = id;
	s->n_acks++;
}

static void on_reject(void *ud, uint64_t id, const char *why)
{
	struct seen *s = ud;
	assert_non_null(why);
	if (s->n_rejects < sizeof s->rejects / sizeof s->rejects[0])
		s->rejects[s->n_rejects] = id;
	s->n_rejects++;
}

static void on_connect(void *ud)
{
	struct seen *s = ud;
	s->connects++;
	if (!s->outbox)
		return;
	/* What the daemon does: start over with everything unacknowledged;
	 * what does not fit the window goes out from the loop later. */
	s->cursor = 0;
	outbox_pass(s);
}

static struct bc_pub_opts opts_for(const struct bc_broker *b,
				   struct seen *s, const char *user,
				   const char *pass)
{
	struct bc_pub_opts o = {
		.host = "127.0.0.1",
		.port = b->port,
		.username = user,
		.password = pass,
		.keepalive = 10,
		.on_ack = on_ack,
		.on_connect = on_connect,
		.on_reject = on_reject,
		.ud = s,
	};
	return o;
}

static struct bc_publisher *open_pub(const struct bc_pub_opts *o)
{
	struct bc_publisher *p = NULL;
	char why[256];
	enum bc_err e = bc_pub_open(o, &p, why, sizeof why);
	if (e)
		fail_msg("bc_pub_open: %s: %s", bc_errname(e), why);
	return p;
}

static void wait_connected(struct bc_publisher *p, struct bc_rec *r)
{
	bool ok;
	BC_PUMP_UNTIL(ok, p, r, bc_pub_connected(p), WAIT_MS);
	assert_true(ok);
}

static void topic(char *out, size_t size, const char *leaf)
{
	snprintf(out, size, "%s/%s", ns, leaf);
}

static int setup_all(void **state)
{
	(void)state;
	if (bc_broker_load(&broker, NULL))
		return -1;      /* a missing broker fails every test */
	snprintf(ns, sizeof ns, "bosai/test/publish/%ld", (long)getpid());
	bc_log_set_level(BC_LOG_INFO);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* ---- properties and acks ------------------------------------------------ */

static void test_properties_and_acks(void **state)
{
	(void)state;
	struct seen s = { 0 };
	struct bc_rec rec;
	char filter[200], t[200];
	topic(filter, sizeof filter, "props/#");
	topic(t, sizeof t, "props/en/quake");
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					broker.password);
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, &rec);
	assert_int_equal(s.connects, 1);

	const char *pl[3] = { "{\"n\":1}", "{\"n\":2}", "[3]" };
	struct bc_pub_msg m[3] = {
		{ .topic = t, .payload = pl[0], .len = strlen(pl[0]),
		  .expiry_s = 3600, .lang = "en", .kind = "quake",
		  .id = "id-1", .ack_id = 101 },
		{ .topic = t, .payload = pl[1], .len = strlen(pl[1]),
		  .kind = "warning", .id = "id-2", .ack_id = 102 },
		{ .topic = t, .payload = pl[2], .len = strlen(pl[2]),
		  .ack_id = 103 },
	};
	for (int i = 0; i < 3; i++)
		assert_int_equal(bc_pub_send(p, &m[i]), BC_E_OK);
	assert_true(bc_pub_inflight(p) <= 3);
	bool ok;
	BC_PUMP_UNTIL(ok, p, &rec, s.n_acks == 3 && rec.n == 3, WAIT_MS);
	assert_true(ok);
	assert_int_equal(bc_pub_inflight(p), 0);
	assert_int_equal(s.acks[0], 101);
	assert_int_equal(s.acks[1], 102);
	assert_int_equal(s.acks[2], 103);
	assert_int_equal(s.n_rejects, 0);

	for (int i = 0; i < 3; i++) {
		struct bc_rec_msg *x = &rec.msgs[i];
		assert_string_equal(x->topic, t);
		assert_string_equal(x->payload, pl[i]);
		assert_int_equal(x->qos, 1);
		assert_false(x->retain);
		assert_non_null(x->content_type);
		assert_string_equal(x->content_type, "application/json");
	}
	/* The broker forwards the remaining lifetime: at most what was set. */
	assert_in_range(rec.msgs[0].expiry, 3590, 3600);
	assert_int_equal(rec.msgs[1].expiry, -1);
	assert_int_equal(rec.msgs[2].expiry, -1);
	assert_string_equal(rec.msgs[0].lang, "en");
	assert_string_equal(rec.msgs[0].kind, "quake");
	assert_string_equal(rec.msgs[0].id, "id-1");
	assert_null(rec.msgs[1].lang);
	assert_string_equal(rec.msgs[1].kind, "warning");
	assert_string_equal(rec.msgs[1].id, "id-2");
	assert_null(rec.msgs[2].lang);
	assert_null(rec.msgs[2].kind);
	assert_null(rec.msgs[2].id);

	/* Nothing outstanding: flush returns at once. */
	assert_int_equal(bc_pub_flush(p, 1000), BC_E_OK);
	bc_pub_close(p);
	bc_rec_close(&rec);
}

/* ---- retain ------------------------------------------------------------- */

static void test_retain(void **state)
{
	(void)state;
	struct seen s = { 0 };
	char t[200], filter[200];
	topic(t, sizeof t, "retain/13/1310100/en/state");
	topic(filter, sizeof filter, "retain/#");
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					broker.password);
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, NULL);
	const char *body = "{\"alerts\":[]}";
	struct bc_pub_msg m = { .topic = t, .payload = body,
				.len = strlen(body), .retain = true,
				.lang = "en", .kind = "state", .ack_id = 7 };
	assert_int_equal(bc_pub_send(p, &m), BC_E_OK);
	assert_int_equal(bc_pub_flush(p, WAIT_MS), BC_E_OK);
	assert_int_equal(s.n_acks, 1);

	/* A subscriber arriving later gets it, flagged retained. */
	struct bc_rec rec;
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	bool ok;
	BC_PUMP_UNTIL(ok, p, &rec, rec.n == 1, WAIT_MS);
	assert_true(ok);
	assert_true(rec.msgs[0].retain);
	assert_string_equal(rec.msgs[0].payload, body);
	assert_string_equal(rec.msgs[0].content_type, "application/json");
	assert_string_equal(rec.msgs[0].kind, "state");
	bc_rec_close(&rec);

	/* An empty retained message clears it. */
	struct bc_pub_msg clear = { .topic = t, .retain = true, .ack_id = 8 };
	assert_int_equal(bc_pub_send(p, &clear), BC_E_OK);
	assert_int_equal(bc_pub_flush(p, WAIT_MS), BC_E_OK);
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	BC_PUMP_UNTIL(ok, p, &rec, rec.n > 0, 300);
	assert_int_equal(rec.n, 0);
	bc_rec_close(&rec);
	bc_pub_close(p);
}

/* ---- burst -------------------------------------------------------------- */

static void test_burst_5000_in_order(void **state)
{
	(void)state;
	enum { N = 5000 };
	struct seen *s = calloc(1, sizeof *s);
	assert_non_null(s);
	struct bc_rec rec;
	char t[200], filter[200];
	topic(t, sizeof t, "burst/all/en/quake");
	topic(filter, sizeof filter, "burst/#");
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	struct bc_pub_opts o = opts_for(&broker, s, "bosaicast",
					broker.password);
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, &rec);

	char body[1100];
	size_t sent = 0, max_inflight = 0, retries = 0;
	int64_t end = bc_mono_ms() + 60000;
	while ((s->n_acks < N || rec.n < N) && bc_mono_ms() < end) {
		while (sent < N) {
			int len = snprintf(body, sizeof body,
					   "{\"seq\":%zu,\"pad\":\"%0900d\"}",
					   sent, 0);
			struct bc_pub_msg m = { .topic = t, .payload = body,
						.len = (size_t)len,
						.expiry_s = 600, .lang = "en",
						.kind = "quake", .id = "burst",
						.ack_id = sent };
			enum bc_err e = bc_pub_send(p, &m);
			if (e == BC_E_RETRY) {
				retries++;
				break;
			}
			assert_int_equal(e, BC_E_OK);
			sent++;
			if (bc_pub_inflight(p) > max_inflight)
				max_inflight = bc_pub_inflight(p);
		}
		bc_pump(p, &rec, 10);
	}
	assert_int_equal(s->n_acks, N);
	assert_int_equal(rec.n, N);
	/* The window was used and held. */
	assert_true(max_inflight > 1);
	assert_true(max_inflight <= 1000);
	/* Each ack once, and (QoS 1 on one connection) in order. */
	for (size_t i = 0; i < N; i++)
		assert_int_equal(s->acks[i], i);
	for (size_t i = 0; i < N; i++) {
		char want[32];
		snprintf(want, sizeof want, "{\"seq\":%zu,", i);
		if (strncmp(rec.msgs[i].payload, want, strlen(want)) != 0)
			fail_msg("message %zu out of order: %.20s", i,
				 rec.msgs[i].payload);
	}
	print_message("burst: %d messages, window peak %zu, %zu full-window "
		      "retries\n", N, max_inflight, retries);
	bc_pub_close(p);
	bc_rec_close(&rec);
	free(s);
}

/* ---- refused login ------------------------------------------------------ */

static void test_wrong_password(void **state)
{
	(void)state;
	struct seen s = { 0 };
	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					"not-the-password");
	struct bc_publisher *p = open_pub(&o);
	/* Several attempts fit in 1.5 s with a 0.1 s initial backoff. */
	int64_t end = bc_mono_ms() + 1500;
	int retries = 0;
	while (bc_mono_ms() < end) {
		struct bc_pub_msg m = { .topic = "bosai/test/x",
					.payload = "{}", .len = 2 };
		if (bc_pub_send(p, &m) == BC_E_RETRY)
			retries++;
		bc_pump(p, NULL, 10);
	}
	bool connected = bc_pub_connected(p);
	bc_pub_close(p);
	char *log = bc_capture_stop(&cap);
	assert_non_null(log);
	assert_false(connected);
	assert_int_equal(s.connects, 0);
	assert_true(retries > 0);
	/* One clear line, however many attempts were made. */
	assert_int_equal(bc_count_lines(log, "cannot connect to broker"), 1);
	assert_int_equal(bc_count_lines(log, "Not authorized"), 1);
	assert_int_equal(bc_count_lines(log, "error publish:"), 1);
	free(log);
}

/* ---- the ACL ------------------------------------------------------------ */

static void test_acl_refuses_other_writers(void **state)
{
	(void)state;
	struct bc_rec rec;
	char t[200], filter[200], marker[200];
	topic(t, sizeof t, "acl/13/1310100/en/eew");
	topic(marker, sizeof marker, "acl/marker");
	topic(filter, sizeof filter, "acl/#");
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);

	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	/* An anonymous client and the read-only user: they may connect and
	 * read, but a spoofed alert is answered "Not authorized". */
	struct {
		const char *user, *pass;
	} who[2] = { { NULL, NULL }, { "reader", broker.reader_password } };
	struct seen s[2];
	memset(s, 0, sizeof s);
	for (int w = 0; w < 2; w++) {
		struct bc_pub_opts o = opts_for(&broker, &s[w], who[w].user,
						who[w].pass);
		struct bc_publisher *p = open_pub(&o);
		wait_connected(p, &rec);
		for (uint64_t i = 0; i < 3; i++) {
			struct bc_pub_msg m = {
				.topic = t, .payload = "{\"fake\":true}",
				.len = 13, .kind = "eew", .ack_id = 10 + i };
			assert_int_equal(bc_pub_send(p, &m), BC_E_OK);
		}
		/* flush says the broker refused something. */
		assert_int_equal(bc_pub_flush(p, WAIT_MS), BC_E_BROKER);
		assert_int_equal(bc_pub_inflight(p), 0);
		assert_int_equal(s[w].n_acks, 0);
		assert_int_equal(s[w].n_rejects, 3);
		assert_int_equal(s[w].rejects[0], 10);
		assert_int_equal(s[w].rejects[2], 12);
		/* and says it only once. */
		assert_int_equal(bc_pub_flush(p, 100), BC_E_OK);
		bc_pub_close(p);
	}
	char *log = bc_capture_stop(&cap);
	assert_non_null(log);
	/* One line per topic per connection, naming topic and reason. */
	assert_int_equal(bc_count_lines(log, "broker refused message"), 2);
	assert_int_equal(bc_count_lines(log, "Not authorized"), 2);
	assert_int_equal(bc_count_lines(log, t), 2);
	free(log);

	/* The broadcaster may write there; and the marker, sent after the
	 * refused messages were answered, is the first thing seen. */
	struct seen ok_s = { 0 };
	struct bc_pub_opts o = opts_for(&broker, &ok_s, "bosaicast",
					broker.password);
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, &rec);
	struct bc_pub_msg m = { .topic = marker, .payload = "{}", .len = 2,
				.ack_id = 1 };
	assert_int_equal(bc_pub_send(p, &m), BC_E_OK);
	bool ok;
	BC_PUMP_UNTIL(ok, p, &rec, rec.n >= 1 && ok_s.n_acks == 1, WAIT_MS);
	assert_true(ok);
	BC_PUMP_UNTIL(ok, p, &rec, false, 200);
	assert_int_equal(rec.n, 1);
	assert_string_equal(rec.msgs[0].topic, marker);

	/* Even the broadcaster may not write outside bosai/#. */
	struct bc_pub_msg out = { .topic = "elsewhere/x", .payload = "{}",
				  .len = 2, .ack_id = 2 };
	assert_int_equal(bc_pub_send(p, &out), BC_E_OK);
	assert_int_equal(bc_pub_flush(p, WAIT_MS), BC_E_BROKER);
	assert_int_equal(ok_s.n_rejects, 1);
	assert_int_equal(ok_s.n_acks, 1);
	bc_pub_close(p);
	bc_rec_close(&rec);
}

/* ---- last will ---------------------------------------------------------- */

/* Connect with a will and report it through fd, then idle until killed. */
static void will_child(int fd, const char *will_topic)
{
	struct seen s = { 0 };
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					broker.password);
	o.will_topic = will_topic;
	o.will_payload = "{\"online\":false}";
	struct bc_publisher *p = NULL;
	char why[256];
	if (bc_pub_open(&o, &p, why, sizeof why))
		_exit(1);
	int64_t end = bc_mono_ms() + WAIT_MS;
	while (!bc_pub_connected(p) && bc_mono_ms() < end)
		bc_pump(p, NULL, 10);
	if (!bc_pub_connected(p))
		_exit(1);
	if (write(fd, "c", 1) != 1)
		_exit(1);
	for (;;)                /* until SIGKILL; the parent bounds this */
		bc_pump(p, NULL, 100);
}

static void test_will_on_crash_not_on_close(void **state)
{
	(void)state;
	char will[200], filter[200];
	topic(will, sizeof will, "will/status");
	topic(filter, sizeof filter, "will/#");

	int fds[2];
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(fds[0]);
		will_child(fds[1], will);
	}
	close(fds[1]);
	/* Listening before the crash: sees the will as it is published. */
	struct bc_rec live;
	assert_int_equal(bc_rec_open(&live, &broker, NULL, NULL, filter), 0);
	struct pollfd pfd = { fds[0], POLLIN, 0 };
	char c = 0;
	bool up = poll(&pfd, 1, WAIT_MS) == 1 && read(fds[0], &c, 1) == 1;
	close(fds[0]);
	/* Dies without DISCONNECT: the broker must publish the will. */
	kill(child, SIGKILL);
	int st;
	waitpid(child, &st, 0);
	assert_true(up);

	bool ok;
	BC_PUMP_UNTIL(ok, NULL, &live, live.n >= 1, WAIT_MS);
	assert_true(ok);
	assert_string_equal(live.msgs[0].topic, will);
	assert_string_equal(live.msgs[0].payload, "{\"online\":false}");
	bc_rec_close(&live);
	/* and it stays, retained, for whoever comes later. */
	struct bc_rec rec;
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	BC_PUMP_UNTIL(ok, NULL, &rec, rec.n >= 1, WAIT_MS);
	assert_true(ok);
	assert_string_equal(rec.msgs[0].topic, will);
	assert_string_equal(rec.msgs[0].payload, "{\"online\":false}");
	assert_true(rec.msgs[0].retain);
	assert_int_equal(rec.msgs[0].qos, 1);
	assert_string_equal(rec.msgs[0].content_type, "application/json");
	bc_rec_close(&rec);

	/* Clear it, then close cleanly: no will, live or retained. */
	struct seen s = { 0 };
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					broker.password);
	struct bc_publisher *clr = open_pub(&o);
	wait_connected(clr, NULL);
	struct bc_pub_msg m = { .topic = will, .retain = true, .ack_id = 1 };
	assert_int_equal(bc_pub_send(clr, &m), BC_E_OK);
	assert_int_equal(bc_pub_flush(clr, WAIT_MS), BC_E_OK);
	bc_pub_close(clr);

	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	o.will_topic = will;
	o.will_payload = "{\"online\":false}";
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, &rec);
	bc_pub_close(p);
	/* Closed while the handshake may still be under way: no will
	 * either. */
	p = open_pub(&o);
	bc_pub_close(p);
	BC_PUMP_UNTIL(ok, NULL, &rec, rec.n > 0, 500);
	assert_int_equal(rec.n, 0);
	bc_rec_close(&rec);
	assert_int_equal(bc_rec_open(&rec, &broker, NULL, NULL, filter), 0);
	BC_PUMP_UNTIL(ok, NULL, &rec, rec.n > 0, 300);
	assert_int_equal(rec.n, 0);
	bc_rec_close(&rec);
}

/* ---- broker restart ----------------------------------------------------- */

static void test_broker_restart(void **state)
{
	(void)state;
	enum { N = 200, HALF = 100 };
	const char *bin = getenv("BC_BINARY_DIR");
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/broker-restart-%ld", bin ? bin : "/tmp",
		 (long)getpid());
	assert_int_equal(bc_broker_run("start", dir), 0);
	struct bc_broker own;
	assert_int_equal(bc_broker_load(&own, dir), 0);

	char t[200], filter[200];
	topic(t, sizeof t, "restart/en/warning");
	topic(filter, sizeof filter, "restart/#");
	struct bc_rec rec;
	assert_int_equal(bc_rec_open(&rec, &own, NULL, NULL, filter), 0);

	static char bodies[N][32];
	static struct bc_pub_msg outbox[N];
	static bool acked[N];
	memset(acked, 0, sizeof acked);
	for (size_t i = 0; i < N; i++) {
		int len = snprintf(bodies[i], sizeof bodies[i], "{\"seq\":%zu}",
				   i);
		outbox[i] = (struct bc_pub_msg){ .topic = t,
			.payload = bodies[i], .len = (size_t)len,
			.kind = "warning", .ack_id = i };
	}
	struct seen *s = calloc(1, sizeof *s);
	assert_non_null(s);
	s->outbox = outbox;
	s->acked = acked;
	s->outbox_n = N;

	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	struct bc_pub_opts o = opts_for(&own, s, "bosaicast", own.password);
	struct bc_publisher *p = open_pub(&o);
	s->p = p;
	wait_connected(p, &rec);
	s->outbox_next = HALF;
	outbox_pass(s);
	assert_int_equal(s->cursor, HALF);
	bool ok;
	BC_PUMP_UNTIL(ok, p, &rec, s->n_acks == HALF && rec.n == HALF,
		      WAIT_MS);
	assert_true(ok);

	/* Outage: the publisher notices, sends are refused for retry. */
	assert_int_equal(bc_broker_run("stop", dir), 0);
	BC_PUMP_UNTIL(ok, p, NULL, !bc_pub_connected(p), WAIT_MS);
	assert_true(ok);
	int retries = 0;
	int64_t end = bc_mono_ms() + 1500;
	while (bc_mono_ms() < end) {
		if (bc_pub_send(p, &outbox[s->outbox_next]) == BC_E_RETRY)
			retries++;
		else
			fail_msg("send succeeded with the broker down");
		bc_pump(p, NULL, 20);
	}
	assert_true(retries > 10);
	assert_false(bc_pub_connected(p));
	/* The second half is "in the outbox" now, waiting. */
	s->outbox_next = N;

	/* Back on the same port; the subscriber is back first, so that
	 * it sees what the publisher resends from on_connect. */
	assert_int_equal(bc_broker_run("resume", dir), 0);
	assert_int_equal(bc_rec_reconnect(&rec, WAIT_MS), 0);
	/* Backoff is at most 10 s (plus the connect itself). */
	BC_PUMP_UNTIL(ok, p, &rec, s->connects == 2, 15000);
	assert_true(ok);
	/* Drain the rest as the window frees up. */
	end = bc_mono_ms() + WAIT_MS;
	while (s->n_acks < N && bc_mono_ms() < end) {
		outbox_pass(s);
		bc_pump(p, &rec, 10);
	}
	BC_PUMP_UNTIL(ok, p, &rec, rec.n >= N, WAIT_MS);
	bc_pub_close(p);
	char *log = bc_capture_stop(&cap);
	assert_non_null(log);
	for (size_t i = 0; i < N; i++)
		if (!acked[i])
			fail_msg("message %zu never acknowledged", i);
	/* Nothing was in flight when the broker went away, so every message
	 * arrives exactly once, in order. */
	assert_int_equal(rec.n, N);
	for (size_t i = 0; i < N; i++) {
		unsigned k = N;
		if (sscanf(rec.msgs[i].payload, "{\"seq\":%u}", &k) != 1 ||
		    k != i)
			fail_msg("message %zu is seq %u", i, k);
	}
	assert_int_equal(s->connects, 2);
	/* One line when the outage starts, one when it ends. */
	assert_int_equal(bc_count_lines(log, "lost broker"), 1);
	assert_int_equal(bc_count_lines(log, "reconnected to broker"), 1);
	assert_int_equal(bc_count_lines(log, "cannot connect"), 0);
	free(log);
	free(s);
	bc_rec_close(&rec);
	assert_int_equal(bc_broker_run("stop", dir), 0);
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- bc_sub, the recording subscriber tool ------------------------------ */

static pid_t spawn_sub(const char *out, const char *ready, const char *count,
		       const char *idle, const char *filter)
{
	const char *bin = getenv("BC_SUB");
	if (!bin)
		fail_msg("BC_SUB is not set");
	char port[16];
	snprintf(port, sizeof port, "%d", broker.port);
	unlink(ready);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		execl(bin, bin, "-p", port, "-t", filter, "-n", count, "-W",
		      idle, "-T", "20000", "--ready", ready, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int wait_child(pid_t pid, int timeout_ms)
{
	int64_t end = bc_mono_ms() + timeout_ms;
	int st;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
		if (bc_mono_ms() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
		poll(NULL, 0, 10);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_bc_sub_records_properties(void **state)
{
	(void)state;
	const char *bin = getenv("BC_BINARY_DIR");
	char out[PATH_MAX], ready[PATH_MAX], t[200], filter[200];
	snprintf(out, sizeof out, "%s/bc_sub-%ld.out", bin, (long)getpid());
	snprintf(ready, sizeof ready, "%s/bc_sub-%ld.ready", bin,
		 (long)getpid());
	topic(t, sizeof t, "sub/13/1310100/en/quake");
	topic(filter, sizeof filter, "sub/#");
	pid_t pid = spawn_sub(out, ready, "2", "5000", filter);
	int64_t end = bc_mono_ms() + WAIT_MS;
	while (access(ready, F_OK) != 0 && bc_mono_ms() < end)
		poll(NULL, 0, 10);
	assert_int_equal(access(ready, F_OK), 0);

	struct seen s = { 0 };
	struct bc_pub_opts o = opts_for(&broker, &s, "bosaicast",
					broker.password);
	struct bc_publisher *p = open_pub(&o);
	wait_connected(p, NULL);
	struct bc_pub_msg m1 = { .topic = t, .payload = "{\"a\":\"\\u00e9\"}",
				 .len = 14, .expiry_s = 60, .lang = "en",
				 .kind = "quake", .id = "q\"1", .ack_id = 1 };
	struct bc_pub_msg m2 = { .topic = t, .payload = "plain \"text\"\n",
				 .len = 13, .ack_id = 2 };
	assert_int_equal(bc_pub_send(p, &m1), BC_E_OK);
	assert_int_equal(bc_pub_send(p, &m2), BC_E_OK);
	assert_int_equal(bc_pub_flush(p, WAIT_MS), BC_E_OK);
	bc_pub_close(p);
	assert_int_equal(wait_child(pid, WAIT_MS), 0);
	char *text = slurp(out);
	assert_non_null(text);
	char *l2 = strchr(text, '\n');
	assert_non_null(l2);
	*l2++ = '\0';
	char want[512];
	snprintf(want, sizeof want, "{\"topic\":\"%s\",\"retain\":false,"
		 "\"qos\":1,\"content_type\":\"application/json\","
		 "\"expiry\":", t);
	assert_true(strncmp(text, want, strlen(want)) == 0);
	assert_non_null(strstr(text, ",\"user\":{\"lang\":\"en\","
			       "\"kind\":\"quake\",\"id\":\"q\\\"1\"},"
			       "\"recv_ns\":"));
	/* JSON payloads are embedded, anything else quoted. */
	assert_non_null(strstr(text, ",\"payload\":{\"a\":\"\\u00e9\"}}"));
	assert_non_null(strstr(l2, "\"expiry\":null,\"user\":{},"));
	assert_non_null(strstr(l2, ",\"payload\":\"plain \\\"text\\\"\\n\"}\n"));

	/* Too few messages before the idle timeout: exit status 2. */
	pid = spawn_sub(out, ready, "3", "300", filter);
	assert_int_equal(wait_child(pid, WAIT_MS), 2);
	unlink(out);
	unlink(ready);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_properties_and_acks),
		cmocka_unit_test(test_retain),
		cmocka_unit_test(test_burst_5000_in_order),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_acl_refuses_other_writers),
		cmocka_unit_test(test_will_on_crash_not_on_close),
		cmocka_unit_test(test_broker_restart),
		cmocka_unit_test(test_bc_sub_records_properties),
	};
	return cmocka_run_group_tests(tests, setup_all, NULL);
}
