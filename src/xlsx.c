/* xlsx.c — the cells of an .xlsx workbook (see xlsx.h).
 *
 * An XML parser of outside input: like src/jmaxml.c it is allowed to touch
 * libxml2 (and it alone touches libzip).  Hardening: the archive is read
 * from memory after a size check; the ZIP directory's entry count, each
 * part's declared and actual uncompressed size and the sum of all parts
 * read are limited (a zip bomb stops at the limit, never in memory
 * exhaustion); the XML is parsed with SAX callbacks, no tree, no network,
 * no DTD (a DOCTYPE or entity declaration stops the parse), bounded depth;
 * every cell and string is bounded, and so is their number.
 */
#include "xlsx.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "arena.h"
#include "buf.h"

#define MAX_DEPTH 64
#define SHEET_NAME_MAX 128

void bc_xlsx_default_limits(struct bc_xlsx_limits *lim)
{
	lim->max_file = 64u << 20;
	lim->max_entries = 10000;
	lim->max_part = 64u << 20;
	lim->max_total = 256u << 20;
	lim->max_sheets = 64;
	lim->max_cells = 2000000;
	lim->max_cols = 256;
	lim->max_rows = 1048576;
	lim->max_cell_bytes = 64u << 10;
}

struct xrow {
	size_t n;             /* columns allocated */
	const char **cell;    /* NULL when empty */
};

struct xsheet {
	const char *name;
	const char *target;   /* part name, e.g. xl/worksheets/sheet1.xml */
	const char *rid;
	struct xrow *rows;    /* index = row number - 1 */
	size_t n_rows;
};

struct bc_xlsx {
	struct bc_arena arena;
	struct xsheet *sheets;
	size_t n_sheets;
	const char **strings; /* shared strings */
	size_t n_strings, cap_strings;
	size_t n_cells;
	size_t total;         /* uncompressed bytes read */
	struct bc_xlsx_limits lim;
	zip_t *zip;
};

static enum bc_err fail(char *why, size_t why_size, enum bc_err e,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum bc_err fail(char *why, size_t why_size, enum bc_err e,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
	for (char *p = why; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return e;
}

void bc_xlsx_free(struct bc_xlsx *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_sheets; i++) {
		for (size_t r = 0; r < x->sheets[i].n_rows; r++)
			free(x->sheets[i].rows[r].cell);
		free(x->sheets[i].rows);
	}
	free(x->sheets);
	free(x->strings);
	if (x->zip)
		zip_discard(x->zip);
	bc_arena_free(&x->arena);
	free(x);
}

/* ---- ZIP ---------------------------------------------------------------- */

/* The whole part name, uncompressed, NUL-terminated, within the limits.
 * BC_E_NOTFOUND if the archive has no such part. */
static enum bc_err read_part(struct bc_xlsx *x, const char *name, char **out,
			     size_t *len, char *why, size_t why_size)
{
	*out = NULL;
	zip_int64_t idx = zip_name_locate(x->zip, name, 0);
	if (idx < 0)
		return fail(why, why_size, BC_E_NOTFOUND,
			    "%s: missing part", name);
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) != 0)
		return fail(why, why_size, BC_E_PARSE, "%s: %s", name,
			    zip_strerror(x->zip));
	/* The declared size is checked first, the bytes actually inflated
	 * after: a directory that lies is caught by the second. */
	if ((st.valid & ZIP_STAT_SIZE) && st.size > x->lim.max_part)
		return fail(why, why_size, BC_E_TOOBIG, "%s: %llu bytes "
			    "uncompressed, over the limit of %zu (zip bomb?)",
			    name, (unsigned long long)st.size,
			    x->lim.max_part);
	zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!zf)
		return fail(why, why_size, BC_E_PARSE, "%s: %s", name,
			    zip_strerror(x->zip));
	struct bc_buf b;
	bc_buf_init(&b, x->lim.max_part);
	enum bc_err e = BC_E_OK;
	char chunk[65536];
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
		if (n < 0) {
			e = fail(why, why_size, BC_E_PARSE, "%s: %s", name,
				 zip_file_strerror(zf));
			break;
		}
		if (n == 0)
			break;
		if (x->total + (size_t)n > x->lim.max_total) {
			e = fail(why, why_size, BC_E_TOOBIG, "%s: the parts "
				 "read so far exceed %zu bytes uncompressed "
				 "(zip bomb?)", name, x->lim.max_total);
			break;
		}
		x->total += (size_t)n;
		if (bc_buf_add(&b, chunk, (size_t)n)) {
			e = fail(why, why_size, BC_E_TOOBIG, "%s: more than "
				 "%zu bytes uncompressed (zip bomb?)", name,
				 x->lim.max_part);
			break;
		}
	}
	zip_fclose(zf);
	if (e) {
		bc_buf_free(&b);
		return e;
	}
	*out = bc_buf_steal(&b, len);
	return *out ? BC_E_OK : BC_E_NOMEM;
}

