import JSON
import Mapping
import Testing

@testable import Outputs

@Suite struct StdoutOutputTests {
    @Test func writesJSONLinesBatchByBatch() async throws {
        let sink = MemorySink()
        let output = StdoutOutput(name: "stdout", sink: sink)
        try await output.open()
        try await output.write(Array(Samples.records.prefix(2)))
        #expect(
            await sink.text == FileOutputTests.jsonLines.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n"
        )
        try await output.write([Samples.records[2]])
        try await output.commit()
        #expect(await sink.text == FileOutputTests.jsonLines)
        let report = await output.report()
        #expect(report.delivered == 3)
        #expect(report.status == .committed)
    }

    @Test func linesOfConcurrentJobsNeverInterleave() async throws {
        let sink = MemorySink()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for job in 0..<4 {
                group.addTask {
                    let output = StdoutOutput(name: "stdout", sink: sink)
                    let batch = (0..<50).map { number in
                        Record(
                            id: "\(job)-\(number)", kind: .alert,
                            fields: [
                                "job": .int(job), "n": .int(number), "pad": .string(String(repeating: "x", count: 500)),
                            ])
                    }
                    try await deliver(output, Array(repeating: batch, count: 10))
                }
            }
            try await group.waitForAll()
        }
        let lines = await sink.text.split(separator: "\n")
        #expect(lines.count == 4 * 50 * 10)
        #expect(lines.allSatisfy { (try? JSON(parsing: String($0)))?["pad"]?.stringValue?.count == 500 })
    }

    @Test func anAbortKeepsWhatWasAlreadyWritten() async throws {
        let sink = MemorySink()
        let output = StdoutOutput(name: "stdout", sink: sink)
        try await output.open()
        try await output.write([Samples.records[0]])
        await output.abort()
        #expect(await sink.text.split(separator: "\n").count == 1)
        #expect(await output.report().status == .aborted)
    }
}
