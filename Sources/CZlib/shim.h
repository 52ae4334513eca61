#ifndef TEMSYNC_CZLIB_SHIM_H
#define TEMSYNC_CZLIB_SHIM_H
#include <zlib.h>
#endif
