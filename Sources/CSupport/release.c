#include <malloc.h>
#include <stddef.h>

/* jemalloc's control interface: present when the tool links jemalloc
   (Package.swift), absent in tests, which keep glibc's malloc. */
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen) __attribute__((weak));

void congkhai_release_free_memory(void) {
    if (mallctl) {
        /* MALLCTL_ARENAS_ALL = 4096: every arena's unused dirty pages go back now. */
        mallctl("arena.4096.purge", NULL, NULL, NULL, 0);
    } else {
        malloc_trim(0);
    }
}
