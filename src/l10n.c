/* l10n.c — dates, numbers, lists, NFC, script checks and kana romanisation
 * on ICU 72.  The only file of bosaicast that includes ICU headers.
 *
 * Formatters are opened once per language (creating them costs far more
 * than using them) and the UTF-16 scratch space is kept in struct bc_l10n,
 * so formatting one of the ~30 000 messages of a nationwide alert allocates
 * nothing.  UTF-8 validation and decoding are ours, not ICU's: they run on
 * every document and template, and one strict decoder keeps bc_utf8_valid
 * and the script checks in agreement.
 */
#include "l10n.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ulistformatter.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>

#include "log.h"

#define MOD "l10n"

/* Limits on inputs.  Place names and message parts are far below them. */
#define MAX_TEXT (16u << 20)      /* bytes normalised or checked at once */
#define MAX_LIST_ITEMS 10000
#define MAX_LIST_BYTES (1u << 20) /* all items of one list together */
#define MAX_KANA 1024             /* bytes of one kana reading */
#define MAX_FRAC 9
#define MAX_SCRATCH (4u << 20)    /* UChars in a scratch buffer */

/* Times outside these years are refused rather than formatted: JMA
 * documents are dated near now, and ICU's results far away are of no use. */
#define T_MIN ((time_t)-2208988800LL) /* 1900-01-01T00:00:00Z */
#define T_MAX ((time_t)32503680000LL) /* 3000-01-01T00:00:00Z */

/* The last formatted time per language and kind: every message of one
 * alert shows the same report time. */
struct tcache {
	time_t t;
	unsigned char len; /* 0: empty */
	char s[127];
};

struct fmt {
	UDateFormat *dt;    /* medium date + short time, Asia/Tokyo */
	UDateFormat *tm;    /* short time, Asia/Tokyo */
	UDateFormat *day;   /* month and day, Asia/Tokyo */
	UNumberFormat *num; /* decimal, fraction digits set per call */
	UListFormatter *list;
	int frac;           /* fraction digits num is set to; -1 unknown */
	struct tcache dt_cache, tm_cache, day_cache;
};

struct bc_l10n {
	struct fmt f[BC_LANG__COUNT];
	UTransliterator *kana;
	/* UTF-16 scratch: u1 for input and list items, u2 for ICU output */
	UChar *u1, *u2;
	int32_t u1_cap, u2_cap;
	const UChar **items;  /* list item pointers */
	int32_t *item_lens;
	size_t items_cap;
};

/* ------------------------------------------------------------------ */
/* UTF-8 */

/* Decode one strict UTF-8 sequence at s[*i] (n bytes in all); returns the
 * code point and advances *i, or returns -1 (leaving *i) if the bytes are
 * not well-formed: overlong forms, surrogates, > U+10FFFF, truncation. */
static int32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	size_t p = *i;
	unsigned c = s[p];
	if (c < 0x80) {
		*i = p + 1;
		return (int32_t)c;
	}
	unsigned lo = 0x80, hi = 0xBF;
	size_t len;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* > U+10FFFF */
	} else {
		return -1; /* continuation byte, C0/C1 overlong, F5..FF */
	}
	if (n - p < len)
		return -1;
	unsigned b = s[p + 1];
	if (b < lo || b > hi)
		return -1;
	cp = (cp << 6) | (b & 0x3F);
	for (size_t k = 2; k < len; k++) {
		b = s[p + k];
		if (b < 0x80 || b > 0xBF)
			return -1;
		cp = (cp << 6) | (b & 0x3F);
	}
	*i = p + len;
	return (int32_t)cp;
}

bool bc_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (!s)
		return n == 0;
	while (i < n) {
		/* Most text is ASCII: skip it eight bytes at a time. */
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_next(s, n, &i) < 0)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Scratch and conversion */

static enum bc_err grow(UChar **p, int32_t *cap, int32_t need)
{
	if (need <= *cap)
		return BC_E_OK;
	if ((uint32_t)need > MAX_SCRATCH)
		return BC_E_TOOBIG;
	int32_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	UChar *q = realloc(*p, (size_t)c * sizeof **p);
	if (!q)
		return BC_E_NOMEM;
	*p = q;
	*cap = c;
	return BC_E_OK;
}

/* Append UTF-16 as UTF-8 to out, through a stack buffer for the short
 * strings of the hot path. */
static enum bc_err append_u16(const UChar *u, int32_t n, struct bc_buf *out)
{
	char stack[512];
	char *p = stack;
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;
	enum bc_err e;

	u_strToUTF8(p, (int32_t)sizeof stack, &len, u, n, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		p = malloc((size_t)len + 1);
		if (!p)
			return BC_E_NOMEM;
		err = U_ZERO_ERROR;
		u_strToUTF8(p, len + 1, &len, u, n, &err);
	}
	/* Failure means an unpaired surrogate from ICU: not expected. */
	e = U_FAILURE(err) ? BC_E_ENCODING : bc_buf_add(out, p, (size_t)len);
	if (p != stack)
		free(p);
	return e;
}

