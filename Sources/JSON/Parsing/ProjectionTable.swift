/// A `JSONProjection` as the parser reads it: per node, the decision for each key (`skip`, `JSONProjection.whole`
/// or the node the value is read through), cached by the key's `KeyTable` id so that a member costs an array load,
/// and the kept keys of each object shape.
struct ProjectionTable {
    /// The decision for a key the node leaves out.
    static let skip: Int32 = -2
    private static let unknown: Int32 = -3
    /// Key ids are below this (`KeyTable.maximumSlots / 2`).
    private static let idLimit = KeyTable.maximumSlots / 2

    let projection: JSONProjection
    /// `decisions[node * stride + keyID]`, filled as keys are met; made on first use and widened as larger key ids
    /// come (a small document meets few keys, and a parse of one alert should not pay for 2,048 per node).
    private var decisions: [Int32] = []
    private var stride = 0
    /// The kept keys of an object shape read through a node: `shape << 32 | node` → keys.
    private var keptKeys: [UInt64: [String]] = [:]

    init(_ projection: JSONProjection) {
        self.projection = projection
    }

    /// How the member `key` (with `KeyTable` id `keyID`, `-1` if none) of an object read through `node` is read.
    @inline(__always)
    mutating func decision(node: Int32, keyID: Int32, key: String) -> Int32 {
        guard keyID >= 0, keyID < Self.idLimit else { return Self.decide(projection.nodes[Int(node)], key) }
        if Int(keyID) >= stride { widen(toInclude: Int(keyID)) }
        let slot = Int(node) * stride + Int(keyID)
        let cached = decisions[slot]
        if cached != Self.unknown { return cached }
        let decided = Self.decide(projection.nodes[Int(node)], key)
        decisions[slot] = decided
        return decided
    }

    private mutating func widen(toInclude keyID: Int) {
        var wider = max(64, stride)
        while wider <= keyID { wider *= 2 }
        var widened = [Int32](repeating: Self.unknown, count: projection.nodes.count * wider)
        for node in 0..<projection.nodes.count {
            for id in 0..<stride { widened[node * wider + id] = decisions[node * stride + id] }
        }
        decisions = widened
        stride = wider
    }

    private static func decide(_ node: JSONProjection.Node, _ key: String) -> Int32 {
        if let target = node.members[key] { return target }
        return node.keepsOthers ? JSONProjection.whole : skip
    }

    /// The keys kept of an object of shape `shape` read through `node` (in order), when known.
    func keys(ofShape shape: Int32, node: Int32) -> [String]? {
        keptKeys[Self.cacheKey(shape, node)]
    }

    /// Works out and remembers the keys kept of an object of shape `shape` (whose path has the keys `path`, with
    /// their `KeyTable` ids) read through `node`.
    mutating func keys(ofShape shape: Int32, node: Int32, path: [(id: Int32, key: String)]) -> [String] {
        var keys: [String] = []
        for member in path where decision(node: node, keyID: member.id, key: member.key) != Self.skip {
            keys.append(member.key)
        }
        keptKeys[Self.cacheKey(shape, node)] = keys
        return keys
    }

    private static func cacheKey(_ shape: Int32, _ node: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: shape)) << 32 | UInt64(UInt32(bitPattern: node))
    }
}
