/* The floor for "load N rows into SQLite": one prepared INSERT, bound and stepped for every
 * row inside one transaction, into a fresh file. The rows have the shape of the loan table of
 * Benchmarks/specs/loan.seed (id, customer_id, product, amount decimal(2), ltv decimal(3),
 * status, disbursed date with 10% nulls), with the column types `seedbed seed --create` declares,
 * and values bound as Seedbed binds them (decimals as REAL, dates as 'YYYY-MM-DD' text); a
 * xorshift generator stands in for the distributions and rules. `seedbed seed` is reported as
 * a share of this.
 *
 *   cc -O2 -o sqlite_insert sqlite_insert.c -lsqlite3 && ./sqlite_insert ROWS OUT.db
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static uint64_t state = 88172645463325252ULL;

static inline uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* 'YYYY-MM-DD' of a day number (days since 1970-01-01), Howard Hinnant's civil_from_days. */
static void format_date(long days, char out[11]) {
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2);
    out[0] = (char)('0' + year / 1000); out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10); out[3] = (char)('0' + year % 10); out[4] = '-';
    out[5] = (char)('0' + month / 10); out[6] = (char)('0' + month % 10); out[7] = '-';
    out[8] = (char)('0' + day / 10); out[9] = (char)('0' + day % 10); out[10] = 0;
}

static int check(sqlite3 *db, int code, const char *what) {
    if (code != SQLITE_OK && code != SQLITE_DONE) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
    return code;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s ROWS OUT.db\n", argv[0]); return 2; }
    long rows = atol(argv[1]);
    unlink(argv[2]);
    sqlite3 *db;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", argv[2], sqlite3_errmsg(db)); return 1; }
    check(db, sqlite3_exec(db,
        "CREATE TABLE loan (id INTEGER PRIMARY KEY, customer_id INTEGER, product TEXT, amount NUMERIC(18,2), "
        "ltv NUMERIC(18,3), status TEXT, disbursed DATE)", 0, 0, 0), "create");

    static const char *products[] = {"home", "car", "personal", "student"};
    static const char *statuses[] = {"approved", "declined", "review"};
    const long first_day = 18262, day_span = 2191; /* 2020-01-01 .. 2025-12-31 */
    char date[11];

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0), "begin");
    sqlite3_stmt *insert;
    check(db, sqlite3_prepare_v2(db,
        "INSERT INTO loan (id, customer_id, product, amount, ltv, status, disbursed) VALUES (?, ?, ?, ?, ?, ?, ?)",
        -1, &insert, 0), "prepare");
    for (long row = 0; row < rows; row++) {
        uint64_t r = next();
        const char *product = products[r % 4];
        const char *status = statuses[(r >> 8) % 3];
        sqlite3_bind_int64(insert, 1, row + 1);
        sqlite3_bind_int64(insert, 2, (sqlite3_int64)(1 + (r >> 16) % 10000));
        sqlite3_bind_text(insert, 3, product, -1, SQLITE_STATIC);
        sqlite3_bind_double(insert, 4, (double)(100000 + next() % 20000000) / 100.0);
        sqlite3_bind_double(insert, 5, (double)(50 + next() % 1051) / 1000.0);
        sqlite3_bind_text(insert, 6, status, -1, SQLITE_STATIC);
        if ((r >> 40) % 10 == 0) {
            sqlite3_bind_null(insert, 7);
        } else {
            format_date(first_day + (long)((r >> 24) % day_span), date);
            /* STATIC: the buffer holds until the next row rebinds it. */
            sqlite3_bind_text(insert, 7, date, 10, SQLITE_STATIC);
        }
        check(db, sqlite3_step(insert), "insert");
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    check(db, sqlite3_exec(db, "COMMIT", 0, 0, 0), "commit");
    clock_gettime(CLOCK_MONOTONIC, &end);
    sqlite3_close(db);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("c sqlite baseline: %ld rows in %.2f s, %.0f rows/s\n", rows, seconds, (double)rows / seconds);
    return 0;
}
