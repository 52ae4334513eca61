/// The key sequences ("shapes") of the objects met so far in one parse, as a tree whose root is the empty object and
/// whose every node adds one key to its parent's sequence: the idea behind the hidden classes of JavaScript engines.
///
/// The objects of a Graph page come in a few dozen shapes (an alert, each kind of evidence, a logged-on user, …), each
/// repeated hundreds of times. Following the tree while reading an object:
/// - a node remembers the two children taken last (`predicted`, `alternative`), so the next key is usually checked
///   by comparing the input with one or two keys' bytes: no scanning, hashing or table look-up;
/// - every path has unique keys (a child is never added for a key already on the path), so a key that follows the
///   tree needs no duplicate check;
/// - the node where an object ends holds the `[String]` of its keys, shared by every object of that shape instead of
///   one array (and a reference to each key) per object.
///
/// Only keys that `KeyTable` keeps and that are ASCII take part (their ids stand for their bytes, and for ASCII keys
/// equal bytes is the same as equal `String`s). An object that meets any other key, a duplicate, or a full tree leaves
/// the tree and finishes on the general path (`JSONByteParser.leaveShape`).
struct ShapeTree: ~Copyable {
    struct Node {
        var parent: Int32
        /// The number of keys on the path from the root.
        var depth: Int32
        /// The key that leads here from the parent: its `KeyTable` id, text, `KeyClass` hash and where its bytes are in
        /// the input (written without escapes; the latest place read, which is likelier in the processor's cache
        /// than the first).
        var keyID: Int32
        var keyLength: Int32
        var keyOffset: Int
        var key: String
        var keyHash: UInt64
        /// The child taken most recently, and the one taken before it (`none` if none).
        var predicted: Int32 = ShapeTree.none
        var alternative: Int32 = ShapeTree.none
        /// The keys of the path, made when an object first ends here.
        var keys: [String]?
    }

    static let root: Int32 = 0
    static let none: Int32 = -1
    /// Past this many nodes the tree stops growing (objects whose shapes are not in it take the general path).
    static let maximumNodes = 16_384

    private var nodes: UnsafeMutablePointer<Node>
    private var capacity = 16
    private var count = 1

    /// Every parent-to-child edge, by parent and key id: open addressing, linear probing, at most half full. (A node
    /// may have many children, as where the kinds of evidence part ways; a table finds the one wanted in one probe
    /// where a list of siblings would visit each.)
    private struct Edge {
        /// `parent << 32 | keyID`; `empty` for a free slot.
        var key: UInt64
        var child: Int32
        static let empty = UInt64.max
    }

    private var edges: UnsafeMutablePointer<Edge>
    private var edgeCapacity = 64

    init() {
        nodes = .allocate(capacity: capacity)
        nodes.initialize(
            to: Node(parent: Self.none, depth: 0, keyID: -1, keyLength: 0, keyOffset: 0, key: "", keyHash: 0))
        edges = .allocate(capacity: edgeCapacity)
        edges.initialize(repeating: Edge(key: Edge.empty, child: Self.none), count: edgeCapacity)
    }

    deinit {
        nodes.deinitialize(count: count)
        nodes.deallocate()
        edges.deallocate()
    }

