/* places_derive.c — kana → Hangul and kanji → Chinese for derived place
 * names (places_derive.h).  Build-time helpers: the program itself only
 * reads the finished tables. */
#include "places_derive.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ZHMAP_FILE_MAX (1u << 20)
#define ZHMAP_ROWS_MAX 20000u
#define ZHMAP_FORM_MAX 8u       /* bytes of one mapped form, plus NUL */

/* Decode one code point of strict UTF-8 from s[*i..n); returns -1 on an
 * invalid sequence. */
static int32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	size_t len;
	uint32_t cp, min;
	if (c < 0x80) {
		(*i)++;
		return (int32_t)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (n - *i < len)
		return -1;
	for (size_t k = 1; k < len; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += len;
	return (int32_t)cp;
}

static size_t utf8_put(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- kana → Hangul --------------------------------------------------- */

/* Initial consonants (choseong) and vowels (jungseong) by their index in
 * the Hangul syllable formula U+AC00 + (L * 21 + V) * 28 + T. */
enum { L_G = 0, L_N = 2, L_D = 3, L_R = 5, L_M = 6, L_B = 7, L_S = 9,
       L_SS = 10, L_O = 11, L_J = 12, L_CH = 14, L_K = 15, L_T = 16,
       L_P = 17, L_H = 18 };
enum { V_A = 0, V_YA = 2, V_E = 5, V_YE = 7, V_O = 8, V_WA = 9, V_YO = 12,
       V_U = 13, V_WO = 14, V_WE = 15, V_WI = 16, V_YU = 17, V_EU = 18,
       V_I = 20 };
enum { T_NONE = 0, T_N = 4, T_S = 19 };

enum kana_kind { K_BAD, K_SYL, K_SMALL_V, K_SMALL_Y, K_SOKUON, K_N };

struct kana {
	uint8_t kind;
	uint8_t init;   /* consonant at the start of a word */
	uint8_t med;    /* consonant inside a word */
	uint8_t vowel;
};

#define SYL(i, m, v) { K_SYL, (i), (m), (v) }
#define SYL1(c, v) SYL(c, c, v)

/* Hiragana U+3041..U+3096; katakana is folded onto it first. */
static const struct kana kana_tab[0x3097 - 0x3041] = {
	[0x3041 - 0x3041] = { K_SMALL_V, L_O, L_O, V_A },
	[0x3042 - 0x3041] = SYL1(L_O, V_A),
	[0x3043 - 0x3041] = { K_SMALL_V, L_O, L_O, V_I },
	[0x3044 - 0x3041] = SYL1(L_O, V_I),
	[0x3045 - 0x3041] = { K_SMALL_V, L_O, L_O, V_U },
	[0x3046 - 0x3041] = SYL1(L_O, V_U),
	[0x3047 - 0x3041] = { K_SMALL_V, L_O, L_O, V_E },
	[0x3048 - 0x3041] = SYL1(L_O, V_E),
	[0x3049 - 0x3041] = { K_SMALL_V, L_O, L_O, V_O },
	[0x304A - 0x3041] = SYL1(L_O, V_O),
	[0x304B - 0x3041] = SYL(L_G, L_K, V_A),   /* か */
	[0x304C - 0x3041] = SYL1(L_G, V_A),       /* が */
	[0x304D - 0x3041] = SYL(L_G, L_K, V_I),
	[0x304E - 0x3041] = SYL1(L_G, V_I),
	[0x304F - 0x3041] = SYL(L_G, L_K, V_U),
	[0x3050 - 0x3041] = SYL1(L_G, V_U),
	[0x3051 - 0x3041] = SYL(L_G, L_K, V_E),
	[0x3052 - 0x3041] = SYL1(L_G, V_E),
	[0x3053 - 0x3041] = SYL(L_G, L_K, V_O),
	[0x3054 - 0x3041] = SYL1(L_G, V_O),
	[0x3055 - 0x3041] = SYL1(L_S, V_A),       /* さ */
	[0x3056 - 0x3041] = SYL1(L_J, V_A),
	[0x3057 - 0x3041] = SYL1(L_S, V_I),
	[0x3058 - 0x3041] = SYL1(L_J, V_I),
	[0x3059 - 0x3041] = SYL1(L_S, V_EU),      /* す 스 */
	[0x305A - 0x3041] = SYL1(L_J, V_EU),      /* ず 즈 */
	[0x305B - 0x3041] = SYL1(L_S, V_E),
	[0x305C - 0x3041] = SYL1(L_J, V_E),
	[0x305D - 0x3041] = SYL1(L_S, V_O),
	[0x305E - 0x3041] = SYL1(L_J, V_O),
	[0x305F - 0x3041] = SYL(L_D, L_T, V_A),   /* た */
	[0x3060 - 0x3041] = SYL1(L_D, V_A),
	[0x3061 - 0x3041] = SYL(L_J, L_CH, V_I),  /* ち 지/치 */
	[0x3062 - 0x3041] = SYL1(L_J, V_I),       /* ぢ */
	[0x3063 - 0x3041] = { K_SOKUON, 0, 0, 0 },
	[0x3064 - 0x3041] = SYL1(L_SS, V_EU),     /* つ 쓰 */
	[0x3065 - 0x3041] = SYL1(L_J, V_EU),      /* づ 즈 */
	[0x3066 - 0x3041] = SYL(L_D, L_T, V_E),
	[0x3067 - 0x3041] = SYL1(L_D, V_E),
	[0x3068 - 0x3041] = SYL(L_D, L_T, V_O),
	[0x3069 - 0x3041] = SYL1(L_D, V_O),
	[0x306A - 0x3041] = SYL1(L_N, V_A),
	[0x306B - 0x3041] = SYL1(L_N, V_I),
	[0x306C - 0x3041] = SYL1(L_N, V_U),
	[0x306D - 0x3041] = SYL1(L_N, V_E),
	[0x306E - 0x3041] = SYL1(L_N, V_O),
	[0x306F - 0x3041] = SYL1(L_H, V_A),       /* は */
	[0x3070 - 0x3041] = SYL1(L_B, V_A),
	[0x3071 - 0x3041] = SYL1(L_P, V_A),
	[0x3072 - 0x3041] = SYL1(L_H, V_I),
	[0x3073 - 0x3041] = SYL1(L_B, V_I),
	[0x3074 - 0x3041] = SYL1(L_P, V_I),
	[0x3075 - 0x3041] = SYL1(L_H, V_U),       /* ふ 후 */
	[0x3076 - 0x3041] = SYL1(L_B, V_U),
	[0x3077 - 0x3041] = SYL1(L_P, V_U),
	[0x3078 - 0x3041] = SYL1(L_H, V_E),
	[0x3079 - 0x3041] = SYL1(L_B, V_E),
	[0x307A - 0x3041] = SYL1(L_P, V_E),
	[0x307B - 0x3041] = SYL1(L_H, V_O),
	[0x307C - 0x3041] = SYL1(L_B, V_O),
	[0x307D - 0x3041] = SYL1(L_P, V_O),
	[0x307E - 0x3041] = SYL1(L_M, V_A),
	[0x307F - 0x3041] = SYL1(L_M, V_I),
	[0x3080 - 0x3041] = SYL1(L_M, V_U),
	[0x3081 - 0x3041] = SYL1(L_M, V_E),
	[0x3082 - 0x3041] = SYL1(L_M, V_O),
	[0x3083 - 0x3041] = { K_SMALL_Y, L_O, L_O, V_YA },
	[0x3084 - 0x3041] = SYL1(L_O, V_YA),
	[0x3085 - 0x3041] = { K_SMALL_Y, L_O, L_O, V_YU },
	[0x3086 - 0x3041] = SYL1(L_O, V_YU),
	[0x3087 - 0x3041] = { K_SMALL_Y, L_O, L_O, V_YO },
	[0x3088 - 0x3041] = SYL1(L_O, V_YO),
	[0x3089 - 0x3041] = SYL1(L_R, V_A),
	[0x308A - 0x3041] = SYL1(L_R, V_I),
	[0x308B - 0x3041] = SYL1(L_R, V_U),
	[0x308C - 0x3041] = SYL1(L_R, V_E),
	[0x308D - 0x3041] = SYL1(L_R, V_O),
	[0x308E - 0x3041] = SYL1(L_O, V_WA),      /* ゎ */
	[0x308F - 0x3041] = SYL1(L_O, V_WA),      /* わ */
	[0x3090 - 0x3041] = SYL1(L_O, V_I),       /* ゐ */
	[0x3091 - 0x3041] = SYL1(L_O, V_E),       /* ゑ */
	[0x3092 - 0x3041] = SYL1(L_O, V_O),       /* を */
	[0x3093 - 0x3041] = { K_N, 0, 0, 0 },
	[0x3094 - 0x3041] = SYL1(L_B, V_U),       /* ゔ 부 */
	[0x3095 - 0x3041] = SYL(L_G, L_K, V_A),   /* ゕ */
	[0x3096 - 0x3041] = SYL(L_G, L_K, V_E),   /* ゖ */
};

struct syl {
	uint8_t l, v, t;
	bool lengthened;        /* already took a long vowel */
};

/* ゃゅょ after an i-syllable: きゃ 캬.  After ㅈ and ㅊ the y is not
 * written (じゃ 자, ちょ 조), as the standard does. */
static void add_small_y(struct syl *p, uint8_t yv)
{
	bool palatal = p->l == L_J || p->l == L_CH;
	if (palatal)
		p->v = yv == V_YA ? V_A : yv == V_YU ? V_U : V_O;
	else
		p->v = yv;
}

/* ぁぃぅぇぉ after a syllable replace its vowel (ふぁ 파 is written with
 * ㅍ, as in the standard's table; うぃ 위, しぇ 셰, ちぇ 체). */
static void add_small_v(struct syl *p, uint8_t v)
{
	if (p->l == L_H && p->v == V_U)
		p->l = L_P;
	if (p->l == L_O && p->v == V_U)
		p->v = v == V_I ? V_WI : v == V_E ? V_WE : v == V_O ? V_WO
			: V_WA;
	else if (p->l == L_S && v == V_E)
		p->v = V_YE;
	else
		p->v = v;
}

/* A plain vowel after p that the standard does not write: a long vowel
 * (とう 도, きゅう 규, おお 오, にい 니).  Tuned on JMA's own Korean names
 * of municipalities: お is kept after よ (豊岡 とよおか 도요오카), and う
 * before ら or ち, which usually begins a word of its own (浦 うら, 内 うち:
 * かつうら 가쓰우라, せとうち 세토우치). */
static bool is_long(const struct syl *p, uint8_t v, uint32_t next)
{
	if (p->t != T_NONE || p->lengthened)
		return false;
	switch (v) {
	case V_U:
		if (next == 0x3089 || next == 0x3061)
			return false;
		return p->v == V_O || p->v == V_YO || p->v == V_U ||
		       p->v == V_YU || p->v == V_EU;
	case V_O:
		return p->v == V_O;
	case V_I:
		return p->v == V_I;
	default:
		return false;
	}
}

static enum bc_err put_word(const struct syl *w, size_t n,
			    struct bc_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		char u[4];
		uint32_t cp = 0xAC00u + ((uint32_t)w[i].l * 21 + w[i].v) * 28 +
			      w[i].t;
		enum bc_err e = bc_buf_add(out, u, utf8_put(cp, u));
		if (e)
			return e;
	}
	return BC_E_OK;
}

enum bc_err bc_derive_hangul(const char *kana, struct bc_buf *out)
{
	if (!kana || !out)
		return BC_E_INVAL;
	size_t n = strlen(kana);
	if (n > BC_DERIVE_MAX)
		return BC_E_TOOBIG;
	/* At most one syllable per input character (three bytes each). */
	struct syl w[BC_DERIVE_MAX / 3 + 1];
	size_t nw = 0, mark = out->len;
	bool any = false;
	const unsigned char *s = (const unsigned char *)kana;
	enum bc_err e = BC_E_OK;

	/* Decoded first: the long-vowel rule looks one character ahead. */
	uint32_t cps[BC_DERIVE_MAX + 1];
	size_t ncp = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp = utf8_next(s, n, &i);
		if (cp < 0) {
			e = BC_E_ENCODING;
			goto fail;
		}
		if (cp >= 0x30A1 && cp <= 0x30F6)
			cp -= 0x60;
		cps[ncp++] = (uint32_t)cp;
	}
	cps[ncp] = 0;
	for (size_t i = 0; i < ncp; i++) {
		uint32_t cp = cps[i];
		if (cp == ' ' || cp == 0x30FB || cp == 0x3000) {
			e = put_word(w, nw, out);
			if (e)
				goto fail;
			if (nw)
				any = true;
			nw = 0;
			if (any && out->len > mark && out->data[out->len - 1] !=
			    ' ')
				e = bc_buf_addc(out, ' ');
			if (e)
				goto fail;
			continue;
		}
		if (cp == 0x30FC) /* ー: a long vowel, not written */
			continue;
		if (cp < 0x3041 || cp > 0x3096 ||
		    kana_tab[cp - 0x3041].kind == K_BAD) {
			e = BC_E_INVAL;
			goto fail;
		}
		const struct kana *k = &kana_tab[cp - 0x3041];
		struct syl *prev = nw ? &w[nw - 1] : NULL;
		switch (k->kind) {
		case K_SYL:
			if (prev && k->init == L_O &&
			    is_long(prev, k->vowel, cps[i + 1])) {
				prev->lengthened = true;
				break;
			}
			w[nw].l = nw ? k->med : k->init;
			w[nw].v = k->vowel;
			w[nw].t = T_NONE;
			w[nw].lengthened = false;
			nw++;
			break;
		case K_SMALL_Y:
			if (prev && prev->v == V_I && prev->t == T_NONE) {
				add_small_y(prev, k->vowel);
			} else {
				w[nw].l = L_O;
				w[nw].v = k->vowel;
				w[nw].t = T_NONE;
				w[nw].lengthened = false;
				nw++;
			}
			break;
		case K_SMALL_V:
			if (prev && prev->t == T_NONE) {
				add_small_v(prev, k->vowel);
			} else {
				w[nw].l = L_O;
				w[nw].v = k->vowel;
				w[nw].t = T_NONE;
				w[nw].lengthened = false;
				nw++;
			}
			break;
		case K_SOKUON:
			if (prev && prev->t == T_NONE)
				prev->t = T_S;
			break;
		case K_N:
			if (prev && prev->t == T_NONE)
				prev->t = T_N;
			break;
		}
	}
	e = put_word(w, nw, out);
	if (e)
		goto fail;
	/* A trailing separator writes nothing after it. */
	if (out->len > mark && out->data[out->len - 1] == ' ') {
		out->len--;
		out->data[out->len] = '\0';
	}
	return BC_E_OK;
fail:
	out->len = mark;
	if (out->data)
		out->data[mark] = '\0';
	return e;
}

