#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static enum bc_log_level current = BC_LOG_INFO;
static const char *const level_names[] = { "error", "warn", "info", "debug" };

void bc_log_set_level(enum bc_log_level level)
{
	current = level;
}

enum bc_log_level bc_log_get_level(void)
{
	return current;
}

int bc_log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

void bc_log(enum bc_log_level level, const char *module, const char *fmt, ...)
{
	if (level > current)
		return;
	char line[1024];
	int n = snprintf(line, sizeof line, "%s %s: ", level_names[level], module);
	if (n < 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	/* One event, one line: fold any newline that came from data. */
	for (size_t i = (size_t)n; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}
