/// What the client said about itself in `initialize`, plus the negotiated
/// position encoding.
public struct ClientSession: Sendable {
    /// The `capabilities` object sent by the client (`{}` if absent).
    public let capabilities: JSONValue
    public let positionEncoding: PositionEncoding
    public let processId: Int?
    public let rootURI: String?
    /// The deprecated `rootPath`, for clients that send no URI.
    public let rootPath: String?
    /// `workspaceFolders` as sent (array of `{uri, name}`), or nil.
    public let workspaceFolders: JSONValue?
    public let initializationOptions: JSONValue?
    public let clientName: String?
    public let trace: String?

    public init(capabilities: JSONValue = [:], positionEncoding: PositionEncoding = .utf16, processId: Int? = nil,
                rootURI: String? = nil, rootPath: String? = nil, workspaceFolders: JSONValue? = nil, initializationOptions: JSONValue? = nil,
                clientName: String? = nil, trace: String? = nil) {
        self.capabilities = capabilities
        self.positionEncoding = positionEncoding
        self.processId = processId
        self.rootURI = rootURI
        self.rootPath = rootPath
        self.workspaceFolders = workspaceFolders
        self.initializationOptions = initializationOptions
        self.clientName = clientName
        self.trace = trace
    }

    /// True when the capability at `path` is `true`:
    /// `supports("workspace", "configuration")`.
    public func supports(_ path: String...) -> Bool {
        var v: JSONValue? = capabilities
        for key in path { v = v?[key] }
        return v?.bool == true
    }

    /// The capability value at `path`, if present.
    public func capability(_ path: String...) -> JSONValue? {
        var v: JSONValue? = capabilities
        for key in path { v = v?[key] }
        return v
    }

    /// Whether the client can have `method` ("textDocument/completion",
    /// "workspace/didChangeWatchedFiles", ...) registered dynamically: the
    /// capability `<first part>.<second part>.dynamicRegistration`.
    public func supportsDynamicRegistration(of method: String) -> Bool {
        let parts = method.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        return supports(parts[0], parts[1], "dynamicRegistration")
    }
}
