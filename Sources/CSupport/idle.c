#define _GNU_SOURCE
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int congkhai_idle_priority(void) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(0, SCHED_IDLE, &param);
#else
    return -1;
#endif
}

/* Linux lets a thread leave SCHED_IDLE for SCHED_OTHER at nice 0 only with
   CAP_SYS_NICE or an RLIMIT_NICE of at least 20 (sched(7)). */
int congkhai_can_leave_idle(void) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct rlimit limit;
    if (geteuid() == 0) return 1;
    return getrlimit(RLIMIT_NICE, &limit) == 0 && limit.rlim_cur >= 20;
#else
    return 0;
#endif
}

int congkhai_thread_id(void) {
#if defined(__linux__)
    return (int)syscall(SYS_gettid);
#else
    return 0;
#endif
}

int congkhai_normal_priority(int thread) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(thread, SCHED_OTHER, &param);
#else
    return -1;
#endif
}
