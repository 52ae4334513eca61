import JSON

/// The paging state machine, free of I/O: which URL comes next, which records are new, where the watermark stands.
///
/// Follows `@odata.nextLink` whole while Graph sends one (same origin only: the token must not leave for another
/// host). When a full page arrives without one (alerts_v2 is known to omit it), continues with
/// `lastUpdateDateTime ge <watermark>` ordered ascending, dropping the ids already seen at the watermark instant; when a
/// whole page shares one instant, `$skip` moves past the records received at it.
struct PageCursor: Sendable {
    struct Request: Sendable, Hashable {
        var url: String
        var mode: PagingMode
    }

    let query: GraphQuery
    let apiBase: String
    let graphOrigin: String?
    /// `false` after the incidents `$expand=alerts` fallback.
    var expand: Bool
    private(set) var watermark: Watermark?
    /// Ids received in this run at the watermark instant (repeats included); `$skip` counts them.
    private var receivedAtWatermark: Set<String> = []
    private(set) var next: Request?
    private(set) var pageNumber = 0

    init(query: GraphQuery, apiBase: String, graphOrigin: String?, start: Watermark?) {
        self.query = query
        self.apiBase = apiBase
        self.graphOrigin = graphOrigin
        self.expand = query.expandAlerts
        self.watermark = start
        next = Request(url: query.url(apiBase: apiBase, updatedFrom: start?.time), mode: .first)
    }

    /// Takes the response to `next`: returns the new records and sets `next` (nil when the source is read).
    mutating func accept(records: [JSON], nextLink: String?) throws(GraphPagingError) -> [JSON] {
        guard let request = next else { return [] }
        pageNumber += 1
        var fresh: [JSON] = []
        fresh.reserveCapacity(records.count)
        var progress = false
        // Whether every record of the page has one and the same instant (then `$skip` is needed to move on).
        var pageInstant: ODataTimestamp?
        var oneInstant = !records.isEmpty
        for record in records {
            let id = record["id"]?.stringValue
            guard let text = record["lastUpdateDateTime"]?.stringValue, let time = ODataTimestamp(text) else {
                fresh.append(record)
                progress = true
                oneInstant = false
                continue
            }
            if oneInstant {
                if let pageInstant, pageInstant != time { oneInstant = false }
                pageInstant = time
            }
            if let current = watermark, time < current.time {
                // Behind the watermark: a query we built has read it already; a nextLink page is Graph's own order.
                if request.mode != .watermark {
                    fresh.append(record)
                    progress = true
                }
                continue
            }
            if let current = watermark, time == current.time {
                if let id {
                    if receivedAtWatermark.insert(id).inserted { progress = true }
                    if watermark!.idsAtTime.insert(id).inserted { fresh.append(record) }
                } else {
                    fresh.append(record)
                    progress = true
                }
                continue
            }
            watermark = Watermark(time: time, idsAtTime: id.map { [$0] } ?? [])
            receivedAtWatermark = id.map { [$0] } ?? []
            fresh.append(record)
            progress = true
        }
        let allAtOneInstant = oneInstant && pageInstant == watermark?.time

        if let nextLink {
            guard let origin = GraphEndpoints.origin(of: nextLink), origin == graphOrigin else {
                throw GraphPagingError(
                    url: request.url,
                    reason: "Graph's @odata.nextLink leads to '\(GraphEndpoints.origin(of: nextLink) ?? nextLink)', "
                        + "not to '\(graphOrigin ?? apiBase)'; the access token is not sent to another origin")
            }
            guard nextLink != request.url else {
                throw GraphPagingError(url: request.url, reason: "Graph's @odata.nextLink points to the same page")
            }
            next = Request(url: nextLink, mode: .nextLink)
            return fresh
        }
        guard records.count >= query.pageSize else {
            next = nil
            return fresh
        }
        // A full page without a nextLink: continue from the watermark.
        guard let watermark else {
            throw GraphPagingError(
                url: request.url,
                reason: "a full page arrived without @odata.nextLink and its records have no lastUpdateDateTime to "
                    + "continue from")
        }
        if request.mode == .watermark && !progress {
            throw GraphPagingError(
                url: request.url,
                reason: "Graph returned only records already received at lastUpdateDateTime \(watermark.time) "
                    + "(it may ignore $orderby or $skip)")
        }
        let skip = allAtOneInstant ? receivedAtWatermark.count : 0
        next = Request(
            url: query.url(apiBase: apiBase, updatedFrom: watermark.time, skip: skip, expand: expand), mode: .watermark)
        return fresh
    }

    /// Drops `$expand=alerts` from now on, re-reading from the watermark (the records already yielded are skipped).
    mutating func disableExpand() {
        expand = false
        next = Request(
            url: query.url(apiBase: apiBase, updatedFrom: watermark?.time, expand: false),
            mode: next?.mode == .first && pageNumber == 0 ? .first : .watermark)
    }
}
