/* render_internal.h — what the localizer's kind families share.
 *
 * render.c owns the payload (JSON, lifecycle words, fallbacks, areas);
 * each family of kinds (render_warning.c, render_quake.c, ...) supplies
 * the words of its headline, body and actions through a struct
 * bc_rd_kind, registered in the table of render.c.  Not exported beyond
 * the render*.c files.
 */
#ifndef BC_RENDER_INTERNAL_H
#define BC_RENDER_INTERNAL_H

#include "render.h"

#define BC_RD_TEXT_MAX (256u * 1024)
#define BC_RD_MAX_UNTR 64
#define BC_RD_SLOTS 8
#define BC_RD_LIST_CITY_NAMES 3   /* names in a headline before "and N more" */
#define BC_RD_LIST_BODY_NAMES 30  /* names in one nationwide body line */

/* Work shared by every message of one alert in one language. */
struct bc_rd_cache {
	bool ready;
	char *issued_text;   /* "{time} (Japan time)" */
	char *issued_raw;    /* the date and time alone */
	char *head_text;     /* JMA's headline text in this language */
	/* Kind-specific prepared texts; the core frees them. */
	char *slot[BC_RD_SLOTS];
	/* What fell back while preparing: listed by every message. */
	char untr[BC_RD_MAX_UNTR][64];
	size_t n_untr;
};

/* Items grouped by what they say, each with the cities it concerns. */
struct bc_rd_group {
	uint32_t item;          /* representative item */
	const char **cities;
	size_t n, cap;
};

struct bc_rd_kind {
	/* Fill c->slot[] for one language; may be NULL. */
	enum bc_err (*prepare)(struct bc_renderer *r, enum bc_lang lang,
			       struct bc_rd_cache *c);
	/* Order of importance of an item (higher first). */
	long (*rank)(const struct bc_alert *a, const struct bc_item *it);
	/* Level (0 none) and severity of what concerns one place. */
	void (*summary)(const struct bc_alert *a, const uint32_t *idx,
			size_t n, int *level, enum bc_severity *sev);
	/* One item as a short phrase, appended to out (areas[].detail,
	 * body lines). */
	enum bc_err (*item)(struct bc_renderer *r, enum bc_lang lang,
			    const struct bc_item *it, struct bc_buf *out);
	/* Headline and body for one place; order lists its items, most
	 * important first.  Both buffers arrive empty. */
	enum bc_err (*city)(struct bc_renderer *r, enum bc_lang lang,
			    const char *place, const uint32_t *order, size_t n,
			    struct bc_buf *headline, struct bc_buf *body);
	/* Headline and body for the whole country; groups are most
	 * important first; prefs is the localized list of prefectures. */
	enum bc_err (*national)(struct bc_renderer *r, enum bc_lang lang,
				const struct bc_rd_group *g, size_t ng,
				const char *prefs, struct bc_buf *headline,
				struct bc_buf *body);
	/* Dictionary keys of the recommended actions for these items (most
	 * important first), at most max; returns how many. */
	size_t (*actions)(const struct bc_alert *a, const uint32_t *idx,
			  size_t n, const char **keys, size_t max);
};

extern const struct bc_rd_kind bc_rd_warning;
extern const struct bc_rd_kind bc_rd_quake;
extern const struct bc_rd_kind bc_rd_eew;      /* render_eew.c */
extern const struct bc_rd_kind bc_rd_tsunami;  /* render_tsunami.c */
extern const struct bc_rd_kind bc_rd_nankai;   /* render_nankai.c */
extern const struct bc_rd_kind bc_rd_weather;  /* landslide, rain, tornado */
extern const struct bc_rd_kind bc_rd_flood;
extern const struct bc_rd_kind bc_rd_volcano;

struct bc_renderer {
	const struct bc_dict *dict;
	const struct bc_places *places;
	struct bc_l10n *l10n;

	const struct bc_alert *a;
	const struct bc_route_plan *plan;
	const struct bc_rd_kind *kind;
	time_t sent;
	struct bc_rd_cache cache[BC_LANG__COUNT];

	/* Codes of what fell back in the message being built. */
	char untr[BC_RD_MAX_UNTR][64];
	size_t n_untr;

	struct bc_buf core[5];   /* the core's own texts */
	struct bc_buf scratch[4]; /* free for the kind callbacks */

	/* The last few times written as ISO 8601 (render.c's iso_of): a
	 * nationwide document writes the same three or four times into
	 * some 60 000 payloads, and bc_time_iso is a snprintf.
	 * Performance only. */
	struct {
		time_t t;
		bool utc, used;
		char s[26];
	} iso_memo[4];
	unsigned iso_next;
};

/* ---- helpers for the kind families ------------------------------------ */

/* A JMA term in lang; English when lang lacks it, else "<table> <code>";
 * never Japanese outside ja.  Falls back are noted as untranslated. */
const char *bc_rd_term(struct bc_renderer *r, enum bc_lang lang,
		       const struct bc_term *t, char *fallback, size_t fb_size);
/* A place name in lang (English or the code as fallbacks, noted). */
const char *bc_rd_place(struct bc_renderer *r, enum bc_lang lang,
			enum bc_area_type type, const char *code);
/* A dictionary row by key (English, then the key, as fallbacks). */
const char *bc_rd_phrase(struct bc_renderer *r, enum bc_lang lang,
			 const char *key);
/* Expand a template (English if lang lacks it), appending to out. */
enum bc_err bc_rd_expand(struct bc_renderer *r, enum bc_lang lang,
			 const char *key, const struct bc_var *vars, size_t n,
			 struct bc_buf *out);
/* "{phenomenon} {change}" of a warning-like item, appended to out. */
enum bc_err bc_rd_item_change(struct bc_renderer *r, enum bc_lang lang,
			      const struct bc_item *it, struct bc_buf *out);
/* Localized names of cities joined by the language's list pattern, cut
 * after max with "and N more". */
enum bc_err bc_rd_city_list(struct bc_renderer *r, enum bc_lang lang,
			    const char *const *codes, size_t n, size_t max,
			    struct bc_buf *out);
/* n in the language's digits. */
void bc_rd_count(struct bc_renderer *r, enum bc_lang lang, size_t n,
		 char *buf, size_t size);
/* A date and time in Japan time, localized, without "Japan time". */
enum bc_err bc_rd_datetime(struct bc_renderer *r, enum bc_lang lang,
			   time_t t, struct bc_buf *out);
/* JMA's free-text headline in lang, appended to out: ja verbatim, other
 * languages sentence by sentence from the dictionary's text.* rows; an
 * unknown sentence is left out and noted as "text:headline"
 * (render_text.c). */
enum bc_err bc_rd_headline_text(struct bc_renderer *r, enum bc_lang lang,
				struct bc_buf *out);
/* Note a fallback ("<what>:<code>") in the current message. */
void bc_rd_untranslated(struct bc_renderer *r, const char *what,
			const char *code);
/* Copy of a buffer's text (never NULL unless out of memory). */
char *bc_rd_dup(const struct bc_buf *b);

/* Class of a warning-like term: 特別警報 4 > 危険警報 3 > 警報 2 > 注意報 1. */
int bc_rd_term_class(const struct bc_term *t);

#endif
