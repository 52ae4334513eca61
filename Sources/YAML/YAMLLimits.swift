/// Bounds on what one file may cost to load, so a hostile or broken file is refused quickly instead of exhausting
/// memory. Each limit has its own message naming it.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maxInputBytes: Int
    /// The deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// How many aliases may refer to a sequence or a mapping, per file.
    public var maxCollectionAliases: Int
    /// How many nodes aliases may stand for in total, per file, counting nested aliases (a "billion laughs" file
    /// is refused when this count passes the limit, without expanding anything).
    public var maxAliasExpansion: Int

    /// 4 MiB, 64 levels, 100 aliases to collections, 100,000 nodes through aliases: far beyond any job file.
    public static let defaultMaxInputBytes = 4 * 1024 * 1024
    public static let defaultMaxDepth = 64
    public static let defaultMaxCollectionAliases = 100
    public static let defaultMaxAliasExpansion = 100_000

    public static let `default` = YAMLLimits()

    public init(
        maxInputBytes: Int = defaultMaxInputBytes,
        maxDepth: Int = defaultMaxDepth,
        maxCollectionAliases: Int = defaultMaxCollectionAliases,
        maxAliasExpansion: Int = defaultMaxAliasExpansion
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxCollectionAliases = maxCollectionAliases
        self.maxAliasExpansion = maxAliasExpansion
    }
}