/* UTF-8 (already validated) into *dst from offset at, growing it. */
static enum bc_err to_u16(const char *s, size_t n, UChar **dst, int32_t *cap,
			  int32_t at, int32_t *len)
{
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	enum bc_err e = grow(dst, cap, at + (int32_t)n + 1);
	if (e)
		return e;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(*dst + at, *cap - at, len, s, (int32_t)n, &err);
	return U_FAILURE(err) ? BC_E_ENCODING : BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* Opening */

static const char *const skel_datetime = "yMMMdjmm";
static const char *const skel_time = "jmm";
static const char *const skel_day = "MMMd";
/* Plain Japanese writes 午後11時, not 23時: the 12-hour clock. */
static const char *const skel_easy_datetime = "yMMMdhmm";
static const char *const skel_easy_time = "hmm";
/* ICU's Khmer data writes the 12-hour clock's "AM"/"PM" in Latin letters,
 * which a Khmer message must not carry: the 24-hour clock instead. */
static const char *const skel_24_datetime = "yMMMdHmm";
static const char *const skel_24_time = "Hmm";

static void set_why(char *why, size_t size, enum bc_lang lang,
		    const char *what, UErrorCode err)
{
	if (why && size)
		snprintf(why, size, "%s (%s): %s: %s", bc_lang_tag(lang),
			 bc_lang_icu_locale(lang), what, u_errorName(err));
}

/* ICU falls back to the default locale or root when it has no data for a
 * language; such a formatter would put English into a Thai message. */
static bool same_language(const char *want, const char *got)
{
	size_t a = strcspn(want, "_@"), b = strcspn(got, "_@");
	return got[0] && a == b && memcmp(want, got, a) == 0;
}

static UDateFormat *open_date(UDateTimePatternGenerator *gen,
			      const char *loc, const char *skeleton,
			      UErrorCode *err)
{
	static const UChar tokyo[] = { 'A', 's', 'i', 'a', '/', 'T', 'o', 'k',
				       'y', 'o', 0 };
	UChar skel[16], pat[128];
	u_uastrncpy(skel, skeleton, (int32_t)(sizeof skel / sizeof *skel));
	int32_t plen = udatpg_getBestPattern(gen, skel, -1, pat,
					     (int32_t)(sizeof pat / sizeof *pat),
					     err);
	if (U_FAILURE(*err))
		return NULL;
	return udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, tokyo, -1, pat,
			 plen, err);
}

static enum bc_err open_lang(struct fmt *f, enum bc_lang lang, char *why,
			     size_t why_size)
{
	const char *loc = bc_lang_icu_locale(lang);
	bool easy = lang == BC_LANG_JA_EASY;
	UErrorCode err = U_ZERO_ERROR;
	UDateTimePatternGenerator *gen = NULL;
	enum bc_err e = BC_E_ICU;
	const char *what = "udatpg_open";
	const char *got;

	f->frac = -1;
	gen = udatpg_open(loc, &err);
	if (U_FAILURE(err))
		goto cleanup;
	what = "date-time format";
	bool h24 = lang == BC_LANG_KM;
	f->dt = open_date(gen, loc, easy ? skel_easy_datetime :
				    h24 ? skel_24_datetime : skel_datetime,
			  &err);
	if (U_FAILURE(err))
		goto cleanup;
	what = "time format";
	f->tm = open_date(gen, loc, easy ? skel_easy_time :
				    h24 ? skel_24_time : skel_time, &err);
	if (U_FAILURE(err))
		goto cleanup;
	what = "day format";
	f->day = open_date(gen, loc, skel_day, &err);
	if (U_FAILURE(err))
		goto cleanup;
	what = "unum_open";
	f->num = unum_open(UNUM_DECIMAL, NULL, 0, loc, NULL, &err);
	if (U_FAILURE(err))
		goto cleanup;
	/* Shown measurements round half up (M6.25 -> 6.3), as people do. */
	unum_setAttribute(f->num, UNUM_ROUNDING_MODE, UNUM_ROUND_HALFUP);
	what = "ulistfmt_open";
	f->list = ulistfmt_open(loc, &err);
	if (U_FAILURE(err))
		goto cleanup;

	/* (A date format opened from a pattern records no locale.) */
	what = "no locale data (fallback)";
	got = unum_getLocaleByType(f->num, ULOC_VALID_LOCALE, &err);
	if (U_FAILURE(err) || !got || !same_language(loc, got))
		goto cleanup;
	e = BC_E_OK;
cleanup:
	if (e) {
		set_why(why, why_size, lang, what, err);
		bc_err_log(MOD, "cannot open formatters for %s (%s): %s: %s",
			   bc_lang_tag(lang), loc, what, u_errorName(err));
	}
	udatpg_close(gen);
	return e;
}

static enum bc_err open_kana(struct bc_l10n *l, char *why, size_t why_size);

enum bc_err bc_l10n_open(struct bc_l10n **out, char *why, size_t why_size)
{
	struct bc_l10n *l = NULL;
	enum bc_err e = BC_E_NOMEM;

	if (!out)
		return BC_E_INVAL;
	*out = NULL;
	if (why && why_size)
		why[0] = '\0';
	l = calloc(1, sizeof *l);
	if (!l) {
		if (why && why_size)
			snprintf(why, why_size, "out of memory");
		goto cleanup;
	}
	for (int i = 0; i < BC_LANG__COUNT; i++) {
		e = open_lang(&l->f[i], (enum bc_lang)i, why, why_size);
		if (e)
			goto cleanup;
	}
	e = open_kana(l, why, why_size);
	if (e)
		goto cleanup;
	if (grow(&l->u1, &l->u1_cap, 1024) || grow(&l->u2, &l->u2_cap, 1024)) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	*out = l;
	l = NULL;
cleanup:
	bc_l10n_close(l);
	return e;
}

void bc_l10n_close(struct bc_l10n *l)
{
	if (!l)
		return;
	for (int i = 0; i < BC_LANG__COUNT; i++) {
		struct fmt *f = &l->f[i];
		if (f->dt)
			udat_close(f->dt);
		if (f->tm)
			udat_close(f->tm);
		if (f->day)
			udat_close(f->day);
		if (f->num)
			unum_close(f->num);
		if (f->list)
			ulistfmt_close(f->list);
	}
	if (l->kana)
		utrans_close(l->kana);
	free(l->u1);
	free(l->u2);
	free(l->items);
	free(l->item_lens);
	free(l);
}

void bc_l10n_cleanup(void)
{
	u_cleanup();
}

/* ------------------------------------------------------------------ */
/* Formatting */

static enum bc_err format_date(struct bc_l10n *l, UDateFormat *df,
			       struct tcache *c, time_t t, struct bc_buf *out)
{
	if (c->len && c->t == t)
		return bc_buf_add(out, c->s, c->len);
	if (t < T_MIN || t >= T_MAX)
		return BC_E_ABSURD;

