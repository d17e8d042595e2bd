import Dispatch
import SeedbedScore
import SeedbedSpec

/// A real source (`--baseline`) read on another thread while `seedbed score` reads the
/// generated data: the two are independent, and at a million rows each takes seconds.
final class ScoreBackgroundRead: @unchecked Sendable {
    // `result` is written once on the worker before `group` leaves, and read only after
    // `wait()`: the group orders the two, which is why the class can be unchecked Sendable.
    private let group = DispatchGroup()
    private var result: Result<[String: MetricTable], ScoreRunner.Failure> = .success([:])
    private(set) var duration: Duration = .zero

    init(_ text: String, tables: [TableDecl]) {
        DispatchQueue.global().async(group: group) {
            let started = ContinuousClock.now
            self.result = Result { () throws(ScoreRunner.Failure) in try ScoreRunner.readReal(text, tables: tables) }
            self.duration = ContinuousClock.now - started
        }
    }

    /// Waits for the read to finish.
    func value() throws(ScoreRunner.Failure) -> [String: MetricTable] {
        group.wait()
        return try result.get()
    }

    /// Waits without looking at the result, so no worker outlives a failed run.
    func finish() { group.wait() }
}
