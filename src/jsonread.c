/* jsonread.c — strict, bounded JSON reader (see jsonread.h).
 *
 * Recursive descent over the bytes, with the nesting depth bounded by the
 * limits (and by a hard cap, so a configured limit cannot blow the stack).
 * Values live in one array that grows while parsing and never moves
 * afterwards; decoded strings live in one pool allocated up front (a
 * decoded string is never longer than its JSON text), so the pointers the
 * accessors hand out stay valid until bc_jr_free.
 */
#include "jsonread.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HARD_MAX_DEPTH 256
#define MAX_NUMBER_TEXT 512
#define NONE UINT32_MAX

struct bc_jr {
	unsigned char type;  /* enum bc_jr_type */
	bool b;
	bool is_int;
	long long i;
	double num;
	const char *s;       /* string value, in the pool */
	size_t slen;
	const char *key;     /* member key, in the pool; NULL in arrays */
	size_t count;        /* elements or members */
	uint32_t first, last, next; /* indices while parsing */
	const struct bc_jr *firstp, *nextp; /* the same, once parsed */
};

struct bc_jr_doc {
	struct bc_jr *v;
	size_t n, cap;
	char *pool;
	size_t pool_len, pool_cap;
};

struct parser {
	const unsigned char *p;
	size_t len, pos;
	struct bc_jr_limits lim;
	struct bc_jr_doc *d;
	enum bc_err err;
	char *why;
	size_t why_size;
};

static void fail(struct parser *ps, enum bc_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct parser *ps, enum bc_err e, const char *fmt, ...)
{
	if (ps->err)
		return;
	ps->err = e;
	if (!ps->why || !ps->why_size)
		return;
	int k = snprintf(ps->why, ps->why_size, "offset %zu: ", ps->pos);
	if (k < 0 || (size_t)k >= ps->why_size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->why + k, ps->why_size - (size_t)k, fmt, ap);
	va_end(ap);
}

