/* relay.c — bosaicast-relay: forward one language's alerts, nationwide,
 * to a webhook and/or a file, each alert once.
 *
 * For an embassy or a community organisation relaying to its nationals:
 * it subscribes to {root}/alerts/{lang}/# (one message per alert, with
 * every affected place, never once per town), and hands each alert to
 *   - a webhook: HTTP POST of the payload as it came (JSON, schema
 *     payload-v1), with X-Bosaicast-Id / Idempotency-Key headers; 2xx is
 *     done, 408/429/5xx and network errors are retried with exponential
 *     backoff, any other answer is a refusal that is logged and not
 *     retried;
 *   - a file: one JSON line per alert, appended and fsync'd.
 *
 * Once: every alert is first recorded in a small SQLite database
 * (relay_store.c) keyed by (id, lang) — a repeat, a second broadcaster or
 * a redelivery after a restart finds it there and is dropped — and marked
 * done per destination when that destination has it.  The MQTT session is
 * kept by the broker (fixed client id, session expiry), so alerts sent
 * while the relay is down are delivered when it comes back.  Only a crash
 * between a webhook's 2xx and the database write can send one alert twice;
 * the Idempotency-Key header lets the receiver drop that one too.
 *
 * A separate program, not a pipeline stage: it uses libmosquitto
 * (clients/common/mqsub.c), libcurl and SQLite directly, and bccore for
 * the JSON reader and logging.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "jsonread.h"
#include "lang.h"
#include "log.h"
#include "mqsub.h"
#include "relay_store.h"

#define MOD "relay"
#define MAX_PAYLOAD (256u << 10)
#define MAX_HEADERS 16
#define MAX_RESPONSE (64u << 10)
#define DRAIN_BUDGET_MS 2000

struct relay {
	/* options */
	const char *root;
	enum bc_lang lang;
	char lang_tag[16];
	const char *webhook;
	const char *file;
	const char *state;
	char *headers[MAX_HEADERS];
	size_t n_headers;
	char kinds[256];          /* ",warning,quake," or "" for all */
	long timeout_s;
	long retry_min_ms, retry_max_ms;
	long max_attempts;        /* 0: forever */
	long keep_days;
	/* state */
	struct bc_relay_store *db;
	CURL *curl;
	struct curl_slist *base_headers;
	int file_fd;
	char prefix[256];         /* root/alerts/lang/ */
	unsigned long received, duplicates, forwarded;
};

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ */
/* Receiving */

static bool hex16(const char *s)
{
	return s && strlen(s) == 16 && strspn(s, "0123456789abcdef") == 16;
}

static void on_message(void *ud, const char *topic, const void *payload,
		       size_t len, bool retained)
{
	struct relay *r = ud;
	struct bc_jr_doc *doc = NULL;
	char why[160];
	(void)retained;
	if (strncmp(topic, r->prefix, strlen(r->prefix)) != 0)
		return;
	if (len > MAX_PAYLOAD || len == 0) {
		bc_warn(MOD, "%s: %zu-byte payload ignored", topic, len);
		return;
	}
	if (bc_jr_parse(payload, len, NULL, &doc, why, sizeof why)) {
		bc_warn(MOD, "%s: bad JSON: %s", topic, why);
		return;
	}
	const struct bc_jr *root = bc_jr_root(doc);
	long long v = 0;
	const char *id = bc_jr_get_str(root, "id");
	const char *kind = bc_jr_get_str(root, "kind");
	const char *lang = bc_jr_get_str(root, "lang");
	if (!bc_jr_int(bc_jr_get(root, "v"), &v) || v != 1 || !hex16(id) ||
	    !kind || !lang || strcmp(lang, r->lang_tag) != 0 ||
	    strlen(kind) > 32) {
		bc_warn(MOD, "%s: not a version 1 alert in %s", topic,
			r->lang_tag);
		goto cleanup;
	}
	if (r->kinds[0]) {
		char k[40];
		snprintf(k, sizeof k, ",%s,", kind);
		if (!strstr(r->kinds, k))
			goto cleanup;
	}
	r->received++;
	bool added = false;
	enum bc_err e = bc_relay_store_add(r->db, id, r->lang_tag, kind, topic,
					payload, len, r->webhook != NULL,
					r->file != NULL, &added);
	if (e) {
		/* Not recorded: the broker will not redeliver it, so say it
		 * loudly.  (The database is local; this is a full disk.) */
		bc_err_log(MOD, "%s: alert %s could not be recorded: %s",
			   topic, id, bc_strerror(e));
		goto cleanup;
	}
	if (!added) {
		r->duplicates++;
		bc_info(MOD, "%s: alert %s already relayed or queued; "
			"dropped", topic, id);
		goto cleanup;
	}
	bc_info(MOD, "%s: alert %s (%s, JMA %s) queued", topic, id, kind,
		bc_jr_get_str(bc_jr_get(root, "jma"), "type") ?
		bc_jr_get_str(bc_jr_get(root, "jma"), "type") : "?");
cleanup:
	bc_jr_free(doc);
}

