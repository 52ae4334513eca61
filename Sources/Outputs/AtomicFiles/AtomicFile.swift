import Logging

/// Whole-file replacement that readers see as the old file or the new one, never a mix (for small state files
/// such as checkpoints): a temporary file beside the target, fsynced, renamed over it, the folder fsynced.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically, creating missing folders; leftovers of a killed earlier write are removed.
    public static func write(_ bytes: [UInt8], to path: String, logger: Logger = Logger(label: "temsync.files")) throws
    {
        let staged = try StagedFile(targetPath: path, logger: logger)
        do {
            try staged.append(bytes)
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }
}
