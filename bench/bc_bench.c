/* bc_bench.c — bosaicast's benchmark (DESIGN §10), run by bench/run.sh.
 *
 *   bc_bench render [--rounds N] DIR|FILE...
 *       Render throughput: every document bosaicast broadcasts, in all 16
 *       languages, against libxml2 alone parsing the same bytes with the
 *       same options (a bare xmlReadMemory loop).
 *   bc_bench fill --db FILE DOC...
 *       Ingest documents into a fresh store, no broker (the outbox the
 *       publish-rate test sends; also a profiling harness for ingest).
 *   bc_bench e2e  MQTT --spool DIR --one DIR --nation DIR [--runs-one N]
 *                 [--runs-nation N] [--broker-pid PID] -- DAEMON ARGS...
 *       Start-up time, then spool drop (atomic rename) → last message at a
 *       subscriber, per run, for each document of --one and --nation
 *       (a real `bosaicast run` on the spool), and the daemon's peak RSS.
 *   bc_bench pubrate MQTT --db FILE --daemon-db FILE [--rounds N]
 *                 [--window W] [--broker-pid PID] -- DAEMON ARGS...
 *       Publish rate: the outbox of FILE sent by a bare libmosquitto QoS 1
 *       publisher and by `bosaicast run --once` (which is given a fresh
 *       copy of FILE at --daemon-db), seen by the same subscriber.
 *   MQTT = --port P --user U --password-file F
 *
 * Every figure is printed as one "key value" line per measurement (the
 * report of run.sh is built from them) plus a readable summary.  Times
 * come from CLOCK_MONOTONIC; the subscriber runs in a thread of this
 * process, so a drop and its arrival are timed by the same clock.
 *
 * A benchmark tool, not the product: it may block, and it touches
 * libxml2, SQLite (through store.h) and libmosquitto directly.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <mosquitto.h>
#include <mqtt_protocol.h>

#include "config.h"
#include "jmaxml.h"
#include "lang.h"
#include "log.h"
#include "pipeline.h"
#include "source.h"
#include "store.h"

/* The options src/jmaxml.c parses with (JX_XML_OPTIONS there): the
 * baseline must do the same work libxml2 does inside bosaicast. */
#define BENCH_XML_OPTIONS                                                   \
	(XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA |          \
	 XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

#define MAX_DOC_BYTES (64u << 20)

/* The daemon this process started, if running: a failed benchmark must
 * not leave it behind. */
static pid_t child_pid;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						     noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bc_bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (child_pid > 0) {
		kill(child_pid, SIGTERM);
		waitpid(child_pid, NULL, 0);
	}
	exit(1);
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double ms(int64_t ns)
{
	return (double)ns / 1e6;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of a sorted array. */
static int64_t pct_i64(const int64_t *v, size_t n, double p)
{
	if (!n)
		return 0;
	size_t k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

static double pct_dbl(const double *v, size_t n, double p)
{
	if (!n)
		return 0;
	size_t k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return v[k - 1];
}

static long num(const char *s, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		die("bad number \"%s\" (%ld..%ld)", s, lo, hi);
	return v;
}

static char *read_all(const char *path, size_t *len)
{
	char *data = NULL;
	char why[512];
	if (bc_read_file(path, MAX_DOC_BYTES, &data, len, why, sizeof why))
		die("%s", why);
	return data;
}

static char *read_line_file(const char *path)
{
	size_t len = 0;
	char *s = read_all(path, &len);
	s[strcspn(s, "\r\n")] = '\0';
	return s;
}

/* ---- documents ----------------------------------------------------- */

struct doc {
	char *path;
	char *data;
	size_t len;
	int64_t best_xml, best_render;   /* fastest round, ns */
	size_t messages, out_bytes;
};

struct docs {
	struct doc *v;
	size_t n, cap;
};

static struct docs *walk_docs; /* nftw has no user pointer */

static int walk_cb(const char *path, const struct stat *st, int type,
		   struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 4 || strcmp(path + n - 4, ".xml") != 0)
		return 0;
	struct docs *d = walk_docs;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->v = realloc(d->v, d->cap * sizeof *d->v);
		if (!d->v)
			die("out of memory");
	}
	memset(&d->v[d->n], 0, sizeof d->v[d->n]);
	d->v[d->n].path = strdup(path);
	d->v[d->n].data = read_all(path, &d->v[d->n].len);
	d->n++;
	return 0;
}

static int cmp_doc(const void *a, const void *b)
{
	return strcmp(((const struct doc *)a)->path,
		      ((const struct doc *)b)->path);
}

static void load_docs(struct docs *d, char **paths, int n)
{
	walk_docs = d;
	for (int i = 0; i < n; i++)
		if (nftw(paths[i], walk_cb, 16, FTW_PHYS) != 0)
			die("cannot read %s: %s", paths[i], strerror(errno));
	qsort(d->v, d->n, sizeof *d->v, cmp_doc);
}

static void free_docs(struct docs *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].data);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void open_pipeline(struct bc_config *cfg, struct bc_store *store,
			  struct bc_pipeline **p)
{
	char why[1024];
	bc_config_defaults(cfg);
	if (bc_pipeline_open(cfg, store, p, why, sizeof why))
		die("cannot load bosaicast's data: %s (set BOSAICAST_DATA_DIR "
		    "to the repository)", why);
}

