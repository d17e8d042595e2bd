/* Benchmarks/c/catalog_insert_floor.c SOURCE RUN TARGET: the floor for storing a run's tests in a
 * SQLite catalog as `seedbed ingest` does, with nothing but SQLite. Reads every row of run RUN
 * (test_group, test_result, test_attempt, test_link; schema 6: the run's key range, keys kept) from
 * the catalog SOURCE into memory, then times inserting them into TARGET (a catalog of the same
 * schema without that run) in one
 * transaction the way the ingest writes them: a rollback journal (DELETE; the catalog is put back
 * in WAL mode after, outside the timing), an 8 MiB page cache, foreign keys off, each
 * test's group, result, attempts and links in key order, eight rows to an INSERT OR FAIL, values
 * bound without copies. Prints the seconds for the inserts and for the commit: what the writing
 * thread cannot go below. Build: cc -O2 catalog_insert_floor.c -lsqlite3 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROWS_PER_STATEMENT = 8 };

typedef struct {
    int type;
    sqlite3_int64 integer;
    double real;
    const void *bytes;
    int count;
} Value;

typedef struct {
    const char *name;
    int columns, rows, keyed;
    Value *values;          /* rows × columns */
    sqlite3_stmt *insert;   /* ROWS_PER_STATEMENT rows */
    int gathered, next;
} Table;

static void fail(sqlite3 *db, const char *what) {
    fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* The values' bytes, one after another in the order they are read (as a parser's buffers would
 * hold them), not scattered over the heap. */
static char *arena;
static size_t arenaUsed, arenaSize;

static const void *keep(const void *bytes, int count) {
    if (arenaUsed + count > arenaSize) {
        arenaSize = 64 << 20;
        arena = malloc(arenaSize);
        arenaUsed = 0;
    }
    void *kept = memcpy(arena + arenaUsed, bytes, count);
    arenaUsed += count;
    return kept;
}

/* Every row of the run, in key order; the second column is the key that ties rows to a test
 * (group_seq for test_group, seq for the others). */
/* The run's rows of one table in key order (schema 6: the run's key range), each row preceded by
 * the key that ties it to a test, not inserted: group_seq for test_group, seq for the others. */
static const char *query(const char *name) {
    if (strcmp(name, "test_group") == 0)
        return "SELECT id - ?2, * FROM test_group WHERE id >= ?2 AND id < ?3 ORDER BY id";
    if (strcmp(name, "test_result") == 0)
        return "SELECT id - ?2, * FROM test_result WHERE id >= ?2 AND id < ?3 ORDER BY id";
    if (strcmp(name, "test_attempt") == 0)
        return "SELECT seq, * FROM test_attempt WHERE id >= ?2 AND id < ?3 ORDER BY id";
    return "SELECT seq, * FROM test_link WHERE id >= ?2 AND id < ?3 ORDER BY id";
}

static void load(sqlite3 *db, Table *table, sqlite3_int64 number) {
    const char *sql = query(table->name);
    sqlite3_stmt *select;
    if (sqlite3_prepare_v2(db, sql, -1, &select, NULL) != SQLITE_OK) fail(db, sql);
    sqlite3_bind_int64(select, 2, number << 32);
    sqlite3_bind_int64(select, 3, (number + 1) << 32);
    table->columns = sqlite3_column_count(select);
    int capacity = 1024;
    table->values = malloc(sizeof(Value) * capacity * table->columns);
    while (sqlite3_step(select) == SQLITE_ROW) {
        if (table->rows == capacity) {
            capacity *= 2;
            table->values = realloc(table->values, sizeof(Value) * capacity * table->columns);
        }
        for (int c = 0; c < table->columns; c++) {
            Value *v = &table->values[table->rows * table->columns + c];
            v->type = sqlite3_column_type(select, c);
            v->integer = sqlite3_column_int64(select, c);
            v->real = sqlite3_column_double(select, c);
            v->count = sqlite3_column_bytes(select, c);
            const void *bytes = sqlite3_column_blob(select, c);
            v->bytes = bytes ? keep(bytes, v->count) : NULL;
        }
        table->rows++;
    }
    sqlite3_finalize(select);
}

static void prepare(sqlite3 *db, Table *table) {
    size_t size = 64 + strlen(table->name) + (size_t)ROWS_PER_STATEMENT * (table->columns * 2 + 3);
    char *sql = malloc(size);
    int at = snprintf(sql, size, "INSERT OR FAIL INTO %s VALUES ", table->name);
    for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
        at += snprintf(sql + at, size - at, r ? ",(" : "(");
        for (int c = 1; c < table->columns; c++) at += snprintf(sql + at, size - at, c > 1 ? ",?" : "?");
        at += snprintf(sql + at, size - at, ")");
    }
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &table->insert, NULL) != SQLITE_OK) fail(db, sql);
    free(sql);
}

