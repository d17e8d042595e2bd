import SeedbedEngine

/// Generation on its own thread, loading on the caller's (see `ProducerPipeline`).
enum BatchPipeline {
    typealias Pipeline = ProducerPipeline<(RowBatch, [LineageEntry]), TableSummary, GenerationError>

    /// Starts generating `table` of `generation` on a new thread.
    static func start(generation: Generation, table: Int) -> Pipeline {
        // The producer thread is the only user of `generation` until it finishes; the consumer
        // never touches it while a pipeline runs.
        let producer = Unchecked(generation)
        return Pipeline { put in
            Result { () throws(GenerationError) in
                try producer.value.generate(table: table) { (batch, tagged) throws(GenerationError) in
                    guard put((batch, tagged)) else { throw GenerationError("the load stopped") }
                }
            }
        }
    }
}

/// Hands a value to another thread that alone uses it from then on.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
