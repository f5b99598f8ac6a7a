/// What the post-change hook is told after the document store changed.
public struct DocumentChange: Sendable {
    public enum Kind: Sendable, Hashable {
        case opened, changed, closed
    }

    public let kind: Kind
    public let uri: String
    /// The document after the change; nil when it was closed.
    public let document: TextDocument?

    public init(kind: Kind, uri: String, document: TextDocument?) {
        self.kind = kind
        self.uri = uri
        self.document = document
    }
}