/* ---- the SAX parse --------------------------------------------------------- */

enum part { P_WORKBOOK, P_RELS, P_STRINGS, P_SHEET };

struct sax {
	struct bc_xlsx *x;
	xmlParserCtxtPtr ctxt;
	enum part part;
	struct xsheet *sheet;
	int depth;
	bool dtd, too_deep, too_big;
	char err[200];
	int err_line;
	char limit_msg[160];
	/* text being collected */
	bool in_text;          /* inside <t> or <v> that counts */
	int rph;               /* depth inside <rPh> (phonetic reading) */
	struct bc_buf text;
	/* current cell */
	size_t row, col;
	char type[16];
	bool in_si, in_c;
	size_t next_col;
};

static void stop(struct sax *s)
{
	xmlStopParser(s->ctxt);
}

static void limit(struct sax *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void limit(struct sax *s, const char *fmt, ...)
{
	if (!s->too_big) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(s->limit_msg, sizeof s->limit_msg, fmt, ap);
		va_end(ap);
	}
	s->too_big = true;
	stop(s);
}

static const char *attr(const xmlChar **attrs, int n, const char *name)
{
	/* localname, prefix, URI, value, end: five per attribute; values
	 * are not NUL-terminated. */
	static __thread char val[256];
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		size_t len = (size_t)(a[4] - a[3]);
		if (len >= sizeof val)
			len = sizeof val - 1;
		memcpy(val, a[3], len);
		val[len] = '\0';
		return val;
	}
	return NULL;
}

/* "BC12" -> column 55, row 12.  False if malformed. */
static bool parse_ref(const char *r, size_t *col, size_t *row)
{
	size_t c = 0, n = 0;
	while (*r >= 'A' && *r <= 'Z') {
		c = c * 26 + (size_t)(*r - 'A' + 1);
		if (c > 100000)
			return false;
		r++;
	}
	while (*r >= '0' && *r <= '9') {
		n = n * 10 + (size_t)(*r - '0');
		if (n > 100000000)
			return false;
		r++;
	}
	*col = c;
	*row = n;
	return *r == '\0' && c > 0 && n > 0;
}

static void put_cell(struct sax *s, const char *text, size_t len)
{
	struct bc_xlsx *x = s->x;
	struct xsheet *sh = s->sheet;
	if (len == 0)
		return;
	if (s->row > x->lim.max_rows || s->col > x->lim.max_cols) {
		limit(s, "cell at row %zu, column %zu: beyond the limit of "
		      "%zu rows, %zu columns", s->row, s->col,
		      x->lim.max_rows, x->lim.max_cols);
		return;
	}
	if (++x->n_cells > x->lim.max_cells) {
		limit(s, "more than %zu cells", x->lim.max_cells);
		return;
	}
	if (s->row > sh->n_rows) {
		struct xrow *p = realloc(sh->rows, s->row * sizeof *p);
		if (!p) {
			limit(s, "out of memory");
			return;
		}
		memset(p + sh->n_rows, 0,
		       (s->row - sh->n_rows) * sizeof *p);
		sh->rows = p;
		sh->n_rows = s->row;
	}
	struct xrow *r = &sh->rows[s->row - 1];
	if (s->col > r->n) {
		const char **p = realloc(r->cell, s->col * sizeof *p);
		if (!p) {
			limit(s, "out of memory");
			return;
		}
		memset(p + r->n, 0, (s->col - r->n) * sizeof *p);
		r->cell = p;
		r->n = s->col;
	}
	const char *v = bc_arena_strndup(&x->arena, text, len);
	if (!v) {
		limit(s, "out of memory");
		return;
	}
	r->cell[s->col - 1] = v;
}

