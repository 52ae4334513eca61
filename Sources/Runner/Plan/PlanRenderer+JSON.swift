import GraphSecurity
import JSON
import JobSpec
import Transport

extension PlanRenderer {
    /// `{ "jobs": [ … ] }`, keys sorted when written with `sortedKeys`.
    public func json(_ plans: [Plan]) -> JSON {
        ["jobs": .array(plans.map(json))]
    }

    func secretJSON(_ source: SecretSource) -> JSON {
        var object: JSONObject = ["reference": .string(source.description)]
        if let problem = source.problem(environment: environment) {
            object["resolves"] = false
            object["problem"] = .string(problem)
        } else {
            object["resolves"] = true
        }
        return .object(object)
    }

    public func json(_ plan: Plan) -> JSON {
        let connection = plan.connection
        var connectionObject: JSONObject = [
            "name": connection.name.map(JSON.string) ?? .null,
            "cloud": .string(connection.cloud.rawValue),
            "token_url": .string(connection.endpoints.tokenURL(tenant: connection.tenantID)),
            "scope": .string(connection.endpoints.scope),
            "graph": .string(connection.endpoints.apiBase),
            "tenant_id": .string(connection.tenantID),
            "client_id": .string(connection.clientID),
            "client_secret": secretJSON(connection.clientSecret),
            "ca_file": connection.caFile.map(JSON.string) ?? .null,
            "timeouts": [
                "connect": .string(DurationText.format(connection.timeouts.connect)),
                "request": .string(DurationText.format(connection.timeouts.request)),
            ],
        ]
        if let proxy = connection.proxy {
            connectionObject["proxy"] = [
                "url": .string(proxy.url),
                "username": proxy.username.map(JSON.string) ?? .null,
                "password": proxy.password.map(secretJSON) ?? .null,
                "no_proxy": .array(proxy.noProxy.map(JSON.string)),
            ]
        } else {
            connectionObject["proxy"] = .null
        }
        let sources: [JSON] = plan.sources.map { source in
            [
                "source": .string(source.source.rawValue),
                "first_url": .string(source.firstURL),
                "start": .string(source.startReason),
                "watermark": source.start.map { .string($0.time.description) } ?? .null,
                "page_size": .int(source.query.pageSize),
                "expand_alerts": .bool(source.query.expandAlerts),
            ]
        }
        let outputs: [JSON] = plan.outputs.map { output in
            [
                "name": .string(output.name),
                "type": .string(output.type),
                "target": .string(output.target),
                "secret_headers": .object(
                    JSONObject(output.secretHeaders.map { ($0.name, secretJSON($0.source)) })),
            ]
        }
        let spec = plan.mapping.spec
        let mapping: JSON = [
            "emit": .string(spec.emit.value.rawValue),
            "history": .string(spec.history.rawValue),
            "where": .array(spec.conditions.map { .string(Self.conditionText($0)) }),
            "indicators": [
                "types": .array(spec.indicators.types.map { .string($0.rawValue) }),
                "verdicts": .array(spec.indicators.verdicts.map(JSON.string)),
                "roles": spec.indicators.roles.map { .array($0.map(JSON.string)) } ?? .null,
                "include_private": .bool(spec.indicators.includePrivate),
                "max_ids": .int(spec.indicators.maxIDs),
                "exclude": .array(spec.indicators.exclude.map { .string(Self.exclusionText($0)) }),
            ],
            "fields": spec.fields.map { .array(Self.fieldLines($0, indent: "").map(JSON.string)) } ?? .null,
        ]
        return [
            "job": .string(plan.job),
            "description": plan.description.map(JSON.string) ?? .null,
            "file": .string(plan.location.description),
            "connection": .object(connectionObject),
            "sources": .array(sources),
            "mapping": mapping,
            "outputs": .array(outputs),
            "retry": [
                "max_attempts": .int(plan.retry.maxAttempts),
                "initial_delay": .string(DurationText.format(plan.retry.initialDelay)),
                "max_delay": .string(DurationText.format(plan.retry.maxDelay)),
                "multiplier": .double(plan.retry.multiplier),
                "jitter": .string(plan.retry.jitter.rawValue),
                "deadline": plan.retry.deadline.map { .string(DurationText.format($0)) } ?? .null,
                "max_retry_after": .string(DurationText.format(plan.retry.maxRetryAfter)),
            ],
            "concurrency": .int(plan.concurrency),
            "checkpoint": [
                "enabled": .bool(plan.checkpoint.enabled),
                "directory": plan.checkpoint.directory.map(JSON.string) ?? .null,
                "look_back": .string(DurationText.format(plan.checkpoint.lookBack)),
            ],
        ]
    }
}
