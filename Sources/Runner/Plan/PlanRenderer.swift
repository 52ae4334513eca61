import Foundation
import GraphSecurity
import JSON
import JobSpec
import Transport

/// Prints plans for people (text) and machines (JSON): deterministic, so a pull request shows the plan's diff.
/// Secrets appear as their references with whether each resolves now — never a value.
public struct PlanRenderer: Sendable {
    /// The environment secret references are checked against.
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `set` / `missing: …` for a secret source.
    func status(_ source: SecretSource) -> String {
        source.problem(environment: environment).map { "missing: \($0)" } ?? "resolves"
    }

    /// The plans' problems that would stop a run now (unresolvable secrets), one line each.
    public func blockers(_ plans: [Plan]) -> [String] {
        plans.flatMap { plan in
            secrets(of: plan).compactMap { secret in
                secret.source.problem(environment: environment).map { "job '\(plan.job)': \(secret.purpose): \($0)" }
            } + plan.sources.compactMap { source in source.problem.map { "job '\(plan.job)': \($0)" } }
        }
    }

    func secrets(of plan: Plan) -> [(purpose: String, source: SecretSource)] {
        plan.connection.secrets
            + plan.outputs.flatMap { output in
                output.secretHeaders.map { ("output '\(output.name)' header '\($0.name)'", $0.source) }
            }
    }

    // MARK: text

    public func text(_ plans: [Plan]) -> String {
        plans.map(text).joined(separator: "\n")
    }