	UErrorCode err = U_ZERO_ERROR;
	int32_t n = udat_format(df, (UDate)t * 1000.0, l->u2, l->u2_cap, NULL,
				&err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		enum bc_err e = grow(&l->u2, &l->u2_cap, n + 1);
		if (e)
			return e;
		err = U_ZERO_ERROR;
		n = udat_format(df, (UDate)t * 1000.0, l->u2, l->u2_cap, NULL,
				&err);
	}
	if (U_FAILURE(err)) {
		bc_err_log(MOD, "udat_format(%lld): %s", (long long)t,
			   u_errorName(err));
		return BC_E_ICU;
	}

	/* CLDR 42 puts U+202F NARROW NO-BREAK SPACE before AM/PM ("11:00 PM")
	 * and in Mongolian dates; embedded signage fonts draw it as a box and
	 * naive consumers do not see a space, so messages use a plain one. */
	for (int32_t i = 0; i < n; i++)
		if (l->u2[i] == 0x202F)
			l->u2[i] = ' ';

	/* Convert once, into the cache if it fits, then append. */
	int32_t len = 0;
	err = U_ZERO_ERROR;
	u_strToUTF8(c->s, (int32_t)sizeof c->s, &len, l->u2, n, &err);
	if (U_SUCCESS(err) && len > 0 && len < (int32_t)sizeof c->s) {
		c->t = t;
		c->len = (unsigned char)len;
		return bc_buf_add(out, c->s, (size_t)len);
	}
	c->len = 0;
	return append_u16(l->u2, n, out);
}

enum bc_err bc_l10n_datetime(struct bc_l10n *l, enum bc_lang lang, time_t t,
			     struct bc_buf *out)
{
	if (!l || !out || (unsigned)lang >= BC_LANG__COUNT)
		return BC_E_INVAL;
	struct fmt *f = &l->f[lang];
	return format_date(l, f->dt, &f->dt_cache, t, out);
}

enum bc_err bc_l10n_time(struct bc_l10n *l, enum bc_lang lang, time_t t,
			 struct bc_buf *out)
{
	if (!l || !out || (unsigned)lang >= BC_LANG__COUNT)
		return BC_E_INVAL;
	struct fmt *f = &l->f[lang];
	return format_date(l, f->tm, &f->tm_cache, t, out);
}

enum bc_err bc_l10n_day(struct bc_l10n *l, enum bc_lang lang, time_t t,
			struct bc_buf *out)
{
	if (!l || !out || (unsigned)lang >= BC_LANG__COUNT)
		return BC_E_INVAL;
	struct fmt *f = &l->f[lang];
	return format_date(l, f->day, &f->day_cache, t, out);
}

enum bc_err bc_l10n_number(struct bc_l10n *l, enum bc_lang lang, double v,
			   int frac, struct bc_buf *out)
{
	if (!l || !out || (unsigned)lang >= BC_LANG__COUNT || !isfinite(v) ||
	    frac < 0 || frac > MAX_FRAC)
		return BC_E_INVAL;
	struct fmt *f = &l->f[lang];
	if (f->frac != frac) {
		unum_setAttribute(f->num, UNUM_MIN_FRACTION_DIGITS, frac);
		unum_setAttribute(f->num, UNUM_MAX_FRACTION_DIGITS, frac);
		f->frac = frac;
	}
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = unum_formatDouble(f->num, v, l->u2, l->u2_cap, NULL, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		enum bc_err e = grow(&l->u2, &l->u2_cap, n + 1);
		if (e)
			return e;
		err = U_ZERO_ERROR;
		n = unum_formatDouble(f->num, v, l->u2, l->u2_cap, NULL, &err);
	}
	if (U_FAILURE(err)) {
		bc_err_log(MOD, "unum_formatDouble(%g): %s", v,
			   u_errorName(err));
		return BC_E_ICU;
	}
	return append_u16(l->u2, n, out);
}

/* CLDR 42's Nepali list pattern joins the first two of three or more items
 * with "," and no space ("A,B, C र D"), unlike its own middle pattern;
 * Nepali prose puts a space after the comma. */
static int32_t fix_nepali_list(UChar *u, int32_t n, int32_t cap,
			       int32_t first_len)
{
	if (first_len >= n - 1 || u[first_len] != ',' ||
	    u[first_len + 1] == ' ' || n + 1 > cap)
		return n;
	memmove(u + first_len + 2, u + first_len + 1,
		(size_t)(n - first_len - 1) * sizeof *u);
	u[first_len + 1] = ' ';
	return n + 1;
}

enum bc_err bc_l10n_list(struct bc_l10n *l, enum bc_lang lang,
			 const char *const *items, size_t n,
			 struct bc_buf *out)
{
	enum bc_err e;
	if (!l || !out || (unsigned)lang >= BC_LANG__COUNT || (n && !items))
		return BC_E_INVAL;
	if (n == 0)
		return BC_E_OK;
	if (n > MAX_LIST_ITEMS)
		return BC_E_TOOBIG;
	if (n > l->items_cap) {
		size_t cap = l->items_cap ? l->items_cap : 16;
		while (cap < n)
			cap *= 2;
		const UChar **p = realloc(l->items, cap * sizeof *p);
		if (!p)
			return BC_E_NOMEM;
		l->items = p;
		int32_t *q = realloc(l->item_lens, cap * sizeof *q);
		if (!q)
			return BC_E_NOMEM;
		l->item_lens = q;
		l->items_cap = cap;
	}

