/* alert.h — the alert model: what one JMA document says, in codes.
 *
 * The parser (jmaxml*.c) fills one struct bc_alert per document; the
 * localizer and router read it.  It holds codes and Japanese terms exactly
 * as JMA wrote them, never translated text: translation is the localizer's
 * job.  All strings are NUL-terminated UTF-8 and owned by the alert.
 */
#ifndef BC_ALERT_H
#define BC_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"

/* The broadcast kinds of DESIGN §3; the name is the last topic level. */
#define BC_KIND_MAP(X)                                                       \
	X(NONE, "none")                                                      \
	X(WARNING, "warning")                                                \
	X(LANDSLIDE, "landslide")                                            \
	X(FLOOD, "flood")                                                    \
	X(RAIN, "rain")                                                      \
	X(TORNADO, "tornado")                                                \
	X(EEW, "eew")                                                        \
	X(QUAKE, "quake")                                                    \
	X(TSUNAMI, "tsunami")                                                \
	X(VOLCANO, "volcano")                                                \
	X(NANKAI, "nankai")

enum bc_kind {
#define BC_KIND_ENUM(n, s) BC_KIND_##n,
	BC_KIND_MAP(BC_KIND_ENUM)
#undef BC_KIND_ENUM
	BC_KIND__COUNT
};
const char *bc_kind_name(enum bc_kind k);
/* Returns BC_KIND_NONE for an unknown name. */
enum bc_kind bc_kind_parse(const char *name);

/* Control/Status: 通常 / 訓練 / 試験. */
enum bc_doc_status { BC_STATUS_ACTUAL, BC_STATUS_EXERCISE, BC_STATUS_TEST };
const char *bc_doc_status_name(enum bc_doc_status s); /* "actual"... */

/* Head/InfoType: 発表 / 訂正 / 取消 (and 遅延, treated as alert). */
enum bc_msg_type { BC_MSG_ALERT, BC_MSG_UPDATE, BC_MSG_CANCEL,
		   BC_MSG_CORRECTION };
const char *bc_msg_type_name(enum bc_msg_type t);

enum bc_severity { BC_SEV_UNKNOWN, BC_SEV_MINOR, BC_SEV_MODERATE,
		   BC_SEV_SEVERE, BC_SEV_EXTREME };
const char *bc_severity_name(enum bc_severity s);

/* What happened to one item in this report. */
enum bc_change {
	BC_CHANGE_NONE,       /* information only (quake intensity, ...) */
	BC_CHANGE_ISSUED,     /* 発表 */
	BC_CHANGE_CONTINUED,  /* 継続 */
	BC_CHANGE_UPGRADED,   /* 発表 with a lower LastKind (警報から特別警報へ) */
	BC_CHANGE_DOWNGRADED, /* 発表 with a higher LastKind (警報から注意報へ) */
	BC_CHANGE_LIFTED,     /* 解除 */
	BC_CHANGE__COUNT
};
const char *bc_change_name(enum bc_change c); /* "issued", "lifted", ... */

/* The code table an area code belongs to; decides how it resolves to
 * municipalities (places.h). */
enum bc_area_type {
	BC_AREA_CITY,       /* 気象・地震・火山情報／市町村等, 7 digits */
	BC_AREA_PREF,       /* 都道府県, 2 digits */
	BC_AREA_FORECAST,   /* 府県予報区・細分区域等 (class10/15, 6 digits) */
	BC_AREA_QUAKE,      /* 地震情報／細分区域 (3 digits) */
	BC_AREA_EPICENTER,  /* 震央地名 (3 digits) */
	BC_AREA_EEW,        /* 緊急地震速報／府県予報区 (4 digits) */
	BC_AREA_TSUNAMI,    /* 津波予報区 (3 digits) */
	BC_AREA_VOLCANO,    /* 火山名 (3 digits) */
	BC_AREA_RIVER,      /* 指定河川洪水予報 (river code) */
	BC_AREA_OTHER,
	BC_AREA__COUNT
};
const char *bc_area_type_name(enum bc_area_type t);

/* A term as JMA wrote it: the code table it comes from, its code, and its
 * Japanese name.  The dictionary joins on (table, code) and on ja. */