    public func text(_ plan: Plan) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        lines.append("job \(plan.job)  (\(plan.location))")
        if let description = plan.description { add("description", description) }
        let connection = plan.connection
        add(
            "connection",
            (connection.name.map { "'\($0)', " } ?? "inline, ") + "cloud \(connection.cloud.rawValue)")
        add("token", "POST \(connection.endpoints.tokenURL(tenant: connection.tenantID))")
        add("", "client_id \(connection.clientID), scope \(connection.endpoints.scope)")
        add("", "client_secret \(connection.clientSecret) (\(status(connection.clientSecret)))")
        if let proxy = connection.proxy {
            var line = "proxy \(proxy.url)"
            if let username = proxy.username { line += ", user \(username)" }
            add("network", line)
            if let password = proxy.password { add("", "proxy password \(password) (\(status(password)))") }
            if !proxy.noProxy.isEmpty { add("", "no_proxy \(proxy.noProxy.joined(separator: ", "))") }
        } else {
            add("network", "direct (no proxy)")
        }
        add("", "tls: system trust" + (connection.caFile.map { " + ca_file \($0)" } ?? ""))
        add(
            "",
            "timeouts: connect \(DurationText.format(connection.timeouts.connect)), "
                + "request \(DurationText.format(connection.timeouts.request))")
        for source in plan.sources {
            add("source", "\(source.source.rawValue) from \(source.startReason)")
            if let problem = source.problem { add("", "cannot run: \(problem)") }
            add("", "GET \(source.firstURL)")
            if let filter = source.query.filter.expression(updatedFrom: source.start?.time) {
                add("", "$filter: \(filter)")
            }
        }
        for line in mappingLines(plan.mapping.spec) { add(line.label, line.text) }
        for output in plan.outputs {
            add("output", "\(output.name): \(output.target)")
            for header in output.secretHeaders {
                add("", "header \(header.name) from \(header.source) (\(status(header.source)))")
            }
        }
        add("retry", Self.retryText(plan.retry))
        add("concurrency", "\(plan.concurrency) Graph requests")
        var checkpoint = plan.checkpoint.enabled ? "enabled" : "disabled"
        if plan.checkpoint.enabled, let directory = plan.checkpoint.directory { checkpoint += ", in \(directory)" }
        if plan.checkpoint.lookBack > .zero {
            checkpoint += ", look_back \(DurationText.format(plan.checkpoint.lookBack))"
        }
        add("checkpoint", checkpoint)
        return lines.joined(separator: "\n") + "\n"
    }

    static func retryText(_ retry: RetryPolicy) -> String {
        var text = "\(retry.maxAttempts) attempts, backoff \(DurationText.format(retry.initialDelay))"
        text += " ×\(Self.number(retry.multiplier)) up to \(DurationText.format(retry.maxDelay))"
        text += retry.jitter == .full ? " with full jitter" : " without jitter"
        if let deadline = retry.deadline { text += ", deadline \(DurationText.format(deadline))" }
        text += "; Retry-After honoured up to \(DurationText.format(retry.maxRetryAfter))"
        return text
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    /// The mapping section: a head line, then one line per condition, indicator option and field.
    func mappingLines(_ spec: MappingSpec) -> [(label: String, text: String)] {
        var lines = [("mapping", "emit \(spec.emit.value.rawValue), history \(spec.history.rawValue)")]
        for condition in spec.conditions {
            lines.append(("", "where \(Self.conditionText(condition))"))
        }
        let options = spec.indicators
        var indicators = "indicators: types \(options.types.map(\.rawValue).joined(separator: ","))"
        indicators += "; verdicts \(options.verdicts.joined(separator: ","))"
        if let roles = options.roles { indicators += "; roles \(roles.joined(separator: ","))" }
        indicators += options.includePrivate ? "; private addresses kept" : "; private addresses dropped"
        indicators += "; up to \(options.maxIDs) alert and incident ids each"
        lines.append(("", indicators))
        for exclusion in options.exclude {
            lines.append(("", "exclude \(Self.exclusionText(exclusion))"))
        }
        if let fields = spec.fields {
            for line in Self.fieldLines(fields, indent: "") { lines.append(("", "field \(line)")) }
        } else {
            let whole =
                switch spec.emit.value {
                case .indicators: "the indicator object"
                case .assets: "the asset object"
                default: "the whole entity"
                }
            lines.append(("", "fields: \(whole) (no fields given)"))
        }
        return lines
    }

    static func exclusionText(_ exclusion: IndicatorOptionsSpec.Exclusion) -> String {
        switch exclusion {
        case .cidr(let cidr): "cidr \(cidr.value)"
        case .domain(let domain): "domain \(domain.value)"
        case .value(let value): "value \(value.value)"
        }
    }

    static func fieldLines(_ fields: FieldRulesSpec, indent: String) -> [String] {
        fields.entries.flatMap { entry -> [String] in
            let rule = entry.rule
            var text: String
            var nested: [String] = []
            switch rule.source {
            case .path(let path): text = path.value
            case .constant(let constant): text = "const \(constant.value)"
            case .template(let template): text = "template \(JSON.string(template.value))"
            case .fields(let inner):
                text = "{"
                nested = fieldLines(inner, indent: indent + "  ") + [indent + "}"]
            }
            for transform in rule.transforms {
                text += " | \(transform.name.value)" + (transform.argument.map { "(\(JSON.string($0.value)))" } ?? "")
            }
            if let map = rule.map {
                text += " | map {" + map.map { "\($0.from.value): \($0.to.value)" }.joined(separator: ", ") + "}"
            }
            if let value = rule.defaultValue { text += " | default \(value.value)" }
            return ["\(indent)\(entry.name.value): \(text)"] + nested
        }
    }

    static func conditionText(_ condition: ConditionSpec) -> String {
        let test: String
        switch condition.test {
        case .equals(let value): test = "equals \(value.value)"
        case .notEquals(let value): test = "not_equals \(value.value)"
        case .isIn(let values): test = "in \(JSON.array(values.map(\.value)))"
        case .notIn(let values): test = "not_in \(JSON.array(values.map(\.value)))"
        case .exists(let flag): test = "exists \(flag)"
        case .matches(let pattern): test = "matches \(JSON.string(pattern.value))"
        }
        return "\(condition.path.value) \(test)" + (condition.ignoreCase ? " (ignore case)" : "")
    }
}
