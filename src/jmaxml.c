/* jmaxml.c — the JMA XML parser: the guarded libxml2 parse, the common
 * Control/Head part of every document, and the dispatch from a document's
 * type to the family parser that reads its Body (jmaxml_<family>.c).
 *
 * Order of the checks, cheapest and most dangerous first: size, UTF-8, the
 * encoding declaration, then libxml2 with SAX hooks that stop it at a
 * DOCTYPE or past the depth limit, then the root namespace, then the type
 * (an unsupported type is skipped before its header is even validated),
 * then the header, then the Body.
 */
#include "jmaxml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "jmaxml_internal.h"
#include "jmaxml_seismic.h"

/* Deeper than any JMA document (about 12 levels) by a wide margin, and far
 * below libxml2's own limit, so that a nesting bomb is reported as such. */
#define JX_MAX_DEPTH 64

/* ------------------------------------------------------------------ */
/* Types: TTAAii -> Control/Title, kind and family.                     */

struct jx_family {
	const char *body_ns;     /* namespace its Body must be in */
	bc_jx_family_fn parse;
};

static const struct jx_family fam_warning = { BC_JX_NS_METE, bc_jx_warning };
static const struct jx_family fam_quake = { BC_JX_NS_SEIS, bc_jx_quake };
static const struct jx_family fam_eew = { BC_JX_NS_SEIS, bc_jx_eew };
static const struct jx_family fam_tsunami = { BC_JX_NS_SEIS, bc_jx_tsunami };
static const struct jx_family fam_nankai = { BC_JX_NS_SEIS, bc_jx_nankai };
static const struct jx_family fam_landslide = { BC_JX_NS_METE,
						bc_jx_landslide };
static const struct jx_family fam_notice = { BC_JX_NS_METE, bc_jx_notice };
static const struct jx_family fam_tornado = { BC_JX_NS_METE, bc_jx_tornado };
static const struct jx_family fam_river = { BC_JX_NS_METE, bc_jx_river };
static const struct jx_family fam_rain = { BC_JX_NS_METE, bc_jx_rain };
static const struct jx_family fam_volcano = { BC_JX_NS_VOLC, bc_jx_volcano };

struct jx_type {
	const char *type;   /* TTAAii; "ii" matches any two digits */
	const char *title;  /* Control/Title */
	enum bc_kind kind;  /* BC_KIND_NONE: recognised, not broadcast */
	const struct jx_family *family; /* NULL: not parsed (yet) */
};

/* Titles are those of tests/data/jmaxml/INDEX.tsv plus the R06 manual's
 * header table (別表２).  Where two types share a title the current one
 * comes first, so that a title alone resolves to it; a TTAAii in the
 * document name picks the other.  Kinds follow DESIGN §3. */
