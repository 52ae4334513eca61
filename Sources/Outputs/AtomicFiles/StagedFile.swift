import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its target, then switched over it atomically.
///
/// The temporary file is `.<target name>.temsync-<12 hex digits>.tmp` in the target's folder (so the rename never
/// crosses file systems) and is held under an exclusive `flock` for as long as this run owns it. A killed process
/// loses its locks, so the next `StagedFile` for the same target recognises the leftovers by name, finds them
/// unlocked and removes them; a temporary file another live run holds stays untouched.
///
/// Writes are buffered; `sync` flushes and fsyncs; `commit` renames over the target and fsyncs the folder;
/// `discard` (and `deinit`, when neither happened) removes the temporary file and leaves the target as it was.
final class StagedFile {
    enum State { case writing, synced, committed, discarded }

    let targetPath: String
    let temporaryPath: String
    private let folder: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var state = State.writing
    /// Bytes written so far (buffered ones included).
    private(set) var byteCount = 0

    static let bufferCapacity = 1 << 20

    /// Creates the folder when missing, removes stale temporary files of `targetPath`, and opens a new one.
    /// `replacing`: a staged file of the same target this run is still writing (it holds its lock; it is not
    /// another process's file, and it is not stale).
    init(targetPath: String, logger: Logger, replacing current: StagedFile? = nil) throws {
        self.targetPath = targetPath
        folder = FileSystem.folder(of: targetPath)
        try FileSystem.makeDirectories(folder)
        Self.removeStale(of: targetPath, except: current?.temporaryPath, logger: logger)
        var random = SystemRandomNumberGenerator()
        let suffix = (0..<12).map { _ in String(random.next(upperBound: UInt8(16)), radix: 16) }.joined()
        temporaryPath = FileSystem.join(folder, Self.prefix(of: targetPath) + suffix + ".tmp")
        // A new file gets 0666 minus the umask, as any tool's output would; a replaced one keeps its permissions.
        descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileSystem.failure("create", temporaryPath) }
        _ = FileSystem.tryLock(descriptor)
        if let mode = FileSystem.permissions(targetPath) { fchmod(descriptor, mode) }
        buffer.reserveCapacity(Self.bufferCapacity)
    }

    deinit {
        if state == .writing || state == .synced { discard() }
    }

    /// `.<name>.temsync-`: the start of every temporary file name of `targetPath`.
    static func prefix(of targetPath: String) -> String {
        "." + FileSystem.baseName(of: targetPath) + ".temsync-"
    }

    static func isTemporary(_ name: String, of targetPath: String) -> Bool {
        let prefix = prefix(of: targetPath)
        guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { return false }
        let middle = name.dropFirst(prefix.count).dropLast(4)
        return middle.count == 12 && middle.allSatisfy(\.isHexDigit)
    }

    /// Removes the temporary files of `targetPath` that no live process holds (a killed run's leftovers).
    static func removeStale(of targetPath: String, except current: String? = nil, logger: Logger) {
        let folder = FileSystem.folder(of: targetPath)
        for name in FileSystem.entries(of: folder) where isTemporary(name, of: targetPath) {
            let path = FileSystem.join(folder, name)
            if path == current { continue }
            let stale = open(path, O_RDWR | O_CLOEXEC)
            guard stale >= 0 else { continue }
            defer { close(stale) }
            if FileSystem.tryLock(stale) {
                unlink(path)
                logger.info("removed a temporary file a stopped run left behind", metadata: ["file.path": "\(path)"])
            } else {
                logger.warning(
                    "another running temsync is writing the same file", metadata: ["file.path": "\(targetPath)"])
            }
        }
    }

    // MARK: Writing

    func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
        if buffer.count >= Self.bufferCapacity { try flush() }
    }

    func append(_ text: String) throws {
        let before = buffer.count
        buffer.append(contentsOf: text.utf8)
        byteCount += buffer.count - before
        if buffer.count >= Self.bufferCapacity { try flush() }
    }

    /// Lets `body` append to the write buffer directly (no intermediate array), then flushes when it is full.
    func appending(_ body: (inout [UInt8]) throws -> Void) throws {
        let before = buffer.count
        try body(&buffer)
        byteCount += buffer.count - before
        if buffer.count >= Self.bufferCapacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let path = temporaryPath
        try buffer.withUnsafeBytes { (bytes) in
            try FileSystem.writeAll(descriptor, bytes, path: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads the written bytes in `range` in chunks (used to rewrite a file with a new header).
    func read(_ range: Range<Int>, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        try flush()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var position = range.lowerBound
        while position < range.upperBound {
            let wanted = min(chunk.count, range.upperBound - position)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(position)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystem.failure("read", temporaryPath)
            }
            if count == 0 { return }
            try body(chunk[0..<count])
            position += count
        }
    }

    // MARK: Switching

    /// Flushes and fsyncs: after this only the rename is left.
    func sync() throws {
        guard state == .writing else { return }
        try flush()
        try FileSystem.sync(descriptor, path: temporaryPath)
        state = .synced
    }

    /// Renames over the target. The folder is fsynced by the caller (`syncFolder`), once for all files of a commit.
    func rename() throws {
        try sync()
        guard state == .synced else { return }
        guard systemRename(temporaryPath, targetPath) == 0 else {
            throw FileSystem.failure("replace", targetPath)
        }
        close(descriptor)
        state = .committed
    }

    /// Renames over the target and makes the rename durable.
    func commit() throws {
        try rename()
        try FileSystem.syncDirectory(folder)
    }

    func discard() {
        guard state == .writing || state == .synced else { return }
        unlink(temporaryPath)
        close(descriptor)
        state = .discarded
    }
}

/// `rename(2)`; named apart because `StagedFile` has a `rename()` of its own.
private func systemRename(_ from: String, _ to: String) -> Int32 {
    rename(from, to)
}
