import Testing
@testable import TallyAnalysis

/// The binary form of a built gazetteer: what goes in comes out, and bytes
/// that are not an intact cache of the same key are rejected (never trusted).
@Suite struct GazetteerCacheTests {
    /// The embedded gazetteer with a small synthetic GeoNames dump on top
    /// (entries of both origins, aliases, actors, merged ids).
    static let gazetteer: Gazetteer = {
        let dump = SyntheticGazetteer.geoNamesDump(rows: 2_000, seed: 5)
        let parsed = GazetteerParser.parse(text: dump, sourceName: "places/synthetic.txt")
        return Gazetteer(sources: [EmbeddedGazetteer.shared.entries, parsed.entries])
    }()
    static let key = "tally-gazetteer-cache v1\nembedded x\nplaces/synthetic.txt\t123\t456\n"
    static let encoded = GazetteerCache.encode(gazetteer, messages: ["places/synthetic.txt:7: bad row"], key: key)

    @Test func roundTripKeepsEntriesIndexAndMessages() throws {
        let contents = try GazetteerCache.decode(Self.encoded, key: Self.key)
        let original = Self.gazetteer, restored = contents.gazetteer
        #expect(contents.messages == ["places/synthetic.txt:7: bad row"])
        #expect(restored.entries == original.entries)
        #expect(restored.index.bytes == original.index.bytes)
        #expect(restored.index.keys.map(\.offset) == original.index.keys.map(\.offset))
        #expect(restored.index.wordKeys.map(\.entry) == original.index.wordKeys.map(\.entry))
        #expect(restored.index.byImportance == original.index.byImportance)
        #expect(restored.index.entryCountries == original.index.entryCountries)
        #expect(restored.index.entryIsActor == original.index.entryIsActor)
        // Lookups answer the same.
        for query in ["kay", "segou", "jnim", "Tombouctou", "mopti", "sahel", "baka", "kidall"] {
            #expect(restored.search(query).matches == original.search(query).matches, "query \(query)")
        }
        for id in ["kayes", "jnim", "geonames:90000010"] {
            #expect(restored.entry(id: id) == original.entry(id: id))
        }
        #expect(restored.country(code: "ML") == original.country(code: "ML"))
        #expect(restored.resolve("Kayes region") == original.resolve("Kayes region"))
        #expect(restored.resolve("Kayes") == original.resolve("Kayes"))
        // Encoding is deterministic.
        #expect(GazetteerCache.encode(restored, messages: contents.messages, key: Self.key) == Self.encoded)
    }

    @Test func otherKeyIsRejectedAsStale() {
        #expect(throws: GazetteerCache.DecodeError.otherKey) {
            try GazetteerCache.decode(Self.encoded, key: Self.key + "other\t1\t2\n")
        }
    }

    @Test func otherVersionAndForeignBytesAreRejected() {
        var bytes = Self.encoded
        bytes[8] &+= 1
        #expect(throws: GazetteerCache.DecodeError.otherVersion(GazetteerCache.formatVersion + 1)) {
            try GazetteerCache.decode(bytes, key: Self.key)
        }
        #expect(throws: GazetteerCache.DecodeError.notACache) {
            try GazetteerCache.decode(Array("id\tname\tcategory\n".utf8), key: Self.key)
        }
        #expect(throws: GazetteerCache.DecodeError.notACache) {
            try GazetteerCache.decode([], key: Self.key)
        }
    }

    @Test func truncatedBytesAreRejectedAtEveryLength() {
        let bytes = Self.encoded
        // Cut at the header, inside it, and at a spread of payload lengths.
        var cuts = Array(0..<GazetteerCache.headerSize + 2)
        cuts += stride(from: GazetteerCache.headerSize, to: bytes.count, by: max(1, bytes.count / 97)).map { $0 }
        cuts.append(bytes.count - 1)
        for cut in cuts {
            #expect(throws: GazetteerCache.DecodeError.self) {
                try GazetteerCache.decode(Array(bytes.prefix(cut)), key: Self.key)
            }
        }
    }

    @Test func flippedBytesAreRejected() {
        let bytes = Self.encoded
        for position in stride(from: GazetteerCache.headerSize, to: bytes.count, by: max(1, bytes.count / 53)) {
            var damaged = bytes
            damaged[position] ^= 0x5A
            #expect(throws: GazetteerCache.DecodeError.checksumMismatch) {
                try GazetteerCache.decode(damaged, key: Self.key)
            }
        }
    }

    /// A payload whose checksum is right but whose references are wrong (a
    /// cache written by a buggy or hostile program) is refused, not trusted.
    @Test func consistentChecksumDoesNotExcuseBadReferences() {
        var w = GazetteerCache.Writer()
        w.string("k")
        w.varint(0)            // messages
        w.varint(0)            // origin paths
        w.varint(1)            // one entry
        w.string("a")
        w.u16(0)
        w.string("A")
        w.varint(0)            // aliases
        w.string("place")
        w.varint(0)            // countries
        w.varint(0)            // embedded origin
        w.varint(1)
        w.bytes.append(UInt8(ascii: "a"))
        w.varint(1)            // one key, pointing past the folded bytes
        w.u64(0)
        w.u32(0)
        w.u32(5)
        w.u32(0)
        w.u16(0)
        w.varint(0)            // no word keys
        w.u32(0)
        w.varint(0)
        w.u32(0)
        var bytes = GazetteerCache.magic
        GazetteerCache.appendLE(GazetteerCache.formatVersion, to: &bytes)
        GazetteerCache.appendLE(GazetteerCache.checksum(w.bytes[...]), to: &bytes)
        GazetteerCache.appendLE(UInt64(w.bytes.count), to: &bytes)
        bytes += w.bytes
        #expect(throws: GazetteerCache.DecodeError.invalid("index key out of range")) {
            try GazetteerCache.decode(bytes, key: "k")
        }
    }
}