	/* All items go into u1 one after another; pointers are taken after,
	 * as u1 may move while it grows. */
	size_t total = 0;
	int32_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (!items[i])
			return BC_E_INVAL;
		size_t len = strlen(items[i]);
		total += len;
		if (total > MAX_LIST_BYTES)
			return BC_E_TOOBIG;
		if (!bc_utf8_valid(items[i], len))
			return BC_E_ENCODING;
		int32_t ulen = 0;
		e = to_u16(items[i], len, &l->u1, &l->u1_cap, at, &ulen);
		if (e)
			return e;
		l->item_lens[i] = ulen;
		at += ulen;
	}
	at = 0;
	for (size_t i = 0; i < n; i++) {
		l->items[i] = l->u1 + at;
		at += l->item_lens[i];
	}

	UErrorCode err = U_ZERO_ERROR;
	UListFormatter *lf = l->f[lang].list;
	int32_t len = ulistfmt_format(lf, l->items, l->item_lens, (int32_t)n,
				      l->u2, l->u2_cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		e = grow(&l->u2, &l->u2_cap, len + 2);
		if (e)
			return e;
		err = U_ZERO_ERROR;
		len = ulistfmt_format(lf, l->items, l->item_lens, (int32_t)n,
				      l->u2, l->u2_cap, &err);
	}
	if (U_FAILURE(err)) {
		bc_err_log(MOD, "ulistfmt_format(%zu items): %s", n,
			   u_errorName(err));
		return BC_E_ICU;
	}
	if (lang == BC_LANG_NE && n >= 3) {
		e = grow(&l->u2, &l->u2_cap, len + 2);
		if (e)
			return e;
		len = fix_nepali_list(l->u2, len, l->u2_cap, l->item_lens[0]);
	}
	return append_u16(l->u2, len, out);
}

/* ------------------------------------------------------------------ */
/* NFC */

/* Every code point below U+0300 is NFC and never combines with what
 * precedes it; in UTF-8 those are exactly the bytes below 0xCC. */
static bool below_u0300(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xCC)
			return false;
	return true;
}

/* Decide whether s is NFC; if not and out is given, append its NFC. */
static enum bc_err nfc_run(const char *s, size_t n, struct bc_buf *out,
			   bool *is_nfc)
{
	UChar stack1[512], stack2[1024];
	UChar *u = stack1, *v = stack2;
	int32_t ucap = (int32_t)(sizeof stack1 / sizeof *stack1);
	int32_t vcap = (int32_t)(sizeof stack2 / sizeof *stack2);
	int32_t ulen = 0;
	UErrorCode err = U_ZERO_ERROR;
	enum bc_err e = BC_E_OK;

	if (n > MAX_TEXT)
		return BC_E_TOOBIG;
	if (!bc_utf8_valid(s, n))
		return BC_E_ENCODING;
	if (below_u0300(s, n)) {
		*is_nfc = true;
		return out ? bc_buf_add(out, s, n) : BC_E_OK;
	}

	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return BC_E_ICU;
	if ((int32_t)n + 1 > ucap) {
		ucap = (int32_t)n + 1;
		u = malloc((size_t)ucap * sizeof *u);
		if (!u) {
			u = stack1;
			return BC_E_NOMEM;
		}
	}
	u_strFromUTF8(u, ucap, &ulen, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		e = BC_E_ENCODING;
		goto cleanup;
	}
	int32_t span = unorm2_spanQuickCheckYes(nfc, u, ulen, &err);
	if (U_FAILURE(err)) {
		e = BC_E_ICU;
		goto cleanup;
	}
	if (span == ulen) {
		*is_nfc = true;
		if (out)
			e = bc_buf_add(out, s, n);
		goto cleanup;
	}
	if (!out) {
		/* Past the span a "maybe" needs the full test. */
		*is_nfc = unorm2_isNormalized(nfc, u, ulen, &err);
		if (U_FAILURE(err))
			e = BC_E_ICU;
		goto cleanup;
	}
	int32_t vlen = unorm2_normalize(nfc, u, ulen, v, vcap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		vcap = vlen + 1;
		v = malloc((size_t)vcap * sizeof *v);
		if (!v) {
			v = stack2;
			e = BC_E_NOMEM;
			goto cleanup;
		}
		err = U_ZERO_ERROR;
		vlen = unorm2_normalize(nfc, u, ulen, v, vcap, &err);
	}
	if (U_FAILURE(err)) {
		e = BC_E_ICU;
		goto cleanup;
	}
	*is_nfc = false;
	e = append_u16(v, vlen, out);
cleanup:
	if (u != stack1)
		free(u);
	if (v != stack2)
		free(v);
	return e;
}

enum bc_err bc_l10n_nfc(const char *s, size_t n, struct bc_buf *out)
{
	bool yes;
	if ((!s && n) || !out)
		return BC_E_INVAL;
	return nfc_run(s ? s : "", n, out, &yes);
}

bool bc_l10n_is_nfc(const char *s, size_t n)
{
	bool yes = false;
	if (!s && n)
		return false;
	return nfc_run(s ? s : "", n, NULL, &yes) == BC_E_OK && yes;
}

/* ------------------------------------------------------------------ */
/* Script checks */

/* Han characters in a form only Japanese uses: shinjitai that differ from
 * both simplified and traditional Chinese (広 vs 广/廣, 県 vs 县/縣, 駅,
 * 発, 気) and a few kokuji.  Chosen from ICU's ja exemplar characters
 * that are in neither the zh nor the zh_Hant exemplars, keeping only forms
 * standard Chinese does not write; kokuji that JMA's own Chinese place
 * names use (栃木, 田野畑, 高畠, 水俣, 美咲) are left out.  Sorted. */
