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

/* Rows whose code_table is this are the glossary: base terms (大雨, 警報,
 * 避難 ...) whose translation every row using the term must contain (see
 * dictionaries/README.md, "Glossary"). */
#define BC_DICT_GLOSSARY_TABLE "Glossary"
/* Written by `dict import` for official rows with no shipped counterpart;
 * kept in dictionaries/ for translators, never loaded. */
#define BC_DICT_STAGING_FILE "jma-official-import.tsv"

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

/* ---- headline sentences ----
 * JMA's free text (Head/Headline/Text) is Japanese only, but most of it is
 * JMA's standard sentences.  Rows keyed "text.*" hold them; their ja may
 * capture parts of the sentence:
 *   {num}, {num2}  a number (ASCII or full-width digits, decimal point)
 *                  captured as ASCII digits
 *   {time}         "１７日２３時０６分", optionally after "きょう": "17 23 06"
 *   {hm}           "１３時１０分": "13 10"
 *   {terms}        one or more words of the text.term.* rows, joined by
 *                  "や" or "、" ("土砂災害や低い土地の浸水、河川の増水"):
 *                  "offset:length,..." of each word in the sentence
 *   {names}        the same for words of any row (warning names)
 *   {day}, {day2}  a day of the month ("１９"), rendered as the month and
 *                  day nearest the report ("Aug 19")
 *   {div}, {div2}  one of JMA's divisions of the day (text.div.* rows:
 *                  未明, 夜遅く ...), as "offset:length"
 *   {_name}        any text (a place, a river) — matched, never carried
 *                  into a translation (the message names places itself)
 * and their translations use the same captures except the wildcards. */
#define BC_DICT_CAPS 8
#define BC_DICT_SENTENCE_MAX 1024
/* What a capture is, from its name ({num2} is a BC_CAP_NUM). */
enum bc_dict_cap {
	BC_CAP_NUM,   /* val: ASCII number */
	BC_CAP_TIME,  /* val: "D H M" */
	BC_CAP_HM,    /* val: "H M" */
	BC_CAP_DAY,   /* val: "D" */
	BC_CAP_TERMS, /* val: "offset:length,..." of text.term words */
	BC_CAP_NAMES, /* val: the same, words of any row */
	BC_CAP_DIV,   /* val: "offset:length" of a text.div word */
};
struct bc_dict_caps {
	size_t n;
	struct {
		char name[16];
		enum bc_dict_cap kind;
		char val[96];
	} v[BC_DICT_CAPS];
};

/* The translation of a word a list capture found (ja, n bytes): its
 * text.term row for {terms}, its text.div row for {div...}, any row for
 * {names}.  NULL if none. */
const char *bc_dict_listed(const struct bc_dict *d, enum bc_dict_cap kind,
			   const char *ja, size_t n, enum bc_lang lang);

/* The key of the row for one sentence s (len bytes, no final "。"): a row
 * whose ja is the sentence itself or the sentence and "。", else the first
 * text.* row whose pattern matches the whole sentence (captures in caps).
 * NULL when nothing matches; borrowed like every dictionary string. */
const char *bc_dict_sentence(const struct bc_dict *d, const char *s,
			     size_t len, struct bc_dict_caps *caps);

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
 * present, placeholders consistent across languages and well-formed,
 * script right for the language (no Japanese in other languages, no word
 * mixing scripts, no untranslated Latin words in non-Latin languages),
 * NFC, no stray or invisible whitespace, one translation per Japanese
 * term (the same ja twice reads the same; a row using a glossary term
 * contains that term's translation, unless its note exempts it:
 * "[exempt 高潮 es ko: reason]").  Duplicate keys fail bc_dict_load.
 * Writes one line per problem, "file:line: key [lang]: what", to report;
 * returns the number of problems. */
size_t bc_dict_check(const struct bc_dict *d, struct bc_buf *report);

/* ---- importing JMA's official dictionary (src/dict_import.c) ---------- */

struct bc_xlsx_limits;

struct bc_dict_import_opts {
	const char *data_dir;  /* holds dictionaries/ (the files updated) */
	const char *xlsx_path; /* JMA's jma_multilingual.xlsx */
	const char *out_dir;   /* NULL: rewrite data_dir/dictionaries in
				* place; else write every dictionary file
				* and the staging file into out_dir */
	const char *date;      /* YYYY-MM-DD for the notes; NULL: today,
				* Japan time */
	const struct bc_xlsx_limits *limits; /* NULL: bc_xlsx defaults */
};

struct bc_dict_import_stats {
	size_t official_rows;  /* data rows read from the workbook */
	size_t matched;        /* joined to a shipped row */
	size_t replaced;       /* cells whose text changed */
	size_t confirmed;      /* cells already equal, now jma-official */
	size_t unmatched;      /* written to BC_DICT_STAGING_FILE */
	size_t overridden;     /* cells kept by an [override] note */
};

/* Override shipped translations with JMA's official ones (DESIGN §9).
 * Every sheet whose header row (within its first 10 rows) names No.,
 * 日本語, the 14 other language columns, XMLコード表 and コード is read;
 * columns are found by their header, not their position.  An official row
 * joins a shipped row on the Japanese term (JMA's line breaks read as the
 * code tables' "\n"), else on (XMLコード表, コード) when exactly one
 * shipped row has that code (numeric codes compare without leading
 * zeros).  In a joined row every non-empty official cell (trimmed,
 * whitespace runs and line breaks made one space, NFC) replaces the
 * shipped text and becomes jma-official; the note records "JMA import
 * (file, date, No. n)" and the languages replaced — except the languages
 * the row's note lists in "[override <langs>: reason]", whose text the
 * project replaced on purpose (reported, kept).  ja-x-easy is never
 * touched.  Rows that join nothing are written, complete, to
 * BC_DICT_STAGING_FILE, so nothing official is lost.  Only rows that
 * changed are rewritten; comments and other rows stay byte for byte.
 * One line per change or doubt goes to report.  Fails, writing nothing,
 * on a bad workbook (see bc_xlsx_open) or when no sheet has the header
 * (why lists the missing columns). */
enum bc_err bc_dict_import(const struct bc_dict_import_opts *o,
			   struct bc_dict_import_stats *st,
			   struct bc_buf *report, char *why, size_t why_size);

/* `bosaicast dict ...`: args are the words after "dict" ("check";
 * "import FILE [--out DIR] [--date YYYY-MM-DD]").  Prints to stdout and
 * stderr; returns the exit status (0 ok, 1 problems or failure, 2
 * usage). */
int bc_dict_cli(const char *data_dir, char **args, size_t n_args);

#endif
