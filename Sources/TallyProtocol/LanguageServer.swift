import Foundation
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The LSP 3.17 server loop: framing, JSON-RPC dispatch, lifecycle, open
/// documents. It knows no language features; those are registered as
/// handlers:
///
/// ```swift
/// let server = LanguageServer(input: 0, output: 1, options: .init(logLevel: .info))
/// server.onRequest("textDocument/hover",
///                  capability: ServerCapability("hoverProvider", value: true)) { params, context in
///     let (document, _, offset) = try context.textDocumentPosition(params)
///     return hover(document.bytes, offset)      // a JSONValue
/// }
/// server.onDocumentChange { change, context in ... }   // e.g. schedule diagnostics
/// let status = server.run()
/// ```
///
/// Threads. A reader thread reads and decodes messages, marks cancellations
/// at once, and queues everything else on one serial queue, where lifecycle,
/// the document store and `.serial` handlers run in message order. At most
/// `maximumMessagesInFlight` messages wait on that queue; beyond that the
/// reader stops reading (so a client that never reads its responses cannot
/// grow the server's memory). Register handlers before `run()`.
///
/// Lifecycle (LSP 3.17): before `initialize`, requests get
/// `ServerNotInitialized` and notifications other than `exit` are dropped;
/// a second `initialize` gets `InvalidRequest`; after `shutdown` requests
/// get `InvalidRequest`; `exit` ends `run()` with 0 after `shutdown`, 1
/// otherwise. End of input and the death of the client process named by
/// `processId` end it the same way.
public final class LanguageServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var logLevel: LogLevel
        public var serverName: String
        public var serverVersion: String
        /// Bodies above this are skipped and answered with a `ParseError`.
        public var maximumMessageSize: Int
        /// Seconds between checks that the client process is alive.
        public var parentProcessPollInterval: Double
        public var maximumMessagesInFlight: Int
        /// Where local logs go; nil for none.
        public var logFileDescriptor: Int32?
        /// A client process to watch from the start (`--clientProcessId`).
        public var clientProcessId: Int32?

        public init(logLevel: LogLevel = .info, serverName: String = "tally", serverVersion: String = "0.1.0",
                    maximumMessageSize: Int = MessageReader.maximumMessageSize, parentProcessPollInterval: Double = 3,
                    maximumMessagesInFlight: Int = 256, logFileDescriptor: Int32? = 2, clientProcessId: Int32? = nil) {
            self.logLevel = logLevel
            self.serverName = serverName
            self.serverVersion = serverVersion
            self.maximumMessageSize = maximumMessageSize
            self.parentProcessPollInterval = parentProcessPollInterval
            self.maximumMessagesInFlight = maximumMessagesInFlight
            self.logFileDescriptor = logFileDescriptor
            self.clientProcessId = clientProcessId
        }
    }

    public typealias RequestHandler = @Sendable (_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue
    public typealias DeferredRequestHandler = @Sendable (_ params: JSONValue?, _ context: HandlerContext, _ responder: Responder) -> Void
    public typealias NotificationHandler = @Sendable (_ params: JSONValue?, _ context: HandlerContext) throws -> Void
    public typealias DocumentChangeHook = @Sendable (_ change: DocumentChange, _ context: HandlerContext) -> Void
    public typealias CapabilityProvider = @Sendable (_ session: ClientSession) -> [ServerCapability]
    public typealias InitializeHook = @Sendable (_ session: ClientSession) throws -> Void
    public typealias ContextHook = @Sendable (_ context: HandlerContext) -> Void

    private enum RequestRoute {
        case immediate(RequestHandler, HandlerExecution)
        case deferred(DeferredRequestHandler)
    }

    private enum Lifecycle {
        case uninitialized, running, shutDown
    }

    public let options: Options
    public let logger: ServerLogger
    public let client: ClientConnection

    private let reader: MessageReader
    private let queue = DispatchQueue(label: "tally.lsp.server")
    private let workers = DispatchQueue(label: "tally.lsp.workers", attributes: .concurrent)
    private let inFlight: DispatchSemaphore
    private let stopped = DispatchSemaphore(value: 0)
    private let readerFinished = DispatchSemaphore(value: 0)

    // Registration tables: written before run(), read on the queue.
    private let registrationLock = NSLock()
    private var requestRoutes: [String: RequestRoute] = [:]
    private var notificationHandlers: [String: NotificationHandler] = [:]
    private var changeHooks: [DocumentChangeHook] = []
    private var staticCapabilities: [ServerCapability] = []
    private var capabilityProviders: [CapabilityProvider] = []
    private var initializeHooks: [InitializeHook] = []
    private var initializedHooks: [ContextHook] = []

    // Queue-confined state.
    private var lifecycle = Lifecycle.uninitialized
    private var initializedReceived = false
    private var session = ClientSession()
    private var documents = DocumentStore()

    // Shared between the reader thread, the queue and workers.
    private let stateLock = NSLock()
    private var pendingRequests: [RequestID: CancellationToken] = [:]
    private var exitCode: Int32? = nil
    private var shutdownRequested = false
    private var parentWatch: DispatchSourceTimer? = nil

    /// Methods the base server implements itself (never `MethodNotFound`).
    static let builtInNotifications: Set<String> = [
        "initialized", "exit", "$/cancelRequest",
        "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose",
    ]

    public init(input: Int32, output: Int32, options: Options = Options()) {
        self.options = options
        self.logger = ServerLogger(level: options.logLevel, errorFileDescriptor: options.logFileDescriptor)
        self.reader = MessageReader(fileDescriptor: input, maximumMessageSize: options.maximumMessageSize)
        self.client = ClientConnection(writer: MessageWriter(fileDescriptor: output), logger: logger)
        self.inFlight = DispatchSemaphore(value: max(1, options.maximumMessagesInFlight))
    }

    // MARK: - Registration

    /// Registers a request handler. Its return value is the response's
    /// `result`; it throws `ResponseError` for a specific error (e.g.
    /// `.invalidParams(...)`), and any other error becomes `InternalError`.
    /// `capability` is merged into the `initialize` result.
    public func onRequest(_ method: String, capability: ServerCapability? = nil,
                          execution: HandlerExecution = .serial, _ handler: @escaping RequestHandler) {
        register { self.requestRoutes[method] = .immediate(handler, execution) }
        if let capability { addCapability(capability) }
    }

    /// Registers a handler that answers later through its `Responder` (for
    /// example after asking the client for configuration). It is called on
    /// the serial queue.
    public func onDeferredRequest(_ method: String, capability: ServerCapability? = nil,
                                  _ handler: @escaping DeferredRequestHandler) {
        register { self.requestRoutes[method] = .deferred(handler) }
        if let capability { addCapability(capability) }
    }

    /// Registers a notification handler, run on the serial queue. For the
    /// document notifications it runs after the built-in store update.
    public func onNotification(_ method: String, _ handler: @escaping NotificationHandler) {
        register { self.notificationHandlers[method] = handler }
    }

    /// Adds a hook called on the serial queue after every open, change and
    /// close, once the store holds the new state. Meant for scheduling
    /// (debounced) diagnostics; it should return quickly.
    public func onDocumentChange(_ hook: @escaping DocumentChangeHook) {
        register { self.changeHooks.append(hook) }
    }

    /// Adds a fixed entry to the `initialize` result's capabilities.
    public func addCapability(_ capability: ServerCapability) {
        register { self.staticCapabilities.append(capability) }
    }

    /// Adds capabilities that depend on what the client supports.
    public func addCapabilities(_ provider: @escaping CapabilityProvider) {
        register { self.capabilityProviders.append(provider) }
    }

    /// Called during `initialize`, before the result is built (read
    /// `initializationOptions`, workspace folders...). Throwing a
    /// `ResponseError` fails the initialize request.
    public func onInitialize(_ hook: @escaping InitializeHook) {
        register { self.initializeHooks.append(hook) }
    }

    /// Called when the client's `initialized` notification arrives: the place
    /// for dynamic registrations, configuration requests, workspace indexing.
    public func onInitialized(_ hook: @escaping ContextHook) {
        register { self.initializedHooks.append(hook) }
    }

    private func register(_ change: () -> Void) {
        registrationLock.lock()
        change()
        registrationLock.unlock()
    }

    private func snapshotRegistrations<T>(_ read: () -> T) -> T {
        registrationLock.lock()
        defer { registrationLock.unlock() }
        return read()
    }

    /// Runs `work` on the serial queue with a fresh context (current
    /// session and documents); for results computed elsewhere, such as
    /// debounced diagnostics.
    public func perform(_ work: @escaping ContextHook) {
        queue.async {
            work(self.makeContext(id: nil, method: "", token: CancellationToken()))
        }
    }

    // MARK: - Running

    /// Serves until `exit`, end of input, or the client process's death;
    /// returns the exit status (0 after `shutdown`, 1 otherwise).
    public func run() -> Int32 {
        client.setWriteFailureHandler { [self] in stop(code: 1) }
        if let pid = options.clientProcessId { watchParent(pid) }
        let thread = Thread { [self] in
            readLoop()
            readerFinished.signal()
        }
        thread.name = "tally.lsp.reader"
        thread.start()
        stopped.wait()
        stateLock.lock()
        let code = exitCode ?? 1
        parentWatch?.cancel()
        parentWatch = nil
        let tokens = Array(pendingRequests.values)
        stateLock.unlock()
        for token in tokens { token.cancel() }
        // Break the reference cycles set up for the run.
        client.setWriteFailureHandler(nil)
        logger.setForwarding(nil)
        return code
    }

    /// Waits (up to `timeout` seconds) for the reader thread to end, which
    /// it does at end of input. For tests that own the pipes.
    func waitForReader(timeout: Double) -> Bool {
        readerFinished.wait(timeout: .now() + timeout) == .success
    }

    private var isStopped: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return exitCode != nil
    }

    private func stop(code: Int32) {
        stateLock.lock()
        let first = exitCode == nil
        if first { exitCode = code }
        stateLock.unlock()
        if first { stopped.signal() }
    }

    private func stopAfterCurrentState() {
        stateLock.lock()
        let code: Int32 = shutdownRequested ? 0 : 1
        stateLock.unlock()
        stop(code: code)
    }

    // MARK: - Reading (reader thread)

    private func readLoop() {
        while !isStopped {
            let body: [UInt8]
            do {
                guard let next = try reader.readMessage() else {
                    logger.info("end of input")
                    queue.async { self.stopAfterCurrentState() }
                    return
                }
                body = next
            } catch {
                if error.isFatal {
                    logger.error("\(error)")
                    queue.async { self.stopAfterCurrentState() }
                    return
                }
                logger.error("\(error)")
                client.send(.failure(id: nil, error: .parseError(error.description)))
                continue
            }
            let message: JSONRPCMessage
            do {
                message = try JSONRPCMessage.decode(body)
            } catch {
                logger.warn("refused message: \(error.error.message)")
                client.send(.failure(id: error.id, error: error.error))
                continue
            }
            switch message {
            case .request(let id, let method, _):
                stateLock.lock()
                let duplicate = pendingRequests[id] != nil
                if !duplicate { pendingRequests[id] = CancellationToken() }
                stateLock.unlock()
                if duplicate {
                    logger.warn("refused \(method): request id \(id) is already in use")
                    client.send(.failure(id: id, error: .invalidRequest("request id \(id) is already in use")))
                    continue
                }
            case .notification("$/cancelRequest", let params):
                if let raw = params?["id"], let id = RequestID(json: raw) {
                    stateLock.lock()
                    let token = pendingRequests[id]
                    stateLock.unlock()
                    token?.cancel()
                    logger.debug("cancel request \(id)\(token == nil ? " (not pending)" : "")")
                }
                continue
            default:
                break
            }
            inFlight.wait()
            queue.async {
                // A concurrent handler takes over the message's slot and
                // releases it when it finishes.
                if !self.handle(message) { self.inFlight.signal() }
            }
        }
    }

    // MARK: - Dispatch (serial queue)

    private func makeContext(id: RequestID?, method: String, token: CancellationToken) -> HandlerContext {
        HandlerContext(id: id, method: method, session: session, documents: documents,
                       client: client, logger: logger, server: self, token: token)
    }

    /// Returns true when the message's in-flight slot passed to a worker.
    private func handle(_ message: JSONRPCMessage) -> Bool {
        if isStopped { return false }
        if logger.isEnabled(.debug) {
            switch message {
            case .request(let id, let method, _): logger.debug("<- request \(id) \(method)")
            case .notification(let method, _): logger.debug("<- notification \(method)")
            case .response(let id, _): logger.debug("<- response \(id.map(String.init(describing:)) ?? "null")")
            }
        }
        switch message {
        case .request(let id, let method, let params):
            return handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
        case .response(let id, let result):
            if !client.handleResponse(id: id, result: result) {
                logger.warn("response with unknown id \(id.map(String.init(describing:)) ?? "null") ignored")
            }
        }
        return false
    }

    private func token(for id: RequestID) -> CancellationToken {
        stateLock.lock()
        defer { stateLock.unlock() }
        return pendingRequests[id] ?? CancellationToken()
    }

    /// Sends the response for `id`, or `RequestCancelled` if the request was
    /// cancelled meanwhile, and forgets the request.
    private func reply(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        stateLock.lock()
        let token = pendingRequests.removeValue(forKey: id)
        stateLock.unlock()
        if token?.isCancelled == true {
            client.send(.failure(id: id, error: .requestCancelled))
        } else {
            client.send(.response(id: id, result: result))
        }
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue?) -> Bool {
        switch lifecycle {
        case .uninitialized:
            if method == "initialize" {
                reply(id, initialize(params))
            } else {
                logger.warn("refused \(method): server not initialized")
                reply(id, .failure(.serverNotInitialized))
            }
            return false
        case .shutDown:
            logger.warn("refused \(method): server is shut down")
            reply(id, .failure(.invalidRequest("server is shut down")))
            return false
        case .running:
            break
        }
        if method == "initialize" {
            reply(id, .failure(.invalidRequest("initialize was already received")))
            return false
        }
        if method == "shutdown" {
            lifecycle = .shutDown
            stateLock.lock()
            shutdownRequested = true
            stateLock.unlock()
            reply(id, .success(.null))
            return false
        }
        let token = self.token(for: id)
        if token.isCancelled {
            reply(id, .failure(.requestCancelled))
            return false
        }
        let route = snapshotRegistrations { requestRoutes[method] }
        guard let route else {
            let isNotification = Self.builtInNotifications.contains(method)
                || snapshotRegistrations { notificationHandlers[method] != nil }
            if isNotification {
                logger.warn("refused \(method): a notification sent with an id")
                reply(id, .failure(.invalidRequest("\(method) is a notification and must not have an id")))
            } else {
                logger.info("unknown request \(method)")
                reply(id, .failure(.methodNotFound(method)))
            }
            return false
        }
        let context = makeContext(id: id, method: method, token: token)
        switch route {
        case .immediate(let handler, .serial):
            reply(id, invoke(handler, params, context))
        case .immediate(let handler, .concurrent):
            workers.async {
                self.reply(id, self.invoke(handler, params, context))
                self.inFlight.signal()
            }
            return true
        case .deferred(let handler):
            handler(params, context, Responder { result in self.reply(id, result) })
        }
        return false
    }

    private func invoke(_ handler: RequestHandler, _ params: JSONValue?, _ context: HandlerContext) -> Result<JSONValue, ResponseError> {
        do {
            return .success(try handler(params, context))
        } catch let error as ResponseError {
            if error.code != .requestCancelled {
                logger.warn("\(context.method) failed: \(error.message)")
            }
            return .failure(error)
        } catch {
            logger.error("\(context.method) failed: \(error)")
            return .failure(.internalError("\(error)"))
        }
    }

    private func handleNotification(method: String, params: JSONValue?) {
        if method == "exit" {
            stopAfterCurrentState()
            return
        }
        switch lifecycle {
        case .uninitialized:
            logger.warn("dropped \(method): server not initialized")
            return
        case .shutDown:
            logger.warn("dropped \(method): server is shut down")
            return
        case .running:
            break
        }
        let context = makeContext(id: nil, method: method, token: CancellationToken())
        switch method {
        case "initialized":
            guard !initializedReceived else {
                logger.warn("dropped a second initialized notification")
                return
            }
            initializedReceived = true
            for hook in snapshotRegistrations({ initializedHooks }) { hook(context) }
        case "textDocument/didOpen":
            didOpen(params)
        case "textDocument/didChange":
            didChange(params)
        case "textDocument/didClose":
            didClose(params)
        default:
            break
        }
        if let handler = snapshotRegistrations({ notificationHandlers[method] }) {
            do {
                try handler(params, makeContext(id: nil, method: method, token: CancellationToken()))
            } catch {
                logger.warn("\(method) failed: \(error)")
            }
        } else if !Self.builtInNotifications.contains(method) && !method.hasPrefix("$/") {
            if snapshotRegistrations({ requestRoutes[method] != nil }) {
                logger.warn("dropped \(method): a request sent without an id")
            } else {
                logger.info("unknown notification \(method) ignored")
            }
        }
    }

    // MARK: - Lifecycle

    private func initialize(_ params: JSONValue?) -> Result<JSONValue, ResponseError> {
        guard let params, params.object != nil else {
            return .failure(.invalidParams("initialize needs an InitializeParams object"))
        }
        var processId: Int? = nil
        if let raw = params["processId"], !raw.isNull {
            guard let pid = raw.int else { return .failure(.invalidParams("processId must be an integer or null")) }
            processId = pid
        }
        let capabilities = params["capabilities"] ?? [:]
        guard capabilities.object != nil else { return .failure(.invalidParams("capabilities must be an object")) }
        let offered = capabilities[path: "general", "positionEncodings"]?.array?.compactMap(\.string)
        let newSession = ClientSession(
            capabilities: capabilities,
            positionEncoding: PositionEncoding.negotiate(offered: offered),
            processId: processId,
            rootURI: params["rootUri"]?.string,
            rootPath: params["rootPath"]?.string,
            workspaceFolders: params["workspaceFolders"].flatMap { $0.isNull ? nil : $0 },
            initializationOptions: params["initializationOptions"].flatMap { $0.isNull ? nil : $0 },
            clientName: params[path: "clientInfo", "name"]?.string,
            trace: params["trace"]?.string)
        let (hooks, fixed, providers) = snapshotRegistrations { (initializeHooks, staticCapabilities, capabilityProviders) }
        do {
            for hook in hooks { try hook(newSession) }
        } catch let error as ResponseError {
            return .failure(error)
        } catch {
            return .failure(.internalError("\(error)"))
        }
        session = newSession
        client.setSession(newSession)
        lifecycle = .running

        var capabilityObject = JSONObject()
        capabilityObject["positionEncoding"] = .string(newSession.positionEncoding.rawValue)
        // Full or incremental sync with open/close notifications.
        capabilityObject["textDocumentSync"] = ["openClose": true, "change": 2]
        for capability in fixed { capability.merge(into: &capabilityObject) }
        for provider in providers {
            for capability in provider(newSession) { capability.merge(into: &capabilityObject) }
        }

        let client = self.client
        logger.setForwarding { level, message in client.logMessage(level, message) }
        if let pid = processId, let pid32 = Int32(exactly: pid) { watchParent(pid32) }
        logger.info("initialized for \(newSession.clientName ?? "an unnamed client"), positions in \(newSession.positionEncoding.rawValue)")
        return .success([
            "capabilities": .object(capabilityObject),
            "serverInfo": ["name": .string(options.serverName), "version": .string(options.serverVersion)],
        ])
    }

    /// Polls `kill(pid, 0)`; when the process is gone, stops the server.
    private func watchParent(_ pid: Int32) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        let interval = max(0.01, options.parentProcessPollInterval)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            if kill(pid, 0) != 0 && errno == ESRCH {
                self.logger.error("client process \(pid) is gone; exiting")
                self.stopAfterCurrentState()
            }
        }
        stateLock.lock()
        parentWatch?.cancel()
        parentWatch = timer
        stateLock.unlock()
        timer.resume()
    }

    // MARK: - Documents

    private func notifyChange(_ change: DocumentChange) {
        let hooks = snapshotRegistrations { changeHooks }
        guard !hooks.isEmpty else { return }
        let context = makeContext(id: nil, method: "", token: CancellationToken())
        for hook in hooks { hook(change, context) }
    }

    private func didOpen(_ params: JSONValue?) {
        guard let item = params?["textDocument"], let uri = item["uri"]?.string,
              let text = item["text"]?.string, let version = item["version"]?.int else {
            logger.warn("refused textDocument/didOpen: malformed params")
            return
        }
        if documents[uri] != nil { logger.warn("textDocument/didOpen for an open document \(uri); replacing it") }
        let document = TextDocument(uri: uri, languageId: item["languageId"]?.string ?? "", version: version, text: text)
        documents[uri] = document
        notifyChange(DocumentChange(kind: .opened, uri: uri, document: document))
    }

    private func didChange(_ params: JSONValue?) {
        guard let uri = params?[path: "textDocument", "uri"]?.string,
              let rawChanges = params?["contentChanges"]?.array else {
            logger.warn("refused textDocument/didChange: malformed params")
            return
        }
        guard var document = documents[uri] else {
            logger.warn("refused textDocument/didChange: \(uri) is not open")
            return
        }
        var changes: [TextDocumentContentChange] = []
        for raw in rawChanges {
            guard let change = TextDocumentContentChange(json: raw) else {
                logger.warn("refused textDocument/didChange for \(uri): malformed content change")
                return
            }
            changes.append(change)
        }
        let version = params?[path: "textDocument", "version"]?.int ?? document.version
        if version <= document.version {
            logger.warn("textDocument/didChange for \(uri): version \(version) after \(document.version)")
        }
        document.apply(changes, version: version, encoding: session.positionEncoding)
        documents[uri] = document
        notifyChange(DocumentChange(kind: .changed, uri: uri, document: document))
    }

    private func didClose(_ params: JSONValue?) {
        guard let uri = params?[path: "textDocument", "uri"]?.string else {
            logger.warn("refused textDocument/didClose: malformed params")
            return
        }
        guard documents[uri] != nil else {
            logger.warn("refused textDocument/didClose: \(uri) is not open")
            return
        }
        documents[uri] = nil
        notifyChange(DocumentChange(kind: .closed, uri: uri, document: nil))
    }
}
