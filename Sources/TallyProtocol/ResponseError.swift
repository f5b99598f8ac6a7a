/// The `error` member of a JSON-RPC response. Handlers throw it to answer a
/// request with a specific error; any other error thrown by a handler is
/// answered as `InternalError`.
public struct ResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var data: JSONValue?

    public init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static func parseError(_ message: String) -> ResponseError { .init(.parseError, message) }
    public static func invalidRequest(_ message: String) -> ResponseError { .init(.invalidRequest, message) }
    public static func methodNotFound(_ method: String) -> ResponseError {
        .init(.methodNotFound, "method not found: \(method)")
    }
    public static func invalidParams(_ message: String) -> ResponseError { .init(.invalidParams, message) }
    public static func internalError(_ message: String) -> ResponseError { .init(.internalError, message) }
    public static let serverNotInitialized = ResponseError(.serverNotInitialized, "server not initialized")
    public static let requestCancelled = ResponseError(.requestCancelled, "request cancelled")
    public static func requestFailed(_ message: String) -> ResponseError { .init(.requestFailed, message) }
    public static let contentModified = ResponseError(.contentModified, "content modified")
    public static let serverCancelled = ResponseError(.serverCancelled, "server cancelled the request")

    /// Reads an `error` object; nil unless it has an integer code and a
    /// string message.
    public init?(json: JSONValue) {
        guard let code = json["code"]?.int, let message = json["message"]?.string else { return nil }
        self.init(ErrorCode(rawValue: code), message, data: json["data"])
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["code"] = .int(Int64(code.rawValue))
        o["message"] = .string(message)
        if let data { o["data"] = data }
        return .object(o)
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
