import JSON

/// One record a job emits: its mapped fields, plus the typed indicators behind it for outputs that need them
/// (EDL and STIX work on indicators whatever the emit mode).
public struct Record: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case alert, incident, indicator
        /// One of the organisation's own assets (`emit: assets`), for prioritisation context.
        case asset
    }

    /// Deterministic: the same entity (and, in `versions` history, the same update) always gets the same id.
    public var id: String
    public var kind: Kind
    /// The record as the job's `fields` shaped it (a JSON object), or the entity itself when no fields are given.
    public var fields: JSON
    /// For an indicator record: that indicator. For an alert or incident: the indicators extracted from it.
    public var indicators: [Indicator]

    public init(id: String, kind: Kind, fields: JSON, indicators: [Indicator] = []) {
        self.id = id
        self.kind = kind
        self.fields = fields
        self.indicators = indicators
    }
}
