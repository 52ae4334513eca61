import Diagnostics
import JobSpec

/// Which connections `temsync connect` checks, from the compiled jobs: every named connection of the loaded files and
/// every distinct inline connection of the jobs; with `--select`, only the connections those jobs use; with
/// `--connection NAME`, only that named connection.
public enum ConnectSelection {
    /// The targets, and the problems with the selection (an unknown `--connection`, as an error diagnostic). The
    /// compilation's own diagnostics are not repeated.
    public static func targets(
        _ compilation: Compilation, selection: [String] = [], connection name: String? = nil
    ) -> (targets: [ConnectTarget], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let set = compilation.jobSet
        let selected = !selection.isEmpty
        var targets: [ConnectTarget] = []

        // Named connections, in load order: all of them, or those the selected jobs use.
        for spec in set.connections {
            guard let connectionName = spec.name?.value else { continue }
            let plans = compilation.plans.filter { $0.connection.name == connectionName }
            if selected && plans.isEmpty { continue }
            // A connection no job uses was not compiled with the jobs: compile it here (its problems are new).
            guard
                let connection = plans.first?.connection
                    ?? ConnectionCompiler.compile(spec, diagnostics: &diagnostics)
            else { continue }
            targets.append(
                ConnectTarget(
                    kind: .named, connection: connection, jobs: plans.map(\.job),
                    neededPermissions: plans.isEmpty
                        ? ApplicationPermission.allCases : ApplicationPermission.needed(by: plans)))
        }

        // Inline connections of the compiled jobs, identical ones once.
        var inline: [(identity: String, plans: [Plan])] = []
        for plan in compilation.plans where plan.connection.name == nil {
            let identity = ConnectTarget.identity(of: plan.connection)
            if let index = inline.firstIndex(where: { $0.identity == identity }) {
                inline[index].plans.append(plan)
            } else {
                inline.append((identity, [plan]))
            }
        }
        for group in inline {
            targets.append(
                ConnectTarget(
                    kind: .inline, connection: group.plans[0].connection, jobs: group.plans.map(\.job),
                    neededPermissions: ApplicationPermission.needed(by: group.plans)))
        }

        guard let name else { return (targets, diagnostics) }
        if let target = targets.first(where: { $0.kind == .named && $0.connection.name == name }) {
            return ([target], diagnostics)
        }
        let known = set.connections.compactMap { $0.name?.value }
        if known.contains(name) {
            let jobs = selection.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(.error("connection '\(name)' is not used by the selected jobs (\(jobs))", at: nil))
        } else {
            let tail =
                known.isEmpty
                ? ": no named connection was loaded (define one in a document with 'kind: connection')"
                : (Suggestion.didYouMean(name, among: known).isEmpty
                    ? "; known connections: \(known.sorted().joined(separator: ", "))"
                    : Suggestion.didYouMean(name, among: known))
            diagnostics.append(.error("no connection named '\(name)' in the files loaded\(tail)", at: nil))
        }
        return ([], diagnostics)
    }
}
