/// One source's list request: the collection, its filter, the page size and whether incidents come with their alerts.
/// Builds the exact URLs the client requests — the same text `temsync plan` prints.
public struct GraphQuery: Sendable, Hashable {
    public var source: GraphSource
    public var filter: SourceFilter
    /// `$top`, 1…1000.
    public var pageSize: Int
    /// Incidents only: `$expand=alerts`.
    public var expandAlerts: Bool

    public init(
        source: GraphSource, filter: SourceFilter = SourceFilter(), pageSize: Int? = nil, expandAlerts: Bool = true
    ) {
        self.source = source
        self.filter = filter
        self.pageSize = pageSize ?? source.defaultPageSize
        self.expandAlerts = source == .incidents && expandAlerts
    }

    /// The request URL below `apiBase` (`https://graph.microsoft.com/v1.0`).
    ///
    /// Parameters in a fixed order: `$filter`, `$orderby=lastUpdateDateTime asc` (so the watermark can take over when
    /// Graph omits a nextLink; `createdDateTime asc` inside a crowded instant), `$top`, `$skip` (only past records
    /// sharing one creation instant), `$expand`. Values are percent-encoded (space as `%20`); OData punctuation
    /// (`'`, `(`, `)`, `:`, `,`) is kept readable.
    ///
    /// - Parameters:
    ///   - position: the watermark position (`nil`: the job's filter as written).
    ///   - skip: records to skip.
    ///   - expand: `false` to drop `$expand=alerts` (the per-incident fallback).
    public func url(apiBase: String, position: PagePosition?, skip: Int = 0, expand: Bool? = nil) -> String {
        var parameters: [(String, String)] = []
        if let expression = filter.expression(position: position) { parameters.append(("$filter", expression)) }
        if case .within = position {
            parameters.append(("$orderby", "createdDateTime asc"))
        } else {
            parameters.append(("$orderby", "lastUpdateDateTime asc"))
        }
        parameters.append(("$top", String(pageSize)))
        if skip > 0 { parameters.append(("$skip", String(skip))) }
        if expand ?? expandAlerts, source == .incidents { parameters.append(("$expand", "alerts")) }
        let query = parameters.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return "\(apiBase)\(source.path)?\(query)"
    }

    /// The URL from a watermark instant (`lastUpdateDateTime ge updatedFrom`), or from the job's filter.
    public func url(apiBase: String, updatedFrom: ODataTimestamp? = nil, skip: Int = 0, expand: Bool? = nil) -> String {
        url(apiBase: apiBase, position: updatedFrom.map { .from($0) }, skip: skip, expand: expand)
    }

    /// Percent-encodes a query value, keeping unreserved characters and OData punctuation.
    public static func encode(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ":"),
                UInt8(ascii: ","), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "*"), UInt8(ascii: "$"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
