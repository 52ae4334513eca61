import ArgumentParser
import Foundation
import JobSpec

/// Times `temsync validate` on generated job files: find, read, parse (libyaml), bind and check across files.
struct ValidateBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load, bind and validate generated job files (default 1,000) and print the time per run."
    )

    @Option(help: "How many job files to generate.")
    var files = 1000

    @Option(help: "How many timed runs (after one warm-up run).")
    var runs = 5

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-bench-validate-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = 0
        for index in 0..<files {
            let text = Self.job(index)
            bytes += text.utf8.count
            let sub = folder.appendingPathComponent("team-\(index % 10)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: sub.appendingPathComponent("job-\(index).yaml"))
        }
        let loader = JobLoader()
        let warmUp = loader.load(paths: [folder.path])
        guard warmUp.isValid, warmUp.jobs.count == files else {
            throw ValidationError("generated jobs are not valid: \(warmUp.diagnostics.prefix(3))")
        }
        var timings: [Double] = []
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = loader.load(paths: [folder.path]) }
            let (seconds, attoseconds) = elapsed.components
            timings.append(Double(seconds) + Double(attoseconds) / 1e18)
        }
        timings.sort()
        let median = timings[timings.count / 2]
        print("validate: \(files) job files (\(bytes / 1024) KiB), \(runs) runs")
        print(
            String(format: "  median %.3f s, best %.3f s, worst %.3f s", median, timings[0], timings[timings.count - 1])
        )
        print(String(format: "  %.0f files/s", Double(files) / median))
    }

    /// A realistic job: inline connection, both sources with filters, field rules, four outputs.
    static func job(_ index: Int) -> String {
        """
        # generated job \(index)
        version: 1
        name: job-\(index)
        description: Generated job number \(index) for the validate benchmark
        connection:
          tenant_id: 11111111-2222-3333-4444-\(String(format: "%012d", index))
          client_id: 66666666-7777-8888-9999-000000000000
          client_secret: { env: M365_CLIENT_SECRET_\(index % 7) }
          cloud: global
          proxy:
            url: http://proxy.example.internal:3128
            username: svc-tem
            password: { file: /run/secrets/proxy-password }
            no_proxy: [localhost, 10.0.0.0/8, .example.internal]
          timeouts: { connect: 10s, request: 60s }
        sources:
          alerts:
            filter:
              severity: [high, medium]
              status: [new, inProgress]
              service_source: [microsoftDefenderForEndpoint, microsoftDefenderForOffice365]
              updated_since: 7d
            page_size: 1000
          incidents:
            filter: { status: [active], severity: [high], created_since: 2026-01-01T00:00:00Z }
            expand_alerts: true
        mapping:
          emit: indicators
          indicators:
            types: [ipv4, ipv6, domain, url, sha256, sha1, md5, email]
            verdicts: [malicious, suspicious]
            exclude: [{ cidr: 10.0.0.0/8 }, { domain: "*.example.internal" }]
          where:
            - { path: alert.severity, in: [high, medium] }
          fields:
            value: indicator.value
            type: indicator.type
            severity: { path: alert.severity, map: { informational: 0, low: 30, medium: 60, high: 90 }, default: 0 }
            title: { template: "{{alert.title}} ({{alert.id}})", transforms: [trim] }
            source: { const: microsoft_365_defender }
        outputs:
          - { type: file, path: out/job-\(index).jsonl, format: jsonl }
          - { type: edl, dir: out/edl-\(index) }
          - { type: stix, path: out/job-\(index).stix.json }
          - type: http
            url: https://tem.example.com/api/indicators
            headers: { Authorization: { env: TEM_API_TOKEN, prefix: "Bearer " } }
            batch_size: 500
        retry: { max_attempts: 6, initial_delay: 1s, max_delay: 60s, jitter: full }
        concurrency: 4

        """
    }
}
