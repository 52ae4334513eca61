import JSON

/// The filterable and sortable fields of one alert or incident, packed for fast scans over a million records.
struct RecordSummary: Sendable, Hashable {
    var created: Int64
    var lastUpdate: Int64
    /// Index into the store's `StringPool`; -1 when null.
    var assignedTo: Int32
    var status: UInt8
    var severity: UInt8
    var classification: UInt8
    var determination: UInt8
    /// Alerts only.
    var serviceSource: UInt8

    /// A value that is not a member of the enumeration (e.g. a newer member than the emulator knows).
    static let unknownMember: UInt8 = 0xFE
    /// The property is null or absent.
    static let nullMember: UInt8 = 0xFF

    init(
        created: Int64, lastUpdate: Int64, assignedTo: Int32, status: UInt8, severity: UInt8, classification: UInt8,
        determination: UInt8, serviceSource: UInt8
    ) {
        self.created = created
        self.lastUpdate = lastUpdate
        self.assignedTo = assignedTo
        self.status = status
        self.severity = severity
        self.classification = classification
        self.determination = determination
        self.serviceSource = serviceSource
    }

    /// Reads the fields from a record as given (enum values matched ignoring case, for the PascalCase quirk).
    init(document: JSON, entitySet: EntitySet, strings: inout StringPool) {
        func instant(_ key: String) -> Int64 {
            document[key]?.stringValue.flatMap { GraphTimestamp(parsing: $0) }?.ticks ?? 0
        }
        func member(_ key: String, _ table: EvolvableEnum) -> UInt8 {
            guard let value = document[key]?.stringValue else { return Self.nullMember }
            return table.code(ignoringCase: value).map { UInt8($0) } ?? Self.unknownMember
        }
        created = instant("createdDateTime")
        lastUpdate = instant("lastUpdateDateTime")
        assignedTo = document["assignedTo"]?.stringValue.map { strings.index(of: $0) } ?? -1
        status = member("status", entitySet.enumeration(of: .status))
        severity = member("severity", SecurityEnums.severity)
        classification = member("classification", SecurityEnums.classification)
        determination = member("determination", SecurityEnums.determination)
        serviceSource = member("serviceSource", SecurityEnums.serviceSource)
    }
}

/// Interned strings (analyst names in `assignedTo`), so a summary holds a 4-byte index.
struct StringPool: Sendable {
    private var strings: [String] = []
    private var indexes: [String: Int32] = [:]

    mutating func index(of string: String) -> Int32 {
        if let index = indexes[string] { return index }
        let index = Int32(strings.count)
        strings.append(string)
        indexes[string] = index
        return index
    }

    func string(at index: Int32) -> String { strings[Int(index)] }
}
