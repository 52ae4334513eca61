import Diagnostics
import Foundation
import JSON
import Testing

@testable import Mapping

/// The folder of this target's fixtures (found from this file's path, so no resource bundle is needed).
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ name: String) throws -> JSON {
    let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("graph").appendingPathComponent(name))
    return try JSON(parsing: data, options: JSONParseOptions(allowTrailingCommas: true))
}

func json(_ text: String) throws -> JSON {
    try JSON(parsing: text)
}

/// `"<type> <value>"` of each indicator, in the order given.
func pairs(_ indicators: [Indicator]) -> [String] {
    indicators.map { "\($0.type.rawValue) \($0.value)" }
}

/// An alert around `evidence`, with fixed context.
func alert(
    id: String = "alert-1", severity: String = "high", incidentId: String? = "inc-1", _ evidence: [JSON]
) -> JSON {
    [
        "@odata.type": "#microsoft.graph.security.alert",
        "id": .string(id),
        "tenantId": "tenant-1",
        "incidentId": incidentId.map(JSON.string) ?? .null,
        "severity": .string(severity),
        "serviceSource": "microsoftDefenderForEndpoint",
        "detectionSource": "antivirus",
        "categories": ["CommandAndControl"],
        "mitreTechniques": ["T1071"],
        "createdDateTime": "2026-01-10T10:00:00Z",
        "lastUpdateDateTime": "2026-01-10T12:00:00Z",
        "firstActivityDateTime": "2026-01-10T09:00:00Z",
        "lastActivityDateTime": "2026-01-10T09:30:00Z",
        "evidence": .array(evidence),
    ]
}

/// An evidence object of `type` (the name without the namespace) with `fields`.
func evidence(
    _ type: String, verdict: String = "malicious", roles: [String] = [], _ fields: [String: JSON] = [:]
)
    -> JSON
{
    var object = JSONObject()
    object["@odata.type"] = .string("#microsoft.graph.security." + type)
    object["verdict"] = .string(verdict)
    object["roles"] = .array(roles.map(JSON.string))
    for key in fields.keys.sorted() { object[key] = fields[key] }
    return .object(object)
}

/// The indicators the default options extract from one alert.
func extract(_ alert: JSON, policy: IndicatorPolicy = IndicatorPolicy()) -> [String] {
    pairs(IndicatorExtractor(policy: policy).indicators(inAlert: alert))
}

// MARK: rules with locations

let jobFile = "jobs/defender.yaml"

func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: jobFile, line: line, column: column)
}

func located<T>(_ value: T, _ line: Int, _ column: Int) -> Located<T> {
    Located(value, at: at(line, column))
}

/// The first lines (`file:line:column: severity: message`) of the diagnostics of a compile, in order: those it
/// throws, or its warnings when it succeeds.
func compileErrors(_ rules: MappingRules) -> [String] {
    do {
        return try MappingProgram.compile(rules, job: JobInfo(name: "test")).warnings.map(\.description)
    } catch {
        return error.diagnostics.map(\.description)
    }
}

func compile(_ rules: MappingRules, job: JobInfo = JobInfo(name: "defender-indicators")) throws -> MappingProgram {
    try MappingProgram.compile(rules, job: job)
}

/// A field list from `(name, path)` pairs written one per line from line 10, column 5 (value at column 14).
func pathFields(_ entries: [(String, String)]) -> [FieldRule.Member] {
    entries.enumerated().map { offset, entry in
        FieldRule.Member(
            name: located(entry.0, 10 + offset, 5), rule: .path(located(entry.1, 10 + offset, 14)))
    }
}

/// A field written on `line` (name at column 3, the value at column 10; transform names, map keys and the default
/// on later columns), for tests that look at values rather than at diagnostics.
func field(
    _ name: String, line: Int = 1, path: String? = nil, const: JSON? = nil, template: String? = nil,
    fields: [FieldRule.Member]? = nil, transforms: [(String, JSON?)] = [], map: [(String, JSON)]? = nil,
    default defaultValue: JSON? = nil
) -> FieldRule.Member {
    let rule = FieldRule(
        at: at(line, 10), path: path.map { located($0, line, 10) }, constant: const.map { located($0, line, 10) },
        template: template.map { located($0, line, 10) }, fields: fields.map { located($0, line, 10) },
        transforms: transforms.enumerated().map { offset, transform in
            TransformRule(
                name: located(transform.0, line, 40 + offset * 10),
                argument: transform.1.map { located($0, line, 45 + offset * 10) })
        },
        map: map.map { entries in
            located(entries.map { FieldRule.MapEntry(from: located($0.0, line, 80), to: $0.1) }, line, 80)
        },
        defaultValue: defaultValue.map { located($0, line, 100) })
    return FieldRule.Member(name: located(name, line, 3), rule: rule)
}

func condition(
    _ path: String, _ test: ConditionRule.Test, _ value: JSON, ignoreCase: Bool = false, line: Int = 1
)
    -> ConditionRule
{
    ConditionRule(
        at: at(line, 5), path: located(path, line, 11), tests: [(located(test, line, 30), located(value, line, 40))],
        ignoreCase: ignoreCase ? located(true, line, 60) : nil)
}
