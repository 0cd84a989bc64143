#ifndef DEEPLOY_PAYLOAD_CLIBCRYPTO_SHIM_H
#define DEEPLOY_PAYLOAD_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
