/* test_feed.c — the JMA feed source against a real HTTP server on
 * loopback (tests/tools/feed_server.py, free port chosen at run time)
 * serving Atom feeds and documents built from tests/data/jmaxml, driven
 * through the daemon's API (bc_feed_pollfds / bc_feed_timeout_ms /
 * bc_feed_perform) in a poll loop of our own, with a real store and, where
 * the whole path is proved, the real pipeline (bc_pipeline_ingest).
 *
 * Covered: new entries fetched once and in order, 304 Not Modified with
 * ETag, gzip, the User-Agent, 500 and 503 with backoff and Retry-After,
 * timeouts, truncated bodies, oversize bodies (declared, chunk-free and a
 * gzip bomb), a feed that is not XML or not Atom, a document that 404s,
 * redirects, TLS verification, types not broadcast, catch-up from the
 * long feed (also across a restart), a restart by kill -9 in the middle
 * of a fetch, the window between ingest and closing the entry, feed +
 * spool of one document publishing once, and the measurements of the
 * report (latency, requests in a quiet hour).  Every wait is bounded.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "broker_env.h"
#include "config.h"
#include "log.h"
#include "pipeline.h"
#include "source.h"
#include "source_feed.h"
#include "store.h"
#include "store_feed.h"

#define WAIT_MS 15000
#define MAX_DOCS 256

/* Documents of the corpus used here (real operational telegrams). */
#define P2P "p2pquake-jmaxml-seis-parser-go/"
static const char *const quakes[] = {
	P2P "20210216071046_0_VXSE53_270000.xml",
	P2P "20210216140226_0_VXSE53_010000.xml",
	P2P "20210216143410_0_VXSE53_010000.xml",
	P2P "20210216221043_0_VXSE53_010000.xml",
	P2P "20210216233339_0_VXSE53_010000.xml",
	P2P "20210217033548_0_VXSE53_270000.xml",
	P2P "20210217053107_0_VXSE53_270000.xml",
	P2P "20210217140958_0_VXSE53_010000.xml",
	P2P "20210217165040_0_VXSE53_270000.xml",
	P2P "20210217173157_0_VXSE53_010000.xml",
	P2P "20210217190220_0_VXSE53_010000.xml",
	P2P "20210217204607_0_VXSE53_270000.xml",
};
/* 季節観測: a type bosaicast recognises and does not broadcast. */
#define SEASON "kuribo001-research_jmaxml_20260326_Samples/" \
	       "01_01_01_091210_VGSK50.xml"

struct srv {
	pid_t pid;
	int port, tls_port;
	char dir[128];
};

struct h {
	struct srv srv;
	char db[256];
	struct bc_config cfg;
	struct bc_store *store;
	struct bc_pipeline *pipe;    /* NULL: documents are only recorded */
	struct bc_feed *feed;
	struct bc_feed_opts o;
	const char *urls[4];
	char url_buf[4][256];
	/* What on_doc saw. */
	size_t n;
	char url[MAX_DOCS][256];
	size_t len[MAX_DOCS];
	int64_t at_ms[MAX_DOCS];
	enum bc_err err[MAX_DOCS];
	enum bc_doc_verdict verdict[MAX_DOCS];
	size_t messages[MAX_DOCS];
	int retry_after_ingest;     /* say RETRY this often after ingesting */
};

static struct h H;
static int srv_seq;
static int64_t test_t0;

/* ------------------------------------------------------------------ */
/* The server.                                                          */

static const char *src_dir(void)
{
	const char *d = getenv("BC_SOURCE_DIR");
	return d && *d ? d : ".";
}

static int read_port(const char *path)
{
	FILE *f = fopen(path, "r");
	int port = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%d", &port) != 1)
		port = 0;
	fclose(f);
	return port;
}

static void srv_start(struct srv *s, bool tls)
{
	char script[1024], root[1024], port_file[256], tls_file[256];
	char cert[256], key[256];
	snprintf(s->dir, sizeof s->dir, "/tmp/bc_test_feed_%d_%d", getpid(),
		 srv_seq++);
	mkdir(s->dir, 0700);
	snprintf(script, sizeof script, "%s/tests/tools/feed_server.py",
		 src_dir());
	snprintf(root, sizeof root, "%s/tests/data/jmaxml", src_dir());
	snprintf(port_file, sizeof port_file, "%s/port", s->dir);
	snprintf(tls_file, sizeof tls_file, "%s/tls_port", s->dir);
	snprintf(cert, sizeof cert, "%s/cert.pem", s->dir);
	snprintf(key, sizeof key, "%s/key.pem", s->dir);
	if (tls) {
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey rsa:2048 "
			 "-nodes -keyout %s -out %s -days 1 -subj "
			 "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
			 ">/dev/null 2>&1", key, cert);
		assert_int_equal(system(cmd), 0);
	}
	/* The system's interpreter, as tests/CMakeLists.txt prefers: a
	 * version manager's shim on PATH can take seconds to start. */
	const char *py = access("/usr/bin/python3", X_OK) == 0
				 ? "/usr/bin/python3" : "python3";
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		if (tls)
			execlp(py, py, script, "--root", root, "--port-file",
			       port_file, "--tls", cert, key, tls_file,
			       (char *)NULL);
		else
			execlp(py, py, script, "--root", root, "--port-file",
			       port_file, (char *)NULL);
		_exit(127);
	}
	int64_t end = bc_mono_ms() + WAIT_MS;
	while (!(s->port = read_port(port_file))) {
		int st;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid)
			fail_msg("feed_server.py exited early");
		if (bc_mono_ms() > end)
			fail_msg("feed_server.py did not start");
		usleep(20000);
	}
	if (tls)
		s->tls_port = read_port(tls_file);
}

