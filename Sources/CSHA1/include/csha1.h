#ifndef CSHA1_H
#define CSHA1_H

#include <stddef.h>
#include <stdint.h>

/// SHA-1 of `length` bytes at `message` into `digest` (20 bytes) with the CPU's SHA extensions, when it has them.
/// Returns 1 when it hashed, 0 when the CPU lacks them (the caller then hashes another way). Used for name-based
/// UUIDs (RFC 9562 §5.5), where the names are short and a library call's set-up costs more than the hashing.
int csha1_hash(const uint8_t *message, size_t length, uint8_t digest[20]);

#endif
