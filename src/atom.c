/* atom.c — the Atom feed reader: a guarded libxml2 SAX parse that keeps,
 * per entry, the four things a PULL client needs (id, document URL,
 * title, updated) and nothing else.
 *
 * Order of the checks, as in jmaxml.c: size, NUL and UTF-8 on the raw
 * bytes, then libxml2 with SAX callbacks that stop it at a DOCTYPE, past
 * the depth limit, past the entry limit or at a root that is not
 * atom:feed.  libxml2 is told to ignore the encoding declaration
 * (XML_PARSE_IGNORE_ENC): the bytes were checked as UTF-8 and nothing in
 * the document may talk the parser into decoding them otherwise.
 */
#include "atom.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "alert.h"
#include "buf.h"
#include "l10n.h"
#include "log.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"

/* An Atom feed is four levels deep (feed/entry/author/name); an XHTML
 * title or content may add a few.  Anything deeper is not a feed. */
#define AX_MAX_DEPTH 32
/* Text kept of one element: more than any id, URL, date or title. */
#define AX_MAX_TEXT 4096

enum ax_field { F_NONE, F_FEED_UPDATED, F_ID, F_TITLE, F_UPDATED };
enum ax_stop { AX_GOING, AX_DTD, AX_DEPTH, AX_ROOT, AX_ENTRIES, AX_NOMEM };

/* Per parse, reached through the parser context's _private. */
struct ax {
	const struct bc_atom_limits *lim;
	struct bc_atom_feed *out;
	size_t cap;
	int depth;
	enum ax_stop stop;
	char root[64];          /* the root that was not atom:feed */

	enum ax_field field;    /* element whose text is being kept */
	int field_depth;
	struct bc_buf text;
	char none[1];           /* the text of an empty element */

	/* The entry being read. */
	bool in_entry;
	bool has_id, id_bad;
	char id[BC_ATOM_MAX_URL + 1];
	int link_rank;          /* 0 none, 1 alternate, 2 alternate XML */
	bool link_long;
	char link[BC_ATOM_MAX_URL + 1];
	char title[BC_ATOM_MAX_TITLE];
	bool has_updated;
	time_t updated;

	bool have_error;
	int err_line;
	char err_msg[200];
};

/* Copy src into dst as one line of whole UTF-8 sequences: a reason may
 * quote the feed (libxml2 cuts its quotes at any byte), and goes into one
 * log line.  Broken sequences are dropped, control characters become
 * spaces. */
static void one_line(char *dst, size_t size, const char *src)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t o = 0;
	if (!dst || size == 0)
		return;
	while (*p) {
		unsigned char c = *p;
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 :
			   (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		bool ok = n > 0;
		for (size_t k = 1; ok && k < n; k++)
			ok = (p[k] & 0xC0) == 0x80;
		if (!ok) {
			p++;
			continue;
		}
		if (o + n >= size)
			break;
		if (n == 1 && (c < 0x20 || c == 0x7f))
			dst[o++] = ' ';
		else
			memcpy(dst + o, p, n), o += n;
		p += n;
	}
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	dst[o] = '\0';
}

static enum bc_err fail(char *why, size_t why_size, enum bc_err err,
			const char *fmt, ...) BC_PRINTF(4, 5);

static enum bc_err fail(char *why, size_t why_size, enum bc_err err,
			const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (!why || why_size == 0)
		return err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	one_line(why, why_size, msg);
	return err;
}

static void skip_entry(struct ax *ax, const char *fmt, ...) BC_PRINTF(2, 3);

static void skip_entry(struct ax *ax, const char *fmt, ...)
{
	if (ax->out->skipped++ == 0) {
		char msg[256];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		one_line(ax->out->skipped_why, sizeof ax->out->skipped_why,
			 msg);
	}
}

/* ------------------------------------------------------------------ */
/* Errors and stops.                                                    */

static void record_error(struct ax *ax, const xmlError *e)
{
	if (!ax || !e || ax->have_error || e->level < XML_ERR_ERROR)
		return;
	ax->have_error = true;
	ax->err_line = e->line;
	one_line(ax->err_msg, sizeof ax->err_msg,
		 e->message ? e->message : "unknown libxml2 error");
}

static void on_ctxt_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	record_error(ctxt ? ctxt->_private : NULL, e);
}

static void on_thread_error(void *ctx, xmlErrorPtr e)
{
	record_error(ctx, e);
}

static void on_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void stop(xmlParserCtxtPtr ctxt, enum ax_stop why)
{
	struct ax *ax = ctxt->_private;
	if (ax->stop == AX_GOING)
		ax->stop = why;
	xmlStopParser(ctxt);
}