static const struct jx_type types[] = {
	/* warning */
	{ "VPWW53", "気象特別警報・警報・注意報", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW54", "気象警報・注意報（Ｈ２７）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW55", "気象警報・注意報（Ｒ０６）（大雨）", BC_KIND_WARNING,
	  &fam_warning },
	/* The manual names it （土砂）; JMA's samples also say （土砂災害）. */
	{ "VPWW56", "気象警報・注意報（Ｒ０６）（土砂）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW56", "気象警報・注意報（Ｒ０６）（土砂災害）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW57", "気象警報・注意報（Ｒ０６）（高潮）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW58", "気象警報・注意報（Ｒ０６）（暴風）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW59", "気象警報・注意報（Ｒ０６）（波浪）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW60", "気象警報・注意報（Ｒ０６）（大雪）", BC_KIND_WARNING,
	  &fam_warning },
	{ "VPWW61", "気象警報・注意報（Ｒ０６）（その他注意報）",
	  BC_KIND_WARNING, &fam_warning },
	{ "VPNO50", "気象特別警報報知", BC_KIND_WARNING, &fam_notice },
	/* landslide, flood, rain, tornado */
	{ "VXWW50", "土砂災害警戒情報", BC_KIND_LANDSLIDE, &fam_landslide },
	{ "VXKOii", "指定河川洪水予報", BC_KIND_FLOOD, &fam_river },
	{ "VXSUii", "水位周知河川に関する情報", BC_KIND_FLOOD,
	  &fam_river },
	{ "VPOA50", "記録的短時間大雨情報", BC_KIND_RAIN, &fam_rain },
	{ "VPBS50", "府県気象防災速報", BC_KIND_RAIN, &fam_rain },
	{ "VPHW50", "竜巻注意情報", BC_KIND_TORNADO, &fam_tornado },
	{ "VPHW51", "竜巻注意情報（目撃情報付き）", BC_KIND_TORNADO,
	  &fam_tornado },
	/* eew: the warning; forecast-grade EEW (44, 45) is eew too, and the
	 * pipeline drops it unless configured on.  40 and 41 are the types
	 * these replaced. */
	{ "VXSE43", "緊急地震速報（警報）", BC_KIND_EEW, &fam_eew },
	{ "VXSE40", "緊急地震速報（警報）", BC_KIND_NONE, NULL },
	{ "VXSE44", "緊急地震速報（予報）", BC_KIND_EEW, &fam_eew },
	{ "VXSE41", "緊急地震速報（予報）", BC_KIND_NONE, NULL },
	{ "VXSE45", "緊急地震速報（地震動予報）", BC_KIND_EEW, &fam_eew },
	{ "VXSE42", "緊急地震速報配信テスト", BC_KIND_NONE, NULL },
	/* quake */
	{ "VXSE51", "震度速報", BC_KIND_QUAKE, &fam_quake },
	{ "VXSE52", "震源に関する情報", BC_KIND_QUAKE, &fam_quake },
	{ "VXSE53", "震源・震度に関する情報", BC_KIND_QUAKE, &fam_quake },
	{ "VXSE61", "顕著な地震の震源要素更新のお知らせ", BC_KIND_QUAKE,
	  &fam_quake },
	{ "VXSE62", "長周期地震動に関する観測情報", BC_KIND_QUAKE,
	  &fam_quake },
	{ "VXSE56", "地震の活動状況等に関する情報", BC_KIND_NONE, NULL },
	{ "VXSE60", "地震回数に関する情報", BC_KIND_NONE, NULL },
	/* tsunami */
	{ "VTSE41", "津波警報・注意報・予報a", BC_KIND_TSUNAMI,
	  &fam_tsunami },
	{ "VTSE51", "津波情報a", BC_KIND_TSUNAMI, &fam_tsunami },
	{ "VTSE52", "沖合の津波観測に関する情報", BC_KIND_TSUNAMI,
	  &fam_tsunami },
	/* volcano */
	{ "VFVO50", "噴火警報・予報", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO51", "火山の状況に関する解説情報", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO52", "噴火に関する火山観測報", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO53", "降灰予報（定時）", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO54", "降灰予報（速報）", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO55", "降灰予報（詳細）", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO56", "噴火速報", BC_KIND_VOLCANO,
	  &fam_volcano },
	{ "VFVO60", "推定噴煙流向報", BC_KIND_NONE, NULL },
	{ "VFSVii", "火山現象に関する海上警報・海上予報", BC_KIND_NONE, NULL },
	{ "VZVO40", "火山に関するお知らせ", BC_KIND_NONE, NULL },
	/* nankai */
	{ "VYSE50", "南海トラフ地震臨時情報", BC_KIND_NANKAI, &fam_nankai },
	{ "VYSE51", "南海トラフ地震関連解説情報", BC_KIND_NANKAI,
	  &fam_nankai },
	{ "VYSE52", "南海トラフ地震関連解説情報", BC_KIND_NANKAI,
	  &fam_nankai },
	{ "VYSE60", "北海道・三陸沖後発地震注意情報", BC_KIND_NANKAI,
	  &fam_nankai },
	{ "VZSE40", "地震・津波に関するお知らせ", BC_KIND_NONE, NULL },
	/* recognised, never broadcast */
	{ "VPWW50", "気象警報・注意報", BC_KIND_NONE, NULL },
	{ "VPWP50", "気象警報・注意報時系列情報（Ｒ０６）",
	  BC_KIND_NONE, NULL },
	{ "VPWS50", "気象警報・注意報（Ｒ０６）（集約通報）",
	  BC_KIND_NONE, NULL },
	{ "VPFD50", "府県天気予報", BC_KIND_NONE, NULL },
	{ "VPFD51", "府県天気予報（Ｒ１）", BC_KIND_NONE, NULL },
	{ "VPFD60", "警報級の可能性（明日まで）", BC_KIND_NONE, NULL },
	{ "VPFD61", "早期注意情報（明後日まで）", BC_KIND_NONE, NULL },
	{ "VPFD61", "早期注意情報（明後日まで）（Ｒ０６）",
	  BC_KIND_NONE, NULL },
	{ "VPFW50", "府県週間天気予報", BC_KIND_NONE, NULL },
	{ "VPFW60", "警報級の可能性（明後日以降）", BC_KIND_NONE, NULL },
	{ "VPFG50", "府県天気概況", BC_KIND_NONE, NULL },
	{ "VPFJ50", "府県気象情報", BC_KIND_NONE, NULL },
	{ "VPFJ51", "府県気象解説情報", BC_KIND_NONE, NULL },
	{ "VPFT50", "熱中症警戒アラート", BC_KIND_NONE, NULL },
	{ "VPCJ50", "地方気象情報", BC_KIND_NONE, NULL },
	{ "VPCJ51", "地方気象解説情報", BC_KIND_NONE, NULL },
	{ "VPZJ50", "全般気象情報", BC_KIND_NONE, NULL },
	{ "VPZJ51", "全般気象解説情報", BC_KIND_NONE, NULL },
	{ "VPAW51", "早期天候情報", BC_KIND_NONE, NULL },
	{ "VPCI50", "地方天候情報", BC_KIND_NONE, NULL },
	{ "VPZI50", "全般天候情報", BC_KIND_NONE, NULL },
	{ "VPCK50", "地方暖・寒候期予報", BC_KIND_NONE, NULL },
	{ "VPCK50", "地方１か月予報", BC_KIND_NONE, NULL },
	{ "VPCK50", "地方３か月予報", BC_KIND_NONE, NULL },
	{ "VPCK70", "地方季節予報（２週間気温予報）", BC_KIND_NONE, NULL },
	{ "VPZK50", "全般暖・寒候期予報", BC_KIND_NONE, NULL },
	{ "VPZK50", "全般３か月予報", BC_KIND_NONE, NULL },
	{ "VPZK70", "全般季節予報（２週間気温予報）", BC_KIND_NONE, NULL },
	{ "VPCU50", "地方海上警報", BC_KIND_NONE, NULL },
	{ "VPCU51", "地方海上警報（Ｈ２８）", BC_KIND_NONE, NULL },
	{ "VPCY50", "地方海上予報", BC_KIND_NONE, NULL },
	{ "VPCY51", "地方海上予報（Ｈ２８）", BC_KIND_NONE, NULL },
	{ "VPZU50", "全般海上警報（定時）", BC_KIND_NONE, NULL },
	{ "VPZU51", "全般海上警報（臨時）", BC_KIND_NONE, NULL },
	{ "VPZU52", "全般海上警報（定時）（Ｈ２９）", BC_KIND_NONE, NULL },
	{ "VPZU53", "全般海上警報（臨時）（Ｈ２９）", BC_KIND_NONE, NULL },
	{ "VPZU54", "全般海上警報（定時）（Ｒ０８）", BC_KIND_NONE, NULL },
	{ "VPTA50", "台風の暴風域に入る確率", BC_KIND_NONE, NULL },
	{ "VPTI50", "全般台風情報", BC_KIND_NONE, NULL },
	{ "VPTI51", "全般台風情報（定型）", BC_KIND_NONE, NULL },
	{ "VPTI52", "全般台風情報（詳細）", BC_KIND_NONE, NULL },
	{ "VPTW40", "台風解析・予報情報（３日予報）", BC_KIND_NONE, NULL },
	{ "VPTW41", "台風解析・予報情報（３日予報）", BC_KIND_NONE, NULL },
	{ "VPTW50", "台風解析・予報情報（５日予報）", BC_KIND_NONE, NULL },
	{ "VPTW51", "台風解析・予報情報（５日予報）", BC_KIND_NONE, NULL },
	{ "VPTW60", "台風解析・予報情報（５日予報）（Ｈ３０）",
	  BC_KIND_NONE, NULL },
	{ "VPTW61", "台風解析・予報情報（５日予報）（Ｈ３０）",
	  BC_KIND_NONE, NULL },
	{ "VPTW62", "台風解析・予報情報（５日予報）（Ｈ３０）",
	  BC_KIND_NONE, NULL },
	{ "VGSK50", "季節観測", BC_KIND_NONE, NULL },
	{ "VGSK55", "生物季節観測", BC_KIND_NONE, NULL },
	{ "VGSK60", "特殊気象報", BC_KIND_NONE, NULL },
	{ "VGUV50", "紫外線観測データ", BC_KIND_NONE, NULL },
	{ "VMCJ50", "全般潮位情報", BC_KIND_NONE, NULL },
	{ "VMCJ51", "地方潮位情報", BC_KIND_NONE, NULL },
	{ "VMCJ52", "府県潮位情報", BC_KIND_NONE, NULL },
	{ "VMCJ53", "全般気象解説情報（潮位）", BC_KIND_NONE, NULL },
	{ "VMCJ54", "地方気象解説情報（潮位）", BC_KIND_NONE, NULL },
	{ "VMCJ55", "府県気象解説情報（潮位）", BC_KIND_NONE, NULL },
	{ "VZSA50", "地上実況図", BC_KIND_NONE, NULL },
	{ "VZSA60", "アジア太平洋地上実況図", BC_KIND_NONE, NULL },
	{ "VZSF50", "地上２４時間予想図", BC_KIND_NONE, NULL },
	{ "VZSF51", "地上４８時間予想図", BC_KIND_NONE, NULL },
	{ "VZSF60", "アジア太平洋海上悪天２４時間予想図", BC_KIND_NONE, NULL },
	{ "VZSF61", "アジア太平洋海上悪天４８時間予想図", BC_KIND_NONE, NULL },
};