static void srv_stop(struct srv *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
	if (s->dir[0]) {
		char cmd[256];
		snprintf(cmd, sizeof cmd, "rm -rf %s", s->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", s->dir);
	}
}

/* GET /_ctl/... on the server; the body goes to *out (caller frees, may
 * be NULL).  Returns the HTTP status. */
static int ctl(char **out, const char *fmt, ...) BC_PRINTF(2, 3);

static int ctl(char **out, const char *fmt, ...)
{
	char path[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)H.srv.port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = { 10, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	dprintf(fd, "GET /_ctl/%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", path);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (;;) {
		if (len + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		ssize_t r = read(fd, buf + len, cap - len - 1);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	int status = 0;
	sscanf(buf, "HTTP/%*s %d", &status);
	char *body = strstr(buf, "\r\n\r\n");
	if (out)
		*out = strdup(body ? body + 4 : "");
	free(buf);
	return status;
}

static void iso_ago(char *buf, size_t size, long seconds)
{
	time_t t = time(NULL) - seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Add a document of the corpus to a feed, dated `ago` seconds back. */
static void add(const char *feed, const char *doc, long ago)
{
	char when[32];
	iso_ago(when, sizeof when, ago);
	assert_int_equal(ctl(NULL, "add?feed=%s&doc=%s&updated=%s", feed, doc,
			     when), 200);
}

static void mode(const char *path, const char *m, int count, const char *arg)
{
	assert_int_equal(ctl(NULL, "mode?path=%s&mode=%s&count=%d&arg=%s",
			     path, m, count, arg ? arg : ""), 200);
}

/* Requests the server saw whose line contains every needle. */
static int requests(const char *needle, const char *needle2)
{
	char *log = NULL;
	assert_int_equal(ctl(&log, "log"), 200);
	int n = 0;
	for (char *line = strtok(log, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, needle) && (!needle2 || strstr(line, needle2)))
			n++;
	free(log);
	return n;
}

/* Arrival times (monotonic seconds) of the requests for a path. */
static size_t request_times(const char *path, double *t, size_t max)
{
	char *log = NULL;
	assert_int_equal(ctl(&log, "log"), 200);
	size_t n = 0;
	char needle[300];
	snprintf(needle, sizeof needle, " GET %s ", path);
	for (char *line = strtok(log, "\n"); line && n < max;
	     line = strtok(NULL, "\n"))
		if (strstr(line, needle))
			t[n++] = atof(line);
	free(log);
	return n;
}

static const char *base(const char *doc)
{
	const char *b = strrchr(doc, '/');
	return b ? b + 1 : doc;
}

/* ------------------------------------------------------------------ */
/* The harness: store, pipeline, feed, and a poll loop like the daemon's. */

static enum bc_err on_doc(void *ud, const char *url, const char *data,
			  size_t len)
{
	struct h *h = ud;
	size_t i = h->n < MAX_DOCS ? h->n++ : MAX_DOCS - 1;
	snprintf(h->url[i], sizeof h->url[i], "%s", url);
	h->len[i] = len;
	h->at_ms[i] = bc_mono_ms();
	h->err[i] = BC_E_OK;
	if (!h->pipe)
		return BC_E_OK;
	/* What the daemon's handler does (see the report). */
	struct bc_ingest_result res;
	enum bc_err e = bc_pipeline_ingest(h->pipe, data, len, url, &res);
	h->err[i] = e;
	h->verdict[i] = res.verdict;
	h->messages[i] = res.messages;
	if (h->retry_after_ingest > 0) {
		/* As if the process died after the ingest committed and
		 * before the entry was closed. */
		h->retry_after_ingest--;
		return BC_E_RETRY;
	}
	return e == BC_E_UNSUPPORTED ? BC_E_OK : e;
}

static void opts_default(struct h *h, const char *feed)
{
	bc_feed_opts_from_config(&h->o, &h->cfg);
	snprintf(h->url_buf[0], sizeof h->url_buf[0],
		 "http://127.0.0.1:%d/feed/%s.xml", h->srv.port, feed);
	h->urls[0] = h->url_buf[0];
	h->o.urls = h->urls;
	h->o.n_urls = 1;
	h->o.interval_ms = 200;
	h->o.poll_offset_s = -1;
	h->o.timeout_ms = 2000;
	h->o.connect_timeout_ms = 1000;
	h->o.max_feed_bytes = 1u << 20;
	h->o.backoff_min_ms = 50;
	h->o.backoff_max_ms = 400;
	h->o.store = h->store;
	h->o.on_doc = on_doc;
	h->o.ud = h;
}

static void open_store(struct h *h, bool with_pipeline)
{
	char why[512] = "";
	assert_int_equal(bc_store_open(h->db, &h->store, why, sizeof why),
			 BC_E_OK);
	if (with_pipeline) {
		enum bc_err e = bc_pipeline_open(&h->cfg, h->store, &h->pipe,
						 why, sizeof why);
		if (e)
			fail_msg("pipeline: %s", why);
	}
}

static void open_feed(struct h *h)
{
	char why[512] = "";
	h->o.store = h->store;
	enum bc_err e = bc_feed_open(&h->o, &h->feed, why, sizeof why);
	if (e)
		fail_msg("feed: %s", why);
}

static void close_all(struct h *h)
{
	bc_feed_close(h->feed);
	h->feed = NULL;
	bc_pipeline_close(h->pipe);
	h->pipe = NULL;
	bc_store_close(h->store);
	h->store = NULL;
}

/* One turn of the daemon's loop, at most max_ms long. */
static void turn(struct h *h, int max_ms)
{
	struct pollfd fds[BC_FEED_MAX_FDS];
	size_t n = bc_feed_pollfds(h->feed, fds, BC_FEED_MAX_FDS);
	int t = bc_feed_timeout_ms(h->feed);
	if (t < 0 || t > max_ms)
		t = max_ms;
	int rc = poll(fds, (nfds_t)n, t);
	assert_true(rc >= 0 || errno == EINTR);
	bc_feed_perform(h->feed, fds, rc > 0 ? n : 0);
}

/* Run the loop until `until` holds or ms pass; returns whether it held. */
static bool run(struct h *h, bool (*until)(struct h *), int ms)
{
	int64_t end = bc_mono_ms() + ms;
	while (bc_mono_ms() < end) {
		if (until && until(h))
			return true;
		turn(h, 20);
	}
	return until ? until(h) : true;
}

static size_t want_docs;
static bool got_docs(struct h *h)
{
	return h->n >= want_docs;
}

static size_t count_state(struct h *h, enum bc_entry_state st)
{
	size_t n = 0;
	assert_int_equal(bc_store_feed_count(h->store, st, &n), BC_E_OK);
	return n;
}

static bool no_pending(struct h *h)
{
	return count_state(h, BC_ENTRY_PENDING) == 0 && h->n >= want_docs;
}

static size_t file_size(const char *doc)
{
	char path[1024];
	struct stat st;
	snprintf(path, sizeof path, "%s/tests/data/jmaxml/%s", src_dir(), doc);
	assert_int_equal(stat(path, &st), 0);
	return (size_t)st.st_size;
}

static int setup(void **state)
{
	(void)state;
	memset(&H, 0, sizeof H);
	bc_config_defaults(&H.cfg);
	const char *data = getenv("BC_DATA_DIR");
	if (data && *data)
		snprintf(H.cfg.data_dir, sizeof H.cfg.data_dir, "%s", data);
	test_t0 = bc_mono_ms();
	srv_start(&H.srv, false);
	snprintf(H.db, sizeof H.db, "%s/store.db", H.srv.dir);
	return 0;
}

static int setup_tls(void **state)
{
	(void)state;
	memset(&H, 0, sizeof H);
	bc_config_defaults(&H.cfg);
	test_t0 = bc_mono_ms();
	srv_start(&H.srv, true);
	snprintf(H.db, sizeof H.db, "%s/store.db", H.srv.dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close_all(&H);
	srv_stop(&H.srv);
	printf("(%lld ms)\n", (long long)(bc_mono_ms() - test_t0));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Tests.                                                               */

/* New entries: each document fetched once, in the order JMA issued them,
 * whole; then conditional GETs answered 304; gzip and the User-Agent. */
static void test_new_entries_then_304(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 30);
	add("eqvol", quakes[2], 10);
	add("eqvol", quakes[1], 20);
	open_store(&H, true);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 3;
	assert_true(run(&H, got_docs, WAIT_MS));
	/* Oldest first, whole documents, really ingested. */
	for (int i = 0; i < 3; i++) {
		assert_non_null(strstr(H.url[i], base(quakes[i])));
		assert_int_equal(H.len[i], file_size(quakes[i]));
		assert_int_equal(H.err[i], BC_E_OK);
		assert_int_equal(H.verdict[i], BC_DOC_NEW);
		assert_true(H.messages[i] > 0);
	}
	/* A second: about five more polls, all 304, no document again. */
	run(&H, NULL, 1000);
	assert_int_equal(H.n, 3);
	assert_int_equal(requests("GET /feed/eqvol.xml 200", "inm=0"), 1);
	assert_true(requests("GET /feed/eqvol.xml 304", "inm=1") >= 3);
	assert_int_equal(requests("GET /feed/eqvol.xml 200", NULL), 1);
	for (int i = 0; i < 3; i++)
		assert_int_equal(requests(base(quakes[i]), NULL), 1);
	/* gzip offered and used; the User-Agent names bosaicast. */
	assert_int_equal(requests("GET /feed/eqvol.xml 200", "gz=1"), 1);
	assert_int_equal(requests("GET /feed/", "gzip"),
			 requests("GET /feed/", NULL));
	assert_int_equal(requests("ua=bosaicast/", NULL),
			 requests(" GET /", NULL));

	/* One more entry: only its document is fetched. */
	add("eqvol", quakes[3], 0);
	want_docs = 4;
	assert_true(run(&H, got_docs, WAIT_MS));
	assert_non_null(strstr(H.url[3], base(quakes[3])));
	assert_int_equal(requests("/data/", NULL), 4);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.docs, 4);
	assert_true(st.not_modified >= 3);
	assert_int_equal(st.feed_errors, 0);
	assert_int_equal(count_state(&H, BC_ENTRY_DONE), 4);
	assert_string_equal(bc_feed_health(H.feed), "ok");
}

/* 500s back off exponentially with jitter; 503's Retry-After is obeyed;
 * the feed recovers and nothing is lost. */
static void test_server_errors_back_off(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	mode("/feed/eqvol.xml", "500", 4, NULL);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, got_docs, WAIT_MS));
	double t[16];
	size_t n = request_times("/feed/eqvol.xml", t, 16);
	assert_true(n >= 5);
	/* Waits of d/2..d, d = 50, 100, 200, 400 ms (slack above for the
	 * loop and a loaded machine). */
	static const double lo[] = { 0.025, 0.050, 0.100, 0.200 };
	for (size_t i = 0; i < 4; i++) {
		double gap = t[i + 1] - t[i];
		printf("500 #%zu: next try after %.0f ms\n", i + 1,
		       gap * 1000);
		assert_true(gap >= lo[i] - 0.005);
		assert_true(gap <= 2 * lo[i] + 0.300);
	}
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 4);
	assert_string_equal(bc_feed_health(H.feed), "ok");

	/* 503 with Retry-After: 1 — the next poll waits a second, not the
	 * 25-50 ms of the backoff. */
	assert_int_equal(ctl(NULL, "clear-log"), 200);
	mode("/feed/eqvol.xml", "503", 1, "1");
	run(&H, NULL, 300);
	assert_string_equal(bc_feed_health(H.feed), "degraded");
	run(&H, NULL, 1500);
	n = request_times("/feed/eqvol.xml", t, 16);
	assert_true(n >= 2);
	printf("503 Retry-After 1: next try after %.0f ms\n",
	       (t[1] - t[0]) * 1000);
	assert_true(t[1] - t[0] >= 0.99);
	assert_string_equal(bc_feed_health(H.feed), "ok");
	assert_int_equal(H.n, 1);
}

/* A server that does not answer in time: the transfer is cut at the
 * timeout, not when the server gives up, and the next poll works. */
static void test_timeout(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	mode("/feed/eqvol.xml", "slow", 1, "4");
	open_store(&H, false);
	opts_default(&H, "eqvol");
	H.o.timeout_ms = 500;
	open_feed(&H);
	want_docs = 1;
	int64_t t0 = bc_mono_ms();
	assert_true(run(&H, got_docs, WAIT_MS));
	int64_t took = bc_mono_ms() - t0;
	printf("slow feed: document delivered after %lld ms\n",
	       (long long)took);
	assert_true(took >= 500 && took < 3000);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 1);

	/* A slow document too: retried, delivered once. */
	add("eqvol", quakes[1], 0);
	char p[300];
	snprintf(p, sizeof p, "/data/%s", base(quakes[1]));
	mode(p, "slow", 1, "4");
	want_docs = 2;
	assert_true(run(&H, got_docs, WAIT_MS));
	run(&H, NULL, 500);
	assert_int_equal(H.n, 2);
	assert_int_equal(requests(base(quakes[1]), NULL), 2);
	assert_int_equal(H.len[1], file_size(quakes[1]));
}

/* A body shorter than its Content-Length is an error, never a document:
 * the feed is read again, the document fetched again, and delivered once
 * and whole. */
static void test_truncated(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	char p[300];
	snprintf(p, sizeof p, "/data/%s", base(quakes[0]));
	mode("/feed/eqvol.xml", "truncate", 1, NULL);
	mode(p, "truncate", 1, NULL);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, got_docs, WAIT_MS));
	run(&H, NULL, 500);
	assert_int_equal(H.n, 1);
	assert_int_equal(H.len[0], file_size(quakes[0]));
	assert_int_equal(requests(base(quakes[0]), NULL), 2);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 1);
	assert_int_equal(st.doc_errors, 1);
}