static const uint16_t ja_only_han[] = {
	0x3005, 0x4E21, 0x4E57, 0x4E80, 0x4E9C, 0x4ECF, 0x4EEE, 0x4F1D,
	0x4FA1, 0x5024, 0x5039, 0x50CD, 0x514E, 0x5150, 0x5186, 0x51E6,
	0x51E7, 0x5263, 0x5264, 0x5270, 0x52B4, 0x52B9, 0x52E7, 0x52F2,
	0x5302, 0x5358, 0x53B3, 0x53CE, 0x5449, 0x55A9, 0x55B6, 0x56E3,
	0x56F2, 0x56F3, 0x570F, 0x5727, 0x5840, 0x5841, 0x5869, 0x5897,
	0x58CA, 0x58CC, 0x58F1, 0x58F2, 0x5909, 0x5968, 0x59C9, 0x59EB,
	0x5A2F, 0x5B22, 0x5B9F, 0x5BDB, 0x5BFE, 0x5C02, 0x5DE3, 0x5DFB,
	0x5E2F, 0x5E30, 0x5E81, 0x5E83, 0x5EC3, 0x5F10, 0x5F3E, 0x5F93,
	0x5FB3, 0x5FB4, 0x5FDC, 0x6075, 0x60A9, 0x60AA, 0x61D0, 0x6226,
	0x622F, 0x6238, 0x623B, 0x6255, 0x6271, 0x629C, 0x629E, 0x62DD,
	0x62E0, 0x62E1, 0x6319, 0x633F, 0x6357, 0x635C, 0x63B2, 0x63C3,
	0x63FA, 0x643E, 0x6442, 0x6483, 0x6589, 0x658E, 0x6669, 0x6681,
	0x66A6, 0x66FD, 0x67A0, 0x67FB, 0x6804, 0x685C, 0x685F, 0x691C,
	0x697D, 0x69D8, 0x6A29, 0x6B53, 0x6B69, 0x6B6F, 0x6B73, 0x6B74,
	0x6BBB, 0x6BCE, 0x6C17, 0x6C37, 0x6C5A, 0x6CA2, 0x6D44, 0x6D99,
	0x6E07, 0x6E08, 0x6E09, 0x6E0B, 0x6E13, 0x6E80, 0x6EDD, 0x702C,
	0x713C, 0x72A0, 0x731F, 0x7363, 0x7523, 0x7573, 0x75E9, 0x767A,
	0x770C, 0x7815, 0x7A32, 0x7A42, 0x7A4F, 0x7A93, 0x7ADC, 0x7C8B,
	0x7C9B, 0x7D4C, 0x7D75, 0x7D76, 0x7D99, 0x7D9A, 0x7DCF, 0x7DD1,
	0x7E01, 0x7E04, 0x7E26, 0x7E4A, 0x7E4D, 0x7E70, 0x7F6B, 0x8074,
	0x8133, 0x81D3, 0x820E, 0x8217, 0x8276, 0x8358, 0x8535, 0x85AB,
	0x85AC, 0x86CD, 0x8987, 0x899A, 0x89A7, 0x89B3, 0x8A33, 0x8AAC,
	0x8AAD, 0x8B21, 0x8B72, 0x8CDB, 0x8EE2, 0x8EFD, 0x8FBA, 0x8FBC,
	0x9013, 0x9045, 0x90F7, 0x9154, 0x91B8, 0x91C8, 0x9244, 0x9271,
	0x92AD, 0x92ED, 0x92F2, 0x92F3, 0x932C, 0x9332, 0x95A2, 0x95B2,
	0x95D8, 0x9665, 0x967A, 0x96A0, 0x96A3, 0x96B7, 0x96D1, 0x970A,
	0x9830, 0x983C, 0x9854, 0x9855, 0x99C4, 0x99C5, 0x99C6, 0x9A12,
	0x9A13, 0x9AC4, 0x9AEA, 0x9D8F, 0x9EBA, 0x9ED2, 0x9ED9, 0x9F62,
};

static bool is_ja_only_han(UChar32 c)
{
	size_t lo = 0, hi = sizeof ja_only_han / sizeof *ja_only_han;
	if (c < 0x3005 || c > 0x9F62)
		return false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ja_only_han[mid] == c)
			return true;
		if (ja_only_han[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static bool is_kana_script(UScriptCode sc)
{
	return sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
	       sc == USCRIPT_KATAKANA_OR_HIRAGANA;
}

/* Common or Inherited characters used only with kana: ー, ゛, ゜, the
 * combining voiced marks, the half-width ｰ ﾞ ﾟ (Script_Extensions). */
static bool is_kana_mark(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode scx[8];
	int32_t k = uscript_getScriptExtensions(c, scx, 8, &err);
	if (U_FAILURE(err) || k < 1)
		return false;
	for (int32_t i = 0; i < k; i++)
		if (!is_kana_script(scx[i]))
			return false;
	return true;
}

/* Punctuation that gives Japanese away in a message in another script:
 * 。、「」『』【】〜, the ideographic space, the middle dot ・, full-width
 * ASCII and half-width CJK punctuation. */
/* CJK punctuation (the whole block: 。、「」《》〔〕【】〜 and the
 * ideographic space), the katakana middle dot and full-width forms: a
 * message in a language not written in CJK characters has no use for
 * them, and the corpus test counts them as Japanese. */
static bool is_ja_punct(UChar32 c)
{
	return (c >= 0x3000 && c <= 0x303F) || c == 0x30FB ||
	       (c >= 0xFF01 && c <= 0xFF5E) || (c >= 0xFF61 && c <= 0xFF65);
}

bool bc_l10n_has_japanese(const char *str, size_t n, bool han_counts)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (!s)
		return false;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t c = utf8_next(s, n, &i);
		if (c < 0) {
			i++; /* not UTF-8, not Japanese: skip the byte */
			continue;
		}
		if (c < 0x2E80)
			continue; /* below the CJK radicals: no kana or Han */
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &err);
		if (is_kana_script(sc))
			return true;
		if ((sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) &&
		    is_kana_mark(c))
			return true;
		if (han_counts) {
			if (sc == USCRIPT_HAN || is_ja_punct(c))
				return true;
		} else if (is_ja_only_han(c)) {
			return true;
		}
	}
	return false;
}

/* The scripts each language writes in besides Latin, Common and
 * Inherited.  Korean alerts are written in Hangul alone: Hanja in one
 * would be a leak, not a style. */
