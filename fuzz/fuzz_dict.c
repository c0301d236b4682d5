/* fuzz_dict.c — libFuzzer entry point for the dictionary and template
 * files (src/dict.c: loader, linter, template expansion).  They are
 * edited by translators and rewritten by `dict import` from outside data.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *     $(pkg-config --cflags icu-uc) fuzz/fuzz_dict.c src/dict.c \
 *     src/l10n.c src/l10n_lint.c src/arena.c src/buf.c src/strmap.c \
 *     src/tsv.c src/lang.c src/error.c src/log.c \
 *     $(pkg-config --libs icu-uc icu-i18n) -lm -o fuzz_dict
 *   mkdir -p /tmp/fz && ./fuzz_dict /tmp/fz dictionaries
 *
 * The first byte chooses what the rest becomes: a dictionary file
 * (dictionaries/f.tsv, beside a valid header when the byte says so), a
 * template file of one language, or a template given to bc_dict_expand.
 * The files live in a private temp directory made once.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dict.h"
#include "lang.h"
#include "log.h"

static char root[256];

static const char header[] =
	"key\tinfo_type\tcode_table\tcode\tja\tja-x-easy\ten\tzh-Hans\t"
	"zh-Hant\tko\tes\tpt\tid\tvi\ttl\tth\tne\tkm\tmy\tmn\tprovenance\t"
	"note\n";

static void put(const char *rel, const void *a, size_t an, const void *b,
		size_t bn)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "wb");
	if (!f)
		abort();
	fwrite(a, 1, an, f);
	if (bn)
		fwrite(b, 1, bn, f);
	fclose(f);
}

static void reset(void)
{
	put("dictionaries/f.tsv", header, sizeof header - 1, NULL, 0);
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		char rel[64];
		snprintf(rel, sizeof rel, "templates/%s.tsv",
			 bc_lang_tag((enum bc_lang)l));
		put(rel, "t\t{a}\n", 6, NULL, 0);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The temp tree goes when the fuzzer exits normally. */
static void cleanup(void)
{
	char p[512];
	for (int l = 0; l < BC_LANG__COUNT; l++) {
		snprintf(p, sizeof p, "%s/templates/%s.tsv", root,
			 bc_lang_tag((enum bc_lang)l));
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/dictionaries/f.tsv", root);
	unlink(p);
	snprintf(p, sizeof p, "%s/dictionaries", root);
	rmdir(p);
	snprintf(p, sizeof p, "%s/templates", root);
	rmdir(p);
	rmdir(root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	bc_log_set_level(BC_LOG_ERROR);
	snprintf(root, sizeof root, "/tmp/fuzz_dict.XXXXXX");
	if (!mkdtemp(root))
		abort();
	char p[512];
	snprintf(p, sizeof p, "%s/dictionaries", root);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/templates", root);
	mkdir(p, 0700);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	data++;
	size--;
	reset();
	if ((mode & 3) == 3) {
		/* expansion of an arbitrary template */
		char *t = malloc(size + 1);
		if (!t)
			return 0;
		memcpy(t, data, size);
		t[size] = '\0';
		struct bc_var v[] = { { "a", "x" }, { "place", "P" } };
		struct bc_buf out;
		bc_buf_init(&out, 1u << 16);
		(void)bc_dict_expand(t, v, 2, &out);
		bc_buf_free(&out);
		free(t);
		return 0;
	}
	if (mode & 1) {
		char rel[64];
		snprintf(rel, sizeof rel, "templates/%s.tsv",
			 bc_lang_tag((enum bc_lang)((mode >> 2) %
						    BC_LANG__COUNT)));
		put(rel, data, size, NULL, 0);
	} else if (mode & 2) {
		put("dictionaries/f.tsv", data, size, NULL, 0);
	} else {
		put("dictionaries/f.tsv", header, sizeof header - 1, data,
		    size);
	}
	struct bc_dict *d = NULL;
	char why[512];
	why[0] = '\0';
	if (bc_dict_load(root, &d, why, sizeof why)) {
		if (d || !why[0])
			abort();
		return 0;
	}
	struct bc_buf rep;
	bc_buf_init(&rep, 1u << 24);
	size_t n = bc_dict_check(d, &rep);
	size_t lines = 0;
	for (size_t i = 0; i < rep.len; i++)
		lines += rep.data[i] == '\n';
	/* one line per problem */
	if (lines != n && rep.len < rep.max - 4096)
		abort();
	bc_buf_free(&rep);
	bc_dict_free(d);
	return 0;
}
