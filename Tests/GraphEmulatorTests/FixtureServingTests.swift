import Foundation
import GraphEmulator
import JSON
import Testing

/// The shared fixtures (Microsoft's documented examples) come back exactly as given: same members, same order,
/// same values.
@Suite struct FixtureServingTests {
    static let prefer = [("Prefer", "include-unknown-enum-members")]

    static func load(_ name: String) throws -> JSON {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture(name)))
        return try JSON(parsing: data, options: JSONParseOptions(allowTrailingCommas: true))
    }

    static func assertSameOrder(_ served: JSON, _ given: JSON) {
        #expect(served == given)
        #expect(served.encodedString() == given.encodedString())
    }

    @Test func servesTheListAlertsExampleUnchanged() async throws {
        let fixture = "security-list-alerts_v2.response.json"
        let dataSet = try DataSet.files([TestData.fixture(fixture)])
        try await GraphEmulator.withRunning(TestData.configuration(dataSet: dataSet)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let list = try await http.get(emulator.alertsURL, token: token, headers: Self.prefer).json()
                let given = try Self.load(fixture)
                Self.assertSameOrder(try #require(list["value"]), try #require(given["value"]))

                let id = try #require(given["value"]?[0]?["id"]?.stringValue)
                var single = try await http.get(emulator.alertsURL + "/" + id, token: token, headers: Self.prefer)
                    .json()
                #expect(
                    single["@odata.context"]
                        == .string(emulator.graphRoot + "/v1.0/$metadata#security/alerts_v2/$entity"))
                single["@odata.context"] = nil
                Self.assertSameOrder(single, try #require(given["value"]?[0]))
            }
        }
    }

    @Test func servesTheIncidentExamplesUnchanged() async throws {
        for fixture in ["security-list-incidents.response.json", "security-incident-get.response.json"] {
            let dataSet = try DataSet.files([TestData.fixture(fixture)])
            try await GraphEmulator.withRunning(TestData.configuration(dataSet: dataSet)) { emulator in
                try await TestHTTP.with { http in
                    let token = try await http.token(emulator)
                    let list = try await http.get(emulator.incidentsURL, token: token, headers: Self.prefer).json()
                    let given = try Self.load(fixture)
                    let expected = given["value"]?.arrayValue ?? [given]
                    Self.assertSameOrder(try #require(list["value"]), .array(expected))
                    var single = try await http.get(emulator.incidentsURL + "/2972395", token: token).json()
                    single["@odata.context"] = nil
                    Self.assertSameOrder(single, expected[0])
                }
            }
        }
    }

    @Test func servesTheExpandedIncidentExampleUnchanged() async throws {
        let fixture = "security-list-incidents.expand-alerts.response.json"
        let dataSet = try DataSet.files([TestData.fixture(fixture)])
        try await GraphEmulator.withRunning(TestData.configuration(dataSet: dataSet)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let given = try Self.load(fixture)
                let expanded = try await http.get(
                    emulator.incidentsURL + "?$expand=alerts", token: token, headers: Self.prefer
                ).json()
                #expect(
                    expanded["@odata.context"]
                        == .string(emulator.graphRoot + "/v1.0/$metadata#security/incidents(alerts())"))
                Self.assertSameOrder(try #require(expanded["value"]), try #require(given["value"]))

                // Without $expand the incident comes without its alerts; the alert is served by alerts_v2 too.
                let plain = try await http.get(emulator.incidentsURL, token: token).json()
                var expectedIncident = try #require(given["value"]?[0])
                expectedIncident["alerts"] = nil
                Self.assertSameOrder(try #require(plain["value"]?[0]), expectedIncident)
                let alerts = try await http.get(emulator.alertsURL, token: token, headers: Self.prefer).json()
                Self.assertSameOrder(try #require(alerts["value"]), try #require(given["value"]?[0]?["alerts"]))
                let ofIncident = try await http.get(emulator.incidentsURL + "/2972395/alerts", token: token).json()
                Self.assertSameOrder(try #require(ofIncident["value"]), try #require(given["value"]?[0]?["alerts"]))
            }
        }
    }

    @Test func reportsAFileThatIsNotJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("broken.json").path
        try Data("{\"value\": [1,\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: DataSetError.self) { try DataSet.files([path]) }
        #expect(error?.description.hasPrefix("\(path): invalid JSON at line 2, column 1: ") == true)
        try Data("{\"value\": [1]}".utf8).write(to: URL(fileURLWithPath: path))
        let notObject = #expect(throws: DataSetError.self) { try DataSet.files([path]) }
        #expect(notObject?.description == "\(path): record 1 is number, not an object")
    }
}
