import Foundation

/// Everything that shapes an emulator: where it listens, who may get tokens, what data it serves, how it
/// pages and which faults it injects. Values are plain data; `GraphEmulator.withRunning` starts a server from one.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from `GraphEmulator.port`).
    public var port: Int
    /// Serve HTTPS with this certificate chain and key (PEM files); plain HTTP when nil.
    public var tls: TLSFiles?
    /// Registered apps (the tenants are the set of their tenant IDs and domains).
    public var apps: [RegisteredApp]
    /// `expires_in` of issued access tokens, in seconds (Entra: 3599 and a little more).
    public var tokenLifetime: Int
    /// The data the Graph API serves at start; tests add and change records through `GraphEmulator.store`.
    public var dataSet: DataSet
    /// Page sizes and paging limits per endpoint.
    public var limits: QueryLimits
    /// A per-app request budget like Graph's "150 requests per minute per app per tenant"; none when nil.
    public var requestBudget: RequestBudget?
    /// Faults injected from the start (more can be added while it runs, through `GraphEmulator.faults`).
    public var faults: [FaultRule]
    /// What the request journal keeps.
    public var journal: JournalOptions
    /// The emulator's notion of "now": token lifetimes, `lastUpdateDateTime` of updated records, budgets.
    public var clock: EmulatorClock

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: TLSFiles? = nil,
        apps: [RegisteredApp] = [DemoTenant.app(secret: "")],
        tokenLifetime: Int = 3599,
        dataSet: DataSet = .generated(GeneratorOptions()),
        limits: QueryLimits = QueryLimits(),
        requestBudget: RequestBudget? = nil,
        faults: [FaultRule] = [],
        journal: JournalOptions = JournalOptions(),
        clock: EmulatorClock = .system
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.apps = apps
        self.tokenLifetime = tokenLifetime
        self.dataSet = dataSet
        self.limits = limits
        self.requestBudget = requestBudget
        self.faults = faults
        self.journal = journal
        self.clock = clock
    }
}

/// PEM files of the server certificate chain (leaf first) and its private key.
public struct TLSFiles: Sendable, Hashable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}

/// Page-size clamps and paging limits. Defaults follow GRAPH.md §2: `$top` above 1000 is clamped to 1000
/// (observed on alerts_v2), `$skip` above 500 is a 400 (documented for the legacy alerts API, observed on v2).
public struct QueryLimits: Sendable, Hashable {
    public var alertsDefaultPageSize: Int
    public var alertsMaxPageSize: Int
    public var incidentsDefaultPageSize: Int
    public var incidentsMaxPageSize: Int
    public var maxSkip: Int

    public init(
        alertsDefaultPageSize: Int = 1000,
        alertsMaxPageSize: Int = 1000,
        incidentsDefaultPageSize: Int = 1000,
        incidentsMaxPageSize: Int = 1000,
        maxSkip: Int = 500
    ) {
        self.alertsDefaultPageSize = alertsDefaultPageSize
        self.alertsMaxPageSize = alertsMaxPageSize
        self.incidentsDefaultPageSize = incidentsDefaultPageSize
        self.incidentsMaxPageSize = incidentsMaxPageSize
        self.maxSkip = maxSkip
    }
}

/// Requests allowed per app and tenant in each minute (a fixed window starting at the minute's first request);
/// the next one gets 429 with `Retry-After` = the seconds left in the window.
public struct RequestBudget: Sendable, Hashable {
    public var requestsPerMinute: Int

    public init(requestsPerMinute: Int = 150) {
        self.requestsPerMinute = requestsPerMinute
    }
}

/// What the request journal keeps.
public struct JournalOptions: Sendable, Hashable {
    /// The most recent entries kept (older ones are dropped); 0 keeps none (benchmarks).
    public var capacity: Int
    /// Keep request bodies as received (tests assert where a secret travelled). When false, form bodies are
    /// kept with the values of `client_secret` and `client_assertion` replaced by `<redacted>`.
    public var keepsSecrets: Bool

    public init(capacity: Int = 10_000, keepsSecrets: Bool = true) {
        self.capacity = capacity
        self.keepsSecrets = keepsSecrets
    }
}
