/// One entry of the `capabilities` object the server returns from
/// `initialize`, at a key path: `ServerCapability("hoverProvider", value: true)`
/// or `ServerCapability("workspace", "workspaceFolders", value: [...])`.
/// Entries are merged: objects at the same path combine member by member,
/// anything else is replaced by the later entry.
public struct ServerCapability: Sendable, Hashable {
    public let path: [String]
    public let value: JSONValue

    public init(_ path: String..., value: JSONValue) {
        precondition(!path.isEmpty, "a capability needs a key")
        self.path = path
        self.value = value
    }

    /// Merges `self` into `object`.
    func merge(into object: inout JSONObject) {
        Self.merge(value, at: path[...], into: &object)
    }

    private static func merge(_ value: JSONValue, at path: ArraySlice<String>, into object: inout JSONObject) {
        let key = path.first!
        if path.count == 1 {
            if case .object(var existing)? = object[key], case .object(let incoming) = value {
                for (k, v) in zip(incoming.keys, incoming.values) {
                    merge(v, at: [k][...], into: &existing)
                }
                object[key] = .object(existing)
            } else {
                object[key] = value
            }
            return
        }
        var child = object[key]?.object ?? JSONObject()
        merge(value, at: path.dropFirst(), into: &child)
        object[key] = .object(child)
    }
}
