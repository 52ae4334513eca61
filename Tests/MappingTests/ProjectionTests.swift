import Foundation
import GraphEmulator
import JSON
import Testing

@testable import Mapping

/// Pages parsed with a program's projection give the indicators and assets that whole pages give: over every
/// evidence type the emulator generates and over Microsoft's examples. A member name missing from
/// `RecordProjection.walkedMembers` fails these tests.
@Suite struct ProjectionTests {
    static let dataSet = GeneratedDataSet(
        GeneratorOptions(seed: 23, alertCount: 1500, end: Date(timeIntervalSince1970: 1_770_000_000)))

    static let alertTexts: [[UInt8]] = (0..<dataSet.alertCount).map { dataSet.alertBytes($0) }

    static let everyVerdict = ["unknown", "suspicious", "malicious", "noThreatsFound"].map { located($0, 3, 5) }

    /// Programs that read evidence in every way: the defaults, every verdict with private addresses (more findings
    /// survive the options), and `alert.*` paths in fields and conditions (their members are kept whole).
    static func programs(emit: EmitMode) throws -> [MappingProgram] {
        let wide = IndicatorRules(verdicts: everyVerdict, includePrivate: located(true, 4, 5))
        let condition = ConditionRule(
            at: at(6, 5), path: located("alert.severity", 6, 11),
            tests: [(located(.in, 6, 30), located(["high", "medium", "low", "informational"], 6, 35))])
        let alertFields = [field("title", path: "alert.title"), field("techniques", path: "alert.mitreTechniques")]
        let ownFields =
            emit == .indicators
            ? [field("value", path: "indicator.value"), field("type", path: "indicator.type")]
            : [field("key", path: "asset.key"), field("kind", path: "asset.kind")]
        return [
            try compile(MappingRules(emit: located(emit, 1, 7))),
            try compile(MappingRules(emit: located(emit, 1, 7), indicators: wide)),
            try compile(
                MappingRules(
                    emit: located(emit, 1, 7), conditions: [condition], indicators: wide,
                    fields: ownFields + alertFields)),
        ]
    }

    static func parse(_ text: [UInt8], _ projection: JSONProjection) throws -> JSON {
        try JSON(parsing: text, options: JSONParseOptions(allowTrailingCommas: true, projection: projection))
    }

    /// The records an indicator or asset program makes of `alerts` and expanded `incidents`.
    static func records(of program: MappingProgram, alerts: [JSON], incidents: [JSON]) -> [Record] {
        if program.emit == .indicators {
            var set = program.makeIndicatorSet()
            for alert in alerts { program.collect(alert: alert, into: &set) }
            for incident in incidents { program.collect(incident: incident, into: &set) }
            return program.records(from: set)
        }
        var set = program.makeAssetSet()
        for alert in alerts { program.collect(alert: alert, into: &set) }
        for incident in incidents { program.collect(incident: incident, into: &set) }
        return program.records(from: set)
    }

    static func encoded(_ records: [Record]) -> [String] {
        records.map { "\($0.id) \($0.fields.encodedString(options: JSONWriteOptions(sortedKeys: true)))" }
    }

    @Test func indicatorJobsReadOnlyPartOfEachAlert() throws {
        for program in try Self.programs(emit: .indicators) + Self.programs(emit: .assets) {
            #expect(!program.alertProjection.keepsEverything)
            #expect(!program.incidentProjection.keepsEverything)
            let whole = Self.alertTexts.prefix(200).reduce(0) { $0 + $1.count }
            let kept = try Self.alertTexts.prefix(200).reduce(0) {
                $0 + (try Self.parse($1, program.alertProjection).encoded().count)
            }
            // Alerts are mostly evidence members the walk never reads.
            #expect(kept * 2 < whole, "\(kept) of \(whole) bytes kept")
        }
    }

    @Test func alertAndIncidentJobsReadEverything() throws {
        for emit in [EmitMode.alerts, .incidents] {
            let program = try compile(MappingRules(emit: located(emit, 1, 7)))
            #expect(program.alertProjection.keepsEverything)
            #expect(program.incidentProjection.keepsEverything)
        }
        // A path that reads the alert itself keeps all of it.
        let program = try compile(
            MappingRules(emit: located(.indicators, 1, 7), fields: [field("alert", path: "alert")]))
        #expect(program.alertProjection.keepsEverything)
    }

    @Test func projectedAlertsGiveTheSameIndicators() throws {
        for program in try Self.programs(emit: .indicators) {
            var whole = program.makeIndicatorSet()
            var projected = program.makeIndicatorSet()
            for text in Self.alertTexts {
                program.collect(alert: try Self.parse(text, .everything), into: &whole)
                program.collect(alert: try Self.parse(text, program.alertProjection), into: &projected)
            }
            #expect(whole.count > 1000)
            #expect(projected.statistics == whole.statistics)
            #expect(Self.encoded(program.records(from: projected)) == Self.encoded(program.records(from: whole)))
        }
    }

    @Test func projectedAlertsGiveTheSameAssets() throws {
        for program in try Self.programs(emit: .assets) {
            var whole = program.makeAssetSet()
            var projected = program.makeAssetSet()
            for text in Self.alertTexts {
                program.collect(alert: try Self.parse(text, .everything), into: &whole)
                program.collect(alert: try Self.parse(text, program.alertProjection), into: &projected)
            }
            let records = program.records(from: whole)
            #expect(records.count > 100)
            #expect(Self.encoded(program.records(from: projected)) == Self.encoded(records))
        }
    }

    /// Microsoft's examples: the alerts of a list, and incidents with expanded alerts.
    @Test func projectedFixturesGiveTheSameIndicatorsAndAssets() throws {
        func text(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: fixturesFolder.appendingPathComponent("graph").appendingPathComponent(name)))
        }
        for emit in [EmitMode.indicators, .assets] {
            for program in try Self.programs(emit: emit) {
                let alertPage = try text("security-list-alerts_v2.response.json")
                let incidentPage = try text("security-list-incidents.expand-alerts.response.json")
                let alertPages = [
                    try Self.parse(alertPage, .everything),
                    try Self.parse(
                        alertPage, JSONProjection.everything.reading("value", through: program.alertProjection)),
                ]
                let incidentPages = [
                    try Self.parse(incidentPage, .everything),
                    try Self.parse(
                        incidentPage, JSONProjection.everything.reading("value", through: program.incidentProjection)),
                ]
                let results = zip(alertPages, incidentPages).map { alerts, incidents in
                    Self.encoded(
                        Self.records(
                            of: program, alerts: alerts["value"]?.arrayValue ?? [],
                            incidents: incidents["value"]?.arrayValue ?? []))
                }
                #expect(!results[0].isEmpty)
                #expect(results[1] == results[0])
            }
        }
    }
}
