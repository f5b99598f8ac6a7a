/// A search index over gazetteer entries for completion and did-you-mean.
///
/// Every name, alias and id of every entry is folded (`TextFolding`) into one
/// byte buffer. Two sorted arrays of references into that buffer answer the
/// queries by binary search: `keys` holds each folded name from its start
/// (exact and prefix matches), `wordKeys` holds it from each later word start
/// (`sahel` → `Nioro du Sahel`). Typo-tolerant matches walk `keys` and
/// `wordKeys` as an implicit trie (a sorted array is a trie in depth-first
/// order: the keys below a node are a contiguous range, and its children are
/// found by binary search on the next byte) with a row of the edit-distance
/// table per depth, pruning a branch as soon as every cell of its row exceeds
/// the allowed number of edits. The first letter must match (typos there
/// are rare, and it confines the walk to one branch of the root). No query
/// scans all entries; the cost grows with the number of keys that match.
public struct GazetteerIndex: Sendable {
    /// A folded name (or a suffix of one, from a word start) in `bytes`.
    struct Key: Sendable {
        /// The first 8 bytes, big-endian, zero padded: most comparisons stop here.
        var head: UInt64
        var offset: UInt32
        var length: UInt32
        var entry: UInt32
        /// 0: the name, 1…: alias `slot - 1`, `idSlot`: the id.
        var slot: UInt16
    }

    static let idSlot = UInt16.max

    public let entries: [GazetteerEntry]
    let bytes: [UInt8]
    let keys: [Key]
    let wordKeys: [Key]
    let entryIsActor: [Bool]
    let entryImportance: [UInt32]
    /// Per entry, its country codes packed in two bytes each (`allCountryCodes`).
    let entryCountries: [[UInt16]]
    /// Entry indices, most important first (for an empty query).
    let byImportance: [UInt32]

    public init(entries: [GazetteerEntry]) {
        self.entries = entries
        var bytes: [UInt8] = []
        var keys: [Key] = []
        var wordKeys: [Key] = []
        var isActor: [Bool] = []
        var importance: [UInt32] = []
        var countries: [[UInt16]] = []
        isActor.reserveCapacity(entries.count)
        importance.reserveCapacity(entries.count)
        countries.reserveCapacity(entries.count)
        keys.reserveCapacity(entries.count * 3)
        bytes.reserveCapacity(entries.count * 24)

        var entryKeyRanges: [(Int, Int)] = []
        for (index, entry) in entries.enumerated() {
            isActor.append(entry.kind == .actor)
            importance.append(UInt32(entry.importance))
            countries.append(entry.allCountryCodes.compactMap(GazetteerIndex.packCountry))
            entryKeyRanges.removeAll(keepingCapacity: true)
            func add(_ text: String, slot: UInt16) {
                let start = bytes.count
                TextFolding.appendFolded(text, to: &bytes)
                let length = bytes.count - start
                if length == 0 { return }
                for (s, l) in entryKeyRanges where l == length {
                    if bytes[s..<(s + l)].elementsEqual(bytes[start..<(start + length)]) {
                        bytes.removeSubrange(start...)
                        return
                    }
                }
                entryKeyRanges.append((start, length))
                keys.append(Key(head: GazetteerIndex.head(bytes, start, length), offset: UInt32(start),
                                length: UInt32(length), entry: UInt32(index), slot: slot))
                TextFolding.wordStarts(ofFolded: bytes[start..<(start + length)]) { wordStart in
                    guard wordStart > 0 else { return }
                    let from = start + wordStart
                    let rest = length - wordStart
                    wordKeys.append(Key(head: GazetteerIndex.head(bytes, from, rest), offset: UInt32(from),
                                        length: UInt32(rest), entry: UInt32(index), slot: slot))
                }
            }
            add(entry.name, slot: 0)
            for (i, alias) in entry.aliases.enumerated() where i < Int(GazetteerIndex.idSlot) - 2 {
                add(alias, slot: UInt16(i + 1))
            }
            add(entry.id, slot: GazetteerIndex.idSlot)
        }
        bytes.withUnsafeBufferPointer { buffer in
            keys.sort { GazetteerIndex.less($0, $1, buffer) }
            wordKeys.sort { GazetteerIndex.less($0, $1, buffer) }
        }
        self.bytes = bytes
        self.keys = keys
        self.wordKeys = wordKeys
        self.entryIsActor = isActor
        self.entryImportance = importance
        self.entryCountries = countries
        self.byImportance = (0..<UInt32(entries.count)).sorted { a, b in
            importance[Int(a)] != importance[Int(b)] ? importance[Int(a)] > importance[Int(b)] : a < b
        }
    }

