#include "lang.h"

#include <string.h>

struct lang_row {
	const char *tag, *locale, *column, *script;
};

static const struct lang_row rows[] = {
#define BC_LANG_ROW(e, tag, loc, col, scr) { tag, loc, col, scr },
	BC_LANG_MAP(BC_LANG_ROW)
#undef BC_LANG_ROW
};

const char *bc_lang_tag(enum bc_lang l)
{
	return (unsigned)l < BC_LANG__COUNT ? rows[l].tag : "und";
}

const char *bc_lang_icu_locale(enum bc_lang l)
{
	return (unsigned)l < BC_LANG__COUNT ? rows[l].locale : "en_US";
}

const char *bc_lang_jma_column(enum bc_lang l)
{
	return (unsigned)l < BC_LANG__COUNT ? rows[l].column : "";
}

const char *bc_lang_script(enum bc_lang l)
{
	return (unsigned)l < BC_LANG__COUNT ? rows[l].script : "Zyyy";
}

int bc_lang_parse(const char *tag)
{
	if (!tag)
		return -1;
	for (int i = 0; i < BC_LANG__COUNT; i++)
		if (strcmp(tag, rows[i].tag) == 0)
			return i;
	return -1;
}

uint32_t bc_lang_parse_list(const char *list)
{
	if (!list || !*list)
		return 0;
	if (strcmp(list, "all") == 0)
		return BC_LANG_ALL;
	uint32_t mask = 0;
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char tag[16];
		if (n == 0 || n >= sizeof tag)
			return 0;
		memcpy(tag, p, n);
		tag[n] = '\0';
		int l = bc_lang_parse(tag);
		if (l < 0)
			return 0;
		mask |= 1u << l;
		p += n;
		if (*p == ',')
			p++;
	}
	return mask;
}
