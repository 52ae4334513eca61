import Foundation

/// Runs the built `temsync` binary (it sits next to the test bundle) and captures what it prints.
struct TemsyncProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL {
        get throws {
            var candidates: [URL] = []
            if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
            candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
            candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
            candidates.append(repository.appendingPathComponent(".build/debug"))
            for folder in candidates {
                var current = folder
                for _ in 0..<4 {
                    let url = current.appendingPathComponent("temsync")
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                        !isDirectory.boolValue,
                        FileManager.default.isExecutableFile(atPath: url.path)
                    {
                        return url
                    }
                    current = current.deletingLastPathComponent()
                }
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "temsync next to \(candidates)"])
        }
    }

    /// Runs `temsync arguments…` in `directory`; output goes through files, so large output cannot block a pipe.
    static func run(_ arguments: [String], in directory: URL = repository) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout")
        let err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
