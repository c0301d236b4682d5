#include "tsv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "l10n.h"

enum bc_err bc_tsv_open(struct bc_tsv *t, const char *path, size_t max_bytes,
			char *why, size_t why_size)
{
	memset(t, 0, sizeof *t);
	t->path = path;
	enum bc_err err = BC_E_OK;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		return BC_E_IO;
	}
	/* A buffer the size of the file, not of the limit: sixteen template
	 * files do not need 8 MiB each (and the dictionary fuzzer spent most
	 * of its time faulting those pages in). */
	struct stat st;
	size_t cap = max_bytes + 1;
	bool sized = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
	if (sized && (uintmax_t)st.st_size < cap)
		cap = (size_t)st.st_size + 1;
	char *buf = malloc(cap);
	if (!buf) {
		err = BC_E_NOMEM;
		goto cleanup;
	}
	size_t n = fread(buf, 1, cap, f);
	if (ferror(f)) {
		snprintf(why, why_size, "%s: read error", path);
		err = BC_E_IO;
		goto cleanup;
	}
	if (n == cap && n <= max_bytes) {
		/* More bytes than fstat said: the file is being written. */
		snprintf(why, why_size, "%s: changed while being read", path);
		err = BC_E_IO;
		goto cleanup;
	}
	if (n > max_bytes) {
		snprintf(why, why_size, "%s: larger than %zu bytes", path,
			 max_bytes);
		err = BC_E_TOOBIG;
		goto cleanup;
	}
	if (!bc_utf8_valid(buf, n)) {
		snprintf(why, why_size, "%s: not valid UTF-8", path);
		err = BC_E_ENCODING;
		goto cleanup;
	}
	buf[n] = '\0';
	t->data = buf;
	t->len = n;
	t->pos = buf;
	buf = NULL;
cleanup:
	free(buf);
	fclose(f);
	return err;
}

void bc_tsv_close(struct bc_tsv *t)
{
	if (!t)
		return;
	free(t->data);
	t->data = t->pos = NULL;
}

int bc_tsv_next(struct bc_tsv *t, char **fields)
{
	while (t->pos && *t->pos) {
		char *line = t->pos;
		char *nl = strchr(line, '\n');
		if (nl) {
			*nl = '\0';
			t->pos = nl + 1;
		} else {
			t->pos = line + strlen(line);
		}
		t->line++;
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		int nf = 0;
		char *p = line;
		for (;;) {
			if (nf == BC_TSV_MAX_FIELDS)
				return -1;
			fields[nf++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		return nf;
	}
	return 0;
}
