import Foundation
import JSON
import JobSpec
import Mapping
import Runner
import TemsyncTesting
import Testing

/// `plan` output for a representative job, exactly: what a GitOps pull request shows as a diff.
@Suite struct PlanRendererTests {
    static let job = """
        version: 1
        name: defender-indicators
        description: Malicious indicators from Defender XDR for the TEM feed
        connection:
          tenant_id: 11111111-2222-3333-4444-555555555555
          client_id: 66666666-7777-8888-9999-000000000000
          client_secret: { env: M365_CLIENT_SECRET }
          cloud: usgov
          proxy:
            url: http://proxy.example.internal:3128
            username: svc-tem
            password: { file: /run/secrets/temsync-test-absent/proxy-password }
            no_proxy: [localhost, 10.0.0.0/8, .example.internal]
          tls: { ca_file: /etc/ssl/certs/corp-root.pem }
          timeouts: { connect: 5s, request: 90s }
        sources:
          alerts:
            filter:
              severity: [high, medium]
              status: [new, inProgress]
              service_source: [microsoftDefenderForEndpoint, microsoftDefenderForOffice365]
              updated_since: 7d
            page_size: 500
          incidents:
            filter: { status: active, severity: high, assigned_to: "soc@contoso.com" }
            expand_alerts: true
        mapping:
          emit: indicators
          where:
            - { path: alert.serviceSource, in: [microsoftDefenderForEndpoint, microsoftDefenderForOffice365] }
          indicators:
            types: [ipv4, domain, url, sha256]
            verdicts: [malicious, suspicious]
            max_ids: 50
            exclude: [{ cidr: 10.0.0.0/8 }, { domain: "*.example.internal" }]
          fields:
            value: indicator.value
            type: indicator.type
            severity: { path: indicator.severity, map: { informational: 0, low: 30, medium: 60, high: 90 }, default: 0 }
            title: { template: "{{alert.title}} ({{alert.id}})" }
            source: { const: microsoft_365_defender }
        outputs:
          - { type: file, path: out/defender-indicators.jsonl }
          - { type: edl, dir: out/edl, types: [ipv4, domain] }
          - type: http
            url: https://tem.example.com/api/indicators
            headers: { Authorization: { env: TEM_API_TOKEN, prefix: "Bearer " }, X-Source: temsync }
            batch_size: 250
        retry: { max_attempts: 5, initial_delay: 500ms, max_delay: 30s, jitter: none }
        concurrency: 2
        checkpoint: { look_back: 15m }

        """

    /// 2026-01-31T08:00:00Z, as `plan --now` fixes it.
    static let now = Date(timeIntervalSince1970: 1_769_846_400)
    static let secretValue = "Tst8Q~plan-secret-value-never-printed"

    static func compile(state: String = "state") -> Compilation {
        let set = JobLoader().load(texts: [(path: "jobs/defender-indicators.yaml", text: job)])
        return JobCompiler.compile(set, options: CompileOptions(now: now, stateDirectory: state))
    }

