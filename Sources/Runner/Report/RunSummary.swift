import Foundation
import JSON

/// The human summary printed when a run ends: one block per job, then a total line.
public enum RunSummary {
    public static func text(_ report: RunReport) -> String {
        var lines: [String] = []
        for job in report.jobs {
            var head = "job \(job.job): \(job.status.rawValue)"
            if job.dryRun { head += " (dry run)" }
            head += " in \(seconds(job.durationSeconds))"
            var facts = ["fetched \(job.fetched)"]
            if job.sources.count > 1 {
                facts[0] += " (" + job.sources.map { "\($0.source) \($0.fetched)" }.joined(separator: ", ") + ")"
            }
            facts.append("emitted \(job.emitted)")
            if job.retries > 0 { facts.append("\(job.retries) retr\(job.retries == 1 ? "y" : "ies")") }
            if job.status == .succeeded, !job.dryRun {
                facts.append(job.checkpointCommitted ? "checkpoint committed" : "checkpoint unchanged (nothing new)")
            } else if job.status != .succeeded {
                facts.append("checkpoint unchanged")
            }
            lines.append(head + " — " + facts.joined(separator: ", "))
            if let reason = job.reason, job.status != .succeeded { lines.append("  reason: \(reason)") }
            for output in job.outputs {
                var line = "  output \(output.name) (\(output.type)): \(output.delivered) delivered"
                if output.status != .succeeded { line += ", \(output.status.rawValue)" }
                if job.dryRun { line = "  output \(output.name) (\(output.type)): would receive \(output.delivered)" }
                lines.append(line)
            }
        }
        let succeeded = report.jobs.filter { $0.status == .succeeded }.count
        let failed = report.jobs.filter { $0.status == .failed }.count
        let interrupted = report.jobs.filter { $0.status == .interrupted }.count
        var total = "\(report.jobs.count) job\(report.jobs.count == 1 ? "" : "s"): \(succeeded) succeeded"
        if failed > 0 { total += ", \(failed) failed" }
        if interrupted > 0 { total += ", \(interrupted) interrupted" }
        lines.append(total + " (\(seconds(report.durationSeconds)))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary as JSON log lines (`--log-format json`): one `job summary` line per job, its fields as in the
    /// `--report` file, then one `run finished` line.
    public static func jsonLines(_ report: RunReport) -> String {
        var lines = ""
        for job in report.jobs {
            var fields: JSONObject = ["job.name": .string(job.job)]
            if case .object(let object) = job.json {
                for (key, value) in object where key != "job" { fields["job." + key] = value }
            }
            lines += LineLogHandler.jsonLine(
                level: job.status == .succeeded ? .info : .error, message: "job summary", fields: fields)
        }
        let count = { (status: RunReport.Status) in report.jobs.filter { $0.status == status }.count }
        lines += LineLogHandler.jsonLine(
            level: report.status == .succeeded ? .info : .error, message: "run finished",
            fields: [
                "run.status": .string(report.status.rawValue), "run.jobs": .int(report.jobs.count),
                "run.succeeded": .int(count(.succeeded)), "run.failed": .int(count(.failed)),
                "run.interrupted": .int(count(.interrupted)),
                "run.duration_seconds": .double(RunReport.rounded(report.durationSeconds)),
            ])
        return lines
    }

    /// A dry run's samples: for each job and output, what it would have received.
    public static func samples(_ report: RunReport) -> String {
        var lines: [String] = []
        for job in report.jobs {
            for output in job.outputs where !output.sample.isEmpty {
                lines.append(
                    "# \(job.job) → \(output.name) (\(output.type)): first \(output.sample.count) of \(output.delivered)"
                )
                lines += output.sample
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2fs", value) : String(format: "%.1fs", value)
    }
}
