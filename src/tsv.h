/* tsv.h — read the project's data files: UTF-8, tab-separated, one header
 * row, '#' comment lines, LF or CRLF.  The whole file is read into memory
 * (bounded) and split in place. */
#ifndef BC_TSV_H
#define BC_TSV_H

#include <stddef.h>

#include "error.h"

#define BC_TSV_MAX_FIELDS 64

struct bc_tsv {
	char *data;          /* owned file content */
	size_t len;
	char *pos;           /* next line */
	const char *path;    /* borrowed, for messages */
	int line;            /* number of the line last returned */
};

/* Read path (at most max_bytes) and check it is valid UTF-8.  why names
 * the file and the reason. */
enum bc_err bc_tsv_open(struct bc_tsv *t, const char *path, size_t max_bytes,
			char *why, size_t why_size);
void bc_tsv_close(struct bc_tsv *t);
/* Next non-comment, non-empty line split at tabs into fields (pointers
 * into the buffer, NUL-terminated).  Returns the number of fields, 0 at
 * the end, or -1 when a line has more than BC_TSV_MAX_FIELDS. */
int bc_tsv_next(struct bc_tsv *t, char **fields);

#endif