static void on_start(void *ctx, const xmlChar *localname,
		     const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces,
		     int nb_attributes, int nb_defaulted,
		     const xmlChar **attributes)
{
	struct sax *s = ctx;
	const char *n = (const char *)localname;
	if (++s->depth > MAX_DEPTH) {
		s->too_deep = true;
		stop(s);
		return;
	}
	switch (s->part) {
	case P_WORKBOOK:
		if (strcmp(n, "sheet") == 0) {
			struct bc_xlsx *x = s->x;
			if (x->n_sheets == x->lim.max_sheets) {
				limit(s, "more than %zu sheets",
				      x->lim.max_sheets);
				return;
			}
			const char *nm = attr(attributes, nb_attributes,
					      "name");
			const char *nm_copy = bc_arena_strdup(&x->arena,
							      nm ? nm : "");
			const char *id = attr(attributes, nb_attributes, "id");
			const char *id_copy = bc_arena_strdup(&x->arena,
							      id ? id : "");
			struct xsheet *sh = &x->sheets[x->n_sheets++];
			memset(sh, 0, sizeof *sh);
			sh->name = nm_copy;
			sh->rid = id_copy;
		}
		break;
	case P_RELS:
		if (strcmp(n, "Relationship") == 0) {
			struct bc_xlsx *x = s->x;
			const char *id = attr(attributes, nb_attributes, "Id");
			if (!id)
				break;
			char idc[256];
			snprintf(idc, sizeof idc, "%s", id);
			const char *t = attr(attributes, nb_attributes,
					     "Target");
			if (!t)
				break;
			for (size_t i = 0; i < x->n_sheets; i++) {
				if (strcmp(x->sheets[i].rid, idc) != 0)
					continue;
				char part[300];
				/* Targets are relative to xl/ unless they
				 * start with '/'. */
				if (t[0] == '/')
					snprintf(part, sizeof part, "%s",
						 t + 1);
				else
					snprintf(part, sizeof part, "xl/%s", t);
				x->sheets[i].target =
					bc_arena_strdup(&x->arena, part);
			}
		}
		break;
	case P_STRINGS:
		if (strcmp(n, "si") == 0) {
			s->in_si = true;
			bc_buf_reset(&s->text);
		} else if (strcmp(n, "rPh") == 0) {
			s->rph++;
		} else if (strcmp(n, "t") == 0 && s->in_si && !s->rph) {
			s->in_text = true;
		}
		break;
	case P_SHEET:
		if (strcmp(n, "row") == 0) {
			const char *r = attr(attributes, nb_attributes, "r");
			s->row = r ? strtoul(r, NULL, 10) : s->row + 1;
			s->next_col = 1;
			if (s->row == 0)
				s->row = 1;
		} else if (strcmp(n, "c") == 0) {
			const char *r = attr(attributes, nb_attributes, "r");
			size_t col = s->next_col, row = s->row;
			if (r && !parse_ref(r, &col, &row)) {
				limit(s, "cell reference '%s' is malformed",
				      r);
				return;
			}
			s->col = col;
			s->row = row ? row : 1;
			s->next_col = col + 1;
			const char *t = attr(attributes, nb_attributes, "t");
			snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
			s->in_c = true;
			bc_buf_reset(&s->text);
		} else if (s->in_c && strcmp(n, "rPh") == 0) {
			s->rph++;
		} else if (s->in_c && !s->rph &&
			   (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)) {
			s->in_text = true;
		}
		break;
	}
}

