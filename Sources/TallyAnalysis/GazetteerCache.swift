/// A compact binary form of a built gazetteer (its merged entries and its
/// search index), so that a large gazetteer file that has not changed is
/// neither parsed, merged nor indexed again. Pure: bytes in, bytes out; where
/// the bytes are kept is the caller's business (`GazetteerCacheStore`).
///
/// Layout (integers little-endian, `varint` = LEB128, strings = varint
/// length + UTF-8):
///
/// ```
/// "TALLYGZC"  magic (8 bytes)
/// u32         format version (`formatVersion`)
/// u64         checksum of the payload
/// u64         payload length
/// payload:    key (string) · messages (count, strings) · origin paths (count, strings)
///             · entries (count, each below) · folded index bytes (length, raw)
///             · keys, word keys (count, each u64 head, u32 offset, u32 length, u32 entry, u16 slot)
///             · importance (u32 per entry) · countries (per entry: count, u16 codes)
///             · entry order by importance (u32 per entry)
/// ```
///
/// An entry: string id · u8 flags (kind, which optionals are present) ·
/// name · aliases (count, strings) · category · optional strings (feature
/// code, country code, admin1 code, admin1, admin2, affiliation, description,
/// written only when present) · f64 latitude, longitude · varint population ·
/// countries (count, strings) · varint GeoNames id · origin (varint path
/// number + 1 and line, or 0 for embedded).
///
/// Decoding checks the magic, version, length and checksum first, then every
/// count, length and reference while reading, so truncated, corrupt or
/// foreign bytes are rejected with an error instead of being trusted.
public enum GazetteerCache {
    /// Bumped whenever the layout or the meaning of a field changes.
    public static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("TALLYGZC".utf8)
    static let headerSize = 8 + 4 + 8 + 8

    /// What a cache holds: the gazetteer and the messages (problems met while
    /// reading its sources) that were reported when it was built.
    public struct Contents: Sendable {
        public var gazetteer: Gazetteer
        public var messages: [String]

        public init(gazetteer: Gazetteer, messages: [String]) {
            self.gazetteer = gazetteer
            self.messages = messages
        }
    }

    /// Why bytes were not accepted as a cache.
    public enum DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
        case notACache
        case otherVersion(UInt32)
        case otherKey
        case truncated
        case checksumMismatch
        case invalid(String)