/* Oversize: a feed that says it is too big, one that decompresses past
 * the limit (a gzip bomb), and a document over its limit, which is given
 * up at once while the others are delivered. */
static void test_oversize(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 20);
	add("eqvol", quakes[1], 10);
	/* 50 MB of zeros, 50 kB gzipped: under the limit on the wire, far
	 * over it decoded. */
	mode("/feed/eqvol.xml", "bomb", 1, "50000000");
	open_store(&H, false);
	opts_default(&H, "eqvol");
	H.o.max_feed_bytes = 64 * 1024;
	size_t a = file_size(quakes[0]), b = file_size(quakes[1]);
	assert_true(b > a);
	H.o.max_doc_bytes = (a + b) / 2;
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, got_docs, WAIT_MS));
	run(&H, NULL, 800);
	assert_int_equal(H.n, 1);
	assert_non_null(strstr(H.url[0], base(quakes[0])));
	assert_int_equal(count_state(&H, BC_ENTRY_FAILED), 1);
	assert_int_equal(requests(base(quakes[1]), NULL), 1);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 1);
	assert_true(st.bytes < 2u << 20);

	/* Declared too big (Content-Length): refused before the body. */
	mode("/feed/eqvol.xml", "oversize", 1, "300000");
	add("eqvol", quakes[2], 0);
	want_docs = 2;
	assert_true(run(&H, got_docs, WAIT_MS));
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 2);
}

