/// Where a job's source stands after its last committed run: the newest `lastUpdateDateTime` delivered, and the ids
/// of the records delivered at exactly that instant.
///
/// The next run reads with `lastUpdateDateTime ge <watermark>` so records sharing the boundary timestamp are never
/// lost, and skips those whose id is in `idsAtWatermark` (they were delivered already, unchanged).
public struct Checkpoint: Sendable, Hashable, Codable {
    /// The format of the file; bumped only with a migration.
    public var version: Int
    public var job: String
    /// `alerts` or `incidents`.
    public var source: String
    /// Graph's own timestamp text, kept verbatim (Graph sends 7 fractional digits; a `Date` would round them).
    public var watermark: String
    public var idsAtWatermark: [String]
    /// When this checkpoint was committed (ISO 8601), for operators reading the file.
    public var committedAt: String

    public init(job: String, source: String, watermark: String, idsAtWatermark: [String], committedAt: String) {
        self.version = 1
        self.job = job
        self.source = source
        self.watermark = watermark
        self.idsAtWatermark = idsAtWatermark.sorted()
        self.committedAt = committedAt
    }

    enum CodingKeys: String, CodingKey {
        case version, job, source, watermark
        case idsAtWatermark = "ids_at_watermark"
        case committedAt = "committed_at"
    }
}
