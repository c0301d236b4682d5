/* source.h — where documents come from: files, standard input and a spool
 * directory (DESIGN §9).  The Atom feed source lives in source_feed.h.
 *
 * Spool protocol: a writer drops a document into the directory, ideally
 * by writing "name.tmp" (or a dot-file) and renaming it — names starting
 * with '.' or ending in ".tmp" are ignored until renamed.  Each document
 * is processed once and moved to done/ or failed/; a failed document gets
 * a "<name>.reason" file holding the one-line error.
 */
#ifndef BC_SOURCE_H
#define BC_SOURCE_H

#include <stddef.h>

#include "error.h"

/* Read a whole file of at most max bytes.  why names the file and the
 * reason.  Caller frees *data. */
enum bc_err bc_read_file(const char *path, size_t max, char **data,
			 size_t *len, char *why, size_t why_size);
/* The same from an open descriptor (standard input). */
enum bc_err bc_read_fd(int fd, const char *name, size_t max, char **data,
		       size_t *len, char *why, size_t why_size);

struct bc_spool; /* opaque */

/* What the handler says about one document. */
enum bc_spool_outcome {
	BC_SPOOL_DONE,    /* processed (published, duplicate, stale, skipped) */
	BC_SPOOL_FAILED,  /* bad input: move to failed/ with the reason */
	BC_SPOOL_RETRY,   /* could not process now: leave it, try again */
};

typedef enum bc_spool_outcome (*bc_spool_handler)(void *ud, const char *path,
						   const char *data,
						   size_t len, char *why,
						   size_t why_size);

/* Watch dir (creating dir, dir/done and dir/failed).  Caller owns *out. */
enum bc_err bc_spool_open(const char *dir, size_t max_bytes,
			  struct bc_spool **out, char *why, size_t why_size);
void bc_spool_close(struct bc_spool *s);
/* inotify descriptor to poll for POLLIN. */
int bc_spool_fd(const struct bc_spool *s);
/* Process every document waiting in the directory, oldest name first
 * (at start-up, after an overflow, and on retry).  Returns the number of
 * documents left for retry via *pending (may be NULL). */
enum bc_err bc_spool_scan(struct bc_spool *s, bc_spool_handler h, void *ud,
			  size_t *pending);
/* The safety net under inotify, run every second or so: events can be
 * lost (a spool on NFS written from another host, a full event queue
 * on some kernels, a file system without inotify), and a document must
 * never wait in the spool unseen.  Like bc_spool_scan, but leaves files
 * modified less than min_age_s ago to their writer (counted in *pending). */
enum bc_err bc_spool_sweep(struct bc_spool *s, bc_spool_handler h, void *ud,
			   int min_age_s, size_t *pending);
/* Read inotify events and process the documents they announce. */
enum bc_err bc_spool_events(struct bc_spool *s, bc_spool_handler h, void *ud);

#endif
