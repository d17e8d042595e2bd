// Measures the generation engine on one table: rows per second to memory (batches made and
// dropped) and to CSV (batches encoded and written), in one process.
//
//   GenerateThroughput SPEC TABLE ROWS OUT_DIR
import Foundation
import SeedbedEngine
import SeedbedSpec

let arguments = CommandLine.arguments
guard arguments.count == 5, let rows = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: GenerateThroughput SPEC TABLE ROWS OUT_DIR\n".utf8))
    exit(2)
}
let (specPath, tableName, outDirectory) = (arguments[1], arguments[2], arguments[4])

func generation() throws -> (Generation, Int) {
    let text = try String(contentsOfFile: specPath, encoding: .utf8)
    let checked = Checker().check(source: text, file: specPath)
    var options = Generation.Options()
    options.rows = [tableName: rows]
    let generation = try Generation(model: try GenerationModel(checked: checked), options: options)
    guard let index = generation.model.tables.firstIndex(where: { $0.name == tableName }) else {
        throw GenerationError("no table \(tableName)")
    }
    return (generation, index)
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

do {
    // To memory: every row is made into typed column batches, which are then dropped.
    let (memoryRun, memoryTable) = try generation()
    var made = 0
    let memory = try seconds {
        _ = try memoryRun.generate(table: memoryTable) { batch, _ in made += batch.count }
    }
    // To CSV: the same rows, encoded and written through the file writer.
    let (fileRun, _) = try generation()
    var written = 0
    let csv = try seconds {
        let summary = try fileRun.write(to: outDirectory, format: .csv)
        written = summary.rows
    }
    print("rows: \(made)")
    print(String(format: "memory: %.2f s, %.0f rows/s", memory, Double(made) / memory))
    print(String(format: "csv:    %.2f s, %.0f rows/s", csv, Double(written) / csv))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
