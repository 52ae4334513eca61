import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends a run's staged lines to the end of a file so that the file never keeps half of an append.
///
/// Before the first byte is appended, the file's size is written to `.<name>.temsync-append` (fsynced, held under
/// `flock`); the lines are appended and fsynced; then the journal is removed. If the process dies in between, the
/// next run finds the journal unlocked and truncates the file back to the recorded size — the append is undone as a
/// whole, and the run that follows (whose checkpoint did not move) appends the same records again.
enum AppendJournal {
    static func path(of targetPath: String) -> String {
        FileSystem.join(
            FileSystem.folder(of: targetPath), "." + FileSystem.baseName(of: targetPath) + ".temsync-append")
    }

    /// Undoes the append of a run that stopped half-way. Throws when another live run is appending.
    static func recover(targetPath: String, logger: Logger) throws {
        let journalPath = path(of: targetPath)
        let journal = open(journalPath, O_RDWR | O_CLOEXEC)
        guard journal >= 0 else {
            if errno == ENOENT { return }
            throw FileSystem.failure("open", journalPath)
        }
        defer { close(journal) }
        guard FileSystem.tryLock(journal) else {
            throw OutputError(.io, "another temsync run is appending to '\(targetPath)' right now")
        }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { read(journal, $0.baseAddress!, $0.count) }
        let text = String(decoding: bytes[0..<max(0, count)], as: UTF8.self)
        if let size = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let current = try FileSystem.size(targetPath), current > size
        {
            guard truncate(targetPath, off_t(size)) == 0 else { throw FileSystem.failure("truncate", targetPath) }
            let file = open(targetPath, O_WRONLY | O_CLOEXEC)
            if file >= 0 {
                defer { close(file) }
                try FileSystem.sync(file, path: targetPath)
            }
            logger.warning(
                "undid the unfinished append of a stopped run",
                metadata: ["file.path": "\(targetPath)", "file.bytes_removed": "\(current - size)"])
        }
        unlink(journalPath)
        try FileSystem.syncDirectory(FileSystem.folder(of: targetPath))
    }

    /// Appends `marker` (when given) and the staged bytes to the staged file's target. Returns the bytes appended.
    static func append(_ staged: StagedFile, marker: [UInt8]?, logger: Logger) throws -> Int {
        try staged.sync()
        let targetPath = staged.targetPath
        let folder = FileSystem.folder(of: targetPath)
        let journalPath = path(of: targetPath)
        let journal = open(journalPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard journal >= 0 else {
            if errno == EEXIST {
                throw OutputError(.io, "another temsync run is appending to '\(targetPath)' right now")
            }
            throw FileSystem.failure("create", journalPath)
        }
        var keepJournal = false
        defer {
            if !keepJournal { unlink(journalPath) }
            close(journal)
        }
        _ = FileSystem.tryLock(journal)
        let originalSize = try FileSystem.size(targetPath) ?? 0
        try Array("\(originalSize)\n".utf8).withUnsafeBytes { (bytes) in
            try FileSystem.writeAll(journal, bytes, path: journalPath)
        }
        try FileSystem.sync(journal, path: journalPath)
        try FileSystem.syncDirectory(folder)

        let file = open(targetPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard file >= 0 else { throw FileSystem.failure("open", targetPath) }
        defer { close(file) }
        var appended = 0
        do {
            if let marker {
                try marker.withUnsafeBytes { (bytes) in
                    try FileSystem.writeAll(file, bytes, path: targetPath)
                }
                appended += marker.count
            }
            try staged.read(0..<staged.byteCount) { (chunk) in
                try chunk.withUnsafeBytes { (bytes) in
                    try FileSystem.writeAll(file, bytes, path: targetPath)
                }
                appended += chunk.count
            }
            try FileSystem.sync(file, path: targetPath)
        } catch {
            // Undo now; when even that fails, the journal stays and the next open undoes the append.
            keepJournal = ftruncate(file, off_t(originalSize)) != 0 || fsync(file) != 0
            throw error
        }
        unlink(journalPath)
        keepJournal = true
        // Makes the journal's removal (and a new file's name) durable.
        try FileSystem.syncDirectory(folder)
        logger.debug("appended", metadata: ["file.bytes": "\(appended)"])
        return appended
    }
}