/* ---- kana → Thai, Devanagari, Khmer, Burmese, Mongolian Cyrillic ------- */

/* The reading is first cut into morae (consonant, vowel, palatal y), ん,
 * っ and long vowels, with the rules of the Hangul conversion above; each
 * script then writes a word from them.  The conventions are JMA's own, as
 * found in its official names of municipalities (see data/NOTICE.md). */

enum { MV_A, MV_I, MV_U, MV_E, MV_O };
enum { MC_0, MC_K, MC_G, MC_S, MC_Z, MC_SH, MC_J, MC_T, MC_D, MC_CH,
       MC_TS, MC_N, MC_H, MC_F, MC_B, MC_P, MC_M, MC_Y, MC_R, MC_W, MC_V,
       MC_COUNT };
enum { MT_BAD, MT_MO, MT_SMALL_V, MT_SMALL_Y, MT_Q, MT_N, MT_LONG };

struct mo {
	uint8_t t;      /* MT_MO, MT_Q, MT_N, MT_LONG */
	uint8_t c, v;
	uint8_t y;      /* palatal: きゃ */
};

#define MO(c, v) { MT_MO, (c), (v), 0 }

static const struct mo mora_tab[0x3097 - 0x3041] = {
	[0x3041 - 0x3041] = { MT_SMALL_V, MC_0, MV_A, 0 },
	[0x3042 - 0x3041] = MO(MC_0, MV_A),
	[0x3043 - 0x3041] = { MT_SMALL_V, MC_0, MV_I, 0 },
	[0x3044 - 0x3041] = MO(MC_0, MV_I),
	[0x3045 - 0x3041] = { MT_SMALL_V, MC_0, MV_U, 0 },
	[0x3046 - 0x3041] = MO(MC_0, MV_U),
	[0x3047 - 0x3041] = { MT_SMALL_V, MC_0, MV_E, 0 },
	[0x3048 - 0x3041] = MO(MC_0, MV_E),
	[0x3049 - 0x3041] = { MT_SMALL_V, MC_0, MV_O, 0 },
	[0x304A - 0x3041] = MO(MC_0, MV_O),
	[0x304B - 0x3041] = MO(MC_K, MV_A), [0x304C - 0x3041] = MO(MC_G, MV_A),
	[0x304D - 0x3041] = MO(MC_K, MV_I), [0x304E - 0x3041] = MO(MC_G, MV_I),
	[0x304F - 0x3041] = MO(MC_K, MV_U), [0x3050 - 0x3041] = MO(MC_G, MV_U),
	[0x3051 - 0x3041] = MO(MC_K, MV_E), [0x3052 - 0x3041] = MO(MC_G, MV_E),
	[0x3053 - 0x3041] = MO(MC_K, MV_O), [0x3054 - 0x3041] = MO(MC_G, MV_O),
	[0x3055 - 0x3041] = MO(MC_S, MV_A), [0x3056 - 0x3041] = MO(MC_Z, MV_A),
	[0x3057 - 0x3041] = MO(MC_SH, MV_I), [0x3058 - 0x3041] = MO(MC_J, MV_I),
	[0x3059 - 0x3041] = MO(MC_S, MV_U), [0x305A - 0x3041] = MO(MC_Z, MV_U),
	[0x305B - 0x3041] = MO(MC_S, MV_E), [0x305C - 0x3041] = MO(MC_Z, MV_E),
	[0x305D - 0x3041] = MO(MC_S, MV_O), [0x305E - 0x3041] = MO(MC_Z, MV_O),
	[0x305F - 0x3041] = MO(MC_T, MV_A), [0x3060 - 0x3041] = MO(MC_D, MV_A),
	[0x3061 - 0x3041] = MO(MC_CH, MV_I),
	[0x3062 - 0x3041] = MO(MC_J, MV_I),      /* ぢ as じ */
	[0x3063 - 0x3041] = { MT_Q, 0, 0, 0 },
	[0x3064 - 0x3041] = MO(MC_TS, MV_U),
	[0x3065 - 0x3041] = MO(MC_Z, MV_U),      /* づ as ず */
	[0x3066 - 0x3041] = MO(MC_T, MV_E), [0x3067 - 0x3041] = MO(MC_D, MV_E),
	[0x3068 - 0x3041] = MO(MC_T, MV_O), [0x3069 - 0x3041] = MO(MC_D, MV_O),
	[0x306A - 0x3041] = MO(MC_N, MV_A), [0x306B - 0x3041] = MO(MC_N, MV_I),
	[0x306C - 0x3041] = MO(MC_N, MV_U), [0x306D - 0x3041] = MO(MC_N, MV_E),
	[0x306E - 0x3041] = MO(MC_N, MV_O),
	[0x306F - 0x3041] = MO(MC_H, MV_A), [0x3070 - 0x3041] = MO(MC_B, MV_A),
	[0x3071 - 0x3041] = MO(MC_P, MV_A), [0x3072 - 0x3041] = MO(MC_H, MV_I),
	[0x3073 - 0x3041] = MO(MC_B, MV_I), [0x3074 - 0x3041] = MO(MC_P, MV_I),
	[0x3075 - 0x3041] = MO(MC_F, MV_U), [0x3076 - 0x3041] = MO(MC_B, MV_U),
	[0x3077 - 0x3041] = MO(MC_P, MV_U), [0x3078 - 0x3041] = MO(MC_H, MV_E),
	[0x3079 - 0x3041] = MO(MC_B, MV_E), [0x307A - 0x3041] = MO(MC_P, MV_E),
	[0x307B - 0x3041] = MO(MC_H, MV_O), [0x307C - 0x3041] = MO(MC_B, MV_O),
	[0x307D - 0x3041] = MO(MC_P, MV_O),
	[0x307E - 0x3041] = MO(MC_M, MV_A), [0x307F - 0x3041] = MO(MC_M, MV_I),
	[0x3080 - 0x3041] = MO(MC_M, MV_U), [0x3081 - 0x3041] = MO(MC_M, MV_E),
	[0x3082 - 0x3041] = MO(MC_M, MV_O),
	[0x3083 - 0x3041] = { MT_SMALL_Y, MC_Y, MV_A, 0 },
	[0x3084 - 0x3041] = MO(MC_Y, MV_A),
	[0x3085 - 0x3041] = { MT_SMALL_Y, MC_Y, MV_U, 0 },
	[0x3086 - 0x3041] = MO(MC_Y, MV_U),
	[0x3087 - 0x3041] = { MT_SMALL_Y, MC_Y, MV_O, 0 },
	[0x3088 - 0x3041] = MO(MC_Y, MV_O),
	[0x3089 - 0x3041] = MO(MC_R, MV_A), [0x308A - 0x3041] = MO(MC_R, MV_I),
	[0x308B - 0x3041] = MO(MC_R, MV_U), [0x308C - 0x3041] = MO(MC_R, MV_E),
	[0x308D - 0x3041] = MO(MC_R, MV_O),
	[0x308E - 0x3041] = MO(MC_W, MV_A), [0x308F - 0x3041] = MO(MC_W, MV_A),
	[0x3090 - 0x3041] = MO(MC_0, MV_I),      /* ゐ as い */
	[0x3091 - 0x3041] = MO(MC_0, MV_E),      /* ゑ as え */
	[0x3092 - 0x3041] = MO(MC_0, MV_O),      /* を as お */
	[0x3093 - 0x3041] = { MT_N, 0, 0, 0 },
	[0x3094 - 0x3041] = MO(MC_V, MV_U),
	[0x3095 - 0x3041] = MO(MC_K, MV_A), [0x3096 - 0x3041] = MO(MC_K, MV_E),
};

