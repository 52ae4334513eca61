/// A job's `sources.<source>.filter` (docs/JOBS.md): each list is an `or` group, the keys are `and`-ed. Relative
/// times (`7d`) are resolved to timestamps by the caller (the Runner), so the same filter always builds the same URL.
public struct SourceFilter: Sendable, Hashable {
    public var severity: [String]
    public var status: [String]
    public var classification: [String]
    public var determination: [String]
    /// Alerts only.
    public var serviceSource: [String]
    /// UPNs; `nil` matches unassigned (`assignedTo eq null`).
    public var assignedTo: [String?]
    /// `lastUpdateDateTime ge` — the start of the first run (later runs start at the checkpoint's watermark).
    public var updatedSince: ODataTimestamp?
    /// `lastUpdateDateTime lt`.
    public var updatedBefore: ODataTimestamp?
    /// `createdDateTime ge`.
    public var createdSince: ODataTimestamp?
    /// `createdDateTime lt`.
    public var createdBefore: ODataTimestamp?

    public init(
        severity: [String] = [], status: [String] = [], classification: [String] = [], determination: [String] = [],
        serviceSource: [String] = [], assignedTo: [String?] = [], updatedSince: ODataTimestamp? = nil,
        updatedBefore: ODataTimestamp? = nil, createdSince: ODataTimestamp? = nil, createdBefore: ODataTimestamp? = nil
    ) {
        self.severity = severity
        self.status = status
        self.classification = classification
        self.determination = determination
        self.serviceSource = serviceSource
        self.assignedTo = assignedTo
        self.updatedSince = updatedSince
        self.updatedBefore = updatedBefore
        self.createdSince = createdSince
        self.createdBefore = createdBefore
    }

    /// The OData `$filter` expression, or `nil` when nothing is filtered.
    ///
    /// Deterministic (docs/JOBS.md): keys in the order severity, status, classification, determination,
    /// serviceSource, assignedTo, lastUpdateDateTime ge/lt, createdDateTime ge/lt; values in the order given; strings
    /// single-quoted with `'` doubled; a list of two or more values is an `or` group in parentheses; timestamps are
    /// unquoted UTC literals.
    ///
    /// - Parameter updatedFrom: the lower bound on `lastUpdateDateTime` that replaces `updatedSince` when it is later
    ///   (the paging watermark).
    public func expression(updatedFrom: ODataTimestamp? = nil) -> String? {
        var clauses: [String] = []
        func group(_ property: String, _ values: [String?]) {
            let terms = values.map { "\(property) eq \($0.map(Self.quoted) ?? "null")" }
            if terms.count == 1 {
                clauses.append(terms[0])
            } else if terms.count > 1 {
                clauses.append("(" + terms.joined(separator: " or ") + ")")
            }
        }
        group("severity", severity)
        group("status", status)
        group("classification", classification)
        group("determination", determination)
        group("serviceSource", serviceSource)
        group("assignedTo", assignedTo)
        let lower = [updatedSince, updatedFrom].compactMap { $0 }.max()
        if let lower { clauses.append("lastUpdateDateTime ge \(lower)") }
        if let updatedBefore { clauses.append("lastUpdateDateTime lt \(updatedBefore)") }
        if let createdSince { clauses.append("createdDateTime ge \(createdSince)") }
        if let createdBefore { clauses.append("createdDateTime lt \(createdBefore)") }
        return clauses.isEmpty ? nil : clauses.joined(separator: " and ")
    }

    /// An OData string literal: single quotes, an embedded `'` doubled.
    public static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
