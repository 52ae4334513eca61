/// The records of one entity set in query order: their summaries by sequence number (insertion order) and two
/// indexes sorted by (`createdDateTime`, sequence) and (`lastUpdateDateTime`, sequence). Pages are cut by keyset:
/// a cursor is the sort key of the last record served, so paging stays exact while records are added.
struct RecordTable: Sendable {
    private(set) var summaries: [RecordSummary] = []
    private var byCreated: [Int32] = []
    private var byUpdate: [Int32] = []

    var count: Int { summaries.count }

    /// Loads many records at once (sorting once instead of inserting one by one).
    mutating func load(_ records: [RecordSummary]) {
        summaries.append(contentsOf: records)
        byCreated = Array(0..<Int32(summaries.count))
        byUpdate = byCreated
        let summaries = self.summaries
        byCreated.sort { Self.precedes(summaries[Int($0)].created, $0, summaries[Int($1)].created, $1) }
        byUpdate.sort { Self.precedes(summaries[Int($0)].lastUpdate, $0, summaries[Int($1)].lastUpdate, $1) }
    }

    mutating func append(_ summary: RecordSummary) -> Int32 {
        let sequence = Int32(summaries.count)
        summaries.append(summary)
        byCreated.insert(
            sequence, at: position(in: byCreated, .createdDateTime, after: (summary.created, sequence - 1)))
        byUpdate.insert(
            sequence, at: position(in: byUpdate, .lastUpdateDateTime, after: (summary.lastUpdate, sequence - 1)))
        return sequence
    }

    mutating func replace(_ sequence: Int32, with summary: RecordSummary) {
        let old = summaries[Int(sequence)]
        if old.created != summary.created {
            byCreated.remove(at: position(in: byCreated, .createdDateTime, after: (old.created, sequence - 1)))
        }
        if old.lastUpdate != summary.lastUpdate {
            byUpdate.remove(at: position(in: byUpdate, .lastUpdateDateTime, after: (old.lastUpdate, sequence - 1)))
        }
        summaries[Int(sequence)] = summary
        if old.created != summary.created {
            byCreated.insert(
                sequence, at: position(in: byCreated, .createdDateTime, after: (summary.created, sequence - 1)))
        }
        if old.lastUpdate != summary.lastUpdate {
            byUpdate.insert(
                sequence, at: position(in: byUpdate, .lastUpdateDateTime, after: (summary.lastUpdate, sequence - 1)))
        }
    }

    static func precedes(_ a: Int64, _ sa: Int32, _ b: Int64, _ sb: Int32) -> Bool {
        a < b || (a == b && sa < sb)
    }

    private func key(_ sequence: Int32, _ property: FilterProperty) -> Int64 {
        property == .createdDateTime ? summaries[Int(sequence)].created : summaries[Int(sequence)].lastUpdate
    }

    /// The first position in `index` whose key is greater than `cursor`.
    private func position(in index: [Int32], _ property: FilterProperty, after cursor: (Int64, Int32)) -> Int {
        var low = 0
        var high = index.count
        while low < high {
            let middle = (low + high) / 2
            let sequence = index[middle]
            if Self.precedes(cursor.0, cursor.1, key(sequence, property), sequence) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// One page of sequence numbers matching the query, in its order.
    func page(_ query: PageRequest, strings: StringPool) -> PageResult {
        let property: FilterProperty = query.order.property
        let index = property == .createdDateTime ? byCreated : byUpdate
        var low = 0
        var high = index.count
        if let range = query.filter?.range(of: property) {
            if let lower = range.lower { low = position(in: index, property, after: (lower, -1)) }
            if let upper = range.upper { high = position(in: index, property, after: (upper, Int32.max)) }
        }
        let total: Int? =
            query.count
            ? (low < high
                ? (low..<high).reduce(0) { count, slot in
                    count + (query.filter?.matches(summaries[Int(index[slot])], strings: strings) ?? true ? 1 : 0)
                } : 0) : nil
        if let cursor = query.cursor {
            if query.order.descending {
                high = min(high, position(in: index, property, after: (cursor.key, cursor.sequence - 1)))
            } else {
                low = max(low, position(in: index, property, after: (cursor.key, cursor.sequence)))
            }
        }
        var selected: [Int32] = []
        selected.reserveCapacity(min(query.top, 1024))
        var skipped = 0
        var hasMore = false
        var slot = query.order.descending ? high - 1 : low
        let step = query.order.descending ? -1 : 1
        while slot >= low && slot < high {
            let sequence = index[slot]
            slot += step
            if let filter = query.filter, !filter.matches(summaries[Int(sequence)], strings: strings) { continue }
            if skipped < query.skip {
                skipped += 1
                continue
            }
            if selected.count == query.top {
                hasMore = true
                break
            }
            selected.append(sequence)
        }
        let last = selected.last.map { PageCursor(key: key($0, property), sequence: $0) }
        return PageResult(sequences: selected, total: total, hasMore: hasMore, last: last)
    }
}

/// What to list: filter, order, the page's size and start.
struct PageRequest: Sendable {
    var filter: FilterExpression?
    var order: SortOrder
    var top: Int
    var skip: Int
    var cursor: PageCursor?
    var count: Bool
}

struct SortOrder: Sendable, Hashable {
    var property: FilterProperty
    var descending: Bool
}

/// The sort key of the last record a page served.
struct PageCursor: Sendable, Hashable {
    var key: Int64
    var sequence: Int32
}

struct PageResult: Sendable {
    var sequences: [Int32]
    var total: Int?
    var hasMore: Bool
    var last: PageCursor?
}