/* The same long vowels as the Hangul conversion: おう, おお, うう, いい
 * and ー, not う before ら or ち (浦, 内 begin a word of their own). */
static bool mo_long(const struct mo *p, uint8_t v, uint32_t next)
{
	if (p->t != MT_MO)
		return false;
	switch (v) {
	case MV_U:
		if (next == 0x3089 || next == 0x3061)
			return false;
		return p->v == MV_O || p->v == MV_U;
	case MV_O:
		return p->v == MV_O;
	case MV_I:
		return p->v == MV_I;
	default:
		return false;
	}
}

typedef enum bc_err (*word_fn)(const struct mo *w, size_t n,
			       struct bc_buf *out);

static bool mo_is(const struct mo *w, size_t n, size_t i, uint8_t t)
{
	return i < n && w[i].t == t;
}

/* The consonant a mora after i starts with (MC_0 for none), for ん and
 * っ that take the sound of what follows. */
static uint8_t next_cons(const struct mo *w, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n; j++)
		if (w[j].t == MT_MO)
			return w[j].c;
		else if (w[j].t != MT_Q)
			return MC_0;
	return MC_0;
}

static bool labial(uint8_t c)
{
	return c == MC_B || c == MC_P || c == MC_M;
}

/* Is mora i the last sound of the word (only a long vowel after it)? */
static bool mo_final(const struct mo *w, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n; j++)
		if (w[j].t != MT_LONG)
			return false;
	return true;
}

