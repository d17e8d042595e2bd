import Benchmark
import SeedbedSpec
import SpecCorpus

let benchmarks: @Sendable () -> Void = {
    // Built once, outside the measured closure: only the checker is timed.
    let lines = 10_000
    let source = SpecCorpus.realisticSpec(lines: lines)

    // A spec that fails to check would time the error path, not the analysis; say so loudly
    // rather than publish a misleading figure (the checker is still growing its checks).
    let probe = Checker().check(source: source, file: "bench.seed")
    if !probe.diagnostics.isEmpty {
        let first = probe.diagnostics[0].message
        print("warning: the generated spec has \(probe.diagnostics.count) diagnostics; the first: \(first)")
    }

    Benchmark(
        "check 10,000-line spec",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
            timeUnits: .microseconds,
            maxDuration: .seconds(10),
            maxIterations: 1_000
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Checker().check(source: source, file: "bench.seed"))
        }
    }
}
