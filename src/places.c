/* places.c — place names and area → municipality resolution (places.h).
 *
 * The tables under <data_dir>/places/ (<data_dir>/data/places/ when
 * data_dir is a source checkout) are written by
 * scripts/import_jma_places.py from JMA's data (see data/NOTICE.md):
 *
 *   city.tsv      municipalities, the routing unit      BC_AREA_CITY
 *   subarea.tsv   other 7-digit areas (仙台市東部, 札幌市) BC_AREA_CITY
 *   pref.tsv      prefectures                           BC_AREA_PREF
 *   forecast.tsv  forecast areas                        BC_AREA_FORECAST
 *   quake.tsv     seismic-information areas             BC_AREA_QUAKE
 *   epicenter.tsv epicentre regions                     BC_AREA_EPICENTER
 *   eew.tsv       EEW regions (AreaForecast[Local]EEW)  BC_AREA_EEW
 *   tsunami.tsv   tsunami forecast areas (AreaTsunami)  BC_AREA_TSUNAMI
 *   volcano.tsv   volcanoes (PointVolcano)              BC_AREA_VOLCANO
 *   river.tsv     rivers (AreaRiver, 10 digits)         BC_AREA_RIVER
 *   flood.tsv     flood-forecast areas (12 digits)      BC_AREA_RIVER
 *   expand.tsv    type, code, space-separated municipality codes
 *
 * Name tables: code, the 16 languages in lang.h order, provenance.  An
 * empty cell means "not available in this language".  A provenance whose
 * first word starts with "derived" marks non-Japanese names the project
 * derived itself (BC_NAME_DERIVED); "+jma-en" at the end of that word says
 * the English is still JMA's ("derived-from-kana+jma-en; …").  Anything
 * else is JMA's own (BC_NAME_OFFICIAL).
 *
 * Memory: every string lives once in one arena (identical strings are
 * interned: many zh-Hans names equal the Japanese, many tl names the
 * English), entries refer to it by 32-bit offsets, and the expansion lists
 * are slices of one pointer pool.  Nothing is allocated per string.  The
 * files are checked strictly: the daemon refuses a damaged table rather
 * than route alerts with it.
 */
#include "places.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "log.h"

#define MOD "places"

/* Limits on the input: generous for JMA's tables (the largest file is
 * under 1 MiB, the longest cell under 200 bytes) but finite. */
#define PLACES_FILE_MAX (16u << 20)
#define PLACES_ROWS_MAX 100000u
#define PLACES_CELL_MAX 2048u   /* a name */
#define PLACES_LIST_MAX 65536u  /* an expansion: 8 bytes per municipality */
#define PLACES_EXP_MAX 10000u   /* municipalities in one expansion */
#define PLACES_CODE_MAX 16u

#define NAME_COLS (BC_LANG__COUNT + 2) /* code, 16 languages, provenance */

enum { F_CITY, F_SUBAREA, F_PREF, F_FORECAST, F_QUAKE, F_EPICENTER,
       F_EEW, F_TSUNAMI, F_VOLCANO, F_RIVER, F_FLOOD, F_EXPAND, F__COUNT };

static const struct {
	const char *name;
	enum bc_area_type type;
	unsigned code_len;
} files[F__COUNT] = {
	[F_CITY] = { "city.tsv", BC_AREA_CITY, 7 },
	[F_SUBAREA] = { "subarea.tsv", BC_AREA_CITY, 7 },
	[F_PREF] = { "pref.tsv", BC_AREA_PREF, 2 },
	[F_FORECAST] = { "forecast.tsv", BC_AREA_FORECAST, 6 },
	[F_QUAKE] = { "quake.tsv", BC_AREA_QUAKE, 3 },
	[F_EPICENTER] = { "epicenter.tsv", BC_AREA_EPICENTER, 3 },
	[F_EEW] = { "eew.tsv", BC_AREA_EEW, 4 },
	[F_TSUNAMI] = { "tsunami.tsv", BC_AREA_TSUNAMI, 3 },
	[F_VOLCANO] = { "volcano.tsv", BC_AREA_VOLCANO, 3 },
	/* Rivers and flood-forecast areas share the type (both come in
	 * 指定河川洪水予報); their codes differ in length. */
	[F_RIVER] = { "river.tsv", BC_AREA_RIVER, 10 },
	[F_FLOOD] = { "flood.tsv", BC_AREA_RIVER, 12 },
	[F_EXPAND] = { "expand.tsv", BC_AREA_OTHER, 0 },
};