/* A vowel-only い after a mora in a (かい): Thai ไ, Khmer ៃ. */
static bool ai_next(const struct mo *w, size_t n, size_t i)
{
	return w[i].v == MV_A && !w[i].y && i + 1 < n &&
	       w[i + 1].t == MT_MO && w[i + 1].c == MC_0 &&
	       w[i + 1].v == MV_I;
}

/* e followed by a vowel-only い: the long e of せい, written as e. */
static bool ei_next(const struct mo *w, size_t n, size_t i)
{
	return w[i].v == MV_E && i + 1 < n && w[i + 1].t == MT_MO &&
	       w[i + 1].c == MC_0 && w[i + 1].v == MV_I && !(i + 2 < n &&
	       w[i + 2].t == MT_MO && w[i + 2].c == MC_0);
}

#define ADD(s) do { e = bc_buf_adds(out, (s)); if (e) return e; } while (0)

/* Thai: the Royal Institute's transcription of Japanese as JMA writes it.
 * A consonant is aspirated at the start of a word and plain inside it
 * (か ค/ก, た ท/ต, ち ช/จ, ぱ พ/ป), が is ง inside a word, a short vowel
 * at the end of a word takes ะ (さかた ซากาตะ), a long one does not
 * (しんじょう ชินโจ); ん and っ close the syllable (はくさん ฮาคุซัง,
 * まっかり มัคคาริ). */
static const char *const th_init[MC_COUNT] = {
	"อ", "ค", "ก", "ซ", "ซ", "ช", "จ", "ท", "ด", "ช", "ส", "น", "ฮ",
	"ฟ", "บ", "พ", "ม", "ย", "ร", "ว", "บ" };
static const char *const th_med[MC_COUNT] = {
	"อ", "ก", "ง", "ซ", "ซ", "ช", "จ", "ต", "ด", "จ", "ส", "น", "ฮ",
	"ฟ", "บ", "ป", "ม", "ย", "ร", "ว", "บ" };

