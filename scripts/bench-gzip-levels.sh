#!/usr/bin/env bash
# Speed and size of libdeflate's levels on a built site's feedback exports,
# each file decompressed and compressed whole, as the build does
# (decision 89). Prints MB/s and the compressed share of the input.
#
#   bash scripts/bench-gzip-levels.sh OUTPUT/data/feedback [FILES]
#
# FILES: how many exports to read (default 400). Needs gcc, libdeflate-dev
# and zlib1g-dev (Debian packages; the build needs the last two already).
set -euo pipefail
dir=${1:?usage: bench-gzip-levels.sh OUTPUT/data/feedback [FILES]}
files=${2:-400}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/levels.c" <<'C'
#include <libdeflate.h>
#include <zlib.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(int argc, char **argv) {
    DIR *d = opendir(argv[1]);
    if (!d) { perror(argv[1]); return 2; }
    int limit = atoi(argv[2]), n = 0;
    unsigned char **bufs = malloc(sizeof *bufs * limit); size_t *lens = malloc(sizeof *lens * limit), total = 0;
    struct dirent *e; char path[4096];
    while ((e = readdir(d)) && n < limit) {
        if (!strstr(e->d_name, ".csv.gz")) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        gzFile g = gzopen(path, "rb"); size_t cap = 1 << 20, len = 0; unsigned char *b = malloc(cap); int r;
        while ((r = gzread(g, b + len, cap - len)) > 0) { len += r; if (len == cap) { cap *= 2; b = realloc(b, cap); } }
        gzclose(g); bufs[n] = b; lens[n] = len; n++; total += len;
    }
    printf("%d files, %zu bytes\n", n, total);
    for (int level = 1; level <= 6; level++) {
        struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
        size_t out = 0; double t0 = now();
        for (int i = 0; i < n; i++) {
            size_t bound = libdeflate_gzip_compress_bound(c, lens[i]); unsigned char *o = malloc(bound);
            out += libdeflate_gzip_compress(c, bufs[i], lens[i], o, bound); free(o);
        }
        double t = now() - t0;
        printf("level %d: %6.1f MB/s  %5.2f %% of the input\n", level, total / t / 1e6, 100.0 * out / total);
        libdeflate_free_compressor(c);
    }
    return 0;
}
C
gcc -O2 "$work/levels.c" -o "$work/levels" -ldeflate -lz
"$work/levels" "$dir" "$files"
