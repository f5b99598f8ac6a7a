import Foundation
import Testing
import TallyAnalysis
@testable import TallyProtocol

/// The on-disk gazetteer cache as `ProjectLoader` uses it: built once,
/// restored while the sources are unchanged, rebuilt when they change or the
/// cache file is damaged.
@Suite struct GazetteerCacheStoreTests {
    /// A project directory with a GeoNames-shaped gazetteer and a cache directory.
    struct Project {
        let root: String
        var config: String { root + "/tally.json" }
        var gazetteer: String { root + "/places.txt" }
        var cacheDirectory: String { root + "/cache" }
        var store: GazetteerCacheStore { GazetteerCacheStore(directory: cacheDirectory, minimumSourceSize: 0) }

        init(rows: Int, seed: UInt64) throws {
            root = NSTemporaryDirectory() + "tally-cache-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try #"{"gazetteers": ["places.txt"]}"#.write(toFile: config, atomically: true, encoding: .utf8)
            try write(rows: rows, seed: seed)
        }

        func write(rows: Int, seed: UInt64) throws {
            try SyntheticGazetteer.geoNamesDump(rows: rows, seed: seed).write(toFile: gazetteer, atomically: true, encoding: .utf8)
        }

        func cacheFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory)) ?? []).filter { $0.hasSuffix(".cache") }
        }

        func key() -> String {
            GazetteerCacheStore.key(sources: [GazetteerCacheStore.SourceStamp.of(gazetteer)!],
                                    embeddedFingerprint: GazetteerCache.embeddedFingerprint)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func firstLoadWritesTheCacheAndTheSecondUsesIt() throws {
        let p = try Project(rows: 300, seed: 3)
        defer { p.remove() }
        let first = ProjectLoader.load(configPath: p.config, cache: p.store)
        #expect(p.cacheFiles().count == 1)
        guard case .success(let cached) = p.store.load(key: p.key()) else {
            Issue.record("no usable cache after the first load")
            return
        }
        #expect(cached.gazetteer.entries == first.gazetteer.entries)
        let second = ProjectLoader.load(configPath: p.config, cache: p.store)
        #expect(second.gazetteer.entries == first.gazetteer.entries)
        #expect(second.problems == first.problems)
        #expect(second.gazetteer.search("ka").matches == first.gazetteer.search("ka").matches)
    }

    @Test func changedSourceMakesTheCacheStaleAndIsRebuilt() throws {
        let p = try Project(rows: 300, seed: 3)
        defer { p.remove() }
        let oldKey = p.key()
        _ = ProjectLoader.load(configPath: p.config, cache: p.store)
        // Different content and size: the key changes, the stale cache is not used.
        try p.write(rows: 310, seed: 4)
        let newKey = p.key()
        #expect(newKey != oldKey)
        let stale = p.store.load(key: newKey)
        #expect({ if case .failure(.rejected(.otherKey)) = stale { return true } else { return false } }())
        let rebuilt = ProjectLoader.load(configPath: p.config, cache: p.store)
        let fresh = ProjectLoader.load(configPath: p.config, cache: nil)
        #expect(rebuilt.gazetteer.entries == fresh.gazetteer.entries)
        #expect(rebuilt.gazetteer.count != 0)
        // The rebuilt cache replaced the stale one and now serves the new key.
        #expect(p.cacheFiles().count == 1)
        guard case .success(let cached) = p.store.load(key: newKey) else {
            Issue.record("cache was not rebuilt")
            return
        }
        #expect(cached.gazetteer.entries == fresh.gazetteer.entries)
    }

    @Test func corruptOrTruncatedCacheIsIgnoredAndRebuilt() throws {
        let p = try Project(rows: 200, seed: 9)
        defer { p.remove() }
        let fresh = ProjectLoader.load(configPath: p.config, cache: nil)
        _ = ProjectLoader.load(configPath: p.config, cache: p.store)
        let file = p.store.path(forKey: p.key())
        let good = try SourceFile.read(file)
        for damaged in [Array(good.prefix(good.count / 2)), good.map { $0 ^ 0xFF }, Array("garbage".utf8), []] {
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            guard case .failure(.rejected) = p.store.load(key: p.key()) else {
                Issue.record("damaged cache accepted")
                continue
            }
            let loaded = ProjectLoader.load(configPath: p.config, cache: p.store)
            #expect(loaded.gazetteer.entries == fresh.gazetteer.entries)
            #expect(try SourceFile.read(file) == good)
        }
    }

    @Test func smallSourcesAndDisabledCachingWriteNothing() throws {
        let p = try Project(rows: 20, seed: 1)
        defer { p.remove() }
        _ = ProjectLoader.load(configPath: p.config, cache: GazetteerCacheStore(directory: p.cacheDirectory))
        #expect(p.cacheFiles().isEmpty)
        #expect(GazetteerCacheStore.fromEnvironment(["TALLY_CACHE_DIR": "off", "HOME": "/home/x"]) == nil)
        #expect(GazetteerCacheStore.fromEnvironment(["TALLY_CACHE_DIR": "/tmp/c"])?.directory == "/tmp/c")
        #expect(GazetteerCacheStore.fromEnvironment(["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/x"])?.directory == "/x/cache/tally")
        #expect(GazetteerCacheStore.fromEnvironment(["HOME": "/home/x"])?.directory == "/home/x/.cache/tally")
    }
}