struct place {
	uint32_t code;                  /* arena offset */
	uint32_t name[BC_LANG__COUNT];  /* arena offsets; 0 = not available */
	uint32_t exp;                   /* first entry in pool (or exp_offs) */
	uint32_t n_exp;                 /* 0 = no expansion */
	uint32_t line;                  /* where it was defined, for messages */
	uint8_t type;
	uint8_t file;
	uint8_t is_city;
	uint8_t derived;                /* non-Japanese names are ours */
	uint8_t en_jma;                 /* ... except the English */
};

struct bc_places {
	char *arena;                    /* all strings; offset 0 is "" */
	size_t arena_len, arena_cap;
	struct place *ent;
	size_t n_ent, cap_ent;
	uint32_t *index;                /* open addressing: entry index + 1 */
	size_t index_mask;
	const char **pool;              /* sorted cities, then expansions */
	size_t n_cities;
};

/* State that lives only while loading. */
struct loader {
	struct bc_places *p;
	uint32_t *intern;               /* open addressing: arena offsets */
	size_t intern_mask, n_intern;
	uint32_t *exp_offs;             /* expansion codes, arena offsets */
	size_t n_exp_offs, cap_exp_offs;
	char path[PATH_MAX];
	unsigned line;
	size_t cell_max;                /* of the file being read */
	char *why;
	size_t why_size;
	char *buf;                      /* the file being read */
	size_t buf_cap;
};

/* A word-at-a-time hash (splitmix64 finaliser per 8 bytes): a byte-wise
 * FNV made interning the slowest part of the load. */
static uint32_t hash_bytes(const char *s, size_t n, uint32_t seed)
{
	uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ull);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0x94D049BB133111EBull;
		h ^= h >> 29;
	}
	h *= 0xBF58476D1CE4E5B9ull;
	return (uint32_t)(h ^ (h >> 32));
}

BC_PRINTF(3, 4)
static enum bc_err fail(struct loader *L, enum bc_err err, const char *fmt,
			...)
{
	if (!L->why || L->why_size == 0)
		return err;
	int n = L->line ? snprintf(L->why, L->why_size, "%s:%u: ", L->path,
				   L->line)
			: snprintf(L->why, L->why_size, "%s: ", L->path);
	if (n < 0 || (size_t)n >= L->why_size)
		return err;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(L->why + n, L->why_size - (size_t)n, fmt, ap);
	va_end(ap);
	return err;
}

/* ---- arena and interning ------------------------------------------- */

static enum bc_err arena_add(struct bc_places *p, const char *s, size_t n,
			     uint32_t *off)
{
	if (n >= UINT32_MAX - p->arena_len - 1)
		return BC_E_TOOBIG;
	if (p->arena_len + n + 1 > p->arena_cap) {
		size_t cap = p->arena_cap ? p->arena_cap : 1u << 20;
		while (cap < p->arena_len + n + 1)
			cap *= 2;
		char *a = realloc(p->arena, cap);
		if (!a)
			return BC_E_NOMEM;
		p->arena = a;
		p->arena_cap = cap;
	}
	memcpy(p->arena + p->arena_len, s, n);
	p->arena[p->arena_len + n] = '\0';
	*off = (uint32_t)p->arena_len;
	p->arena_len += n + 1;
	return BC_E_OK;
}