static int allowed_scripts(enum bc_lang lang, UScriptCode *out)
{
	const char *s = bc_lang_script(lang);
	if (strcmp(s, "Jpan") == 0) {
		out[0] = USCRIPT_HAN;
		out[1] = USCRIPT_HIRAGANA;
		out[2] = USCRIPT_KATAKANA;
		out[3] = USCRIPT_KATAKANA_OR_HIRAGANA;
		return 4;
	}
	if (strcmp(s, "Hans") == 0 || strcmp(s, "Hant") == 0) {
		out[0] = USCRIPT_HAN;
		return 1;
	}
	if (strcmp(s, "Latn") == 0)
		return 0;
	/* "Hang", "Thai", "Deva", "Khmr", "Mymr", "Cyrl" */
	int32_t sc = u_getPropertyValueEnum(UCHAR_SCRIPT, s);
	if (sc == UCHAR_INVALID_CODE)
		return 0;
	out[0] = (UScriptCode)sc;
	return 1;
}

static bool in_set(UScriptCode sc, const UScriptCode *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set[i] == sc)
			return true;
	return false;
}

/* Full-width ASCII, full-width signs and the ideographic space: typography
 * of the CJK languages, a sign of leaked Japanese anywhere else. */
static bool is_cjk_width(UChar32 c)
{
	return c == 0x3000 || (c >= 0xFF01 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6);
}

bool bc_l10n_script_mismatch(const char *str, size_t n, enum bc_lang lang,
			     unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	UScriptCode allowed[4];
	int na;
	size_t i = 0;
	unsigned dummy;

	if (!cp)
		cp = &dummy;
	if (!s || (unsigned)lang >= BC_LANG__COUNT)
		return false;
	na = allowed_scripts(lang, allowed);
	bool cjk = strcmp(bc_lang_script(lang), "Latn") != 0 &&
		   (in_set(USCRIPT_HAN, allowed, na) ||
		    strcmp(bc_lang_script(lang), "Hang") == 0);
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t c = utf8_next(s, n, &i);
		if (c < 0) {
			*cp = 0xFFFD; /* not UTF-8: fails every language */
			return true;
		}
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &err);
		if (U_FAILURE(err)) {
			*cp = (unsigned)c;
			return true;
		}
		if (sc == USCRIPT_LATIN || in_set(sc, allowed, na))
			continue;
		if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) {
			*cp = (unsigned)c; /* another script, or unassigned */
			return true;
		}
		if (is_cjk_width(c)) {
			if (cjk)
				continue;
			*cp = (unsigned)c;
			return true;
		}
		/* A Common character used by a few scripts only (、 ー ।)
		 * belongs where one of them is expected. */
		UScriptCode scx[32];
		int32_t k = uscript_getScriptExtensions(c, scx, 32, &err);
		if (U_FAILURE(err) || k <= 1)
			continue; /* plain Common: digits, punctuation */
		bool ok = false;
		for (int32_t j = 0; j < k && !ok; j++)
			ok = scx[j] == USCRIPT_LATIN ||
			     in_set(scx[j], allowed, na);
		if (!ok) {
			*cp = (unsigned)c;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Kana to Latin */

/* ICU's Hiragana-Latin writes "toukyou", "oosaka", "dji", "dzu", "n'" and
 * "shinbashi"; JMA's English names are "Tokyo", "Osaka", "Tenei",
 * "Nambu", "Gotemba".  These rules turn the first into the second; each
 * was kept only if it helps on the oracle (data/places/
 * area_kana_oracle.tsv, the enName of every JMA class20 area).
 *
 * The leading Null is there because a filtered first statement makes ICU
 * 72 read the filter as a global one and pass everything through. */
static const char kana_rules[] =
	":: Null ;\n"
	/* half-width katakana (ｶﾞ) to full-width */
	":: [\\uFF61-\\uFF9F] NFKC ;\n"
	/* ー: long vowels are folded anyway, and Katakana-Hiragana would
	 * spell it out (ラーメン -> らあめん) */
	"\\u30FC > ;\n"
	":: Katakana-Hiragana ;\n"
	":: Hiragana-Latin ;\n"
	/* ぢ, づ: Hepburn writes them like じ, ず */
	"dj } [aeiou] > j ;\n"
	"dzu > zu ;\n"
	/* syllabic ん before a vowel or y: JMA writes no apostrophe
	 * (Tenei, Onna, Nanyo) */
	"n \\' > n ;\n"
	/* ん before a labial: Nambu, Gotemba, Sammu */
	"n } [bmp] > m ;\n"
	/* つ+浦 is two vowels, not a long one (Katsuura, Matsuura) */
	"tsuu } ra > tsuu ;\n"
	/* の+内 (Yamanouchi, Wanouchi) */
	"nouchi > nouchi ;\n"
	/* a final お is a syllable of its own (Hiroo, Soo) */
	"oo } [\\u0020\\u30FB\\u3000] > oo ;\n"
	"oo } $ > oo ;\n"
	/* long vowels folded, without macrons */
	"ou > o ;\n"
	"oo > o ;\n"
	"uu > u ;\n"
	/* small vowels of loanwords, which ICU leaves as "vu~a" */
	"vu '~' } [aeio] > v ;\n"
	"tsu '~' } [aeio] > ts ;\n"
	"([kg]) u '~' a > $1 wa ;\n"
	"u '~' } [eio] > w ;\n"
	"i '~' e > ye ;\n"
	"de '~' yu > dyu ;\n"
	"to '~' u > tu ;\n"
	"do '~' u > du ;\n"
	/* a lone small っ has nothing to double; other small kana stand
	 * for themselves */
	"'~' tsu > ;\n"
	"'~' > ;\n"
	"\\u0304 > ;\n"
	"[\\u30FB\\u3000] > ' ' ;\n"
	":: Latin-ASCII ;\n"
	":: Any-Title ;\n";

static enum bc_err open_kana(struct bc_l10n *l, char *why, size_t why_size)
{
	static const UChar id[] = { 'b', 'c', '-', 'j', 'm', 'a', '-', 'l',
				    'a', 't', 'n', 0 };
	UChar *rules = NULL;
	int32_t cap = 0, len = 0;
	UParseError pe;
	UErrorCode err = U_ZERO_ERROR;
	enum bc_err e;

	e = to_u16(kana_rules, sizeof kana_rules - 1, &rules, &cap, 0, &len);
	if (e)
		goto cleanup;
	l->kana = utrans_openU(id, -1, UTRANS_FORWARD, rules, len, &pe, &err);
	if (U_FAILURE(err)) {
		e = BC_E_ICU;
		if (why && why_size)
			snprintf(why, why_size, "kana rules, line %d offset "
				 "%d: %s", (int)pe.line, (int)pe.offset,
				 u_errorName(err));
		bc_err_log(MOD, "kana rules, line %d offset %d: %s",
			   (int)pe.line, (int)pe.offset, u_errorName(err));
	}
cleanup:
	free(rules);
	return e;
}

/* What may come out of a romanisation: anything else means the input had
 * more than kana (a kanji, say) and must not reach a non-Japanese text. */
static bool plain_latin(const UChar *u, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] > 0x7E)
			return false;
	return true;
}

