/* fuzz_jsonread.c — libFuzzer entry point for the strict JSON reader that
 * the subscribers (clients/) run on every payload the broker delivers.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *     fuzz/fuzz_jsonread.c src/jsonread.c src/error.c -lm -o fuzz_jsonread
 *   mkdir -p /tmp/fzj && ./fuzz_jsonread /tmp/fzj tests/golden
 *
 * libFuzzer writes what it finds into the FIRST directory: name a scratch
 * one first, never a folder of the repository.
 *
 * The first input byte picks tight or default limits, so both the limit
 * paths and deep documents are exercised.  Whatever the input, the reader
 * must return; a document it accepts is walked completely, and every
 * string in it must be NUL-free, NUL-terminated and as long as it says.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

static size_t walk(const struct bc_jr *v, int depth)
{
	size_t n = 1, len = 0;
	const char *s = bc_jr_str(v, &len);
	if (s && strlen(s) != len)
		abort();
	if (depth > 300)
		abort();
	size_t kids = 0;
	for (const struct bc_jr *c = bc_jr_first(v); c; c = bc_jr_next(c)) {
		const char *k = bc_jr_key(c);
		if (bc_jr_type(v) == BC_JR_OBJ) {
			if (!k || bc_jr_get(v, k) != c)
				abort(); /* keys are unique */
		} else if (k) {
			abort();
		}
		n += walk(c, depth + 1);
		kids++;
	}
	if (kids != bc_jr_len(v))
		abort();
	double d;
	long long i;
	bool b;
	if (bc_jr_type(v) == BC_JR_NUM && !bc_jr_num(v, &d))
		abort();
	(void)bc_jr_int(v, &i);
	(void)bc_jr_bool(v, &b);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct bc_jr_limits tight = { 4096, 4, 64, 8 };
	const struct bc_jr_limits *lim = (data[0] & 1) ? &tight : NULL;
	struct bc_jr_doc *d = NULL;
	char why[96];
	enum bc_err e = bc_jr_parse((const char *)data + 1, size - 1, lim, &d,
				    why, sizeof why);
	if (e == BC_E_OK) {
		if (!d)
			abort();
		size_t n = walk(bc_jr_root(d), 0);
		if (lim && n > tight.max_values)
			abort();
	} else if (d || strncmp(why, "offset ", 7) != 0) {
		abort();
	}
	bc_jr_free(d);
	return 0;
}
