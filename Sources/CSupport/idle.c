#define _GNU_SOURCE
#include <sched.h>

int congkhai_idle_priority(void) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(0, SCHED_IDLE, &param);
#else
    return -1;
#endif
}