#define N_TYPES (sizeof types / sizeof types[0])

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z');
}

/* Does t (n bytes; a TTAAii has 6) match a table pattern?  "ii" in the
 * pattern stands for any two digits (and for the literal "ii" that JMA's
 * sample file names use). */
static bool type_matches(const char *pattern, const char *t, size_t n)
{
	if (n != 6 || strncmp(pattern, t, 4) != 0)
		return false;
	if (pattern[4] == 'i' && pattern[5] == 'i')
		return (is_digit(t[4]) && is_digit(t[5])) ||
		       (t[4] == 'i' && t[5] == 'i');
	return t[4] == pattern[4] && t[5] == pattern[5];
}

static const struct jx_type *find_type(const char *t)
{
	size_t n = t ? strlen(t) : 0;
	for (size_t i = 0; i < N_TYPES; i++)
		if (type_matches(types[i].type, t, n))
			return &types[i];
	return NULL;
}

enum bc_kind bc_jmaxml_kind_of_type(const char *ttaaii)
{
	const struct jx_type *t = find_type(ttaaii);
	return t ? t->kind : BC_KIND_NONE;
}

const char *bc_jmaxml_type_of_title(const char *control_title)
{
	if (!control_title)
		return NULL;
	for (size_t i = 0; i < N_TYPES; i++)
		if (strcmp(types[i].title, control_title) == 0)
			return types[i].type;
	return NULL;
}

/* The last TTAAii-looking token of a document name ("4 capitals, then two
 * digits or ii", standing alone between non-alphanumerics), e.g. VXSE53 in
 * "20210216071046_0_VXSE53_270000.xml".  Writes 7 bytes to out. */
static bool type_in_name(const char *name, char out[7])
{
	bool found = false;
	if (!name)
		return false;
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t n = strlen(base);
	for (size_t i = 0; i + 6 <= n; i++) {
		const char *p = base + i;
		if (i > 0 && is_alnum(p[-1]))
			continue;
		if (!is_upper(p[0]) || !is_upper(p[1]) || !is_upper(p[2]) ||
		    !is_upper(p[3]))
			continue;
		if (!((is_digit(p[4]) && is_digit(p[5])) ||
		      (p[4] == 'i' && p[5] == 'i')))
			continue;
		if (i + 6 < n && is_alnum(p[6]))
			continue;
		memcpy(out, p, 6);
		out[6] = '\0';
		found = true;
	}
	return found;
}

/* The table row for a document: its title decides; a TTAAii in the name
 * refines it when the table pairs that type with that title. */
