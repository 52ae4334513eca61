import Diagnostics
import Foundation
import GraphSecurity
import JobSpec
import Mapping
import Outputs
import Transport

/// A job compiled for execution: everything `run` does, decided in advance and printable by `plan` — the token
/// request, each source's first URL, the mapping, the outputs, the policies. It holds secret *references*, never
/// values (the emulator's in-process secret is the one exception, and it prints as `<redacted>`).
public struct Plan: Sendable {
    public var job: String
    public var description: String?
    /// Where the job is written.
    public var location: SourceLocation
    public var connection: ConnectionPlan
    public var sources: [SourcePlan]
    public var mapping: MappingPlan
    public var outputs: [OutputPlan]
    public var retry: RetryPolicy
    public var concurrency: Int
    public var checkpoint: CheckpointPlan
}

/// Where a secret comes from at run time.
public enum SecretSource: Sendable, CustomStringConvertible {
    case reference(SecretReference)
    /// A value handed over in-process (the built-in emulator's demo secret); prints as `label`.
    case value(Secret, label: String)

    public var description: String {
        switch self {
        case .reference(let reference): reference.description
        case .value(_, let label): label
        }
    }

    /// Reads the secret now.
    public func resolve(environment: [String: String]) throws -> Secret {
        switch self {
        case .reference(let reference): Secret(try reference.resolve(environment: environment))
        case .value(let secret, _): secret
        }
    }

    /// `nil` when it would resolve now, else why not (naming the variable or file, never a value).
    public func problem(environment: [String: String]) -> String? {
        switch self {
        case .reference(let reference): reference.checkResolvable(environment: environment)?.message
        case .value: nil
        }
    }
}

public struct ConnectionPlan: Sendable {
    /// The Connection Name of a named connection; `nil` for an inline one.
    public var name: String?
    public var cloud: GraphCloud
    public var endpoints: GraphEndpoints
    public var tenantID: String
    public var clientID: String
    public var clientSecret: SecretSource
    public var proxy: ProxyPlan?
    public var caFile: String?
    public var timeouts: HTTPTimeouts
    /// Where the connection is written.
    public var location: SourceLocation
    /// The endpoints are an emulator standing in for `cloud`'s own hosts (`connect --emulator`, tests): `temsync
    /// connect` explains token errors as the cloud's hosts would be explained, not as an endpoints override.
    public var endpointsStandInForCloud = false

    public struct ProxyPlan: Sendable {
        public var url: String
        public var username: String?
        public var password: SecretSource?
        public var noProxy: [String]
    }

    /// The secrets this connection reads, with what each is for.
    public var secrets: [(purpose: String, source: SecretSource)] {
        var list: [(String, SecretSource)] = [("client secret", clientSecret)]
        if let password = proxy?.password { list.append(("proxy password", password)) }
        return list
    }
}

public struct SourcePlan: Sendable {
    public var source: GraphSource
    public var query: GraphQuery
    /// Where reading starts: the checkpoint (minus the look-back), or `nil` for the filter's `updated_since`.
    public var start: Watermark?
    /// The committed checkpoint's watermark this source resumes from (before any look-back); `nil` without one.
    /// A run never commits a watermark behind it.
    public var checkpoint: Watermark?
    /// Why it starts there, for people.
    public var startReason: String
    /// The exact URL of the first request.
    public var firstURL: String
    /// The fingerprint of the query, stored with the checkpoint: a changed filter restarts from `updated_since`.
    public var fingerprint: String
    /// Why this source cannot be read now (an unreadable checkpoint); the job fails with it.
    public var problem: String?
}

public struct MappingPlan: Sendable {
    public var program: MappingProgram
    public var spec: MappingSpec
}

public struct OutputPlan: Sendable {
    public var name: String
    public var type: String
    /// One line: what and where (`file out/x.jsonl (jsonl, replace)`).
    public var target: String
    public var spec: OutputSpec
    /// Header name → where its secret comes from (http outputs).
    public var secretHeaders: [(name: String, source: SecretSource)]
}

public struct CheckpointPlan: Sendable {
    public var enabled: Bool
    public var lookBack: Duration
    /// Where checkpoints are kept; `nil` when no state folder applies (validate).
    public var store: CheckpointStore?
    /// The job's folder of checkpoint files.
    public var directory: String?
}
