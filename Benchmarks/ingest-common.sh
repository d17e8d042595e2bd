# Benchmarks/ingest-common.sh: what the ingest benchmarks share (sourced by ingest-bench.sh,
# ingest-ab.sh and ingest-threads.sh).

# bench_spec FILE: the one-table spec of bench@1.0.0, the version every benchmark ingests into.
bench_spec() {
    cat >"$1" <<'SPEC'
dataset bench
  version "1.0.0"
table t {
  rows 1
  id int key
}
SPEC
}

# empty_catalog BINARY SPEC CATALOG: a fresh catalog holding bench@1.0.0, made by BINARY's own
# `generate` (so with its schema and page size).
empty_catalog() {
    rm -rf "$3"* "$3.data"
    "$1" generate "$2" --out "$3.data" --catalog "$3" >/dev/null 2>&1
}

# compare_options USAGE "$@": the options of the scripts that compare builds on one report
# (ingest-ab.sh, ingest-threads.sh): -n ROUNDS (default: $rounds as set before) and -m MEGABYTES
# (default 200), then the binaries, into `rounds`, `megabytes` and the array `binaries`.
compare_options() {
    local usage="$1" option OPTIND=1
    shift
    megabytes=200
    while getopts "n:m:" option; do
        case "$option" in
            n) rounds="$OPTARG" ;;
            m) megabytes="$OPTARG" ;;
            *) echo "$usage" >&2; exit 2 ;;
        esac
    done
    shift $((OPTIND - 1))
    [ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
    binaries=("$@")
}

# compare_setup WORK: the report (WORK/report.xml, $megabytes MB) and each binary's empty catalog
# (WORK/empty-INDEX.sqlite, from 1), made once for all rounds.
compare_setup() {
    python3 "$here/junit-report.py" "$megabytes" "$1/report.xml"
    bench_spec "$1/bench.seed"
    local index
    for index in "${!binaries[@]}"; do
        empty_catalog "${binaries[$index]}" "$1/bench.seed" "$1/empty-$((index + 1)).sqlite"
    done
}
