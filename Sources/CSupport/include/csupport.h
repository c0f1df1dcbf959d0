#ifndef CONGKHAI_CSUPPORT_H
#define CONGKHAI_CSUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set when the file system or kernel
/// cannot do it (the caller then falls back to two renames).
int congkhai_exchange_paths(const char *a, const char *b);

/// Writes out the file system that holds the open file `fd` (Linux
/// syncfs). Returns 0 on success, -1 with errno set (the caller then falls
/// back to sync()).
int congkhai_syncfs(int fd);

/// Gives the allocator's freed-but-kept pages back to the system now, not
/// seconds later: after a large structure is released (the feedback row-id
/// set, ~0.5 GB nationally), what is built next would otherwise be counted
/// on top of it in the process's resident memory.
void congkhai_release_free_memory(void);

/// Asks the CPU to start loading the cache line at `p` (for writing): the
/// ingest's ordered thread looks up the slot of a row a few rows ahead, so
/// the row-id set's random slot is in cache by the time that row is claimed.
static inline void congkhai_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

/// The same for reading: a table every lane reads (`ByteTable`) is not
/// asked for in exclusive state, which would take its lines from the other
/// cores' caches.
static inline void congkhai_prefetch_read(const void *p) { __builtin_prefetch(p, 0, 3); }

/// Zeroed memory straight from the kernel (`mmap`), with huge pages asked
/// for when `huge` is set (`madvise(MADV_HUGEPAGE)`): the ingest's row-id
/// and respondent slots are hundreds of megabytes read at random, and with
/// 4 KB pages nearly every probe also missed the TLB. NULL when the map fails.
void *congkhai_map_zeroed(size_t bytes, int huge);
void congkhai_unmap(void *p, size_t bytes);

/// Makes `bytes` at `p` (from `congkhai_map_zeroed`) resident and writable
/// on a thread of its own, a few megabytes at a time
/// (`madvise(MADV_POPULATE_WRITE)`), so the kernel zeroes a big table's
/// pages on a core the caller leaves idle instead of in the caller's first
/// writes. Contents are never written: a page already there is left as it
/// is, so the memory may be used meanwhile. NULL when no thread could be
/// started; where the kernel has no such advice (before Linux 5.14) the
/// thread stops at once and the pages come as before.
struct congkhai_populating;
struct congkhai_populating *congkhai_populate_start(void *p, size_t bytes);
/// Stops the thread at its next step and waits for it; before the memory is
/// unmapped. Frees `job`; NULL does nothing.
void congkhai_populate_finish(struct congkhai_populating *job);

/// Puts the calling thread in Linux's SCHED_IDLE class: it runs only on a
/// core no other thread wants, and a waking normal thread takes the core
/// from it at once (a nice value of 19 still took ~2 % of a busy core and
/// was not always preempted on wake-up). Returns 0, or -1 where the class
/// does not exist (the thread then stays as it was).
int congkhai_idle_priority(void);

/// 1 when this process may move a thread back from SCHED_IDLE to the
/// normal class (root or CAP_SYS_NICE's usual holder, or RLIMIT_NICE of at
/// least 20); 0 otherwise, and then no thread should be made idle: one
/// that a waiting thread needs could starve behind other processes.
int congkhai_can_leave_idle(void);

/// The calling thread's kernel id (for `congkhai_normal_priority`).
int congkhai_thread_id(void);

/// Moves thread `thread` (a kernel id) back to the normal class. 0, or -1.
int congkhai_normal_priority(int thread);

/// The CSV record starting at `buf[from]` when it lies whole before `limit`
/// and is simple: no quoted field holds a doubled quote, a line break or
/// text after its closing quote. Writes each field's start and end,
/// relative to `from`, into `bounds` (`*count` entries, two a field),
/// whether a comma or quote made it a record (`*content`) and where its
/// bytes end (`*end`, before a closing quote or the CR of a CRLF), and
/// returns the index after its line feed. Returns -1 when the record is not
/// simple or does not end before `limit` (nothing is consumed: the
/// scanner's byte machine reads it), -2 when `capacity` bounds are too few.
/// The scanner's in-place path (`ScanState.wholeRecord`), in C for SSE2:
/// it was most of the ingest's ordered thread.
ptrdiff_t congkhai_csv_whole_record(const uint8_t *buf, size_t from, size_t limit,
                                    ptrdiff_t *bounds, size_t capacity,
                                    size_t *count, int *content, size_t *end);

/// The length of a prefix of `p[0..<n)` that is whole, valid UTF-8
/// sequences, checked sixteen bytes at a time (SSSE3, Keiser and Lemire's
/// lookup tables). It ends on a sequence boundary, at or before the first
/// error and at most at the last whole sixteen bytes; the caller checks the
/// bytes from there one at a time, which also finds an invalid byte's exact
/// offset. 0 where SSSE3 is missing. Vietnamese text has a multi-byte
/// letter every few bytes: checked a byte at a time it was ~4.5 % of a
/// feedback ingest's CPU, on its ordered thread.
size_t congkhai_utf8_valid_prefix(const uint8_t *p, size_t n);

#endif