static const struct jx_type *resolve_type(const char *title, const char *name,
					  char type_out[8], bool quiet)
{
	const struct jx_type *by_title = NULL;
	char nt[7];
	bool have_nt = type_in_name(name, nt);

	for (size_t i = 0; i < N_TYPES; i++) {
		if (strcmp(types[i].title, title) != 0)
			continue;
		if (!by_title)
			by_title = &types[i];
		if (have_nt && type_matches(types[i].type, nt, 6)) {
			memcpy(type_out, nt, 7);
			return &types[i];
		}
	}
	if (by_title) {
		if (have_nt && !quiet)
			bc_debug(BC_JX_LOG,
				 "%s: name says %s but title says %s",
				 name, nt, by_title->type);
		snprintf(type_out, 8, "%s", by_title->type);
	}
	return by_title;
}

/* ------------------------------------------------------------------ */
/* Helpers shared with the family parsers (jmaxml_internal.h).          */

bool bc_jx_is(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->name, name) == 0 &&
	       strcmp((const char *)n->ns->href, ns) == 0;
}

const xmlNode *bc_jx_elem(const xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Append src (n bytes) to dst at *len, stopping at a UTF-8 boundary before
 * size-1.  Returns false once dst is full. */
static bool append_utf8(char *dst, size_t size, size_t *len, const char *src,
			size_t n)
{
	size_t room = size - 1 - *len;
	bool whole = n <= room;
	if (!whole) {
		n = room;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst + *len, src, n);
	*len += n;
	return whole;
}

/* Copy at most size-1 of the n bytes at src, whole UTF-8 sequences only:
 * a reason quotes the document, and must stay valid UTF-8. */
static void clip(char *dst, size_t size, const char *src, size_t n)
{
	size_t len = 0;
	append_utf8(dst, size, &len, src, n);
	dst[len] = '\0';
}

size_t bc_jx_text(const xmlNode *el, char *dst, size_t size)
{
	size_t len = 0;
	if (size == 0)
		return 0;
	dst[0] = '\0';
	if (!el)
		return 0;
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE &&
		    c->type != XML_CDATA_SECTION_NODE)
			continue;
		if (!c->content)
			continue;
		const char *s = (const char *)c->content;
		size_t n = strlen(s);
		if (len == 0) {
			while (n > 0 && is_space((unsigned char)*s)) {
				s++;
				n--;
			}
		}
		if (!append_utf8(dst, size, &len, s, n))
			break;
	}
	while (len > 0 && is_space((unsigned char)dst[len - 1]))
		len--;
	dst[len] = '\0';
	return len;
}

const char *bc_jx_attr(const xmlNode *el, const char *name)
{
	if (!el || el->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = el->properties; a; a = a->next) {
		if (a->ns || strcmp((const char *)a->name, name) != 0)
			continue;
		const xmlNode *t = a->children;
		if (t && t->type == XML_TEXT_NODE && t->content)
			return (const char *)t->content;
		return "";
	}
	return NULL;
}

/* Copy src into dst as one line: control characters become spaces, runs
 * of them collapse, UTF-8 never split. */
static void one_line(char *dst, size_t size, const char *src)
{
	size_t len = 0;
	if (!dst || size == 0)
		return;
	for (const char *p = src; *p && len + 1 < size; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f) {
			if (len > 0 && dst[len - 1] != ' ')
				dst[len++] = ' ';
			continue;
		}
		dst[len++] = (char)c;
	}
	/* Cut back to a whole UTF-8 sequence if the copy stopped inside one. */
	size_t end = len;
	while (end > 0 && ((unsigned char)dst[end - 1] & 0xC0) == 0x80)
		end--;
	if (end > 0 && ((unsigned char)dst[end - 1] & 0x80)) {
		unsigned char lead = (unsigned char)dst[end - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (len - (end - 1) < need)
			len = end - 1;
	}
	while (len > 0 && dst[len - 1] == ' ')
		len--;
	dst[len] = '\0';
}

static enum bc_err vfail(char *why, size_t why_size, enum bc_err err,
			 const xmlNode *at, const char *fmt, va_list ap)
	BC_PRINTF(5, 0);

static enum bc_err vfail(char *why, size_t why_size, enum bc_err err,
			 const xmlNode *at, const char *fmt, va_list ap)
{
	char msg[512];
	int n = 0;
	if (!why || why_size == 0)
		return err;
	if (at) {
		long line = xmlGetLineNo(at);
		if (line > 0)
			n = snprintf(msg, sizeof msg, "line %ld: ", line);
	}
	if (n < 0)
		n = 0;
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	one_line(why, why_size, msg);
	return err;
}

static enum bc_err fail(char *why, size_t why_size, enum bc_err err,
			const xmlNode *at, const char *fmt, ...)
	BC_PRINTF(5, 6);

static enum bc_err fail(char *why, size_t why_size, enum bc_err err,
			const xmlNode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(why, why_size, err, at, fmt, ap);
	va_end(ap);
	return err;
}

enum bc_err bc_jx_fail(struct bc_jx *jx, enum bc_err err, const xmlNode *at,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(jx->why, jx->why_size, err, at, fmt, ap);
	va_end(ap);
	return err;
}

enum bc_err bc_jx_time(struct bc_jx *jx, const xmlNode *el, const char *what,
		       time_t *out)
{
	char s[40];
	if (bc_jx_text(el, s, sizeof s) == 0)
		return bc_jx_fail(jx, BC_E_PARSE, el, "%s is empty", what);
	enum bc_err e = bc_time_parse(s, out);
	if (e == BC_E_ABSURD)
		return bc_jx_fail(jx, e, el,
				  "%s '%s' is out of range (1990-2200)", what,
				  s);
	if (e)
		return bc_jx_fail(jx, e, el, "%s '%s' is not a date-time",
				  what, s);
	return BC_E_OK;
}

enum bc_err bc_jx_add_item(struct bc_jx *jx, const xmlNode *at,
			   struct bc_item **out)
{
	enum bc_err e = bc_alert_add_item(jx->alert, jx->max_items, out);
	if (e == BC_E_TOOBIG)
		return bc_jx_fail(jx, e, at, "more than %zu items",
				  jx->max_items);
	if (e)
		return bc_jx_fail(jx, e, at, "cannot add an item: %s",
				  bc_strerror(e));
	return BC_E_OK;
}

