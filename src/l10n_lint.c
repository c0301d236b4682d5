/* l10n_lint.c — case folding and mixed-script words for the dictionary
 * linter, on ICU 72 (see l10n_lint.h for why this is not in l10n.c). */
#include "l10n_lint.h"

#include <stdint.h>
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define MAX_FOLD (1u << 20) /* bytes folded at once; cells are far smaller */

enum bc_err bc_l10n_casefold(const char *s, size_t n, struct bc_buf *out)
{
	UChar stack_in[512], stack_out[600];
	UChar *in = stack_in, *fo = stack_out;
	char stack8[1400];
	char *u8 = stack8;
	int32_t ulen = 0, flen = 0, blen = 0;
	enum bc_err e = BC_E_OK;
	UErrorCode err = U_ZERO_ERROR;

	if (n > MAX_FOLD)
		return BC_E_TOOBIG;
	/* Preflight once; cells rarely need the heap. */
	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return BC_E_ENCODING;
	err = U_ZERO_ERROR;
	if ((size_t)ulen + 1 > sizeof stack_in / sizeof stack_in[0]) {
		in = malloc(((size_t)ulen + 1) * sizeof *in);
		if (!in)
			return BC_E_NOMEM;
	}
	u_strFromUTF8(in, ulen + 1, NULL, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		e = BC_E_ENCODING;
		goto cleanup;
	}
	/* Full folding can grow a string (ß -> ss): at most 3 UChars each. */
	size_t fcap = (size_t)ulen * 3 + 1;
	if (fcap > sizeof stack_out / sizeof stack_out[0]) {
		fo = malloc(fcap * sizeof *fo);
		if (!fo) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
	}
	flen = u_strFoldCase(fo, (int32_t)fcap, in, ulen, U_FOLD_CASE_DEFAULT,
			     &err);
	if (U_FAILURE(err)) {
		e = BC_E_ICU;
		goto cleanup;
	}
	size_t bcap = (size_t)flen * 3 + 1;
	if (bcap > sizeof stack8) {
		u8 = malloc(bcap);
		if (!u8) {
			e = BC_E_NOMEM;
			goto cleanup;
		}
	}
	u_strToUTF8(u8, (int32_t)bcap, &blen, fo, flen, &err);
	if (U_FAILURE(err)) {
		e = BC_E_ICU;
		goto cleanup;
	}
	e = bc_buf_add(out, u8, (size_t)blen);
cleanup:
	if (in != stack_in)
		free(in);
	if (fo != stack_out)
		free(fo);
	if (u8 != stack8)
		free(u8);
	return e;
}

/* Scripts that count for the mixed-word rule, as bits. */
enum {
	G_LATN = 1 << 0, G_CYRL = 1 << 1, G_GREK = 1 << 2, G_THAI = 1 << 3,
	G_KHMR = 1 << 4, G_MYMR = 1 << 5, G_DEVA = 1 << 6, G_CJK = 1 << 7,
	G_OTHER = 1 << 8,
};

static unsigned group_of(UScriptCode sc)
{
	switch (sc) {
	case USCRIPT_LATIN: return G_LATN;
	case USCRIPT_CYRILLIC: return G_CYRL;
	case USCRIPT_GREEK: return G_GREK;
	case USCRIPT_THAI: return G_THAI;
	case USCRIPT_KHMER: return G_KHMR;
	case USCRIPT_MYANMAR: return G_MYMR;
	case USCRIPT_DEVANAGARI: return G_DEVA;
	case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA:
	case USCRIPT_HANGUL: return G_CJK;
	case USCRIPT_COMMON: case USCRIPT_INHERITED: return 0;
	default: return G_OTHER;
	}
}

static const char *group_name(unsigned g)
{
	switch (g) {
	case G_LATN: return "Latn";
	case G_CYRL: return "Cyrl";
	case G_GREK: return "Grek";
	case G_THAI: return "Thai";
	case G_KHMR: return "Khmr";
	case G_MYMR: return "Mymr";
	case G_DEVA: return "Deva";
	case G_CJK: return "Hani/Kana/Hang";
	default: return "other";
	}
}

static bool word_char(UChar32 c)
{
	if (u_isalnum(c))
		return true;
	int8_t t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK || c == 0x200C || c == 0x200D;
}

/* A word mixes when it has two groups, unless the only other is CJK and
 * one of them is Latin. */
static bool mixes(unsigned set)
{
	if ((set & (set - 1)) == 0)
		return false;
	if (set == (G_LATN | G_CJK))
		return false;
	return true;
}

bool bc_l10n_mixed_script_word(const char *str, size_t n, size_t *off,
			       size_t *len, const char **a, const char **b)
{
	const uint8_t *s = (const uint8_t *)str;
	int32_t i = 0, start = 0, len32 = (int32_t)n;
	unsigned set = 0, first = 0;
	bool in_word = false;
	if (n > INT32_MAX)
		return false;
	while (i <= len32) {
		UChar32 c = -1;
		int32_t at = i;
		if (i < len32)
			U8_NEXT(s, i, len32, c);
		else
			i++;
		bool wc = c >= 0 && word_char(c);
		if (wc) {
			if (!in_word)
				start = at;
			in_word = true;
			UErrorCode err = U_ZERO_ERROR;
			unsigned g = group_of(uscript_getScript(c, &err));
			if (U_FAILURE(err))
				g = G_OTHER;
			if (g && !first)
				first = g;
			set |= g;
			continue;
		}
		if (mixes(set)) {
			unsigned second = set & ~first;
			second &= -second; /* lowest other group */
			if (first == G_CJK || second == G_CJK) {
				unsigned rest = set & ~(unsigned)G_CJK &
						~(unsigned)G_LATN;
				if (rest)
					second = rest & -rest;
			}
			*off = (size_t)start;
			*len = (size_t)(at - start);
			*a = group_name(first);
			*b = group_name(second);
			return true;
		}
		set = 0;
		first = 0;
		in_word = false;
	}
	return false;
}

bool bc_l10n_latin_run(const char *str, size_t n, size_t max_letters,
		       size_t *off, size_t *len)
{
	const uint8_t *s = (const uint8_t *)str;
	int32_t i = 0, len32 = (int32_t)n, start = 0;
	size_t letters = 0;
	if (n > INT32_MAX)
		return false;
	while (i <= len32) {
		UChar32 c = -1;
		int32_t at = i;
		if (i < len32)
			U8_NEXT(s, i, len32, c);
		else
			i++;
		UErrorCode err = U_ZERO_ERROR;
		bool latin = c >= 0 && u_isalpha(c) &&
			     uscript_getScript(c, &err) == USCRIPT_LATIN;
		int8_t t = c >= 0 ? u_charType(c) : 0;
		if (latin) {
			if (!letters)
				start = at;
			letters++;
			continue;
		}
		if (letters && c >= 0 && (t == U_NON_SPACING_MARK ||
					  t == U_COMBINING_SPACING_MARK))
			continue;
		if (letters > max_letters) {
			*off = (size_t)start;
			*len = (size_t)(at - start);
			return true;
		}
		letters = 0;
	}
	return false;
}
