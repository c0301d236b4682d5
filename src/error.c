#include "error.h"

static const char *const messages[] = {
#define BC_ERR_MSG(name, msg) msg,
	BC_ERRNO_MAP(BC_ERR_MSG)
#undef BC_ERR_MSG
};

static const char *const names[] = {
#define BC_ERR_NAME(name, msg) "BC_E_" #name,
	BC_ERRNO_MAP(BC_ERR_NAME)
#undef BC_ERR_NAME
};

const char *bc_strerror(enum bc_err err)
{
	if ((unsigned)err >= BC_E__COUNT)
		return "unknown error";
	return messages[err];
}

const char *bc_errname(enum bc_err err)
{
	if ((unsigned)err >= BC_E__COUNT)
		return "BC_E_UNKNOWN";
	return names[err];
}