bool bc_jx_decimal(const char *s, double *out, const char **end)
{
	const char *p = s;
	bool neg = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!is_digit(*p))
		return false;
	double v = 0;
	int digits = 0;
	while (is_digit(*p)) {
		/* 15 significant digits are all a double holds; JMA writes
		 * at most 7.  Refusing more keeps the value exact. */
		if (++digits > 15)
			return false;
		v = v * 10 + (*p++ - '0');
	}
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return false;
		double scale = 1;
		while (is_digit(*p)) {
			if (++digits > 15)
				return false;
			v = v * 10 + (*p++ - '0');
			scale *= 10;
		}
		v /= scale;
	}
	*out = neg ? -v : v;
	if (end)
		*end = p;
	return true;
}

/* ------------------------------------------------------------------ */
/* Raw-byte checks before libxml2 sees the document.                    */

/* Offset of the first byte that is not part of well-formed UTF-8 (RFC
 * 3629: no overlongs, no surrogates, nothing past U+10FFFF), or of a NUL,
 * which XML never allows and which would let libxml2 guess UTF-16; len if
 * all is well. */
static size_t utf8_bad_offset(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* Eight ASCII bytes at a time: most of a JMA document is
		 * markup. */
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0 &&
			    ((w - 0x0101010101010101ULL) & ~w &
			     0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		unsigned char c = s[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (len - i - 1 < need)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= need; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += need + 1;
	}
	return len;
}

static bool ascii_ieq(const char *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 32);
		if (x != y)
			return false;
	}
	return true;
}

/* An XML declaration that names another encoding than UTF-8 is refused
 * rather than trusted: the bytes were checked as UTF-8, and libxml2 must
 * not be talked into decoding them otherwise (it is also told to ignore
 * the declaration, XML_PARSE_IGNORE_ENC). */
static enum bc_err check_declared_encoding(const char *data, size_t len,
					   char *why, size_t why_size)
{
	const char *p = data, *end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if ((size_t)(end - p) < 6 || memcmp(p, "<?xml", 5) != 0 ||
	    !is_space((unsigned char)p[5]))
		return BC_E_OK;
	const char *decl_end = NULL;
	for (const char *q = p; q + 1 < end && q < p + 512; q++) {
		if (q[0] == '?' && q[1] == '>') {
			decl_end = q;
			break;
		}
	}
	if (!decl_end)
		return BC_E_OK; /* libxml2 will say what is wrong */
	for (const char *q = p + 5; q + 8 <= decl_end; q++) {
		if (memcmp(q, "encoding", 8) != 0)
			continue;
		const char *v = q + 8;
		while (v < decl_end && is_space((unsigned char)*v))
			v++;
		if (v >= decl_end || *v != '=')
			return BC_E_OK;
		v++;
		while (v < decl_end && is_space((unsigned char)*v))
			v++;
		if (v >= decl_end || (*v != '"' && *v != '\''))
			return BC_E_OK;
		char quote = *v++;
		const char *ve = v;
		while (ve < decl_end && *ve != quote)
			ve++;
		size_t n = (size_t)(ve - v);
		if (ascii_ieq(v, n, "UTF-8") || ascii_ieq(v, n, "UTF8"))
			return BC_E_OK;
		char enc[40];
		clip(enc, sizeof enc, v, n);
		return fail(why, why_size, BC_E_ENCODING, NULL,
			    "declared encoding '%s' is not UTF-8", enc);
	}
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */
/* The guarded libxml2 parse.                                           */

enum jx_stop { JX_STOP_NONE, JX_STOP_DTD, JX_STOP_DEPTH, JX_STOP_SKIP };

/* Per parse, reached from the parser context's _private: nothing global,
 * so parses in several threads do not see each other's errors. */
struct jx_guard {
	const char *name;  /* document name, for its TTAAii */
	int depth;
	enum jx_stop stop;
	bool have_error;
	int err_line;
	char err_msg[200];
};

static void record_error(struct jx_guard *g, const xmlError *e)
{
	if (!g || !e || g->have_error || e->level < XML_ERR_ERROR)
		return;
	g->have_error = true;
	g->err_line = e->line;
	one_line(g->err_msg, sizeof g->err_msg,
		 e->message ? e->message : "unknown libxml2 error");
}

/* libxml2 calls this with the parser context for parser errors. */
static void on_ctxt_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	record_error(ctxt ? ctxt->_private : NULL, e);
}

/* And this (the thread's handler, installed for the length of one parse)
 * for errors from other domains, so that nothing reaches stderr. */
static void on_thread_error(void *ctx, xmlErrorPtr e)
{
	record_error(ctx, e);
}

static void on_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void stop(xmlParserCtxtPtr ctxt, enum jx_stop why)
{
	struct jx_guard *g = ctxt->_private;
	if (g->stop == JX_STOP_NONE)
		g->stop = why;
	xmlStopParser(ctxt);
}

/* A DOCTYPE is the door to entity expansion and external loads; JMA never
 * sends one, so the parse ends the moment one starts. */
static void on_internal_subset(void *ctx, const xmlChar *name,
			       const xmlChar *ext_id, const xmlChar *sys_id)
{
	stop(ctx, JX_STOP_DTD);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type,
			   const xmlChar *public_id, const xmlChar *system_id,
			   xmlChar *content)
{
	stop(ctx, JX_STOP_DTD);
}

static void on_start_element(void *ctx, const xmlChar *localname,
			     const xmlChar *prefix, const xmlChar *uri,
			     int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted,
			     const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct jx_guard *g = ctxt->_private;
	if (++g->depth > JX_MAX_DEPTH) {
		stop(ctxt, JX_STOP_DEPTH);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
			      namespaces, nb_attributes, nb_defaulted,
			      attributes);
}

