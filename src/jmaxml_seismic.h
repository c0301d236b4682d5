/* jmaxml_seismic.h — what the seismic family parsers share
 * (jmaxml_quake.c, jmaxml_eew.c, jmaxml_tsunami.c, jmaxml_nankai.c), on
 * top of jmaxml_internal.h.  Not part of any contract outside the parser:
 * only jmaxml*.c include it.
 */
#ifndef BC_JMAXML_SEISMIC_H
#define BC_JMAXML_SEISMIC_H

#include <stdbool.h>

#include "jmaxml_internal.h"

/* Family parsers (the dispatch table of jmaxml.c).  bc_jx_quake
 * (jmaxml_internal.h) reads VXSE51/52/53/61/62. */
/* VXSE43-45 */
enum bc_err bc_jx_eew(struct bc_jx *jx, const xmlNode *body);
/* VTSE41, VTSE51, VTSE52 */
enum bc_err bc_jx_tsunami(struct bc_jx *jx, const xmlNode *body);
/* VYSE50-52, VYSE60 */
enum bc_err bc_jx_nankai(struct bc_jx *jx, const xmlNode *body);

/* Body/Earthquake into jx->alert->quake: origin time, epicentre, depth,
 * magnitude.  A document that cites several earthquakes (a tsunami may)
 * keeps the first; every one is counted in alert->seismic.n_earthquakes
 * and checked.  Fails on a missing OriginTime and on absurd values. */
enum bc_err bc_jx_earthquake(struct bc_jx *jx, const xmlNode *eq);

/* The codes of every 固定付加文 under Body/Comments (WarningComment,
 * ForecastComment, VarComment) into alert->quake.comments, at most as
 * many as fit.  Cannot fail. */
void bc_jx_comments(struct bc_jx *jx, const xmlNode *comments);

/* A JMA seismic intensity code ("1".."7", "5-", "5+", "6-", "6+") as a
 * SeismicIntensity term (ja "震度５弱") and its severity.  Returns false
 * for anything else, leaving *t untouched. */
bool bc_jx_intensity(const char *code, struct bc_term *t,
		     enum bc_severity *sev);

/* Rank of an intensity code for comparisons: "1" = 1 ... "7" = 9, "over"
 * above all, 0 for anything else. */
int bc_jx_intensity_rank(const char *code);

/* Fill a term from parts (each may be NULL for ""), never splitting
 * UTF-8.  Cannot fail. */
void bc_jx_term(struct bc_term *t, const char *table, const char *code,
		const char *ja);

/* First child element of el named name in namespace ns; NULL if none.
 * el may be NULL.  Cannot fail. */
const xmlNode *bc_jx_child(const xmlNode *el, const char *ns,
			   const char *name);

#endif