/* A feed that is not XML, or XML that is not Atom: one clear line, back
 * off, recover. */
static void test_not_xml(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	mode("/feed/eqvol.xml", "notxml", 1, NULL);
	mode("/feed/eqvol.xml", "html", 1, NULL);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	open_feed(&H);
	want_docs = 1;
	bool ok = run(&H, got_docs, WAIT_MS);
	char *log = bc_capture_stop(&cap);
	assert_true(ok);
	assert_non_null(log);
	assert_int_equal(bc_count_lines(log, "not a usable Atom feed: "
					"line 1: Start tag expected"), 1);
	assert_int_equal(bc_count_lines(log, "root element is 'html', not "
					"an Atom feed"), 1);
	free(log);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.feed_errors, 2);
	assert_int_equal(H.n, 1);
}

/* A document that 404s is tried three times, then given up; the others
 * are delivered, and nothing is fetched again later. */
static void test_doc_404(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 30);
	add("eqvol", quakes[1], 20);
	add("eqvol", quakes[2], 10);
	char p[300];
	snprintf(p, sizeof p, "/data/%s", base(quakes[1]));
	mode(p, "404", 0, NULL);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 2;
	assert_true(run(&H, no_pending, WAIT_MS));
	run(&H, NULL, 1000);
	assert_int_equal(H.n, 2);
	assert_int_equal(requests(base(quakes[1]), " 404 "), 3);
	assert_int_equal(count_state(&H, BC_ENTRY_FAILED), 1);
	assert_int_equal(count_state(&H, BC_ENTRY_DONE), 2);
	/* Given up for good: a restart does not try it again. */
	bc_feed_close(H.feed);
	H.feed = NULL;
	open_feed(&H);
	run(&H, NULL, 600);
	assert_int_equal(requests(base(quakes[1]), NULL), 3);
}

