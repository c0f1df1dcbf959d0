#include <stddef.h>
#include <pthread.h>
#include <stdlib.h>
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

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct congkhai_populating {
    pthread_t thread;
    char *p;
    size_t bytes;
    int stop;
};

static void *populate(void *arg) {
    struct congkhai_populating *job = arg;
    const size_t step = (size_t)8 << 20;
    for (size_t at = 0; at < job->bytes; at += step) {
        if (__atomic_load_n(&job->stop, __ATOMIC_ACQUIRE)) break;
        size_t n = job->bytes - at < step ? job->bytes - at : step;
        if (madvise(job->p + at, n, MADV_POPULATE_WRITE) != 0) break;
    }
    return NULL;
}

struct congkhai_populating *congkhai_populate_start(void *p, size_t bytes) {
    struct congkhai_populating *job = malloc(sizeof *job);
    if (!job) return NULL;
    job->p = p;
    job->bytes = bytes;
    job->stop = 0;
    if (pthread_create(&job->thread, NULL, populate, job) != 0) {
        free(job);
        return NULL;
    }
    return job;
}

void congkhai_populate_finish(struct congkhai_populating *job) {
    if (!job) return;
    __atomic_store_n(&job->stop, 1, __ATOMIC_RELEASE);
    (void)pthread_join(job->thread, NULL);
    free(job);
}
