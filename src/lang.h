/* lang.h — the 16 output languages of DESIGN §2, in one table.
 *
 * Order is the order of the dictionary columns and of every per-language
 * array in the program; it never changes meaning once files exist. */
#ifndef BC_LANG_H
#define BC_LANG_H

#include <stdint.h>

/*  enum     tag          ICU locale    JMA place column  ISO 15924 script */
#define BC_LANG_MAP(X)                                                       \
	X(JA, "ja", "ja_JP", "japanese", "Jpan")                             \
	X(JA_EASY, "ja-x-easy", "ja_JP", "", "Jpan")                         \
	X(EN, "en", "en_US", "english", "Latn")                              \
	X(ZH_HANS, "zh-Hans", "zh_Hans_CN", "chinese_zs", "Hans")            \
	X(ZH_HANT, "zh-Hant", "zh_Hant_TW", "chinese_zt", "Hant")            \
	X(KO, "ko", "ko_KR", "korean", "Hang")                               \
	X(ES, "es", "es_ES", "spanish", "Latn")                              \
	X(PT, "pt", "pt_BR", "portuguese", "Latn")                           \
	X(ID, "id", "id_ID", "indonesian", "Latn")                           \
	X(VI, "vi", "vi_VN", "vietnamese", "Latn")                           \
	X(TL, "tl", "fil_PH", "tagalog", "Latn")                             \
	X(TH, "th", "th_TH", "thai", "Thai")                                 \
	X(NE, "ne", "ne_NP", "nepali", "Deva")                               \
	X(KM, "km", "km_KH", "khmer", "Khmr")                                \
	X(MY, "my", "my_MM", "burmese", "Mymr")                              \
	X(MN, "mn", "mn_MN", "mongolian", "Cyrl")

enum bc_lang {
#define BC_LANG_ENUM(e, tag, loc, col, scr) BC_LANG_##e,
	BC_LANG_MAP(BC_LANG_ENUM)
#undef BC_LANG_ENUM
	BC_LANG__COUNT
};

#define BC_LANG_ALL ((uint32_t)((1u << BC_LANG__COUNT) - 1))

const char *bc_lang_tag(enum bc_lang l);        /* "ja-x-easy" */
const char *bc_lang_icu_locale(enum bc_lang l); /* "fil_PH" */
const char *bc_lang_jma_column(enum bc_lang l); /* "tagalog"; "" for easy */
const char *bc_lang_script(enum bc_lang l);     /* "Latn" */
/* Parse a tag; returns -1 if it is not one of the 16. */
int bc_lang_parse(const char *tag);
/* Parse "ja,en,vi" or "all" into a bit mask; 0 on error. */
uint32_t bc_lang_parse_list(const char *list);
/* True for ja and ja-x-easy, the two outputs allowed Japanese script. */
static inline int bc_lang_is_japanese(enum bc_lang l)
{
	return l == BC_LANG_JA || l == BC_LANG_JA_EASY;
}

#endif
