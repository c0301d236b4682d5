/* buf.h — a growable byte buffer with a hard maximum.
 *
 * Every buffer that grows from outside input has a limit; appending past it
 * fails with BC_E_TOOBIG and leaves the buffer as it was.  The content is
 * always NUL-terminated (the NUL is not counted in len). */
#ifndef BC_BUF_H
#define BC_BUF_H

#include <stddef.h>

#include "error.h"

struct bc_buf {
	char *data;     /* owned; NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;     /* hard limit on len */
};

/* Initialise an empty buffer that may grow to max bytes.  Cannot fail. */
void bc_buf_init(struct bc_buf *b, size_t max);
/* Free the storage; the buffer may be reused after bc_buf_init. NULL ok. */
void bc_buf_free(struct bc_buf *b);
/* Forget the content, keep the storage.  Cannot fail. */
void bc_buf_reset(struct bc_buf *b);

enum bc_err bc_buf_add(struct bc_buf *b, const void *p, size_t n);
enum bc_err bc_buf_adds(struct bc_buf *b, const char *s);
enum bc_err bc_buf_addc(struct bc_buf *b, char c);
enum bc_err bc_buf_printf(struct bc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Hand the content to the caller (who frees it) and reset the buffer.
 * Returns an allocated empty string for an empty buffer; NULL on OOM. */
char *bc_buf_steal(struct bc_buf *b, size_t *len);

#endif
