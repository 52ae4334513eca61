import Foundation
import Mapping
import Testing

@testable import Outputs

@Suite struct EDLAgeOutTests {
    static func day(_ number: Double) -> Date { Samples.start.addingTimeInterval(number * Samples.day) }

    static func record(_ addresses: String...) -> Record {
        Record(id: "r", kind: .alert, fields: [:], indicators: addresses.map { Samples.indicator(.ipv4, $0) })
    }

    func run(_ scratch: Scratch, day: Double, _ records: [Record], job: String = "job-a") async throws -> OutputReport {
        let options = EDLOptions(directory: scratch.file("edl"), types: [.ipv4], expireAfter: .seconds(30 * 86_400))
        let output = EDLOutput(name: "edl", options: options, context: Samples.context(job, at: Self.day(day)))
        try await deliver(output, [records])
        return await output.report()
    }

    @Test func keepsIndicatorsOfEarlierRunsUntilTheyExpire() async throws {
        let scratch = try Scratch()
        _ = try await run(scratch, day: 0, [Self.record("203.0.113.7", "198.51.100.20")])
        #expect(try scratch.read("edl/ipv4.txt") == "198.51.100.20\n203.0.113.7\n")

        _ = try await run(scratch, day: 10, [Self.record("192.0.2.1")])
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.1\n198.51.100.20\n203.0.113.7\n")

        // Day 35: 203.0.113.7 was last received on day 0 (35 days ago) and goes; 198.51.100.20 comes again.
        let third = try await run(scratch, day: 35, [Self.record("192.0.2.99", "198.51.100.20")])
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.1\n192.0.2.99\n198.51.100.20\n")
        #expect(third.expired == 1)
        let (d0, d10, d35) = (
            Timestamp.format(Self.day(0)), Timestamp.format(Self.day(10)), Timestamp.format(Self.day(35))
        )
        #expect(
            try scratch.read("edl/.temsync-edl-state.json")
                == """
                {"version":1,"job":"job-a","output":"edl","updated_at":"\(d35)","indicators":[
                {"type":"ipv4","value":"192.0.2.1","first_seen":"\(d10)","last_seen":"\(d10)","severity":"medium"},
                {"type":"ipv4","value":"192.0.2.99","first_seen":"\(d35)","last_seen":"\(d35)","severity":"medium"},
                {"type":"ipv4","value":"198.51.100.20","first_seen":"\(d0)","last_seen":"\(d35)","severity":"medium"}
                ]}

                """)

        // Day 40: 192.0.2.1 (day 10) is exactly 30 days old and stays.
        let fourth = try await run(scratch, day: 40, [])
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.1\n192.0.2.99\n198.51.100.20\n")
        #expect(fourth.expired == 0)

        let fifth = try await run(scratch, day: 70, [])
        #expect(try scratch.read("edl/ipv4.txt") == "")
        #expect(fifth.expired == 3)
        #expect(try scratch.names("edl") == [".temsync-edl-state.json", "ipv4.txt"])
    }

    @Test func anAbortedRunLeavesListsAndStateUntouched() async throws {
        let scratch = try Scratch()
        _ = try await run(scratch, day: 0, [Self.record("203.0.113.7")])
        let state = try scratch.read("edl/.temsync-edl-state.json")
        let options = EDLOptions(directory: scratch.file("edl"), types: [.ipv4])
        let output = EDLOutput(name: "edl", options: options, context: Samples.context(at: Self.day(50)))
        try await output.open()
        try await output.write([Self.record("192.0.2.1")])
        try await output.prepare()
        await output.abort()
        #expect(try scratch.read("edl/ipv4.txt") == "203.0.113.7\n")
        #expect(try scratch.read("edl/.temsync-edl-state.json") == state)
        #expect(try scratch.names("edl") == [".temsync-edl-state.json", "ipv4.txt"])
    }

    @Test func refusesTheStateOfAnotherJob() async throws {
        let scratch = try Scratch()
        _ = try await run(scratch, day: 0, [Self.record("203.0.113.7")], job: "job-a")
        let error = await #expect(throws: OutputError.self) {
            _ = try await run(scratch, day: 1, [Self.record("192.0.2.1")], job: "job-b")
        }
        #expect(
            error?.description
                == "output 'edl': the folder of '\(scratch.file("edl/.temsync-edl-state.json"))' holds the lists of job 'job-a' output 'edl'; give each edl output a folder of its own"
        )
        #expect(try scratch.read("edl/ipv4.txt") == "203.0.113.7\n")
    }

    @Test func explainsAStateFileItCannotRead() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.file("edl"), withIntermediateDirectories: true)
        try scratch.write("edl/.temsync-edl-state.json", "{\"version\":1,")
        let error = await #expect(throws: OutputError.self) {
            _ = try await run(scratch, day: 0, [Self.record("192.0.2.1")])
        }
        #expect(
            error?.description
                == "output 'edl': cannot use the EDL state '\(scratch.file("edl/.temsync-edl-state.json"))': invalid JSON at line 1, column 14: unexpected end of input in an object; delete it to start afresh (indicators of earlier runs are then forgotten)"
        )
    }

    @Test func keepsNoStateWhenExpiryIsZero() async throws {
        let scratch = try Scratch()
        let options = EDLOptions(directory: scratch.file("edl"), types: [.ipv4], expireAfter: .zero)
        try await deliver(
            EDLOutput(name: "edl", options: options, context: Samples.context()), [[Self.record("192.0.2.1")]])
        try await deliver(
            EDLOutput(name: "edl", options: options, context: Samples.context(at: Self.day(1))),
            [[Self.record("192.0.2.2")]])
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.2\n")
        #expect(try scratch.names("edl") == ["ipv4.txt"])
    }
}
