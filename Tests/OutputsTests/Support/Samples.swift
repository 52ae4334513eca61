import Foundation
import JSON
import Logging
import Mapping

@testable import Outputs

/// A fixed record set that exercises every format: nested fields, lists, text a spreadsheet would run, every
/// indicator type, and values no list may take.
enum Samples {
    static let day = 86_400.0
    /// 2026-01-31T08:00:00Z
    static let start = Date(timeIntervalSince1970: 1_769_846_400)

    static func indicator(
        _ type: Indicator.Kind, _ value: String, _ severity: Severity = .medium, firstSeen: Date? = nil,
        lastSeen: Date? = nil, alerts: Set<String> = [], verdicts: Set<String> = [], techniques: Set<String> = []
    ) -> Indicator {
        Indicator(
            type: type, value: value,
            id: STIXIdentifier.uuid5(namespace: STIXIdentifier.indicatorNamespace, name: "\(type.rawValue)|\(value)"),
            firstSeen: firstSeen,
            lastSeen: lastSeen, severity: severity, alertIDs: alerts, mitreTechniques: techniques, verdicts: verdicts)
    }

    static let records: [Record] = [
        Record(
            id: "rec-1", kind: .alert,
            fields: [
                "id": "da-1", "title": "Phish, \"urgent\"", "severity": "high", "score": 90,
                "alert": ["service": "microsoftDefenderForOffice365", "tags": ["phish", "mail"]],
            ],
            indicators: [
                indicator(.ipv4, "203.0.113.7", .high, alerts: ["da-1"], verdicts: ["malicious"]),
                indicator(.url, "http://evil.example/login?x=1", .high, alerts: ["da-1"]),
                indicator(.domain, "evil.example", .high, alerts: ["da-1"]),
            ]),
        Record(
            id: "rec-2", kind: .alert,
            fields: [
                "id": "da-2", "title": "=HYPERLINK(\"http://x.example\")", "severity": "medium", "score": -5,
                "alert": ["service": "microsoftDefenderForEndpoint", "tags": []],
            ],
            indicators: [
                indicator(.ipv4, "198.51.100.20", .medium, alerts: ["da-2"]),
                indicator(.ipv4, "203.0.113.7", .medium, alerts: ["da-2"]),
                indicator(.sha256, String(repeating: "ab", count: 32), .medium, alerts: ["da-2"]),
                indicator(.email, "attacker@evil.example", .medium, alerts: ["da-2"]),
            ]),
        Record(
            id: "rec-3", kind: .alert,
            fields: [
                "id": "da-3", "title": "@SUM(1)\nsecond line", "severity": "low", "score": 1.5,
                "alert": ["service": "microsoftDefenderForEndpoint", "tags": ["x"]], "extra": true,
            ],
            indicators: [
                indicator(.ipv6, "2001:db8::1", .low, alerts: ["da-3"]),
                indicator(.md5, String(repeating: "0f", count: 16), .low),
                indicator(.sha1, String(repeating: "1e", count: 20), .low),
                indicator(.domain, "bad.example\n0.0.0.0", .low),
            ]),
    ]

    static func context(_ job: String = "job-a", at date: Date = start, logger: LogRecorder? = nil) -> OutputContext {
        OutputContext(
            jobName: job, runID: "run-\(Int(date.timeIntervalSince1970))", runStartedAt: date, now: { date },
            logger: logger?.logger ?? .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}
