// SHA-1 (FIPS 180-4) with the x86 SHA extensions: four rounds per SHA1RNDS4, the message schedule by SHA1MSG1,
// SHA1MSG2 and XOR, the fifth state word by SHA1NEXTE. Elsewhere csha1_hash returns 0.
#include "csha1.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

#define CSHA1_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// The four-round step with its round function chosen by group (groups of five steps use functions 0 to 3). The
// immediate must be a constant, hence the switch; the compiler unrolls the caller's loop and folds it.
CSHA1_TARGET static inline __m128i rounds(__m128i abcd, __m128i e, int step) {
    switch (step / 5) {
    case 0: return _mm_sha1rnds4_epu32(abcd, e, 0);
    case 1: return _mm_sha1rnds4_epu32(abcd, e, 1);
    case 2: return _mm_sha1rnds4_epu32(abcd, e, 2);
    default: return _mm_sha1rnds4_epu32(abcd, e, 3);
    }
}

// One 64-byte block into the state (a, b, c, d, e).
CSHA1_TARGET static void block(uint32_t state[5], const uint8_t *data) {
    const __m128i byteSwap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    // a in the highest lane, d in the lowest, as SHA1RNDS4 wants them; e in the highest lane of its own register.
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1B);
    const __m128i savedABCD = abcd;
    const __m128i savedE = _mm_set_epi32((int)state[4], 0, 0, 0);
    // w[s & 3] holds the schedule words of step s (four words, the first in the highest lane) once they are
    // complete: W(s) = MSG2(MSG1(W(s-4), W(s-3)) ^ W(s-2), W(s-1)), built over steps s-3, s-2 and s-1.
    __m128i w[4];
#pragma clang loop unroll(full)
    for (int i = 0; i < 4; i++) {
        w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteSwap);
    }
    __m128i e = _mm_add_epi32(savedE, w[0]);
    __m128i before = abcd;
    // Unrolled in full, so the schedule registers stay in registers and each round function is an immediate.
#pragma clang loop unroll(full)
    for (int step = 0; step < 20; step++) {
        if (step > 0) e = _mm_sha1nexte_epu32(before, w[step & 3]);
        before = abcd;
        if (step >= 3 && step <= 18) w[(step + 1) & 3] = _mm_sha1msg2_epu32(w[(step + 1) & 3], w[step & 3]);
        abcd = rounds(abcd, e, step);
        if (step >= 2 && step <= 17) w[(step + 2) & 3] = _mm_xor_si128(w[(step + 2) & 3], w[step & 3]);
        if (step >= 1 && step <= 16) w[(step + 3) & 3] = _mm_sha1msg1_epu32(w[(step + 3) & 3], w[step & 3]);
    }
    e = _mm_sha1nexte_epu32(before, savedE);
    abcd = _mm_add_epi32(abcd, savedABCD);
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = (uint32_t)_mm_extract_epi32(e, 3);
}

static int hasSHAExtensions(void) {
    // Worked out once; threads that race to do it all store the same value.
    static _Atomic int known = -1;
    int value = atomic_load_explicit(&known, memory_order_relaxed);
    if (value < 0) {
        unsigned int eax, ebx, ecx, edx;
        int sha = 0;
        if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) sha = (ebx >> 29) & 1;
        int sse41 = 0;
        if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) sse41 = ((ecx >> 19) & 1) && ((ecx >> 9) & 1);
        value = sha && sse41;
        atomic_store_explicit(&known, value, memory_order_relaxed);
    }
    return value;
}

int csha1_hash(const uint8_t *message, size_t length, uint8_t digest[20]) {
    if (!hasSHAExtensions()) return 0;
    uint32_t state[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    size_t whole = length & ~(size_t)63;
    for (size_t offset = 0; offset < whole; offset += 64) block(state, message + offset);
    // The rest, 0x80, zeros and the length in bits (big-endian) in one or two last blocks.
    uint8_t last[128];
    size_t rest = length - whole;
    memset(last, 0, sizeof last);
    if (rest > 0) memcpy(last, message + whole, rest);
    last[rest] = 0x80;
    size_t lastLength = rest < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) last[lastLength - 1 - i] = (uint8_t)(bits >> (8 * i));
    block(state, last);
    if (lastLength == 128) block(state, last + 64);
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (uint8_t)(state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)state[i];
    }
    return 1;
}

#else

int csha1_hash(const uint8_t *message, size_t length, uint8_t digest[20]) {
    (void)message;
    (void)length;
    (void)digest;
    return 0;
}

#endif
