/* The floor for "write N rows of 10 CSV columns": a xorshift generator and hand-rolled
 * integer formatting into a 1 MiB buffer, no rules, no distributions. Seedbed's CSV
 * throughput is reported as a ratio to this.
 *
 *   cc -O2 -o xorshift_csv xorshift_csv.c && ./xorshift_csv ROWS OUT.csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t state = 88172645463325252ULL;

static inline uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static inline char *put(char *p, uint64_t v) {
    char digits[24];
    int n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) *p++ = digits[--n];
    return p;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s ROWS OUT.csv\n", argv[0]); return 2; }
    long rows = atol(argv[1]);
    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 1; }
    static char buffer[1 << 20];
    char *p = buffer;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long row = 0; row < rows; row++) {
        if (p > buffer + sizeof buffer - 512) { fwrite(buffer, 1, (size_t)(p - buffer), out); p = buffer; }
        p = put(p, (uint64_t)row + 1);
        for (int column = 1; column < 10; column++) { *p++ = ','; p = put(p, next() % 1000000); }
        *p++ = '\n';
    }
    fwrite(buffer, 1, (size_t)(p - buffer), out);
    fclose(out);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("c baseline: %.2f s, %.0f rows/s\n", seconds, (double)rows / seconds);
    return 0;
}