/* ------------------------------------------------------------------ */
/* Forwarding */

static size_t discard_body(char *p, size_t size, size_t n, void *ud)
{
	size_t *total = ud;
	(void)p;
	*total += size * n;
	return *total > MAX_RESPONSE ? 0 : size * n;
}

enum outcome { OUT_DONE, OUT_RETRY, OUT_REFUSED };

static enum outcome post(struct relay *r, const struct bc_relay_row *row,
			 char *why, size_t why_size)
{
	struct curl_slist *h = NULL;
	char line[160];
	enum outcome out = OUT_RETRY;
	size_t body = 0;

	for (struct curl_slist *b = r->base_headers; b; b = b->next)
		h = curl_slist_append(h, b->data);
	snprintf(line, sizeof line, "X-Bosaicast-Id: %s", row->id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "Idempotency-Key: %s-%s", row->id,
		 row->lang);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Bosaicast-Kind: %s", row->kind);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Bosaicast-Lang: %s", row->lang);
	h = curl_slist_append(h, line);
	if (!h) {
		snprintf(why, why_size, "out of memory");
		return OUT_RETRY;
	}
	CURL *c = r->curl;
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, row->payload);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
			 (curl_off_t)row->payload_len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	CURLcode cc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK && !(cc == CURLE_WRITE_ERROR && code)) {
		snprintf(why, why_size, "%s", curl_easy_strerror(cc));
		out = OUT_RETRY;
	} else if (code >= 200 && code < 300) {
		snprintf(why, why_size, "HTTP %ld", code);
		out = OUT_DONE;
	} else if (code == 408 || code == 425 || code == 429 ||
		   code >= 500) {
		snprintf(why, why_size, "HTTP %ld", code);
		out = OUT_RETRY;
	} else {
		snprintf(why, why_size, "HTTP %ld", code);
		out = OUT_REFUSED;
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	return out;
}

static enum outcome append_file(struct relay *r, const struct bc_relay_row *row,
				char *why, size_t why_size)
{
	/* One write of the line with its newline: a reader never sees half
	 * a line, and O_APPEND keeps lines whole with several writers. */
	char *buf = malloc(row->payload_len + 1);
	if (!buf) {
		snprintf(why, why_size, "out of memory");
		return OUT_RETRY;
	}
	memcpy(buf, row->payload, row->payload_len);
	buf[row->payload_len] = '\n';
	size_t n = row->payload_len + 1;
	ssize_t w = write(r->file_fd, buf, n);
	free(buf);
	if (w < 0 || (size_t)w != n) {
		snprintf(why, why_size, "%s: %s", r->file,
			 w < 0 ? strerror(errno) : "short write");
		return OUT_RETRY;
	}
	if (fsync(r->file_fd) != 0) {
		snprintf(why, why_size, "%s: fsync: %s", r->file,
			 strerror(errno));
		return OUT_RETRY;
	}
	snprintf(why, why_size, "appended");
	return OUT_DONE;
}

static long long backoff_ms(const struct relay *r, long attempts)
{
	long long d = r->retry_min_ms;
	for (long i = 1; i < attempts && d < r->retry_max_ms; i++)
		d *= 2;
	return d > r->retry_max_ms ? r->retry_max_ms : d;
}

/* Forward what is due; stops after DRAIN_BUDGET_MS so that the MQTT
 * connection is served in between. */
