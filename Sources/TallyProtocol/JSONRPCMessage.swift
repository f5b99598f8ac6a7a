/// One JSON-RPC 2.0 message, as LSP uses them: a request (has `method` and
/// `id`), a notification (`method`, no `id`) or a response (`id` and exactly
/// one of `result` / `error`, no `method`).
///
/// `params: null` is read as absent params. Batches are not part of LSP and
/// are rejected.
public enum JSONRPCMessage: Sendable, Hashable {
    case request(id: RequestID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    /// `id` is nil only for error responses to messages whose id could not
    /// be read (the wire shows `"id": null`).
    case response(id: RequestID?, result: Result<JSONValue, ResponseError>)

    /// Why a JSON value is not a valid message, with the request id when it
    /// could be read so that the error response can carry it.
    public struct Invalid: Error, Sendable, Hashable {
        public let id: RequestID?
        public let error: ResponseError
        public init(id: RequestID?, error: ResponseError) {
            self.id = id
            self.error = error
        }
    }

    /// Classifies a parsed JSON value.
    public init(json: JSONValue) throws(Invalid) {
        guard case .object(let o) = json else {
            if case .array = json {
                throw Invalid(id: nil, error: .invalidRequest("batch messages are not supported"))
            }
            throw Invalid(id: nil, error: .invalidRequest("a message must be a JSON object, not \(json.typeName)"))
        }
        let rawID = o["id"]
        var id: RequestID? = nil
        if let rawID, !rawID.isNull {
            guard let parsed = RequestID(json: rawID) else {
                throw Invalid(id: nil, error: .invalidRequest("id must be an integer or a string"))
            }
            id = parsed
        }
        guard o["jsonrpc"]?.string == "2.0" else {
            throw Invalid(id: id, error: .invalidRequest("jsonrpc must be \"2.0\""))
        }
        if let method = o["method"] {
            guard let name = method.string else {
                throw Invalid(id: id, error: .invalidRequest("method must be a string"))
            }
            var params = o["params"]
            if params?.isNull == true { params = nil }
            if let p = params, p.array == nil, p.object == nil {
                throw Invalid(id: id, error: .invalidRequest("params must be an object or an array"))
            }
            if let id {
                self = .request(id: id, method: name, params: params)
            } else if rawID != nil {
                throw Invalid(id: nil, error: .invalidRequest("request id must not be null"))
            } else {
                self = .notification(method: name, params: params)
            }
            return
        }
        guard rawID != nil else {
            throw Invalid(id: nil, error: .invalidRequest("a message needs a method or an id"))
        }
        switch (o["result"], o["error"]) {
        case (let result?, nil):
            guard let id else { throw Invalid(id: nil, error: .invalidRequest("response id must not be null")) }
            self = .response(id: id, result: .success(result))
        case (nil, let error?):
            guard let e = ResponseError(json: error) else {
                throw Invalid(id: id, error: .invalidRequest("malformed error object"))
            }
            self = .response(id: id, result: .failure(e))
        default:
            throw Invalid(id: id, error: .invalidRequest("a response needs exactly one of result and error"))
        }
    }

    /// Parses and classifies a message body. Unparseable JSON becomes a
    /// `ParseError`, carrying the parser's location.
    public static func decode(_ body: [UInt8]) throws(Invalid) -> JSONRPCMessage {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw Invalid(id: nil, error: .parseError("invalid JSON: \(error)"))
        }
        return try JSONRPCMessage(json: value)
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["jsonrpc"] = "2.0"
        switch self {
        case .request(let id, let method, let params):
            o["id"] = id.json
            o["method"] = .string(method)
            if let params { o["params"] = params }
        case .notification(let method, let params):
            o["method"] = .string(method)
            if let params { o["params"] = params }
        case .response(let id, let result):
            o["id"] = id?.json ?? .null
            switch result {
            case .success(let value): o["result"] = value
            case .failure(let error): o["error"] = error.json
            }
        }
        return .object(o)
    }

    public func encoded() -> [UInt8] { JSONSerializer.serialize(json) }

    // MARK: Builders

    public static func success(id: RequestID, result: JSONValue) -> JSONRPCMessage {
        .response(id: id, result: .success(result))
    }

    public static func failure(id: RequestID?, error: ResponseError) -> JSONRPCMessage {
        .response(id: id, result: .failure(error))
    }

    public var method: String? {
        switch self {
        case .request(_, let m, _), .notification(let m, _): return m
        case .response: return nil
        }
    }
}
