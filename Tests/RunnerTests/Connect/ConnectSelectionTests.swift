import Diagnostics
import Foundation
import JobSpec
import Runner
import Testing

/// Which connections `connect` checks and which permissions each needs, from the job files alone (no network).
@Suite struct ConnectSelectionTests {
    typealias H = ConnectHarness

    static func compile(_ documents: String, selection: [String] = []) -> Compilation {
        let text = documents.replacingOccurrences(of: "LOGIN", with: "http://127.0.0.1:1")
            .replacingOccurrences(of: "GRAPH", with: "http://127.0.0.1:1")
        let set = JobLoader().load(texts: [("jobs.yaml", text)])
        return JobCompiler.compile(set, options: CompileOptions(selection: selection))
    }

    static let documents = [
        H.namedConnection("contoso-prod"),
        H.namedConnection("contoso-lab", secret: "{ env: LAB_SECRET }"),
        H.job("alerts-job"),
        H.job("incidents-job", sources: "{ incidents: { expand_alerts: false } }"),
        H.job("inline-one", connection: H.inlineConnection(secret: "{ env: INLINE_SECRET }")),
        H.job(
            "inline-two", connection: H.inlineConnection(secret: "{ env: INLINE_SECRET }"),
            sources: "{ incidents: { expand_alerts: true } }"),
        H.job("inline-other", connection: H.inlineConnection(secret: "{ file: /run/secrets/other }")),
    ].joined(separator: "\n---\n")

    struct Summary: Equatable, CustomStringConvertible {
        var title: String
        var needs: [String]
        var description: String { "\(title) needs \(needs)" }
    }

    static func summaries(_ targets: [ConnectTarget]) -> [Summary] {
        targets.map { Summary(title: $0.title, needs: $0.neededPermissions.map(\.rawValue)) }
    }

    @Test func everyNamedConnectionAndEveryDistinctInlineOne() {
        // contoso-prod: alerts-job reads alerts, incidents-job incidents (without their alerts).
        let compilation = Self.compile(Self.documents)
        #expect(!compilation.hasErrors)
        let (targets, problems) = ConnectSelection.targets(compilation)
        #expect(problems.isEmpty)
        #expect(
            Self.summaries(targets) == [
                Summary(
                    title: "connection 'contoso-prod'", needs: ["SecurityAlert.Read.All", "SecurityIncident.Read.All"]),
                // No job uses it: both permissions are checked.
                Summary(
                    title: "connection 'contoso-lab'", needs: ["SecurityAlert.Read.All", "SecurityIncident.Read.All"]),
                // Incidents with expand_alerts bring their alerts: both.
                Summary(
                    title: "inline connection of jobs 'inline-one', 'inline-two'",
                    needs: ["SecurityAlert.Read.All", "SecurityIncident.Read.All"]),
                Summary(title: "inline connection of job 'inline-other'", needs: ["SecurityAlert.Read.All"]),
            ])
        #expect(
            targets.map(\.jobs) == [
                ["alerts-job", "incidents-job"], [], ["inline-one", "inline-two"], ["inline-other"],
            ])
        #expect(targets.map(\.kind) == [.named, .named, .inline, .inline])
    }

    @Test func selectedJobsBringOnlyTheirConnections() {
        let compilation = Self.compile(Self.documents, selection: ["incidents-job", "inline-two"])
        let (targets, problems) = ConnectSelection.targets(compilation, selection: ["incidents-job", "inline-two"])
        #expect(problems.isEmpty)
        #expect(
            Self.summaries(targets) == [
                Summary(title: "connection 'contoso-prod'", needs: ["SecurityIncident.Read.All"]),
                Summary(
                    title: "inline connection of job 'inline-two'",
                    needs: ["SecurityAlert.Read.All", "SecurityIncident.Read.All"]),
            ])
    }

    /// With `emit: incidents` the alerts source is not read; without `expand_alerts` no alert is.
    @Test func anIncidentsOnlyJobDoesNotNeedTheAlertPermission() {
        let documents =
            H.namedConnection() + "\n---\n"
                + """
                version: 1
                name: incident-records
                connection: contoso-prod
                sources: { alerts: {}, incidents: { expand_alerts: false } }
                mapping: { emit: incidents }
                outputs: [{ type: stdout }]
                """
        let (targets, _) = ConnectSelection.targets(Self.compile(documents))
        #expect(targets.map { $0.neededPermissions.map(\.rawValue) } == [["SecurityIncident.Read.All"]])
    }

    @Test func oneNamedConnection() {
        let compilation = Self.compile(Self.documents)
        let (targets, problems) = ConnectSelection.targets(compilation, connection: "contoso-lab")
        #expect(problems.isEmpty)
        #expect(targets.map(\.title) == ["connection 'contoso-lab'"])
    }

    @Test func anUnknownConnectionNameSuggestsTheClosest() {
        let compilation = Self.compile(Self.documents)
        let (targets, problems) = ConnectSelection.targets(compilation, connection: "contoso-prd")
        #expect(targets.isEmpty)
        #expect(
            problems.map(\.description) == [
                "error: no connection named 'contoso-prd' in the files loaded; did you mean 'contoso-prod'?"
            ])
        let (_, unlike) = ConnectSelection.targets(compilation, connection: "northwind")
        #expect(
            unlike.map(\.description) == [
                "error: no connection named 'northwind' in the files loaded; known connections: contoso-lab, "
                    + "contoso-prod"
            ])
    }

    @Test func aConnectionTheSelectedJobsDoNotUse() {
        let compilation = Self.compile(Self.documents, selection: ["inline-one"])
        let (targets, problems) = ConnectSelection.targets(
            compilation, selection: ["inline-one"], connection: "contoso-prod")
        #expect(targets.isEmpty)
        #expect(
            problems.map(\.description) == [
                "error: connection 'contoso-prod' is not used by the selected jobs ('inline-one')"
            ])
    }
}