/* ---- render throughput ------------------------------------------------ */

struct sink {
	size_t messages, bytes;
};

static void sink_emit(void *ud, const struct bc_message *m)
{
	struct sink *s = ud;
	s->messages++;
	s->bytes += m->len + strlen(m->topic);
}

static void quiet_xml_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static int64_t xml_pass(struct docs *d)
{
	int64_t total = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct doc *x = &d->v[i];
		int64_t t = now_ns();
		xmlDocPtr doc = xmlReadMemory(x->data, (int)x->len, x->path,
					      NULL, BENCH_XML_OPTIONS);
		xmlFreeDoc(doc);
		t = now_ns() - t;
		if (!doc)
			die("%s: libxml2 cannot parse it", x->path);
		if (!x->best_xml || t < x->best_xml)
			x->best_xml = t;
		total += t;
	}
	return total;
}

static int64_t render_pass(struct bc_pipeline *p, struct docs *d,
			   struct sink *s)
{
	char why[512];
	int64_t total = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct doc *x = &d->v[i];
		size_t before = s->messages, before_b = s->bytes;
		int64_t t = now_ns();
		enum bc_err e = bc_pipeline_render(p, x->data, x->len, x->path,
						   BC_LANG_ALL, sink_emit, s,
						   why, sizeof why);
		t = now_ns() - t;
		if (e)
			die("%s: rendered before, fails now: %s", x->path, why);
		x->messages = s->messages - before;
		x->out_bytes = s->bytes - before_b;
		if (!x->best_render || t < x->best_render)
			x->best_render = t;
		total += t;
	}
	return total;
}

static int cmd_render(int argc, char **argv)
{
	int rounds = 5;
	const char *per_doc = NULL;
	int i = 0;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = (int)num(argv[++i], 1, 1000);
		else if (!strcmp(argv[i], "--per-doc") && i + 1 < argc)
			per_doc = argv[++i];
		else
			die("render: unknown option %s", argv[i]);
	}
	if (i == argc)
		die("render: no documents");
	struct docs all = { 0 }, bc = { 0 };
	load_docs(&all, argv + i, argc - i);

	struct bc_config cfg;
	struct bc_pipeline *p = NULL;
	open_pipeline(&cfg, NULL, &p);
	xmlSetStructuredErrorFunc(NULL, quiet_xml_error);

	/* Which documents bosaicast broadcasts: the ones it renders.  The
	 * rest (forecasts, marine, types not broadcast) are skipped in a
	 * few microseconds after Control and are left out of both sides. */
	size_t skipped = 0, failed = 0, all_bytes = 0, bytes = 0;
	char why[512];
	for (size_t k = 0; k < all.n; k++) {
		struct sink s = { 0 };
		struct doc *x = &all.v[k];
		all_bytes += x->len;
		enum bc_err e = bc_pipeline_render(p, x->data, x->len, x->path,
						   BC_LANG_ALL, sink_emit, &s,
						   why, sizeof why);
		if (e == BC_E_UNSUPPORTED) {
			skipped++;
			continue;
		}
		if (e) {
			/* A type whose parser exists but whose rendering is
			 * not finished: counted, and left out of both sides. */
			if (failed++ < 3)
				fprintf(stderr, "bc_bench: %s: not rendered: "
					"%s\n", x->path, why);
			continue;
		}
		if (bc.n == bc.cap) {
			bc.cap = bc.cap ? bc.cap * 2 : 256;
			bc.v = realloc(bc.v, bc.cap * sizeof *bc.v);
			if (!bc.v)
				die("out of memory");
		}
		bc.v[bc.n++] = *x;       /* takes the strings */
		x->path = x->data = NULL;
		bytes += bc.v[bc.n - 1].len;
	}
	free_docs(&all);
	if (!bc.n)
		die("render: none of the documents is broadcast");

	int64_t *xt = calloc((size_t)rounds, sizeof *xt);
	int64_t *rt = calloc((size_t)rounds, sizeof *rt);
	struct sink s = { 0 };
	/* One warm-up of each (page cache, ICU's lazily built data), then
	 * alternate so that both sides see the same machine state. */
	xml_pass(&bc);
	render_pass(p, &bc, &s);
	for (int r = 0; r < rounds; r++) {
		xt[r] = xml_pass(&bc);
		memset(&s, 0, sizeof s);
		rt[r] = render_pass(p, &bc, &s);
	}
	qsort(xt, (size_t)rounds, sizeof *xt, cmp_i64);
	qsort(rt, (size_t)rounds, sizeof *rt, cmp_i64);
	int64_t xm = xt[rounds / 2], rm = rt[rounds / 2];

	double *ratio = calloc(bc.n, sizeof *ratio);
	int64_t *per = calloc(bc.n, sizeof *per);
	size_t worst = 0;
	FILE *pd = per_doc ? fopen(per_doc, "w") : NULL;
	if (per_doc && !pd)
		die("cannot write %s", per_doc);
	if (pd)
		fprintf(pd, "render_ms\tlibxml2_ms\tratio\tbytes\tmessages\t"
			"payload_bytes\tdocument\n");
	for (size_t k = 0; k < bc.n; k++) {
		if (pd)
			fprintf(pd, "%.3f\t%.3f\t%.2f\t%zu\t%zu\t%zu\t%s\n",
				ms(bc.v[k].best_render), ms(bc.v[k].best_xml),
				(double)bc.v[k].best_render /
					(double)bc.v[k].best_xml,
				bc.v[k].len, bc.v[k].messages,
				bc.v[k].out_bytes, bc.v[k].path);
		ratio[k] = (double)bc.v[k].best_render /
			   (double)bc.v[k].best_xml;
		per[k] = bc.v[k].best_render;
		if (ratio[k] > ratio[worst])
			worst = k;
	}
	double worst_ratio = ratio[worst];
	qsort(ratio, bc.n, sizeof *ratio, cmp_dbl);
	qsort(per, bc.n, sizeof *per, cmp_i64);

	printf("render.docs %zu\n", bc.n);
	printf("render.docs_skipped %zu\n", skipped);
	printf("render.docs_failed %zu\n", failed);
	printf("render.corpus_bytes %zu\n", all_bytes);
	printf("render.bytes %zu\n", bytes);
	printf("render.messages %zu\n", s.messages);
	printf("render.payload_bytes %zu\n", s.bytes);
	printf("render.rounds %d\n", rounds);
	printf("render.libxml2_ms %.2f\n", ms(xm));
	printf("render.render_ms %.2f\n", ms(rm));
	printf("render.ratio %.2f\n", (double)rm / (double)xm);
	printf("render.doc_ratio_p50 %.2f\n", pct_dbl(ratio, bc.n, 50));
	printf("render.doc_ratio_p90 %.2f\n", pct_dbl(ratio, bc.n, 90));
	printf("render.doc_ratio_p99 %.2f\n", pct_dbl(ratio, bc.n, 99));
	printf("render.doc_ratio_max %.2f %s\n", worst_ratio,
	       bc.v[worst].path);
	printf("render.doc_ms_p50 %.3f\n", ms(pct_i64(per, bc.n, 50)));
	printf("render.doc_ms_p99 %.3f\n", ms(pct_i64(per, bc.n, 99)));
	printf("render.doc_ms_max %.3f\n", ms(per[bc.n - 1]));
	printf("render.messages_per_s %.0f\n",
	       (double)s.messages / ((double)rm / 1e9));
	printf("render.mb_per_s %.1f\n", (double)bytes / 1e6 /
	       ((double)rm / 1e9));
	printf("render.libxml2_mb_per_s %.1f\n", (double)bytes / 1e6 /
	       ((double)xm / 1e9));

	if (pd)
		fclose(pd);
	free(ratio);
	free(per);
	free(xt);
	free(rt);
	free_docs(&bc);
	bc_pipeline_close(p);
	return 0;
}

