/// Which members of objects a parse keeps (`JSONParseOptions.projection`); the values of the others are read only far
/// enough to be checked and skipped, and never become `JSON` values.
///
/// A job that extracts indicators reads a few dozen of the some 200 members of an alert; building the rest (and
/// freeing it again) was most of the cost of a page. A projection is a graph of nodes: a node names the members it
/// keeps, each read through a node of its own (or kept whole), and says whether the members it does not name are kept
/// whole or skipped. Arrays are transparent: their elements are read through the node of the array.
///
/// `everything` keeps every member, as a parse without a projection does.
public struct JSONProjection: Sendable, Hashable {
    struct Node: Sendable, Hashable {
        /// Member name → the node its value is read through (`whole` keeps it entire).
        var members: [String: Int32]
        var keepsOthers: Bool
    }

    /// The node of a member kept entire.
    static let whole: Int32 = -1

    /// The root is `nodes[0]`; none means everything is kept.
    var nodes: [Node]

    /// Keeps every member of every object.
    public static let everything = JSONProjection(nodes: [])

    /// Whether this projection keeps everything.
    public var keepsEverything: Bool { nodes.isEmpty }

    init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// Objects at every depth keep only the members named in `keys` (read the same way), and the members named in
    /// `whole`, kept entire; the others are skipped.
    public init(keys: some Sequence<String>, whole: some Sequence<String> = [String]()) {
        var members: [String: Int32] = [:]
        for key in keys { members[key] = 0 }
        for key in whole { members[key] = Self.whole }
        nodes = [Node(members: members, keepsOthers: false)]
    }

    /// This projection with the top object's member `key` read through `inner` (and kept when this projection would
    /// have skipped it).
    public func reading(_ key: String, through inner: JSONProjection) -> JSONProjection {
        var result = self
        if result.nodes.isEmpty { result.nodes = [Node(members: [:], keepsOthers: true)] }
        guard !inner.nodes.isEmpty else {
            result.nodes[0].members[key] = Self.whole
            return result
        }
        let offset = Int32(result.nodes.count)
        for var node in inner.nodes {
            for (name, target) in node.members where target != Self.whole { node.members[name] = target + offset }
            result.nodes.append(node)
        }
        result.nodes[0].members[key] = offset
        return result
    }

    /// This projection with the top object's members named in `keys` kept entire.
    public func keeping(_ keys: some Sequence<String>) -> JSONProjection {
        guard !nodes.isEmpty else { return self }
        var result = self
        for key in keys { result.nodes[0].members[key] = Self.whole }
        return result
    }
}