    @inline(__always)
    private static func slot(of key: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> 32) & (capacity - 1)
    }

    func keyID(of node: Int32) -> Int32 { nodes[Int(node)].keyID }

    func key(of node: Int32) -> String { nodes[Int(node)].key }

    subscript(node: Int32) -> Node {
        _read { yield nodes[Int(node)] }
    }

    /// The predicted (or alternative) child of `node` when the input at `position` is its key followed by the
    /// closing quote.
    @inline(__always)
    mutating func predictedChild(of node: Int32, in input: UnsafeBufferPointer<UInt8>, at position: Int) -> Int32 {
        let predicted = nodes[Int(node)].predicted
        guard predicted != Self.none else { return Self.none }
        if isKey(of: predicted, in: input, at: position) {
            nodes[Int(predicted)].keyOffset = position
            return predicted
        }
        let alternative = nodes[Int(node)].alternative
        guard alternative != Self.none, isKey(of: alternative, in: input, at: position) else { return Self.none }
        nodes[Int(alternative)].keyOffset = position
        nodes[Int(node)].alternative = predicted
        nodes[Int(node)].predicted = alternative
        return alternative
    }

    /// Whether the input at `position` is the key leading to `node` followed by the closing quote.
    @inline(__always)
    func isKey(of node: Int32, in input: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let length = Int(nodes[Int(node)].keyLength)
        guard position + length < input.count, input[position + length] == UInt8(ascii: "\"") else { return false }
        let base = input.baseAddress!
        return ByteScan.equal(base + nodes[Int(node)].keyOffset, base + position, count: length)
    }

    /// Makes `child` the prediction of `node`, the previous prediction its alternative.
    @inline(__always)
    private mutating func predict(_ child: Int32, after node: Int32) {
        let predicted = nodes[Int(node)].predicted
        guard predicted != child else { return }
        nodes[Int(node)].alternative = predicted
        nodes[Int(node)].predicted = child
    }

    /// The child of `node` for the key with id `keyID`, added if new; `none` when the key is already on the path
    /// (a duplicate) or the tree is full. The child becomes `node`'s prediction.
    mutating func child(
        of node: Int32, keyID: Int32, key: String, hash: UInt64, offset: Int, length: Int
    ) -> Int32 {
        let edge = UInt64(UInt32(bitPattern: node)) &<< 32 | UInt64(UInt32(bitPattern: keyID))
        var slot = Self.slot(of: edge, capacity: edgeCapacity)
        while edges[slot].key != Edge.empty {
            if edges[slot].key == edge {
                predict(edges[slot].child, after: node)
                return edges[slot].child
            }
            slot = (slot + 1) & (edgeCapacity - 1)
        }
        guard count < Self.maximumNodes else { return Self.none }
        var ancestor = node
        while ancestor != Self.root {
            if nodes[Int(ancestor)].keyID == keyID { return Self.none }
            ancestor = nodes[Int(ancestor)].parent
        }
        if count == capacity { grow() }
        let new = Int32(count)
        (nodes + count).initialize(
            to: Node(
                parent: node, depth: nodes[Int(node)].depth + 1, keyID: keyID, keyLength: Int32(length),
                keyOffset: offset, key: key, keyHash: hash))
        count += 1
        predict(new, after: node)
        edges[slot] = Edge(key: edge, child: new)
        // Edges are one fewer than nodes: keep the table at most half full.
        if count * 2 > edgeCapacity { growEdges() }
        return new
    }

    /// The keys of the path to `node`, shared by every object of that shape.
    mutating func keys(of node: Int32) -> [String] {
        if let keys = nodes[Int(node)].keys { return keys }
        var keys = [String](repeating: "", count: Int(nodes[Int(node)].depth))
        var step = node
        while step != Self.root {
            keys[Int(nodes[Int(step)].depth) - 1] = nodes[Int(step)].key
            step = nodes[Int(step)].parent
        }
        nodes[Int(node)].keys = keys
        return keys
    }

    /// The nodes on the path to `node`, from the root's child down to `node`.
    func path(to node: Int32) -> [Int32] {
        var path = [Int32](repeating: Self.root, count: Int(nodes[Int(node)].depth))
        var step = node
        while step != Self.root {
            path[Int(nodes[Int(step)].depth) - 1] = step
            step = nodes[Int(step)].parent
        }
        return path
    }

    private mutating func growEdges() {
        let larger = UnsafeMutablePointer<Edge>.allocate(capacity: edgeCapacity * 2)
        larger.initialize(repeating: Edge(key: Edge.empty, child: Self.none), count: edgeCapacity * 2)
        for index in 0..<edgeCapacity where edges[index].key != Edge.empty {
            var slot = Self.slot(of: edges[index].key, capacity: edgeCapacity * 2)
            while larger[slot].key != Edge.empty { slot = (slot + 1) & (edgeCapacity * 2 - 1) }
            larger[slot] = edges[index]
        }
        edges.deallocate()
        edges = larger
        edgeCapacity *= 2
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: nodes, count: count)
        nodes.deallocate()
        nodes = larger
        capacity *= 2
    }
}
