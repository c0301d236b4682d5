/* daemon.h — `bosaicast run`: sources → pipeline → outbox → broker, in one
 * single-threaded poll loop.  Signal handlers only set a flag. */
#ifndef BC_DAEMON_H
#define BC_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

struct bc_daemon_opts {
	char *const *files;   /* documents to ingest at start ("-" = stdin) */
	size_t n_files;
	/* Exit once the start-up documents and the spool are processed and
	 * the outbox is empty (or after once_timeout_ms). */
	bool once;
	int once_timeout_ms;
};

/* Returns the process exit status: 0 ok, 1 runtime failure, 2 bad
 * configuration or data. */
int bc_daemon_run(const struct bc_config *cfg,
		  const struct bc_daemon_opts *opts);

#endif
