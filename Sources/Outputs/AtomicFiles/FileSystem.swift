import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls atomic files need, with errors that name the path and the system's reason.
enum FileSystem {
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func failure(_ action: String, _ path: String, _ code: Int32 = errno) -> OutputError {
        OutputError(.io, "cannot \(action) '\(path)': \(reason(code))")
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputError(.io, "cannot create folder '\(path)': a file of that name exists")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(.io, "cannot create folder '\(path)': \(error.localizedDescription)")
        }
    }

    /// Makes a rename or unlink in `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open folder", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("sync folder", directory) }
    }

    /// Writes all of `bytes`, retrying interrupted and partial writes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            offset += written
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw failure("sync", path)
        }
    }

    /// The size of the file at `path`, or `nil` when there is none.
    static func size(_ path: String) throws -> Int? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw failure("inspect", path)
        }
        return Int(info.st_size)
    }

    /// The permission bits of the file at `path`, or `nil` when there is none.
    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Tries to take an exclusive `flock` without waiting; `false` when another open file holds it.
    static func tryLock(_ descriptor: Int32) -> Bool {
        flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func baseName(of path: String) -> String {
        (path as NSString).lastPathComponent
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder == "." ? name : (folder as NSString).appendingPathComponent(name)
    }
}
