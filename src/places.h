/* places.h — place names in 16 languages and the resolution of JMA area
 * codes to municipalities (DESIGN §4).
 *
 * The unit of place is the municipality of JMA's 15-language place data
 * (AreaInformationCity code, 7 digits, 1,898 of them incl. the wards of
 * designated cities).  Every other area code an alert can carry (warning
 * sub-areas such as 仙台市東部, forecast areas, seismic areas, EEW regions,
 * tsunami coasts, prefectures, volcanoes) expands to a set of these.
 *
 * Data comes from the TSV files in <data_dir>/places/ (an installed data
 * directory) or, when that has no city.tsv, <data_dir>/data/places/ (a
 * source checkout used as the data directory); see data/NOTICE.md.
 * Nothing is read from ../shared at run time.  Loaded once at start-up
 * (about 40 ms of CPU, 2.2 MiB of heap); afterwards every call is
 * read-only and cheap (hash lookups), so the renderer can call it per
 * message.
 *
 * Which codes each type knows (code length):
 *   BC_AREA_CITY       municipalities (7) and other 7-digit warning areas
 *                      (仙台市東部, 札幌市, 釧路市釧路)
 *   BC_AREA_PREF       prefectures (2)
 *   BC_AREA_FORECAST   offices, class10s, class15s of jma_area.json (6)
 *   BC_AREA_QUAKE      地震情報／細分区域 (3)
 *   BC_AREA_EPICENTER  震央地名 (3); no expansion
 *   BC_AREA_EEW        緊急地震速報の地域 (4): AreaForecastLocalEEW 9011…9474
 *                      and the wide regions of AreaForecastEEW 9910…9960
 *   BC_AREA_TSUNAMI    津波予報区 (3), incl. JMA's combined areas (481 千葉県…)
 *   BC_AREA_VOLCANO    火山 (3); 900-902 (all/other/new volcanoes) have no
 *                      expansion
 *   BC_AREA_RIVER      指定河川洪水予報: rivers (AreaRiver, 10 digits) and
 *                      forecast areas (AreaFloodForecast, 12 digits); a few
 *                      have no expansion (the flood document lists its
 *                      municipalities itself)
 * Names JMA does not publish are derived by the project (DESIGN §2) and
 * reported as BC_NAME_DERIVED.
 */
#ifndef BC_PLACES_H
#define BC_PLACES_H

#include <stdbool.h>
#include <stddef.h>

#include "alert.h"
#include "error.h"
#include "lang.h"

struct bc_places; /* opaque */

/* Where a localized name came from; the payload's "untranslated" lists
 * names that fell back to English or to the code. */
enum bc_name_src {
	BC_NAME_OFFICIAL,   /* JMA's multilingual place data */
	BC_NAME_DERIVED,    /* derived from the kana reading (recorded) */
	BC_NAME_FALLBACK,   /* English used in place of the language */
	BC_NAME_CODE,       /* nothing known: the code itself */
};

/* Load every table from data_dir (see above for the two layouts).  On
 * failure *why (if non-NULL) receives one line naming the file and the
 * reason.  Caller owns *out. */
enum bc_err bc_places_load(const char *data_dir, struct bc_places **out,
			   char *why, size_t why_size);
void bc_places_free(struct bc_places *p);

/* Localized name of an area, or NULL if the code is unknown for that
 * type.  For BC_LANG_JA_EASY the name carries its kana reading,
 * "稚内市（わっかないし）".  The string is borrowed until bc_places_free.
 * *src (if non-NULL) tells where it came from. */
const char *bc_places_name(const struct bc_places *p, enum bc_area_type type,
			   const char *code, enum bc_lang lang,
			   enum bc_name_src *src);

/* True if code is one of the municipalities (routing unit). */
bool bc_places_is_city(const struct bc_places *p, const char *code);

/* The municipalities an area covers, as borrowed, sorted, NUL-terminated
 * 7-digit codes; *n receives the count.  A municipality expands to itself.
 * Returns NULL with *n = 0 for an unknown area. */
const char *const *bc_places_expand(const struct bc_places *p,
				    enum bc_area_type type, const char *code,
				    size_t *n);

/* All municipalities, sorted (for nationwide fan-out and tests). */
const char *const *bc_places_all_cities(const struct bc_places *p, size_t *n);

/* Two-digit prefecture code of a municipality ("13" for 1310100). */
static inline void bc_places_pref_of(const char *city, char pref[3])
{
	pref[0] = city[0];
	pref[1] = city[1];
	pref[2] = '\0';
}

#endif
