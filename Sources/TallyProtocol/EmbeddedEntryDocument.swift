import TallyAnalysis

/// The read-only documents that show entries of the embedded gazetteer,
/// which has no file to jump to: `tally-gazetteer:///embedded/<id>.md`, a
/// Markdown rendering of the entry. "Go to definition" on a name that
/// resolves to an embedded entry answers with such a URI, and the client
/// fetches its text with the LSP 3.18 request `workspace/textDocumentContent`
/// (`{"uri": ...}` → `{"text": ...}`).
enum EmbeddedEntryDocument {
    static let scheme = "tally-gazetteer"
    private static let prefix = "tally-gazetteer:///embedded/"

    /// The URI of the entry `id`.
    static func uri(ofEntry id: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in id.utf8 {
            let plain = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if plain {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return prefix + String(decoding: out, as: UTF8.self) + ".md"
    }

    /// The entry id named by `uri`, or nil when `uri` is not such a URI.
    static func entryID(of uri: String) -> String? {
        guard uri.hasPrefix(prefix), uri.hasSuffix(".md") else { return nil }
        let encoded = Array(uri.utf8.dropFirst(prefix.utf8.count).dropLast(3))
        var out: [UInt8] = []
        var i = 0
        while i < encoded.count {
            if encoded[i] == UInt8(ascii: "%"), i + 2 < encoded.count,
               let hi = hexValue(encoded[i + 1]), let lo = hexValue(encoded[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(encoded[i])
                i += 1
            }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// The Markdown text of the document at `uri`, or nil when `uri` names
    /// no entry of `gazetteer`'s embedded part.
    static func text(of uri: String, gazetteer: Gazetteer) -> String? {
        guard let id = entryID(of: uri), let entry = gazetteer.entry(id: id), entry.origin == .embedded else { return nil }
        return EntryMarkdown.render(entry, gazetteer: gazetteer) + "\n"
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}

extension LanguageFeatures {
    /// `workspace/textDocumentContent`: the text of a `tally-gazetteer:` document.
    func textDocumentContent(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        guard let uri = params?["uri"]?.string else { throw ResponseError.invalidParams("missing uri") }
        guard let text = EmbeddedEntryDocument.text(of: uri, gazetteer: ProjectLoader.embedded) else {
            throw ResponseError.invalidParams("no embedded gazetteer entry at \(uri)")
        }
        return ["text": .string(text)]
    }
}
