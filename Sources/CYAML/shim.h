#ifndef TEMSYNC_CYAML_SHIM_H
#define TEMSYNC_CYAML_SHIM_H
#include <yaml.h>
#endif
