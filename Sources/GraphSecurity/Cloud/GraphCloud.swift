/// The Microsoft cloud a tenant lives in, with its login and Graph hosts (GRAPH.md §8).
public enum GraphCloud: String, Sendable, Hashable, CaseIterable, Codable {
    case global
    case usgov
    case usgov_dod
    case china

    /// The identity platform host (token endpoint).
    public var loginRoot: String {
        switch self {
        case .global: "https://login.microsoftonline.com"
        case .usgov, .usgov_dod: "https://login.microsoftonline.us"
        case .china: "https://login.chinacloudapi.cn"
        }
    }

    /// The Microsoft Graph root; the token scope is this root + `/.default`.
    public var graphRoot: String {
        switch self {
        case .global: "https://graph.microsoft.com"
        case .usgov: "https://graph.microsoft.us"
        case .usgov_dod: "https://dod-graph.microsoft.us"
        case .china: "https://microsoftgraph.chinacloudapi.cn"
        }
    }

    /// Whether the security API (alerts_v2, incidents) is offered in this cloud: not in China (21Vianet).
    public var offersSecurityAPI: Bool { self != .china }
}
