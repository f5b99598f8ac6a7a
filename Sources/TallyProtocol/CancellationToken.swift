import Foundation

/// Set when the client cancels a request (`$/cancelRequest`) or the server
/// stops. Handlers poll it through `HandlerContext.isCancelled`.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}
