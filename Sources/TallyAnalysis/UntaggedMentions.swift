/// The `untagged-mention` rule: prose that names an actor or place the document
/// tags elsewhere, without a tag. One pass over the prose, looking words up in a
/// table of the tagged names.
struct UntaggedMentions {
    struct Name {
        var bytes: [UInt8]      // ASCII-lowercased surface
        var written: String
        var id: String
        var kind: GazetteerEntryKind
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
    }

    static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }

    static func find(uri: String, tree: SyntaxTree, references: [Reference]) -> [Diagnostic] {
        // The names: tag texts that resolved, longest first within a first word.
        var table: [[UInt8]: [Name]] = [:]
        var seen: Set<[UInt8]> = []
        for r in references where r.role == .tag {
            guard let id = r.entryID else { continue }
            let lowered = r.surface.utf8.map(lower)
            guard lowered.count >= 3, seen.insert(lowered).inserted, let first = lowered.first, isWordByte(first) else { continue }
            var k = 0
            while k < lowered.count && isWordByte(lowered[k]) { k += 1 }
            table[Array(lowered[..<k]), default: []].append(Name(bytes: lowered, written: r.surface, id: id, kind: r.kind))
        }
        guard !table.isEmpty else { return [] }
        for key in table.keys { table[key]!.sort { $0.bytes.count > $1.bytes.count } }
        let b = tree.bytes
        var found: [(Range<Int>, Name)] = []
        var word: [UInt8] = []
        word.reserveCapacity(64)
        let minFirstWord = table.keys.map(\.count).min() ?? 0
        let maxFirstWord = table.keys.map(\.count).max() ?? 0
        for t in tree.tokens where t.kind == .text {
            var i = t.start
            while i < t.end {
                guard isWordByte(b[i]), i == t.start || !isWordByte(b[i - 1]) || i == 0 else { i += 1; continue }
                var j = i
                word.removeAll(keepingCapacity: true)
                while j < t.end && isWordByte(b[j]) { word.append(lower(b[j])); j += 1 }
                // Most words are not names: a cheap length check before hashing.
                if word.count >= minFirstWord, word.count <= maxFirstWord, let names = table[word] {
                    for name in names {
                        let end = i + name.bytes.count
                        guard end <= t.end else { continue }
                        var ok = true
                        for k in 0..<name.bytes.count where lower(b[i + k]) != name.bytes[k] { ok = false; break }
                        if ok && (end == t.end || !isWordByte(b[end])) {
                            found.append((i..<end, name))
                            break
                        }
                    }
                }
                i = j
            }
        }
        // Every mention of a name gets a diagnostic; each offers to tag it, or all of its kind at once.
        // The "tag all" edits of each name are built once and shared by its diagnostics.
        var allEdits: [String: [TextEdit]] = [:]
        for (r, n) in found {
            let kind = n.kind == .actor ? "actor" : "place"
            allEdits[n.id, default: []].append(TextEdit(range: r, newText: "[\(String(decoding: b[r], as: UTF8.self))]{\(kind)=\(n.id)}"))
        }
        return found.map { range, name in
            let tagText = String(decoding: b[range], as: UTF8.self)
            let kind = name.kind == .actor ? "actor" : "place"
            let one = TextEdit(range: range, newText: "[\(tagText)]{\(kind)=\(name.id)}")
            let all = allEdits[name.id]!
            var fixes = [Fix(title: "Tag '\(tagText)' as \(kind)=\(name.id)", edits: [uri: [one]], isSafe: false)]
            if all.count > 1 {
                fixes.append(Fix(title: "Tag all \(all.count) untagged mentions of '\(name.written)'", edits: [uri: all], isSafe: false))
            }
            return Diagnostic(rule: "untagged-mention", severity: .hint, range: range,
                              message: "'\(tagText)' is tagged elsewhere in this document ({\(kind)=\(name.id)}) but not here.",
                              fixes: fixes)
        }
    }
}
