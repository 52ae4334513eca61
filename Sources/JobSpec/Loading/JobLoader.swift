import Diagnostics
import Foundation
import YAML

/// Loads job files: finds them, parses, binds every document, then checks across documents (unique names,
/// connection references, unused connections). Reads no secret and touches no network.
public struct JobLoader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Loads files and folders (folders: `*.yaml` and `*.yml`, recursively, sorted, hidden entries skipped).
    public func load(paths: [String]) -> JobSet {
        let found = JobFileFinder.find(paths)
        var texts: [(path: String, bytes: [UInt8])] = []
        var diagnostics = found.diagnostics
        for file in found.files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(.error("cannot read '\(file)'", at: nil))
                continue
            }
            texts.append((file, [UInt8](data)))
        }
        var set = load(texts)
        set.diagnostics = diagnostics + set.diagnostics
        return set
    }

    /// Loads texts held in memory, each with the path used in its locations.
    public func load(texts: [(path: String, text: String)]) -> JobSet {
        load(texts.map { ($0.path, Array($0.text.utf8)) })
    }

    private func load(_ files: [(path: String, bytes: [UInt8])]) -> JobSet {
        var set = JobSet()
        var crossCheck = CrossDocumentCheck()
        var diagnostics: [Diagnostic] = []
        let parser = YAMLParser(limits: limits)
        for file in files {
            set.files.append(file.path)
            let text = String(decoding: file.bytes, as: UTF8.self)
            set.sources[file.path] = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
            let stream = parser.parse(file.bytes, file: file.path)
            diagnostics += stream.diagnostics
            for document in stream.documents where document.isSound {
                var binder = DocumentBinder()
                let bound = binder.bind(document)
                diagnostics += binder.diagnostics
                switch bound {
                case .job(let name, let reference, let spec):
                    set.jobDocumentCount += 1
                    crossCheck.addJob(name: name, reference: reference)
                    if let spec { set.jobs.append(spec) }
                case .connection(let name, let spec):
                    set.connectionDocumentCount += 1
                    crossCheck.addConnection(name: name)
                    if let spec { set.connections.append(spec) }
                case .empty: break
                }
            }
        }
        diagnostics += crossCheck.finish()
        set.diagnostics = diagnostics.sortedByLocation()
        if !crossCheck.duplicates.isEmpty {
            set.jobs.removeAll { crossCheck.duplicates.contains($0.name.location) }
            set.connections.removeAll { $0.name.map { crossCheck.duplicates.contains($0.location) } ?? false }
        }
        let connectionNames = Set(set.connections.compactMap { $0.name?.value })
        set.jobs.removeAll { job in
            if case .named(let reference) = job.connection { !connectionNames.contains(reference.value) } else { false }
        }
        return set
    }
}
