/// One of N deterministic parts of a corpus, for splitting `tally check`
/// across CI jobs (`--shard 2/4` in the second of four matrix jobs).
///
/// A file belongs to shard `hash(path) mod N + 1`, where `hash` is FNV-1a
/// (64 bits) of the path exactly as discovery reports it — relative when the
/// command was given a relative directory. So jobs that run the same command
/// from the same checkout agree on the split on any machine, every file is
/// in exactly one shard, and adding or removing a file moves no other file.
/// Rules that look across documents (an incident reported in several files)
/// only see the files of their own shard.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(UsageError) {
        guard count >= 1, (1...count).contains(index) else {
            throw UsageError("--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/4")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public static func parse(_ text: String) throws(UsageError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw UsageError("--shard takes I/N (e.g. 2/4), not '\(text)'")
        }
        return try Shard(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether `path` falls in this shard.
    public func contains(_ path: String) -> Bool {
        Int(Shard.stableHash(path) % UInt64(count)) + 1 == index
    }

    /// The files of `paths` in this shard, in their order.
    public func select(_ paths: [String]) -> [String] {
        paths.filter(contains)
    }

    /// FNV-1a, 64 bits, of the UTF-8 bytes: the same on every platform and run.
    public static func stableHash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01B3
        }
        return h
    }
}