static void skip_ws(struct parser *ps)
{
	while (ps->pos < ps->len) {
		unsigned char c = ps->p[ps->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		ps->pos++;
	}
}

/* A new value; returns its index or NONE (error set). */
static uint32_t new_value(struct parser *ps, enum bc_jr_type t)
{
	struct bc_jr_doc *d = ps->d;
	if (d->n >= ps->lim.max_values) {
		fail(ps, BC_E_TOOBIG, "more than %zu values",
		     ps->lim.max_values);
		return NONE;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		if (cap > ps->lim.max_values)
			cap = ps->lim.max_values;
		struct bc_jr *nv = realloc(d->v, cap * sizeof *nv);
		if (!nv) {
			fail(ps, BC_E_NOMEM, "out of memory");
			return NONE;
		}
		d->v = nv;
		d->cap = cap;
	}
	struct bc_jr *v = &d->v[d->n];
	memset(v, 0, sizeof *v);
	v->type = (unsigned char)t;
	v->first = v->last = v->next = NONE;
	return (uint32_t)d->n++;
}

/* Strict UTF-8: returns the sequence length at p (at most avail bytes),
 * or 0 if it is not well-formed. */
static size_t utf8_len(const unsigned char *p, size_t avail)
{
	unsigned c = p[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if (p[k] < 0x80 || p[k] > 0xBF)
			return 0;
	return n;
}

static int hex4(const unsigned char *p)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned c = p[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (int)(c - 'A' + 10);
		else
			return -1;
	}
	return v;
}

static void put_utf8(char *o, size_t *n, uint32_t cp)
{
	if (cp < 0x80) {
		o[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*n)++] = (char)(0xC0 | (cp >> 6));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		o[(*n)++] = (char)(0xE0 | (cp >> 12));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		o[(*n)++] = (char)(0xF0 | (cp >> 18));
		o[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* A string starting at the opening quote; decoded into the pool. */
static bool parse_string(struct parser *ps, const char **out, size_t *out_len)
{
	struct bc_jr_doc *d = ps->d;
	char *o = d->pool + d->pool_len;
	size_t n = 0;
	ps->pos++; /* opening quote */
	for (;;) {
		if (ps->pos >= ps->len) {
			fail(ps, BC_E_PARSE, "unterminated string");
			return false;
		}
		unsigned c = ps->p[ps->pos];
		if (c == '"') {
			ps->pos++;
			break;
		}
		if (c < 0x20) {
			fail(ps, BC_E_PARSE, "control character 0x%02x in "
			     "string", c);
			return false;
		}
		if (c >= 0x80) {
			size_t k = utf8_len(ps->p + ps->pos, ps->len - ps->pos);
			if (!k) {
				fail(ps, BC_E_ENCODING, "invalid UTF-8");
				return false;
			}
			memcpy(o + n, ps->p + ps->pos, k);
			n += k;
			ps->pos += k;
			continue;
		}
		if (c != '\\') {
			o[n++] = (char)c;
			ps->pos++;
			continue;
		}
		if (ps->pos + 1 >= ps->len) {
			fail(ps, BC_E_PARSE, "unterminated escape");
			return false;
		}
		unsigned e = ps->p[ps->pos + 1];
		const char *simple = strchr("\"\\/bfnrt", (int)e);
		if (e && simple) {
			static const char map[] = "\"\\/\b\f\n\r\t";
			o[n++] = map[simple - "\"\\/bfnrt"];
			ps->pos += 2;
			continue;
		}
		if (e != 'u') {
			fail(ps, BC_E_PARSE, "bad escape '\\%c'",
			     e >= 0x20 && e < 0x7f ? (int)e : '?');
			return false;
		}
		if (ps->len - ps->pos < 6 || hex4(ps->p + ps->pos + 2) < 0) {
			fail(ps, BC_E_PARSE, "bad \\u escape");
			return false;
		}
		uint32_t cp = (uint32_t)hex4(ps->p + ps->pos + 2);
		ps->pos += 6;
		if (cp >= 0xDC00 && cp <= 0xDFFF) {
			fail(ps, BC_E_ENCODING, "lone low surrogate");
			return false;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (ps->len - ps->pos < 6 || ps->p[ps->pos] != '\\' ||
			    ps->p[ps->pos + 1] != 'u' ||
			    hex4(ps->p + ps->pos + 2) < 0) {
				fail(ps, BC_E_ENCODING, "lone high surrogate");
				return false;
			}
			uint32_t lo = (uint32_t)hex4(ps->p + ps->pos + 2);
			if (lo < 0xDC00 || lo > 0xDFFF) {
				fail(ps, BC_E_ENCODING, "lone high surrogate");
				return false;
			}
			ps->pos += 6;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		}
		if (cp == 0) {
			fail(ps, BC_E_PARSE, "\\u0000 in string");
			return false;
		}
		/* Never longer than the escape: 6 bytes give at most 3,
		 * 12 bytes at most 4. */
		put_utf8(o, &n, cp);
	}
	o[n] = '\0';
	d->pool_len += n + 1;
	*out = o;
	*out_len = n;
	return true;
}

static bool parse_number(struct parser *ps, struct bc_jr *v)
{
	size_t start = ps->pos, i = ps->pos;
	const unsigned char *p = ps->p;
	bool is_int = true;
	if (i < ps->len && p[i] == '-')
		i++;
	if (i >= ps->len || p[i] < '0' || p[i] > '9') {
		fail(ps, BC_E_PARSE, "bad number");
		return false;
	}
	if (p[i] == '0') {
		i++;
		if (i < ps->len && p[i] >= '0' && p[i] <= '9') {
			fail(ps, BC_E_PARSE, "leading zero in number");
			return false;
		}
	} else {
		while (i < ps->len && p[i] >= '0' && p[i] <= '9')
			i++;
	}
	if (i < ps->len && p[i] == '.') {
		is_int = false;
		i++;
		if (i >= ps->len || p[i] < '0' || p[i] > '9') {
			fail(ps, BC_E_PARSE, "bad fraction in number");
			return false;
		}
		while (i < ps->len && p[i] >= '0' && p[i] <= '9')
			i++;
	}
	if (i < ps->len && (p[i] == 'e' || p[i] == 'E')) {
		is_int = false;
		i++;
		if (i < ps->len && (p[i] == '+' || p[i] == '-'))
			i++;
		if (i >= ps->len || p[i] < '0' || p[i] > '9') {
			fail(ps, BC_E_PARSE, "bad exponent in number");
			return false;
		}
		while (i < ps->len && p[i] >= '0' && p[i] <= '9')
			i++;
	}
	size_t n = i - start;
	if (n >= MAX_NUMBER_TEXT) {
		fail(ps, BC_E_TOOBIG, "number of %zu characters", n);
		return false;
	}
	char tmp[MAX_NUMBER_TEXT];
	memcpy(tmp, p + start, n);
	tmp[n] = '\0';
	/* The grammar above admits only what strtod reads the same in
	 * every locale except the '.', and no client here sets LC_NUMERIC. */
	errno = 0;
	double dv = strtod(tmp, NULL);
	if (!isfinite(dv)) {
		fail(ps, BC_E_ABSURD, "number out of range");
		return false;
	}
	v->num = dv;
	if (is_int) {
		errno = 0;
		long long iv = strtoll(tmp, NULL, 10);
		if (errno == 0) {
			v->is_int = true;
			v->i = iv;
		}
	}
	ps->pos = i;
	return true;
}

static bool literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);
	if (ps->len - ps->pos < n || memcmp(ps->p + ps->pos, word, n) != 0) {
		fail(ps, BC_E_PARSE, "unexpected character");
		return false;
	}
	ps->pos += n;
	return true;
}

static void append_child(struct parser *ps, uint32_t parent, uint32_t child)
{
	struct bc_jr *pv = &ps->d->v[parent];
	if (pv->last == NONE)
		pv->first = child;
	else
		ps->d->v[pv->last].next = child;
	pv->last = child;
	pv->count++;
}

static uint32_t parse_value(struct parser *ps, int depth);

static uint32_t parse_array(struct parser *ps, int depth)
{
	uint32_t a = new_value(ps, BC_JR_ARR);
	if (a == NONE)
		return NONE;
	ps->pos++; /* [ */
	skip_ws(ps);
	if (ps->pos < ps->len && ps->p[ps->pos] == ']') {
		ps->pos++;
		return a;
	}
	for (;;) {
		uint32_t c = parse_value(ps, depth + 1);
		if (c == NONE)
			return NONE;
		append_child(ps, a, c);
		skip_ws(ps);
		if (ps->pos >= ps->len) {
			fail(ps, BC_E_PARSE, "unterminated array");
			return NONE;
		}
		unsigned ch = ps->p[ps->pos++];
		if (ch == ']')
			return a;
		if (ch != ',') {
			ps->pos--;
			fail(ps, BC_E_PARSE, "expected ',' or ']'");
			return NONE;
		}
		skip_ws(ps);
	}
}

static bool key_seen(struct parser *ps, uint32_t obj, const char *key,
		     size_t klen)
{
	for (uint32_t c = ps->d->v[obj].first; c != NONE;
	     c = ps->d->v[c].next) {
		const char *k = ps->d->v[c].key;
		if (strlen(k) == klen && memcmp(k, key, klen) == 0)
			return true;
	}
	return false;
}

static uint32_t parse_object(struct parser *ps, int depth)
{
	uint32_t o = new_value(ps, BC_JR_OBJ);
	if (o == NONE)
		return NONE;
	ps->pos++; /* { */
	skip_ws(ps);
	if (ps->pos < ps->len && ps->p[ps->pos] == '}') {
		ps->pos++;
		return o;
	}
	for (;;) {
		if (ps->pos >= ps->len || ps->p[ps->pos] != '"') {
			fail(ps, BC_E_PARSE, "expected a key");
			return NONE;
		}
		if (ps->d->v[o].count >= ps->lim.max_members) {
			fail(ps, BC_E_TOOBIG, "object with more than %zu "
			     "members", ps->lim.max_members);
			return NONE;
		}
		size_t key_pos = ps->pos;
		const char *key;
		size_t klen;
		if (!parse_string(ps, &key, &klen))
			return NONE;
		if (key_seen(ps, o, key, klen)) {
			ps->pos = key_pos;
			fail(ps, BC_E_PARSE, "duplicate key");
			return NONE;
		}
		skip_ws(ps);
		if (ps->pos >= ps->len || ps->p[ps->pos] != ':') {
			fail(ps, BC_E_PARSE, "expected ':'");
			return NONE;
		}
		ps->pos++;
		skip_ws(ps);
		uint32_t c = parse_value(ps, depth + 1);
		if (c == NONE)
			return NONE;
		ps->d->v[c].key = key;
		append_child(ps, o, c);
		skip_ws(ps);
		if (ps->pos >= ps->len) {
			fail(ps, BC_E_PARSE, "unterminated object");
			return NONE;
		}
		unsigned ch = ps->p[ps->pos++];
		if (ch == '}')
			return o;
		if (ch != ',') {
			ps->pos--;
			fail(ps, BC_E_PARSE, "expected ',' or '}'");
			return NONE;
		}
		skip_ws(ps);
	}
}

static uint32_t parse_value(struct parser *ps, int depth)
{
	if (ps->pos >= ps->len) {
		fail(ps, BC_E_PARSE, "unexpected end of input");
		return NONE;
	}
	unsigned c = ps->p[ps->pos];
	if ((c == '[' || c == '{') && depth >= ps->lim.max_depth) {
		fail(ps, BC_E_TOOBIG, "nested deeper than %d",
		     ps->lim.max_depth);
		return NONE;
	}
	if (c == '[')
		return parse_array(ps, depth);
	if (c == '{')
		return parse_object(ps, depth);
	uint32_t v;
	switch (c) {
	case '"': {
		v = new_value(ps, BC_JR_STR);
		if (v == NONE)
			return NONE;
		const char *s;
		size_t n;
		if (!parse_string(ps, &s, &n))
			return NONE;
		ps->d->v[v].s = s;
		ps->d->v[v].slen = n;
		return v;
	}
	case 't':
	case 'f':
		v = new_value(ps, BC_JR_BOOL);
		if (v == NONE)
			return NONE;
		ps->d->v[v].b = c == 't';
		return literal(ps, c == 't' ? "true" : "false") ? v : NONE;
	case 'n':
		v = new_value(ps, BC_JR_NULL);
		if (v == NONE)
			return NONE;
		return literal(ps, "null") ? v : NONE;
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			v = new_value(ps, BC_JR_NUM);
			if (v == NONE)
				return NONE;
			return parse_number(ps, &ps->d->v[v]) ? v : NONE;
		}
		fail(ps, BC_E_PARSE, "unexpected character");
		return NONE;
	}
}

