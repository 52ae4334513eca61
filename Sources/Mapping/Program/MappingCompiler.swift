import Diagnostics
import JSON

/// Compiles `MappingRules` into a `MappingProgram`, collecting every problem (never stopping at the first).
struct MappingCompiler {
    let emit: EmitMode
    let emitLocation: SourceLocation?
    var diagnostics: [Diagnostic] = []
    /// Roots used by any path, to skip building what no path reads.
    var usedRoots = Set<Path.Root>()
    /// The first members of `alert` paths (what a projection of the alert must keep whole), and whether a path reads
    /// the alert itself.
    var alertMembersRead = Set<String>()
    var readsWholeAlert = false

    init(emit: EmitMode, emitLocation: SourceLocation?) {
        self.emit = emit
        self.emitLocation = emitLocation
    }

    var roots: [Path.Root] {
        switch emit {
        case .alerts: [.alert, .job, .record]
        case .incidents: [.incident, .job, .record]
        case .indicators: [.alert, .indicator, .job, .record]
        case .assets: [.alert, .asset, .job, .record]
        }
    }

    mutating func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    mutating func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(message, at: location, notes: notes))
    }

    static func quotedList(_ names: some Sequence<String>) -> String {
        names.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }

    /// `"; did you mean 'x'?"`, or ` (<what>: 'a', 'b', …)` when nothing is close.
    static func suggestion(_ word: String, among candidates: [String], what: String) -> String {
        let hint = Suggestion.didYouMean(word, among: candidates)
        return hint.isEmpty ? " (\(what): \(quotedList(candidates)))" : hint
    }

    // MARK: paths

    /// Compiles the path written at `start`; `text` may be a part of a longer string (a template placeholder).
    mutating func path(
        _ text: String, at start: SourceLocation, offsetIn whole: String? = nil, offset: Int = 0
    )
        -> Path?
    {
        func location(_ inner: Int) -> SourceLocation {
            SourceText.location(of: offset + inner, in: whole ?? text, from: start)
        }
        let parsed: PathParser.Parsed
        switch PathParser.parse(text) {
        case .success(let value): parsed = value
        case .failure(let failure):
            error("invalid path '\(text)': \(failure.message)", at: location(failure.offset))
            return nil
        }
        guard let root = Path.Root(rawValue: parsed.root) else {
            let names = roots.map(\.rawValue)
            error(
                "unknown root '\(parsed.root)' in path '\(text)'"
                    + Self.suggestion(parsed.root, among: names, what: "roots with emit '\(emit.rawValue)'"),
                at: location(0))
            return nil
        }
        guard roots.contains(root) else {
            var notes: [Diagnostic.Note] = []
            if let emitLocation { notes.append(.init("emit is '\(emit.rawValue)' here", at: emitLocation)) }
            error(
                "root '\(root.rawValue)' is not available with emit '\(emit.rawValue)' (roots: "
                    + "\(Self.quotedList(roots.map(\.rawValue))))",
                at: location(0), notes: notes)
            return nil
        }
        usedRoots.insert(root)
        if root == .alert {
            if case .member(let name)? = parsed.steps.first {
                alertMembersRead.insert(name)
            } else {
                readsWholeAlert = true
            }
        }
        if case .member(let name)? = parsed.steps.first {
            let at = location(parsed.offsets[0] + 1)
            switch root {
            case .record, .job, .indicator, .asset:
                let members: [String]
                switch root {
                case .record: members = KnownMembers.record
                case .job: members = KnownMembers.job
                case .asset: members = KnownMembers.asset
                default: members = KnownMembers.indicator
                }
                if !members.contains(name) {
                    error(
                        "unknown member '\(name)' of '\(root.rawValue)'"
                            + Self.suggestion(name, among: members, what: "members"),
                        at: at)
                    return nil
                }
            case .alert, .incident:
                let members = root == .alert ? KnownMembers.alert : KnownMembers.incident
                let hint = Suggestion.didYouMean(name, among: members)
                if !members.contains(name), !hint.isEmpty {
                    warning("unknown \(root.rawValue) property '\(name)'\(hint)", at: at)
                }
            }
        }
        return Path(root: root, steps: parsed.steps, text: text)
    }

    mutating func template(_ text: Located<String>) -> Template? {
        let raw: [(piece: Template.RawPiece, offset: Int)]
        switch Template.split(text.value) {
        case .success(let value): raw = value
        case .failure(let failure):
            error(
                "invalid template: \(failure.message)",
                at: SourceText.location(of: failure.offset, in: text.value, from: text.location))
            return nil
        }
        var pieces: [Template.Piece] = []
        var valid = true
        for (piece, offset) in raw {
            switch piece {
            case .text(let literal): pieces.append(.text(literal))
            case .placeholder(let inner):
                if let compiled = path(inner, at: text.location, offsetIn: text.value, offset: offset) {
                    pieces.append(.value(compiled))
                } else {
                    valid = false
                }
            }
        }
        return valid ? Template(pieces: pieces) : nil
    }
}
