/// The key sequences ("shapes") of the objects met so far in one parse, as a tree whose root is the empty object and
/// whose every node adds one key to its parent's sequence: the idea behind the hidden classes of JavaScript engines.
///
/// The objects of a Graph page come in a few dozen shapes (an alert, each kind of evidence, a logged-on user, …), each
/// repeated hundreds of times. Following the tree while reading an object:
/// - a node remembers the child taken last (`predicted`), so the next key is usually checked by comparing the input
///   with that key's bytes: no scanning, hashing or table look-up;
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
        /// the input (written without escapes).
        var keyID: Int32
        var keyLength: Int32
        var keyOffset: Int
        var key: String
        var keyHash: UInt64
        /// The child taken most recently, first child and next sibling (`none` if none).
        var predicted: Int32 = ShapeTree.none
        var firstChild: Int32 = ShapeTree.none
        var nextSibling: Int32 = ShapeTree.none
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

    init() {
        nodes = .allocate(capacity: capacity)
        nodes.initialize(
            to: Node(parent: Self.none, depth: 0, keyID: -1, keyLength: 0, keyOffset: 0, key: "", keyHash: 0))
    }

    deinit {
        nodes.deinitialize(count: count)
        nodes.deallocate()
    }

    subscript(node: Int32) -> Node {
        _read { yield nodes[Int(node)] }
    }

    /// The predicted child of `node` when the input at `position` is its key followed by the closing quote.
    @inline(__always)
    func predictedChild(of node: Int32, in input: UnsafeBufferPointer<UInt8>, at position: Int) -> Int32 {
        let child = nodes[Int(node)].predicted
        guard child != Self.none else { return Self.none }
        let length = Int(nodes[Int(child)].keyLength)
        guard position + length < input.count, input[position + length] == UInt8(ascii: "\"") else { return Self.none }
        let base = input.baseAddress!
        guard ByteScan.equal(base + nodes[Int(child)].keyOffset, base + position, count: length) else {
            return Self.none
        }
        return child
    }

    /// The child of `node` for the key with id `keyID`, added if new; `none` when the key is already on the path
    /// (a duplicate) or the tree is full. The child becomes `node`'s prediction.
    mutating func child(
        of node: Int32, keyID: Int32, key: String, hash: UInt64, offset: Int, length: Int
    ) -> Int32 {
        var child = nodes[Int(node)].firstChild
        while child != Self.none {
            if nodes[Int(child)].keyID == keyID {
                nodes[Int(node)].predicted = child
                return child
            }
            child = nodes[Int(child)].nextSibling
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
                keyOffset: offset, key: key, keyHash: hash, nextSibling: nodes[Int(node)].firstChild))
        count += 1
        nodes[Int(node)].firstChild = new
        nodes[Int(node)].predicted = new
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

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: nodes, count: count)
        nodes.deallocate()
        nodes = larger
        capacity *= 2
    }
}
