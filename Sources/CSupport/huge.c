#include <stddef.h>
#include <sys/mman.h>

void *congkhai_map_zeroed(size_t bytes, int huge) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    /* Advice only: where the kernel has no transparent huge pages, or
       they are off, the table works the same on ordinary pages. */
    if (huge) (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

void congkhai_unmap(void *p, size_t bytes) {
    if (p) (void)munmap(p, bytes);
}
