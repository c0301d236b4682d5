/* render_seismic.c — helpers of the seismic kind families (see
 * render_seismic.h). */
#include "render_seismic.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum bc_err bc_rd_join(struct bc_renderer *r, enum bc_lang lang,
		       struct bc_buf *out, const char *next)
{
	if (!out->len)
		return bc_buf_adds(out, next);
	struct bc_buf t;
	bc_buf_init(&t, BC_RD_TEXT_MAX);
	struct bc_var v[] = { { "first", out->data }, { "next", next } };
	enum bc_err e = bc_rd_expand(r, lang, "seismic.join", v, 2, &t);
	if (!e) {
		bc_buf_reset(out);
		e = bc_buf_add(out, t.data ? t.data : "", t.len);
	}
	bc_buf_free(&t);
	return e;
}

enum bc_err bc_rd_area_list(struct bc_renderer *r, enum bc_lang lang,
			    enum bc_area_type type, const char *const *codes,
			    size_t n, size_t max, struct bc_buf *out)
{
	const char *names[BC_RD_LIST_BODY_NAMES + 1];
	size_t k = n < max ? n : max;
	if (k > BC_RD_LIST_BODY_NAMES)
		k = BC_RD_LIST_BODY_NAMES;
	for (size_t i = 0; i < k; i++)
		names[i] = bc_rd_place(r, lang, type, codes[i]);
	if (k == n)
		return bc_l10n_list(r->l10n, lang, names, k, out);
	struct bc_buf t;
	bc_buf_init(&t, BC_RD_TEXT_MAX);
	enum bc_err e = bc_l10n_list(r->l10n, lang, names, k, &t);
	char cnt[32];
	bc_rd_count(r, lang, n - k, cnt, sizeof cnt);
	struct bc_var v[] = { { "places", t.data ? t.data : "" },
			      { "count", cnt } };
	if (!e)
		e = bc_rd_expand(r, lang, "list.more", v, 2, out);
	bc_buf_free(&t);
	return e;
}

enum bc_err bc_rd_epi_mag(struct bc_renderer *r, enum bc_lang lang,
			  struct bc_buf *epi, struct bc_buf *mag)
{
	const struct bc_quake *q = &r->a->quake;
	enum bc_err e = bc_buf_adds(epi, q->epicenter_code[0]
		? bc_rd_place(r, lang, BC_AREA_EPICENTER, q->epicenter_code)
		: bc_rd_phrase(r, lang, "quake.epicenter.unknown"));
	if (e)
		return e;
	if (isnan(q->magnitude))
		return bc_rd_expand(r, lang, "quake.magnitude.unknown", NULL, 0,
				    mag);
	return bc_l10n_number(r->l10n, lang, q->magnitude, 1, mag);
}

enum bc_err bc_rd_hypocenter(struct bc_renderer *r, enum bc_lang lang,
			     struct bc_buf *out)
{
	const struct bc_quake *q = &r->a->quake;
	struct bc_buf epi, mag, dep, num, tm;
	enum bc_err e;
	if (!q->present)
		return BC_E_OK;
	bc_buf_init(&epi, 4096);
	bc_buf_init(&mag, 4096);
	bc_buf_init(&dep, 4096);
	bc_buf_init(&num, 4096);
	bc_buf_init(&tm, 4096);
	e = bc_rd_epi_mag(r, lang, &epi, &mag);
	if (!e && q->depth_km > 0) {
		e = bc_l10n_number(r->l10n, lang, q->depth_km, 0, &num);
		struct bc_var dv[] = { { "depth", num.data ? num.data : "" } };
		if (!e)
			e = bc_rd_expand(r, lang, "quake.depth.km", dv, 1,
					 &dep);
	} else if (!e) {
		e = bc_rd_expand(r, lang, q->depth_km == 0
					? "quake.depth.shallow"
					: "quake.depth.unknown", NULL, 0, &dep);
	}
	if (!e)
		e = bc_rd_datetime(r, lang, q->origin_time ? q->origin_time
							   : r->a->reported,
				   &tm);
	struct bc_var v[] = {
		{ "time", tm.data ? tm.data : "" },
		{ "epicenter", epi.data ? epi.data : "" },
		{ "depth", dep.data ? dep.data : "" },
		{ "magnitude", mag.data ? mag.data : "" },
	};
	if (!e)
		e = bc_rd_expand(r, lang, "quake.hypo.body", v, 4, out);
	bc_buf_free(&epi);
	bc_buf_free(&mag);
	bc_buf_free(&dep);
	bc_buf_free(&num);
	bc_buf_free(&tm);
	return e;
}

enum bc_err bc_rd_comments(struct bc_renderer *r, enum bc_lang lang,
			   struct bc_buf *out)
{
	const struct bc_quake *q = &r->a->quake;
	enum bc_err e = BC_E_OK;
	for (int i = 0; i < q->n_comments && !e; i++) {
		char fb[64];
		struct bc_term ct = { .table = "AdditionalCommentEarthquake" };
		snprintf(ct.code, sizeof ct.code, "%s", q->comments[i]);
		const char *txt = bc_rd_term(r, lang, &ct, fb, sizeof fb);
		if (out->len)
			e = bc_buf_addc(out, '\n');
		for (const char *c = txt; *c && !e; c++) {
			if (c[0] == '\\' && c[1] == 'n') {
				e = bc_buf_addc(out, '\n');
				c++;
			} else {
				e = bc_buf_addc(out, *c);
			}
		}
	}
	return e;
}

enum bc_err bc_rd_intensity_range(struct bc_renderer *r, enum bc_lang lang,
				  const struct bc_term *from,
				  const struct bc_term *upto,
				  struct bc_buf *out)
{
	char fb1[64], fb2[64];
	if (!from->code[0] && !from->ja[0])
		return bc_buf_adds(out, bc_rd_phrase(
			r, lang, "quake.intensity.unknown"));
	const char *f = bc_rd_term(r, lang, from, fb1, sizeof fb1);
	if (!upto || !upto->code[0])
		return bc_buf_adds(out, f);
	struct bc_var v[] = { { "from", f }, { "to", "" } };
	if (strcmp(upto->code, "over") == 0)
		return bc_rd_expand(r, lang, "seismic.intensity.over", v, 1,
				    out);
	v[1].value = bc_rd_term(r, lang, upto, fb2, sizeof fb2);
	return bc_rd_expand(r, lang, "seismic.intensity.range", v, 2, out);
}

int bc_rd_intensity_order(const char *code)
{
	static const char *const order[] = { "1", "2", "3", "4", "5-?", "5-",
					     "5+", "6-", "6+", "7" };
	for (int i = 0; i < 10; i++)
		if (strcmp(code, order[i]) == 0)
			return i + 1;
	return 0;
}

enum bc_err bc_rd_clock(struct bc_renderer *r, enum bc_lang lang, time_t t,
			struct bc_buf *out)
{
	return bc_l10n_time(r->l10n, lang, t, out);
}
