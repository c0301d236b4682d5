/* json.h — a small streaming JSON writer on top of bc_buf.
 *
 * The writer tracks whether a comma is due, so callers just emit keys and
 * values in order.  Strings must be valid UTF-8 (checked by the caller's
 * pipeline before rendering); control characters are escaped. */
#ifndef BC_JSON_H
#define BC_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define BC_JSON_MAX_DEPTH 16

struct bc_json {
	struct bc_buf *out;            /* borrowed */
	int depth;
	bool need_comma[BC_JSON_MAX_DEPTH];
	enum bc_err err;               /* first error; later calls are no-ops */
};

void bc_json_init(struct bc_json *j, struct bc_buf *out);
void bc_json_obj_open(struct bc_json *j);
void bc_json_obj_close(struct bc_json *j);
void bc_json_arr_open(struct bc_json *j);
void bc_json_arr_close(struct bc_json *j);
/* Emit an object key; the next value call supplies its value. */
void bc_json_key(struct bc_json *j, const char *key);
void bc_json_str(struct bc_json *j, const char *s);
void bc_json_strn(struct bc_json *j, const char *s, size_t n);
void bc_json_int(struct bc_json *j, long long v);
void bc_json_null(struct bc_json *j);
void bc_json_bool(struct bc_json *j, bool v);
/* Emit pre-serialised JSON text as a value (trusted, from this writer). */
void bc_json_raw(struct bc_json *j, const char *raw, size_t n);

/* Append s to out as a quoted JSON string. */
enum bc_err bc_json_quote(struct bc_buf *out, const char *s, size_t n);

#endif