struct bc_term {
	char table[32];  /* JMA code table, e.g. "WeatherWarning"; "" if none */
	char code[16];   /* code in that table; "" if none */
	char ja[96];     /* the Japanese name in the document */
};

/* One phenomenon for one area of the document. */
struct bc_item {
	enum bc_area_type area_type;
	char area_code[16];
	char area_name_ja[96];      /* as written in the document */
	struct bc_term term;        /* e.g. WeatherWarning/43 レベル４大雨危険警報 */
	struct bc_term last;        /* previous kind (LastKind); empty if none */
	enum bc_change change;
	int level;                  /* warning level 1-5, intensity class, 0 */
	/* Kind-specific values, in codes: e.g. tsunami height term, arrival
	 * time, a quake intensity.  Unused fields stay zero/empty. */
	struct bc_term value;       /* a second term (height, condition) */
	time_t when;                /* e.g. tsunami first arrival; 0 = none */
	char when_text[32];         /* e.g. "第１波の到達を確認"; "" */

	/* Seismic families (jmaxml_eew.c, jmaxml_tsunami.c, jmaxml_quake.c);
	 * zero/empty for every other item. */
	struct bc_term cond;        /* a condition JMA states for the area:
				       tsunami FirstHeight/Condition
				       (TsunamiCondition, "第１波の到達を確認"),
				       EEW Area/Condition ("既に主要動到達と
				       推測"); "" */
	struct bc_term upto;        /* upper end of a range whose lower end is
				       term: EEW ForecastInt/To when it differs
				       from From (SeismicIntensity; code "over"
				       = "or more"); "" */
	struct bc_term observed;    /* highest tsunami observed so far in the
				       area (TsunamiObserved: code = metres as
				       written, "2.8"; ja = description
				       "２．８ｍ以上"); "" */
	unsigned obs_flags;         /* BC_OBS_* about observed */
	time_t obs_when;            /* when observed was reached; 0 = none */
};

/* Qualifiers of an observed tsunami height (bc_item.obs_flags,
 * bc_seismic.obs_flags). */
#define BC_OBS_RISING 1u     /* still rising ("上昇中", "…以上") */
#define BC_OBS_WEAK 2u       /* too weak to give a height ("微弱") */
#define BC_OBS_OBSERVING 4u  /* being observed, no value yet ("観測中") */
#define BC_OBS_OFFSHORE 8u   /* an offshore station (VTSE52) */

/* Earthquake facts (quake, eew, tsunami, nankai). */
struct bc_quake {
	bool present;
	time_t origin_time;
	char epicenter_code[8];     /* AreaEpicenter code */
	char epicenter_ja[96];
	double lat, lon;            /* NaN if unknown */
	int depth_km;               /* -1 unknown; 0 = ごく浅い */
	double magnitude;           /* NaN if unknown (e.g. "M不明") */
	char magnitude_desc[32];    /* e.g. "Ｍ８を超える巨大地震" when not numeric */
	char max_int[8];            /* "1".."7", "5-", "5+", "6-", "6+"; "" */
	char comments[8][8];        /* 固定付加文 codes, e.g. "0215" */
	int n_comments;
};

/* What a volcano or river document is about as a whole, named in every
 * message of it (DESIGN §4: "the message names the coarse area it was
 * issued for"): the volcano and its alert level, or the river forecast
 * section and its water-level station.  Filled by jmaxml_volcano.c and
 * jmaxml_river.c; present is false for every other document. */
struct bc_subject {
	bool present;
	enum bc_area_type type;     /* BC_AREA_VOLCANO or BC_AREA_RIVER */
	char code[24];              /* PointVolcano "306"; 指定河川洪水予報
				       （予報区域）"890904000300" */
	char name_ja[96];           /* as the document writes it */
	struct bc_term term;        /* volcano: alert level or keyword
				       (VolcanicWarning 11-15, 21-25); "" */
	struct bc_term last;        /* the one before it (LastKind); "" */
	enum bc_change change;      /* what happened to term */
	int level;                  /* 噴火警戒レベル 1-5; 0 = none */
	time_t when;                /* eruption time (VFVO52/56); 0 = none */
	char station_code[24];      /* river: water-level station
				       (WaterLevelStation); "" if none */
	char station_ja[96];
};