/* ---- fill: ingest into a store ---------------------------------------- */

static int cmd_fill(int argc, char **argv)
{
	const char *db = NULL;
	int i = 0;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else
			die("fill: unknown option %s", argv[i]);
	}
	if (!db || i == argc)
		die("fill: usage: fill --db FILE DOC...");
	char why[1024], aux[1100];
	unlink(db);
	snprintf(aux, sizeof aux, "%s-wal", db);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", db);
	unlink(aux);
	struct bc_store *st = NULL;
	if (bc_store_open(db, &st, why, sizeof why))
		die("%s", why);
	struct bc_config cfg;
	struct bc_pipeline *p = NULL;
	int64_t t = now_ns();
	open_pipeline(&cfg, st, &p);
	printf("fill.load_ms %.1f\n", ms(now_ns() - t));
	for (; i < argc; i++) {
		size_t len = 0;
		char *data = read_all(argv[i], &len);
		struct bc_ingest_result res;
		t = now_ns();
		enum bc_err e = bc_pipeline_ingest(p, data, len, argv[i], &res);
		t = now_ns() - t;
		free(data);
		if (e)
			die("%s: not ingested: %s", argv[i], bc_strerror(e));
		printf("fill.ingest_ms %.1f %zu messages %zu places %s\n",
		       ms(t), res.messages, res.cities, argv[i]);
	}
	uint64_t n = 0;
	bc_store_outbox_count(st, &n);
	printf("fill.outbox %llu\n", (unsigned long long)n);
	bc_pipeline_close(p);
	bc_store_close(st);
	return 0;
}

/* ---- the subscriber ---------------------------------------------------- */

struct mqtt_opts {
	int port;
	const char *user;
	char *password;
};

/* Everything the subscriber thread records, under mu. */
struct sub {
	struct mosquitto *m;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	volatile bool stop;
	int subacks;
	size_t n, n_state;
	int64_t first, last, last_area;   /* ns; 0: none yet */
	int64_t online;                   /* last live "online" status */
};

static struct sub sub;

static void sub_on_connect(struct mosquitto *m, void *ud, int rc)
{
	(void)ud;
	if (rc)
		die("subscriber: connection refused: %s",
		    mosquitto_connack_string(rc));
	static const char *const filters[] = {
		"bosai/v1/alerts/#", "bosai/v1/areas/#", "bosai/v1/status",
	};
	for (size_t i = 0; i < 3; i++)
		if (mosquitto_subscribe(m, NULL, filters[i], 1))
			die("subscriber: cannot subscribe %s", filters[i]);
}

