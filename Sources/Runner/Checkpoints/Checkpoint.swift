import GraphSecurity

/// Where a job's source stands after its last committed run: Graph's newest `lastUpdateDateTime` delivered and the ids
/// delivered at exactly that instant (`Watermark`). The next run reads `lastUpdateDateTime ge <time>` and skips those
/// ids, so records sharing the boundary timestamp are neither lost nor repeated.
public struct Checkpoint: Sendable, Hashable, Codable {
    /// The file format; bumped only with a migration.
    public var version: Int
    public var job: String
    /// `alerts` or `incidents`.
    public var source: String
    public var watermark: Watermark
    /// The query the watermark belongs to: when the job's filter changes, the checkpoint no longer applies.
    public var fingerprint: String
    /// When it was committed (ISO 8601), for people reading the file.
    public var committedAt: String

    public init(job: String, source: String, watermark: Watermark, fingerprint: String, committedAt: String) {
        self.version = 1
        self.job = job
        self.source = source
        self.watermark = watermark
        self.fingerprint = fingerprint
        self.committedAt = committedAt
    }

    enum CodingKeys: String, CodingKey {
        case version, job, source, watermark, fingerprint
        case committedAt = "committed_at"
    }
}
