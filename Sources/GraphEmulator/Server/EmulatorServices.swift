import Foundation
import Synchronization

/// What every handler reaches: the configuration, the token issuer, the store, the faults, the journal and the
/// address the server is bound to.
struct EmulatorServices: Sendable {
    let configuration: EmulatorConfiguration
    let issuer: AccessTokenIssuer
    let store: SecurityStore
    let faults: FaultPlan
    let journal: RequestJournal
    let sink: WebhookSink
    let address: ServerAddress

    /// Resources a token may be requested for (the scope's App ID URI): the emulator's own Graph root (under
    /// both loopback names) and Microsoft Graph's real identifiers.
    var acceptedAudiences: [String] {
        address.graphRootAliases + ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"]
    }
}

/// The scheme, host and port the server listens on; known once it is bound.
final class ServerAddress: Sendable {
    let scheme: String
    let host: String
    private let boundPort = Mutex(0)

    init(scheme: String, host: String) {
        self.scheme = scheme
        self.host = host
    }

    var port: Int {
        get { boundPort.withLock { $0 } }
        set { boundPort.withLock { $0 = newValue } }
    }

    /// `http://127.0.0.1:PORT` (or `https://…`): the login root and the Graph root are the same server.
    var root: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }

    var loginRoot: String { root }
    var graphRoot: String { root }

    var graphRootAliases: [String] {
        var aliases = [root]
        if host == "127.0.0.1" || host == "0.0.0.0" {
            aliases.append("\(scheme)://localhost:\(port)")
            aliases.append("\(scheme)://127.0.0.1:\(port)")
        }
        return aliases
    }
}