static enum bc_err th_word(const struct mo *w, size_t n, struct bc_buf *out)
{
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < n; i++) {
		const struct mo *m = &w[i];
		if (m->t != MT_MO)
			continue;
		bool first = i == 0 || (i == 1 && w[0].t == MT_Q);
		bool after_q = i > 0 && w[i - 1].t == MT_Q;
		const char *c = first ? th_init[m->c] : th_med[m->c];
		/* JMA's majority: く and け keep ค inside a word too. */
		if (m->c == MC_K && (after_q || m->v == MV_U ||
				     m->v == MV_E))
			c = "ค";
		bool fin = mo_final(w, n, i);
		bool lng = mo_is(w, n, i + 1, MT_LONG) || ei_next(w, n, i);
		const char *close = NULL;
		if (mo_is(w, n, i + 1, MT_N)) {
			uint8_t nc = next_cons(w, n, i + 1);
			close = labial(nc) ? "ม" : "น";
		} else if (mo_is(w, n, i + 1, MT_Q)) {
			uint8_t nc = next_cons(w, n, i + 1);
			close = nc == MC_K ? "ค" : nc == MC_P ? "ป" :
				nc == MC_S || nc == MC_SH ? "ส" :
				nc == MC_T || nc == MC_CH || nc == MC_TS ||
				nc == MC_D ? "ท" : NULL;
		} else if (mo_is(w, n, i + 1, MT_MO) && w[i + 1].c == MC_TS &&
			   !m->y && m->c != MC_0) {
			/* つ inside a word closes the syllable before it:
			 * まつ มัทสึ, べつ เบทสึ. */
			close = "ท";
		}
		if (ai_next(w, n, i) && !close) {
			ADD("ไ");
			ADD(c);
			i++;
			continue;
		}
		if (m->y) {
			/* きょう เกียว, りゅう ริว, ひゃ เฮียะ */
			if (m->v == MV_U) {
				ADD(c);
				ADD("ิว");
			} else {
				ADD("เ");
				ADD(c);
				ADD("ีย");
				if (m->v == MV_O)
					ADD("ว");
				else if (fin && !lng)
					ADD("ะ");
			}
			if (close)
				ADD(close);
			continue;
		}
		if (m->c == MC_TS && m->v == MV_U) {
			ADD("สึ");
			continue;
		}
		if ((m->c == MC_S || m->c == MC_Z) && m->v == MV_U && !first) {
			ADD("สุ");
			continue;
		}
		switch (m->v) {
		case MV_A:
			ADD(c);
			ADD(close ? "ั" : fin && !lng ? "ะ" : "า");
			break;
		case MV_I:
			ADD(c);
			ADD(lng ? "ิอิ" : "ิ");
			break;
		case MV_U:
			ADD(c);
			ADD(lng ? "ู" : "ุ");
			break;
		case MV_E:
			ADD("เ");
			ADD(c);
			if (fin && !lng && !close)
				ADD("ะ");
			break;
		case MV_O:
			ADD("โ");
			ADD(c);
			if (fin && !lng && !close)
				ADD("ะ");
			break;
		}
		if (close)
			ADD(close);
		if (ei_next(w, n, i))
			i++;
	}
	return e;
}

/* Nepali (Devanagari): a आ/ा, short i, u, e, o (ए, ओ written long as
 * Devanagari has them); i long (ी) at the end of a word (निशिकी); ん a
 * half न् or म् before a consonant; っ the doubled consonant (अक्केशी);
 * long vowels not written (ओसु). */
static const char *const ne_cons[MC_COUNT] = {
	"", "क", "ग", "स", "ज", "श", "ज", "त", "द", "च", "त्स", "न", "ह",
	"फ", "ब", "प", "म", "य", "र", "व", "भ" };
static const char *const ne_ind[5] = { "आ", "इ", "उ", "ए", "ओ" };
static const char *const ne_sign[5] = { "ा", "ि", "ु", "े", "ो" };

static enum bc_err ne_word(const struct mo *w, size_t n, struct bc_buf *out)
{
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < n; i++) {
		const struct mo *m = &w[i];
		if (m->t == MT_N) {
			uint8_t nc = next_cons(w, n, i);
			if (nc == MC_0 || nc == MC_Y)
				ADD("न");
			else
				ADD(labial(nc) ? "म्" : "न्");
			continue;
		}
		if (m->t == MT_Q) {
			uint8_t nc = next_cons(w, n, i);
			if (nc != MC_0 && nc != MC_TS && nc != MC_N &&
			    nc != MC_M) {
				ADD(ne_cons[nc]);
				ADD("्");
			}
			continue;
		}
		if (m->t != MT_MO)
			continue;
		bool fin = mo_final(w, n, i);
		bool lng = mo_is(w, n, i + 1, MT_LONG);
		if (m->c == MC_0) {
			ADD(m->v == MV_I && (fin || lng) ? "ई" : ne_ind[m->v]);
			continue;
		}
		ADD(ne_cons[m->c]);
		if (m->y)
			ADD("्य");
		if (m->v == MV_I && (fin || lng))
			ADD("ी");
		else
			ADD(ne_sign[m->v]);
	}
	return e;
}

/* Khmer: one spelling per mora, JMA's (か កា, き គី, し ស៊ី, つ ស៊ូ, ね ណេ,
 * ま ម៉ា, が ហ្គា, ふ ហ្វូ); かい ៃ; ん ន; っ before k the final ក់;
 * long vowels not written. */
static const char *const km_tab[MC_COUNT][5] = {
	[MC_0]  = { "អា", "អ៊ី", "អ៊ូ", "អេ", "អូ" },
	[MC_K]  = { "កា", "គី", "គូ", "កេ", "កូ" },
	[MC_G]  = { "ហ្គា", "ហ្គី", "ហ្គូ", "ហ្គេ", "ហ្គូ" },
	[MC_S]  = { "សា", "ស៊ី", "ស៊ូ", "សេ", "សូ" },
	[MC_Z]  = { "ហ្សា", "ជី", "ហ្ស៊ូ", "ហ្សេ", "ហ្សូ" },
	[MC_SH] = { "សា", "ស៊ី", "ស៊ូ", "សេ", "សូ" },
	[MC_J]  = { "ជា", "ជី", "ជូ", "ជេ", "ជូ" },
	[MC_T]  = { "តា", "ទី", "ទូ", "តេ", "តូ" },
	[MC_D]  = { "ដា", "ឌី", "ឌូ", "ដេ", "ដូ" },
	[MC_CH] = { "ឆា", "ឈី", "ឈូ", "ឆេ", "ឆូ" },
	[MC_TS] = { "ស៊ា", "ស៊ី", "ស៊ូ", "ស៊េ", "ស៊ូ" },
	[MC_N]  = { "ណា", "នី", "នូ", "ណេ", "ណូ" },
	[MC_H]  = { "ហា", "ហ៊ី", "ហ៊ូ", "ហេ", "ហូ" },
	[MC_F]  = { "ហ្វា", "ហ្វី", "ហ្វូ", "ហ្វេ", "ហ្វូ" },
	[MC_B]  = { "បា", "ប៊ី", "ប៊ូ", "បេ", "បូ" },
	[MC_P]  = { "ប៉ា", "ពី", "ពូ", "ពេ", "ប៉ូ" },
	[MC_M]  = { "ម៉ា", "មី", "មូ", "មេ", "ម៉ូ" },
	[MC_Y]  = { "យ៉ា", "យី", "យូ", "យេ", "យ៉ូ" },
	[MC_R]  = { "រ៉ា", "រី", "រូ", "រេ", "រ៉ូ" },
	[MC_W]  = { "វ៉ា", "វី", "វូ", "វេ", "វ៉ូ" },
	[MC_V]  = { "វ៉ា", "វី", "វូ", "វេ", "វ៉ូ" },
};
/* The consonant of a palatal mora, written with the subscript យ. */
static const char *const km_cons[MC_COUNT] = {
	"អ", "ក", "ហ្គ", "ស", "ហ្ស", "ស", "ជ", "ត", "ដ", "ឈ", "ស", "ណ", "ហ",
	"ហ្វ", "ប", "ព", "ម", "យ", "រ", "វ", "វ" };

