/* jsonread.h — a small, strict, bounded JSON reader for payloads that come
 * from the broker (the subscribers in clients/ read alerts, state and
 * status with it).
 *
 * Outside input: everything is limited (bytes, nesting depth, values,
 * members per object) and anything that is not RFC 8259 JSON is refused
 * with a one-line reason: trailing commas, comments, single quotes, NaN,
 * leading zeros, control characters in strings, invalid UTF-8, lone
 * surrogates, duplicate keys, text after the value.  Strings are decoded
 * to NUL-terminated UTF-8, so "\u0000" is refused too.
 *
 * The parsed document owns every value and string; the pointers the
 * accessors return are borrowed until bc_jr_free.  Accessors accept NULL
 * and the wrong type and then return NULL / false / 0, so a lookup chain
 * needs one check at the end: bc_jr_str(bc_jr_get(bc_jr_get(root, "jma"),
 * "type")).
 */
#ifndef BC_JSONREAD_H
#define BC_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum bc_jr_type {
	BC_JR_NONE,   /* no value (NULL pointer) */
	BC_JR_NULL,
	BC_JR_BOOL,
	BC_JR_NUM,
	BC_JR_STR,
	BC_JR_ARR,
	BC_JR_OBJ,
};

struct bc_jr_limits {
	size_t max_bytes;    /* input length */
	int max_depth;       /* nesting of arrays and objects, >= 1 */
	size_t max_values;   /* every value, containers included */
	size_t max_members;  /* members of one object */
};

/* 1 MiB, depth 32, 200 000 values, 512 members: four times the broker's
 * message size limit and far above any bosaicast payload. */
#define BC_JR_LIMITS_DEFAULT { 1u << 20, 32, 200000, 512 }

struct bc_jr_doc; /* opaque: the parsed document */
struct bc_jr;     /* opaque: one value inside it */

/* Parse text[0..len) (need not be NUL-terminated).  lim may be NULL for
 * the defaults.  On success the caller owns *out.  On failure *out is
 * NULL, and why (if not NULL) gets "offset N: reason".  BC_E_PARSE for
 * malformed JSON, BC_E_ENCODING for invalid UTF-8, BC_E_TOOBIG past a
 * limit, BC_E_NOMEM. */
enum bc_err bc_jr_parse(const char *text, size_t len,
			const struct bc_jr_limits *lim, struct bc_jr_doc **out,
			char *why, size_t why_size);
void bc_jr_free(struct bc_jr_doc *d);

/* The top-level value; never NULL for a parsed document. */
const struct bc_jr *bc_jr_root(const struct bc_jr_doc *d);

enum bc_jr_type bc_jr_type(const struct bc_jr *v);
/* Members of an object or elements of an array; 0 for anything else. */
size_t bc_jr_len(const struct bc_jr *v);
/* The member called key of an object, or NULL. */
const struct bc_jr *bc_jr_get(const struct bc_jr *obj, const char *key);
/* Iteration over an array's elements or an object's members, in document
 * order: first = bc_jr_first(v), then bc_jr_next(first) until NULL. */
const struct bc_jr *bc_jr_first(const struct bc_jr *container);
const struct bc_jr *bc_jr_next(const struct bc_jr *v);
/* The key of an object member (a value reached through bc_jr_first /
 * bc_jr_next of an object); NULL for array elements. */
const char *bc_jr_key(const struct bc_jr *v);

/* A string's decoded UTF-8, NUL-terminated (it contains no NUL); NULL if
 * v is not a string.  *len (may be NULL) gets its length in bytes. */
const char *bc_jr_str(const struct bc_jr *v, size_t *len);
/* Convenience: the string member key of obj, or NULL. */
const char *bc_jr_get_str(const struct bc_jr *obj, const char *key);
/* A number as double; false if v is not a number. */
bool bc_jr_num(const struct bc_jr *v, double *out);
/* A number that is an integer written without fraction or exponent and
 * fits a long long; false otherwise. */
bool bc_jr_int(const struct bc_jr *v, long long *out);
bool bc_jr_bool(const struct bc_jr *v, bool *out);

#endif
