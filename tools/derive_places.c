/* derive_places — the script conversions of scripts/import_jma_places.py,
 * done by the project's own C code so that the tables are built with the
 * same romaniser the tests check (ICU, l10n.c).  Not installed.
 *
 *     derive_places [--zh data/places/kanji_zh.tsv]
 *
 * Reads requests from standard input, one per line, "OP<TAB>TEXT", and
 * answers each with one line on standard output, flushed at once so the
 * caller may talk to it through a pipe:
 *
 *     latin   kana reading → Latin (bc_l10n_kana_to_latin)
 *     hangul  kana reading → Hangul (bc_derive_hangul)
 *     th, ne, km, my, mn
 *             kana reading → that language's script (bc_derive_script)
 *     hans    Japanese → simplified Chinese characters (bc_zhmap_apply;
 *     hant    traditional); the answer is "TEXT<TAB>N", N the number of
 *             Han characters the mapping did not know (kept as written)
 *     jaonly  "1" if TEXT holds kana or a Japanese-only kanji
 *             (bc_l10n_has_japanese without counting Han), else "0"
 *
 * An answer starting with "!" is an error ("!BC_E_INVAL" for a kanji in
 * a reading, a kana in hans/hant).  Exit status 0 at the end of input, 1
 * on a usage or set-up error, 2 on a line longer than the limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "l10n.h"
#include "log.h"
#include "places_derive.h"

#define LINE_MAX_BYTES (BC_DERIVE_MAX + 16)

int main(int argc, char **argv)
{
	const char *zh_path = NULL;
	struct bc_l10n *l = NULL;
	struct bc_zhmap *zh = NULL;
	struct bc_buf out;
	char why[512];
	char line[LINE_MAX_BYTES + 2];
	int rc = 1;

	bc_buf_init(&out, 4 * BC_DERIVE_MAX);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--zh") && i + 1 < argc) {
			zh_path = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--zh kanji_zh.tsv]\n",
				argv[0]);
			goto cleanup;
		}
	}
	enum bc_err e = bc_l10n_open(&l, why, sizeof why);
	if (e) {
		fprintf(stderr, "derive_places: ICU: %s\n", why);
		goto cleanup;
	}
	if (zh_path) {
		e = bc_zhmap_load(zh_path, &zh, why, sizeof why);
		if (e) {
			fprintf(stderr, "derive_places: %s\n", why);
			goto cleanup;
		}
	}
	rc = 0;
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (n > LINE_MAX_BYTES) {
			fprintf(stderr, "derive_places: line too long\n");
			rc = 2;
			break;
		}
		char *text = strchr(line, '\t');
		unsigned unk = 0;
		bool with_count = false;
		bc_buf_reset(&out);
		if (!text) {
			e = BC_E_PARSE;
		} else {
			*text++ = '\0';
			if (!strcmp(line, "latin")) {
				e = bc_l10n_kana_to_latin(l, text, &out);
			} else if (!strcmp(line, "jaonly")) {
				e = bc_buf_adds(&out, bc_l10n_has_japanese(
						text, strlen(text), false)
						? "1" : "0");
			} else if (!strcmp(line, "hangul")) {
				e = bc_derive_hangul(text, &out);
			} else if (bc_derive_script_has(line)) {
				e = bc_derive_script(text, line, &out);
			} else if (!strcmp(line, "hans") ||
				   !strcmp(line, "hant")) {
				with_count = true;
				e = zh ? bc_zhmap_apply(zh, line[3] == 't',
							text, &out, &unk)
				       : BC_E_CONFIG;
			} else {
				e = BC_E_PARSE;
			}
		}
		if (e)
			printf("!%s\n", bc_errname(e));
		else if (with_count)
			printf("%s\t%u\n", out.data ? out.data : "", unk);
		else
			printf("%s\n", out.data ? out.data : "");
		fflush(stdout);
	}
cleanup:
	bc_buf_free(&out);
	bc_zhmap_free(zh);
	bc_l10n_close(l);
	bc_l10n_cleanup();
	return rc;
}
