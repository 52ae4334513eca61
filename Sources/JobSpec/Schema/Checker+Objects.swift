import Diagnostics
import JSON
import YAML

extension Checker {
    /// Objects whose keys are all optional accept `null` (`alerts:` written with nothing under it) as `{}`.
    static func acceptsNull(_ object: ObjectShape) -> Bool {
        object.exactlyOne.isEmpty && !object.fields.contains { $0.isRequired }
    }

    mutating func checkObject(_ node: Node, _ shape: ObjectShape, path: KeyPath) -> ValueObject? {
        let pairs: [Node.Pair]
        switch node.content {
        case .mapping(let written): pairs = written
        case .scalar where node.isNull && Self.acceptsNull(shape): pairs = []
        default: return mismatch(node, expected: "a mapping", path: path)
        }
        var result = ValueObject(location: node.location)
        var present: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let key = keyText(pair.key, path: path) else { continue }
            guard let field = shape.field(key) else {
                error(
                    "unknown key '\(key)' \(path.inPhrase)\(Self.suggestion(for: key, in: shape))",
                    at: pair.key.location)
                continue
            }
            present[key] = pair.key.location
            guard let value = check(pair.value, field.shape, path: path.key(key)) else { continue }
            result.entries.append(.init(key: Located(key, at: pair.key.location), value: value, isWritten: true))
        }
        for field in shape.fields where present[field.name] == nil {
            if field.isRequired {
                error("missing required key '\(field.name)' \(path.inPhrase)", at: node.location)
            } else if let defaultValue = field.defaultValue {
                let synthetic = Self.node(defaultValue, at: node.location)
                if let value = check(synthetic, field.shape, path: path.key(field.name)) {
                    result.entries.append(
                        .init(key: Located(field.name, at: node.location), value: value, isWritten: false))
                }
            }
        }
        if checkKeyRules(shape, present: present, at: node.location, path: path) {
            for problem in shape.rules(result) { report(problem) }
        }
        return result
    }

    /// `exactlyOne`, `atLeastOne` and `requires`; `false` when one is broken.
    private mutating func checkKeyRules(
        _ shape: ObjectShape, present: [String: SourceLocation], at location: SourceLocation, path: KeyPath
    ) -> Bool {
        var sound = true
        for group in shape.exactlyOne {
            let found = group.filter { present[$0] != nil }.sorted { present[$0]! < present[$1]! }
            let listing = group.sorted().joined(separator: ", ")
            if found.isEmpty {
                error("\(path.subject) needs one of: \(listing)", at: location)
                sound = false
            } else if found.count > 1 {
                error(
                    "\(path.subject) takes only one of: \(listing); found '\(found[0])' and '\(found[1])'",
                    at: present[found[1]]!, notes: [.init("'\(found[0])' is here", at: present[found[0]]!)])
                sound = false
            }
        }
        for group in shape.atLeastOne where !group.contains(where: { present[$0] != nil }) {
            error("\(path.subject) needs at least one of: \(group.sorted().joined(separator: ", "))", at: location)
            sound = false
        }
        for (key, needs) in shape.requires.sorted(by: { $0.key < $1.key }) {
            guard let keyLocation = present[key] else { continue }
            for need in needs where present[need] == nil {
                error("'\(key)' \(path.inPhrase) requires '\(need)'", at: keyLocation)
                sound = false
            }
        }
        return sound
    }

    /// A mapping key's text; keys are plain strings.
    private mutating func keyText(_ key: Node, path: KeyPath) -> String? {
        guard let text = key.scalar, !key.isNull else {
            error("keys \(path.inPhrase) must be strings, found \(key.kindDescription)", at: key.location)
            return nil
        }
        return text
    }

    mutating func checkDictionary(
        _ node: Node, key keyFormat: StringFormat, value: Shape, minEntries: Int, maxEntries: Int?, path: KeyPath
    ) -> ValueObject? {
        guard case .mapping(let pairs) = node.content else { return mismatch(node, expected: "a mapping", path: path) }
        if pairs.count < minEntries || maxEntries.map({ pairs.count > $0 }) == true {
            let expected =
                minEntries == maxEntries
                ? "exactly \(minEntries)"
                : maxEntries.map { "at most \($0)" }
                    ?? "at least \(minEntries)"
            error(
                "\(path.subject) must have \(expected) key\(expected.hasSuffix(" 1") ? "" : "s"), found \(pairs.count)",
                at: node.location)
            return nil
        }
        var result = ValueObject(location: node.location)
        for pair in pairs {
            guard let key = keyText(pair.key, path: path) else { continue }
            if key.isEmpty && keyFormat.minLength > 0 {
                error("keys \(path.inPhrase) must not be empty", at: pair.key.location)
                continue
            }
            if let problem = keyFormat.check(key) {
                error("key '\(key)' \(path.inPhrase) \(problem)", at: pair.key.location)
                continue
            }
            guard let checked = check(pair.value, value, path: path.key(key)) else { continue }
            result.entries.append(.init(key: Located(key, at: pair.key.location), value: checked, isWritten: true))
        }
        return result
    }

    mutating func checkUnion(_ node: Node, _ union: UnionShape, path: KeyPath) -> ValueObject? {
        guard case .mapping = node.content else { return mismatch(node, expected: "a mapping", path: path) }
        let tags = union.variants.map(\.tag)
        guard let tagNode = node[union.discriminator] else {
            error(
                "missing required key '\(union.discriminator)' \(path.inPhrase) (one of: \(tags.sorted().joined(separator: ", ")))",
                at: node.location)
            return nil
        }
        guard let tag = checkEnumeration(tagNode, EnumShape(tags), path: path.key(union.discriminator)),
            let variant = union.variant(tag)
        else { return nil }
        let discriminator = Field(union.discriminator, .enumeration(EnumShape(tags)), required: true, "")
        var shape = variant
        shape.fields = [discriminator] + union.common + variant.fields
        return checkObject(node, shape, path: path)
    }

    mutating func checkSecret(_ node: Node, _ secret: SecretShape, path: KeyPath) -> Located<Value>? {
        switch node.content {
        case .scalar where secret.allowsInline && !node.isNull:
            return checkString(node, .any, path: path).map { Located(.string($0), at: node.location) }
        case .scalar where !node.isNull:
            error(
                "\(secret.noun) must be a reference ({ env: NAME } or { file: PATH }), not a value: "
                    + "secrets in job files end up in git", at: node.location)
            return nil
        case .mapping:
            guard let object = checkObject(node, Self.secretObject(secret), path: path) else { return nil }
            let source: SecretReference.Source =
                object.string("env").map { .environment($0.value) } ?? .file(object.string("file")?.value ?? "")
            let reference = SecretReference(source, prefix: object.string("prefix")?.value, at: node.location)
            return Located(.secret(reference), at: node.location)
        default:
            return mismatch(node, expected: "a secret reference ({ env: NAME } or { file: PATH })", path: path)
        }
    }

    static let environmentName = StringFormat(
        "an environment variable name", pattern: "^[A-Za-z_][A-Za-z0-9_]*$", minLength: 1
    ) { name in
        let valid =
            name.unicodeScalars.first.map { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } == true
            && name.unicodeScalars.allSatisfy {
                $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
            }
        return valid ? nil : "must be an environment variable name (letters, digits and '_', not starting with a digit)"
    }

    static func secretObject(_ secret: SecretShape) -> ObjectShape {
        var fields = [
            Field("env", .string(environmentName), "the environment variable that holds the secret"),
            Field("file", .string(.nonEmpty), "the file that holds the secret (one trailing newline is removed)"),
        ]
        if secret.allowsPrefix {
            fields.append(Field("prefix", .string(.any), "text put before the value, such as 'Bearer '"))
        }
        return ObjectShape(fields, exactlyOne: [["env", "file"]], summary: "a secret reference")
    }

    /// A default value as a node, so it is bound exactly like a written one.
    static func node(_ json: JSON, at location: SourceLocation) -> Node {
        switch json {
        case .null: return .scalar("null", at: location)
        case .bool(let flag): return .scalar(flag ? "true" : "false", at: location)
        case .int(let number): return .scalar(String(number), at: location)
        case .double(let number): return .scalar(String(number), at: location)
        case .string(let text): return .scalar(text, at: location, style: .doubleQuoted)
        case .array(let items): return Node(.sequence(items.map { node($0, at: location) }), at: location)
        case .object(let object):
            return Node(
                .mapping(
                    object.map { Node.Pair(key: .scalar($0.key, at: location), value: node($0.value, at: location)) }),
                at: location)
        }
    }

    /// "Did you mean" for an unknown key: a sibling key, else a key one level down (`severity` written beside
    /// `filter` instead of inside it).
    static func suggestion(for key: String, in shape: ObjectShape) -> String {
        let sibling = Suggestion.didYouMean(key, among: shape.fields.map(\.name))
        if !sibling.isEmpty { return sibling }
        for field in shape.fields {
            guard case .object(let inner) = field.shape,
                let match = Suggestion.nearest(to: key, among: inner.fields.map(\.name))
            else { continue }
            return "; did you mean '\(field.name).\(match)'? ('\(match)' belongs inside '\(field.name)')"
        }
        return ""
    }
}
