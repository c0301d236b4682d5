/* dict.h — the disaster dictionary and the per-language templates.
 *
 * Files translators edit (see dictionaries/README.md):
 *
 *   dictionaries/<name>.tsv   one row per term, every language side by side:
 *       key  info_type  code_table  code  ja  ja-x-easy  en  zh-Hans  zh-Hant
 *       ko  es  pt  id  vi  tl  th  ne  km  my  mn  provenance  note
 *     key         unique ASCII id ([a-z0-9A-Z._-]), e.g. "WeatherWarning.43"
 *     code_table  JMA code table the row translates ("" for fixed phrases)
 *     code        code in that table
 *     ja          the Japanese term exactly as JMA writes it (join key)
 *     provenance  "*=authored en=jma-official ..." : a default status for
 *                 every language, then per-language overrides.  Statuses:
 *                 jma-official, jma-place-data, derived-from-kana,
 *                 authored, reviewed.
 *   templates/<lang>.tsv  key <TAB> template, with {placeholders}.
 *
 * Loaded once; lookups are hash lookups and never allocate.  Returned
 * strings are borrowed until bc_dict_free.
 */
#ifndef BC_DICT_H
#define BC_DICT_H

#include <stdbool.h>
#include <stddef.h>

#include "alert.h"
#include "buf.h"
#include "error.h"
#include "lang.h"

struct bc_dict; /* opaque */

enum bc_prov {
	BC_PROV_NONE,
	BC_PROV_JMA_OFFICIAL,
	BC_PROV_JMA_PLACE_DATA,
	BC_PROV_DERIVED_FROM_KANA,
	BC_PROV_AUTHORED,
	BC_PROV_REVIEWED,
	BC_PROV__COUNT
};
const char *bc_prov_name(enum bc_prov p);

/* Load dir/dictionaries/<name>.tsv and dir/templates/<lang>.tsv.  Structural
 * problems (bad column count, duplicate key) fail the load with one line
 * in why naming file:line and the reason; content problems are the
 * linter's (bc_dict_check).  Caller owns *out. */
enum bc_err bc_dict_load(const char *dir, struct bc_dict **out, char *why,
			 size_t why_size);
void bc_dict_free(struct bc_dict *d);

/* Translation of a JMA term: joined on the Japanese name first, then on
 * (code_table, code).  NULL if neither is known or the cell is empty. */
const char *bc_dict_term(const struct bc_dict *d, const struct bc_term *t,
			 enum bc_lang lang);
/* Translation of a row by key ("change.issued").  NULL if unknown. */
const char *bc_dict_key(const struct bc_dict *d, const char *key,
			enum bc_lang lang);
/* Template by key for a language.  NULL if missing. */
const char *bc_dict_template(const struct bc_dict *d, const char *key,
			     enum bc_lang lang);

/* One placeholder value for bc_dict_expand. */
struct bc_var {
	const char *name;   /* without braces */
	const char *value;  /* UTF-8 */
};

/* Expand a template: each {name} is replaced by its value from vars.
 * "{{" and "}}" are literal braces.  An unknown placeholder is an error
 * (BC_E_DICT) so that a template typo never reaches a subscriber. */
enum bc_err bc_dict_expand(const char *tmpl, const struct bc_var *vars,
			   size_t n_vars, struct bc_buf *out);

/* Lint everything loaded (DESIGN §9 `dict check`): every language
 * present, placeholders consistent across languages, script right for the
 * language, NFC, no stray whitespace, one translation per Japanese term.
 * Writes one line per problem to report; returns the number of problems. */
size_t bc_dict_check(const struct bc_dict *d, struct bc_buf *report);

#endif