/* A DOCTYPE is the door to entity expansion and external loads; no feed
 * needs one. */
static void on_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
		      const xmlChar *sys_id)
{
	stop(ctx, AX_DTD);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type,
			   const xmlChar *public_id, const xmlChar *system_id,
			   xmlChar *content)
{
	stop(ctx, AX_DTD);
}

/* ------------------------------------------------------------------ */
/* Entries.                                                             */

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The kept text without surrounding white space, NUL-terminated in
 * place; *n its length. */
static char *trimmed(struct ax *ax, size_t *n)
{
	if (!ax->text.data) { /* nothing appended yet */
		*n = 0;
		ax->none[0] = '\0';
		return ax->none;
	}
	char *s = ax->text.data;
	size_t len = ax->text.len;
	while (len > 0 && is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	s[len] = '\0';
	*n = len;
	return s;
}

static bool has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* A document URL bosaicast may fetch: absolute http(s), printable ASCII,
 * no white space. */
static bool fetchable(const char *u)
{
	if (strncasecmp(u, "https://", 8) != 0 &&
	    strncasecmp(u, "http://", 7) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			return false;
	return true;
}

/* atom:updated is an RFC 3339 date-time; JMA writes whole seconds, and a
 * fraction, which RFC 3339 allows, is dropped. */
static bool parse_date(const char *s, time_t *out)
{
	char buf[40];
	size_t n = strlen(s);
	if (n >= sizeof buf || n < 20)
		return false;
	memcpy(buf, s, n + 1);
	if (buf[19] == '.') {
		size_t k = 20;
		while (buf[k] >= '0' && buf[k] <= '9')
			k++;
		if (k == 20)
			return false;
		memmove(buf + 19, buf + k, n + 1 - k);
	}
	return bc_time_parse(buf, out) == BC_E_OK;
}

static void begin_entry(struct ax *ax)
{
	ax->in_entry = true;
	ax->has_id = ax->id_bad = false;
	ax->id[0] = '\0';
	ax->link_rank = 0;
	ax->link_long = false;
	ax->link[0] = '\0';
	ax->title[0] = '\0';
	ax->has_updated = false;
	ax->updated = 0;
}

static void end_entry(xmlParserCtxtPtr ctxt, struct ax *ax)
{
	struct bc_atom_feed *out = ax->out;
	ax->in_entry = false;
	if (!ax->has_id || ax->id_bad) {
		skip_entry(ax, "an entry has no usable atom:id");
		return;
	}
	const char *url = ax->link_rank ? ax->link : ax->id;
	if (ax->link_long || !fetchable(url)) {
		skip_entry(ax, "entry %s: no http(s) document link", ax->id);
		return;
	}
	if (!ax->has_updated) {
		skip_entry(ax, "entry %s: no valid atom:updated", ax->id);
		return;
	}
	if (out->n == ax->lim->max_entries) {
		stop(ctxt, AX_ENTRIES);
		return;
	}
	if (out->n == ax->cap) {
		size_t cap = ax->cap ? ax->cap * 2 : 64;
		struct bc_atom_entry *e =
			realloc(out->entries, cap * sizeof *e);
		if (!e) {
			stop(ctxt, AX_NOMEM);
			return;
		}
		out->entries = e;
		ax->cap = cap;
	}
	struct bc_atom_entry *e = &out->entries[out->n];
	e->id = bc_arena_strdup(&out->strings, ax->id);
	e->url = ax->link_rank ? bc_arena_strdup(&out->strings, ax->link)
			       : e->id;
	e->title = bc_arena_strdup(&out->strings, ax->title);
	e->updated = ax->updated;
	if (!e->id || !e->url || !e->title) {
		stop(ctxt, AX_NOMEM);
		return;
	}
	out->n++;
}

static void end_field(struct ax *ax)
{
	size_t n;
	char *s = trimmed(ax, &n);
	time_t t;
	switch (ax->field) {
	case F_NONE:
		break;
	case F_FEED_UPDATED:
		if (parse_date(s, &t))
			ax->out->updated = t;
		break;
	case F_ID:
		ax->has_id = true;
		ax->id_bad = n == 0 || n > BC_ATOM_MAX_URL || has_ctl(s);
		if (!ax->id_bad)
			memcpy(ax->id, s, n + 1);
		break;
	case F_TITLE:
		one_line(ax->title, sizeof ax->title, s);
		break;
	case F_UPDATED:
		ax->has_updated = parse_date(s, &ax->updated);
		break;
	}
	ax->field = F_NONE;
}

/* The attribute of a SAX2 start element (5 pointers each: local name,
 * prefix, URI, value, end of value) without namespace, copied into dst;
 * false if absent or longer than size-1. */
static bool attr(const xmlChar **attrs, int n, const char *name, char *dst,
		 size_t size, bool *too_long)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[2] || strcmp((const char *)a[0], name) != 0)
			continue;
		size_t len = (size_t)(a[4] - a[3]);
		if (len >= size) {
			if (too_long)
				*too_long = true;
			return false;
		}
		memcpy(dst, a[3], len);
		dst[len] = '\0';
		return true;
	}
	return false;
}

