import JSON

/// A compiled path: a root and steps, evaluated over JSON values without parsing anything per record.
struct Path: Sendable, Hashable {
    enum Root: String, Sendable, Hashable, CaseIterable {
        case alert, incident, indicator, asset, record, job
    }

    enum Step: Sendable, Hashable {
        case member(String)
        /// An index; negative counts from the end (`-1` is the last element).
        case index(Int)
        /// Every element of a list.
        case wildcard
    }

    var root: Root
    var steps: [Step]
    /// The path as written, for messages.
    var text: String

    var hasWildcard: Bool { steps.contains(.wildcard) }

    /// The value at the path, `null` when anything along it is missing or of another type. With `[*]`, a list
    /// of the values found (flattened one level per `[*]`); missing and `null` values are left out of it.
    func evaluate(in scope: Scope) -> JSON {
        evaluate(from: scope.value(of: root))
    }

    func evaluate(from start: JSON) -> JSON {
        if !hasWildcard {
            var current = start
            for step in steps {
                guard let next = Self.apply(step, to: current) else { return .null }
                current = next
            }
            return current
        }
        var results: [JSON] = []
        collect(start, from: 0, into: &results)
        return .array(results)
    }

    private func collect(_ value: JSON, from position: Int, into results: inout [JSON]) {
        var current = value
        var position = position
        while position < steps.count {
            let step = steps[position]
            if case .wildcard = step {
                guard case .array(let items) = current else { return }
                for item in items { collect(item, from: position + 1, into: &results) }
                return
            }
            guard let next = Self.apply(step, to: current) else { return }
            current = next
            position += 1
        }
        if case .null = current { return }
        results.append(current)
    }

    @inline(__always)
    static func apply(_ step: Step, to value: JSON) -> JSON? {
        switch step {
        case .member(let key):
            guard case .object(let object) = value else { return nil }
            return object.member(key)
        case .index(let index):
            guard case .array(let items) = value else { return nil }
            let position = index < 0 ? items.count + index : index
            guard position >= 0, position < items.count else { return nil }
            return items[position]
        case .wildcard:
            return nil
        }
    }
}

/// The values the roots of paths read, for one record.
struct Scope: Sendable {
    var alert: JSON = .null
    var incident: JSON = .null
    var indicator: JSON = .null
    var asset: JSON = .null
    var record: JSON = .null
    var job: JSON = .null

    @inline(__always)
    func value(of root: Path.Root) -> JSON {
        switch root {
        case .alert: alert
        case .incident: incident
        case .indicator: indicator
        case .asset: asset
        case .record: record
        case .job: job
        }
    }
}
