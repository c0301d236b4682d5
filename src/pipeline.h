/* pipeline.h — one JMA document through every stage (DESIGN §1):
 * parse → alert → route → render → state and outbox.
 *
 * The pipeline owns the loaded data (places, dictionary, ICU formatters)
 * and, when given a store, commits everything one document produces in a
 * single transaction.  It never talks to the broker: the daemon drains the
 * outbox.
 */
#ifndef BC_PIPELINE_H
#define BC_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "alert.h"
#include "config.h"
#include "error.h"
#include "store.h"

struct bc_pipeline; /* opaque */

/* A rendered message, borrowed for the duration of a callback. */
struct bc_message {
	const char *topic;
	const char *payload;
	size_t len;
	bool retain;
	uint32_t expiry_s;
	const char *lang;
	const char *kind;
	const char *id;
};

/* What happened to one document. */
struct bc_ingest_result {
	enum bc_err err;            /* BC_E_OK, or why it was not published */
	enum bc_doc_verdict verdict;
	char type[8];
	char id[17];
	enum bc_kind kind;
	size_t messages;            /* rendered and queued */
	size_t cities;
	bool skipped;               /* recognised type, not broadcast */
};

/* Load data and open ICU.  store may be NULL (render only); it is
 * borrowed.  why names what failed.  Caller owns *out. */
enum bc_err bc_pipeline_open(const struct bc_config *cfg,
			     struct bc_store *store, struct bc_pipeline **out,
			     char *why, size_t why_size);
void bc_pipeline_close(struct bc_pipeline *p);

/* Parse and render one document without touching any state: every
 * message (alerts, areas; no state) for the languages in langs goes to
 * emit.  Returns the parse error, if any, with why. */
enum bc_err bc_pipeline_render(struct bc_pipeline *p, const char *data,
			       size_t len, const char *name, uint32_t langs,
			       void (*emit)(void *ud,
					    const struct bc_message *m),
			       void *ud, char *why, size_t why_size);

/* Ingest one document into the store: dedupe and order against what was
 * seen, render, rebuild the state of every municipality it touches, and
 * queue every message in the outbox — one transaction.  Logs one line
 * naming the document and the outcome. */
enum bc_err bc_pipeline_ingest(struct bc_pipeline *p, const char *data,
			       size_t len, const char *name,
			       struct bc_ingest_result *res);

/* Remove state entries that expired by now and queue the republished
 * state.  Returns the number of places republished via *n. */
enum bc_err bc_pipeline_expire(struct bc_pipeline *p, time_t now, size_t *n);

/* Render the status payload (retained heartbeat) into the caller's
 * buffer; online false gives the last-will payload. */
enum bc_err bc_pipeline_status(struct bc_pipeline *p, bool online,
			       time_t started, uint64_t backlog,
			       const char *sources_json, char **payload);

#endif