enum bc_err bc_jr_parse(const char *text, size_t len,
			const struct bc_jr_limits *lim, struct bc_jr_doc **out,
			char *why, size_t why_size)
{
	static const struct bc_jr_limits defaults = BC_JR_LIMITS_DEFAULT;
	struct parser ps = { .p = (const unsigned char *)text, .len = len,
			     .why = why, .why_size = why_size };
	struct bc_jr_doc *d = NULL;
	enum bc_err e = BC_E_OK;

	if (why && why_size)
		why[0] = '\0';
	if (!out)
		return BC_E_INVAL;
	*out = NULL;
	if (!text && len) {
		fail(&ps, BC_E_INVAL, "no text");
		return BC_E_INVAL;
	}
	ps.lim = lim ? *lim : defaults;
	if (ps.lim.max_depth > HARD_MAX_DEPTH)
		ps.lim.max_depth = HARD_MAX_DEPTH;
	if (ps.lim.max_depth < 1 || ps.lim.max_values < 1 ||
	    ps.lim.max_values >= NONE) {
		fail(&ps, BC_E_INVAL, "unusable limits");
		return BC_E_INVAL;
	}
	if (len > ps.lim.max_bytes) {
		fail(&ps, BC_E_TOOBIG, "%zu bytes, limit %zu", len,
		     ps.lim.max_bytes);
		return BC_E_TOOBIG;
	}
	d = calloc(1, sizeof *d);
	if (!d) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	/* Decoded strings are never longer than their text; one NUL each,
	 * and every string takes at least two bytes of text. */
	d->pool_cap = len + len / 2 + 1;
	d->pool = malloc(d->pool_cap);
	if (!d->pool) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	ps.d = d;
	skip_ws(&ps);
	uint32_t root = parse_value(&ps, 0);
	if (root != NONE) {
		skip_ws(&ps);
		if (ps.pos != ps.len)
			fail(&ps, BC_E_PARSE, "text after the value");
	}
	if (ps.err) {
		e = ps.err;
		goto cleanup;
	}
	for (size_t i = 0; i < d->n; i++) {
		struct bc_jr *v = &d->v[i];
		v->firstp = v->first == NONE ? NULL : &d->v[v->first];
		v->nextp = v->next == NONE ? NULL : &d->v[v->next];
	}
	*out = d;
	d = NULL;
cleanup:
	if (e == BC_E_NOMEM && why && why_size && !why[0])
		snprintf(why, why_size, "out of memory");
	bc_jr_free(d);
	return e;
}

