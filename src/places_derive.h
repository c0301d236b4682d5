/* places_derive.h — the script conversions behind the place names the
 * project derives itself (DESIGN §2): a kana reading in Hangul, Thai,
 * Devanagari, Khmer, Burmese or Mongolian Cyrillic, a Japanese name in
 * simplified or traditional Chinese characters.
 *
 * Used when the tables are built (tools/derive_places.c, called by
 * scripts/import_jma_places.py) and by the tests that check both against
 * JMA's official names; never at run time, where every name is already in
 * data/places.  Romanisation is bc_l10n_kana_to_latin (l10n.h): only that
 * module touches ICU.  The functions here are pure and thread-safe.
 */
#ifndef BC_PLACES_DERIVE_H
#define BC_PLACES_DERIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Longest input either conversion accepts, in bytes. */
#define BC_DERIVE_MAX 1024u

/* Write a kana reading in Hangul following the Korean standard for
 * Japanese (외래어 표기법, 일본어의 표기): か/た/ちゃ rows voiced at the start
 * of a word (가, 다, 자) and aspirated inside (카, 타, 차); つ 쓰; っ and ん
 * as the final ㅅ and ㄴ; long vowels not written (とうきょう 도쿄,
 * きゅうしゅう 규슈, にいがた 니가타).  Hiragana, katakana and ー; a space
 * or ・ starts a new word and is written as a space.  Appends to out.
 * BC_E_INVAL (nothing appended) if kana holds anything else (a kanji, a
 * Latin letter), BC_E_ENCODING for invalid UTF-8, BC_E_TOOBIG above
 * BC_DERIVE_MAX bytes. */
enum bc_err bc_derive_hangul(const char *kana, struct bc_buf *out);

/* Write a kana reading in the script of lang: "th" Thai, "ne" Nepali
 * (Devanagari), "km" Khmer, "my" Burmese, "mn" Mongolian Cyrillic, for
 * the names JMA has not translated.  Each follows the conventions of
 * JMA's own names of municipalities in that language (data/NOTICE.md):
 * long vowels not written, except where the script marks them (Thai
 * ชินโจ against ซากาตะ), ん and っ as the script closes a syllable.
 * Input as for bc_derive_hangul; a space or ・ gives a space.  Appends to
 * out.  BC_E_INVAL (nothing appended) for another lang or a reading with
 * anything but kana, BC_E_ENCODING for invalid UTF-8, BC_E_TOOBIG above
 * BC_DERIVE_MAX bytes. */
enum bc_err bc_derive_script(const char *kana, const char *lang,
			     struct bc_buf *out);
/* True if bc_derive_script knows lang. */
bool bc_derive_script_has(const char *lang);

/* A character mapping from Japanese kanji to Chinese, read from a TSV file
 * with the header "ja\tzh-Hans\tzh-Hant" (further columns are notes): one
 * character per row in ja, its simplified and traditional forms (a cell
 * may be empty: the character is dropped, as JMA drops ヶ in 六ヶ所村 →
 * 六所村).  Opaque; read-only after loading. */
struct bc_zhmap;

/* Load the mapping.  On failure *why (if non-NULL) names the file, the
 * line and the reason.  Caller owns *out. */
enum bc_err bc_zhmap_load(const char *path, struct bc_zhmap **out, char *why,
			  size_t why_size);
void bc_zhmap_free(struct bc_zhmap *m);
/* Number of characters in the mapping. */
size_t bc_zhmap_size(const struct bc_zhmap *m);

/* Write ja in simplified (hant false) or traditional Chinese characters,
 * appending to out.  A character of the mapping takes its mapped form; any
 * other Han character is kept as it is and counted in *unchecked (if
 * non-NULL): nothing says it differs in Chinese, nothing says it does not.
 * ASCII, full-width digits (written as ASCII) and spaces pass through.
 * Anything else (kana outside the mapping, Hangul) gives BC_E_INVAL with
 * nothing appended: a katakana name has no character mapping, the caller
 * romanises it instead.  BC_E_ENCODING for invalid UTF-8, BC_E_TOOBIG
 * above BC_DERIVE_MAX bytes. */
enum bc_err bc_zhmap_apply(const struct bc_zhmap *m, bool hant,
			   const char *ja, struct bc_buf *out,
			   unsigned *unchecked);

#endif
