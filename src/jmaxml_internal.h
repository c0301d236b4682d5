/* jmaxml_internal.h — helpers shared by the JMA XML parser's files
 * (jmaxml.c and one jmaxml_<family>.c per family of documents).  Not part
 * of any contract outside the parser: only jmaxml*.c include it.
 *
 * The tree is walked once, by hand: no XPath, no xmlGetProp, no
 * xmlNodeGetContent (each of those allocates).  Text is copied exactly
 * once, straight into the fixed-size field of the alert that keeps it.
 */
#ifndef BC_JMAXML_INTERNAL_H
#define BC_JMAXML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

#include "alert.h"
#include "error.h"
#include "log.h"

#define BC_JX_LOG "jmaxml"

/* The namespaces of JMA disaster-information XML (jmx.xsd and friends). */
#define BC_JX_NS_JMX "http://xml.kishou.go.jp/jmaxml1/"
#define BC_JX_NS_IB "http://xml.kishou.go.jp/jmaxml1/informationBasis1/"
#define BC_JX_NS_METE "http://xml.kishou.go.jp/jmaxml1/body/meteorology1/"
#define BC_JX_NS_SEIS "http://xml.kishou.go.jp/jmaxml1/body/seismology1/"
#define BC_JX_NS_EB "http://xml.kishou.go.jp/jmaxml1/elementBasis1/"
#define BC_JX_NS_VOLC "http://xml.kishou.go.jp/jmaxml1/body/volcanology1/"

/* One parse in progress: what a family parser fills and where it reports
 * why it gave up. */
struct bc_jx {
	struct bc_alert *alert;  /* header already filled by jmaxml.c */
	size_t max_items;
	char *why;               /* may be NULL */
	size_t why_size;
};

/* A family parser reads Body (already checked to be the Body element) and
 * adds items, quake facts, severity and level to jx->alert.  On failure it
 * returns the error after bc_jx_fail() has written the reason. */
typedef enum bc_err (*bc_jx_family_fn)(struct bc_jx *jx, const xmlNode *body);

enum bc_err bc_jx_warning(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_quake(struct bc_jx *jx, const xmlNode *body);
/* Weather-family kinds and volcanoes (jmaxml_warning.c: VXWW50, VPNO50,
 * VPHW50/51; jmaxml_river.c: VXKOii, VXSUii; jmaxml_rain.c: VPOA50,
 * VPBS50; jmaxml_volcano.c: VFVO50-56). */
enum bc_err bc_jx_landslide(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_notice(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_tornado(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_river(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_rain(struct bc_jx *jx, const xmlNode *body);
enum bc_err bc_jx_volcano(struct bc_jx *jx, const xmlNode *body);

/* Head of the Report that holds body (Head/Headline/Information carries
 * facts some Bodies leave out); NULL if absent.  Cannot fail. */
const xmlNode *bc_jx_head_of(const xmlNode *body);

/* True if n is an element called name in namespace ns.  Cannot fail. */
bool bc_jx_is(const xmlNode *n, const char *ns, const char *name);

/* Next element sibling at or after n (n itself if it is an element);
 * NULL at the end.  Cannot fail. */
const xmlNode *bc_jx_elem(const xmlNode *n);

/* Copy the text of el (its text and CDATA children, concatenated, ASCII
 * white space trimmed at both ends) into dst, never splitting a UTF-8
 * sequence, always NUL-terminating.  el may be NULL (dst becomes "").
 * Returns the length written. */
size_t bc_jx_text(const xmlNode *el, char *dst, size_t size);

/* The value of attribute name on el, borrowed from the tree (valid until
 * the document is freed); NULL if absent.  Namespaced attributes are not
 * looked at. */
const char *bc_jx_attr(const xmlNode *el, const char *name);

/* Write a one-line reason into jx->why ("line N: " first when at is not
 * NULL) and return err, so that callers can `return bc_jx_fail(...)`.
 * Control characters from the document are folded to spaces. */
enum bc_err bc_jx_fail(struct bc_jx *jx, enum bc_err err, const xmlNode *at,
		       const char *fmt, ...) BC_PRINTF(4, 5);

/* Parse the text of el as a JMA date-time (bc_time_parse).  what names the
 * element in the reason, e.g. "Head/ReportDateTime".  An empty element is
 * BC_E_PARSE. */
enum bc_err bc_jx_time(struct bc_jx *jx, const xmlNode *el, const char *what,
		       time_t *out);

/* Append an item to jx->alert, BC_E_TOOBIG (with a reason) past
 * jx->max_items.  *out is borrowed until the next append. */
enum bc_err bc_jx_add_item(struct bc_jx *jx, const xmlNode *at,
			   struct bc_item **out);

/* Parse a plain decimal number "[+-]digits[.digits]" starting at s, as JMA
 * writes them (no exponent, no locale).  On success stores the value and
 * the position after the number and returns true. */
bool bc_jx_decimal(const char *s, double *out, const char **end);

#endif
