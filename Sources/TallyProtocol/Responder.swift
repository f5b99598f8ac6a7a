import Foundation

/// Answers one request later, from any thread (for handlers registered with
/// `LanguageServer.onDeferredRequest`). Only the first answer is sent.
public struct Responder: Sendable {
    private final class Once: @unchecked Sendable {
        let lock = NSLock()
        var done = false
        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if done { return false }
            done = true
            return true
        }
    }

    private let once = Once()
    private let deliver: @Sendable (Result<JSONValue, ResponseError>) -> Void

    init(_ deliver: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void) {
        self.deliver = deliver
    }

    public func respond(_ result: Result<JSONValue, ResponseError>) {
        if once.claim() { deliver(result) }
    }

    public func succeed(_ value: JSONValue) { respond(.success(value)) }
    public func fail(_ error: ResponseError) { respond(.failure(error)) }
}