/* Redirects are followed (at most three); a loop is an error. */
static void test_redirects(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	char to[300];
	snprintf(to, sizeof to, "http://127.0.0.1:%d/feed/eqvol.xml",
		 H.srv.port);
	mode("/feed/moved.xml", "redirect", 0, to);
	snprintf(to, sizeof to, "http://127.0.0.1:%d/feed/loop.xml",
		 H.srv.port);
	mode("/feed/loop.xml", "redirect", 0, to);
	open_store(&H, false);
	opts_default(&H, "moved");
	snprintf(H.url_buf[1], sizeof H.url_buf[1],
		 "http://127.0.0.1:%d/feed/loop.xml", H.srv.port);
	H.urls[1] = H.url_buf[1];
	H.o.n_urls = 2;
	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	open_feed(&H);
	want_docs = 1;
	bool ok = run(&H, got_docs, WAIT_MS);
	char *log = bc_capture_stop(&cap);
	assert_true(ok);
	assert_true(bc_count_lines(log, "Maximum (3) redirects followed") >=
		    1);
	free(log);
	/* 1 + 3 redirects per attempt on the loop. */
	assert_true(requests("GET /feed/loop.xml", NULL) >= 4);
	assert_string_equal(bc_feed_health(H.feed), "degraded");
}

/* TLS: a certificate the system does not trust is refused; with its CA
 * configured the same server is read. */
static void test_tls_verified(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 5);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	snprintf(H.url_buf[0], sizeof H.url_buf[0],
		 "https://127.0.0.1:%d/feed/eqvol.xml", H.srv.tls_port);
	struct bc_capture cap;
	assert_int_equal(bc_capture_start(&cap), 0);
	open_feed(&H);
	run(&H, NULL, 500);
	char *log = bc_capture_stop(&cap);
	assert_int_equal(H.n, 0);
	assert_true(bc_count_lines(log, "SSL certificate problem") >= 1);
	free(log);
	bc_feed_close(H.feed);
	H.feed = NULL;

	char ca[256];
	snprintf(ca, sizeof ca, "%s/cert.pem", H.srv.dir);
	H.o.ca_file = ca;
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, got_docs, WAIT_MS));
	assert_int_equal(H.len[0], file_size(quakes[0]));
}

/* Entries of a type bosaicast does not broadcast are recorded and not
 * fetched, unless fetch_all. */
static void test_types_not_broadcast(void **state)
{
	(void)state;
	add("regular", SEASON, 20);
	add("regular", quakes[0], 10);
	open_store(&H, false);
	opts_default(&H, "regular");
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, no_pending, WAIT_MS));
	run(&H, NULL, 400);
	assert_int_equal(H.n, 1);
	assert_int_equal(requests(base(SEASON), NULL), 0);
	assert_int_equal(count_state(&H, BC_ENTRY_SKIPPED), 1);
	bc_feed_close(H.feed);
	H.feed = NULL;

	/* fetch_all: a new entry of that type is fetched. */
	add("regular", "kuribo001-research_jmaxml_20260326_Samples/"
	    "01_01_02_091210_VGSK50.xml", 0);
	H.o.fetch_all = true;
	open_feed(&H);
	want_docs = 2;
	assert_true(run(&H, got_docs, WAIT_MS));
	assert_non_null(strstr(H.url[1], "01_01_02_091210_VGSK50"));
}

/* Catch-up: after downtime longer than the live feed reaches back, the
 * long feed is read once, entries since the last good read are fetched
 * (after the live ones, newest first), older ones are not; the debt
 * survives a restart while the long feed fails. */
