/* error.h — the one error enum of bosaicast and its strerror.
 *
 * Generated from a single X-macro table so that the codes, their names and
 * their messages cannot drift apart.  0 is success; every function that can
 * fail returns an enum bc_err. */
#ifndef BC_ERROR_H
#define BC_ERROR_H

#define BC_ERRNO_MAP(X)                                                      \
	X(OK, "success")                                                     \
	X(NOMEM, "out of memory")                                            \
	X(INVAL, "invalid argument")                                         \
	X(IO, "input/output error")                                          \
	X(NOTFOUND, "not found")                                             \
	X(TOOBIG, "input exceeds configured limit")                          \
	X(PARSE, "malformed input")                                          \
	X(ENCODING, "invalid UTF-8 or encoding")                             \
	X(NAMESPACE, "not a JMA disaster-information document")               \
	X(UNSUPPORTED, "document type not broadcast")                        \
	X(ABSURD, "value out of range")                                      \
	X(DICT, "dictionary or template error")                              \
	X(ICU, "ICU error")                                                  \
	X(DB, "on-disk store error")                                         \
	X(BROKER, "MQTT broker error")                                       \
	X(RETRY, "temporary failure, retry later")                           \
	X(DUPLICATE, "already processed")                                    \
	X(STALE, "older than a report already published")                    \
	X(CONFIG, "configuration error")                                     \
	X(NET, "network error")

enum bc_err {
#define BC_ERR_ENUM(name, msg) BC_E_##name,
	BC_ERRNO_MAP(BC_ERR_ENUM)
#undef BC_ERR_ENUM
	BC_E__COUNT
};

/* Human-readable message for an error code.  Never returns NULL; the
 * string is static. */
const char *bc_strerror(enum bc_err err);

/* Short symbolic name ("BC_E_PARSE").  Static string, never NULL. */
const char *bc_errname(enum bc_err err);

#endif
