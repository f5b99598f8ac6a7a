import TallyAnalysis

/// Turns analysis text edits (byte ranges per URI) into LSP `TextEdit`s and
/// `WorkspaceEdit`s in the negotiated position encoding.
///
/// A client that declares `workspace.workspaceEdit.documentChanges` gets
/// `documentChanges` with the version each edit was computed against (null
/// for files that are not open), so it refuses an edit made for an older
/// text instead of applying it in the wrong place; other clients get
/// `changes`.
struct WorkspaceEditTranslation: Sendable {
    var encoding: PositionEncoding
    var documentChanges: Bool

    init(encoding: PositionEncoding, documentChanges: Bool) {
        self.encoding = encoding
        self.documentChanges = documentChanges
    }

    init(session: ClientSession) {
        self.init(encoding: session.positionEncoding,
                  documentChanges: session.supports("workspace", "workspaceEdit", "documentChanges"))
    }

    /// LSP `TextEdit[]`, sorted by position.
    func textEdits(_ edits: [TextEdit], in text: PositionConverter) -> JSONValue {
        .array(edits.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { edit in
            ["range": text.range(of: edit.range, encoding: encoding).json, "newText": .string(edit.newText)]
        })
    }

    /// A `WorkspaceEdit`; nil when the text of one of the URIs is unknown
    /// (an edit that cannot be placed is not sent at all).
    func workspaceEdit(_ edits: [String: [TextEdit]], text: (String) -> PositionConverter?,
                       version: (String) -> Int?) -> JSONValue? {
        var changes = JSONObject()
        var list: [JSONValue] = []
        for uri in edits.keys.sorted() {
            guard let target = text(uri) else { return nil }
            let converted = textEdits(edits[uri]!, in: target)
            if documentChanges {
                let v: JSONValue = version(uri).map { .int(Int64($0)) } ?? .null
                list.append(["textDocument": ["uri": .string(uri), "version": v], "edits": converted])
            } else {
                changes[uri] = converted
            }
        }
        return documentChanges ? ["documentChanges": .array(list)] : ["changes": .object(changes)]
    }
}
