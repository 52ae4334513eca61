import Diagnostics
import JobSpec
import Runner
import Testing

/// A named connection used by several jobs is compiled with each of them; its problems are reported once, at the key
/// that has them.
@Suite struct SharedConnectionDiagnosticsTests {
    @Test func aProblemOfASharedConnectionIsReportedOnceAtItsKey() {
        let text = """
            version: 1
            kind: connection
            name: contoso-prod
            tenant_id: 11111111-2222-3333-4444-555555555555
            client_id: 66666666-7777-8888-9999-000000000000
            client_secret: { env: X }
            endpoints: { login: "https://login.example.com", graph: "https://graph.example.com/x?y=1" }
            ---
            \(ConnectHarness.job("first"))
            ---
            \(ConnectHarness.job("second"))
            """
        let compilation = JobCompiler.compile(JobLoader().load(texts: [("jobs.yaml", text)]))
        #expect(
            compilation.diagnostics.map(\.description) == [
                "jobs.yaml:7:58: error: endpoints.graph 'https://graph.example.com/x?y=1' must not have credentials, "
                    + "a query or a fragment"
            ])
    }
}