static void on_end(void *ctx, const xmlChar *localname,
		   const xmlChar *prefix, const xmlChar *uri)
{
	struct sax *s = ctx;
	const char *n = (const char *)localname;
	s->depth--;
	if (strcmp(n, "t") == 0 || strcmp(n, "v") == 0) {
		s->in_text = false;
		return;
	}
	if (strcmp(n, "rPh") == 0 && s->rph) {
		s->rph--;
		return;
	}
	if (s->part == P_STRINGS && strcmp(n, "si") == 0) {
		struct bc_xlsx *x = s->x;
		s->in_si = false;
		if (x->n_strings == x->lim.max_cells) {
			limit(s, "more than %zu shared strings",
			      x->lim.max_cells);
			return;
		}
		if (x->n_strings == x->cap_strings) {
			size_t cap = x->cap_strings ? x->cap_strings * 2 : 1024;
			const char **p = realloc(x->strings, cap * sizeof *p);
			if (!p) {
				limit(s, "out of memory");
				return;
			}
			x->strings = p;
			x->cap_strings = cap;
		}
		const char *v = bc_arena_strndup(&x->arena,
						 s->text.data ? s->text.data
							      : "",
						 s->text.len);
		if (!v) {
			limit(s, "out of memory");
			return;
		}
		x->strings[x->n_strings++] = v;
		return;
	}
	if (s->part == P_SHEET && strcmp(n, "c") == 0 && s->in_c) {
		s->in_c = false;
		const char *t = s->text.data ? s->text.data : "";
		if (strcmp(s->type, "s") == 0) {
			char *end;
			errno = 0;
			unsigned long i = strtoul(t, &end, 10);
			if (!*t || *end || errno || i >= s->x->n_strings) {
				limit(s, "row %zu: shared string index '%.20s'"
				      " out of range", s->row, t);
				return;
			}
			const char *v = s->x->strings[i];
			put_cell(s, v, strlen(v));
		} else {
			put_cell(s, t, s->text.len);
		}
	}
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sax *s = ctx;
	if (!s->in_text || s->rph || len <= 0)
		return;
	if (s->text.len + (size_t)len > s->x->lim.max_cell_bytes) {
		limit(s, "a cell or string longer than %zu bytes",
		      s->x->lim.max_cell_bytes);
		return;
	}
	bc_buf_add(&s->text, ch, (size_t)len);
}

static void on_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id,
		   const xmlChar *sys_id)
{
	struct sax *s = ctx;
	s->dtd = true;
	stop(s);
}

