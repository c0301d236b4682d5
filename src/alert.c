#include "alert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
#define BC_KIND_STR(n, s) s,
	BC_KIND_MAP(BC_KIND_STR)
#undef BC_KIND_STR
};

const char *bc_kind_name(enum bc_kind k)
{
	return (unsigned)k < BC_KIND__COUNT ? kind_names[k] : "none";
}

enum bc_kind bc_kind_parse(const char *name)
{
	for (int k = 1; k < BC_KIND__COUNT; k++)
		if (name && strcmp(name, kind_names[k]) == 0)
			return (enum bc_kind)k;
	return BC_KIND_NONE;
}

const char *bc_doc_status_name(enum bc_doc_status s)
{
	switch (s) {
	case BC_STATUS_ACTUAL: return "actual";
	case BC_STATUS_EXERCISE: return "exercise";
	case BC_STATUS_TEST: return "test";
	}
	return "actual";
}

const char *bc_msg_type_name(enum bc_msg_type t)
{
	switch (t) {
	case BC_MSG_ALERT: return "alert";
	case BC_MSG_UPDATE: return "update";
	case BC_MSG_CANCEL: return "cancel";
	case BC_MSG_CORRECTION: return "correction";
	}
	return "alert";
}

const char *bc_severity_name(enum bc_severity s)
{
	static const char *const n[] = { "unknown", "minor", "moderate",
					 "severe", "extreme" };
	return (unsigned)s <= BC_SEV_EXTREME ? n[s] : "unknown";
}

const char *bc_change_name(enum bc_change c)
{
	static const char *const n[] = { "none", "issued", "continued",
					 "upgraded", "downgraded", "lifted" };
	return (unsigned)c < BC_CHANGE__COUNT ? n[c] : "none";
}

const char *bc_area_type_name(enum bc_area_type t)
{
	static const char *const n[] = { "city", "pref", "forecast", "quake",
					 "epicenter", "eew", "tsunami",
					 "volcano", "river", "other" };
	return (unsigned)t < BC_AREA__COUNT ? n[t] : "other";
}

struct bc_alert *bc_alert_new(void)
{
	struct bc_alert *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->quake.lat = a->quake.lon = NAN;
	a->quake.magnitude = NAN;
	a->quake.depth_km = -1;
	return a;
}

void bc_alert_free(struct bc_alert *a)
{
	if (!a)
		return;
	free(a->items);
	free(a);
}

enum bc_err bc_alert_add_item(struct bc_alert *a, size_t max_items,
			      struct bc_item **out)
{
	if (a->n_items >= max_items)
		return BC_E_TOOBIG;
	if (a->n_items == a->cap_items) {
		size_t cap = a->cap_items ? a->cap_items * 2 : 16;
		struct bc_item *p = realloc(a->items, cap * sizeof *p);
		if (!p)
			return BC_E_NOMEM;
		a->items = p;
		a->cap_items = cap;
	}
	struct bc_item *it = &a->items[a->n_items++];
	memset(it, 0, sizeof *it);
	*out = it;
	return BC_E_OK;
}

/* FNV-1a, 64 bit: stable across builds and machines, which is all an id
 * needs; it is not a security boundary. */
static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void bc_alert_compute_id(struct bc_alert *a)
{
	char buf[512];
	/* Warnings have no EventID, and several offices publish the same type
	 * at the same minute: the office keeps their ids apart.  The info
	 * type keeps a cancellation that repeats a serial apart from the
	 * report it cancels. */
	int n = snprintf(buf, sizeof buf, "%s|%s|%d|%lld|%s|%s", a->event_id,
			 a->type, a->serial, (long long)a->reported,
			 a->office_ja, bc_msg_type_name(a->msg_type));
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	uint64_t h = fnv1a(0xcbf29ce484222325ULL, buf, (size_t)n);
	snprintf(a->id, sizeof a->id, "%016llx", (unsigned long long)h);
}

bool bc_strlcpy_utf8(char *dst, const char *src, size_t dst_size)
{
	if (dst_size == 0)
		return false;
	size_t n = strlen(src);
	bool whole = n < dst_size;
	if (!whole) {
		n = dst_size - 1;
		/* Back up to the start of a UTF-8 sequence. */
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return whole;
}

/* Days from civil, after H. Hinnant's public-domain algorithm: timegm
 * without the TZ environment. */
static long long days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

enum bc_err bc_time_parse(const char *s, time_t *out)
{
	int y, mo, d, h, mi, se, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
			 &se, &n) != 6 || n != 19)
		return BC_E_PARSE;
	const char *z = s + 19;
	long off = 0;
	if (*z == 'Z') {
		z++;
	} else if (*z == '+' || *z == '-') {
		int oh, om, m2 = 0;
		if (sscanf(z + 1, "%2d:%2d%n", &oh, &om, &m2) != 2 || m2 != 5)
			return BC_E_PARSE;
		off = (oh * 3600L + om * 60L) * (*z == '-' ? -1 : 1);
		z += 6;
	} else {
		return BC_E_PARSE;
	}
	if (*z != '\0')
		return BC_E_PARSE;
	if (y < 1990 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || se > 60 || h < 0 || mi < 0 || se < 0)
		return BC_E_ABSURD;
	long long t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL +
		      h * 3600LL + mi * 60LL + se - off;
	*out = (time_t)t;
	return BC_E_OK;
}

void bc_time_iso(time_t t, bool utc, char buf[26])
{
	struct tm tm;
	time_t shifted = utc ? t : t + 9 * 3600;
	gmtime_r(&shifted, &tm);
	/* Years are 1990-2200 (bc_time_parse); the modulo only tells the
	 * compiler the field fits. */
	snprintf(buf, 26, "%04u-%02u-%02uT%02u:%02u:%02u%s",
		 (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
		 (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u,
		 (unsigned)tm.tm_sec % 100u, utc ? "Z" : "+09:00");
}
