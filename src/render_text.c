/* render_text.c — JMA's free-text headline (Head/Headline/Text) in every
 * language.
 *
 * The headline is Japanese prose, but nearly all of it is JMA's standard
 * sentences ("ただちに避難してください。", "１７日２３時０６分ころ、地震による
 * 強い揺れを感じました。").  Each sentence is looked up in the dictionary
 * (bc_dict_sentence: text.* rows, with captured times and numbers); what
 * is found is translated, what is not is left out, the message says that
 * part of it is only in Japanese and lists "text:headline" in
 * untranslated.  Japanese readers get JMA's text verbatim.
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "l10n.h"
#include "log.h"
#include "render_seismic.h"

/* Brackets JMA opens a headline part with: "【特別警報（大雨）】",
 * "〔新規〕", "《氾濫発生》", "＜概況＞". */
static const char *const brackets[][2] = {
	{ "【", "】" }, { "〔", "〕" }, { "《", "》" }, { "＜", "＞" },
	{ "〈", "〉" },
};

/* A day, hour and minute ("17 23 06") or an hour and minute ("13 10") of
 * the report's time, resolved to the latest such time not more than a
 * day after the report (JMA writes the time of what happened, before the
 * report, without month or year). */
static bool resolve(const struct bc_alert *a, const char *v, bool has_day,
		    time_t *out)
{
	int d = 0, h = 0, m = 0;
	if (has_day ? sscanf(v, "%d %d %d", &d, &h, &m) != 3
		    : sscanf(v, "%d %d", &h, &m) != 2)
		return false;
	if (h > 24 || m > 59 || (has_day && (d < 1 || d > 31)))
		return false;
	char iso[26];
	bc_time_iso(a->reported, false, iso);
	int y = 0, mo = 0, rd = 0;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &mo, &rd) != 3)
		return false;
	if (!has_day)
		d = rd;
	for (int back = 0; back < 2; back++) {
		char s[64];
		int yy = y, mm = mo - back;
		if (mm < 1) {
			mm += 12;
			yy--;
		}
		/* 24時 is midnight at the end of the day. */
		snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:00+09:00",
			 yy, mm, d, h == 24 ? 0 : h, m);
		time_t t;
		if (bc_time_parse(s, &t) != BC_E_OK)
			continue;
		if (h == 24)
			t += 86400;
		/* bc_time_parse takes "31" in a 30-day month as the 1st
		 * of the next; the round trip catches it. */
		char back_iso[26];
		bc_time_iso(h == 24 ? t - 86400 : t, false, back_iso);
		if (strncmp(back_iso, s, 10) != 0)
			continue;
		if (!has_day && t > a->reported + 3600)
			t -= 86400;
		if (t <= a->reported + 86400) {
			*out = t;
			return true;
		}
	}
	return false;
}

/* The words a {terms} or {names} capture found in sentence s ("offset:
 * length,..."), translated and joined by the language's list pattern
 * into out. */
static bool listed(struct bc_renderer *r, enum bc_lang lang,
		   enum bc_dict_cap kind, const char *s, const char *val,
		   struct bc_buf *out, enum bc_err *e)
{
	const char *names[BC_DICT_CAPS * 8];
	size_t n = 0;
	const char *p = val;
	while (*p) {
		if (n == sizeof names / sizeof names[0])
			return false;
		long off, len;
		int used = 0;
		if (sscanf(p, "%ld:%ld%n", &off, &len, &used) != 2 || off < 0 ||
		    len <= 0)
			return false;
		names[n] = bc_dict_listed(r->dict, kind, s + off,
					  (size_t)len, lang);
		if (!names[n])
			return false;
		n++;
		p += used;
		if (*p == ',')
			p++;
	}
	if (!n)
		return false;
	*e = bc_l10n_list(r->l10n, lang, names, n, out);
	return !*e;
}

/* Between two sentences of a line. */
static const char *joiner(enum bc_lang lang)
{
	switch (lang) {
	case BC_LANG_ZH_HANS:
	case BC_LANG_ZH_HANT:
		return "";
	case BC_LANG_JA_EASY:
		return "　";
	default:
		return " ";
	}
}

/* A day of the month ("１９日夜遅くまで") as the date nearest the report:
 * JMA's warnings look a few days ahead, its reports back. */