static void sub_on_subscribe(struct mosquitto *m, void *ud, int mid,
			     int n, const int *granted)
{
	(void)m;
	(void)ud;
	(void)mid;
	for (int i = 0; i < n; i++)
		if (granted[i] > 2)
			die("subscriber: subscription refused");
	pthread_mutex_lock(&sub.mu);
	sub.subacks++;
	pthread_cond_broadcast(&sub.cv);
	pthread_mutex_unlock(&sub.mu);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void sub_on_message(struct mosquitto *m, void *ud,
			   const struct mosquitto_message *msg)
{
	(void)m;
	(void)ud;
	int64_t t = now_ns();
	pthread_mutex_lock(&sub.mu);
	if (strcmp(msg->topic, "bosai/v1/status") == 0) {
		/* A live heartbeat (not the retained copy a new subscription
		 * gets) saying online: the daemon is up. */
		if (!msg->retain && msg->payload &&
		    memmem(msg->payload, (size_t)msg->payloadlen,
			   "\"online\":true", 13))
			sub.online = t;
	} else {
		if (!sub.first)
			sub.first = t;
		sub.last = t;
		sub.n++;
		if (ends_with(msg->topic, "/state"))
			sub.n_state++;
		else
			sub.last_area = t;
	}
	pthread_cond_broadcast(&sub.cv);
	pthread_mutex_unlock(&sub.mu);
}

/* The subscriber's own loop: everything already in the socket is read at
 * once (mosquitto_loop reads one packet per select, which would make the
 * subscriber, not bosaicast, the bottleneck of a burst). */
static void *sub_main(void *arg)
{
	(void)arg;
	struct mosquitto *m = sub.m;
	while (!sub.stop) {
		int fd = mosquitto_socket(m);
		if (fd < 0)
			die("subscriber: connection lost");
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (mosquitto_want_write(m))
			pfd.events |= POLLOUT;
		int n = poll(&pfd, 1, 50);
		if (n < 0 && errno != EINTR)
			die("subscriber: poll: %s", strerror(errno));
		int rc = MOSQ_ERR_SUCCESS;
		if (n > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
			int avail = 1;
			for (int i = 0; i < 100000 && avail > 0 && !rc; i++) {
				rc = mosquitto_loop_read(m, 1);
				if (mosquitto_socket(m) < 0 ||
				    ioctl(fd, FIONREAD, &avail) != 0)
					break;
			}
		}
		if (!rc && mosquitto_want_write(m))
			rc = mosquitto_loop_write(m, 1);
		if (!rc)
			rc = mosquitto_loop_misc(m);
		if (rc)
			die("subscriber: %s", mosquitto_strerror(rc));
	}
	return NULL;
}

static void sub_wait(bool (*done)(void *), void *arg, int64_t timeout_ns,
		     const char *what)
{
	int64_t deadline = now_ns() + timeout_ns;
	pthread_mutex_lock(&sub.mu);
	while (!done(arg)) {
		int64_t left = deadline - now_ns();
		if (left <= 0) {
			pthread_mutex_unlock(&sub.mu);
			die("timed out after %.0f s waiting for %s (%zu "
			    "messages so far)", (double)timeout_ns / 1e9, what,
			    sub.n);
		}
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		int64_t until = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec +
				(left < 20000000 ? left : 20000000);
		ts.tv_sec = until / 1000000000LL;
		ts.tv_nsec = until % 1000000000LL;
		pthread_cond_timedwait(&sub.cv, &sub.mu, &ts);
	}
	pthread_mutex_unlock(&sub.mu);
}

static bool subscribed(void *arg)
{
	(void)arg;
	return sub.subacks == 3;
}

static void sub_start(const struct mqtt_opts *mo)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sub.cv, &ca);
	pthread_mutex_init(&sub.mu, NULL);
	sub.m = mosquitto_new(NULL, true, NULL);
	if (!sub.m)
		die("mosquitto_new failed");
	mosquitto_connect_callback_set(sub.m, sub_on_connect);
	mosquitto_subscribe_callback_set(sub.m, sub_on_subscribe);
	mosquitto_message_callback_set(sub.m, sub_on_message);
	/* Anonymous, like every real subscriber: the ACL lets anyone read. */
	int rc = mosquitto_connect(sub.m, "127.0.0.1", mo->port, 60);
	if (rc)
		die("subscriber: cannot connect to 127.0.0.1:%d: %s", mo->port,
		    mosquitto_strerror(rc));
	if (pthread_create(&sub.thread, NULL, sub_main, NULL))
		die("cannot start the subscriber thread");
	sub_wait(subscribed, NULL, 10000000000LL, "the subscriptions");
}

static void sub_stop(void)
{
	sub.stop = true;
	pthread_join(sub.thread, NULL);
	mosquitto_disconnect(sub.m);
	mosquitto_destroy(sub.m);
}

static void sub_reset(void)
{
	pthread_mutex_lock(&sub.mu);
	sub.n = sub.n_state = 0;
	sub.first = sub.last = sub.last_area = 0;
	pthread_mutex_unlock(&sub.mu);
}

static bool got_count(void *arg)
{
	return sub.n >= *(size_t *)arg;
}