/* Most JMA types are not broadcast, and Control, which says the type, is
 * the first child of Report: once it is complete, a document that will be
 * skipped need not be parsed any further. */
static bool skip_after_control(struct jx_guard *g, const xmlNode *control)
{
	if (!bc_jx_is(control, BC_JX_NS_JMX, "Control") || !control->parent ||
	    !bc_jx_is(control->parent, BC_JX_NS_JMX, "Report"))
		return false;
	for (const xmlNode *c = bc_jx_elem(control->children); c;
	     c = bc_jx_elem(c->next)) {
		if (!bc_jx_is(c, BC_JX_NS_JMX, "Title"))
			continue;
		char title[128], type[8];
		if (bc_jx_text(c, title, sizeof title) == 0)
			return false;
		const struct jx_type *t =
			resolve_type(title, g->name, type, true);
		return !t || t->kind == BC_KIND_NONE || !t->family;
	}
	return false;
}

static void on_end_element(void *ctx, const xmlChar *localname,
			   const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct jx_guard *g = ctxt->_private;
	bool skip = g->depth-- == 2 && ctxt->node &&
		    skip_after_control(g, ctxt->node);
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (skip)
		stop(ctxt, JX_STOP_SKIP);
}

/* No network, no DTD, no entity substitution, no XInclude, no HUGE: the
 * options JMA documents need and nothing more.  COMPACT and NOBLANKS make
 * the tree smaller; BIG_LINES keeps line numbers right in reasons. */
#define JX_XML_OPTIONS                                                      \
	(XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA |          \
	 XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

/* On success *doc_out is the tree, possibly cut short after Control when
 * the document is of a type that is not parsed (parse_report then says
 * so). */
static enum bc_err xml_parse(const char *data, size_t len, const char *name,
			     xmlDocPtr *doc_out, char *why, size_t why_size)
{
	struct jx_guard g = { 0 };
	enum bc_err err = BC_E_OK;
	xmlDocPtr doc = NULL;
	/* xmlParseDocument rather than xmlCtxtReadMemory: the tree of a
	 * parse stopped on purpose (a skipped type, after Control) is wanted,
	 * and whether xmlCtxtReadMemory hands it back is not something its
	 * API promises. */
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
	if (!ctxt)
		return fail(why, why_size, BC_E_NOMEM, NULL,
			    "cannot create an XML parser");
	if (xmlCtxtUseOptions(ctxt, JX_XML_OPTIONS) != 0) {
		err = fail(why, why_size, BC_E_INVAL, NULL,
			   "libxml2 refused the parser options");
		goto cleanup;
	}
	g.name = name;
	ctxt->_private = &g;
	ctxt->sax->serror = on_ctxt_error;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->endElementNs = on_end_element;

	/* These are per thread in libxml2: restore them afterwards so that
	 * the caller's handlers, if any, survive. */
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&g, on_thread_error);
	xmlSetGenericErrorFunc(NULL, on_generic_error);

	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;

	xmlSetStructuredErrorFunc(old_sctx, old_s);
	xmlSetGenericErrorFunc(old_gctx, old_g);

	if (g.stop == JX_STOP_DTD || (doc && (doc->intSubset ||
					      doc->extSubset))) {
		err = fail(why, why_size, BC_E_PARSE, NULL,
			   "DTD not allowed (DOCTYPE or entity declaration)");
		goto cleanup;
	}
	if (g.stop == JX_STOP_DEPTH) {
		err = fail(why, why_size, BC_E_TOOBIG, NULL,
			   "elements nested deeper than %d", JX_MAX_DEPTH);
		goto cleanup;
	}
	if (g.stop == JX_STOP_SKIP && doc) {
		*doc_out = doc;
		doc = NULL;
		goto cleanup;
	}
	if (!doc || !ctxt->wellFormed || !ctxt->nsWellFormed) {
		if (g.have_error && g.err_line > 0)
			err = fail(why, why_size, BC_E_PARSE, NULL,
				   "line %d: %s", g.err_line, g.err_msg);
		else if (g.have_error)
			err = fail(why, why_size, BC_E_PARSE, NULL, "%s",
				   g.err_msg);
		else
			err = fail(why, why_size, BC_E_PARSE, NULL,
				   "not well-formed XML");
		goto cleanup;
	}
	*doc_out = doc;
	doc = NULL;
cleanup:
	xmlFreeDoc(doc);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	return err;
}

/* ------------------------------------------------------------------ */
/* Control and Head.                                                    */

static enum bc_err parse_status(struct bc_jx *jx, const xmlNode *el)
{
	char s[32];
	bc_jx_text(el, s, sizeof s);
	if (strcmp(s, "通常") == 0)
		jx->alert->status = BC_STATUS_ACTUAL;
	else if (strcmp(s, "訓練") == 0)
		jx->alert->status = BC_STATUS_EXERCISE;
	else if (strcmp(s, "試験") == 0)
		jx->alert->status = BC_STATUS_TEST;
	else
		return bc_jx_fail(jx, BC_E_PARSE, el,
				  "unknown Control/Status '%s'", s);
	return BC_E_OK;
}

static enum bc_err parse_info_type(struct bc_jx *jx, const xmlNode *el)
{
	char s[32];
	bc_jx_text(el, s, sizeof s);
	/* 遅延 (a late report) says the same as 発表. */
	if (strcmp(s, "発表") == 0 || strcmp(s, "遅延") == 0)
		jx->alert->msg_type = BC_MSG_ALERT;
	else if (strcmp(s, "訂正") == 0)
		jx->alert->msg_type = BC_MSG_CORRECTION;
	else if (strcmp(s, "取消") == 0)
		jx->alert->msg_type = BC_MSG_CANCEL;
	else
		return bc_jx_fail(jx, BC_E_PARSE, el,
				  "unknown Head/InfoType '%s'", s);
	return BC_E_OK;
}

