#ifndef DEEPLOY_PAYLOAD_CZLIB_SHIM_H
#define DEEPLOY_PAYLOAD_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros, which Swift cannot call; these wrap them.
static inline int deeploy_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

static inline int deeploy_deflateInit2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