static void drain(struct relay *r)
{
	long long start = now_ms();
	while (!g_stop && now_ms() - start < DRAIN_BUDGET_MS) {
		struct bc_relay_row row;
		bool have = false;
		if (bc_relay_store_next_due(r->db, now_ms(), &row, &have) || !have)
			return;
		char why[256] = "";
		enum outcome wo = OUT_DONE, fo = OUT_DONE;
		if (row.file_pending) {
			fo = append_file(r, &row, why, sizeof why);
			if (fo == OUT_DONE) {
				bc_relay_store_mark(r->db, row.id, row.lang,
						 RELAY_DEST_FILE,
						 RELAY_DONE, NULL);
				bc_info(MOD, "alert %s (%s) written to %s",
					row.id, row.kind, r->file);
			}
		}
		if (row.webhook_pending) {
			wo = post(r, &row, why, sizeof why);
			long attempts = row.attempts + 1;
			if (wo == OUT_DONE) {
				bc_relay_store_mark(r->db, row.id, row.lang,
						 RELAY_DEST_WEBHOOK,
						 RELAY_DONE, why);
				r->forwarded++;
				bc_info(MOD, "alert %s (%s) delivered to the "
					"webhook: %s, attempt %ld", row.id,
					row.kind, why, attempts);
			} else if (wo == OUT_REFUSED) {
				bc_relay_store_mark(r->db, row.id, row.lang,
						 RELAY_DEST_WEBHOOK,
						 RELAY_REFUSED, why);
				bc_err_log(MOD, "alert %s (%s): the webhook "
					   "refused it (%s); not retried",
					   row.id, row.kind, why);
			} else if (r->max_attempts &&
				   attempts >= r->max_attempts) {
				bc_relay_store_mark(r->db, row.id, row.lang,
						 RELAY_DEST_WEBHOOK,
						 RELAY_REFUSED, why);
				bc_err_log(MOD, "alert %s (%s): giving up after "
					   "%ld attempts (%s)", row.id,
					   row.kind, attempts, why);
			}
		}
		if (wo == OUT_RETRY || fo == OUT_RETRY) {
			long attempts = row.attempts + 1;
			long long wait = backoff_ms(r, attempts);
			bc_relay_store_retry(r->db, row.id, row.lang, attempts,
					  now_ms() + wait, why);
			bc_warn(MOD, "alert %s (%s): %s; attempt %ld, retrying "
				"in %lld ms", row.id, row.kind, why, attempts,
				wait);
		}
		bc_relay_row_free(&row);
	}
}

/* ------------------------------------------------------------------ */
/* Options */

static void usage(FILE *f)
{
	fprintf(f,
"usage: bosaicast-relay --lang L (--webhook URL | --file PATH)... \\\n"
"                       --state DB [options]\n"
"\n"
"Forwards every alert in one language, nationwide (topic\n"
"ROOT/alerts/L/#), once: to a webhook (HTTP POST of the JSON payload)\n"
"and/or appended to a file (one JSON object per line).\n"
"\n"
"  --lang L             one of: ja ja-x-easy en zh-Hans zh-Hant ko es pt\n"
"                       id vi tl th ne km my mn\n"
"  --webhook URL        http:// or https:// URL to POST each alert to\n"
"  --header 'N: V'      extra request header (repeatable), e.g.\n"
"                       Authorization; better in --config, not argv\n"
"  --file PATH          append each alert as one JSON line\n"
"  --state DB           SQLite file remembering what was relayed\n"
"  --kinds K[,K...]     only these kinds (warning,quake,tsunami,...)\n"
"  --host HOST          broker (default 127.0.0.1)\n"
"  --port PORT          broker port (default 1883, 8883 with --cafile)\n"
"  --cafile FILE        TLS: the CA that signed the broker's certificate\n"
"  --username U         user name (default: anonymous)\n"
"  --password-file F    the user's password, first line of F\n"
"  --client-id ID       MQTT client id (default bosaicast-relay-L); the\n"
"                       broker keeps this session for a day\n"
"  --root ROOT          topic root (default bosai/v1)\n"
"  --timeout S          HTTP timeout in seconds (default 10)\n"
"  --retry-min-ms N     first retry after N ms (default 1000), doubling\n"
"  --retry-max-ms N     up to N ms (default 300000)\n"
"  --max-attempts N     give up after N attempts (default 0: never)\n"
"  --keep-days N        remember relayed ids N days (default 30)\n"
"  --log-level L        error, warn, info (default), debug\n"
"  --config FILE        read 'key = value' lines, keys as the options\n"
"                       without '--'; options given later override\n");
}