    @Test func text() throws {
        let compilation = Self.compile()
        #expect(compilation.diagnostics.isEmpty)
        let renderer = PlanRenderer(environment: ["M365_CLIENT_SECRET": Self.secretValue])
        let text = renderer.text(compilation.plans)
        #expect(
            text == """
                job defender-indicators  (jobs/defender-indicators.yaml:1:1)
                  description Malicious indicators from Defender XDR for the TEM feed
                  connection  inline, cloud usgov
                  token       POST https://login.microsoftonline.us/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token
                              client_id 66666666-7777-8888-9999-000000000000, scope https://graph.microsoft.us/.default
                              client_secret env M365_CLIENT_SECRET (resolves)
                  network     proxy http://proxy.example.internal:3128, user svc-tem
                              proxy password file /run/secrets/temsync-test-absent/proxy-password (missing: secret file '/run/secrets/temsync-test-absent/proxy-password' cannot be read: no such file)
                              no_proxy localhost, 10.0.0.0/8, .example.internal
                              tls: system trust + ca_file /etc/ssl/certs/corp-root.pem
                              timeouts: connect 5s, request 1m30s
                  source      alerts from updated_since 7d ago (2026-01-24T08:00:00Z); no checkpoint yet
                              GET https://graph.microsoft.us/v1.0/security/alerts_v2?$filter=(severity%20eq%20'high'%20or%20severity%20eq%20'medium')%20and%20(status%20eq%20'new'%20or%20status%20eq%20'inProgress')%20and%20(serviceSource%20eq%20'microsoftDefenderForEndpoint'%20or%20serviceSource%20eq%20'microsoftDefenderForOffice365')%20and%20lastUpdateDateTime%20ge%202026-01-24T08:00:00Z&$orderby=lastUpdateDateTime%20asc&$top=500
                              $filter: (severity eq 'high' or severity eq 'medium') and (status eq 'new' or status eq 'inProgress') and (serviceSource eq 'microsoftDefenderForEndpoint' or serviceSource eq 'microsoftDefenderForOffice365') and lastUpdateDateTime ge 2026-01-24T08:00:00Z
                  source      incidents from the beginning (no updated_since); no checkpoint yet
                              GET https://graph.microsoft.us/v1.0/security/incidents?$filter=severity%20eq%20'high'%20and%20status%20eq%20'active'%20and%20assignedTo%20eq%20'soc@contoso.com'&$orderby=lastUpdateDateTime%20asc&$top=50&$expand=alerts
                              $filter: severity eq 'high' and status eq 'active' and assignedTo eq 'soc@contoso.com'
                  mapping     emit indicators, history latest
                              where alert.serviceSource in ["microsoftDefenderForEndpoint","microsoftDefenderForOffice365"]
                              indicators: types ipv4,domain,url,sha256; verdicts malicious,suspicious; private addresses dropped; up to 50 alert and incident ids each
                              exclude cidr 10.0.0.0/8
                              exclude domain *.example.internal
                              field value: indicator.value
                              field type: indicator.type
                              field severity: indicator.severity | map {informational: 0, low: 30, medium: 60, high: 90} | default 0
                              field title: template "{{alert.title}} ({{alert.id}})"
                              field source: const "microsoft_365_defender"
                  output      file: file out/defender-indicators.jsonl (jsonl, replace)
                  output      edl: edl out/edl (per_type; ipv4,domain; expire after 30d)
                  output      http: http POST https://tem.example.com/api/indicators (batches of 250)
                              header Authorization from env TEM_API_TOKEN (missing: environment variable 'TEM_API_TOKEN' is not set)
                  retry       5 attempts, backoff 500ms ×2 up to 30s without jitter, deadline 15m; Retry-After honoured up to 5m
                  concurrency 2 Graph requests
                  checkpoint  enabled, in state/defender-indicators, look_back 15m

                """)
        #expect(!text.contains(Self.secretValue))
        #expect(
            renderer.blockers(compilation.plans) == [
                "job 'defender-indicators': proxy password: secret file "
                    + "'/run/secrets/temsync-test-absent/proxy-password' cannot be read: no such file",
                "job 'defender-indicators': output 'http' header 'Authorization': environment variable "
                    + "'TEM_API_TOKEN' is not set",
            ])
    }

    /// The job file's default for `indicators.max_ids` (JobSpec) is the extractor's (Mapping).
    @Test func maxIDsDefaultIsTheExtractorsDefault() {
        #expect(IndicatorOptionsSpec.defaultMaxIDs == IndicatorPolicy.defaultMaxIDs)
    }

    @Test func json() throws {
        let compilation = Self.compile()
        let renderer = PlanRenderer(environment: ["M365_CLIENT_SECRET": Self.secretValue])
        let text = renderer.json(compilation.plans).encodedString(options: .init(sortedKeys: true, prettyPrinted: true))
        #expect(text == Self.expectedJSON)
        #expect(!text.contains(Self.secretValue))
    }

    @Test func everySecretResolvingMeansNoBlocker() throws {
        let folder = try TemporaryDirectory(prefix: "temsync-plan")
        defer { folder.remove() }
        let passwordFile = try folder.write("proxy-password-value\n", to: "proxy-password")
        let text = Self.job.replacingOccurrences(
            of: "/run/secrets/temsync-test-absent/proxy-password", with: passwordFile)
        let set = JobLoader().load(texts: [(path: "jobs/defender-indicators.yaml", text: text)])
        let plans = JobCompiler.compile(set, options: CompileOptions(now: Self.now, stateDirectory: "state")).plans
        let renderer = PlanRenderer(environment: [
            "M365_CLIENT_SECRET": Self.secretValue, "TEM_API_TOKEN": "t0ken-v4lue",
        ])
        #expect(renderer.blockers(plans).isEmpty)
        let rendered = renderer.text(plans) + renderer.json(plans).encodedString()
        #expect(rendered.contains("proxy password file \(passwordFile) (resolves)"))
        #expect(rendered.contains("header Authorization from env TEM_API_TOKEN (resolves)"))
        for value in [Self.secretValue, "t0ken-v4lue", "proxy-password-value"] {
            #expect(!rendered.contains(value))
        }
    }

    /// After a run, the plan starts each source at its checkpoint: the watermark, and the ids it skips there.
    @Test func showsTheCheckpointStartAfterARun() async throws {
        try await RunHarness.with(alerts: 40) { harness in
            let ids = await harness.emulator.store.alertIDs()
            for id in ids[0..<3] {
                try await harness.emulator.store.updateAlert(id: id) {
                    $0["lastUpdateDateTime"] = "2026-02-01T10:00:00.5Z"
                }
            }
            try harness.writeJob(
                "archive",
                """
                sources:
                  alerts:
                    filter: { updated_since: \(RunHarness.since), severity: [high, medium, low, informational] }
                outputs:
                  - { type: file, path: \(harness.folder.file("out/alerts.jsonl")) }
                """)
            let before = try #require(harness.compile().plans.first)
            #expect(
                before.sources.first?.startReason
                    == "updated_since \(RunHarness.since) (\(RunHarness.since)); no checkpoint yet")
            _ = try await harness.run()

            let plan = try #require(harness.compile().plans.first)
            let renderer = PlanRenderer(environment: harness.environment)
            let lines = renderer.text(plan).split(separator: "\n").map(String.init)
            let sourceLine = try #require(lines.firstIndex { $0.hasPrefix("  source") })
            #expect(
                lines[sourceLine]
                    == "  source      alerts from checkpoint 2026-02-01T10:00:00.5Z (skipping 3 records delivered at "
                    + "that instant)")
            #expect(
                lines[sourceLine + 1]
                    == "              GET \(harness.emulator.graphRoot)/v1.0/security/alerts_v2?$filter=(severity%20eq%20"
                    + "'high'%20or%20severity%20eq%20'medium'%20or%20severity%20eq%20'low'%20or%20severity%20eq%20"
                    + "'informational')%20and%20lastUpdateDateTime%20ge%202026-02-01T10:00:00.5Z&$orderby="
                    + "lastUpdateDateTime%20asc&$top=1000")
            #expect(lines.last == "  checkpoint  enabled, in \(harness.stateDirectory)/archive")
            let json = renderer.json(plan)
            #expect(json["sources"]?[0]?["watermark"] == "2026-02-01T10:00:00.5Z")
        }
    }
}
