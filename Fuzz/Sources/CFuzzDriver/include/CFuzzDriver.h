#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM on Linux renames an
// executable's entry point and points `main` at it, so libFuzzer's own `main` is never used;
// each target's `@main` calls this driver with its `LLVMFuzzerTestOneInput`.
int LLVMFuzzerRunDriver(int * _Nonnull argc, char * _Nullable * _Nullable * _Nonnull argv,
                        int (* _Nonnull callback)(const uint8_t * _Nonnull data, size_t size));

#endif
