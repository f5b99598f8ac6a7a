import Foundation

/// The server's line to the client: notifications, server-to-client requests
/// whose replies are matched by id and handed to callbacks, and the helpers
/// for the requests LSP gates behind client capabilities. Thread-safe.
///
/// Reply callbacks run on the server's serial queue.
public final class ClientConnection: @unchecked Sendable {
    public typealias ReplyHandler = @Sendable (Result<JSONValue, ResponseError>) -> Void

    private let writer: MessageWriter
    private let logger: ServerLogger
    private let lock = NSLock()
    private var nextID: Int64 = 1
    private var pendingReplies: [RequestID: ReplyHandler] = [:]
    private var currentSession = ClientSession()
    private var writeFailureHandler: (@Sendable () -> Void)? = nil

    init(writer: MessageWriter, logger: ServerLogger) {
        self.writer = writer
        self.logger = logger
    }

    /// The session negotiated in `initialize` (a default one before).
    public var session: ClientSession {
        lock.lock()
        defer { lock.unlock() }
        return currentSession
    }

    func setSession(_ session: ClientSession) {
        lock.lock()
        currentSession = session
        lock.unlock()
    }

    func setWriteFailureHandler(_ handler: (@Sendable () -> Void)?) {
        lock.lock()
        writeFailureHandler = handler
        lock.unlock()
    }

    // MARK: Sending

    func send(_ message: JSONRPCMessage) {
        do {
            try writer.write(body: message.encoded())
        } catch {
            lock.lock()
            let handler = writeFailureHandler
            writeFailureHandler = nil
            lock.unlock()
            if let handler {
                logger.log(.error, "cannot write to the client: \(error)")
                handler()
            }
        }
    }

    public func sendNotification(_ method: String, _ params: JSONValue? = nil) {
        send(.notification(method: method, params: params))
    }

    /// Sends a request to the client; `onReply` receives its result or error.
    @discardableResult
    public func sendRequest(_ method: String, _ params: JSONValue? = nil, onReply: @escaping ReplyHandler) -> RequestID {
        lock.lock()
        let id = RequestID.int(nextID)
        nextID += 1
        pendingReplies[id] = onReply
        lock.unlock()
        send(.request(id: id, method: method, params: params))
        return id
    }

    /// Routes a response from the client; false if no request has that id.
    func handleResponse(id: RequestID?, result: Result<JSONValue, ResponseError>) -> Bool {
        guard let id else { return false }
        lock.lock()
        let handler = pendingReplies.removeValue(forKey: id)
        lock.unlock()
        guard let handler else { return false }
        handler(result)
        return true
    }

    var pendingReplyCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return pendingReplies.count
    }

    // MARK: LSP helpers

    /// `window/logMessage` with the LSP message type for `level`.
    public func logMessage(_ level: LogLevel, _ message: String) {
        sendNotification("window/logMessage", ["type": .int(Int64(level.messageType)), "message": .string(message)])
    }

    /// `window/showMessage` (type: 1 error, 2 warning, 3 info, 4 log).
    public func showMessage(type: Int, _ message: String) {
        sendNotification("window/showMessage", ["type": .int(Int64(type)), "message": .string(message)])
    }

    /// `workspace/configuration`, only if the client declared
    /// `workspace.configuration`; returns whether the request was sent.
    @discardableResult
    public func requestConfiguration(items: [JSONValue], onReply: @escaping ReplyHandler) -> Bool {
        guard session.supports("workspace", "configuration") else { return false }
        sendRequest("workspace/configuration", ["items": .array(items)], onReply: onReply)
        return true
    }

    /// `client/registerCapability` for one registration, only if the client
    /// supports dynamic registration of `method` (see
    /// `ClientSession.supportsDynamicRegistration`); returns whether it was sent.
    @discardableResult
    public func registerCapability(id: String, method: String, registerOptions: JSONValue? = nil,
                                   onReply: @escaping ReplyHandler) -> Bool {
        guard session.supportsDynamicRegistration(of: method) else { return false }
        var registration: JSONObject = ["id": .string(id), "method": .string(method)]
        if let registerOptions { registration["registerOptions"] = registerOptions }
        sendRequest("client/registerCapability", ["registrations": [.object(registration)]], onReply: onReply)
        return true
    }

    /// `window/workDoneProgress/create`, only if the client declared
    /// `window.workDoneProgress`; returns whether it was sent.
    @discardableResult
    public func createWorkDoneProgress(token: JSONValue, onReply: @escaping ReplyHandler) -> Bool {
        guard session.supports("window", "workDoneProgress") else { return false }
        sendRequest("window/workDoneProgress/create", ["token": token], onReply: onReply)
        return true
    }

    /// `$/progress` with a work-done value (`{"kind": "begin", ...}`).
    public func sendProgress(token: JSONValue, value: JSONValue) {
        sendNotification("$/progress", ["token": token, "value": value])
    }
}
