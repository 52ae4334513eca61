import Foundation
import JSON
import Testing

@testable import GraphSecurity

/// A Graph stand-in for the paging state machine: honours `lastUpdateDateTime ge/gt/eq`, `createdDateTime ge`, both
/// orders (ties broken by id), `$skip`, `$top`, and sends a nextLink only for the first `nextLinkPages` pages of a
/// query (alerts_v2 is known to omit it).
struct FakeCollection {
    var records: [(id: String, time: String)]
    var nextLinkPages: Int
    /// Every record created at the same instant (to exercise `$skip` inside a crowded instant).
    var sameCreation = false
    let base = "https://graph.microsoft.com/v1.0"

    func created(_ id: String) -> String {
        sameCreation
            ? "2026-01-01T00:00:00Z" : "2026-01-01T00:00:00.\(String(format: "%07d", abs(id.hashValue) % 9_999_999))Z"
    }

    func respond(to url: String) -> (records: [JSON], nextLink: String?) {
        func bound(_ key: String) -> ODataTimestamp? {
            guard let range = url.range(of: key) else { return nil }
            return ODataTimestamp(String(url[range.upperBound...].prefix { $0 != "&" && $0 != "%" }))
        }
        func parameter(_ name: String) -> Int? {
            guard let range = url.range(of: "\(name)=") else { return nil }
            return Int(url[range.upperBound...].prefix { $0.isNumber })
        }
        let byCreation = url.contains("$orderby=createdDateTime")
        let rows = records.map { (id: $0.id, time: ODataTimestamp($0.time)!, created: ODataTimestamp(created($0.id))!) }
        let sorted = rows.sorted {
            byCreation ? ($0.created, $0.id) < ($1.created, $1.id) : ($0.time, $0.id) < ($1.time, $1.id)
        }
        let ge = bound("lastUpdateDateTime%20ge%20")
        let gt = bound("lastUpdateDateTime%20gt%20")
        let eq = bound("lastUpdateDateTime%20eq%20")
        let createdFrom = bound("createdDateTime%20ge%20")
        let matching = sorted.filter { row in
            (ge.map { row.time >= $0 } ?? true) && (gt.map { row.time > $0 } ?? true)
                && (eq.map { row.time == $0 } ?? true) && (createdFrom.map { row.created >= $0 } ?? true)
        }
        let top = parameter("$top")!
        let offset = (parameter("$skip") ?? 0) + (parameter("$skiptoken") ?? 0)
        let page = Array(matching.dropFirst(offset).prefix(top))
        let pageIndex = (parameter("$skiptoken") ?? 0) / top
        var nextLink: String?
        if offset + top < matching.count && pageIndex + 1 < nextLinkPages {
            let stripped = url.components(separatedBy: "&$skiptoken=")[0]
            nextLink = stripped + "&$skiptoken=\(offset + top - (parameter("$skip") ?? 0))"
        }
        let json: [JSON] = page.map {
            [
                "id": .string($0.id), "lastUpdateDateTime": .string("\($0.time)"),
                "createdDateTime": .string("\($0.created)"),
            ]
        }
        return (json, nextLink)
    }

    /// Runs the cursor to the end; returns every yielded id and the modes used.
    func drain(
        pageSize: Int, start: Watermark? = nil
    ) throws -> (ids: [String], modes: [PagingMode], cursor: PageCursor) {
        var cursor = PageCursor(
            query: GraphQuery(source: .alerts, pageSize: pageSize), apiBase: base,
            graphOrigin: "https://graph.microsoft.com:443", start: start)
        var ids: [String] = []
        var modes: [PagingMode] = []
        var guardCount = 0
        while let request = cursor.next {
            guardCount += 1
            if guardCount > 1000 { Issue.record("paging did not end"); break }
            modes.append(request.mode)
            let response = respond(to: request.url)
            ids += try cursor.accept(records: response.records, nextLink: response.nextLink).map {
                response.records[$0]["id"]!.stringValue!
            }
        }
        return (ids, modes, cursor)
    }
}

@Suite struct PageCursorTests {
    static func dataset(count: Int, tieEvery: Int) -> [(id: String, time: String)] {
        (0..<count).map { index in
            let second = index / tieEvery
            return (
                "alert-\(index)",
                "2026-01-31T00:\(String(format: "%02d", second / 60)):\(String(format: "%02d", second % 60))Z"
            )
        }
    }

