/* fuzz_jmaxml.c — libFuzzer entry point for the JMA XML parser, the first
 * module to see outside input.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *     $(pkg-config --cflags libxml-2.0) fuzz/fuzz_jmaxml.c \
 *     src/jmaxml*.c src/alert.c src/error.c src/log.c \
 *     $(pkg-config --libs libxml-2.0) -lm -o fuzz_jmaxml
 *   mkdir -p /tmp/fz && ./fuzz_jmaxml /tmp/fz tests/data/bad \
 *     tests/data/jmaxml/p2pquake-jmaxml-seis-parser-go
 *
 * libFuzzer writes what it finds into the FIRST directory: name a scratch
 * one first, never a folder of the repository.
 *
 * The first input byte picks a document name (a TTAAii or none) so that
 * the name-based type refinement is exercised too; the rest is the
 * document.  Whatever the input, the parser must return, not crash, and
 * either give an alert or a one-line reason.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "jmaxml.h"
#include "log.h"

/* The reason quotes the document: it must stay valid UTF-8. */
static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 :
			(*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			return 0;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	bc_log_set_level(BC_LOG_ERROR);
	bc_jmaxml_global_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		NULL, "x.xml", "20210216071046_0_VXSE53_270000.xml",
		"15_16_03_241226_VPWW55.xml", "a_VXSE40.xml", "b_VXKO50.xml",
		"c_VPWW53.xml", "d_VXSE43_x.xml",
	};
	const char *name = NULL;
	if (size > 0) {
		name = names[data[0] % (sizeof names / sizeof names[0])];
		data++;
		size--;
	}
	/* A copy of exactly size bytes, so that ASan sees any read past
	 * the end of the document. */
	char *doc = malloc(size ? size : 1);
	if (!doc)
		return 0;
	if (size)
		memcpy(doc, data, size);

	struct bc_jmaxml_limits lim = { 1u << 20, 2000 };
	struct bc_alert *a = NULL;
	char why[128];
	enum bc_err e = bc_jmaxml_parse(doc, size, name, &lim, &a, why,
					sizeof why);
	if (e == BC_E_OK) {
		if (!a || a->n_items > lim.max_items)
			abort();
		bc_alert_free(a);
	} else {
		if (a || !why[0] || strchr(why, '\n') || !valid_utf8(why))
			abort();
	}
	(void)bc_jmaxml_kind_of_type(name);
	free(doc);
	return 0;
}
