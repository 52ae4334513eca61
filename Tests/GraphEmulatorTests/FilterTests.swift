import GraphEmulator
import JSON
import Testing

/// `$filter` over the documented filterable properties, checked against the records themselves.
@Suite struct FilterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var filter: String
        var holds: @Sendable (JSON) -> Bool
        var testDescription: String { filter }
    }

    static func time(_ record: JSON, _ key: String) -> GraphTimestamp {
        GraphTimestamp(parsing: record[key]!.stringValue!)!
    }

    static let boundary = GraphTimestamp(parsing: "2026-05-20T00:00:00Z")!

    static let cases: [Case] = [
        Case(filter: "severity eq 'high'") { $0["severity"] == "high" },
        Case(filter: "status ne 'new'") { $0["status"] != "new" },
        Case(filter: "serviceSource eq 'microsoftDefenderForOffice365' and severity eq 'medium'") {
            $0["serviceSource"] == "microsoftDefenderForOffice365" && $0["severity"] == "medium"
        },
        Case(filter: "(severity eq 'high' or severity eq 'medium') and status eq 'resolved'") {
            ($0["severity"] == "high" || $0["severity"] == "medium") && $0["status"] == "resolved"
        },
        Case(filter: "lastUpdateDateTime ge 2026-05-20T00:00:00Z") { time($0, "lastUpdateDateTime") >= boundary },
        Case(filter: "lastUpdateDateTime gt 2026-05-20T00:00:00Z") { time($0, "lastUpdateDateTime") > boundary },
        Case(filter: "createdDateTime lt 2026-05-20T00:00:00Z") { time($0, "createdDateTime") < boundary },
        Case(filter: "createdDateTime le 2026-05-20T02:00:00+02:00") { time($0, "createdDateTime") <= boundary },
        Case(filter: "assignedTo eq null") { $0["assignedTo"] == .null },
        Case(filter: "classification eq 'truePositive' or determination eq 'notMalicious'") {
            $0["classification"] == "truePositive" || $0["determination"] == "notMalicious"
        },
    ]

    @Test(arguments: cases) func selectsExactlyTheMatchingAlerts(_ testCase: Case) async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 600)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let all = try await http.get(
                    emulator.alertsURL + "?$top=1000", token: token,
                    headers: [("Prefer", "include-unknown-enum-members")]
                ).json()
                let expected = Set(all["value"]!.arrayValue!.filter(testCase.holds).map { $0["id"]!.stringValue! })
                let encoded = testCase.filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let filtered = try await http.get(emulator.alertsURL + "?$top=1000&$filter=" + encoded, token: token)
                #expect(filtered.status == 200)
                let ids = Set(try filtered.json()["value"]!.arrayValue!.map { $0["id"]!.stringValue! })
                #expect(!expected.isEmpty)
                #expect(ids == expected)
            }
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var filter: String
        var message: String
        var testDescription: String { filter }
    }

    static let refusals: [Refusal] = [
        Refusal(
            filter: "investigationState eq 'running'",
            message: "Invalid filter clause: the property 'investigationState' is not supported in $filter."),
        Refusal(
            filter: "colour eq 'red'",
            message: "Could not find a property named 'colour' on type 'microsoft.graph.security.alert'."),
        Refusal(filter: "severity eq 'High'", message: "The string 'High' is not a valid enumeration type constant."),
        Refusal(
            filter: "lastUpdateDateTime ge '2026-01-01T00:00:00Z'",
            message: "A binary operator with incompatible types was detected. Found operand types "
                + "'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThanOrEqual'."),
        Refusal(filter: "severity eq", message: "Invalid filter clause: Syntax error at position 11 in 'severity eq'."),
        Refusal(
            filter: "severity eq 'high' and (status eq 'new'",
            message: "Invalid filter clause: Syntax error at position 39 in 'severity eq 'high' and (status eq 'new''."),
        Refusal(
            filter: "evidence/any(e: e/microsoft.graph.security.deviceEvidence/deviceDnsName eq 'pc1')",
            message: "Invalid filter clause: 'evidence/any' is not supported by the emulator."),
    ]

    @Test(arguments: refusals) func refusesLikeGraph(_ refusal: Refusal) async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 5)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let encoded = refusal.filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let exchange = try await http.get(emulator.alertsURL + "?$filter=" + encoded, token: token)
                #expect(exchange.status == 400)
                let error = try exchange.json()["error"]
                #expect(error?["code"] == "BadRequest")
                #expect(error?["message"] == .string(refusal.message))
                #expect(error?["innerError"]?.objectValue?.keys == ["date", "request-id", "client-request-id"])
                #expect(error?["innerError"]?["request-id"] == .string(exchange.header("request-id") ?? ""))
            }
        }
    }

    @Test func incidentsRefuseServiceSource() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 5)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let exchange = try await http.get(
                    emulator.incidentsURL + "?$filter=serviceSource%20eq%20'unknown'", token: token)
                #expect(exchange.status == 400)
                #expect(
                    try exchange.json()["error"]?["message"]
                        == "Could not find a property named 'serviceSource' on type 'microsoft.graph.security.incident'."
                )
            }
        }
    }
}
