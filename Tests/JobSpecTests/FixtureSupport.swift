import Diagnostics
import Foundation
import JobSpec

/// The fixtures folder in the source tree (fixtures are read where they are written, so expected files can be
/// reviewed beside their inputs).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func names(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return entries.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Loads one fixture file with locations named `folder/name.yaml`, as the expected files show them.
    static func load(_ relativePath: String) throws -> JobSet {
        JobLoader().load(texts: [(relativePath, try text(relativePath))])
    }

    /// The example jobs of the repository (jobs/).
    static let examplesFolder = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("jobs")
}
