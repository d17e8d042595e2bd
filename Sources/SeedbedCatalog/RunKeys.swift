/// How the rows of a run in `test_group`, `test_result`, `test_attempt` and `test_link` are keyed
/// (schema 6): one integer, the run's number times 2^32 plus the row's ordinal in the run (a
/// group's `group_seq`, a result's `seq`, an attempt's or link's own count), so a run's rows are
/// one range of each table's primary key.
enum RunKeys {
    /// Rows of one table per run.
    static let rowsPerRun: Int64 = 1 << 32
    /// Run numbers stay below 2^31, so every key fits a signed 64-bit integer.
    static let numberLimit: Int64 = 1 << 31

    /// The first key of run `number`'s rows.
    static func base(_ number: Int64) -> Int64 { number * rowsPerRun }

    /// Run `number`'s keys, as the parameters of `id >= $1 AND id < $2`.
    static func range(_ number: Int64) -> [String?] { ["\(base(number))", "\(base(number + 1))"] }

    /// The first key of the rows of the run aliased `run`, as SQL.
    static func base(of run: String = "run") -> String { "\(run).number * \(rowsPerRun)" }

    /// The join condition of the run aliased `run` to its rows in the table aliased `alias`: a
    /// range of that table's primary key.
    static func inRun(_ alias: String, of run: String = "run") -> String {
        "\(alias).id >= \(base(of: run)) AND \(alias).id < (\(run).number + 1) * \(rowsPerRun)"
    }
}