static bool resolve_day(const struct bc_alert *a, int day, time_t *out)
{
	if (day < 1 || day > 31)
		return false;
	char iso[26];
	bc_time_iso(a->reported, false, iso);
	int y = 0, mo = 0;
	if (sscanf(iso, "%4d-%2d", &y, &mo) != 2)
		return false;
	bool found = false;
	long long best = 0;
	for (int k = -1; k <= 1; k++) {
		int yy = y, mm = mo + k;
		if (mm < 1) {
			mm += 12;
			yy--;
		} else if (mm > 12) {
			mm -= 12;
			yy++;
		}
		char s[64], back[26];
		snprintf(s, sizeof s, "%04d-%02d-%02dT12:00:00+09:00", yy, mm,
			 day);
		time_t t;
		if (bc_time_parse(s, &t) != BC_E_OK)
			continue;
		bc_time_iso(t, false, back);
		if (strncmp(back, s, 10) != 0)
			continue; /* the 31st of a 30-day month */
		long long dist = llabs((long long)t - (long long)a->reported);
		if (!found || dist < best) {
			best = dist;
			*out = t;
			found = true;
		}
	}
	return found;
}

/* One sentence (no final "。") in lang appended to out; false when the
 * dictionary does not know it. */
static bool sentence(struct bc_renderer *r, enum bc_lang lang, const char *s,
		     size_t n, struct bc_buf *out, enum bc_err *e)
{
	struct bc_dict_caps caps;
	const char *key = bc_dict_sentence(r->dict, s, n, &caps);
	const char *text = key ? bc_dict_key(r->dict, key, lang) : NULL;
	if (!text)
		return false;
	struct bc_var vars[BC_DICT_CAPS];
	struct bc_buf tb[BC_DICT_CAPS];
	size_t nv = 0;
	bool ok = true;
	for (size_t i = 0; i < caps.n; i++) {
		bc_buf_init(&tb[nv], 8192);
		const char *name = caps.v[i].name, *val = caps.v[i].val;
		time_t t;
		switch (caps.v[i].kind) {
		case BC_CAP_NUM: {
			/* In the language's digits, as every other number of
			 * the message (Burmese and Nepali have their own). */
			const char *dot = strchr(val, '.');
			int frac = dot ? (int)strlen(dot + 1) : 0;
			*e = bc_l10n_number(r->l10n, lang, strtod(val, NULL),
					    frac > 6 ? 6 : frac, &tb[nv]);
			break;
		}
		case BC_CAP_TERMS:
		case BC_CAP_NAMES:
		case BC_CAP_DIV:
			ok = listed(r, lang, caps.v[i].kind, s, val, &tb[nv], e);
			break;
		case BC_CAP_DAY:
			ok = resolve_day(r->a, atoi(val), &t);
			if (ok)
				*e = bc_l10n_day(r->l10n, lang, t, &tb[nv]);
			break;
		case BC_CAP_TIME:
		case BC_CAP_HM: {
			bool day = caps.v[i].kind == BC_CAP_TIME;
			ok = resolve(r->a, val, day, &t);
			if (ok)
				*e = day ? bc_rd_datetime(r, lang, t, &tb[nv])
					 : bc_rd_clock(r, lang, t, &tb[nv]);
			break;
		}
		}
		val = tb[nv].data ? tb[nv].data : "";
		vars[nv].name = name;
		vars[nv].value = val;
		nv++;
		if (!ok || *e)
			break;
	}
	if (ok && !*e) {
		if (out->len)
			*e = bc_buf_adds(out, joiner(lang));
		if (!*e)
			*e = bc_dict_expand(text, vars, nv, out);
	}
	for (size_t i = 0; i < nv; i++)
		bc_buf_free(&tb[i]);
	return ok;
}

/* A part of a line: whole if the dictionary knows it, else a leading
 * bracket and the rest, each on its own.  Returns whether all of it was
 * translated. */