static void flush(sqlite3 *db, Table *table) {
    if (table->gathered == 0) return;
    sqlite3_stmt *statement = table->insert;
    if (table->gathered < ROWS_PER_STATEMENT) {
        /* The remainder, one row at a time, as the ingest's writer does at the end. */
        sqlite3_stmt *single;
        char sql[4096];
        int at = snprintf(sql, sizeof sql, "INSERT OR FAIL INTO %s VALUES (", table->name);
        for (int c = 1; c < table->columns; c++) at += snprintf(sql + at, sizeof sql - at, c > 1 ? ",?" : "?");
        snprintf(sql + at, sizeof sql - at, ")");
        if (sqlite3_prepare_v2(db, sql, -1, &single, NULL) != SQLITE_OK) fail(db, sql);
        for (int r = 0; r < table->gathered; r++) {
            Value *row = &table->values[(table->next - table->gathered + r) * table->columns];
            for (int c = 1; c < table->columns; c++) {
                Value *v = &row[c];
                if (v->type == SQLITE_INTEGER) sqlite3_bind_int64(single, c, v->integer);
                else if (v->type == SQLITE_FLOAT) sqlite3_bind_double(single, c, v->real);
                else if (v->type == SQLITE_TEXT) sqlite3_bind_text(single, c, v->bytes, v->count, SQLITE_STATIC);
                else sqlite3_bind_null(single, c);
            }
            if (sqlite3_step(single) != SQLITE_DONE) fail(db, table->name);
            sqlite3_reset(single);
        }
        sqlite3_finalize(single);
        table->gathered = 0;
        return;
    }
    if (sqlite3_step(statement) != SQLITE_DONE) fail(db, table->name);
    sqlite3_reset(statement);
    table->gathered = 0;
}

/* Binds the table's next row into the statement; runs it when it holds eight. */
static void add(sqlite3 *db, Table *table) {
    Value *row = &table->values[table->next * table->columns];
    int base = table->gathered * (table->columns - 1);
    for (int c = 1; c < table->columns; c++) {
        Value *v = &row[c];
        if (v->type == SQLITE_INTEGER) sqlite3_bind_int64(table->insert, base + c, v->integer);
        else if (v->type == SQLITE_FLOAT) sqlite3_bind_double(table->insert, base + c, v->real);
        else if (v->type == SQLITE_TEXT) sqlite3_bind_text(table->insert, base + c, v->bytes, v->count, SQLITE_STATIC);
        else sqlite3_bind_null(table->insert, base + c);
    }
    table->next++;
    if (++table->gathered == ROWS_PER_STATEMENT) flush(db, table);
}

static sqlite3_int64 key(Table *table) {
    return table->next < table->rows ? table->values[table->next * table->columns].integer : -1;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s SOURCE RUN TARGET\n", argv[0]);
        return 2;
    }
    sqlite3 *source, *target;
    /* As the catalog's connections: no memory statistics (a global mutex on every allocation),
     * no per-call connection mutex. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_open_v2(argv[1], &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) fail(source, argv[1]);
    Table groups = {"test_group"}, results = {"test_result"}, attempts = {"test_attempt"}, links = {"test_link"};
    Table *tables[] = {&groups, &results, &attempts, &links};
    sqlite3_stmt *run;
    if (sqlite3_prepare_v2(source, "SELECT number FROM test_run WHERE id = ?1", -1, &run, NULL) != SQLITE_OK)
        fail(source, "test_run");
    sqlite3_bind_text(run, 1, argv[2], -1, SQLITE_STATIC);
    sqlite3_int64 number = sqlite3_step(run) == SQLITE_ROW ? sqlite3_column_int64(run, 0) : 0;
    sqlite3_finalize(run);
    for (int t = 0; t < 4; t++) load(source, tables[t], number);
    if (results.rows == 0) {
        fprintf(stderr, "%s: no test results for run %s\n", argv[1], argv[2]);
        return 1;
    }
    /* test_result's group_seq, after the tie key, id and test_key. */
    int groupColumn = 3;

    if (sqlite3_open_v2(argv[3], &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        fail(target, argv[3]);
    sqlite3_exec(target, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = -8192; PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    for (int t = 0; t < 4; t++) prepare(target, tables[t]);

    double start = now();
    if (sqlite3_exec(target, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) fail(target, "BEGIN");
    while (results.next < results.rows) {
        sqlite3_int64 seq = key(&results);
        sqlite3_int64 group = results.values[results.next * results.columns + groupColumn].integer;
        while (groups.next < groups.rows && key(&groups) <= group) add(target, &groups);
        add(target, &results);
        while (attempts.next < attempts.rows && key(&attempts) == seq) add(target, &attempts);
        while (links.next < links.rows && key(&links) == seq) add(target, &links);
    }
    for (int t = 0; t < 4; t++) flush(target, tables[t]);
    double inserted = now();
    if (sqlite3_exec(target, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) fail(target, "COMMIT");
    double committed = now();
    for (int t = 0; t < 4; t++) sqlite3_finalize(tables[t]->insert);
    sqlite3_exec(target, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    sqlite3_close(target);
    double closed = now();
    printf("%.3f s: inserts %.3f s, commit %.3f s, close %.3f s (%d results, %d attempts, %d links, %d groups)\n",
           closed - start, inserted - start, committed - inserted, closed - committed, results.rows, attempts.rows,
           links.rows, groups.rows);
    return 0;
}
