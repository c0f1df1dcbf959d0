#include <stddef.h>
#include <stdint.h>
#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>
#define CONGKHAI_UTF8_SSSE3 1
#endif

#include "csupport.h"

#if defined(CONGKHAI_UTF8_SSSE3)

/* Keiser and Lemire's "lookup" check (Validating UTF-8 In Less Than One
   Instruction Per Byte, 2021): each byte with the one before it is looked
   up in three sixteen-entry tables (the first byte's high and low nibble,
   the second's high nibble); the three answers share a set bit exactly
   where the pair breaks a rule. Which bits: */
enum {
    TOO_SHORT = 1 << 0,      /* a lead byte or ASCII followed by a lead byte or ASCII where a continuation is due */
    TOO_LONG = 1 << 1,       /* ASCII followed by a continuation */
    OVERLONG_3 = 1 << 2,     /* E0 80..9F */
    TOO_LARGE = 1 << 3,      /* F4 90..BF, F5..FF 90..BF */
    SURROGATE = 1 << 4,      /* ED A0..BF */
    OVERLONG_2 = 1 << 5,     /* C0..C1 then a continuation */
    TOO_LARGE_1000 = 1 << 6, /* F5..FF 80..8F */
    OVERLONG_4 = 1 << 6,     /* F0 80..8F */
    TWO_CONTS = 1 << 7,      /* a continuation after a continuation: legal only as a 3- or 4-byte sequence's tail */
};
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("ssse3")))
static size_t valid_prefix_ssse3(const uint8_t *p, size_t n) {
    const __m128i byte1_high = _mm_setr_epi8(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        (char)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
    const __m128i byte1_low = _mm_setr_epi8(
        (char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
        (char)(CARRY | OVERLONG_2),
        (char)CARRY,
        (char)CARRY,
        (char)(CARRY | TOO_LARGE),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
    const __m128i byte2_high = _mm_setr_epi8(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i high_bit = _mm_set1_epi8((char)0x80);
    /* A byte at or above E0 two places back, or F0 three places back, makes this one a due continuation. */
    const __m128i third_lead = _mm_set1_epi8((char)(0xE0 - 0x80));
    const __m128i fourth_lead = _mm_set1_epi8((char)(0xF0 - 0x80));
    /* The block's last three bytes: a lead whose sequence runs past it. */
    const __m128i incomplete_max = _mm_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    const __m128i zero = _mm_setzero_si128();

    __m128i prev = zero, prev_incomplete = zero;
    size_t i = 0, good = 0;
    while (i + 16 <= n) {
        __m128i in = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        if (_mm_movemask_epi8(in) == 0) {
            /* ASCII: wrong only after a sequence the block before left open. */
            if (_mm_movemask_epi8(_mm_cmpeq_epi8(prev_incomplete, zero)) != 0xFFFF) return good;
            prev = in;
            i += 16;
            good = i;
            continue;
        }
        __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
        __m128i b1h = _mm_shuffle_epi8(byte1_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
        __m128i b1l = _mm_shuffle_epi8(byte1_low, _mm_and_si128(prev1, nibble));
        __m128i b2h = _mm_shuffle_epi8(byte2_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
        __m128i special = _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
        __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
        __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
        __m128i due = _mm_or_si128(_mm_subs_epu8(prev2, third_lead), _mm_subs_epu8(prev3, fourth_lead));
        __m128i error = _mm_xor_si128(_mm_and_si128(due, high_bit), special);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, zero)) != 0xFFFF) return good;
        prev_incomplete = _mm_subs_epu8(in, incomplete_max);
        prev = in;
        i += 16;
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(prev_incomplete, zero)) == 0xFFFF) good = i;
    }
    return good;
}

#endif

size_t congkhai_utf8_valid_prefix(const uint8_t *p, size_t n) {
#if defined(CONGKHAI_UTF8_SSSE3)
    if (__builtin_cpu_supports("ssse3")) return valid_prefix_ssse3(p, n);
#endif
    (void)p;
    (void)n;
    return 0;
}
