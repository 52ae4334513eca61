import Testing

@testable import GraphSecurity

@Suite struct ODataQueryTests {
    let since = ODataTimestamp("2026-01-31T00:00:00Z")!

    @Test func buildsTheFilterInTheDocumentedOrder() {
        let filter = SourceFilter(
            severity: ["high", "medium"], status: ["new", "inProgress"], classification: ["truePositive"],
            determination: ["malware"],
            serviceSource: ["microsoftDefenderForEndpoint", "microsoftDefenderForOffice365"],
            assignedTo: ["secops@contoso.com", nil], updatedSince: since,
            updatedBefore: ODataTimestamp("2026-02-01T12:30:00+02:00"),
            createdSince: ODataTimestamp("2026-01-01T00:00:00Z"),
            createdBefore: ODataTimestamp("2026-02-01T00:00:00.5Z"))
        #expect(
            filter.expression()
                == "(severity eq 'high' or severity eq 'medium') and (status eq 'new' or status eq 'inProgress') and "
                + "classification eq 'truePositive' and determination eq 'malware' and "
                + "(serviceSource eq 'microsoftDefenderForEndpoint' or serviceSource eq 'microsoftDefenderForOffice365') and "
                + "(assignedTo eq 'secops@contoso.com' or assignedTo eq null) and lastUpdateDateTime ge 2026-01-31T00:00:00Z and "
                + "lastUpdateDateTime lt 2026-02-01T10:30:00Z and createdDateTime ge 2026-01-01T00:00:00Z and "
                + "createdDateTime lt 2026-02-01T00:00:00.5Z")
    }

    @Test func escapesQuotesAndKeepsValueOrder() {
        let filter = SourceFilter(assignedTo: ["o'brien@contoso.com", "a&b#c+d%e@contoso.com"])
        #expect(
            filter.expression() == "(assignedTo eq 'o''brien@contoso.com' or assignedTo eq 'a&b#c+d%e@contoso.com')")
        let url = GraphQuery(source: .alerts, filter: filter).url(apiBase: "https://graph.microsoft.com/v1.0")
        #expect(
            url
                == "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=(assignedTo%20eq%20'o''brien@contoso.com'"
                + "%20or%20assignedTo%20eq%20'a%26b%23c%2Bd%25e@contoso.com')&$orderby=lastUpdateDateTime%20asc&$top=1000"
        )
    }

    @Test func anEmptyFilterHasNoFilterParameter() {
        #expect(SourceFilter().expression() == nil)
        #expect(
            GraphQuery(source: .incidents).url(apiBase: "https://graph.microsoft.us/v1.0")
                == "https://graph.microsoft.us/v1.0/security/incidents?$orderby=lastUpdateDateTime%20asc&$top=50&$expand=alerts"
        )
    }

    @Test func theWatermarkReplacesAnEarlierUpdatedSince() {
        let filter = SourceFilter(severity: ["high"], updatedSince: since)
        let later = ODataTimestamp("2026-02-03T04:05:06.1234567Z")!
        #expect(
            filter.expression(updatedFrom: later)
                == "severity eq 'high' and lastUpdateDateTime ge 2026-02-03T04:05:06.1234567Z")
        #expect(
            filter.expression(updatedFrom: ODataTimestamp("2025-01-01T00:00:00Z"))
                == "severity eq 'high' and lastUpdateDateTime ge 2026-01-31T00:00:00Z")
    }

    @Test func incidentsCanBeReadWithoutExpansionAndAlertsNeverExpand() {
        let incidents = GraphQuery(
            source: .incidents, filter: SourceFilter(status: ["active"]), pageSize: 25, expandAlerts: false)
        #expect(
            incidents.url(apiBase: "https://graph.microsoft.com/v1.0", skip: 25)
                == "https://graph.microsoft.com/v1.0/security/incidents?$filter=status%20eq%20'active'"
                + "&$orderby=lastUpdateDateTime%20asc&$top=25&$skip=25")
        #expect(!GraphQuery(source: .alerts, expandAlerts: true).expandAlerts)
    }

    @Test func timestampsParseAndPrintExactly() throws {
        let graph = try #require(ODataTimestamp("2022-01-23T11:50:27.8533333Z"))
        #expect(graph.description == "2022-01-23T11:50:27.8533333Z")
        #expect(ODataTimestamp("2022-01-23T11:50:27.85333330Z") == graph)
        #expect(ODataTimestamp("2022-01-23T13:50:27.8533333+02:00") == graph)
        #expect(ODataTimestamp("2022-01-23T11:50:27.853333Z")! < graph)
        #expect(ODataTimestamp("1969-12-31T23:59:59Z")?.description == "1969-12-31T23:59:59Z")
        #expect(ODataTimestamp("2024-02-29T00:00:00Z")?.description == "2024-02-29T00:00:00Z")
        #expect(ODataTimestamp("2026-01-31") == nil)
        #expect(ODataTimestamp("2026-01-31T00:00:00") == nil)
        #expect(ODataTimestamp("yesterday") == nil)
        #expect(graph.subtracting(.seconds(30)).description == "2022-01-23T11:49:57.8533333Z")
        #expect(
            ODataTimestamp.ago(.seconds(7 * 86_400), now: ODataTimestamp("2026-02-07T10:00:00Z")!.date).description
                == "2026-01-31T10:00:00Z")
    }
}
