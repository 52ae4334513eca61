import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Runs compiled plans once: at most `maxJobs` at a time, each job contained (one failing does not stop the
/// others), and reports every job's outcome.
public enum RunExecutor {
    public static func run(_ plans: [Plan], options: RunOptions) async -> RunReport {
        let startedAt = Date()
        let start = ContinuousClock.now
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(120))
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let results = await withTaskGroup(of: (Int, RunReport.JobResult).self) { group in
            var next = 0
            func startNext() {
                let index = next
                let execution = JobExecution(
                    plan: plans[index], options: options, httpClient: httpClient, runStartedAt: startedAt)
                group.addTask { (index, await execution.run()) }
                next += 1
            }
            while next < plans.count && next < options.maxJobs { startNext() }
            var results: [RunReport.JobResult?] = Array(repeating: nil, count: plans.count)
            while let (index, result) = await group.next() {
                results[index] = result
                if next < plans.count && !Task.isCancelled { startNext() }
            }
            // Jobs never started because the run was interrupted are reported as such.
            for index in results.indices where results[index] == nil {
                results[index] = RunReport.JobResult(
                    job: plans[index].job, status: .interrupted, dryRun: options.dryRun,
                    reason: "not started: the run was interrupted")
            }
            return results.compactMap { $0 }
        }
        try? await httpClient.shutdown()
        return RunReport(
            jobs: results, startedAt: RFC3339Text.format(startedAt),
            durationSeconds: (ContinuousClock.now - start).seconds)
    }
}
