import Diagnostics
import Foundation

/// Turns PATH arguments into job files: a file is taken as given; a folder is searched recursively for `*.yaml` and
/// `*.yml` (sorted by path, hidden files and folders skipped).
enum JobFileFinder {
    static let extensions: Set<String> = ["yaml", "yml"]

    static func find(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or folder: '\(path)'", at: nil))
                continue
            }
            var found: [String] = []
            if isDirectory.boolValue {
                var visited: Set<String> = []
                collect(folder: path, into: &found, visited: &visited)
                found.sort { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
                if found.isEmpty {
                    diagnostics.append(.error("no job files (*.yaml, *.yml) in '\(path)'", at: nil))
                }
            } else {
                found = [path]
            }
            for file in found where seen.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                files.append(file)
            }
        }
        return (files, diagnostics)
    }

    private static func collect(folder: String, into files: inout [String], visited: inout Set<String>) {
        let manager = FileManager.default
        let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted, let entries = try? manager.contentsOfDirectory(atPath: folder) else {
            return
        }
        for entry in entries where !entry.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(folder: path, into: &files, visited: &visited)
            } else if extensions.contains((entry as NSString).pathExtension.lowercased()) {
                files.append(path)
            }
        }
    }
}
