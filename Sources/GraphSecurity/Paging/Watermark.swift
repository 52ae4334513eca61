/// Where a source's incremental read stands: the latest `lastUpdateDateTime` seen, and the ids already seen at exactly
/// that instant. The next read asks for `lastUpdateDateTime ge time` and skips those ids, so records sharing the
/// boundary instant are neither lost nor repeated. The checkpoint stores it.
public struct Watermark: Sendable, Hashable, Codable, CustomStringConvertible {
    public var time: ODataTimestamp
    public var idsAtTime: Set<String>

    public init(time: ODataTimestamp, idsAtTime: Set<String> = []) {
        self.time = time
        self.idsAtTime = idsAtTime
    }

    enum CodingKeys: String, CodingKey {
        case time
        case idsAtTime = "ids_at_time"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        time = try container.decode(ODataTimestamp.self, forKey: .time)
        idsAtTime = Set(try container.decode([String].self, forKey: .idsAtTime))
    }

    /// Ids sorted, so a checkpoint file is deterministic.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(idsAtTime.sorted(), forKey: .idsAtTime)
    }

    public var description: String {
        "\(time) (\(idsAtTime.count) id\(idsAtTime.count == 1 ? "" : "s") at that instant)"
    }
}
