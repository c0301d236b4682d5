/* sign.c — bosaicast-sign, a terminal signage client.
 *
 * For a screen at a station, school or shelter: one municipality, one to
 * four languages.  On start it shows what is in force there (the retained
 * state topics), then every new alert as it comes; it rotates through the
 * languages, colours by level and severity, wraps every script at the
 * screen's width (ICU line breaking, terminal display widths: Thai, Khmer
 * and Burmese have no spaces, CJK is double width), and says "feed stale"
 * when the broadcaster's heartbeat stops.
 *
 * A separate program, not a pipeline stage: it uses libmosquitto directly
 * (clients/common/mqsub.c) and bccore for the JSON reader and the text
 * layout (src/jsonread.h, src/l10n.h).  Everything it shows comes from the
 * payloads; only the frame's labels are its own (English and Japanese).
 *
 * Drawing: every frame is composed in memory and written at once, and only
 * when it differs from the one on screen, so a sign that shows the same
 * thing for hours writes nothing.  Text from the broker is stripped of
 * control characters before it reaches the terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "buf.h"
#include "jsonread.h"
#include "l10n.h"
#include "lang.h"
#include "log.h"
#include "mqsub.h"

#define MOD "sign"
#define MAX_LANGS 4
#define MAX_STATE 32       /* alerts in force kept per language */
#define MAX_LATEST 3       /* recent alerts kept per language */
#define MAX_ACTIONS 8
#define MAX_PAYLOAD (256u << 10)
#define MAX_ROWS 200
#define MAX_COLS 400
#define MAX_WRAP 64        /* lines one text may take */

struct item {              /* one alert in force, from a state payload */
	char *kind, *id, *headline, *since, *expires;
	int level;         /* 0: none */
};

struct alert {             /* one alert message */
	char *id, *kind, *severity, *msg_type, *status;
	char *headline, *body, *issued_text, *expires;
	char *actions[MAX_ACTIONS];
	size_t n_actions;
	int level;
	time_t received;
};

struct view {              /* what the sign knows in one language */
	enum bc_lang lang;
	char *place;
	bool have_state;
	struct item state[MAX_STATE];
	size_t n_state;
	struct alert latest[MAX_LATEST];
	size_t n_latest;
};

enum feed { FEED_WAITING, FEED_OK, FEED_STALE, FEED_OFFLINE };

struct sign {
	/* options */
	const char *root;
	char city[8], pref[3];
	int width_opt;
	int rotate_s;
	int stale_s;
	bool color;
	/* state */
	struct view v[MAX_LANGS];
	size_t n_langs, cur;
	char prefix[256];       /* root/areas/pref/city/ */
	char status_topic[256];
	bool have_status, online, exercise;
	time_t fresh_at;        /* last heartbeat, UTC */
	time_t started;
	time_t rotated_at;
	time_t up_since;        /* connected since; 0 when not connected */
	struct bc_mqsub *sub;
	/* screen */
	int rows, cols;
	struct bc_buf frame, shown;
	bool tty;
};

static volatile sig_atomic_t g_stop, g_winch;

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		g_winch = 1;
	else
		g_stop = 1;
}

/* ------------------------------------------------------------------ */
/* Payloads */

/* A copy of s without control characters (C0 but '\n', DEL, C1), tabs
 * as spaces: broker text never drives the terminal. */
static char *clean_dup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t') {
			o[k++] = ' ';
		} else if (c == '\n') {
			o[k++] = '\n';
		} else if (c < 0x20 || c == 0x7F) {
			continue;
		} else if (c == 0xC2 && i + 1 < n &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9F) {
			i++; /* C1 control, U+0080..U+009F */
		} else {
			o[k++] = (char)c;
		}
	}
	o[k] = '\0';
	return o;
}

static void item_clear(struct item *it)
{
	free(it->kind);
	free(it->id);
	free(it->headline);
	free(it->since);
	free(it->expires);
	memset(it, 0, sizeof *it);
}

static void alert_clear(struct alert *a)
{
	free(a->id);
	free(a->kind);
	free(a->severity);
	free(a->msg_type);
	free(a->status);
	free(a->headline);
	free(a->body);
	free(a->issued_text);
	free(a->expires);
	for (size_t i = 0; i < a->n_actions; i++)
		free(a->actions[i]);
	memset(a, 0, sizeof *a);
}