    /// Number of folded names (full keys) in the index.
    public var keyCount: Int { keys.count }

    // MARK: - Queries

    /// Entries ranked for a completion query: exact, prefix and word-start
    /// matches of names, aliases and ids, then (when those leave room under
    /// `limit`) typo-tolerant prefix matches: one edit for queries of 3 to 5
    /// characters, two from 6. Within a quality, fewer edits first, then
    /// entries in `preferredCountries` (ISO alpha-2), then importance.
    /// An empty query lists the most important entries.
    public func search(_ query: String, kind: GazetteerEntryKind? = nil, limit: Int = 20,
                       preferredCountries: Set<String> = []) -> GazetteerSearchResult {
        guard limit > 0 else { return GazetteerSearchResult(matches: [], isIncomplete: false) }
        let folded = TextFolding.foldedUTF8(query)
        let preferred = preferredCountries.compactMap(GazetteerIndex.packCountry)
        if folded.isEmpty {
            return topEntries(kind: kind, limit: limit, preferred: preferred)
        }
        var collector = Collector(capacity: max(limit * 8, 64))
        bytes.withUnsafeBufferPointer { buffer in
            folded.withUnsafeBufferPointer { q in
                let range = prefixRange(keys, q, buffer)
                for i in range {
                    let key = keys[i]
                    let quality: GazetteerMatchQuality = Int(key.length) == q.count ? .exact : .prefix
                    offer(key, quality: quality, distance: 0, kind: kind, preferred: preferred, to: &collector)
                }
                for i in prefixRange(wordKeys, q, buffer) {
                    offer(wordKeys[i], quality: .wordStart, distance: 0, kind: kind, preferred: preferred, to: &collector)
                }
                let maxEdits = GazetteerIndex.allowedEdits(forQueryLength: q.count)
                if maxEdits > 0, collector.distinctEntries(atMost: limit) < limit {
                    for list in [keys, wordKeys] {
                        fuzzyPrefixMatches(list, q, maxEdits: maxEdits, buffer) { lower, upper, distance in
                            for i in lower..<upper {
                                offer(list[i], quality: .fuzzy, distance: distance, kind: kind,
                                      preferred: preferred, to: &collector)
                            }
                        }
                    }
                }
            }
        }
        return result(from: collector, limit: limit)
    }

