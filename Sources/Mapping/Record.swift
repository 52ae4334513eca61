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
    /// With `raw`, only the members the job reads: write the record with `writeJSON(to:)`.
    public var fields: JSON
    /// For an indicator record: that indicator. For an alert or incident: the indicators extracted from it.
    public var indicators: [Indicator]
    /// The entity's own text, as Graph wrote it (one line), when the record is the entity itself and its page was
    /// read with the records' texts (`MappingProgram.rawAlertProjection`).
    public var raw: RawJSON?

    public init(id: String, kind: Kind, fields: JSON, indicators: [Indicator] = [], raw: RawJSON? = nil) {
        self.id = id
        self.kind = kind
        self.fields = fields
        self.indicators = indicators
        self.raw = raw
    }

    /// Appends the record's JSON text (compact, one line): `raw` when there is one, else `fields` written.
    public func writeJSON(to output: inout [UInt8]) {
        if let raw {
            raw.write(to: &output)
        } else {
            fields.write(to: &output)
        }
    }

    /// The record's JSON text (compact, one line).
    public var jsonText: String { raw?.description ?? fields.encodedString() }
}
