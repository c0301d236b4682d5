#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang.h"
#include "log.h"

#ifndef BC_DEFAULT_DATA_DIR
#define BC_DEFAULT_DATA_DIR "/usr/local/share/bosaicast"
#endif

enum key_type { K_STR, K_INT, K_SIZE, K_BOOL, K_LANGS, K_LOG, K_FEED };

struct key_def {
	const char *name;
	enum key_type type;
	size_t off;
	size_t size;      /* for strings */
	long long min, max;
};

#define S(f) K_STR, offsetof(struct bc_config, f), sizeof(((struct bc_config *)0)->f), 0, 0
#define I(f, lo, hi) K_INT, offsetof(struct bc_config, f), 0, lo, hi
#define Z(f, lo, hi) K_SIZE, offsetof(struct bc_config, f), 0, lo, hi
#define B(f) K_BOOL, offsetof(struct bc_config, f), 0, 0, 0

static const struct key_def keys[] = {
	{ "data_dir", S(data_dir) },
	{ "db", S(db) },
	{ "spool_dir", S(spool_dir) },
	{ "mqtt_host", S(mqtt_host) },
	{ "mqtt_port", I(mqtt_port, 1, 65535) },
	{ "mqtt_client_id", S(mqtt_client_id) },
	{ "mqtt_username", S(mqtt_username) },
	{ "mqtt_password", S(mqtt_password) },
	{ "mqtt_password_file", S(mqtt_password_file) },
	{ "mqtt_tls_ca", S(mqtt_tls_ca) },
	{ "mqtt_tls_cert", S(mqtt_tls_cert) },
	{ "mqtt_tls_key", S(mqtt_tls_key) },
	{ "mqtt_keepalive", I(mqtt_keepalive, 5, 3600) },
	{ "root", S(root) },
	{ "exercise_root", S(exercise_root) },
	{ "exercise", B(exercise) },
	{ "eew_forecast", B(eew_forecast) },
	{ "languages", K_LANGS, offsetof(struct bc_config, languages), 0, 0, 0 },
	{ "max_document_bytes", Z(max_document_bytes, 1024, 256LL << 20) },
	{ "max_items", Z(max_items, 1, 1000000) },
	{ "max_cities", Z(max_cities, 1, 100000) },
	{ "status_interval", I(status_interval, 1, 86400) },
	{ "event_state_ttl", I(quake_state_ttl, 0, 7 * 86400) },
	/* The key's first name, kept so that existing configs work. */
	{ "quake_state_ttl", I(quake_state_ttl, 0, 7 * 86400) },
	{ "log_level", K_LOG, offsetof(struct bc_config, log_level), 0, 0, 0 },
	{ "feed", K_FEED, offsetof(struct bc_config, feeds), 0, 0, 0 },
	{ "feed_interval", I(feed_interval, 1, 86400) },
	{ "feed_poll_offset", I(feed_poll_offset, -1, 59) },
	{ "feed_timeout", I(feed_timeout, 1, 3600) },
	{ "feed_connect_timeout", I(feed_connect_timeout, 1, 600) },
	{ "feed_max_bytes", Z(feed_max_bytes, 1024, 256LL << 20) },
	{ "feed_max_entries", Z(feed_max_entries, 1, 1000000) },
	{ "feed_max_parallel", I(feed_max_parallel, 1, 8) },
	{ "feed_backoff_max", I(feed_backoff_max, 1, 86400) },
	{ "feed_window", I(feed_window, 60, 86400) },
	{ "feed_max_age", I(feed_max_age, 60, 30 * 86400) },
	{ "feed_user_agent", S(feed_user_agent) },
	{ "feed_ca_file", S(feed_ca_file) },
};

void bc_config_defaults(struct bc_config *c)
{
	memset(c, 0, sizeof *c);
	const char *env = getenv("BOSAICAST_DATA_DIR");
	const char *dir = env && *env ? env : BC_DEFAULT_DATA_DIR;
#ifdef BC_SOURCE_DATA_DIR
	/* Not installed: a binary run from its build tree uses the data of
	 * the source tree it was built from. */
	char probe[BC_CONFIG_STR + 16];
	struct stat st;
	snprintf(probe, sizeof probe, "%s/dictionaries", dir);
	if (!(env && *env) && stat(probe, &st) != 0)
		dir = BC_SOURCE_DATA_DIR;
#endif
	snprintf(c->data_dir, sizeof c->data_dir, "%s", dir);
	snprintf(c->db, sizeof c->db, "bosaicast.db");
	snprintf(c->mqtt_host, sizeof c->mqtt_host, "127.0.0.1");
	c->mqtt_port = 1883;
	c->mqtt_keepalive = 30;
	snprintf(c->root, sizeof c->root, "bosai/v1");
	snprintf(c->exercise_root, sizeof c->exercise_root,
		 "bosai-exercise/v1");
	c->languages = BC_LANG_ALL;
	c->max_document_bytes = 4u << 20;
	c->max_items = 20000;
	c->max_cities = 4000;
	c->status_interval = 30;
	c->quake_state_ttl = 3600;
	c->log_level = BC_LOG_INFO;
	/* Feeds: JMA updates its high-frequency feeds once a minute and
	 * keeps at least ten minutes in them (source_feed.h). */
	c->feed_interval = 60;
	c->feed_poll_offset = 20;
	c->feed_timeout = 30;
	c->feed_connect_timeout = 10;
	c->feed_max_bytes = 16u << 20;
	c->feed_max_entries = 50000;
	c->feed_max_parallel = 2;
	c->feed_backoff_max = 300;
	c->feed_window = 600;
	c->feed_max_age = 86400;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "1", "yes", "true", "on" };
	static const char *const no[] = { "0", "no", "false", "off" };
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