static enum bc_err parse_serial(struct bc_jx *jx, const xmlNode *el)
{
	char s[32];
	size_t n = bc_jx_text(el, s, sizeof s);
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return bc_jx_fail(jx, BC_E_PARSE, el,
					  "Head/Serial '%s' is not a number",
					  s);
		v = v * 10 + (s[i] - '0');
		/* JMA serials stay in the hundreds (EEW) at most. */
		if (v > 999999)
			return bc_jx_fail(jx, BC_E_ABSURD, el,
					  "Head/Serial '%s' is out of range",
					  s);
	}
	jx->alert->serial = (int)v;
	return BC_E_OK;
}

static enum bc_err parse_control(struct bc_jx *jx, const xmlNode *control)
{
	struct bc_alert *a = jx->alert;
	const xmlNode *dt = NULL, *status = NULL, *office = NULL;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(control->children); c;
	     c = bc_jx_elem(c->next)) {
		if (bc_jx_is(c, BC_JX_NS_JMX, "DateTime"))
			dt = c;
		else if (bc_jx_is(c, BC_JX_NS_JMX, "Status"))
			status = c;
		else if (bc_jx_is(c, BC_JX_NS_JMX, "PublishingOffice"))
			office = c;
	}
	if (!dt)
		return bc_jx_fail(jx, BC_E_PARSE, control,
				  "missing Control/DateTime");
	if (!status)
		return bc_jx_fail(jx, BC_E_PARSE, control,
				  "missing Control/Status");
	if (!office)
		return bc_jx_fail(jx, BC_E_PARSE, control,
				  "missing Control/PublishingOffice");
	if ((e = bc_jx_time(jx, dt, "Control/DateTime", &a->control_time)))
		return e;
	if ((e = parse_status(jx, status)))
		return e;
	bc_jx_text(office, a->office_ja, sizeof a->office_ja);
	return BC_E_OK;
}

static enum bc_err parse_head(struct bc_jx *jx, const xmlNode *head)
{
	struct bc_alert *a = jx->alert;
	const xmlNode *title = NULL, *rdt = NULL, *vdt = NULL, *info = NULL;
	const xmlNode *serial = NULL, *event = NULL, *headline = NULL;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(head->children); c;
	     c = bc_jx_elem(c->next)) {
		if (!c->ns || !c->ns->href ||
		    strcmp((const char *)c->ns->href, BC_JX_NS_IB) != 0)
			continue;
		const char *n = (const char *)c->name;
		if (strcmp(n, "Title") == 0)
			title = c;
		else if (strcmp(n, "ReportDateTime") == 0)
			rdt = c;
		else if (strcmp(n, "ValidDateTime") == 0)
			vdt = c;
		else if (strcmp(n, "EventID") == 0)
			event = c;
		else if (strcmp(n, "InfoType") == 0)
			info = c;
		else if (strcmp(n, "Serial") == 0)
			serial = c;
		else if (strcmp(n, "Headline") == 0)
			headline = c;
	}
	if (!title)
		return bc_jx_fail(jx, BC_E_PARSE, head, "missing Head/Title");
	if (!rdt)
		return bc_jx_fail(jx, BC_E_PARSE, head,
				  "missing Head/ReportDateTime");
	if (!info)
		return bc_jx_fail(jx, BC_E_PARSE, head,
				  "missing Head/InfoType");
	bc_jx_text(title, a->head_title, sizeof a->head_title);
	if ((e = bc_jx_time(jx, rdt, "Head/ReportDateTime", &a->reported)))
		return e;
	/* Optional, and JMA writes it empty when there is none. */
	if (vdt && vdt->children &&
	    (e = bc_jx_time(jx, vdt, "Head/ValidDateTime", &a->valid_until)))
		return e;
	if ((e = parse_info_type(jx, info)))
		return e;
	if (serial && (e = parse_serial(jx, serial)))
		return e;
	bc_jx_text(event, a->event_id, sizeof a->event_id);
	if (headline) {
		for (const xmlNode *c = bc_jx_elem(headline->children); c;
		     c = bc_jx_elem(c->next)) {
			if (bc_jx_is(c, BC_JX_NS_IB, "Text")) {
				bc_jx_text(c, a->headline_ja,
					   sizeof a->headline_ja);
				break;
			}
		}
	}
	return BC_E_OK;
}

/* A 発表 that continues, changes or lifts what an earlier report said is
 * an update; the first report of an event is an alert. */
static void refine_msg_type(struct bc_alert *a)
{
	if (a->msg_type != BC_MSG_ALERT)
		return;
	if (a->serial > 1) {
		a->msg_type = BC_MSG_UPDATE;
		return;
	}
	for (size_t i = 0; i < a->n_items; i++) {
		enum bc_change c = a->items[i].change;
		if (c == BC_CHANGE_CONTINUED || c == BC_CHANGE_UPGRADED ||
		    c == BC_CHANGE_DOWNGRADED || c == BC_CHANGE_LIFTED) {
			a->msg_type = BC_MSG_UPDATE;
			return;
		}
	}
}

