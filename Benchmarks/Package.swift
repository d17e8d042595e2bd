// swift-tools-version: 6.1
// Benchmarks live in their own package so ordo-one/benchmark (and its malloc
// interposer) never become a dependency of the Seedbed product (see STYLE.md).
import PackageDescription

let package = Package(
    name: "SeedbedBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The package identity of a path dependency is its folder's name, which differs
        // between clones (`seedbed`, `wt-rules`, …); naming it keeps the product
        // references below stable wherever the repository is checked out.
        .package(name: "Seedbed", path: "../"),
        // The local package mirror resolves this exact form; the interposer trait is
        // what makes the malloc metrics work on Linux.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Spec text generators shared by the benchmarks (and usable by future ones).
        .target(
            name: "SpecCorpus",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]),
        .executableTarget(
            name: "SpecCheck",
            dependencies: [
                "SpecCorpus",
                .product(name: "SeedbedSpec", package: "Seedbed"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SpecCheck",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]),
        // Rows per second of the generation engine, to memory and to CSV, beside a plain C
        // loop (see generate-bench.sh). A long single run, so a plain executable rather than
        // the benchmark harness's repeated iterations.
        .executableTarget(
            name: "GenerateThroughput",
            dependencies: [
                .product(name: "SeedbedSpec", package: "Seedbed"),
                .product(name: "SeedbedEngine", package: "Seedbed"),
            ],
            path: "Benchmarks/GenerateThroughput"),
        .testTarget(
            name: "SpecCorpusTests",
            dependencies: [
                "SpecCorpus",
                .product(name: "SeedbedSpec", package: "Seedbed"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