/* A seismic document as a whole: what its items do not carry.  Filled by
 * jmaxml_eew.c, jmaxml_quake.c, jmaxml_tsunami.c and jmaxml_nankai.c. */
struct bc_seismic {
	struct bc_term info;        /* the information itself when no item
				       says it: Nankai keyword
				       (NankaiInfoSerial/120 "南海トラフ地震
				       臨時情報（巨大地震警戒）"), 北海道・三陸
				       沖後発地震注意情報; "" */
	struct bc_term fc_from;     /* EEW: strongest forecast intensity of
				       the document (ForecastInt/From) */
	struct bc_term fc_to;       /* ... and its upper end (To); "" if
				       the same */
	struct bc_term max_lg;      /* VXSE62: highest long-period ground
				       motion class (LongPeriodIntensity) */
	bool warning;               /* EEW: some area is under the warning
				       (category 10, 11, 19) */
	/* The highest tsunami the document reports observed (VTSE51 coastal
	 * stations, VTSE52 offshore stations). */
	struct bc_term obs_height;  /* as bc_item.observed; "" = none */
	unsigned obs_flags;         /* BC_OBS_* */
	time_t obs_when;
	char obs_station_ja[64];    /* station name as written */
	int n_earthquakes;          /* Body/Earthquake elements (a tsunami
				       may cite several; quake holds the
				       first) */
};

/* One JMA document, parsed. */
struct bc_alert {
	/* Identity. */
	char id[17];                /* stable: hash of EventID+type+serial+report time */
	char type[8];               /* TTAAii, e.g. "VPWW55", "VXKO50" */
	enum bc_kind kind;
	char control_title[128];    /* Control/Title */
	char head_title[192];       /* Head/Title */
	char event_id[64];          /* Head/EventID, may be "" (warnings) */
	int serial;                 /* Head/Serial, 0 if empty */
	char office_ja[64];         /* Control/PublishingOffice */
	char source[256];           /* file name or URL the document came from */

	/* Lifecycle. */
	enum bc_doc_status status;
	enum bc_msg_type msg_type;
	time_t reported;            /* Head/ReportDateTime (UTC seconds) */
	time_t valid_until;         /* Head/ValidDateTime; 0 = none */
	time_t control_time;        /* Control/DateTime */

	/* Summary, computed by the parser from the items. */
	enum bc_severity severity;
	int level;                  /* highest level in force, 0 = none */
	char headline_ja[2048];     /* Head/Headline/Text (render_text.c) */

	struct bc_item *items;      /* owned, n_items of them */
	size_t n_items;
	size_t cap_items;

	struct bc_quake quake;

	/* The volcano or river the document is about (volcano, flood). */
	struct bc_subject subject;

	/* What a seismic document says as a whole (eew, quake, tsunami,
	 * nankai); zero for every other document. */
	struct bc_seismic seismic;
};

/* Allocate an empty alert.  Caller owns; free with bc_alert_free. */
struct bc_alert *bc_alert_new(void);
/* Free an alert and everything it owns.  NULL is fine. */
void bc_alert_free(struct bc_alert *a);

/* Append a zeroed item and return it (borrowed until the next append or
 * free).  Fails with BC_E_TOOBIG past max_items. */
enum bc_err bc_alert_add_item(struct bc_alert *a, size_t max_items,
			      struct bc_item **out);

/* Compute a->id from event_id, type, serial and reported.  Cannot fail. */
void bc_alert_compute_id(struct bc_alert *a);

/* Copy at most dst_size-1 bytes of src, never splitting a UTF-8 sequence,
 * always NUL-terminating.  Returns true if src fitted whole. */
bool bc_strlcpy_utf8(char *dst, const char *src, size_t dst_size);

/* Format t as ISO 8601 in Japan time ("2026-04-21T09:35:00+09:00") or, with
 * utc, as "…Z".  buf must hold 26 bytes. */
void bc_time_iso(time_t t, bool utc, char buf[26]);
/* Parse "YYYY-MM-DDThh:mm:ss" followed by "Z" or "±hh:mm".  Returns
 * BC_E_PARSE on anything else, BC_E_ABSURD for years outside 1990-2200. */
enum bc_err bc_time_parse(const char *s, time_t *out);

#endif