enum bc_err bc_l10n_kana_to_latin(struct bc_l10n *l, const char *kana,
				  struct bc_buf *out)
{
	enum bc_err e;
	if (!l || !kana || !out)
		return BC_E_INVAL;
	size_t n = strlen(kana);
	if (n > MAX_KANA)
		return BC_E_TOOBIG;
	if (!bc_utf8_valid(kana, n))
		return BC_E_ENCODING;

	int32_t len = 0;
	e = to_u16(kana, n, &l->u1, &l->u1_cap, 0, &len);
	if (e)
		return e;
	/* A kana becomes at most four letters (っち -> tchi). */
	e = grow(&l->u1, &l->u1_cap, 4 * len + 16);
	if (e)
		return e;
	int32_t limit = len;
	UErrorCode err = U_ZERO_ERROR;
	utrans_transUChars(l->kana, l->u1, &len, l->u1_cap, 0, &limit, &err);
	if (U_FAILURE(err)) {
		bc_err_log(MOD, "romanising \"%s\": %s", kana,
			   u_errorName(err));
		return BC_E_ICU;
	}
	if (!plain_latin(l->u1, len))
		return BC_E_INVAL;
	return append_u16(l->u1, len, out);
}

/* ------------------------------------------------------------------ */
/* Text layout: display width and line breaking for the subscribers. */

#define MAX_WRAP_TEXT (1u << 20)  /* bytes wrapped at once */

int bc_l10n_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	if (cp == 0xAD)
		return 1; /* soft hyphen: terminals show it */
	if (cp >= 0x1160 && cp <= 0x11FF)
		return 0; /* conjoining jamo join the syllable before */
	if (cp > 0x10FFFF)
		return 1;
	int8_t gc = u_charType((UChar32)cp);
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
	    gc == U_FORMAT_CHAR)
		return 0;
	int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
		return 2;
	return 1;
}

/* Width of s[a, b), which is known to be valid UTF-8. */
static size_t span_width(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t cols = 0, i = a;
	while (i < b) {
		int32_t cp = utf8_next(u, b, &i);
		if (cp < 0) { /* cannot happen on validated text */
			i++;
			continue;
		}
		cols += (size_t)bc_l10n_cp_width((uint32_t)cp);
	}
	return cols;
}

enum bc_err bc_l10n_width(const char *s, size_t n, size_t *cols)
{
	if (!cols)
		return BC_E_INVAL;
	*cols = 0;
	if (!s && n)
		return BC_E_INVAL;
	if (!bc_utf8_valid(s, n))
		return BC_E_ENCODING;
	*cols = span_width(s, 0, n);
	return BC_E_OK;
}

/* The end of s[a, b) without trailing white space and line breaks. */
static size_t trim_end(const char *s, size_t a, size_t b)
{
	while (b > a) {
		unsigned char c = (unsigned char)s[b - 1];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			b--;
		} else if (b - a >= 3 && memcmp(s + b - 3, "\xe3\x80\x80", 3)
			   == 0) {
			b -= 3; /* U+3000 IDEOGRAPHIC SPACE */
		} else if (b - a >= 2 && memcmp(s + b - 2, "\xc2\x85", 2)
			   == 0) {
			b -= 2; /* U+0085 NEXT LINE */
		} else if (b - a >= 3 && (memcmp(s + b - 3, "\xe2\x80\xa8", 3)
					  == 0 ||
					  memcmp(s + b - 3, "\xe2\x80\xa9", 3)
					  == 0)) {
			b -= 3; /* LINE / PARAGRAPH SEPARATOR */
		} else {
			break;
		}
	}
	return b;
}

/* True if s[a, b) ends with a mandatory break (Line_Break BK, CR, LF,
 * NL).  Not ubrk_getRuleStatus: ICU 72 gives the breaks its dictionaries
 * find inside a Thai or Burmese run the status of the rule that ended the
 * run, so a run ending in '\n' would look like a forced break at every
 * word. */
static bool ends_hard(const char *s, size_t a, size_t b)
{
	if (b == a)
		return false;
	unsigned char c = (unsigned char)s[b - 1];
	if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return true;
	if (b - a >= 2 && memcmp(s + b - 2, "\xc2\x85", 2) == 0)
		return true;
	return b - a >= 3 && (memcmp(s + b - 3, "\xe2\x80\xa8", 3) == 0 ||
			      memcmp(s + b - 3, "\xe2\x80\xa9", 3) == 0);
}

struct wrap_out {
	struct bc_l10n_line *lines;
	size_t max, n;
	bool full;
};