static enum bc_err intern_grow(struct loader *L)
{
	size_t size = L->intern ? (L->intern_mask + 1) * 2 : 1u << 16;
	uint32_t *t = calloc(size, sizeof *t);
	if (!t)
		return BC_E_NOMEM;
	if (L->intern) {
		for (size_t i = 0; i <= L->intern_mask; i++) {
			uint32_t off = L->intern[i];
			if (!off)
				continue;
			const char *s = L->p->arena + off;
			size_t j = hash_bytes(s, strlen(s), 0) & (size - 1);
			while (t[j])
				j = (j + 1) & (size - 1);
			t[j] = off;
		}
		free(L->intern);
	}
	L->intern = t;
	L->intern_mask = size - 1;
	return BC_E_OK;
}

/* The arena offset of s[0..n), stored once.  "" is offset 0. */
static enum bc_err intern(struct loader *L, const char *s, size_t n,
			  uint32_t *off)
{
	if (n == 0) {
		*off = 0;
		return BC_E_OK;
	}
	if (!L->intern || (L->n_intern + 1) * 4 > (L->intern_mask + 1) * 3) {
		enum bc_err err = intern_grow(L);
		if (err)
			return err;
	}
	size_t j = hash_bytes(s, n, 0) & L->intern_mask;
	while (L->intern[j]) {
		const char *t = L->p->arena + L->intern[j];
		if (memcmp(t, s, n) == 0 && t[n] == '\0') {
			*off = L->intern[j];
			return BC_E_OK;
		}
		j = (j + 1) & L->intern_mask;
	}
	enum bc_err err = arena_add(L->p, s, n, off);
	if (err)
		return err;
	L->intern[j] = *off;
	L->n_intern++;
	return BC_E_OK;
}

/* ---- the entry index ------------------------------------------------ */

static struct place *find(const struct bc_places *p, enum bc_area_type type,
			  const char *code, size_t n)
{
	if (!p->index)
		return NULL;
	size_t j = hash_bytes(code, n, (uint32_t)type) & p->index_mask;
	while (p->index[j]) {
		struct place *e = &p->ent[p->index[j] - 1];
		const char *c = p->arena + e->code;
		if (e->type == type && memcmp(c, code, n) == 0 && c[n] == '\0')
			return e;
		j = (j + 1) & p->index_mask;
	}
	return NULL;
}

static enum bc_err index_insert(struct bc_places *p, size_t idx)
{
	if (!p->index || (p->n_ent + 1) * 2 > p->index_mask + 1) {
		size_t size = p->index ? (p->index_mask + 1) * 2 : 1u << 13;
		uint32_t *t = calloc(size, sizeof *t);
		if (!t)
			return BC_E_NOMEM;
		free(p->index);
		p->index = t;
		p->index_mask = size - 1;
		for (size_t i = 0; i < idx; i++) {
			const char *c = p->arena + p->ent[i].code;
			size_t j = hash_bytes(c, strlen(c), p->ent[i].type) &
				   p->index_mask;
			while (t[j])
				j = (j + 1) & p->index_mask;
			t[j] = (uint32_t)i + 1;
		}
	}
	const char *c = p->arena + p->ent[idx].code;
	size_t j = hash_bytes(c, strlen(c), p->ent[idx].type) & p->index_mask;
	while (p->index[j])
		j = (j + 1) & p->index_mask;
	p->index[j] = (uint32_t)idx + 1;
	return BC_E_OK;
}

/* ---- reading files -------------------------------------------------- */

/* Read L->path into the loader's buffer (reused from file to file).  The
 * content stays valid until the next call; it is NUL-terminated. */
