/* jmaxml.h — parse one JMA disaster-information XML document into the
 * alert model.  The only module that touches libxml2.
 *
 * Hardened for outside input: no network, no DTD loading, no entity
 * expansion (XML_PARSE_NONET, no NOENT/DTDLOAD), a byte limit checked
 * before parsing, a depth limit, an item limit, UTF-8 validated, and every
 * number range-checked.  Never asserts on the document.
 */
#ifndef BC_JMAXML_H
#define BC_JMAXML_H

#include <stddef.h>

#include "alert.h"
#include "error.h"

struct bc_jmaxml_limits {
	size_t max_bytes;  /* whole document */
	size_t max_items;  /* items per alert */
};

#define BC_JMAXML_DEFAULT_MAX_BYTES (4u * 1024 * 1024)
#define BC_JMAXML_DEFAULT_MAX_ITEMS 20000u

/* Process-wide set-up and tear-down of libxml2 (call once each). */
void bc_jmaxml_global_init(void);
void bc_jmaxml_global_cleanup(void);

/* Which kind a JMA type (TTAAii, e.g. "VPWW55", "VXKO50") is broadcast as;
 * BC_KIND_NONE for types that are recognised but not broadcast, or
 * unknown.  Cannot fail. */
enum bc_kind bc_jmaxml_kind_of_type(const char *ttaaii);

/* Find the TTAAii of a document from its Control/Title (e.g.
 * "震源・震度に関する情報" -> "VXSE53").  Returns NULL if unknown.
 * Types numbered per office (river floods) come back as the family,
 * "VXKOii"; the document name gives the number. */
const char *bc_jmaxml_type_of_title(const char *control_title);

/* Parse one document held in memory.
 *
 * name: the file name or URL, used in errors and stored in alert->source;
 *       a TTAAii found in it (e.g. "..._VXKO50.xml") refines the type when
 *       the title alone is ambiguous.
 * On success *out is a new alert (caller frees with bc_alert_free).
 * On failure *out is NULL and why (if non-NULL) receives a one-line reason
 * without the name, e.g. "line 12: mismatched tag" or "VPFD51 (府県天気予報)
 * is not broadcast".  Returns:
 *   BC_E_TOOBIG       over max_bytes or max_items
 *   BC_E_ENCODING     not valid UTF-8
 *   BC_E_PARSE        not well-formed, or a required element missing
 *   BC_E_NAMESPACE    root is not a JMA Report
 *   BC_E_UNSUPPORTED  a JMA type that bosaicast recognises and skips
 *   BC_E_ABSURD       a value out of range (a date in 1850, depth -5 km...)
 */
enum bc_err bc_jmaxml_parse(const char *data, size_t len, const char *name,
			    const struct bc_jmaxml_limits *limits,
			    struct bc_alert **out, char *why, size_t why_size);

#endif