static void view_clear(struct view *v)
{
	for (size_t i = 0; i < v->n_state; i++)
		item_clear(&v->state[i]);
	for (size_t i = 0; i < v->n_latest; i++)
		alert_clear(&v->latest[i]);
	free(v->place);
	v->place = NULL;
	v->n_state = v->n_latest = 0;
}

static int get_level(const struct bc_jr *obj)
{
	long long l = 0;
	if (bc_jr_int(bc_jr_get(obj, "level"), &l) && l >= 1 && l <= 5)
		return (int)l;
	return 0;
}

/* "2026-04-21T09:35:00+09:00" or "...Z" to a time_t; 0 if not that. */
static time_t parse_iso(const char *s)
{
	if (!s)
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	int off_h = 0, off_m = 0;
	char sign = 'Z';
	size_t n = strlen(s);
	if (n < 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
			     &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			     &tm.tm_sec) != 6)
		return 0;
	if (s[19] == '+' || s[19] == '-') {
		if (n != 25 || sscanf(s + 20, "%2d:%2d", &off_h, &off_m) != 2)
			return 0;
		sign = s[19];
	} else if (!(s[19] == 'Z' && n == 20)) {
		return 0;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	long off = (off_h * 3600L + off_m * 60L);
	return sign == '+' ? t - off : sign == '-' ? t + off : t;
}

static struct view *view_for(struct sign *sg, const char *tag)
{
	int l = bc_lang_parse(tag);
	for (size_t i = 0; i < sg->n_langs; i++)
		if ((int)sg->v[i].lang == l)
			return &sg->v[i];
	return NULL;
}

static void set_place(struct view *v, const char *name)
{
	if (!name || !*name || (v->place && strcmp(v->place, name) == 0))
		return;
	char *p = clean_dup(name);
	if (!p)
		return;
	free(v->place);
	v->place = p;
}

static void on_state(struct sign *sg, struct view *v, const struct bc_jr *r,
		     const char *topic)
{
	const struct bc_jr *alerts = bc_jr_get(r, "alerts");
	if (bc_jr_type(alerts) != BC_JR_ARR) {
		bc_warn(MOD, "%s: state without an alerts list", topic);
		return;
	}
	for (size_t i = 0; i < v->n_state; i++)
		item_clear(&v->state[i]);
	v->n_state = 0;
	for (const struct bc_jr *a = bc_jr_first(alerts);
	     a && v->n_state < MAX_STATE; a = bc_jr_next(a)) {
		const char *h = bc_jr_get_str(a, "headline");
		if (!h)
			continue;
		struct item *it = &v->state[v->n_state++];
		it->kind = clean_dup(bc_jr_get_str(a, "kind"));
		it->id = clean_dup(bc_jr_get_str(a, "id"));
		it->headline = clean_dup(h);
		it->since = clean_dup(bc_jr_get_str(a, "since"));
		it->expires = clean_dup(bc_jr_get_str(a, "expires"));
		it->level = get_level(a);
	}
	set_place(v, bc_jr_get_str(bc_jr_get(r, "area"), "name"));
	v->have_state = true;
}