        public var description: String {
            switch self {
            case .notACache: return "not a gazetteer cache"
            case .otherVersion(let v): return "cache format version \(v), expected \(GazetteerCache.formatVersion)"
            case .otherKey: return "cache of other sources (stale)"
            case .truncated: return "cache is truncated"
            case .checksumMismatch: return "cache checksum does not match (corrupt)"
            case .invalid(let what): return "cache is corrupt: \(what)"
            }
        }
    }

    // MARK: - Encoding

    /// The bytes of `gazetteer` with `messages`, stamped with `key` (a
    /// description of the sources: paths, sizes, modification times).
    public static func encode(_ gazetteer: Gazetteer, messages: [String] = [], key: String) -> [UInt8] {
        let index = gazetteer.index
        var w = Writer()
        w.bytes.reserveCapacity(gazetteer.count * 96 + index.bytes.count + (index.keys.count + index.wordKeys.count) * 22)
        w.string(key)
        w.varint(messages.count)
        for m in messages { w.string(m) }

        var pathNumbers: [String: Int] = [:]
        var paths: [String] = []
        for entry in gazetteer.entries {
            if case .file(let path, _) = entry.origin, pathNumbers[path] == nil {
                pathNumbers[path] = paths.count
                paths.append(path)
            }
        }
        w.varint(paths.count)
        for p in paths { w.string(p) }

        w.varint(gazetteer.count)
        for e in gazetteer.entries {
            w.string(e.id)
            var flags: UInt16 = e.kind == .actor ? 1 : 0
            let optionals = [e.featureCode, e.countryCode, e.admin1Code, e.admin1, e.admin2, e.affiliation, e.description]
            for (i, o) in optionals.enumerated() where o != nil { flags |= 1 << (i + 1) }
            if e.latitude != nil { flags |= 1 << 8 }
            if e.longitude != nil { flags |= 1 << 9 }
            if e.population != nil { flags |= 1 << 10 }
            if e.geonamesID != nil { flags |= 1 << 11 }
            w.u16(flags)
            w.string(e.name)
            w.varint(e.aliases.count)
            for a in e.aliases { w.string(a) }
            w.string(e.category)
            for o in optionals { if let o { w.string(o) } }
            if let v = e.latitude { w.u64(v.bitPattern) }
            if let v = e.longitude { w.u64(v.bitPattern) }
            if let v = e.population { w.signed(v) }
            w.varint(e.countries.count)
            for c in e.countries { w.string(c) }
            if let v = e.geonamesID { w.signed(v) }
            switch e.origin {
            case .embedded: w.varint(0)
            case .file(let path, let line):
                w.varint(pathNumbers[path]! + 1)
                w.signed(line)
            }
        }

        w.varint(index.bytes.count)
        w.bytes.append(contentsOf: index.bytes)
        for list in [index.keys, index.wordKeys] {
            w.varint(list.count)
            for k in list {
                w.u64(k.head)
                w.u32(k.offset)
                w.u32(k.length)
                w.u32(k.entry)
                w.u16(k.slot)
            }
        }
        for v in index.entryImportance { w.u32(v) }
        for codes in index.entryCountries {
            w.varint(codes.count)
            for c in codes { w.u16(c) }
        }
        for v in index.byImportance { w.u32(v) }

        var out = magic
        out.reserveCapacity(headerSize + w.bytes.count)
        appendLE(formatVersion, to: &out)
        appendLE(checksum(w.bytes[...]), to: &out)
        appendLE(UInt64(w.bytes.count), to: &out)
        out.append(contentsOf: w.bytes)
        return out
    }

    // MARK: - Decoding

    /// The gazetteer stored in `bytes`, provided they are a cache of this
    /// format version for `key`, complete and intact.
    public static func decode(_ bytes: [UInt8], key: String) throws(DecodeError) -> Contents {
        guard bytes.count >= headerSize else {
            throw bytes.starts(with: magic.prefix(bytes.count)) && !bytes.isEmpty ? .truncated : .notACache
        }
        guard bytes.starts(with: magic) else { throw .notACache }
        let version = readLE(UInt32.self, bytes, 8)
        guard version == formatVersion else { throw .otherVersion(version) }
        let sum = readLE(UInt64.self, bytes, 12)
        let length = readLE(UInt64.self, bytes, 20)
        guard length == UInt64(bytes.count - headerSize) else {
            throw length > UInt64(bytes.count - headerSize) ? .truncated : .invalid("trailing bytes")
        }
        let payload = bytes[headerSize...]
        guard checksum(payload) == sum else { throw .checksumMismatch }
        let result = payload.withUnsafeBytes { raw -> Result<Contents, DecodeError> in
            var r = Reader(buffer: raw)
            do throws(DecodeError) {
                guard try r.string() == key else { throw .otherKey }
                return .success(try decodePayload(&r))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func decodePayload(_ r: inout Reader) throws(DecodeError) -> Contents {
        var messages: [String] = []
        let messageCount = try r.count(minimumBytesEach: 1)
        messages.reserveCapacity(messageCount)
        for _ in 0..<messageCount { messages.append(try r.string()) }

        let pathCount = try r.count(minimumBytesEach: 1)
        var paths: [String] = []
        paths.reserveCapacity(pathCount)
        for _ in 0..<pathCount { paths.append(try r.string()) }

        let entryCount = try r.count(minimumBytesEach: 7)
        var entries: [GazetteerEntry] = []
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let id = try r.string()
            let flags = try r.u16()
            let name = try r.string()
            let aliasCount = try r.count(minimumBytesEach: 1)
            var aliases: [String] = []
            if aliasCount > 0 {
                aliases.reserveCapacity(aliasCount)
                for _ in 0..<aliasCount { aliases.append(try r.string()) }
            }
            let category = try r.string()
            // Seven optional strings, present as the flags say (no array: one
            // allocation per entry would be a tenth of the decoding time).
            let featureCode = flags & (1 << 1) != 0 ? try r.string() : nil
            let countryCode = flags & (1 << 2) != 0 ? try r.string() : nil
            let admin1Code = flags & (1 << 3) != 0 ? try r.string() : nil
            let admin1 = flags & (1 << 4) != 0 ? try r.string() : nil
            let admin2 = flags & (1 << 5) != 0 ? try r.string() : nil
            let affiliation = flags & (1 << 6) != 0 ? try r.string() : nil
            let description = flags & (1 << 7) != 0 ? try r.string() : nil
            let latitude = flags & (1 << 8) != 0 ? Double(bitPattern: try r.u64()) : nil
            let longitude = flags & (1 << 9) != 0 ? Double(bitPattern: try r.u64()) : nil
            let population = flags & (1 << 10) != 0 ? try r.signed() : nil
            let countryCount = try r.count(minimumBytesEach: 1)
            var countries: [String] = []
            if countryCount > 0 {
                countries.reserveCapacity(countryCount)
                for _ in 0..<countryCount { countries.append(try r.string()) }
            }
            let geonamesID = flags & (1 << 11) != 0 ? try r.signed() : nil
            let pathNumber = try r.varint()
            let origin: GazetteerOrigin
            if pathNumber == 0 {
                origin = .embedded
            } else {
                guard pathNumber <= UInt64(paths.count) else { throw .invalid("origin path \(pathNumber)") }
                origin = .file(path: paths[Int(pathNumber) - 1], line: try r.signed())
            }
            entries.append(GazetteerEntry(
                id: id, kind: flags & 1 != 0 ? .actor : .place, name: name, aliases: aliases, category: category,
                featureCode: featureCode, countryCode: countryCode, admin1Code: admin1Code,
                admin1: admin1, admin2: admin2, latitude: latitude, longitude: longitude,
                population: population, affiliation: affiliation, countries: countries,
                description: description, geonamesID: geonamesID, origin: origin))
        }

        let byteCount = try r.count(minimumBytesEach: 1)
        let folded = try r.raw(byteCount)
        var lists: [[GazetteerIndex.Key]] = []
        for _ in 0..<2 {
            let count = try r.count(minimumBytesEach: 22)
            var keys: [GazetteerIndex.Key] = []
            keys.reserveCapacity(count)
            for _ in 0..<count {
                let key = GazetteerIndex.Key(head: try r.u64(), offset: try r.u32(), length: try r.u32(),
                                             entry: try r.u32(), slot: try r.u16())
                guard Int(key.entry) < entryCount, key.length > 0,
                      UInt64(key.offset) + UInt64(key.length) <= UInt64(byteCount) else {
                    throw .invalid("index key out of range")
                }
                guard key.slot == 0 || key.slot == GazetteerIndex.idSlot
                        || Int(key.slot) <= entries[Int(key.entry)].aliases.count else {
                    throw .invalid("index key names a missing alias")
                }
                keys.append(key)
            }
            lists.append(keys)
        }
        var importance: [UInt32] = []
        importance.reserveCapacity(entryCount)
        for _ in 0..<entryCount { importance.append(try r.u32()) }
        var countries: [[UInt16]] = []
        countries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let n = try r.count(minimumBytesEach: 2)
            var codes: [UInt16] = []
            codes.reserveCapacity(n)
            for _ in 0..<n { codes.append(try r.u16()) }
            countries.append(codes)
        }
        var order: [UInt32] = []
        order.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let v = try r.u32()
            guard Int(v) < entryCount else { throw .invalid("importance order out of range") }
            order.append(v)
        }
        guard r.isAtEnd else { throw .invalid("trailing bytes") }
        let index = GazetteerIndex(restoring: entries, bytes: folded, keys: lists[0], wordKeys: lists[1],
                                   importance: importance, countries: countries, byImportance: order)
        return Contents(gazetteer: Gazetteer(merged: entries, index: index), messages: messages)
    }

    // MARK: - Checksum

    /// A fast 64-bit checksum (8 bytes per step; not cryptographic): it
    /// catches truncation, bit rot and partial writes, not tampering.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(raw.count)
            var i = 0
            while i + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ UInt64(littleEndian: word)) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3
                i += 1
            }
            h ^= h >> 32
            return h &* 0xD6E8_FEB8_6659_FD93
        }
    }

    // MARK: - Little-endian helpers

    static func appendLE<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }

    static func readLE<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], _ offset: Int) -> T {
        var value: T = 0
        for i in (0..<MemoryLayout<T>.size).reversed() { value = value << 8 | T(bytes[offset + i]) }
        return value
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: Int) { varint(UInt64(value)) }

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        /// Zigzag-encoded signed integer.
        mutating func signed(_ value: Int) {
            let v = Int64(value)
            varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
        }

        mutating func u16(_ v: UInt16) { GazetteerCache.appendLE(v, to: &bytes) }
        mutating func u32(_ v: UInt32) { GazetteerCache.appendLE(v, to: &bytes) }
        mutating func u64(_ v: UInt64) { GazetteerCache.appendLE(v, to: &bytes) }

        mutating func string(_ s: String) {
            varint(s.utf8.count)
            bytes.append(contentsOf: s.utf8)
        }
    }

    /// Bounds-checked reading; every overrun is `.truncated`.
    struct Reader {
        let buffer: UnsafeRawBufferPointer
        var position = 0

        init(buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

        var isAtEnd: Bool { position == buffer.count }

        mutating func varint() throws(DecodeError) -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < buffer.count else { throw .truncated }
                let byte = buffer[position]
                position += 1
                guard shift < 64 else { throw .invalid("varint too long") }
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
        }

        mutating func signed() throws(DecodeError) -> Int {
            let v = try varint()
            return Int(truncatingIfNeeded: Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
        }

        /// A count of items that each take at least `minimumBytesEach` bytes:
        /// a count the remaining bytes cannot hold is rejected before any
        /// memory is reserved for it.
        mutating func count(minimumBytesEach: Int) throws(DecodeError) -> Int {
            let v = try varint()
            guard v <= UInt64(buffer.count - position) / UInt64(max(minimumBytesEach, 1)) else { throw .truncated }
            return Int(v)
        }

        private mutating func fixed<T: FixedWidthInteger>(_ type: T.Type) throws(DecodeError) -> T {
            let size = MemoryLayout<T>.size
            guard buffer.count - position >= size else { throw .truncated }
            let v = buffer.loadUnaligned(fromByteOffset: position, as: T.self)
            position += size
            return T(littleEndian: v)
        }

        mutating func u16() throws(DecodeError) -> UInt16 { try fixed(UInt16.self) }
        mutating func u32() throws(DecodeError) -> UInt32 { try fixed(UInt32.self) }
        mutating func u64() throws(DecodeError) -> UInt64 { try fixed(UInt64.self) }

        mutating func raw(_ n: Int) throws(DecodeError) -> [UInt8] {
            guard buffer.count - position >= n else { throw .truncated }
            let out = [UInt8](buffer[position..<(position + n)])
            position += n
            return out
        }

        mutating func string() throws(DecodeError) -> String {
            let n = try count(minimumBytesEach: 1)
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[position..<(position + n)]), as: UTF8.self)
            position += n
            return s
        }
    }
}

extension GazetteerIndex {
    /// An index from the parts `GazetteerCache` stored (already validated).
    init(restoring entries: [GazetteerEntry], bytes: [UInt8], keys: [Key], wordKeys: [Key],
         importance: [UInt32], countries: [[UInt16]], byImportance: [UInt32]) {
        self.entries = entries
        self.bytes = bytes
        self.keys = keys
        self.wordKeys = wordKeys
        self.entryIsActor = entries.map { $0.kind == .actor }
        self.entryImportance = importance
        self.entryCountries = countries
        self.byImportance = byImportance
    }
}

extension GazetteerCache {
    /// A fingerprint of the embedded gazetteer's data, for cache keys: a
    /// cache built on top of another version of it is stale.
    public static let embeddedFingerprint: String = {
        var text = EmbeddedGazetteerData.actors
        for chunk in EmbeddedGazetteerData.placeChunks { text += chunk }
        let sum = checksum(Array(text.utf8)[...])
        return String(sum, radix: 16)
    }()
}
