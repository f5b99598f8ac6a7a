/// The single-pass scanner and tree builder of Tally documents.
///
/// It walks the UTF-8 bytes once, line by line: a line that starts with `%%`
/// is a comment, one that starts with `:::` opens or closes an incident block,
/// and anything else is prose in which `[TEXT]{...}` tags are recognised. Every
/// byte ends up in exactly one token. Errors produce one diagnostic each and
/// scanning resumes at the next safe point (the end of the tag or line).
public struct Parser {
    private let b: [UInt8]
    private var pos = 0
    private var tokens: [Token] = []
    private var tags: [Tag] = []
    private var incidents: [IncidentBlock] = []
    private var comments: [Range<Int>] = []
    private var diagnostics: [SyntaxDiagnostic] = []
    private var frontMatter: FrontMatter?
    /// The open incident: its index in `incidents` while it is being filled.
    private var openIncident: Int?
    /// Line breaks emitted so far: the zero-based line being scanned.
    private var linesSeen = 0
    /// One-based line of each incident's opening line.
    private var incidentLines: [Int] = []

    public static func parse(_ bytes: [UInt8]) -> SyntaxTree {
        var p = Parser(bytes)
        p.run()
        return SyntaxTree(bytes: bytes, tokens: p.tokens, frontMatter: p.frontMatter, tags: p.tags,
                          incidents: p.incidents, comments: p.comments, diagnostics: p.diagnostics,
                          lineIndex: LineIndex(bytes))
    }

    private init(_ bytes: [UInt8]) {
        self.b = bytes
        tokens.reserveCapacity(bytes.count / 8 + 16)
    }

    // MARK: - Byte helpers

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09

    private var n: Int { b.count }

    private func byte(_ i: Int) -> UInt8? { i < b.count ? b[i] : nil }

    private func isBlank(_ c: UInt8) -> Bool { c == Self.space || c == Self.tab }

    /// End of the line starting at or containing `i`, before the line break.
    private func lineEnd(from i: Int) -> Int {
        var j = i
        while j < n && b[j] != Self.lf { j += 1 }
        if j > i && b[j - 1] == Self.cr { j -= 1 }
        return j
    }

    /// Offset after the line break at `i` (which is a content end), or `i` at end of input.
    private func afterBreak(_ i: Int) -> Int {
        var j = i
        if j < n && b[j] == Self.cr { j += 1 }
        if j < n && b[j] == Self.lf { j += 1 }
        return j
    }

