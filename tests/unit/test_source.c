/* Unit tests of the file and spool sources: limits, atomic-rename
 * pick-up through inotify, done/ and failed/ with the reason, retries,
 * and the sweep that catches what inotify missed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "source.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/bc_test_spool_%d", getpid());
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static int teardown(void **state)
{
	return setup(state);
}

static void write_file(const char *name, const char *text)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static bool exists(const char *sub, const char *name)
{
	char p[256];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s%s%s", dir, sub, *sub ? "/" : "", name);
	return stat(p, &st) == 0;
}

struct calls {
	int n;
	char last[256];
	bool retry_once;
};

static enum bc_spool_outcome handler(void *ud, const char *path,
				     const char *data, size_t len, char *why,
				     size_t why_size)
{
	struct calls *c = ud;
	c->n++;
	snprintf(c->last, sizeof c->last, "%s", path);
	if (c->retry_once) {
		c->retry_once = false;
		return BC_SPOOL_RETRY;
	}
	if (strstr(data, "bad")) {
		snprintf(why, why_size, "not a JMA document");
		return BC_SPOOL_FAILED;
	}
	(void)len;
	return BC_SPOOL_DONE;
}

/* Wait (bounded) for inotify and process what it reports. */
static void pump(struct bc_spool *s, struct calls *c, int want)
{
	for (int i = 0; i < 50 && c->n < want; i++) {
		struct pollfd p = { .fd = bc_spool_fd(s), .events = POLLIN };
		if (poll(&p, 1, 100) > 0)
			assert_int_equal(bc_spool_events(s, handler, c), BC_E_OK);
	}
}

static void test_spool(void **state)
{
	(void)state;
	struct bc_spool *s = NULL;
	char why[256];
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file("b.xml", "<ok/>");
	write_file("a.xml", "bad");
	write_file("c.xml.tmp", "<partial");
	write_file(".hidden", "x");
	assert_int_equal(bc_spool_open(dir, 1000, &s, why, sizeof why), BC_E_OK);
	struct calls c = { 0 };
	size_t pending = 9;
	assert_int_equal(bc_spool_scan(s, handler, &c, &pending), BC_E_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(pending, 0);
	assert_non_null(strstr(c.last, "b.xml")); /* sorted: a then b */
	assert_true(exists("done", "b.xml"));
	assert_true(exists("failed", "a.xml"));
	assert_true(exists("failed", "a.xml.reason"));
	assert_true(exists("", "c.xml.tmp")); /* not touched until renamed */

	/* Atomic rename into the spool is picked up. */
	char from[256], to[256];
	snprintf(from, sizeof from, "%s/c.xml.tmp", dir);
	snprintf(to, sizeof to, "%s/c.xml", dir);
	assert_int_equal(rename(from, to), 0);
	pump(s, &c, 3);
	assert_int_equal(c.n, 3);
	assert_true(exists("done", "c.xml"));

	/* A plain write is picked up when closed. */
	write_file("d.xml", "<ok/>");
	pump(s, &c, 4);
	assert_int_equal(c.n, 4);
	assert_true(exists("done", "d.xml"));

	/* Retry: the document stays until a later scan takes it. */
	c.retry_once = true;
	write_file("e.xml", "<ok/>");
	pump(s, &c, 5);
	assert_true(exists("", "e.xml"));
	assert_int_equal(bc_spool_scan(s, handler, &c, &pending), BC_E_OK);
	assert_int_equal(pending, 0);
	assert_true(exists("done", "e.xml"));

	/* Oversize goes to failed/ without reaching the handler. */
	int before = c.n;
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	write_file("f.xml", big);
	pump(s, &c, before + 1);
	assert_int_equal(c.n, before);
	assert_true(exists("failed", "f.xml"));
	bc_spool_close(s);
}

/* The sweep takes what inotify never announced (events read by nobody
 * here), but not a file its writer touched in the last seconds. */
static void test_sweep(void **state)
{
	(void)state;
	struct bc_spool *s = NULL;
	char why[256], p[256];
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(bc_spool_open(dir, 1000, &s, why, sizeof why), BC_E_OK);
	write_file("old.xml", "<ok/>");
	write_file("young.xml", "<ok/>");
	snprintf(p, sizeof p, "%s/old.xml", dir);
	struct timespec past[2] = { { time(NULL) - 10, 0 }, { time(NULL) - 10, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, p, past, 0), 0);
	struct calls c = { 0 };
	size_t pending = 0;
	assert_int_equal(bc_spool_sweep(s, handler, &c, 2, &pending), BC_E_OK);
	assert_int_equal(c.n, 1);
	assert_true(exists("done", "old.xml"));
	assert_true(exists("", "young.xml"));
	assert_int_equal(pending, 1);
	/* Once it has settled, the next sweep takes it. */
	snprintf(p, sizeof p, "%s/young.xml", dir);
	assert_int_equal(utimensat(AT_FDCWD, p, past, 0), 0);
	assert_int_equal(bc_spool_sweep(s, handler, &c, 2, &pending), BC_E_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(pending, 0);
	assert_true(exists("done", "young.xml"));
	bc_spool_close(s);
}

static void test_read_limits(void **state)
{
	(void)state;
	char *data = NULL;
	size_t len;
	char why[256];
	assert_int_equal(bc_read_file("/nonexistent.xml", 100, &data, &len, why, sizeof why), BC_E_IO);
	assert_non_null(strstr(why, "/nonexistent.xml"));
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file("x", "0123456789");
	char p[256];
	snprintf(p, sizeof p, "%s/x", dir);
	assert_int_equal(bc_read_file(p, 9, &data, &len, why, sizeof why), BC_E_TOOBIG);
	assert_int_equal(bc_read_file(p, 10, &data, &len, why, sizeof why), BC_E_OK);
	assert_int_equal(len, 10);
	free(data);
	/* A pipe has no size: the limit holds while reading. */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "abcdefghijklmnop", 16), 16);
	close(fds[1]);
	assert_int_equal(bc_read_fd(fds[0], "<pipe>", 8, &data, &len, why, sizeof why), BC_E_TOOBIG);
	close(fds[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_spool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