/* The length of a spelling without its final ា, to put ៃ in its place
 * (かい កៃ); the whole length if it does not end in ា. */
static size_t km_base_len(const char *s)
{
	size_t n = strlen(s);
	/* ា is U+17B6, three bytes */
	if (n >= 3 && !memcmp(s + n - 3, "\xE1\x9E\xB6", 3))
		return n - 3;
	return n;
}

static enum bc_err km_word(const struct mo *w, size_t n, struct bc_buf *out)
{
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < n; i++) {
		const struct mo *m = &w[i];
		if (m->t == MT_N) {
			/* ん before b, m, p after a: ាំ (あんぱち អាំប៉ាជី) */
			bool am = i > 0 && w[i - 1].t == MT_MO &&
				  w[i - 1].v == MV_A && !w[i - 1].y &&
				  labial(next_cons(w, n, i));
			ADD(am ? "ំ" : "ន");
			continue;
		}
		if (m->t == MT_MO && m->c == MC_TS && i > 0 &&
		    w[i - 1].t == MT_MO)
			ADD("ត");       /* まつ ម៉ាតស៊ូ */
		if (m->t == MT_Q) {
			uint8_t nc = next_cons(w, n, i);
			if (nc == MC_K)
				ADD("ក់");
			else if (nc == MC_T || nc == MC_TS || nc == MC_CH)
				ADD("ត");
			else if (nc == MC_P)
				ADD("ប");
			continue;
		}
		if (m->t != MT_MO)
			continue;
		if (m->y && m->c != MC_Y) {
			ADD(km_cons[m->c]);
			ADD("្យ");
			ADD(m->v == MV_A ? "ា" : "ូ");
			continue;
		}
		const char *s = km_tab[m->c][m->v];
		if (ai_next(w, n, i) && !mo_is(w, n, i + 2, MT_N) &&
		    km_base_len(s) != strlen(s)) {
			e = bc_buf_add(out, s, km_base_len(s));
			if (e)
				return e;
			ADD("ៃ");
			i++;
			continue;
		}
		ADD(s);
		if (ei_next(w, n, i))
			i++;
	}
	return e;
}

/* Burmese: the consonant with ာ in a word's first syllable and the vowel
 * inherent after it (かわさき ကာဝဆကိ), i and u long (ီ ူ) in the first
 * syllable; e ဲ့, o ို; ん န် (မ် before b, m, p); っ and long vowels not
 * written. */
static const char *const my_cons[MC_COUNT] = {
	"အ", "က", "ဂ", "ဆ", "ဇ", "ရှ", "ဂျ", "တ", "ဒ", "ကျ", "ဆ", "န", "ဟ",
	"ဖ", "ဘ", "ပ", "မ", "ယ", "ရ", "ဝ", "ဗ" };
static const char *const my_pal[MC_COUNT] = {
	"ယ", "ကျ", "ဂျ", "ရှ", "ဇ", "ရှ", "ဂျ", "တျ", "ဒျ", "ကျ", "ချ", "ညှ",
	"ဟျ", "ဖျ", "ဗျ", "ပျ", "မျ", "ယ", "ယ", "ဝ", "ဗျ" };

/* ā in the tall form after the letters whose round shape would be taken
 * for another (ခ ဂ ဒ ပ ဝ). */
static bool my_tall(uint8_t c, bool first)
{
	return (c == MC_K && first) || c == MC_G || c == MC_D ||
	       c == MC_P || c == MC_W;
}

static enum bc_err my_word(const struct mo *w, size_t n, struct bc_buf *out)
{
	enum bc_err e = BC_E_OK;
	for (size_t i = 0; i < n; i++) {
		const struct mo *m = &w[i];
		if (m->t == MT_N) {
			/* The rhyme with ん: しん ရှင်, ぶん ဘွန်, げん ဂန်,
			 * さん ဆန်, さんば ဆမ်ဘ. */
			uint8_t pv = i > 0 && w[i - 1].t == MT_MO ?
				     w[i - 1].v : MV_A;
			if (pv == MV_I)
				ADD("င်");
			else if (pv == MV_U || pv == MV_O)
				ADD(pv == MV_U ? "ွန်" : "ုန်");
			else
				ADD(labial(next_cons(w, n, i)) ? "မ်" : "န်");
			continue;
		}
		if (m->t != MT_MO)
			continue;
		bool first = i == 0;
		bool nasal = mo_is(w, n, i + 1, MT_N);
		bool fin = mo_final(w, n, i);
		bool after_v = i > 0 && w[i - 1].t == MT_MO;
		if (m->c == MC_0 && m->v == MV_U) {
			ADD("ဥ");
			continue;
		}
		if (m->c == MC_0 && after_v && (m->v == MV_I ||
						m->v == MV_E)) {
			/* い, え after a vowel: ယိ, ယဲ့ (さかい ဆာကယိ) */
			ADD(m->v == MV_I ? "ယိ" : "ယဲ့");
			continue;
		}
		if (m->c == MC_K && first && !m->y)
			ADD("ခ");
		else
			ADD(m->y ? my_pal[m->c] : my_cons[m->c]);
		switch (m->v) {
		case MV_A:
			if (fin || nasal)
				break;
			ADD(my_tall(m->c, first) ? "ါ" : "ာ");
			/* creaky tone before the last syllable: ကာ့ဝ */
			if (!first && mo_final(w, n, i + 1))
				ADD("့");
			break;
		case MV_I:
			ADD(nasal ? "" : first ? "ီ" : "ိ");
			break;
		case MV_U:
			ADD(nasal ? "" : first ? "ူ" : "ု");
			break;
		case MV_E:
			ADD(nasal ? "" : "ဲ့");
			break;
		case MV_O:
			ADD(nasal ? "" : "ို");
			break;
		}
	}
	return e;
}

/* Mongolian Cyrillic: u ү (つ цү, ふ фү, す сү), e э, し ши, じ ж, ち ч,
 * palatal я ю ё; い after a vowel й (さかい Сакай); ん н, м before б, м,
 * п; っ the doubled consonant (Аккэши); long vowels not written. */
static const char *const mn_cons[MC_COUNT] = {
	"", "к", "г", "с", "з", "ш", "ж", "т", "д", "ч", "ц", "н", "х", "ф",
	"б", "п", "м", "", "р", "в", "в" };
static const char *const mn_vow[5] = { "а", "и", "ү", "э", "о" };
static const char *const mn_yv[5] = { "я", "и", "ю", "е", "ё" };

