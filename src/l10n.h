/* l10n.h — the Unicode work of the localizer, on ICU.  The only module that
 * touches ICU.
 *
 * One set of formatters per language is opened at start-up (ICU formatter
 * creation is expensive) and reused for every message.  All times are
 * shown in Japan time (Asia/Tokyo), as JMA issues them.
 */
#ifndef BC_L10N_H
#define BC_L10N_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "error.h"
#include "lang.h"

/* Opaque; holds formatters, caches and scratch buffers, so one thread at a
 * time uses it.  The functions without one are thread-safe. */
struct bc_l10n;

/* Open formatters for every language; *why names the language and the
 * ICU error on failure.  Caller owns *out. */
enum bc_err bc_l10n_open(struct bc_l10n **out, char *why, size_t why_size);
void bc_l10n_close(struct bc_l10n *l);
/* Free ICU's process-wide caches (transliterator registry, locale data).
 * Call at most once, at exit, after every bc_l10n is closed; it keeps
 * valgrind's leak report about our own memory only. */
void bc_l10n_cleanup(void);

/* Date and time in Japan time, medium date + short time, in the
 * language's own conventions ("Jun 22, 2020, 11:00 PM"; Thai counts years
 * in the Buddhist era; ja-x-easy uses the 12-hour clock, 午後11:00; ICU's
 * narrow no-break space before AM/PM becomes a plain space).  Appends to
 * out.  BC_E_ABSURD for a time before 1900 or after 2999. */
enum bc_err bc_l10n_datetime(struct bc_l10n *l, enum bc_lang lang, time_t t,
			     struct bc_buf *out);
/* Time of day only, short ("11:00 PM"). */
enum bc_err bc_l10n_time(struct bc_l10n *l, enum bc_lang lang, time_t t,
			 struct bc_buf *out);
/* Month and day only, in Japan time ("Aug 19", "19 ago", "8月19日"). */
enum bc_err bc_l10n_day(struct bc_l10n *l, enum bc_lang lang, time_t t,
			struct bc_buf *out);
/* A decimal number with exactly frac (0..9) fraction digits, rounded half
 * up, in the language's numbering system (Burmese and Nepali use their own
 * digits).  BC_E_INVAL for NaN or an infinity. */
enum bc_err bc_l10n_number(struct bc_l10n *l, enum bc_lang lang, double v,
			   int frac, struct bc_buf *out);
/* Join items with the language's list pattern ("A, B, and C"); n == 0
 * appends nothing.  BC_E_ENCODING if an item is not valid UTF-8. */
enum bc_err bc_l10n_list(struct bc_l10n *l, enum bc_lang lang,
			 const char *const *items, size_t n,
			 struct bc_buf *out);

/* Normalize UTF-8 to NFC, appending to out.  BC_E_ENCODING if s is not
 * valid UTF-8. */
enum bc_err bc_l10n_nfc(const char *s, size_t n, struct bc_buf *out);
bool bc_l10n_is_nfc(const char *s, size_t n);
/* True if s is valid UTF-8. */
bool bc_utf8_valid(const char *s, size_t n);

/* True if s contains Hiragana, Katakana, a kana-only mark (ー), or a Han
 * character that is Japanese-only (広, 県, 駅; any Han at all when
 * han_counts is true, i.e. for languages other than Chinese, and then also
 * CJK punctuation U+3000–303F (。、「」《》〔〕【】〜, the ideographic
 * space), ・ and full-width ASCII).  Used to stop Japanese leaking into non-Japanese
 * messages.  Bytes that are not UTF-8 are skipped. */
bool bc_l10n_has_japanese(const char *s, size_t n, bool han_counts);

/* The first character of s whose script is neither the expected ISO 15924
 * script of lang nor Common/Inherited (digits, punctuation); writes its
 * code point to *cp and returns true, or false if all are fine.  Latin is
 * accepted in every language (codes, "M7.2", brand names).  Jpan is Han +
 * kana, Hans/Hant Han, Hang Hangul only (no Hanja).  A Common character
 * whose Script_Extensions name scripts (、 ー ।) is accepted only where one
 * of them is expected; full-width forms and the ideographic space only in
 * ja, zh and ko.  Bytes that are not UTF-8 give *cp = 0xFFFD. */
