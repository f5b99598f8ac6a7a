import Testing
import TallySyntax
import TallyProtocol

/// Applies the edits a language server returns, as an editor would, and
/// checks that they lose nothing: edits do not overlap, the article text
/// (the document without its markup) is unchanged, and, where asked, no
/// edit touches a byte of article text at all.
enum ReturnedEdits {
    /// The `TextEdit`s of a `WorkspaceEdit` per URI (`changes` or `documentChanges`).
    static func perURI(_ workspaceEdit: JSONValue?) -> [String: [JSONValue]] {
        var out: [String: [JSONValue]] = [:]
        if let changes = workspaceEdit?["changes"]?.object {
            for (uri, edits) in changes.members { out[uri, default: []] += edits.array ?? [] }
        }
        for change in workspaceEdit?["documentChanges"]?.array ?? [] {
            guard let uri = change[path: "textDocument", "uri"]?.string else { continue }
            out[uri, default: []] += change["edits"]?.array ?? []
        }
        return out
    }

    /// `bytes` with the LSP `edits` applied; also the replaced byte ranges of
    /// the original. Records an issue when two edits overlap.
    static func apply(_ edits: [JSONValue], to bytes: [UInt8], encoding: PositionEncoding)
        -> (bytes: [UInt8], replaced: [Range<Int>]) {
        let text = PositionConverter(bytes: bytes)
        var resolved: [(Range<Int>, [UInt8])] = []
        for edit in edits {
            guard let range = LSPRange(json: edit["range"]), let newText = edit["newText"]?.string else {
                Issue.record("not a TextEdit: \(edit)")
                continue
            }
            resolved.append((text.byteRange(of: range, encoding: encoding), Array(newText.utf8)))
        }
        resolved.sort { $0.0.lowerBound < $1.0.lowerBound }
        for (a, b) in zip(resolved, resolved.dropFirst()) where a.0.upperBound > b.0.lowerBound {
            Issue.record("overlapping edits \(a.0) and \(b.0)")
        }
        var out = bytes
        for (range, replacement) in resolved.reversed() { out.replaceSubrange(range, with: replacement) }
        return (out, resolved.map(\.0))
    }

    /// Applies `edits` to a Tally document and checks that its article text
    /// is unchanged; with `markupOnly`, also that no replaced range covers a
    /// byte of article text or tag text. Returns the new text.
    @discardableResult
    static func applyToDocument(_ edits: [JSONValue], _ text: String, encoding: PositionEncoding, markupOnly: Bool,
                                sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let before = Array(text.utf8)
        let (after, replaced) = apply(edits, to: before, encoding: encoding)
        let old = SyntaxTree.parse(bytes: before), new = SyntaxTree.parse(bytes: after)
        #expect(new.articleText() == old.articleText(), "article text changed", sourceLocation: sourceLocation)
        if markupOnly {
            for token in old.tokens where token.kind == .text || token.kind == .tagText {
                for range in replaced where range.overlaps(token.range) {
                    Issue.record("edit \(range) touches article text \(token.range)", sourceLocation: sourceLocation)
                }
            }
        }
        return String(decoding: after, as: UTF8.self)
    }
}
