import Foundation
import GraphEmulator
import JSON
import Runner
import TemsyncTesting
import Testing

/// Faults from the emulator during a run: the run completes with the same outputs as a run that met none.
@Suite struct FaultRunTests {
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case throttleStorm, serverErrors, cutConnections, malformedBodies, expiringToken, throttledToken
        case nextLinkOmitted, slowResponses, expandFails

        var testDescription: String { rawValue }

        var rules: [FaultRule] {
            switch self {
            case .throttleStorm:
                [FaultRule(.alerts, requests: .range(2...6), action: .throttle(retryAfter: .seconds(2.128)))]
            case .serverErrors:
                [
                    FaultRule(.alerts, requests: [2], action: .serverError(status: 500, retryAfter: nil)),
                    FaultRule(.alerts, requests: [4], action: .serverError(status: 502, retryAfter: nil)),
                    FaultRule(.alerts, requests: [5], action: .serverError(status: 503, retryAfter: .seconds(1))),
                    FaultRule(.alerts, requests: [7], action: .serverError(status: 504, retryAfter: nil)),
                ]
            case .cutConnections:
                [
                    FaultRule(.alerts, requests: [2], action: .cutMidBody),
                    FaultRule(.alerts, requests: [4], action: .dropConnection),
                ]
            case .malformedBodies: [FaultRule(.alerts, requests: [2, 5], action: .malformedBody)]
            case .expiringToken: [FaultRule(.alerts, requests: [3], action: .expireTokens)]
            case .throttledToken:
                [FaultRule(.token, requests: [1, 2], action: .throttle(retryAfter: .seconds(3)))]
            case .nextLinkOmitted: [FaultRule(.alerts, action: .omitNextLink)]
            case .slowResponses: [FaultRule(.alerts, requests: [2, 3], action: .delay(.milliseconds(200)))]
            case .expandFails:
                [FaultRule(.incidents, requests: .range(1...6), action: .serverError(status: 500, retryAfter: nil))]
            }
        }

        /// Incidents (expanded) for the `$expand` fallback, alerts otherwise.
        var source: String {
            switch self {
            case .expandFails: "incidents: { filter: { updated_since: \(RunHarness.since) }, page_size: 20 }"
            default: "alerts: { filter: { updated_since: \(RunHarness.since) }, page_size: 40 }"
            }
        }
    }

    /// Two jobs over the same source: records as JSON Lines, and indicators as EDL lists.
    static func writeJobs(_ harness: RunHarness, prefix: String, fault: Fault) throws -> [String] {
        let emit = fault == .expandFails ? "incidents" : "alerts"
        let retry = "retry: { max_attempts: 6, initial_delay: 1s, max_delay: 4s }"
        let records = try harness.writeJob(
            "\(prefix)-records",
            """
            sources:
              \(fault.source)
            mapping: { emit: \(emit) }
            outputs:
              - { type: file, path: \(harness.folder.file("\(prefix)/records.jsonl")) }
            \(retry)
            """)
        let indicators = try harness.writeJob(
            "\(prefix)-indicators",
            """
            sources:
              \(fault.source)
            mapping: { emit: indicators }
            outputs:
              - { type: edl, dir: \(harness.folder.file("\(prefix)/edl")), expire_after: 0s }
              - { type: file, path: \(harness.folder.file("\(prefix)/indicators.jsonl")) }
            \(retry)
            """)
        return [records, indicators]
    }

    @Test(arguments: Fault.allCases)
    func theRunCompletesWithTheOutputsOfACleanRun(fault: Fault) async throws {
        try await RunHarness.with(alerts: 240) { harness in
            let clean = try await harness.run(try Self.writeJobs(harness, prefix: "clean", fault: fault))
            #expect(clean.jobs.map(\.status) == [.succeeded, .succeeded])
            #expect(clean.jobs.map(\.retries) == [0, 0])

            for rule in fault.rules { await harness.emulator.faults.add(rule) }
            await harness.emulator.faults.resetCounters()
            await harness.emulator.journal.removeAll()
            let sleeps = SleepRecorder()
            let paths = try Self.writeJobs(harness, prefix: "faulty", fault: fault)
            // One job at a time, so each meets the faults from its first request.
            var faulty: [RunReport.JobResult] = []
            for path in paths {
                faulty += try await harness.run([path], retries: RunHarness.instantRetries(sleeps)).jobs
                await harness.emulator.faults.resetCounters()
            }
            #expect(faulty.map(\.status) == [.succeeded, .succeeded], "\(faulty.map(\.reason))")

            #expect(harness.lines("faulty/records.jsonl").sorted() == harness.lines("clean/records.jsonl").sorted())
            #expect(harness.lines("faulty/records.jsonl").count == clean.jobs[0].emitted)
            #expect(harness.lines("faulty/indicators.jsonl") == harness.lines("clean/indicators.jsonl"))
            #expect(!harness.lines("clean/indicators.jsonl").isEmpty)
            let lists = harness.files(under: "clean/edl")
            #expect(lists.contains("ipv4.txt"))
            #expect(harness.files(under: "faulty/edl") == lists)
            for list in lists {
                #expect(harness.contents("faulty/edl/\(list)") == harness.contents("clean/edl/\(list)"), "\(list)")
            }
            #expect(harness.contents("faulty/records.jsonl") != nil)

            switch fault {
            case .throttleStorm:
                // Graph's Retry-After is honoured (not the policy's shorter backoff).
                #expect(sleeps.all.filter { $0 == .milliseconds(2128) }.count == 10)
                #expect(faulty.map(\.retries) == [5, 5])
            case .throttledToken:
                #expect(sleeps.all.filter { $0 == .seconds(3) }.count == 4)
            case .expandFails:
                let fallback = await harness.emulator.journal.entries(for: .incidentAlerts)
                #expect(!fallback.isEmpty)
            case .nextLinkOmitted:
                let requests = await harness.emulator.journal.entries(for: .alerts)
                #expect(requests.allSatisfy { $0.query?.contains("skiptoken") != true })
            default:
                #expect(faulty.allSatisfy { $0.retries > 0 || fault == .slowResponses || fault == .expiringToken })
            }
        }
    }
}