static void on_link(struct ax *ax, int nb_attributes,
		    const xmlChar **attributes)
{
	char rel[32] = "", type[64] = "", href[BC_ATOM_MAX_URL + 1];
	bool href_long = false;
	/* rel absent means alternate (RFC 4287 4.2.7.2). */
	if (attr(attributes, nb_attributes, "rel", rel, sizeof rel, NULL) &&
	    strcmp(rel, "alternate") != 0)
		return;
	attr(attributes, nb_attributes, "type", type, sizeof type, NULL);
	int rank = strstr(type, "xml") ? 2 : 1;
	if (rank <= ax->link_rank)
		return;
	if (!attr(attributes, nb_attributes, "href", href, sizeof href,
		  &href_long)) {
		if (href_long) {
			ax->link_rank = rank;
			ax->link_long = true;
		}
		return;
	}
	size_t n = strlen(href);
	while (n > 0 && is_space((unsigned char)href[n - 1]))
		href[--n] = '\0';
	char *h = href;
	while (is_space((unsigned char)*h))
		h++;
	memmove(href, h, strlen(h) + 1);
	ax->link_rank = rank;
	ax->link_long = false;
	memcpy(ax->link, href, strlen(href) + 1);
}

static bool is_atom(const xmlChar *uri, const xmlChar *local,
		    const char *name)
{
	return uri && strcmp((const char *)uri, ATOM_NS) == 0 &&
	       strcmp((const char *)local, name) == 0;
}

static void keep_text(struct ax *ax, enum ax_field f)
{
	ax->field = f;
	ax->field_depth = ax->depth;
	bc_buf_reset(&ax->text);
}

static void on_start(void *ctx, const xmlChar *localname,
		     const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces,
		     int nb_attributes, int nb_defaulted,
		     const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct ax *ax = ctxt->_private;
	if (++ax->depth > AX_MAX_DEPTH) {
		stop(ctxt, AX_DEPTH);
		return;
	}
	if (ax->depth == 1) {
		if (!is_atom(uri, localname, "feed")) {
			char name[256];
			snprintf(name, sizeof name, "%s%s%s",
				 uri ? (const char *)uri : "",
				 uri ? " " : "", (const char *)localname);
			one_line(ax->root, sizeof ax->root, name);
			stop(ctxt, AX_ROOT);
		}
		return;
	}
	if (ax->field != F_NONE)
		return; /* markup inside a kept text (an XHTML title) */
	if (ax->depth == 2) {
		if (is_atom(uri, localname, "entry"))
			begin_entry(ax);
		else if (is_atom(uri, localname, "updated"))
			keep_text(ax, F_FEED_UPDATED);
		return;
	}
	if (ax->depth != 3 || !ax->in_entry)
		return;
	if (is_atom(uri, localname, "id"))
		keep_text(ax, F_ID);
	else if (is_atom(uri, localname, "title"))
		keep_text(ax, F_TITLE);
	else if (is_atom(uri, localname, "updated"))
		keep_text(ax, F_UPDATED);
	else if (is_atom(uri, localname, "link"))
		on_link(ax, nb_attributes, attributes);
}

static void on_end(void *ctx, const xmlChar *localname,
		   const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct ax *ax = ctxt->_private;
	if (ax->field != F_NONE && ax->depth == ax->field_depth)
		end_field(ax);
	else if (ax->depth == 2 && ax->in_entry)
		end_entry(ctxt, ax);
	ax->depth--;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct ax *ax = ctxt->_private;
	if (ax->field == F_NONE || len <= 0)
		return;
	/* Past the limit the text is kept cut: an id or URL that long is
	 * refused by its length anyway. */
	size_t room = ax->text.max - ax->text.len;
	size_t n = (size_t)len < room ? (size_t)len : room;
	if (n && bc_buf_add(&ax->text, ch, n) == BC_E_NOMEM)
		stop(ctxt, AX_NOMEM);
	if (n < (size_t)len && ax->field == F_ID)
		ax->id_bad = true;
}