enum bc_err bc_config_set(struct bc_config *c, const char *key,
			  const char *value, char *why, size_t why_size)
{
	char norm[64];
	size_t n = strlen(key);
	if (n >= sizeof norm) {
		snprintf(why, why_size, "unknown key '%.40s...'", key);
		return BC_E_CONFIG;
	}
	for (size_t i = 0; i <= n; i++)
		norm[i] = key[i] == '-' ? '_' : key[i];

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key_def *k = &keys[i];
		if (strcmp(k->name, norm) != 0)
			continue;
		char *field = (char *)c + k->off;
		switch (k->type) {
		case K_STR:
			if (strlen(value) >= k->size) {
				snprintf(why, why_size, "%s: value too long",
					 k->name);
				return BC_E_CONFIG;
			}
			memcpy(field, value, strlen(value) + 1);
			return BC_E_OK;
		case K_INT:
		case K_SIZE: {
			char *end;
			errno = 0;
			long long v = strtoll(value, &end, 10);
			if (errno || end == value || *end || v < k->min ||
			    v > k->max) {
				snprintf(why, why_size,
					 "%s: '%s' is not a number in %lld..%lld",
					 k->name, value, k->min, k->max);
				return BC_E_CONFIG;
			}
			if (k->type == K_INT)
				*(int *)field = (int)v;
			else
				*(size_t *)field = (size_t)v;
			return BC_E_OK;
		}
		case K_BOOL:
			if (!parse_bool(value, (bool *)field)) {
				snprintf(why, why_size,
					 "%s: '%s' is not on/off", k->name,
					 value);
				return BC_E_CONFIG;
			}
			return BC_E_OK;
		case K_LANGS: {
			uint32_t m = bc_lang_parse_list(value);
			if (!m) {
				snprintf(why, why_size,
					 "languages: '%s' is not a list of "
					 "language tags (e.g. ja,en,vi or all)",
					 value);
				return BC_E_CONFIG;
			}
			*(uint32_t *)field = m;
			return BC_E_OK;
		}
		case K_FEED:
			if (strcmp(value, "none") == 0) {
				c->n_feeds = 0;
				return BC_E_OK;
			}
			if (strncmp(value, "http://", 7) != 0 &&
			    strncmp(value, "https://", 8) != 0) {
				snprintf(why, why_size,
					 "feed: '%s' is not an http(s) URL",
					 value);
				return BC_E_CONFIG;
			}
			if (c->n_feeds == BC_CONFIG_MAX_FEEDS ||
			    strlen(value) >= BC_CONFIG_STR) {
				snprintf(why, why_size, "feed: more than %d "
					 "feeds, or URL too long",
					 BC_CONFIG_MAX_FEEDS);
				return BC_E_CONFIG;
			}
			snprintf(c->feeds[c->n_feeds++], BC_CONFIG_STR, "%s",
				 value);
			return BC_E_OK;
		case K_LOG: {
			int l = bc_log_level_parse(value);
			if (l < 0) {
				snprintf(why, why_size,
					 "log_level: '%s' is not error, warn, "
					 "info or debug", value);
				return BC_E_CONFIG;
			}
			*(int *)field = l;
			return BC_E_OK;
		}
		}
	}
	snprintf(why, why_size, "unknown key '%s'", key);
	return BC_E_CONFIG;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

enum bc_err bc_config_load_file(struct bc_config *c, const char *path,
				char *why, size_t why_size)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return BC_E_IO;
	}
	char line[1024];
	int lineno = 0;
	enum bc_err err = BC_E_OK;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(why, why_size, "%s:%d: line too long", path,
				 lineno);
			err = BC_E_CONFIG;
			break;
		}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(why, why_size, "%s:%d: expected 'key = value'",
				 path, lineno);
			err = BC_E_CONFIG;
			break;
		}
		*eq = '\0';
		char inner[512];
		err = bc_config_set(c, trim(s), trim(eq + 1), inner,
				    sizeof inner);
		if (err) {
			snprintf(why, why_size, "%s:%d: %s", path, lineno,
				 inner);
			break;
		}
	}
	fclose(f);
	return err;
}

enum bc_err bc_config_finish(struct bc_config *c, char *why, size_t why_size)
{
	if (!c->mqtt_password_file[0])
		return BC_E_OK;
	FILE *f = fopen(c->mqtt_password_file, "r");
	if (!f) {
		snprintf(why, why_size, "%s: %s", c->mqtt_password_file,
			 strerror(errno));
		return BC_E_CONFIG;
	}
	char buf[BC_CONFIG_STR];
	if (!fgets(buf, sizeof buf, f))
		buf[0] = '\0';
	fclose(f);
	snprintf(c->mqtt_password, sizeof c->mqtt_password, "%s", trim(buf));
	if (!c->mqtt_password[0]) {
		snprintf(why, why_size, "%s: empty password file",
			 c->mqtt_password_file);
		return BC_E_CONFIG;
	}
	return BC_E_OK;
}
