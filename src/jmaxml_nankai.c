/* jmaxml_nankai.c — VYSE50 (南海トラフ地震臨時情報), VYSE51/52 (南海トラフ
 * 地震関連解説情報) and VYSE60 (北海道・三陸沖後発地震注意情報).  JMA 地震
 * 火山関連XML電文解説資料 Ⅱ(ⅰ)エ.
 *
 * Body/EarthquakeInfo names the information (InfoKind) and, for the
 * Nankai types, its keyword (InfoSerial, 地震関連情報番号コード: 111-113
 * 調査中, 120 巨大地震警戒, 130 巨大地震注意, 190 調査終了, 200 定例解説,
 * 210/219 臨時解説); Text is free prose for Japanese readers.  The
 * information is alert->seismic.info: ja "南海トラフ地震臨時情報（巨大地震
 * 警戒）" (InfoKind and keyword, as JMA titles it), "南海トラフ地震関連
 * 解説情報", "北海道・三陸沖後発地震注意情報".
 *
 * The documents name no area.  They concern, by the government's plans
 * these information types serve, the Nankai Trough 防災対策推進地域
 * (1都2府26県: 内閣府「南海トラフ地震防災対策推進地域の指定」, 2014) and,
 * for VYSE60, the seven prefectures of the 日本海溝・千島海溝 area the
 * information is issued for (北海道, 青森, 岩手, 宮城, 福島, 茨城, 千葉:
 * 内閣府 operation of 2022-12-16).  Each prefecture is one item
 * (area_type PREF, term = the information): every municipality of it is
 * told, a deliberate over-inclusion, because only part of some of those
 * prefectures is designated and the designation lists municipalities no
 * JMA table carries.  The regular monthly commentary (定例解説, code 200)
 * concerns no one in particular: no items, national message only.
 */
#include <stdio.h>
#include <string.h>

#include "jmaxml_seismic.h"

static const char *const nankai_prefs[] = {
	"08", "12", "13", "14", "19", "20", "21", "22", "23", "24",
	"25", "26", "27", "28", "29", "30", "33", "34", "35", "36",
	"37", "38", "39", "40", "43", "44", "45", "46", "47",
};

static const char *const sanriku_prefs[] = {
	"01", "02", "03", "04", "07", "08", "12",
};

static enum bc_severity severity_of(const char *type, const char *code)
{
	if (!strcmp(type, "VYSE60"))
		return BC_SEV_MODERATE;
	if (!strcmp(code, "120"))
		return BC_SEV_SEVERE;
	if (!strcmp(code, "130") || !strncmp(code, "11", 2))
		return BC_SEV_MODERATE;
	return BC_SEV_MINOR;
}

enum bc_err bc_jx_nankai(struct bc_jx *jx, const xmlNode *body)
{
	struct bc_alert *a = jx->alert;
	const xmlNode *info = NULL;
	enum bc_err e;

	for (const xmlNode *c = bc_jx_elem(body->children); c;
	     c = bc_jx_elem(c->next))
		if (bc_jx_is(c, BC_JX_NS_SEIS, "EarthquakeInfo"))
			info = c;
	a->level = 0;
	a->severity = BC_SEV_MINOR;
	if (!info) {
		/* Only a 取消 may leave it out. */
		if (a->msg_type == BC_MSG_CANCEL)
			return BC_E_OK;
		return bc_jx_fail(jx, BC_E_PARSE, body,
				  "%s without Body/EarthquakeInfo", a->type);
	}
	char kind[96], name[48] = "", code[16] = "", ja[160];
	bc_jx_text(bc_jx_child(info, BC_JX_NS_SEIS, "InfoKind"), kind,
		   sizeof kind);
	if (!kind[0])
		return bc_jx_fail(jx, BC_E_PARSE, info,
				  "EarthquakeInfo without InfoKind");
	const xmlNode *ser = bc_jx_child(info, BC_JX_NS_SEIS, "InfoSerial");
	if (ser) {
		bc_jx_text(bc_jx_child(ser, BC_JX_NS_SEIS, "Name"), name,
			   sizeof name);
		bc_jx_text(bc_jx_child(ser, BC_JX_NS_SEIS, "Code"), code,
			   sizeof code);
	}
	bool extra = strcmp(a->type, "VYSE50") == 0;
	if (extra && !name[0])
		return bc_jx_fail(jx, BC_E_PARSE, info,
				  "VYSE50 without InfoSerial/Name (keyword)");
	/* 臨時情報 is named with its keyword, as JMA titles it; the
	 * commentary and the Hokkaido-Sanriku information by their kind. */
	size_t kl = strlen(kind), nl = strlen(name);
	memcpy(ja, kind, kl + 1);
	if (extra) {
		/* kind (< 96) + "（" + name (< 48) + "）" fits in ja. */
		memcpy(ja + kl, "（", 3);
		memcpy(ja + kl + 3, name, nl);
		memcpy(ja + kl + 3 + nl, "）", 4);
	}
	bc_jx_term(&a->seismic.info, extra ? "NankaiInfoSerial" : "",
		   extra ? code : "", ja);

	const char *const *prefs = nankai_prefs;
	size_t n = sizeof nankai_prefs / sizeof nankai_prefs[0];
	if (!strcmp(a->type, "VYSE60")) {
		prefs = sanriku_prefs;
		n = sizeof sanriku_prefs / sizeof sanriku_prefs[0];
	} else if (!strcmp(code, "200")) {
		n = 0; /* 定例解説 */
	}
	enum bc_change ch = !strcmp(code, "190") ? BC_CHANGE_LIFTED
			  : extra || !strcmp(a->type, "VYSE60")
			  ? BC_CHANGE_ISSUED : BC_CHANGE_NONE;
	for (size_t i = 0; i < n; i++) {
		struct bc_item *it;
		if ((e = bc_jx_add_item(jx, info, &it)))
			return e;
		it->area_type = BC_AREA_PREF;
		bc_strlcpy_utf8(it->area_code, prefs[i], sizeof it->area_code);
		it->term = a->seismic.info;
		it->change = ch;
	}
	a->severity = severity_of(a->type, code);
	return BC_E_OK;
}
