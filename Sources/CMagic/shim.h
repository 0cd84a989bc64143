#ifndef DEEPLOY_PAYLOAD_CMAGIC_SHIM_H
#define DEEPLOY_PAYLOAD_CMAGIC_SHIM_H
#include <magic.h>
#endif
