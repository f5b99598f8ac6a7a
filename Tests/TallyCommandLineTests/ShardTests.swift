import Foundation
import Testing
import TallyCommandLine

/// `--shard I/N`: a deterministic partition of the files of a corpus.
@Suite struct ShardTests {
    /// Paths shaped like a corpus found by discovery (sorted, relative).
    static let paths: [String] = (0..<1_000).map { "corpus/\($0 / 100)/article-\($0).tally" }.sorted()

    @Test func parsesIAndN() throws {
        let s = try Shard.parse("2/4")
        #expect(s.index == 2 && s.count == 4)
        #expect(s.description == "2/4")
        for bad in ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/3", ""] {
            #expect(throws: UsageError.self) { try Shard.parse(bad) }
        }
    }

    @Test func shardsAreDisjointAndTheirUnionIsTheWhole() throws {
        for n in 1...7 {
            var seen: [String: Int] = [:]
            for i in 1...n {
                for path in try Shard(index: i, count: n).select(Self.paths) {
                    #expect(seen[path] == nil, "\(path) in shards \(seen[path] ?? 0) and \(i) of \(n)")
                    seen[path] = i
                }
            }
            #expect(Set(seen.keys) == Set(Self.paths))
        }
    }

    @Test func oneShardIsEverything() throws {
        #expect(try Shard(index: 1, count: 1).select(Self.paths) == Self.paths)
    }

    @Test func selectionKeepsOrderAndIsRoughlyEven() throws {
        for i in 1...4 {
            let part = try Shard(index: i, count: 4).select(Self.paths)
            #expect(part == part.sorted())
            #expect(part.count > 150 && part.count < 350, "shard \(i)/4 holds \(part.count) of 1000")
        }
    }

    /// Stable: the shard of a file depends on its path alone (not on the
    /// other files, the run or the process), via FNV-1a 64.
    @Test func assignmentIsStable() throws {
        // FNV-1a 64-bit reference values.
        #expect(Shard.stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(Shard.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(Shard.stableHash("foobar") == 0x8594_4171_F739_67E8)
        let shard = try Shard(index: 3, count: 5)
        let whole = shard.select(Self.paths)
        // Removing other files does not move a file between shards.
        let half = shard.select(Array(Self.paths.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)))
        #expect(half == whole.filter { p in Self.paths.firstIndex(of: p)! % 2 == 0 })
        #expect(shard.select(Self.paths.reversed()) == whole.reversed())
    }

    /// The whole command: the files reported by the shards of one corpus
    /// are the corpus, each once.
    @Test func checkReportsEachFileInExactlyOneShard() throws {
        let dir = try ExternalTool.makeTemporaryDirectory("tally-shard")
        defer { try? FileManager.default.removeItem(at: dir) }
        var all: Set<String> = []
        for k in 0..<12 {
            let url = dir.appendingPathComponent("a\(k).tally")
            // Every file has one problem, so that every file is reported.
            try "Fighters entered [Kayes]{plaec}.\n".write(to: url, atomically: true, encoding: .utf8)
            all.insert("a\(k).tally")
        }
        var reported: [String] = []
        for i in 1...3 {
            let r = try TallyProcess.run(["check", "--format", "json", "--shard", "\(i)/3", "."], directory: dir)
            #expect(r.status == 1, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let files = try #require(json["files"] as? [[String: Any]])
            reported += files.compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }
        }
        #expect(reported.count == all.count)
        #expect(Set(reported) == all)
        let bad = try TallyProcess.run(["check", "--shard", "4/3", "."], directory: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--shard"))
    }
}
