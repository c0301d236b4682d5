/* fuzz_xlsx.c — libFuzzer entry point for the .xlsx reader (src/xlsx.c):
 * JMA's multilingual dictionary workbook is outside input.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *     $(pkg-config --cflags libxml-2.0 libzip) fuzz/fuzz_xlsx.c \
 *     src/xlsx.c src/arena.c src/buf.c src/error.c \
 *     $(pkg-config --libs libxml-2.0 libzip) -lz -o fuzz_xlsx
 *   mkdir -p /tmp/fz && ./fuzz_xlsx /tmp/fz tests/data/xlsx fuzz/xlsx_seeds
 *
 * libFuzzer writes what it finds into the FIRST directory: name a scratch
 * one first, never a folder of the repository.  Small limits keep each
 * run fast; whatever the input, the reader must return a workbook or a
 * one-line reason, never crash, leak or read out of bounds.
 *
 * Mutated bytes rarely survive a ZIP's CRCs, so when the first byte is
 * odd the rest is split at NUL bytes into the workbook, its relationships,
 * the shared strings and a sheet, and packed here into a valid (stored)
 * archive: that way the XML parsing is fuzzed too.  (Link with -lz.)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "xlsx.h"

struct zbuf {
	uint8_t *p;
	size_t n, cap;
};

static void put(struct zbuf *z, const void *d, size_t n)
{
	if (z->n + n > z->cap) {
		size_t cap = (z->n + n) * 2;
		uint8_t *q = realloc(z->p, cap);
		if (!q)
			abort();
		z->p = q;
		z->cap = cap;
	}
	memcpy(z->p + z->n, d, n);
	z->n += n;
}

static void le(struct zbuf *z, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++) {
		uint8_t b = (uint8_t)(v >> (8 * i));
		put(z, &b, 1);
	}
}

/* A stored ZIP of the named parts. */
static void pack(struct zbuf *z, const char *const *names,
		 const uint8_t *const *data, const size_t *len, int n)
{
	struct zbuf cd = { 0 };
	for (int i = 0; i < n; i++) {
		uint32_t crc = (uint32_t)crc32(0L, data[i], (uInt)len[i]);
		uint32_t off = (uint32_t)z->n;
		size_t nl = strlen(names[i]);
		le(z, 0x04034b50, 4); le(z, 20, 2); le(z, 0, 2); le(z, 0, 2);
		le(z, 0, 2); le(z, 0, 2); le(z, crc, 4);
		le(z, (uint32_t)len[i], 4); le(z, (uint32_t)len[i], 4);
		le(z, (uint32_t)nl, 2); le(z, 0, 2);
		put(z, names[i], nl);
		put(z, data[i], len[i]);
		le(&cd, 0x02014b50, 4); le(&cd, 20, 2); le(&cd, 20, 2);
		le(&cd, 0, 2); le(&cd, 0, 2); le(&cd, 0, 2); le(&cd, 0, 2);
		le(&cd, crc, 4); le(&cd, (uint32_t)len[i], 4);
		le(&cd, (uint32_t)len[i], 4); le(&cd, (uint32_t)nl, 2);
		le(&cd, 0, 2); le(&cd, 0, 2); le(&cd, 0, 2); le(&cd, 0, 2);
		le(&cd, 0, 4); le(&cd, off, 4);
		put(&cd, names[i], nl);
	}
	uint32_t cd_off = (uint32_t)z->n;
	put(z, cd.p, cd.n);
	le(z, 0x06054b50, 4); le(z, 0, 2); le(z, 0, 2);
	le(z, (uint32_t)n, 2); le(z, (uint32_t)n, 2);
	le(z, (uint32_t)cd.n, 4); le(z, cd_off, 4); le(z, 0, 2);
	free(cd.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bc_xlsx_limits lim;
	bc_xlsx_default_limits(&lim);
	lim.max_part = 1u << 20;
	lim.max_total = 4u << 20;
	lim.max_cells = 20000;
	lim.max_rows = 5000;
	struct bc_xlsx *x = NULL;
	char why[256];
	why[0] = '\0';
	struct zbuf z = { 0 };
	if (size > 0 && (data[0] & 1)) {
		static const char *const names[] = {
			"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
			"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
		};
		const uint8_t *part[4];
		size_t len[4] = { 0 };
		const uint8_t *p = data + 1, *end = data + size;
		for (int i = 0; i < 4; i++) {
			const uint8_t *q = memchr(p, 0, (size_t)(end - p));
			part[i] = p;
			len[i] = (size_t)((q ? q : end) - p);
			p = q ? q + 1 : end;
		}
		pack(&z, names, part, len, 4);
		data = z.p;
		size = z.n;
	}
	enum bc_err e = bc_xlsx_open_mem(data, size, &lim, &x, why,
					 sizeof why);
	free(z.p);
	if (e) {
		if (x || !why[0] || strchr(why, '\n'))
			abort();
		return 0;
	}
	for (size_t s = 0; s < bc_xlsx_sheets(x); s++) {
		(void)bc_xlsx_sheet_name(x, s);
		size_t rows = bc_xlsx_rows(x, s);
		if (rows > lim.max_rows)
			abort();
		for (size_t r = 1; r <= rows && r <= 50; r++)
			for (size_t c = 1; c <= 30; c++)
				if (!bc_xlsx_cell(x, s, r, c))
					abort();
	}
	bc_xlsx_free(x);
	return 0;
}
