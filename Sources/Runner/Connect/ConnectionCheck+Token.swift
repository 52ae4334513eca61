import GraphSecurity
import Transport

extension ConnectionCheck {
    /// Asks the identity platform for a token, as `run` would: through the proxy, with the CA trust and timeouts.
    func checkToken(_ client: GraphClient, http: HTTPTransport) async -> (CheckResult, AccessToken?) {
        let started = ContinuousClock.now
        let tokenURL = connection.endpoints.tokenURL(tenant: connection.tenantID)
        do {
            let token = try await client.acquireToken()
            let latency = ContinuousClock.now - started
            let via = http.configuration.proxy.flatMap { http.usesProxy(for: tokenURL) ? " through proxy \($0)" : nil }
            let minutes = Int(token.lifetime.components.seconds / 60)
            let message =
                "token issued for app '\(connection.clientID)' in tenant '\(connection.tenantID)'\(via ?? "") "
                + "(valid for \(minutes) min)"
            return (CheckResult(name: .token, status: .passed, latency: latency, message: message), token)
        } catch {
            let latency = ContinuousClock.now - started
            var explained = explainTokenFailure(error)
            explained.details.append("token endpoint: POST \(tokenURL)")
            return (
                CheckResult(
                    name: .token, status: .failed, latency: latency, message: explained.message, fix: explained.fix,
                    details: explained.details),
                nil
            )
        }
    }

    /// The error behind a retry policy that gave up, and a line saying how many attempts it made.
    static func unwrapRetries(_ error: any Error) -> (error: any Error, attempts: String?) {
        guard let exhausted = error as? RetriesExhausted else { return (error, nil) }
        let attempts = exhausted.attempts
        return (exhausted.lastError, "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s")")
    }

    struct Explained {
        var message: String
        var fix: String?
        var details: [String] = []
    }

    /// The Entra error explained (with the ids Microsoft support asks for), or the transport's own message.
    func explainTokenFailure(_ error: any Error) -> Explained {
        let (underlying, attempts) = Self.unwrapRetries(error)
        var explained: Explained
        switch underlying {
        case let entra as EntraError:
            explained = explain(standingIn(entra))
        case let transport as TransportError:
            explained = Explained(message: transport.description, fix: fix(transport))
        case let response as TokenResponseError:
            explained = Explained(
                message: response.description,
                fix: "check endpoints.login: it must be the identity platform's host (or the emulator's)")
        default:
            explained = Explained(message: Self.describe(underlying), fix: nil)
        }
        if let attempts { explained.details.insert(attempts, at: 0) }
        return explained
    }

    func explain(_ error: EntraError) -> Explained {
        var label: [String] = []
        if let code = error.primaryCode { label.append(code) }
        if !error.error.isEmpty { label.append(label.isEmpty ? error.error : "(\(error.error))") }
        if label.isEmpty { label.append("HTTP \(error.httpStatus)") }
        var details: [String] = []
        if let serverMessage = error.serverMessage { details.append("Entra's message: \(serverMessage)") }
        var ids: [String] = []
        if let traceID = error.traceID { ids.append("trace ID \(traceID)") }
        if let correlationID = error.correlationID { ids.append("correlation ID \(correlationID)") }
        if let timestamp = error.timestamp { ids.append("timestamp \(timestamp)") }
        if !ids.isEmpty { details.append("for Microsoft support: \(ids.joined(separator: ", "))") }
        return Explained(
            message: "\(label.joined(separator: " ")): \(error.explanation.problem)", fix: error.explanation.fix,
            details: details)
    }

    /// When the endpoints are an emulator standing in for the cloud, the error is explained as the cloud's own hosts
    /// would be (e.g. an unknown tenant suggests another cloud, not the endpoints override).
    func standingIn(_ error: EntraError) -> EntraError {
        guard connection.endpointsStandInForCloud else { return error }
        return EntraError(
            httpStatus: error.httpStatus, error: error.error, errorCodes: error.errorCodes,
            serverMessage: error.serverMessage, traceID: error.traceID, correlationID: error.correlationID,
            timestamp: error.timestamp, errorURI: error.errorURI, retryAfter: error.retryAfter,
            tokenURL: error.tokenURL,
            context: EntraErrorContext(
                tenantID: connection.tenantID, clientID: connection.clientID, cloud: connection.cloud,
                scope: connection.endpoints.scope, customEndpoints: false))
    }

    /// What to do about a transport failure (its message already says what happened).
    func fix(_ error: TransportError) -> String? {
        switch error.kind {
        case .proxyAuthenticationFailed:
            guard let user = connection.proxy?.username else {
                return "set proxy.username and proxy.password to an account the proxy accepts"
            }
            return "check that proxy.password refers to the current password of proxy user '\(user)'"
        case .proxyRefused:
            return "ask the proxy's administrators to allow CONNECT to '\(error.host)'"
        case .proxyUnreachable:
            return "check proxy.url, and that the proxy runs and is reachable from this machine"
        case .connectFailed:
            return "check name resolution and firewalls on the way to '\(error.host)'; if traffic must leave through "
                + "a proxy, set proxy.url"
        case .tlsVerificationFailed:
            return "if a TLS-inspecting proxy sits on the way, add its root certificate to tls.ca_file; otherwise "
                + "check the endpoints and this machine's clock"
        case .tlsHandshakeFailed:
            return "check that '\(error.host)' speaks HTTPS on that port (and endpoints use the right scheme)"
        case .connectTimedOut:
            return "check the network path to '\(error.host)', or raise timeouts.connect"
        case .requestTimedOut:
            return "check the network path, or raise timeouts.request"
        case .connectionClosed, .bodyTooLarge, .invalidRequest, .other:
            return nil
        }
    }
}