struct opts {
	struct bc_mqsub_opts mo;
	const char *lang;
	const char *kinds;
	const char *client_id;
	char *owned[64];
	size_t n_owned;
};

enum { O_LANG = 256, O_WEBHOOK, O_HEADER, O_FILE, O_STATE, O_KINDS, O_HOST,
       O_PORT, O_CAFILE, O_USER, O_PWFILE, O_CLIENT, O_ROOT, O_TIMEOUT,
       O_RMIN, O_RMAX, O_MAXATT, O_KEEP, O_LOG, O_CONFIG, O_HELP };

static const struct option longopts[] = {
	{ "lang", required_argument, NULL, O_LANG },
	{ "webhook", required_argument, NULL, O_WEBHOOK },
	{ "header", required_argument, NULL, O_HEADER },
	{ "file", required_argument, NULL, O_FILE },
	{ "state", required_argument, NULL, O_STATE },
	{ "kinds", required_argument, NULL, O_KINDS },
	{ "host", required_argument, NULL, O_HOST },
	{ "port", required_argument, NULL, O_PORT },
	{ "cafile", required_argument, NULL, O_CAFILE },
	{ "username", required_argument, NULL, O_USER },
	{ "password-file", required_argument, NULL, O_PWFILE },
	{ "client-id", required_argument, NULL, O_CLIENT },
	{ "root", required_argument, NULL, O_ROOT },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "retry-min-ms", required_argument, NULL, O_RMIN },
	{ "retry-max-ms", required_argument, NULL, O_RMAX },
	{ "max-attempts", required_argument, NULL, O_MAXATT },
	{ "keep-days", required_argument, NULL, O_KEEP },
	{ "log-level", required_argument, NULL, O_LOG },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

static bool num(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool apply(struct relay *r, struct opts *o, int id, const char *v,
		  const char *where);

/* key = value lines; '#' starts a comment. */
static bool load_config(struct relay *r, struct opts *o, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bosaicast-relay: %s: %s\n", path,
			strerror(errno));
		return false;
	}
	char line[2048];
	int ln = 0;
	bool ok = true;
	while (ok && fgets(line, sizeof line, f)) {
		ln++;
		char *s = line;
		s[strcspn(s, "\r\n")] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			fprintf(stderr, "bosaicast-relay: %s:%d: no '='\n",
				path, ln);
			ok = false;
			break;
		}
		char *k = s, *ke = eq;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		*ke = '\0';
		char *val = eq + 1;
		while (*val == ' ' || *val == '\t')
			val++;
		char *ve = val + strlen(val);
		while (ve > val && (ve[-1] == ' ' || ve[-1] == '\t'))
			*--ve = '\0';
		int id = -1;
		for (const struct option *op = longopts; op->name; op++)
			if (strcmp(op->name, k) == 0 &&
			    op->has_arg == required_argument)
				id = op->val;
		char where[600];
		snprintf(where, sizeof where, "%s:%d", path, ln);
		if (id < 0 || id == O_CONFIG) {
			fprintf(stderr, "bosaicast-relay: %s: unknown key "
				"'%s'\n", where, k);
			ok = false;
			break;
		}
		if (o->n_owned == sizeof o->owned / sizeof o->owned[0]) {
			fprintf(stderr, "bosaicast-relay: %s: too many "
				"keys\n", where);
			ok = false;
			break;
		}
		char *copy = strdup(val);
		if (!copy) {
			ok = false;
			break;
		}
		o->owned[o->n_owned++] = copy;
		ok = apply(r, o, id, copy, where);
	}
	fclose(f);
	return ok;
}

