/* config.h — the daemon's settings: defaults, a config file, then flags.
 *
 * The file is "key = value" lines; '#' starts a comment.  Every key can
 * also be given as a flag "--key value" (dashes or underscores).  Limits
 * on outside input live here so that they are all in one place.
 */
#ifndef BC_CONFIG_H
#define BC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define BC_CONFIG_STR 512
#define BC_CONFIG_MAX_FEEDS 8

struct bc_config {
	char data_dir[BC_CONFIG_STR];     /* dictionaries/, templates/, places/ */
	char db[BC_CONFIG_STR];           /* SQLite store */
	char spool_dir[BC_CONFIG_STR];    /* "" = no spool source */

	char mqtt_host[BC_CONFIG_STR];
	int mqtt_port;
	char mqtt_client_id[BC_CONFIG_STR];
	char mqtt_username[BC_CONFIG_STR];
	char mqtt_password[BC_CONFIG_STR];
	char mqtt_password_file[BC_CONFIG_STR]; /* read at start if set */
	char mqtt_tls_ca[BC_CONFIG_STR];
	char mqtt_tls_cert[BC_CONFIG_STR];
	char mqtt_tls_key[BC_CONFIG_STR];
	int mqtt_keepalive;

	char root[128];                   /* live root, "bosai/v1" */
	char exercise_root[128];          /* "bosai-exercise/v1" */
	bool exercise;                    /* publish 訓練/試験 under it */
	bool eew_forecast;                /* publish forecast-grade EEW */
	uint32_t languages;               /* bit mask of enum bc_lang */

	size_t max_document_bytes;
	size_t max_items;
	size_t max_cities;
	int status_interval;              /* seconds between heartbeats */
	int quake_state_ttl;              /* event_state_ttl: seconds a report of
					   * something that happened (quake,
					   * EEW, record rain, eruption, observed
					   * tsunami) stays in state */
	int log_level;

	/* JMA Atom PULL feeds (source_feed.h says why each default).  "feed"
	 * may be repeated, one URL each; "feed = none" forgets the ones set
	 * so far.  No feed: no feed source. */
	char feeds[BC_CONFIG_MAX_FEEDS][BC_CONFIG_STR];
	size_t n_feeds;
	int feed_interval;                /* seconds between polls of a feed */
	int feed_poll_offset;             /* seconds past the minute; -1 off */
	int feed_timeout;                 /* seconds for one whole transfer */
	int feed_connect_timeout;         /* seconds */
	size_t feed_max_bytes;            /* one feed document, decoded */
	size_t feed_max_entries;          /* entries in one feed document */
	int feed_max_parallel;            /* transfers at once, all feeds */
	int feed_backoff_max;             /* seconds, longest wait on errors */
	int feed_window;                  /* seconds a live feed reaches back */
	int feed_max_age;                 /* seconds: older entries not fetched */
	char feed_user_agent[BC_CONFIG_STR]; /* "" = bosaicast/VERSION (...) */
	char feed_ca_file[BC_CONFIG_STR]; /* "" = the system's CA store */
};

/* Defaults; cannot fail.  data_dir defaults to $BOSAICAST_DATA_DIR or the
 * installed data directory. */
void bc_config_defaults(struct bc_config *c);
/* Set one key from text; why gets "unknown key" / "not a number" etc. */
enum bc_err bc_config_set(struct bc_config *c, const char *key,
			  const char *value, char *why, size_t why_size);
/* Read a config file; why names file:line and the reason. */
enum bc_err bc_config_load_file(struct bc_config *c, const char *path,
				char *why, size_t why_size);
/* Resolve what depends on other settings (password file). */
enum bc_err bc_config_finish(struct bc_config *c, char *why, size_t why_size);

#endif