/* Record one line; false once max_lines are written. */
static bool emit(struct wrap_out *w, const char *s, size_t a, size_t b)
{
	if (w->n >= w->max) {
		w->full = true;
		return false;
	}
	w->lines[w->n].off = a;
	w->lines[w->n].len = b - a;
	w->lines[w->n].cols = span_width(s, a, b);
	w->n++;
	return true;
}

/* Where to cut s[a, b), a word wider than width: after as many grapheme
 * clusters as fit, at least one.  ch is a character iterator on the text. */
static size_t cut_clusters(UBreakIterator *ch, const char *s, size_t a,
			   size_t b, size_t width)
{
	size_t cut = a, cols = 0;
	int32_t p = ubrk_following(ch, (int32_t)a);
	while (p != UBRK_DONE && (size_t)p <= b) {
		size_t w = span_width(s, cut, (size_t)p);
		if (cut > a && cols + w > width)
			break;
		cols += w;
		cut = (size_t)p;
		if (cols >= width)
			break;
		p = ubrk_next(ch);
	}
	if (cut == a) /* no boundary found: take the rest */
		cut = b;
	return cut;
}

enum bc_err bc_l10n_wrap(enum bc_lang lang, const char *s, size_t n,
			 size_t width, struct bc_l10n_line *lines,
			 size_t max_lines, size_t *n_lines)
{
	UText *ut = NULL;
	UBreakIterator *li = NULL, *ch = NULL;
	UErrorCode err = U_ZERO_ERROR;
	enum bc_err e = BC_E_OK;
	struct wrap_out w = { .lines = lines, .max = max_lines };

	if (n_lines)
		*n_lines = 0;
	if (!n_lines || (!s && n) || (!lines && max_lines) || width == 0 ||
	    (unsigned)lang >= BC_LANG__COUNT)
		return BC_E_INVAL;
	if (n > MAX_WRAP_TEXT)
		return BC_E_TOOBIG;
	if (!bc_utf8_valid(s, n))
		return BC_E_ENCODING;
	if (n == 0)
		return BC_E_OK;

	ut = utext_openUTF8(NULL, s, (int64_t)n, &err);
	li = ubrk_open(UBRK_LINE, bc_lang_icu_locale(lang), NULL, 0, &err);
	ch = ubrk_open(UBRK_CHARACTER, bc_lang_icu_locale(lang), NULL, 0,
		       &err);
	if (U_SUCCESS(err))
		ubrk_setUText(li, ut, &err);
	if (U_SUCCESS(err))
		ubrk_setUText(ch, ut, &err);
	if (U_FAILURE(err)) {
		bc_err_log(MOD, "line breaking for %s: %s", bc_lang_tag(lang),
			   u_errorName(err));
		e = BC_E_ICU;
		goto cleanup;
	}

	/* Greedy: take segments between break opportunities while they fit
	 * (trailing spaces do not count at a line's end), then start a new
	 * line.  UTF-8 UText indices are byte offsets. */
	size_t pos = 0, start = 0, end = 0, cols = 0;
	int32_t nb = ubrk_following(li, 0);
	size_t b = nb == UBRK_DONE ? n : (size_t)nb;
	bool hard = ends_hard(s, 0, b);
	while (pos < n) {
		size_t t = trim_end(s, pos, b);
		size_t wt = span_width(s, pos, t);
		if (cols == 0 && t == pos && !hard) {
			/* spaces at the start of a line are dropped */
			start = end = b;
		} else if (cols + wt <= width) {
			if (t > pos)
				end = t;
			cols += span_width(s, pos, b);
		} else if (cols > 0) {
			if (!emit(&w, s, start, end))
				break;
			start = end = pos;
			cols = 0;
			continue; /* the same segment on the new line */
		} else {
			/* One word wider than the line. */
			size_t cut = cut_clusters(ch, s, pos, t, width);
			if (!emit(&w, s, pos, cut))
				break;
			pos = start = end = cut;
			if (pos < t)
				continue;
			/* Only its trailing spaces or break remain: the
			 * line it ended is already written. */
			pos = start = end = b;
			goto next;
		}
		pos = b;
		if (hard) {
			if (!emit(&w, s, start, end))
				break;
			start = end = b;
			cols = 0;
		}
next:
		if (pos >= n)
			break;
		nb = ubrk_following(li, (int32_t)pos);
		b = nb == UBRK_DONE ? n : (size_t)nb;
		hard = ends_hard(s, pos, b);
	}
	if (!w.full && cols > 0 && end > start)
		emit(&w, s, start, end);
	*n_lines = w.n;
	if (w.full)
		e = BC_E_TOOBIG;
cleanup:
	ubrk_close(ch);
	ubrk_close(li);
	utext_close(ut);
	return e;
}

enum bc_err bc_l10n_capitalize(struct bc_buf *b)
{
	if (!b->len)
		return BC_E_OK;
	const uint8_t *s = (const uint8_t *)b->data;
	int32_t i = 0, n = b->len > INT32_MAX ? INT32_MAX : (int32_t)b->len;
	UChar32 c;
	U8_NEXT(s, i, n, c);
	if (c < 0)
		return BC_E_ENCODING;
	if (!u_islower(c))
		return BC_E_OK;
	UChar32 up = u_toupper(c);
	uint8_t enc[U8_MAX_LENGTH];
	int32_t el = 0;
	UBool err = false;
	U8_APPEND(enc, el, U8_MAX_LENGTH, up, err);
	if (err)
		return BC_E_ENCODING;
	if (el == i) {
		memcpy(b->data, enc, (size_t)el);
		return BC_E_OK;
	}
	struct bc_buf t;
	bc_buf_init(&t, b->len + U8_MAX_LENGTH + 1);
	enum bc_err e = bc_buf_add(&t, (const char *)enc, (size_t)el);
	if (!e)
		e = bc_buf_add(&t, b->data + i, b->len - (size_t)i);
	if (!e) {
		bc_buf_reset(b);
		e = bc_buf_add(b, t.data, t.len);
	}
	bc_buf_free(&t);
	return e;
}