static enum bc_err parse_report(struct bc_jx *jx, const xmlDoc *doc,
				const char *name)
{
	struct bc_alert *a = jx->alert;
	const xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *control = NULL, *head = NULL, *body = NULL;
	enum bc_err e;

	if (!root)
		return bc_jx_fail(jx, BC_E_PARSE, NULL, "no root element");
	if (!bc_jx_is(root, BC_JX_NS_JMX, "Report")) {
		const char *ns = root->ns && root->ns->href ?
			(const char *)root->ns->href : "";
		char ns_clip[96], name_clip[48];
		clip(ns_clip, sizeof ns_clip, ns, strlen(ns));
		clip(name_clip, sizeof name_clip, (const char *)root->name,
		     strlen((const char *)root->name));
		return bc_jx_fail(jx, BC_E_NAMESPACE, root,
				  "root element is {%s}%s, not {%s}Report",
				  ns_clip, name_clip, BC_JX_NS_JMX);
	}
	for (const xmlNode *c = bc_jx_elem(root->children); c;
	     c = bc_jx_elem(c->next)) {
		if (!control && bc_jx_is(c, BC_JX_NS_JMX, "Control"))
			control = c;
		else if (!head && bc_jx_is(c, BC_JX_NS_IB, "Head"))
			head = c;
		else if (!body && strcmp((const char *)c->name, "Body") == 0)
			body = c;
	}
	if (!control)
		return bc_jx_fail(jx, BC_E_PARSE, root, "missing Control");

	const xmlNode *title = NULL;
	for (const xmlNode *c = bc_jx_elem(control->children); c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_JMX, "Title")) {
			title = c;
			break;
		}
	if (!title)
		return bc_jx_fail(jx, BC_E_PARSE, control,
				  "missing Control/Title");
	if (bc_jx_text(title, a->control_title, sizeof a->control_title) == 0)
		return bc_jx_fail(jx, BC_E_PARSE, title,
				  "Control/Title is empty");

	/* Skip what is not broadcast before judging the rest of it. */
	const struct jx_type *t = resolve_type(a->control_title, name,
					       a->type, false);
	if (!t)
		return bc_jx_fail(jx, BC_E_UNSUPPORTED, NULL,
				  "unknown type (Control/Title '%s') is "
				  "not broadcast", a->control_title);
	a->kind = t->kind;
	if (t->kind == BC_KIND_NONE)
		return bc_jx_fail(jx, BC_E_UNSUPPORTED, NULL,
				  "%s (%s) is not broadcast", a->type,
				  a->control_title);
	if (!t->family)
		return bc_jx_fail(jx, BC_E_UNSUPPORTED, NULL,
				  "%s (%s) is not broadcast yet (kind %s)",
				  a->type, a->control_title,
				  bc_kind_name(t->kind));

	if ((e = parse_control(jx, control)))
		return e;
	if (!head)
		return bc_jx_fail(jx, BC_E_PARSE, root, "missing Head");
	if ((e = parse_head(jx, head)))
		return e;
	if (!body)
		return bc_jx_fail(jx, BC_E_PARSE, root, "missing Body");
	if (!body->ns || !body->ns->href ||
	    strcmp((const char *)body->ns->href, t->family->body_ns) != 0)
		return bc_jx_fail(jx, BC_E_NAMESPACE, body,
				  "%s Body is not in namespace %s", a->type,
				  t->family->body_ns);
	if ((e = t->family->parse(jx, body)))
		return e;
	refine_msg_type(a);
	bc_alert_compute_id(a);
	return BC_E_OK;
}

/* ------------------------------------------------------------------ */

void bc_jmaxml_global_init(void)
{
	LIBXML_TEST_VERSION
	xmlInitParser();
}

void bc_jmaxml_global_cleanup(void)
{
	xmlCleanupParser();
}

enum bc_err bc_jmaxml_parse(const char *data, size_t len, const char *name,
			    const struct bc_jmaxml_limits *limits,
			    struct bc_alert **out, char *why, size_t why_size)
{
	struct bc_jmaxml_limits def = { BC_JMAXML_DEFAULT_MAX_BYTES,
					BC_JMAXML_DEFAULT_MAX_ITEMS };
	struct bc_alert *a = NULL;
	xmlDocPtr doc = NULL;
	enum bc_err err = BC_E_OK;

	if (why && why_size)
		why[0] = '\0';
	if (!out)
		return fail(why, why_size, BC_E_INVAL, NULL, "no output");
	*out = NULL;
	if (!data && len)
		return fail(why, why_size, BC_E_INVAL, NULL, "no data");
	if (!limits)
		limits = &def;

	if (len > limits->max_bytes || len > INT_MAX)
		return fail(why, why_size, BC_E_TOOBIG, NULL,
			    "document is %zu bytes, over the limit of %zu",
			    len, limits->max_bytes);
	if (len == 0)
		return fail(why, why_size, BC_E_PARSE, NULL, "empty document");
	size_t bad = utf8_bad_offset((const unsigned char *)data, len);
	if (bad < len && data[bad] == '\0')
		return fail(why, why_size, BC_E_ENCODING, NULL,
			    "NUL byte at byte %zu (not UTF-8 XML)", bad);
	if (bad < len)
		return fail(why, why_size, BC_E_ENCODING, NULL,
			    "invalid UTF-8 at byte %zu", bad);
	if ((err = check_declared_encoding(data, len, why, why_size)))
		return err;
	if ((err = xml_parse(data, len, name, &doc, why, why_size)))
		goto cleanup;

	a = bc_alert_new();
	if (!a) {
		err = fail(why, why_size, BC_E_NOMEM, NULL, "out of memory");
		goto cleanup;
	}
	if (name)
		bc_strlcpy_utf8(a->source, name, sizeof a->source);
	struct bc_jx jx = { a, limits->max_items, why, why_size };
	if ((err = parse_report(&jx, doc, name)))
		goto cleanup;
	*out = a;
	a = NULL;
cleanup:
	if (err)
		bc_debug(BC_JX_LOG, "%s: %s: %s", name ? name : "(memory)",
			 bc_errname(err), why && why_size ? why : "");
	bc_alert_free(a);
	xmlFreeDoc(doc);
	return err;
}
