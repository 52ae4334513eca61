import Diagnostics

/// Builds node trees from parser events: anchors and aliases, merge keys, duplicate keys and the limits.
///
/// Knows nothing of libyaml; `YAMLParser` feeds it. A limit or a hostile construct throws `Stop` after recording its
/// diagnostic; everything else is recorded and building goes on.
struct TreeBuilder {
    struct Stop: Error {}

    private struct Anchored {
        var node: Node
        /// Nodes in the subtree, counting what nested aliases stand for.
        var size: Int
    }

    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var tag: String?
        var style: Node.Style
        var anchor: String?
        /// Sequence items, or mapping keys and values alternating.
        var items: [Node] = []
        var size = 1
    }

    let limits: YAMLLimits
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var documents: [YAMLDocument] = []

    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var root: Node?
    private var documentLocation: SourceLocation?
    private var documentSound = true
    private var collectionAliases = 0
    private var aliasExpansion = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func record(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    // MARK: documents

    mutating func startDocument(at location: SourceLocation) {
        anchors = [:]
        root = nil
        frames = []
        documentLocation = location
        documentSound = true
    }

    mutating func endDocument() {
        guard let location = documentLocation else { return }
        let node = root ?? .scalar("", at: location)
        documents.append(YAMLDocument(root: node, location: location, isSound: documentSound))
        documentLocation = nil
    }

    // MARK: nodes

    mutating func scalar(
        _ value: String, anchor: String?, tag: String?, style: Node.Style, at location: SourceLocation
    ) {
        let node = Node.scalar(value, at: location, tag: tag, style: style)
        if let anchor { anchors[anchor] = Anchored(node: node, size: 1) }
        append(node, size: 1)
    }

    mutating func alias(_ name: String, at location: SourceLocation) throws(Stop) {
        guard let anchored = anchors[name] else {
            if frames.contains(where: { $0.anchor == name }) {
                record(.error("alias '*\(name)' refers to a collection that contains it", at: location))
            } else {
                let known = Suggestion.didYouMean(name, among: anchors.keys.sorted())
                record(.error("undefined alias '*\(name)'\(known)", at: location))
            }
            documentSound = false
            append(.scalar("", at: location), size: 1)
            return
        }
        if anchored.node.scalar == nil {
            collectionAliases += 1
            if collectionAliases > limits.maxCollectionAliases {
                record(
                    .error(
                        "more than \(limits.maxCollectionAliases) aliases to sequences or mappings in this file "
                            + "(the limit)", at: location))
                throw Stop()
            }
        }
        aliasExpansion += anchored.size
        if aliasExpansion > limits.maxAliasExpansion {
            record(
                .error(
                    "aliases in this file stand for more than \(limits.maxAliasExpansion) nodes (the limit); "
                        + "refusing to expand them", at: location))
            throw Stop()
        }
        append(anchored.node, size: anchored.size)
    }

    mutating func startCollection(
        mapping: Bool, anchor: String?, tag: String?, style: Node.Style, at location: SourceLocation
    ) throws(Stop) {
        if frames.count >= limits.maxDepth {
            record(.error("nesting is deeper than \(limits.maxDepth) levels (the limit)", at: location))
            throw Stop()
        }
        frames.append(Frame(isMapping: mapping, location: location, tag: tag, style: style, anchor: anchor))
    }

    mutating func endCollection() {
        guard let frame = frames.popLast() else { return }
        let node: Node
        if frame.isMapping {
            node = Node(.mapping(mappingPairs(frame.items)), at: frame.location, tag: frame.tag, style: frame.style)
        } else {
            node = Node(.sequence(frame.items), at: frame.location, tag: frame.tag, style: frame.style)
        }
        if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, size: frame.size) }
        append(node, size: frame.size)
    }

    private mutating func append(_ node: Node, size: Int) {
        guard !frames.isEmpty else {
            root = node
            return
        }
        frames[frames.count - 1].items.append(node)
        frames[frames.count - 1].size += size
    }

    // MARK: mappings

    /// Pairs in written order; each `<<` replaced by the merged pairs no written key overrides (earlier merged
    /// mappings beat later ones); a duplicate written key is reported and dropped.
    private mutating func mappingPairs(_ items: [Node]) -> [Node.Pair] {
        var written: [Node.Pair] = []
        var merges: [Int: [Node]] = [:]
        var firstKey: [NodeKey: SourceLocation] = [:]
        var index = 0
        while index + 1 < items.count {
            let pair = Node.Pair(key: items[index], value: items[index + 1])
            index += 2
            if Self.isMergeKey(pair.key) {
                if let sources = mergeSources(pair.value) {
                    merges[written.count, default: []].append(contentsOf: sources)
                }
                continue
            }
            let key = NodeKey(pair.key)
            if let first = firstKey[key] {
                record(
                    .error(
                        "duplicate key '\(key.text)'", at: pair.key.location,
                        notes: [.init("first defined here", at: first)]))
                continue
            }
            firstKey[key] = pair.key.location
            written.append(pair)
        }
        guard !merges.isEmpty else { return written }
        var result: [Node.Pair] = []
        var taken = Set(firstKey.keys)
        for position in 0...written.count {
            for source in merges[position] ?? [] {
                for pair in source.mapping ?? [] where taken.insert(NodeKey(pair.key)).inserted {
                    result.append(pair)
                }
            }
            if position < written.count { result.append(written[position]) }
        }
        return result
    }

    static func isMergeKey(_ key: Node) -> Bool {
        guard key.scalar == "<<" else { return false }
        return (key.style == .plain && key.tag == nil) || key.tag == YAMLTag.merge
    }

    /// The mappings a `<<` value names, or `nil` (reported) when it is anything else.
    private mutating func mergeSources(_ value: Node) -> [Node]? {
        switch value.content {
        case .mapping: return [value]
        case .sequence(let items):
            var sources: [Node] = []
            for item in items {
                guard case .mapping = item.content else {
                    record(
                        .error(
                            "the merge key '<<' takes mappings, found \(item.kindDescription) in its list",
                            at: item.location))
                    documentSound = false
                    continue
                }
                sources.append(item)
            }
            return sources
        case .scalar:
            record(
                .error(
                    "the merge key '<<' takes a mapping or a list of mappings, found \(value.kindDescription)",
                    at: value.location))
            documentSound = false
            return nil
        }
    }
}

/// A mapping key compared by content, not by where it was written.
struct NodeKey: Hashable {
    let text: String

    init(_ node: Node) {
        text = Self.describe(node)
    }

    private static func describe(_ node: Node) -> String {
        switch node.content {
        case .scalar(let value): return value
        case .sequence(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
