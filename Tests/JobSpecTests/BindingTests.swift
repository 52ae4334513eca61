import Diagnostics
import Foundation
import JSON
import Testing

@testable import JobSpec

@Suite struct BindingTests {
    func job(_ fixture: String, named name: String) throws -> (JobSpec, JobSet) {
        let set = try Fixtures.load(fixture)
        return (try #require(set.job(named: name)), set)
    }

    @Test func defaultsAreFilledIn() throws {
        let (job, set) = try job("valid/minimal.yaml", named: "minimal")
        #expect(job.version == 1)
        let connection = try #require(set.connection(for: job))
        #expect(connection.cloud == .global)
        #expect(connection.type == "microsoft_365_defender")
        #expect(connection.connectTimeout == .seconds(10))
        #expect(connection.requestTimeout == .seconds(60))
        #expect(connection.clientSecret.source == .environment("M365_CLIENT_SECRET"))
        let alerts = try #require(job.sources.alerts)
        #expect(alerts.pageSize == 1000)
        #expect(alerts.filter.isEmpty)
        #expect(job.sources.incidents == nil)
        #expect(job.mapping.emit.value == .alerts)
        #expect(job.mapping.history == .latest)
        #expect(job.mapping.fields == nil)
        #expect(job.mapping.indicators.types == IndicatorType.allCases)
        #expect(job.mapping.indicators.verdicts == ["unknown", "suspicious", "malicious"])
        #expect(job.mapping.indicators.roles == nil)
        #expect(job.mapping.indicators.maxIDs == IndicatorOptionsSpec.defaultMaxIDs)
        #expect(job.outputs.map(\.name.value) == ["stdout"])
        #expect(job.retry == RetrySpec(ValueObject(location: job.location)))
        #expect(job.retry.maxAttempts == 6)
        #expect(job.retry.deadline == .seconds(900))
        #expect(job.retry.jitter == .full)
        #expect(job.concurrency == 4)
        #expect(job.checkpoint.enabled)
        #expect(job.checkpoint.lookBack == .zero)
    }

    @Test func everyKeyIsBound() throws {
        let (job, set) = try job("valid/every-key.yaml", named: "every-key")
        let file = "valid/every-key.yaml"
        let connection = try #require(set.connection(for: job))
        #expect(connection.tenantID.value == "contoso.onmicrosoft.com")
        #expect(connection.tenantID.location == SourceLocation(file: file, line: 8, column: 14))
        #expect(connection.cloud == .usGovDoD)
        #expect(connection.endpoints?.login.value == "http://127.0.0.1:8080")
        #expect(connection.proxy?.password?.source == .environment("PROXY_PASSWORD"))
        #expect(connection.proxy?.noProxy.count == 8)
        #expect(connection.caFile?.value == "/etc/ssl/corp.pem")
        #expect(connection.connectTimeout == .milliseconds(1500))
        #expect(connection.requestTimeout == .seconds(90))

        let alerts = try #require(job.sources.alerts)
        #expect(alerts.filter.severity.map(\.value) == ["high", "medium"])
        #expect(alerts.filter.status.map(\.value) == ["inProgress"])
        #expect(alerts.filter.assignedTo.map(\.value) == [nil, "soc@contoso.com"])
        #expect(alerts.filter.updatedSince?.value == .ago(.seconds(7 * 86_400)))
        #expect(alerts.filter.updatedBefore?.value == .at(Date(timeIntervalSince1970: 1_798_757_999.5)))
        #expect(alerts.filter.createdSince?.value == .at(Date(timeIntervalSince1970: 1_767_225_600)))
        let incidents = try #require(job.sources.incidents)
        #expect(incidents.expandAlerts == false)
        #expect(incidents.filter.assignedTo.map(\.value) == [nil])

        #expect(job.mapping.emit.value == .incidents)
        #expect(job.mapping.conditions.count == 6)
        #expect(
            job.mapping.conditions[2].test
                == .isIn([
                    Located(
                        .string("microsoftDefenderForEndpoint"), at: SourceLocation(file: file, line: 44, column: 56)),
                    Located(5, at: SourceLocation(file: file, line: 44, column: 86)),
                    Located(true, at: SourceLocation(file: file, line: 44, column: 89)),
                    Located(.null, at: SourceLocation(file: file, line: 44, column: 95)),
                ]))
        // A quoted string's location is its first character inside the quotes.
        #expect(
            job.mapping.conditions[5].test
                == .matches(Located("(?i)ransom", at: .init(file: file, line: 47, column: 47))))
        #expect(job.mapping.conditions[5].ignoreCase)
        #expect(job.mapping.indicators.exclude.count == 4)
        #expect(job.mapping.indicators.maxIDs == 50)
        let fields = try #require(job.mapping.fields)
        #expect(fields.entries.map(\.name.value) == ["id", "kind", "constant_list", "title", "severity", "nested"])
        #expect(
            fields.entries[2].rule.source
                == .constant(Located([1, "two", ["three": 3]], at: .init(file: file, line: 58, column: 29))))
        let severity = fields.entries[4].rule
        #expect(severity.transforms.map(\.name.value).prefix(3) == ["lowercase", "trim", "join"])
        #expect(severity.transforms[2].argument?.value == ",")
        #expect(severity.transforms[2].name.location == SourceLocation(file: file, line: 62, column: 39))
        #expect(severity.map?.map(\.from.value) == ["high", "medium", "3", "true"])
        #expect(severity.map?.map(\.to.value) == [90, 60, "three", "yes"])
        #expect(severity.defaultValue?.value == 0)
        guard case .fields(let nested) = fields.entries[5].rule.source else {
            Issue.record("nested is not a fields rule")
            return
        }
        #expect(nested.entries.map(\.name.value) == ["job", "deep"])

        #expect(job.outputs.map(\.name.value) == ["console", "file-1", "file-2", "edl", "stix", "http"])
        guard case .file(let csv) = job.outputs[2].kind, case .http(let http) = job.outputs[5].kind,
            case .edl(let edl) = job.outputs[3].kind
        else {
            Issue.record("outputs bound to the wrong kinds")
            return
        }
        #expect(csv.format == .csv)
        #expect(csv.mode == .replace)
        #expect(edl.layout == .combined)
        #expect(edl.expireAfter == .seconds(30 * 86_400))
        #expect(http.method == .put)
        #expect(http.headers.map(\.name.value) == ["Authorization", "X-Signature", "X-Source"])
        #expect(
            http.headers[0].value
                == .secret(
                    SecretReference(
                        .environment("TEM_TOKEN"), prefix: "Bearer ", at: .init(file: file, line: 80, column: 22))))
        #expect(http.headers[2].value == .text("temsync"))
        #expect(http.gzip)
        #expect(http.timeout == .seconds(45))
        #expect(job.retry.multiplier == 1.5)
        #expect(job.retry.initialDelay == .milliseconds(250))
        #expect(job.retry.deadline == .seconds(3600))
        #expect(job.concurrency == 16)
        #expect(job.checkpoint.enabled == false)
    }

    @Test func mergeKeysAndAliasesBindLikeWrittenKeys() throws {
        let set = try Fixtures.load("valid/anchors-and-merges.yaml")
        let second = try #require(set.job(named: "merges-second"))
        #expect(second.retry.maxAttempts == 5)
        #expect(second.retry.initialDelay == .seconds(1))
        let connection = try #require(set.connection(for: second))
        #expect(connection.clientSecret.source == .environment("OTHER_SECRET"))
    }

    @Test func aJobUsesItsNamedConnection() throws {
        let set = try Fixtures.load("valid/named-connection.yaml")
        let job = try #require(set.job(named: "uses-lab"))
        #expect(
            job.connection
                == .named(Located("lab", at: SourceLocation(file: "valid/named-connection.yaml", line: 11, column: 13)))
        )
        #expect(set.connection(for: job)?.cloud == .usGov)
        #expect(set.jobs(using: "lab").map(\.name.value) == ["uses-lab"])
    }

    @Test func namedConnectionsAcrossFilesResolve() {
        let set = JobLoader().load(texts: [
            ("a.yaml", "version: 1\nname: a\nconnection: shared\nsources: {alerts: {}}\noutputs: [{type: stdout}]\n"),
            (
                "b.yaml",
                "version: 1\nkind: connection\nname: shared\ntenant_id: 11111111-2222-3333-4444-555555555555\nclient_id: 66666666-7777-8888-9999-000000000000\nclient_secret: {env: S}\n"
            ),
        ])
        #expect(set.diagnostics == [])
        #expect(set.jobs.count == 1)
    }

    @Test func jobNamesAreUniqueAcrossFiles() {
        let job = "version: 1\nname: twin\nconnection: c\nsources: {alerts: {}}\noutputs: [{type: stdout}]\n"
        let set = JobLoader().load(texts: [("a.yaml", job), ("b.yaml", "\n" + job)])
        let duplicate = set.diagnostics.first { $0.message == "job name 'twin' is already used" }
        #expect(duplicate?.location == SourceLocation(file: "b.yaml", line: 3, column: 7))
        #expect(
            duplicate?.notes == [.init("first defined here", at: SourceLocation(file: "a.yaml", line: 2, column: 7))])
    }
}
