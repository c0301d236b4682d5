#include "json.h"

#include <stdio.h>
#include <string.h>

void bc_json_init(struct bc_json *j, struct bc_buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

/* A key was just written when the buffer ends with ':'; then no comma. */
static void pre_value(struct bc_json *j)
{
	if (j->err)
		return;
	struct bc_buf *b = j->out;
	if (b->len && b->data[b->len - 1] == ':')
		return;
	if (j->need_comma[j->depth])
		j->err = bc_buf_addc(b, ',');
	j->need_comma[j->depth] = true;
}

static void open_(struct bc_json *j, char c)
{
	pre_value(j);
	if (j->err)
		return;
	if (j->depth + 1 >= BC_JSON_MAX_DEPTH) {
		j->err = BC_E_TOOBIG;
		return;
	}
	j->err = bc_buf_addc(j->out, c);
	j->need_comma[++j->depth] = false;
}

static void close_(struct bc_json *j, char c)
{
	if (j->err)
		return;
	if (j->depth == 0) {
		j->err = BC_E_INVAL;
		return;
	}
	j->depth--;
	j->err = bc_buf_addc(j->out, c);
}

void bc_json_obj_open(struct bc_json *j) { open_(j, '{'); }
void bc_json_obj_close(struct bc_json *j) { close_(j, '}'); }
void bc_json_arr_open(struct bc_json *j) { open_(j, '['); }
void bc_json_arr_close(struct bc_json *j) { close_(j, ']'); }

enum bc_err bc_json_quote(struct bc_buf *out, const char *s, size_t n)
{
	enum bc_err e = bc_buf_addc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n && !e; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char tmp[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				snprintf(tmp, sizeof tmp, "\\u%04x", c);
				esc = tmp;
			}
		}
		if (!esc)
			continue;
		e = bc_buf_add(out, s + run, i - run);
		if (!e)
			e = bc_buf_adds(out, esc);
		run = i + 1;
	}
	if (!e)
		e = bc_buf_add(out, s + run, n - run);
	if (!e)
		e = bc_buf_addc(out, '"');
	return e;
}

void bc_json_key(struct bc_json *j, const char *key)
{
	pre_value(j);
	if (j->err)
		return;
	j->err = bc_json_quote(j->out, key, strlen(key));
	if (!j->err)
		j->err = bc_buf_addc(j->out, ':');
}

void bc_json_strn(struct bc_json *j, const char *s, size_t n)
{
	pre_value(j);
	if (!j->err)
		j->err = bc_json_quote(j->out, s, n);
}

void bc_json_str(struct bc_json *j, const char *s)
{
	if (!s) {
		bc_json_null(j);
		return;
	}
	bc_json_strn(j, s, strlen(s));
}

void bc_json_int(struct bc_json *j, long long v)
{
	pre_value(j);
	if (!j->err)
		j->err = bc_buf_printf(j->out, "%lld", v);
}

void bc_json_null(struct bc_json *j)
{
	pre_value(j);
	if (!j->err)
		j->err = bc_buf_adds(j->out, "null");
}

void bc_json_bool(struct bc_json *j, bool v)
{
	pre_value(j);
	if (!j->err)
		j->err = bc_buf_adds(j->out, v ? "true" : "false");
}

void bc_json_raw(struct bc_json *j, const char *raw, size_t n)
{
	pre_value(j);
	if (!j->err)
		j->err = bc_buf_add(j->out, raw, n);
}
