import Foundation
import GraphSecurity
import JobSpec
import Logging
import Transport

/// Checks one connection, in order: its secrets resolve; a token is issued (through its proxy and CA trust); the
/// token's claims name its tenant, app and Graph and carry the roles its jobs need; one cheap request per API its jobs
/// read succeeds. A check whose input is missing (no secret, no token) is skipped, not failed.
///
/// Nothing it reports holds a secret or the token: messages are built from references, ids, claims and the error
/// types' own descriptions, which scrub secrets.
public struct ConnectionCheck: Sendable {
    public var target: ConnectTarget
    public var options: ConnectOptions

    public init(target: ConnectTarget, options: ConnectOptions) {
        self.target = target
        self.options = options
    }

    var connection: ConnectionPlan { target.connection }

    var logger: Logger {
        var logger = options.logger
        logger[metadataKey: "connect.connection"] = "\(target.title)"
        return logger
    }

    public func run() async -> ConnectionResult {
        var result = ConnectionResult(target: target, checks: [], grantedRoles: nil)
        let (secretsCheck, secrets) = checkSecrets()
        result.checks.append(secretsCheck)
        guard let secrets else {
            result.checks += [
                .skipped(.token, because: "a secret does not resolve"),
                .skipped(.claims, because: "no token"), .skipped(.access, because: "no token"),
            ]
            return result
        }
        let started = ContinuousClock.now
        do {
            let graphConnection = try GraphConnection(
                tenantID: connection.tenantID, clientID: connection.clientID, clientSecret: secrets.clientSecret,
                cloud: connection.cloud, endpoints: connection.endpoints)
            var proxy: ProxyConfiguration?
            if let spec = connection.proxy {
                proxy = try ProxyConfiguration(
                    url: spec.url, username: spec.username, password: secrets.proxyPassword, noProxy: spec.noProxy)
            }
            let transport = TransportConfiguration(
                proxy: proxy, tls: TLSTrust(caFile: connection.caFile), timeouts: connection.timeouts)
            try await HTTPTransport.withTransport(transport) { http in
                let client = GraphClient(
                    connection: graphConnection, transport: http, retry: options.retry,
                    runtime: options.retryRuntime, logger: logger)
                let (tokenCheck, token) = await checkToken(client, http: http)
                result.checks.append(tokenCheck)
                guard let token else {
                    result.checks += [
                        .skipped(.claims, because: "no token"), .skipped(.access, because: "no token"),
                    ]
                    return
                }
                let (claimsCheck, facts) = checkClaims(token)
                result.checks.append(claimsCheck)
                result.grantedRoles = facts?.roles
                result.checks.append(await checkAccess(client, facts: facts))
            }
        } catch {
            // The connection or the transport could not be set up (an unreadable tls.ca_file…): no token request left.
            let latency = ContinuousClock.now - started
            result.checks.removeSubrange(1...)
            result.checks += [
                CheckResult(
                    name: .token, status: .failed, latency: latency, message: Self.describe(error),
                    fix: Self.setupFix(error)),
                .skipped(.claims, because: "no token"), .skipped(.access, because: "no token"),
            ]
        }
        return result
    }

    static func setupFix(_ error: any Error) -> String? {
        guard let error = error as? TransportConfigurationError else { return nil }
        if error.message.contains("tls.ca_file") {
            return "point tls.ca_file at a readable PEM bundle of the root certificates to trust"
        }
        return nil
    }

    /// A sentence for any error, from its own description (every temsync error type scrubs secrets).
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as CustomStringConvertible: error.description
        default: "\(error)"
        }
    }

    // MARK: secrets

    struct ResolvedSecrets {
        var clientSecret: Secret
        var proxyPassword: Secret?
    }

    func checkSecrets() -> (CheckResult, ResolvedSecrets?) {
        let started = ContinuousClock.now
        var problems: [String] = []
        var fixes: [String] = []
        var details: [String] = []
        var values: [Secret?] = []
        let secrets = connection.secrets
        for (purpose, source) in secrets {
            switch source {
            case .value(let secret, _):
                values.append(secret)
            case .reference(let reference):
                do {
                    values.append(Secret(try reference.resolve(environment: options.environment)))
                } catch {
                    values.append(nil)
                    problems.append("\(purpose) (\(reference)): \(error)")
                    fixes.append(Self.fix(error, purpose: purpose))
                    details.append("the \(purpose) is referenced at \(reference.location)")
                }
            }
        }
        let latency = ContinuousClock.now - started
        guard problems.isEmpty, let clientSecret = values[0] else {
            let result = CheckResult(
                name: .secrets, status: .failed, latency: latency, message: problems.joined(separator: "; "),
                fix: fixes.joined(separator: "; "), details: details)
            return (result, nil)
        }
        let named = secrets.map { "\($0.purpose) (\($0.source))" }
        let message =
            named.count == 1
            ? "\(named[0]) resolves" : "\(named.dropLast().joined(separator: ", ")) and \(named.last!) resolve"
        let resolved = ResolvedSecrets(clientSecret: clientSecret, proxyPassword: values.count > 1 ? values[1] : nil)
        return (CheckResult(name: .secrets, status: .passed, latency: latency, message: message), resolved)
    }

    static func fix(_ error: SecretResolutionError, purpose: String) -> String {
        let value =
            purpose == "client secret"
            ? "the client secret's Value (not its Secret ID)" : "the \(purpose)"
        switch error.reason {
        case .variableNotSet(let name):
            return "set the environment variable '\(name)' to \(value) where temsync runs"
        case .fileUnreadable(let path, let why):
            if why == "no such file" {
                return "write \(value) to '\(path)', readable only by the user running temsync"
            }
            return "let the user running temsync read '\(path)' (\(why))"
        case .fileNotText(let path):
            return "'\(path)' must hold \(value) as UTF-8 text"
        case .empty:
            switch error.reference.source {
            case .environment(let name): return "set the environment variable '\(name)' to \(value)"
            case .file(let path): return "write \(value) to '\(path)'"
            }
        }
    }
}