static enum bc_err read_file(struct loader *L, char **out, size_t *len)
{
	enum bc_err err = BC_E_OK;
	struct stat st;
	FILE *f = fopen(L->path, "rb");
	if (!f)
		return fail(L, BC_E_IO, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		err = fail(L, BC_E_IO, "not a regular file");
		goto cleanup;
	}
	if (st.st_size > (off_t)PLACES_FILE_MAX) {
		err = fail(L, BC_E_TOOBIG, "file larger than %u bytes",
			   PLACES_FILE_MAX);
		goto cleanup;
	}
	/* One byte more than the size: a file that grew while we read it
	 * is noticed rather than cut. */
	size_t want = (size_t)st.st_size + 2;
	if (want > L->buf_cap) {
		char *b = realloc(L->buf, want);
		if (!b) {
			err = BC_E_NOMEM;
			goto cleanup;
		}
		L->buf = b;
		L->buf_cap = want;
	}
	size_t n = fread(L->buf, 1, (size_t)st.st_size + 1, f);
	if (ferror(f)) {
		err = fail(L, BC_E_IO, "read error");
		goto cleanup;
	}
	if (n != (size_t)st.st_size) {
		err = fail(L, BC_E_IO, "file changed while being read");
		goto cleanup;
	}
	L->buf[n] = '\0';
	*out = L->buf;
	*len = n;
cleanup:
	fclose(f);
	return err;
}

/* Split the next line of [*pos, end) into tab-separated cells, in place,
 * checking in the same pass that it is strict UTF-8 (no overlong forms,
 * surrogates or code points above U+10FFFF) without control characters.
 * Returns the number of cells (0 at the end of the file), or -1 after
 * setting the why on a problem. */
static int next_line(struct loader *L, char **pos, char *end, char **cells,
		     int max_cells, enum bc_err *err)
{
	unsigned char *s = (unsigned char *)*pos;
	unsigned char *e = (unsigned char *)end;
	if (s >= e)
		return 0;
	unsigned char *nl = memchr(s, '\n', (size_t)(e - s));
	if (nl)
		e = nl;
	*pos = nl ? (char *)nl + 1 : end;
	L->line++;
	if (e == s) {
		*err = fail(L, BC_E_PARSE, "empty line");
		return -1;
	}
	int n = 0;
	unsigned char *cell = s, *q = s;
	for (;;) {
		while (q < e && *q >= 0x20 && *q < 0x7f)
			q++;
		if (q == e || *q == '\t') {
			if ((size_t)(q - cell) > L->cell_max) {
				*err = fail(L, BC_E_TOOBIG,
					    "column %d longer than %zu bytes",
					    n + 1, L->cell_max);
				return -1;
			}
			if (n < max_cells)
				cells[n] = (char *)cell;
			n++;
			if (q == e)
				break;
			*q++ = '\0';
			cell = q;
			continue;
		}
		unsigned c = *q;
		/* Most names are three-byte characters (kana, Han, Hangul,
		 * Thai, Devanagari, Khmer, Myanmar): check those first. */
		if ((c & 0xF0) == 0xE0 && e - q >= 3 &&
		    (q[2] & 0xC0) == 0x80 &&
		    (c == 0xE0   ? q[1] >= 0xA0 && q[1] <= 0xBF
		     : c == 0xED ? q[1] >= 0x80 && q[1] <= 0x9F
				 : (q[1] & 0xC0) == 0x80)) {
			q += 3;
			continue;
		}
		size_t len;
		unsigned lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			*err = fail(L, BC_E_PARSE,
				    "control character 0x%02x at byte %zu", c,
				    (size_t)(q - s) + 1);
			return -1;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			len = 0;
		}
		bool ok = len && (size_t)(e - q) >= len && q[1] >= lo &&
			  q[1] <= hi;
		for (size_t k = 2; ok && k < len; k++)
			ok = q[k] >= 0x80 && q[k] <= 0xBF;
		if (!ok) {
			*err = fail(L, BC_E_ENCODING,
				    "invalid UTF-8 at byte %zu",
				    (size_t)(q - s) + 1);
			return -1;
		}
		q += len;
	}
	*e = '\0';
	return n;
}