    private func hasPrefix(_ s: StaticString, at i: Int) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= n else { return false }
        return s.withUTF8Buffer { buf in
            for k in 0..<count where b[i + k] != buf[k] { return false }
            return true
        }
    }

    private func string(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        guard end > start else { return }
        // Merge adjacent prose so the token list stays short.
        if kind == .text, let last = tokens.last, last.kind == .text, last.end == start {
            tokens[tokens.count - 1].end = end
            return
        }
        tokens.append(Token(kind: kind, start: start, end: end))
    }

    private mutating func emitLineBreak(at i: Int, markup: Bool) -> Int {
        let j = afterBreak(i)
        emit(markup ? .markupNewline : .newline, i, j)
        if j > i { linesSeen += 1 }
        return j
    }

    private mutating func report(_ rule: String, _ range: Range<Int>, _ message: String, _ severity: Severity = .error) {
        diagnostics.append(SyntaxDiagnostic(rule: rule, severity: severity, range: range, message: message))
    }

    // MARK: - Driver

    private mutating func run() {
        if let bad = UTF8Check.firstInvalidOffset(b) {
            report("invalid-utf8", bad..<min(bad + 1, n), "The file is not valid UTF-8 at byte \(bad); save it as UTF-8.")
        }
        if hasPrefix("---", at: 0) && lineEnd(from: 0) == 3 {
            parseFrontMatter()
        }
        while pos < n {
            let c = b[pos]
            if c == UInt8(ascii: "%") && byte(pos + 1) == UInt8(ascii: "%") {
                parseComment()
            } else if c == UInt8(ascii: ":") && hasPrefix(":::", at: pos) {
                parseFenceLine()
            } else {
                parseProseLine()
            }
        }
        if let open = openIncident {
            let inc = incidents[open]
            report("unclosed-block", inc.openingLine,
                   "Incident block '\(inc.id)' is never closed; add a line ':::' after its last paragraph.")
            finishIncident(open, closingLine: nil, end: n)
        }
    }

    // MARK: - Front matter

    private mutating func parseFrontMatter() {
        let start = 0
        emit(.frontMatterFence, 0, 3)
        pos = emitLineBreak(at: 3, markup: true)
        var entries: [FrontMatterEntry] = []
        var closed = false
        while pos < n {
            let le = lineEnd(from: pos)
            if le - pos == 3 && hasPrefix("---", at: pos) {
                emit(.frontMatterFence, pos, le)
                pos = emitLineBreak(at: le, markup: true)
                closed = true
                break
            }
            parseFrontMatterLine(pos, le, &entries)
            pos = emitLineBreak(at: le, markup: true)
        }
        if !closed {
            report("bad-front-matter", 0..<3, "The front matter opened on line 1 is never closed; add a line '---' after its last key.")
        }
        frontMatter = FrontMatter(range: start..<pos, entries: entries, isClosed: closed)
    }

    private mutating func parseFrontMatterLine(_ s: Int, _ e: Int, _ entries: inout [FrontMatterEntry]) {
        var i = s
        while i < e && isBlank(b[i]) { i += 1 }
        emit(.whitespace, s, i)
        if i == e { return }
        if b[i] == UInt8(ascii: "#") {
            emit(.comment, i, e)
            return
        }
        var colon = i
        while colon < e && b[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < e else {
            emit(.invalid, i, e)
            report("bad-front-matter", i..<e, "Front matter lines are 'key: value'; this line has no ':'.")
            return
        }
        var keyEnd = colon
        while keyEnd > i && isBlank(b[keyEnd - 1]) { keyEnd -= 1 }
        emit(.frontMatterKey, i, keyEnd)
        emit(.whitespace, keyEnd, colon)
        emit(.frontMatterColon, colon, colon + 1)
        var v = colon + 1
        while v < e && isBlank(b[v]) { v += 1 }
        emit(.whitespace, colon + 1, v)
        var ve = e
        while ve > v && isBlank(b[ve - 1]) { ve -= 1 }
        emit(.frontMatterValue, v, ve)
        emit(.whitespace, ve, e)
        let key = string(i..<keyEnd)
        var value = string(v..<ve)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        if keyEnd == i {
            report("bad-front-matter", i..<e, "This front matter line has no key before ':'.")
            return
        }
        if entries.contains(where: { $0.key == key }) {
            report("bad-front-matter", i..<keyEnd, "The key '\(key)' appears twice in the front matter; keep one.")
        }
        entries.append(FrontMatterEntry(key: key, keyRange: i..<keyEnd, value: value, valueRange: v..<ve, lineRange: s..<e))
    }

    // MARK: - Comments

    private mutating func parseComment() {
        let e = lineEnd(from: pos)
        emit(.comment, pos, e)
        comments.append(pos..<e)
        pos = emitLineBreak(at: e, markup: true)
    }

    // MARK: - Fence lines

    private mutating func parseFenceLine() {
        let s = pos
        let e = lineEnd(from: s)
        emit(.fence, s, s + 3)
        var i = s + 3
        // `::::` or `:::x` glued: treat the extra bytes as invalid.
        var j = i
        while j < e && isBlank(b[j]) { j += 1 }
        emit(.whitespace, i, j)
        i = j
        if i == e {
            closeFence(s, e)
            pos = emitLineBreak(at: e, markup: true)
            return
        }
        // The block type.
        j = i
        while j < e && !isBlank(b[j]) { j += 1 }
        let type = string(i..<j)
        emit(.blockType, i, j)
        if type != "incident" {
            report("unknown-block", i..<j, "Unknown block type '\(type)'; v1 has only '::: incident ID ...'.")
        }
        i = j
        j = i
        while j < e && isBlank(b[j]) { j += 1 }
        emit(.whitespace, i, j)
        i = j
        // The id.
        j = i
        while j < e && !isBlank(b[j]) { j += 1 }
        var id = ""
        var idRange = i..<i
        if j > i {
            id = string(i..<j)
            idRange = i..<j
            if id.contains("=") {
                // An attribute where the id should be.
                report("malformed-id", i..<j, "The incident line needs an id right after 'incident' (e.g. '::: incident kayes-2025-07-01').")
                id = ""
                idRange = i..<i
                j = i
            } else {
                emit(.incidentID, i, j)
                if !IdentifierSyntax.isValid(id) {
                    report("malformed-id", i..<j, "'\(id)' is not a valid id: use letters, digits, '-', '_', '.' or ':'.")
                }
            }
        } else {
            report("malformed-id", s..<e, "The incident line needs an id after 'incident'.")
        }
        i = j
        var attributes: [Attribute] = []
        var head: (String, Range<Int>, String?, Range<Int>?)? = nil
        _ = scanAttributes(from: i, lineEnd: e, inBraces: false, head: &head, attributes: &attributes)
        checkIncidentAttributes(attributes)
        if let open = openIncident {
            let prev = incidents[open]
            report("nested-block", s..<e,
                   "Incident blocks do not nest: '\(prev.id)' (line \(incidentLines[open])) is still open; close it with ':::' first.")
            finishIncident(open, closingLine: nil, end: s)
        }
        let block = IncidentBlock(range: s..<e, openingLine: s..<e, blockType: type, id: id, idRange: idRange,
                                  attributes: attributes, closingLine: nil, contentRange: e..<e,
                                  tagIndices: tags.count..<tags.count)
        incidents.append(block)
        incidentLines.append(linesSeen + 1)
        openIncident = incidents.count - 1
        pos = emitLineBreak(at: e, markup: true)
        incidents[incidents.count - 1].contentRange = pos..<pos
    }


    private mutating func closeFence(_ s: Int, _ e: Int) {
        guard let open = openIncident else {
            report("stray-fence", s..<e, "This ':::' closes no incident block; remove it or open a block with '::: incident ID'.")
            return
        }
        finishIncident(open, closingLine: s..<e, end: afterBreak(e))
        incidents[open].contentRange = incidents[open].contentRange.lowerBound..<s
    }

    private mutating func finishIncident(_ index: Int, closingLine: Range<Int>?, end: Int) {
        var block = incidents[index]
        block.closingLine = closingLine
        let closeEnd = closingLine?.upperBound ?? end
        block.range = block.openingLine.lowerBound..<max(closeEnd, block.openingLine.upperBound)
        if closingLine == nil {
            block.contentRange = block.contentRange.lowerBound..<max(block.contentRange.lowerBound, end)
        }
        block.tagIndices = block.tagIndices.lowerBound..<tags.count
        incidents[index] = block
        openIncident = nil
    }

    private mutating func checkIncidentAttributes(_ attributes: [Attribute]) {
        checkAttributes(attributes, allowed: IncidentAttribute.keys, owner: "on this incident line",
                        unknown: { "Unknown incident attribute '\($0)'." })
    }

    /// Reports unknown and duplicate keys, then checks each value.
    private mutating func checkAttributes(_ attributes: [Attribute], allowed: [String], owner: String,
                                          unknown: (String) -> String) {
        var seen: Set<String> = []
        for a in attributes {
            if !allowed.contains(a.key) {
                let hint = Suggest.closest(a.key, among: allowed).map { " Did you mean '\($0)'?" } ?? ""
                report("unknown-attribute", a.keyRange, "\(unknown(a.key))\(hint) Valid keys: \(allowed.joined(separator: ", ")).")
                continue
            }
            if !seen.insert(a.key).inserted {
                report("duplicate-attribute", a.range, "The attribute '\(a.key)' is given twice \(owner); keep one.")
                continue
            }
            checkValue(key: a.key, attribute: a)
        }
    }

    /// Checks the value of a known key: ids, id lists, counts, dates.
    private mutating func checkValue(key: String, attribute a: Attribute) {
        let where_ = a.valueRange ?? a.keyRange
        if a.valueRange == nil || (a.value.isEmpty && !a.isQuoted) {
            report("missing-value", a.range, "'\(key)' needs a value: \(key)=...")
            return
        }
        if key == "date" {
            if !DateSyntax.isValidDateOrRange(a.value) {
                report("malformed-date", where_, "'\(a.value)' is not a date: use YYYY-MM-DD, YYYY-MM, or a range A/B.")
            }
        } else if let k = TagKind(rawValue: key), k.isFigure {
            if CountInterval.parse(a.value) == nil {
                report("malformed-count", where_, "'\(a.value)' is not a count: use N, N+ (at least N) or N-M.")
            }
        } else if IncidentAttribute.idListKeys.contains(key) || key == "in" {
            for item in a.listItems where !IdentifierSyntax.isValid(item.value) {
                report("malformed-id", item.range, "'\(item.value)' is not a valid id: use letters, digits, '-', '_', '.' or ':'.")
            }
        } else if key == "type" {
            if !IdentifierSyntax.isValid(a.value) {
                report("malformed-id", where_, "'\(a.value)' is not an event type id.")
            }
        }
    }

    // MARK: - Attributes (shared by tags and incident lines)

    /// Scans `key[=value]` items separated by blanks until `}` (in braces) or the line end.
    /// In braces, the first item is the head (`KIND[=VALUE]`). Returns the offset after `}` or
    /// the line end, and whether the braces were closed.
    private mutating func scanAttributes(from start: Int, lineEnd e: Int, inBraces: Bool,
                                         head: inout (String, Range<Int>, String?, Range<Int>?)?,
                                         attributes: inout [Attribute]) -> (end: Int, closed: Bool) {
        var i = start
        var first = inBraces
        while i < e {
            let c = b[i]
            if isBlank(c) {
                var j = i
                while j < e && isBlank(b[j]) { j += 1 }
                emit(.whitespace, i, j)
                i = j
                continue
            }
            if inBraces && c == UInt8(ascii: "}") {
                emit(.braceClose, i, i + 1)
                return (i + 1, true)
            }
            // A `[` cannot be inside braces: the tag was left open and a new one starts.
            if inBraces && c == UInt8(ascii: "[") { return (i, false) }
            // Key.
            var j = i
            while j < e && b[j] != UInt8(ascii: "=") && !isBlank(b[j]) && !(inBraces && (b[j] == UInt8(ascii: "}") || b[j] == UInt8(ascii: "["))) && b[j] != UInt8(ascii: "\"") { j += 1 }
            if j == i {
                // A stray '=' or quote with no key.
                var k = i + 1
                if b[i] == UInt8(ascii: "\"") {
                    k = quotedEnd(from: i, lineEnd: e)
                } else {
                    while k < e && !isBlank(b[k]) && !(inBraces && (b[k] == UInt8(ascii: "}") || b[k] == UInt8(ascii: "["))) { k += 1 }
                }
                emit(.invalid, i, k)
                report("malformed-attribute", i..<k, "Expected 'key=value' here.")
                i = k
                first = false
                continue
            }
            let key = string(i..<j)
            let keyRange = i..<j
            let isHead = first
            first = false
            emit(isHead ? .kind : .attributeKey, i, j)
            var value = ""
            var valueRange: Range<Int>? = nil
            var quoted = false
            var end = j
            if j < e && b[j] == UInt8(ascii: "=") {
                emit(.equals, j, j + 1)
                let vs = j + 1
                if vs < e && b[vs] == UInt8(ascii: "\"") {
                    let ve = quotedEnd(from: vs, lineEnd: e)
                    quoted = true
                    valueRange = vs..<ve
                    value = unquote(vs..<ve)
                    emit(.quotedValue, vs, ve)
                    if ve > e || ve == vs + 1 || b[ve - 1] != UInt8(ascii: "\"") || ve - vs < 2 {
                        report("malformed-attribute", vs..<ve, "This quoted value has no closing '\"'.")
                    }
                    end = ve
                } else {
                    var ve = vs
                    while ve < e && !isBlank(b[ve]) && !(inBraces && (b[ve] == UInt8(ascii: "}") || b[ve] == UInt8(ascii: "["))) { ve += 1 }
                    valueRange = vs..<ve
                    value = string(vs..<ve)
                    emitValue(key: key, isHead: isHead, vs, ve)
                    end = ve
                }
            } else if j < e && b[j] == UInt8(ascii: "\"") {
                // key"value": missing '='.
                let ve = quotedEnd(from: j, lineEnd: e)
                emit(.invalid, j, ve)
                report("malformed-attribute", i..<ve, "Missing '=' between '\(key)' and its value.")
                end = ve
            }
            if isHead {
                head = (key, keyRange, valueRange == nil ? nil : value, valueRange)
            } else {
                attributes.append(Attribute(key: key, keyRange: keyRange, value: value, valueRange: valueRange, isQuoted: quoted, range: i..<end))
            }
            i = end
        }
        return (e, false)
    }

    /// Emits a bare value's tokens, typed by what the key expects.
    private mutating func emitValue(key: String, isHead: Bool, _ s: Int, _ e: Int) {
        let isCount = TagKind(rawValue: key)?.isFigure == true
        if key == "date" {
            emit(.date, s, e)
        } else if isCount {
            emit(.count, s, e)
        } else if key == "note" {
            emit(.value, s, e)
        } else if IncidentAttribute.idListKeys.contains(key) || key == "actor" || key == "in" || key == "type" {
            var k = s
            var itemStart = s
            while k <= e {
                if k == e || b[k] == UInt8(ascii: ",") {
                    emit(.identifier, itemStart, k)
                    if k < e { emit(.comma, k, k + 1) }
                    itemStart = k + 1
                }
                k += 1
            }
        } else {
            emit(.value, s, e)
        }
    }

    /// End (exclusive) of a quoted value starting at the quote `s`: after the closing quote, or the line end.
    private func quotedEnd(from s: Int, lineEnd e: Int) -> Int {
        var k = s + 1
        while k < e {
            if b[k] == UInt8(ascii: "\\") && k + 1 < e { k += 2; continue }
            if b[k] == UInt8(ascii: "\"") { return k + 1 }
            k += 1
        }
        return e
    }

    private func unquote(_ r: Range<Int>) -> String {
        var out: [UInt8] = []
        var k = r.lowerBound + 1
        let end = (r.count >= 2 && b[r.upperBound - 1] == UInt8(ascii: "\"")) ? r.upperBound - 1 : r.upperBound
        while k < end {
            if b[k] == UInt8(ascii: "\\") && k + 1 < end { out.append(b[k + 1]); k += 2; continue }
            out.append(b[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Prose and tags

    private mutating func parseProseLine() {
        var e = lineEnd(from: pos)
        var i = pos
        var runStart = i
        while i < e {
            let c = b[i]
            if c == UInt8(ascii: "\\") && i + 1 < e && b[i + 1] == UInt8(ascii: "[") {
                emit(.text, runStart, i)
                emit(.escape, i, i + 2)
                i += 2
                runStart = i
                continue
            }
            if c == UInt8(ascii: "["), let close = findTagClose(from: i) {
                emit(.text, runStart, i)
                i = parseTag(open: i, close: close)
                // A tag may span lines; go on with the line where it ended.
                if i > e { e = lineEnd(from: i) }
                runStart = i
                continue
            }
            i += 1
        }
        emit(.text, runStart, e)
        pos = e < n ? emitLineBreak(at: e, markup: false) : e
    }

    /// Finds the `]` that closes the bracket at `open` and is directly followed by `{`.
    /// The search stops at a nested `[`, a blank line, a markup line, or the end.
    private func findTagClose(from open: Int) -> Int? {
        var k = open + 1
        while k < n {
            let c = b[k]
            if c == UInt8(ascii: "\\") && k + 1 < n && b[k + 1] == UInt8(ascii: "[") { k += 2; continue }
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") {
                return (k + 1 < n && b[k + 1] == UInt8(ascii: "{")) ? k : nil
            }
            if c == Self.lf {
                // Stop at a blank line or a line that is markup.
                var m = k + 1
                while m < n && isBlank(b[m]) { m += 1 }
                if m >= n || b[m] == Self.lf || b[m] == Self.cr { return nil }
                if hasPrefix(":::", at: k + 1) || hasPrefix("%%", at: k + 1) { return nil }
            }
            k += 1
        }
        return nil
    }

    /// Parses a tag whose text is `open+1 ..< close` and whose `{` is at `close+1`.
    /// Returns the offset after the tag.
    private mutating func parseTag(open: Int, close: Int) -> Int {
        emit(.tagOpen, open, open + 1)
        // Tag text, with escapes and line breaks as their own tokens.
        var k = open + 1
        var run = k
        while k < close {
            if b[k] == UInt8(ascii: "\\") && k + 1 < close && b[k + 1] == UInt8(ascii: "[") {
                emit(.tagText, run, k)
                emit(.escape, k, k + 2)
                k += 2
                run = k
                continue
            }
            if b[k] == Self.lf || (b[k] == Self.cr && k + 1 < close && b[k + 1] == Self.lf) {
                emit(.tagText, run, k)
                k = emitLineBreak(at: k, markup: false)
                run = k
                continue
            }
            k += 1
        }
        emit(.tagText, run, close)
        emit(.tagClose, close, close + 1)
        let brace = close + 1
        emit(.braceOpen, brace, brace + 1)
        let e = lineEnd(from: brace)
        var head: (String, Range<Int>, String?, Range<Int>?)? = nil
        var attributes: [Attribute] = []
        let reportedBefore = diagnostics.count
        let (scannedEnd, closed) = scanAttributes(from: brace + 1, lineEnd: e, inBraces: true, head: &head, attributes: &attributes)
        var end = scannedEnd
        if !closed, let cut = attributes.firstIndex(where: { $0.valueRange == nil }) {
            // Recovery: an unclosed tag ends before the first word that is not `key=value`;
            // what follows is prose again and is scanned as such.
            var at = attributes[cut].range.lowerBound
            while at > brace + 1 && isBlank(b[at - 1]) { at -= 1 }
            attributes.removeSubrange(cut...)
            while let last = tokens.last, last.start >= at { tokens.removeLast() }
            var k = diagnostics.count - 1
            while k >= reportedBefore {
                if diagnostics[k].range.lowerBound >= at { diagnostics.remove(at: k) }
                k -= 1
            }
            end = at
        }
        let kindName = head?.0 ?? ""
        let kindRange = head?.1 ?? (brace + 1)..<(brace + 1)
        var tag = Tag(range: open..<end, textRange: (open + 1)..<close, braceRange: brace..<end,
                      kindName: kindName, kindRange: kindRange, kind: TagKind(rawValue: kindName),
                      value: head?.2, valueRange: head?.3, attributes: attributes,
                      enclosingIncident: openIncident, isClosed: closed)
        if !closed && diagnostics.count == reportedBefore {
            report("unclosed-tag", brace..<end, "This tag's '{' is never closed; end the attributes with '}' on the same line.")
        }
        checkTag(&tag)
        tags.append(tag)
        return end
    }

    private mutating func checkTag(_ tag: inout Tag) {
        if tag.kindName.isEmpty {
            report("unknown-kind", tag.braceRange, "This tag has no kind; write one of: \(TagKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            return
        }
        guard let kind = tag.kind else {
            let hint = Suggest.closest(tag.kindName, among: TagKind.allCases.map(\.rawValue)).map { " Did you mean '\($0)'?" } ?? ""
            report("unknown-kind", tag.kindRange, "Unknown kind '\(tag.kindName)'.\(hint) Kinds: \(TagKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            return
        }
        if let v = tag.value, let vr = tag.valueRange {
            if kind.isFigure {
                if CountInterval.parse(v) == nil {
                    report("malformed-count", vr, "'\(v)' is not a count: use N, N+ (at least N) or N-M, or leave it out to read it from the text.")
                }
            } else if v.isEmpty || !IdentifierSyntax.isValid(v) {
                report("malformed-id", vr, "'\(v)' is not a valid id: use letters, digits, '-', '_', '.' or ':'.")
            }
        }
        checkAttributes(tag.attributes, allowed: kind.allowedAttributes, owner: "in this tag",
                        unknown: { "'\(kind.rawValue)' tags take no attribute '\($0)'." })
    }
}