/* Wait until no message has come for quiet_ns (after at least one). */
static size_t sub_settle(int64_t quiet_ns, int64_t timeout_ns)
{
	int64_t deadline = now_ns() + timeout_ns;
	for (;;) {
		pthread_mutex_lock(&sub.mu);
		size_t n = sub.n;
		int64_t last = sub.last;
		pthread_mutex_unlock(&sub.mu);
		int64_t t = now_ns();
		if (n && t - last >= quiet_ns)
			return n;
		if (t > deadline)
			die("no quiet moment within %.0f s (%zu messages)",
			    (double)timeout_ns / 1e9, n);
		usleep(5000);
	}
}

/* ---- the daemon --------------------------------------------------------- */

static pid_t spawn(char **argv)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0)
		child_pid = pid;
	if (pid == 0) {
		/* Our stdout is the figures (often a pipe): the daemon's
		 * must not hold it open. */
		dup2(2, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "bc_bench: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

static int reap(pid_t pid, int64_t timeout_ns, bool term)
{
	int status = 0;
	if (term)
		kill(pid, SIGTERM);
	int64_t deadline = now_ns() + timeout_ns;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			child_pid = 0;
			return status;
		}
		if (r < 0)
			die("waitpid: %s", strerror(errno));
		if (now_ns() > deadline) {
			fprintf(stderr, "bc_bench: daemon %d did not stop, "
				"killing it\n", (int)pid);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			child_pid = 0;
			return status;
		}
		usleep(10000);
	}
}

/* A "Key:   123 kB" line of /proc/PID/status, in kB (0 if none). */
static long proc_status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long v = 0;
	size_t k = strlen(key);
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, k) == 0 && line[k] == ':')
			v = strtol(line + k + 1, NULL, 10);
	fclose(f);
	return v;
}

/* CPU seconds (user + system) a process has used so far. */
static double proc_cpu_s(pid_t pid)
{
	if (pid <= 0)
		return 0;
	char path[64], buf[4096];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	if (!p)
		return 0;
	unsigned long long ut = 0, st = 0;
	/* After ") ": state ppid pgrp session tty tpgid flags minflt
	 * cminflt majflt cmajflt utime stime. */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu "
		   "%llu", &ut, &st) != 2)
		return 0;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static bool is_online(void *arg)
{
	return sub.online > *(int64_t *)arg;
}

/* ---- e2e latency ------------------------------------------------------- */

struct lat_result {
	size_t runs, msgs, state_msgs;
	int64_t *last, *first, *last_area;
};

/* Drop every document of dir into the spool, one at a time, each after
 * the previous one's messages have all arrived and the daemon is quiet.
 * The first document is a warm-up that also counts the messages one
 * document gives (every later one must give as many). */
static void lat_series(const char *dir, const char *spool, size_t runs,
		       int64_t quiet_ns, int64_t timeout_ns,
		       struct lat_result *r, pid_t daemon, pid_t broker,
		       const char *label)
{
	struct docs d = { 0 };
	char *paths[1] = { (char *)dir };
	load_docs(&d, paths, 1);
	if (d.n < runs + 1)
		die("%s: %zu documents, need %zu", dir, d.n, runs + 1);
	memset(r, 0, sizeof *r);
	r->last = calloc(runs, sizeof *r->last);
	r->first = calloc(runs, sizeof *r->first);
	r->last_area = calloc(runs, sizeof *r->last_area);
	double cpu_d = 0, cpu_b = 0;
	for (size_t k = 0; k <= runs; k++) {
		const char *base = strrchr(d.v[k].path, '/');
		base = base ? base + 1 : d.v[k].path;
		char tmp[4096], dst[4096];
		snprintf(tmp, sizeof tmp, "%s/.%s.tmp", spool, base);
		snprintf(dst, sizeof dst, "%s/%s", spool, base);
		FILE *f = fopen(tmp, "w");
		if (!f || fwrite(d.v[k].data, 1, d.v[k].len, f) != d.v[k].len ||
		    fclose(f) != 0)
			die("cannot write %s", tmp);
		sub_reset();
		double cd = proc_cpu_s(daemon), cb = proc_cpu_s(broker);
		int64_t t0 = now_ns();
		if (rename(tmp, dst) != 0)
			die("rename %s: %s", tmp, strerror(errno));
		if (k == 0) {
			r->msgs = sub_settle(quiet_ns * 4, timeout_ns);
			r->state_msgs = sub.n_state;
			continue;
		}
		sub_wait(got_count, &r->msgs, timeout_ns, label);
		/* Nothing more may come: an extra message would be counted
		 * against the next run. */
		size_t n = sub_settle(quiet_ns, timeout_ns);
		if (n != r->msgs)
			die("%s run %zu: %zu messages, the first run gave %zu",
			    label, k, n, r->msgs);
		cpu_d += proc_cpu_s(daemon) - cd;
		cpu_b += proc_cpu_s(broker) - cb;
		pthread_mutex_lock(&sub.mu);
		r->last[r->runs] = sub.last - t0;
		r->first[r->runs] = sub.first - t0;
		r->last_area[r->runs] = sub.last_area - t0;
		pthread_mutex_unlock(&sub.mu);
		r->runs++;
	}
	qsort(r->last, r->runs, sizeof *r->last, cmp_i64);
	qsort(r->first, r->runs, sizeof *r->first, cmp_i64);
	qsort(r->last_area, r->runs, sizeof *r->last_area, cmp_i64);
	printf("%s.runs %zu\n", label, r->runs);
	printf("%s.messages %zu\n", label, r->msgs);
	printf("%s.state_messages %zu\n", label, r->state_msgs);
	static const double ps[] = { 50, 90, 99, 100 };
	static const char *const pn[] = { "p50", "p90", "p99", "max" };
	for (size_t i = 0; i < 4; i++)
		printf("%s.last_ms_%s %.3f\n", label, pn[i],
		       ms(pct_i64(r->last, r->runs, ps[i])));
	for (size_t i = 0; i < 4; i++)
		printf("%s.first_ms_%s %.3f\n", label, pn[i],
		       ms(pct_i64(r->first, r->runs, ps[i])));
	for (size_t i = 0; i < 4; i++)
		printf("%s.last_alert_ms_%s %.3f\n", label, pn[i],
		       ms(pct_i64(r->last_area, r->runs, ps[i])));
	if (daemon > 0)
		printf("%s.daemon_cpu_ms_per_run %.1f\n", label,
		       cpu_d * 1000 / (double)r->runs);
	if (broker > 0)
		printf("%s.broker_cpu_ms_per_run %.1f\n", label,
		       cpu_b * 1000 / (double)r->runs);
	fflush(stdout);
	free(r->last);
	free(r->first);
	free(r->last_area);
	free_docs(&d);
}

