/* log.h — levelled, one-line logging with a module tag.
 *
 * Every line about a JMA document names it (file name or URL).  Lines go
 * to stderr as "LEVEL module: message".  Thread-safe: each line is written
 * with a single write(2). */
#ifndef BC_LOG_H
#define BC_LOG_H

enum bc_log_level { BC_LOG_ERROR, BC_LOG_WARN, BC_LOG_INFO, BC_LOG_DEBUG };

#if defined(__GNUC__)
#define BC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BC_PRINTF(a, b)
#endif

void bc_log_set_level(enum bc_log_level level);
enum bc_log_level bc_log_get_level(void);
/* Parse "error", "warn", "info", "debug"; returns -1 if unknown. */
int bc_log_level_parse(const char *s);

void bc_log(enum bc_log_level level, const char *module, const char *fmt, ...)
	BC_PRINTF(3, 4);

#define bc_err_log(mod, ...) bc_log(BC_LOG_ERROR, mod, __VA_ARGS__)
#define bc_warn(mod, ...) bc_log(BC_LOG_WARN, mod, __VA_ARGS__)
#define bc_info(mod, ...) bc_log(BC_LOG_INFO, mod, __VA_ARGS__)
#define bc_debug(mod, ...) bc_log(BC_LOG_DEBUG, mod, __VA_ARGS__)

#endif