static void on_entity(void *ctx, const xmlChar *name, int type,
		      const xmlChar *public_id, const xmlChar *system_id,
		      xmlChar *content)
{
	struct sax *s = ctx;
	s->dtd = true;
	stop(s);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct sax *s = ctx;
	if (!s || !e || s->err[0] || e->level < XML_ERR_ERROR)
		return;
	snprintf(s->err, sizeof s->err, "%s",
		 e->message ? e->message : "malformed XML");
	for (char *p = s->err; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = *(p + 1) ? ' ' : '\0';
	s->err_line = e->line;
}

static void on_generic(void *ctx, const char *msg, ...)
{
}

static enum bc_err parse_part(struct bc_xlsx *x, const char *name,
			      enum part part, struct xsheet *sheet, char *why,
			      size_t why_size)
{
	char *data = NULL;
	size_t len = 0;
	enum bc_err e = read_part(x, name, &data, &len, why, why_size);
	if (e)
		return e;
	if (len > (size_t)0x7fffffff) {
		free(data);
		return fail(why, why_size, BC_E_TOOBIG, "%s: too large", name);
	}
	struct sax s = { .x = x, .part = part, .sheet = sheet };
	bc_buf_init(&s.text, x->lim.max_cell_bytes + 1);
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	xmlSAXHandler *h = NULL;
	if (!ctxt) {
		e = fail(why, why_size, BC_E_NOMEM, "%s: cannot create an XML "
			 "parser", name);
		goto cleanup;
	}
	/* No network, no entity substitution, no DTD loading, no HUGE. */
	if (xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA) != 0) {
		e = fail(why, why_size, BC_E_INVAL, "%s: libxml2 refused the "
			 "parser options", name);
		goto cleanup;
	}
	h = xmlMalloc(sizeof *h);
	if (!h) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	memset(h, 0, sizeof *h);
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = on_start;
	h->endElementNs = on_end;
	h->characters = on_chars;
	h->internalSubset = on_dtd;
	h->externalSubset = on_dtd;
	h->entityDecl = on_entity;
	h->serror = on_error;
	if (ctxt->sax)
		xmlFree(ctxt->sax);
	ctxt->sax = h;
	h = NULL;
	ctxt->userData = &s;
	s.ctxt = ctxt;

	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&s, on_error);
	xmlSetGenericErrorFunc(NULL, on_generic);
	xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(old_sctx, old_s);
	xmlSetGenericErrorFunc(old_gctx, old_g);

	if (s.dtd)
		e = fail(why, why_size, BC_E_PARSE, "%s: DTD not allowed "
			 "(DOCTYPE or entity declaration)", name);
	else if (s.too_deep)
		e = fail(why, why_size, BC_E_TOOBIG, "%s: elements nested "
			 "deeper than %d", name, MAX_DEPTH);
	else if (s.too_big)
		e = fail(why, why_size, BC_E_TOOBIG, "%s: %s", name,
			 s.limit_msg);
	else if (!ctxt->wellFormed || s.err[0])
		e = fail(why, why_size, BC_E_PARSE, "%s: line %d: %s", name,
			 s.err_line, s.err[0] ? s.err : "malformed XML");
cleanup:
	if (ctxt) {
		if (ctxt->myDoc)
			xmlFreeDoc(ctxt->myDoc);
		xmlFreeParserCtxt(ctxt);
	}
	bc_buf_free(&s.text);
	free(data);
	return e;
}

static enum bc_err load(struct bc_xlsx *x, char *why, size_t why_size)
{
	enum bc_err e;
	zip_int64_t n = zip_get_num_entries(x->zip, 0);
	if (n < 0 || (zip_uint64_t)n > x->lim.max_entries)
		return fail(why, why_size, BC_E_TOOBIG, "%lld entries in the "
			    "archive, over the limit of %zu", (long long)n,
			    x->lim.max_entries);
	x->sheets = calloc(x->lim.max_sheets ? x->lim.max_sheets : 1,
			   sizeof *x->sheets);
	if (!x->sheets)
		return BC_E_NOMEM;
	e = parse_part(x, "xl/workbook.xml", P_WORKBOOK, NULL, why, why_size);
	if (e)
		return e;
	if (!x->n_sheets)
		return fail(why, why_size, BC_E_PARSE, "xl/workbook.xml: no "
			    "sheet");
	e = parse_part(x, "xl/_rels/workbook.xml.rels", P_RELS, NULL, why,
		       why_size);
	if (e)
		return e;
	/* Optional: a workbook of numbers or inline strings has none. */
	if (zip_name_locate(x->zip, "xl/sharedStrings.xml", 0) >= 0) {
		e = parse_part(x, "xl/sharedStrings.xml", P_STRINGS, NULL, why,
			       why_size);
		if (e)
			return e;
	}
	for (size_t i = 0; i < x->n_sheets; i++) {
		struct xsheet *sh = &x->sheets[i];
		if (!sh->target)
			return fail(why, why_size, BC_E_PARSE, "sheet '%s': no "
				    "relationship '%s' in "
				    "xl/_rels/workbook.xml.rels", sh->name,
				    sh->rid);
		e = parse_part(x, sh->target, P_SHEET, sh, why, why_size);
		if (e)
			return e;
	}
	return BC_E_OK;
}

