import Diagnostics

/// How to reach Microsoft Graph for one tenant: the Entra application's credentials, the cloud, proxy and trust.
/// Written inline in a job, or once as a named connection (`kind: connection`) that jobs refer to by name.
public struct ConnectionSpec: Sendable, Hashable {
    public enum Cloud: String, Sendable, Hashable, CaseIterable {
        case global
        case usGov = "usgov"
        case usGovDoD = "usgov_dod"
    }

    /// Explicit hosts instead of the cloud's (the emulator, tests).
    public struct Endpoints: Sendable, Hashable {
        public var login: Located<String>
        public var graph: Located<String>
    }

    public struct Proxy: Sendable, Hashable {
        public var url: Located<String>
        public var username: Located<String>?
        public var password: SecretReference?
        /// Hosts reached directly: exact hosts, `.suffix`/`*.suffix` domains, `*`, addresses, CIDR blocks.
        public var noProxy: [Located<String>]
    }

    /// The Connection Name, for a named connection; `nil` inline.
    public var name: Located<String>?
    /// `microsoft_365_defender`, the only type in v1.
    public var type: String
    public var tenantID: Located<String>
    public var clientID: Located<String>
    public var clientSecret: SecretReference
    public var cloud: Cloud
    public var endpoints: Endpoints?
    public var proxy: Proxy?
    /// Extra trust roots (a PEM bundle) on top of the system's.
    public var caFile: Located<String>?
    public var connectTimeout: Duration
    public var requestTimeout: Duration
    /// Where the connection is written (the mapping, or the named connection's document).
    public var location: SourceLocation

    init?(_ object: ValueObject) {
        guard let tenantID = object.string("tenant_id"), let clientID = object.string("client_id"),
            let secret = object.secret("client_secret"),
            let cloud = object.string("cloud").flatMap({ Cloud(rawValue: $0.value) })
        else { return nil }
        self.name = object.string("name")
        self.type = object.string("type")?.value ?? "microsoft_365_defender"
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = secret
        self.cloud = cloud
        self.endpoints = object.object("endpoints").flatMap { endpoints in
            guard let login = endpoints.string("login"), let graph = endpoints.string("graph") else { return nil }
            return Endpoints(login: login, graph: graph)
        }
        self.proxy = object.object("proxy").flatMap { proxy in
            guard let url = proxy.string("url") else { return nil }
            return Proxy(
                url: url, username: proxy.string("username"), password: proxy.secret("password"),
                noProxy: proxy.strings("no_proxy") ?? [])
        }
        self.caFile = object.object("tls")?.string("ca_file")
        let timeouts = object.object("timeouts")
        self.connectTimeout = timeouts?.duration("connect") ?? .seconds(10)
        self.requestTimeout = timeouts?.duration("request") ?? .seconds(60)
        self.location = object.location
    }
}

extension ConnectionSpec {
    static let chinaReason =
        "cloud 'china' is not supported: the Microsoft Graph security API (alerts_v2, incidents) is not available "
        + "in China (21Vianet)"

    /// The keys of a connection, inline or named.
    static let fields: [Field] = [
        Field(
            "type", .enumeration(EnumShape(["microsoft_365_defender"])), default: "microsoft_365_defender",
            "the kind of connection; microsoft_365_defender is the only one in v1"),
        Field("tenant_id", .string(Formats.tenant), required: true, "the directory (tenant) ID, or a verified domain"),
        Field("client_id", .string(Formats.guid), required: true, "the application (client) ID of the Entra app"),
        Field(
            "client_secret", .secret(SecretShape(noun: "client secret")), required: true,
            "the client secret's Value (not its Secret ID), as { env: NAME } or { file: PATH }"),
        Field(
            "cloud", .enumeration(EnumShape(Cloud.allCases.map(\.rawValue), refused: ["china": chinaReason])),
            default: "global", "global, usgov (GCC High) or usgov_dod (DoD)"),
        Field(
            "endpoints",
            .object(
                ObjectShape(
                    [
                        Field("login", .string(Formats.endpoint), required: true, "the token host"),
                        Field("graph", .string(Formats.endpoint), required: true, "the Graph host"),
                    ], summary: "explicit hosts instead of the cloud's")),
            "override the cloud's hosts (emulator, tests): HTTPS unless loopback"),
        Field(
            "proxy",
            .object(
                ObjectShape(
                    [
                        Field("url", .string(Formats.proxyURL), required: true, "http://host:port"),
                        Field("username", .string(.nonEmpty), "the proxy user"),
                        Field(
                            "password", .secret(SecretShape(noun: "proxy password")),
                            "the proxy password, as { env: NAME } or { file: PATH }"),
                        Field(
                            "no_proxy", .list(.string(Formats.noProxy)), default: [],
                            "hosts reached directly: host, .domain or *.domain, *, address or CIDR"),
                    ], requires: ["password": ["username"]], summary: "an HTTP proxy (CONNECT for HTTPS)")),
            "the customer proxy"),
        Field(
            "tls",
            .object(
                ObjectShape(
                    [Field("ca_file", .string(.nonEmpty), "a PEM bundle of extra trust roots")],
                    summary: "extra TLS trust")),
            "extra trust roots, e.g. for a TLS-inspecting proxy"),
        Field(
            "timeouts",
            .object(
                ObjectShape(
                    [
                        Field("connect", .duration, default: "10s", "time to establish a connection"),
                        Field("request", .duration, default: "60s", "time for one request"),
                    ], summary: "timeouts")),
            "connect and request timeouts"),
    ]

    static let inlineShape = ObjectShape(fields, summary: "an inline connection")

    static let documentShape = ObjectShape(
        [
            Field(
                "version", .integer(minimum: 1, maximum: JobSpec.highestSupportedVersion), required: true,
                "the job file format version: 1"),
            Field("kind", .enumeration(EnumShape(["job", "connection"])), required: true, "connection"),
            Field("name", .string(Formats.name), required: true, "the Connection Name jobs refer to"),
        ] + fields, summary: "a named connection")

    /// A job's `connection`: an inline mapping or the name of a named connection.
    static let referenceShape = Shape.alternatives(
        [.string(Formats.name), .named("connection", { .object(inlineShape) })],
        expected: "a connection (a mapping) or the name of a named connection")
}

/// A job's connection: written inline, or named.
public enum ConnectionReference: Sendable, Hashable {
    case inline(ConnectionSpec)
    case named(Located<String>)
}