static void on_alert(struct sign *sg, struct view *v, const struct bc_jr *r,
		     const char *topic)
{
	const char *id = bc_jr_get_str(r, "id");
	const char *headline = bc_jr_get_str(r, "headline");
	if (!id || !headline) {
		bc_warn(MOD, "%s: alert without id or headline", topic);
		return;
	}
	for (size_t i = 0; i < v->n_latest; i++)
		if (strcmp(v->latest[i].id, id) == 0)
			return; /* a repeat (two broadcasters, a resend) */
	if (v->n_latest == MAX_LATEST)
		alert_clear(&v->latest[--v->n_latest]);
	memmove(&v->latest[1], &v->latest[0],
		v->n_latest * sizeof v->latest[0]);
	v->n_latest++;
	struct alert *a = &v->latest[0];
	memset(a, 0, sizeof *a);
	a->id = clean_dup(id);
	a->kind = clean_dup(bc_jr_get_str(r, "kind"));
	a->severity = clean_dup(bc_jr_get_str(r, "severity"));
	a->msg_type = clean_dup(bc_jr_get_str(r, "msgType"));
	a->status = clean_dup(bc_jr_get_str(r, "status"));
	a->headline = clean_dup(headline);
	a->body = clean_dup(bc_jr_get_str(r, "body"));
	a->issued_text = clean_dup(bc_jr_get_str(r, "issuedText"));
	a->expires = clean_dup(bc_jr_get_str(r, "expires"));
	a->level = get_level(r);
	a->received = time(NULL);
	for (const struct bc_jr *x = bc_jr_first(bc_jr_get(r, "actions"));
	     x && a->n_actions < MAX_ACTIONS; x = bc_jr_next(x)) {
		const char *s = bc_jr_str(x, NULL);
		if (s)
			a->actions[a->n_actions++] = clean_dup(s);
	}
	/* The area message names this municipality first. */
	const struct bc_jr *area = bc_jr_first(bc_jr_get(r, "areas"));
	const char *code = bc_jr_get_str(area, "code");
	if (!v->place && code && strcmp(code, sg->city) == 0)
		set_place(v, bc_jr_get_str(area, "name"));
	bc_info(MOD, "%s: %s %s %s", topic, a->kind ? a->kind : "?", id,
		a->msg_type ? a->msg_type : "?");
}

static void on_status(struct sign *sg, const struct bc_jr *r, bool retained)
{
	bool online = false;
	if (!bc_jr_bool(bc_jr_get(r, "online"), &online)) {
		bc_warn(MOD, "status without 'online'");
		return;
	}
	time_t now = time(NULL);
	sg->have_status = true;
	sg->online = online;
	bool ex = false;
	sg->exercise = bc_jr_bool(bc_jr_get(r, "exercise"), &ex) && ex;
	/* A retained heartbeat may be hours old: it counts from when it was
	 * sent.  A live one counts from now (the sign's clock may be off). */
	time_t sent = parse_iso(bc_jr_get_str(r, "sent"));
	if (retained)
		sg->fresh_at = sent && sent > now ? now : sent;
	else
		sg->fresh_at = now;
}

static void on_message(void *ud, const char *topic, const void *payload,
		       size_t len, bool retained)
{
	struct sign *sg = ud;
	struct bc_jr_doc *doc = NULL;
	char why[160];
	if (len > MAX_PAYLOAD) {
		bc_warn(MOD, "%s: %zu-byte payload ignored", topic, len);
		return;
	}
	if (len == 0)
		return; /* a cleared retained message */
	if (bc_jr_parse(payload, len, NULL, &doc, why, sizeof why)) {
		bc_warn(MOD, "%s: bad JSON: %s", topic, why);
		return;
	}
	const struct bc_jr *r = bc_jr_root(doc);
	long long v = 0;
	if (!bc_jr_int(bc_jr_get(r, "v"), &v) || v != 1) {
		bc_warn(MOD, "%s: not a version 1 payload", topic);
		goto cleanup;
	}
	if (strcmp(topic, sg->status_topic) == 0) {
		on_status(sg, r, retained);
		goto cleanup;
	}
	size_t pl = strlen(sg->prefix);
	if (strncmp(topic, sg->prefix, pl) != 0)
		goto cleanup;
	char tag[32];
	const char *rest = topic + pl, *slash = strchr(rest, '/');
	if (!slash || (size_t)(slash - rest) >= sizeof tag)
		goto cleanup;
	memcpy(tag, rest, (size_t)(slash - rest));
	tag[slash - rest] = '\0';
	struct view *vw = view_for(sg, tag);
	const char *plang = bc_jr_get_str(r, "lang");
	if (!vw || !plang || strcmp(plang, tag) != 0) {
		bc_warn(MOD, "%s: language does not match the topic", topic);
		goto cleanup;
	}
	if (strcmp(slash + 1, "state") == 0)
		on_state(sg, vw, r, topic);
	else
		on_alert(sg, vw, r, topic);
cleanup:
	bc_jr_free(doc);
}

/* ------------------------------------------------------------------ */
/* Drawing */

