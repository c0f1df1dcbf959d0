#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csupport.h"

/* The first byte of buf[j..<limit) equal to a, b or c; limit when none.
   Sixteen bytes at a time where SSE2 is (every x86-64): a field of an
   export is a few bytes to a few dozen, so most fields end in the first
   sixteen. */
static inline size_t first_of(const uint8_t *buf, size_t j, size_t limit, uint8_t a, uint8_t b, uint8_t c) {
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    while (j + 16 <= limit) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(buf + j));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask != 0) return j + (size_t)__builtin_ctz(mask);
        j += 16;
    }
#endif
    while (j < limit) {
        uint8_t x = buf[j];
        if (x == a || x == b || x == c) return j;
        j++;
    }
    return limit;
}

/* Any record: its fields one delimiter search at a time. */
static ptrdiff_t any_record(const uint8_t *buf, size_t from, size_t limit,
                            ptrdiff_t *bounds, size_t capacity,
                            size_t *count, int *content, size_t *end) {
    const uint8_t comma = 0x2C, quote = 0x22, lf = 0x0A, cr = 0x0D;
    size_t j = from, start = from, n = 0;
    int seen = 0;
    for (;;) {
        j = first_of(buf, j, limit, comma, quote, lf);
        if (j >= limit) return -1;
        uint8_t c = buf[j];
        if (c == comma) {
            if (n + 2 > capacity) return -2;
            bounds[n++] = (ptrdiff_t)(start - from);
            bounds[n++] = (ptrdiff_t)(j - from);
            seen = 1;
            j += 1;
            start = j;
        } else if (c == lf) {
            /* An unquoted last field drops one CR of a CRLF. */
            size_t e = (j > start && buf[j - 1] == cr) ? j - 1 : j;
            if (n + 2 > capacity) return -2;
            bounds[n++] = (ptrdiff_t)(start - from);
            bounds[n++] = (ptrdiff_t)(e - from);
            *count = n; *content = seen; *end = e;
            return (ptrdiff_t)(j + 1);
        } else if (j == start) {
            /* A quote opening the field: its text runs to the next quote,
               which must close the field (no doubled quote, no line break). */
            size_t k = first_of(buf, j + 1, limit, quote, lf, lf);
            if (k >= limit || buf[k] != quote || k + 1 >= limit) return -1;
            if (n + 2 > capacity) return -2;
            bounds[n++] = (ptrdiff_t)(j + 1 - from);
            bounds[n++] = (ptrdiff_t)(k - from);
            seen = 1;
            uint8_t after = buf[k + 1];
            if (after == comma) {
                /* A quoted field before the line's end: the field after
                   the comma (empty at a line feed) is read as usual. */
                j = k + 2;
                start = j;
            } else if (after == lf) {
                *count = n; *content = seen; *end = k;
                return (ptrdiff_t)(k + 2);
            } else if (after == cr && k + 2 < limit && buf[k + 2] == lf) {
                *count = n; *content = seen; *end = k;
                return (ptrdiff_t)(k + 3);
            } else {
                return -1;
            }
        } else {
            /* A quote inside an unquoted field is one of its bytes. */
            j += 1;
        }
    }
}

#if defined(__SSE2__)
/* A record without a quote that ends sixteen bytes or more before `limit`:
   each sixteen bytes' commas and line feed as bit masks, the fields read
   off the commas' bits (no search restarted per field, whose branches the
   CPU could not predict: field lengths vary). -3 when a quote or the end
   of the buffer comes first: `any_record` then reads the record whole. */
static ptrdiff_t plain_record(const uint8_t *buf, size_t from, size_t limit,
                              ptrdiff_t *bounds, size_t capacity,
                              size_t *count, int *content, size_t *end) {
    const __m128i vc = _mm_set1_epi8(0x2C), vq = _mm_set1_epi8(0x22), vl = _mm_set1_epi8(0x0A);
    size_t j = from, start = from, n = 0;
    while (j + 16 <= limit) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(buf + j));
        unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vc));
        unsigned quotes = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq));
        unsigned lfs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vl));
        /* Only what lies before the record's line feed counts. */
        unsigned before = lfs ? ((1u << __builtin_ctz(lfs)) - 1u) : 0xFFFFu;
        if (quotes & before) return -3;
        commas &= before;
        while (commas) {
            size_t at = j + (size_t)__builtin_ctz(commas);
            if (n + 2 > capacity) return -2;
            bounds[n++] = (ptrdiff_t)(start - from);
            bounds[n++] = (ptrdiff_t)(at - from);
            start = at + 1;
            commas &= commas - 1;
        }
        if (lfs) {
            size_t at = j + (size_t)__builtin_ctz(lfs);
            /* An unquoted last field drops one CR of a CRLF. */
            size_t e = (at > start && buf[at - 1] == 0x0D) ? at - 1 : at;
            if (n + 2 > capacity) return -2;
            bounds[n++] = (ptrdiff_t)(start - from);
            bounds[n++] = (ptrdiff_t)(e - from);
            *count = n; *content = n > 2; *end = e;
            return (ptrdiff_t)(at + 1);
        }
        j += 16;
    }
    return -3;
}
#endif

ptrdiff_t congkhai_csv_whole_record(const uint8_t *buf, size_t from, size_t limit,
                                    ptrdiff_t *bounds, size_t capacity,
                                    size_t *count, int *content, size_t *end) {
#if defined(__SSE2__)
    ptrdiff_t r = plain_record(buf, from, limit, bounds, capacity, count, content, end);
    if (r != -3) return r;
#endif
    return any_record(buf, from, limit, bounds, capacity, count, content, end);
}