static int parse_mqtt(int argc, char **argv, int i, struct mqtt_opts *mo)
{
	if (!strcmp(argv[i], "--port") && i + 1 < argc) {
		mo->port = (int)num(argv[i + 1], 1, 65535);
		return 2;
	}
	if (!strcmp(argv[i], "--user") && i + 1 < argc) {
		mo->user = argv[i + 1];
		return 2;
	}
	if (!strcmp(argv[i], "--password-file") && i + 1 < argc) {
		mo->password = read_line_file(argv[i + 1]);
		return 2;
	}
	return 0;
}

static int cmd_e2e(int argc, char **argv)
{
	struct mqtt_opts mo = { 0 };
	const char *spool = NULL, *one = NULL, *nation = NULL;
	size_t runs_one = 200, runs_nation = 10;
	pid_t broker = 0;
	int i = 0;
	while (i < argc && strcmp(argv[i], "--") != 0) {
		int k = parse_mqtt(argc, argv, i, &mo);
		if (k) {
			i += k;
			continue;
		}
		if (i + 1 >= argc)
			die("e2e: %s needs a value", argv[i]);
		if (!strcmp(argv[i], "--spool"))
			spool = argv[i + 1];
		else if (!strcmp(argv[i], "--one"))
			one = argv[i + 1];
		else if (!strcmp(argv[i], "--nation"))
			nation = argv[i + 1];
		else if (!strcmp(argv[i], "--runs-one"))
			runs_one = (size_t)num(argv[i + 1], 1, 100000);
		else if (!strcmp(argv[i], "--runs-nation"))
			runs_nation = (size_t)num(argv[i + 1], 1, 10000);
		else if (!strcmp(argv[i], "--broker-pid"))
			broker = (pid_t)num(argv[i + 1], 1, 1L << 30);
		else
			die("e2e: unknown option %s", argv[i]);
		i += 2;
	}
	if (!mo.port || !spool || !one || !nation || i + 1 >= argc)
		die("e2e: usage: see the head of bench/bc_bench.c");
	char **daemon_argv = argv + i + 1;

	sub_start(&mo);
	/* Start-up: from exec to the daemon's first live "online" status,
	 * i.e. data loaded, store open, connected to the broker. */
	int64_t t0 = now_ns();
	pid_t pid = spawn(daemon_argv);
	sub_wait(is_online, &t0, 60000000000LL, "the daemon to come online");
	printf("startup.online_ms %.1f\n", ms(sub.online - t0));
	printf("startup.rss_kb %ld\n", proc_status_kb(pid, "VmRSS"));
	fflush(stdout);

	struct lat_result r;
	lat_series(one, spool, runs_one, 30000000LL, 30000000000LL, &r, pid,
		   broker, "one");
	printf("one.rss_hwm_kb %ld\n", proc_status_kb(pid, "VmHWM"));
	lat_series(nation, spool, runs_nation, 300000000LL, 120000000000LL,
		   &r, pid, broker, "nation");
	printf("nation.rss_hwm_kb %ld\n", proc_status_kb(pid, "VmHWM"));
	printf("nation.rss_now_kb %ld\n", proc_status_kb(pid, "VmRSS"));
	int st = reap(pid, 10000000000LL, true);
	printf("daemon.exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	sub_stop();
	free(mo.password);
	return 0;
}

/* ---- publish rate ---------------------------------------------------- */

struct bare {
	size_t inflight, acked;
};

static void bare_on_publish(struct mosquitto *m, void *ud, int mid,
			    int reason, const mosquitto_property *props)
{
	(void)m;
	(void)mid;
	(void)props;
	struct bare *b = ud;
	if (reason >= 128)
		die("bare publisher: broker refused a message: %s",
		    mosquitto_reason_string(reason));
	b->inflight--;
	b->acked++;
}

static int bare_connected = -1;
static uint16_t bare_recv_max;

static void bare_on_connect(struct mosquitto *m, void *ud, int rc, int flags,
			    const mosquitto_property *props)
{
	(void)m;
	(void)ud;
	(void)flags;
	bare_connected = rc;
	mosquitto_property_read_int16(props, MQTT_PROP_RECEIVE_MAXIMUM,
				      &bare_recv_max, false);
}

/* The simplest publisher that keeps `window` QoS 1 messages in flight:
 * the same MQTT v5 properties as bosaicast's (content type, expiry, user
 * properties lang, kind, id), TCP_NODELAY as bosaicast sets, and a poll
 * loop.  Returns the ns from the first publish to the last PUBACK. */
static int64_t bare_publish(const struct mqtt_opts *mo,
			    const struct bc_outbox_msg *msgs, size_t n,
			    size_t window, size_t *window_used)
{
	struct bare b = { 0 };
	struct mosquitto *m = mosquitto_new("bc-bench-bare", true, &b);
	if (!m)
		die("mosquitto_new failed");
	mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, (int)window);
	mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
	mosquitto_username_pw_set(m, mo->user, mo->password);
	mosquitto_connect_v5_callback_set(m, bare_on_connect);
	mosquitto_publish_v5_callback_set(m, bare_on_publish);
	bare_connected = -1;
	bare_recv_max = 0;
	int rc = mosquitto_connect(m, "127.0.0.1", mo->port, 60);
	if (rc)
		die("bare publisher: connect: %s", mosquitto_strerror(rc));
	while (bare_connected < 0)
		if ((rc = mosquitto_loop(m, 100, 1)))
			die("bare publisher: %s", mosquitto_strerror(rc));
	if (bare_connected)
		die("bare publisher: refused: %s",
		    mosquitto_reason_string(bare_connected));
	if (bare_recv_max && bare_recv_max < window)
		window = bare_recv_max;
	*window_used = window;
	int fd = mosquitto_socket(m);
	size_t sent = 0;
	int64_t t0 = now_ns();
	while (b.acked < n) {
		while (sent < n && b.inflight < window) {
			const struct bc_outbox_msg *x = &msgs[sent];
			mosquitto_property *pl = NULL;
			mosquitto_property_add_string(&pl,
				MQTT_PROP_CONTENT_TYPE, "application/json");
			if (x->expiry_s)
				mosquitto_property_add_int32(&pl,
					MQTT_PROP_MESSAGE_EXPIRY_INTERVAL,
					x->expiry_s);
			if (x->lang[0])
				mosquitto_property_add_string_pair(&pl,
					MQTT_PROP_USER_PROPERTY, "lang",
					x->lang);
			if (x->kind[0])
				mosquitto_property_add_string_pair(&pl,
					MQTT_PROP_USER_PROPERTY, "kind",
					x->kind);
			if (x->id[0])
				mosquitto_property_add_string_pair(&pl,
					MQTT_PROP_USER_PROPERTY, "id", x->id);
			rc = mosquitto_publish_v5(m, NULL, x->topic,
						  (int)x->len, x->payload, 1,
						  x->retain, pl);
			mosquitto_property_free_all(&pl);
			if (rc)
				die("bare publisher: publish: %s",
				    mosquitto_strerror(rc));
			b.inflight++;
			sent++;
		}
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (mosquitto_want_write(m))
			pfd.events |= POLLOUT;
		if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
			rc = mosquitto_loop_read(m, 1);
		if (!rc && mosquitto_want_write(m))
			rc = mosquitto_loop_write(m, 1);
		if (!rc)
			rc = mosquitto_loop_misc(m);
		if (rc)
			die("bare publisher: %s", mosquitto_strerror(rc));
	}
	int64_t t = now_ns() - t0;
	mosquitto_disconnect(m);
	mosquitto_destroy(m);
	return t;
}

