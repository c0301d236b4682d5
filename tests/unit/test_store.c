/* Unit tests of the on-disk store: document verdicts (dedupe, order),
 * state, outbox order and survival across a reopen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alert.h"
#include "store.h"

static char dbpath[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/bc_test_store_%d.db", getpid());
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[80];
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static struct bc_store *open_store(void)
{
	struct bc_store *s = NULL;
	char why[256];
	assert_int_equal(bc_store_open(dbpath, &s, why, sizeof why), BC_E_OK);
	return s;
}

static void make(struct bc_alert *a, const char *type, const char *event,
		 int serial, time_t reported, enum bc_msg_type mt)
{
	memset(a, 0, sizeof *a);
	snprintf(a->type, sizeof a->type, "%s", type);
	snprintf(a->event_id, sizeof a->event_id, "%s", event);
	a->serial = serial;
	a->reported = reported;
	a->msg_type = mt;
	bc_alert_compute_id(a);
}

static enum bc_doc_verdict ingest(struct bc_store *s, const struct bc_alert *a)
{
	enum bc_doc_verdict v;
	assert_int_equal(bc_store_begin(s), BC_E_OK);
	assert_int_equal(bc_store_doc_verdict(s, a, &v), BC_E_OK);
	if (v != BC_DOC_DUPLICATE)
		assert_int_equal(bc_store_doc_record(s, a, v), BC_E_OK);
	assert_int_equal(bc_store_commit(s), BC_E_OK);
	return v;
}

static void test_verdicts(void **state)
{
	(void)state;
	struct bc_store *s = open_store();
	struct bc_alert a;
	make(&a, "VXSE53", "E1", 2, 1000, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	assert_int_equal(ingest(s, &a), BC_DOC_DUPLICATE);
	make(&a, "VXSE53", "E1", 1, 900, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_STALE);
	/* Older serial but a later time: still stale (serial decides). */
	make(&a, "VXSE53", "E1", 1, 2000, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_STALE);
	make(&a, "VXSE53", "E1", 3, 1100, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	/* A cancellation repeating the serial it cancels is new. */
	make(&a, "VXSE53", "E1", 3, 1200, BC_MSG_CANCEL);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	/* Another event, another type: independent streams. */
	make(&a, "VXSE53", "E2", 1, 500, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	make(&a, "VXSE51", "E1", 1, 500, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	/* Warnings have no EventID: the office and title make the stream. */
	make(&a, "VPWW55", "", 0, 5000, BC_MSG_ALERT);
	strcpy(a.office_ja, "稚内地方気象台");
	bc_alert_compute_id(&a);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	make(&a, "VPWW55", "", 0, 4000, BC_MSG_ALERT);
	strcpy(a.office_ja, "稚内地方気象台");
	bc_alert_compute_id(&a);
	assert_int_equal(ingest(s, &a), BC_DOC_STALE);
	make(&a, "VPWW55", "", 0, 4000, BC_MSG_ALERT);
	strcpy(a.office_ja, "札幌管区気象台");
	bc_alert_compute_id(&a);
	assert_int_equal(ingest(s, &a), BC_DOC_NEW);
	assert_int_equal(bc_store_last_report(s), 5000);
	bc_store_close(s);
	/* What was seen survives a restart. */
	s = open_store();
	make(&a, "VXSE53", "E1", 2, 1000, BC_MSG_ALERT);
	assert_int_equal(ingest(s, &a), BC_DOC_DUPLICATE);
	bc_store_close(s);
}

struct seen {
	int n;
	char ids[8][17];
	char headlines[8][64];
};

static void visit(void *ud, const struct bc_state_entry *e)
{
	struct seen *sn = ud;
	if (sn->n < 8) {
		snprintf(sn->ids[sn->n], 17, "%s", e->id);
		snprintf(sn->headlines[sn->n], 64, "%s", e->headline);
	}
	sn->n++;
}

static void put(struct bc_store *s, int scope, const char *stream,
		const char *city, int lang, const char *id, time_t since,
		time_t expires)
{
	struct bc_state_entry e = { .scope = scope, .lang = lang,
				    .since = since, .expires = expires,
				    .level = 3, .headline = id };
	snprintf(e.stream, sizeof e.stream, "%s", stream);
	snprintf(e.city, sizeof e.city, "%s", city);
	snprintf(e.kind, sizeof e.kind, "warning");
	snprintf(e.id, sizeof e.id, "%s", id);
	assert_int_equal(bc_store_state_put(s, &e), BC_E_OK);
}

static void test_state(void **state)
{
	(void)state;
	struct bc_store *s = open_store();
	put(s, 0, "A", "1310100", 2, "a1", 100, 0);
	put(s, 0, "B", "1310100", 2, "b1", 50, 300);
	put(s, 0, "A", "1310200", 2, "a1", 100, 0);
	put(s, 1, "X", "1310100", 2, "x1", 10, 0);
	struct seen sn = { 0 };
	assert_int_equal(bc_store_state_list(s, 0, "1310100", 2, visit, &sn), BC_E_OK);
	assert_int_equal(sn.n, 2);
	assert_string_equal(sn.ids[0], "b1"); /* oldest first */
	assert_string_equal(sn.ids[1], "a1");
	memset(&sn, 0, sizeof sn);
	assert_int_equal(bc_store_state_list(s, 1, "1310100", 2, visit, &sn), BC_E_OK);
	assert_int_equal(sn.n, 1); /* exercises never mix with live */
	memset(&sn, 0, sizeof sn);
	assert_int_equal(bc_store_state_list(s, 0, "1310100", 3, visit, &sn), BC_E_OK);
	assert_int_equal(sn.n, 0);

	char **cities = NULL;
	size_t n = 0;
	assert_int_equal(bc_store_state_clear_stream(s, "A", &cities, &n), BC_E_OK);
	assert_int_equal(n, 2);
	bc_store_cities_free(cities, n);
	memset(&sn, 0, sizeof sn);
	bc_store_state_list(s, 0, "1310100", 2, visit, &sn);
	assert_int_equal(sn.n, 1);

	assert_int_equal(bc_store_state_next_expiry(s), 300);
	cities = NULL;
	n = 0;
	assert_int_equal(bc_store_state_expire(s, 299, &cities, &n), BC_E_OK);
	assert_int_equal(n, 0);
	free(cities);
	cities = NULL;
	assert_int_equal(bc_store_state_expire(s, 300, &cities, &n), BC_E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(cities[0], "0|1310100");
	bc_store_cities_free(cities, n);
	assert_int_equal(bc_store_state_next_expiry(s), 0);
	bc_store_close(s);
}

static void test_outbox(void **state)
{
	(void)state;
	struct bc_store *s = open_store();
	char topic[64], payload[64];
	assert_int_equal(bc_store_begin(s), BC_E_OK);
	for (int i = 0; i < 1000; i++) {
		snprintf(topic, sizeof topic, "bosai/v1/t/%d", i);
		snprintf(payload, sizeof payload, "{\"n\":%d}", i);
		assert_int_equal(bc_store_outbox_add(s, topic, payload,
						     strlen(payload), i % 2,
						     60, "vi", "quake", "id"),
				 BC_E_OK);
	}
	assert_int_equal(bc_store_commit(s), BC_E_OK);
	/* A rolled-back transaction leaves nothing behind. */
	assert_int_equal(bc_store_begin(s), BC_E_OK);
	assert_int_equal(bc_store_outbox_add(s, "x", "y", 1, false, 0, "", "", ""), BC_E_OK);
	bc_store_rollback(s);
	uint64_t count;
	assert_int_equal(bc_store_outbox_count(s, &count), BC_E_OK);
	assert_int_equal(count, 1000);
	bc_store_close(s);

	s = open_store(); /* survives a reopen, in order */
	struct bc_outbox_msg *m;
	size_t n;
	assert_int_equal(bc_store_outbox_next(s, 0, 300, &m, &n), BC_E_OK);
	assert_int_equal(n, 300);
	assert_string_equal(m[0].topic, "bosai/v1/t/0");
	assert_string_equal(m[299].payload, "{\"n\":299}");
	assert_true(m[1].retain);
	assert_int_equal(m[0].expiry_s, 60);
	assert_string_equal(m[0].lang, "vi");
	uint64_t seqs[300];
	for (size_t i = 0; i < n; i++) {
		seqs[i] = m[i].seq;
		if (i)
			assert_true(m[i].seq > m[i - 1].seq);
	}
	uint64_t last = m[n - 1].seq;
	bc_store_outbox_free(m, n);
	assert_int_equal(bc_store_outbox_done(s, seqs, 300), BC_E_OK);
	assert_int_equal(bc_store_outbox_count(s, &count), BC_E_OK);
	assert_int_equal(count, 700);
	assert_int_equal(bc_store_outbox_next(s, last, 1000, &m, &n), BC_E_OK);
	assert_int_equal(n, 700);
	assert_string_equal(m[0].topic, "bosai/v1/t/300");
	bc_store_outbox_free(m, n);
	bc_store_close(s);
}

/* No checkpoint inside a commit, even past SQLite's usual 1 000 pages;
 * bc_store_checkpoint empties the WAL into the database. */
static void test_checkpoint(void **state)
{
	(void)state;
	struct bc_store *s = open_store();
	char wal[80], payload[4096];
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	memset(payload, 'x', sizeof payload - 1);
	payload[sizeof payload - 1] = '\0';
	assert_false(bc_store_checkpoint_due(s));
	for (int k = 0; k < 3; k++) {
		assert_int_equal(bc_store_begin(s), BC_E_OK);
		for (int i = 0; i < 600; i++)
			assert_int_equal(bc_store_outbox_add(s, "t", payload,
							     sizeof payload - 1,
							     false, 0, "", "",
							     ""), BC_E_OK);
		assert_int_equal(bc_store_commit(s), BC_E_OK);
	}
	assert_true(bc_store_checkpoint_due(s));
	struct stat st;
	assert_int_equal(stat(dbpath, &st), 0);
	off_t before = st.st_size;
	assert_int_equal(bc_store_checkpoint(s), BC_E_OK);
	assert_false(bc_store_checkpoint_due(s));
	assert_int_equal(stat(dbpath, &st), 0);
	/* ~1 800 rows of 4 kB were in the WAL only, now in the database. */
	assert_true(st.st_size > before + 4 * 1024 * 1024);
	bc_store_close(s);
}

static void test_bad_path(void **state)
{
	(void)state;
	struct bc_store *s = NULL;
	char why[256];
	assert_int_equal(bc_store_open("/nonexistent/dir/x.db", &s, why, sizeof why), BC_E_DB);
	assert_null(s);
	assert_non_null(strstr(why, "/nonexistent/dir/x.db"));
	bc_store_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_verdicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checkpoint, setup, teardown),
		cmocka_unit_test(test_bad_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