static bool apply(struct relay *r, struct opts *o, int id, const char *v,
		  const char *where)
{
	long n;
	switch (id) {
	case O_LANG: o->lang = v; return true;
	case O_WEBHOOK:
		if (strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0)
			break;
		r->webhook = v;
		return true;
	case O_HEADER:
		if (r->n_headers == MAX_HEADERS || !strchr(v, ':') ||
		    strpbrk(v, "\r\n"))
			break;
		r->headers[r->n_headers++] = (char *)v;
		return true;
	case O_FILE: r->file = v; return true;
	case O_STATE: r->state = v; return true;
	case O_KINDS: o->kinds = v; return true;
	case O_HOST: o->mo.host = v; return true;
	case O_PORT:
		if (!num(v, 1, 65535, &n))
			break;
		o->mo.port = (int)n;
		return true;
	case O_CAFILE: o->mo.cafile = v; return true;
	case O_USER: o->mo.username = v; return true;
	case O_PWFILE: o->mo.password_file = v; return true;
	case O_CLIENT: o->client_id = v; return true;
	case O_ROOT: r->root = v; return true;
	case O_TIMEOUT: return num(v, 1, 600, &r->timeout_s) ||
		(fprintf(stderr, "bosaicast-relay: %s: bad timeout\n", where),
		 false);
	case O_RMIN: return num(v, 10, 3600000, &r->retry_min_ms) ||
		(fprintf(stderr, "bosaicast-relay: %s: bad value\n", where),
		 false);
	case O_RMAX: return num(v, 10, 86400000, &r->retry_max_ms) ||
		(fprintf(stderr, "bosaicast-relay: %s: bad value\n", where),
		 false);
	case O_MAXATT: return num(v, 0, 1000000, &r->max_attempts) ||
		(fprintf(stderr, "bosaicast-relay: %s: bad value\n", where),
		 false);
	case O_KEEP: return num(v, 1, 3650, &r->keep_days) ||
		(fprintf(stderr, "bosaicast-relay: %s: bad value\n", where),
		 false);
	case O_LOG: {
		int l = bc_log_level_parse(v);
		if (l < 0)
			break;
		bc_log_set_level((enum bc_log_level)l);
		return true;
	}
	case O_CONFIG: return load_config(r, o, v);
	default: break;
	}
	fprintf(stderr, "bosaicast-relay: %s: bad value '%s'\n", where, v);
	return false;
}