    @Test(arguments: [
        (25, 1, 5, 100), (25, 1, 5, 0), (25, 3, 5, 2), (40, 7, 5, 0), (40, 12, 5, 1), (12, 12, 5, 0), (30, 30, 7, 0),
        (10, 1, 10, 0), (0, 1, 5, 0),
    ])
    func everyRecordExactlyOnce(count: Int, tieEvery: Int, pageSize: Int, nextLinkPages: Int) throws {
        let collection = FakeCollection(
            records: Self.dataset(count: count, tieEvery: tieEvery), nextLinkPages: nextLinkPages)
        let result = try collection.drain(pageSize: pageSize)
        #expect(result.ids.sorted() == collection.records.map(\.id).sorted())
        #expect(Set(result.ids).count == result.ids.count)
        if count > pageSize && nextLinkPages == 0 { #expect(result.modes.contains(.watermark)) }
        if nextLinkPages > 1 && count > pageSize { #expect(result.modes.contains(.nextLink)) }
    }

    @Test func theWatermarkEndsAtTheLastInstantWithItsIds() throws {
        let records = [("a", "2026-01-31T00:00:01Z"), ("b", "2026-01-31T00:00:02Z"), ("c", "2026-01-31T00:00:02Z")]
        let result = try FakeCollection(records: records, nextLinkPages: 0).drain(pageSize: 2)
        #expect(
            result.cursor.watermark == Watermark(time: ODataTimestamp("2026-01-31T00:00:02Z")!, idsAtTime: ["b", "c"]))
    }

    @Test func aCheckpointResumesWithoutRepeatsOrLosses() throws {
        var records = Self.dataset(count: 20, tieEvery: 4)
        let first = try FakeCollection(records: records, nextLinkPages: 0).drain(pageSize: 3)
        let watermark = try #require(first.cursor.watermark)
        // Two records arrive at the watermark instant, three later.
        records += [("late-1", watermark.time.description), ("late-2", watermark.time.description)]
        records += [
            ("new-1", "2026-02-01T00:00:00Z"), ("new-2", "2026-02-01T00:00:00Z"), ("new-3", "2026-02-02T00:00:00Z"),
        ]
        let second = try FakeCollection(records: records, nextLinkPages: 0).drain(pageSize: 3, start: watermark)
        #expect(second.ids.sorted() == ["late-1", "late-2", "new-1", "new-2", "new-3"])
        #expect(second.modes.first == .first)
    }

    @Test func aNextLinkToAnotherOriginIsRefused() throws {
        var cursor = PageCursor(
            query: GraphQuery(source: .alerts, pageSize: 1), apiBase: "https://graph.microsoft.com/v1.0",
            graphOrigin: "https://graph.microsoft.com:443", start: nil)
        let url = try #require(cursor.next?.url)
        #expect(
            throws: GraphPagingError(
                url: url,
                reason: "Graph's @odata.nextLink leads to 'https://graph.evil.example:443', not to "
                    + "'https://graph.microsoft.com:443'; the access token is not sent to another origin")
        ) {
            try cursor.accept(
                records: [["id": "a", "lastUpdateDateTime": "2026-01-31T00:00:00Z"]],
                nextLink: "https://graph.evil.example/v1.0/security/alerts_v2?$skiptoken=1")
        }
    }

    @Test func aServerThatIgnoresTheQueryIsReportedNotLoopedOn() throws {
        var cursor = PageCursor(
            query: GraphQuery(source: .alerts, pageSize: 2), apiBase: "https://graph.microsoft.com/v1.0",
            graphOrigin: "https://graph.microsoft.com:443", start: nil)
        let page: [JSON] = [
            ["id": "a", "lastUpdateDateTime": "2026-01-31T00:00:00Z"],
            ["id": "b", "lastUpdateDateTime": "2026-01-31T00:00:00Z"],
        ]
        #expect(try cursor.accept(records: page, nextLink: nil).count == 2)
        #expect(cursor.next?.mode == .watermark)
        #expect(
            cursor.next?.url
                == "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20eq%20"
                + "2026-01-31T00:00:00Z&$orderby=createdDateTime%20asc&$top=2")
        #expect(try cursor.accept(records: page, nextLink: nil).isEmpty)
        let url = try #require(cursor.next?.url)
        #expect(
            throws: GraphPagingError(
                url: url,
                reason: "Graph returned only records already received at lastUpdateDateTime 2026-01-31T00:00:00Z "
                    + "(it may ignore $filter, $orderby or $skip)")
        ) { try cursor.accept(records: page, nextLink: nil) }
    }

    @Test func aCrowdedInstantIsReadByCreationTimeThenLeft() throws {
        // 40 records at one instant, pages of 5, no nextLink: more than $skip could reach at scale.
        var records = Self.dataset(count: 40, tieEvery: 40)
        records += [("later-1", "2026-02-01T00:00:00Z"), ("later-2", "2026-02-02T00:00:00Z")]
        let collection = FakeCollection(records: records, nextLinkPages: 0)
        let result = try collection.drain(pageSize: 5)
        #expect(result.ids.sorted() == records.map(\.id).sorted())
        #expect(Set(result.ids).count == result.ids.count)
        #expect(result.cursor.watermark?.time == ODataTimestamp("2026-02-02T00:00:00Z"))
    }

    @Test func recordsCreatedAtOneInstantAreSkippedPast() throws {
        let records = Self.dataset(count: 23, tieEvery: 23)
        let collection = FakeCollection(records: records, nextLinkPages: 0, sameCreation: true)
        let result = try collection.drain(pageSize: 5)
        #expect(result.ids.sorted() == records.map(\.id).sorted())
        #expect(Set(result.ids).count == 23)
    }

    @Test func recordsWithoutTimestampsAreKeptNotFatal() throws {
        var cursor = PageCursor(
            query: GraphQuery(source: .alerts, pageSize: 5), apiBase: "https://graph.microsoft.com/v1.0",
            graphOrigin: "https://graph.microsoft.com:443", start: nil)
        let records = try cursor.accept(
            records: [["id": "a"], ["id": "b", "lastUpdateDateTime": "garbage"]], nextLink: nil)
        #expect(records == [0, 1])
        #expect(cursor.next == nil)
    }

    @Test func aWatermarkEncodesDeterministically() throws {
        let watermark = Watermark(time: ODataTimestamp("2026-01-31T10:00:00.1234567Z")!, idsAtTime: ["b", "a", "c"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(watermark), as: UTF8.self)
        #expect(text == #"{"ids_at_time":["a","b","c"],"time":"2026-01-31T10:00:00.1234567Z"}"#)
        #expect(try JSONDecoder().decode(Watermark.self, from: Data(text.utf8)) == watermark)
    }
}
