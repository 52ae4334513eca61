/// The parser behind `JSON(parsing:)`: one recursive-descent pass over UTF-8 bytes.
///
/// What makes it fast on Graph pages (thousands of alerts, each some 20 objects and 190 members):
/// - the members of each array and object gather on scratch stacks and move into one exactly sized array when the
///   container ends (`ScratchStack`), instead of growing arrays element by element;
/// - objects follow a tree of the key sequences seen so far (`ShapeTree`): a key that is the one predicted costs a
///   byte comparison, needs no duplicate check, and objects of one shape share one array of keys;
/// - other keys are shared across the parse (`KeyTable`), so a recurring key costs no allocation, and so are recent
///   string values (`StringCache`); their duplicates are found by comparing 64-bit hashes behind a 64-bit Bloom
///   mask, so a new key is usually known to be new without a single string comparison;
/// - strings are scanned eight bytes at a time (`ByteScan`).
///
/// Non-copyable: it owns its scratch memory, released by the members' `deinit`s on every path.
struct JSONByteParser: ~Copyable {
    let buffer: UnsafeBufferPointer<UInt8>
    let options: JSONParseOptions
    var index = 0
    /// Elements of the arrays and member values of the objects being parsed, outermost first.
    var values = ScratchStack<JSON>()
    /// Keys of the objects being parsed, and beside each its `KeyClass` hash.
    var keys = ScratchStack<String>()
    var keyHashes = ScratchStack<UInt64>()
    var keyTable = KeyTable()
    var shapes = ShapeTree()
    let strings: StringCache
    /// The decoded bytes of a string with escapes (reused from string to string).
    var unescaped: [UInt8] = []
    /// The options' projection (read only when it leaves anything out).
    var projection: ProjectionTable
    /// The projection node the value being parsed is read through (`JSONProjection.whole`: all of it).
    var projectionNode = JSONProjection.whole

    init(buffer: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) {
        self.buffer = buffer
        self.options = options
        strings = StringCache(inputCount: buffer.count)
        projection = ProjectionTable(options.projection)
        if !options.projection.keepsEverything { projectionNode = 0 }
    }