    /// Indices of the entries with a name, alias or id that folds to exactly
    /// `folded` (a `TextFolding` key), in index order, each once.
    func exactEntryIndices(folded: [UInt8]) -> [Int] {
        guard !folded.isEmpty else { return [] }
        var result: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            folded.withUnsafeBufferPointer { q in
                for i in prefixRange(keys, q, buffer) where Int(keys[i].length) == q.count {
                    let entry = Int(keys[i].entry)
                    if !result.contains(entry) { result.append(entry) }
                }
            }
        }
        return result
    }

    /// Edits allowed for a query of `length` folded bytes.
    static func allowedEdits(forQueryLength length: Int) -> Int {
        switch length {
        case ..<3: return 0
        case 3...5: return 1
        default: return 2
        }
    }

    // MARK: - Ranking

    private func offer(_ key: Key, quality: GazetteerMatchQuality, distance: Int, kind: GazetteerEntryKind?,
                       preferred: [UInt16], to collector: inout Collector) {
        let entry = Int(key.entry)
        if let kind, entryIsActor[entry] != (kind == .actor) { return }
        collector.add(Candidate(score: score(entry: entry, quality: quality, distance: distance, preferred: preferred),
                                entry: key.entry, slot: key.slot))
    }

    private func score(entry: Int, quality: GazetteerMatchQuality, distance: Int, preferred: [UInt16]) -> UInt64 {
        var isPreferred: UInt64 = 0
        if !preferred.isEmpty {
            for code in entryCountries[entry] where preferred.contains(code) {
                isPreferred = 1
                break
            }
        }
        let closeness = UInt64(3 - min(distance, 3))
        return UInt64(quality.rawValue) << 62 | closeness << 60 | isPreferred << 59
            | UInt64(entryImportance[entry] & 0x7FF_FFFF) << 32 | UInt64(UInt32.max - UInt32(entry))
    }

    private func topEntries(kind: GazetteerEntryKind?, limit: Int, preferred: [UInt16]) -> GazetteerSearchResult {
        var collector = Collector(capacity: limit + 1)
        for index in byImportance {
            let entry = Int(index)
            if let kind, entryIsActor[entry] != (kind == .actor) { continue }
            if preferred.isEmpty, collector.count > limit { break }
            collector.add(Candidate(score: score(entry: entry, quality: .exact, distance: 0, preferred: preferred),
                                    entry: index, slot: 0))
        }
        var result = self.result(from: collector, limit: limit)
        for i in result.matches.indices { result.matches[i].quality = .prefix }
        return result
    }

    private func result(from collector: Collector, limit: Int) -> GazetteerSearchResult {
        let sorted = collector.items.sorted { $0.score > $1.score }
        var seen = Set<UInt32>()
        var matches: [GazetteerMatch] = []
        var more = collector.overflowed
        for candidate in sorted {
            guard seen.insert(candidate.entry).inserted else { continue }
            if matches.count == limit {
                more = true
                break
            }
            let entry = entries[Int(candidate.entry)]
            let text: String
            switch candidate.slot {
            case 0: text = entry.name
            case GazetteerIndex.idSlot: text = entry.id
            default: text = entry.aliases[Int(candidate.slot) - 1]
            }
            let quality = GazetteerMatchQuality(rawValue: Int(candidate.score >> 62)) ?? .fuzzy
            let distance = 3 - Int((candidate.score >> 60) & 3)
            matches.append(GazetteerMatch(entry: entry, matchedText: text, quality: quality,
                                          editDistance: distance, score: Int(candidate.score >> 32)))
        }
        return GazetteerSearchResult(matches: matches, isIncomplete: more)
    }

    struct Candidate {
        var score: UInt64
        var entry: UInt32
        var slot: UInt16
    }

    /// Keeps the `capacity` best candidates in a min-heap (by score).
    struct Collector {
        let capacity: Int
        private(set) var items: [Candidate] = []
        private(set) var overflowed = false

        init(capacity: Int) {
            self.capacity = capacity
            items.reserveCapacity(min(capacity, 1024))
        }

        var count: Int { items.count }

        mutating func add(_ candidate: Candidate) {
            if items.count < capacity {
                items.append(candidate)
                var child = items.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard items[child].score < items[parent].score else { break }
                    items.swapAt(child, parent)
                    child = parent
                }
                return
            }
            overflowed = true
            guard candidate.score > items[0].score else { return }
            items[0] = candidate
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < items.count else { break }
                var smallest = left
                if left + 1 < items.count, items[left + 1].score < items[left].score { smallest = left + 1 }
                guard items[smallest].score < items[parent].score else { break }
                items.swapAt(smallest, parent)
                parent = smallest
            }
        }

        /// Distinct entries held, counting no further than `bound + 1`.
        func distinctEntries(atMost bound: Int) -> Int {
            var seen = Set<UInt32>()
            for item in items {
                seen.insert(item.entry)
                if seen.count > bound { break }
            }
            return seen.count
        }
    }

    // MARK: - Sorted keys

    static func packCountry(_ code: String) -> UInt16? {
        let utf8 = Array(code.utf8)
        guard utf8.count == 2 else { return nil }
        return UInt16(utf8[0] & 0xDF) << 8 | UInt16(utf8[1] & 0xDF)
    }

    static func head(_ bytes: [UInt8], _ offset: Int, _ length: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<8 {
            value <<= 8
            if i < length { value |= UInt64(bytes[offset + i]) }
        }
        return value
    }

    static func less(_ a: Key, _ b: Key, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.head != b.head { return a.head < b.head }
        let la = Int(a.length), lb = Int(b.length)
        if la <= 8 || lb <= 8 {
            // Equal heads and one key within 8 bytes: the keys are equal
            // (folded keys hold no zero bytes).
            return la != lb ? la < lb : a.entry < b.entry
        }
        let n = min(la, lb)
        var i = 8
        let pa = Int(a.offset), pb = Int(b.offset)
        while i < n {
            let x = buffer[pa + i], y = buffer[pb + i]
            if x != y { return x < y }
            i += 1
        }
        return la != lb ? la < lb : a.entry < b.entry
    }

    /// The range of `list` whose keys start with `q`.
    private func prefixRange(_ list: [Key], _ q: UnsafeBufferPointer<UInt8>,
                             _ buffer: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // -1: key < q and not starting with it; 0: starts with q; 1: greater.
        func compare(_ key: Key) -> Int {
            let length = Int(key.length)
            let n = min(length, q.count)
            let offset = Int(key.offset)
            var i = 0
            while i < n {
                let x = buffer[offset + i], y = q[i]
                if x != y { return x < y ? -1 : 1 }
                i += 1
            }
            return length < q.count ? -1 : 0
        }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if compare(list[mid]) < 0 { low = mid + 1 } else { high = mid }
        }
        let lower = low
        high = list.count
        while low < high {
            let mid = (low + high) / 2
            if compare(list[mid]) <= 0 { low = mid + 1 } else { high = mid }
        }
        return lower..<low
    }

    // MARK: - Typo-tolerant matching

    /// Calls `found(lower, upper, edits)` for ranges of `list` whose keys
    /// start with `q`'s first byte and then a string within `maxEdits` edits (insertions, deletions,
    /// substitutions, swaps of neighbours) of `q`. A key can be reported more
    /// than once with different counts; callers keep the best.
    private func fuzzyPrefixMatches(_ list: [Key], _ q: UnsafeBufferPointer<UInt8>, maxEdits: Int,
                                    _ buffer: UnsafeBufferPointer<UInt8>,
                                    _ found: (Int, Int, Int) -> Void) {
        let m = q.count
        let width = m + 1
        let maxDepth = m + maxEdits
        var rows = [Int](repeating: 0, count: width * (maxDepth + 2))
        for j in 0...m { rows[j] = j }
        var path = [UInt8](repeating: 0, count: maxDepth + 1)

        func byte(_ index: Int, _ depth: Int) -> UInt8 {
            buffer[Int(list[index].offset) + depth]
        }

        func visit(_ lower: Int, _ upper: Int, _ depth: Int) {
            // Skip keys that end at this depth; they sort first.
            var i = lower
            while i < upper, Int(list[i].length) == depth { i += 1 }
            guard depth < maxDepth else { return }
            while i < upper {
                let c = byte(i, depth)
                var low = i + 1, high = upper
                while low < high {
                    let mid = (low + high) / 2
                    if byte(mid, depth) <= c { low = mid + 1 } else { high = mid }
                }
                let next = low
                // The first letter is not subject to typos: it keeps the walk
                // to one branch of the root (about a twentieth of the keys).
                if depth == 0, c != q[0] {
                    i = next
                    continue
                }
                // Row for depth + 1.
                path[depth] = c
                let previous = depth * width
                let current = (depth + 1) * width
                rows[current] = depth + 1
                var rowMinimum = depth + 1
                for j in 1...m {
                    let cost = q[j - 1] == c ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if depth >= 1, j >= 2, q[j - 1] == path[depth - 1], q[j - 2] == c {
                        value = min(value, rows[previous - width + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum <= maxEdits {
                    let distance = rows[current + m]
                    if distance <= maxEdits {
                        found(i, next, distance)
                    }
                    if distance > rowMinimum || distance > maxEdits {
                        visit(i, next, depth + 1)
                    }
                }
                i = next
            }
        }
        visit(0, list.count, 0)
    }
}