static bool part(struct bc_renderer *r, enum bc_lang lang, const char *s,
		 size_t n, struct bc_buf *out, enum bc_err *e, int depth)
{
	/* Trim spaces, the ideographic one included, and the final 。. */
	for (;;) {
		if (n && (*s == ' ' || *s == '\t')) {
			s++, n--;
		} else if (n >= 3 && memcmp(s, "　", 3) == 0) {
			s += 3, n -= 3;
		} else if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
			n--;
		} else if (n >= 3 && (memcmp(s + n - 3, "　", 3) == 0 ||
				      memcmp(s + n - 3, "。", 3) == 0)) {
			n -= 3;
		} else {
			break;
		}
	}
	if (!n)
		return true;
	if (sentence(r, lang, s, n, out, e))
		return true;
	if (*e || depth > 4)
		return false;
	for (size_t b = 0; b < sizeof brackets / sizeof brackets[0]; b++) {
		size_t ol = strlen(brackets[b][0]);
		if (n <= ol || memcmp(s, brackets[b][0], ol) != 0)
			continue;
		const char *close = NULL;
		size_t cl = strlen(brackets[b][1]);
		for (size_t i = ol; i + cl <= n; i++)
			if (memcmp(s + i, brackets[b][1], cl) == 0) {
				close = s + i + cl;
				break;
			}
		if (!close || (size_t)(close - s) == n)
			return false;
		size_t hn = (size_t)(close - s);
		bool a = part(r, lang, s, hn, out, e, depth + 1);
		bool z = !*e && part(r, lang, close, n - hn, out, e, depth + 1);
		return a && z;
	}
	return false;
}

/* The sentences of a line: split after each "。" and at ideographic
 * spaces (JMA's separator between the parts of a flood headline). */
static bool line_text(struct bc_renderer *r, enum bc_lang lang, const char *s,
		      size_t n, struct bc_buf *out, enum bc_err *e)
{
	bool all = true;
	size_t start = 0;
	for (size_t i = 0; i <= n && !*e; ) {
		size_t cut = 0;
		if (i == n)
			cut = 0;
		else if (n - i >= 3 && memcmp(s + i, "。", 3) == 0)
			cut = 3;
		else if (n - i >= 3 && memcmp(s + i, "　", 3) == 0)
			cut = 3;
		else {
			i++;
			continue;
		}
		size_t end = i == n ? n : i + cut;
		if (!part(r, lang, s + start, end - start, out, e, 0)) {
			all = false;
			/* Once per document: the translators' work list. */
			if (lang == BC_LANG_EN)
				bc_log(BC_LOG_DEBUG, "render", "%s %s: headline "
				       "sentence not in the dictionary: %.*s",
				       r->a->type, r->a->source,
				       (int)(end - start), s + start);
		}
		if (i == n)
			break;
		i += cut;
		start = i;
	}
	return all;
}

enum bc_err bc_rd_headline_text(struct bc_renderer *r, enum bc_lang lang,
				struct bc_buf *out)
{
	const struct bc_alert *a = r->a;
	const char *h = a->headline_ja;
	if (!h[0])
		return BC_E_OK;
	if (lang == BC_LANG_JA)
		return bc_buf_adds(out, h);
	/* An EEW's headline ("豊後水道で地震　四国　九州で強い揺れ") says
	 * nothing its message does not: the epicentre and the regions are
	 * rendered from the document's codes. */
	if (a->kind == BC_KIND_EEW)
		return BC_E_OK;
	enum bc_err e = BC_E_OK;
	bool all = true;
	struct bc_buf ln;
	bc_buf_init(&ln, BC_RD_TEXT_MAX);
	for (const char *p = h; *p && !e;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		bc_buf_reset(&ln);
		if (!line_text(r, lang, p, n, &ln, &e))
			all = false;
		if (!e && ln.len) {
			if (out->len)
				e = bc_buf_addc(out, '\n');
			if (!e)
				e = bc_buf_add(out, ln.data, ln.len);
		}
		p += n + (nl != NULL);
	}
	bc_buf_free(&ln);
	if (!all) {
		/* What is left out must not read as all there is: a partial
		 * headline can give an earlier end or miss a hazard. */
		bc_rd_untranslated(r, "text", "headline");
		if (!e && out->len)
			e = bc_buf_addc(out, '\n');
		if (!e)
			e = bc_buf_adds(out, bc_rd_phrase(r, lang,
						     "msg.more-in-japanese"));
	}
	return e;
}
