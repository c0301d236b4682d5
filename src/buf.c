#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bc_buf_init(struct bc_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void bc_buf_free(struct bc_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void bc_buf_reset(struct bc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum bc_err reserve(struct bc_buf *b, size_t n)
{
	if (n > b->max || b->len > b->max - n)
		return BC_E_TOOBIG;
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return BC_E_OK;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		return BC_E_NOMEM;
	b->data = p;
	b->cap = cap;
	return BC_E_OK;
}

enum bc_err bc_buf_add(struct bc_buf *b, const void *p, size_t n)
{
	enum bc_err e = reserve(b, n);
	if (e)
		return e;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return BC_E_OK;
}

enum bc_err bc_buf_adds(struct bc_buf *b, const char *s)
{
	return bc_buf_add(b, s, strlen(s));
}

enum bc_err bc_buf_addc(struct bc_buf *b, char c)
{
	return bc_buf_add(b, &c, 1);
}

enum bc_err bc_buf_printf(struct bc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return BC_E_INVAL;
	enum bc_err e = reserve(b, (size_t)n);
	if (e)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return BC_E_OK;
}

char *bc_buf_steal(struct bc_buf *b, size_t *len)
{
	char *p = b->data;
	if (!p) {
		p = calloc(1, 1);
		if (!p)
			return NULL;
	}
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
