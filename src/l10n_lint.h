/* l10n_lint.h — the Unicode questions the dictionary linter asks, on ICU.
 *
 * Kept apart from l10n.h (the localizer's formatting contract) because only
 * `bosaicast dict check` needs them; like l10n.c this file touches ICU and
 * nothing else of bosaicast does.  Both functions are thread-safe and
 * allocate only into the caller's buffer.
 */
#ifndef BC_L10N_LINT_H
#define BC_L10N_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Full Unicode default case folding (ICU u_strFoldCase), appended to out
 * as UTF-8: "Аадар Бороо" and "аадар бороо" fold alike, and so do "Cảnh"
 * and "CẢNH".  BC_E_ENCODING if s is not UTF-8, BC_E_TOOBIG above 1 MiB. */
enum bc_err bc_l10n_casefold(const char *s, size_t n, struct bc_buf *out);

/* The first word of s whose letters come from two scripts that never share
 * a word: Latin with Cyrillic or Greek (homoglyphs such as a Latin "a" in
 * a Mongolian word), Latin inside a Thai, Khmer, Burmese or Devanagari
 * word, or two of those scripts together.  Latin beside Han, kana or
 * Hangul is accepted ("M7以上", "10km").  A word is a run of letters,
 * marks, digits and joiners; anything else ends it.  On a find, *off and
 * *len give the word's bytes and *a, *b the ISO 15924 codes of the two
 * scripts (static strings).  Bytes that are not UTF-8 end a word. */
bool bc_l10n_mixed_script_word(const char *s, size_t n, size_t *off,
			       size_t *len, const char **a, const char **b);

/* The first run of more than max_letters Latin letters in s (an English
 * word left in a Thai or Mongolian text), as *off and *len. */
bool bc_l10n_latin_run(const char *s, size_t n, size_t max_letters,
		       size_t *off, size_t *len);

#endif
