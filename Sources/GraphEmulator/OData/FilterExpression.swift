/// A compiled `$filter`: comparisons of filterable properties with literals, joined by `and`/`or`.
indirect enum FilterExpression: Sendable, Hashable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case comparison(FilterProperty, ComparisonOperator, FilterValue)
}

/// The filterable properties of alerts_v2 and incidents (GRAPH.md §2).
enum FilterProperty: String, Sendable, Hashable, CaseIterable {
    case assignedTo, classification, determination, createdDateTime, lastUpdateDateTime, severity, serviceSource,
        status
}

enum ComparisonOperator: String, Sendable, Hashable {
    case eq, ne, gt, ge, lt, le

    /// The operator kind's name in OData's messages.
    var kindName: String {
        switch self {
        case .eq: "Equal"
        case .ne: "NotEqual"
        case .gt: "GreaterThan"
        case .ge: "GreaterThanOrEqual"
        case .lt: "LessThan"
        case .le: "LessThanOrEqual"
        }
    }

    func holds(_ order: Int) -> Bool {
        switch self {
        case .eq: order == 0
        case .ne: order != 0
        case .gt: order > 0
        case .ge: order >= 0
        case .lt: order < 0
        case .le: order <= 0
        }
    }
}

/// A literal, resolved against the property it is compared with.
enum FilterValue: Sendable, Hashable {
    case null
    /// An instant in ticks.
    case instant(Int64)
    /// An enum member's index.
    case member(UInt8)
    case text(String)
}

extension FilterExpression {
    /// Whether a record with these filterable fields satisfies the filter.
    func matches(_ record: RecordSummary, strings: StringPool) -> Bool {
        switch self {
        case .and(let left, let right):
            return left.matches(record, strings: strings) && right.matches(record, strings: strings)
        case .or(let left, let right):
            return left.matches(record, strings: strings) || right.matches(record, strings: strings)
        case .comparison(let property, let op, let value):
            switch property {
            case .createdDateTime: return Self.compare(record.created, op, value)
            case .lastUpdateDateTime: return Self.compare(record.lastUpdate, op, value)
            case .status: return Self.compare(member: record.status, op, value)
            case .severity: return Self.compare(member: record.severity, op, value)
            case .classification: return Self.compare(member: record.classification, op, value)
            case .determination: return Self.compare(member: record.determination, op, value)
            case .serviceSource: return Self.compare(member: record.serviceSource, op, value)
            case .assignedTo:
                let text = record.assignedTo >= 0 ? strings.string(at: record.assignedTo) : nil
                switch value {
                case .null: return op == .eq ? text == nil : op == .ne ? text != nil : false
                case .text(let literal):
                    guard let text else { return op == .ne }
                    if op == .eq { return text == literal }
                    if op == .ne { return text != literal }
                    let order = text < literal ? -1 : text == literal ? 0 : 1
                    return op.holds(order)
                default: return false
                }
            }
        }
    }

    private static func compare(_ field: Int64, _ op: ComparisonOperator, _ value: FilterValue) -> Bool {
        switch value {
        case .instant(let instant): return op.holds(field < instant ? -1 : field == instant ? 0 : 1)
        case .null: return op == .ne
        default: return false
        }
    }

    private static func compare(member field: UInt8, _ op: ComparisonOperator, _ value: FilterValue) -> Bool {
        switch value {
        case .member(let member):
            guard field < RecordSummary.unknownMember else { return op == .ne }
            return op.holds(field < member ? -1 : field == member ? 0 : 1)
        case .null:
            return op == .eq ? field == RecordSummary.nullMember : op == .ne ? field != RecordSummary.nullMember : false
        default: return false
        }
    }

    /// The tightest range of `property` every matching record lies in, from comparisons joined by `and` at the
    /// top of the filter (used to start a scan of a sorted index by binary search). Bounds are inclusive.
    func range(of property: FilterProperty) -> (lower: Int64?, upper: Int64?) {
        switch self {
        case .and(let left, let right):
            let a = left.range(of: property)
            let b = right.range(of: property)
            let lower = [a.lower, b.lower].compactMap { $0 }.max()
            let upper = [a.upper, b.upper].compactMap { $0 }.min()
            return (lower, upper)
        case .or: return (nil, nil)
        case .comparison(let subject, let op, .instant(let instant)) where subject == property:
            switch op {
            case .eq: return (instant, instant)
            case .ge: return (instant, nil)
            case .gt: return (instant + 1, nil)
            case .le: return (nil, instant)
            case .lt: return (nil, instant - 1)
            case .ne: return (nil, nil)
            }
        case .comparison: return (nil, nil)
        }
    }
}