static void test_catch_up(void **state)
{
	(void)state;
	add("eqvol", quakes[0], 7200);
	open_store(&H, false);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, got_docs, WAIT_MS));
	bc_feed_close(H.feed);
	H.feed = NULL;

	/* Down for an hour: pretend the last good read was then. */
	struct bc_feed_state fs;
	assert_int_equal(bc_store_feed_get(H.store, H.url_buf[0], &fs),
			 BC_E_OK);
	assert_true(fs.last_ok > 0 && fs.catchup_since == 0);
	fs.last_ok = time(NULL) - 3600;
	assert_int_equal(bc_store_feed_put(H.store, H.url_buf[0], &fs),
			 BC_E_OK);
	/* Meanwhile: one entry before the gap (read then), two in it;
	 * then they left the live feed, and a new one is live. */
	add("eqvol", quakes[1], 4000);
	add("eqvol", quakes[2], 1800);
	add("eqvol", quakes[3], 900);
	assert_int_equal(ctl(NULL, "age?feed=eqvol"), 200);
	add("eqvol", quakes[4], 5);
	/* The long feed fails first: the debt must survive a restart. */
	mode("/feed/eqvol_l.xml", "500", 0, NULL);
	open_feed(&H);
	want_docs = 2;
	assert_true(run(&H, got_docs, WAIT_MS));
	run(&H, NULL, 300);
	assert_non_null(strstr(H.url[1], base(quakes[4])));
	assert_true(requests("GET /feed/eqvol_l.xml 500", NULL) >= 1);
	assert_int_equal(bc_store_feed_get(H.store, H.url_buf[0], &fs),
			 BC_E_OK);
	assert_true(fs.catchup_since > 0);
	bc_feed_close(H.feed);
	H.feed = NULL;

	assert_int_equal(ctl(NULL, "clear-modes"), 200);
	open_feed(&H);
	want_docs = 4;
	assert_true(run(&H, no_pending, WAIT_MS));
	run(&H, NULL, 500);
	assert_int_equal(H.n, 4);
	/* Newest first in a catch-up. */
	assert_non_null(strstr(H.url[2], base(quakes[3])));
	assert_non_null(strstr(H.url[3], base(quakes[2])));
	assert_int_equal(requests(base(quakes[1]), NULL), 0);
	/* The long feed read whole (no conditional GET), once. */
	assert_int_equal(requests("GET /feed/eqvol_l.xml 200", "inm=0"), 1);
	assert_int_equal(requests("GET /feed/eqvol_l.xml 200", NULL), 1);
	assert_int_equal(bc_store_feed_get(H.store, H.url_buf[0], &fs),
			 BC_E_OK);
	assert_int_equal(fs.catchup_since, 0);
	struct bc_feed_stats st;
	bc_feed_get_stats(H.feed, &st);
	assert_int_equal(st.catchups, 1);

	/* Left pending by a process stopped two days ago: too old to
	 * announce now, closed without a request. */
	char url[300];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/data/%s", H.srv.port,
		 base(quakes[5]));
	struct bc_feed_entry_rec r = {
		.id = url, .url = url, .feed = H.url_buf[0],
		.title = "震源・震度に関する情報",
		.updated = time(NULL) - 2 * 86400,
		.state = BC_ENTRY_PENDING,
	};
	bool added = false, known = false;
	assert_int_equal(bc_store_feed_entry_add(H.store, &r, &added),
			 BC_E_OK);
	assert_true(added);
	bc_feed_close(H.feed);
	H.feed = NULL;
	open_feed(&H);
	assert_true(run(&H, no_pending, WAIT_MS));
	enum bc_entry_state es = BC_ENTRY_PENDING;
	assert_int_equal(bc_store_feed_entry_get(H.store, url, &known, &es),
			 BC_E_OK);
	assert_true(known);
	assert_int_equal(es, BC_ENTRY_SKIPPED);
	assert_int_equal(requests(base(quakes[5]), NULL), 0);
	assert_int_equal(H.n, 4);
}

static size_t outbox_count(struct bc_store *s)
{
	uint64_t n = 0;
	assert_int_equal(bc_store_outbox_count(s, &n), BC_E_OK);
	return (size_t)n;
}

/* No alert message is in the outbox twice (a document published twice
 * would put its topics and id there again).  Retained state messages are
 * republished whenever a place changes, by design. */
static void assert_outbox_unique(struct bc_store *s)
{
	struct bc_outbox_msg *m = NULL;
	size_t n = 0;
	assert_int_equal(bc_store_outbox_next(s, 0, 1000000, &m, &n),
			 BC_E_OK);
	size_t alerts = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].retain)
			continue;
		alerts++;
		for (size_t k = i + 1; k < n; k++)
			assert_false(!m[k].retain &&
				     strcmp(m[i].topic, m[k].topic) == 0 &&
				     strcmp(m[i].id, m[k].id) == 0);
	}
	assert_true(alerts > 0);
	bc_store_outbox_free(m, n);
}

/* Restart in the middle: the process is killed (-9) while a document is
 * being fetched; a new one delivers what was pending, nothing twice.
 * Then the narrower window: ingested and committed, but the entry not yet
 * closed — fetched again, refused by the store as a duplicate. */
static void test_restart_in_the_middle(void **state)
{
	(void)state;
	for (int i = 0; i < 5; i++)
		add("eqvol", quakes[i], 50 - i);
	char p[300];
	snprintf(p, sizeof p, "/data/%s", base(quakes[2]));
	mode(p, "slow", 1, "30");
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		open_store(&H, true);
		opts_default(&H, "eqvol");
		H.o.timeout_ms = 60000;
		open_feed(&H);
		run(&H, NULL, 60000);
		_exit(0);
	}
	int64_t end = bc_mono_ms() + 60000;
	while (requests(p, NULL) == 0 && bc_mono_ms() < end)
		usleep(20000);
	assert_int_equal(requests(p, NULL), 1);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(requests(base(quakes[0]), NULL), 1);
	assert_int_equal(requests(base(quakes[1]), NULL), 1);

	open_store(&H, true);
	assert_int_equal(bc_store_feed_open(H.store), BC_E_OK);
	size_t before = outbox_count(H.store);
	assert_true(before > 0);
	assert_int_equal(count_state(&H, BC_ENTRY_DONE), 2);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 3;
	assert_true(run(&H, no_pending, WAIT_MS));
	run(&H, NULL, 400);
	assert_int_equal(H.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_non_null(strstr(H.url[i], base(quakes[i + 2])));
		assert_int_equal(H.verdict[i], BC_DOC_NEW);
	}
	assert_int_equal(requests(base(quakes[0]), NULL), 1);
	assert_int_equal(requests(base(quakes[1]), NULL), 1);
	assert_int_equal(count_state(&H, BC_ENTRY_DONE), 5);
	size_t after = outbox_count(H.store);
	assert_true(after > before);
	assert_outbox_unique(H.store);

	/* Ingested, then "killed" before the entry was closed. */
	H.retry_after_ingest = 1;
	add("eqvol", quakes[5], 0);
	want_docs = 5;
	assert_true(run(&H, no_pending, WAIT_MS));
	assert_int_equal(H.n, 5);
	assert_int_equal(H.verdict[3], BC_DOC_NEW);
	assert_true(H.messages[3] > 0);
	assert_int_equal(H.verdict[4], BC_DOC_DUPLICATE);
	assert_int_equal(H.messages[4], 0);
	assert_int_equal(requests(base(quakes[5]), NULL), 2);
	assert_int_equal(outbox_count(H.store), after + H.messages[3]);
	assert_outbox_unique(H.store);
}