static enum bc_err mn_word(const struct mo *w, size_t n, struct bc_buf *out)
{
	enum bc_err e = BC_E_OK;
	size_t mark = out->len;
	for (size_t i = 0; i < n; i++) {
		const struct mo *m = &w[i];
		if (m->t == MT_N) {
			ADD(labial(next_cons(w, n, i)) ? "м" : "н");
			continue;
		}
		if (m->t == MT_Q) {
			uint8_t nc = next_cons(w, n, i);
			if (nc != MC_0 && nc != MC_Y)
				ADD(nc == MC_SH ? "ш" : nc == MC_CH ? "т" :
				    mn_cons[nc]);
			continue;
		}
		if (m->t == MT_LONG && m->v == MV_I) {
			ADD("й");       /* にいじま Нийжима */
			continue;
		}
		if (m->t != MT_MO)
			continue;
		bool after_v = i > 0 && w[i - 1].t == MT_MO;
		if (m->c == MC_0) {
			if (m->v == MV_I && after_v)
				ADD("й");
			else if (m->v == MV_U && after_v && w[i - 1].v == MV_A)
				ADD("ү");
			else
				ADD(mn_vow[m->v]);
			continue;
		}
		/* よ inside a word and ょう: ёо (とよの Тоёоно, じょうよう
		 * Жоёо), as JMA writes them. */
		bool yoo = m->v == MV_O && ((m->c == MC_Y && i > 0) ||
			   (m->y && mo_is(w, n, i + 1, MT_LONG)));
		if (m->c == MC_Y) {
			ADD(yoo ? "ёо" : mn_yv[m->v]);
			continue;
		}
		ADD(mn_cons[m->c]);
		if (m->y)
			ADD(yoo ? "ёо" : mn_yv[m->v]);
		else
			ADD(mn_vow[m->v]);
	}
	/* A capital at the start of the word, as JMA writes names. */
	if (out->len > mark) {
		const unsigned char *s = (const unsigned char *)out->data +
					 mark;
		if (s[0] == 0xD0 && s[1] >= 0xB0 && s[1] <= 0xBF) {
			out->data[mark + 1] = (char)(s[1] - 0x20);
		} else if (s[0] == 0xD1 && s[1] >= 0x80 && s[1] <= 0x8F) {
			out->data[mark] = (char)0xD0;
			out->data[mark + 1] = (char)(s[1] + 0x20);
		} else if (s[0] == 0xD1 && s[1] == 0x91) {  /* ё Ё */
			out->data[mark] = (char)0xD0;
			out->data[mark + 1] = (char)0x81;
		} else if (s[0] == 0xD2 && s[1] == 0xAF) {  /* ү Ү */
			out->data[mark + 1] = (char)0xAE;
		} else if (s[0] == 0xD3 && s[1] == 0xA9) {  /* ө Ө */
			out->data[mark + 1] = (char)0xA8;
		}
	}
	return e;
}

#undef ADD

static const struct {
	const char *lang;
	word_fn fn;
} scripts[] = {
	{ "th", th_word }, { "ne", ne_word }, { "km", km_word },
	{ "my", my_word }, { "mn", mn_word },
};

bool bc_derive_script_has(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof scripts / sizeof *scripts; i++)
		if (!strcmp(lang, scripts[i].lang))
			return true;
	return false;
}

enum bc_err bc_derive_script(const char *kana, const char *lang,
			     struct bc_buf *out)
{
	if (!kana || !lang || !out)
		return BC_E_INVAL;
	word_fn fn = NULL;
	for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
		if (!strcmp(lang, scripts[i].lang))
			fn = scripts[i].fn;
	if (!fn)
		return BC_E_INVAL;
	size_t n = strlen(kana);
	if (n > BC_DERIVE_MAX)
		return BC_E_TOOBIG;
	struct mo w[BC_DERIVE_MAX / 3 + 1];
	uint32_t cps[BC_DERIVE_MAX + 1];
	size_t nw = 0, ncp = 0, mark = out->len;
	const unsigned char *s = (const unsigned char *)kana;
	enum bc_err e = BC_E_OK;

	for (size_t i = 0; i < n;) {
		int32_t cp = utf8_next(s, n, &i);
		if (cp < 0) {
			e = BC_E_ENCODING;
			goto fail;
		}
		if (cp >= 0x30A1 && cp <= 0x30F6)
			cp -= 0x60;
		cps[ncp++] = (uint32_t)cp;
	}
	cps[ncp] = 0;
	for (size_t i = 0; i <= ncp; i++) {
		uint32_t cp = cps[i];
		if (i == ncp || cp == ' ' || cp == 0x30FB || cp == 0x3000) {
			size_t before = out->len;
			e = fn(w, nw, out);
			if (e)
				goto fail;
			nw = 0;
			if (i < ncp && out->len > mark &&
			    out->data[out->len - 1] != ' ' && out->len > before)
				e = bc_buf_addc(out, ' ');
			if (e)
				goto fail;
			continue;
		}
		struct mo *prev = nw ? &w[nw - 1] : NULL;
		if (cp == 0x30FC) {     /* ー */
			if (prev && prev->t == MT_MO)
				w[nw++] = (struct mo){ MT_LONG, 0, prev->v, 0 };
			continue;
		}
		if (cp < 0x3041 || cp > 0x3096 ||
		    mora_tab[cp - 0x3041].t == MT_BAD) {
			e = BC_E_INVAL;
			goto fail;
		}
		struct mo k = mora_tab[cp - 0x3041];
		switch (k.t) {
		case MT_MO:
			if (prev && k.c == MC_0 &&
			    mo_long(prev, k.v, cps[i + 1])) {
				w[nw++] = (struct mo){ MT_LONG, 0, k.v, 0 };
				break;
			}
			w[nw++] = k;
			break;
		case MT_SMALL_Y:
			if (prev && prev->t == MT_MO && prev->v == MV_I &&
			    !prev->y && prev->c != MC_0) {
				prev->v = k.v;
				if (prev->c != MC_SH && prev->c != MC_J &&
				    prev->c != MC_CH)
					prev->y = 1;
			} else {
				w[nw++] = (struct mo){ MT_MO, MC_Y, k.v, 0 };
			}
			break;
		case MT_SMALL_V:
			if (prev && prev->t == MT_MO && !prev->y) {
				if (prev->c == MC_0 && prev->v == MV_U)
					prev->c = MC_W;
				prev->v = k.v;
			} else {
				w[nw++] = (struct mo){ MT_MO, MC_0, k.v, 0 };
			}
			break;
		default:        /* っ, ん */
			if (prev && (prev->t == MT_MO || prev->t == MT_LONG))
				w[nw++] = (struct mo){ k.t, 0, 0, 0 };
			break;
		}
	}
	/* A trailing separator writes nothing after it. */
	if (out->len > mark && out->data[out->len - 1] == ' ') {
		out->len--;
		out->data[out->len] = '\0';
	}
	return BC_E_OK;
fail:
	out->len = mark;
	if (out->data)
		out->data[mark] = '\0';
	return e;
}

/* ---- kanji → Chinese --------------------------------------------------- */

struct zh_entry {
	uint32_t cp;
	char form[2][ZHMAP_FORM_MAX]; /* simplified, traditional */
};

struct bc_zhmap {
	struct zh_entry *e;
	size_t n;
};

static bool is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