enum bc_err bc_xlsx_open_mem(const void *data, size_t n,
			     const struct bc_xlsx_limits *lim,
			     struct bc_xlsx **out, char *why, size_t why_size)
{
	enum bc_err e = BC_E_OK;
	zip_source_t *src = NULL;
	zip_error_t zerr;
	*out = NULL;
	if (n > lim->max_file)
		return fail(why, why_size, BC_E_TOOBIG, "%zu bytes, over the "
			    "limit of %zu", n, lim->max_file);
	/* libzip does not take ownership of an empty buffer. */
	if (n == 0)
		return fail(why, why_size, BC_E_PARSE, "not a ZIP archive (an "
			    ".xlsx is one): empty file");
	struct bc_xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return BC_E_NOMEM;
	bc_arena_init(&x->arena);
	x->lim = *lim;
	/* libzip keeps using the buffer: give it its own copy. */
	void *copy = malloc(n ? n : 1);
	if (!copy) {
		e = BC_E_NOMEM;
		goto cleanup;
	}
	memcpy(copy, data, n);
	zip_error_init(&zerr);
	src = zip_source_buffer_create(copy, n, 1, &zerr);
	if (!src) {
		free(copy);
		e = fail(why, why_size, BC_E_NOMEM, "%s",
			 zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		goto cleanup;
	}
	x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!x->zip) {
		e = fail(why, why_size, BC_E_PARSE, "not a ZIP archive (an "
			 ".xlsx is one): %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		zip_source_free(src);
		goto cleanup;
	}
	zip_error_fini(&zerr);
	e = load(x, why, why_size);
cleanup:
	if (e) {
		bc_xlsx_free(x);
		return e;
	}
	*out = x;
	return BC_E_OK;
}

enum bc_err bc_xlsx_open(const char *path, const struct bc_xlsx_limits *lim,
			 struct bc_xlsx **out, char *why, size_t why_size)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(why, why_size, BC_E_IO, "%s: %s", path,
			    strerror(errno));
	struct bc_buf b;
	bc_buf_init(&b, lim->max_file);
	char chunk[65536];
	size_t n;
	enum bc_err e = BC_E_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (bc_buf_add(&b, chunk, n)) {
			e = fail(why, why_size, BC_E_TOOBIG, "%s: larger than "
				 "%zu bytes", path, lim->max_file);
			break;
		}
	if (!e && ferror(f))
		e = fail(why, why_size, BC_E_IO, "%s: read error", path);
	fclose(f);
	if (!e) {
		char inner[512];
		e = bc_xlsx_open_mem(b.data ? b.data : "", b.len, lim, out,
				     inner, sizeof inner);
		if (e)
			fail(why, why_size, e, "%s: %s", path, inner);
	}
	bc_buf_free(&b);
	return e;
}

size_t bc_xlsx_sheets(const struct bc_xlsx *x)
{
	return x->n_sheets;
}

const char *bc_xlsx_sheet_name(const struct bc_xlsx *x, size_t sheet)
{
	return sheet < x->n_sheets ? x->sheets[sheet].name : "";
}

size_t bc_xlsx_rows(const struct bc_xlsx *x, size_t sheet)
{
	return sheet < x->n_sheets ? x->sheets[sheet].n_rows : 0;
}

const char *bc_xlsx_cell(const struct bc_xlsx *x, size_t sheet, size_t row,
			 size_t col)
{
	if (sheet >= x->n_sheets || row == 0 || col == 0)
		return "";
	const struct xsheet *sh = &x->sheets[sheet];
	if (row > sh->n_rows || col > sh->rows[row - 1].n)
		return "";
	const char *v = sh->rows[row - 1].cell[col - 1];
	return v ? v : "";
}