bool bc_l10n_script_mismatch(const char *s, size_t n, enum bc_lang lang,
			     unsigned *cp);

/* Romanize a kana reading the way JMA writes place names in English
 * (modified Hepburn without macrons: "とうきょう" -> "Tokyo",
 * "ちよだく" -> "Chiyodaku", long vowels folded, ん before b/m/p written
 * "m" as JMA mostly does: "Nambu", "Gotemba"), each word capitalised;
 * hiragana, katakana (also half-width) and ー; ・ separates words.  ICU's
 * Hiragana-Latin plus a rule set on top; the oracle is the enName of every
 * area in JMA's area master (data/places/area_kana_oracle.tsv).  Appends
 * to out; BC_E_ENCODING if kana is not valid UTF-8, BC_E_TOOBIG above
 * 1024 bytes, BC_E_INVAL (nothing appended) if it holds anything that does
 * not romanise to plain ASCII, e.g. kanji. */
enum bc_err bc_l10n_kana_to_latin(struct bc_l10n *l, const char *kana,
				  struct bc_buf *out);

/* ------------------------------------------------------------------ */
/* Text layout for the subscribers' displays (clients/): how wide text is
 * on a terminal and where it may wrap.  Thread-safe; no struct bc_l10n. */

/* Terminal columns of one code point, as a UTF-8 terminal (glibc
 * wcwidth, tmux, xterm) advances for it: 0 for combining and enclosing
 * marks (Mn, Me), format characters (Cf, except the soft hyphen), Hangul
 * medial vowels and final consonants (U+1160..U+11FF) and controls (which
 * a display must not print); 2 for East Asian Wide and Fullwidth (CJK,
 * kana, Hangul syllables, emoji); 1 for the rest, spacing marks (Mc) of
 * Thai, Khmer, Burmese and Devanagari included. */
int bc_l10n_cp_width(uint32_t cp);

/* Upper-case the first letter of the text in b if it is a lower-case one
 * ("cidade de Wakkanai: …" → "Cidade de Wakkanai: …"), so that a headline
 * that begins with a lower-case word reads as a sentence.  Scripts without
 * case are left alone.  BC_E_ENCODING for invalid UTF-8. */
enum bc_err bc_l10n_capitalize(struct bc_buf *b);

/* Display width of UTF-8 text, the sum of its code points' widths.
 * BC_E_ENCODING if s is not valid UTF-8 (*cols is then 0). */
enum bc_err bc_l10n_width(const char *s, size_t n, size_t *cols);

/* One wrapped line: bytes s[off, off + len) of the text given to
 * bc_l10n_wrap, cols columns wide, without the trailing spaces or line
 * break it ended at. */
struct bc_l10n_line {
	size_t off;
	size_t len;
	size_t cols;
};

/* Break UTF-8 text into lines at most width columns wide, with ICU's
 * line breaking for lang's locale: between words in scripts with spaces,
 * between syllables or words found with ICU's dictionaries in Thai,
 * Khmer and Burmese (no spaces), between characters in CJK with the
 * kinsoku rules (no line starts with 。 or ）).  '\n' is a forced break
 * (an empty line stays an empty line).  A word wider than the line is cut
 * between grapheme clusters, never inside one; a single cluster wider
 * than width gets a line of its own.  Writes up to max_lines lines;
 * *n_lines gets how many were written.  BC_E_OK if the whole text fit,
 * BC_E_TOOBIG if it was cut after max_lines (those lines are valid),
 * BC_E_ENCODING for invalid UTF-8, BC_E_INVAL for width 0, BC_E_ICU. */
enum bc_err bc_l10n_wrap(enum bc_lang lang, const char *s, size_t n,
			 size_t width, struct bc_l10n_line *lines,
			 size_t max_lines, size_t *n_lines);

#endif
