/* render_seismic.h — what the seismic kind families share (render_quake.c,
 * render_eew.c, render_tsunami.c, render_nankai.c), on top of
 * render_internal.h.  Only those files include it.
 *
 * Texts these helpers produce come from templates/quake/<lang>.tsv
 * (seismic.*, quake.hypo.*) and the dictionary.
 */
#ifndef BC_RENDER_SEISMIC_H
#define BC_RENDER_SEISMIC_H

#include "render_internal.h"

/* Append next to out, joined with the language's separator for the
 * parts of one statement (template seismic.join); out may be empty. */
enum bc_err bc_rd_join(struct bc_renderer *r, enum bc_lang lang,
		       struct bc_buf *out, const char *next);

/* Localized names of areas of one type, joined by the language's list
 * pattern, cut after max with "and N more" (list.more). */
enum bc_err bc_rd_area_list(struct bc_renderer *r, enum bc_lang lang,
			    enum bc_area_type type, const char *const *codes,
			    size_t n, size_t max, struct bc_buf *out);

/* The earthquake of the document as one sentence without intensity
 * (quake.hypo.body: time, epicentre, depth, magnitude), appended to out;
 * nothing if the document has no earthquake. */
enum bc_err bc_rd_hypocenter(struct bc_renderer *r, enum bc_lang lang,
			     struct bc_buf *out);

/* The epicentre name and the magnitude (number or "unknown") of the
 * document's earthquake, appended to epi and mag. */
enum bc_err bc_rd_epi_mag(struct bc_renderer *r, enum bc_lang lang,
			  struct bc_buf *epi, struct bc_buf *mag);

/* The document's fixed comments (固定付加文), one per line, appended to
 * out; JMA's literal "\n" of the code table becomes a line break. */
enum bc_err bc_rd_comments(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_buf *out);

/* A seismic intensity range: "5-lower", "4 to 5-lower", "6-lower or
 * more" (upto code "over"), appended to out. */
enum bc_err bc_rd_intensity_range(struct bc_renderer *r, enum bc_lang lang,
				  const struct bc_term *from,
				  const struct bc_term *upto,
				  struct bc_buf *out);

/* Order of a SeismicIntensity code: "1" = 1 < … < "5-?" < "5-" < … < "7"
 * = 10; 0 for anything else. */
int bc_rd_intensity_order(const char *code);

/* A time of day in Japan time ("3:30 PM", "15:30"), appended to out. */
enum bc_err bc_rd_clock(struct bc_renderer *r, enum bc_lang lang, time_t t,
			struct bc_buf *out);

#endif