static enum bc_err check_header(struct loader *L, char **cells, int n,
				const char *const *want, int n_want)
{
	if (n != n_want)
		return fail(L, BC_E_PARSE, "header has %d columns, expected %d",
			    n, n_want);
	for (int i = 0; i < n; i++)
		if (strcmp(cells[i], want[i]) != 0)
			return fail(L, BC_E_PARSE,
				    "header column %d is \"%.32s\", expected "
				    "\"%s\"", i + 1, cells[i], want[i]);
	return BC_E_OK;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static enum bc_err load_names(struct loader *L, int fi)
{
	struct bc_places *p = L->p;
	enum bc_err err = BC_E_OK;
	char *buf = NULL, *pos, *end;
	size_t len;
	const char *want[NAME_COLS];
	char *cells[NAME_COLS];
	unsigned rows = 0;

	want[0] = "code";
	for (int l = 0; l < BC_LANG__COUNT; l++)
		want[l + 1] = bc_lang_tag((enum bc_lang)l);
	want[NAME_COLS - 1] = "provenance";

	err = read_file(L, &buf, &len);
	if (err)
		goto cleanup;
	pos = buf;
	end = buf + len;
	int n = next_line(L, &pos, end, cells, NAME_COLS, &err);
	if (n < 0)
		goto cleanup;
	if (n == 0) {
		err = fail(L, BC_E_PARSE, "empty file, expected a header");
		goto cleanup;
	}
	err = check_header(L, cells, n, want, NAME_COLS);
	if (err)
		goto cleanup;
	while ((n = next_line(L, &pos, end, cells, NAME_COLS, &err)) > 0) {
		if (n != NAME_COLS) {
			err = fail(L, BC_E_PARSE,
				   "expected %d columns, found %d", NAME_COLS,
				   n);
			goto cleanup;
		}
		if (++rows > PLACES_ROWS_MAX) {
			err = fail(L, BC_E_TOOBIG, "more than %u rows",
				   PLACES_ROWS_MAX);
			goto cleanup;
		}
		const char *code = cells[0];
		size_t clen = strlen(code);
		if (clen != files[fi].code_len || !is_digits(code, clen)) {
			err = fail(L, BC_E_PARSE,
				   "bad code \"%.16s\": expected %u digits",
				   code, files[fi].code_len);
			goto cleanup;
		}
		if (!cells[1][0]) {
			err = fail(L, BC_E_PARSE, "%s has no Japanese name",
				   code);
			goto cleanup;
		}
		if (!cells[NAME_COLS - 1][0]) {
			err = fail(L, BC_E_PARSE, "%s has no provenance", code);
			goto cleanup;
		}
		struct place *dup = find(p, files[fi].type, code, clen);
		if (dup) {
			err = fail(L, BC_E_PARSE,
				   "duplicate code %s (first in %s:%u)", code,
				   files[dup->file].name, dup->line);
			goto cleanup;
		}
		if (p->n_ent == p->cap_ent) {
			size_t cap = p->cap_ent ? p->cap_ent * 2 : 4096;
			struct place *e = realloc(p->ent, cap * sizeof *e);
			if (!e) {
				err = BC_E_NOMEM;
				goto cleanup;
			}
			p->ent = e;
			p->cap_ent = cap;
		}
		struct place *e = &p->ent[p->n_ent];
		memset(e, 0, sizeof *e);
		e->type = (uint8_t)files[fi].type;
		e->file = (uint8_t)fi;
		e->line = L->line;
		e->is_city = fi == F_CITY;
		const char *prov = cells[NAME_COLS - 1];
		size_t word = strcspn(prov, "; ");
		e->derived = strncmp(prov, "derived", 7) == 0;
		e->en_jma = e->derived && word >= 7 &&
			    strncmp(prov + word - 7, "+jma-en", 7) == 0;
		err = intern(L, code, clen, &e->code);
		for (int l = 0; !err && l < BC_LANG__COUNT; l++)
			err = intern(L, cells[l + 1], strlen(cells[l + 1]),
				     &e->name[l]);
		if (err)
			goto cleanup;
		err = index_insert(p, p->n_ent);
		if (err)
			goto cleanup;
		p->n_ent++;
		if (e->is_city)
			p->n_cities++;
	}
	if (n < 0)
		goto cleanup;
	if (rows == 0)
		err = fail(L, BC_E_PARSE, "no rows");
cleanup:
	return err;
}

struct exp_item {
	uint32_t num;   /* the 7-digit code as a number: sorts like strcmp */
	uint32_t off;
};

/* A 7-digit municipality code as a number (checked digits only). */
static uint32_t code_num(const char *c)
{
	uint32_t v = 0;
	for (int i = 0; i < 7; i++)
		v = v * 10 + (uint32_t)(c[i] - '0');
	return v;
}

static int cmp_item(const void *a, const void *b)
{
	uint32_t x = ((const struct exp_item *)a)->num;
	uint32_t y = ((const struct exp_item *)b)->num;
	return x < y ? -1 : x > y;
}

static enum bc_err load_expand(struct loader *L)
{
	static const char *const want[] = { "type", "code", "cities" };
	struct bc_places *p = L->p;
	enum bc_err err = BC_E_OK;
	char *buf = NULL, *pos, *end;
	size_t len;
	char *cells[3];
	struct exp_item *items = NULL;
	unsigned rows = 0;

	err = read_file(L, &buf, &len);
	if (err)
		goto cleanup;
	items = malloc(PLACES_EXP_MAX * sizeof *items);
	if (!items) {
		err = BC_E_NOMEM;
		goto cleanup;
	}
	pos = buf;
	end = buf + len;
	int n = next_line(L, &pos, end, cells, 3, &err);
	if (n < 0)
		goto cleanup;
	if (n == 0) {
		err = fail(L, BC_E_PARSE, "empty file, expected a header");
		goto cleanup;
	}
	err = check_header(L, cells, n, want, 3);
	if (err)
		goto cleanup;
	while ((n = next_line(L, &pos, end, cells, 3, &err)) > 0) {
		if (n != 3) {
			err = fail(L, BC_E_PARSE,
				   "expected 3 columns, found %d", n);
			goto cleanup;
		}
		if (++rows > PLACES_ROWS_MAX) {
			err = fail(L, BC_E_TOOBIG, "more than %u rows",
				   PLACES_ROWS_MAX);
			goto cleanup;
		}
		int type = -1;
		for (int t = 0; t < BC_AREA__COUNT; t++)
			if (strcmp(cells[0], bc_area_type_name(
					     (enum bc_area_type)t)) == 0)
				type = t;
		if (type < 0) {
			err = fail(L, BC_E_PARSE, "unknown area type \"%.16s\"",
				   cells[0]);
			goto cleanup;
		}
		struct place *e = find(p, (enum bc_area_type)type, cells[1],
				       strnlen(cells[1], PLACES_CODE_MAX + 1));
		if (!e) {
			err = fail(L, BC_E_PARSE,
				   "%s %.16s is in no name table", cells[0],
				   cells[1]);
			goto cleanup;
		}
		if (e->is_city) {
			err = fail(L, BC_E_PARSE,
				   "%s is a municipality: it expands to itself "
				   "and must not be listed", cells[1]);
			goto cleanup;
		}
		if (e->n_exp) {
			err = fail(L, BC_E_PARSE,
				   "duplicate expansion of %s %s", cells[0],
				   cells[1]);
			goto cleanup;
		}
		size_t k = 0;
		for (char *c = cells[2];;) {
			char *sp = strchr(c, ' ');
			size_t clen = sp ? (size_t)(sp - c) : strlen(c);
			struct place *m = clen == 7 && is_digits(c, 7)
				? find(p, BC_AREA_CITY, c, 7) : NULL;
			if (!m || !m->is_city) {
				err = fail(L, BC_E_PARSE,
					   "\"%.*s\" in the expansion of %s "
					   "is not a municipality",
					   (int)(clen > 16 ? 16 : clen), c,
					   cells[1]);
				goto cleanup;
			}
			if (k == PLACES_EXP_MAX) {
				err = fail(L, BC_E_TOOBIG,
					   "more than %u municipalities",
					   PLACES_EXP_MAX);
				goto cleanup;
			}
			items[k].num = code_num(c);
			items[k].off = m->code;
			k++;
			if (!sp)
				break;
			c = sp + 1;
		}
		qsort(items, k, sizeof *items, cmp_item);
		for (size_t i = 1; i < k; i++)
			if (items[i].num == items[i - 1].num) {
				err = fail(L, BC_E_PARSE,
					   "%07u listed twice in the "
					   "expansion of %s",
					   (unsigned)items[i].num, cells[1]);
				goto cleanup;
			}
		if (L->n_exp_offs + k > L->cap_exp_offs) {
			size_t cap = L->cap_exp_offs ? L->cap_exp_offs : 16384;
			while (cap < L->n_exp_offs + k)
				cap *= 2;
			uint32_t *o = realloc(L->exp_offs, cap * sizeof *o);
			if (!o) {
				err = BC_E_NOMEM;
				goto cleanup;
			}
			L->exp_offs = o;
			L->cap_exp_offs = cap;
		}
		e->exp = (uint32_t)L->n_exp_offs;
		e->n_exp = (uint32_t)k;
		for (size_t i = 0; i < k; i++)
			L->exp_offs[L->n_exp_offs++] = items[i].off;
	}
cleanup:
	free(items);
	return err;
}

/* Turn offsets into the pointers the API hands out, now that the arena
 * no longer moves.  The pool starts with every municipality, sorted: a
 * municipality's own expansion is its one-element slice of that list. */
static enum bc_err finish(struct loader *L)
{
	struct bc_places *p = L->p;
	enum bc_err err = BC_E_OK;
	struct exp_item *order = NULL; /* off = entry index here */

	if (p->arena_len < p->arena_cap) {
		char *a = realloc(p->arena, p->arena_len);
		if (a) {
			p->arena = a;
			p->arena_cap = p->arena_len;
		}
	}
	if (p->n_ent && p->n_ent < p->cap_ent) {
		struct place *e = realloc(p->ent, p->n_ent * sizeof *e);
		if (e) {
			p->ent = e;
			p->cap_ent = p->n_ent;
		}
	}
	order = malloc((p->n_cities ? p->n_cities : 1) * sizeof *order);
	p->pool = malloc((p->n_cities + L->n_exp_offs + 1) *
			 sizeof *p->pool);
	if (!order || !p->pool) {
		err = BC_E_NOMEM;
		goto cleanup;
	}
	size_t k = 0;
	for (size_t i = 0; i < p->n_ent; i++)
		if (p->ent[i].is_city) {
			order[k].num = code_num(p->arena + p->ent[i].code);
			order[k++].off = (uint32_t)i;
		}
	qsort(order, k, sizeof *order, cmp_item);
	for (size_t i = 0; i < k; i++) {
		struct place *e = &p->ent[order[i].off];
		p->pool[i] = p->arena + e->code;
		e->exp = (uint32_t)i;
		e->n_exp = 1;
	}
	for (size_t i = 0; i < L->n_exp_offs; i++)
		p->pool[k + i] = p->arena + L->exp_offs[i];
	for (size_t i = 0; i < p->n_ent; i++)
		if (!p->ent[i].is_city && p->ent[i].n_exp)
			p->ent[i].exp += (uint32_t)k;
cleanup:
	free(order);
	return err;
}

enum bc_err bc_places_load(const char *data_dir, struct bc_places **out,
			   char *why, size_t why_size)
{
	struct loader L = { .why = why, .why_size = why_size };
	enum bc_err err = BC_E_OK;
	struct timespec t0, t1;

	if (why && why_size)
		why[0] = '\0';
	if (!data_dir || !out)
		return BC_E_INVAL;
	*out = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	L.p = calloc(1, sizeof *L.p);
	if (!L.p)
		return BC_E_NOMEM;
	uint32_t empty;
	err = arena_add(L.p, "", 0, &empty); /* offset 0 = "" */
	if (err)
		goto cleanup;
	/* Installed, the tables are in <data_dir>/places; in a source tree
	 * (data_dir = the checkout) they are in <data_dir>/data/places. */
	const char *sub = "places";
	char probe[PATH_MAX];
	struct stat st;
	snprintf(probe, sizeof probe, "%s/places/%s", data_dir,
		 files[F_CITY].name);
	if (stat(probe, &st) != 0) {
		snprintf(probe, sizeof probe, "%s/data/places/%s", data_dir,
			 files[F_CITY].name);
		if (stat(probe, &st) == 0)
			sub = "data/places";
	}
	/* city.tsv first: the expansions are checked against it. */
	for (int fi = 0; fi < F__COUNT; fi++) {
		int n = snprintf(L.path, sizeof L.path, "%s/%s/%s", data_dir,
				 sub, files[fi].name);
		L.line = 0;
		L.cell_max = fi == F_EXPAND ? PLACES_LIST_MAX : PLACES_CELL_MAX;
		if (n < 0 || (size_t)n >= sizeof L.path) {
			snprintf(L.path, sizeof L.path, "%.64s...", data_dir);
			err = fail(&L, BC_E_INVAL, "data directory path too "
				   "long");
			goto cleanup;
		}
		err = fi == F_EXPAND ? load_expand(&L) : load_names(&L, fi);
		if (err) {
			if (err == BC_E_NOMEM)
				fail(&L, err, "out of memory");
			goto cleanup;
		}
	}
	err = finish(&L);
	if (err)
		goto cleanup;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	bc_debug(MOD, "loaded %zu municipalities and %zu other areas from "
		"%s/%s in %.1f ms (%zu KiB of strings)", L.p->n_cities,
		L.p->n_ent - L.p->n_cities, data_dir, sub,
		(double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
		L.p->arena_len / 1024);
	*out = L.p;
	L.p = NULL;
cleanup:
	free(L.intern);
	free(L.exp_offs);
	free(L.buf);
	bc_places_free(L.p);
	return err;
}

void bc_places_free(struct bc_places *p)
{
	if (!p)
		return;
	free(p->arena);
	free(p->ent);
	free(p->index);
	free(p->pool);
	free(p);
}

static const struct place *lookup(const struct bc_places *p,
				  enum bc_area_type type, const char *code)
{
	if (!p || !code || (unsigned)type >= BC_AREA__COUNT)
		return NULL;
	size_t n = strnlen(code, PLACES_CODE_MAX + 1);
	if (n == 0 || n > PLACES_CODE_MAX)
		return NULL;
	return find(p, type, code, n);
}

const char *bc_places_name(const struct bc_places *p, enum bc_area_type type,
			   const char *code, enum bc_lang lang,
			   enum bc_name_src *src)
{
	const struct place *e = lookup(p, type, code);
	if (!e || (unsigned)lang >= BC_LANG__COUNT)
		return NULL;
	enum bc_name_src s = BC_NAME_OFFICIAL;
	uint32_t off = e->name[lang];
	if (lang == BC_LANG_JA_EASY && !off) {
		/* No reading known: plain Japanese is still Japanese. */
		off = e->name[BC_LANG_JA];
	} else if (!off) {
		off = e->name[BC_LANG_EN];
		s = BC_NAME_FALLBACK;
		if (!off) {
			off = e->code;
			s = BC_NAME_CODE;
		}
	} else if (e->derived && !bc_lang_is_japanese(lang) &&
		   !(lang == BC_LANG_EN && e->en_jma)) {
		s = BC_NAME_DERIVED;
	}
	if (src)
		*src = s;
	return p->arena + off;
}

bool bc_places_is_city(const struct bc_places *p, const char *code)
{
	const struct place *e = lookup(p, BC_AREA_CITY, code);
	return e && e->is_city;
}

const char *const *bc_places_expand(const struct bc_places *p,
				    enum bc_area_type type, const char *code,
				    size_t *n)
{
	const struct place *e = lookup(p, type, code);
	if (!e || !e->n_exp) {
		if (n)
			*n = 0;
		return NULL;
	}
	if (n)
		*n = e->n_exp;
	return p->pool + e->exp;
}

const char *const *bc_places_all_cities(const struct bc_places *p, size_t *n)
{
	if (n)
		*n = p ? p->n_cities : 0;
	return p ? p->pool : NULL;
}
