/* test_publish_opts.c — the publisher without a broker: option checks,
 * behaviour while the broker is unreachable, and log-once-per-outage.
 * (The broker-facing behaviour is tested in tests/integration/.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "publish.h"

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A loopback port with nobody listening: bound, then closed. */
static int closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = { .sin_family = AF_INET };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	socklen_t len = sizeof a;
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static void expect_open_fails(const struct bc_pub_opts *o, enum bc_err want,
			      const char *why_has)
{
	struct bc_publisher *p = (struct bc_publisher *)1;
	char why[256] = "";
	enum bc_err e = bc_pub_open(o, &p, why, sizeof why);
	assert_int_equal(e, want);
	assert_null(p);
	if (!strstr(why, why_has))
		fail_msg("why \"%s\" lacks \"%s\"", why, why_has);
}

static void test_bad_options(void **state)
{
	(void)state;
	char why[64];
	struct bc_publisher *p = NULL;
	assert_int_equal(bc_pub_open(NULL, &p, why, sizeof why), BC_E_INVAL);

	struct bc_pub_opts o = { .port = 70000 };
	expect_open_fails(&o, BC_E_INVAL, "port 70000");
	o = (struct bc_pub_opts){ .keepalive = 3 };
	expect_open_fails(&o, BC_E_INVAL, "keepalive");
	o = (struct bc_pub_opts){ .password = "x" };
	expect_open_fails(&o, BC_E_INVAL, "user name");
	o = (struct bc_pub_opts){ .tls_ca_file = "/nonexistent/ca.crt" };
	expect_open_fails(&o, BC_E_CONFIG, "/nonexistent/ca.crt");
	o = (struct bc_pub_opts){ .tls_insecure = true };
	expect_open_fails(&o, BC_E_INVAL, "CA file");
	o = (struct bc_pub_opts){ .tls_ca_file = "/dev/null",
				  .tls_cert_file = "/dev/null" };
	expect_open_fails(&o, BC_E_INVAL, "key");
	o = (struct bc_pub_opts){ .will_payload = "{}" };
	expect_open_fails(&o, BC_E_INVAL, "will topic");
	o = (struct bc_pub_opts){ .will_topic = "bosai/v1/#" };
	expect_open_fails(&o, BC_E_INVAL, "bosai/v1/#");

	/* NULL is fine everywhere a publisher is read. */
	bc_pub_close(NULL);
	assert_false(bc_pub_connected(NULL));
	assert_int_equal(bc_pub_inflight(NULL), 0);
	assert_int_equal(bc_pub_fd(NULL), -1);
	assert_false(bc_pub_want_write(NULL));
	assert_int_equal(bc_pub_io(NULL, false, false), BC_E_INVAL);
	assert_int_equal(bc_pub_flush(NULL, 0), BC_E_INVAL);
	struct bc_pub_msg m = { .topic = "bosai/x" };
	assert_int_equal(bc_pub_send(NULL, &m), BC_E_INVAL);
}

static void test_unreachable_broker(void **state)
{
	(void)state;
	int port = closed_port();
	fflush(stderr);
	FILE *cap = tmpfile();
	assert_non_null(cap);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(cap), STDERR_FILENO) >= 0);

	struct bc_pub_opts o = { .host = "127.0.0.1", .port = port,
				 .will_topic = "bosai/v1/status",
				 .will_payload = "{\"online\":false}" };
	struct bc_publisher *p = NULL;
	char why[256];
	enum bc_err open_err = bc_pub_open(&o, &p, why, sizeof why);
	/* Not connected: every send is a retry, never an error or a loss. */
	struct bc_pub_msg m = { .topic = "bosai/v1/x", .payload = "{}",
				.len = 2, .ack_id = 1 };
	int retries = 0, sends = 0;
	int64_t end = mono_ms() + 1500;
	while (p && mono_ms() < end) {
		sends++;
		if (bc_pub_send(p, &m) == BC_E_RETRY)
			retries++;
		int fd = bc_pub_fd(p);
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (bc_pub_want_write(p))
			pfd.events |= POLLOUT;
		int n = poll(fd >= 0 ? &pfd : NULL, fd >= 0, 20);
		assert_int_equal(bc_pub_io(p, n > 0 && (pfd.revents & POLLIN),
					   n > 0 && (pfd.revents & POLLOUT)),
				 BC_E_OK);
	}
	bool connected = bc_pub_connected(p);
	size_t inflight = bc_pub_inflight(p);
	/* Nothing was accepted, so there is nothing to wait for. */
	enum bc_err flushed = bc_pub_flush(p, 100);
	bc_pub_close(p);

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	char log[8192] = "";
	rewind(cap);
	size_t n = fread(log, 1, sizeof log - 1, cap);
	log[n] = '\0';
	fclose(cap);
	fputs(log, stderr);

	assert_int_equal(open_err, BC_E_OK);
	assert_false(connected);
	assert_int_equal(retries, sends);
	assert_true(sends > 10);
	assert_int_equal(inflight, 0);
	assert_int_equal(flushed, BC_E_OK);
	/* Some ten attempts in 1.5 s with backoff from 0.1 s, one line. */
	int lines = 0;
	for (char *s = log; (s = strstr(s, "cannot connect")); s++)
		lines++;
	assert_int_equal(lines, 1);
	assert_non_null(strstr(log, "Connection refused"));
}

int main(void)
{
	bc_log_set_level(BC_LOG_INFO);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_unreachable_broker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
