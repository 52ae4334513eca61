import Diagnostics
import JSON

/// The `mapping` section of a job, as written: the input of `MappingProgram.compile`.
///
/// Every string the user wrote carries its `SourceLocation`, so that the compiler can point at it. By convention
/// the location of a string is that of its **first character** (for a quoted YAML scalar: one column after the
/// quote), so a problem inside a one-line string is reported at its exact column.
public struct MappingRules: Sendable {
    /// `emit`; absent: `alerts`.
    public var emit: Located<EmitMode>?
    /// `history`; absent: `latest`.
    public var history: Located<History>?
    /// `where`: every condition must hold for a record to be emitted.
    public var conditions: [ConditionRule]
    /// `indicators`: the extractor's options.
    public var indicators: IndicatorRules
    /// `fields`, in the order written; `nil` when the job has none (the default record shape).
    public var fields: [FieldRule.Member]?

    public init(
        emit: Located<EmitMode>? = nil, history: Located<History>? = nil, conditions: [ConditionRule] = [],
        indicators: IndicatorRules = IndicatorRules(), fields: [FieldRule.Member]? = nil
    ) {
        self.emit = emit
        self.history = history
        self.conditions = conditions
        self.indicators = indicators
        self.fields = fields
    }
}

/// What one record is.
public enum EmitMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// One record per alert.
    case alerts
    /// One record per incident (with `incident.alerts` when the source expands them).
    case incidents
    /// One record per distinct indicator of the run.
    case indicators
    /// One record per distinct asset of the organisation named in the run's alerts (devices, users, mailboxes,
    /// applications, service principals, cloud resources): context for prioritisation, never for blocking.
    case assets
}

/// How record ids treat updates of the same entity.
public enum History: String, Sendable, Hashable, CaseIterable, Codable {
    /// The id names the entity: a re-delivered alert overwrites its earlier state downstream.
    case latest
    /// The id names the entity and its `lastUpdateDateTime`: every update is a record of its own.
    case versions
}

/// What the `job` root of a path reads.
public struct JobInfo: Sendable, Hashable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
