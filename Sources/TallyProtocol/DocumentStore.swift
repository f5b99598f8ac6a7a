/// The open documents, by URI. A value: handlers receive a snapshot that
/// later edits do not change (copy-on-write makes snapshots cheap).
public struct DocumentStore: Sendable {
    private var documents: [String: TextDocument] = [:]

    public init() {}

    public subscript(uri: String) -> TextDocument? {
        get { documents[uri] }
        set { documents[uri] = newValue }
    }

    public var uris: [String] { documents.keys.sorted() }
    public var count: Int { documents.count }
    public var all: [TextDocument] { uris.compactMap { documents[$0] } }
}
