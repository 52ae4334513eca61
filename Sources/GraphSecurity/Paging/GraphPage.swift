import JSON

/// How a page's request was made.
public enum PagingMode: String, Sendable, Hashable {
    /// The query as built from the job (or from the checkpoint's watermark).
    case first
    /// Graph's `@odata.nextLink`, followed whole.
    case nextLink
    /// A query built from the watermark because a full page arrived without a nextLink.
    case watermark
}

/// One page of a source, as the page sequence yields it.
public struct GraphPage: Sendable {
    /// 1 for the first page.
    public var number: Int
    /// The records not yielded before (records repeated at the watermark instant are dropped), in Graph's order.
    public var records: [JSON]
    /// Records in Graph's response, repeats included.
    public var receivedCount: Int
    /// The URL requested.
    public var url: String
    public var mode: PagingMode
    /// Graph's `request-id` for this page.
    public var requestID: String?
    /// The watermark after this page: what a checkpoint stores once every record up to here was delivered.
    public var watermark: Watermark?
    /// Each record's text as Graph wrote it (one line: whitespace between tokens dropped), aligned with `records`,
    /// when the pages were asked for it (`GraphClient.pages(…, rawRecords: true)`). `records` may then hold only the
    /// members the caller reads (the projection it gave).
    public var rawRecords: [RawJSON]?

    public init(
        number: Int, records: [JSON], receivedCount: Int, url: String, mode: PagingMode, requestID: String?,
        watermark: Watermark?, rawRecords: [RawJSON]? = nil
    ) {
        self.number = number
        self.records = records
        self.receivedCount = receivedCount
        self.url = url
        self.mode = mode
        self.requestID = requestID
        self.watermark = watermark
        self.rawRecords = rawRecords
    }
}

/// Paging cannot go on safely.
public struct GraphPagingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var url: String
    public var reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "paging '\(url)' stopped: \(reason)" }
}
