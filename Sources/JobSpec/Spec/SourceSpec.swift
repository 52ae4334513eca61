import Diagnostics

/// What to read from Graph: alerts (`/security/alerts_v2`) and/or incidents (`/security/incidents`).
public struct SourcesSpec: Sendable, Hashable {
    public var alerts: SourceSpec?
    public var incidents: SourceSpec?

    /// The sources present, alerts first.
    public var all: [SourceSpec] { [alerts, incidents].compactMap { $0 } }

    init?(_ object: ValueObject) {
        alerts = object.object("alerts").flatMap { SourceSpec(.alerts, $0) }
        incidents = object.object("incidents").flatMap { SourceSpec(.incidents, $0) }
        guard alerts != nil || incidents != nil else { return nil }
    }

    static let shape = ObjectShape(
        [
            Field("alerts", .object(SourceSpec.alertShape), "read alerts (GET /security/alerts_v2)"),
            Field("incidents", .object(SourceSpec.incidentShape), "read incidents (GET /security/incidents)"),
        ], atLeastOne: [["alerts", "incidents"]], summary: "what to read from Graph")
}

/// One source: its filter, page size and, for incidents, whether alerts are expanded.
public struct SourceSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case alerts
        case incidents
    }

    public var kind: Kind
    public var filter: FilterSpec
    /// `$top`.
    public var pageSize: Int
    /// Incidents only: `$expand=alerts` (with the per-incident fallback when Graph answers 5xx).
    public var expandAlerts: Bool
    public var location: SourceLocation

    init?(_ kind: Kind, _ object: ValueObject) {
        guard let filter = object.object("filter").map(FilterSpec.init), let pageSize = object.integer("page_size")
        else { return nil }
        self.kind = kind
        self.filter = filter
        self.pageSize = pageSize
        self.expandAlerts = object.boolean("expand_alerts") ?? false
        self.location = object.location
    }

    static let alertShape = ObjectShape(
        [
            Field("filter", .object(FilterSpec.shape(for: .alerts)), default: [:], "which alerts to read"),
            Field(
                "page_size", .integer(minimum: 1, maximum: 1000), default: 1000,
                "alerts per page ($top), 1 to 1000"),
        ], summary: "the alerts source")

    static let incidentShape = ObjectShape(
        [
            Field("filter", .object(FilterSpec.shape(for: .incidents)), default: [:], "which incidents to read"),
            Field(
                "page_size", .integer(minimum: 1, maximum: 1000), default: 50,
                "incidents per page ($top), 1 to 1000"),
            Field(
                "expand_alerts", .boolean, default: true,
                "read each incident's alerts with it ($expand=alerts; falls back per incident on 5xx)"),
        ], summary: "the incidents source")
}

/// Graph `$filter` terms: each key is one value or a list (an `or` group); keys are `and`-ed.
public struct FilterSpec: Sendable, Hashable {
    public var severity: [Located<String>]
    public var status: [Located<String>]
    public var classification: [Located<String>]
    public var determination: [Located<String>]
    /// Alerts only.
    public var serviceSource: [Located<String>]
    /// UPNs; `nil` matches unassigned.
    public var assignedTo: [Located<String?>]
    /// The start of the first run; later runs start at the checkpoint.
    public var updatedSince: Located<TimeBound>?
    public var updatedBefore: Located<TimeBound>?
    public var createdSince: Located<TimeBound>?
    public var createdBefore: Located<TimeBound>?

    init(_ object: ValueObject) {
        severity = object.strings("severity") ?? []
        status = object.strings("status") ?? []
        classification = object.strings("classification") ?? []
        determination = object.strings("determination") ?? []
        serviceSource = object.strings("service_source") ?? []
        assignedTo = (object["assigned_to"]?.value.list ?? []).map { item in
            Located(item.value.string, at: item.location)
        }
        updatedSince = object.timeBound("updated_since")
        updatedBefore = object.timeBound("updated_before")
        createdSince = object.timeBound("created_since")
        createdBefore = object.timeBound("created_before")
    }

    /// Whether no term is set (every entity matches).
    public var isEmpty: Bool {
        severity.isEmpty && status.isEmpty && classification.isEmpty && determination.isEmpty
            && serviceSource.isEmpty && assignedTo.isEmpty && updatedSince == nil && updatedBefore == nil
            && createdSince == nil && createdBefore == nil
    }

    static func shape(for kind: SourceSpec.Kind) -> ObjectShape {
        var fields = [
            Field("severity", .oneOrList(.enumeration(GraphEnums.shape(GraphEnums.severity))), "severity eq …"),
            Field(
                "status",
                .oneOrList(
                    .enumeration(kind == .alerts ? GraphEnums.alertStatusShape : GraphEnums.incidentStatusShape)),
                "status eq …"),
            Field(
                "classification", .oneOrList(.enumeration(GraphEnums.shape(GraphEnums.classification))),
                "classification eq …"),
            Field("determination", .oneOrList(.enumeration(GraphEnums.determinationShape)), "determination eq …"),
        ]
        if kind == .alerts {
            fields.append(
                Field(
                    "service_source", .oneOrList(.enumeration(GraphEnums.shape(GraphEnums.serviceSource))),
                    "serviceSource eq …"))
        }
        fields += [
            Field("assigned_to", .oneOrList(.nullable(.string(.nonEmpty))), "assignedTo eq …; null matches unassigned"),
            Field(
                "updated_since", .timeBound, "lastUpdateDateTime ge: a duration ago (7d) or a timestamp; first run only"
            ),
            Field("updated_before", .timeBound, "lastUpdateDateTime lt: a duration ago or a timestamp"),
            Field("created_since", .timeBound, "createdDateTime ge: a duration ago or a timestamp"),
            Field("created_before", .timeBound, "createdDateTime lt: a duration ago or a timestamp"),
        ]
        return ObjectShape(fields, summary: "Graph $filter terms", rules: { FilterSpec($0).emptyRanges() })
    }

    /// Bounds that leave nothing to read (`since` at or after `before`), as diagnostics.
    func emptyRanges() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (since, before, key) in [
            (updatedSince, updatedBefore, "updated"), (createdSince, createdBefore, "created"),
        ] {
            guard let since, let before else { continue }
            let empty: Bool
            switch (since.value, before.value) {
            case (.ago(let a), .ago(let b)): empty = a <= b
            case (.at(let a), .at(let b)): empty = a >= b
            default: empty = false
            }
            if empty {
                problems.append(
                    .error(
                        "'\(key)_since' (\(since.value)) is not before '\(key)_before' (\(before.value)): "
                            + "nothing can match", at: since.location,
                        notes: [.init("'\(key)_before' is here", at: before.location)]))
            }
        }
        return problems
    }
}