static struct h *spool_h;
static enum bc_doc_verdict spool_verdict;
static enum bc_spool_outcome spool_handler(void *ud, const char *path,
					   const char *data, size_t len,
					   char *why, size_t why_size)
{
	struct bc_ingest_result res;
	enum bc_err e = bc_pipeline_ingest(spool_h->pipe, data, len, path,
					   &res);
	spool_verdict = res.verdict;
	if (e && e != BC_E_UNSUPPORTED) {
		snprintf(why, why_size, "%s", bc_strerror(e));
		return BC_SPOOL_FAILED;
	}
	return BC_SPOOL_DONE;
}

static void spool_drop(const char *spool, const char *doc)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cp %s/tests/data/jmaxml/%s %s/%s.tmp && "
		 "mv %s/%s.tmp %s/%s", src_dir(), doc, spool, base(doc),
		 spool, base(doc), spool, base(doc));
	assert_int_equal(system(cmd), 0);
}

/* One document from the spool and from the feed is published once,
 * whichever comes first. */
static void test_feed_and_spool_publish_once(void **state)
{
	(void)state;
	char spool_dir[256], why[256];
	snprintf(spool_dir, sizeof spool_dir, "%s/spool", H.srv.dir);
	open_store(&H, true);
	spool_h = &H;
	struct bc_spool *sp = NULL;
	assert_int_equal(bc_spool_open(spool_dir, 1u << 22, &sp, why,
				       sizeof why), BC_E_OK);

	/* Spool first, then the feed. */
	spool_drop(spool_dir, quakes[6]);
	assert_int_equal(bc_spool_scan(sp, spool_handler, NULL, NULL),
			 BC_E_OK);
	assert_int_equal(spool_verdict, BC_DOC_NEW);
	size_t n1 = outbox_count(H.store);
	assert_true(n1 > 0);
	add("eqvol", quakes[6], 5);
	opts_default(&H, "eqvol");
	open_feed(&H);
	want_docs = 1;
	assert_true(run(&H, no_pending, WAIT_MS));
	assert_int_equal(H.verdict[0], BC_DOC_DUPLICATE);
	assert_int_equal(outbox_count(H.store), n1);

	/* The feed first, then the spool. */
	add("eqvol", quakes[7], 0);
	want_docs = 2;
	assert_true(run(&H, no_pending, WAIT_MS));
	assert_int_equal(H.verdict[1], BC_DOC_NEW);
	size_t n2 = outbox_count(H.store);
	assert_int_equal(n2, n1 + H.messages[1]);
	spool_drop(spool_dir, quakes[7]);
	assert_int_equal(bc_spool_scan(sp, spool_handler, NULL, NULL),
			 BC_E_OK);
	assert_int_equal(spool_verdict, BC_DOC_DUPLICATE);
	assert_int_equal(outbox_count(H.store), n2);
	assert_outbox_unique(H.store);
	bc_spool_close(sp);
}

/* The daemon's way in: config keys, bc_feed_open_config. */
static void test_open_from_config(void **state)
{
	(void)state;
	char why[256], url[256];
	add("eqvol", quakes[0], 5);
	add("extra", quakes[1], 5);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/feed/eqvol.xml",
		 H.srv.port);
	assert_int_equal(bc_config_set(&H.cfg, "feed", url, why, sizeof why),
			 BC_E_OK);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/feed/extra.xml",
		 H.srv.port);
	assert_int_equal(bc_config_set(&H.cfg, "feed", url, why, sizeof why),
			 BC_E_OK);
	assert_int_equal(bc_config_set(&H.cfg, "feed", "ftp://x/y", why,
				       sizeof why), BC_E_CONFIG);
	assert_int_equal(bc_config_set(&H.cfg, "feed-interval", "1", why,
				       sizeof why), BC_E_OK);
	assert_int_equal(bc_config_set(&H.cfg, "feed_max_parallel", "9", why,
				       sizeof why), BC_E_CONFIG);
	assert_int_equal(H.cfg.n_feeds, 2);
	open_store(&H, false);
	assert_int_equal(bc_feed_open_config(&H.cfg, H.store, on_doc, &H,
					     &H.feed, why, sizeof why),
			 BC_E_OK);
	want_docs = 2;
	assert_true(run(&H, got_docs, WAIT_MS));
	bc_feed_close(H.feed);
	H.feed = NULL;
	assert_int_equal(bc_config_set(&H.cfg, "feed", "none", why,
				       sizeof why), BC_E_OK);
	assert_int_equal(bc_feed_open_config(&H.cfg, H.store, on_doc, &H,
					     &H.feed, why, sizeof why),
			 BC_E_NOTFOUND);
	assert_null(H.feed);
}

