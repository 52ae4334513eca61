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
    /// - Parameter position: where paging stands (the watermark); it replaces the `lastUpdateDateTime` lower bound
    ///   (and, inside a crowded instant, the `createdDateTime` one) when it is later than the job's.
    public func expression(position: PagePosition? = nil) -> String? {
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
        var createdFrom = createdSince
        switch position {
        case nil:
            if let updatedSince { clauses.append("lastUpdateDateTime ge \(updatedSince)") }
        case .from(let time):
            clauses.append("lastUpdateDateTime ge \(max(time, updatedSince ?? time))")
        case .after(let time):
            if let updatedSince, updatedSince > time {
                clauses.append("lastUpdateDateTime ge \(updatedSince)")
            } else {
                clauses.append("lastUpdateDateTime gt \(time)")
            }
        case .within(let time, let created):
            clauses.append("lastUpdateDateTime eq \(time)")
            createdFrom = [createdSince, created].compactMap { $0 }.max()
        }
        if let updatedBefore { clauses.append("lastUpdateDateTime lt \(updatedBefore)") }
        if let createdFrom { clauses.append("createdDateTime ge \(createdFrom)") }
        if let createdBefore { clauses.append("createdDateTime lt \(createdBefore)") }
        return clauses.isEmpty ? nil : clauses.joined(separator: " and ")
    }

    /// `expression(position: .from(updatedFrom))`.
    public func expression(updatedFrom: ODataTimestamp?) -> String? {
        expression(position: updatedFrom.map { .from($0) })
    }

    /// An OData string literal: single quotes, an embedded `'` doubled.
    public static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Where paging stands in a source, as the query expresses it.
public enum PagePosition: Sendable, Hashable {
    /// `lastUpdateDateTime ge T`, ordered by `lastUpdateDateTime` (the watermark; ids seen at T are skipped).
    case from(ODataTimestamp)
    /// `lastUpdateDateTime gt T`: after an instant read to its end.
    case after(ODataTimestamp)
    /// `lastUpdateDateTime eq T and createdDateTime ge C`, ordered by `createdDateTime`: paging through an instant that
    /// more records share than a page holds (`$skip` is capped at 500 by Graph).
    case within(ODataTimestamp, createdFrom: ODataTimestamp?)
}
