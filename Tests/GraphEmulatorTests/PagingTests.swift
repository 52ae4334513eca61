import GraphEmulator
import JSON
import Testing

/// Every mode of paging visits every record exactly once: nextLink, $skip, and the lastUpdateDateTime watermark.
@Suite struct PagingTests {
    static func ids(_ page: JSON) -> [String] {
        (page["value"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    @Test(arguments: [EntitySetName.alerts, .incidents])
    func nextLinkVisitsEveryRecordOnce(_ set: EntitySetName) async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1234)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let base = set == .alerts ? emulator.alertsURL : emulator.incidentsURL
                var url: String? = base + "?$top=100&$count=true&$filter=createdDateTime%20ge%202020-01-01T00:00:00Z"
                var seen: [String] = []
                var pages = 0
                while let next = url {
                    let page = try await http.get(next, token: token).json()
                    seen += Self.ids(page)
                    #expect(page["@odata.count"]?.intValue != nil)
                    url = page["@odata.nextLink"]?.stringValue
                    if let url {
                        #expect(
                            url.hasPrefix(
                                base
                                    + "?$top=100&$count=true&$filter=createdDateTime%20ge%202020-01-01T00:00:00Z&$skiptoken="
                            ))
                    }
                    pages += 1
                }
                let expected = set == .alerts ? await emulator.store.alertIDs() : await emulator.store.incidentIDs()
                #expect(seen.count == expected.count)
                #expect(Set(seen) == Set(expected))
                #expect(pages == (expected.count + 99) / 100)
            }
        }
    }

    /// Keyset paging stays exact while records arrive: newest-first paging does not see the new ones (they sort
    /// before its cursor), oldest-first paging sees them at the end; neither loses or repeats a record.
    @Test(arguments: ["createdDateTime%20desc", "createdDateTime%20asc"])
    func nextLinkStaysExactWhileRecordsArrive(_ order: String) async throws {
        let clock = ManualClock(TestData.end.addingTimeInterval(60))
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 500, clock: .manual(clock))) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let before = Set(await emulator.store.alertIDs())
                var url: String? = emulator.alertsURL + "?$top=100&$orderby=" + order
                var seen: [String] = []
                var pages = 0
                while let next = url {
                    let page = try await http.get(next, token: token).json()
                    seen += Self.ids(page)
                    url = page["@odata.nextLink"]?.stringValue
                    pages += 1
                    if pages == 2 {
                        for number in 0..<30 { try await emulator.store.addAlert(["id": .string("new-\(number)")]) }
                    }
                }
                #expect(seen.count == Set(seen).count)
                let added = Set(seen).subtracting(before)
                #expect(Set(seen).isSuperset(of: before))
                #expect(added.count == (order.hasSuffix("asc") ? 30 : 0))
            }
        }
    }

    @Test func skipVisitsEveryRecordOnceWithinTheLimit() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 480)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                var seen: [String] = []
                for skip in stride(from: 0, to: 480, by: 60) {
                    let page = try await http.get(emulator.alertsURL + "?$top=60&$skip=\(skip)", token: token).json()
                    seen += Self.ids(page)
                }
                #expect(seen.count == 480)
                #expect(Set(seen) == Set(await emulator.store.alertIDs()))
                let tooFar = try await http.get(emulator.alertsURL + "?$top=10&$skip=501", token: token)
                #expect(tooFar.status == 400)
                #expect(try tooFar.json()["error"]?["message"] == "The value of $skip must not exceed 500.")
            }
        }
    }

    /// The watermark mode of GRAPH.md §2: ascending lastUpdateDateTime, `ge` the last value seen, skipping the ids
    /// already seen at exactly that instant (generated data has alerts sharing an instant).
    @Test func watermarkVisitsEveryRecordOnce() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 900)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                var watermark = "2000-01-01T00:00:00Z"
                var atWatermark = Set<String>()
                var seen: [String] = []
                var sharedInstants = 0
                while true {
                    let url =
                        emulator.alertsURL
                        + "?$top=50&$orderby=lastUpdateDateTime%20asc&$filter=lastUpdateDateTime%20ge%20"
                        + watermark
                    let page = try await http.get(url, token: token).json()
                    let records = page["value"]?.arrayValue ?? []
                    let fresh = records.filter { !atWatermark.contains($0["id"]!.stringValue!) }
                    seen += fresh.compactMap { $0["id"]?.stringValue }
                    guard records.count == 50, let last = records.last?["lastUpdateDateTime"]?.stringValue else {
                        break
                    }
                    let sameInstant = records.filter { $0["lastUpdateDateTime"]?.stringValue == last }
                        .compactMap { $0["id"]?.stringValue }
                    if sameInstant.count > 1 { sharedInstants += 1 }
                    atWatermark = last == watermark ? atWatermark.union(sameInstant) : Set(sameInstant)
                    watermark = last
                }
                #expect(seen.count == 900)
                #expect(Set(seen) == Set(await emulator.store.alertIDs()))
                let times = try await http.get(emulator.alertsURL + "?$top=1000", token: token).json()["value"]!
                    .arrayValue!.compactMap { $0["lastUpdateDateTime"]?.stringValue }
                #expect(Set(times).count < times.count, "generated alerts share lastUpdateDateTime instants")
            }
        }
    }

    @Test func clampsTopAndCountsTheWholeCollection() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1500)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let page = try await http.get(emulator.alertsURL + "?$top=5000&$count=true", token: token).json()
                #expect(page["value"]?.arrayValue?.count == 1000)
                #expect(page["@odata.count"] == 1500)
                #expect(page.objectValue?.keys == ["@odata.context", "@odata.count", "@odata.nextLink", "value"])
            }
        }
    }

    @Test func refusesASkipTokenReplayedWithOtherOptions() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 30)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let page = try await http.get(emulator.alertsURL + "?$top=10", token: token).json()
                let next = try #require(page["@odata.nextLink"]?.stringValue)
                let replayed = next.replacingOccurrences(of: "$top=10", with: "$top=20")
                let refused = try await http.get(replayed, token: token)
                #expect(refused.status == 400)
                #expect(try refused.json()["error"]?["code"] == "BadRequest")
                #expect(try refused.json()["error"]?["message"] == "The $skiptoken is not valid for this request.")
            }
        }
    }

    @Test func ordersByDateBothWays() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 200)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                for (order, ascending) in [("lastUpdateDateTime%20asc", true), ("createdDateTime%20desc", false)] {
                    let page = try await http.get(emulator.alertsURL + "?$top=200&$orderby=" + order, token: token)
                        .json()
                    let key = order.hasPrefix("last") ? "lastUpdateDateTime" : "createdDateTime"
                    let times = page["value"]!.arrayValue!.compactMap { $0[key]?.stringValue }.map {
                        GraphTimestamp(parsing: $0)!
                    }
                    #expect(times.count == 200)
                    #expect(times == (ascending ? times.sorted() : times.sorted(by: >)))
                }
                let refused = try await http.get(emulator.alertsURL + "?$orderby=title", token: token)
                #expect(refused.status == 400)
                #expect(
                    try refused.json()["error"]?["message"] == "Invalid $orderby: ordering by 'title' is not supported."
                )
            }
        }
    }
}

enum EntitySetName: String, Sendable, CustomTestStringConvertible {
    case alerts, incidents
    var testDescription: String { rawValue }
}
