extension Indicator {
    /// The deterministic id of an indicator: UUIDv5 over `"<type>|<value>"` in `UUIDv5.indicatorNamespace`,
    /// lowercase (`sha256|8963a19f…` → `0d18a31e-58b8-582a-8366-0d17f3d8b7df`). Outputs (STIX) use the same id.
    public static func id(type: Kind, value: String) -> String {
        UUIDv5.make(namespace: UUIDv5.indicatorNamespace, parts: type.rawValue, "|", value)
    }

    /// An indicator seen once, with its deterministic id; `value` must already be normalised.
    public init(type: Kind, value: String) {
        self.init(type: type, value: value, id: Indicator.id(type: type, value: value))
    }
}