/* ------------------------------------------------------------------ */
/* The parse.                                                           */

/* No network, no DTD, no entity substitution, no XInclude, no HUGE. */
#define AX_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | \
			XML_PARSE_BIG_LINES)

void bc_atom_feed_free(struct bc_atom_feed *f)
{
	if (!f)
		return;
	free(f->entries);
	bc_arena_free(&f->strings);
	memset(f, 0, sizeof *f);
	bc_arena_init(&f->strings);
}

enum bc_err bc_atom_parse(const char *data, size_t len,
			  const struct bc_atom_limits *lim,
			  struct bc_atom_feed *out, char *why, size_t why_size)
{
	struct ax ax = { 0 };
	enum bc_err err = BC_E_OK;
	xmlParserCtxtPtr ctxt = NULL;

	memset(out, 0, sizeof *out);
	bc_arena_init(&out->strings);
	if (why && why_size)
		why[0] = '\0';
	if (!data && len)
		return fail(why, why_size, BC_E_INVAL, "no data");
	if (len > lim->max_bytes || len > INT_MAX)
		return fail(why, why_size, BC_E_TOOBIG,
			    "feed is %zu bytes, limit %zu", len,
			    lim->max_bytes);
	if (len == 0)
		return fail(why, why_size, BC_E_PARSE, "empty feed");
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return fail(why, why_size, BC_E_ENCODING,
			    "NUL byte at offset %zu", (size_t)(nul - data));
	if (!bc_utf8_valid(data, len))
		return fail(why, why_size, BC_E_ENCODING,
			    "feed is not valid UTF-8");

	ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!ctxt)
		return fail(why, why_size, BC_E_NOMEM,
			    "cannot create an XML parser");
	if (xmlCtxtUseOptions(ctxt, AX_XML_OPTIONS) != 0) {
		err = fail(why, why_size, BC_E_INVAL,
			   "libxml2 refused the parser options");
		goto cleanup;
	}
	/* SAX only: every callback that would build a tree or resolve an
	 * entity is left out. */
	xmlSAXHandler *sax = ctxt->sax;
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	sax->cdataBlock = on_text;
	sax->internalSubset = on_subset;
	sax->externalSubset = on_subset;
	sax->entityDecl = on_entity_decl;
	sax->serror = on_ctxt_error;

	ax.lim = lim;
	ax.out = out;
	bc_buf_init(&ax.text, AX_MAX_TEXT);
	ctxt->_private = &ax;

	/* Per thread in libxml2: restored so the caller's survive. */
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&ax, on_thread_error);
	xmlSetGenericErrorFunc(NULL, on_generic_error);

	xmlParseDocument(ctxt);

	xmlSetStructuredErrorFunc(old_sctx, old_s);
	xmlSetGenericErrorFunc(old_gctx, old_g);

	switch (ax.stop) {
	case AX_DTD:
		err = fail(why, why_size, BC_E_PARSE,
			   "DTD not allowed (DOCTYPE or entity declaration)");
		goto cleanup;
	case AX_DEPTH:
		err = fail(why, why_size, BC_E_TOOBIG,
			   "elements nested deeper than %d", AX_MAX_DEPTH);
		goto cleanup;
	case AX_ROOT:
		err = fail(why, why_size, BC_E_NAMESPACE,
			   "root element is '%s', not an Atom feed", ax.root);
		goto cleanup;
	case AX_ENTRIES:
		err = fail(why, why_size, BC_E_TOOBIG,
			   "more than %zu entries", lim->max_entries);
		goto cleanup;
	case AX_NOMEM:
		err = fail(why, why_size, BC_E_NOMEM, "out of memory");
		goto cleanup;
	case AX_GOING:
		break;
	}
	if (!ctxt->wellFormed || !ctxt->nsWellFormed) {
		if (ax.have_error && ax.err_line > 0)
			err = fail(why, why_size, BC_E_PARSE, "line %d: %s",
				   ax.err_line, ax.err_msg);
		else if (ax.have_error)
			err = fail(why, why_size, BC_E_PARSE, "%s",
				   ax.err_msg);
		else
			err = fail(why, why_size, BC_E_PARSE,
				   "not well-formed XML");
	}
cleanup:
	bc_buf_free(&ax.text);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	if (err) /* no half feed: entries read before the error go too */
		bc_atom_feed_free(out);
	return err;
}
