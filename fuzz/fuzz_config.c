/* fuzz_config.c — libFuzzer entry point for the config file reader
 * (bc_config_load_file): an operator's file, but one that may be edited
 * by hand, templated, or truncated by a full disk.
 *
 *   fuzz/run.sh config 60      (builds with clang, see fuzz/CMakeLists.txt)
 *
 * The input is written to a memory file (memfd, no disk) and read through
 * its /proc/self/fd path, the way the daemon reads --config.  Whatever the
 * input, the reader must return; a failure has a one-line reason naming
 * file:line; a success leaves every setting in its documented range.
 * bc_config_finish is not called: it would open whatever file the input
 * names as the password file (a FIFO would block the fuzzer).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "lang.h"
#include "log.h"

static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	bc_log_set_level(BC_LOG_ERROR);
	fd = memfd_create("bc-fuzz-config", 0);
	if (fd < 0)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return 0;
}

static void check_ranges(const struct bc_config *c)
{
	/* The ranges of config.c's key table: a value outside means a
	 * setter accepted what it should have refused. */
	if (c->mqtt_port < 0 || c->mqtt_port > 65535 ||
	    c->max_items < 1 || c->max_cities < 1 ||
	    c->max_document_bytes < 1024 ||
	    c->n_feeds > BC_CONFIG_MAX_FEEDS || !c->languages ||
	    (c->languages & ~BC_LANG_ALL) ||
	    c->log_level < BC_LOG_ERROR || c->log_level > BC_LOG_DEBUG)
		abort();
	/* Every string setting still ends inside its field. */
	if (strnlen(c->db, sizeof c->db) == sizeof c->db ||
	    strnlen(c->spool_dir, sizeof c->spool_dir) == sizeof c->spool_dir ||
	    strnlen(c->mqtt_host, sizeof c->mqtt_host) == sizeof c->mqtt_host ||
	    strnlen(c->root, sizeof c->root) == sizeof c->root ||
	    strnlen(c->exercise_root, sizeof c->exercise_root) ==
		    sizeof c->exercise_root)
		abort();
	for (size_t i = 0; i < c->n_feeds; i++)
		if (strnlen(c->feeds[i], BC_CONFIG_STR) == BC_CONFIG_STR ||
		    (strncmp(c->feeds[i], "http://", 7) != 0 &&
		     strncmp(c->feeds[i], "https://", 8) != 0))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	struct bc_config c;
	char why[600];
	why[0] = '\0';
	bc_config_defaults(&c);
	enum bc_err e = bc_config_load_file(&c, path, why, sizeof why);
	if (e == BC_E_OK) {
		check_ranges(&c);
	} else if (!why[0] || strchr(why, '\n') ||
		   strncmp(why, path, strlen(path)) != 0) {
		abort();
	}
	return 0;
}
