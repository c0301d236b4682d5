/* atom.h — read an Atom feed (RFC 4287) such as JMA's PULL feeds
 * (https://www.data.jma.go.jp/developer/xml/feed/extra.xml): for each
 * entry its id, the URL of its document, its title and when it was
 * updated.  Outside input: one of the two modules (with jmaxml*.c) that
 * touch libxml2.
 *
 * Hardened like jmaxml.c: a byte limit checked before parsing, UTF-8
 * validated (no NUL), no network (XML_PARSE_NONET), no DTD (the parse
 * stops at a DOCTYPE or entity declaration), no entity expansion, a depth
 * limit and an entry limit.  The parser is SAX only: no tree is built, so
 * a long feed of several megabytes costs its entries, not a DOM.
 */
#ifndef BC_ATOM_H
#define BC_ATOM_H

#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "error.h"

/* Longest id or document URL accepted (longer entries are skipped), and
 * the longest title kept (longer ones are cut at a UTF-8 boundary). */
#define BC_ATOM_MAX_URL 1024
#define BC_ATOM_MAX_TITLE 256

struct bc_atom_entry {
	const char *id;      /* atom:id, never empty */
	const char *url;     /* the document: atom:link href (rel alternate
			      * or none), else the id; http(s) only */
	const char *title;   /* atom:title, may be "" (JMA: Control/Title) */
	time_t updated;      /* atom:updated, UTC seconds */
};

struct bc_atom_feed {
	struct bc_atom_entry *entries; /* owned, in document order */
	size_t n;
	/* Entries left out because they lack a usable id, URL or date;
	 * skipped_why says why the first one was. */
	size_t skipped;
	char skipped_why[160];
	time_t updated;      /* the feed's atom:updated, 0 if absent */
	struct bc_arena strings; /* owns every string above */
};

struct bc_atom_limits {
	size_t max_bytes;    /* whole feed */
	size_t max_entries;
};

/* Parse one feed held in memory into *out (which the caller releases
 * with bc_atom_feed_free, also on failure).  why (if non-NULL) gets a
 * one-line reason on failure.  Returns:
 *   BC_E_TOOBIG     over max_bytes or max_entries, or nested too deep
 *   BC_E_ENCODING   not UTF-8, or a NUL byte
 *   BC_E_PARSE      not well-formed XML, or a DTD
 *   BC_E_NAMESPACE  well-formed, but the root is not an Atom feed
 *   BC_E_NOMEM
 * Cannot assert on the input, whatever it is. */
enum bc_err bc_atom_parse(const char *data, size_t len,
			  const struct bc_atom_limits *lim,
			  struct bc_atom_feed *out, char *why, size_t why_size);

/* Release what bc_atom_parse allocated; the struct may be reused.  NULL
 * ok. */
void bc_atom_feed_free(struct bc_atom_feed *f);

#endif