static const char *autonym(enum bc_lang l)
{
	static const char *const names[BC_LANG__COUNT] = {
		"日本語", "やさしい にほんご", "English", "简体中文",
		"繁體中文", "한국어", "Español", "Português",
		"Bahasa Indonesia", "Tiếng Việt", "Tagalog", "ไทย", "नेपाली",
		"ខ្មែរ", "မြန်မာ", "Монгол",
	};
	return (unsigned)l < BC_LANG__COUNT ? names[l] : "?";
}

/* SGR for a level (JMA's colours as far as a terminal has them: 5 black
 * frame on purple, 4 purple, 3 red, 2 yellow) or else a severity. */
static const char *sgr_for(int level, const char *severity)
{
	if (!level && severity) {
		if (strcmp(severity, "extreme") == 0)
			level = 5;
		else if (strcmp(severity, "severe") == 0)
			level = 4;
		else if (strcmp(severity, "moderate") == 0)
			level = 3;
		else if (strcmp(severity, "minor") == 0)
			level = 2;
	}
	switch (level) {
	case 5: return "1;97;45";
	case 4: return "1;35";
	case 3: return "1;31";
	case 2: return "1;33";
	default: return "1";
	}
}

struct frame {
	struct sign *sg;
	struct bc_buf *b;
	int row, max_row;  /* rows written; rows available for content */
	int width;         /* content columns */
};

/* Start a screen row; false when the content area is full. */
static bool row_begin(struct frame *f)
{
	if (f->row >= f->max_row)
		return false;
	bc_buf_printf(f->b, "\x1b[%d;1H ", f->row + 1);
	f->row++;
	return true;
}

static void sgr(struct frame *f, const char *code)
{
	if (f->sg->color && code)
		bc_buf_printf(f->b, "\x1b[%sm", code);
}

static void row_end(struct frame *f)
{
	sgr(f, "0");
	bc_buf_adds(f->b, "\x1b[K");
}

/* Write text wrapped at the content width minus indent, each line
 * indented by indent columns (the first by first_indent, which the caller
 * has already written), in code's colour.  Returns the lines written. */
static int put_wrapped(struct frame *f, enum bc_lang lang, const char *text,
		       const char *code, int indent, bool first_open,
		       int max_lines)
{
	struct bc_l10n_line lines[MAX_WRAP];
	size_t n = 0;
	int w = f->width - indent;
	if (w < 4)
		w = 4;
	if (max_lines > MAX_WRAP)
		max_lines = MAX_WRAP;
	if (!text || max_lines <= 0)
		return 0;
	enum bc_err e = bc_l10n_wrap(lang, text, strlen(text), (size_t)w,
				     lines, (size_t)max_lines, &n);
	if (e && e != BC_E_TOOBIG)
		return 0;
	int written = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 || !first_open) {
			if (!row_begin(f))
				break;
			bc_buf_printf(f->b, "%*s", indent, "");
		}
		sgr(f, code);
		bc_buf_add(f->b, text + lines[i].off, lines[i].len);
		if (e == BC_E_TOOBIG && i + 1 == n)
			bc_buf_adds(f->b, " …");
		row_end(f);
		written++;
	}
	if (n == 0 && first_open)
		row_end(f);
	return written;
}

static void put_rule(struct frame *f)
{
	if (!row_begin(f))
		return;
	sgr(f, "2");
	for (int i = 0; i < f->width; i++)
		bc_buf_adds(f->b, "─");
	row_end(f);
}

/* One line of label text, cut at the width. */
static void put_label(struct frame *f, const char *code, const char *text)
{
	if (!row_begin(f))
		return;
	struct bc_l10n_line l[1];
	size_t n = 0;
	sgr(f, code);
	if (bc_l10n_wrap(BC_LANG_EN, text, strlen(text), (size_t)f->width, l,
			 1, &n) != BC_E_ENCODING && n)
		bc_buf_add(f->b, text + l[0].off, l[0].len);
	row_end(f);
}

static bool expired(const char *expires, time_t now)
{
	time_t t = parse_iso(expires);
	return t && t <= now;
}