    func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, buffer.count)
        var line = 1
        var lineStart = 0
        for position in 0..<offset where buffer[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(offset: offset, line: line, column: offset - lineStart + 1, reason: reason)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < buffer.count {
            let byte = buffer[index]
            // Most calls find no whitespace at all (Graph writes none): one comparison says so.
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSON {
        guard index < buffer.count else { throw error("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected character '\(Self.printable(buffer[index]))'")
        }
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= buffer.count else { throw error("unexpected end of input") }
        guard ByteScan.equal(buffer.baseAddress! + index, literal.utf8Start, count: count) else {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // {
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        // The projection node of this object's members (`whole`: no projection, every member is kept).
        let node = projectionNode
        var memberCount = 0
        let firstKey = keys.count
        let firstValue = values.count
        var seen = KeyClass.Summary()
        // While the object follows the shape tree, `shape` is the node of its keys so far, which are not on `keys`.
        var shape = ShapeTree.root
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            if buffer[index] == UInt8(ascii: "}"), options.allowTrailingCommas, memberCount > 0 {
                index += 1
                break
            }
            guard buffer[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            // The member's key and hash when the object is off the tree (then the key still needs its checks).
            var member: (key: String, hash: UInt64)?
            var memberID: Int32 = -1
            if shape != ShapeTree.none {
                let predicted = shapes.predictedChild(of: shape, in: buffer, at: index + 1)
                if predicted != ShapeTree.none {
                    index += Int(shapes[predicted].keyLength) + 2
                    shape = predicted
                } else {
                    let keyStart = index + 1
                    let (key, hash, id) = try parseKey()
                    let next =
                        id < 0 || hash == KeyClass.irregular
                        ? ShapeTree.none
                        : shapes.child(
                            of: shape, keyID: id, key: key, hash: hash, offset: keyStart, length: index - 1 - keyStart)
                    if next == ShapeTree.none {
                        leaveShape(shape, seen: &seen, node: node)
                        member = (key, hash)
                        memberID = id
                    }
                    shape = next
                }
            } else {
                let (key, hash, id) = try parseKey()
                member = (key, hash)
                memberID = id
            }
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            memberCount += 1
            // A skipped member sets `kept` rather than `continue`-ing the loop: that shape made Swift 6.2's SIL passes
            // run without end on this non-copyable parser.
            let value: JSON
            var kept = true
            if node == JSONProjection.whole {
                value = try parseValue(depth: depth)
            } else {
                let decision: Int32
                if let member {
                    decision = projection.decision(node: node, keyID: memberID, key: member.key)
                } else {
                    decision = projection.decision(
                        node: node, keyID: shapes.keyID(of: shape), key: shapes.key(of: shape))
                }
                if decision == ProjectionTable.skip {
                    try skipValue(depth: depth)
                    kept = false
                    value = .null
                } else {
                    projectionNode = decision
                    value = try parseValue(depth: depth)
                    projectionNode = node
                }
            }
            if !kept {
                // Left out by the projection.
            } else if let (key, hash) = member {
                if let existing = memberIndex(of: key, hash: hash, from: firstKey, seen: seen) {
                    // A later duplicate replaces the earlier value in place.
                    values[firstValue + existing] = value
                } else {
                    keys.push(key)
                    keyHashes.push(hash)
                    values.push(value)
                    seen.insert(hash)
                }
            } else {
                values.push(value)
            }
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            throw error("expected ',' or '}'", at: index - 1)
        }
        let count = values.count - firstValue
        let objectKeys: [String]
        if shape != ShapeTree.none {
            objectKeys = node == JSONProjection.whole ? shapes.keys(of: shape) : projectedKeys(shape: shape, node: node)
        } else {
            keyHashes.drop(count)
            objectKeys = keys.popArray(count)
        }
        return .object(JSONObject(uniqueKeys: objectKeys, values: values.popArray(count)))
    }

    /// The keys kept of an object of shape `shape` read through projection node `node`.
    mutating func projectedKeys(shape: Int32, node: Int32) -> [String] {
        if let keys = projection.keys(ofShape: shape, node: node) { return keys }
        let path = shapes.path(to: shape).map { (id: shapes.keyID(of: $0), key: shapes.key(of: $0)) }
        return projection.keys(ofShape: shape, node: node, path: path)
    }

    /// Moves an object off the shape tree: the keys of its path to `shape` go on `keys` for the general path (those
    /// that projection node `node` keeps).
    mutating func leaveShape(_ shape: Int32, seen: inout KeyClass.Summary, node projected: Int32) {
        for node in shapes.path(to: shape) {
            if projected != JSONProjection.whole,
                projection.decision(node: projected, keyID: shapes.keyID(of: node), key: shapes.key(of: node))
                    == ProjectionTable.skip
            {
                continue
            }
            keys.push(shapes[node].key)
            keyHashes.push(shapes[node].keyHash)
            seen.insert(shapes[node].keyHash)
        }
    }

    /// The position (from `first`) of the member of the current object whose key equals `key` (`String` equality,
    /// as `JSONObject` compares keys), if any.
    func memberIndex(of key: String, hash: UInt64, from first: Int, seen: KeyClass.Summary) -> Int? {
        let end = keys.count
        if hash != KeyClass.irregular {
            // ASCII keys are equal exactly when their bytes are, so only an equal hash can mean an equal key…
            if seen.mayContain(hash) {
                for position in first..<end where keyHashes[position] == hash && keys[position] == key {
                    return position - first
                }
            }
            // …except against a non-ASCII key, which `String` may find canonically equivalent (U+212A is "K").
            guard seen.hasIrregular else { return nil }
            for position in first..<end where keyHashes[position] == KeyClass.irregular && keys[position] == key {
                return position - first
            }
            return nil
        }
        for position in first..<end where keys[position] == key {
            return position - first
        }
        return nil
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // [
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        let first = values.count
        while true {
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "]"), options.allowTrailingCommas,
                values.count > first
            {
                index += 1
                break
            }
            values.push(try parseValue(depth: depth))
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an array") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { break }
            throw error("expected ',' or ']'", at: index - 1)
        }
        return .array(values.popArray(values.count - first))
    }
}
