/// What a handler gets besides its params: the request id, the client
/// session, a snapshot of the open documents, cancellation, and the client
/// connection for notifications and server-to-client requests.
public struct HandlerContext: Sendable {
    /// The request's id; nil for notifications and hooks.
    public let id: RequestID?
    public let method: String
    public let session: ClientSession
    /// The open documents when the handler was dispatched.
    public let documents: DocumentStore
    public let client: ClientConnection
    public let logger: ServerLogger
    /// The server, for `perform` (scheduling work on its serial queue).
    public let server: LanguageServer
    let token: CancellationToken

    public var positionEncoding: PositionEncoding { session.positionEncoding }

    /// True once the client cancelled this request (or the server stopped).
    public var isCancelled: Bool { token.isCancelled }

    /// Throws `RequestCancelled` when the request was cancelled; long
    /// handlers call it between steps.
    public func checkCancellation() throws(ResponseError) {
        if token.isCancelled { throw ResponseError.requestCancelled }
    }

    /// The open document named by `params.textDocument.uri`; `InvalidParams`
    /// when the field is missing or the document is not open.
    public func textDocument(_ params: JSONValue?) throws(ResponseError) -> TextDocument {
        guard let uri = params?["textDocument"]?["uri"]?.string else {
            throw ResponseError.invalidParams("missing textDocument.uri")
        }
        guard let document = documents[uri] else {
            throw ResponseError.invalidParams("document is not open: \(uri)")
        }
        return document
    }

    /// For `TextDocumentPositionParams`: the document, the position, and the
    /// position's byte offset (clamped) in the negotiated encoding.
    public func textDocumentPosition(_ params: JSONValue?) throws(ResponseError)
        -> (document: TextDocument, position: Position, offset: Int) {
        let document = try textDocument(params)
        guard let position = Position(json: params?["position"]) else {
            throw ResponseError.invalidParams("missing or invalid position")
        }
        return (document, position, document.offset(of: position, encoding: positionEncoding))
    }
}