static bool polled_once(struct h *h)
{
	struct bc_feed_stats st;
	bc_feed_get_stats(h->feed, &st);
	return st.polls >= 1;
}

/* With JMA's etiquette (every 60 s, 20 s past the minute) the poll after
 * the first is at the first hh:mm:20 at least a minute after it. */
static void test_aligned_schedule(void **state)
{
	(void)state;
	open_store(&H, false);
	opts_default(&H, "eqvol");
	H.o.interval_ms = 60000;
	H.o.poll_offset_s = 20;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t w0 = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	open_feed(&H);
	assert_true(run(&H, polled_once, WAIT_MS));
	run(&H, NULL, 100);
	int t = bc_feed_timeout_ms(H.feed);
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	int64_t slot = w0 + 60000;
	slot += (60000 - ((slot - 20000) % 60000)) % 60000;
	int64_t want = slot - now;
	printf("aligned: next poll in %d ms (slot %lld ms past the minute)\n",
	       t, (long long)(slot % 60000));
	assert_int_equal(slot % 60000, 20000);
	assert_true(t >= want - 300 && t <= want + 300);
	assert_true(t >= 58000 && t <= 120000);
	assert_int_equal(requests("GET /feed/eqvol.xml", NULL), 1);
}

static int cmp_ms(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The report's numbers.  Latency: from an entry appearing in the feed to
 * its document ingested (the real pipeline and store), polling every
 * second.  Cost of a quiet hour: requests at a 100 ms interval over 5 s
 * for two feeds, scaled. */
static void test_measure(void **state)
{
	(void)state;
	open_store(&H, true);
	opts_default(&H, "eqvol");
	H.o.interval_ms = 1000;
	open_feed(&H);
	run(&H, NULL, 300);
	enum { N = 8 };
	int64_t lat[N], fetch_ingest[N];
	for (int i = 0; i < N; i++) {
		/* Appear at a random point of the poll cycle. */
		usleep((useconds_t)(rand() % 1000) * 1000);
		add("eqvol", quakes[i], 0);
		char *t = NULL;
		assert_int_equal(ctl(&t, "added?feed=eqvol&doc=%s", quakes[i]),
				 200);
		double added = atof(t);
		free(t);
		want_docs = (size_t)i + 1;
		assert_true(run(&H, got_docs, WAIT_MS));
		lat[i] = H.at_ms[i] - (int64_t)(added * 1000);
		double rq[4];
		char p[300];
		snprintf(p, sizeof p, "/data/%s", base(quakes[i]));
		assert_int_equal(request_times(p, rq, 4), 1);
		fetch_ingest[i] = H.at_ms[i] - (int64_t)(rq[0] * 1000);
		assert_int_equal(H.verdict[i], BC_DOC_NEW);
	}
	qsort(lat, N, sizeof lat[0], cmp_ms);
	qsort(fetch_ingest, N, sizeof fetch_ingest[0], cmp_ms);
	printf("latency entry in feed -> ingested, 1 s polls, %d entries: "
	       "min %lld ms, median %lld ms, max %lld ms\n", N,
	       (long long)lat[0], (long long)lat[N / 2],
	       (long long)lat[N - 1]);
	printf("of which document request -> ingested (16 languages): "
	       "median %lld ms, max %lld ms\n", (long long)fetch_ingest[N / 2],
	       (long long)fetch_ingest[N - 1]);
	assert_true(lat[N - 1] < 1000 + 2000);
	bc_feed_close(H.feed);
	H.feed = NULL;

	/* A quiet spell: two feeds, nothing new. */
	opts_default(&H, "eqvol");
	snprintf(H.url_buf[1], sizeof H.url_buf[1],
		 "http://127.0.0.1:%d/feed/extra.xml", H.srv.port);
	H.urls[1] = H.url_buf[1];
	H.o.n_urls = 2;
	H.o.interval_ms = 100;
	open_feed(&H);
	run(&H, NULL, 500); /* first reads: 200 */
	assert_int_equal(ctl(NULL, "clear-log"), 200);
	int64_t t0 = bc_mono_ms();
	run(&H, NULL, 5000);
	bc_feed_close(H.feed);
	H.feed = NULL;
	double secs = (double)(bc_mono_ms() - t0) / 1000;
	int total = requests(" GET /", NULL);
	int not_modified = requests(" 304 ", NULL);
	double per_hour = total / secs * 3600 * (100.0 / 60000);
	printf("quiet: %d requests in %.1f s for 2 feeds at 100 ms (%d were "
	       "304, %d other); at 60 s that is %.0f per hour for 2 feeds, "
	       "%.0f for 4\n", total, secs, not_modified,
	       total - not_modified, per_hour, per_hour * 2);
	assert_int_equal(total, not_modified);
	assert_true(total >= (int)(2 * secs * 10 * 0.8) &&
		    total <= (int)(2 * secs * 10 * 1.1) + 2);
}

int main(void)
{
	bc_log_set_level(getenv("BC_TEST_DEBUG") ? BC_LOG_DEBUG
						 : BC_LOG_INFO);
	srand((unsigned)time(NULL));
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_entries_then_304,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_server_errors_back_off,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_oversize, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_xml, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doc_404, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redirects, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tls_verified, setup_tls,
						teardown),
		cmocka_unit_test_setup_teardown(test_types_not_broadcast,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_catch_up, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_restart_in_the_middle,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_feed_and_spool_publish_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_from_config, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_aligned_schedule, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_measure, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
