/* fuzz_atom.c — libFuzzer entry point for the Atom feed reader, which
 * sees what JMA's (or anyone's) server sends.
 *
 *   fuzz/run.sh 600 atom        # build-fuzz/, seeds in fuzz/corpus/atom
 *
 * or by hand, with the hand-made feeds of tests/data/atom as seeds:
 *
 *   mkdir -p /tmp/fz && build-fuzz/fuzz/fuzz_atom /tmp/fz tests/data/atom
 *
 * libFuzzer writes what it finds into the FIRST directory: name a scratch
 * one first, never a folder of the repository.
 *
 * Whatever the input, the reader must return, not crash, and either give
 * entries that keep every promise of atom.h (an id, an http(s) URL of
 * printable ASCII, no control characters in the title, within the
 * limits) or a one-line reason.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "atom.h"
#include "log.h"

static int one_line_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
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

static int fetchable(const char *u)
{
	if (strncasecmp(u, "http://", 7) && strncasecmp(u, "https://", 8))
		return 0;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f)
			return 0;
	return strlen(u) <= BC_ATOM_MAX_URL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	bc_log_set_level(BC_LOG_ERROR);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so that ASan sees any read past
	 * the end of the feed. */
	char *doc = malloc(size ? size : 1);
	if (!doc)
		return 0;
	if (size)
		memcpy(doc, data, size);
	struct bc_atom_limits lim = { 1u << 20, 500 };
	struct bc_atom_feed f;
	char why[160];
	enum bc_err e = bc_atom_parse(doc, size, &lim, &f, why, sizeof why);
	if (e == BC_E_OK) {
		if (f.n > lim.max_entries || (f.n && !f.entries))
			abort();
		for (size_t i = 0; i < f.n; i++) {
			const struct bc_atom_entry *en = &f.entries[i];
			if (!en->id[0] || strlen(en->id) > BC_ATOM_MAX_URL ||
			    !fetchable(en->url) || !one_line_utf8(en->title) ||
			    strlen(en->title) >= BC_ATOM_MAX_TITLE)
				abort();
		}
		if (f.skipped && !f.skipped_why[0])
			abort();
	} else if (f.n || !why[0] || !one_line_utf8(why)) {
		abort();
	}
	bc_atom_feed_free(&f);
	free(doc);
	return 0;
}
