import Testing

@testable import GraphSecurity

@Suite struct GraphEndpointsTests {
    @Test(arguments: [
        (GraphCloud.global, "https://login.microsoftonline.com", "https://graph.microsoft.com"),
        (GraphCloud.usgov, "https://login.microsoftonline.us", "https://graph.microsoft.us"),
        (GraphCloud.usgov_dod, "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
    ])
    func cloudsHaveTheirHosts(cloud: GraphCloud, login: String, graph: String) throws {
        let endpoints = try GraphEndpoints(cloud: cloud)
        #expect(endpoints.login == login)
        #expect(endpoints.graph == graph)
        #expect(endpoints.scope == graph + "/.default")
        #expect(
            endpoints.tokenURL(tenant: "contoso.onmicrosoft.com") == login
                + "/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(endpoints.apiBase == graph + "/v1.0")
    }

    @Test func chinaIsRefused() {
        let message =
            "cloud 'china' is not supported: the Microsoft Graph security API (alerts_v2, incidents) is not available "
            + "in Microsoft Graph China operated by 21Vianet"
        #expect(throws: GraphConfigurationError(message)) { try GraphEndpoints(cloud: .china) }
        #expect(throws: GraphConfigurationError(message)) {
            try GraphEndpoints.resolve(cloud: .china, override: ("http://127.0.0.1:1", "http://127.0.0.1:1"))
        }
        #expect(throws: GraphConfigurationError(message)) {
            try GraphConnection(tenantID: "t", clientID: "c", clientSecret: .init("s"), cloud: .china)
        }
    }

    @Test func overridesMayBePlainHTTPOnLoopbackOnly() throws {
        let local = try GraphEndpoints(login: "http://127.0.0.1:8080/", graph: "http://localhost:8080")
        #expect(local.login == "http://127.0.0.1:8080")
        #expect(local.graphOrigin == "http://localhost:8080")
        _ = try GraphEndpoints(login: "http://[::1]:1", graph: "https://graph.example.com")
        #expect(
            throws: GraphConfigurationError(
                "endpoints.graph 'http://graph.example.com' must use https:// (plain http:// is only allowed for loopback addresses)"
            )
        ) { try GraphEndpoints(login: "https://login.example.com", graph: "http://graph.example.com") }
        #expect(throws: GraphConfigurationError("endpoints.login 'ftp://x' must be an https:// URL")) {
            try GraphEndpoints(login: "ftp://x", graph: "https://g")
        }
        #expect(
            throws: GraphConfigurationError("endpoints.login 'login' is not an absolute URL (expected https://host)")
        ) {
            try GraphEndpoints(login: "login", graph: "https://g")
        }
    }

    @Test func malformedIdentifiersAreRefused() {
        #expect(
            throws: GraphConfigurationError(
                "tenant_id 'contoso/../x' is not a tenant ID (a GUID) or a domain name (contoso.onmicrosoft.com)")
        ) { try GraphConnection(tenantID: "contoso/../x", clientID: "c", clientSecret: .init("s")) }
        #expect(throws: GraphConfigurationError("client_id 'a b' is not an application (client) ID (a GUID)")) {
            try GraphConnection(tenantID: "t", clientID: "a b", clientSecret: .init("s"))
        }
    }

    @Test func theConnectionPrintsWithoutItsSecret() throws {
        let connection = try GraphConnection(
            tenantID: "11111111-2222-3333-4444-555555555555", clientID: "66666666-7777-8888-9999-000000000000",
            clientSecret: .init("Zx8Q~very-secret"))
        #expect(
            "\(connection)"
                == "tenant '11111111-2222-3333-4444-555555555555', client '66666666-7777-8888-9999-000000000000', "
                + "token endpoint 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token'"
        )
        #expect(!String(reflecting: connection).contains("very-secret"))
    }
}