static void jst_hhmm(time_t t, char *out, size_t size, bool secs)
{
	time_t j = t + 9 * 3600;
	struct tm tm;
	gmtime_r(&j, &tm);
	if (secs)
		snprintf(out, size, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min,
			 tm.tm_sec);
	else
		snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

static enum feed feed_state(const struct sign *sg, time_t now)
{
	if (sg->have_status && !sg->online)
		return FEED_OFFLINE;
	time_t since = sg->have_status ? sg->fresh_at : sg->started;
	if (now - since > sg->stale_s)
		return FEED_STALE;
	return sg->have_status ? FEED_OK : FEED_WAITING;
}

static void draw_header(struct frame *f, struct view *v, time_t now)
{
	struct sign *sg = f->sg;
	char clock[16];
	jst_hhmm(now, clock, sizeof clock, false);
	const char *place = v->place ? v->place : sg->city;
	/* place on the left, the Japan-time clock on the right */
	int room = f->width - 10;
	struct bc_l10n_line l[1];
	size_t n = 0;
	if (!row_begin(f))
		return;
	sgr(f, "1;7");
	bc_l10n_wrap(v->lang, place, strlen(place), (size_t)(room > 4 ? room :
							      4), l, 1, &n);
	size_t used = 0;
	if (n) {
		bc_buf_add(f->b, place + l[0].off, l[0].len);
		used = l[0].cols;
	}
	int pad = f->width - (int)used - (int)strlen(clock) - 4;
	bc_buf_printf(f->b, "%*s%s JST", pad > 1 ? pad : 1, "", clock);
	row_end(f);

	/* The languages, the one shown in brackets, as many as fit (the
	 * one shown always does). */
	if (!row_begin(f))
		return;
	bool drill = sg->exercise ||
		strncmp(sg->root, "bosai-exercise", 14) == 0;
	int room_l = f->width - (drill ? 12 : 0);
	size_t cols_used = 0, w_on = 0;
	bool on_done = false;
	bc_l10n_width(autonym(v->lang), strlen(autonym(v->lang)), &w_on);
	for (size_t i = 0; i < sg->n_langs; i++) {
		bool on = &sg->v[i] == v;
		const char *name = autonym(sg->v[i].lang);
		size_t w = 0;
		bc_l10n_width(name, strlen(name), &w);
		if (!on && cols_used + w + 3 + (on_done ? 0 : w_on + 3) >
		    (size_t)room_l)
			continue;
		on_done |= on;
		sgr(f, on ? "1" : "2");
		bc_buf_printf(f->b, on ? "[%s]" : " %s ", name);
		sgr(f, "0");
		bc_buf_adds(f->b, " ");
		cols_used += w + 3;
	}
	if (drill) {
		sgr(f, "1;30;43");
		bc_buf_adds(f->b, " DRILL 訓練 ");
	}
	row_end(f);
}

static void draw_in_force(struct frame *f, struct view *v, time_t now,
			  int budget)
{
	put_label(f, "1;36", "▶ In force now · 発表中");
	int used = 0;
	size_t shown = 0;
	for (size_t i = 0; i < v->n_state && used < budget; i++) {
		struct item *it = &v->state[i];
		if (expired(it->expires, now))
			continue;
		if (!row_begin(f))
			return;
		const char *code = sgr_for(it->level, NULL);
		/* a two-column tag, then two spaces: four columns */
		sgr(f, code);
		if (it->level) {
			sgr(f, "7");
			bc_buf_printf(f->b, "L%d", it->level);
		} else {
			bc_buf_adds(f->b, "• ");
		}
		sgr(f, "0");
		bc_buf_adds(f->b, "  ");
		used += put_wrapped(f, v->lang, it->headline, code, 4, true,
				    budget - used);
		shown++;
	}
	if (!shown) {
		/* No retained state at all after a while connected: the
		 * broadcaster has never had anything in force here. */
		struct sign *sg = f->sg;
		bool settled = v->have_state || (sg->up_since &&
						 now - sg->up_since >= 5);
		if (!settled)
			put_label(f, "2", "… waiting for the retained state "
				  "· 受信待ち");
		else
			put_label(f, "32", "✓ Nothing in force · "
				  "発表中の情報はありません");
	}
}

static void draw_latest(struct frame *f, struct view *v)
{
	if (!v->n_latest)
		return;
	put_rule(f);
	struct alert *a = &v->latest[0];
	char label[160];
	snprintf(label, sizeof label, "● Latest · 最新%s%s",
		 a->msg_type && strcmp(a->msg_type, "cancel") == 0 ?
		 "   CANCELLED 取消" : a->msg_type &&
		 strcmp(a->msg_type, "correction") == 0 ?
		 "   CORRECTED 訂正" : "",
		 a->status && strcmp(a->status, "actual") != 0 ?
		 "   DRILL/TEST 訓練・試験" : "");
	put_label(f, "1;36", label);
	if (a->issued_text)
		put_wrapped(f, v->lang, a->issued_text, "2", 0, false, 2);
	const char *code = sgr_for(a->level, a->severity);
	put_wrapped(f, v->lang, a->headline, code, 0, false, 8);
	if (a->body && *a->body)
		put_wrapped(f, v->lang, a->body, "0", 2, false, 30);
	for (size_t i = 0; i < a->n_actions; i++) {
		if (!row_begin(f))
			return;
		sgr(f, "1");
		bc_buf_adds(f->b, "➜ ");
		put_wrapped(f, v->lang, a->actions[i], "1", 2, true, 6);
	}
	for (size_t i = 1; i < v->n_latest; i++) {
		if (!row_begin(f))
			return;
		sgr(f, "2");
		bc_buf_adds(f->b, "· ");
		put_wrapped(f, v->lang, v->latest[i].headline, "2", 2, true,
			    2);
	}
}

/* The feed line: what the sign knows about the broadcaster and the
 * broker.  Returns its colour; text gets the words. */
static const char *footer_text(const struct sign *sg, time_t now, char *text,
			       size_t size)
{
	char t[16];
	if (!bc_mqsub_connected(sg->sub)) {
		snprintf(text, size, "⚠ no connection to the broker · "
			 "サーバーに接続できません");
		return "1;97;41";
	}
	switch (feed_state(sg, now)) {
	case FEED_OFFLINE:
		snprintf(text, size, "⚠ feed offline: the broadcaster stopped "
			 "· 配信停止中");
		return "1;97;41";
	case FEED_STALE:
		if (sg->have_status && sg->fresh_at)
			snprintf(text, size, "⚠ feed stale: no heartbeat for "
				 "%lld s · 情報が更新されていません",
				 (long long)(now - sg->fresh_at));
		else
			snprintf(text, size, "⚠ feed stale: no heartbeat "
				 "received · 情報が更新されていません");
		return "1;97;41";
	case FEED_WAITING:
		snprintf(text, size, "… waiting for the feed status");
		return "2";
	default:
		jst_hhmm(sg->fresh_at, t, sizeof t, true);
		snprintf(text, size, "● feed ok · heartbeat %s JST", t);
		return "32";
	}
}

static void draw(struct sign *sg)
{
	time_t now = time(NULL);
	struct view *v = &sg->v[sg->cur];
	int cols = sg->cols, rows = sg->rows;
	int width = sg->width_opt && sg->width_opt < cols ? sg->width_opt :
		cols;
	struct frame f = { .sg = sg, .b = &sg->frame, .row = 0,
			   .width = width - 2 };
	if (f.width < 8)
		f.width = 8;

	/* The feed line takes the bottom one or two rows. */
	char ftext[256];
	const char *fcode = footer_text(sg, now, ftext, sizeof ftext);
	struct bc_l10n_line fl[2];
	size_t nfl = 0;
	enum bc_err fe = bc_l10n_wrap(BC_LANG_EN, ftext, strlen(ftext),
				      (size_t)f.width, fl, 2, &nfl);
	if (fe && fe != BC_E_TOOBIG)
		nfl = 0;
	f.max_row = rows - (int)nfl;

	bc_buf_reset(&sg->frame);
	draw_header(&f, v, now);
	put_rule(&f);
	int budget = (rows - 8) / 2;
	draw_in_force(&f, v, now, budget < 3 ? 3 : budget);
	draw_latest(&f, v);
	/* clear what the last frame had below */
	for (int r = f.row; r < f.max_row; r++)
		bc_buf_printf(&sg->frame, "\x1b[%d;1H\x1b[K", r + 1);
	for (size_t i = 0; i < nfl; i++) {
		bc_buf_printf(&sg->frame, "\x1b[%d;1H ", f.max_row + (int)i +
			      1);
		sgr(&f, fcode);
		bc_buf_add(&sg->frame, ftext + fl[i].off, fl[i].len);
		row_end(&f);
	}
	if (sg->frame.len == sg->shown.len && sg->frame.len &&
	    memcmp(sg->frame.data, sg->shown.data, sg->frame.len) == 0)
		return;
	bc_buf_reset(&sg->shown);
	bc_buf_add(&sg->shown, sg->frame.data, sg->frame.len);
	size_t off = 0;
	while (off < sg->frame.len) {
		ssize_t w = write(STDOUT_FILENO, sg->frame.data + off,
				  sg->frame.len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
}

static void screen_size(struct sign *sg)
{
	struct winsize ws;
	sg->rows = 24;
	sg->cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row &&
	    ws.ws_col) {
		sg->rows = ws.ws_row;
		sg->cols = ws.ws_col;
	}
	if (sg->rows > MAX_ROWS)
		sg->rows = MAX_ROWS;
	if (sg->cols > MAX_COLS)
		sg->cols = MAX_COLS;
	if (sg->rows < 6)
		sg->rows = 6;
	bc_buf_reset(&sg->shown); /* redraw everything */
}

static void term_write(const char *s)
{
	ssize_t w = write(STDOUT_FILENO, s, strlen(s));
	(void)w;
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fprintf(f,
"usage: bosaicast-sign --city CODE --lang L[,L...] [options]\n"
"\n"
"Terminal signage: what is in force in one municipality, then each new\n"
"alert, in one to four languages shown in turn.\n"
"\n"
"  --city CODE          7-digit JMA municipality code (e.g. 1310100)\n"
"  --lang L[,L...]      1-4 of: ja ja-x-easy en zh-Hans zh-Hant ko es pt\n"
"                       id vi tl th ne km my mn\n"
"  --host HOST          broker (default 127.0.0.1)\n"
"  --port PORT          broker port (default 1883, 8883 with --cafile)\n"
"  --cafile FILE        TLS: the CA that signed the broker's certificate\n"
"  --username U         user name (default: anonymous)\n"
"  --password-file F    the user's password, first line of F\n"
"  --root ROOT          topic root (default bosai/v1)\n"
"  --width N            columns to use (default: the terminal's)\n"
"  --rotate S           seconds per language (default 10)\n"
"  --stale S            say \"feed stale\" after S seconds without a\n"
"                       heartbeat (default 90: three missed at 30 s)\n"
"  --no-color           no colours\n"
"  --log FILE           log here (default: stderr unless it is the\n"
"                       terminal the sign draws on)\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "city", required_argument, NULL, 'c' },
		{ "lang", required_argument, NULL, 'l' },
		{ "host", required_argument, NULL, 'H' },
		{ "port", required_argument, NULL, 'p' },
		{ "cafile", required_argument, NULL, 'C' },
		{ "username", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'P' },
		{ "root", required_argument, NULL, 'r' },
		{ "width", required_argument, NULL, 'w' },
		{ "rotate", required_argument, NULL, 'R' },
		{ "stale", required_argument, NULL, 's' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "log", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sign sg;
	struct bc_mqsub_opts mo = { 0 };
	const char *city = NULL, *langs = NULL, *log_file = NULL;
	char why[256];
	int status = 1;

	memset(&sg, 0, sizeof sg);
	sg.root = "bosai/v1";
	sg.rotate_s = 10;
	sg.stale_s = 90;
	sg.color = true;
	bc_buf_init(&sg.frame, 4u << 20);
	bc_buf_init(&sg.shown, 4u << 20);

	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': city = optarg; break;
		case 'l': langs = optarg; break;
		case 'H': mo.host = optarg; break;
		case 'p': mo.port = atoi(optarg); break;
		case 'C': mo.cafile = optarg; break;
		case 'u': mo.username = optarg; break;
		case 'P': mo.password_file = optarg; break;
		case 'r': sg.root = optarg; break;
		case 'w': sg.width_opt = atoi(optarg); break;
		case 'R': sg.rotate_s = atoi(optarg); break;
		case 's': sg.stale_s = atoi(optarg); break;
		case 'n': sg.color = false; break;
		case 'L': log_file = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 64;
		}
	}
	if (!city || strlen(city) != 7 || strspn(city, "0123456789") != 7) {
		fprintf(stderr, "bosaicast-sign: --city needs a 7-digit "
			"municipality code\n");
		return 64;
	}
	memcpy(sg.city, city, 8);
	memcpy(sg.pref, city, 2);
	if (!langs) {
		fprintf(stderr, "bosaicast-sign: --lang is required\n");
		return 64;
	}
	{
		char tmp[256];
		snprintf(tmp, sizeof tmp, "%s", langs);
		for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t;
		     t = strtok_r(NULL, ",", &save)) {
			int l = bc_lang_parse(t);
			if (l < 0 || sg.n_langs == MAX_LANGS) {
				fprintf(stderr, "bosaicast-sign: --lang: "
					"'%s' is not one of the 16 tags, or "
					"more than %d\n", t, MAX_LANGS);
				return 64;
			}
			sg.v[sg.n_langs++].lang = (enum bc_lang)l;
		}
	}
	if (sg.rotate_s < 1 || sg.stale_s < 1 || sg.width_opt < 0 ||
	    sg.width_opt > MAX_COLS || strlen(sg.root) > 128) {
		fprintf(stderr, "bosaicast-sign: --rotate/--stale must be "
			">= 1, --width 0..%d, --root at most 128 bytes\n",
			MAX_COLS);
		return 64;
	}

	char topics[MAX_LANGS + 1][320];
	const char *tp[MAX_LANGS + 1];
	snprintf(sg.prefix, sizeof sg.prefix, "%s/areas/%s/%s/", sg.root,
		 sg.pref, sg.city);
	snprintf(sg.status_topic, sizeof sg.status_topic, "%s/status",
		 sg.root);
	for (size_t i = 0; i < sg.n_langs; i++) {
		snprintf(topics[i], sizeof topics[i], "%s%s/#", sg.prefix,
			 bc_lang_tag(sg.v[i].lang));
		tp[i] = topics[i];
	}
	snprintf(topics[sg.n_langs], sizeof topics[0], "%s",
		 sg.status_topic);
	tp[sg.n_langs] = topics[sg.n_langs];
	if (bc_mqsub_new(&sg.sub, &mo, tp, sg.n_langs + 1, on_message, &sg,
			 why, sizeof why)) {
		fprintf(stderr, "bosaicast-sign: %s\n", why);
		return 64;
	}

	sg.tty = isatty(STDOUT_FILENO);
	if (log_file) {
		int fd = open(log_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd < 0) {
			fprintf(stderr, "bosaicast-sign: %s: %s\n", log_file,
				strerror(errno));
			goto cleanup;
		}
		dup2(fd, STDERR_FILENO);
		close(fd);
	} else if (sg.tty && isatty(STDERR_FILENO)) {
		/* Log lines would scribble over the sign. */
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (sg.tty)
		term_write("\x1b[?1049h\x1b[?25l\x1b[2J");
	screen_size(&sg);
	sg.started = sg.rotated_at = time(NULL);
	bc_info(MOD, "showing %s in %zu language(s)", sg.city, sg.n_langs);

	while (!g_stop) {
		bc_mqsub_poll(sg.sub, 200);
		if (!bc_mqsub_connected(sg.sub))
			sg.up_since = 0;
		else if (!sg.up_since)
			sg.up_since = time(NULL);
		if (g_winch) {
			g_winch = 0;
			screen_size(&sg);
			term_write("\x1b[2J");
		}
		time_t now = time(NULL);
		if (sg.n_langs > 1 && now - sg.rotated_at >= sg.rotate_s) {
			sg.cur = (sg.cur + 1) % sg.n_langs;
			sg.rotated_at = now;
		}
		/* Redrawn every pass: the clock, the staleness and the
		 * expiry of alerts move with time; an unchanged frame is
		 * not written. */
		draw(&sg);
	}
	status = 0;
	bc_mqsub_disconnect(sg.sub);
	if (sg.tty)
		term_write("\x1b[0m\x1b[?25h\x1b[?1049l");
cleanup:
	bc_mqsub_free(sg.sub);
	for (size_t i = 0; i < sg.n_langs; i++)
		view_clear(&sg.v[i]);
	bc_buf_free(&sg.frame);
	bc_buf_free(&sg.shown);
	bc_l10n_cleanup();
	return status;
}
