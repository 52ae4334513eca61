import Foundation

/// A receiver for HTTP outputs during demos (`temsync run --emulator`): `POST` or `PUT` to `/_temsync/sink/{name}`
/// answers `200` and remembers what arrived. It is not part of Microsoft Graph — it exists so the example jobs'
/// webhook outputs have somewhere to deliver on a machine with no TEM platform — and it is documented as such.
public actor WebhookSink {
    /// What one sink path received.
    public struct Delivery: Sendable, Hashable {
        public var requests = 0
        public var bytes = 0
        /// Distinct `Idempotency-Key` values seen (a retried batch carries the same key).
        public var idempotencyKeys: Set<String> = []
    }

    /// The path prefix of sink requests.
    public static let pathPrefix = "/_temsync/sink/"

    private var deliveries: [String: Delivery] = [:]

    public init() {}

    /// What arrived at `/_temsync/sink/{name}`.
    public func delivery(named name: String) -> Delivery {
        deliveries[name] ?? Delivery()
    }

    public var names: [String] { deliveries.keys.sorted() }

    func receive(name: String, bytes: Int, idempotencyKey: String?) {
        var delivery = deliveries[name] ?? Delivery()
        delivery.requests += 1
        delivery.bytes += bytes
        if let idempotencyKey { delivery.idempotencyKeys.insert(idempotencyKey) }
        deliveries[name] = delivery
    }

    /// The sink path's name, or nil when `path` is not a sink path.
    static func name(ofPath path: String) -> String? {
        guard path.hasPrefix(pathPrefix) else { return nil }
        let name = String(path.dropFirst(pathPrefix.count))
        return name.isEmpty ? nil : name
    }
}