int main(int argc, char **argv)
{
	struct relay r;
	struct opts o;
	struct bc_mqsub *sub = NULL;
	char why[256];
	char client_id[64];
	int status = 64; /* usage errors until the options are good */

	memset(&r, 0, sizeof r);
	memset(&o, 0, sizeof o);
	r.root = "bosai/v1";
	r.timeout_s = 10;
	r.retry_min_ms = 1000;
	r.retry_max_ms = 300000;
	r.keep_days = 30;
	r.file_fd = -1;
	bc_log_set_level(BC_LOG_INFO);

	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h' || c == O_HELP) {
			usage(stdout);
			return 0;
		}
		if (c == '?') {
			usage(stderr);
			return 64;
		}
		char where[64];
		snprintf(where, sizeof where, "--%s",
			 longopts[c - O_LANG].name);
		if (!apply(&r, &o, c, optarg, where))
			goto cleanup_opts;
	}
	if (optind < argc) {
		fprintf(stderr, "bosaicast-relay: unexpected '%s'\n",
			argv[optind]);
		goto cleanup_opts;
	}
	int l = o.lang ? bc_lang_parse(o.lang) : -1;
	if (l < 0) {
		fprintf(stderr, "bosaicast-relay: --lang needs one of the 16 "
			"language tags\n");
		goto cleanup_opts;
	}
	r.lang = (enum bc_lang)l;
	snprintf(r.lang_tag, sizeof r.lang_tag, "%s", bc_lang_tag(r.lang));
	if (!r.webhook && !r.file) {
		fprintf(stderr, "bosaicast-relay: give --webhook, --file or "
			"both\n");
		goto cleanup_opts;
	}
	if (!r.state) {
		fprintf(stderr, "bosaicast-relay: --state DB is required (it "
			"is how an alert is relayed only once)\n");
		goto cleanup_opts;
	}
	if (r.retry_max_ms < r.retry_min_ms)
		r.retry_max_ms = r.retry_min_ms;
	if (o.kinds) {
		if (strlen(o.kinds) > sizeof r.kinds - 3 ||
		    strspn(o.kinds, "abcdefghijklmnopqrstuvwxyz,") !=
		    strlen(o.kinds)) {
			fprintf(stderr, "bosaicast-relay: --kinds: a comma-"
				"separated list of kinds\n");
			goto cleanup_opts;
		}
		snprintf(r.kinds, sizeof r.kinds, ",%s,", o.kinds);
	}
	if (strlen(r.root) > 128) {
		fprintf(stderr, "bosaicast-relay: --root too long\n");
		goto cleanup_opts;
	}
	snprintf(r.prefix, sizeof r.prefix, "%s/alerts/%s/", r.root,
		 r.lang_tag);
	snprintf(client_id, sizeof client_id, "bosaicast-relay-%s",
		 r.lang_tag);
	o.mo.client_id = o.client_id ? o.client_id : client_id;
	o.mo.session_expiry = 86400;

	status = 1;
	if (bc_relay_store_open(&r.db, r.state, why, sizeof why)) {
		fprintf(stderr, "bosaicast-relay: %s\n", why);
		goto cleanup_opts;
	}
	if (r.file) {
		r.file_fd = open(r.file, O_WRONLY | O_CREAT | O_APPEND |
				 O_CLOEXEC, 0644);
		if (r.file_fd < 0) {
			fprintf(stderr, "bosaicast-relay: %s: %s\n", r.file,
				strerror(errno));
			goto cleanup;
		}
	}
	if (r.webhook) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
		    !(r.curl = curl_easy_init())) {
			fprintf(stderr, "bosaicast-relay: libcurl does not "
				"start\n");
			goto cleanup;
		}
		curl_easy_setopt(r.curl, CURLOPT_URL, r.webhook);
		curl_easy_setopt(r.curl, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(r.curl, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(r.curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(r.curl, CURLOPT_TIMEOUT, r.timeout_s);
		curl_easy_setopt(r.curl, CURLOPT_CONNECTTIMEOUT,
				 r.timeout_s < 5 ? r.timeout_s : 5L);
		curl_easy_setopt(r.curl, CURLOPT_USERAGENT,
				 "bosaicast-relay/1");
		r.base_headers = curl_slist_append(NULL, "Content-Type: "
						   "application/json; "
						   "charset=utf-8");
		for (size_t i = 0; i < r.n_headers; i++)
			r.base_headers = curl_slist_append(r.base_headers,
							   r.headers[i]);
	}

	char topic[320];
	snprintf(topic, sizeof topic, "%s#", r.prefix);
	const char *tp[1] = { topic };
	if (bc_mqsub_new(&sub, &o.mo, tp, 1, on_message, &r, why,
			 sizeof why)) {
		fprintf(stderr, "bosaicast-relay: %s\n", why);
		goto cleanup;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	size_t pending = 0;
	bc_relay_store_pending(r.db, &pending);
	bc_info(MOD, "relaying %s to%s%s%s%s; %zu alert(s) still to forward",
		topic, r.webhook ? " " : "", r.webhook ? r.webhook : "",
		r.file ? " file " : "", r.file ? r.file : "", pending);
	long long next_prune = 0;
	while (!g_stop) {
		bc_mqsub_poll(sub, 100);
		drain(&r);
		if (now_ms() >= next_prune) {
			bc_relay_store_prune(r.db, now_ms() - r.keep_days *
					  86400000LL);
			next_prune = now_ms() + 3600000LL;
		}
	}
	bc_info(MOD, "stopping: %lu received, %lu duplicates dropped, %lu "
		"delivered to the webhook", r.received, r.duplicates,
		r.forwarded);
	bc_mqsub_disconnect(sub);
	status = 0;
cleanup:
	bc_mqsub_free(sub);
	if (r.curl) {
		curl_easy_cleanup(r.curl);
		curl_global_cleanup();
	}
	curl_slist_free_all(r.base_headers);
	if (r.file_fd >= 0)
		close(r.file_fd);
	bc_relay_store_close(r.db);
cleanup_opts:
	for (size_t i = 0; i < o.n_owned; i++)
		free(o.owned[i]);
	return status;
}