void bc_jr_free(struct bc_jr_doc *d)
{
	if (!d)
		return;
	free(d->v);
	free(d->pool);
	free(d);
}

const struct bc_jr *bc_jr_root(const struct bc_jr_doc *d)
{
	return d && d->n ? &d->v[0] : NULL;
}

enum bc_jr_type bc_jr_type(const struct bc_jr *v)
{
	return v ? (enum bc_jr_type)v->type : BC_JR_NONE;
}

size_t bc_jr_len(const struct bc_jr *v)
{
	return v && (v->type == BC_JR_ARR || v->type == BC_JR_OBJ) ?
		v->count : 0;
}

const struct bc_jr *bc_jr_get(const struct bc_jr *obj, const char *key)
{
	if (!obj || obj->type != BC_JR_OBJ || !key)
		return NULL;
	for (const struct bc_jr *c = obj->firstp; c; c = c->nextp)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const struct bc_jr *bc_jr_first(const struct bc_jr *v)
{
	return v && (v->type == BC_JR_ARR || v->type == BC_JR_OBJ) ?
		v->firstp : NULL;
}

const struct bc_jr *bc_jr_next(const struct bc_jr *v)
{
	return v ? v->nextp : NULL;
}

const char *bc_jr_key(const struct bc_jr *v)
{
	return v ? v->key : NULL;
}

const char *bc_jr_str(const struct bc_jr *v, size_t *len)
{
	if (!v || v->type != BC_JR_STR)
		return NULL;
	if (len)
		*len = v->slen;
	return v->s;
}

const char *bc_jr_get_str(const struct bc_jr *obj, const char *key)
{
	return bc_jr_str(bc_jr_get(obj, key), NULL);
}

bool bc_jr_num(const struct bc_jr *v, double *out)
{
	if (!v || v->type != BC_JR_NUM)
		return false;
	if (out)
		*out = v->num;
	return true;
}

bool bc_jr_int(const struct bc_jr *v, long long *out)
{
	if (!v || v->type != BC_JR_NUM || !v->is_int)
		return false;
	if (out)
		*out = v->i;
	return true;
}

bool bc_jr_bool(const struct bc_jr *v, bool *out)
{
	if (!v || v->type != BC_JR_BOOL)
		return false;
	if (out)
		*out = v->b;
	return true;
}