static int cmp_entry(const void *a, const void *b)
{
	uint32_t x = ((const struct zh_entry *)a)->cp;
	uint32_t y = ((const struct zh_entry *)b)->cp;
	return x < y ? -1 : x > y;
}

static const struct zh_entry *zh_find(const struct bc_zhmap *m, uint32_t cp)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->e[mid].cp == cp)
			return &m->e[mid];
		if (m->e[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static enum bc_err zh_fail(char *why, size_t why_size, const char *path,
			   unsigned line, enum bc_err err, const char *msg)
{
	if (why && why_size) {
		if (line)
			snprintf(why, why_size, "%s:%u: %s", path, line, msg);
		else
			snprintf(why, why_size, "%s: %s", path, msg);
	}
	return err;
}

/* One cell as a single code point (ja) or a short form (zh). */
static bool zh_form(const char *s, size_t len, char out[ZHMAP_FORM_MAX])
{
	size_t i = 0;
	if (len >= ZHMAP_FORM_MAX)
		return false;
	while (i < len)
		if (utf8_next((const unsigned char *)s, len, &i) < 0)
			return false;
	memcpy(out, s, len);
	out[len] = '\0';
	return true;
}

enum bc_err bc_zhmap_load(const char *path, struct bc_zhmap **out, char *why,
			  size_t why_size)
{
	enum bc_err err = BC_E_OK;
	struct bc_zhmap *m = NULL;
	char *buf = NULL;
	FILE *f = NULL;
	struct stat st;
	unsigned line = 0;

	if (why && why_size)
		why[0] = '\0';
	if (!path || !out)
		return BC_E_INVAL;
	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		err = zh_fail(why, why_size, path, 0, BC_E_IO, strerror(errno));
		goto cleanup;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)ZHMAP_FILE_MAX) {
		err = zh_fail(why, why_size, path, 0, BC_E_TOOBIG,
			      "not a regular file of at most 1 MiB");
		goto cleanup;
	}
	buf = malloc((size_t)st.st_size + 1);
	m = calloc(1, sizeof *m);
	if (!buf || !m) {
		err = BC_E_NOMEM;
		goto cleanup;
	}
	size_t len = fread(buf, 1, (size_t)st.st_size, f);
	if (len != (size_t)st.st_size) {
		err = zh_fail(why, why_size, path, 0, BC_E_IO, "short read");
		goto cleanup;
	}
	buf[len] = '\0';
	size_t cap = 0;
	for (char *p = buf; *p;) {
		char *nl = strchr(p, '\n');
		if (!nl) {
			err = zh_fail(why, why_size, path, line + 1,
				      BC_E_PARSE, "no newline at the end");
			goto cleanup;
		}
		*nl = '\0';
		line++;
		char *cell[3];
		int nc = 0;
		for (char *c = p; nc < 3;) {
			cell[nc++] = c;
			char *tab = strchr(c, '\t');
			if (!tab)
				break;
			*tab = '\0';
			c = tab + 1;
		}
		p = nl + 1;
		if (nc < 3) {
			err = zh_fail(why, why_size, path, line, BC_E_PARSE,
				      "expected at least 3 columns");
			goto cleanup;
		}
		if (line == 1) {
			if (strcmp(cell[0], "ja") ||
			    strcmp(cell[1], "zh-Hans") ||
			    strcmp(cell[2], "zh-Hant")) {
				err = zh_fail(why, why_size, path, line,
					      BC_E_PARSE, "header is not "
					      "ja, zh-Hans, zh-Hant");
				goto cleanup;
			}
			continue;
		}
		if (m->n == ZHMAP_ROWS_MAX) {
			err = zh_fail(why, why_size, path, line, BC_E_TOOBIG,
				      "too many rows");
			goto cleanup;
		}
		if (m->n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct zh_entry *e = realloc(m->e, cap * sizeof *e);
			if (!e) {
				err = BC_E_NOMEM;
				goto cleanup;
			}
			m->e = e;
		}
		struct zh_entry *e = &m->e[m->n];
		size_t i = 0, jl = strlen(cell[0]);
		int32_t cp = jl ? utf8_next((unsigned char *)cell[0], jl, &i)
				: -1;
		if (cp < 0 || i != jl ||
		    !zh_form(cell[1], strlen(cell[1]), e->form[0]) ||
		    !zh_form(cell[2], strlen(cell[2]), e->form[1])) {
			err = zh_fail(why, why_size, path, line, BC_E_PARSE,
				      "ja must be one character, zh forms "
				      "short UTF-8");
			goto cleanup;
		}
		e->cp = (uint32_t)cp;
		m->n++;
	}
	if (m->n)
		qsort(m->e, m->n, sizeof *m->e, cmp_entry);
	for (size_t i = 1; i < m->n; i++)
		if (m->e[i].cp == m->e[i - 1].cp) {
			err = zh_fail(why, why_size, path, 0, BC_E_PARSE,
				      "a character is listed twice");
			goto cleanup;
		}
	*out = m;
	m = NULL;
cleanup:
	if (f)
		fclose(f);
	free(buf);
	bc_zhmap_free(m);
	return err;
}

void bc_zhmap_free(struct bc_zhmap *m)
{
	if (!m)
		return;
	free(m->e);
	free(m);
}

size_t bc_zhmap_size(const struct bc_zhmap *m)
{
	return m ? m->n : 0;
}

enum bc_err bc_zhmap_apply(const struct bc_zhmap *m, bool hant,
			   const char *ja, struct bc_buf *out,
			   unsigned *unchecked)
{
	if (!m || !ja || !out)
		return BC_E_INVAL;
	size_t n = strlen(ja), mark = out->len;
	unsigned unk = 0;
	enum bc_err e = BC_E_OK;
	if (n > BC_DERIVE_MAX)
		return BC_E_TOOBIG;
	const unsigned char *s = (const unsigned char *)ja;
	for (size_t i = 0; i < n && !e;) {
		size_t at = i;
		int32_t cp = utf8_next(s, n, &i);
		if (cp < 0) {
			e = BC_E_ENCODING;
			break;
		}
		const struct zh_entry *z = zh_find(m, (uint32_t)cp);
		if (z) {
			e = bc_buf_adds(out, z->form[hant]);
		} else if (cp >= 0xFF10 && cp <= 0xFF19) {
			e = bc_buf_addc(out, (char)('0' + cp - 0xFF10));
		} else if (cp == 0x3000) {
			e = bc_buf_addc(out, ' ');
		} else if (cp < 0x80 && cp >= 0x20) {
			e = bc_buf_addc(out, (char)cp);
		} else if (is_han((uint32_t)cp)) {
			e = bc_buf_add(out, ja + at, i - at);
			unk++;
		} else {
			e = BC_E_INVAL;
		}
	}
	if (e) {
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
		return e;
	}
	if (unchecked)
		*unchecked += unk;
	return BC_E_OK;
}
