import JSON

/// The paging state machine, free of I/O: which URL comes next, which records are new, where the watermark stands.
///
/// Follows `@odata.nextLink` whole while Graph sends one (same origin only: the token must not leave for another
/// host). When a full page arrives without one (alerts_v2 is known to omit it), continues with
/// `lastUpdateDateTime ge <watermark>` ordered ascending, dropping the ids already seen at the watermark instant. When a
/// whole page shares one instant, more records may share it than a page holds: they are read with
/// `lastUpdateDateTime eq <instant>` ordered by `createdDateTime` (its own small watermark, `$skip` only past records
/// created at the same instant), then paging goes on with `lastUpdateDateTime gt <instant>`.
struct PageCursor: Sendable {
    struct Request: Sendable, Hashable {
        var url: String
        var mode: PagingMode
    }

    /// Reading through one crowded `lastUpdateDateTime` instant by `createdDateTime`.
    struct Crowd: Sendable {
        var time: ODataTimestamp
        var created: ODataTimestamp?
        /// Ids received at `created` (for `$skip` when a whole page was created at one instant).
        var receivedAtCreated: Set<String> = []
        /// Ids received while reading the crowd (progress).
        var received: Set<String> = []
    }

    /// Graph refuses a larger `$skip` (GRAPH.md §2).
    static let maxSkip = 500

    let query: GraphQuery
    let apiBase: String
    let graphOrigin: String?
    /// `false` after the incidents `$expand=alerts` fallback.
    var expand: Bool
    private(set) var watermark: Watermark?
    private var crowd: Crowd?
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

    /// Takes the response to `next`: returns the positions of the new records (in `records`, in order) and sets `next`
    /// (nil when the source is read).
    mutating func accept(records: [JSON], nextLink: String?) throws(GraphPagingError) -> [Int] {
        guard let request = next else { return [] }
        pageNumber += 1
        var fresh: [Int] = []
        fresh.reserveCapacity(records.count)
        var progress = false
        // Whether every record of the page has one and the same instant (then the crowd must be read).
        var pageInstant: ODataTimestamp?
        var oneInstant = !records.isEmpty
        var createdInstant: ODataTimestamp?
        var oneCreatedInstant = !records.isEmpty
        for (position, record) in records.enumerated() {
            let id = record["id"]?.stringValue
            guard let text = record["lastUpdateDateTime"]?.stringValue, let time = ODataTimestamp(text) else {
                fresh.append(position)
                progress = true
                oneInstant = false
                continue
            }
            if oneInstant {
                if let pageInstant, pageInstant != time { oneInstant = false }
                pageInstant = time
            }
            if crowd != nil {
                let created = (record["createdDateTime"]?.stringValue).flatMap(ODataTimestamp.init)
                if let created, oneCreatedInstant, createdInstant == nil || createdInstant == created {
                    createdInstant = created
                } else {
                    oneCreatedInstant = false
                }
                noteCrowd(id: id, created: created, progress: &progress)
            }
            if let current = watermark, time < current.time {
                // Behind the watermark: a query we built has read it already; a nextLink page is Graph's own order.
                if request.mode != .watermark {
                    fresh.append(position)
                    progress = true
                }
                continue
            }
            if let current = watermark, time == current.time {
                if let id {
                    if watermark!.idsAtTime.insert(id).inserted {
                        fresh.append(position)
                        progress = true
                    }
                } else {
                    fresh.append(position)
                    progress = true
                }
                continue
            }
            watermark = Watermark(time: time, idsAtTime: id.map { [$0] } ?? [])
            fresh.append(position)
            progress = true
        }

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
        let full = records.count >= query.pageSize
        if let current = crowd {
            // Reading a crowded instant by createdDateTime.
            guard full else {
                crowd = nil
                next = watermarkRequest(.after(current.time))
                return fresh
            }
            guard progress else { throw noProgress(request, at: current.time) }
            var skip = 0
            if oneCreatedInstant, createdInstant != nil, createdInstant == current.created {
                skip = current.receivedAtCreated.count
                guard skip <= Self.maxSkip else {
                    throw GraphPagingError(
                        url: request.url,
                        reason: "more than \(Self.maxSkip) records share lastUpdateDateTime \(current.time) and "
                            + "createdDateTime \(createdInstant!); Graph cannot page past them")
                }
            }
            next = watermarkRequest(.within(current.time, createdFrom: current.created), skip: skip)
            return fresh
        }
        guard full else {
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
        if request.mode == .watermark && !progress { throw noProgress(request, at: watermark.time) }
        if oneInstant && pageInstant == watermark.time {
            crowd = Crowd(time: watermark.time)
            next = watermarkRequest(.within(watermark.time, createdFrom: nil))
        } else {
            next = watermarkRequest(.from(watermark.time))
        }
        return fresh
    }

    private mutating func noteCrowd(id: String?, created: ODataTimestamp?, progress: inout Bool) {
        guard let id else { return }
        if crowd!.received.insert(id).inserted { progress = true }
        guard let created else { return }
        if crowd!.created == nil || created > crowd!.created! {
            crowd!.created = created
            crowd!.receivedAtCreated = [id]
        } else if created == crowd!.created {
            crowd!.receivedAtCreated.insert(id)
        }
    }

    private func watermarkRequest(_ position: PagePosition, skip: Int = 0) -> Request {
        Request(url: query.url(apiBase: apiBase, position: position, skip: skip, expand: expand), mode: .watermark)
    }

    private func noProgress(_ request: Request, at time: ODataTimestamp) -> GraphPagingError {
        GraphPagingError(
            url: request.url,
            reason: "Graph returned only records already received at lastUpdateDateTime \(time) "
                + "(it may ignore $filter, $orderby or $skip)")
    }

    /// Drops `$expand=alerts` from now on, re-reading from the watermark (the records already yielded are skipped).
    mutating func disableExpand() {
        expand = false
        crowd = nil
        next = Request(
            url: query.url(apiBase: apiBase, updatedFrom: watermark?.time, expand: false),
            mode: next?.mode == .first && pageNumber == 0 ? .first : .watermark)
    }
}
