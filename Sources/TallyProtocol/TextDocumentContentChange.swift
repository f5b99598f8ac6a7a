/// One entry of `textDocument/didChange`'s `contentChanges`.
public enum TextDocumentContentChange: Sendable, Hashable {
    /// The whole new text.
    case full(String)
    /// `range` (in the negotiated encoding) replaced by `text`. The
    /// deprecated `rangeLength` is ignored, as the specification allows.
    case incremental(range: LSPRange, text: String)

    public init?(json: JSONValue) {
        guard let text = json["text"]?.string else { return nil }
        if let rawRange = json["range"] {
            guard let range = LSPRange(json: rawRange) else { return nil }
            self = .incremental(range: range, text: text)
        } else {
            self = .full(text)
        }
    }

    public var json: JSONValue {
        switch self {
        case .full(let text): return ["text": .string(text)]
        case .incremental(let range, let text): return ["range": range.json, "text": .string(text)]
        }
    }
}