/* Copy a file (an SQLite store of up to a few hundred MB) in chunks. */
static void copy_file(const char *from, const char *to)
{
	char aux[4200], buf[1 << 16];
	snprintf(aux, sizeof aux, "%s-wal", to);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", to);
	unlink(aux);
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	if (!in || !out)
		die("cannot copy %s to %s: %s", from, to, strerror(errno));
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die("cannot write %s", to);
	if (ferror(in) || fclose(out) != 0)
		die("cannot copy %s to %s", from, to);
	fclose(in);
}

static int cmd_pubrate(int argc, char **argv)
{
	struct mqtt_opts mo = { 0 };
	const char *db = NULL, *daemon_db = NULL;
	int rounds = 3;
	size_t window = 1000;
	pid_t broker = 0;
	int i = 0;
	while (i < argc && strcmp(argv[i], "--") != 0) {
		int k = parse_mqtt(argc, argv, i, &mo);
		if (k) {
			i += k;
			continue;
		}
		if (i + 1 >= argc)
			die("pubrate: %s needs a value", argv[i]);
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--daemon-db"))
			daemon_db = argv[i + 1];
		else if (!strcmp(argv[i], "--rounds"))
			rounds = (int)num(argv[i + 1], 1, 100);
		else if (!strcmp(argv[i], "--window"))
			window = (size_t)num(argv[i + 1], 1, 65535);
		else if (!strcmp(argv[i], "--broker-pid"))
			broker = (pid_t)num(argv[i + 1], 1, 1L << 30);
		else
			die("pubrate: unknown option %s", argv[i]);
		i += 2;
	}
	if (!mo.port || !mo.user || !db || !daemon_db || i + 1 >= argc)
		die("pubrate: usage: see the head of bench/bc_bench.c");
	char **daemon_argv = argv + i + 1;

	/* The messages, exactly as bosaicast will send them. */
	char why[1024], scratch[4200];
	snprintf(scratch, sizeof scratch, "%s.read", daemon_db);
	copy_file(db, scratch);
	struct bc_store *st = NULL;
	if (bc_store_open(scratch, &st, why, sizeof why))
		die("%s", why);
	struct bc_outbox_msg *all = NULL;
	size_t n = 0, bytes = 0;
	for (uint64_t after = 0;;) {
		struct bc_outbox_msg *v = NULL;
		size_t k = 0;
		if (bc_store_outbox_next(st, after, 4096, &v, &k))
			die("cannot read the outbox of %s", db);
		if (!k) {
			free(v);
			break;
		}
		all = realloc(all, (n + k) * sizeof *all);
		if (!all)
			die("out of memory");
		memcpy(all + n, v, k * sizeof *v);
		free(v); /* the strings now belong to all[] */
		n += k;
		after = all[n - 1].seq;
	}
	bc_store_close(st);
	unlink(scratch);
	for (size_t k = 0; k < n; k++)
		bytes += all[k].len;
	if (!n)
		die("%s: the outbox is empty", db);

	sub_start(&mo);
	double *bare_sub = calloc((size_t)rounds, sizeof(double));
	double *bare_pub = calloc((size_t)rounds, sizeof(double));
	double *bc_sub = calloc((size_t)rounds, sizeof(double));
	double *bc_wall = calloc((size_t)rounds, sizeof(double));
	double cpu_bare_b = 0, cpu_bc_b = 0;
	size_t used = 0;
	for (int r = 0; r < rounds; r++) {
		sub_reset();
		double cb = proc_cpu_s(broker);
		int64_t t = bare_publish(&mo, all, n, window, &used);
		sub_wait(got_count, &n, 120000000000LL, "the bare messages");
		cpu_bare_b += proc_cpu_s(broker) - cb;
		bare_pub[r] = (double)n / ((double)t / 1e9);
		bare_sub[r] = (double)n / ((double)(sub.last - sub.first) /
					   1e9);
		sub_settle(100000000LL, 10000000000LL);

		copy_file(db, daemon_db);
		sub_reset();
		cb = proc_cpu_s(broker);
		int64_t t0 = now_ns();
		pid_t pid = spawn(daemon_argv);
		sub_wait(got_count, &n, 120000000000LL,
			 "bosaicast's messages");
		int status = reap(pid, 60000000000LL, false);
		bc_wall[r] = ms(now_ns() - t0);
		cpu_bc_b += proc_cpu_s(broker) - cb;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("bosaicast run --once failed (status %d)", status);
		bc_sub[r] = (double)n / ((double)(sub.last - sub.first) / 1e9);
		sub_settle(100000000LL, 10000000000LL);
		if (sub.n != n)
			die("bosaicast sent %zu messages, expected %zu", sub.n,
			    n);
	}
	qsort(bare_sub, (size_t)rounds, sizeof(double), cmp_dbl);
	qsort(bare_pub, (size_t)rounds, sizeof(double), cmp_dbl);
	qsort(bc_sub, (size_t)rounds, sizeof(double), cmp_dbl);
	qsort(bc_wall, (size_t)rounds, sizeof(double), cmp_dbl);
	double bs = bare_sub[rounds / 2], bp = bare_pub[rounds / 2],
	       cs = bc_sub[rounds / 2];
	printf("pubrate.messages %zu\n", n);
	printf("pubrate.bytes %zu\n", bytes);
	printf("pubrate.window %zu\n", used);
	printf("pubrate.rounds %d\n", rounds);
	printf("pubrate.bare_msgs_per_s %.0f\n", bs);
	printf("pubrate.bare_pub_side_msgs_per_s %.0f\n", bp);
	printf("pubrate.bosaicast_msgs_per_s %.0f\n", cs);
	printf("pubrate.bosaicast_once_wall_ms %.0f\n", bc_wall[rounds / 2]);
	printf("pubrate.ratio %.3f\n", cs / bs);
	if (broker > 0) {
		printf("pubrate.broker_cpu_ms_bare %.0f\n",
		       cpu_bare_b * 1000 / rounds);
		printf("pubrate.broker_cpu_ms_bosaicast %.0f\n",
		       cpu_bc_b * 1000 / rounds);
	}
	sub_stop();
	bc_store_outbox_free(all, n);
	free(bare_sub);
	free(bare_pub);
	free(bc_sub);
	free(bc_wall);
	free(mo.password);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: bc_bench render|fill|e2e|pubrate ... (see the head "
		    "of bench/bc_bench.c)");
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	bc_log_set_level(BC_LOG_ERROR);
	bc_jmaxml_global_init();
	mosquitto_lib_init();
	int rc;
	if (!strcmp(argv[1], "render"))
		rc = cmd_render(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "fill"))
		rc = cmd_fill(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "e2e"))
		rc = cmd_e2e(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "pubrate"))
		rc = cmd_pubrate(argc - 2, argv + 2);
	else
		die("unknown command %s", argv[1]);
	mosquitto_lib_cleanup();
	bc_jmaxml_global_cleanup();
	return rc;
}
